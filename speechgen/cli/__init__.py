"""The command line: the typer app and one module per command. Nothing imports this package.

Takes the writer's arguments, calls the facade and the steps below it, prints through
:mod:`speechgen.console` and turns errors into exit codes (DESIGN.md §5).
"""

from __future__ import annotations


def main() -> None:
    """Console-script entry point (see :func:`speechgen.cli.app.main`)."""
    from .app import main as run

    run()

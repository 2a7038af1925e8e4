"""Fixtures shared by every test folder: the CLI runner, a full brief, copies of the examples.

Builders that are not fixtures live in ``helpers.py``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The suite keeps its own cache folder (compiled templates, parsed material), so runs in
# other checkouts on the same machine never share or prune it under a running test.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="speechgen-test-cache-")

pytest.register_assert_rewrite("helpers")

from typer.testing import CliRunner  # noqa: E402

from speechgen.cli.app import app  # noqa: E402

from helpers import EXAMPLES, FULL_BRIEF, write_brief  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """speechgen's cache (compiled templates, hint markers) in a folder of the test run's own."""
    import os

    old = os.environ.get("SPEECHGEN_CACHE_DIR")
    os.environ["SPEECHGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("speechgen-cache"))
    yield
    if old is None:
        os.environ.pop("SPEECHGEN_CACHE_DIR", None)
    else:
        os.environ["SPEECHGEN_CACHE_DIR"] = old


@pytest.fixture
def runner() -> CliRunner:
    """A typer CliRunner (stderr captured separately)."""
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner):
    """Run the CLI with arguments; returns the click Result."""

    def _invoke(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return _invoke


@pytest.fixture
def full_brief(tmp_path: Path) -> Path:
    """A complete brief with a falling rank, in a temporary folder."""
    return write_brief(tmp_path, FULL_BRIEF)


@pytest.fixture
def example_copy(tmp_path: Path):
    """Copy an example brief into tmp_path so rendering never writes into the repository."""

    def _copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copy(EXAMPLES / name, target)
        return target

    return _copy

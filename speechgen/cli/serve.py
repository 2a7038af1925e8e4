"""``speechgen serve``: the browser workspace; its logic lives in :mod:`speechgen.web.command`."""

from __future__ import annotations

from ..web.command import run_serve

__all__ = ["run_serve"]

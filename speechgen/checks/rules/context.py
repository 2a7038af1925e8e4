"""What every rule may consult besides the document: the brief, the speaking rate."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Document
from ..outline import Heading, build_outline

DEFAULT_CHARS_PER_MINUTE = 220


@dataclass
class CheckContext:
    """Settings and facts for one document.

    ``brief`` is the brief the draft is compared with (``--brief``, or the brief
    itself when a .yaml is checked); ``compare`` is true only with ``--brief``, when
    the draft may have been edited away from it.
    """

    brief: Any = None
    compare: bool = False
    chars_per_minute: int = DEFAULT_CHARS_PER_MINUTE
    stats: dict[str, Any] = field(default_factory=dict)
    _outline: list[Heading] | None = None

    def outline(self, doc: Document) -> list[Heading]:
        """The document's headings, computed once."""
        if self._outline is None:
            self._outline = build_outline(doc)
        return self._outline

    @property
    def minutes(self) -> int | None:
        """The target speaking time from the brief's ``meeting.minutes``, if any."""
        return getattr(getattr(self.brief, "meeting", None), "minutes", None)

    @property
    def rankings(self) -> tuple[Any, ...]:
        """Every assessment of the brief (one, several, or none)."""
        if self.brief is None:
            return ()
        if hasattr(self.brief, "rankings"):
            return tuple(self.brief.rankings)
        ranking = getattr(self.brief, "ranking", None)
        return () if ranking is None else (ranking,)

    @property
    def ranking(self) -> Any:
        """The brief's first (usually only) assessment, or None."""
        rankings = self.rankings
        return rankings[0] if rankings else None

"""The speaker's own words, by where they go (``remarks``): which opening words wait until the
earlier speakers have been acknowledged, which closing words are kept for the very end."""

from __future__ import annotations

AFTER_ACK = "刚才"
LAST = "最后"
CONGRATULATE = "祝贺"


class Remarks(dict[str, tuple[str, ...]]):
    """The speaker's words keyed by place (opening, closing, a part's key, measures.N).

    ``acknowledged`` says whether the speech acknowledges earlier speakers: only then do opening
    words that begin with 刚才 wait until after that acknowledgement."""

    def __init__(self, said: dict[str, tuple[str, ...]], acknowledged: bool = False) -> None:
        super().__init__(said)
        self.acknowledged = acknowledged

    @property
    def opening(self) -> tuple[str, ...]:
        """Every opening word, in the brief's order."""
        return self.get("opening", ())

    @property
    def closing(self) -> tuple[str, ...]:
        """Every closing word, in the brief's order."""
        return self.get("closing", ())

    @property
    def congratulates(self) -> bool:
        """The speaker's opening words congratulate (祝贺): the acknowledgement of a
        commendation decision does not congratulate a second time."""
        return any(CONGRATULATE in r for r in self.opening)

    def measure(self, number: int) -> tuple[str, ...]:
        """The words the speaker adds after measure ``number`` (remarks at measures.N)."""
        return self.get(f"measures.{number}", ())

    def _waits(self, r: str) -> bool:
        """Whether an opening word waits for the acknowledgement of earlier speakers."""
        return self.acknowledged and r.startswith(AFTER_ACK)

    @property
    def opening_first(self) -> tuple[str, ...]:
        """Opening words said at once (all of them when nobody spoke before)."""
        return tuple(r for r in self.opening if not self._waits(r))

    @property
    def opening_after_ack(self) -> tuple[str, ...]:
        """Opening words beginning with 刚才, said after the earlier speakers are acknowledged."""
        return tuple(r for r in self.opening if self._waits(r))

    @property
    def closing_first(self) -> tuple[str, ...]:
        """Closing words said before the closing paragraph (all but those beginning with 最后)."""
        return tuple(r for r in self.closing if not r.startswith(LAST))

    @property
    def closing_last(self) -> tuple[str, ...]:
        """Closing words beginning with 最后 (greetings, wishes), kept for the very end."""
        return tuple(r for r in self.closing if r.startswith(LAST))

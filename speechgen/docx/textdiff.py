"""The difference between two versions of one paragraph, in units a reader sees.

Chinese has no spaces between words, so the text is cut into tokens this way:
every Chinese character and every punctuation mark is a token of its own, and a
run of digits or Latin letters (``2025``, ``GDP``, ``3.5``) is one token. The
token sequences are compared with Google's diff-match-patch (each distinct token
encoded as one character), then tidied with its semantic clean-up so that a
rewritten clause shows as one deletion and one insertion rather than a shower of
single characters that happen to match (的, 和, ，).

Used by :mod:`speechgen.docx.revisions` to write 「第9名」→「第8名」 as a few
characters of tracked change, not a rewritten paragraph. Pure Python: no XML here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

_TOKEN = re.compile(
    r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:[.:][0-9]+)*|\s+|.", re.S
)
_FIRST_CODE = 0xF0000  # Supplementary Private Use Area A: never in a speech


@dataclass(frozen=True)
class Edit:
    """Replace ``old[start:end]`` by ``text`` (an insertion when start == end)."""

    start: int
    end: int
    text: str

    @property
    def deleted(self) -> bool:
        """True when the edit removes characters of the old text."""
        return self.end > self.start


def tokens(text: str) -> list[str]:
    """``text`` cut into diff units: one per CJK character or mark, one per Latin/digit run."""
    return _TOKEN.findall(text)


def _encode(a: list[str], b: list[str]) -> tuple[str, str, list[str]]:
    """Map each distinct token to one private-use character so diff-match-patch sees tokens."""
    codes: dict[str, str] = {}
    table: list[str] = []

    def enc(seq: list[str]) -> str:
        out = []
        for tok in seq:
            if tok not in codes:
                codes[tok] = chr(_FIRST_CODE + len(table))
                table.append(tok)
            out.append(codes[tok])
        return "".join(out)

    return enc(a), enc(b), table


def diff_edits(old: str, new: str) -> list[Edit]:
    """The edits that turn ``old`` into ``new``, left to right, offsets into ``old``.

    Adjacent deletions and insertions are joined into one replacement, so 「9」→「8」
    is one :class:`Edit`. Equal texts give no edits.
    """
    if old == new:
        return []
    a, b, table = _encode(tokens(old), tokens(new))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 2.0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    edits: list[Edit] = []
    pos = 0
    pending: tuple[int, int, list[str]] | None = None
    for op, chunk in diffs:
        text = "".join(table[ord(c) - _FIRST_CODE] for c in chunk)
        if op == 0:
            if pending is not None:
                edits.append(Edit(pending[0], pending[1], "".join(pending[2])))
                pending = None
            pos += len(text)
            continue
        if pending is None:
            pending = (pos, pos, [])
        if op == -1:
            pending = (pending[0], pending[1] + len(text), pending[2])
            pos += len(text)
        else:
            pending[2].append(text)
    if pending is not None:
        edits.append(Edit(pending[0], pending[1], "".join(pending[2])))
    return edits


def apply_edits(old: str, edits: list[Edit]) -> str:
    """``old`` with ``edits`` applied (what accepting every change gives)."""
    out, pos = [], 0
    for e in edits:
        out.append(old[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(old[pos:])
    return "".join(out)


def similarity(a: str, b: str) -> float:
    """How alike two paragraphs are, 0 to 1 (shared characters over total length)."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 1.0
    diffs = dmp.diff_main(a, b, False)
    same = sum(len(t) for op, t in diffs if op == 0)
    return 2.0 * same / (len(a) + len(b))

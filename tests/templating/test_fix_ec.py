"""Review J and K fixes of the economy and commendation speeches (fix-ec)."""

from __future__ import annotations

from pathlib import Path

from helpers import REPO, speech

ECONOMY_SAMPLE = (REPO / "templates" / "economy" / "sample.yaml").read_text(encoding="utf-8")


def _closing(text: str) -> str:
    """The draft from its last heading's last paragraph on: the closing."""
    return text[text.rindex("同志们") - 200 :]


def test_economy_short_closing_remark_with_tongzhimen_is_not_hailed_twice(tmp_path: Path) -> None:
    for said in ("同志们，加油干！", "同志们，拼了！"):
        brief = ECONOMY_SAMPLE + f"remarks:\n  - {{at: closing, text: {said}}}\n"
        text = speech(tmp_path, brief)
        assert said in text
        assert "同志们，同志们" not in text
        assert text.count("同志们，") - text.split(said)[0].count("同志们，") == 1, text[-300:]

"""No shipped sentence copies the model speech (ENGINE.md: structure and rhetoric only).

Every material entry and every template text (``helpers.shipped_texts``) is compared with
../shared/seed/model_speech.txt after both are normalised to letters, digits and Chinese
characters (punctuation and whitespace dropped; a brief value or a stock call breaks a run).
A shared run of 14 or more characters is a copied or closely paraphrased sentence; set
phrases are shorter (一分部署九分落实 is 8, 逆水行舟不进则退 is 8).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import BRIEF_VALUE, MODEL_SPEECH, REPO, STOCK_CALL, shipped_texts

RUN = 14


def normalise(text: str) -> str:
    """Only what is spoken: Chinese characters, letters and digits."""
    return "".join(ch for ch in text if ch.isalnum())


def shared_runs(text: str, model: str, size: int = RUN) -> list[str]:
    """Each maximal run of ``size`` or more characters ``text`` shares with ``model``."""
    runs = []
    for piece in text.replace(STOCK_CALL, BRIEF_VALUE).split(BRIEF_VALUE):
        plain = normalise(piece)
        i = 0
        while i + size <= len(plain):
            if plain[i : i + size] in model:
                j = i + size
                while j < len(plain) and plain[i : j + 1] in model:
                    j += 1
                runs.append(plain[i:j])
                i = j
            else:
                i += 1
    return runs


@pytest.fixture(scope="module")
def model() -> str:
    if not MODEL_SPEECH.is_file():
        pytest.skip("../shared/seed/model_speech.txt is not beside this checkout")
    return normalise(MODEL_SPEECH.read_text(encoding="utf-8"))


def test_no_shipped_sentence_shares_a_long_run_with_the_model(model: str) -> None:
    offenders = [
        f"{item.where}: {run}"
        for item in shipped_texts(REPO)
        for run in shared_runs(item.text, model)
    ]
    assert not offenders, "\n".join(offenders)


def test_the_guard_catches_a_copied_sentence(model: str, tmp_path: Path) -> None:
    copied = model[400:430]
    folder = tmp_path / "templates" / "copy"
    folder.mkdir(parents=True)
    spaced = "，".join(copied[i : i + 5] for i in range(0, len(copied), 5))  # punctuation differs
    (folder / "material.yaml").write_text(f"x.slot:\n  - {spaced}。\n", encoding="utf-8")
    (folder / "speech.j2").write_text(
        f"{{{{ meeting.name }}}}{copied[:10]}{{{{ x }}}}{copied[10:20]}\n", encoding="utf-8"
    )
    found = {item.where: shared_runs(item.text, model) for item in shipped_texts(tmp_path)}
    assert found["templates/copy/material.yaml: x.slot 第1条"] == [copied]
    assert found["templates/copy/speech.j2"] == []  # a brief value breaks the run


def test_set_phrases_are_not_runs(model: str) -> None:
    assert shared_runs("一分部署，九分落实。逆水行舟，不进则退。", model) == []

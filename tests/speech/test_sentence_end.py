"""The writer's words said as a sentence: one 。 where one is needed, none after 。”."""

from __future__ import annotations

import pytest

from speechgen.speech.spoken import as_sentence


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("防汛没有“万一”，只有“一万”。", "防汛没有“万一”，只有“一万”。"),
        ("防汛没有“万一”，只有“一万”", "防汛没有“万一”，只有“一万”。"),
        ("群众说：“办事少跑一趟。”", "群众说：“办事少跑一趟。”"),
        ("一定要干好！", "一定要干好！"),
        ("说实话，我是倍感压力。\n", "说实话，我是倍感压力。"),
        ("这件事我会亲自过问", "这件事我会亲自过问。"),
        ("", ""),
    ],
)
def test_as_sentence(text: str, said: str) -> None:
    assert as_sentence(text) == said

"""Post-render verification scans the document once when the texts come in order."""

from __future__ import annotations

from speechgen.docx.verify import missing_texts


class CountingText(str):
    """A str that adds up how many characters its ``find`` calls may scan."""

    scanned = 0

    def find(self, sub, start=None, end=None):  # type: ignore[override]
        """``str.find``, counting the characters from ``start`` to the match's end (or the end)."""
        begin = start or 0
        found = super().find(sub, begin)
        CountingText.scanned += (found + len(sub) if found >= 0 else len(self)) - begin
        return found


def test_texts_in_document_order_are_found_in_one_scan() -> None:
    paragraphs = [f"（{i}）形成第{i}项工作体系。要明确责任、细化措施。" for i in range(3000)]
    text = CountingText("\n".join(paragraphs))
    titles = [f"形成第{i}项工作体系" for i in range(3000)]
    CountingText.scanned = 0
    assert missing_texts(text, [*paragraphs, *titles]) == []
    assert CountingText.scanned <= 3 * len(text)  # paragraphs once, titles once more


def test_missing_and_out_of_order_texts() -> None:
    text = "甲乙丙\n丁戊己\n庚辛"
    assert missing_texts(text, ["丁戊己", "甲乙丙", "庚辛", "", "壬癸"]) == ["壬癸"]

"""Build examples/word_template.docx: an example Word (docxtpl) template for speechgen.

Run from the repository: ``python examples/make_word_template.py``. The template
renders the title, date and speaker lines, the salutation, an opening, one heading
plus one paragraph per measure (``{%p for m in measures %}``) and a closing.

It is written by speechgen's own .docx writer in the ``speech`` profile, so it has
the speech layout a draft has: A4 with GB/T 9704 margins, the 28.95 pt line grid,
justified 三号仿宋 body condensed to 28 characters a line, named styles (讲话标题,
署名行, 称呼, 讲话正文, 二级标题 based on Word's heading 2), all four font slots,
zh-CN language, ``— N —`` page numbers (odd pages right, even pages left). Offices
open it in Word or WPS, restyle it through its styles and keep the tags.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from speechgen.docx.package import DocMeta
from speechgen.docx.writer import write_docx
from speechgen.layout.profile import load_profile
from speechgen.speech.blocks import Block, Byline, Heading, Paragraph, Salutation, Title

OPENING = (
    "今天召开{{ meeting.name }}，主要是把下一阶段的重点工作部署下去、把责任落实到位。"
    "{% if measures %}这次共安排{{ counts.measures|cn_count }}项重点任务，下面逐项讲一讲。{% endif %}"
)
MEASURE = (
    "{% for p in m.points %}{{ p.title }}{% if p.detail %}，{{ p.detail }}{% endif %}"
    "{% if not loop.last %}；{% else %}。{% endif %}{% endfor %}"
    "{% if m.owner %}这项工作由{{ m.owner }}牵头{% if m.deadline_text %}，完成时限是{{ m.deadline_text }}{% endif %}。"
    "{% elif m.deadline_text %}完成时限是{{ m.deadline_text }}。{% endif %}"
    "要明确责任、细化措施，确保按时保质完成。"
)
CLOSING = (
    "同志们，任务已经明确，关键在于落实。希望大家迅速行动起来，一项一项抓推进、一件一件抓落实，"
    "为{{ meeting.organization }}完成全年目标任务共同努力！"
)


def blocks() -> list[Block]:
    """The template's paragraphs; ``{%p … %}`` paragraphs vanish when docxtpl renders them."""
    return [
        Title("{{ meeting.title }}"),
        Paragraph("{%p if meeting.date_text %}"),
        Byline("（{{ meeting.date_text }}）"),
        Paragraph("{%p endif %}"),
        Paragraph("{%p if meeting.speaker %}"),
        Byline("{{ meeting.speaker_line }}"),
        Paragraph("{%p endif %}"),
        Byline(""),  # the blank line before the salutation
        Salutation("同志们："),
        Paragraph(OPENING),
        Paragraph("{%p for m in measures %}"),
        Heading(2, "{{ m.title }}", number="（{{ loop.index|cn }}）"),
        Paragraph(MEASURE),
        Paragraph("{%p endfor %}"),
        Paragraph(CLOSING),
    ]


def without_custom_properties(data: bytes) -> bytes:
    """Drop the custom-properties part (a draft's fingerprint): a template is not a draft."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts.pop("docProps/custom.xml")
    parts["[Content_Types].xml"] = re.sub(
        rb'<Override PartName="/docProps/custom.xml"[^>]*/>', b"", parts["[Content_Types].xml"]
    )
    parts["_rels/.rels"] = re.sub(
        rb'<Relationship [^>]*Target="docProps/custom.xml"/>', b"", parts["_rels/.rels"]
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, part in parts.items():
            zf.writestr(name, part)
    return out.getvalue()


def build(target: Path) -> None:
    """Write the example Word template to ``target``."""
    profile = load_profile("speech").model_copy(update={"blank_lines_after_byline": 0})
    meta = DocMeta(
        title="speechgen 示例 Word 模板",
        author="speechgen",
        subject="讲话稿 Word 模板示例",
        keywords="speechgen; docxtpl",
    )
    target.write_bytes(without_custom_properties(write_docx(blocks(), profile, meta)))


if __name__ == "__main__":
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent / "word_template.docx"
    )
    build(out)
    print(f"已写入 {out}")

"""Build examples/word_template.docx: an example Word (docxtpl) template for speechgen.

Run from the repository: ``python examples/make_word_template.py``. The template
renders the title, date and speaker lines, the salutation, an opening, one heading
plus one paragraph per measure (``{%p for m in measures %}``) and a closing, in the
usual speech layout (小标宋 title, 楷体 byline and sub-headings, 仿宋 三号 body).
Offices can open the result in Word or WPS, restyle it and keep the tags.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_PT = 16  # 三号


def _para(doc, text: str, font: str = "仿宋_GB2312", size: float = BODY_PT, *, center: bool = False,
          indent: bool = True, bold: bool = False):  # fmt: skip
    """Add one paragraph in a single run with an East Asian font."""
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(28.95)
    fmt.space_before = fmt.space_after = Pt(0)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        fmt.first_line_indent = Pt(size * 2)
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return p


def build(target: Path) -> None:
    """Write the example Word template to ``target``."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    tag = {"indent": False, "size": BODY_PT}
    _para(doc, "{{ meeting.title }}", "方正小标宋简体", 22, center=True)
    _para(doc, "{%p if meeting.date_text %}", **tag)
    _para(doc, "（{{ meeting.date_text }}）", "楷体_GB2312", center=True)
    _para(doc, "{%p endif %}", **tag)
    _para(doc, "{%p if meeting.speaker %}", **tag)
    _para(doc, "{{ meeting.speaker }}", "楷体_GB2312", center=True)
    _para(doc, "{%p endif %}", **tag)
    _para(doc, "同志们：", indent=False)
    _para(
        doc,
        "今天召开{{ meeting.name }}，主要是把下一阶段的重点工作部署下去、把责任落实到位。"
        "{% if measures %}这次共安排{{ counts.measures|cn_count }}项重点任务，下面逐项讲一讲。{% endif %}",
    )
    _para(doc, "{%p for m in measures %}", **tag)
    _para(doc, "（{{ loop.index|cn }}）{{ m.title }}", "楷体_GB2312")
    _para(
        doc,
        "{% for p in m.points %}{{ p.title }}{% if p.detail %}，{{ p.detail }}{% endif %}"
        "{% if not loop.last %}；{% else %}。{% endif %}{% endfor %}"
        "{% if m.owner %}这项工作由{{ m.owner }}牵头{% if m.deadline_text %}，完成时限是{{ m.deadline_text }}{% endif %}。"
        "{% elif m.deadline_text %}完成时限是{{ m.deadline_text }}。{% endif %}"
        "要明确责任、细化措施，确保按时保质完成。",
    )
    _para(doc, "{%p endfor %}", **tag)
    _para(
        doc,
        "同志们，任务已经明确，关键在于落实。希望大家迅速行动起来，一项一项抓推进、一件一件抓落实，"
        "为{{ meeting.organization }}完成全年目标任务共同努力！",
    )
    doc.core_properties.title = "speechgen 示例 Word 模板"
    doc.core_properties.author = "speechgen"
    doc.save(str(target))


if __name__ == "__main__":
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent / "word_template.docx"
    )
    build(out)
    print(f"已写入 {out}")

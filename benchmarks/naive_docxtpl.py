"""A naive speech renderer, the baseline speechgen is measured against: typer + pydantic + docxtpl.

What one would write in an afternoon: a typer command, a pydantic model of the brief,
and a docxtpl template (a .docx with Jinja tags) that is opened, rendered and saved on
every run. ``make_template`` builds that template once with python-docx.

    python benchmarks/naive_docxtpl.py make-template tpl.docx
    python benchmarks/naive_docxtpl.py render brief.yaml tpl.docx out.docx
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
import yaml
from docxtpl import DocxTemplate
from pydantic import BaseModel, ConfigDict

app = typer.Typer(add_completion=False)


class Meeting(BaseModel):
    """The meeting part of a brief (loosely typed, as a quick script would)."""

    model_config = ConfigDict(extra="allow")
    name: str
    organization: str
    title: str | None = None
    speaker: str | None = None
    date: Any = None


class Measure(BaseModel):
    """One measure with its points."""

    model_config = ConfigDict(extra="allow")
    title: str
    points: list[str] = []
    owner: str | None = None
    deadline: Any = None


class Brief(BaseModel):
    """The brief fields the naive template uses."""

    model_config = ConfigDict(extra="allow")
    meeting: Meeting
    strengths: list[Any] = []
    weaknesses: list[Any] = []
    measures: list[Measure] = []


def _text(item: Any) -> str:
    """A list item given as a string or as a mapping with title/detail."""
    if isinstance(item, dict):
        return "，".join(str(v) for v in (item.get("title"), item.get("detail")) if v)
    return str(item)


@app.command()
def render(brief: Path, template: Path, output: Path) -> None:
    """Render ``brief`` with the docxtpl ``template`` into ``output``."""
    data = Brief.model_validate(yaml.safe_load(brief.read_text(encoding="utf-8")))
    m = data.meeting
    doc = DocxTemplate(str(template))
    doc.render(
        {
            "title": m.title or f"在{m.name}上的讲话",
            "date": str(m.date or ""),
            "speaker": m.speaker or "",
            "organization": m.organization,
            "strengths": [_text(s) for s in data.strengths],
            "weaknesses": [_text(w) for w in data.weaknesses],
            "measures": data.measures,
        }
    )
    doc.save(str(output))


@app.command("make-template")
def make_template(output: Path) -> None:
    """Write the docxtpl template the ``render`` command uses."""
    import docx

    document = docx.Document()
    for line in (
        "{{ title }}",
        "（{{ date }}）",
        "{{ speaker }}",
        "同志们：",
        "今天，我代表{{ organization }}讲几点意见。",
        "一、取得的成绩",
        "{%p for s in strengths %}",
        "{{ loop.index }}. {{ s }}。",
        "{%p endfor %}",
        "二、存在的不足",
        "{%p for w in weaknesses %}",
        "{{ loop.index }}. {{ w }}。",
        "{%p endfor %}",
        "三、下一步的举措",
        "{%p for measure in measures %}",
        "（{{ loop.index }}）{{ measure.title }}。",
        "{%p for point in measure.points %}",
        "{{ point }}。",
        "{%p endfor %}",
        "{%p if measure.owner %}",
        "牵头：{{ measure.owner }}；时限：{{ measure.deadline }}。",
        "{%p endif %}",
        "{%p endfor %}",
        "同志们，让我们共同努力！",
    ):
        document.add_paragraph(line)
    document.save(str(output))


if __name__ == "__main__":
    app()

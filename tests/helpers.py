"""Shared test builders: briefs written into tmp_path, drafts reopened, shells made like Word's.

Test modules import from here (``from helpers import write_brief``; pyproject puts
``tests`` on the import path). Fixtures stay in the ``conftest.py`` files.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
MODEL_SPEECH = SHARED / "seed" / "model_speech.txt"

MINIMAL_BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 某某市某某局
"""

FULL_BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 滨江市税务局
  date: 2026-05-10
  speaker: 王建国
  audience: 中层干部
  prior_speakers:
    - who: 几位副职领导
      did: 对全年工作进行了部署
ranking:
  assessment: 全省系统绩效考核
  period: 2025年度
  previous: 3
  current: 9
  total: 13
  reported_by: 考核办
  weak_items: [效益指标, 创新成果]
strengths:
  - 征管质效模块名列前茅
weaknesses:
  - 基层活力不足
measures:
  - title: 形成各司其职的担当体系
    points: [中层干部主动谋划工作]
    owner: 办公室
    deadline: 6月底前
  - title: 形成协同高效的责任体系
    owner: 综合科
    deadline: 2026-06-30
"""


def write_brief(folder: Path, text: str, name: str = "brief.yaml") -> Path:
    """Write a brief (dedented) into ``folder`` and return its path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def has_libreoffice() -> bool:
    """True when LibreOffice and poppler are installed (for layout tests)."""
    return shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


def docx_texts(path: Path) -> list[str]:
    """Paragraph texts of a .docx, reopened with python-docx."""
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


# --- a brief whose first measure is due before the meeting -----------------------------

DEADLINE_BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 滨江市税务局
  date: {meeting}
strengths:
  - 征管质效模块名列前茅
weaknesses:
  - 基层活力不足
measures:
  - title: 形成各司其职的担当体系
    deadline: {deadline}
  - title: 形成协同高效的责任体系
    deadline: 2026-06-30
"""


def deadline_brief(tmp_path: Path, deadline: str, meeting: str = "2026-03-15") -> Path:
    """A brief (``b.yaml``) whose first measure has ``deadline`` at a meeting held on ``meeting``.

    The first measure's deadline is on line 11.
    """
    return write_brief(
        tmp_path, DEADLINE_BRIEF.format(deadline=deadline, meeting=meeting), "b.yaml"
    )


# --- JSON Schema as an editor applies it -----------------------------------------------


def load_like_editor(path: Path) -> Any:
    """Load a brief the way yaml-language-server does (YAML 1.2 core: no timestamps, no yes/no)."""
    import yaml

    class EditorLoader(yaml.SafeLoader):
        """SafeLoader without the timestamp and boolean resolvers."""

    EditorLoader.yaml_implicit_resolvers = {
        key: [
            (tag, rx)
            for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
        ]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)  # noqa: S506


def schema_validator() -> Any:
    """A jsonschema validator for the brief schema speechgen prints."""
    import jsonschema

    from speechgen.templating.scaffold import template_schema

    return jsonschema.Draft202012Validator(template_schema())


# --- an office's Word shell ------------------------------------------------------------

SHELL_ORG = '滨江市税务局 & <党委> "办公室"'
SHELL_NAME = "全市“形势”分析会 & <总结> 'A'"
SHELL_BRIEF = f"""\
meeting:
  name: '{SHELL_NAME.replace("'", "''")}'
  organization: '{SHELL_ORG}'
  date: 2026-05-10
  speaker: 王建国
measures:
  - title: 形成各司其职的担当体系
    points: [主动谋划工作 & 汇报 <方案>]
"""


def make_shell(
    path: Path,
    *,
    body_marker: str | None = "{{ body }}",
    header: str = "{{ meeting.organization }}文件",
) -> Path:
    """A shell as an office would make it in Word: red header, own body style, margins, a cover line."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    section.left_margin = Mm(20)
    run = section.header.paragraphs[0].add_run(header)
    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    run.font.size = Pt(26)
    body_style = document.styles.add_style("讲话正文", WD_STYLE_TYPE.PARAGRAPH)
    body_style.font.size = Pt(20)
    body_style.font.name = "KaiTi"
    document.styles.add_style("红头", WD_STYLE_TYPE.PARAGRAPH).font.color.rgb = RGBColor(0xFF, 0, 0)
    document.add_paragraph("封面：{{ meeting.name }}", style="红头")
    if body_marker is not None:
        document.add_paragraph(body_marker)
    document.add_paragraph("（此件公开发布）")
    document.save(str(path))
    return path

"""Shared test helpers: inline briefs in tmp_path, CLI runner, reopening drafts."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from speechgen.cli.app import app

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"

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


@pytest.fixture
def runner() -> CliRunner:
    """A typer CliRunner (stderr captured separately)."""
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner):
    """Run the CLI with arguments; returns the click Result."""

    def _invoke(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return _invoke


@pytest.fixture
def full_brief(tmp_path: Path) -> Path:
    """A complete brief with a falling rank, in a temporary folder."""
    return write_brief(tmp_path, FULL_BRIEF)


@pytest.fixture
def example_copy(tmp_path: Path):
    """Copy an example brief into tmp_path so rendering never writes into the repository."""

    def _copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copy(EXAMPLES / name, target)
        return target

    return _copy


def docx_texts(path: Path) -> list[str]:
    """Paragraph texts of a .docx, reopened with python-docx."""
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def has_libreoffice() -> bool:
    """True when LibreOffice and poppler are installed (for layout tests)."""
    return shutil.which("soffice") is not None and shutil.which("pdftotext") is not None

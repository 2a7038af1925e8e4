"""The workspace in a real browser (Playwright driving Debian's chromium): the issue's acceptance.

Create a brief from a template, fill the meeting, a falling ranking and three measures
with points, watch the preview, see a too-large rank refused at its field, save,
download the .docx (its text equals ``speechgen render`` of the saved brief), copy the
brief and restore an earlier version. Every request the page makes must go to the
server. The editor's screenshot is kept for the README (docs/img/workspace.png).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import free_port, running_server

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "docs" / "img" / "workspace.png"

pytestmark = pytest.mark.browser

MEASURES = [
    ("形成各司其职的担当体系", ["中层干部主动谋划工作", "汇报工作带着方案来"]),
    ("形成协同高效的责任体系", ["牵头部门负总责"]),
    ("形成步步为营的督办体系", ["每月制定重点督办事项清单", "逐月通报办结情况"]),
]


def _playwright():
    if not CHROMIUM.exists():
        pytest.skip("没有安装 chromium（/usr/bin/chromium）")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("没有安装 playwright")
    return sync_playwright


def _docx_texts(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _fill_measures(page) -> None:
    """Remove the sample's measures and add three, each with its points, through the form."""
    measures = page.locator('[data-path="measures"] > .c[data-list]')
    while page.locator('[data-path="measures"] > .c > .items > .item').count():
        page.locator('[data-path="measures[0]"] > .item-bar [data-act="remove"]').click()
    for i, (title, points) in enumerate(MEASURES):
        measures.locator(':scope > [data-act="add"]').click()
        item = page.locator(f'[data-path="measures[{i}]"]')
        item.locator(f'[data-path="measures[{i}].title"] > .c').fill(title)
        for j, point in enumerate(points):
            item.locator(f'[data-path="measures[{i}].points"] > .c > [data-act="add"]').click()
            page.locator(f'[data-path="measures[{i}].points[{j}].title"] > .c').fill(point)
        page.locator(f'[data-path="measures[{i}].owner"] > .c').fill("办公室")


def test_acceptance_in_chromium(tmp_path: Path) -> None:
    sync_playwright = _playwright()
    from playwright.sync_api import expect
    from typer.testing import CliRunner

    from speechgen.cli.app import app as cli
    from speechgen.web.app import Settings, build_app

    folder = tmp_path / "会议"
    folder.mkdir()
    port = free_port()
    settings = Settings(folder, port)
    requests: list[str] = []
    with running_server(build_app(settings), port) as base, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--lang=zh-CN"]
        )
        context = browser.new_context(
            viewport={"width": 1500, "height": 980}, locale="zh-CN", accept_downloads=True
        )
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{base}/?token={settings.token}")
        assert "会议列表" in page.content()

        # A new brief from a template (the same scaffold as `speechgen new`).
        page.select_option("#new-template", "situation")
        page.fill("#new-name", "2026Q1")
        page.click(".new-brief button[type=submit]")
        page.wait_for_selector(".sheet p")
        assert (
            (folder / "2026Q1.yaml")
            .read_text(encoding="utf-8")
            .startswith("# yaml-language-server: $schema=speechgen.schema.json")
        )

        # The meeting, a falling ranking and three measures with points.
        page.fill('[data-path="meeting.name"] > .c', "全市形势分析会")
        page.fill('[data-path="meeting.organization"] > .c', "滨江市税务局")
        page.fill('[data-path="meeting.speaker"] > .c', "王建国")
        page.fill('[data-path="meeting.date"] > .c', "2026-05-10")
        page.fill('[data-path="ranking[0].previous"] > .c', "3")
        page.fill('[data-path="ranking[0].current"] > .c', "9")
        page.fill('[data-path="ranking[0].total"] > .c', "13")
        _fill_measures(page)
        sheet = page.locator(".sheet")
        expect(sheet).to_contain_text("逐月通报办结情况", timeout=20_000)
        text = sheet.inner_text()
        assert "从第3名下降到第9名" in text
        assert "（三）形成步步为营的督办体系" in text and "（四）" not in text
        assert "二是汇报工作带着方案来" in text or "汇报工作带着方案来" in text

        # A rank larger than the total: the CLI's message at the field; fixed, it goes away.
        page.fill('[data-path="ranking[0].current"] > .c', "15")
        message = page.locator('[data-path="ranking[0].current"] > .msg')
        message.wait_for(state="visible")
        assert "超过了参加排名的单位数 total（13）" in message.inner_text()
        page.click("#save")
        expect(page.locator("#status")).to_contain_text("没有保存")
        assert "current: 15" not in (folder / "2026Q1.yaml").read_text(encoding="utf-8")
        page.fill('[data-path="ranking[0].current"] > .c', "9")
        message.wait_for(state="hidden")

        # Save, then download the draft.
        page.click("#save")
        expect(page.locator("#status")).to_contain_text("已保存")
        expect(page.locator(".sheet")).to_contain_text("下降到第9名")
        page.locator('[data-path="meeting"]').scroll_into_view_if_needed()
        page.locator('[data-path="meeting"]').evaluate("el => el.scrollIntoView()")
        page.screenshot(path=str(tmp_path / "workspace.png"))
        with page.expect_download() as info:
            page.click("#draft")
        downloaded = tmp_path / "下载.docx"
        info.value.save_as(downloaded)
        saved = (folder / "2026Q1.yaml").read_text(encoding="utf-8")
        assert "current: 9" in saved and "滨江市税务局" in saved
        assert saved.count("- title:") >= 3
        reference = tmp_path / "reference"
        reference.mkdir()
        shutil.copy(folder / "2026Q1.yaml", reference / "2026Q1.yaml")
        result = CliRunner().invoke(cli, ["render", str(reference / "2026Q1.yaml")])
        assert result.exit_code == 0, result.output
        assert _docx_texts(downloaded) == _docx_texts(reference / "2026Q1.docx")
        assert (folder / "2026Q1.docx").exists()

        # Copy last quarter's brief into this quarter's.
        page.goto(f"{base}/")
        row = page.locator('tr[data-brief="2026Q1.yaml"]')
        assert row.locator(".copy-form input[name=name]").input_value() == "2026Q2.yaml"
        row.locator(".copy-form button").click()
        page.wait_for_selector(".sheet p, .stale")
        copied = (folder / "2026Q2.yaml").read_text(encoding="utf-8")
        assert "previous: 9" in copied and "current:\n" in copied
        assert page.locator('[data-path="ranking[0].current"][data-todo]').count() == 1

        # Restore the first version of 2026Q1 from its history.
        page.goto(f"{base}/b/2026Q1.yaml/history")
        entries = page.locator("tr[data-entry]")
        assert entries.count() >= 2
        entries.last.locator("button.restore").click()
        page.wait_for_selector(".sheet p")
        restored = (folder / "2026Q1.yaml").read_text(encoding="utf-8")
        assert "滨江市税务局" not in restored and "某某市某某局" in restored
        assert (
            page.locator('[data-path="meeting.organization"] > .c').input_value() == "某某市某某局"
        )
        browser.close()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(tmp_path / "workspace.png", SCREENSHOT)
    foreign = [u for u in requests if not u.startswith(base + "/") and not u.startswith("data:")]
    assert not foreign, foreign
    assert any("/api/preview" in u for u in requests)

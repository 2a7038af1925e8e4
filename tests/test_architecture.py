"""The package layout keeps its promises: no import cycles, no one imports the CLI, one OOXML home."""

from __future__ import annotations

import re
from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "speechgen"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    """speechgen's import graph, imports inside functions included."""
    return grimp.build_graph("speechgen", cache_dir=None)


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.find_modules_directly_imported_by(node):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_among_modules(graph: grimp.ImportGraph) -> None:
    # The package root only re-exports the facade lazily; it is not a module of the chain.
    modules = {m for m in graph.modules if m != "speechgen"}
    sub = grimp.ImportGraph()
    for m in modules:
        sub.add_module(m)
    for m in modules:
        for target in graph.find_modules_directly_imported_by(m):
            if target in modules:
                sub.add_import(importer=m, imported=target)
    assert _cycles(sub) == []


def test_nothing_outside_the_command_line_imports_it(graph: grimp.ImportGraph) -> None:
    importers = {
        m
        for m in graph.find_downstream_modules("speechgen.cli", as_package=True)
        if not m.startswith("speechgen.cli") and m != "speechgen.__main__"
    }
    assert importers == set()


def test_ooxml_namespaces_are_spelled_out_in_the_docx_package_only() -> None:
    uri = re.compile(r"schemas\.(openxmlformats\.org|microsoft\.com/office)")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if uri.search(path.read_text(encoding="utf-8"))
        and path.relative_to(PACKAGE).parts[0] != "docx"
    ]
    assert offenders == []


def test_top_level_stays_small_and_every_subpackage_says_what_it_does() -> None:
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= 8, top
    for init in PACKAGE.glob("*/__init__.py"):
        text = init.read_text(encoding="utf-8")
        assert text.lstrip().startswith('"""') and "TODO" not in text, init

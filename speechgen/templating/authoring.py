"""Help for template authors: what the sandbox will refuse, and where an unclosed tag opened.

* :func:`sandbox_escapes` finds, in a parsed template, every reach for an attribute the
  sandbox blocks (``x.__globals__``, ``x['__class__']``, ``x|attr('__init__')``), so
  ``templates lint`` reports it before a render is refused;
* :func:`unclosed_tag` reads the tags of a template that failed to parse and finds the
  innermost block still open where Jinja gave up (a missing ``{% endif %}`` is reported
  by Jinja two lines later, at the ``{% endfor %}`` it did not expect).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jinja2 import nodes

_BLOCK_TAGS = frozenset(
    {"if", "for", "macro", "call", "filter", "block", "with", "autoescape", "trans", "set"}
)
_INNERMOST = re.compile(r"innermost block that needs to be closed is '(\w+)'")


def sandbox_escapes(ast: nodes.Template) -> Iterator[tuple[int, str]]:
    """``(line, message)`` for each attribute starting with ``_`` the template tries to reach."""
    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        name = _private_name(node)
        if name is not None:
            yield (
                node.lineno,
                f"访问了以下划线开头的属性“{name}”：模板在沙箱里运行，这样写会被拒绝"
                "（这是常见的沙箱逃逸写法）；模板只能读取简报内容",
            )


def _private_name(node: nodes.Node) -> str | None:
    """The ``_``-prefixed attribute a Getattr/Getitem/``attr`` filter node names, if any."""
    if isinstance(node, nodes.Getattr):
        name: Any = node.attr
    elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        name = node.arg.value
    elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args:
        first = node.args[0]
        name = first.value if isinstance(first, nodes.Const) else None
    else:
        return None
    return name if isinstance(name, str) and name.startswith("_") else None


def unclosed_tag(env: Any, source: str, message: str, error_line: int) -> tuple[int, str] | None:
    """``(line, tag)`` of the innermost block still open at ``error_line``, when Jinja's
    ``message`` says a block is left open; None otherwise."""
    wanted = _INNERMOST.search(message or "")
    if wanted is None and "Unexpected end of template" not in (message or ""):
        return None
    stack: list[tuple[int, str]] = []
    try:
        lexed = env.lex(env.preprocess(source))
        tokens = [t for t in lexed if t[1] not in ("whitespace", "comment")]
    except Exception:  # the lexer itself failed: nothing to add
        return None
    for i, (line, kind, value) in enumerate(tokens):
        if line > error_line:
            break
        if kind != "name" or i == 0 or tokens[i - 1][1] != "block_begin":
            continue
        if value in _BLOCK_TAGS and not (value == "set" and _is_inline_set(tokens, i)):
            stack.append((line, value))
        elif value.startswith("end") and stack and stack[-1][1] == value[3:]:
            stack.pop()
    if wanted is not None:
        stack = [s for s in stack if s[1] == wanted.group(1)] or stack
    return stack[-1] if stack else None


def _is_inline_set(tokens: list[tuple[int, str, str]], start: int) -> bool:
    """True for ``{% set x = … %}`` (no end tag), False for a block ``{% set x %}…{% endset %}``."""
    for _, kind, value in tokens[start + 1 :]:
        if kind == "block_end":
            return False
        if kind == "operator" and value == "=":
            return True
    return False


def unclosed_message(opened: tuple[int, str], found_line: int) -> str:
    """The Chinese message for a block opened at ``opened`` and never closed."""
    line, tag = opened
    return (
        f"第 {line} 行的 {{% {tag} %}} 没有结束：缺少 {{% end{tag} %}}"
        f"（读到第 {found_line} 行时，这个 {{% {tag} %}} 还开着）"
    )


def misspelt_blocks(env: Any, name: str) -> list[tuple[int, str]]:
    """``(line, message)`` for each block template ``name`` overrides that none of its parents has.

    Such a block (``closin`` for ``closing``) is silently never shown; the message
    names the closest block the parents do have.
    """
    import difflib

    source, filename, _ = env.loader.get_source(env, name)
    tree = env.parse(source, name, filename)
    parent = _extends(tree)
    if parent is None:
        return []
    available: set[str] = set()
    seen: set[str] = set()
    while parent is not None and parent not in seen:
        seen.add(parent)
        parent_source = env.loader.get_source(env, parent)[0]
        parent_tree = env.parse(parent_source, parent)
        available |= {b.name for b in parent_tree.find_all(nodes.Block)}
        parent = _extends(parent_tree)
    found = []
    for block in tree.body:
        if isinstance(block, nodes.Block) and block.name not in available:
            close = difflib.get_close_matches(block.name, sorted(available), n=1, cutoff=0.6)
            hint = (
                f"，是否想写 {close[0]}？"
                if close
                else f"；可覆盖的块有 {'、'.join(sorted(available))}"
            )
            found.append((block.lineno, f"块“{block.name}”在父模板里不存在，覆盖不会生效{hint}"))
    return found


def _extends(tree: nodes.Template) -> str | None:
    """The parent a template extends when it names it as a constant, else None."""
    extends = next(iter(tree.find_all(nodes.Extends)), None)
    if extends is not None and isinstance(extends.template, nodes.Const):
        return str(extends.template.value)
    return None

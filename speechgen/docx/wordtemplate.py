"""Word (docxtpl) templates: a whole .docx with ``{{ }}`` / ``{%p %}`` tags.

Rendered against the same context as folder templates, with a fresh
:class:`docxtpl.DocxTemplate` per render, in the sandboxed, strict, autoescaping
environment of :func:`speechgen.environment.make_xml_environment`. The result carries
the content-hash custom property like every draft speechgen writes, so ``render``
can later tell whether a person edited it. Errors and lint findings name the
paragraph the tag sits in.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from ..errors import UserError
from ..templating.errors import chinese_syntax_message
from . import ns
from .package import stamp_content_hash

W = ns.tag(ns.W, "")
_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
# docxtpl's paragraph/run/row/cell tag forms, which plain Jinja does not know.
_DOCXTPL_TAGS = re.compile(r"\{%-?\s*(p|r|tr|tc)\s")
_DOCXTPL_VARS = re.compile(r"\{\{-?\s*(p|r|tr|tc)\s")
WHAT = "Word 模板"


def read_template(path: Path) -> bytes:
    """The template's bytes, refused (Chinese UserError) when it is not a safe .docx."""
    from .safety import read_untrusted_docx

    return read_untrusted_docx(path, WHAT)


def paragraph_texts(data: bytes) -> list[str]:
    """The text of every paragraph in the body, headers and footers (runs joined)."""
    from lxml import etree

    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(n for n in zf.namelist() if _PART.match(n))
        names.sort(key=lambda n: n != "word/document.xml")
        for name in names:
            root = etree.fromstring(
                zf.read(name), etree.XMLParser(resolve_entities=False, no_network=True)
            )
            for p in root.iter(f"{W}p"):
                texts.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return texts


def jinja_source(texts: list[str]) -> str:
    """One line per paragraph, docxtpl tag forms turned into plain Jinja, for checking."""
    lines = [_DOCXTPL_VARS.sub("{{ ", _DOCXTPL_TAGS.sub("{% ", t)) for t in texts]
    return "\n".join(lines)


def _shown(texts: list[str], lineno: int | None) -> str:
    if lineno is None or not 0 < lineno <= len(texts):
        return "（位置不明）"
    text = texts[lineno - 1].strip()
    return f"第 {lineno} 段“{text[:40]}{'…' if len(text) > 40 else ''}”"


def lint_docx(path: Path) -> list[Any]:
    """Lint a Word template: broken tags and unknown variables, each with its paragraph."""
    from ..templating.catalog import check_source
    from ..templating.environment import make_xml_environment

    texts = paragraph_texts(read_template(path))
    findings, _, _ = check_source(
        jinja_source(texts), make_xml_environment(), lambda n: f"{path} {_shown(texts, n)}"
    )
    return findings


def _locate_error(path: Path, data: bytes, exc: TemplateError) -> str:
    """Name the paragraph a render error sits in: from lint, the error's line, or the name it mentions."""
    texts = paragraph_texts(data)
    found = lint_docx(path)
    if found:
        return "；".join(f.where.removeprefix(f"{path} ") + "：" + f.message for f in found[:3])
    if isinstance(exc, TemplateSyntaxError):
        message = chinese_syntax_message(exc.message or "")
        return f"{_shown(texts, exc.lineno)}：模板语法错误：{message}"
    names = re.findall(r"'([^']+)'", str(exc))
    said = _chinese_error(exc)
    for i, text in enumerate(texts, 1):
        if "{" in text and any(n in text for n in names):
            return f"{_shown(texts, i)}：{said}"
    tag_paragraphs = [i for i, t in enumerate(texts, 1) if "{{" in t or "{%" in t]
    return f"{_shown(texts, tag_paragraphs[0]) if tag_paragraphs else '（位置不明）'}附近：{said}"


def near_line(data: bytes, lineno: int | None) -> str:
    """``在“…”这一段`` for line ``lineno`` of the body XML docxtpl renders (one paragraph a
    line), or '' when unknown. Only the body is searched: headers and footers are rare here."""
    if lineno is None:
        return ""
    try:
        from docxtpl import DocxTemplate

        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
        source = template.patch_xml(template.get_xml())
    except Exception:  # the package was read once already; this is only for the message
        return ""
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", source).split("\n")
    if not 0 < lineno <= len(lines):
        return ""
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    return f"在“{text[:40]}{'…' if len(text) > 40 else ''}”这一段" if text else ""


def _chinese_error(exc: TemplateError) -> str:
    """A Jinja render error in Chinese (an unknown field is named as the template writes it)."""
    from ..templating.rendering import undefined_field

    if isinstance(exc, UndefinedError):
        return f"用到了不存在的字段 {undefined_field(exc.message or '')}"
    if isinstance(exc, TemplateNotFound):
        return f"找不到模板文件“{exc.name}”：Word 模板不能引用其他文件"
    if isinstance(exc, SecurityError):
        return f"{exc.message}，已拒绝"
    return f"模板出错：{exc.message or type(exc).__name__}"


def render_word_template(draft: Any, meta: Any) -> bytes:
    """Render ``draft.word_template`` against ``draft.context``; return stamped .docx bytes."""
    from docxtpl import DocxTemplate

    from ..templating.environment import (
        TemplateLimitError,
        make_xml_environment,
        xml_budget_scope,
    )

    path = Path(draft.word_template)
    data = read_template(path)
    template = DocxTemplate(io.BytesIO(data))  # a fresh object for every render
    try:
        template.init_docx()
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise UserError(
            f"{WHAT}“{path}”打不开（{type(exc).__name__}）：请在 Word 或 WPS 里另存为 .docx 再试"
        ) from None
    try:
        with xml_budget_scope():
            template.render(
                draft.context.as_mapping(), jinja_env=make_xml_environment(), autoescape=True
            )
    except TemplateLimitError as exc:
        raise UserError(f"{WHAT}“{path}”{near_line(data, exc.lineno)}：{exc.message}") from None
    except UserError:
        raise
    except TemplateError as exc:
        raise UserError(f"{WHAT}“{path}”出错：{_locate_error(path, data, exc)}") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        raise UserError(f"{WHAT}“{path}”运行出错：{type(exc).__name__}: {exc}") from None
    props = template.docx.core_properties
    props.title, props.author, props.subject, props.keywords = (
        meta.title,
        meta.author,
        meta.subject,
        meta.keywords,
    )
    out = io.BytesIO()
    template.save(out)
    return stamp_content_hash(out.getvalue())

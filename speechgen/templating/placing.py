"""Where a part's own words go in the part's rendered body (the ``place_remarks`` filter).

The speaker's words for a part (remarks at ``parts.N``) go where the template marked them
(``{{ m.REMARKS_HERE }}``); otherwise after the part's first paragraph, or before its first
sub-point when the part opens with one (a heading, a 一是 item or a bold lead sentence).
"""

from __future__ import annotations

from markupsafe import Markup

# Lines that start a sub-point in the speech markup: ## heading, + item, **lead**.
SUB_POINT_MARKS = "#+*"


def place_remarks(body: str, paragraphs: str, mark: str) -> Markup:
    """``body`` with ``paragraphs`` (the rendered remarks) placed: at ``mark`` when the body
    has it, else after the first paragraph or before a leading sub-point. The paragraphs of
    the body are kept apart by one blank line each."""
    body, paragraphs = Markup(body), Markup(paragraphs)
    if mark in body:
        return body.replace(mark, paragraphs) + Markup("\n")
    if not paragraphs:
        return body + Markup("\n")
    out: list[Markup] = []
    done = False
    for chunk in body.split("\n\n"):
        if not chunk.strip():
            continue
        if not done and chunk.lstrip()[:1] in SUB_POINT_MARKS:
            out.append(paragraphs)
            done = True
        out.append(chunk.strip() + Markup("\n\n"))
        if not done:
            out.append(paragraphs)
            done = True
    if not done:
        out.append(paragraphs)
    return Markup("").join(out)

"""Markdown libraries: one template per section. A heading (`#` to `######`) starts a
section and names the template (its id); the section's text is the template.

Text before the first heading, and the text of a section that has sub-sections
(a title with an introduction, a group heading), is prose, not a template.
An HTML comment `<!-- chatlint: disable=RULE,... lang=id intent=complaint -->`
in a section sets that template's suppressions, language or intent.
"""

from __future__ import annotations

import re

from ..model.errors import ChatlintError
from . import Template
from .directives import parse, rule_list
from .positions import Locator

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)


def read_markdown(content: str, path: str) -> list[Template]:
    locate = Locator(content)
    fences = _fenced_spans(content)
    headings = [m for m in _HEADING.finditer(content) if not any(a <= m.start() < b for a, b in fences)]
    templates = []
    for i, heading in enumerate(headings):
        following = headings[i + 1] if i + 1 < len(headings) else None
        if following is not None and len(following.group(1)) > len(heading.group(1)):
            continue  # a parent section: its text introduces its sub-sections
        start = heading.end() + 1
        end = headings[i + 1].start() if i + 1 < len(headings) else len(content)
        template = section(content, path, locate, start, end, heading.group(2).strip() or None,
                           allowed=("disable", "lang", "intent"))
        if template is not None:
            templates.append(template)
    return templates


def section(content, path, locate, start, end, template_id, allowed, comment=_COMMENT) -> Template | None:
    """The template in content[start:end] with directive comments cut out; None when empty."""
    directives, cut = {}, []
    # both kinds of directive comment hold one of these; most sections have neither
    has_comment = content.find("<!--", start, end) >= 0 or content.find("chatlint:", start, end) >= 0
    for m in comment.finditer(content, start, end) if has_comment else ():
        body = next(g for g in m.groups() if g is not None).strip()
        if body.startswith("chatlint:"):
            line = locate(m.start())[0]
            directives.setdefault("line", line)
            for key, value in parse(body[len("chatlint:"):], path, line, allowed).items():
                directives[key] = (directives.get(key, "") + "," + value).strip(",") if key == "disable" \
                    else value
        cut.append((m.start(), m.end()))
    chars, index, pos = [], [], start
    for a, b in [*cut, (end, end)]:
        chars.append(content[pos:a])
        index.extend(range(pos, a))
        pos = b
    text = "".join(chars)
    stripped = text.strip()
    if not stripped:
        if "disable" in directives:
            raise ChatlintError("chatlint directive in a section without a template", path, directives["line"])
        return None
    lead = len(text) - len(text.lstrip())
    index = index[lead:lead + len(stripped)]
    index.append(index[-1] + 1)
    template = Template(text=stripped, path=path, index=index, locate=locate,
                        id=template_id, lang=directives.get("lang"), intent=directives.get("intent"))
    if "disable" in directives:
        template.disable = rule_list(directives["disable"])
        template.disable_line = directives["line"]
    return template


def _fenced_spans(content: str) -> list[tuple[int, int]]:
    marks = [m.start() for m in _FENCE.finditer(content)]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]

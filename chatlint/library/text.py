"""Plain-text libraries: one template per paragraph (paragraphs are separated by blank lines).

A line `# chatlint: disable=RULE,... lang=id intent=complaint` (or the same in an
HTML comment) inside a paragraph applies to that paragraph and is not part of its text.
"""

from __future__ import annotations

import re

from . import Template
from .markdown import section
from .positions import Locator

_BLANK = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
_DIRECTIVE = re.compile(r"<!--(.*?)-->|^[ \t]*#[ \t]*(?=chatlint:)([^\n]*)", re.MULTILINE | re.DOTALL)


def read_text(content: str, path: str) -> list[Template]:
    locate = Locator(content)
    templates, start = [], 0
    for m in [*_BLANK.finditer(content), None]:
        end = m.start() if m else len(content)
        template = section(content, path, locate, start, end, None,
                           allowed=("disable", "lang", "intent"), comment=_DIRECTIVE)
        start = m.end() if m else len(content)
        if template is not None:
            templates.append(template)
    return templates

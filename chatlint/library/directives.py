"""Inline directives: `chatlint: disable=emoticon,use-name` (and lang=, intent= where no field exists).

They are written in a YAML comment, an HTML comment in Markdown, or a `# chatlint:`
line in a plain-text library.
"""

from __future__ import annotations

import re

from ..model.errors import ChatlintError

DIRECTIVE = re.compile(r"chatlint:\s*(?P<body>[^\n]*?)\s*(?:-->|$)", re.MULTILINE)
_PAIR = re.compile(r"([\w-]+)\s*=\s*([^\s]+)")


def parse(body: str, path: str, line: int, allowed=("disable",)) -> dict[str, str]:
    """`disable=a,b lang=id` -> {"disable": "a,b", "lang": "id"}; anything else is an error."""
    pairs = dict(_PAIR.findall(body))
    leftover = _PAIR.sub("", body).strip(" ,;")
    if leftover or not pairs:
        raise ChatlintError(f"chatlint directive: expected key=value pairs such as "
                            f"\"disable=emoticon\", got {body!r}", path, line)
    for key in pairs:
        if key not in allowed:
            raise ChatlintError(f"chatlint directive: unknown key {key!r}; expected one of: "
                                f"{', '.join(allowed)}", path, line)
    return pairs


def rule_list(value: str) -> list[str]:
    return [r.strip() for r in value.split(",") if r.strip()]

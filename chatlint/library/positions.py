"""Where each character of a template's text is in its file.

Readers know where a template's text starts in the file but the text itself
may differ from the raw bytes there (YAML folding and escapes, JSON escapes,
CSV quote doubling, comments cut out of a Markdown section). `align` walks the
text and the raw source together and gives each text character the index of
the raw character it came from.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


def align(text: str, raw: str, base: int = 0) -> list[int]:
    """For each character of `text` (plus its end), an index into the file.

    `raw` is the slice of the file the text was read from and `base` its index.
    Characters that came out of an escape or a fold are matched to the nearest
    raw character that produced them; the mapping never goes backwards.
    """
    out: list[int] = []
    pos = 0
    for ch in text:
        if pos < len(raw) and raw[pos] == ch:
            out.append(base + pos)
            pos += 1
            continue
        if ch.isspace() and pos < len(raw) and raw[pos].isspace():
            # a folded line break or indentation: the run of raw whitespace gives one character
            out.append(base + pos)
            while pos < len(raw) and raw[pos].isspace():
                pos += 1
            continue
        ahead = raw.find(ch, pos, pos + 12)  # skips indentation, quotes, an escape's backslash
        if ahead >= 0:
            out.append(base + ahead)
            pos = ahead + 1
        else:
            out.append(base + min(pos, max(len(raw) - 1, 0)))
    out.append(base + min(pos, len(raw)))
    return out


_NEWLINE = re.compile("\n")


@dataclass
class Locator:
    """Index in a file -> 1-based (line, column), columns counted in characters."""

    text: str

    def __post_init__(self):
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]

    def __call__(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1

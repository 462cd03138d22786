"""CSV libraries: a header row naming the columns (text, and optionally id, lang, reply_to,
intent, chatlint), then one template per row. Comma-separated, RFC 4180 quoting."""

from __future__ import annotations

import csv
import io

from ..model.errors import ChatlintError
from . import FIELDS, Template
from .directives import parse, rule_list
from .positions import Locator, align


def _fields(content: str, start: int) -> tuple[list[tuple[int, int]], int]:
    """Spans of the raw fields of the record at `start` (quotes included), and where it ends."""
    spans, i, n = [], start, len(content)
    while True:
        begin = i
        if i < n and content[i] == '"':
            i += 1
            while i < n:
                if content[i] == '"':
                    if i + 1 < n and content[i + 1] == '"':
                        i += 2
                        continue
                    i += 1
                    break
                i += 1
        while i < n and content[i] not in ",\r\n":
            i += 1
        spans.append((begin, i))
        if i < n and content[i] == ",":
            i += 1
            continue
        if i < n and content[i] == "\r":
            i += 1
        if i < n and content[i] == "\n":
            i += 1
        return spans, i


def csv_rows(content: str, path: str, **dialect) -> list[list[str]]:
    """All rows; a syntax error names the line (an unclosed quote: the line it opens on)."""
    reader = csv.reader(io.StringIO(content, newline=""), strict=True, **dialect)
    rows = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            unclosed = "end of data" in str(exc) or "EOF" in str(exc)
            raise ChatlintError(f"CSV syntax error: {exc}" + ("; a quoted field opened on this line is never "
                                                              "closed (expected a closing \")" if unclosed else ""),
                                path, start if unclosed else reader.line_num) from None
        if row is None:
            return rows
        rows.append(row)


def read_csv(content: str, path: str) -> list[Template]:
    locate = Locator(content)
    rows = csv_rows(content, path)
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    for column, name in enumerate(header, 1):
        if name not in FIELDS:
            raise ChatlintError(f"unknown column {name!r}; expected: {', '.join(FIELDS)}", path, 1, column)
        if name in header[:column - 1]:
            raise ChatlintError(f"duplicate column {name!r}; expected each column once", path, 1, column)
    if "text" not in header:
        raise ChatlintError("missing column 'text' (the template); columns: " + ", ".join(FIELDS), path, 1)
    text_col = header.index("text")
    templates = []
    _, pos = _fields(content, 0)
    for row in rows[1:]:
        spans, after = _fields(content, pos)
        line = locate(pos)[0]
        record_start, pos = pos, after
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) != len(header):
            raise ChatlintError(f"expected {len(header)} columns ({', '.join(header)}), got {len(row)}",
                                path, line)
        values = dict(zip(header, row))
        text = values["text"]
        if not text.strip():
            raise ChatlintError("empty template", path, line)
        begin, end = spans[text_col] if text_col < len(spans) else (record_start, after)
        index = align(text, content[begin:end], begin)
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        index = index[lead:lead + len(stripped) + 1]
        template = Template(text=stripped, path=path, index=index, locate=locate,
                            id=values.get("id") or None, lang=values.get("lang") or None,
                            reply_to=values.get("reply_to") or None, intent=values.get("intent") or None)
        if values.get("chatlint", "").strip():
            template.disable = rule_list(parse(values["chatlint"], path, line)["disable"])
            template.disable_line = line
        templates.append(template)
    return templates

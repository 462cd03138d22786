"""Generic CSV and JSON Lines: one message per row, with a column mapping.

The mapping names the column for each field: timestamp, sender, role, text,
conversation (`--columns text=body,sender=from` or the config's `columns:`).
Unmapped fields are found by common column names (time/date, author/from,
message/body/content, chat/thread...). `text` and one of sender or role are
required. Roles: agent/admin/shop/seller/staff/cs are the shop, anything else
the customer.
"""

from __future__ import annotations

import csv
import itertools
from datetime import datetime, timezone

from ..model.messages import CONTINUATION, MESSAGE, SYSTEM, Ledger, Message
from ..model.errors import ChatlintError
from ..model.limits import load_json
from .base import Input

FIELDS = ("timestamp", "sender", "role", "text", "conversation")
GUESSES = {
    "timestamp": ("timestamp", "time", "date", "datetime", "created_at", "sent_at", "waktu", "tanggal"),
    "sender": ("sender", "author", "from", "name", "user", "username", "pengirim"),
    "role": ("role", "sender_type", "side", "direction"),
    "text": ("text", "message", "body", "content", "pesan"),
    "conversation": ("conversation", "conversation_id", "chat", "chat_id", "thread", "thread_id", "ticket"),
}
AGENT_ROLES = {"agent", "admin", "shop", "seller", "staff", "cs", "support", "operator", "outgoing", "out",
               "penjual", "toko"}


def sniff_jsonl(head: str) -> bool:
    first = head.lstrip().split("\n", 1)[0].strip()
    return first.startswith("{") and first.endswith("}")


def parse_columns(spec: str) -> dict[str, str]:
    """"text=body,sender=from" -> {"text": "body", "sender": "from"}."""
    mapping = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        field, sep, column = part.partition("=")
        if not sep or field.strip() not in FIELDS:
            raise ChatlintError(f"--columns: expected FIELD=COLUMN pairs with FIELD one of "
                                f"{', '.join(FIELDS)}, got {part!r}")
        mapping[field.strip()] = column.strip()
    return mapping


def _resolve(columns: list[str], mapping: dict[str, str], where: str, line: int) -> dict[str, str]:
    lower = {c.strip().lower(): c for c in columns}
    resolved = {}
    for field in FIELDS:
        if field in mapping:
            if mapping[field] not in columns:
                raise ChatlintError(f"column {mapping[field]!r} (for {field}) not found; the columns are: "
                                    f"{', '.join(columns)}", where, line)
            resolved[field] = mapping[field]
            continue
        for guess in GUESSES[field]:
            if guess in lower:
                resolved[field] = lower[guess]
                break
    if "text" not in resolved or not ({"sender", "role"} & set(resolved)):
        missing = "text" if "text" not in resolved else "sender or role"
        raise ChatlintError(f"no {missing} column; the columns are: {', '.join(columns)} "
                            f"(map them with --columns text=COLUMN,sender=COLUMN,...)", where, line)
    return resolved


def parse_time(value) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        number = float(value)
        if number > 1e11:  # milliseconds
            number /= 1000
        return datetime.fromtimestamp(number, timezone.utc).replace(tzinfo=None)
    stamp = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    return stamp.replace(tzinfo=None) if stamp.tzinfo is None else stamp.astimezone(timezone.utc).replace(tzinfo=None)


def _row_message(file, line, row, cols, ledger) -> Message | None:
    def get(field):
        value = row.get(cols[field]) if field in cols else None
        return "" if value is None else value

    try:
        stamp = parse_time(get("timestamp")) if "timestamp" in cols else None
    except (ValueError, OverflowError, OSError):
        ledger.skip(file, line, f"timestamp {get('timestamp')!r} is not a date and time "
                                f"(expected ISO 8601 such as 2024-05-01T09:30 or a Unix time)")
        return None
    text = str(get("text"))
    role_value = str(get("role")).strip().lower()
    role = None
    if role_value:
        role = "agent" if role_value in AGENT_ROLES else "customer"
    sender = str(get("sender")).strip() or (role or "")
    return Message(file, line, stamp, sender, text, chat=str(get("conversation")), role=role,
                   system=not text.strip(), end_line=line)


def read_csv(source: Input, ledger: Ledger, mapping: dict[str, str]):
    sample = "".join(line + "\n" for _, line in itertools.islice(source.lines(), 50))[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader((line + "\n" for _, line in source.lines()), dialect, strict=True)
    start = 1
    try:
        header = next(reader, None)
        if header is None:
            return
        ledger.mark(SYSTEM)  # the header
        if reader.line_num > 1:
            ledger.mark(CONTINUATION, reader.line_num - 1)
        seen = set()
        for column, name in enumerate(header, 1):
            if name in seen:
                raise ChatlintError(f"duplicate column {name!r} in the header; expected each column once",
                                    source.name, 1, column)
            seen.add(name)
        cols = _resolve(header, mapping, source.name, 1)
        done = reader.line_num
        while True:
            start = done + 1
            row = next(reader, None)
            if row is None:
                break
            line, done = start, reader.line_num
            if done > line:  # a quoted field spanning lines
                ledger.mark(CONTINUATION, done - line)
            if not any(cell.strip() for cell in row):
                ledger.mark(SYSTEM)
                continue
            if len(row) != len(header):
                ledger.skip(source.name, line, f"{len(row)} fields, expected {len(header)} like the header")
                continue
            message = _row_message(source.name, line, dict(zip(header, row)), cols, ledger)
            if message is not None:
                ledger.mark(SYSTEM if message.system else MESSAGE)
                yield message
    except csv.Error as exc:
        unclosed = "end of data" in str(exc) or "EOF" in str(exc)
        raise ChatlintError(f"CSV syntax error: {exc}" + ("; a quoted field opened on this line is never closed "
                                                          "(expected a closing \")" if unclosed else ""),
                            source.name, start if unclosed else reader.line_num) from None


def read_jsonl(source: Input, ledger: Ledger, mapping: dict[str, str]):
    cols = None
    for line_no, line in source.lines():
        if not line.strip():
            ledger.mark(SYSTEM)
            continue
        try:
            row = load_json(line, source.name, line_no)
        except ChatlintError as exc:
            ledger.skip(source.name, line_no, f"not a JSON object: {exc.message}")
            continue
        if not isinstance(row, dict):
            ledger.skip(source.name, line_no, "expected a JSON object per line")
            continue
        if cols is None:
            cols = _resolve(list(row), mapping, source.name, line_no)
        message = _row_message(source.name, line_no, row, cols, ledger)
        if message is not None:
            ledger.mark(SYSTEM if message.system else MESSAGE)
            yield message

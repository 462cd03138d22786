"""Telegram Desktop JSON exports (result.json): one chat, or "Export Telegram data" with many.

A message's text is a string or a list of pieces (plain strings and entities
such as {"type": "bold", "text": "..."}); both become plain text. Service
messages (joined, pinned, calls) and messages without text (a photo, a
sticker) are system messages. Each chat is its own conversation source.

Lines: JSON has no line structure of its own, so a message accounts for the
lines from its opening brace to the next message's; lines outside messages
(the export's header, chat names, closing brackets) are counted as system.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

from ..model.messages import CONTINUATION, MESSAGE, SYSTEM, Ledger, Message, Skipped
from ..model.errors import ChatlintError
from ..model.limits import load_json
from .base import Input


def sniff(head: str) -> bool:
    return head.lstrip().startswith("{") and ('"messages"' in head or '"chats"' in head
                                              or '"personal_information"' in head)


def text_of(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(p if isinstance(p, str) else text_of(p.get("text", "")) if isinstance(p, dict) else ""
                       for p in value)
    return ""


def read(source: Input, ledger: Ledger):
    text = source.text()
    data = load_json(text, source.name)
    if isinstance(data, dict) and isinstance(data.get("chats"), dict):
        chats = data["chats"].get("list", [])
    elif isinstance(data, dict) and isinstance(data.get("messages"), list):
        chats = [data]
    else:
        raise ChatlintError("expected a Telegram Desktop export: an object with \"messages\" or "
                            "\"chats\": {\"list\": [...]}", source.name, 1)
    if not isinstance(chats, list):
        raise ChatlintError("expected \"chats\": {\"list\": [...]}, a list of chats", source.name, 1)
    total_lines = text.count("\n")
    finder = _LineFinder(text)
    accounted = 0
    for chat in chats:
        if not isinstance(chat, dict) or not isinstance(chat.get("messages", []), list):
            continue  # its lines are counted below, as lines outside messages
        chat_name = str(chat.get("name") or chat.get("id") or "")
        finder.seek_chat()
        items = chat.get("messages", [])
        lines = [finder.find(item) for item in items]
        for i, item in enumerate(items):
            # a message owns the lines up to the next one's; the last, as many as its JSON takes
            span = lines[i + 1] - lines[i] if i + 1 < len(items) else _json_lines(item)
            # messages sharing a line (minified JSON) share it: each line is counted once
            span = max(min(span, total_lines - accounted), 0)
            if not isinstance(item, dict):
                if span:
                    ledger.skip(source.name, lines[i], f"expected a message object, got {_kind(item)}")
                    ledger.mark(CONTINUATION, span - 1)
                else:
                    ledger.skipped.append(Skipped(source.name, lines[i], f"expected a message object, "
                                                                         f"got {_kind(item)}"))
                accounted += span
                continue
            accounted += _account(ledger, item, span)
            yield _message(source.name, lines[i], chat_name, item)
    # lines outside messages: the export's header and the brackets around lists
    ledger.mark(SYSTEM, max(total_lines - accounted, 0))


class _LineFinder:
    """Line numbers of the messages, found in order in the pretty-printed text."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.line = 1
        self.lost = False

    def _advance(self, to: int):
        self.line += self.text.count("\n", self.pos, to)
        self.pos = to

    def seek_chat(self):
        at = self.text.find('"messages"', self.pos)
        if at != -1:
            self._advance(at)

    def find(self, item) -> int:
        if not isinstance(item, dict) or self.lost:
            return self.line
        key = next((k for k in ("id", "date_unixtime", "date") if k in item), None)
        if key is None:
            return self.line
        value = re.escape(json.dumps(item[key], ensure_ascii=False))
        m = re.compile(rf'"{key}":\s*{value}\s*[,}}]').search(self.text, self.pos)
        if m:
            self._advance(m.start())
        else:  # not pretty-printed as expected: stop searching (each miss would scan to the end)
            self.lost = True
        return self.line


def _json_lines(item) -> int:
    return len(json.dumps(item, ensure_ascii=False, indent=1).splitlines())


def _kind(value) -> str:
    return {list: "a JSON list", str: "a JSON string", bool: "true or false", type(None): "null"}.get(
        type(value), "a JSON number")


def _account(ledger: Ledger, item: dict, span: int) -> int:
    """One line for the message itself, continuation lines for the rest of its JSON object."""
    if not span:
        return 0
    ledger.mark(MESSAGE if item.get("type") == "message" and text_of(item.get("text")).strip() else SYSTEM)
    if span > 1:
        ledger.mark(CONTINUATION, span - 1)
    return span


def _message(file: str, line: int, chat: str, item: dict) -> Message:
    text = text_of(item.get("text"))
    sender = item.get("from") or item.get("actor") or ""
    sender = sender if isinstance(sender, str) else json.dumps(sender, ensure_ascii=False)
    try:
        if item.get("date"):
            stamp = datetime.fromisoformat(str(item["date"]))
        elif item.get("date_unixtime"):
            stamp = datetime.fromtimestamp(int(item["date_unixtime"]), timezone.utc).replace(tzinfo=None)
        else:
            stamp = None
    except (TypeError, ValueError, OverflowError, OSError):  # OSError: a timestamp past what the platform holds
        stamp = None
    system = item.get("type") != "message" or not text.strip()
    return Message(file, line, stamp, sender, text, chat=chat, system=system, end_line=line)

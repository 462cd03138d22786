"""Readers turn chat exports into Messages. They know nothing of rules.

    for message in read(path, ledger, fmt="auto", columns={}): ...

Every physical line of the input ends up in the ledger as a message start, a
continuation, a system line or a skipped line with its reason.
"""

from __future__ import annotations

from pathlib import Path

from ..model.messages import MESSAGE, Ledger
from ..model.errors import ChatlintError
from ..model.limits import MAX_MESSAGE_CHARS
from ..model.textio import clean
from . import tabular, telegram, whatsapp
from .base import Input, inputs

FORMATS = ("auto", "whatsapp", "telegram", "csv", "jsonl")


def detect(source: Input) -> str:
    """The format of an export, from its name and first bytes."""
    name = source.name.lower()
    if source.member:
        return "whatsapp"
    head = source.head()
    if name.endswith(".jsonl") or name.endswith(".ndjson"):
        return "jsonl"
    if name.endswith(".csv") or name.endswith(".tsv"):
        return "csv"
    if telegram.sniff(head):
        return "telegram"
    if whatsapp.sniff(head):
        return "whatsapp"
    if tabular.sniff_jsonl(head):
        return "jsonl"
    raise ChatlintError("cannot tell the export format: expected a WhatsApp .txt or .zip export, a "
                        "Telegram result.json, a .csv or a .jsonl file (or pass --format-in)",
                        source.name, 1)


def read(path, ledger: Ledger, fmt: str = "auto", columns: dict | None = None):
    """The messages of an export (each chat of a .zip in turn); every line goes in `ledger`."""
    for source in inputs(path):
        if source.member and fmt == "auto" and "chat" not in Path(source.member).name.lower() \
                and not whatsapp.sniff(source.head()):
            ledger.warnings.append(f"{source.name}: not a WhatsApp chat (an attached document?); not read")
            continue
        yield from _limited(_read(source, ledger, fmt, columns), ledger)


def _read(source: Input, ledger: Ledger, fmt: str, columns: dict | None):
    fmt = detect(source) if fmt == "auto" else fmt
    ledger.files.append(source.name)
    ledger.notes.append(f"{source.name}: read as {fmt}")
    if fmt == "whatsapp":
        return whatsapp.read(source, ledger)
    if fmt == "telegram":
        return telegram.read(source, ledger)
    if fmt == "csv":
        return tabular.read_csv(source, ledger, columns or {})
    if fmt == "jsonl":
        return tabular.read_jsonl(source, ledger, columns or {})
    raise ChatlintError(f"unknown input format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def _limited(messages, ledger: Ledger):
    """Messages over MAX_MESSAGE_CHARS are skipped with their reason, whatever the format; lone
    surrogates (JSON "\\ud800") become U+FFFD."""
    for message in messages:
        message.text, message.sender, message.chat = clean(message.text), clean(message.sender), clean(message.chat)
        if len(message.text) > MAX_MESSAGE_CHARS and not message.system:
            ledger.recount(MESSAGE, message.file, message.line,
                           f"a message of {len(message.text):,} characters; the limit is "
                           f"{MAX_MESSAGE_CHARS:,} (lines {message.line}-{message.end_line or message.line})")
            continue
        yield message


__all__ = ["FORMATS", "Input", "Ledger", "detect", "inputs", "read"]


class Exports:
    """Chat exports as a stream of Messages that can be read more than once.

    Each pass reads the files again (nothing is held in memory) and accounts for
    their lines in a fresh `ledger`; after a pass, `ledger` is that pass's.
    """

    def __init__(self, paths, fmt: str = "auto", columns: dict | None = None, strict: bool = False):
        self.paths = [str(p) for p in paths]
        self.fmt = fmt
        self.columns = columns or {}
        self.strict = strict  # a skipped line is an error, at the first one
        self.ledger = Ledger(strict=strict)

    def __iter__(self):
        self.ledger = ledger = Ledger(strict=self.strict)
        for path in self.paths:
            yield from read(path, ledger, self.fmt, self.columns)


__all__.append("Exports")

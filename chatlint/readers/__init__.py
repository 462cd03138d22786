"""Readers turn chat exports into Messages. They know nothing of rules.

    for message in read(path, ledger, fmt="auto", columns={}): ...

Every physical line of the input ends up in the ledger as a message start, a
continuation, a system line or a skipped line with its reason.
"""

from __future__ import annotations

from ..model.messages import Ledger
from ..model.errors import ChatlintError
from . import tabular, telegram, whatsapp
from .base import Input

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
    source = Input(path)
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


__all__ = ["FORMATS", "Input", "Ledger", "detect", "read"]


class Exports:
    """Chat exports as a stream of Messages that can be read more than once.

    Each pass reads the files again (nothing is held in memory) and accounts for
    their lines in a fresh `ledger`; after a pass, `ledger` is that pass's.
    """

    def __init__(self, paths, fmt: str = "auto", columns: dict | None = None):
        self.paths = [str(p) for p in paths]
        self.fmt = fmt
        self.columns = columns or {}
        self.ledger = Ledger()

    def __iter__(self):
        self.ledger = ledger = Ledger()
        for path in self.paths:
            yield from read(path, ledger, self.fmt, self.columns)


__all__.append("Exports")

"""The message model readers produce, and the ledger that accounts for every input line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# What became of a physical line of input.
MESSAGE, CONTINUATION, SYSTEM, SKIPPED = "message", "continuation", "system", "skipped"
STATUSES = (MESSAGE, CONTINUATION, SYSTEM, SKIPPED)


@dataclass
class Message:
    """One message of an export, as the reader found it."""

    file: str
    line: int                      # first physical line (1-based)
    time: datetime | None
    sender: str
    text: str
    chat: str = ""                 # conversation / chat id the export states ("" for one-chat files)
    role: str | None = None        # "agent" / "customer" when the export says so
    system: bool = False           # media placeholders, deleted messages, notices: not linted
    end_line: int | None = None    # last physical line
    customer_name: str | None = None  # the customer's name, when a message table has it

    def append(self, line_text: str, line_no: int) -> None:
        self.text += "\n" + line_text
        self.end_line = line_no


@dataclass
class Skipped:
    file: str
    line: int
    reason: str


@dataclass
class Ledger:
    """Counts of every physical line by status; skipped lines are kept with their reason."""

    counts: dict = field(default_factory=lambda: {s: 0 for s in STATUSES})
    skipped: list[Skipped] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    lines: int = 0
    notes: list[str] = field(default_factory=list)  # what was detected (format, date order)
    warnings: list[str] = field(default_factory=list)  # what a user should hear of (not read, not messages)
    strict: bool = False  # a skipped line is an error (--strict), raised at once

    def _strict(self) -> None:
        if self.strict and self.skipped:
            from .errors import ChatlintError

            first = self.skipped[0]
            raise ChatlintError(f"--strict: a skipped line: {first.reason}", first.file, first.line)

    def mark(self, status: str, count: int = 1) -> None:
        self.counts[status] += count
        self.lines += count

    def skip(self, file: str, line: int, reason: str) -> None:
        self.mark(SKIPPED)
        self.skipped.append(Skipped(file, line, reason))
        self._strict()

    def recount(self, status: str, file: str, line: int, reason: str) -> None:
        """A line already counted as `status` is skipped after all (a message over a limit)."""
        self.counts[status] -= 1
        self.counts[SKIPPED] += 1
        self.skipped.append(Skipped(file, line, reason))
        self._strict()

    def to_dict(self) -> dict:
        return {"lines": self.lines, **self.counts,
                "skipped_lines": [{"file": s.file, "line": s.line, "reason": s.reason} for s in self.skipped]}

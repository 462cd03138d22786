"""Errors a user can act on: each names the file, the line and what was expected."""

from __future__ import annotations


class ChatlintError(Exception):
    """A problem with the user's input or configuration (exit code 2, no traceback)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = str(self.path)
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


def read_text(path, encoding: str = "utf-8") -> str:
    """A whole text file; a missing, unreadable, oversized or non-text file is a ChatlintError
    naming it (and the line). UTF-8 or UTF-16, any line endings: see textio.read_text."""
    from .textio import read_text as read

    return read(path)

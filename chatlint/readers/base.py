"""What every reader shares: input files (plain, or the chat inside a .zip) read line by line."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..model.errors import ChatlintError


class Input:
    """One input file. A WhatsApp .zip export stands for the chat text inside it.

    `lines()` yields (line number, text without the line ending) and may be called
    more than once (readers that detect the date order read twice); nothing is kept
    in memory between calls.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.member: str | None = None
        if not self.path.exists():
            raise ChatlintError("no such file", str(self.path))
        if self.path.is_dir():
            raise ChatlintError("is a folder; pass the export files", str(self.path))
        if self.path.suffix.lower() == ".zip":
            self.member = _chat_member(self.path)
        self.name = f"{self.path}!{self.member}" if self.member else str(self.path)

    def open(self):
        if self.member:
            return zipfile.ZipFile(self.path).open(self.member)
        try:
            return open(self.path, "rb")
        except OSError as exc:
            raise ChatlintError(f"cannot read file: {exc.strerror}", str(self.path)) from None

    def head(self, size: int = 4096) -> str:
        with self.open() as f:
            return f.read(size).decode("utf-8", "replace").lstrip("\ufeff")

    def lines(self):
        """Physical lines split on "\\n" only (the numbers grep -n and editors show)."""
        with self.open() as f:
            for number, raw in enumerate(f, 1):
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise ChatlintError(f"not UTF-8 text ({exc.reason} at byte {exc.start} of the line)",
                                        self.name, number) from None
                if number == 1:
                    text = text.lstrip("\ufeff")
                yield number, text.rstrip("\n").rstrip("\r")


def _chat_member(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            texts = [n for n in z.namelist() if n.lower().endswith(".txt") and not n.startswith("__MACOSX")]
    except zipfile.BadZipFile:
        raise ChatlintError("not a valid .zip file", str(path)) from None
    if not texts:
        raise ChatlintError("the .zip holds no .txt chat export", str(path))
    preferred = [n for n in texts if Path(n).name == "_chat.txt" or "chat" in Path(n).name.lower()]
    return (preferred or texts)[0]

"""What every reader shares: input files (plain, or each chat inside a .zip) read line by line.

Text goes through chatlint.model.textio: UTF-8 or UTF-16, lines ending in \\n, \\r\\n or a lone \\r.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..model.errors import ChatlintError
from ..model.textio import CHUNK, check_regular, iter_lines, sniff_encoding


class Input:
    """One input file, or one chat text inside a WhatsApp .zip export (`member`).

    `lines()` yields (line number, text without the line ending) and may be called
    more than once (readers that detect the date order read twice); nothing is kept
    in memory between calls.
    """

    def __init__(self, path: str | Path, member: str | None = None):
        self.path = Path(path)
        if member is None and self.path.suffix.lower() == ".zip":
            check_regular(self.path)
            chats = _chat_members(self.path)
            member = next((n for n in chats if "chat" in Path(n).name.lower()), chats[0])
        self.member = member
        self.name = f"{self.path}!{self.member}" if self.member else str(self.path)

    def open(self):
        if self.member:
            try:
                return zipfile.ZipFile(self.path).open(self.member)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
                raise ChatlintError(f"cannot read this chat in the .zip: {exc}", self.name) from None
        try:
            return open(self.path, "rb")
        except OSError as exc:
            raise ChatlintError(f"cannot read file: {exc.strerror}", str(self.path)) from None

    def head(self, size: int = 4096) -> str:
        with self.open() as f:
            raw = f.read(size)
        encoding, skip = sniff_encoding(raw)
        return raw[skip:].decode(encoding, "replace")

    def lines(self):
        """Physical lines, as an editor shows them (ending at \\n, \\r\\n or \\r)."""
        with self.open() as f:
            yield from iter_lines(f, self.name)

    def text(self) -> str:
        """The whole text, lines joined with \\n (for formats that are not line by line)."""
        return "".join(line + "\n" for _, line in self.lines())


def inputs(path: str | Path) -> list[Input]:
    """The inputs a path stands for: the file, or each chat text of a .zip export."""
    path = Path(path)
    check_regular(path)
    if path.suffix.lower() != ".zip":
        return [Input(path)]
    return [Input(path, member) for member in _chat_members(path)]


def _chat_members(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as z:
            texts = [i.filename for i in z.infolist() if not i.is_dir() and i.filename.lower().endswith(".txt")
                     and not i.filename.startswith("__MACOSX") and not Path(i.filename).name.startswith("._")]
    except (zipfile.BadZipFile, OSError):
        raise ChatlintError("not a valid .zip file", str(path)) from None
    if not texts:
        raise ChatlintError("the .zip holds no .txt chat export", str(path))
    return sorted(texts)


__all__ = ["CHUNK", "Input", "inputs"]

"""Reading text files: the one reader every input goes through.

It reads UTF-8 (with or without a byte-order mark) and UTF-16 (with a BOM, or
without one when every other byte is NUL, as Windows tools write it), and ends
lines at "\\n", "\\r\\n" or a lone "\\r" (old Mac and some phone exports), so a line
is what an editor shows. A byte that is not text is an error naming the file, the
line and the column. FIFOs, devices and sockets are refused rather than read
forever.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from .errors import ChatlintError

CHUNK = 1 << 16
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text):
    """Text with lone surrogates (from "\\ud800" in JSON, or bytes a shell could not decode)
    replaced by U+FFFD, one for one, so offsets stay; they cannot be tokenized or printed."""
    if isinstance(text, str) and _SURROGATE.search(text):
        return _SURROGATE.sub("\ufffd", text)
    return text


def check_regular(path, name: str | None = None) -> os.stat_result:
    """The file's stat; a missing file, a folder, a FIFO or a device is a ChatlintError."""
    name = name or str(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ChatlintError("no such file" if isinstance(exc, FileNotFoundError)
                            else f"cannot read file: {exc.strerror}", name) from None
    if stat.S_ISDIR(info.st_mode):
        raise ChatlintError("is a folder; expected a file", name)
    if not stat.S_ISREG(info.st_mode):
        raise ChatlintError("not a regular file (a FIFO, device or socket); expected a text file", name)
    return info


def sniff_encoding(head: bytes) -> tuple[str, int]:
    """(codec, bytes of byte-order mark to skip) from a file's first bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    sample = head[:1024]
    if len(sample) >= 4:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) >= 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le", 0
        if even.count(0) >= 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be", 0
    return "utf-8", 0


def _encoding_error(exc: UnicodeDecodeError, encoding: str, line: int, column: int, name: str):
    what = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    byte = exc.object[exc.start:exc.start + 1]
    shown = f" (byte 0x{byte[0]:02x})" if byte else ""
    return ChatlintError(f"not {what} text{shown}: {exc.reason}; expected UTF-8 or UTF-16 text",
                         name, line, column)


def iter_lines(stream, name: str, head: bytes | None = None):
    """(line number, text without its line ending) for each line of a binary stream.

    Lines end at \\n, \\r\\n or \\r; memory holds one chunk and the current line."""
    chunk = stream.read(CHUNK) if head is None else head
    encoding, skip = sniff_encoding(chunk)
    chunk = chunk[skip:]
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line_no, buf = 1, ""
    while True:
        final = not chunk
        try:
            text = buf + decoder.decode(chunk, final=final)
        except UnicodeDecodeError as exc:
            before = _normalise(buf + exc.object[:exc.start].decode(encoding, "replace"))
            raise _encoding_error(exc, encoding, line_no + before.count("\n"),
                                  len(before) - before.rfind("\n"), name) from None
        held = ""
        if text.endswith("\r") and not final:
            text, held = text[:-1], "\r"  # a \r\n may be split between chunks
        lines = _normalise(text).split("\n")
        buf = lines.pop() + held
        if final and buf:
            lines.append(buf)
        for line in lines:
            yield line_no, line
            line_no += 1
        if final:
            return
        chunk = stream.read(CHUNK)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(raw: bytes, name: str) -> str:
    """Whole-file text with lines ending in "\\n"; a NUL or a byte that is not text is an
    error naming the line and column."""
    encoding, skip = sniff_encoding(raw[:CHUNK])
    try:
        text = raw[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        before = _normalise(raw[skip:skip + exc.start].decode(encoding, "replace"))
        raise _encoding_error(exc, encoding, before.count("\n") + 1, len(before) - before.rfind("\n"),
                              name) from None
    text = _normalise(text)
    nul = text.find("\0")
    if nul != -1:
        raise ChatlintError("a NUL character: this is a binary file, not text", name,
                            text.count("\n", 0, nul) + 1, nul - text.rfind("\n", 0, nul))
    return text


def read_text(path, limit: int | None = None) -> str:
    """A whole text file (rule file, lexicon, configuration, library) of at most `limit` bytes."""
    from .limits import MAX_SOURCE_BYTES

    limit = MAX_SOURCE_BYTES if limit is None else limit
    name = str(path)
    info = check_regular(path, name)
    if info.st_size > limit:
        raise ChatlintError(f"the file is {info.st_size:,} bytes; the limit is {limit:,}", name)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ChatlintError(f"cannot read file: {exc.strerror}", name) from None
    return decode(raw, name)

"""Canned-reply libraries: template files in YAML, JSON, CSV, Markdown and plain text.

Every reader yields `Template`s that know, for each character of their text,
the line and column of the file it came from, so findings point at the
template text exactly.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from ..model.errors import ChatlintError, read_text
from ..model.schema import Obj, OneOf
from .positions import Locator

# What a template may carry, in YAML/JSON mappings and as CSV columns.
FIELDS = ("text", "id", "lang", "reply_to", "intent", "chatlint")
TEMPLATE_SPEC = Obj(
    required={"text": str},
    optional={"id": OneOf(str, int, what="a string"), "lang": str, "reply_to": str, "intent": str,
              "chatlint": OneOf(str, Obj(optional={"disable": [str]}, what="chatlint settings mapping"),
                                what="\"disable=RULE,...\" or a mapping with disable: [RULE, ...]")},
    what="template (a string, or a mapping with text and optionally id, lang, reply_to, intent, chatlint)",
)


@dataclass
class Template:
    text: str
    path: str
    index: list[int]            # for each character of text (and its end): its index in the file
    locate: Locator
    id: str | None = None
    lang: str | None = None
    reply_to: str | None = None
    intent: str | None = None
    disable: list[str] = field(default_factory=list)   # rules the template switches off for itself
    disable_line: int | None = None                    # where it says so

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) in the file of the character at `offset` in the text."""
        return self.locate(self.index[max(0, min(offset, len(self.index) - 1))])

    @property
    def line(self) -> int:
        return self.position(0)[0]

    @property
    def column(self) -> int:
        return self.position(0)[1]

    @property
    def name(self) -> str:
        """How reports call the template: its id, or its line."""
        return str(self.id) if self.id is not None else f"line {self.line}"


def _readers():
    from . import csv_format, markdown, text, yaml_format

    return {
        ".yaml": yaml_format.read_yaml, ".yml": yaml_format.read_yaml,
        ".json": yaml_format.read_json,
        ".csv": csv_format.read_csv,
        ".md": markdown.read_markdown, ".markdown": markdown.read_markdown,
        ".txt": text.read_text,
    }


EXTENSIONS = (".yaml", ".yml", ".json", ".csv", ".md", ".markdown", ".txt")


def read_file(path: str | Path) -> list[Template]:
    path = Path(path)
    reader = _readers().get(path.suffix.lower())
    if reader is None:
        raise ChatlintError(f"unsupported library format {path.suffix or '(no extension)'!r}; "
                            f"expected one of: {', '.join(EXTENSIONS)}", str(path))
    from ..model.limits import MAX_MESSAGE_CHARS
    from ..model.textio import clean

    templates = reader(read_text(path, encoding="utf-8-sig"), str(path))
    for template in templates:
        template.text, template.reply_to = clean(template.text), clean(template.reply_to)
        template.id = clean(template.id)
        if len(template.text) > MAX_MESSAGE_CHARS:
            raise ChatlintError(f"template {template.name}: {len(template.text):,} characters; the limit is "
                                f"{MAX_MESSAGE_CHARS:,}", str(path), template.line)
    return templates


def library_files(paths, exclude=()) -> list[Path]:
    """The library files named by `paths`: files as given, folders searched for known formats.

    Inside folders, hidden files and folders (.chatlint.yaml, .git) and files matching an
    `exclude` glob are skipped; a file named explicitly is always read.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path)
                if not candidate.is_file() or candidate.suffix.lower() not in EXTENSIONS:
                    continue
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if candidate.name in ("chatlint.yaml", "pyproject.toml"):
                    continue
                if any(fnmatch.fnmatch(candidate.as_posix(), g) or fnmatch.fnmatch(candidate.name, g)
                       or fnmatch.fnmatch(relative.as_posix(), g) for g in exclude):
                    continue
                found.append(candidate)
        elif path.exists():
            from ..model.textio import check_regular

            check_regular(path)  # a FIFO, device or socket: refused, not read forever
        else:
            raise ChatlintError("no such file or folder", str(path))
    seen, unique = set(), []
    for path in found:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    return unique

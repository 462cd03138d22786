"""Strict YAML reading that remembers where every value came from.

Rule files, lexicons and configuration are validated after parsing; the
errors must still point at a line. `load_yaml` returns plain Python data plus
a `Source` that maps a key path (("check", "phrases", "id")) to its line.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .errors import ChatlintError, read_text
from .limits import MAX_ALIAS_VALUES, MAX_NESTING, MAX_NUMBER_DIGITS

try:  # the C loader is several times faster; the pure one gives the same marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader


_SCALARS = yaml.constructor.SafeConstructor()


class Source:
    """Where a parsed YAML document came from, with a line for each key path."""

    def __init__(self, path: str, lines: dict[tuple, int] | None = None):
        self.path = path
        self.lines = lines or {}

    def line(self, keys: tuple = ()) -> int | None:
        """The line of `keys`, or of the nearest enclosing key that has one."""
        keys = tuple(keys)
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return self.lines.get((), 1)

    def error(self, keys: tuple, message: str) -> ChatlintError:
        return ChatlintError(message, self.path, self.line(keys))


def _construct(node: yaml.Node, keys: tuple, lines: dict, path: str) -> Any:
    lines[keys] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, keys + ("<key>",), {}, path)
            if isinstance(key, (dict, list)):
                raise ChatlintError("a mapping key must be a plain value", path,
                                    key_node.start_mark.line + 1)
            if key in result:
                raise ChatlintError(f"duplicate key {key!r}", path,
                                    key_node.start_mark.line + 1)
            result[key] = _construct(value_node, keys + (key,), lines, path)
            lines[keys + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, keys + (i,), lines, path) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:str":
        return node.value  # what the string constructor returns, without its overhead
    if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
        return node.value  # YAML 1.2: yes/no/on/off are words ("no" is an answer, not false)
    construct = _SCALARS.yaml_constructors.get(node.tag)
    if construct is None:
        raise ChatlintError(f"unsupported YAML tag {node.tag}", path, node.start_mark.line + 1)
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") \
            and sum(c.isdigit() for c in node.value) > MAX_NUMBER_DIGITS:
        raise ChatlintError(f"a number of more than {MAX_NUMBER_DIGITS} digits", path, node.start_mark.line + 1)
    try:
        return construct(_SCALARS, node)
    except (ValueError, OverflowError, yaml.YAMLError) as exc:  # a date that is no date, "0x" ...
        raise ChatlintError(f"cannot read this value: {exc}", path, node.start_mark.line + 1) from None


def check_events(text: str, path: str) -> None:
    """Refuse, before building anything, a document nested deeper than MAX_NESTING or one whose
    aliases (*name) would add more than MAX_ALIAS_VALUES values: a "billion laughs" of a few
    lines expands to gigabytes. One pass over the parser's events: linear time, little memory.
    Syntax errors surface here too, as yaml.YAMLError."""
    sizes: dict[str, int] = {}
    stack: list[list] = []  # per open list or mapping: [anchor, values in it]
    added = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_NESTING:
                raise ChatlintError(f"lists and mappings nest more than {MAX_NESTING} levels deep; expected "
                                    f"at most {MAX_NESTING}", path, event.start_mark.line + 1)
            stack.append([event.anchor, 1])
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            if any(open_anchor == event.anchor for open_anchor, _ in stack):
                raise ChatlintError(f"the alias *{event.anchor} is inside the value it names (a cycle); "
                                    "expected a value that ends", path, event.start_mark.line + 1)
            anchor, size = None, sizes.get(event.anchor, 1)
            added += size
            if added > MAX_ALIAS_VALUES:
                raise ChatlintError(f"aliases (*{event.anchor}) expand to more than {MAX_ALIAS_VALUES:,} "
                                    "values; expected a document without such repetition",
                                    path, event.start_mark.line + 1)
        else:
            continue
        if anchor:
            sizes[anchor] = size
        if stack:
            stack[-1][1] += size


def syntax_error(exc: yaml.YAMLError, path: str, text: str) -> ChatlintError:
    """A YAML error as a ChatlintError naming the line."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem_mark \
                and exc.context_mark.line != exc.problem_mark.line:
            problem += f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        return ChatlintError(f"YAML syntax error: {problem}", path, line)
    if isinstance(exc, yaml.reader.ReaderError):
        position = max(0, min(exc.position, len(text)))
        return ChatlintError(f"YAML: character U+{exc.character:04X} is not allowed (a control character); "
                             "expected text", path, text.count("\n", 0, position) + 1)
    return ChatlintError(f"YAML syntax error: {exc}", path)


def parse_yaml(text: str, path: str) -> tuple[Any, Source]:
    """Parse YAML text; syntax errors become a ChatlintError at the right line."""
    try:
        check_events(text, path)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise syntax_error(exc, path, text) from None
    lines: dict[tuple, int] = {}
    if node is None:
        return None, Source(path, {(): 1})
    data = _construct(node, (), lines, path)
    return data, Source(path, lines)


def load_yaml(path: str | Path) -> tuple[Any, Source]:
    """Parse a YAML file, through the parse cache (validation is the caller's, every time)."""
    path = Path(path)
    cached = _cache_read(path)
    if cached is not None:
        return cached
    parsed = parse_yaml(read_text(path), str(path))
    _cache_write(path, parsed)
    return parsed


# The parse cache: a cold `chatlint check` reads ~25 YAML files (rules, lexicons), and
# parsing them costs more than loading their parsed form. Entries are keyed by the
# file's path, size and modification time, like Python's own __pycache__; any problem
# with the cache falls back to parsing. CHATLINT_NO_CACHE=1 switches it off,
# CHATLINT_CACHE_DIR moves it (default: $XDG_CACHE_HOME/chatlint or ~/.cache/chatlint).
_CACHE_VERSION = 1


def _cache_dir() -> Path | None:
    if os.environ.get("CHATLINT_NO_CACHE"):
        return None
    if os.environ.get("CHATLINT_CACHE_DIR"):
        return Path(os.environ["CHATLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "chatlint"


def _cache_entry(path: Path) -> tuple[Path, tuple] | None:
    folder = _cache_dir()
    if folder is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    resolved = str(path.resolve())
    name = hashlib.sha1(resolved.encode("utf-8")).hexdigest() + ".pickle"
    return folder / name, (_CACHE_VERSION, resolved, stat.st_size, stat.st_mtime_ns)


def _cache_read(path: Path):
    entry = _cache_entry(path)
    if entry is None:
        return None
    file, key = entry
    try:
        with open(file, "rb") as handle:
            stored_key, data, lines = pickle.load(handle)
    except Exception:  # no entry yet, or an unreadable one
        return None
    return (data, Source(str(path), lines)) if stored_key == key else None


def _cache_write(path: Path, parsed) -> None:
    entry = _cache_entry(path)
    if entry is None:
        return
    file, key = entry
    data, source = parsed
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=file.parent, delete=False) as handle:
            pickle.dump((key, data, source.lines), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, file)
    except Exception:  # a read-only home or a full disk: parse next time too
        pass

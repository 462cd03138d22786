"""Strict YAML reading that remembers where every value came from.

Rule files, lexicons and configuration are validated after parsing; the
errors must still point at a line. `load_yaml` returns plain Python data plus
a `Source` that maps a key path (("check", "phrases", "id")) to its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ChatlintError, read_text

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
    return construct(_SCALARS, node)


def parse_yaml(text: str, path: str) -> tuple[Any, Source]:
    """Parse YAML text; syntax errors become a ChatlintError at the right line."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem_mark \
                and exc.context_mark.line != exc.problem_mark.line:
            problem += f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        raise ChatlintError(f"YAML syntax error: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise ChatlintError(f"YAML syntax error: {exc}", path) from None
    lines: dict[tuple, int] = {}
    if node is None:
        return None, Source(path, {(): 1})
    data = _construct(node, (), lines, path)
    return data, Source(path, lines)


def load_yaml(path: str | Path) -> tuple[Any, Source]:
    return parse_yaml(read_text(path), str(path))

"""A small positioned document tree shared by the YAML and JSON readers.

Each Node keeps its data and its span in the file; a string node also knows
where its content starts (after a quote or a block-scalar header), so template
text can be aligned character by character.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model.errors import ChatlintError
from ..model.limits import load_json
from ..model.yamlsource import Source, _construct, check_events, syntax_error
from .positions import Locator


@dataclass(eq=False)
class Node:
    kind: str                  # "map", "seq", "str" or "other"
    start: int                 # index in the file
    end: int
    value: Any = None          # map: {key: (key_node, node)}; seq: [node]; else the data
    content: int = 0           # str: where the characters of the string begin
    items: list = field(default_factory=list)

    def data(self):
        if self.kind == "map":
            return {k: v.data() for k, (_, v) in self.value.items()}
        if self.kind == "seq":
            return [n.data() for n in self.value]
        return self.value


def source_for(root: Node, path: str, locate: Locator) -> Source:
    """A Source (key path -> line) over the tree, for schema errors at the right line."""
    lines: dict[tuple, int] = {}

    def walk(node: Node, keys: tuple):
        lines[keys] = locate(node.start)[0]
        if node.kind == "map":
            for key, (key_node, child) in node.value.items():
                walk(child, keys + (key,))
                lines[keys + (key,)] = locate(key_node.start)[0]
        elif node.kind == "seq":
            for i, child in enumerate(node.value):
                walk(child, keys + (i,))

    walk(root, ())
    return Source(path, lines)


# --- YAML -------------------------------------------------------------------------------------

def parse_yaml(text: str, path: str) -> Node | None:
    try:
        check_events(text, path)  # nesting and alias limits, shared with rule files and configs
        # the pure-Python loader: its marks count characters, which the C one does not promise
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise syntax_error(exc, path, text) from None
    return _from_yaml(node, text, path) if node is not None else None


def _from_yaml(node: yaml.Node, text: str, path: str) -> Node:
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, yaml.MappingNode):
        value = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, (), {}, path)
            if isinstance(key, (dict, list)):
                raise ChatlintError("a mapping key must be a plain value", path, key_node.start_mark.line + 1)
            if key in value:
                raise ChatlintError(f"duplicate key {key!r}", path, key_node.start_mark.line + 1)
            value[key] = (_from_yaml(key_node, text, path), _from_yaml(value_node, text, path))
        return Node("map", start, end, value)
    if isinstance(node, yaml.SequenceNode):
        return Node("seq", start, end, [_from_yaml(n, text, path) for n in node.value])
    data = _construct(node, (), {}, path)
    if not isinstance(data, str):
        return Node("other", start, end, data)
    content = start
    if node.style in ("|", ">"):
        newline = text.find("\n", start, end)
        content = newline + 1 if newline >= 0 else start
    elif node.style in ("'", '"'):
        content = start + 1
    return Node("str", start, end, data, content=content)


# --- JSON -------------------------------------------------------------------------------------

_WS = re.compile(r"\s*")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


def parse_json(text: str, path: str) -> Node | None:
    load_json(text, path)  # decides validity (no NaN, nesting and number limits) and words the errors
    if not text.strip():
        return None
    node, _ = _json_value(text, _WS.match(text, 0).end(), path)
    return node


def _json_value(text: str, i: int, path: str) -> tuple[Node, int]:
    """A positioned node for the (already validated) JSON value at i, and the index after it."""
    ch = text[i]
    if ch == "{":
        value, j = {}, _skip(text, i + 1)
        while text[j] != "}":
            key_node, j = _json_value(text, j, path)
            j = _skip(text, j)
            child, j = _json_value(text, _skip(text, j + 1), path)  # past ':'
            if key_node.value in value:
                line = text.count("\n", 0, key_node.start) + 1
                raise ChatlintError(f"duplicate key {key_node.value!r}", path, line)
            value[key_node.value] = (key_node, child)
            j = _skip(text, j)
            if text[j] == ",":
                j = _skip(text, j + 1)
        return Node("map", i, j + 1, value), j + 1
    if ch == "[":
        items, j = [], _skip(text, i + 1)
        while text[j] != "]":
            child, j = _json_value(text, j, path)
            items.append(child)
            j = _skip(text, j)
            if text[j] == ",":
                j = _skip(text, j + 1)
        return Node("seq", i, j + 1, items), j + 1
    if ch == '"':
        m = _STRING.match(text, i)
        return Node("str", i, m.end(), json.loads(m.group()), content=i + 1), m.end()
    m = _LITERAL.match(text, i)
    return Node("other", i, m.end(), json.loads(m.group())), m.end()


def _skip(text: str, i: int) -> int:
    return _WS.match(text, i).end()

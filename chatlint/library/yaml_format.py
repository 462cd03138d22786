"""YAML and JSON libraries: a list of templates, or a mapping from template id to template.

A template is a string, or a mapping with `text` and optionally `id`, `lang`,
`reply_to`, `intent` and `chatlint` (per-template settings: `disable`). In
YAML, a comment `# chatlint: disable=RULE,...` on a template's lines, or on the
line just above it, does the same as the `chatlint` key.
"""

from __future__ import annotations

import re

from ..model.errors import ChatlintError
from ..model.schema import validate
from . import TEMPLATE_SPEC, Template
from .directives import parse, rule_list
from .positions import Locator, align
from .tree import Node, parse_json, parse_yaml, source_for

_COMMENT = re.compile(r"(?:^|\s)#\s*(chatlint:.*)$")


def read_yaml(content: str, path: str) -> list[Template]:
    return _read(parse_yaml(content, path), content, path, comments=True)


def read_json(content: str, path: str) -> list[Template]:
    return _read(parse_json(content, path), content, path, comments=False)


def _read(root: Node | None, content: str, path: str, comments: bool) -> list[Template]:
    if root is None:
        return []
    locate = Locator(content)
    source = source_for(root, path, locate)
    if root.kind == "seq":
        entries = [(None, None, node, (i,)) for i, node in enumerate(root.value)]
    elif root.kind == "map":
        entries = [(key, key_node, node, (key,)) for key, (key_node, node) in root.value.items()]
    else:
        raise source.error((), "expected a library: a list of templates, or a mapping from "
                               "template id to template")
    templates, spans = [], []
    for key, key_node, node, keys in entries:
        template = _template(node, key, content, path, locate, source, keys)
        templates.append(template)
        first = locate((key_node or node).start)[0]
        spans.append((first, _last_line(node, content, locate)))
    if comments:
        _attach_comments(content, path, templates, spans)
    return templates


def _template(node: Node, key, content, path, locate, source, keys) -> Template:
    fields = {}
    if node.kind == "str":
        text_node = node
    elif node.kind == "map":
        validate(node.data(), TEMPLATE_SPEC, source, keys)
        fields = {k: v for k, v in node.data().items() if k != "text"}
        text_node = node.value["text"][1]
    else:
        where = f"item {keys[0] + 1}" if isinstance(keys[0], int) else f"template {keys[0]!r}"
        raise source.error(keys, f"{where}: expected a template (a string, or a mapping with text and "
                                 f"optionally id, lang, reply_to, intent, chatlint)")
    if key is not None:
        if "id" in fields and str(fields["id"]) != str(key):
            raise source.error(keys + ("id",), f"{key}: the template's id {fields['id']!r} differs "
                                               f"from its key {key!r}")
        fields["id"] = key
    text = text_node.value
    if not text.strip():
        raise ChatlintError("empty template", path, *locate(text_node.start))
    stripped = text.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    stripped = stripped[lead:]
    index = align(text, content[text_node.content:text_node.end], text_node.content)[lead:]
    index = index[:len(stripped)] + [index[len(stripped)]] if len(index) > len(stripped) else index
    template = Template(text=stripped, path=path, index=index, locate=locate,
                        id=None if fields.get("id") is None else str(fields["id"]),
                        lang=fields.get("lang"), reply_to=fields.get("reply_to"),
                        intent=fields.get("intent"))
    setting = fields.get("chatlint")
    if setting is not None:
        line = source.line(keys + ("chatlint",))
        if isinstance(setting, str):
            template.disable = rule_list(parse(setting, path, line)["disable"])
        else:
            template.disable = list(setting.get("disable", []))
        template.disable_line = line
    return template


def _last_line(node: Node, content: str, locate: Locator) -> int:
    """The last line holding text of the node: a block's end mark sits past trailing blank
    and comment lines, which belong to whatever follows."""
    first = locate(node.start)[0]
    line, column = locate(node.end)
    if column == 1 and line > first:
        line -= 1
    lines = content.splitlines()
    while line > first and (line > len(lines) or not lines[line - 1].strip()
                            or lines[line - 1].lstrip().startswith("#")):
        line -= 1
    return line


def _attach_comments(content: str, path: str, templates: list[Template], spans) -> None:
    """A directive comment belongs to the template whose lines hold it, else to the next one."""
    for number, line in enumerate(content.splitlines(), 1):
        match = _COMMENT.search(line)
        if not match:
            continue
        body = match.group(1)[len("chatlint:"):]
        owner = next((t for t, (a, b) in zip(templates, spans) if a <= number <= b), None)
        if owner is None:
            owner = next((t for t, (a, _) in zip(templates, spans) if a > number), None)
        if owner is None:
            raise ChatlintError("chatlint directive after the last template: put it on the "
                                "template's lines or just above it", path, number)
        owner.disable = [*owner.disable, *rule_list(parse(body, path, number)["disable"])]
        owner.disable_line = owner.disable_line or number

"""Rules: YAML files, one rule each, loaded strictly.

A rule's id is its file name (rules/builtin/thanks.yaml -> thanks) unless it
states `id:`. Folders are read in order; a rule in a later folder with the
same id replaces the earlier one, and `enabled: false` switches it off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..checks import CHECK_TYPES
from ..analysis.conditions import Condition
from ..model.errors import ChatlintError
from ..model.findings import LEVELS
from ..model.schema import Anything, Enum, Number, Obj, OneOf, validate
from ..model.yamlsource import Source, load_yaml

_TEXT_PER_LANG = {str: OneOf(str, {str: str}, what="a text, or a mapping of variants to texts")}

EXAMPLE_SPEC = Obj(
    required={"lang": str, "reply": str, "expect": Enum("pass", "fail")},
    optional={"customer": str, "name": str, "position": Enum("first", "middle", "closing"),
              "note": str},
    what="example",
)

# Conversation rules (scope: conversation) are shown a short chat instead of one reply:
# "[Mon ]HH:MM customer|agent: text" lines, on consecutive days when the clock goes back.
CONVERSATION_EXAMPLE_SPEC = Obj(
    required={"chat": [str], "expect": Enum("pass", "fail")},
    optional={"lang": str, "name": str, "note": str,
              "business_hours": Obj(required={"start": str, "end": str}, optional={"days": [str]},
                                    what="business hours")},
    what="conversation example",
)

WEIGHT = Number(minimum=0, maximum=1000)  # a rule's share of the score

RULE_SPEC = Obj(
    required={
        "description": str, "etiquette": str, "level": Enum(*LEVELS), "weight": WEIGHT,
        "languages": [str], "check": {str: Anything},
        "message": _TEXT_PER_LANG, "suggestion": _TEXT_PER_LANG, "examples": [EXAMPLE_SPEC],
    },
    optional={
        "id": str, "when": str, "critical": bool, "enabled": bool, "link": str,
        "scope": Enum("message", "conversation"),
        "escalate": Obj(required={"when": str, "level": Enum(*LEVELS)}),
        "fix": {str: str}, "supersedes": [str],
    },
    what="rule",
)
# A file that only switches a rule off or retunes it needs no more than this.
OVERRIDE_SPEC = Obj(optional={"id": str, "enabled": bool, "level": Enum(*LEVELS), "weight": WEIGHT},
                    what="rule override")


@dataclass
class Example:
    lang: str
    reply: str
    expect: str
    customer: str | None = None
    name: str | None = None
    position: str | None = None
    note: str | None = None
    line: int | None = None


@dataclass
class ConversationExample:
    chat: list
    expect: str
    lang: str | None = None
    name: str | None = None
    note: str | None = None
    business_hours: dict | None = None
    line: int | None = None


@dataclass
class Rule:
    id: str
    path: str
    description: str
    etiquette: str
    level: str
    weight: float
    languages: list[str]
    when: Condition
    check: object
    message: dict
    suggestion: dict
    examples: list[Example]
    critical: bool = False
    enabled: bool = True
    link: str | None = None
    escalate: tuple | None = None  # (Condition, level)
    fix: dict = field(default_factory=dict)
    scope: str = "message"
    supersedes: list = field(default_factory=list)  # rules whose findings this one's replace
    supersedes_line: int = 0

    def text(self, table: dict, lang: str, variant: str, details: dict) -> str | None:
        entry = table.get(lang) or table.get("en") or next(iter(table.values()), None)
        if isinstance(entry, dict):
            entry = entry.get(variant) or entry.get("default")
        return _fill(entry, details) if entry else None


def _check_phrase_counts(options: dict, source: Source) -> None:
    """At most MAX_PHRASES phrases (or patterns) per language in one rule: each costs compile time."""
    from ..model.limits import MAX_PHRASES

    for key in ("phrases", "patterns"):
        table = options.get(key)
        if not isinstance(table, dict):
            continue
        for lang, items in table.items():
            if isinstance(items, list) and len(items) > MAX_PHRASES:
                raise source.error(("check", key, lang), f"check.{key}.{lang}: {len(items):,} entries; the "
                                                        f"limit is {MAX_PHRASES:,} per language")


def rule_rows(rules) -> list[dict]:
    """The rule list as plain data: `chatlint rules --format json` and GET /v1/rules."""
    return [{
        "id": r.id, "level": r.level, "weight": r.weight, "critical": r.critical,
        "languages": r.languages, "when": str(r.when), "check": r.check.type,
        "enabled": r.enabled, "description": r.description, "etiquette": r.etiquette, "path": r.path,
        "scope": r.scope,
    } for r in rules]


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _fill(template: str, details: dict) -> str:
    if "{" not in template and "}" not in template:
        return template  # nothing to fill (most messages)
    return template.format_map(_Blank(details))


def load_rule(path: Path, known_signals: set[str], lexicons: dict) -> Rule | dict:
    """A Rule, or for a partial file (only enabled/level/weight) the override it states."""
    data, source = load_yaml(path)
    if not isinstance(data, dict):
        raise source.error((), "expected a rule: a mapping with description, level, check...")
    rule_id = data.get("id", path.stem)
    if set(data) <= set(OVERRIDE_SPEC.optional):
        validate(data, OVERRIDE_SPEC, source)
        return {**data, "id": rule_id, "path": str(path)}
    scope = data.get("scope", "message")
    spec = RULE_SPEC
    if scope == "conversation":
        spec = Obj(required={**RULE_SPEC.required, "examples": [CONVERSATION_EXAMPLE_SPEC]},
                   optional=RULE_SPEC.optional, what="conversation rule")
    validate(data, spec, source)
    check_data = data["check"]
    if "type" not in check_data:
        raise source.error(("check",), f"check: missing required key 'type' (one of: {', '.join(CHECK_TYPES)})")
    validate(check_data["type"], Enum(*CHECK_TYPES), source, ("check", "type"))
    check_cls = CHECK_TYPES[check_data["type"]]
    if getattr(check_cls, "scope", "message") != scope:
        raise source.error(("check", "type"), f"check type {check_cls.type!r} is for "
                                              f"scope: {getattr(check_cls, 'scope', 'message')} rules, "
                                              f"but the rule has scope: {scope}")
    options = {k: v for k, v in check_data.items() if k != "type"}
    validate(options, Obj(required=check_cls.required, optional=check_cls.optional,
                          what=f"{check_cls.type} check"), _Shifted(source, ("check",)), ())
    _check_phrase_counts(options, source)
    check = check_cls(rule_id, options, source, ("check",))
    if hasattr(check, "bind"):
        check.bind(known_signals)
    languages = data["languages"]
    for i, lang in enumerate(languages):
        if lang not in lexicons:
            raise source.error(("languages", i), f"no lexicon for language {lang!r}; installed: "
                                                 f"{', '.join(lexicons)}")
    for table in ("message", "suggestion"):
        _require_languages(data[table], languages, check_cls.variants, source, table)
    if "fix" in data:
        for lang in languages:
            if lang not in data["fix"]:
                raise source.error(("fix",), f"fix: missing language {lang!r}")
    check.validate_languages(languages, lexicons)
    when = Condition(data.get("when", "always"), known_signals, source, ("when",))
    escalate = None
    if "escalate" in data:
        escalate = (Condition(data["escalate"]["when"], known_signals, source, ("escalate", "when")),
                    data["escalate"]["level"])
    examples = []
    for i, ex in enumerate(data["examples"]):
        if scope == "conversation":
            if ex.get("lang", languages[0]) not in languages:
                raise source.error(("examples", i, "lang"), f"example in {ex['lang']!r}, a language "
                                                            f"the rule does not declare")
            check.parse_chat(ex["chat"], source, ("examples", i, "chat"))
            examples.append(ConversationExample(**ex, line=source.line(("examples", i))))
            continue
        if ex["lang"] not in languages:
            raise source.error(("examples", i, "lang"), f"example in {ex['lang']!r}, a language "
                                                        f"the rule does not declare")
        examples.append(Example(**ex, line=source.line(("examples", i))))
    for expect in ("pass", "fail"):
        if not any(e.expect == expect for e in examples):
            raise source.error(("examples",), f"examples: expected at least one with expect: {expect}")
    return Rule(
        id=rule_id, path=str(path), description=data["description"].strip(),
        etiquette=data["etiquette"].strip(), level=data["level"], weight=float(data["weight"]),
        languages=languages, when=when, check=check, message=data["message"],
        suggestion=data["suggestion"], examples=examples, critical=data.get("critical", False),
        enabled=data.get("enabled", True), link=data.get("link"), escalate=escalate,
        fix=data.get("fix", {}), scope=scope, supersedes=data.get("supersedes", []),
        supersedes_line=source.line(("supersedes",)) if "supersedes" in data else 0,
    )


def _require_languages(table, languages, variants, source, key):
    for lang in languages:
        if lang not in table:
            raise source.error((key,), f"{key}: missing language {lang!r} (the rule declares "
                                       f"languages: {', '.join(languages)})")
        entry = table[lang]
        if isinstance(entry, dict):
            for variant in entry:
                if variant not in variants and variant != "default":
                    raise source.error((key, lang, variant), f"{key}.{lang}: unknown variant {variant!r}; "
                                                             f"expected: {', '.join(variants)}")
            missing = [v for v in variants if v not in entry] if "default" not in entry else []
            if missing:
                raise source.error((key, lang), f"{key}.{lang}: missing variant {missing[0]!r}")


class _Shifted(Source):
    """A view of a Source whose key paths start below `prefix` (for nested validation)."""

    def __init__(self, source: Source, prefix: tuple):
        super().__init__(source.path, source.lines)
        self.prefix = prefix

    def line(self, keys=()):
        return super().line(self.prefix + tuple(keys))


def load_rules(folders: list[Path], known_signals: set[str], lexicons: dict) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for folder in folders:
        if not folder.is_dir():
            raise ChatlintError("rule folder not found", str(folder))
        for path in sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml")):
            relative = path.relative_to(folder).parts
            if relative[0] in ("lexicons", "cases", "presets") or path.name in ("signals.yaml", "emoji.yaml"):
                continue
            loaded = load_rule(path, known_signals, lexicons)
            if isinstance(loaded, dict):
                base = rules.get(loaded["id"])
                if base is None:
                    raise ChatlintError(f"overrides rule {loaded['id']!r}, which no earlier folder "
                                        f"defines", loaded["path"], 1)
                for key in ("enabled", "level", "weight"):
                    if key in loaded:
                        setattr(base, key, loaded[key])
                continue
            rules[loaded.id] = loaded
    for rule in rules.values():
        for other in rule.supersedes:
            if other not in rules:
                raise ChatlintError(f"supersedes: unknown rule {other!r}", rule.path, rule.supersedes_line)
    return rules

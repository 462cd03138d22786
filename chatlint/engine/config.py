"""Configuration files: discovery, presets, strict validation, and the Settings they produce.

Discovery walks up from a starting folder to the filesystem root and takes the
first of, in each folder: `.chatlint.yaml`, `chatlint.yaml`, or a
`pyproject.toml` with a `[tool.chatlint]` table. `--config FILE` names one.

A configuration may `extends:` a preset shipped with chatlint (`default`,
`strict`, `relaxed`: rules/presets/*.yaml) and then changes it: lists
(enable, disable, rules) are added to the preset's, mappings (levels, weights,
placeholders...) are merged key by key, single values replace the preset's.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model.errors import ChatlintError, read_text
from ..model.findings import LEVELS
from ..model.limits import load_toml
from ..model.schema import Enum, Number, Obj, OneOf, validate
from ..model.settings import Settings
from ..model.textio import check_regular
from ..model.yamlsource import Source, load_yaml

CONFIG_NAMES = (".chatlint.yaml", "chatlint.yaml")
PRESETS = ("default", "strict", "relaxed")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

MAX_MINUTES = 525_600  # a year
MINUTES = Number(above=0, maximum=MAX_MINUTES)

CONFIG_SPEC = Obj(optional={
    "extends": Enum(*PRESETS),
    "rules": [str],                       # extra rule folders, relative to the config file
    "enable": [str],
    "disable": [str],
    "levels": {str: Enum(*LEVELS)},
    "weights": {str: Number(minimum=0, maximum=1000)},
    "languages": [str],
    "default-lang": str,
    "fail-level": Enum(*LEVELS),
    "fail-under": Number(minimum=0, maximum=100),
    "placeholders": {str: [str]},
    "exclude": [str],                     # glob patterns of files `chatlint lint` skips in folders
    "shop-name": str,
    "agents": [str],
    "business-hours": Obj(required={"start": str, "end": str}, optional={"days": [Enum(*DAYS)]},
                          what="business-hours mapping (days, start, end)"),
    "response-time": Obj(optional={"chat": MINUTES, "email": MINUTES},
                         what="response-time mapping (chat, email: minutes)"),
    "idle-gap-minutes": MINUTES,
    "columns": Obj(optional={k: str for k in ("timestamp", "sender", "role", "text", "conversation")},
                   what="columns mapping (timestamp, sender, role, text, conversation -> CSV/JSONL column)"),
}, what="chatlint configuration")

_LISTS = ("rules", "enable", "disable", "exclude")
_MAPPINGS = ("levels", "weights", "placeholders", "response-time", "columns")


def presets_dir() -> Path:
    from .linter import builtin_rules_dir

    return builtin_rules_dir() / "presets"


def discover(start: str | Path = ".") -> Path | None:
    """The configuration file that applies to `start` (a file or folder), or None."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


_MENTIONS_TABLE = re.compile(r"^\s*(?:\[\s*tool\s*\.\s*[\"']?chatlint\b|tool\s*\.\s*chatlint\s*[.=])", re.M)


def _has_tool_table(path: Path) -> bool:
    try:
        text = read_text(path)
    except ChatlintError:
        return False  # an unreadable pyproject.toml that is not ours is not our business
    try:
        data = load_toml(text, str(path))
    except ChatlintError:
        if _MENTIONS_TABLE.search(text):
            raise  # ours, and broken: say so rather than run without it
        return False
    return isinstance(data.get("tool"), dict) and "chatlint" in data["tool"]


def read(path: str | Path) -> tuple[dict, Source]:
    """The raw, validated configuration mapping of one file, and where its values are."""
    path = Path(path)
    if not path.exists():
        raise ChatlintError("configuration file not found", str(path))
    check_regular(path)
    if path.name == "pyproject.toml":
        data, source = _read_pyproject(path)
    else:
        data, source = load_yaml(path)
        if data is None:
            data = {}
    validate(data, CONFIG_SPEC, source)
    if "business-hours" in data:
        for key in ("start", "end"):
            if not _CLOCK.match(data["business-hours"][key]):
                raise source.error(("business-hours", key), f"business-hours.{key}: expected a time "
                                   f"like \"08:00\", got {data['business-hours'][key]!r}")
    from ..library.standins import KINDS

    for kind in data.get("placeholders", {}):
        if kind not in KINDS:
            raise source.error(("placeholders", kind), f"placeholders: unknown kind {kind!r}; expected one "
                                                       f"of: {', '.join(KINDS)}")
    if "fail-under" in data and not 0 <= data["fail-under"] <= 100:
        raise source.error(("fail-under",), "fail-under: expected a score from 0 to 100")
    return data, source


def _read_pyproject(path: Path) -> tuple[dict, Source]:
    text = read_text(path)
    data = load_toml(text, str(path))
    tool = data.get("tool", {})
    table = tool.get("chatlint") if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise ChatlintError("no [tool.chatlint] table (expected a table of chatlint settings)", str(path),
                            _line_of(path, "chatlint") or 1)
    return table, Source(str(path), _toml_lines(text))


def _toml_lines(text: str) -> dict[tuple, int]:
    """Lines of the keys under [tool.chatlint] (and its sub-tables), for error messages."""
    lines: dict[tuple, int] = {}
    section = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = re.match(r"^\[\s*tool\.chatlint(?:\.([\w-]+))?\s*\]", stripped)
        if header:
            section = (header.group(1),) if header.group(1) else ()
            lines.setdefault(section, number)
            continue
        if stripped.startswith("["):
            section = None
            continue
        key = re.match(r'^"?([\w-]+)"?\s*=', stripped)
        if section is not None and key:
            lines.setdefault(section + (key.group(1),), number)
    return lines


def _preset(name: str) -> dict:
    data, source = read(presets_dir() / f"{name}.yaml")
    return data


def merge(base: dict, over: dict) -> dict:
    merged = dict(base)
    # the later file's switch wins: enabling a rule the preset disables turns it back on
    for key, other in (("enable", "disable"), ("disable", "enable")):
        if key in over and other in merged:
            merged[other] = [r for r in merged[other] if r not in over[key]]
    for key, value in over.items():
        if key in _LISTS and key in merged:
            merged[key] = [*merged[key], *value]
        elif key in _MAPPINGS and key in merged:
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def resolve(data: dict, folder: Path | None = None) -> dict:
    """A file's data on top of the preset it extends (default: `default`)."""
    preset = _preset(data.get("extends", "default"))
    merged = merge(preset, {k: v for k, v in data.items() if k != "extends"})
    if folder is not None and "rules" in data:
        # rule folders in the user's file are relative to the file; the presets name none
        merged["rules"] = [*preset.get("rules", []), *(str(folder / d) for d in data["rules"])]
    return merged


def to_settings(data: dict) -> Settings:
    settings = Settings()
    settings.rule_dirs = [Path(d) for d in data.get("rules", [])]
    settings.enable = set(data.get("enable", []))
    settings.disable = set(data.get("disable", []))
    settings.levels = dict(data.get("levels", {}))
    settings.weights = {k: float(v) for k, v in data.get("weights", {}).items()}
    settings.languages = list(data["languages"]) if "languages" in data else None
    settings.default_lang = data.get("default-lang", settings.default_lang)
    settings.fail_level = data.get("fail-level", settings.fail_level)
    settings.fail_under = float(data["fail-under"]) if "fail-under" in data else None
    settings.placeholders = {k: list(v) for k, v in data.get("placeholders", {}).items()}
    settings.exclude = list(data.get("exclude", []))
    settings.shop_name = data.get("shop-name")
    settings.agents = list(data.get("agents", []))
    settings.business_hours = data.get("business-hours")
    settings.response_time = {**settings.response_time, **data.get("response-time", {})}
    settings.idle_gap_minutes = float(data.get("idle-gap-minutes", settings.idle_gap_minutes))
    settings.columns = dict(data.get("columns", {}))
    return settings


def load_settings(config: str | Path | None = None, start: str | Path = ".",
                  isolated: bool = False) -> tuple[Settings, Path | None]:
    """Settings from `config`, or from the file discovered from `start`, or the defaults.

    Returns the settings and the file they came from (None: built-in defaults).
    """
    path = Path(config) if config else (None if isolated else discover(start))
    if path is None:
        return to_settings(resolve({})), None
    data, source = read(path)
    settings = to_settings(resolve(data, path.resolve().parent))
    _check_rule_dirs(settings, source, data)
    return settings, path


def _check_rule_dirs(settings: Settings, source: Source, data: dict) -> None:
    user_dirs = settings.rule_dirs[-len(data.get("rules", [])):] if data.get("rules") else []
    for i, folder in enumerate(user_dirs):
        if not folder.is_dir():
            raise source.error(("rules", i), f"rules: rule folder not found: {data['rules'][i]}")


def make_linter(settings: Settings, source: Path | None = None, rule_dirs=(), disable=()):
    """A Linter for these settings; an unknown rule id from a config file names the file and line."""
    from .linter import Linter

    try:
        return Linter(rule_dirs=rule_dirs, disable=disable, settings=settings)
    except ChatlintError as exc:
        if source is not None and exc.path is None:
            word = _config_word(exc.message, settings)
            if word:
                raise ChatlintError(exc.message, str(source), _line_of(source, word)) from None
        raise


def _config_word(message: str, settings: Settings) -> str | None:
    """The rule id (or key) of an engine error when it came from the config, not from a flag."""
    match = re.search(r"^(?:enable|disable|level of|weight of) ([\w-]+):", message)
    if match:
        rule_id = match.group(1)
        from_config = {*settings.enable, *settings.disable, *settings.levels, *settings.weights}
        return rule_id if rule_id in from_config else None
    for key in ("languages", "default-lang"):
        if message.startswith(key + ":"):
            return key
    return None


def _line_of(path: Path, word: str) -> int | None:
    """Best effort: the first line of the config file that mentions `word`."""
    try:
        for number, line in enumerate(read_text(path).splitlines(), 1):
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", line.split("#")[0]):
                return number
    except ChatlintError:
        return None
    return None

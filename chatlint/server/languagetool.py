"""LanguageTool's HTTP API v2 on chatlint's check: POST /v2/check and GET /v2/languages.

LanguageTool's browser add-ons and editor plugins (LTeX, Obsidian, ...) can be pointed at a
"local server"; this module lets `chatlint serve` be that server. It does not check anything
itself: `parse_check` turns LanguageTool's form parameters into the arguments of the one
check the server runs for /v1/check too, and `check_response` turns that check's Result
(code-point `start`/`end`, `fix {start, end, text}`) into LanguageTool's JSON, with offsets
in UTF-16 code units of the text the client sent (markup included, for `data`).

Errors are `LTError(status, message)`: the server answers them as LanguageTool does, a 4xx
with a plain-text "Error: ..." body.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

CONTEXT_SIZE = 40  # characters of context either side of a match, as LanguageTool's server
POSITIONS = ("first", "middle", "closing")
LEVELS = ("default", "picky")

# Language names, and the long codes /v2/languages lists besides each bare code.
LANGUAGE_NAMES = {"id": "Indonesian", "el": "Greek", "en": "English"}
LONG_CODES = {"id": ["id-ID"], "el": ["el-GR"],
              "en": ["en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-ZA"]}

# Each chatlint rule's LanguageTool category and issue type (ITS 2.0 localization quality
# issue types, as LanguageTool uses them). Rules not listed (your own) are CHATLINT/uncategorized.
CATEGORY_NAMES = {
    "ADDRESS": {"en": "Addressing the customer", "id": "Sapaan", "el": "Προσφώνηση"},
    "COURTESY": {"en": "Courtesy", "id": "Kesopanan", "el": "Ευγένεια"},
    "TONE": {"en": "Tone", "id": "Nada", "el": "Τόνος"},
    "ANSWER": {"en": "Answering the customer", "id": "Jawaban", "el": "Απάντηση"},
    "CHATLINT": {"en": "chatlint", "id": "chatlint", "el": "chatlint"},
}
RULE_CATEGORY = {
    "use-name": ("ADDRESS", "omission"),
    "wrong-name": ("ADDRESS", "inconsistent-entities"),
    "generic-address": ("ADDRESS", "register"),
    "thanks": ("COURTESY", "omission"),
    "apology": ("COURTESY", "omission"),
    "emoticon": ("COURTESY", "style"),
    "calm": ("TONE", "register"),
    "shouting": ("TONE", "register"),
    "answers-question": ("ANSWER", "omission"),
    "too-short": ("ANSWER", "omission"),
    "expectations": ("ANSWER", "omission"),
    "keep-short": ("ANSWER", "length"),
}
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_TRUE = ("true", "yes")


class LTError(Exception):
    """A request refused the way LanguageTool refuses it: `status` and a plain-text message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def category_of(rule_id: str) -> tuple[str, str]:
    return RULE_CATEGORY.get(rule_id, ("CHATLINT", "uncategorized"))


def language_name(code: str) -> str:
    primary, _, region = code.partition("-")
    name = LANGUAGE_NAMES.get(primary, primary)
    return f"{name} ({region})" if region else name


def languages(installed) -> list[dict]:
    """GET /v2/languages: each installed language, bare and with its usual regions."""
    rows = []
    for lang in installed:
        for code in [lang, *LONG_CODES.get(lang, [])]:
            rows.append({"name": language_name(code), "code": lang, "longCode": code})
    return sorted(rows, key=lambda row: (row["name"], row["longCode"]))


# --- the text: plain, or LanguageTool's annotated text -------------------------------------

@dataclass
class Text:
    """What the client sent (`original`, markup included) and what is checked (`plain`).

    starts[k] is where plain character k begins in the original, ends[k] where the plain
    text before k ends; a markup's `interpretAs` characters stand on the whole markup."""

    original: str
    plain: str
    starts: list[int] | None = None  # None: the plain text is the original
    ends: list[int] | None = None

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """The original's code-point span of plain[lo:hi]."""
        if self.starts is None:
            return lo, hi
        if lo == hi:  # an insertion: after what precedes it, at the text's end before markup
            return (self.ends[lo],) * 2 if lo else (self.starts[0],) * 2
        return self.starts[lo], self.ends[hi]


def plain_text(text: str) -> Text:
    return Text(text, text)


def annotated_text(raw: str) -> Text:
    """LanguageTool's `data` parameter: {"text": ...} or {"annotation": [{"text": ...},
    {"markup": ..., "interpretAs": ...}, ...]}; markup is skipped (or read as its interpretAs)."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise LTError(400, "Could not parse JSON from 'data' parameter") from None
    if not isinstance(data, dict):
        raise LTError(400, "'data' must be a JSON object with a 'text' or 'annotation' key")
    if "text" in data and "annotation" in data:
        raise LTError(400, "'data' key in JSON requires either 'text' or 'annotation' key, not both")
    if "text" in data:
        if not isinstance(data["text"], str):
            raise LTError(400, "'text' in 'data' must be a string")
        return plain_text(data["text"])
    items = data.get("annotation")
    if items is None:
        raise LTError(400, "'data' key in JSON requires 'text' or 'annotation' key")
    if not isinstance(items, list):
        raise LTError(400, "'annotation' in 'data' must be a list")
    original, plain, starts, ends = [], [], [], [0]
    at = 0  # code points of the original so far
    for item in items:
        if not isinstance(item, dict):
            raise LTError(400, f"Only 'text' and 'markup' are supported in 'annotation' list: {_short(item)}")
        if "text" in item and "markup" in item:
            raise LTError(400, "Only either 'text' or 'markup' are supported in an object in "
                               f"'annotation' list, not both: {_short(item)}")
        if "text" in item and "interpretAs" in item:
            raise LTError(400, f"'text' cannot be used with 'interpretAs' (only 'markup' can): {_short(item)}")
        if "text" in item:
            part = item["text"]
            if not isinstance(part, str):
                raise LTError(400, f"'text' in 'annotation' must be a string: {_short(item)}")
            original.append(part)
            plain.append(part)
            for i in range(len(part)):
                starts.append(at + i)
                ends.append(at + i + 1)
            at += len(part)
        elif "markup" in item:
            markup, meaning = item["markup"], item.get("interpretAs", "")
            if not isinstance(markup, str) or not isinstance(meaning, str):
                raise LTError(400, f"'markup' and 'interpretAs' must be strings: {_short(item)}")
            original.append(markup)
            plain.append(meaning)
            starts.extend([at] * len(meaning))
            ends.extend([at + len(markup)] * len(meaning))
            at += len(markup)
        else:
            raise LTError(400, f"Only 'text' and 'markup' are supported in 'annotation' list: {_short(item)}")
    starts.append(at)
    return Text("".join(original), "".join(plain), starts, ends)


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 200 else text[:200] + "..."


# --- the parameters -------------------------------------------------------------------------

@dataclass
class CheckParams:
    text: Text
    lang: str                   # "auto" or an installed language
    code: str | None            # the language code as the client gave it (None for auto)
    preferred: list[str]        # preferredVariants
    reply_to: str | None
    name: str | None
    position: str | None
    picky: bool
    enabled_only: bool
    enabled_rules: set[str] = field(default_factory=set)
    disabled_rules: set[str] = field(default_factory=set)
    enabled_categories: set[str] = field(default_factory=set)
    disabled_categories: set[str] = field(default_factory=set)

    def reports(self, rule_id: str, level: str) -> bool:
        """Is a finding of this rule at this level in the answer?"""
        category = category_of(rule_id)[0]
        named = rule_id in self.enabled_rules or category in self.enabled_categories
        if self.enabled_only:
            return named
        if rule_id in self.disabled_rules or category in self.disabled_categories:
            return False
        return level != "info" or self.picky or named


def _list(params, key: str) -> set[str]:
    return {part.strip() for part in params.get(key, "").split(",") if part.strip()}


def parse_check(params: dict[str, str], installed, max_text: int) -> CheckParams:
    """LanguageTool's /v2/check parameters, checked as LanguageTool checks them.

    Parameters LanguageTool knows and chatlint has no use for (motherTongue, mode, useragent,
    the add-on's own, ...) are accepted and ignored, as LanguageTool ignores unknown ones."""
    if "text" in params and "data" in params:
        raise LTError(400, "Set only 'text' or 'data' parameter, not both")
    if "text" in params:
        text = plain_text(params["text"])
    elif "data" in params:
        text = annotated_text(params["data"])
    else:
        raise LTError(400, "Missing 'text' or 'data' parameter")
    if len(text.plain) > max_text:
        raise LTError(413, f"Your text exceeds the limit of {max_text} characters (it's "
                           f"{len(text.plain)} characters). Please submit a shorter text.")

    language = params.get("language", "").strip()
    if not language:
        raise LTError(400, "Missing 'language' parameter, e.g. 'language=auto' to detect it, "
                           "'language=id', 'language=el' or 'language=en-US'")
    preferred = sorted(_list(params, "preferredVariants"))
    if language == "auto":
        lang, code = "auto", None
    else:
        match = _TAG.match(language)
        primary = match.group(1).lower() if match else None
        if primary not in installed:
            known = ", ".join(["auto", *sorted(row["longCode"] for row in languages(installed))])
            raise LTError(400, f"'{language[:50]}' is not a language code known to chatlint. "
                               f"Supported language codes are: {known}")
        if preferred:
            raise LTError(400, "You specified 'preferredVariants' but you didn't specify 'language=auto'")
        lang, code = primary, language
    for variant in preferred:
        if "-" not in variant:
            raise LTError(400, f"Invalid format for 'preferredVariants', expected a dash as in 'en-GB': '{variant}'")
        if not _TAG.match(variant):
            raise LTError(400, f"Invalid 'preferredVariants', no such language/variant: '{variant[:50]}'")

    level = params.get("level", "default").strip() or "default"
    if level not in LEVELS:
        raise LTError(400, f"'level' must be 'default' or 'picky', not '{level}'")
    enabled_only = params.get("enabledOnly", "").strip().lower() in _TRUE
    enabled, disabled = _list(params, "enabledRules"), _list(params, "disabledRules")
    enabled_cats, disabled_cats = _list(params, "enabledCategories"), _list(params, "disabledCategories")
    if enabled_only and (disabled or disabled_cats):
        raise LTError(400, "You cannot specify disabled rules or categories using enabledOnly=true")
    if enabled_only and not (enabled or enabled_cats):
        raise LTError(400, "You must specify enabled rules or categories when using enabledOnly=true")

    position = params.get("position") or None
    if position is not None and position not in POSITIONS:
        raise LTError(400, f"'position' must be one of {', '.join(POSITIONS)}, not '{position}'")
    return CheckParams(text=text, lang=lang, code=code, preferred=preferred,
                       reply_to=params.get("replyTo") or None, name=params.get("customerName") or None,
                       position=position, picky=level == "picky", enabled_only=enabled_only,
                       enabled_rules=enabled, disabled_rules=disabled,
                       enabled_categories=enabled_cats, disabled_categories=disabled_cats)


# --- the answer -----------------------------------------------------------------------------

def _utf16(text: str) -> list[int]:
    """UTF-16 offset of every code-point offset of `text` (one more entry than characters)."""
    offsets, at = [0], 0
    for ch in text:
        at += 2 if ord(ch) > 0xFFFF else 1
        offsets.append(at)
    return offsets


def _u16len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def anchor(text: str, pos: int) -> tuple[int, int]:
    """A visible span for an edit at `pos`: the word it touches, before it or else after it."""
    lo = hi = pos
    if pos > 0 and not text[pos - 1].isspace():
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
    elif pos < len(text) and not text[pos].isspace():
        while hi < len(text) and not text[hi].isspace():
            hi += 1
    return lo, hi


def placement(text: str, finding) -> tuple[int, int, str | None]:
    """Where a finding's match goes in the checked text, and its replacement (or None).

    A finding with a span marks it. One without (a missing apology, name or thanks) marks
    the word where its fix would go, or else the draft's first word. A fix is folded into the
    marked stretch, so that replacing the match with the replacement makes exactly that fix."""
    fix = finding.fix
    if finding.start is not None and finding.end is not None and finding.end > finding.start:
        lo, hi = finding.start, finding.end
    elif fix is not None:
        lo, hi = (fix.start, fix.end) if fix.end > fix.start else anchor(text, fix.start)
    else:
        first = len(text) - len(text.lstrip())
        lo, hi = anchor(text, first) if first < len(text) else (0, 0)
    if fix is None:
        return lo, hi, None
    lo, hi = min(lo, fix.start), max(hi, fix.end)
    return lo, hi, text[lo:fix.start] + fix.text + text[fix.end:hi]


def _context(plain: str, lo: int, hi: int) -> dict:
    start, end = max(0, lo - CONTEXT_SIZE), min(len(plain), hi + CONTEXT_SIZE)
    before = ("..." if start > 0 else "") + plain[start:lo]
    shown = (before + plain[lo:end] + ("..." if end < len(plain) else "")).replace("\r", " ").replace("\n", " ")
    return {"text": shown, "offset": _u16len(before), "length": _u16len(plain[lo:hi])}


def _sentence(sentences, pos: int) -> str:
    for sentence in sentences:
        if sentence.start <= pos < sentence.end:
            return sentence.text
    return sentences[-1].text if sentences else ""


def check_response(params: CheckParams, result, analysis, rules, detected: str, version: str) -> dict:
    """LanguageTool's /v2/check answer for a chatlint Result of params.text.plain.

    `rules`: rule id -> Rule (for the rule's description); `detected`: the language detected
    in the draft (what LanguageTool reports as detectedLanguage)."""
    text = params.text
    plain = text.plain
    u16 = _utf16(text.original)
    sentences = analysis.sentences if analysis is not None else []
    lang = result.lang if result is not None else detected  # for the category names
    matches = []
    for finding in result.findings if result is not None else ():
        if not params.reports(finding.rule, finding.level):
            continue
        lo, hi, replacement = placement(plain, finding)
        start, end = text.span(lo, hi)
        category, issue = category_of(finding.rule)
        rule = rules.get(finding.rule)
        message = finding.message + (f" {finding.suggestion}" if finding.suggestion else "")
        matches.append({
            "message": message,
            "shortMessage": finding.message,
            "replacements": [] if replacement is None else [{"value": replacement}],
            "offset": u16[start],
            "length": u16[end] - u16[start],
            "context": _context(plain, lo, hi),
            "sentence": _sentence(sentences, lo),
            "type": {"typeName": "Other"},
            "rule": {
                "id": finding.rule,
                "description": _describe(rule, finding.rule),
                "issueType": issue,
                "category": {"id": category, "name": CATEGORY_NAMES[category].get(lang, CATEGORY_NAMES[category]["en"])},
            },
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        })
    matches.sort(key=lambda m: (m["offset"], m["length"]))
    detected_code = _preferred(detected, params.preferred)
    code = params.code or detected_code
    sentence_ranges = []
    for sentence in sentences:
        chunk = plain[sentence.start:sentence.end]
        lo = sentence.start + len(chunk) - len(chunk.lstrip())
        hi = sentence.start + len(chunk.rstrip())
        start, end = text.span(lo, hi)
        sentence_ranges.append([u16[start], u16[end]])
    return {
        "software": {"name": "chatlint", "version": version, "buildDate": "", "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": language_name(code), "code": code,
                     "detectedLanguage": {"name": language_name(detected_code), "code": detected_code}},
        "matches": matches,
        "sentenceRanges": sentence_ranges,
    }


def _preferred(lang: str, preferred: list[str]) -> str:
    """The detected language as one of the client's preferredVariants, if it named one."""
    for variant in preferred:
        if variant.split("-")[0].lower() == lang:
            return variant
    return lang


def _describe(rule, rule_id: str) -> str:
    """A rule's description as LanguageTool's are: short, its first clause."""
    if rule is None:
        return rule_id
    first = re.split(r"[:;(]|\.\s", " ".join(rule.description.split()), maxsplit=1)[0]
    return first.strip().rstrip(",.") or rule_id

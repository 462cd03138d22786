"""The documented limits on input (README, "Limits"), in one place.

Each is far beyond what a real user writes; past it, chatlint reports an error
(exit 2) naming the file and line, or skips the item with its reason. Every
limit keeps the work linear in the input's size.
"""

from __future__ import annotations

import json
import re
import sys

from .errors import ChatlintError

# A rule file, lexicon, configuration or template library, in bytes (exports stream: no limit).
MAX_SOURCE_BYTES = 10 * 1024 * 1024
# Levels of lists and mappings in YAML, JSON and TOML, and of parentheses and `not` in a `when:`.
MAX_NESTING = 50
# Values that YAML aliases (*name) may add to a document in total (a "billion laughs" stops here).
MAX_ALIAS_VALUES = 100_000
# Characters of one message: a draft, a template, a message of an export (WhatsApp allows 65,536).
MAX_MESSAGE_CHARS = 65_536
# Digits of a number in a rule file, configuration or library.
MAX_NUMBER_DIGITS = 100
# Phrases of one rule, and words of one lexicon list, per language.
MAX_PHRASES = 20_000


def nesting_depth(data, limit: int = MAX_NESTING) -> int:
    """How deep lists and mappings nest in parsed data (stops counting past `limit`), iteratively."""
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (list, dict)):
            depth += 1
            deepest = max(deepest, depth)
            if depth > limit:
                return depth
            stack.extend((v, depth) for v in (value.values() if isinstance(value, dict) else value))
    return deepest


# Where nesting passes the limit: brackets outside strings (and TOML comments), for the error's line.
_BRACKETS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]')


def deep_line(text: str, limit: int = MAX_NESTING, toml: bool = False) -> int | None:
    """The line where brackets first nest deeper than `limit`, or None."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, m.start()) + 1
        elif token in "]}":
            depth -= 1
    return None


def nesting_error(name: str, text: str, toml: bool = False) -> ChatlintError:
    return ChatlintError(f"lists and mappings nest more than {MAX_NESTING} levels deep; "
                         f"expected at most {MAX_NESTING}", name, deep_line(text, toml=toml) or 1)


class _Constant(ValueError):
    pass


def _no_constant(word: str):
    raise _Constant(word)


_NOT_JSON = re.compile(r"-?\b(?:NaN|Infinity)\b")
_LONG_DIGITS = re.compile(r"\d{%d,}" % (MAX_NUMBER_DIGITS + 1))


def load_json(text: str, name: str, line: int | None = None):
    """JSON data, strictly: no NaN or Infinity, numbers of at most MAX_NUMBER_DIGITS digits,
    at most MAX_NESTING levels. Errors name the file and line (`line`: the text's own line in
    the file, for one line of JSON Lines)."""
    def where(pos: int | None) -> int | None:
        at = text.count("\n", 0, pos) + 1 if pos is not None else 1
        return line + at - 1 if line else at

    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ChatlintError(f"invalid JSON: {exc.msg} (column {exc.colno})", name, where(exc.pos)) from None
    except _Constant as exc:
        found = _NOT_JSON.search(text)
        raise ChatlintError(f"{exc} is not a JSON number; expected a number, a string or null", name,
                            where(found.start() if found else None)) from None
    except RecursionError:
        raise ChatlintError(f"lists and mappings nest more than {MAX_NESTING} levels deep; expected at "
                            f"most {MAX_NESTING}", name, where(None) if line else deep_line(text) or 1) from None
    except ValueError as exc:  # an integer of thousands of digits
        found = _LONG_DIGITS.search(text)
        raise ChatlintError(f"a number too long to read ({exc})", name,
                            where(found.start() if found else None)) from None
    if nesting_depth(data) > MAX_NESTING:
        raise ChatlintError(f"lists and mappings nest more than {MAX_NESTING} levels deep; expected at "
                            f"most {MAX_NESTING}", name, line or deep_line(text) or 1)
    found = _LONG_DIGITS.search(text) if _has_long_number(data) else None
    if found:
        raise ChatlintError(f"a number of more than {MAX_NUMBER_DIGITS} digits", name, where(found.start()))
    return data


def _has_long_number(data) -> bool:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** MAX_NUMBER_DIGITS:
            return True
    return False


def load_toml(text: str, name: str):
    """TOML data with the same nesting limit; syntax errors name the line."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise ChatlintError(f"TOML syntax error: {exc}", name, int(match.group(1)) if match else None) from None
    except RecursionError:
        raise nesting_error(name, text, toml=True) from None
    except ValueError as exc:
        raise ChatlintError(f"a value TOML cannot hold: {exc}", name) from None
    if nesting_depth(data) > MAX_NESTING:
        raise nesting_error(name, text, toml=True)
    return data

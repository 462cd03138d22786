"""A small declarative validator for YAML data, with file:line errors.

Specs are plain Python values:
  str, int, float, bool  - a scalar of that type (an int is accepted for float)
  [spec]                 - a list whose items match spec
  {str: spec}            - a mapping with any string keys, values matching spec
  Obj(required, optional)- a mapping with known keys; unknown keys are errors
  Number(minimum, maximum, above) - a finite number within bounds (float: any finite number)
  OneOf(a, b), Enum(...), Anything
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from typing import Any

from .yamlsource import Source


@dataclass(eq=False)
class Obj:
    required: dict = field(default_factory=dict)
    optional: dict = field(default_factory=dict)
    what: str = "mapping"


@dataclass(eq=False)
class OneOf:
    options: tuple
    what: str = ""

    def __init__(self, *options, what: str = ""):
        self.options = options
        self.what = what


@dataclass(eq=False)
class Enum:
    values: tuple

    def __init__(self, *values):
        self.values = values


@dataclass(eq=False)
class Number:
    """A finite number (an int is accepted), within optional bounds; `above`: strictly greater."""
    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None


class _Anything:
    pass


Anything = _Anything()

_TYPE_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}


def describe(spec) -> str:
    if isinstance(spec, Number):
        return _number_words(spec)
    if isinstance(spec, type) and spec in _TYPE_NAMES:
        return _TYPE_NAMES[spec]
    if isinstance(spec, list):
        return f"a list of {_plural(describe(spec[0]))}"
    if isinstance(spec, dict):
        return f"a mapping of names to {_plural(describe(next(iter(spec.values()))))}"
    if isinstance(spec, Obj):
        return f"a {spec.what}"
    if isinstance(spec, OneOf):
        return spec.what or " or ".join(describe(o) for o in spec.options)
    if isinstance(spec, Enum):
        return "one of " + ", ".join(repr(v) for v in spec.values)
    return "a value"


def _number_words(spec: Number) -> str:
    if spec.minimum is not None and spec.maximum is not None:
        return f"a number from {spec.minimum:g} to {spec.maximum:g}"
    parts = []
    if spec.above is not None:
        parts.append(f"above {spec.above:g}")
    if spec.minimum is not None:
        parts.append(f"at least {spec.minimum:g}")
    if spec.maximum is not None:
        parts.append(f"at most {spec.maximum:g}")
    return "a number" + (" " + " and ".join(parts) if parts else "")


def _plural(text: str) -> str:
    """'a whole number' -> 'whole numbers', 'a list of strings' -> 'lists of strings'."""
    for article in ("a ", "an "):
        if text.startswith(article):
            text = text[len(article):]
            break
    if text.startswith(("list of", "mapping of")):
        head, _, rest = text.partition(" ")
        return f"{head}s {rest}"
    return text if text.endswith("s") else text + "s"


def _got(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, float) and not math.isfinite(value):
        return {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}[str(value)]
    if isinstance(value, (int, float)):
        return f"the number {value:g}" if abs(value) > 1e15 else f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _path(keys: tuple) -> str:
    return ".".join(str(k) for k in keys) or "the document"


def matches(value, spec) -> bool:
    try:
        validate(value, spec, Source("<probe>"), ())
        return True
    except Exception:
        return False


def validate(value: Any, spec, source: Source, keys: tuple = ()) -> Any:
    """Raise ChatlintError at the right line if `value` does not match `spec`."""
    if spec is Anything:
        return value
    if spec in (str, int, bool):
        if type(value) is not spec:
            raise source.error(keys, f"{_path(keys)}: expected {describe(spec)}, got {_got(value)}")
        return value
    if spec is float or isinstance(spec, Number):
        bounds = spec if isinstance(spec, Number) else Number()
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise source.error(keys, f"{_path(keys)}: expected {describe(bounds)}, got {_got(value)}")
        if not math.isfinite(value) or abs(value) > 1e15:
            raise source.error(keys, f"{_path(keys)}: expected a finite number, got {_got(value)}")
        if (bounds.minimum is not None and value < bounds.minimum) \
                or (bounds.maximum is not None and value > bounds.maximum) \
                or (bounds.above is not None and value <= bounds.above):
            raise source.error(keys, f"{_path(keys)}: expected {describe(bounds)}, got {_got(value)}")
        return value
    if isinstance(spec, Enum):
        if value not in spec.values:
            hint = _did_you_mean(value, spec.values)
            raise source.error(keys, f"{_path(keys)}: expected {describe(spec)}, got {_got(value)}{hint}")
        return value
    if isinstance(spec, list):
        if not isinstance(value, list):
            raise source.error(keys, f"{_path(keys)}: expected {describe(spec)}, got {_got(value)}")
        for i, item in enumerate(value):
            validate(item, spec[0], source, keys + (i,))
        return value
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise source.error(keys, f"{_path(keys)}: expected {describe(spec)}, got {_got(value)}")
        inner = next(iter(spec.values()))
        for k, v in value.items():
            if not isinstance(k, str):
                raise source.error(keys + (k,), f"{_path(keys)}: keys must be strings, got {_got(k)}")
            validate(v, inner, source, keys + (k,))
        return value
    if isinstance(spec, Obj):
        if not isinstance(value, dict):
            raise source.error(keys, f"{_path(keys)}: expected {describe(spec)}, got {_got(value)}")
        known = {**spec.required, **spec.optional}
        for k in value:
            if k not in known:
                hint = _did_you_mean(k, known)
                raise source.error(keys + (k,), f"unknown key {k!r} in {_path(keys)}{hint}; "
                                                f"expected one of: {', '.join(known)}")
        for k in spec.required:
            if k not in value:
                raise source.error(keys, f"{_path(keys)}: missing required key {k!r}")
        for k, v in value.items():
            validate(v, known[k], source, keys + (k,))
        return value
    if isinstance(spec, OneOf):
        for option in spec.options:
            if matches(value, option):
                return validate(value, option, source, keys)
        raise source.error(keys, f"{_path(keys)}: expected {describe(spec)}, got {_got(value)}")
    raise TypeError(f"bad spec {spec!r}")


def _did_you_mean(word, candidates) -> str:
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, [str(c) for c in candidates], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""

"""`when:` conditions: a small boolean language over signal names.

    when: complaint or impatient
    when: question and not angry
    when: (thanked or paid) and not closing
"""

from __future__ import annotations

import re

from ..model.limits import MAX_NESTING
from ..model.yamlsource import Source

_TOKEN = re.compile(r"\s*(\(|\)|[A-Za-z_][A-Za-z0-9_]*)")


class Condition:
    def __init__(self, text: str, known: set[str], source: Source, keys: tuple):
        self.text = text.strip() or "always"
        self.names: set[str] = set()
        tokens = self._tokenize(self.text, source, keys)
        self._tokens, self._pos, self._depth = tokens, 0, 0
        self._tree = self._or(source, keys)
        if self._pos != len(tokens):
            raise source.error(keys, f"when: unexpected {tokens[self._pos]!r} in {self.text!r}")
        unknown = self.names - known
        if unknown:
            raise source.error(keys, f"when: unknown signal {sorted(unknown)[0]!r} in {self.text!r}; "
                                     f"expected one of: {', '.join(sorted(known))}")
        self._test = self._compile(self._tree)

    @staticmethod
    def _tokenize(text, source, keys):
        tokens, pos = [], 0
        while pos < len(text):
            match = _TOKEN.match(text, pos)
            if not match:
                raise source.error(keys, f"when: cannot read {text[pos:].strip()!r} in {text!r}")
            tokens.append(match.group(1))
            pos = match.end()
        return tokens

    def _peek(self):
        return self._tokens[self._pos] if self._pos < len(self._tokens) else None

    # "a or b or c" is one ("or", [a, b, c]) node, not a chain: only parentheses and "not" nest,
    # and at most MAX_NESTING deep, so parsing, compiling and testing never run out of stack
    def _or(self, source, keys):
        items = [self._and(source, keys)]
        while self._peek() == "or":
            self._pos += 1
            items.append(self._and(source, keys))
        return items[0] if len(items) == 1 else ("or", items)

    def _and(self, source, keys):
        items = [self._not(source, keys)]
        while self._peek() == "and":
            self._pos += 1
            items.append(self._not(source, keys))
        return items[0] if len(items) == 1 else ("and", items)

    def _nest(self, source, keys):
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise source.error(keys, f"when: parentheses and 'not' nest more than {MAX_NESTING} deep in "
                                     f"{self.text[:60]!r}...; expected at most {MAX_NESTING}")

    def _not(self, source, keys):
        if self._peek() == "not":
            self._pos += 1
            self._nest(source, keys)
            inner = ("not", self._not(source, keys))
            self._depth -= 1
            return inner
        return self._atom(source, keys)

    def _atom(self, source, keys):
        token = self._peek()
        if token is None:
            raise source.error(keys, f"when: {self.text!r} ends too early")
        self._pos += 1
        if token == "(":
            self._nest(source, keys)
            inner = self._or(source, keys)
            self._depth -= 1
            if self._peek() != ")":
                raise source.error(keys, f"when: missing ')' in {self.text!r}")
            self._pos += 1
            return inner
        if token in ("and", "or", ")"):
            raise source.error(keys, f"when: unexpected {token!r} in {self.text!r}")
        self.names.add(token)
        return token


    def __call__(self, on: set[str]) -> bool:
        return self._test(on)

    def _compile(self, node):
        """The parsed tree as nested closures: evaluated for every rule of every reply."""
        if isinstance(node, str):
            return (lambda on: True) if node == "always" else (lambda on: node in on)
        if node[0] == "not":
            inner = self._compile(node[1])
            return lambda on: not inner(on)
        if all(isinstance(item, str) and item != "always" for item in node[1]):  # names only: set tests
            names = frozenset(node[1])
            if node[0] == "and":
                return lambda on: names <= on
            return lambda on: not names.isdisjoint(on)
        items = [self._compile(item) for item in node[1]]
        if len(items) == 2:  # the common case, without a generator per test
            left, right = items
            if node[0] == "and":
                return lambda on: left(on) and right(on)
            return lambda on: left(on) or right(on)
        if node[0] == "and":
            return lambda on: all(item(on) for item in items)
        return lambda on: any(item(on) for item in items)

    def __str__(self) -> str:
        return self.text

"""`when:` conditions: a small boolean language over signal names.

    when: complaint or impatient
    when: question and not angry
    when: (thanked or paid) and not closing
"""

from __future__ import annotations

import re

from ..model.yamlsource import Source

_TOKEN = re.compile(r"\s*(\(|\)|[A-Za-z_][A-Za-z0-9_]*)")


class Condition:
    def __init__(self, text: str, known: set[str], source: Source, keys: tuple):
        self.text = text.strip() or "always"
        self.names: set[str] = set()
        tokens = self._tokenize(self.text, source, keys)
        self._tokens, self._pos = tokens, 0
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

    def _or(self, source, keys):
        left = self._and(source, keys)
        while self._peek() == "or":
            self._pos += 1
            left = ("or", left, self._and(source, keys))
        return left

    def _and(self, source, keys):
        left = self._not(source, keys)
        while self._peek() == "and":
            self._pos += 1
            left = ("and", left, self._not(source, keys))
        return left

    def _not(self, source, keys):
        if self._peek() == "not":
            self._pos += 1
            return ("not", self._not(source, keys))
        return self._atom(source, keys)

    def _atom(self, source, keys):
        token = self._peek()
        if token is None:
            raise source.error(keys, f"when: {self.text!r} ends too early")
        self._pos += 1
        if token == "(":
            inner = self._or(source, keys)
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
        left, right = self._compile(node[1]), self._compile(node[2])
        if node[0] == "and":
            return lambda on: left(on) and right(on)
        return lambda on: left(on) or right(on)

    def __str__(self) -> str:
        return self.text

"""The phrase index: many named phrase lists in one word trie, matched in a single pass per message."""

from __future__ import annotations

from collections import defaultdict

Phrase = tuple  # of (norm, is_prefix) pairs


_END = "\x00"   # in a trie node: the keys of the phrases that end here
_WILD = "\x01"  # in a trie node: [(prefix, child)] for words matched by prefix ("ευχαριστ*")


class PhraseIndex:
    """Many named phrase lists in one word trie, matched in a single pass per message."""

    def __init__(self):
        self.root: dict = {}
        self.root_wild: dict[str, list] = defaultdict(list)  # first 3 letters -> [(prefix, child)]
        self._starts: dict[str, tuple] = {}  # word -> what it starts (see starts())

    def add(self, key: str, phrase: Phrase) -> None:
        self._starts.clear()
        (first, first_is_prefix), rest = phrase[0], phrase[1:]
        if first_is_prefix:
            node = self._wild_child(self.root_wild[first[:3]], first)
        else:
            node = self.root.setdefault(first, {})
        for word, is_prefix in rest:
            node = self._wild_child(node.setdefault(_WILD, []), word) if is_prefix else node.setdefault(word, {})
        keys = node.setdefault(_END, [])
        if key not in keys:
            keys.append(key)

    @staticmethod
    def _wild_child(children: list, prefix: str) -> dict:
        for existing, child in children:
            if existing == prefix:
                return child
        child: dict = {}
        children.append((prefix, child))
        return child

    def starts(self, norm: str) -> tuple:
        """What `norm` starts as a phrase's first word (cached: most words start none): per
        trie node after it, in the order they are walked, the keys of the phrases that end
        there and the node itself if longer phrases go on from it (else None)."""
        plan = self._starts.get(norm)
        if plan is None:
            node = self.root.get(norm)
            nodes = (([node] if node is not None else [])
                     + [child for prefix, child in self.root_wild.get(norm[:3], ()) if norm.startswith(prefix)])
            plan = tuple((node.get(_END, ()), node if len(node) > (_END in node) else None)
                         for node in reversed(nodes))
            if len(self._starts) < 200_000:
                self._starts[norm] = plan
        return plan

    def find(self, norms: list[str], breaks=frozenset()) -> dict[str, list[tuple[int, int]]]:
        """Hits per key as spans of `norms`; no phrase runs across a clause break (`breaks`:
        indexes of the norms that follow one: "χρυσό. Μου" is no "χρυσό μου")."""
        hits: dict[str, list[tuple[int, int]]] = {}
        n = len(norms)
        for i, plan in enumerate(map(self._starts.get, norms)):
            if plan is None:
                plan = self.starts(norms[i])
            for keys, node in plan:  # most words start no phrase, or only one-word phrases
                for key in keys:
                    hits.setdefault(key, []).append((i, i + 1))
                if node is not None and i + 1 < n and i + 1 not in breaks:
                    self._walk(node, norms, i, breaks, hits)
        return hits

    @staticmethod
    def _walk(node: dict, norms: list[str], i: int, breaks, hits: dict) -> None:
        """The hits of the longer phrases that start at norm `i` and go on from `node`."""
        n = len(norms)
        stack = [(node, i + 1)]
        while stack:
            node, j = stack.pop()
            keys = node.get(_END)
            if keys and j > i + 1:  # the one-word phrases of `node` are found already
                for key in keys:
                    hits.setdefault(key, []).append((i, j))
            if j < n and j not in breaks:
                following = norms[j]
                child = node.get(following)
                if child is not None:
                    stack.append((child, j + 1))
                for prefix, child in node.get(_WILD, ()):
                    if following.startswith(prefix):
                        stack.append((child, j + 1))

"""Ordinary words of a language, to tell them from people's names.

`wrong-name` is critical (it sets the score to 0), so a capitalised word after
"Kak" or "Hi" is taken for a name only if no dictionary knows it. The words come
from spaCy's lemma lookup tables (the spacy-lookups-data package: about 37,000
Indonesian and 42,000 English word forms), loaded on first use. A word is also
known when it is a known word plus an affix of the lexicon's `affixes:`
("paketnya" = "paket" + "nya", "ditunggu" = "di" + "tunggu").
"""

from __future__ import annotations

from functools import cached_property


class Dictionary:
    def __init__(self, lang: str, prefixes=(), suffixes=()):
        self.lang = lang
        self.prefixes = sorted(prefixes, key=len, reverse=True)
        self.suffixes = sorted(suffixes, key=len, reverse=True)

    @cached_property
    def _tables(self):
        """(forms, lemmas) of spaCy's lemma lookup table, or None without one."""
        try:
            from .spacy_import import import_spacy

            import_spacy()
            from spacy.lookups import load_lookups

            lookups = load_lookups(self.lang, ["lemma_lookup"], strict=False)
        except Exception:  # spacy-lookups-data not installed
            return None
        table = lookups.get_table("lemma_lookup") if lookups.has_table("lemma_lookup") else None
        if not table:  # spaCy gives an empty table for a language it has none for (Greek)
            return None
        return table, set(table.values())

    def __bool__(self) -> bool:
        return self._tables is not None

    def _has(self, word: str) -> bool:
        forms, lemmas = self._tables
        return len(word) >= 2 and (word in forms or word in lemmas)

    def knows(self, word: str, also=frozenset()) -> bool:
        """Is `word` (or its stem without an affix) a word of the language? `also`: more known words."""
        if self._tables is None:
            return False
        word = word.lower()
        if self._has(word) or word in also:
            return True
        for stem in self._stems(word):
            if self._has(stem) or stem in also:
                return True
        return False

    def _stems(self, word: str):
        for suffix in self.suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                yield word[: -len(suffix)]
        for prefix in self.prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                rest = word[len(prefix):]
                yield rest
                for suffix in self.suffixes:
                    if rest.endswith(suffix) and len(rest) - len(suffix) >= 3:
                        yield rest[: -len(suffix)]

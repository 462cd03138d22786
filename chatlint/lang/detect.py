"""Which installed language a message is in, without building any spaCy pipeline.

Greek script means Greek. Otherwise each word votes for the languages whose
marker words (common, short function words from the lexicons) contain it;
Greeklish words vote for Greek through the Greek skeleton. Words that are
markers of several languages ("to" is English and Greeklish) don't vote.
"""

from __future__ import annotations

import re

from .normalize import fold, greek_skeleton, is_greek

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class Detector:
    def __init__(self, markers: dict[str, list[str]], default: str = "en"):
        self.default = default if default in markers else next(iter(markers))
        self.plain: dict[str, set[str]] = {}
        self.greeklish: set[str] = set()
        for lang, words in markers.items():
            if lang == "el":
                self.greeklish = {greek_skeleton(fold(w)) for w in words}
            else:
                self.plain[lang] = {fold(w) for w in words}
        self.langs = list(markers)

    def scores(self, text: str) -> dict[str, int]:
        votes = {lang: 0 for lang in self.langs}
        greek_letters = sum(1 for c in text if is_greek(c))
        latin_letters = sum(1 for c in text if c.isascii() and c.isalpha())
        if "el" in votes and greek_letters and greek_letters >= latin_letters:
            votes["el"] += 1000
            return votes
        for word in _WORD.findall(text):
            word = fold(word)
            hits = [lang for lang, markers in self.plain.items() if word in markers]
            if "el" in votes and len(word) > 1 and greek_skeleton(word) in self.greeklish:
                hits.append("el")
            if len(hits) == 1:
                votes[hits[0]] += 1
        return votes

    def detect(self, text: str, fallback: str | None = None) -> tuple[str, bool]:
        """The language and whether any evidence decided it."""
        votes = self.scores(text)
        best = max(votes.values())
        if best == 0:
            return (fallback or self.default), False
        winners = [lang for lang, v in votes.items() if v == best]
        if len(winners) > 1:
            preferred = fallback if fallback in winners else self.default
            return (preferred if preferred in winners else winners[0]), False
        return winners[0], True

"""Which installed language a message is in, without building any spaCy pipeline.

Greek script means Greek. Otherwise each word votes for the languages whose
marker words (common, short function words from the lexicons) contain it;
Greeklish words vote for Greek through the Greek skeleton. Words that are
markers of several languages ("to" is English and Greeklish) don't vote.
"""

from __future__ import annotations

import re

from .normalize import fold, greek_skeleton

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+")  # runs of letters: counted run by run
_LATIN = re.compile(r"[A-Za-z]+")


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
        self._vote: dict[str, str | None] = {}  # word -> the one language it votes for

    def _word_vote(self, word: str) -> str | None:
        vote = self._vote.get(word)
        if vote is None and word not in self._vote:
            folded = fold(word)
            hits = [lang for lang, markers in self.plain.items() if folded in markers]
            if "el" in self.langs and len(folded) > 1 and greek_skeleton(folded) in self.greeklish:
                hits.append("el")
            vote = hits[0] if len(hits) == 1 else None
            if len(self._vote) < 100_000:
                self._vote[word] = vote
        return vote

    def scores(self, text: str) -> dict[str, int]:
        votes = dict.fromkeys(self.langs, 0)
        if "el" in votes and not text.isascii():
            greek_letters = sum(map(len, _GREEK.findall(text)))
            if greek_letters and greek_letters >= sum(map(len, _LATIN.findall(text))):
                votes["el"] += 1000
                return votes
        known = self._vote
        for word in _WORD.findall(text):
            vote = known[word] if word in known else self._word_vote(word)
            if vote is not None:
                votes[vote] += 1
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

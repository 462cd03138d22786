"""length: the reply is long or short enough.

Options:
  max_words: number   at most this many words
  min_words: number   at least this many words
  substance: bool     count only words that carry content: not the customer's
                      name, honorifics, generic address, nor the lexicon's
                      words.filler ("iya", "ok", "noted", "ναι"). A reply whose
                      substance is nothing ("iya kak 🙏") is too short.
Variants: too_short, too_long.
"""

from __future__ import annotations

from .base import Check, Hit


class LengthCheck(Check):
    type = "length"
    optional = {"max_words": int, "min_words": int, "substance": bool}
    variants = ("too_short", "too_long")

    def words_needed(self):
        return ("filler",) if self.options.get("substance") else ()

    def run(self, ctx):
        reply = ctx.reply
        words = reply.words
        count = len(words)
        limit = self.options.get("max_words")
        if limit is not None and count > limit:
            return [Hit("too_long", details={"count": count, "max": limit})]
        if self.options.get("substance"):
            count = len(substantive_words(ctx))
        minimum = self.options.get("min_words")
        if minimum is not None and count < minimum:
            return [Hit("too_short", details={"count": count, "min": minimum})]
        return []


def substantive_words(ctx) -> list:
    reply = ctx.reply
    empty = set()
    for key in ("words.filler", "honorifics", "generic_address"):
        for i, j in reply.hits.get(key, ()):
            empty.update(reply.norm_word[i:j])
    return [w for k, w in enumerate(reply.words)
            if k not in empty and not (ctx.name and ctx.name.matches(w.text))]

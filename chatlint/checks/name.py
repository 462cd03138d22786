"""name: how the reply addresses the customer, when their name is known.

Options:
  mode: missing   the name (or a nickname, vocative, Greeklish form) appears nowhere
        wrong     a different name follows an address word ("kak Rina" to Dewi, "Hi John")
        generic   a generic address (gan, sis, bro, dear customer, φίλε), or an honorific
                  such as kak/dek/mas with no name anywhere in the reply
A word counts as a wrong name only if it is capitalised, follows an address
word directly, and is no word the language pack knows: false alarms about
names cost more than missed ones.
"""

from __future__ import annotations

from ..schema import Enum
from .base import Check, Hit


class NameCheck(Check):
    type = "name"
    required = {"mode": Enum("missing", "wrong", "generic")}
    variants = ("default",)

    def run(self, ctx):
        if not ctx.name:
            return []
        return getattr(self, "_" + self.options["mode"])(ctx)

    @staticmethod
    def _named(ctx) -> bool:
        """Is the customer's name anywhere in the reply? Computed once per reply."""
        named = ctx.cache.get("named")
        if named is None:
            after = _words_after(ctx.reply, "honorifics")
            named = any(ctx.name.matches(w.text, lenient=(k in after or w.text[:1].isupper()))
                        for k, w in enumerate(ctx.reply.words))
            ctx.cache["named"] = named
        return named

    def _missing(self, ctx):
        if self._named(ctx):
            return []
        reply = ctx.reply
        # put the name after an opening greeting or honorific ("Halo kak" -> "Halo kak Dewi")
        anchor = None
        for key in ("honorifics", "words.greeting"):
            for i, j in reply.hits.get(key, ()):
                if reply.norm_word[i] <= 2:
                    end = reply.char_span(i, j)[1]
                    anchor = end if anchor is None else max(anchor, end)
        if anchor is not None:
            return [Hit(edit=("insert", anchor), replacement=" " + ctx.name.address)]
        return [Hit(edit=("insert", 0))]

    def _wrong(self, ctx):
        reply, pack = ctx.reply, ctx.reply.pack
        vocabulary, stopwords = pack.normalizer.vocabulary, pack.stopwords
        hits = []
        after_title = _words_after(reply, "titles")  # "Mrs Brown": a name even if also a word
        address_words = {w for key in ("honorifics", "generic_address")
                         for i, j in reply.hits.get(key, ()) for w in reply.norm_word[i:j]}
        for k in sorted(_words_after(reply, "honorifics") | after_title):
            if k in address_words:  # "Pak Haji", "Kak Sis": another address word, not a name
                continue
            word = reply.words[k]
            text = word.text
            if not (text[:1].isupper() and text.isalpha() and len(text) >= 2 and not text.isupper()):
                continue
            if ctx.name.matches(text, lenient=True) or any(n in stopwords for n in word.norms):
                continue
            if k not in after_title and (any(n in vocabulary for n in word.norms)
                                         or pack.dictionary.knows(text, vocabulary)):
                continue
            hits.append(Hit(start=word.start, end=word.end, edit=("replace", word.start, word.end),
                            replacement=ctx.name.address, details={"match": text}))
        return hits

    def _generic(self, ctx):
        reply = ctx.reply
        honorific_norms = {norm for i, j in reply.hits.get("honorifics", ()) for norm in reply.norms[i:j]}
        named = self._named(ctx)
        hits = []
        for i, j in _outermost(reply.hits.get("generic_address", ())):
            following = reply.norm_word[j - 1] + 1
            if following < len(reply.words) and ctx.name.matches(reply.words[following].text, lenient=True):
                continue  # "kak Dewi", "Dear Anna"
            is_honorific = all(n in honorific_norms for n in reply.norms[i:j])
            if is_honorific and named:
                continue  # "Halo kak Dewi, ... ya kak": the name is there
            start, end = reply.char_span(i, j)
            hits.append(Hit(start=start, end=end, edit=("replace", start, end),
                            details={"match": reply.text[start:end]}))
        return hits


def _words_after(reply, key) -> set[int]:
    """Indexes of words directly after a phrase of `key`, with only spaces between.
    A line break ends the address: "Many thanks" over "Emma" is the shop's sign-off."""
    after = set()
    for i, j in reply.hits.get(key, ()):
        k = reply.norm_word[j - 1] + 1
        if k < len(reply.words):
            gap = reply.text[reply.words[k - 1].end:reply.words[k].start]
            if gap.strip() == "" and "\n" not in gap:
                after.add(k)
    return after


def _outermost(spans):
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    kept = []
    for s in spans:
        if kept and s[0] < kept[-1][1]:
            continue
        kept.append(s)
    return kept

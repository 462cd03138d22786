"""shouting: words in capitals for emphasis ("SUDAH SAYA BILANG") and runs of "!!!".

Acronyms (COD, JNE, ΕΛΤΑ...) from the lexicon's words.acronyms are not shouting,
nor the customer's name or a word the customer wrote ("ongkir ke BANDUNG?"). Where
the language has a dictionary (lang/dictionary.py), only words of the language
shout: a name, place or brand in capitals (MAWAR, IKEA, SICEPAT) is how it is
written, not emphasis.
Options:
  max_exclamations: number  the longest run of "!" that is fine (default 2)
Variants: caps, exclamations.
"""

from __future__ import annotations

import re

from ..features import caps_words
from .base import Check, Hit


class ShoutingCheck(Check):
    type = "shouting"
    optional = {"max_exclamations": int}
    variants = ("caps", "exclamations")

    def __init__(self, rule_id, options, source, keys):
        super().__init__(rule_id, options, source, keys)
        self.exclamations = re.compile(r"(?:!\s*){%d,}" % (options.get("max_exclamations", 2) + 1))

    def run(self, ctx):
        reply = ctx.reply
        text = reply.text
        hits = [Hit("caps", w.start, w.end, edit=("replace", w.start, w.end), replacement=w.text.lower(),
                    details={"match": w.text})
                for w in caps_words(reply) if _shouted(w, ctx)]
        for match in self.exclamations.finditer(text) if "!" in text else ():
            s, e = match.start(), match.end()
            run = match.group().rstrip()
            hits.append(Hit("exclamations", s, s + len(run), edit=("replace", s, s + len(run)),
                            replacement="!", details={"match": run}))
        return hits


def _shouted(word, ctx) -> bool:
    # the customer's name in capitals ("Halo kak RINA") is how they wrote it, not shouting
    if ctx.name and ctx.name.matches(word.text):
        return False
    if ctx.customer is not None and ctx.customer.norm_set.issuperset(word.norms):
        return False  # the customer's own word: their city, product or order name
    pack = ctx.reply.pack
    if not pack.dictionary:
        return True
    vocabulary = pack.normalizer.vocabulary
    return (any(n in vocabulary or n in pack.stopwords for n in word.norms)
            or pack.dictionary.knows(word.text, vocabulary))

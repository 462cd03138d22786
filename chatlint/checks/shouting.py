"""shouting: words in capitals for emphasis ("SUDAH SAYA BILANG") and runs of "!!!".

Acronyms (COD, JNE, ΕΛΤΑ...) from the lexicon's words.acronyms are not shouting,
nor the customer's name, a word the customer wrote ("ongkir ke BANDUNG?") or a code
after words.codes ("code WELCOME"). Only ordinary words shout: ones the dictionary
knows (lang/dictionary.py; the lexicon's own words where there is none), not places
(words.place), and not next to an acronym or name in capitals (ROYAL MAIL, APPLE PAY).
A name, place or brand in capitals (MAWAR, IKEA, SKROUTZ) is how it is written. But a
run of three or more words in capitals, most of them ordinary, shouts as a whole,
unknown words included: "STOK READY SEMUA KAK", "ΠΡΟΣΟΧΗ ΔΕΝ ΣΤΕΛΝΟΥΜΕ".
Options:
  max_exclamations: number  the longest run of "!" that is fine (default 2)
Variants: caps, exclamations.
"""

from __future__ import annotations

import re

from ..analysis.features import caps_words
from .base import Check, Hit


class ShoutingCheck(Check):
    type = "shouting"
    optional = {"max_exclamations": int}
    variants = ("caps", "exclamations")
    lexicon_words = ("codes",)

    def __init__(self, rule_id, options, source, keys):
        super().__init__(rule_id, options, source, keys)
        self.exclamations = re.compile(r"(?:!\s*){%d,}" % (options.get("max_exclamations", 2) + 1))

    def run(self, ctx):
        reply = ctx.reply
        text = reply.text
        caps = caps_words(reply)
        codes = reply.words_after("words.codes") if caps else set()  # "code WELCOME", "κωδικό BLACKFRIDAY"
        loud = _loud_runs(reply) if caps else set()
        hits = [Hit("caps", w.start, w.end, edit=("replace", w.start, w.end), replacement=w.text.lower(),
                    details={"match": w.text})
                for w, k in _indexed(caps, reply.words) if _shouted(w, k, ctx, codes, loud)]
        for match in self.exclamations.finditer(text) if "!" in text else ():
            s, e = match.start(), match.end()
            run = match.group().rstrip()
            hits.append(Hit("exclamations", s, s + len(run), edit=("replace", s, s + len(run)),
                            replacement="!", details={"match": run}))
        return hits


def _indexed(caps: list, words: list):
    """(word, its index in the reply's words) for each word in capitals, in linear time."""
    index = {id(w): k for k, w in enumerate(words)} if caps else {}
    return [(w, index[id(w)]) for w in caps]


def _shouted(word, k: int, ctx, codes: set, loud: set) -> bool:
    reply = ctx.reply
    # the customer's name in capitals ("Halo kak RINA") is how they wrote it, not shouting
    if ctx.name and ctx.name.matches(word.text):
        return False
    if ctx.customer is not None and ctx.customer.norm_set.issuperset(word.norms):
        return False  # the customer's own word: their city, product or order name
    if k in codes:
        return False  # a code after words.codes, not shouting
    if k in loud:
        return word.norms[0] not in reply.pack.acronyms
    if not _ordinary(word, reply.pack):
        return False  # a name, place or brand: MAWAR, IKEA, SKROUTZ
    words = reply.words
    for n in (k - 1, k + 1):  # next to an acronym or a name in capitals: ROYAL MAIL, APPLE PAY
        if 0 <= n < len(words) and _in_capitals(words[n]) and (
                words[n].norms[0] in reply.pack.acronyms or not _ordinary(words[n], reply.pack)):
            return False
    return True


def _loud_runs(reply) -> set[int]:
    """Indexes of the words in runs of three or more words in capitals, with only spaces
    between them ("JL. MAWAR NO. 12" is no run), most of them ordinary."""
    words, pack, text = reply.words, reply.pack, reply.text
    loud, run = set(), []

    def close(run):
        if len(run) >= 3 and sum(_ordinary(words[n], pack) for n in run) * 2 > len(run):
            loud.update(run)

    for k, word in enumerate(words):
        if not (_in_capitals(word) and word.text.isalpha()):
            close(run)
            run = []
        elif run and text[words[run[-1]].end:word.start].strip():
            close(run)
            run = [k]
        else:
            run.append(k)
    close(run)
    return loud


def _in_capitals(word) -> bool:
    return len(word.text) >= 2 and word.text.isupper()


def _ordinary(word, pack) -> bool:
    """A word of the language, not a name: one the dictionary knows (where there is one;
    otherwise one of the lexicons' own words), or a stop word; not a place of words.place."""
    if any(n in pack.stopwords for n in word.norms):
        return True
    if any(n in pack.places for n in word.norms):
        return False
    if pack.dictionary:
        return pack.dictionary.knows(word.text, pack.normalizer.vocabulary)
    return any(n in pack.normalizer.vocabulary for n in word.norms)

"""answer: the customer asked something and the reply answers it.

Each question in the customer's turn has a kind, from the lexicon's
`questions:` lists (longest phrase wins: "berapa lama" is when, not how much);
a sentence ending in "?" (Greek ";") with no question word is a yes/no
question. What counts as an answer, per kind:
  when      a time or date: a clock time, a date, a weekday, "besok", "in 2 days"; or a
            "no" about what was asked ("jpa 2 belum dibuka")
  how_much  a number or price, words.price ("gratis", "free", "δωρεάν") or words.number;
            or a "no" about what was asked ("kuota tidak bisa kami beritahukan")
  where     words.place, a link, the words asked about, two words of substance or a "no"
  how       words.instruction, a link, the words asked about, two words of substance
            ("Dari perusahaan orang tua") or a "no"
  yesno     an answer word (words.answer_yes / answer_no) opening a clause or said back
            from the question ("ready?" -> "barang ready"), the words asked about, a
            time or a number ("6 μήνες."), or three words of substance (an indirect
            answer: "100% full-grain cowhide")
  other     the words asked about, a number, two words of substance (not fillers,
            the name, address words): "what colours?" -> "black and navy", or a "no"
A concrete next step (words.next_step with three words of substance: "DM us your
order number so we can check the refund") answers any kind where the customer reports a
problem of their own (the complaint signal): their case needs their data. To a question
anyone could ask ("can I block invites?"), "we'll look into it, DM us" answers nothing.
A sentence with several kinds is answered by an answer to any of them; a yes or no
with two words of substance answers a question that doesn't open with its question
word (where a noun such as "harga" may have made the kind). A reply that honestly
defers (words.deferral: "saya cek dulu", "let me check")
answers for now. A reply that only sends the customer elsewhere (words.redirect:
"bisa dicek di web", "please DM us", "δείτε το site"), with no two words of substance
outside those clauses, answers nothing, whatever words it takes up. Variants: the
question kinds.
"""

from __future__ import annotations

import re

from ..analysis.features import FEATURES
from ..analysis.lang.lexicon import QUESTION_KINDS
from .base import Check, Hit
from .length import content_words as _content_words, echoes_answer_word

_EVIDENCE = {
    "when": (("time",), ("time_expression",)),
    "how_much": (("price", "number"), ("number",)),
    "where": (("place",), ("url",)),
    "how": (("instruction",), ("url",)),
    "yesno": ((), ()),  # answer words count only where they answer: see _yes_or_no
    "other": (("number",), ("number",)),
}


class AnswerCheck(Check):
    type = "answer"
    variants = QUESTION_KINDS
    lexicon_words = ("time", "price", "number", "place", "instruction", "answer_yes", "answer_no",
                     "deferral", "redirect", "next_step")

    def run(self, ctx):
        customer, reply = ctx.customer, ctx.reply
        if customer is None:
            return []
        deflects = _deflects(ctx)
        if reply.has("words.deferral") and not deflects:
            return []
        hits, seen = [], set()
        for sentence in customer.questions:
            if deflects:
                kind = (sentence.kinds or ["yesno"])[0]
                if kind not in seen:
                    seen.add(kind)
                    hits.append(Hit(kind, details={"question": sentence.text}))
                continue
            kinds = sentence.kinds or ["yesno"]
            kind = kinds[0]
            # a later kind also counts ("μήπως ξέρετε πότε...": when), but not a yes/no after
            # another kind ("how much is it?" is not answered by "yes")
            alternatives = [k for k in dict.fromkeys(kinds) if k == kind or k != "yesno"]
            if kind in seen or any(self._answered(k, sentence, ctx) for k in alternatives):
                continue
            if (kind != "yesno" and not sentence.opens_with_kind and _yes_or_no(ctx.reply)
                    and len(_content_words(ctx)) >= 2):
                continue  # "yang harga 150rb ada warna lain?" -> "Ada kak, navy dan hitam": a noun made it "how much"
            seen.add(kind)
            hits.append(Hit(kind, details={"question": sentence.text}))
        return hits

    def _answered(self, kind, sentence, ctx) -> bool:
        reply = ctx.reply
        words, features = _EVIDENCE[kind]
        if any(reply.has(f"words.{w}") for w in words) or any(FEATURES[f](reply) for f in features):
            return True
        if reply.has("words.next_step") and len(_content_words(ctx)) >= 3 and "complaint" in ctx.signals:
            return True  # a concrete next step resolves the request ("DM us your order number so we can check")
        about = _overlap(sentence, ctx)
        if kind == "yesno":  # an indirect answer with substance: "is it leather?" -> "full-grain cowhide",
            # or an exact one: a time or a number ("Τι εγγύηση έχει;" -> "6 μήνες.")
            return (_yes_or_no(reply) or about or len(_content_words(ctx)) >= 3
                    or bool(FEATURES["time_expression"](reply) or FEATURES["number"](reply))
                    or echoes_answer_word(sentence, ctx))
        if kind in ("when", "how_much"):  # a time or a number is what they ask for: a "no" or
            # a refusal about what was asked answers too ("belum dibuka", "kuota tidak bisa kami beritahukan")
            return about and reply.has("words.answer_no")
        # where, how, other: the words asked about, two words of substance ("Di buah batu",
        # "Dari perusahaan orang tua"), or a "no"
        return about or len(_content_words(ctx)) >= 2 or reply.has("words.answer_no")


def _deflects(ctx) -> bool:
    """Does the reply only send the customer elsewhere? A redirect, and fewer than two words
    of substance besides it: not the redirect's own words, a link or a place word ("web"),
    nor words that only echo the customer's ("Untuk biaya bisa dicek di web" to "biayanya
    berapa?"). "Please follow and DM us" deflects; "DM us your order number so we can
    check the refund" and "Ready kak, detailnya cek di IG" do not."""
    reply = ctx.reply
    spans = reply.hits.get("words.redirect")
    if not spans:
        return False
    aside = {reply.norm_word[n] for key in ("words.redirect", "words.place")
             for i, j in reply.hits.get(key, ()) for n in range(i, j)}
    echoed = _asked_stems(ctx.customer)
    substance = [w for w in _content_words(ctx, besides=aside)
                 if not _URLISH.search(w.text) and not any(_stem(n) in echoed for n in w.norms)]
    return len(substance) < 2


_URLISH = re.compile(r"[./]|^https?$|^www$", re.I)


def _yes_or_no(reply) -> bool:
    """Does a yes or no word answer, opening a clause, address words, apologies and up to two
    small words aside ("Iya kak", "Maaf kak, belum bisa", "Sorry, it's sold out")? Not one
    further on, nor one inside thanks: "terima kasih sudah mampir", "follow ya" answer nothing."""
    spans = reply.hits.get("words.answer_yes", []) + reply.hits.get("words.answer_no", [])
    if not spans:
        return False
    address = reply.address_words
    courtesy = {n for key in ("words.thanks", "words.greeting") for i, j in reply.hits.get(key, ())
                for n in range(i, j)}
    sorry = {n for i, j in reply.hits.get("words.apology", ()) for n in range(i, j)}
    for i, _ in spans:
        if i in courtesy:
            continue
        start = reply.clause(i)[0]
        before = [n for n in range(start, i) if reply.norm_word[n] not in address and n not in sorry]
        if len(before) <= _ANSWER_REACH and all(reply.norms[n] in reply.pack.stopwords for n in before):
            return True
    return False


# how many small words may come before an answer word in its clause ("Sorry, it's sold out")
_ANSWER_REACH = 2


def _stem(word: str) -> str:
    return word[:5]


def _code_like(text: str) -> bool:
    """A short word that names something: a size or code in capitals or with digits ("XL", "42")."""
    return len(text) >= 2 and (text.isupper() or any(c.isdigit() for c in text))


def _asked_stems(customer, sentence=None) -> set:
    """The stems of the content words the customer asked about (in one question, or all)."""
    pack = customer.pack
    skip = set()
    for key in ("honorifics", "generic_address", "words.filler",
                *(f"questions.{k}" for k in QUESTION_KINDS)):
        for i, j in customer.hits.get(key, ()):
            skip.update(range(i, j))
    asked = set()
    for n, norm in enumerate(customer.norms):
        word = customer.words[customer.norm_word[n]]
        if ((sentence is None or sentence.start <= word.start < sentence.end) and n not in skip
                and norm not in pack.stopwords and (len(norm) >= 3 or _code_like(word.text))):
            asked.add(_stem(norm))
    return asked


def _overlap(sentence, ctx) -> bool:
    """Does the reply take up a content word of the question ("warna merah" -> "merah")?"""
    asked = _asked_stems(ctx.customer, sentence)
    # a short word asked about, with a suffix in the reply: "resi" -> "resinya"
    return any(_stem(n) in asked or n[:4] in asked or n[:3] in asked for n in ctx.reply.norms)

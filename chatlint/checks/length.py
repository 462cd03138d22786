"""length: the reply is long or short enough.

Options:
  max_words: number   at most this many words
  min_words: number   at least this many words
  curt_words: number  a reply of at most this many words and no courtesy at all (no
                      greeting, thanks, apology, address word, the customer's name, nor
                      a friendly emoji) to a customer who complains or is upset is curt:
                      too short ("στείλτε φωτογραφία" to "it came broken"). (To a plain
                      question a few bare words are often the exact answer: "Di Jakarta".)
  substance: bool     count only words that carry content: not the customer's
                      name, honorifics, generic address, nor the lexicon's
                      words.filler ("iya", "ok", "noted", "ναι", "tunggu"), nor a
                      link. A reply whose substance is nothing ("iya kak", "Tunggu ya",
                      a lone link) is too short, except a complete, softened yes or no to
                      a yes/no question: the question's own word said back, with an emoji
                      ("Bisa kak :)" to "bisa COD?"; not "Iyaa kak 🙏").
Variants: too_short, too_long.
"""

from __future__ import annotations

import re

from .base import Check, Hit

_LINK = re.compile(r"^(?:https?|www)$|[./][^\W\d_]", re.I)  # a link's words: "https", "shop.example.co.id"


class LengthCheck(Check):
    type = "length"
    optional = {"max_words": int, "min_words": int, "substance": bool, "curt_words": int}
    variants = ("too_short", "too_long")

    def words_needed(self):
        return (("filler", "answer_yes", "answer_no", "thanks", "apology", "greeting", "redirect")
                if self.options.get("substance") else ())

    def run(self, ctx):
        reply = ctx.reply
        words = reply.words
        count = len(words)
        limit = self.options.get("max_words")
        if limit is not None and count > limit:
            return [Hit("too_long", details={"count": count, "max": limit})]
        if self.options.get("substance"):
            count = len(substantive_words(ctx, besides=courtesy_words(reply)))
        minimum = self.options.get("min_words")
        if minimum is not None and count < minimum and not _softened_yes_or_no(ctx):
            return [Hit("too_short", details={"count": count, "min": minimum})]
        curt = self.options.get("curt_words")
        if curt is not None and _curt(ctx, curt):
            return [Hit("too_short", details={"count": len(words), "min": curt + 1})]
        return []


_COURTESY_KEYS = ("words.thanks", "words.apology", "words.greeting", "honorifics", "generic_address")
_UPSET = ("complaint", "impatient", "angry")


def _curt(ctx, most: int) -> bool:
    """A few words and no courtesy at all, to a customer who complains or is upset."""
    reply, customer = ctx.reply, ctx.customer
    if customer is None or not 0 < len(reply.words) <= most:
        return False
    if not any(signal in ctx.signals for signal in _UPSET):
        return False
    if reply.softened or any(reply.has(key) for key in _COURTESY_KEYS):
        return False
    return not (ctx.name and any(ctx.name.matches(w.text) for w in reply.words))


def _softened_yes_or_no(ctx) -> bool:
    """A yes or no that says the question's own word back, with an emoji, to a customer who
    asked only yes/no questions: "Bisa kak :)" to "bisa COD?" (not a bare "Iyaa kak 🙏")."""
    reply, customer = ctx.reply, ctx.customer
    if customer is None or not customer.questions:
        return False
    return (reply.softened
            and all(s.kinds in ([], ["yesno"]) for s in customer.questions)
            and any(echoes_answer_word(s, ctx) for s in customer.questions))


def echoes_answer_word(sentence, ctx) -> bool:
    """Does the reply say a yes/no question's own answer word back ("yang merah ready?" ->
    "barang ready", "bisa COD?" -> "Bisa kak")?"""
    customer, reply = ctx.customer, ctx.reply
    asked = {customer.norms[n] for n in range(len(customer.norms))
             if sentence.start <= customer.words[customer.norm_word[n]].start < sentence.end}
    return any(reply.norms[n] in asked for key in ("words.answer_yes", "words.answer_no")
               for i, j in reply.hits.get(key, ()) for n in range(i, j))


def substantive_words(ctx, besides=()) -> list:
    """The reply's words that carry content: not fillers, honorifics, generic address, the
    customer's name or a link, nor the words whose indexes are in `besides`."""
    reply = ctx.reply
    empty = set(besides)
    for key in ("words.filler", "honorifics", "generic_address"):
        for i, j in reply.hits.get(key, ()):
            empty.update(reply.norm_word[i:j])
    return [w for k, w in enumerate(reply.words)
            if k not in empty and not (ctx.name and ctx.name.matches(w.text)) and not _LINK.search(w.text)]


def courtesy_words(reply, clause_keys=("words.thanks",)) -> set:
    """Indexes of the words that are courtesy or a redirect, not content: every word of a
    clause that thanks ("Thanks for reaching out"; `clause_keys`), and the apology's and
    the redirect's own words ("Sorry", "please follow and DM us"). Greetings count only
    where `clause_keys` names them: "Sore kak" greets, but "Sore kak 😊" to "jam brp?" says when."""
    courtesy = set()
    for key in clause_keys:
        for i, _ in reply.hits.get(key, ()):
            start, end = reply.clause(i)
            courtesy.update(reply.norm_word[start:end])
    for key in ("words.thanks", "words.apology", "words.redirect"):
        for i, j in reply.hits.get(key, ()):
            courtesy.update(reply.norm_word[i:j])
    return courtesy


def content_words(ctx, besides=()) -> list:
    """Words that can carry an answer: substantive words that are no stopwords nor
    courtesies ("Thanks for asking!" answers nothing; "Black and navy" does), nor words of
    a clause that thanks or greets ("Thanks for stopping by our shop"), nor the words whose
    indexes are in `besides`. Without `besides`, read once per reply however many questions ask."""
    if not besides and "content_words" in ctx.cache:
        return ctx.cache["content_words"]
    reply = ctx.reply
    stopwords = reply.pack.stopwords
    aside = courtesy_words(reply, ("words.thanks", "words.greeting")) | set(besides)
    found = [w for w in substantive_words(ctx, besides=aside) if not all(n in stopwords for n in w.norms)]
    if not besides:
        ctx.cache["content_words"] = found
    return found

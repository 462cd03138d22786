"""name: how the reply addresses the customer, when their name is known.

Options:
  mode: missing   the name (or a nickname, vocative, Greeklish form) appears nowhere
        wrong     a different name follows an address word ("kak Rina" to Dewi, "Hi John")
        generic   a generic address (gan, sis, bro, dear customer, φίλε), or an honorific
                  such as kak/dek/mas with no name anywhere in the reply
A word counts as a wrong name only if it is capitalised and either follows an
address word directly and is no word the language pack knows (unless it is a
first name one letter from the customer's: "kak Putra" to Putri), or is a common first
name said to someone, between breaks: "Γιώργο, φεύγει αύριο", "You're welcome,
Sara!", "Ναι Μαρία," (after `words.address_openers`). Not a name signing off on
its own line or after a last comma ("Thanks, Sam"): false alarms about names
cost more than missed ones.
"""

from __future__ import annotations

from ..analysis.lang.negation import CLAUSE_END

from ..model.schema import Enum
from .base import Check, Hit


class NameCheck(Check):
    type = "name"
    required = {"mode": Enum("missing", "wrong", "generic")}
    variants = ("default",)

    def words_needed(self) -> tuple:
        return ("address_openers",) if self.options["mode"] == "wrong" else ()

    def run(self, ctx):
        if not ctx.name:
            return []
        return getattr(self, "_" + self.options["mode"])(ctx)

    @staticmethod
    def _named(ctx) -> bool:
        """Is the customer's name anywhere in the reply? Computed once per reply."""
        named = ctx.cache.get("named")
        if named is None:
            after = ctx.reply.words_after("honorifics")
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
        # only a capitalised word may be a name ("Sara", not "sara", "SARA" or "2nd")
        capitalised = [k for k, w in enumerate(reply.words) if _capitalised(w.text)]
        if not capitalised:
            return []
        vocabulary, stopwords = pack.normalizer.vocabulary, pack.stopwords
        hits = []
        after_title = reply.words_after("titles", _addressing_titles(reply))  # "Mrs Brown": a name even if a word
        after_greeting = reply.words_after("words.greeting")
        address_words = {w for key in ("honorifics", "generic_address")
                         for i, j in reply.hits.get(key, ()) for w in reply.norm_word[i:j]}
        customer_words = ctx.customer.norm_set if ctx.customer is not None else frozenset()
        after_address = reply.words_after("honorifics") | after_title
        for k in sorted((after_address | _said_to(reply, capitalised)).intersection(capitalised)):
            if k in address_words:  # "Pak Haji", "Kak Sis": another address word, not a name
                continue
            word = reply.words[k]
            text = word.text
            if ctx.name.matches(text, lenient=True) or any(n in stopwords for n in word.norms):
                continue
            if customer_words.issuperset(word.norms):
                continue  # a word the customer wrote: their city, a brand ("sorry Brisbane orders...")
            other_name = ctx.name.other_name(text)
            a_word = any(n in vocabulary for n in word.norms) or pack.dictionary.knows(text, vocabulary)
            if k in after_address:
                if k not in after_title and a_word and not ctx.name.near_miss(text):
                    continue
                if not _addressed(ctx, k, k in after_greeting or k in after_title):
                    continue
            elif not other_name or a_word:  # between breaks: only a known first name ("Sara,"), not "Rose,"
                continue
            hits.append(Hit(start=word.start, end=word.end, edit=("replace", word.start, word.end),
                            replacement=ctx.name.address, details={"match": text}))
        return hits

    def _generic(self, ctx):
        reply = ctx.reply
        if "generic_address" not in reply.hits:
            return []
        honorific_norms = {norm for i, j in reply.hits.get("honorifics", ()) for norm in reply.norms[i:j]}
        named = self._named(ctx)
        hits = []
        for i, j in _outermost(reply.hits.get("generic_address", ())):
            following = reply.norm_word[j - 1] + 1
            if following < len(reply.words) and ctx.name.matches(reply.words[following].text, lenient=True):
                continue  # "kak Dewi", "Dear Anna"
            if i > 0 and i not in reply.breaks and reply.norms[i - 1] in reply.pack.determiners:
                continue  # "your sis", "the sweetheart neckline", "τη φίλη μου": a noun, not an address
            is_honorific = all(n in honorific_norms for n in reply.norms[i:j])
            if is_honorific and named:
                continue  # "Halo kak Dewi, ... ya kak": the name is there
            start, end = reply.char_span(i, j)
            hits.append(Hit(start=start, end=end, edit=("replace", start, end),
                            details={"match": reply.text[start:end]}))
        return hits


def _addressed(ctx, k: int, after_greeting: bool) -> bool:
    """Is the word at `k`, after an address word, said to someone? Yes when a break or the
    end follows it ("Thanks Rachel!", "Sorry Sarah, ..."); else only when the reply names
    nobody else and a greeting precedes it ("Hi John your order...") or a small word follows
    ("Thanks Anna for..."): "sorry Canada Post is slow", "Hey Priya here, ... Sarah" are no
    address. "Κούκλα μου", "Ομορφιές μου" are endearments, not names."""
    reply = ctx.reply
    words = reply.words
    if k + 1 == len(words) or reply.text[words[k].end:words[k + 1].start].strip():
        return True
    following = words[k + 1].norms
    if following[0] in reply.pack.possessives:
        return False
    if NameCheck._named(ctx):
        return False
    return after_greeting or all(n in reply.pack.stopwords for n in following)


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and text.isalpha() and len(text) >= 2 and not text.isupper()


def _said_to(reply, among) -> set[int]:
    """Words said to someone by their position: opening the reply or a clause, or after an
    address opener ("Yes", "Ναι", "Siap"), with a break or the end right after ("Γιώργο,",
    "welcome, Sara!"). Not after a line break or ending the reply after a comma without
    "!", "?" or an emoji: "Thanks, Sam" and "Kind regards,\nAnna" sign the shop's name.
    Only the words at the indexes `among` are asked about."""
    words, text = reply.words, reply.text
    openers = reply.words_after("words.address_openers")
    found = set()
    for k in among:
        word = words[k]
        before = text[words[k - 1].end if k else 0:word.start]
        after = text[word.end:words[k + 1].start if k + 1 < len(words) else len(text)]
        last = k + 1 == len(words)
        if "\n" in before or not (CLAUSE_END.search(after) or last):
            continue
        if not (k == 0 or CLAUSE_END.search(before) or k in openers):
            continue
        if last and "," in before and not (set(after) & set("!?") or any(s >= word.end for s, *_ in reply.emoji)):
            continue
        found.add(k)
    return found


def _addressing_titles(reply) -> set[tuple[int, int]]:
    """Title hits that open an address: at a clause start or after a greeting or thanks
    ("Hi Mrs Brown"), not inside a sentence ("goes with Dr Martens", "Little Miss Sunshine")."""
    honorific_ends = {j for i, j in reply.hits.get("honorifics", ())}
    return {(i, j) for i, j in reply.hits.get("titles", ())
            if i == 0 or i in reply.breaks or i in honorific_ends}


def _outermost(spans):
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    kept = []
    for s in spans:
        if kept and s[0] < kept[-1][1]:
            continue
        kept.append(s)
    return kept

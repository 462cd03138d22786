"""Text features: the closed set of things read from a message's form, not its words.

Signals (rules/signals.yaml) and checks name them; each is a test of an
Analysis: is the feature there? (It stops at the first sign of it.)
"""

from __future__ import annotations

import re

from .lang.lexicon import QUESTION_KINDS
from .lang.pack import Analysis

# "???": "??" is mere emphasis in chat. (A look-ahead at the characters a match can start
# with, here and in the regexes below, spares the engine the alternation at every other
# position of a text.)
_REPEATED_QUESTION = re.compile(r"(?=[?;])(?:\?{3,}|[?;]\s*[?;]\s*[?;])")
_EXCLAMATION_RUN = re.compile(r"![!?1]*![!?1]*!")  # three or more "!" in a run
_LONG_NUMBER = re.compile(r"(?=[\d#])(?:\b\d[\d\s.-]{4,}\d\b|#\d{3,})")
# what a long number may be instead of an order or phone number: an amount with thousands
# points ("Rp 150.000"), a date ("20.12.2024"), a range ("2025-2026", "12 - 18")
_NOT_AN_ID = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,4}\s*-\s*\d{1,4}")
# starts only where a run of address characters starts: the same matches, in linear time
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
_CAPS_RUN = re.compile(r"[A-Z\u00c0-\u00de\u0386-\u03ab]{4}")  # four capitals in a row, Latin or Greek
# a clock time, a date, "9am", or a day of the month ("the 15th", "15η")
_CLOCK_OR_DATE = re.compile(r"(?=\d)(?:\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?\b"
                            r"|\b\d{1,2}\s?(?:am|pm)\b|\b\d{1,2}(?:st|nd|rd|th|η|ης)\b)", re.I)
_NUMBER = re.compile(r"\d")
_CURRENCY = re.compile(r"(?=[$€£¥₹r\d])(?:[$€£¥₹]|\brp\.?\s?\d|\d\s?(?:rb|k|jt|ribu|juta|eur|euro|ευρώ)\b)",
                       re.I)
_URL = re.compile(r"https?://|www\.|\b\w+\.(?:com|id|gr|co|net|org|shop|store)\b", re.I)
_CAPS_MIN_LETTERS = 4


def caps_words(a: Analysis) -> list:
    """Words in capitals that are not acronyms: "PLEASE", "SUDAH", "ΠΡΟΣΟΧΗ"."""
    if not _CAPS_RUN.search(a.text):
        return []
    acronyms = a.pack.acronyms
    return [word for word in a.words
            if len(word.text) >= _CAPS_MIN_LETTERS and word.text.isupper() and word.text.isalpha()
            and word.norms[0] not in acronyms and word.text.lower() not in acronyms]


def _regex(pattern):
    return lambda a: pattern.search(a.text) is not None


def question_mark(a: Analysis) -> bool:
    """The language's question marks (its lexicon's question_marks): Greek's ";" too, not ";)"."""
    return a.pack.punctuation.question_mark.search(a.text) is not None


_QUESTION_KEYS = tuple(f"questions.{kind}" for kind in QUESTION_KINDS)


def question_words(a: Analysis) -> bool:
    hits = a.hits
    if not any(key in hits for key in _QUESTION_KEYS):
        return False  # no question word: no sentence to split
    return any(s.kinds for s in a.sentences)


def shouting(a: Analysis) -> bool:
    """Two or more words in capitals (a customer shouting; one alone may be emphasis)."""
    return len(caps_words(a)) >= 2


def hostile_emoji(a: Analysis) -> bool:
    return any(kind == "hostile" for *_, kind in a.emoji)


def short_message(a: Analysis) -> bool:
    return 0 < len(a.words) <= 4


def time_expression(a: Analysis) -> bool:
    """A clock time, a date, or a number with a time word ("2 hari", "in 3 days")."""
    if not _NUMBER.search(a.text):
        return False  # each of them has a digit
    return _CLOCK_OR_DATE.search(a.text) is not None or a.has("words.time")


def number(a: Analysis) -> bool:
    return _NUMBER.search(a.text) is not None or _CURRENCY.search(a.text) is not None


_PING_LINE = re.compile(r"^[\s?!.]*(?:\w{1,2})?[\s?!.]*$")  # "P", "??", "ka?", "p."


def repeated_pings(a: Analysis) -> bool:
    """Two or more lines after the customer's message that only call for attention ("P",
    "ka?", "Minnn", "??", "halo"): they kept waiting for a reply. Pings that open a chat
    ("P / P / Permisi kak") are how some people say hello, not a wait."""
    if a.text.count("\n") < 2:
        return False
    address = a.address_words
    pings, start, said, k = 0, 0, False, 0
    for line in a.text.split("\n"):
        end = start + len(line)
        inside = []
        while k < len(a.words) and a.words[k].start < end:  # the words are in order: one pass
            if a.words[k].start >= start:
                inside.append(k)
            k += 1
        if line.strip():
            ping = bool(_PING_LINE.match(line)) or (bool(inside) and len(inside) <= 2
                                                     and all(k in address for k in inside))
            if ping and said:
                pings += 1
            said = said or not ping
        start = end + 1
    return pings >= 2


def _opening_norm(a: Analysis) -> int | None:
    """The first normalised word past greetings and address words ("Kak, belum bisa": belum)."""
    address = a.address_words
    return next((n for n in range(len(a.norms)) if a.norm_word[n] not in address), None)


def opens_with_refusal(a: Analysis) -> bool:
    """The reply opens with a refusal (words.refusal: "we can't", "belum bisa", "μόνο"),
    greetings and address words aside: an answer that brings bad news ("Μόνο Ελλάδα και
    Κύπρο", "Maaf tidak bisa kak"). Not one further on ("if not, ..."), nor a "no problem"."""
    spans = a.hits.get("words.refusal")
    if not spans:
        return False
    first = _opening_norm(a)
    taken = {n for key in ("words.thanks", "words.answer_yes") for i, j in a.hits.get(key, ())
             if i == first for n in range(i, j)}
    return any(i == first and j - 1 not in taken for i, j in spans)


_ANSWER_MAX_WORDS = 6


def short_answer(a: Analysis) -> bool:
    """A short message (at most six words) that asks nothing and opens with a yes, a no or
    a deed (words.answer_opening: "No", "Yes it is.", "I did", "belum", "sudah kak", "όχι
    ακόμα"): the customer answering the shop's question. A bare "ok" or "iya" only
    acknowledges."""
    if not a.words or len(a.words) > _ANSWER_MAX_WORDS or a.question_breaks:
        return False
    openings = a.hits.get("words.answer_opening")
    if not openings:
        return False
    first = _opening_norm(a)
    return any(i == first for i, _ in openings)


def elapsed_wait(a: Analysis) -> bool:
    """A count of time gone by or of tries, said as a fact: a number and a unit of
    words.elapsed ("20 days", "7th time", "3 hari", "5 μηνύματα", "3η φορά"), outside a
    question ("will it take 2 days?", "saw it 2 days ago, still available?") and not
    ahead of now (words.ahead: "in 2 days", "dalam 3 hari", "σε 2 μέρες"), in a message
    that doesn't smile ("came 2 days after I ordered, love it 👏" is praise). The customer
    has been kept waiting, or it keeps happening."""
    units = a.hits.get("words.elapsed")
    if not units or any(kind == "friendly" for *_, kind in a.emoji):
        return False
    ahead = {n for i, j in a.hits.get("words.ahead", ()) for n in range(i, j)}
    norms = a.norms
    starts = [a.char_span(i - 1, j)[0] for i, j in units
              if i > 0 and norms[i - 1][:1].isdigit() and i - 2 not in ahead]
    if not starts:
        return False
    asked = [(s.start, s.end) for s in a.questions]
    return any(not any(s <= start < e for s, e in asked) for start in starts)


def contact_or_order_number(a: Analysis) -> bool:
    """An order, phone or tracking number, or an email address."""
    text = a.text
    if _NUMBER.search(text) and any(not _NOT_AN_ID.fullmatch(m.group()) for m in _LONG_NUMBER.finditer(text)):
        return True
    return "@" in text and _EMAIL.search(text) is not None


FEATURES = {
    "question_mark": question_mark,
    "question_words": question_words,
    "repeated_question_marks": _regex(_REPEATED_QUESTION),
    "exclamation_run": _regex(_EXCLAMATION_RUN),
    "shouting": shouting,
    "hostile_emoji": hostile_emoji,
    "contact_or_order_number": contact_or_order_number,
    "short_answer": short_answer,
    "elapsed_wait": elapsed_wait,
    "opens_with_refusal": opens_with_refusal,
    "repeated_pings": repeated_pings,
    "short_message": short_message,
    "time_expression": time_expression,
    "number": number,
    "url": _regex(_URL),
}

"""Text features: the closed set of things read from a message's form, not its words.

Signals (rules/signals.yaml) and checks name them; each is a function of an
Analysis returning character spans where the feature is (empty: absent).
"""

from __future__ import annotations

import re

from .lang.lexicon import QUESTION_KINDS
from .lang.pack import Analysis

_REPEATED_QUESTION = re.compile(r"\?{3,}|[?;]\s*[?;]\s*[?;]")  # "???": "??" is mere emphasis in chat
_EXCLAMATION_RUN = re.compile(r"![!?1]*![!?1]*!")  # three or more "!" in a run
_LONG_NUMBER = re.compile(r"\b\d[\d\s.-]{4,}\d\b|#\d{3,}")
# what a long number may be instead of an order or phone number: an amount with thousands
# points ("Rp 150.000"), a date ("20.12.2024"), a range ("2025-2026", "12 - 18")
_NOT_AN_ID = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,4}\s*-\s*\d{1,4}")
# starts only where a run of address characters starts: the same matches, in linear time
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
_CAPS_RUN = re.compile(r"[A-Z\u00c0-\u00de\u0386-\u03ab]{4}")  # four capitals in a row, Latin or Greek
# a clock time, a date, "9am", or a day of the month ("the 15th", "15η")
_CLOCK_OR_DATE = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?\b|\b\d{1,2}\s?(?:am|pm)\b"
                            r"|\b\d{1,2}(?:st|nd|rd|th|η|ης)\b",
                            re.I)
_NUMBER = re.compile(r"\d")
_CURRENCY = re.compile(r"[$€£¥₹]|\brp\.?\s?\d|\d\s?(?:rb|k|jt|ribu|juta|eur|euro|ευρώ)\b", re.I)
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
    return lambda a: [m.span() for m in pattern.finditer(a.text)]


def question_mark(a: Analysis):
    """The language's question marks (its lexicon's question_marks): Greek's ";" too, not ";)"."""
    return [m.span() for m in a.pack.punctuation.question_mark.finditer(a.text)]


_QUESTION_KEYS = tuple(f"questions.{kind}" for kind in QUESTION_KINDS)


def question_words(a: Analysis):
    hits = a.hits
    if not any(key in hits for key in _QUESTION_KEYS):
        return []  # no question word: no sentence to split
    return [(s.start, s.end) for s in a.sentences if s.kinds]


def shouting(a: Analysis):
    """Two or more words in capitals (a customer shouting; one alone may be emphasis)."""
    words = caps_words(a)
    return [(w.start, w.end) for w in words] if len(words) >= 2 else []


def hostile_emoji(a: Analysis):
    return [(s, e) for s, e, _, kind in a.emoji if kind == "hostile"]


def short_message(a: Analysis):
    return [(0, len(a.text))] if 0 < len(a.words) <= 4 else []


def time_expression(a: Analysis):
    """A clock time, a date, or a number with a time word ("2 hari", "in 3 days")."""
    spans = [m.span() for m in _CLOCK_OR_DATE.finditer(a.text)]
    if not spans and _NUMBER.search(a.text) and a.has("words.time"):
        spans = a.spans("words.time")
    return spans


def number(a: Analysis):
    return [m.span() for m in _NUMBER.finditer(a.text)][:1] + [m.span() for m in _CURRENCY.finditer(a.text)]


_PING_LINE = re.compile(r"^[\s?!.]*(?:\w{1,2})?[\s?!.]*$")  # "P", "??", "ka?", "p."


def repeated_pings(a: Analysis):
    """Two or more lines after the customer's message that only call for attention ("P",
    "ka?", "Minnn", "??", "halo"): they kept waiting for a reply. Pings that open a chat
    ("P / P / Permisi kak") are how some people say hello, not a wait."""
    if a.text.count("\n") < 2:
        return []
    address = a.address_words
    spans, start, said, k = [], 0, False, 0
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
                spans.append((start, end))
            said = said or not ping
        start = end + 1
    return spans if len(spans) >= 2 else []


def opens_with_refusal(a: Analysis):
    """The reply opens with a refusal (words.refusal: "we can't", "belum bisa", "μόνο"),
    greetings and address words aside: an answer that brings bad news ("Μόνο Ελλάδα και
    Κύπρο", "Maaf tidak bisa kak"). Not one further on ("if not, ..."), nor a "no problem"."""
    spans = a.hits.get("words.refusal")
    if not spans:
        return []
    address = a.address_words
    first = next((n for n in range(len(a.norms)) if a.norm_word[n] not in address), None)
    taken = {n for key in ("words.thanks", "words.answer_yes") for i, j in a.hits.get(key, ())
             if i == first for n in range(i, j)}
    return [a.char_span(i, j) for i, j in spans if i == first and j - 1 not in taken]


_ANSWER_MAX_WORDS = 6


def short_answer(a: Analysis):
    """A short message (at most six words) that asks nothing and opens with a yes, a no or
    a deed (words.answer_opening: "No", "Yes it is.", "I did", "belum", "sudah kak", "όχι
    ακόμα"): the customer answering the shop's question. A bare "ok" or "iya" only
    acknowledges."""
    if not a.words or len(a.words) > _ANSWER_MAX_WORDS or a.question_breaks:
        return []
    address = a.address_words
    first = next((n for n in range(len(a.norms)) if a.norm_word[n] not in address), None)
    return [a.char_span(i, j) for i, j in a.hits.get("words.answer_opening", ()) if i == first]


def elapsed_wait(a: Analysis):
    """A count of time gone by or of tries, said as a fact: a number and a unit of
    words.elapsed ("20 days", "7th time", "3 hari", "5 μηνύματα", "3η φορά"), outside a
    question ("will it take 2 days?", "saw it 2 days ago, still available?") and not ahead of now (words.ahead: "in 2 days",
    "dalam 3 hari", "σε 2 μέρες"), in a message that doesn't smile ("2 hours flat 👏" is
    praise). The customer has been kept waiting, or it keeps happening."""
    units = a.hits.get("words.elapsed")
    if not units or any(kind == "friendly" for *_, kind in a.emoji):
        return []
    ahead = {n for i, j in a.hits.get("words.ahead", ()) for n in range(i, j)}
    norms = a.norms
    asked = [(s.start, s.end) for s in a.questions]
    spans = [a.char_span(i - 1, j) for i, j in units if i > 0 and norms[i - 1][:1].isdigit() and i - 2 not in ahead]
    return [(start, end) for start, end in spans if not any(s <= start < e for s, e in asked)]


def contact_or_order_number(a: Analysis):
    """An order, phone or tracking number, or an email address."""
    text = a.text
    spans = [m.span() for m in _LONG_NUMBER.finditer(text)
             if not _NOT_AN_ID.fullmatch(m.group())] if _NUMBER.search(text) else []
    return spans + ([m.span() for m in _EMAIL.finditer(text)] if "@" in text else [])


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

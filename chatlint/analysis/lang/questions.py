"""Question logic: a message's sentences, which of them ask and what, and whether a
question asks if something is so rather than reporting it."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import NOT_A_QUESTION, QUESTION_KINDS

if TYPE_CHECKING:
    from .pack import Analysis

# a ";" (the Greek question mark) is no mark where it opens a wink: ;) ;-) ;P ;D ;*
WINK_AFTER_SEMICOLON = ")-(pPdD*"


def _mark(mark: str) -> str:
    if mark == ".":  # a "." right before a letter or digit is inside a word or number:
        # "Rp 150.000", "shop.example.com", "toko.nya"
        return r"\.(?![^\W_])"
    if mark == ";":
        return ";(?![%s])" % re.escape(WINK_AFTER_SEMICOLON)
    return re.escape(mark)


@dataclass(frozen=True)
class Punctuation:
    """A language's punctuation, from its lexicon: what ends a sentence, what asks, and
    which letters carry an accent."""

    sentence_end: re.Pattern    # a run of sentence ends (a line break always is one)
    question_marks: tuple       # the marks that ask
    question_mark: re.Pattern   # one of them where it is a mark (not a wink)
    accent: re.Pattern | None   # an accented letter, if the language writes them

    @classmethod
    def of(cls, lexicon) -> "Punctuation":
        ends = "|".join(_mark(m) for m in ["\n", *lexicon.sentence_ends])
        letters = "".join(re.escape(c) for c in lexicon.accented_letters)
        return cls(re.compile(f"(?:{ends})+"), tuple(lexicon.question_marks),
                   re.compile("|".join(_mark(m) for m in lexicon.question_marks)),
                   re.compile(f"[{letters}]") if letters else None)


# the most words of a clause that asks without a question mark ("is it fake leather")
_SHORT_QUESTION = 8


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    is_question: bool
    kinds: list  # question kinds found in it
    opens_with_kind: bool = False  # its first question word opens it ("Berapa harganya?", "Kak, kapan...")


def asks_whether(analysis: Analysis, i: int, j: int) -> bool:
    """Does the question around norms i..j ask whether it is so, rather than report it?
    Its clause opens with an inquiry ("is it fake fur?", "any delays?"), greetings and
    address words aside, or has a question tag right after the phrase ("luntur ga kak?").
    Chat writers often drop the question mark: a short clause (`_SHORT_QUESTION` words)
    needs none ("is it fake leather", "luntur ga kak")."""
    start, end = analysis.clause(i)
    if end not in analysis.question_breaks and end - start > _SHORT_QUESTION:
        return False
    address = analysis.address_words
    while start < i and analysis.norm_word[start] in address:
        start += 1
    if any(s == start and e <= i for s, e in analysis.hits.get("inquiries", ())):
        return True
    while j < end and analysis.norm_word[j] in address:
        j += 1
    return j < end and analysis.norms[j] in analysis.pack.question_tags and (
        j + 1 == end or all(analysis.norm_word[k] in address for k in range(j + 1, end)))


def sentences(analysis: Analysis) -> list[Sentence]:
    """The message's sentences, each told asking or not, with the question kinds it asks."""
    punctuation = analysis.pack.punctuation
    pattern, marks = punctuation.sentence_end, punctuation.question_marks
    # question-word hits, longest first, so "berapa lama" is "when", not "how much"
    kind_hits = []
    accents_typed = punctuation.accent is not None and punctuation.accent.search(analysis.text) is not None
    for kind in QUESTION_KINDS + (NOT_A_QUESTION,):
        for i, j in analysis.hits.get(f"questions.{kind}", ()):
            # relative "που" and "πως" (that) never open a clause; "Που μπορώ..." asks
            strict = accents_typed and i > 0 and i not in analysis.breaks
            if not analysis.pack.accent_allows(f"questions.{kind}", analysis.norms[i],
                                               analysis.words[analysis.norm_word[i]].text, strict):
                continue
            kind_hits.append((j - i, i, j, kind))
    kind_hits.sort(reverse=True)
    taken: set[int] = set()
    found = []
    nouns = set()  # positions of question words that are nouns ("price", "harga")
    for _, i, j, kind in kind_hits:
        if taken.isdisjoint(range(i, j)):
            taken.update(range(i, j))
            pos = analysis.char_span(i, j)[0]
            found.append((pos, kind))
            if tuple(analysis.norms[i:j]) in analysis.pack.question_nouns:
                nouns.add(pos)
    found_sentences, last = [], 0
    found.sort()
    found_at = [pos for pos, _ in found]  # bisected per sentence: linear time in the text
    for match in list(pattern.finditer(analysis.text)) + [None]:
        end = match.end() if match else len(analysis.text)
        chunk = analysis.text[last:end]
        if chunk.strip():
            asking = [(pos, kind) for pos, kind in found[bisect_left(found_at, last):bisect_left(found_at, end)]
                      if kind != NOT_A_QUESTION]
            ending = match.group() if match else ""
            asked = any(m in ending for m in marks)
            if not asked:  # "disappointed with the quality for the price" asks nothing
                asking = [(pos, kind) for pos, kind in asking
                          if pos not in nouns or analysis.only_address_before(last, pos)]
            kinds = [kind for _, kind in asking]
            opens = bool(asking) and analysis.only_address_before(last, asking[0][0])
            # a question word in an exclamation asks nothing: "great quality at a good price!"
            exclaimed = "!" in ending and not asked
            found_sentences.append(Sentence(last, end, chunk.strip(), asked or (bool(kinds) and not exclaimed),
                                      kinds if not exclaimed else [], opens))
        last = end
        if match is None:
            break
    return found_sentences

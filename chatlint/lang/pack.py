"""A language pack: everything compiled for one language, built on first use.

The pack owns the spaCy pipeline, the normaliser, one phrase index holding
every phrase list of the lexicon and the rules (matched in a single pass per
message), and a spaCy Matcher for the rules' token patterns. `analyse(text)`
turns a message into an `Analysis` that signals and checks read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .emoji import EmojiTable
from .lexicon import NOT_A_QUESTION, QUESTION_KINDS, Lexicon
from .normalize import Normalizer, fold
from .pipelines import get_nlp

Phrase = tuple  # of (norm, is_prefix) pairs


class PhraseIndex:
    """Many named phrase lists, matched together in one pass over a message's words."""

    def __init__(self):
        self.exact: dict[str, list[tuple[str, Phrase]]] = defaultdict(list)
        self.prefixed: dict[str, list[tuple[str, Phrase]]] = defaultdict(list)

    def add(self, key: str, phrase: Phrase) -> None:
        first, is_prefix = phrase[0]
        if is_prefix:
            self.prefixed[first[:3]].append((key, phrase))
        else:
            self.exact[first].append((key, phrase))

    def find(self, norms: list[str]) -> dict[str, list[tuple[int, int]]]:
        hits: dict[str, list[tuple[int, int]]] = defaultdict(list)
        n = len(norms)
        for i, norm in enumerate(norms):
            candidates = self.exact.get(norm, ())
            prefixed = self.prefixed.get(norm[:3])
            if prefixed:
                candidates = list(candidates) + prefixed
            for key, phrase in candidates:
                end = i + len(phrase)
                if end > n:
                    continue
                for (word, is_prefix), actual in zip(phrase, norms[i:end]):
                    if not (actual.startswith(word) if is_prefix else actual == word):
                        break
                else:
                    hits[key].append((i, end))
        return hits


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int
    norms: tuple
    token: int  # index of the spaCy token


_SENTENCE_END = {"en": re.compile(r"[.!?\n]+"), "id": re.compile(r"[.!?\n]+"),
                 "el": re.compile(r"[.!?;\u037e\n]+")}
_QUESTION_MARKS = {"el": ("?", ";", "\u037e")}


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    is_question: bool
    kinds: list  # question kinds found in it


@dataclass
class Analysis:
    """A message as the checks see it."""

    text: str
    lang: str
    pack: "LangPack"
    doc: object
    words: list[Word]
    norms: list[str]
    norm_word: list[int]
    emoji: list  # of (start, end, text, kind)
    hits: dict = field(default_factory=dict)  # key -> [(norm_start, norm_end)]

    def has(self, key: str) -> bool:
        return key in self.hits

    def spans(self, key: str) -> list[tuple[int, int]]:
        """Character spans of the hits of one phrase list."""
        return [self.char_span(i, j) for i, j in self.hits.get(key, ())]

    def char_span(self, i: int, j: int) -> tuple[int, int]:
        return self.words[self.norm_word[i]].start, self.words[self.norm_word[j - 1]].end

    @cached_property
    def norm_set(self) -> frozenset:
        return frozenset(self.norms)

    @cached_property
    def sentences(self) -> list[Sentence]:
        pattern = _SENTENCE_END.get(self.lang, _SENTENCE_END["en"])
        marks = _QUESTION_MARKS.get(self.lang, ("?",))
        # question-word hits, longest first, so "berapa lama" is "when", not "how much"
        kind_hits = []
        for kind in QUESTION_KINDS + (NOT_A_QUESTION,):
            for i, j in self.hits.get(f"questions.{kind}", ()):
                kind_hits.append((j - i, i, j, kind))
        kind_hits.sort(reverse=True)
        taken: set[int] = set()
        found = []
        for _, i, j, kind in kind_hits:
            if taken.isdisjoint(range(i, j)):
                taken.update(range(i, j))
                found.append((self.char_span(i, j)[0], kind))
        sentences, last = [], 0
        for match in list(pattern.finditer(self.text)) + [None]:
            end = match.end() if match else len(self.text)
            chunk = self.text[last:end]
            if chunk.strip():
                kinds = [kind for pos, kind in sorted(found) if last <= pos < end and kind != NOT_A_QUESTION]
                asked = any(m in (match.group() if match else "") for m in marks)
                sentences.append(Sentence(last, end, chunk.strip(), asked or bool(kinds), kinds))
            last = end
            if match is None:
                break
        return sentences

    @property
    def questions(self) -> list[Sentence]:
        return [s for s in self.sentences if s.is_question]


class LangPack:
    def __init__(self, lexicon: Lexicon, emoji: EmojiTable,
                 phrase_lists: dict[str, list[str]], patterns: dict[str, list]):
        self.lang = lexicon.lang
        self.lexicon = lexicon
        self.emoji = emoji
        self.nlp = get_nlp(self.lang)
        self.tokenizer = self.nlp.tokenizer
        self.normalizer = Normalizer(self.lang)
        self.normalizer.slang = {self.normalizer.word(variant): self.phrase_words(canonical)
                                 for variant, canonical in lexicon.slang.items()}
        self.index = PhraseIndex()
        vocabulary = set()
        lists = dict(self.lexicon_lists())
        lists.update(phrase_lists)
        self.phrases: dict[str, list[Phrase]] = {}
        for key, phrases in lists.items():
            compiled = [self.compile_phrase(p) for p in phrases]
            self.phrases[key] = [c for c in compiled if c]
            for phrase in self.phrases[key]:
                self.index.add(key, phrase)
                vocabulary.update(word for word, is_prefix in phrase if not is_prefix)
        vocabulary.update(self.normalizer.word(m) for m in lexicon.markers)
        for canonical in self.normalizer.slang.values():
            vocabulary.update(canonical)
        self.normalizer.learn(vocabulary)
        self.stopwords = frozenset(self.normalizer.word(w) for w in self.nlp.Defaults.stop_words)
        self.acronyms = frozenset(fold(a) for a in lexicon.words.get("acronyms", ()))
        self.matcher = None
        if patterns:
            from spacy.matcher import Matcher

            self.matcher = Matcher(self.nlp.vocab)
            for key, key_patterns in patterns.items():
                self.matcher.add(key, key_patterns)

    def lexicon_lists(self):
        lex = self.lexicon
        yield "honorifics", lex.honorifics
        yield "generic_address", lex.generic_address
        for table in ("words", "signals", "questions"):
            for key, phrases in getattr(lex, table).items():
                yield f"{table}.{key}", phrases

    def phrase_words(self, text: str) -> tuple[str, ...]:
        """The normalised words of a phrase, as a message containing it would give them."""
        out: list[str] = []
        for token in self.tokenizer(text):
            if not (token.is_punct or token.is_space):
                out.extend(self.normalizer.norms(token.norm_))
        return tuple(out)

    def compile_phrase(self, text: str) -> Phrase:
        phrase = []
        for chunk in text.split():
            is_prefix = chunk.endswith("*") and len(chunk) > 1
            words = self.phrase_words(chunk.rstrip("*") if is_prefix else chunk)
            for k, word in enumerate(words):
                phrase.append((word, is_prefix and k == len(words) - 1))
        return tuple(phrase)

    def analyse(self, text: str) -> Analysis:
        doc = self.tokenizer(text)
        emoji = self.emoji.find(text)
        words: list[Word] = []
        norms: list[str] = []
        norm_word: list[int] = []
        norm_of = self.normalizer.norms
        for token in doc:
            if token.is_punct or token.is_space:
                continue
            start = token.idx
            if emoji and any(s <= start < e for s, e, _, _ in emoji):
                continue
            word_norms = norm_of(token.norm_)
            words.append(Word(token.text, start, start + len(token.text), word_norms, token.i))
            for norm in word_norms:
                norms.append(norm)
                norm_word.append(len(words) - 1)
        analysis = Analysis(text, self.lang, self, doc, words, norms, norm_word, emoji)
        analysis.hits = self.index.find(norms)
        if self.matcher is not None:
            for word in words:
                doc[word.token].norm_ = " ".join(word.norms)
            for match_id, start, end in self.matcher(doc):
                key = self.nlp.vocab.strings[match_id]
                analysis.hits.setdefault(key, []).append(self._token_to_norm_span(analysis, start, end))
        return analysis

    @staticmethod
    def _token_to_norm_span(analysis: Analysis, start: int, end: int) -> tuple[int, int]:
        """Token-pattern matches are stored like phrase hits: as spans of normalised words."""
        first = last = None
        for n, w in enumerate(analysis.norm_word):
            if start <= analysis.words[w].token < end:
                first = n if first is None else first
                last = n
        if first is None:  # a pattern over punctuation or emoji only
            return (0, 0)
        return first, last + 1

"""A language pack: everything compiled for one language, built on first use.

The pack owns the spaCy pipeline, the normaliser, one phrase index holding
every phrase list of the lexicon and the rules (matched in a single pass per
message), and a spaCy Matcher for the rules' token patterns. `analyse(text)`
turns a message into an `Analysis` that signals and checks read. The phrase index
(phrases.py), the question logic (questions.py) and negation (negation.py) are their own
modules.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from . import questions
from .dictionary import Dictionary
from .emoji import EmojiTable
from .lexicon import Lexicon
from .negation import CLAUSE_END, drop_denied_signals
from .normalize import Normalizer, fold
from .phrases import Phrase, PhraseIndex
from .pipelines import get_nlp
from .questions import Punctuation, Sentence


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int
    norms: tuple
    token: int  # index of the spaCy token


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
    breaks: set = field(default_factory=set)  # indexes of norms that follow a clause break
    question_breaks: set = field(default_factory=set)  # those of the breaks that hold a question mark

    def clause(self, i: int) -> tuple[int, int]:
        """The norms (start, end) of the clause that holds norm `i`, between breaks."""
        breaks = self._sorted_breaks  # bisected: linear time over all the phrases of a text
        k = bisect_right(breaks, i)
        return (breaks[k - 1] if k else 0, breaks[k] if k < len(breaks) else len(self.norms))

    @cached_property
    def _sorted_breaks(self) -> list[int]:
        return sorted(self.breaks)

    def in_question_clause(self, i: int) -> bool:
        """Does the clause of norm `i` end in a question mark?"""
        return self.clause(i)[1] in self.question_breaks

    def asks_whether(self, i: int, j: int) -> bool:
        """Does the question around norms i..j ask whether it is so? (questions.py)"""
        return questions.asks_whether(self, i, j)

    def has(self, key: str) -> bool:
        return key in self.hits

    @property
    def softened(self) -> bool:
        """Does an emoji or emoticon soften the message (any that isn't hostile)?"""
        return any(kind != "hostile" for *_, kind in self.emoji)

    def char_span(self, i: int, j: int) -> tuple[int, int]:
        return self.words[self.norm_word[i]].start, self.words[self.norm_word[j - 1]].end

    @cached_property
    def norm_set(self) -> frozenset:
        return frozenset(self.norms)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return questions.sentences(self)

    def words_after(self, key: str, spans=None) -> set[int]:
        """Indexes of words directly after a phrase of `key` (or of the given spans of it),
        with only spaces between: "Hi Anna", "code WELCOME". A line break ends the phrase's
        reach: "Many thanks" over "Emma" is the shop's sign-off."""
        after = set()
        for i, j in (self.hits.get(key, ()) if spans is None else spans):
            k = self.norm_word[j - 1] + 1
            if k < len(self.words):
                gap = self.text[self.words[k - 1].end:self.words[k].start]
                if gap.strip() == "" and "\n" not in gap:
                    after.add(k)
        return after

    def only_address_before(self, start: int, pos: int) -> bool:
        """Are the words from `start` up to `pos` only greetings and address words ("Kak,", "Hi")?"""
        address = self.address_words
        starts = self._word_starts
        return all(k in address for k in range(bisect_left(starts, start), bisect_left(starts, pos)))

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w.start for w in self.words]

    @cached_property
    def address_words(self) -> frozenset[int]:
        """Indexes of the words that greet or address someone ("Kak,", "Hi", "dear customer");
        read once the message is analysed, by every sentence and signal that skips them."""
        return frozenset(w for key in ("honorifics", "generic_address", "words.greeting")
                         for i, j in self.hits.get(key, ()) for w in self.norm_word[i:j])

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
        self._specials = frozenset(self.tokenizer.rules)
        self.punctuation = Punctuation.of(lexicon)
        self.normalizer = Normalizer(self.lang)
        self.normalizer.slang = {self.normalizer.word(variant): self.phrase_words(canonical)
                                 for variant, canonical in lexicon.slang.items()}
        self.index = PhraseIndex()
        vocabulary = set()
        lists = dict(self.lexicon_lists())
        lists.update(phrase_lists)
        self.phrases: dict[str, list[Phrase]] = {}
        self.detached = tuple(self.normalizer.word(p) for p in lexicon.detached_prefixes)
        for key, phrases in lists.items():
            compiled = [self.compile_phrase(p) for p in phrases]
            self.phrases[key] = [c for c in compiled if c]
            for phrase in self.phrases[key]:
                for form in self.written_apart(phrase):
                    self.index.add(key, form)
                vocabulary.update(word for word, is_prefix in phrase if not is_prefix)
        vocabulary.update(self.normalizer.word(m) for m in lexicon.markers)
        for canonical in self.normalizer.slang.values():
            vocabulary.update(canonical)
        self.normalizer.learn(vocabulary)
        # question words told apart only by their accent (πότε "when", ποτέ "never")
        self.accents: dict[tuple[str, str], set[str]] = {}
        for kind, phrases in lexicon.questions.items():
            for text in phrases:
                first = text.split()[0].rstrip("*")
                norm = self.normalizer.word(first)
                self.accents.setdefault((f"questions.{kind}", norm), set()).add(_accented(first))
        self.stopwords = frozenset(self.normalizer.word(w) for w in self.nlp.Defaults.stop_words)
        self.acronyms = frozenset(fold(a) for a in lexicon.words.get("acronyms", ()))
        self.negators = frozenset(w for n in lexicon.negators for w in self.phrase_words(n))
        self.conditionals = frozenset(w for n in lexicon.conditionals for w in self.phrase_words(n))
        self.places = frozenset(w for p in lexicon.words.get("place", ()) for w in self.phrase_words(p)
                                if len(w) > 3)  # names of places, not "di", "at", "στο"
        self.determiners = frozenset(w for n in lexicon.determiners for w in self.phrase_words(n))
        self.possessives = frozenset(w for n in lexicon.possessives for w in self.phrase_words(n))
        self.question_tags = frozenset(w for n in lexicon.question_tags for w in self.phrase_words(n))
        self.question_nouns = frozenset(self.phrase_words(n) for n in lexicon.question_nouns)
        self._word_info: dict[int, tuple] = {}  # spaCy norm id -> normalised words
        self._laughter: set[int] = set()  # spaCy norm ids of written laughter ("hehe", "wkwk")
        self._clause_ends: dict[str, tuple] = {}  # punctuation token -> (ends a clause, asks)
        from spacy.attrs import IDX, LENGTH, NORM

        self._token_attrs = [NORM, IDX, LENGTH]
        affixes = lexicon.affixes
        self.dictionary = Dictionary(self.lang, affixes.get("prefixes", ()), affixes.get("suffixes", ()))
        self.matcher = None
        if patterns:
            from spacy.matcher import Matcher

            self.matcher = Matcher(self.nlp.vocab)
            for key, key_patterns in patterns.items():
                self.matcher.add(key, key_patterns)
            all_patterns = [p for ps in patterns.values() for p in ps]
            self.matcher_reads_norm = any("NORM" in spec for p in all_patterns for spec in p)
            self.anchors = _anchors(all_patterns)

    def accent_allows(self, key: str, norm: str, word: str, accents_typed: bool = False) -> bool:
        """A word typed with an accent matches a question word only if the accent agrees:
        "ποτέ" is no "πότε". An unaccented "που" stays ambiguous, unless the message has
        accents elsewhere (`accents_typed`): its writer would have written "πού"."""
        forms = self.accents.get((key, norm))
        word = _accented(word)
        if not forms or word in forms:
            return True
        if word == fold(word) and not accents_typed:
            return True
        return any(form == fold(form) for form in forms)  # a phrase written without accent

    def lexicon_lists(self):
        lex = self.lexicon
        yield "honorifics", lex.honorifics
        yield "titles", lex.titles
        yield "generic_address", lex.generic_address
        yield "inquiries", lex.inquiries
        for table in ("words", "signals", "questions"):
            for key, phrases in getattr(lex, table).items():
                yield f"{table}.{key}", phrases

    def phrase_words(self, text: str) -> tuple[str, ...]:
        """The normalised words of a phrase, as a message containing it would give them.

        A chunk of letters only that is no tokenizer special case ("dont", "gonna") is one
        token whose norm is its lower case, so it skips the tokenizer (thousands of phrases
        are compiled on a cold start; tests/test_lang.py checks both ways agree)."""
        out: list[str] = []
        for chunk in text.split():
            if chunk.isalpha() and chunk not in self._specials:
                out.extend(self.normalizer.norms(chunk.lower()))
            else:
                out.extend(self.phrase_words_by_tokenizer(chunk))
        return tuple(out)

    def phrase_words_by_tokenizer(self, text: str) -> tuple[str, ...]:
        """phrase_words without the shortcut (what the tests compare it with)."""
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

    def written_apart(self, phrase: Phrase) -> list[Phrase]:
        """The phrase, and the phrase with its words that start with a detached prefix written
        apart ("belum dibuka" is also "belum di buka"), at most 4 forms."""
        forms = [()]
        for word, is_prefix in phrase:
            options = [((word, is_prefix),)]
            for prefix in self.detached:
                if word.startswith(prefix) and len(word) - len(prefix) >= 3 and len(forms) < 4:
                    options.append(((prefix, False), (word[len(prefix):], is_prefix)))
            forms = [form + option for form in forms for option in options]
        return forms

    def analyse(self, text: str) -> Analysis:
        doc = self.nlp.tokenize(text)
        emoji = self.emoji.find(text)
        words: list[Word] = []
        norms: list[str] = []
        norm_word: list[int] = []
        breaks: set[int] = set()  # norms that follow a clause break (, . ! ? ; : or a line break)
        question_breaks: set[int] = set()
        info = self._word_info
        # characters inside emoji (a set, not a scan of the emoji per word: linear time)
        in_emoji = {i for s, e, _, _ in emoji for i in range(s, e)} if emoji else ()
        laughed = False
        # (norm id, offset, length) of each token: read as one array, not token by token
        for t, (norm_id, start, length) in enumerate(doc.to_array(self._token_attrs).tolist()):
            word_norms = info.get(norm_id)
            if word_norms is None:
                word_norms = self._learn_word(doc[t])
            end = start + length
            if not word_norms:  # punctuation, space, emoji, emoticon or laughter
                if norm_id in self._laughter:
                    emoji.append((start, end, text[start:end], "friendly"))
                    laughed = True
                else:
                    ends = self._clause_ends.get(text[start:end]) or self._learn_clause_end(text[start:end])
                    if ends[0]:
                        breaks.add(len(norms))
                        if ends[1]:
                            question_breaks.add(len(norms))
                continue
            if start in in_emoji:
                continue
            k = len(words)
            words.append(Word(text[start:end], start, end, word_norms, t))
            norms.extend(word_norms)
            norm_word.extend([k] * len(word_norms))
        if laughed:
            emoji.sort()
        analysis = Analysis(text, self.lang, self, doc, words, norms, norm_word, emoji, breaks=breaks,
                            question_breaks=question_breaks)
        analysis.hits = self.index.find(norms, breaks)
        if self.negators or self.conditionals:
            drop_denied_signals(analysis, self.negators, self.conditionals)
        if self.matcher is not None and self._may_match(words):
            if self.matcher_reads_norm:
                for word in words:
                    doc[word.token].norm_ = " ".join(word.norms)
            for match_id, start, end in self.matcher(doc):
                key = self.nlp.vocab.strings[match_id]
                analysis.hits.setdefault(key, []).append(self._token_to_norm_span(analysis, start, end))
        return analysis

    def _learn_clause_end(self, punct: str) -> tuple[bool, bool]:
        """Does this punctuation (or space, emoji...) token end a clause, and does it ask
        (a question mark, not in an emoticon)? Cached by its text."""
        ends = bool(CLAUSE_END.search(punct))
        asks = ends and any(m in punct for m in self.punctuation.question_marks) \
            and punct not in self.emoji.emoticon_kind
        if len(self._clause_ends) < 100_000:
            self._clause_ends[punct] = (ends, asks)
        return ends, asks

    def _may_match(self, words) -> bool:
        """Run the Matcher only if a word every match needs is there (when patterns have one)."""
        if self.anchors is None:
            return True
        anchors = self.anchors
        return not (anchors.isdisjoint([w.text.lower() for w in words])
                    and anchors.isdisjoint([w.norms[0] for w in words]))

    def _learn_word(self, token) -> tuple:
        """A token's normalised words (empty for punctuation, emoji, written laughter and the
        like), cached by its norm."""
        norm = token.norm_
        if self.emoji.is_laughter(norm):
            self._laughter.add(token.norm)
            word_norms = ()
        else:
            word_norms = self.normalizer.norms(norm) if any(c.isalnum() for c in norm) else ()
        if len(self._word_info) < 200_000:
            self._word_info[token.norm] = word_norms
        return word_norms

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


def _anchors(patterns: list) -> set[str] | None:
    """Words one of which every pattern needs, or None when some pattern has no literal.

    Each pattern contributes the values of one required literal token (LOWER, NORM, ORTH
    or TEXT; a string or an IN list): the one with the longest words, the rarest in text,
    so that the Matcher runs only on messages that may match ("whatever", not "i")."""
    anchors: set[str] = set()
    for pattern in patterns:
        best: set[str] | None = None
        for spec in pattern:
            if spec.get("OP") in ("?", "*", "!"):
                continue
            values = [spec[a] for a in ("LOWER", "NORM", "ORTH", "TEXT") if a in spec]
            if not values:
                continue
            value = values[0]
            if isinstance(value, str):
                words = {fold(value)}
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                words = {fold(v) for v in value["IN"] if isinstance(v, str)}
            else:
                continue
            if words and (best is None or min(map(len, words)) > min(map(len, best))):
                best = words
        if best is None:
            return None  # no literal the pattern needs: no cheap pre-check
        anchors |= best
    return anchors


def _accented(word: str) -> str:
    """Lower case with accents kept, final sigma as sigma."""
    return word.lower().replace("ς", "σ")

"""A language pack: everything compiled for one language, built on first use.

The pack owns the spaCy pipeline, the normaliser, one phrase index holding
every phrase list of the lexicon and the rules (matched in a single pass per
message), and a spaCy Matcher for the rules' token patterns. `analyse(text)`
turns a message into an `Analysis` that signals and checks read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .dictionary import Dictionary
from .emoji import EmojiTable
from .lexicon import NOT_A_QUESTION, QUESTION_KINDS, Lexicon
from .normalize import Normalizer, fold
from .pipelines import get_nlp

Phrase = tuple  # of (norm, is_prefix) pairs


_END = "\x00"   # in a trie node: the keys of the phrases that end here
_WILD = "\x01"  # in a trie node: [(prefix, child)] for words matched by prefix ("ευχαριστ*")


class PhraseIndex:
    """Many named phrase lists in one word trie, matched in a single pass per message."""

    def __init__(self):
        self.root: dict = {}
        self.root_wild: dict[str, list] = defaultdict(list)  # first 3 letters -> [(prefix, child)]
        self._starts: dict[str, tuple] = {}  # word -> the nodes of the phrases it starts

    def add(self, key: str, phrase: Phrase) -> None:
        self._starts.clear()
        (first, first_is_prefix), rest = phrase[0], phrase[1:]
        if first_is_prefix:
            node = self._wild_child(self.root_wild[first[:3]], first)
        else:
            node = self.root.setdefault(first, {})
        for word, is_prefix in rest:
            node = self._wild_child(node.setdefault(_WILD, []), word) if is_prefix else node.setdefault(word, {})
        keys = node.setdefault(_END, [])
        if key not in keys:
            keys.append(key)

    @staticmethod
    def _wild_child(children: list, prefix: str) -> dict:
        for existing, child in children:
            if existing == prefix:
                return child
        child: dict = {}
        children.append((prefix, child))
        return child

    def starts(self, norm: str) -> tuple:
        """The trie nodes after `norm` as a phrase's first word (cached: most words have none)."""
        nodes = self._starts.get(norm)
        if nodes is None:
            node = self.root.get(norm)
            nodes = tuple(([node] if node is not None else [])
                          + [child for prefix, child in self.root_wild.get(norm[:3], ()) if norm.startswith(prefix)])
            if len(self._starts) < 200_000:
                self._starts[norm] = nodes
        return nodes

    def find(self, norms: list[str], breaks=frozenset()) -> dict[str, list[tuple[int, int]]]:
        """Hits per key as spans of `norms`; no phrase runs across a clause break (`breaks`:
        indexes of the norms that follow one: "χρυσό. Μου" is no "χρυσό μου")."""
        hits: dict[str, list[tuple[int, int]]] = {}
        n = len(norms)
        cached, starts = self._starts.get, self.starts
        for i, norm in enumerate(norms):
            nodes = cached(norm)
            if nodes is None:
                nodes = starts(norm)
            if not nodes:
                continue  # most words start no phrase
            stack = [(node, i + 1) for node in nodes]
            while stack:
                node, j = stack.pop()
                keys = node.get(_END)
                if keys:
                    for key in keys:
                        hits.setdefault(key, []).append((i, j))
                if j < n and j not in breaks:
                    following = norms[j]
                    child = node.get(following)
                    if child is not None:
                        stack.append((child, j + 1))
                    for prefix, child in node.get(_WILD, ()):
                        if following.startswith(prefix):
                            stack.append((child, j + 1))
        return hits


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int
    norms: tuple
    token: int  # index of the spaCy token


# a Greek ";" is a question mark, unless it starts a wink: ;) ;-) ;P ;D ;*
WINK_AFTER_SEMICOLON = ")-(pPdD*"
# a "." between digits is a decimal or thousands point ("Rp 150.000"), not a sentence end
_SENTENCE_END = {"en": re.compile(r"(?:[!?\n]|\.(?!\d))+"), "id": re.compile(r"(?:[!?\n]|\.(?!\d))+"),
                 "el": re.compile(r"(?:[!?\u037e\n]|\.(?!\d)|;(?![%s]))+" % re.escape(WINK_AFTER_SEMICOLON))}
_QUESTION_MARKS = {"el": ("?", ";", "\u037e")}
# the most words of a clause that asks without a question mark ("is it fake leather")
_SHORT_QUESTION = 8
_GREEK_ACCENT = re.compile(r"[άέήίόύώΆΈΉΊΌΎΏΐΰ]")


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    is_question: bool
    kinds: list  # question kinds found in it
    opens_with_kind: bool = False  # its first question word opens it ("Berapa harganya?", "Kak, kapan...")


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
        """Does the question around norms i..j ask whether it is so, rather than report it?
        Its clause opens with an inquiry ("is it fake fur?", "any delays?"), greetings and
        address words aside, or has a question tag right after the phrase ("luntur ga kak?").
        Chat writers often drop the question mark: a short clause (`_SHORT_QUESTION` words)
        needs none ("is it fake leather", "luntur ga kak")."""
        start, end = self.clause(i)
        if end not in self.question_breaks and end - start > _SHORT_QUESTION:
            return False
        address = self.address_words
        while start < i and self.norm_word[start] in address:
            start += 1
        if any(s == start and e <= i for s, e in self.hits.get("inquiries", ())):
            return True
        while j < end and self.norm_word[j] in address:
            j += 1
        return j < end and self.norms[j] in self.pack.question_tags and (
            j + 1 == end or all(self.norm_word[k] in address for k in range(j + 1, end)))

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
        accents_typed = self.lang == "el" and _GREEK_ACCENT.search(self.text) is not None
        for kind in QUESTION_KINDS + (NOT_A_QUESTION,):
            for i, j in self.hits.get(f"questions.{kind}", ()):
                # relative "που" and "πως" (that) never open a clause; "Που μπορώ..." asks
                strict = accents_typed and i > 0 and i not in self.breaks
                if not self.pack.accent_allows(f"questions.{kind}", self.norms[i],
                                               self.words[self.norm_word[i]].text, strict):
                    continue
                kind_hits.append((j - i, i, j, kind))
        kind_hits.sort(reverse=True)
        taken: set[int] = set()
        found = []
        nouns = set()  # positions of question words that are nouns ("price", "harga")
        for _, i, j, kind in kind_hits:
            if taken.isdisjoint(range(i, j)):
                taken.update(range(i, j))
                pos = self.char_span(i, j)[0]
                found.append((pos, kind))
                if tuple(self.norms[i:j]) in self.pack.question_nouns:
                    nouns.add(pos)
        sentences, last = [], 0
        found.sort()
        found_at = [pos for pos, _ in found]  # bisected per sentence: linear time in the text
        for match in list(pattern.finditer(self.text)) + [None]:
            end = match.end() if match else len(self.text)
            chunk = self.text[last:end]
            if chunk.strip():
                asking = [(pos, kind) for pos, kind in found[bisect_left(found_at, last):bisect_left(found_at, end)]
                          if kind != NOT_A_QUESTION]
                ending = match.group() if match else ""
                asked = any(m in ending for m in marks)
                if not asked:  # "disappointed with the quality for the price" asks nothing
                    asking = [(pos, kind) for pos, kind in asking
                              if pos not in nouns or self._only_address_before(last, pos)]
                kinds = [kind for _, kind in asking]
                opens = bool(asking) and self._only_address_before(last, asking[0][0])
                # a question word in an exclamation asks nothing: "great quality at a good price!"
                exclaimed = "!" in ending and not asked
                sentences.append(Sentence(last, end, chunk.strip(), asked or (bool(kinds) and not exclaimed),
                                          kinds if not exclaimed else [], opens))
            last = end
            if match is None:
                break
        return sentences

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

    def _only_address_before(self, start: int, pos: int) -> bool:
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

    def analyse(self, text: str) -> Analysis:
        doc = self.nlp.tokenize(text)
        emoji = self.emoji.find(text)
        words: list[Word] = []
        norms: list[str] = []
        norm_word: list[int] = []
        breaks: set[int] = set()  # norms that follow a clause break (, . ! ? ; : or a line break)
        question_breaks: set[int] = set()
        marks = _QUESTION_MARKS.get(self.lang, ("?",))
        info = self._word_info
        # characters inside emoji (a set, not a scan of the emoji per word: linear time)
        in_emoji = {i for s, e, _, _ in emoji for i in range(s, e)} if emoji else ()
        laughed = False
        for token in doc:
            word_norms = info.get(token.norm)
            if word_norms is None:
                word_norms = self._learn_word(token)
            if not word_norms:  # punctuation, space, emoji, emoticon or laughter
                if token.norm in self._laughter:
                    emoji.append((token.idx, token.idx + len(token.text), token.text, "friendly"))
                    laughed = True
                elif CLAUSE_END.search(token.text):
                    breaks.add(len(norms))
                    if any(m in token.text for m in marks) and token.text not in self.emoji.emoticon_kind:
                        question_breaks.add(len(norms))
                continue
            start = token.idx
            if start in in_emoji:
                continue
            text_ = token.text
            k = len(words)
            words.append(Word(text_, start, start + len(text_), word_norms, token.i))
            norms.extend(word_norms)
            norm_word.extend([k] * len(word_norms))
        if laughed:
            emoji.sort()
        analysis = Analysis(text, self.lang, self, doc, words, norms, norm_word, emoji, breaks=breaks,
                            question_breaks=question_breaks)
        analysis.hits = self.index.find(norms, breaks)
        if self.negators or self.conditionals:
            _drop_denied_signals(analysis, self.negators, self.conditionals)
        if self.matcher is not None and self._may_match(words):
            if self.matcher_reads_norm:
                for word in words:
                    doc[word.token].norm_ = " ".join(word.norms)
            for match_id, start, end in self.matcher(doc):
                key = self.nlp.vocab.strings[match_id]
                analysis.hits.setdefault(key, []).append(self._token_to_norm_span(analysis, start, end))
        return analysis

    def _may_match(self, words) -> bool:
        """Run the Matcher only if a word every match needs is there (when patterns have one)."""
        if self.anchors is None:
            return True
        anchors = self.anchors
        return any(w.text.lower() in anchors or w.norms[0] in anchors for w in words)

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


# what ends the reach of a negator: "No, it arrived broken" is a complaint
CLAUSE_END = re.compile(r"[,.;:!?\n\u037e]")


def _drop_denied_signals(analysis: Analysis, negators: frozenset, conditionals: frozenset) -> None:
    """A signal phrase one or two words after a negator of its clause says the opposite:
    "not damaged", "gak ada masalah", "δεν είναι χαλασμένο". (A negated complaint the
    lexicon lists itself, "hasn't arrived", starts with the negator and stays.) One in a
    clause opened by a conditional only supposes: "what if it gets lost?", "kalau rusak
    bisa retur?", "αν δεν μου κάνει"."""
    hits = analysis.hits
    for key in [k for k in hits if k.startswith("signals.")]:
        kept = [(i, j) for i, j in hits[key]
                if not (negated(analysis, i, negators) or supposed(analysis, i, conditionals))]
        if kept:
            hits[key] = kept
        else:
            del hits[key]


def negated(analysis: Analysis, i: int, negators: frozenset) -> bool:
    """Is the phrase starting at norm `i` denied by a negator one or two words before it,
    in its clause? A phrase that is itself negative ("δεν ήρθε") is not denied again."""
    norms = analysis.norms
    if norms[i] in negators:
        return False
    for k in (i - 1, i - 2):
        if k >= 0 and norms[k] in negators:
            words = analysis.words
            between = analysis.text[words[analysis.norm_word[k]].end:words[analysis.norm_word[i]].start]
            return not CLAUSE_END.search(between)
    return False


def supposed(analysis: Analysis, i: int, conditionals: frozenset) -> bool:
    """Is norm `i` in a clause that a conditional ("if", "kalau", "αν") opens before it?"""
    start = analysis.clause(i)[0]
    last = analysis.__dict__.get("_conditional_at")
    if last is None:  # the latest conditional before each norm, once per text: linear time
        last, seen = [], -1
        for k, norm in enumerate(analysis.norms):
            last.append(seen)
            if norm in conditionals:
                seen = k
        analysis.__dict__["_conditional_at"] = last
    return last[i] >= start if i < len(last) else False


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

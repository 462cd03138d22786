"""How chat writers' words are brought to one form before matching.

Every word goes through the same steps, for messages and for the phrase lists
of rules and lexicons alike, so a phrase written once matches its variants:

1. fold: lower case, accents dropped (Greek too), final sigma, curly apostrophes;
2. Greek only: a phonetic "skeleton" shared by Greek script and Greeklish
   (ευχαριστώ, euxaristw, efharisto -> evharisto), which also absorbs the
   i/e/o spelling variants and doubled letters of hurried Greek typing;
3. elongation (iyaaa, makasiiih, pleeease) squeezed back to a known word;
4. slang and abbreviations (mksh, tq, thx) mapped to the canonical word,
   which may be several words ("terimakasih" -> "terima kasih").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, without accents or diacritics; final sigma as sigma."""
    text = text.translate(_APOSTROPHES).lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped).replace("ς", "σ")


def is_greek(text: str) -> bool:
    return any("\u0370" <= c <= "\u03ff" or "\u1f00" <= c <= "\u1fff" for c in text)


# Greek script -> skeleton. Digraphs first, then letters.
_GREEK_DIGRAPHS = [
    ("ου", "u"), ("ει", "i"), ("οι", "i"), ("υι", "i"), ("αι", "e"),
    ("αυ", "av"), ("ευ", "ev"), ("μπ", "v"), ("ντ", "d"), ("γκ", "g"), ("γγ", "g"),
]  # μπ and β are one sound in the skeleton: Greeklish "b" spells both (Sabbato, bravo)
GREEK_LETTERS = str.maketrans({
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "8",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "3", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "τ": "t", "υ": "i", "φ": "v", "χ": "h", "ψ": "ps", "ω": "o",
})
# Greeklish (Latin letters) -> the same skeleton.
_GREEKLISH_DIGRAPHS = [
    ("th", "8"), ("ch", "h"), ("ph", "v"), ("ks", "3"), ("ou", "U"), ("oy", "U"),
    ("ei", "i"), ("oi", "i"), ("ai", "e"),
    ("eu", "ev"), ("ey", "ev"), ("au", "av"), ("ay", "av"),
    ("mp", "v"), ("nt", "d"), ("gk", "g"), ("gg", "g"), ("ng", "g"),  # Vangelis: γγ
]
_GREEKLISH_LETTERS = str.maketrans({"w": "o", "y": "i", "u": "i", "x": "h", "f": "v", "c": "k", "b": "v"})
_VOWELS = set("aeiouy")
_TH_AS_TI = re.compile(r"th([ns]?)$")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def greek_skeleton(word: str) -> str:
    """A folded Greek or Greeklish word in a lossy phonetic spelling both share."""
    if is_greek(word):
        for a, b in _GREEK_DIGRAPHS:
            word = word.replace(a, b)
        word = word.translate(GREEK_LETTERS)
    else:
        if word[:2] in ("yi", "ye", "ya", "yo"):  # Yiannis, Yorgos: γι/γε as y
            word = "g" + word[1:]
        # thn, ths, sthn, auth: τη(ν/ς) with h for η, not θ (no Greek word ends in θ, θν, θς)
        word = _TH_AS_TI.sub(r"ti\1", word)
        for a, b in _GREEKLISH_DIGRAPHS:
            word = word.replace(a, b)
        # h is η before a consonant or at the end (kalhmera), χ before a vowel (efharisto)
        word = "".join(
            ("h" if i + 1 < len(word) and word[i + 1] in _VOWELS else "i") if c == "h" else c
            for i, c in enumerate(word))
        # "U" (ου) is kept apart from the letter u, which is Greeklish for υ (i)
        word = word.translate(_GREEKLISH_LETTERS).replace("U", "u")
    return _REPEATS.sub(r"\1", word)


_RUNS = re.compile(r"([^\W\d_])\1+")


def squeeze_candidates(word: str):
    """Spellings of an elongated word, fewest changes first (iyaaa -> iyaa, iya)."""
    runs = list(_RUNS.finditer(word))
    if not runs or len(runs) > 6:
        return
    options = []
    for run in runs:
        letter, size = run.group(1), len(run.group(0))
        options.append([letter * 2, letter] if size >= 2 else [letter])
    for choice in itertools.product(*options):
        out, last = [], 0
        for run, rep in zip(runs, choice):
            out.append(word[last:run.start()])
            out.append(rep)
            last = run.end()
        out.append(word[last:])
        candidate = "".join(out)
        if candidate != word:
            yield candidate


_REDUPLICATION = re.compile(r"^([^\W\d_]{2,})2$")  # Indonesian "hati2" = "hati-hati"


class Normalizer:
    """Turns one token into its normalised word(s) for one language."""

    def __init__(self, lang: str, slang: dict[str, str] | None = None):
        self.lang = lang
        self.skeleton = lang == "el"
        self.slang: dict[str, tuple[str, ...]] = {}
        self.vocabulary: set[str] = set()
        for variant, canonical in (slang or {}).items():
            self.slang[self.word(variant)] = tuple(self.word(w) for w in canonical.split())
        self._cache: dict[str, tuple[str, ...]] = {}

    def word(self, text: str) -> str:
        """Fold (and for Greek, skeleton) one word, without vocabulary look-ups."""
        text = fold(text)
        return greek_skeleton(text) if self.skeleton else text

    def learn(self, words) -> None:
        """Words the lexicons and rules know: elongated forms are squeezed towards them."""
        self.vocabulary.update(words)
        self._cache.clear()

    def norms(self, token: str) -> tuple[str, ...]:
        """The normalised words for one token; several when slang expands."""
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        word = self.word(token)
        match = _REDUPLICATION.match(word)
        if match:
            word = f"{match.group(1)}-{match.group(1)}"
        if word not in self.slang and word not in self.vocabulary:
            for candidate in squeeze_candidates(word):
                if candidate in self.slang or candidate in self.vocabulary:
                    word = candidate
                    break
        result = self.slang.get(word, (word,))
        if len(self._cache) < 200_000:
            self._cache[token] = result
        return result

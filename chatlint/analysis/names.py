"""The forms in which a customer's name may appear in a reply.

People are addressed by their first name or any part of their name, in any
case, with or without accents, by common nicknames (Mike for Michael), in
Greek vocative (Μιχάλη for Μιχάλης, Γιώργο for Γιώργος), in Greeklish
(Giorgo, Mixali) and in Indonesian old or variant spellings (Soeharto,
Rizky/Rizki). Every form is compared through one key that absorbs these.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lang.normalize import GREEK_LETTERS, fold, greek_skeleton, is_greek

_NAME_PART = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "kak", "ka", "mas", "mbak", "mba",
          "pak", "bu", "bapak", "ibu", "bang", "sis", "gan", "dek", "om", "tante", "κ", "κος",
          "κα", "κυριος", "κυρια", "hj", "h", "prof", "ir", "drs", "st", "the"}


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    word = fold(word)
    for old, new in (("oe", "u"), ("dj", "j"), ("tj", "c")):
        word = word.replace(old, new)
    return greek_skeleton(word)


def _latin_readings(name: str) -> set[str]:
    """Other ways a Greek name written in Latin letters is spelled in Greek: x as ξ
    (Alexandra), y before a vowel as γι/γ (Yannis, Panayiotis), ch as χ (Christina)."""
    if not name.isascii():
        return set()
    lower = name.lower()
    readings = {lower.replace("x", "ks"), lower.replace("ch", "x"),
                re.sub(r"^y(?=[aeiou])", "gi", lower), re.sub(r"(?<=[aeiou])y(?=[aeiou])", "g", lower)}
    return readings - {lower}


def _vocatives(key: str) -> set[str]:
    forms = {key}
    if key.endswith("os") and len(key) > 3:
        forms |= {key[:-2] + "o", key[:-2] + "e"}
    elif key.endswith(("is", "as", "es")) and len(key) > 3:
        forms.add(key[:-1])
    return forms


_GREEK_VOWEL_GROUP = re.compile(r"ου|αι|ει|οι|υι|αυ|ευ|[αεηιουω]")


def greek_vocative(name: str) -> str:
    """How a Greek first name is said to its bearer: Γιώργος -> Γιώργο, Αλέξανδρος ->
    Αλέξανδρε (stress on the third syllable from the end), Μιχάλης -> Μιχάλη, Κώστας ->
    Κώστα. Other names, and names in Latin letters, are left as they are."""
    if not is_greek(name) or len(name) < 4:
        return name
    if name[-2:] in ("ης", "ής", "ας", "άς"):
        return name[:-1]
    if name[-2:] in ("ος", "ός"):
        accented = [i for i, c in enumerate(name) if unicodedata.normalize("NFD", c) != c]
        after = fold(name[accented[-1] + 1:-2]) if accented else ""
        return name[:-2] + ("ε" if len(_GREEK_VOWEL_GROUP.findall(after)) >= 1 else "ο")
    return name


class NameForms:
    def __init__(self, name: str, nicknames: dict[str, set[str]], first_names: frozenset = frozenset()):
        parts = [p for p in _NAME_PART.findall(name) if len(p) >= 2 and fold(p) not in TITLES]
        self.name = name
        self.first_names = first_names  # keys of the lexicons' common first names
        self.display = parts[0] if parts else ""
        self.address = greek_vocative(self.display)  # the form a reply addresses them by
        self.part_keys = [name_key(p) for p in parts]
        self.keys: set[str] = set()
        self.nickname_keys: set[str] = set()
        for key in self.part_keys:
            self.nickname_keys |= nicknames.get(key, set())
            for form in {key} | nicknames.get(key, set()):
                self.keys |= _vocatives(form)
        for part in parts:  # "Yannis" in a profile, "Γιάννη" in the reply
            for reading in _latin_readings(part):
                self.keys |= _vocatives(name_key(reading))
            if is_greek(part):  # "Ζωή" in a profile, "Zoi" letter by letter in the reply
                self.keys |= _vocatives(name_key(fold(part).translate(GREEK_LETTERS)))
        self.part_folds = [fold(p) for p in parts]  # shortenings compare letters: Yati, Nurhayati
        self._matched: dict[tuple[str, bool], bool] = {}

    def __bool__(self) -> bool:
        return bool(self.keys)

    def matches(self, word: str, lenient: bool = False) -> bool:
        """Is `word` this name? `lenient` (a capitalised word, or one after "kak"/"Hi")
        also accepts shortenings: Chris for Christopher, Yanti for Suryanti. Remembered per
        word: a reply's every word is asked about, and the same words come again."""
        found = self._matched.get((word, lenient))
        if found is None:
            found = self._matches(word, lenient)
            if len(self._matched) < 5_000:
                self._matched[(word, lenient)] = found
        return found

    def _matches(self, word: str, lenient: bool) -> bool:
        key = name_key(word)
        if key in self.keys:
            return True
        if lenient and len(key) >= 3:
            if any(p.startswith(key) or p.endswith(key) for p in self.part_keys if len(p) > len(key)):
                return True
            folded = fold(word)
            if len(folded) >= 3 and any(p.startswith(folded) or p.endswith(folded)
                                        for p in self.part_folds if len(p) > len(folded)):
                return True
            # a nickname spelled another way: Lizzie for Lizzy, Becka for Becca (not the
            # name itself: Marina is not Maria)
            return any(_one_letter_apart(key, k) for k in self.nickname_keys)
        return False


    def other_name(self, word: str) -> bool:
        """Is `word` a common first name (of any lexicon, in any vocative form) that is not
        this customer's? "Sara" or "Γιώργο" to a customer named Hannah or Νίκος."""
        return name_key(word) in self.first_names and not self.matches(word, lenient=True)

    def near_miss(self, word: str) -> bool:
        """Is `word` a first name one letter away from this customer's: Putra for Putri,
        Mark for Mary (a mix-up, even when the name is also a word)?"""
        key = name_key(word)
        return self.other_name(word) and any(_one_letter_apart(key, k) for k in self.part_keys)


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter changed, added or dropped (and neither word shorter than four letters)."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def first_name_keys(lexicons) -> frozenset[str]:
    """Keys of every lexicon's `first_names` and of the names its nicknames belong to, in
    every vocative form (Γιώργο, Μιχάλη)."""
    keys: set[str] = set()
    for lexicon in lexicons.values():
        for name in [*lexicon.first_names, *lexicon.nicknames]:
            keys |= _vocatives(name_key(name))
    return frozenset(keys)


def nickname_table(lexicons) -> dict[str, set[str]]:
    """Nicknames of every installed lexicon, both ways, by name key."""
    table: dict[str, set[str]] = {}
    for lexicon in lexicons.values():
        for formal, nicks in lexicon.nicknames.items():
            group = {name_key(formal)} | {name_key(n) for n in nicks}
            for key in group:
                table.setdefault(key, set()).update(group - {key})
    return table

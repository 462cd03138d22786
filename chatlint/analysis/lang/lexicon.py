"""Per-language lexicons (rules/lexicons/<lang>.yaml): the words signals and rules read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...model.errors import ChatlintError
from ...model.schema import Obj, validate
from ...model.yamlsource import Source, load_yaml

LEXICON_SPEC = Obj(
    required={"lang": str, "name": str, "markers": [str]},
    optional={
        "slang": {str: [str]},
        "honorifics": [str],
        "titles": [str],
        "negators": [str],
        "conditionals": [str],
        "possessives": [str],
        "determiners": [str],
        "inquiries": [str],
        "question_tags": [str],
        "question_nouns": [str],
        "detached_prefixes": [str],
        "generic_address": [str],
        "nicknames": {str: [str]},
        "first_names": [str],
        "words": {str: [str]},
        "signals": {str: [str]},
        "questions": {str: [str]},
        "affixes": Obj(optional={"prefixes": [str], "suffixes": [str]}, what="affixes mapping"),
        "sentence_ends": [str],
        "question_marks": [str],
        "accented_letters": [str],
        "stand_ins": {str: str},
        "customer_messages": {str: str},
    },
    what="lexicon",
)

# the word lists and the tables of lists: a user's lexicon adds to each (Lexicon.merge)
WORD_LISTS = ("honorifics", "titles", "negators", "conditionals", "possessives", "determiners",
              "inquiries", "question_tags", "question_nouns", "detached_prefixes", "generic_address",
              "first_names",
              "sentence_ends", "question_marks", "accented_letters")
# the word lists read word by word (a set of words, not phrases): one word each
SINGLE_WORDS = ("negators", "conditionals", "possessives", "determiners", "question_tags",
                "detached_prefixes")
# tables of single values: a user's lexicon replaces the entries it gives
VALUES = ("stand_ins", "customer_messages")
TABLES = ("nicknames", "words", "signals", "questions", "affixes")

# what every language must say, in its lexicon or in one of a user's for the same language:
# the marks that end a sentence and those that ask, what each kind of placeholder stands for
# in a template (library/standins.py), and a typical customer message of each intent
REQUIRED = ("sentence_ends", "question_marks", "stand_ins", "customer_messages")
STAND_IN_KINDS = ("name", "eta", "date", "time", "order", "tracking", "product", "price", "shop", "agent",
                  "link")
INTENTS = ("complaint", "delivery-delay", "question", "order", "payment", "thanks", "greeting", "angry",
           "return")

QUESTION_KINDS = ("when", "how_much", "where", "how", "yesno", "other")
# questions.none: phrases with a question word that ask nothing ("apa saja boleh",
# "kapan pun", "whatever"); as the longest match they keep the word from counting
NOT_A_QUESTION = "none"


@dataclass
class Lexicon:
    lang: str
    name: str
    markers: list[str]
    source: Source
    slang: dict[str, str] = field(default_factory=dict)  # variant -> canonical
    honorifics: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # honorifics always followed by a name (Mrs, Bu)
    negators: list[str] = field(default_factory=list)  # a signal phrase right after one is denied
    conditionals: list[str] = field(default_factory=list)  # a signal phrase in a clause they open only supposes
    possessives: list[str] = field(default_factory=list)  # "Κούκλα μου": a word before one is no name
    determiners: list[str] = field(default_factory=list)  # "your sis": a generic word after one is a noun
    # a question opened by an inquiry ("is it fake fur?") or closed by a tag right after the
    # phrase ("luntur ga?") asks whether it is so: see signals with `unless_asked`
    inquiries: list[str] = field(default_factory=list)
    question_tags: list[str] = field(default_factory=list)
    # question words that are nouns ("price", "harga", "τιμή"): without a question mark they
    # ask only opening the sentence ("harga kak", not "disappointed for the price")
    question_nouns: list[str] = field(default_factory=list)
    # prefixes people write apart from their word ("di buka" for "dibuka"): a phrase word with
    # one matches it written apart too
    detached_prefixes: list[str] = field(default_factory=list)
    generic_address: list[str] = field(default_factory=list)
    nicknames: dict[str, list[str]] = field(default_factory=dict)
    # common first names: one said to the customer that isn't theirs is a wrong name
    first_names: list[str] = field(default_factory=list)
    words: dict[str, list[str]] = field(default_factory=dict)
    signals: dict[str, list[str]] = field(default_factory=dict)
    questions: dict[str, list[str]] = field(default_factory=dict)
    affixes: dict[str, list[str]] = field(default_factory=dict)  # prefixes, suffixes: for the dictionary
    # punctuation: a line break always ends a sentence, a "." between digits never does, and
    # a ";" that opens a wink (";)") is no mark (questions.py)
    sentence_ends: list[str] = field(default_factory=list)
    question_marks: list[str] = field(default_factory=list)
    # the letters that carry an accent: a message typed with them would have accented an
    # ambiguous question word too (Greek "πού", "πώς")
    accented_letters: list[str] = field(default_factory=list)
    stand_ins: dict[str, str] = field(default_factory=dict)  # placeholder kind -> what it stands for
    customer_messages: dict[str, str] = field(default_factory=dict)  # intent -> a typical message

    def merge(self, other: "Lexicon") -> None:
        """A user's lexicon for the same language adds to the built-in one."""
        self.markers += other.markers
        self.slang.update(other.slang)
        for name in WORD_LISTS:
            getattr(self, name).extend(getattr(other, name))
        for table in TABLES:
            mine = getattr(self, table)
            for key, values in getattr(other, table).items():
                mine[key] = mine.get(key, []) + values
        for table in VALUES:
            getattr(self, table).update(getattr(other, table))


def load_lexicon(path: Path) -> Lexicon:
    data, source = load_yaml(path)
    validate(data, LEXICON_SPEC, source)
    if data["lang"] != path.stem:
        raise source.error(("lang",), f"lang is {data['lang']!r} but the file is named "
                                      f"{path.name}; expected lang: {path.stem}")
    for kind in data.get("questions", {}):
        if kind not in QUESTION_KINDS + (NOT_A_QUESTION,):
            raise source.error(("questions", kind), f"unknown question kind {kind!r}; expected one of: "
                                                    f"{', '.join(QUESTION_KINDS + (NOT_A_QUESTION,))}")
    for key in SINGLE_WORDS:
        for i, entry in enumerate(data.get(key, [])):
            if len(entry.split()) != 1:
                raise source.error((key, i), f"{key}: {entry!r} is several words; expected one word "
                                             f"each (they are looked up word by word)")
    for table, known in (("stand_ins", STAND_IN_KINDS), ("customer_messages", INTENTS)):
        for key in data.get(table, {}):
            if key not in known:
                raise source.error((table, key), f"{table}: unknown key {key!r}; expected one of: "
                                                 f"{', '.join(known)}")
    slang = {}
    for canonical, variants in data.get("slang", {}).items():
        for variant in variants:
            slang[variant] = canonical
    return Lexicon(
        lang=data["lang"], name=data["name"], markers=data["markers"], source=source,
        slang=slang, **{name: data.get(name, []) for name in WORD_LISTS},
        **{table: data.get(table, {}) for table in TABLES + VALUES},
    )


def check_complete(lexicon: Lexicon) -> None:
    """A language needs its punctuation, stand-ins and customer messages: a lexicon (with a
    user's for the same language) that lacks one is an error naming its file."""
    missing = [key for key in REQUIRED if not getattr(lexicon, key)]
    missing += [f"stand_ins.{kind}" for kind in STAND_IN_KINDS
                if lexicon.stand_ins and kind not in lexicon.stand_ins]
    missing += [f"customer_messages.{intent}" for intent in INTENTS
                if lexicon.customer_messages and intent not in lexicon.customer_messages]
    if missing:
        raise lexicon.source.error((), f"the {lexicon.lang!r} lexicon lacks {', '.join(missing)}: every "
                                        f"language says these (see rules/lexicons/en.yaml)")


def load_lexicons(folders: list[Path]) -> dict[str, Lexicon]:
    """Lexicons from each folder's lexicons/ subfolder; later folders extend earlier ones."""
    lexicons: dict[str, Lexicon] = {}
    for folder in folders:
        lex_dir = folder / "lexicons"
        if not lex_dir.is_dir():
            continue
        for path in sorted(lex_dir.glob("*.yaml")):
            lexicon = load_lexicon(path)
            if lexicon.lang in lexicons:
                lexicons[lexicon.lang].merge(lexicon)
            else:
                lexicons[lexicon.lang] = lexicon
    if not lexicons:
        raise ChatlintError("no lexicons found (expected lexicons/<lang>.yaml in the rule folders)")
    for lexicon in lexicons.values():
        check_complete(lexicon)
    return lexicons

"""spaCy's blank pipelines, reduced to what chatlint uses: the tokenizer and its vocab.

Only tokenization is used: no trained model, nothing downloaded. We build the
tokenizer exactly as spaCy's own tokenizer factory does for `spacy.blank(lang)`
(the same language defaults, vocab and lexical attributes; tests/test_lang.py
checks the tokens and attributes are identical), without constructing the whole
Language object and its registry, which costs a cold `chatlint check` time.

Indonesian gets one change. spaCy's blank "id" tokenizer carries ~16,000
special cases (hyphenated words such as "abu-abu", in several casings) only to
keep them whole, and loading them takes about 3 s. We drop those cases and
instead stop the tokenizer from splitting a hyphen between letters: the same
tokens for every listed word (checked in tests/test_lang.py), the same for
words the list lacks ("kak-kak"), built in a fraction of a second.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache

from .spacy_import import import_spacy

_LANGUAGE_CLASSES = {"en": ("spacy.lang.en", "English"), "el": ("spacy.lang.el", "Greek"),
                     "id": ("spacy.lang.id", "Indonesian")}


@dataclass
class BlankPipeline:
    lang: str
    Defaults: type
    vocab: object
    tokenizer: object

    def tokenize(self, text: str):
        """The tokenizer's Doc for `text`, in time linear in its length.

        spaCy peels prefixes and suffixes off a chunk without spaces one at a time, each a
        copy of the rest: quadratic in the chunk's length ("!" * 20000 takes over a minute).
        A run of more than LONG_RUN characters without a space is tokenized in pieces of
        LONG_RUN characters, joined into one Doc with the same text and offsets; every text
        without such a run gets exactly the tokenizer's tokens.
        """
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)
        from spacy.tokens import Doc

        pieces, pos = [], 0
        for m in _LONG_RUN.finditer(text):
            for cut in range(m.start() + LONG_RUN, m.end(), LONG_RUN):
                pieces.append(text[pos:cut])
                pos = cut
        pieces.append(text[pos:])
        return Doc.from_docs([self.tokenizer(piece) for piece in pieces if piece],
                             ensure_whitespace=False)


LONG_RUN = 100  # characters without a space: longer runs are tokenized in pieces (a URL fits)
_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_RUN + 1))


def language_defaults(lang: str):
    """The Defaults of spaCy's Language class for `lang`, imported directly."""
    import_spacy()
    if lang in _LANGUAGE_CLASSES:
        module, name = _LANGUAGE_CLASSES[lang]
        return getattr(importlib.import_module(module), name).Defaults
    from spacy.util import get_lang_class

    return get_lang_class(lang).Defaults


def _chat_indonesian_defaults():
    from spacy.lang.char_classes import ALPHA, HYPHENS
    from spacy.lang.id.punctuation import CURRENCY

    defaults = language_defaults("id")
    exceptions = {k: v for k, v in defaults.tokenizer_exceptions.items() if "-" not in k}
    # the two infix rules that split "sama-sama" (spaCy's base rule and Indonesian's own),
    # spelled as spaCy spells them; tests/test_lang.py checks none is left
    splits_hyphen = {r"(?<=[{a}])(?:{h})(?=[{a}])".format(a=ALPHA, h=HYPHENS),
                     r"(?<=[{a}])[\/-](?={c}|[{a}])".format(a=ALPHA, c=CURRENCY)}
    infixes = [p for p in defaults.infixes if p not in splits_hyphen]
    infixes.append(r"(?<=[{a}])/(?=[{a}])".format(a=ALPHA))  # keep splitting "merah/biru"
    return type("ChatIndonesianDefaults", (defaults,),
                {"tokenizer_exceptions": exceptions, "infixes": infixes})


@lru_cache(maxsize=None)
def get_nlp(lang: str) -> BlankPipeline:
    """The blank tokenizer chatlint uses for `lang`, built once per process."""
    import_spacy()
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
    from spacy.vocab import create_vocab

    defaults = _chat_indonesian_defaults() if lang == "id" else language_defaults(lang)
    vocab = create_vocab(lang, defaults)
    tokenizer = Tokenizer(
        vocab,
        rules=defaults.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
        suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
        infix_finditer=compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )
    return BlankPipeline(lang, defaults, vocab, tokenizer)

"""spaCy blank pipelines, one per language, built once per process.

Only tokenization is used: no trained model, nothing downloaded. Indonesian
gets one change. spaCy's blank "id" tokenizer carries ~16,000 special cases
(hyphenated words such as "abu-abu", in several casings) only to keep them
whole, and loading them takes about 3 s. We drop those cases and instead
stop the tokenizer from splitting a hyphen between letters: the same tokens for
every listed word (checked in tests/test_lang.py), the same for words the list
lacks ("kak-kak"), and a pipeline that builds in a fraction of a second.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _chat_indonesian():
    from spacy.lang.char_classes import ALPHA
    from spacy.lang.id import Indonesian

    defaults = Indonesian.Defaults
    exceptions = {k: v for k, v in defaults.tokenizer_exceptions.items() if "-" not in k}
    infixes = [p for p in defaults.infixes if not re.search(p, "sama-sama")]
    infixes.append(r"(?<=[{a}])/(?=[{a}])".format(a=ALPHA))  # keep splitting "merah/biru"

    class ChatIndonesianDefaults(defaults):
        tokenizer_exceptions = exceptions

    ChatIndonesianDefaults.infixes = infixes

    class ChatIndonesian(Indonesian):
        Defaults = ChatIndonesianDefaults

    return ChatIndonesian()


@lru_cache(maxsize=None)
def get_nlp(lang: str):
    """The blank spaCy pipeline chatlint uses for `lang`."""
    if lang == "id":
        return _chat_indonesian()
    import spacy

    return spacy.blank(lang)

"""Import spaCy without its command line.

`import spacy` runs spacy/__init__.py, whose `from .cli.info import info` (there only so
that `spacy.info()` exists) imports spaCy's whole command line on the way: typer, weasel,
requests, httpx, the training and project commands. That is about a third of the time of
`import spacy`, paid by every cold `chatlint check`, and chatlint uses none of it: only the
tokenizer, the vocab, the Matcher and the lookups.

`import_spacy()` imports spaCy with a stand-in for the module `spacy.cli.info` in
sys.modules during that one import, so `spacy.info` is a function that imports the real
one when it is called. spaCy's files and functions are untouched; the stand-in is removed
right after, and a later `import spacy.cli` imports the real command line. Every place in
chatlint that imports spaCy calls this first; spaCy imported some other way (spaCy already
imported, a user's own `import spacy`) is just used as it is.

tests/test_spacy_import.py runs a `chatlint check` in a fresh process and fails if
`spacy.cli` was imported anyway (a spaCy release that imports more of its command line
while importing itself), or if the output differs from the one after a plain `import spacy`.
"""

from __future__ import annotations

import sys
import types

_STAND_IN = "spacy.cli.info"


def info(*args, **kwargs):
    """spaCy's `spacy.info`, imported when it is first called."""
    from spacy.cli.info import info as real

    return real(*args, **kwargs)


def import_spacy():
    """The `spacy` module, imported without `spacy.cli` if it is not imported yet."""
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        return spacy
    stand_in = None
    if _STAND_IN not in sys.modules:
        stand_in = types.ModuleType(_STAND_IN, "Stands for spaCy's `spacy.cli.info` while chatlint imports spaCy.")
        stand_in.info = info
        sys.modules[_STAND_IN] = stand_in
    try:
        import spacy
    finally:
        if stand_in is not None and sys.modules.get(_STAND_IN) is stand_in:
            del sys.modules[_STAND_IN]
    return spacy

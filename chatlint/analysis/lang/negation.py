"""Negation: a signal phrase denied by a negator ("not damaged") or only supposed by a
conditional ("what if it gets lost?") in its clause."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pack import Analysis


# what ends the reach of a negator: "No, it arrived broken" is a complaint
CLAUSE_END = re.compile(r"[,.;:!?\n\u037e]")


def drop_denied_signals(analysis: Analysis, negators: frozenset, conditionals: frozenset) -> None:
    """A signal phrase one or two words after a negator of its clause says the opposite:
    "not damaged", "gak ada masalah", "δεν είναι χαλασμένο". (A negated complaint the
    lexicon lists itself, "hasn't arrived", starts with the negator and stays.) One in a
    clause opened by a conditional only supposes: "what if it gets lost?", "kalau rusak
    bisa retur?", "αν δεν μου κάνει"."""
    hits = analysis.hits
    if negators.isdisjoint(analysis.norms) and conditionals.isdisjoint(analysis.norms):
        return  # most messages: nothing to deny or suppose
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

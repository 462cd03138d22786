"""shouting: words in capitals for emphasis ("SUDAH SAYA BILANG") and runs of "!!!".

Acronyms (COD, JNE, ΕΛΤΑ...) from the lexicon's words.acronyms are not shouting.
Options:
  max_exclamations: number  the longest run of "!" that is fine (default 2)
Variants: caps, exclamations.
"""

from __future__ import annotations

import re

from ..features import caps_words
from .base import Check, Hit


class ShoutingCheck(Check):
    type = "shouting"
    optional = {"max_exclamations": int}
    variants = ("caps", "exclamations")

    def __init__(self, rule_id, options, source, keys):
        super().__init__(rule_id, options, source, keys)
        self.exclamations = re.compile(r"(?:!\s*){%d,}" % (options.get("max_exclamations", 2) + 1))

    def run(self, ctx):
        text = ctx.reply.text
        # the customer's name in capitals ("Halo kak RINA") is how they wrote it, not shouting
        hits = [Hit("caps", s, e, edit=("replace", s, e), replacement=text[s:e].lower(),
                    details={"match": text[s:e]})
                for s, e in caps_words(ctx.reply) if not (ctx.name and ctx.name.matches(text[s:e]))]
        for match in self.exclamations.finditer(text) if "!" in text else ():
            s, e = match.start(), match.end()
            run = match.group().rstrip()
            hits.append(Hit("exclamations", s, s + len(run), edit=("replace", s, s + len(run)),
                            replacement="!", details={"match": run}))
        return hits

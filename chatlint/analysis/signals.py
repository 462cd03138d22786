"""Signals: what a turn tells (the customer asked, complained, is angry...).

Defined in rules/signals.yaml: a signal is on when any of its text features is
present or any phrase of its lexicon list (`signals.<name>`, or the list its
`phrases:` names) is found in the message of its side (the customer's turn or
the reply).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .features import FEATURES
from .learned import models
from ..model.schema import Enum, Obj, validate
from ..model.yamlsource import load_yaml

# Known from the situation rather than read from the text.
SITUATION = {
    "always": "always true (the default)",
    "name_known": "the customer's name is known",
    "first_reply": "the reply is the shop's first message in the conversation",
    "closing": "the reply ends the conversation",
}

SIGNAL_SPEC = {str: Obj(
    required={"description": str, "side": Enum("customer", "reply")},
    optional={"features": [Enum(*FEATURES)], "unless": [str], "outside_questions": bool,
                                 "unless_asked": bool, "phrases": str, "learned": str},
    what="signal definition",
)}


@dataclass
class Signal:
    name: str
    description: str
    side: str
    features: list[str]
    unless: list[str]
    outside_questions: bool = False
    unless_asked: bool = False
    phrases: str = ""  # the lexicon list it reads, when not its own (`words.apology`)
    learned: str = ""  # the learned model that also turns it on (chatlint/analysis/learned.py)

    def __post_init__(self):
        self.key = self.phrases or f"signals.{self.name}"  # its phrase list in the lexicons
        self.tests = [FEATURES[f] for f in self.features]
        self.model = learned_test(self.learned) if self.learned else None


def learned_test(name: str):
    """A feature test that asks the learned model `name` (loaded on first use)."""
    def test(analysis) -> bool:
        return models()[name].says(analysis)
    return test


def load_signals(path: Path) -> dict[str, Signal]:
    data, source = load_yaml(path)
    validate(data, SIGNAL_SPEC, source)
    for name, definition in data.items():
        if name in SITUATION:
            raise source.error((name,), f"{name!r} is a situation, not a signal defined by text")
        phrases = definition.get("phrases", "")
        if phrases and not phrases.startswith(("words.", "signals.")):
            raise source.error((name, "phrases"), f"phrases: expected a lexicon list such as "
                                                  f"words.apology or signals.thanked, got {phrases!r}")
        if definition.get("learned") and definition["learned"] not in models():
            raise source.error((name, "learned"), f"learned: unknown model {definition['learned']!r}; "
                                                  f"known: {', '.join(sorted(models()))}")
        for i, other in enumerate(definition.get("unless", [])):
            if other not in data:
                raise source.error((name, "unless", i), f"unless: unknown signal {other!r}")
    return {name: Signal(name, d["description"], d["side"], d.get("features", []), d.get("unless", []),
                         d.get("outside_questions", False), d.get("unless_asked", False),
                         d.get("phrases", ""), d.get("learned", ""))
            for name, d in data.items()}


def compute(signals: dict[str, Signal], customer, reply) -> set[str]:
    """The names of the signals that are on; `customer` may be None (no turn known)."""
    on = set()
    for signal in signals.values():
        analysis = customer if signal.side == "customer" else reply
        if analysis is None:
            continue
        found = spans = analysis.hits.get(signal.key)
        if spans and signal.outside_questions:
            spans = [span for span in spans if not analysis.in_question_clause(span[0])]
        if spans and signal.unless_asked:
            spans = [span for span in spans if not analysis.asks_whether(*span)]
        if spans:
            on.add(signal.name)
            continue
        if signal.tests and any(feature(analysis) for feature in signal.tests):
            on.add(signal.name)
        elif signal.model and not found and signal.model(analysis):
            # the model reads what the word lists miss; where they found the signal's
            # words and judged them (asked, supposed), their judgement stands
            on.add(signal.name)
    for signal in signals.values():
        if signal.unless and signal.name in on and not on.isdisjoint(signal.unless):
            on.discard(signal.name)
    return on

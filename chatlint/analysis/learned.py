"""Learned signals: judgements that word lists cannot reach, read by small logistic models.

Real customers rarely say "complaint": they write "internet down again, 7th time this
month" or "belum ada email sampai sekarang". A signal in rules/signals.yaml may name a
model (`learned: complaint`); it is then also on when that model, reading the message's
normalised words, word pairs and a few form features, gives a probability at or above
its threshold. The models are plain weights in chatlint/analysis/models/signals.json, trained by
training/train_signals.py from labelled real replies (see its docstring); loading them
costs a JSON read, and they run only for signals a rule's condition names.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from itertools import repeat
from pathlib import Path

MODELS = Path(__file__).resolve().parent / "models" / "signals.json"

_URL = re.compile(r"https?://|www\.", re.I)
_DIGIT = re.compile(r"\d")


def features(analysis) -> set[str]:
    """What a model reads of a message: its normalised words, the pairs of neighbours
    within a clause, the lexicon lists it has words of ("@signals.complaint": what the
    word lists know carries over to every language), and its form (question mark, "!",
    capitals, emoji, numbers, length)."""
    norms = analysis.norms
    breaks = analysis.breaks
    out = set(norms)
    out.update("@" + key for key in analysis.hits)
    out.update(f"{a} {b}" for i, (a, b) in enumerate(zip(norms, norms[1:]), 1) if i not in breaks)
    text = analysis.text
    if analysis.question_breaks or "?" in text:
        out.add("#question_mark")
    if "!" in text:
        out.add("#exclamation")
    if _DIGIT.search(text):
        out.add("#digit")
    if _URL.search(text):
        out.add("#url")
    if any(w.text.isupper() and len(w.text) >= 4 for w in analysis.words):
        out.add("#caps")
    for kind in {kind for _, _, _, kind in analysis.emoji}:
        out.add(f"#emoji_{kind}")
    words = len(analysis.words)
    out.add("#words_" + ("0-2" if words <= 2 else "3-6" if words <= 6 else "7-20" if words <= 20 else "21+"))
    return out


def features_of(analysis) -> set[str]:
    """features(analysis), read once per message however many models ask."""
    found = analysis.__dict__.get("_learned_features")
    if found is None:
        found = analysis.__dict__["_learned_features"] = features(analysis)
    return found


class Model:
    """One logistic model: a bias, a weight per feature, and the threshold to say yes.

    A message that asks (a question mark) needs `question_threshold`: a question before
    buying ("saw it on your story 2 days ago, still available?") reads much like a
    complaint to a model trained mostly on complaints, so it must be surer there."""

    def __init__(self, name: str, spec: dict):
        self.name = name
        self.bias = float(spec["bias"])
        self.threshold = float(spec["threshold"])
        self.question_threshold = max(self.threshold, float(spec.get("question_threshold", 0.0)))
        self.weights: dict[str, float] = spec["weights"]

    def probability(self, analysis) -> float:
        z = self.bias + sum(map(self.weights.get, features_of(analysis), repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def says(self, analysis) -> bool:
        asks = bool(analysis.question_breaks)
        return self.probability(analysis) >= (self.question_threshold if asks else self.threshold)


@lru_cache(maxsize=None)
def models(path: Path = MODELS) -> dict[str, Model]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: Model(name, spec) for name, spec in data["models"].items()}

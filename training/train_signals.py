"""Train chatlint's learned signals (chatlint/analysis/learned.py) and write chatlint/analysis/models/signals.json.

Each model is a logistic regression over chatlint.analysis.learned.features() of one side of a
case (the customer's turn or the reply), fitted to one label of the trainer's rubric
(../shared/data/dev/README.md):

  complaint   customer side, label `complaint`: the customer reports a problem,
              fault, delay or dissatisfaction, however it is worded
  thanks_due  customer side, label `thanks_expected`: the customer's turn deserves thanks
              (they thanked, ordered, paid, waited, praised, gave what was asked)

Training data, all read locally (nothing is downloaded):
  - the labelled cases of bench/labels/ on the *tune* split only (bench/judgement.py
    measures on the check split, which the models never see); the real replies' texts
    come from ../shared/data/dev/ (--data);
  - optionally, for `complaint`, the public English complaints corpus of
    Preotiuc-Pietro, Gaman and Aletras, "Automatically Identifying Complaints in Social
    Media" (ACL 2019): complaints-data.csv from the GitHub repository
    danielpreotiuc/complaints-social-media (--complaints-csv).

The fit is deterministic: full-batch gradient descent (Adam) with L2, a fixed number of
steps, folds by a hash of the case id. Each model's threshold is chosen by 5-fold
cross-validation on the labelled cases: the lowest threshold whose pooled precision
reaches --min-precision (the signal must not cry wolf), else the one with the best F1.

Run: python training/train_signals.py [--data DIR] [--complaints-csv FILE]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from judgement import DEFAULT_DATA, load_cases  # noqa: E402

from chatlint.analysis import signals  # noqa: E402
from chatlint.engine import Linter  # noqa: E402
from chatlint.analysis.learned import MODELS, features  # noqa: E402

TARGETS = {
    "complaint": ("customer", lambda labels: labels["complaint"]),
    "thanks_due": ("customer", lambda labels: labels["thanks_expected"]),
}
OUTSIDE_WEIGHT = 0.5  # an outside corpus case counts half as much as one of ours
STEPS, RATE, L2 = 400, 0.05, 1e-3
QUESTION_THRESHOLD = 0.85  # a message that asks must be surer (chatlint/analysis/learned.py, Model)
MIN_WEIGHT = 0.05  # smaller weights are dropped: they change no decision and bloat the file


def fold_of(key: str, folds: int = 5) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % folds


def fit(rows: list[list[int]], y: np.ndarray, weight: np.ndarray, dim: int):
    """Logistic regression on sparse binary rows; returns (bias, weights)."""
    lengths = np.array([len(r) for r in rows])
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = np.concatenate([np.array(r, dtype=np.int64) for r in rows])
    w, b = np.zeros(dim), 0.0
    m, v, mb, vb = np.zeros(dim), np.zeros(dim), 0.0, 0.0
    total = weight.sum()
    for step in range(1, STEPS + 1):
        z = b + np.add.reduceat(w[indices], indptr[:-1])
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        err = (p - y) * weight / total
        g = np.zeros(dim)
        np.add.at(g, indices, np.repeat(err, lengths))
        g += L2 * w
        gb = err.sum()
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb * gb
        w -= RATE * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        b -= RATE * (mb / (1 - 0.9 ** step)) / (np.sqrt(vb / (1 - 0.999 ** step)) + 1e-8)
    return b, w


def predict(b, w, rows):
    return np.array([1 / (1 + np.exp(-np.clip(b + w[r].sum(), -30, 30))) for r in rows])


def choose_threshold(scores: np.ndarray, y: np.ndarray, min_precision: float) -> tuple[float, dict]:
    best, best_f1 = None, -1.0
    for t in np.arange(0.30, 0.96, 0.01):
        said = scores >= t
        tp = int((said & (y == 1)).sum())
        fp = int((said & (y == 0)).sum())
        fn = int((~said & (y == 1)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        stats = {"threshold": round(float(t), 2), "precision": round(p, 3), "recall": round(r, 3),
                 "f1": round(f1, 3)}
        if p >= min_precision and tp:
            return float(t), stats
        if f1 > best_f1:
            best, best_f1 = (float(t), stats), f1
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--complaints-csv", type=Path)
    parser.add_argument("--min-precision", type=float, default=0.9)
    parser.add_argument("--out", type=Path, default=MODELS)
    args = parser.parse_args(argv)

    # the models being trained need not exist yet for the rules to load
    signals.models = lambda: dict.fromkeys(TARGETS)
    linter = Linter()
    cases = [c for c in load_cases(args.data) if c["split"] == "tune"]
    if not cases:
        print("no labelled tune cases: is ../shared/data/dev/ there?", file=sys.stderr)
        return 2
    outside = []
    if args.complaints_csv:
        with args.complaints_csv.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                if len(row) >= 3 and row[2] in ("0", "1"):
                    text = " ".join(w for w in row[1].split() if not w.startswith("@"))
                    outside.append((f"pgaa-{row[0]}", "en", text, row[2] == "1"))

    out = {"version": 1, "trained_on": {"labelled_tune_cases": len(cases),
                                         "complaints_corpus": len(outside)}, "models": {}}
    for name, (side, target) in TARGETS.items():
        examples = [(c["id"], c["lang"], c["customer"] if side == "customer" else c["reply"],
                     bool(target(c["labels"])), 1.0) for c in cases]
        if name == "complaint":
            examples += [(key, lang, text, label, OUTSIDE_WEIGHT) for key, lang, text, label in outside]
        vocab: dict[str, int] = {}
        rows = []
        for _, lang, text, _, _ in examples:
            feats = sorted(features(linter.pack(lang).analyse(text)))
            rows.append([vocab.setdefault(f, len(vocab)) for f in feats])
        y = np.array([e[3] for e in examples], dtype=float)
        weight = np.array([e[4] for e in examples])
        ours = np.array([not e[0].startswith("pgaa-") for e in examples])

        # cross-validated scores of our own cases, to choose the threshold
        folds = np.array([fold_of(e[0]) for e in examples])
        scores = np.zeros(len(examples))
        for k in range(5):
            train = folds != k
            b, w = fit([rows[i] for i in np.flatnonzero(train)], y[train], weight[train], len(vocab))
            held = np.flatnonzero(~train)
            scores[held] = predict(b, w, [rows[i] for i in held])
        threshold, stats = choose_threshold(scores[ours], y[ours], args.min_precision)

        b, w = fit(rows, y, weight, len(vocab))
        names = {i: f for f, i in vocab.items()}
        weights = {names[i]: round(float(w[i]), 4) for i in np.flatnonzero(np.abs(w) >= MIN_WEIGHT)}
        out["models"][name] = {"side": side, "bias": round(float(b), 4), "threshold": threshold,
                               "question_threshold": QUESTION_THRESHOLD,
                               "cross_validated": stats, "weights": dict(sorted(weights.items()))}
        print(f"{name}: {len(examples)} examples ({int(ours.sum())} labelled), {len(weights)} weights, "
              f"cross-validated at threshold {stats}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

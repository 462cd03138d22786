"""Fit the rules' score weights to a trainer's judgement, and write them into rules/builtin/.

A reply's score is the share of the weight of the applied rules it passed
(chatlint/engine/scoring.py). This script looks for the weights that make that score rank the
labelled replies of the *tune* split (bench/labels/, see bench/judgement.py) the way the
trainers' 1-5 `quality` does: it maximises Spearman's correlation between score and
quality, by coordinate ascent over a fixed grid of weights, starting from the weights
as shipped, rule by rule in a fixed order, until no change helps. Deterministic: the
same labels give the same weights. The check split is never read.

Only the rules that check a single reply are fitted (conversation rules keep theirs).
With --write, each changed rule file gets its new `weight:` line and nothing else.

Run: python training/fit_weights.py [--data DIR] [--write]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from judgement import DEFAULT_DATA, load_cases, run, spearman  # noqa: E402

from chatlint.engine import Linter  # noqa: E402

GRID = (1, 2, 3, 5, 8, 10, 15, 20, 25, 30, 40, 50)
RULES = ROOT / "rules" / "builtin"


def score(applied, failed, critical, weights) -> float:
    if critical:
        return 0.0
    total = sum(weights[r] for r in applied)
    return 100.0 if not total else 100.0 * sum(weights[r] for r in applied if r not in failed) / total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", action="store_true", help="write the fitted weights into rules/builtin/")
    args = parser.parse_args(argv)

    linter = Linter()
    cases = [c for c in load_cases(args.data) if c["split"] == "tune"]
    runs = [(set(c["result"].applied), c["fired"], c["result"].critical, c["labels"]["quality"])
            for c in run(cases)]  # chatlint on each case, as bench/judgement.py measures it
    rules = sorted({r for applied, *_ in runs for r in applied})
    weights = {r: linter.rule(r).weight for r in rules}
    quality = [q for *_, q in runs]

    def fit(w):
        return spearman([score(a, f, c, w) for a, f, c, _ in runs], quality) or 0.0

    best = fit(weights)
    print(f"{len(runs)} tune cases; Spearman with the shipped weights {best:.3f}", file=sys.stderr)
    improved = True
    while improved:
        improved = False
        for rule in rules:
            for value in GRID:
                trial = {**weights, rule: value}
                got = fit(trial)
                if got > best + 1e-4:
                    best, weights, improved = got, trial, True
    print(f"fitted: Spearman {best:.3f}", file=sys.stderr)
    for rule in rules:
        shipped = linter.rule(rule).weight
        print(f"  {rule:18} {shipped:>5g} -> {weights[rule]:>5g}")
        if args.write and weights[rule] != shipped:
            path = RULES / f"{rule}.yaml"
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?m)^weight: .*$", f"weight: {weights[rule]:g}", text, count=1),
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

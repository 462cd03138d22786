"""Scores, the way QA scorecards compute them.

A reply's score is the share of the weight of the rules that applied (their
`when:` held and they cover the reply's language) that it passed:

    score = 100 * (sum of weights of applied rules that passed) / (sum of weights of applied rules)

A rule fails once however many findings it has. A failed rule costs
100 * weight / (sum of applied weights) points. A finding at level `error`
from a rule marked `critical: true` sets the score to 0. No rule applied: 100.
"""

from __future__ import annotations


def score_reply(applied: dict[str, float], failed: set[str], critical: str | None):
    """(score, costs per failed rule) from {rule: weight} of the applied rules."""
    total = sum(applied.values())
    costs = {rule: round(100 * applied[rule] / total, 1) for rule in applied
             if rule in failed and total}
    if critical:
        return 0, costs
    if not total:
        return 100, costs
    passed = sum(w for rule, w in applied.items() if rule not in failed)
    return round(100 * passed / total), costs

"""Findings and scores, the way QA scorecards compute them: one function for single
replies, conversations and templates.

A reply's score is the share of the weight of the rules that applied (their
`when:` held and they cover the reply's language) that it passed:

    score = 100 * (sum of weights of applied rules that passed) / (sum of weights of applied rules)

A rule fails once however many findings it has. A failed rule costs
100 * weight / (sum of applied weights) points. A finding at level `error`
from a rule marked `critical: true` sets the score to 0. No rule applied: 100.

The same holds for a conversation's rules (chatlint/conversation/lint.py) and for
a template once its suppressed rules and baselined findings are taken out
(chatlint/library/lint.py): each calls `finding()` for every hit and `judge()` once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.findings import Finding, Fix


@dataclass
class Verdict:
    score: int
    costs: dict[str, float] = field(default_factory=dict)   # failed rule -> points it cost
    critical: str | None = None                              # the rule that set the score to 0
    failed: set[str] = field(default_factory=set)


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


def supersede(findings: list, rules: dict) -> list:
    """One mistake, one finding: drop the findings of the rules that a rule with findings
    supersedes (a wrong name is not also a missing name or a generic address)."""
    found = {f.rule for f in findings}
    dropped = {other for rule_id in found if rule_id in rules for other in rules[rule_id].supersedes}
    return [f for f in findings if f.rule not in dropped] if dropped & found else findings


def judge(applied: dict[str, float], findings) -> Verdict:
    """The verdict on the findings of the applied rules ({rule: weight}, in rule order).

    Findings of rules not in `applied` (suppressed, unused-suppression notes) count for
    nothing; the critical rule is the first applied rule with a critical finding.
    """
    failed = set()
    critical_rules = set()
    for f in findings:
        if f.rule in applied:
            failed.add(f.rule)
            if f.critical:
                critical_rules.add(f.rule)
    critical = next((rule for rule in applied if rule in critical_rules), None)
    score, costs = score_reply(applied, failed, critical)
    return Verdict(score, costs, critical, failed)


def level_of(rule, signals) -> str:
    """The rule's level, raised by its `escalate:` when its condition holds on `signals`."""
    if rule.escalate and rule.escalate[0](signals):
        return rule.escalate[1]
    return rule.level


def finding(rule, hit, lang: str, signals, text: str = "", defaults: dict | None = None) -> Finding:
    """The Finding for one hit of `rule` on `text` (in `lang`), escalated and with its fix.

    `defaults` fill the message placeholders a hit does not set itself ({name}, {address}).
    """
    level = level_of(rule, signals)
    details = {**(defaults or {}), **hit.details}
    fix = None
    if hit.edit:
        replacement = hit.replacement
        if replacement is None and lang in rule.fix:
            replacement = rule.fix[lang].format_map({**details, "match": details.get("match", "")})
        if replacement is not None:
            if hit.edit[0] == "insert":
                fix = Fix(hit.edit[1], hit.edit[1], _join(text, hit.edit[1], replacement))
            else:
                fix = Fix(hit.edit[1], hit.edit[2], replacement)
    return Finding(
        rule=rule.id, level=level,
        message=rule.text(rule.message, lang, hit.variant, details),
        suggestion=rule.text(rule.suggestion, lang, hit.variant, details),
        start=hit.start, end=hit.end, fix=fix,
        critical=rule.critical and level == "error",
    )


def _join(text: str, pos: int, insert: str) -> str:
    """Space an insertion sensibly: "Ok" + "Terima kasih" at the end -> "Ok. Terima kasih"."""
    if pos == 0:
        return insert if insert.endswith(" ") or not text else insert + " "
    if pos >= len(text.rstrip()) and not insert.startswith(" "):
        ends_sentence = text.rstrip()[-1:] in ".!?…)" or not insert[:1].isalnum()
        return (" " if ends_sentence else ". ") + insert
    return insert

"""Scorecards: per conversation, per admin and per rule, gathered as conversations stream by.

Memory stays flat: per-admin and per-rule counters are small, response times
are kept as a count per whole minute (exact medians to the minute), and the
per-conversation rows go to a temporary file that is read back for reports.

An admin's score is the mean score of the messages they sent; the rules they
fail most count both message rules and conversation rules found at their messages.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field

# Response-time buckets for the distribution chart: (upper bound in minutes, label).
BUCKETS = ((5, "< 5 min"), (15, "5-15 min"), (60, "15-60 min"), (240, "1-4 h"), (720, "4-12 h"),
           (1440, "12-24 h"), (float("inf"), "> 24 h"))


def median_of(counts: Counter) -> float | None:
    total = sum(counts.values())
    if not total:
        return None
    middle, seen = (total - 1) / 2, 0
    ordered = sorted(counts)
    low = high = None
    for value in ordered:
        seen += counts[value]
        if low is None and seen > int(middle):
            low = value
        if seen > int(middle + 0.5):
            high = value
            break
    return (low + high) / 2


def top_rules(failed: Counter, n: int = 3) -> list[str]:
    """The rules failed most often, ties by rule id (the same whatever order they were counted in)."""
    return [rule for rule, _ in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def message_row(scored, item) -> dict:
    """One message of a scored conversation, as `chatlint score --format json` gives it."""
    m = item.message
    return {
        "file": m.file, "line": m.line, "end_line": m.end_line or m.line,
        "conversation": scored.conversation.id, "time": m.time.isoformat(sep=" ") if m.time else None,
        "sender": m.sender, "role": item.role, "text": m.text,
        "position": item.position, "score": item.score,
        "response_minutes": round(item.wait, 1) if item.wait is not None else None,
        # response_minutes counts business minutes when business hours are set; the clock's too
        "response_counted": ("business hours" if item.business else "clock") if item.wait is not None else None,
        "response_clock_minutes": round(item.clock_wait, 1) if item.clock_wait is not None else None,
        "findings": [f.to_dict() for f in item.findings],
    }


def bucket(minutes: float) -> str:
    return next(label for bound, label in BUCKETS if minutes < bound)


def duration(minutes: float | None) -> str:
    """Minutes as people read them: "45 min", "2 h 38 min", "3 d 4 h"."""
    if minutes is None:
        return "-"
    minutes = round(minutes)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {rest:02d} min" if rest else f"{hours} h"
    return f"{hours // 24} d {hours % 24} h"


def conversation_row(scored) -> dict:
    """A scored conversation's summary row, as `chatlint score --format json` gives it."""
    failed_here: Counter = Counter()
    waits: Counter = Counter()
    for item in scored.items:
        for finding in item.findings:
            failed_here[finding.rule] += 1
        if item.role == "agent" and item.wait is not None:
            waits[round(item.wait)] += 1
    conv = scored.conversation
    row = {
        "conversation": conv.id, "file": conv.file, "line": conv.line, "chat": conv.chat,
        "number": conv.number, "customer": scored.customer, "admins": scored.agents,
        "start": conv.start.isoformat(sep=" ") if conv.start else None, "lang": scored.lang,
        "messages": sum(1 for i in scored.items if i.role != "system"),
        "admin_messages": sum(1 for i in scored.items if i.role == "agent"),
        "score": scored.score,
        "message_score": round(scored.message_score) if scored.message_score is not None else None,
        "rules_score": scored.rules_score,
        "median_response_minutes": median_of(waits),
        "top_failing_rules": [r for r, _ in failed_here.most_common(3)],
        "findings": sum(failed_here.values()),
    }
    return row


@dataclass
class AdminCard:
    name: str
    messages: int = 0
    score_sum: float = 0.0
    conversations: int = 0
    waits: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)

    @property
    def score(self) -> int | None:
        return round(self.score_sum / self.messages) if self.messages else None

    def to_dict(self) -> dict:
        return {"admin": self.name, "messages": self.messages, "conversations": self.conversations,
                "score": self.score, "median_response_minutes": median_of(self.waits),
                "top_failing_rules": top_rules(self.failed)}


class Scorecard:
    def __init__(self):
        self.admins: dict[str, AdminCard] = {}
        self.rule_applied: Counter = Counter()   # rule -> admin messages / conversations it applied to
        self.rule_failed: Counter = Counter()
        self.levels: Counter = Counter()
        self.waits: Counter = Counter()
        self.buckets: Counter = Counter()
        self.conversations = 0
        self.messages = 0
        self.admin_messages = 0
        self.score_sum = 0
        self._rows = tempfile.TemporaryFile("w+", encoding="utf-8")

    def add(self, scored) -> dict:
        """Count one scored conversation; returns its summary row."""
        self.conversations += 1
        self.score_sum += scored.score
        for item in scored.items:
            if item.role != "system":
                self.messages += 1
            for finding in item.findings:
                self.levels[finding.level] += 1
            if item.role != "agent":
                continue
            self.admin_messages += 1
            card = self.admins.setdefault(item.message.sender, AdminCard(item.message.sender))
            card.messages += 1
            card.score_sum += item.result.score
            for rule in item.result.applied:
                self.rule_applied[rule] += 1
            for rule in {f.rule for f in item.findings}:
                card.failed[rule] += 1
                if rule not in scored.rules_applied:
                    self.rule_failed[rule] += 1
            if item.wait is not None:
                minute = round(item.wait)
                card.waits[minute] += 1
                self.waits[minute] += 1
                self.buckets[bucket(item.wait)] += 1
        for rule in scored.rules_applied:
            self.rule_applied[rule] += 1
        for rule in scored.rules_failed:
            self.rule_failed[rule] += 1
        for name in scored.agents:
            self.admins[name].conversations += 1
        row = conversation_row(scored)
        self._rows.write(json.dumps(row, ensure_ascii=False) + "\n")
        return row

    def rows(self):
        self._rows.flush()
        self._rows.seek(0)
        for line in self._rows:
            yield json.loads(line)
        self._rows.seek(0, 2)

    @property
    def score(self) -> int | None:
        return round(self.score_sum / self.conversations) if self.conversations else None

    def rule_rates(self) -> list[dict]:
        rows = []
        for rule, applied in self.rule_applied.most_common():
            failed = self.rule_failed[rule]
            rows.append({"rule": rule, "applied": applied, "failed": failed,
                         "failure_rate": round(failed / applied, 3) if applied else 0.0})
        rows.sort(key=lambda r: (-r["failure_rate"], r["rule"]))
        return rows

    def summary(self) -> dict:
        return {
            "conversations": self.conversations, "messages": self.messages,
            "admin_messages": self.admin_messages, "score": self.score,
            "median_response_minutes": median_of(self.waits),
            "findings": dict(self.levels),
            "response_times": {label: self.buckets[label] for _, label in BUCKETS},
        }

    def admin_rows(self) -> list[dict]:
        return [card.to_dict() for card in sorted(self.admins.values(), key=lambda c: c.name.casefold())]

    def close(self):
        self._rows.close()


def response_text(item) -> str:
    """How long the customer waited for this message, labelled: in business hours, the clock
    time too ("0 min in business hours (2 h 38 min on the clock)"), never a bare "0 min" for a
    reply that came hours later in the evening."""
    if item.wait is None:
        return ""
    if item.business and item.clock_wait is not None:
        return f"{duration(item.wait)} in business hours ({duration(item.clock_wait)} on the clock)"
    return duration(item.wait)


def median_label(business: bool) -> str:
    return "median response (business hours)" if business else "median response"

"""Linting conversations: every admin message against the customer's words before it,
then the conversation rules over the whole chat, then the conversation's score.

Scores:
  message       the reply's score (chatlint/engine/scoring.py), with reply_to = the customer's
                messages since the admin's previous message.
  rules         the conversation rules that applied, scored like a reply's rules: the
                share of their weight that passed (a critical error: 0).
  conversation  the mean of the messages' mean score and the rules' score (either alone
                when the other is missing; 100 for a chat with nothing to judge).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime

from ..model.findings import Finding, Result
from ..engine.scoring import finding, judge
from .hours import BusinessHours
from ..model.messages import Message
from .split import Conversation


@dataclass
class Item:
    """One message of a scored conversation."""

    message: Message
    role: str                       # agent | customer | system
    result: Result | None = None    # the admin messages' lint result
    position: str | None = None
    wait: float | None = None       # minutes the customer waited for this admin message (business
                                    # minutes when business hours are set)
    clock_wait: float | None = None  # the same wait on the clock
    business: bool = False          # `wait` counts business minutes only
    findings: list[Finding] = field(default_factory=list)  # message + conversation findings here

    @property
    def score(self) -> int | None:
        return self.result.score if self.result else None


@dataclass
class Scored:
    conversation: Conversation
    items: list[Item]
    lang: str
    customer: str | None
    agents: list[str]
    score: int
    message_score: float | None
    rules_score: int | None
    rules_applied: list[str]
    rules_failed: list[str]

    @property
    def waits(self) -> list[float]:
        return [i.wait for i in self.items if i.wait is not None]

    @property
    def median_wait(self) -> float | None:
        return statistics.median(self.waits) if self.waits else None

    @property
    def business(self) -> bool:
        """Are response times counted in business minutes?"""
        return any(i.business for i in self.items)

    def findings(self):
        for item in self.items:
            for found in item.findings:
                yield item, found


class Context:
    """What a conversation check sees (chatlint/checks/conversation.py)."""

    def __init__(self, conversation: Conversation, linter, settings, hours: BusinessHours | None,
                 channel: str = "chat", following: "Context | None" = None):
        self.conversation = conversation
        self.messages = conversation.messages
        self.roles = conversation.roles
        self.linter = linter
        self.settings = settings
        self.hours = hours
        self.channel = channel
        self.following = following
        self.agent = [i for i, r in enumerate(self.roles) if r == "agent"]
        self.customer = [i for i, r in enumerate(self.roles) if r == "customer"]

    def role(self, i: int) -> str:
        return self.roles[i]

    def analysis(self, i: int):
        cache = self.conversation.analyses
        if i not in cache:  # read in the conversation's language (detection per message costs more)
            cache[i] = self.linter.pack(self.conversation.lang).analyse(self.messages[i].text)
        return cache[i]

    def is_question(self, i: int) -> bool:
        return bool(self.analysis(i).questions)

    def wait_minutes(self, a: int, b: int) -> float | None:
        return wait_minutes(self.messages[a].time, self.messages[b].time, self.hours)


def wait_minutes(start: datetime | None, end: datetime | None, hours: BusinessHours | None) -> float | None:
    if start is None or end is None:
        return None
    if hours:
        return hours.minutes_between(start, end)
    return max((end - start).total_seconds() / 60, 0.0)


class ConversationLinter:
    """Lints conversations with one Linter (loading rules is the expensive part)."""

    def __init__(self, linter, settings, channel: str = "chat"):
        self.linter = linter
        self.settings = settings
        self.channel = channel
        self.hours = BusinessHours(settings.business_hours) if settings.business_hours else None

    def language(self, conversation: Conversation) -> str:
        if conversation.lang is None:
            sample = " ".join(m.text for m, r in zip(conversation.messages, conversation.roles)
                              if r != "system")[:300]
            conversation.lang = self.linter.detect(sample) if sample.strip() else self.settings.default_lang
        return conversation.lang

    def score(self, conversation: Conversation, following: Conversation | None = None) -> Scored:
        lang = self.language(conversation)
        if following is not None:
            self.language(following)
        name = conversation.customer_name
        items = [Item(m, r) for m, r in zip(conversation.messages, conversation.roles)]
        agent_indexes = [i for i, r in enumerate(conversation.roles) if r == "agent"]
        pending: list[str] = []
        waiting_since = None
        for i, item in enumerate(items):
            if item.role == "customer":
                pending.append(item.message.text)
                if waiting_since is None:
                    waiting_since = item.message.time
            elif item.role == "agent":
                item.position = ("first" if i == agent_indexes[0] else
                                 "closing" if i == agent_indexes[-1] else None)
                reply_to = "\n".join(pending) or None
                # a reply with no language evidence of its own ("Resi JNE 0123") is in the chat's language
                reply_lang = self.linter.detect(item.message.text, lang)
                item.result, analysis = self.linter.check_analysed(
                    item.message.text, reply_to=reply_to, name=name, lang=reply_lang, position=item.position)
                if reply_lang == lang:  # the conversation rules read it again (Context.analysis)
                    conversation.analyses[i] = analysis
                item.findings.extend(item.result.findings)
                if pending:
                    item.wait = wait_minutes(waiting_since, item.message.time, self.hours)
                    item.clock_wait = wait_minutes(waiting_since, item.message.time, None)
                    item.business = self.hours is not None
                pending, waiting_since = [], None

        ctx = Context(conversation, self.linter, self.settings, self.hours, self.channel,
                      Context(following, self.linter, self.settings, self.hours, self.channel)
                      if following is not None else None)
        applied: dict[str, float] = {}
        found: list = []
        for rule in self.linter.conversation_rules.values():
            if not rule.enabled or lang not in rule.languages:
                continue
            hits = rule.check.run_conversation(ctx)
            if hits is None:
                continue
            applied[rule.id] = rule.weight
            for hit in hits:
                at = items[hit.details["at"]]
                # escalate reads the signals of the message the finding is at; a fix edits its text
                signals = set(at.result.signals) if at.result else set()
                f = finding(rule, hit, lang, signals, at.message.text, {"name": name or ""})
                at.findings.append(f)
                found.append(f)
        verdict = judge(applied, found)
        rules_score = verdict.score if applied else None
        scores = [it.result.score for it in items if it.result]
        message_score = statistics.fmean(scores) if scores else None
        parts = [p for p in (message_score, rules_score) if p is not None]
        score = round(statistics.fmean(parts)) if parts else 100
        agents = sorted({it.message.sender for it in items if it.role == "agent"})
        conversation.analyses.clear()
        return Scored(conversation, items, lang, name, agents, score, message_score, rules_score,
                      sorted(applied), sorted(verdict.failed))

"""Conversation checks: rules with `scope: conversation` judge a whole chat, not one reply.

  response-time   the admin's first reply to the customer came later than the
                  channel's target (Settings.response_time, minutes; business
                  minutes only when business hours are set). Option: channel.
  business-hours  a customer wrote outside business hours and no admin message
                  told them when chats are answered (a time range such as
                  "08.00-17.00", or the rule's phrases). Only with business hours set.
  greeting        the admin's first message has no greeting (words.greeting, or the rule's phrases).
  closing         the admin's last message neither thanks (words.thanks) nor offers
                  more help (the rule's phrases).
  unanswered      the chat ends with a customer's question after the admin's last message.
  follow-up       a delivery was confirmed (the rule's `delivered` phrases: "sudah sampai",
                  "delivered", "παραδόθηκε"), and neither in this conversation nor in the
                  chat's next one did the admin ask whether it arrived well (the
                  rule's `asked` phrases in an admin message), nor did the customer say it did.
run_conversation returns None when the rule does not apply to the conversation
(no customer, no business hours set...), else its hits; a hit names the message
it belongs to (`at`, an index into the conversation).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from ..conversation.scorecard import duration
from ..model.schema import Enum
from .base import Check, Hit

ROLES = ("customer", "agent")
_DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_EXAMPLE_LINE = re.compile(r"^(?:(?P<day>Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?(?P<h>\d{1,2}):(?P<m>\d{2}) "
                           r"(?P<role>customer|agent): (?P<text>.+)$")
EXAMPLE_MONDAY = datetime(2024, 1, 1)  # a Monday
_TIME_RANGE = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:-|–|—|s/d|sd|sampai|hingga|until|till|to|έως|μέχρι|ως)"
                         r"\s*\d{1,2}(?:[.:]\d{2})?\b", re.IGNORECASE)


class ConversationCheck(Check):
    """A check over a conversation (see chatlint/conversation/lint.py for the context it gets)."""

    scope = "conversation"
    phrase_options: tuple = ()  # options holding {lang: [phrase]} lists for the language packs

    @classmethod
    def phrase_spec(cls):
        return {name: {str: [str]} for name in cls.phrase_options}

    def phrase_lists(self, lang):
        return {f"rule.{self.rule_id}.{name}": self.options[name][lang]
                for name in self.phrase_options if lang in self.options.get(name, {})}

    def validate_languages(self, languages, lexicons):
        super().validate_languages(languages, lexicons)
        for name in self.phrase_options:
            for lang in languages:
                if name in self.options and lang not in self.options[name]:
                    raise self.source.error(self.keys + (name,), f"{name}: missing language {lang!r}")

    def has(self, ctx, index: int, option: str) -> bool:
        return ctx.analysis(index).has(f"rule.{self.rule_id}.{option}")

    def parse_chat(self, lines, source, keys):
        """Turn an example's chat lines into (time, role, text); errors point at the line."""
        parsed, day, last = [], 0, None
        for i, line in enumerate(lines):
            m = _EXAMPLE_LINE.match(line)
            if not m:
                raise source.error(keys + (i,), f"chat line {line!r}: expected \"[Mon ]HH:MM customer|agent: text\"")
            if m.group("day"):
                day = _DAYS[m.group("day").lower()]
            stamp = EXAMPLE_MONDAY + timedelta(days=day, hours=int(m.group("h")), minutes=int(m.group("m")))
            if last and stamp < last and not m.group("day"):
                day += 1
                stamp += timedelta(days=1)
            last = stamp
            parsed.append((stamp, m.group("role"), m.group("text")))
        return parsed

    def run(self, ctx):  # pragma: no cover - conversation checks run through run_conversation
        return []


class ResponseTimeCheck(ConversationCheck):
    type = "response-time"
    optional = {"channel": str}

    def run_conversation(self, ctx):
        if not ctx.customer:
            return None
        first = ctx.customer[0]
        reply = next((i for i in ctx.agent if i > first), None)
        if reply is None:
            return None  # never answered: `unanswered` says so
        channel = self.options.get("channel", ctx.channel)
        target = float(ctx.settings.response_time.get(channel, ctx.settings.response_time.get("chat", 60)))
        minutes = ctx.wait_minutes(first, reply)
        if minutes is None:
            return None
        if minutes <= target:
            return []
        return [Hit(details={"at": reply, "waited": duration(minutes), "target": duration(target),
                             "channel": channel})]


class BusinessHoursCheck(ConversationCheck):
    type = "business-hours"
    phrase_options = ("phrases",)
    optional = {"phrases": {str: [str]}}

    def run_conversation(self, ctx):
        if not ctx.hours:
            return None
        outside = next((i for i in ctx.customer if not ctx.hours.contains(ctx.messages[i].time)), None)
        if outside is None:
            return None
        for i in ctx.agent:
            text = ctx.messages[i].text
            if _TIME_RANGE.search(text) or self.has(ctx, i, "phrases"):
                return []
        return [Hit(details={"at": outside, "hours": str(ctx.hours)})]


class GreetingCheck(ConversationCheck):
    type = "greeting"
    lexicon_words = ("greeting",)
    phrase_options = ("phrases",)
    optional = {"phrases": {str: [str]}}

    def run_conversation(self, ctx):
        if not ctx.agent or not ctx.customer:
            return None
        first = ctx.agent[0]
        if ctx.analysis(first).has("words.greeting") or self.has(ctx, first, "phrases"):
            return []
        return [Hit(details={"at": first})]


class ClosingCheck(ConversationCheck):
    type = "closing"
    lexicon_words = ("thanks",)
    phrase_options = ("phrases",)
    required = {"phrases": {str: [str]}}

    def run_conversation(self, ctx):
        if not ctx.agent or not ctx.customer:
            return None
        last = ctx.agent[-1]
        if any(ctx.is_question(i) for i in ctx.customer if i > last):
            return None  # the chat ends on an open question: `unanswered`, not a missing goodbye
        if ctx.analysis(last).has("words.thanks") or self.has(ctx, last, "phrases"):
            return []
        return [Hit(details={"at": last})]


class UnansweredCheck(ConversationCheck):
    type = "unanswered"

    def run_conversation(self, ctx):
        if not any(ctx.is_question(i) for i in ctx.customer):
            return None
        last = ctx.agent[-1] if ctx.agent else -1
        question = next((i for i in ctx.customer if i > last and ctx.is_question(i)), None)
        if question is None:
            return []
        return [Hit(details={"at": question, "question": ctx.messages[question].text[:80]})]


class FollowUpCheck(ConversationCheck):
    type = "follow-up"
    phrase_options = ("delivered", "asked", "arrived_well")
    required = {"delivered": {str: [str]}, "asked": {str: [str]}}
    optional = {"arrived_well": {str: [str]}, "window": Enum("conversation", "next-conversation")}

    def run_conversation(self, ctx):
        delivered = next((i for i in range(len(ctx.messages))
                          if ctx.role(i) in ROLES and self.has(ctx, i, "delivered")), None)
        if delivered is None:
            return None
        later = [i for i in range(delivered, len(ctx.messages)) if ctx.role(i) in ROLES]
        if self._followed(ctx, later, delivered):
            return []
        nxt = ctx.following
        if nxt is not None and self.options.get("window", "next-conversation") == "next-conversation":
            if self._followed(nxt, [i for i in range(len(nxt.messages)) if nxt.role(i) in ROLES], None):
                return []
        return [Hit(details={"at": delivered})]

    def _followed(self, ctx, indexes, skip) -> bool:
        for i in indexes:
            if ctx.role(i) == "agent" and i != skip and self.has(ctx, i, "asked") and ctx.is_question(i):
                return True
            if ctx.role(i) == "customer" and "arrived_well" in self.options \
                    and self.has(ctx, i, "arrived_well"):
                return True
        return False


CONVERSATION_CHECKS = (ResponseTimeCheck, BusinessHoursCheck, GreetingCheck, ClosingCheck, UnansweredCheck,
                       FollowUpCheck)

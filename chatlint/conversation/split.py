"""Splitting a stream of messages into conversations, and telling the shop from the customer.

A chat export is one long chat (WhatsApp) or many (Telegram, a CSV with a
conversation column). Within a chat, a silence longer than the idle gap
(Settings.idle_gap_minutes) starts a new conversation. Messages stream
through: only the open conversation of each chat is kept in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from ..readers.whatsapp import is_phone
from ..model.messages import Message


@dataclass
class Conversation:
    file: str
    chat: str
    number: int                     # 1, 2, ... within its file and chat
    messages: list[Message]
    roles: list[str] = field(default_factory=list)   # agent | customer | system, per message
    customer_name: str | None = None
    lang: str | None = None
    analyses: dict = field(default_factory=dict)     # message index -> Analysis, while linting

    @property
    def line(self) -> int:
        return self.messages[0].line

    @property
    def id(self) -> str:
        chat = f"{self.chat}#" if self.chat else "#"
        return f"{self.file}:{chat}{self.number}" if self.file else f"{chat}{self.number}"

    @property
    def start(self):
        return next((m.time for m in self.messages if m.time), None)


def split(messages, idle_gap_minutes: float, agents: set[str] | None = None):
    """Yield Conversations (messages only; roles come later) as soon as each one closes.

    With the shop's senders known (`agents`), a customer still waiting is not
    cut off: the shop's reply the next morning belongs to the customer's question.
    """
    gap = timedelta(minutes=idle_gap_minutes)
    folded = {a.casefold() for a in agents} if agents is not None else None
    waiting: dict[tuple, bool] = {}  # chat -> its last message was a customer's
    open_: dict[tuple, Conversation] = {}
    last_time: dict[tuple, object] = {}
    numbers: dict[tuple, int] = {}
    for message in messages:
        key = (message.file, message.chat)
        current = open_.get(key)
        previous = last_time.get(key)
        if current is not None and message.time and previous and message.time - previous > gap \
                and not (waiting.get(key) and _is_agent(message, folded)):
            yield open_.pop(key)
            current = None
        if current is None:
            numbers[key] = numbers.get(key, 0) + 1
            current = open_[key] = Conversation(message.file, message.chat, numbers[key], [])
            if len(open_) > 1:  # other chats idle for longer than the gap are finished
                for other in [k for k in open_ if k != key and last_time.get(k) and message.time
                              and message.time - last_time[k] > gap]:
                    yield open_.pop(other)
        current.messages.append(message)
        if message.time:
            last_time[key] = message.time
        if folded is not None and not message.system:
            waiting[key] = not _is_agent(message, folded)
    yield from sorted(open_.values(), key=lambda c: (c.file, c.line))


def _is_agent(message: Message, folded) -> bool:
    if message.role:
        return message.role == "agent"
    return folded is not None and message.sender.casefold() in folded


def assign_roles(conversation: Conversation, agents: set[str]) -> Conversation:
    """Mark each message agent/customer/system and find the customer's display name."""
    folded = {a.casefold() for a in agents}
    roles = []
    counts: dict[str, int] = {}
    for m in conversation.messages:
        if m.system:
            roles.append("system")
        elif m.role:
            roles.append(m.role)
        else:
            roles.append("agent" if m.sender.casefold() in folded else "customer")
        if roles[-1] == "customer" and m.sender:
            counts[m.sender] = counts.get(m.sender, 0) + 1
    conversation.roles = roles
    names = [s for s in sorted(counts, key=counts.get, reverse=True)
             if not is_phone(s) and s.casefold() not in ("customer", "user", "you", "anda")]
    if not names:  # a customer known only by number: "WhatsApp Chat with Dewi.txt" still names them
        from .agents import contact_of

        contact = contact_of(conversation.file)
        if contact and not is_phone(contact) and contact.casefold() not in folded and counts:
            names = [contact]
    conversation.customer_name = names[0] if names else None
    given = next((m.customer_name for m in conversation.messages if m.customer_name), None)
    if given:  # a table that names the customer knows better than the senders do
        conversation.customer_name = given
    return conversation

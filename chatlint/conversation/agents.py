"""Who is the shop: the senders named with --agent, or inferred from the export.

Inference, in order:
  1. an export that states roles (a CSV/JSONL role column) needs none;
  2. the sender present in every conversation that has two or more senders
     (a multi-chat export: the shop's account is in all of them);
  3. the sender who answers most: the most messages that follow another
     sender's question;
A one-to-one WhatsApp export is named after the other side ("WhatsApp Chat
with Dewi"): that sender is never picked.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

_WITH = re.compile(r"(?:chat with|chat dengan|συνομιλία whatsapp με|chat whatsapp με|chat - |с контактом|"
                   r"s uživatelem)\s*(?P<name>.+?)(?:\.txt|\.zip)?$", re.IGNORECASE)


def contact_of(file: str) -> str | None:
    """The chat partner a WhatsApp export's file name names, if any."""
    name = Path(file.split("!")[0]).name
    m = _WITH.search(name)
    return m.group("name").strip() if m else None


class AgentStats:
    """Collected in a first, cheap pass over the conversations (senders only, no linting)."""

    def __init__(self):
        self.presence: Counter = Counter()   # sender -> conversations with 2+ senders they are in
        self.multi = 0                       # conversations with 2+ senders
        self.answers: Counter = Counter()
        self.messages: Counter = Counter()
        self.excluded: set[str] = set()
        self.roles_given = False

    def add(self, conversation) -> None:
        senders = set()
        previous = None
        contact = contact_of(conversation.file)
        for m in conversation.messages:
            if m.role:
                self.roles_given = True
            if m.system or not m.sender:
                continue
            senders.add(m.sender)
            self.messages[m.sender] += 1
            if contact and m.sender.casefold() == contact.casefold():
                self.excluded.add(m.sender)
            if previous is not None and previous.sender != m.sender and ("?" in previous.text or ";" in previous.text):
                self.answers[m.sender] += 1
            previous = m
        if len(senders) >= 2:
            self.multi += 1
            self.presence.update(senders)

    def to_dict(self) -> dict:
        """The counts, to be merged with other partitions' (chatlint/spark.py)."""
        return {"presence": dict(self.presence), "multi": self.multi, "answers": dict(self.answers),
                "messages": dict(self.messages), "excluded": sorted(self.excluded),
                "roles_given": self.roles_given}

    def merge(self, data: dict) -> None:
        self.presence.update(data["presence"])
        self.multi += data["multi"]
        self.answers.update(data["answers"])
        self.messages.update(data["messages"])
        self.excluded.update(data["excluded"])
        self.roles_given = self.roles_given or data["roles_given"]

    def infer(self) -> tuple[list[str], str]:
        if self.roles_given:
            return [], "roles as stated in the export"
        candidates = [s for s in self.messages if s not in self.excluded]
        if self.multi >= 2:
            everywhere = [s for s in candidates if self.presence[s] == self.multi]
            if len(everywhere) == 1:
                return everywhere, f"present in all {self.multi} conversations"
            if everywhere:
                candidates = everywhere
        if not candidates:
            return [], "no sender could be the shop"
        best = max(candidates, key=lambda s: (self.answers[s], self.messages[s]))
        if self.answers[best] == 0 and len(candidates) > 1:
            return [best], "sends the most messages (no questions answered to go by)"
        return [best], f"answers the most questions ({self.answers[best]})"

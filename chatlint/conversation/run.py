"""A scoring run: read the exports, find the shop's senders, split, lint, score, stream."""

from __future__ import annotations

from ..readers import read
from .agents import AgentStats
from .lint import ConversationLinter
from .model import Ledger
from .split import assign_roles, split


class ScoreRun:
    """Iterate to get Scored conversations one by one; `ledger` accounts for every input line."""

    def __init__(self, paths, linter, settings, fmt_in: str = "auto", columns: dict | None = None,
                 channel: str = "chat", strict: bool = False):
        self.paths = list(paths)
        self.linter = linter
        self.settings = settings
        self.fmt_in = fmt_in
        self.columns = columns or getattr(settings, "columns", None) or {}
        self.strict = strict
        self.ledger = Ledger(strict=strict)
        self.agents = list(settings.agents)
        self.agent_reason = "named with --agent" if self.agents else ""
        if not self.agents:
            self.agents, self.agent_reason = self._infer()
        self.conversation_linter = ConversationLinter(linter, settings, channel)

    def _messages(self, ledger):
        for path in self.paths:
            yield from read(path, ledger, self.fmt_in, self.columns)

    def _infer(self):
        """A first pass that only looks at who writes when (no linting)."""
        stats = AgentStats()
        for conversation in split(self._messages(Ledger(strict=self.strict)), self.settings.idle_gap_minutes):
            stats.add(conversation)
        return stats.infer()

    def __iter__(self):
        agents = set(self.agents)
        held = {}  # chat -> its last conversation, scored once the next one is known (follow-up)
        for conversation in split(self._messages(self.ledger), self.settings.idle_gap_minutes, agents):
            if all(m.system for m in conversation.messages):
                continue  # only notices ("X joined"): nothing to score; its lines are in the ledger
            assign_roles(conversation, agents)
            key = (conversation.file, conversation.chat)
            previous = held.pop(key, None)
            if previous is not None:
                yield self.conversation_linter.score(previous, following=conversation)
            held[key] = conversation
        for conversation in held.values():
            yield self.conversation_linter.score(conversation)

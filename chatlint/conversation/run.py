"""A scoring run: find the shop's senders, split, lint, score, stream. It takes Messages
(chatlint/model/messages.py), not files: the readers (chatlint/readers) make them."""

from __future__ import annotations

from .agents import AgentStats
from .lint import ConversationLinter
from ..model.messages import MESSAGE, SYSTEM, Ledger
from .split import assign_roles, split


class ScoreRun:
    """Iterate to get Scored conversations one by one; `ledger` accounts for every input line.

    `messages`: Messages in the order they were written (per chat). When the shop's senders
    must be inferred, they are read twice, so pass a list or a re-readable source such as
    chatlint.readers.Exports (whose own ledger then accounts for the files' lines).
    """

    def __init__(self, messages, linter, settings, channel: str = "chat", agents=None, agent_reason: str = ""):
        """`agents`, `agent_reason`: the shop's senders as already decided (Spark decides them once
        for all partitions); by default settings.agents, else inferred from the messages."""
        self.messages = messages
        self.linter = linter
        self.settings = settings
        self._ledger = Ledger()
        self.agents = list(settings.agents if agents is None else agents)
        self.agent_reason = agent_reason or ("named with --agent" if self.agents else "")
        if not self.agents and agents is None:
            self.agents, self.agent_reason = self._infer()
        self.conversation_linter = ConversationLinter(linter, settings, channel)

    @property
    def ledger(self) -> Ledger:
        own = getattr(self.messages, "ledger", None)
        return own if isinstance(own, Ledger) else self._ledger

    def _infer(self):
        """A first pass that only looks at who writes when (no linting)."""
        stats = AgentStats()
        for conversation in split(iter(self.messages), self.settings.idle_gap_minutes):
            stats.add(conversation)
        return stats.infer()

    def _counted(self):
        """The messages; a source without a ledger of its own is accounted for here."""
        if isinstance(getattr(self.messages, "ledger", None), Ledger):
            yield from self.messages
            return
        ledger = self._ledger = Ledger()
        files = set()
        for message in self.messages:
            if message.file not in files:
                files.add(message.file)
                ledger.files.append(message.file)
            ledger.mark(SYSTEM if message.system else MESSAGE)
            yield message

    def __iter__(self):
        agents = set(self.agents)
        held = {}  # chat -> its last conversation, scored once the next one is known (follow-up)
        for conversation in split(self._counted(), self.settings.idle_gap_minutes, agents):
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

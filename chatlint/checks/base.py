"""What every check type shares: options, message variants and what a run returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analysis.lang.pack import Analysis
    from ..analysis.names import NameForms


@dataclass
class Hit:
    """One failure a check found; the engine turns it into a Finding."""

    variant: str = "default"
    start: int | None = None
    end: int | None = None
    # where the rule's fix text goes: ("insert", pos), ("replace", start, end), or None
    edit: tuple | None = None
    # a fix text the check computed itself (lower-cased shouting), instead of the rule's
    replacement: str | None = None
    details: dict = field(default_factory=dict)  # fills {placeholders} in messages


@dataclass
class Context:
    reply: "Analysis"
    customer: "Analysis | None"
    name: "NameForms | None"
    signals: set
    cache: dict = field(default_factory=dict)  # what several checks of one reply share


class Check:
    """A check type. Subclasses set `type`, their option specs and `variants`."""

    type = ""
    scope = "message"  # or "conversation" (checks/conversation.py)
    required: dict = {}
    optional: dict = {}
    variants: tuple = ("default",)
    lexicon_words: tuple = ()  # lexicon `words:` lists this check reads

    def __init__(self, rule_id: str, options: dict, source, keys: tuple):
        self.rule_id = rule_id
        self.options = options
        self.source = source
        self.keys = keys

    def validate_languages(self, languages, lexicons) -> None:
        """Raise if a declared language lacks what this check needs."""
        for lang in languages:
            for name in self.words_needed():
                if name not in lexicons[lang].words:
                    raise self.source.error(self.keys, f"check {self.type!r} reads the lexicon list "
                                                       f"words.{name}, which the {lang!r} lexicon "
                                                       f"({lexicons[lang].source.path}) lacks")

    def words_needed(self) -> tuple:
        return self.lexicon_words

    def phrase_lists(self, lang: str) -> dict[str, list[str]]:
        return {}

    def patterns(self, lang: str) -> dict[str, list]:
        return {}

    def run(self, ctx: Context) -> list[Hit]:
        raise NotImplementedError

"""The plain data that flows out of the engine: findings and results."""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("info", "warning", "error")


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass
class Fix:
    """A concrete edit: replace text[start:end] with `text` (an insertion when start == end)."""

    start: int
    end: int
    text: str


@dataclass
class Finding:
    rule: str
    level: str
    message: str
    suggestion: str | None
    start: int | None = None
    end: int | None = None
    fix: Fix | None = None
    critical: bool = False

    def to_dict(self) -> dict:
        fix = self.fix
        return {"rule": self.rule, "level": self.level, "message": self.message,
                "suggestion": self.suggestion, "start": self.start, "end": self.end,
                "fix": {"start": fix.start, "end": fix.end, "text": fix.text} if fix else None,
                "critical": self.critical}


@dataclass
class Result:
    """The verdict on one reply."""

    text: str
    lang: str
    score: int
    findings: list[Finding]
    applied: list[str] = field(default_factory=list)   # rules whose `when:` held
    signals: list[str] = field(default_factory=list)   # what the turn told
    costs: dict[str, float] = field(default_factory=dict)  # rule -> points it cost
    critical: str | None = None                         # rule that set the score to 0
    reply_to: str | None = None
    name: str | None = None

    def worst_level(self) -> str | None:
        return max((f.level for f in self.findings), key=level_rank, default=None)

    def fails(self, fail_level: str = "error") -> bool:
        return any(level_rank(f.level) >= level_rank(fail_level) for f in self.findings)

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "lang": self.lang,
            "findings": [f.to_dict() for f in self.findings],
            "applied": self.applied,
            "signals": self.signals,
            "costs": self.costs,
            "critical": self.critical,
            "text": self.text,
            "reply_to": self.reply_to,
            "name": self.name,
        }

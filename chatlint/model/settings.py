"""Everything a user can tune, in one place.

Configuration files (.chatlint.yaml, [tool.chatlint]) and command-line flags
both end up here; the Linter and the transcript scorer read only this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Settings:
    # rules
    rule_dirs: list[Path] = field(default_factory=list)   # extra rule folders, after the built-in ones
    disable: set[str] = field(default_factory=set)         # rule ids switched off
    enable: set[str] = field(default_factory=set)          # rule ids switched on (over a preset)
    levels: dict[str, str] = field(default_factory=dict)   # rule id -> level
    weights: dict[str, float] = field(default_factory=dict)  # rule id -> weight
    # languages
    languages: list[str] | None = None                     # restrict detection to these (None: all installed)
    default_lang: str = "en"                               # when detection has no evidence
    # exit status
    fail_level: str = "error"
    fail_under: float | None = None                        # minimum score
    # canned-reply libraries: placeholder kind -> patterns that stand for it
    placeholders: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)       # globs `chatlint lint` skips inside folders
    # the shop, for transcripts
    shop_name: str | None = None
    agents: list[str] = field(default_factory=list)        # the shop's senders
    business_hours: dict | None = None                     # e.g. {days: [mon..fri], start: "08:00", end: "17:00"}
    response_time: dict[str, float] = field(default_factory=lambda: {"chat": 60.0, "email": 720.0})  # minutes
    idle_gap_minutes: float = 240.0                        # a longer silence starts a new conversation
    columns: dict[str, str] = field(default_factory=dict)  # CSV/JSONL: field (timestamp, sender, role, text, conversation) -> column

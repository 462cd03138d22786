"""chatlint's Python API: the three jobs, each a function that takes and returns plain
objects, never prints and never exits. The command line, the server and the Spark job
are faces over these functions.

    >>> import chatlint
    >>> chatlint.check("barang ready gan", reply_to="Kak, yang merah ready?", name="Michael").score
    82
    >>> report = chatlint.lint(["examples/templates/"])          # canned-reply libraries
    >>> scored = chatlint.score(["examples/chats/toko-batik-rina.txt"])  # chat exports

`config` is, in each: None (the built-in rules and defaults), a configuration file's
path, a Settings, a Config (from `load_config`, which can also discover the file the way
the command line does) or a ready Linter. Linters are built once per configuration and
reused (rules and lexicons load once per process).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from .model.errors import ChatlintError
from .model.settings import Settings


@dataclass
class Config:
    """Settings, the file they came from (errors then name its lines), and the command
    line's extra rule folders and switched-off rules."""

    settings: Settings = field(default_factory=Settings)
    source: Path | None = None
    rules: tuple = ()
    disable: tuple = ()

    def key(self) -> str:
        """What the Linter depends on (not the transcript settings: agents, hours...)."""
        s = self.settings
        files = [_stamp(p) for folder in [*s.rule_dirs, *self.rules] for p in sorted(Path(folder).rglob("*"))]
        return repr((s.rule_dirs, sorted(s.disable), sorted(s.enable), s.levels, s.weights, s.languages,
                     s.default_lang, _stamp(self.source) if self.source else None, tuple(map(str, self.rules)),
                     tuple(self.disable), files))


def _stamp(path) -> tuple:
    """A file as the Linter cache sees it: an edited rule or config file makes a new Linter."""
    try:
        st = Path(path).stat()
    except OSError:
        return (str(path),)
    return (str(path), st.st_size, st.st_mtime_ns)


def load_config(path=None, start=".", rules=(), disable=(), isolated: bool = False) -> Config:
    """The configuration in `path`, or the one discovered from `start` upwards
    (.chatlint.yaml, chatlint.yaml, [tool.chatlint]), or the defaults."""
    from .engine.config import load_settings

    settings, source = load_settings(path, start, isolated=isolated)
    return Config(settings, source, tuple(rules), tuple(disable))


_linters: dict = {}
_lock = threading.Lock()


def as_config(config) -> Config:
    from .engine.linter import Linter

    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, Settings):
        return Config(config)
    if isinstance(config, Linter):
        return Config(config.settings)
    if isinstance(config, (str, Path)):
        return load_config(config)
    raise TypeError(f"config: expected None, a path, a Settings, a Config or a Linter, got {type(config).__name__}")


def linter_for(config=None):
    """The Linter for a configuration, built on first use and kept for the process."""
    from .engine.linter import Linter

    if isinstance(config, Linter):
        return config
    config = as_config(config)
    if config == Config():
        from . import default_linter

        return default_linter()
    key = config.key()
    linter = _linters.get(key)
    if linter is None:
        with _lock:
            linter = _linters.get(key)
            if linter is None:
                from .engine.config import make_linter

                linter = make_linter(config.settings, config.source, config.rules, config.disable)
                if len(_linters) >= 16:
                    _linters.pop(next(iter(_linters)))
                _linters[key] = linter
    return linter


# --- replies ---------------------------------------------------------------------------

def check(text: str, reply_to: str | None = None, name: str | None = None, lang: str = "auto",
          position: str | None = None, config=None, disable=()):
    """Lint one draft reply. Returns a Result with .score, .lang and .findings (chatlint.model.findings)."""
    return linter_for(config).check(text, reply_to=reply_to, name=name, lang=lang, position=position,
                                    disable=disable)


def check_analysed(text: str, reply_to: str | None = None, name: str | None = None, lang: str = "auto",
                   position: str | None = None, config=None, disable=()):
    """check(), and the draft's Analysis (its words and sentences), for faces that mark
    findings in the draft's own terms (the LanguageTool API's sentences)."""
    return linter_for(config).check_analysed(text, reply_to=reply_to, name=name, lang=lang,
                                             position=position, disable=disable)


# --- canned-reply libraries ------------------------------------------------------------

def lint(paths_or_templates, config=None, baseline: str | None = None, update_baseline: bool = False):
    """Lint template libraries. `paths_or_templates`: file or folder paths (read as
    `chatlint lint` reads them), Templates (chatlint.library), or mappings with `text`
    and optionally `id`, `lang`, `reply_to`, `intent`, `disable`. Returns a Report
    (chatlint.library.lint): .checked (each template's score and located findings), .failed."""
    from .library.lint import run

    if isinstance(paths_or_templates, (str, Path)):
        paths_or_templates = [paths_or_templates]
    linter = linter_for(config)
    settings = linter.settings if _is_linter(config) else as_config(config).settings
    paths, templates = [], []
    for i, item in enumerate(paths_or_templates):
        if isinstance(item, (str, Path)):
            paths.append(item)
        else:
            templates.append(_template(item, i))
    return run(paths, settings, linter, baseline, update_baseline, templates)


def _is_linter(config) -> bool:
    from .engine.linter import Linter

    return isinstance(config, Linter)


def _template(item, index: int):
    from .library import Template
    from .library.positions import Locator

    if isinstance(item, Template):
        return item
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise ChatlintError(f"template {index + 1}: expected a path, a Template or a mapping with text, "
                            f"got {type(item).__name__}")
    text = item["text"]
    disable = item.get("disable") or []
    return Template(text, str(item.get("path", "<templates>")), list(range(len(text) + 1)), Locator(text),
                    id=item.get("id"), lang=item.get("lang"), reply_to=item.get("reply_to"),
                    intent=item.get("intent"), disable=list(disable))


# --- chat transcripts ------------------------------------------------------------------

class Scoring:
    """A scoring run as a stream: iterate to get (Scored, its summary row) conversation by
    conversation; `card` keeps the scorecards, `ledger` accounts for every input line,
    `agents` (and `agent_reason`) are the shop's senders."""

    def __init__(self, messages, config=None, agents=None, fmt_in: str = "auto", columns: dict | None = None,
                 channel: str = "chat", strict: bool = False):
        """`strict`: a skipped input line is an error (exit 2), at the first one."""
        from .conversation.run import ScoreRun
        from .conversation.scorecard import Scorecard

        linter = linter_for(config)
        settings = linter.settings if _is_linter(config) else as_config(config).settings
        if agents:
            settings = replace(settings, agents=list(agents))
        if channel not in settings.response_time:
            raise ChatlintError(f"--channel {channel}: no response-time target; known channels: "
                                f"{', '.join(settings.response_time)}")
        self.settings = settings
        self.run = ScoreRun(_messages(messages, fmt_in, columns or settings.columns, strict), linter, settings,
                            channel)
        self.card = Scorecard()

    @property
    def agents(self) -> list[str]:
        return self.run.agents

    @property
    def agent_reason(self) -> str:
        return self.run.agent_reason

    @property
    def ledger(self):
        return self.run.ledger

    def __iter__(self):
        for scored in self.run:
            yield scored, self.card.add(scored)


def _messages(messages, fmt_in, columns, strict: bool = False):
    """Paths become a re-readable Exports; Messages pass through."""
    from .readers import Exports

    if isinstance(messages, (str, Path)):
        messages = [messages]
    if isinstance(messages, Exports):
        return messages
    if isinstance(messages, (list, tuple)) and messages and all(isinstance(m, (str, Path)) for m in messages):
        return Exports(messages, fmt_in, columns, strict)
    return messages if isinstance(messages, (list, tuple)) else list(messages)


@dataclass
class Transcript:
    """`score`'s answer: the same data `chatlint score --format json` prints."""

    scored: list                 # Scored conversations (chatlint.conversation.lint), with their messages
    conversations: list[dict]    # one summary row per conversation
    messages: list[dict]         # one row per message, its findings included
    agents: list[dict]           # one scorecard per admin
    rules: list[dict]            # each rule's failure rate
    summary: dict
    ledger: object               # every input line accounted for (chatlint.model.messages.Ledger)
    admins: list[str]            # the shop's senders
    agent_reason: str


def score(messages_or_paths, config=None, agents=None, fmt_in: str = "auto", columns: dict | None = None,
          channel: str = "chat") -> Transcript:
    """Score chat transcripts: exports' paths (WhatsApp, Telegram, CSV, JSON Lines) or Messages
    (chatlint.model.messages.Message). `agents`: the shop's senders (else inferred)."""
    from .conversation.scorecard import message_row

    scoring = Scoring(messages_or_paths, config, agents, fmt_in, columns, channel)
    scored, rows, messages = [], [], []
    for conversation, row in scoring:
        scored.append(conversation)
        rows.append(row)
        messages.extend(message_row(conversation, item) for item in conversation.items)
    card = scoring.card
    transcript = Transcript(scored, rows, messages, card.admin_rows(), card.rule_rates(),
                            {**card.summary(), "agents": scoring.agents}, scoring.ledger, scoring.agents,
                            scoring.agent_reason)
    card.close()
    return transcript


__all__ = ["Config", "Scoring", "Transcript", "check", "lint", "load_config", "linter_for", "score"]

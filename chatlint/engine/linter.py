"""The Linter: rules, lexicons and language packs loaded once, replies checked many times."""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path

from ..checks import Context
from ..model.errors import ChatlintError
from ..analysis.lang.detect import Detector
from ..analysis.lang.emoji import EmojiTable
from ..analysis.lang.lexicon import load_lexicons
from ..analysis.lang.pack import LangPack
from ..model.findings import Finding, Result
from ..analysis.names import NameForms, first_name_keys, nickname_table
from .rules import Rule, load_rules
from .scoring import finding, judge, supersede
from ..model.settings import Settings
from ..model.textio import clean
from ..analysis.signals import SITUATION, compute, load_signals


def builtin_rules_dir() -> Path:
    """The built-in rule packs: chatlint/_rules when installed, rules/ in a checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "_rules"
    return installed if installed.is_dir() else here.parent / "rules"


class Linter:
    def __init__(self, rule_dirs=(), disable=(), settings: Settings | None = None, builtin: bool = True):
        settings = settings or Settings()
        self.settings = settings
        rule_dirs = [*settings.rule_dirs, *rule_dirs]
        base = builtin_rules_dir()
        folders = ([base] if builtin else []) + [Path(d) for d in rule_dirs]
        self.lexicons = load_lexicons(folders)
        self.emoji = EmojiTable(base / "emoji.yaml")
        self.signals = load_signals(base / "signals.yaml")
        known = set(self.signals) | set(SITUATION)
        rule_folders = ([base / "builtin"] if builtin else []) + [Path(d) for d in rule_dirs]
        loaded = load_rules(rule_folders, known, self.lexicons)
        # message rules run in check(); conversation rules on whole chats (chatlint.conversation)
        self.rules: dict[str, Rule] = {k: r for k, r in loaded.items() if r.scope == "message"}
        self.conversation_rules: dict[str, Rule] = {k: r for k, r in loaded.items()
                                                    if r.scope == "conversation"}
        self._tune(settings, disable)
        if settings.languages is not None and not settings.languages:
            raise ChatlintError("languages: expected at least one language; installed: "
                                f"{', '.join(self.lexicons)}")
        if settings.default_lang not in self.lexicons:
            raise ChatlintError(f"default-lang: no lexicon for {settings.default_lang!r}; installed: "
                                f"{', '.join(self.lexicons)}")
        langs = settings.languages or list(self.lexicons)
        for lang in langs:
            if lang not in self.lexicons:
                raise ChatlintError(f"languages: no lexicon for {lang!r}; installed: {', '.join(self.lexicons)}")
        self.detector = Detector({lang: self.lexicons[lang].markers for lang in langs}, settings.default_lang)
        self._packs: dict[str, LangPack] = {}
        self._names: dict[str, NameForms] = {}
        self._rules_by_lang: dict[str, list[Rule]] = {}
        self._lock = threading.Lock()

    def rule(self, rule_id: str, what: str = "rule") -> Rule:
        """The rule with this id; an unknown id is an error that suggests the closest one."""
        every = {**self.rules, **self.conversation_rules}
        if rule_id not in every:
            import difflib

            close = difflib.get_close_matches(rule_id, list(every), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ChatlintError(f"{what} {rule_id}: no such rule{hint}; see `chatlint rules`")
        return every[rule_id]

    def _tune(self, settings: Settings, disable) -> None:
        """Apply the settings' rule switches, levels and weights; unknown ids are errors."""
        rule = self.rule
        for rule_id in settings.enable:
            rule(rule_id, "enable").enabled = True
        for rule_id in [*settings.disable, *disable]:
            rule(rule_id, "disable").enabled = False
        for rule_id, level in settings.levels.items():
            rule(rule_id, "level of").level = level
        for rule_id, weight in settings.weights.items():
            rule(rule_id, "weight of").weight = float(weight)

    @property
    def languages(self) -> list[str]:
        return list(self.lexicons)

    def pack(self, lang: str) -> LangPack:
        pack = self._packs.get(lang)
        if pack is None:
            with self._lock:
                pack = self._packs.get(lang)
                if pack is None:
                    if lang not in self.lexicons:
                        raise ChatlintError(f"unknown language {lang!r}; installed: "
                                            f"{', '.join(self.lexicons)}")
                    lists, patterns = {}, {}
                    for rule in [*self.rules.values(), *self.conversation_rules.values()]:
                        if lang in rule.languages:
                            lists.update(rule.check.phrase_lists(lang))
                            patterns.update(rule.check.patterns(lang))
                    pack = LangPack(self.lexicons[lang], self.emoji, lists, patterns)
                    self._packs[lang] = pack
        return pack

    def rules_for(self, lang: str) -> list[Rule]:
        """The enabled rules that cover `lang` (rules are tuned only when the Linter is built)."""
        rules = self._rules_by_lang.get(lang)
        if rules is None:
            rules = [r for r in self.rules.values() if r.enabled and lang in r.languages]
            self._rules_by_lang[lang] = rules
        return rules

    @cached_property
    def nicknames(self) -> dict[str, set[str]]:
        """Nicknames of all lexicons by name key, built when a first name is checked."""
        return nickname_table(self.lexicons)

    @cached_property
    def first_names(self) -> frozenset[str]:
        """Keys of the lexicons' common first names, built when a first name is checked."""
        return first_name_keys(self.lexicons)

    def name_forms(self, name: str) -> NameForms:
        forms = self._names.get(name)
        if forms is None:
            forms = NameForms(name, self.nicknames, self.first_names)
            if len(self._names) < 10_000:
                self._names[name] = forms
        return forms

    def detect(self, text: str, fallback: str | None = None) -> str:
        return self.detector.detect(text, fallback)[0]

    def check(self, text: str, reply_to: str | None = None, name: str | None = None,
              lang: str = "auto", position: str | None = None, disable=()) -> Result:
        """`disable`: rule ids skipped for this check only (as if switched off in the settings)."""
        return self.check_analysed(text, reply_to, name, lang, position, disable)[0]

    def check_analysed(self, text: str, reply_to: str | None = None, name: str | None = None,
                       lang: str = "auto", position: str | None = None, disable=()):
        """check(), and the draft's Analysis, for callers that read it again (conversation rules)."""
        if not isinstance(text, str):
            raise ChatlintError("the draft must be text")
        text, reply_to, name = clean(text), clean(reply_to), clean(name)
        has_turn = bool(reply_to and reply_to.strip())
        customer_lang, customer_decided = self.detector.detect(reply_to) if has_turn else (None, False)
        skip = {self.rule(rule_id, "disable").id for rule_id in disable} if disable else ()
        if lang in (None, "", "auto"):
            lang = self.detector.detect(text, customer_lang if customer_decided else None)[0]
        elif lang not in self.lexicons:
            raise ChatlintError(f"unknown language {lang!r}; installed: {', '.join(self.lexicons)}")
        reply = self.pack(lang).analyse(text)
        customer = None
        if has_turn:
            customer = self.pack(customer_lang if customer_decided else lang).analyse(reply_to)
        names = self.name_forms(name) if name else None
        on = compute(self.signals, customer, reply)
        if names:
            on.add("name_known")
        if position == "first":
            on.add("first_reply")
        elif position == "closing":
            on.add("closing")
        ctx = Context(reply=reply, customer=customer, name=names, signals=on)

        findings: list[Finding] = []
        applied: dict[str, float] = {}
        defaults = {"name": names.display if names else "",
                    "address": names.address if names else ""}  # Greek vocative: Γιώργο
        for rule in self.rules_for(lang):
            if rule.id in skip or not rule.when(on):
                continue
            applied[rule.id] = rule.weight
            for hit in rule.check.run(ctx):
                findings.append(finding(rule, hit, lang, on, text, defaults))
        findings = supersede(findings, self.rules)
        verdict = judge(applied, findings)
        findings.sort(key=lambda f: (f.start is None, f.start or 0, f.rule))
        return Result(text=text, lang=lang, score=verdict.score, findings=findings, applied=list(applied),
                      signals=sorted(on), costs=verdict.costs, critical=verdict.critical, reply_to=reply_to,
                      name=name), reply

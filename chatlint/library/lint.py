"""Linting canned-reply libraries (the engine of `chatlint lint` and chatlint.lint()).

Each template is checked as the customer would read it: placeholders replaced
by stand-ins (library/standins.py), its `reply_to` (or a typical message of its
`intent`) as the customer's turn, and the customer's name known. Findings are
mapped back to the file, line and column of the template text.

Scores are per template. `--fail-under SCORE` (or `fail-under:` in the config)
fails the run when any template scores below SCORE.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..model.errors import ChatlintError
from . import Template, library_files, read_file
from .standins import INTENTS, Placeholders, customer_message, stand_in, substitute
from ..model.findings import Finding, Fix, level_rank
from ..engine.scoring import judge
from ..engine.suppress import UNUSED, Baseline, apply_suppressions, fingerprint


@dataclass
class Located:
    """A finding with its place in a file."""

    finding: Finding
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    marked: str = ""          # the template text the finding marks

    @property
    def rule(self):
        return self.finding.rule

    @property
    def level(self):
        return self.finding.level

    def describe(self, separator: str) -> str:
        """The message, then the suggestion after `separator` (formats differ in layout)."""
        text = self.finding.message or self.rule
        if self.finding.suggestion:
            text += separator + self.finding.suggestion
        return text


@dataclass
class Checked:
    """One template's verdict."""

    template: Template
    lang: str
    score: int
    findings: list[Located]
    suppressed: list[Finding] = field(default_factory=list)
    baselined: int = 0
    costs: dict = field(default_factory=dict)
    critical: str | None = None
    result: object = None     # the engine's Result on the substituted text


@dataclass
class Report:
    checked: list[Checked]
    files: list[str]
    rules: dict                     # the linter's rules, for SARIF
    fail_level: str
    fail_under: float | None
    baseline_written: int | None = None

    @property
    def findings(self) -> list[Located]:
        return [f for c in self.checked for f in c.findings]

    def template_fails(self, checked: Checked) -> bool:
        return any(level_rank(f.level) >= level_rank(self.fail_level) for f in checked.findings) or \
            (self.fail_under is not None and checked.score < self.fail_under)

    @property
    def failed(self) -> bool:
        return any(self.template_fails(c) for c in self.checked)

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.level] += 1
        return counts


class TemplateLinter:
    def __init__(self, linter, settings):
        self.linter = linter
        self.settings = settings
        self.placeholders = Placeholders(settings.placeholders)

    def check(self, template: Template) -> Checked:
        found = self.placeholders.find(template.text)
        lang = self._lang(template, found)
        if template.intent is not None and template.intent not in INTENTS:
            raise ChatlintError(f"intent: unknown intent {template.intent!r}; expected one of: "
                                f"{', '.join(INTENTS)}", template.path, template.line)
        lexicon = self.linter.lexicons[lang]
        customer = template.reply_to or (customer_message(template.intent, lexicon) if template.intent else None)
        sub = substitute(template.text, found, lexicon, self.settings)
        name = stand_in("name", lexicon, self.settings)
        if name not in sub.replaced:
            sub.replaced[name] = _default_name_placeholder(found, template.text)
        result = self.linter.check(sub.text, reply_to=customer, name=name, lang=lang)
        findings = [_map_back(f, sub) for f in result.findings]
        kept, suppressed, problems = apply_suppressions(template, findings, self.linter.rules)
        located = [self._locate(template, f) for f in kept]
        for problem in problems:
            line = template.disable_line or template.line
            located.append(Located(Finding(UNUSED, "warning", problem, "Remove the rule from the suppression.",
                                           None, None), template.path, line, 1, line, 1))
        located.sort(key=lambda f: (f.line, f.column, f.rule))
        checked = Checked(template, lang, result.score, located, suppressed, result=result)
        if template.disable:
            self.rescore(checked)
        else:  # nothing suppressed: rescoring would judge the engine's own findings and rules again
            checked.costs, checked.critical = result.costs, result.critical
        return checked

    def rescore(self, checked: Checked) -> None:
        """The score without the rules a template suppresses and without baselined findings."""
        result = checked.result
        off = set(checked.template.disable)
        applied = {r: self.linter.rules[r].weight for r in result.applied if r not in off}
        verdict = judge(applied, [f.finding for f in checked.findings])
        checked.score, checked.costs, checked.critical = verdict.score, verdict.costs, verdict.critical

    def _lang(self, template: Template, found) -> str:
        if template.lang:
            if template.lang not in self.linter.languages:
                raise ChatlintError(f"lang: unknown language {template.lang!r}; installed: "
                                    f"{', '.join(self.linter.languages)}", template.path, template.line)
            return template.lang
        if len(self.linter.detector.langs) == 1:
            return self.linter.detector.langs[0]  # what detection would say, whatever the text
        text, pos = [], 0
        for a, b, _ in found:  # placeholders carry no language evidence
            text.append(template.text[pos:a])
            pos = b
        text.append(template.text[pos:])
        customer_lang = self.linter.detect(template.reply_to) if template.reply_to else None
        return self.linter.detector.detect(" ".join(text), customer_lang)[0]

    @staticmethod
    def _locate(template: Template, f: Finding) -> Located:
        start = f.start if f.start is not None else 0
        end = f.end if f.end is not None and f.end > start else start
        line, column = template.position(start)
        end_line, end_column = template.position(end)
        return Located(f, template.path, line, column, end_line, end_column, template.text[start:end])


def _default_name_placeholder(found, text: str) -> str:
    """How a fix should write the customer's name: as this template's name placeholder, or {name}."""
    for a, b, kind in found:
        if kind == "name":
            return text[a:b]
    return "{name}"


def _map_back(f: Finding, sub) -> Finding:
    start, end = sub.span(f.start, f.end)
    fix = None
    if f.fix is not None:
        fs, fe = sub.span(f.fix.start, f.fix.end) if f.fix.start < len(sub.text) else \
            (len(sub.original), len(sub.original))
        fix = Fix(fs, fe if f.fix.end > f.fix.start else fs, sub.word_back(f.fix.text))
    return Finding(rule=f.rule, level=f.level, message=sub.word_back(f.message),
                   suggestion=sub.word_back(f.suggestion), start=start, end=end, fix=fix, critical=f.critical)


def run(paths, settings, linter, baseline: str | None = None, update_baseline: bool = False,
        templates=()) -> Report:
    """Lint the templates in `paths` (files, folders) and the given `templates`."""
    files = library_files(paths, settings.exclude)
    tl = TemplateLinter(linter, settings)
    checked = [tl.check(t) for path in files for t in read_file(path)]
    checked += [tl.check(t) for t in templates]
    report = Report(checked, [str(p) for p in files], linter.rules, settings.fail_level, settings.fail_under)
    if baseline:
        base = Path(baseline).resolve().parent
        keyed = [(c, f, fingerprint(f.path, c.template, f.rule, f.marked, base))
                 for c in checked for f in c.findings]
        if update_baseline or not Path(baseline).exists():
            report.baseline_written = Baseline.write(baseline, [k for _, _, k in keyed])
        is_new = Baseline.load(baseline).filter([k for _, _, k in keyed])
        old = {id(f) for (_, f, _), new in zip(keyed, is_new) if not new}
        for c in checked:
            before = len(c.findings)
            c.findings = [f for f in c.findings if id(f) not in old]
            c.baselined = before - len(c.findings)
            if c.baselined:
                tl.rescore(c)
    return report


def common_start(paths) -> Path:
    """Where configuration discovery starts: the folder that holds all the paths."""
    resolved = [str(Path(p).resolve()) for p in paths] or [os.getcwd()]
    common = Path(os.path.commonpath(resolved))
    return common if common.is_dir() else common.parent

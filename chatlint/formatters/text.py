"""Text output: the draft with the problem spans marked, then each finding.

Styled with rich on a terminal. Into a file or a pipe, where rich would write no styles, the
same characters are written directly (tests/test_lint_formats.py compares them byte for byte):
a `chatlint check` into a pipe does not import rich, and a long `chatlint lint` report is not
rendered line by line."""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported where it prints: a cold `chatlint check` into a pipe needs none of it
    from rich.console import Console
    from rich.text import Text

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LABELS = {
    "en": {"score": "Score", "no_findings": "No findings.", "cost": "cost",
           "critical": "critical: {rule} sets the score to 0", "fix": "fix"},
    "id": {"score": "Skor", "no_findings": "Tidak ada temuan.", "cost": "biaya",
           "critical": "kritis: {rule} membuat skor 0", "fix": "perbaikan"},
    "el": {"score": "Βαθμός", "no_findings": "Κανένα εύρημα.", "cost": "κόστος",
           "critical": "κρίσιμο: το {rule} μηδενίζει τον βαθμό", "fix": "διόρθωση"},
}


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def marked_draft(result) -> Text:
    from rich.text import Text

    text = Text(result.text)
    for f in result.findings:
        if f.start is not None and f.end is not None and f.end > f.start:
            text.stylize(f"underline {STYLES[f.level]}", f.start, f.end)
    return text


def result_lines(result, where: str = "") -> list[list[tuple[str, str | None]]]:
    """The lines of a checked draft, each a list of (text, style) parts, the first part's
    style being the line's. The first line is the draft (marked by `marked_draft`)."""
    labels = LABELS.get(result.lang, LABELS["en"])
    lines = [[(result.text, "")]]
    if not result.findings:
        lines.append([(labels["no_findings"], "green")])
    for f in result.findings:
        pos = ""
        if f.start is not None:
            line, col = line_col(result.text, f.start)
            pos = f"{line}:{col}"
        lines.append([(f"{where}{pos:>6}  " if where or pos else "       ", ""), (f"{f.level:<8}", STYLES[f.level]),
                      (f"{f.rule:<18}", "bold"), (" " + (f.message or ""), None)])
        if f.suggestion:
            lines.append([("        → " + f.suggestion, "dim")])
    score_style = "green" if result.score >= 80 else "yellow" if result.score >= 50 else "red"
    score = [(f"{labels['score']}: ", ""), (f"{result.score}/100", f"bold {score_style}"), (f"  ({result.lang})", None)]
    if result.costs:
        costs = ", ".join(f"{rule} −{points:g}" for rule, points in result.costs.items())
        score.append((f"  {labels['cost']}: {costs}", "dim"))
    lines.append(score)
    if result.critical:
        lines.append([(labels["critical"].format(rule=result.critical), "bold red")])
    return lines


def render_result(result, console: Console, where: str = "") -> None:
    lines = result_lines(result, where)
    console.print(marked_draft(result))
    for parts in lines[1:]:
        console.print(styled(parts))


def styled(parts) -> Text:
    """A rich Text of (text, style) parts, the first part's style being the line's."""
    from rich.text import Text

    (text, style), *rest = parts
    line = Text(text, style=style)
    for text, style in rest:
        line.append(text, style=style)
    return line


# What rich drops from the text it prints (rich.control.STRIP_CONTROL_CODES: bell, backspace,
# vertical tab, form feed, carriage return); tests/test_lint_formats.py checks they agree
STRIP_CONTROL_CODES = (7, 8, 11, 12, 13)
_CONTROL = re.compile("[%s]" % "".join(map(chr, STRIP_CONTROL_CODES)))
_STRIP = dict.fromkeys(STRIP_CONTROL_CODES)


def unstyled(lines) -> str | None:
    """The characters rich writes for these lines (lists of parts) where it writes no styles;
    None if a line has a tab (rich expands it to a tab stop counted in cells: let rich do it)."""
    text = "".join("".join(text for text, _ in parts) + "\n" for parts in lines)
    if "\t" in text:
        return None
    return text.translate(_STRIP) if _CONTROL.search(text) else text


def writes_plain(stream) -> bool:
    """Would rich write no styles to `stream` (a file or pipe, not a terminal)? Told without
    importing rich, and only when sure: FORCE_COLOR, TTY_COMPATIBLE, Jupyter, IDLE or Windows
    leave it to rich."""
    if sys.platform == "win32" or "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return False
    if "IPython" in sys.modules or "idlelib" in sys.modules:
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is not None and not isatty()
    except ValueError:
        return False


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class _Lines:
    """write(*parts) prints one line made of (text, style) parts, the first part's style being
    the line's. Lines are rich Texts on a console that writes styles. On one that writes none
    (not a terminal, no FORCE_COLOR) they are written directly, in batches, the same characters
    rich would write: a long report is tens of thousands of lines, and rich's rendering of each
    took more time than linting the templates."""

    BATCH = 256

    def __init__(self, console: Console, plain: bool | None = None):
        if plain is None:
            plain = not (console.color_system is not None or console.legacy_windows or console.is_jupyter
                         or console.record)
        self.console = console
        self.plain = plain
        self.pending: list[str] = []

    def styled(self, *parts) -> None:
        self.console.print(styled(parts))

    def __call__(self, *parts) -> None:
        if not self.plain:
            self.styled(*parts)
            return
        line = "".join(text for text, _ in parts)
        if "\t" in line:
            self.flush()
            self.styled(*parts)  # rich expands tabs to tab stops counted in cells
            return
        self.pending.append(line)
        self.pending.append("\n")
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            chunk = "".join(self.pending)
            self.pending.clear()
            if _CONTROL.search(chunk):
                chunk = chunk.translate(_STRIP)  # rich drops the same control codes
            try:
                self.console.file.write(chunk)
            except UnicodeEncodeError as error:  # as rich says it
                error.reason = (f"{error.reason}\n*** You may need to add PYTHONIOENCODING=utf-8 to your "
                                f"environment ***")
                raise
        self.console.file.flush()


def render_report(report, console: Console, plain: bool | None = None) -> None:
    """`chatlint lint`: ruff-style lines, FILE:LINE:COL: LEVEL RULE message, then a summary."""
    line = _Lines(console, plain)
    try:
        _render_report(report, line)
    finally:
        line.flush()


def _render_report(report, line) -> None:
    for c in report.checked:
        for f in c.findings:
            line((f"{f.path}:{f.line}:{f.column}: ", "bold"), (f"{f.level} ", STYLES[f.level]), (f.rule, "bold"),
                 (f" [{c.template.name}, {c.lang}] " + (f.finding.message or ""), None))
            if f.finding.suggestion:
                line(("    → " + f.finding.suggestion, "dim"))
    counts = report.counts()
    flagged = sum(1 for c in report.checked if c.findings)
    total = sum(counts.values())
    if report.checked:
        mean = sum(c.score for c in report.checked) / len(report.checked)
        low = sorted(report.checked, key=lambda c: c.score)[:3]
        lowest = ", ".join(f"{c.template.path}:{c.template.line} {c.template.name} {c.score}" for c in low
                           if c.score < 100)
        parts = [(f"Scores: mean {mean:.0f}/100 over {_n(len(report.checked), 'template')}", "")]
        if lowest:
            parts.append((f"; lowest: {lowest}", None))
        line(*parts)
    below = [c for c in report.checked if report.fail_under is not None and c.score < report.fail_under]
    if below:
        line((f"{len(below)} template(s) score below fail-under {report.fail_under:g}: " +
              ", ".join(f"{c.template.path}:{c.template.line}" for c in below), "red"))
    baselined = sum(c.baselined for c in report.checked)
    summary = (f"Found {_n(total, 'problem')} ({_n(counts['error'], 'error')}, "
               f"{_n(counts['warning'], 'warning')}, {counts['info']} info) in {flagged} of "
               f"{_n(len(report.checked), 'template')} in {_n(len(report.files), 'file')}.")
    if not total:
        summary = (f"No problems in {_n(len(report.checked), 'template')} "
                   f"({_n(len(report.files), 'file')}).")
    if baselined:
        summary += f" {baselined} known finding(s) hidden by the baseline."
    line((summary, "bold red" if report.failed else "bold green"))
    if report.baseline_written is not None:
        line((f"Baseline written with {report.baseline_written} finding(s).", "dim"))


def write_result(result, stream) -> None:
    text = unstyled(result_lines(result)) if writes_plain(stream) else None
    if text is None:
        from . import console

        render_result(result, console(stream))
        return
    try:
        stream.write(text)
    except UnicodeEncodeError as error:  # as rich says it
        error.reason = f"{error.reason}\n*** You may need to add PYTHONIOENCODING=utf-8 to your environment ***"
        raise
    stream.flush()


def write_report(report, stream) -> None:
    from . import console

    render_report(report, console(stream))


def write_rules(rows, stream) -> None:
    """`chatlint rules`: a table of the rules."""
    from rich.table import Column, Table

    from . import console

    table = Table("level", "weight", "when", "languages", "check")
    table.columns.insert(0, Column("id", no_wrap=True, style="bold"))
    for row in rows:
        level = row["level"] + (" (critical)" if row["critical"] else "")
        if not row["enabled"]:
            level += " [disabled]"
        table.add_row(row["id"], level, f"{row['weight']:g}", row["when"], ", ".join(row["languages"]),
                      row["check"])
    console(stream).print(table)

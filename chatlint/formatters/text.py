"""Text output with rich: the draft with the problem spans marked, then each finding."""

from __future__ import annotations

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
    text = Text(result.text)
    for f in result.findings:
        if f.start is not None and f.end is not None and f.end > f.start:
            text.stylize(f"underline {STYLES[f.level]}", f.start, f.end)
    return text


def render_result(result, console: Console, where: str = "") -> None:
    labels = LABELS.get(result.lang, LABELS["en"])
    console.print(marked_draft(result))
    if not result.findings:
        console.print(f"[green]{labels['no_findings']}[/green]")
    for f in result.findings:
        pos = ""
        if f.start is not None:
            line, col = line_col(result.text, f.start)
            pos = f"{line}:{col}"
        head = Text(f"{where}{pos:>6}  " if where or pos else "       ")
        head.append(f"{f.level:<8}", style=STYLES[f.level])
        head.append(f"{f.rule:<18}", style="bold")
        head.append(" " + (f.message or ""))
        console.print(head)
        if f.suggestion:
            console.print(Text("        → " + f.suggestion, style="dim"))
    score_style = "green" if result.score >= 80 else "yellow" if result.score >= 50 else "red"
    line = Text(f"{labels['score']}: ")
    line.append(f"{result.score}/100", style=f"bold {score_style}")
    line.append(f"  ({result.lang})")
    if result.costs:
        costs = ", ".join(f"{rule} −{points:g}" for rule, points in result.costs.items())
        line.append(f"  {labels['cost']}: {costs}", style="dim")
    console.print(line)
    if result.critical:
        console.print(Text(labels["critical"].format(rule=result.critical), style="bold red"))


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_report(report, console: Console) -> None:
    """`chatlint lint`: ruff-style lines, FILE:LINE:COL: LEVEL RULE message, then a summary."""
    for c in report.checked:
        for f in c.findings:
            head = Text(f"{f.path}:{f.line}:{f.column}: ", style="bold")
            head.append(f"{f.level} ", style=STYLES[f.level])
            head.append(f.rule, style="bold")
            head.append(f" [{c.template.name}, {c.lang}] " + (f.finding.message or ""))
            console.print(head)
            if f.finding.suggestion:
                console.print(Text("    → " + f.finding.suggestion, style="dim"))
    counts = report.counts()
    flagged = sum(1 for c in report.checked if c.findings)
    total = sum(counts.values())
    if report.checked:
        mean = sum(c.score for c in report.checked) / len(report.checked)
        low = sorted(report.checked, key=lambda c: c.score)[:3]
        lowest = ", ".join(f"{c.template.path}:{c.template.line} {c.template.name} {c.score}" for c in low
                           if c.score < 100)
        line = Text(f"Scores: mean {mean:.0f}/100 over {_n(len(report.checked), 'template')}")
        if lowest:
            line.append(f"; lowest: {lowest}")
        console.print(line)
    below = [c for c in report.checked if report.fail_under is not None and c.score < report.fail_under]
    if below:
        console.print(Text(f"{len(below)} template(s) score below fail-under {report.fail_under:g}: " +
                           ", ".join(f"{c.template.path}:{c.template.line}" for c in below), style="red"))
    baselined = sum(c.baselined for c in report.checked)
    summary = (f"Found {_n(total, 'problem')} ({_n(counts['error'], 'error')}, "
               f"{_n(counts['warning'], 'warning')}, {counts['info']} info) in {flagged} of "
               f"{_n(len(report.checked), 'template')} in {_n(len(report.files), 'file')}.")
    if not total:
        summary = (f"No problems in {_n(len(report.checked), 'template')} "
                   f"({_n(len(report.files), 'file')}).")
    if baselined:
        summary += f" {baselined} known finding(s) hidden by the baseline."
    console.print(Text(summary, style="bold red" if report.failed else "bold green"))
    if report.baseline_written is not None:
        console.print(Text(f"Baseline written with {report.baseline_written} finding(s).", style="dim"))


def write_result(result, stream) -> None:
    from . import console

    render_result(result, console(stream))


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

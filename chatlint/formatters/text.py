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

"""Terminal output of `chatlint score`: findings per message (file:line), then scorecards."""

from __future__ import annotations

from pathlib import Path

from rich.table import Column, Table
from rich.text import Text

from ..conversation.scorecard import duration, median_label
from .text import STYLES


def _score_style(score) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 80 else "yellow" if score >= 50 else "red"


class TerminalWriter:
    def __init__(self, console, verbose: bool = False):
        self.console = console
        self.verbose = verbose
        self.business = False  # response times in business minutes (seen on a conversation)

    def conversation(self, scored, row):
        self.business = self.business or scored.business
        if not any(item.findings for item in scored.items) and not self.verbose:
            return
        conv = scored.conversation
        head = Text(f"\n{conv.file}:{conv.line}", style="bold")
        head.append(f"  conversation {conv.chat + ' ' if conv.chat else ''}#{conv.number}")
        if scored.customer:
            head.append(f" with {scored.customer}")
        if row["start"]:
            head.append(f", {row['start'][:16]}", style="dim")
        head.append("  score ")
        head.append(str(scored.score), style=f"bold {_score_style(scored.score)}")
        self.console.print(head)
        for item in scored.items:
            for finding in item.findings:
                line = Text(f"{item.message.file}:{item.message.line}: ", style="dim")
                line.append(f"{finding.level:<8}", style=STYLES[finding.level])
                line.append(f"{finding.rule:<17}", style="bold")
                line.append(f" {finding.message or ''}")
                who = item.message.sender or item.role
                line.append(f"  [{who}: {_clip(item.message.text)}]", style="dim")
                self.console.print(line)

    def finish(self, card, ledger, agents):
        out = self.console
        # the conversation id is never cut: at 80 columns it folds onto more lines, and the other
        # columns (names, rules) give way first, so every row stays tellable apart
        median = median_label(self.business)
        table = Table(Column("conversation", overflow="fold", min_width=14),
                      Column("customer", overflow="fold"), Column("admins", overflow="fold"),
                      Column("msgs", justify="right", no_wrap=True), Column("score", justify="right", no_wrap=True),
                      Column(median, overflow="fold"), Column("top failing rules", overflow="fold"),
                      title="Conversations", title_justify="left")
        for row in card.rows():
            table.add_row(f"{Path(row['file']).name}:{row['line']}" + (f" {row['chat']}" if row["chat"] else ""),
                          row["customer"] or "-", ", ".join(row["admins"]) or "-", str(row["messages"]),
                          Text(str(row["score"]), style=_score_style(row["score"])),
                          duration(row["median_response_minutes"]), ", ".join(row["top_failing_rules"]))
        out.print()
        out.print(table, soft_wrap=False)  # a table fits the width (soft wrap would let it overflow)
        admins = Table(Column("admin", overflow="fold"), Column("msgs", justify="right", no_wrap=True),
                       Column("convs", justify="right", no_wrap=True), Column("score", justify="right", no_wrap=True),
                       Column(median, overflow="fold"), Column("top failing rules", overflow="fold"),
                       title="Admins (score: the mean of the messages each sent)", title_justify="left")
        for row in card.admin_rows():
            admins.add_row(row["admin"], str(row["messages"]), str(row["conversations"]),
                           Text(str(row["score"]), style=_score_style(row["score"])),
                           duration(row["median_response_minutes"]), ", ".join(row["top_failing_rules"]))
        out.print(admins, soft_wrap=False)
        summary = card.summary()
        levels = ", ".join(f"{n} {lvl}" for lvl, n in sorted(summary["findings"].items())) or "no findings"
        out.print("Score: a conversation's combines its admin messages and the conversation rules; the "
                  "overall score below is the mean over conversations.")
        out.print(f"{summary['conversations']} conversations, {summary['messages']} messages "
                  f"({summary['admin_messages']} from admins: {', '.join(agents) or 'none'}), "
                  f"overall score {summary['score'] if summary['score'] is not None else '-'}; {levels}")
        c = ledger.counts
        out.print(f"{ledger.lines} lines read: {c['message']} messages, {c['continuation']} continuation "
                  f"lines, {c['system']} system lines, {c['skipped']} skipped")
        for s in ledger.skipped[:50]:
            out.print(Text(f"{s.file}:{s.line}: skipped: {s.reason}", style="yellow"))
        if len(ledger.skipped) > 50:
            out.print(Text(f"... and {len(ledger.skipped) - 50} more skipped lines (see --format json)",
                           style="yellow"))


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def writer(stream) -> TerminalWriter:
    from . import console

    return TerminalWriter(console(stream))

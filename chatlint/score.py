"""`chatlint score FILE...`: score exported chat transcripts (the command body; cli.py registers it)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import options
from .errors import ChatlintError
from .model import level_rank
from .readers import FORMATS
from .settings import Settings


def apply_flags(settings: Settings, agents, idle_gap, business_hours, columns) -> Settings:
    from .conversation.hours import DAYS, BusinessHours
    from .readers.tabular import parse_columns

    if agents:
        settings.agents = list(agents)
    if idle_gap is not None:
        from .config import MAX_MINUTES

        if not 0 < idle_gap <= MAX_MINUTES:  # also refuses nan and inf
            raise click.BadParameter(f"must be a number of minutes above 0 and at most {MAX_MINUTES:,}",
                                     param_hint="--idle-gap")
        settings.idle_gap_minutes = idle_gap
    if business_hours:
        hours = BusinessHours.parse(business_hours)
        settings.business_hours = {"days": [DAYS[d] for d in sorted(hours.days)],
                                   "start": f"{hours.start:%H:%M}", "end": f"{hours.end:%H:%M}"}
    if columns:
        settings.columns = parse_columns(columns)
    return settings


def _writer(fmt, out, console):
    from .formatters.scorecard_text import TerminalWriter
    from .formatters.transcript import CsvWriter, JsonLinesWriter, JsonWriter

    return {"json": JsonWriter, "jsonl": JsonLinesWriter, "csv": CsvWriter}[fmt](out) if fmt != "text" \
        else TerminalWriter(console)


def _total_size(paths) -> int:
    import os

    return sum(os.path.getsize(p) for p in paths if os.path.isfile(p))


def run(files, fmt, fmt_in, html, strict, fail_level, exit_zero, settings: Settings, rules_dirs=(), disable=(),
        channel="chat", config_source=None):
    from rich.console import Console

    from .conversation.run import ScoreRun
    from .conversation.scorecard import Scorecard
    from .engine import Linter

    if not files:
        raise click.UsageError("no files given: chatlint score EXPORT.txt [MORE...]")
    from .config import make_linter

    linter = make_linter(settings, config_source, rules_dirs, disable)  # config errors name their line
    if channel not in settings.response_time:
        raise ChatlintError(f"--channel {channel}: no response-time target; known channels: "
                            f"{', '.join(settings.response_time)}")
    scoring = ScoreRun(files, linter, settings, fmt_in=fmt_in, channel=channel, strict=strict)
    err = Console(file=sys.stderr, highlight=False, markup=False)  # names in an export are no markup
    if settings.agents:
        err.print(f"chatlint: admins: {', '.join(scoring.agents)}")
    elif scoring.agents:
        err.print(f"chatlint: admin: {scoring.agents[0]!r} (inferred: {scoring.agent_reason}); "
                  f"pass --agent NAME to choose")
    elif scoring.agent_reason.startswith("roles"):
        err.print(f"chatlint: admins: {scoring.agent_reason}")
    else:
        err.print("chatlint: warning: no admin found; every message counts as the customer's. "
                  "Pass --agent NAME.")
    out = Console(file=sys.stdout, highlight=False, soft_wrap=True, markup=False)
    writer = _writer(fmt, sys.stdout, out)
    card = Scorecard()
    report = None
    if html:
        from .formatters.html import HtmlReport

        report = HtmlReport(html)
    worst = None
    progress = None
    if err.is_terminal and _total_size(files) > 1_000_000:
        from rich.progress import Progress

        progress = Progress(console=err, transient=True)
        task = progress.add_task("scoring", total=None)
        progress.start()
    try:
        for scored in scoring:
            row = card.add(scored)
            writer.conversation(scored, row)
            if report:
                report.conversation(scored, row)
            for _, finding in scored.findings():
                if worst is None or level_rank(finding.level) > level_rank(worst):
                    worst = finding.level
            if progress:
                progress.update(task, description=f"scoring: {scoring.ledger.lines} lines, "
                                                  f"{card.conversations} conversations")
    finally:
        if progress:
            progress.stop()
    agents = scoring.agents
    for warning in scoring.ledger.warnings:
        click.echo(f"chatlint: warning: {warning}", err=True)
    writer.finish(card, scoring.ledger, agents)
    if report:
        report.finish(card, scoring.ledger, agents)
        err.print(f"chatlint: report written to {html}")
    card.close()
    silent = [a for a in settings.agents if a not in card.admins]
    if silent:
        err.print(f"chatlint: warning: --agent {', '.join(map(repr, silent))} sent no message in the export; "
                  f"senders are named as in the export")
    if strict and scoring.ledger.skipped:
        first = scoring.ledger.skipped[0]
        raise ChatlintError(f"--strict: {len(scoring.ledger.skipped)} skipped line(s); first: {first.reason}",
                            first.file, first.line)
    if exit_zero or worst is None:
        return 0
    return 1 if level_rank(worst) >= level_rank(fail_level) else 0


@click.command("score")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--format-in", "fmt_in", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="The export's format (detected from the file when auto).")
@click.option("--columns", metavar="FIELD=COLUMN,...",
              help="CSV/JSONL column mapping: timestamp, sender, role, text, conversation.")
@click.option("--agent", "agents", multiple=True, metavar="NAME",
              help="A sender who is the shop (repeatable). Inferred when not given.")
@click.option("--idle-gap", type=float, metavar="MINUTES",
              help="A silence this long starts a new conversation [default: 240].")
@click.option("--business-hours", metavar="'mon-fri 08:00-17:00'",
              help="When chats are answered; response times then count business minutes only.")
@click.option("--channel", default="chat", show_default=True, metavar="NAME",
              help="The channel the chats came from, for the response-time target (chat, email...).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "csv"]), default="text",
              show_default=True)
@click.option("--html", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write a self-contained HTML report.")
@click.option("--strict", is_flag=True, help="Any skipped input line is an error (exit 2).")
@options.rules_dirs
@options.disable
@options.fail_level
@options.exit_zero
@click.option("--config", "config_path", type=click.Path(), metavar="FILE",
              help="Configuration file (default: discovered from the first FILE's folder upwards).")
def score(files, fmt_in, columns, agents, idle_gap, business_hours, channel, fmt, html, strict, rules_dirs,
          disable, fail_level, exit_zero, config_path):
    """Score exported chats: every admin message, each conversation and each admin.

    FILE: WhatsApp .txt/.zip exports, Telegram result.json, CSV or JSON Lines."""
    from .cli import handle_errors

    @handle_errors
    def body():
        from .config import load_settings

        start = Path(files[0]).resolve().parent if files else Path(".")
        settings, source = load_settings(config_path, start)
        settings = apply_flags(settings, agents, idle_gap, business_hours, columns)
        level = fail_level or settings.fail_level
        return run(files, fmt, fmt_in, html, strict, level, exit_zero, settings, rules_dirs, disable,
                   channel, source)

    sys.exit(body())

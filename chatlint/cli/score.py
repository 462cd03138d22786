"""`chatlint score FILE...`: score exported chat transcripts (the command body; cli.py registers it)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import options
from . import format_option
from ..model.errors import ChatlintError
from ..model.findings import level_rank
from ..readers import FORMATS
from ..model.settings import Settings


def apply_flags(settings: Settings, agents, idle_gap, business_hours, columns) -> Settings:
    from ..conversation.hours import DAYS, BusinessHours
    from ..readers.tabular import parse_columns

    if agents:
        settings.agents = list(agents)
    if idle_gap is not None:
        from ..engine.config import MAX_MINUTES

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


def _total_size(paths) -> int:
    import os

    return sum(os.path.getsize(p) for p in paths if os.path.isfile(p))


def run(files, fmt, fmt_in, html, strict, fail_level, exit_zero, settings: Settings, rules_dirs=(), disable=(),
        channel="chat", config_source=None):
    from rich.console import Console

    from ..api import Config, Scoring
    from ..formatters import get

    if not files:
        raise click.UsageError("no files given: chatlint score EXPORT.txt [MORE...]")
    scoring = Scoring(list(files), Config(settings, config_source, tuple(rules_dirs), tuple(disable)),
                      fmt_in=fmt_in, channel=channel, strict=strict)
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
    writer = get("transcript", fmt)(sys.stdout)
    card = scoring.card
    report = None
    if html:
        from ..formatters.html import HtmlReport

        report = HtmlReport(html)
    worst = None
    progress = None
    if err.is_terminal and _total_size(files) > 1_000_000:
        from rich.progress import Progress

        progress = Progress(console=err, transient=True)
        task = progress.add_task("scoring", total=None)
        progress.start()
    try:
        for scored, row in scoring:
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


def spark_job(files, output, master, settings, agents, fmt_in, columns, channel, strict, fail_level, exit_zero,
              fmt, html, rules_dirs, disable) -> int:
    """`--engine spark`: the same scoring on Spark, written as Parquet tables (chatlint/spark.py)."""
    from ..api import Config
    from ..readers.tabular import parse_columns
    from ..spark import require_spark, run_job

    if not output:
        raise click.UsageError("--engine spark needs --output DIR (messages/, conversations/, agents/ go there)")
    if html or fmt != "text":
        raise click.UsageError("--engine spark writes Parquet under --output; --format and --html are for "
                               "the local engine")
    require_spark()
    config = Config(settings, None, tuple(rules_dirs), tuple(disable))
    code = run_job(list(files), output, master, config, agents, fmt_in,
                   parse_columns(columns) if columns else None, channel, strict, fail_level,
                   report=lambda line: click.echo(line, err=True))
    return 0 if exit_zero else code


@click.command("score")
@click.argument("files", nargs=-1, type=click.Path())
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
@format_option("transcript")
@click.option("--html", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write a self-contained HTML report.")
@click.option("--strict", is_flag=True, help="Any skipped input line is an error (exit 2).")
@options.rules_dirs
@options.disable
@options.fail_level
@options.exit_zero
@click.option("--config", "config_path", type=click.Path(), metavar="FILE",
              help="Configuration file (default: discovered from the first FILE's folder upwards).")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="spark: score on Apache Spark (the spark extra) and write Parquet under --output.")
@click.option("--master", metavar="URL",
              help="With --engine spark: the Spark master (default: spark-submit's, else local[*]).")
@click.option("--output", metavar="DIR", type=click.Path(file_okay=False),
              help="With --engine spark: write messages/, conversations/ and agents/ (Parquet) here.")
def score(files, fmt_in, columns, agents, idle_gap, business_hours, channel, fmt, html, strict, rules_dirs,
          disable, fail_level, exit_zero, config_path, engine, master, output):
    """Score exported chats: every admin message, each conversation and each admin.

    FILE: WhatsApp .txt/.zip exports, Telegram result.json, CSV or JSON Lines; with
    --engine spark also Parquet message tables, and folders of either."""
    from . import handle_errors, many_messages

    @handle_errors
    def body():
        from ..engine.config import load_settings

        start = Path(files[0]).resolve().parent if files else Path(".")
        settings, source = load_settings(config_path, start)
        settings = apply_flags(settings, agents, idle_gap, business_hours, columns)
        level = fail_level or settings.fail_level
        if engine == "spark":
            return spark_job(files, output, master, settings, agents, fmt_in, columns, channel, strict, level,
                             exit_zero, fmt, html, rules_dirs, disable)
        if master or output:
            raise click.UsageError("--master and --output go with --engine spark")
        return run(files, fmt, fmt_in, html, strict, level, exit_zero, settings, rules_dirs, disable,
                   channel, source)

    with many_messages():
        code = body()
    sys.exit(code)

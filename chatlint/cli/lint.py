"""`chatlint lint PATH...`: the command over chatlint.lint() (the engine: chatlint/library/lint.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import options
from ..model.errors import ChatlintError
from ..library.lint import Report, common_start
from . import format_option


def emit(report: Report, fmt: str, output: str | None) -> None:
    from ..formatters import get

    write = get("report", fmt)
    if output:
        with open(output, "w", encoding="utf-8") as stream:
            write(report, stream)
    else:
        write(report, sys.stdout)




@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--config", "config_path", type=click.Path(), metavar="FILE",
              help="Configuration file (default: .chatlint.yaml, chatlint.yaml or [tool.chatlint] in "
                   "pyproject.toml, found by walking up from the paths).")
@format_option("report")
@click.option("-o", "--output", type=click.Path(), metavar="FILE", help="Write the report to FILE.")
@options.rules_dirs
@options.disable
@options.fail_level
@options.fail_under("any template scores")
@options.exit_zero
@click.option("--baseline", metavar="FILE", type=click.Path(),
              help="Report only findings not in FILE; when FILE does not exist, record the current ones.")
@click.option("--update-baseline", is_flag=True, help="Rewrite the --baseline FILE with the current findings.")
def lint_command(paths, config_path, fmt, output, rules_dirs, disable, fail_level, fail_under, exit_zero,
                 baseline, update_baseline):
    """Lint canned-reply libraries: YAML, JSON, CSV, Markdown or text files, or folders of them."""
    from . import handle_errors, many_messages

    with many_messages():
        handle_errors(_lint)(paths, config_path, fmt, output, rules_dirs, disable, fail_level, fail_under,
                             exit_zero, baseline, update_baseline)


def _lint(paths, config_path, fmt, output, rules_dirs, disable, fail_level, fail_under, exit_zero,
          baseline, update_baseline):
    from .. import api

    if update_baseline and not baseline:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    for path in paths:
        if not Path(path).exists():
            raise ChatlintError("no such file or folder", path)
    config = api.load_config(config_path, common_start(paths), rules_dirs, disable)
    if fail_level:
        config.settings.fail_level = fail_level
    if fail_under is not None:
        config.settings.fail_under = fail_under
    report = api.lint(paths, config, baseline, update_baseline)
    if not report.files:
        click.echo("chatlint: warning: no template libraries found (looked for "
                   ".yaml, .yml, .json, .csv, .md, .markdown, .txt)", err=True)
    emit(report, fmt, output)
    code = 0 if exit_zero or not report.failed else 1
    del report  # freed now, not left to the interpreter's exit to collect (a large library's takes a while)
    sys.exit(code)

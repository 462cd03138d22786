"""Command-line options several commands share, defined once."""

from __future__ import annotations

import click

rules_dirs = click.option(
    "--rules", "rules_dirs", multiple=True, type=click.Path(), metavar="DIR",
    help="Extra rule folder (repeatable); its rules override built-in ones with the same id.")
disable = click.option("--disable", multiple=True, metavar="ID", help="Disable a rule (repeatable).")
fail_level = click.option(
    "--fail-level", type=click.Choice(["error", "warning", "info"]),
    help="Exit 1 when a finding is at this level or above (default: from config, else error).")
exit_zero = click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")


def fail_under(what: str):
    return click.option("--fail-under", type=click.FloatRange(0, 100), metavar="SCORE",
                        help=f"Exit 1 when {what} below SCORE, 0-100 (default: from config).")

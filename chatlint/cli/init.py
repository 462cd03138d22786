"""`chatlint init`: write a commented configuration file to start from."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

TEMPLATE = Path(__file__).with_name("config_template.yaml")


@click.command("init")
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False))
@click.option("--preset", type=click.Choice(["default", "strict", "relaxed"]), default="default",
              show_default=True, help="The preset the configuration extends.")
@click.option("--force", is_flag=True, help="Overwrite an existing .chatlint.yaml.")
def init_command(folder, preset, force):
    """Write a commented .chatlint.yaml into FOLDER (default: the current folder)."""
    target = Path(folder) / ".chatlint.yaml"
    if target.exists() and not force:
        click.echo(f"chatlint: error: {target} already exists (use --force to overwrite)", err=True)
        sys.exit(2)
    Path(folder).mkdir(parents=True, exist_ok=True)
    text = re.sub(r"^extends: \w+$", f"extends: {preset}", TEMPLATE.read_text(encoding="utf-8"),
                  flags=re.MULTILINE)
    target.write_text(text, encoding="utf-8")
    click.echo(f"Wrote {target}. Try: chatlint lint {folder}")

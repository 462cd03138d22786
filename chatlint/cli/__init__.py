"""The command line: chatlint check | lint | score | init | rules | rule."""

from __future__ import annotations

import contextlib
import functools
import sys

import click

from . import options
from ..model.errors import ChatlintError

LANG_CHOICE = click.Choice(["auto", "id", "el", "en"])


def handle_errors(func):
    """Configuration and input errors: a clear message on stderr, exit code 2, no traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ChatlintError as exc:
            click.echo(f"chatlint: error: {exc}", err=True)
            sys.exit(2)

    return wrapper


def read_stdin() -> str:
    """The draft on stdin: UTF-8 or UTF-16 text, else an error naming the line and column."""
    from ..model.textio import decode

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (tests): already decoded
        return sys.stdin.read()
    return decode(stream.read(), "<stdin>")


def _draft(text: str, what: str) -> str:
    """A draft, customer message or name from the command line, within the documented limits."""
    from ..model.limits import MAX_MESSAGE_CHARS
    from ..model.textio import _SURROGATE

    bad = _SURROGATE.search(text)
    if bad:  # bytes the shell could not decode
        raise ChatlintError(f"{what} is not UTF-8 text (an undecodable byte at character {bad.start() + 1}); "
                            "expected UTF-8")
    if len(text) > MAX_MESSAGE_CHARS:
        raise ChatlintError(f"{what} is {len(text):,} characters long; the limit is {MAX_MESSAGE_CHARS:,}")
    return text


def make_linter(rules_dirs=(), disable=(), config=None):
    """The Linter for the configuration found from the current folder (or `config`); flags win."""
    from .. import api

    return api.linter_for(api.load_config(config, ".", rules_dirs, disable))


_FREEZE_AT_EXIT = False


@contextlib.contextmanager
def many_messages():
    """While a command lints many messages (lint, score): collect cyclic garbage every 10,000
    net allocations instead of Python's 700. The analysis allocates many short-lived objects,
    and collections had taken a tenth of a `chatlint lint` of 10,000 templates
    (bench/peers.py). Garbage cycles are still collected; the threshold is restored after.

    And when the process exits, the objects still alive (spaCy's vocab, the rules, the
    lexicons) are frozen, so the interpreter's last collection does not walk them all just
    before the process ends: 0.1 s of such a run. Files chatlint writes are closed by then."""
    import atexit
    import gc

    global _FREEZE_AT_EXIT
    if not _FREEZE_AT_EXIT:
        atexit.register(gc.freeze)
        _FREEZE_AT_EXIT = True
    before = gc.get_threshold()
    gc.set_threshold(10_000, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def format_option(kind: str):
    """--format, its choices from the formatter registry (chatlint/formatters)."""
    from ..formatters import names

    return click.option("--format", "fmt", type=click.Choice(names(kind)), default="text", show_default=True)


def console(stream=None):
    from rich.console import Console

    return Console(file=stream or sys.stdout, highlight=False, soft_wrap=True)


class LazyGroup(click.Group):
    """Subcommands whose modules are imported only when used, so that a cold
    `chatlint check` does not pay for the readers, the library formats or the server."""

    lazy = {
        "lint": "chatlint.cli.lint:lint_command",
        "score": "chatlint.cli.score:score",
        "serve": "chatlint.server.command:serve",
        "init": "chatlint.cli.init:init_command",
    }

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx, name):
        if name in self.lazy:
            import importlib

            module, attr = self.lazy[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="chatlint")
def main():
    """chatlint: lint the replies online-shop admins send their customers."""


@main.command()
@click.argument("text", required=False)
@click.option("--reply-to", "reply_to", metavar="TEXT", help="The customer's message the draft answers.")
@click.option("--name", metavar="NAME", help="The customer's name.")
@click.option("--lang", type=LANG_CHOICE, default="auto", show_default=True, help="The draft's language.")
@click.option("--position", type=click.Choice(["first", "middle", "closing"]),
              help="Where the reply stands in the conversation, when known.")
@format_option("result")
@options.rules_dirs
@options.disable
@options.fail_level
@options.fail_under("the score is")
@options.exit_zero
@click.option("--config", "config_path", type=click.Path(), metavar="FILE",
              help="Configuration file (default: found by walking up from the current folder).")
@handle_errors
def check(text, reply_to, name, lang, position, fmt, rules_dirs, disable, fail_level, fail_under, exit_zero,
          config_path):
    """Check a draft reply. TEXT is the draft; '-' or nothing reads it from stdin."""
    if text is None or text == "-":
        if sys.stdin is None or (sys.stdin.isatty() and text is None):
            raise click.UsageError("no draft given: pass TEXT, or pipe it on stdin")
        text = read_stdin()
    text = _draft(text, "the draft")
    reply_to = _draft(reply_to, "--reply-to") if reply_to is not None else None
    name = _draft(name, "--name") if name is not None else None
    if not text.strip():
        raise click.UsageError("the draft is empty")
    from .. import api
    from ..formatters import get

    config = api.load_config(config_path, ".", rules_dirs, disable)
    result = api.check(text.rstrip("\n"), reply_to=reply_to, name=name, lang=lang, position=position,
                       config=config)
    fail_level = fail_level or config.settings.fail_level
    fail_under = fail_under if fail_under is not None else config.settings.fail_under
    get("result", fmt)(result, sys.stdout)
    below = fail_under is not None and result.score < fail_under
    sys.exit(0 if exit_zero or not (result.fails(fail_level) or below) else 1)


@main.command("rules")
@format_option("rules")
@options.rules_dirs
@handle_errors
def list_rules(fmt, rules_dirs):
    """List the rules."""
    from ..engine.rules import rule_rows

    from ..formatters import get

    linter = make_linter(rules_dirs)
    rows = rule_rows([*linter.rules.values(), *linter.conversation_rules.values()])
    get("rules", fmt)(rows, sys.stdout)


@main.command("rule")
@click.argument("rule_id")
@options.rules_dirs
@handle_errors
def show_rule(rule_id, rules_dirs):
    """Print a rule's documentation: what it checks, why, examples."""
    from ..checks import CHECK_TYPES

    linter = make_linter(rules_dirs)
    rule = linter.rules.get(rule_id) or linter.conversation_rules.get(rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id, [*linter.rules, *linter.conversation_rules], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ChatlintError(f"no rule {rule_id!r}{hint}; see `chatlint rules`")
    out = console()
    out.print(f"[bold]{rule.id}[/bold]  ({rule.level}{', critical' if rule.critical else ''}, "
              f"weight {rule.weight:g}, languages: {', '.join(rule.languages)})")
    out.print(f"\n[bold]What it checks[/bold]\n{rule.description}")
    out.print(f"\n[bold]Why[/bold]\n{rule.etiquette}")
    out.print(f"\n[bold]When it applies[/bold]\n{rule.when}")
    doc = (CHECK_TYPES[rule.check.type].__module__, rule.check.type)
    module_doc = sys.modules[doc[0]].__doc__ or ""
    out.print(f"\n[bold]Check type[/bold]\n{module_doc.strip()}")
    out.print("\n[bold]Examples[/bold]")
    for ex in rule.examples:
        mark = "[green]pass[/green]" if ex.expect == "pass" else "[red]fail[/red]"
        if rule.scope == "conversation":
            out.print(f"  {mark} [{ex.lang or '-'}]" + "".join(f"\n      {line}" for line in ex.chat))
            continue
        context = []
        if ex.customer:
            context.append(f"customer: {ex.customer!r}")
        if ex.name:
            context.append(f"name: {ex.name}")
        out.print(f"  {mark} [{ex.lang}] {ex.reply!r}" + (f"   ({'; '.join(context)})" if context else ""))
    out.print(f"\n[dim]{rule.path}[/dim]")



if __name__ == "__main__":
    main()

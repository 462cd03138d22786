"""Output formats, found by name in one registry. Each knows the model's results
(Results, Reports, scored transcripts), nothing of spaCy or rules' internals.

Every command's `--format` choices are `names(kind)`; `get(kind, name)` imports the
formatter only when it is used (a cold `chatlint check` loads no SARIF writer).

  result      one checked draft (`chatlint check`): write(result, stream)
  rules       the rule list (`chatlint rules`): write(rows, stream)
  report      a linted library (`chatlint lint`): write(report, stream)
  transcript  a scored transcript (`chatlint score`): make(stream) -> a writer with
              .conversation(scored, row) and .finish(card, ledger, agents)
"""

from __future__ import annotations

import importlib

REGISTRY: dict[str, dict[str, str]] = {
    "result": {
        "text": "chatlint.formatters.text:write_result",
        "json": "chatlint.formatters.json_format:write_result",
    },
    "rules": {
        "text": "chatlint.formatters.text:write_rules",
        "json": "chatlint.formatters.json_format:write_rules",
    },
    "report": {
        "text": "chatlint.formatters.text:write_report",
        "json": "chatlint.formatters.json_format:write_report",
        "sarif": "chatlint.formatters.sarif:write",
        "github": "chatlint.formatters.github:write",
        "junit": "chatlint.formatters.junit:write",
    },
    "transcript": {
        "text": "chatlint.formatters.scorecard_text:writer",
        "json": "chatlint.formatters.transcript:JsonWriter",
        "jsonl": "chatlint.formatters.transcript:JsonLinesWriter",
        "csv": "chatlint.formatters.transcript:CsvWriter",
    },
}


def names(kind: str) -> list[str]:
    """The format names of a kind, in the order `--format` lists them."""
    return list(REGISTRY[kind])


def get(kind: str, name: str):
    """The formatter `name` of `kind`."""
    try:
        target = REGISTRY[kind][name]
    except KeyError:
        raise ValueError(f"unknown {kind} format {name!r}; expected one of: "
                         f"{', '.join(REGISTRY.get(kind, {}))}") from None
    module, attr = target.split(":")
    return getattr(importlib.import_module(module), attr)


def register(kind: str, name: str, target: str) -> None:
    """Add a format ("package.module:callable"); commands defined afterwards offer it."""
    REGISTRY.setdefault(kind, {})[name] = target


def write_string(rendered: str, stream) -> None:
    """Write a rendered document, ending it with a newline."""
    stream.write(rendered if rendered.endswith("\n") else rendered + "\n")


def console(stream):
    from rich.console import Console

    return Console(file=stream, highlight=False, soft_wrap=True, markup=False)  # names in an export are no markup

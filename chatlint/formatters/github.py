"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

import os
from pathlib import Path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _relative(path: str) -> str:
    """Annotations need paths relative to the repository root (the working directory in Actions)."""
    try:
        return Path(path).resolve().relative_to(Path(os.getcwd()).resolve()).as_posix()
    except ValueError:
        return path


def render(report) -> str:
    lines = []
    for checked in report.checked:
        for f in checked.findings:
            message = f.describe("\n")
            props = (f"file={_prop(_relative(f.path))},line={f.line},col={f.column},"
                     f"endLine={f.end_line},endColumn={max(f.end_column, f.column)},"
                     f"title={_prop('chatlint ' + f.rule + ' (' + checked.template.name + ')')}")
            lines.append(f"::{COMMANDS[f.level]} {props}::{_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def write(report, stream) -> None:
    from . import write_string

    write_string(render(report), stream)

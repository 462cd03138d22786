"""The README's examples print what the tool prints.

Console blocks that run chatlint (`$ chatlint ...`, or `$ pip install . && chatlint ...`)
are run from the repository root and their output must show the README's lines in order
("..." stands for lines left out, and a line ending in "..." for the rest of that line).
Python blocks run as written, from the repository root; a line `expression  # literal`
must evaluate to the literal. The Spark example runs in test_spark.py.
"""

import ast
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(console|python)\n(.*?)```", README, re.S)


def console_examples():
    for kind, body in BLOCKS:
        if kind != "console":
            continue
        lines = body.rstrip("\n").split("\n")
        command = lines[0][2:]
        if lines[0].startswith("$ ") and "chatlint " in command and "curl" not in command:
            yield pytest.param(command.split("&& ")[-1], lines[1:], id=command[:60])


def python_examples(spark: bool = False):
    return [body for kind, body in BLOCKS if kind == "python" and ("pyspark" in body) == spark]


@pytest.mark.parametrize("command, expected", list(console_examples()))
def test_console_example(command, expected):
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    run = subprocess.run([sys.executable, "-m", "chatlint.cli", *shlex.split(command)[1:]],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    output = run.stdout.splitlines()
    assert "Traceback" not in run.stderr
    at = 0
    for line in expected:
        if line.strip() == "...":
            continue
        prefix = line[:-3] if line.endswith("...") else None
        while at < len(output) and not (output[at].startswith(prefix) if prefix else output[at] == line):
            at += 1
        assert at < len(output), f"README line not printed (in order): {line!r}\n--- printed:\n{run.stdout}"
        at += 1


def with_checks(code: str) -> str:
    """`expression  # literal` lines become assertions that the expression gives the literal."""
    out = []
    for line in code.splitlines():
        statement, _, comment = line.partition("  # ")
        try:
            ast.literal_eval(comment.strip())
            ast.parse(statement.strip(), mode="eval")
            checked = bool(comment.strip())
        except (ValueError, SyntaxError):
            checked = False
        if checked:
            indent = statement[:len(statement) - len(statement.lstrip())]
            out.append(f"{indent}assert ({statement.strip()}) == ({comment.strip()}), {line.strip()!r}")
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("code", python_examples(), ids=lambda c: c.strip().splitlines()[0][:40])
def test_python_example(code):
    here = os.getcwd()
    os.chdir(ROOT)  # the examples name files of the checkout
    try:
        exec(compile(with_checks(code), "README.md", "exec"), {"__name__": "readme"})
    finally:
        os.chdir(here)


def test_the_readme_has_api_and_spark_examples():
    assert len(python_examples()) >= 2 and len(python_examples(spark=True)) == 1

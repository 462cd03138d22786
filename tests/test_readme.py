"""The README's Python examples run as tests (the Spark one runs in test_spark.py)."""

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def readme_blocks(spark: bool):
    return [b for b in BLOCKS if ("pyspark" in b) == spark]


def run_block(code: str):
    here = os.getcwd()
    os.chdir(ROOT)  # the examples name files of the checkout
    try:
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    finally:
        os.chdir(here)


@pytest.mark.parametrize("code", readme_blocks(False), ids=lambda c: c.strip().splitlines()[0][:40])
def test_readme_python_example(code):
    run_block(code)


def test_the_readme_has_api_and_spark_examples():
    assert len(readme_blocks(False)) >= 2 and len(readme_blocks(True)) == 1

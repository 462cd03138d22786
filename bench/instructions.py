"""Lint cost against the blank-spaCy floor, in instructions (valgrind callgrind).

Seconds are noisy on a shared machine; instruction counts are not: the same
program, input and environment give the same count whatever else runs. Three
runs under callgrind, all from this one command: setup only, setup + the floor
(the same texts through spaCy's blank tokenizers), setup + chatlint's lint; the
two differences give the ratio. Needs valgrind (Debian package `valgrind`).

Run: python bench/instructions.py [--messages 300]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def workload(mode: str, messages: int) -> None:
    sys.path.insert(0, str(HERE))
    from chatlint.engine import Linter
    from chatlint.analysis.lang.pipelines import get_nlp
    from corpus import corpus

    triples = corpus(messages)
    linter = Linter()
    # the floor: spaCy's blank tokenizer of each language (the same tokens and attributes as
    # spacy.blank(lang), see tests/test_lang.py; built directly, as spacy.blank("id") alone
    # takes minutes under valgrind)
    blank = {lang: get_nlp(lang).tokenizer for lang in ("id", "el", "en")}
    for lang in blank:
        linter.pack(lang)
    # warm both sides once on a different slice, so caches are as in a long run
    for lang, customer, reply, name in corpus(200, seed=99):
        blank[lang](customer), blank[lang](reply)
        linter.check(reply, reply_to=customer, name=name)
    if mode == "floor":
        for lang, customer, reply, _ in triples:
            blank[lang](customer)
            blank[lang](reply)
    elif mode == "lint":
        for lang, customer, reply, name in triples:
            linter.check(reply, reply_to=customer, name=name)


def count(mode: str, messages: int) -> int:
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
           sys.executable, __file__, "--run", mode, "--messages", str(messages)]
    # the YAML parse cache off (otherwise the first run pays for filling it and the others
    # don't) and one hash seed (string hashing, set and dict order): the same work each run
    env = {**os.environ, "CHATLINT_NO_CACHE": "1", "PYTHONHASHSEED": "0"}
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stderr
    return int(re.search(r"Collected\s*:\s*(\d+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--run", choices=["setup", "floor", "lint"])
    args = parser.parse_args()
    if args.run:
        workload(args.run, args.messages)
        return
    setup, floor, lint = (count(m, args.messages) for m in ("setup", "floor", "lint"))
    n = args.messages
    print(f"instructions per reply ({n} replies, each with its customer turn; callgrind):")
    print(f"  blank spaCy floor: {(floor - setup) / n:12,.0f}")
    print(f"  chatlint lint:     {(lint - setup) / n:12,.0f}")
    print(f"  ratio lint/floor:  {(lint - setup) / (floor - setup):12.2f}x   (target <= 2x)")


if __name__ == "__main__":
    main()

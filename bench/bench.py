"""chatlint's speed, as ratios taken in one run (these machines are noisy).

1. Lint throughput: a few thousand realistic (customer, draft, name) triples
   through `Linter.check` (language detection included), against the same texts
   (drafts and customer turns) through spaCy's blank pipeline alone, the floor
   of what a spaCy-based linter can cost. Target: lint time at most 2x the floor.
2. Cold start: the wall time (and CPU time) of one `chatlint check` process per
   language, next to `python -c "import spacy"`, interleaved in the same run.
   Target: at most 1.2x `import spacy` in every language.

Run: python bench/bench.py [--messages 3000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import corpus  # noqa: E402

COLD = {"id": ("Kapan dikirim ya kak?", "Besok pagi dikirim ya kak 🙏"),
        "el": ("Πότε θα έρθει η παραγγελία;", "Αύριο θα σας έρθει :)"),
        "en": ("When will my order ship?", "It ships tomorrow 🙂")}


def throughput(messages: int, rounds: int) -> None:
    import spacy

    from chatlint.engine import Linter

    triples = corpus(messages)
    linter = Linter()
    blank = {lang: spacy.blank(lang) for lang in ("id", "el", "en")}
    for lang in blank:  # warm both sides: pipelines built, caches filled
        linter.pack(lang)

    def floor():
        for lang, customer, reply, _ in triples:
            blank[lang](customer)
            blank[lang](reply)

    def lint():
        for lang, customer, reply, name in triples:
            linter.check(reply, reply_to=customer, name=name)

    floor(), lint()
    best = {"floor": float("inf"), "lint": float("inf")}
    for _ in range(rounds):  # interleaved, best of N: the least disturbed run of each
        for label, fn in (("floor", floor), ("lint", lint)):
            start = time.perf_counter()
            fn()
            best[label] = min(best[label], time.perf_counter() - start)
    n = len(triples)
    print(f"lint throughput ({n} replies, each with its customer turn, {rounds} rounds, best):")
    print(f"  chatlint:            {n / best['lint']:8.0f} replies/s")
    print(f"  blank spaCy floor:   {n / best['floor']:8.0f} replies/s (tokenizing reply + customer turn)")
    print(f"  ratio lint/floor:    {best['lint'] / best['floor']:8.2f}x   (target <= 2x)")


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one process running `cmd` to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def cold(rounds: int) -> None:
    exe = [sys.executable, "-m", "chatlint.cli"]
    commands = {"import spacy": [sys.executable, "-c", "import spacy"]}
    for lang, (customer, reply) in COLD.items():
        commands[lang] = exe + ["check", "--lang", lang, "--reply-to", customer, reply]
    best = {name: [float("inf"), float("inf")] for name in commands}
    for _ in range(rounds):  # interleaved, best of N: each sees the same machine load
        for name, cmd in commands.items():
            best[name] = [min(old, new) for old, new in zip(best[name], timed(cmd))]
    print(f"cold start (one process each, interleaved, best of {rounds}; wall, and CPU of the process):")
    reference, reference_cpu = best.pop("import spacy")
    print(f"  python -c 'import spacy':   {reference:6.2f} s  (CPU {reference_cpu:.2f} s)")
    for lang, (seconds, cpu) in best.items():
        print(f"  chatlint check --lang {lang}:   {seconds:6.2f} s  ({seconds / reference:.2f}x import spacy, "
              f"CPU {cpu / reference_cpu:.2f}x; target <= 1.2x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    throughput(args.messages, args.rounds)
    cold(args.rounds)


if __name__ == "__main__":
    main()

"""chatlint's whole output on a fixed set of inputs, as one canonical JSON: to show that a
change (a speed-up, a refactor) leaves every judgement and every message as it was.

Inputs: the real dev replies in en and id (../shared/data/dev, where it is there), the
Greek cases of bench/labels/el.jsonl, bench.py's corpus, the built-in rules' examples,
and examples/ (chats scored, templates linted). Each reply is checked as given, with the
trainer's stand-in name (bench/judgement.py) and with its language forced; each Result
is dumped whole (score, language, signals, applied rules, costs, findings with their
spans, messages and fixes).

Run: python bench/same_output.py OUT.json      then compare two dumps with cmp.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import corpus  # noqa: E402
from judgement import DEFAULT_DATA, STAND_IN_NAME  # noqa: E402


def cases(data: Path):
    """(label, lang, customer, reply, name) of every input reply."""
    for lang in ("en", "id"):
        path = data / f"real_replies_{lang}.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    yield row["id"], lang, row["customer"], row["reply"], None
    for line in (HERE / "labels" / "el.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            yield row["id"], "el", row["customer"], row["reply"], row["labels"].get("name_used")
    for i, (lang, customer, reply, name) in enumerate(corpus(3000)):
        yield f"corpus-{i}", lang, customer, reply, name


def dump(data: Path) -> dict:
    import chatlint
    from chatlint.engine import Linter

    linter = Linter()
    out: dict = {"checks": {}, "examples": {}}
    for label, lang, customer, reply, name in cases(data):
        out["checks"][label] = [
            linter.check(reply, reply_to=customer, name=name).to_dict(),
            linter.check(reply, reply_to=customer, name=name or STAND_IN_NAME[lang], lang=lang).to_dict(),
        ]
    for rule in linter.rules.values():
        for k, ex in enumerate(rule.examples):
            out["checks"][f"rule-{rule.id}-{k}"] = linter.check(
                ex.reply, reply_to=ex.customer, name=ex.name, lang=ex.lang, position=ex.position).to_dict()
    examples = HERE.parent / "examples"
    for path in sorted((examples / "chats").iterdir()):
        transcript = chatlint.score([path], config=linter)
        out["examples"][path.name] = {"conversations": transcript.conversations,
                                      "messages": transcript.messages, "agents": transcript.agents,
                                      "rules": transcript.rules, "summary": transcript.summary}
    from chatlint.formatters.json_format import report_json

    for path in sorted((examples / "templates").iterdir()):
        out["examples"][path.name] = json.loads(report_json(chatlint.lint([path], config=linter)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    text = json.dumps(dump(args.data), ensure_ascii=False, indent=1, sort_keys=True, default=str)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(text):,} characters")


if __name__ == "__main__":
    main()

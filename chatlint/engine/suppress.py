"""Suppressions (a template switching rules off for itself) and baselines (known findings).

Inline suppressions: a template's `chatlint: disable=RULE,...` (a YAML comment, a
`chatlint:` key or column, an HTML comment in Markdown). A suppression that
suppresses nothing is reported as `unused-suppression`, like ruff's RUF100.

Baselines: `--baseline FILE` records the current findings when FILE does not
exist yet, and afterwards reports only findings that are not in it. A finding is
known by its file (relative to the baseline), its template (id, or a hash of the
text), its rule and the text it marks, not by its line, so editing other
templates does not make old findings new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..model.errors import ChatlintError
from ..model.findings import Finding

UNUSED = "unused-suppression"


def apply_suppressions(template, findings: list[Finding], known_rules) -> tuple[list[Finding], list[Finding], list[str]]:
    """(kept, suppressed, problems): problems are messages about suppressions that did nothing."""
    disabled = set(template.disable)
    kept = [f for f in findings if f.rule not in disabled]
    suppressed = [f for f in findings if f.rule in disabled]
    problems = []
    for rule in dict.fromkeys(template.disable):
        if rule not in known_rules:
            problems.append(f"suppression of {rule!r}: no such rule")
        elif not any(f.rule == rule for f in suppressed):
            problems.append(f"unused suppression: {rule!r} reports nothing on this template")
    return kept, suppressed, problems


def fingerprint(path: str, template, rule: str, marked: str, base: Path) -> tuple:
    try:
        relative = Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        relative = Path(path).resolve().as_posix()
    key = template.id if template.id is not None else \
        "sha1:" + hashlib.sha1(template.text.encode("utf-8")).hexdigest()[:12]
    return (relative, key, rule, marked)


@dataclass
class Baseline:
    path: Path
    known: Counter

    @classmethod
    def load(cls, path: str | Path) -> "Baseline":
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ChatlintError(f"cannot read baseline: {exc.strerror}", str(path)) from None
        except json.JSONDecodeError as exc:
            raise ChatlintError(f"baseline is not valid JSON: {exc.msg}", str(path), exc.lineno) from None
        entries = data.get("findings") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise ChatlintError("not a chatlint baseline: expected an object with \"findings\": [...]", str(path))
        known = Counter()
        for i, entry in enumerate(entries):
            try:
                known[(entry["file"], entry["template"], entry["rule"], entry["text"])] += int(entry.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise ChatlintError(f"findings[{i}]: expected file, template, rule, text and count",
                                    str(path)) from None
        return cls(path, known)

    def filter(self, keys: list[tuple]) -> list[bool]:
        """For each finding key (in report order): True when it is new."""
        left = Counter(self.known)
        new = []
        for key in keys:
            if left[key] > 0:
                left[key] -= 1
                new.append(False)
            else:
                new.append(True)
        return new

    @staticmethod
    def write(path: str | Path, keys: list[tuple]) -> int:
        counts = Counter(keys)
        findings = [{"file": f, "template": t, "rule": r, "text": x, "count": n}
                    for (f, t, r, x), n in sorted(counts.items())]
        Path(path).write_text(json.dumps({"version": 1, "tool": "chatlint", "findings": findings},
                                         ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return len(keys)

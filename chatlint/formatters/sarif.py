"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import chatlint

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def uri(path: str) -> str:
    """Relative to the working directory (the repository root in CI) when inside it."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path(os.getcwd()).resolve()).as_posix()
    except ValueError:
        return resolved.as_uri()


def render(report) -> str:
    rule_ids = list(report.rules) + ["unused-suppression"]
    rules = []
    for rule_id in rule_ids:
        rule = report.rules.get(rule_id)
        if rule is None:
            rules.append({"id": rule_id, "name": rule_id,
                          "shortDescription": {"text": "A chatlint suppression that suppresses nothing."},
                          "defaultConfiguration": {"level": "warning"}})
            continue
        entry = {
            "id": rule.id, "name": rule.id,
            "shortDescription": {"text": rule.description.split(". ")[0].rstrip(".") + "."},
            "fullDescription": {"text": rule.description},
            "help": {"text": f"{rule.description}\n\nWhy: {rule.etiquette}"},
            "defaultConfiguration": {"level": LEVELS[rule.level], "enabled": rule.enabled},
            "properties": {"weight": rule.weight, "languages": rule.languages},
        }
        if rule.link:
            entry["helpUri"] = rule.link
        rules.append(entry)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results = []
    for checked in report.checked:
        for f in checked.findings:
            text = f.describe(" ")
            result = {
                "ruleId": f.rule, "ruleIndex": index[f.rule], "level": LEVELS[f.level],
                "message": {"text": text},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri(f.path)},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": max(f.end_column, f.column)},
                }}],
                "properties": {"template": checked.template.name, "lang": checked.lang,
                               "score": checked.score},
            }
            results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "chatlint", "version": chatlint.__version__,
                                "informationUri": "https://pypi.org/project/chatlint/", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": uri(p)}} for p in report.files],
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def write(report, stream) -> None:
    from . import write_string

    write_string(render(report), stream)

"""JSON output: one object per checked reply."""

from __future__ import annotations

import json


def result_json(result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)


def report_json(report) -> str:
    """`chatlint lint --format json`: every template with its score and located findings."""
    templates = []
    for c in report.checked:
        t = c.template
        templates.append({
            "file": t.path, "line": t.line, "column": t.column, "id": t.id, "lang": c.lang,
            "score": c.score, "fails": report.template_fails(c), "costs": c.costs, "critical": c.critical,
            "findings": [{
                **f.finding.to_dict(), "file": f.path, "line": f.line, "column": f.column,
                "end_line": f.end_line, "end_column": f.end_column, "text": f.marked,
            } for f in c.findings],
            "suppressed": [f.rule for f in c.suppressed],
            "baselined": c.baselined,
        })
    summary = {"files": len(report.files), "templates": len(report.checked), **report.counts(),
               "failed": report.failed, "fail_level": report.fail_level, "fail_under": report.fail_under}
    return json.dumps({"templates": templates, "summary": summary}, ensure_ascii=False, indent=2)


def write_result(result, stream) -> None:
    stream.write(result_json(result) + "\n")


def write_rules(rows, stream) -> None:
    stream.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


def write_report(report, stream) -> None:
    from . import write_string

    write_string(report_json(report), stream)

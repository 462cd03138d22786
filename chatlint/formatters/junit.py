"""JUnit XML for CI dashboards (GitLab, Jenkins...): one test case per template.

A template's test case fails when it has a finding at the fail level or above,
or scores below fail-under; its other findings are listed in its system-out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model.findings import level_rank


def _describe(f) -> str:
    text = f"{f.path}:{f.line}:{f.column}: {f.level} {f.rule}: {f.finding.message}"
    if f.finding.suggestion:
        text += f"\n    -> {f.finding.suggestion}"
    return text


def render(report) -> str:
    suites = ET.Element("testsuites", name="chatlint")
    by_file: dict[str, list] = {}
    for checked in report.checked:
        by_file.setdefault(checked.template.path, []).append(checked)
    total = failures = 0
    for path, checked_list in by_file.items():
        suite = ET.SubElement(suites, "testsuite", name=path)
        fails = 0
        for checked in checked_list:
            case = ET.SubElement(suite, "testcase", classname=path,
                                 name=f"{checked.template.name} ({checked.lang}, score {checked.score})",
                                 file=path, line=str(checked.template.line))
            details = "\n".join(_describe(f) for f in checked.findings)
            if report.template_fails(checked):
                fails += 1
                worst = [f for f in checked.findings if level_rank(f.level) >= level_rank(report.fail_level)]
                if worst:
                    message = f"{worst[0].rule}: {worst[0].finding.message}"
                else:
                    message = f"score {checked.score} is below fail-under {report.fail_under:g}"
                failure = ET.SubElement(case, "failure", message=message, type="chatlint")
                failure.text = details or message
            elif details:
                ET.SubElement(case, "system-out").text = details
        suite.set("tests", str(len(checked_list)))
        suite.set("failures", str(fails))
        suite.set("errors", "0")
        total += len(checked_list)
        failures += fails
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def write(report, stream) -> None:
    from . import write_string

    write_string(render(report), stream)

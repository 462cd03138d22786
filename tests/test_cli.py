"""The command line as a user drives it: outputs, exit codes, errors."""

import json
import textwrap

import pytest
from click.testing import CliRunner

from chatlint.cli import main


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output
    return result


def test_check_text_output_marks_findings_and_score():
    result = run("check", "--reply-to", "Kak, yang merah ready?", "--name", "Michael", "barang ready gan")
    assert result.exit_code == 0  # warnings and infos only
    assert "generic-address" in result.output and "use-name" in result.output
    assert "Skor:" in result.output  # the interface speaks the draft's language


def test_a_clean_draft_says_so_in_plain_words():
    result = run("check", "--lang", "en", "--name", "Alex", "Hi Alex, thanks for your order! It ships tomorrow 🙂")
    assert result.exit_code == 0
    assert "No findings." in result.output and "[green]" not in result.output


def test_check_json_has_the_documented_keys():
    result = run("check", "--format", "json", "--reply-to", "How much is shipping?", "Free shipping :)")
    data = json.loads(result.output)
    assert {"score", "lang", "findings"} <= set(data)
    assert data["lang"] == "en" and data["score"] == 100 and data["findings"] == []


def test_finding_json_fields_and_offsets():
    draft = "Hi John, your order shipped 🙂"
    data = json.loads(run("check", "--format", "json", "--name", "Michael", draft).output)
    wrong = [f for f in data["findings"] if f["rule"] == "wrong-name"][0]
    assert set(wrong) >= {"rule", "level", "message", "start", "end", "suggestion"}
    assert draft[wrong["start"]:wrong["end"]] == "John"
    assert wrong["fix"] == {"start": 3, "end": 7, "text": "Michael"}


def test_error_level_finding_exits_1_and_sets_critical_score():
    result = run("check", "--format", "json", "--name", "Michael", "Hi John, your order shipped 🙂")
    assert result.exit_code == 1
    assert json.loads(result.output)["score"] == 0


def test_fail_level_and_exit_zero():
    args = ["check", "--reply-to", "Kapan dikirim?", "Siap kak 🙏"]
    assert run(*args).exit_code == 0
    assert run(*args, "--fail-level", "warning").exit_code == 1
    assert run(*args, "--fail-level", "warning", "--exit-zero").exit_code == 0


def test_check_reads_stdin():
    result = run("check", "--format", "json", "-", input="Terima kasih kak, pesanan dikirim besok 🙏\n")
    assert json.loads(result.output)["lang"] == "id"
    result = run("check", "--format", "json", input="Thanks! It ships tomorrow 🙂")
    assert json.loads(result.output)["text"] == "Thanks! It ships tomorrow 🙂"


def test_lang_override():
    data = json.loads(run("check", "--format", "json", "--lang", "el", "ok").output)
    assert data["lang"] == "el"


def test_disable_rule_and_unknown_rule():
    result = run("check", "--format", "json", "--disable", "emoticon", "It ships today.")
    assert "emoticon" not in [f["rule"] for f in json.loads(result.output)["findings"]]
    result = run("check", "--disable", "emoticons", "It ships today.")
    assert result.exit_code == 2 and "did you mean 'emoticon'" in result.output


def test_empty_draft_is_a_usage_error():
    assert run("check", "   ").exit_code == 2


def test_rules_list_and_json():
    result = run("rules")
    assert result.exit_code == 0 and "answers-question" in result.output
    rows = json.loads(run("rules", "--format", "json").output)
    ids = {row["id"] for row in rows}
    assert {"use-name", "generic-address", "thanks", "apology", "emoticon", "answers-question", "calm",
            "shouting", "too-short", "expectations"} <= ids
    assert all(row["etiquette"] and row["description"] for row in rows)


def test_rule_documentation():
    result = run("rule", "use-name")
    assert result.exit_code == 0
    for part in ("What it checks", "Why", "Examples", "Seed 000", "barang ready Mike"):
        assert part in result.output
    result = run("rule", "use-nam")
    assert result.exit_code == 2 and "did you mean 'use-name'" in result.output


GOOD_RULE = """\
description: The reply mentions the shop's warranty.
etiquette: test rule
level: warning
weight: 5
languages: [en]
check:
  type: phrases
  mode: require
  phrases:
    en: [warranty]
message:
  en: No warranty mentioned.
suggestion:
  en: Mention the warranty.
examples:
  - {lang: en, reply: "Two-year warranty included.", expect: pass}
  - {lang: en, reply: "It ships today.", expect: fail}
"""


def write_rule(tmp_path, text, name="my-rule.yaml"):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_user_rule_folder_adds_a_rule(tmp_path):
    folder = write_rule(tmp_path, GOOD_RULE)
    data = json.loads(run("check", "--format", "json", "--rules", str(folder), "It ships today 🙂").output)
    assert "my-rule" in [f["rule"] for f in data["findings"]]


def test_user_rule_overrides_and_disables_builtin(tmp_path):
    folder = write_rule(tmp_path, "enabled: false\n", name="emoticon.yaml")
    data = json.loads(run("check", "--format", "json", "--rules", str(folder), "It ships today.").output)
    assert "emoticon" not in [f["rule"] for f in data["findings"]]
    folder = write_rule(tmp_path, "level: error\n", name="emoticon.yaml")
    result = run("check", "--format", "json", "--rules", str(folder), "It ships today.")
    assert result.exit_code == 1
    assert [f["level"] for f in json.loads(result.output)["findings"] if f["rule"] == "emoticon"] == ["error"]


BAD_RULES = {
    "yaml syntax": (GOOD_RULE.replace("weight: 5", "weight: [5"), 5, "flow sequence that starts at line 4"),
    "unknown key": (GOOD_RULE.replace("weight: 5", "weight: 5\nlevle: info"), 5, "unknown key 'levle'"),
    "wrong type": (GOOD_RULE.replace("weight: 5", "weight: heavy"), 4, "weight: expected a number"),
    "unknown check type": (GOOD_RULE.replace("type: phrases", "type: phrase"), 7,
                           "expected one of 'phrases'"),
    "invalid token pattern": (GOOD_RULE.replace("    en: [warranty]",
                                                "    en: [warranty]\n  patterns:\n    en:\n"
                                                "      - [{LOWR: warranty}]"), 13, "invalid token pattern"),
    "missing language": (GOOD_RULE.replace("languages: [en]", "languages: [en, id]"), 11,
                         "missing language 'id'"),
    "unknown signal": (GOOD_RULE.replace("languages: [en]", "languages: [en]\nwhen: angri"), 6,
                       "unknown signal 'angri'"),
    "bad level": (GOOD_RULE.replace("level: warning", "level: fatal"), 3, "level: expected one of"),
    "no examples that fail": (GOOD_RULE.replace("expect: fail", "expect: pass"), 15,
                              "at least one with expect: fail"),
}


@pytest.mark.parametrize("case", list(BAD_RULES))
def test_bad_rule_files_are_clear_errors(tmp_path, case):
    text, line, message = BAD_RULES[case]
    folder = write_rule(tmp_path, text)
    result = run("check", "--rules", str(folder), "hello")
    assert result.exit_code == 2, result.output
    assert f"my-rule.yaml:{line}:" in result.output, result.output
    assert message in result.output, result.output

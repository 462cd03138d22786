"""`chatlint lint`: libraries in every format, placeholders, intents, suppressions, baselines, exit codes."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chatlint.cli import main
from chatlint.library import read_file

REPO = Path(__file__).resolve().parent.parent


def lint(*args, cwd=None):
    runner = CliRunner()
    result = runner.invoke(main, ["lint", *map(str, args)], catch_exceptions=False)
    return result


def lint_json(*args):
    result = lint(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output), result.exit_code


def findings(data, rule=None, template=None):
    out = []
    for t in data["templates"]:
        if template is not None and t["id"] != template:
            continue
        out += [f for f in t["findings"] if rule is None or f["rule"] == rule]
    return out


def at(path: Path, line: int, column: int) -> str:
    """The file's text from LINE:COLUMN to the end of that line."""
    return path.read_text(encoding="utf-8").splitlines()[line - 1][column - 1:]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- formats and positions -----------------------------------------------------------------------

LIBRARIES = {
    "lib.yaml": (
        "# quick replies\n"
        "- Halo kak {name}, pesanan dikirim besok ya 🙏\n"
        "- id: ready\n"
        "  reply_to: \"Kak, yang merah ready?\"\n"
        "  text: \"Ready gan, silakan diorder 🙂\"\n"
        "- id: block\n"
        "  text: |\n"
        "    Siap kak {name} 🙂\n"
        "    Ready gan, silakan diorder.\n"
    ),
    "lib.json": (
        '{"ready": {"reply_to": "Kak, yang merah ready?",\n'
        '           "text": "Ready gan, silakan \\"diorder\\" 🙂"}}\n'
    ),
    "lib.csv": (
        "id,reply_to,text\n"
        "ready,\"Kak, yang merah ready?\",\"Ready \"\"asli\"\", silakan diorder 🙂\n"
        "ya gan\"\n"
    ),
    "lib.md": (
        "# Replies\n\nAn introduction, not a template.\n\n"
        "## ready\n"
        "<!-- chatlint: lang=id -->\n"
        "Siap kak {name} 🙂 Ready gan, silakan diorder.\n"
    ),
    "lib.txt": "Halo kak {name} 🙏\n\nSiap kak {name} 🙂\nReady gan, silakan diorder.\n",
}


@pytest.mark.parametrize("name", list(LIBRARIES))
def test_findings_point_at_the_template_text(tmp_path, name):
    path = write(tmp_path, name, LIBRARIES[name])
    data, _ = lint_json(path)
    gan = findings(data, "generic-address")
    assert gan, data
    for f in gan:
        assert f["file"] == str(path)
        assert f["text"] == "gan"
        assert at(path, f["line"], f["column"]).startswith("gan"), (f["line"], f["column"])
        assert f["end_column"] - f["column"] == 3


@pytest.mark.parametrize("name", list(LIBRARIES))
def test_templates_start_where_their_text_starts(tmp_path, name):
    path = write(tmp_path, name, LIBRARIES[name])
    for template in read_file(path):
        assert at(path, template.line, template.column).startswith(template.text.split("\n")[0][:5]), template


def test_yaml_library_forms(tmp_path):
    templates = read_file(write(tmp_path, "lib.yaml", LIBRARIES["lib.yaml"]))
    assert [t.id for t in templates] == [None, "ready", "block"]
    assert templates[1].reply_to == "Kak, yang merah ready?"
    assert templates[2].text == "Siap kak {name} 🙂\nReady gan, silakan diorder."
    mapping = read_file(write(tmp_path, "m.yaml", "hello: Hi {name} 🙂\nbye:\n  text: Bye {name}!\n  lang: en\n"))
    assert [(t.id, t.lang) for t in mapping] == [("hello", None), ("bye", "en")]


def test_markdown_sections_and_plain_text_paragraphs(tmp_path):
    md = read_file(write(tmp_path, "a.md", LIBRARIES["lib.md"] + "\n## thanks\nThanks {name} 🙂\n"))
    assert [(t.id, t.lang) for t in md] == [("ready", "id"), ("thanks", None)]
    assert "chatlint" not in md[0].text
    txt = read_file(write(tmp_path, "a.txt", LIBRARIES["lib.txt"]))
    assert [t.text for t in txt] == ["Halo kak {name} 🙏", "Siap kak {name} 🙂\nReady gan, silakan diorder."]
    assert [t.line for t in txt] == [1, 3]


def test_folders_are_searched_and_hidden_files_skipped(tmp_path):
    write(tmp_path, "a/one.yaml", "- Hi {name}, thanks for your order 🙂\n")
    write(tmp_path, "a/b/two.md", "## x\nThanks {name} 🙂\n")
    write(tmp_path, "a/.chatlint.yaml", "fail-level: error\n")
    write(tmp_path, "a/notes.rst", "ignored")
    data, code = lint_json(tmp_path / "a")
    assert sorted(Path(t["file"]).name for t in data["templates"]) == ["one.yaml", "two.md"]
    assert code == 0


@pytest.mark.parametrize("name,text,line", [
    ("bad.yaml", "- text: ok\n  colour: red\n", 2),
    ("bad.yaml", "- [a, b]\n", 1),
    ("bad.yaml", "- ok\n-  : : :\n  x", None),
    ("bad.json", '{"a": "ok",\n "b": }\n', 2),
    ("bad.json", '{"a": "ok",\n "a": "again"}\n', 2),
    ("bad.yaml", "a: ok\na: again\n", 2),
    ("bad.csv", "id,body\nx,hello\n", 1),
    ("bad.md", "## a\n<!-- chatlint: disable -->\nHello\n", 2),
    ("bad.yaml", "- id: x\n  intent: gossip\n  text: Hello {name} 🙂\n", 3),
    ("bad.yaml", "- id: x\n  lang: fr\n  text: Bonjour\n", 3),
    ("bad.yaml", "- \"   \"\n", 1),
])
def test_bad_libraries_are_clear_errors(tmp_path, name, text, line):
    path = write(tmp_path, name, text)
    result = lint(path)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    message = result.output.strip()
    assert message.startswith(f"chatlint: error: {path}"), message
    if line:
        assert f"{path}:{line}" in message, message


def test_unknown_extension_and_missing_path(tmp_path):
    result = lint(write(tmp_path, "x.docx", "hi"))
    assert result.exit_code == 2 and "unsupported library format" in result.output
    result = lint(tmp_path / "nope")
    assert result.exit_code == 2 and "no such file or folder" in result.output


# --- placeholders and intents --------------------------------------------------------------------

@pytest.mark.parametrize("placeholder", ["{name}", "{{customer_name}}", "[NAMA]", "%name%", "{{ first_name }}"])
def test_a_name_placeholder_satisfies_use_name(tmp_path, placeholder):
    path = write(tmp_path, "t.yaml", f"- \"Halo kak {placeholder}, pesanan sudah dikirim ya 🙏\"\n"
                                     f"- \"Halo kak, pesanan sudah dikirim ya 🙏\"\n")
    data, _ = lint_json(path)
    first, second = data["templates"]
    assert not [f for f in first["findings"] if f["rule"] == "use-name"]
    assert [f for f in second["findings"] if f["rule"] == "use-name"]


def test_eta_placeholder_satisfies_expectations(tmp_path):
    path = write(tmp_path, "t.yaml",
                 "- {id: with-eta, intent: delivery-delay, text: \"Sorry for the wait {name}, it arrives in {eta}. "
                 "Thanks for your patience!\"}\n"
                 "- {id: without, intent: delivery-delay, text: \"Sorry for the wait {name}, we hope you love it. "
                 "Thanks for your patience!\"}\n")
    data, _ = lint_json(path)
    assert not findings(data, "expectations", "with-eta")
    assert findings(data, "expectations", "without")


def test_findings_after_a_placeholder_keep_exact_columns(tmp_path):
    # the stand-in for {{customer_name}} is shorter than the placeholder: "gan" must still be found
    path = write(tmp_path, "t.yaml", "- \"Halo {{customer_name}} 🙂 ready gan\"\n")
    data, _ = lint_json(path)
    (f,) = findings(data, "generic-address")
    assert at(path, f["line"], f["column"]).startswith("gan")


def test_fixes_and_messages_speak_of_the_placeholder(tmp_path):
    path = write(tmp_path, "t.yaml", "- Pesanan sudah dikirim ya 🙏\n")
    data, _ = lint_json(path)
    (f,) = findings(data, "use-name")
    from chatlint.engine import Linter

    stand_in = Linter().lexicons["id"].stand_ins["name"]
    assert "{name}" in f["message"] and stand_in not in f["message"]
    assert f["fix"] is None or (stand_in not in f["fix"]["text"] and "{name}" in f["fix"]["text"])


def test_configured_placeholders(tmp_path):
    write(tmp_path, ".chatlint.yaml", "placeholders:\n  name: [nama_kakak, \"<<NAMA>>\"]\n")
    path = write(tmp_path, "t.yaml", "- Halo kak {nama_kakak}, pesanan dikirim besok 🙏\n"
                                     "- Halo kak <<NAMA>>, pesanan dikirim besok 🙏\n")
    data, _ = lint_json(path)
    assert not findings(data, "use-name")


def test_intent_complaint_makes_complaint_rules_apply(tmp_path):
    path = write(tmp_path, "t.yaml",
                 "- {id: plain, text: \"Silakan kirim fotonya kak {name}.\"}\n"
                 "- {id: complaint, intent: complaint, text: \"Silakan kirim fotonya kak {name}.\"}\n"
                 "- {id: apology, intent: complaint, text: \"Mohon maaf kak {name}, silakan kirim fotonya, "
                 "kami ganti dalam 2 hari.\"}\n")
    data, _ = lint_json(path)
    assert not findings(data, "apology", "plain")
    assert findings(data, "apology", "complaint")
    assert not findings(data, "apology", "apology")


def test_reply_to_is_the_customer_turn(tmp_path):
    path = write(tmp_path, "t.yaml", "- {reply_to: \"Kak, warna hitam ada?\", text: \"Stok hitam habis kak {name}.\"}\n")
    data, _ = lint_json(path)
    assert findings(data, "apology")


# --- suppressions and baselines ------------------------------------------------------------------

def test_inline_suppressions_in_every_form(tmp_path):
    yaml_lib = write(tmp_path, "a.yaml",
                     "# chatlint: disable=emoticon\n"
                     "- Pesanan kak {name} sudah dikirim.\n"
                     "- id: key\n  chatlint: {disable: [emoticon]}\n  text: Pesanan kak {name} sudah dikirim.\n"
                     "- id: str\n  chatlint: disable=emoticon\n  text: Pesanan kak {name} sudah dikirim.\n"
                     "- Pesanan kak {name} sudah dikirim.  # chatlint: disable=emoticon\n"
                     "- Pesanan kak {name} sudah dikirim.\n")
    md_lib = write(tmp_path, "b.md", "## a\n<!-- chatlint: disable=emoticon -->\nPesanan kak {name} sudah dikirim.\n")
    csv_lib = write(tmp_path, "c.csv", "text,chatlint\nPesanan kak {name} sudah dikirim.,disable=emoticon\n")
    data, _ = lint_json(yaml_lib, md_lib, csv_lib)
    emoticon = [(t["file"], t["line"]) for t in data["templates"] for f in t["findings"] if f["rule"] == "emoticon"]
    assert emoticon == [(str(yaml_lib), 10)]
    assert all(t["suppressed"] == ["emoticon"] for t in data["templates"][:4])


def test_suppressed_rules_do_not_cost_score(tmp_path):
    path = write(tmp_path, "a.yaml", "- Pesanan kak {name} sudah dikirim.  # chatlint: disable=emoticon\n"
                                     "- Pesanan kak {name} sudah dikirim.\n")
    data, _ = lint_json(path)
    assert data["templates"][0]["score"] == 100
    assert data["templates"][1]["score"] < 100


def test_unused_and_unknown_suppressions_are_reported(tmp_path):
    path = write(tmp_path, "a.yaml", "- id: a\n  chatlint: disable=apology,emoticn\n  text: Pesanan kak {name} dikirim 🙏\n")
    data, _ = lint_json(path)
    messages = [f["message"] for f in findings(data, "unused-suppression")]
    assert any("'apology'" in m and "unused" in m for m in messages)
    assert any("'emoticn'" in m and "no such rule" in m for m in messages)
    assert all(f["line"] == 2 for f in findings(data, "unused-suppression"))


def test_baseline_records_then_reports_only_new_findings(tmp_path):
    lib = write(tmp_path, "lib.yaml", "a: ready gan\nb: Halo kak {name}, pesanan dikirim besok 🙏\n")
    baseline = tmp_path / "baseline.json"
    first = lint(lib, "--baseline", baseline)
    assert first.exit_code == 0 and baseline.exists()
    assert "Baseline written" in first.output
    recorded = json.loads(baseline.read_text())["findings"]
    assert {e["template"] for e in recorded} == {"a"}
    # nothing new: exit 0, old findings hidden
    data, code = lint_json(lib, "--baseline", baseline, "--fail-level", "info")
    assert code == 0 and not findings(data)
    # a new bad template (and a line shift for the old one) reports only the new one
    lib.write_text("c: barang ready gan\na: ready gan\nb: Halo kak {name}, pesanan dikirim besok 🙏\n")
    data, code = lint_json(lib, "--baseline", baseline, "--fail-level", "info")
    assert code == 1
    assert {t["id"] for t in data["templates"] if t["findings"]} == {"c"}


# --- exit codes and options ----------------------------------------------------------------------

def test_exit_codes_fail_level_fail_under_and_exit_zero(tmp_path):
    good = write(tmp_path, "good.yaml", "- Halo kak {name}, terima kasih, pesanan dikirim besok ya 🙏\n")
    bad = write(tmp_path, "bad.yaml", "- ready gan\n")
    assert lint(good).exit_code == 0
    assert lint(bad).exit_code == 0                       # warnings only; default fail-level error
    assert lint(bad, "--fail-level", "warning").exit_code == 1
    assert lint(bad, "--fail-under", "90").exit_code == 1
    assert lint(good, "--fail-under", "90").exit_code == 0
    assert lint(bad, "--fail-level", "info", "--exit-zero").exit_code == 0
    wrong = write(tmp_path, "wrong.yaml", "- Halo kak Rina, pesanan dikirim besok 🙏\n")
    assert lint(wrong).exit_code == 1                     # wrong-name is an error


def test_text_output_is_ruff_style_with_a_summary(tmp_path):
    bad = write(tmp_path, "bad.yaml", "- ready gan\n")
    out = lint(bad).output
    assert f"{bad}:1:3: warning use-name" in out
    assert f"{bad}:1:9: " in out and "generic-address" in out
    assert "Found 3 problems (0 errors, 1 warning, 2 info) in 1 of 1 template in 1 file." in out
    good = write(tmp_path, "good.yaml", "- Halo kak {name}, terima kasih, pesanan dikirim besok ya 🙏\n")
    assert "No problems in 1 template (1 file)." in lint(good).output


def test_examples_lint_with_helpful_output():
    result = CliRunner().invoke(main, ["lint", str(REPO / "examples")])
    assert result.exit_code == 1, result.output           # some example templates are deliberately bad
    out = result.output
    assert "wrong-name" in out and "Rina" in out
    for name in ("id.yaml", "el.md", "en.csv"):
        assert name in out
    assert "below fail-under 60" in out
    assert "Found" in out
    assert "chats/" not in out and "in 3 files" in out  # the chat exports are for `score`, not templates


def test_every_intent_stand_in_means_its_intent_in_every_language(linter):
    from chatlint.library.standins import INTENT_SIGNALS, INTENTS

    assert set(INTENTS) == set(INTENT_SIGNALS)
    assert set(linter.lexicons) == {"id", "el", "en"}
    for lang, lexicon in linter.lexicons.items():
        assert set(lexicon.customer_messages) == set(INTENTS)
        for intent, message in lexicon.customer_messages.items():
            signals = set(linter.check("Ok 🙂", reply_to=message, lang=lang).signals)
            assert signals & INTENT_SIGNALS[intent], (intent, lang, message, signals)


def test_exclude_globs_skip_files_in_folders(tmp_path):
    write(tmp_path, ".chatlint.yaml", "exclude: [\"drafts/*\", \"*.txt\"]\n")
    write(tmp_path, "lib/ok.yaml", "- Halo kak {name}, terima kasih, pesanan dikirim besok ya 🙏\n")
    write(tmp_path, "lib/drafts/wip.yaml", "- ready gan\n")
    write(tmp_path, "lib/notes.txt", "ready gan\n")
    data, _ = lint_json(tmp_path / "lib")
    assert [Path(t["file"]).name for t in data["templates"]] == ["ok.yaml"]
    # a file named on the command line is always read
    data, _ = lint_json(tmp_path / "lib" / "notes.txt")
    assert len(data["templates"]) == 1


def test_update_baseline_rewrites_it(tmp_path):
    lib = write(tmp_path, "lib.yaml", "a: ready gan\n")
    baseline = tmp_path / "b.json"
    lint(lib, "--baseline", baseline)
    lib.write_text("a: ready gan\nc: barang ready gan\n")
    assert lint(lib, "--baseline", baseline, "--fail-level", "info").exit_code == 1
    assert lint(lib, "--baseline", baseline, "--update-baseline").exit_code == 0
    assert lint(lib, "--baseline", baseline, "--fail-level", "info").exit_code == 0
    assert lint(lib, "--update-baseline").exit_code == 2
    baseline.write_text("[1, 2]")
    result = lint(lib, "--baseline", baseline)
    assert result.exit_code == 2 and "not a chatlint baseline" in result.output

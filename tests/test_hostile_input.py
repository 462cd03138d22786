"""Issue 12: hostile and odd input. No crash, no hang, no lost line: each item of the issue,
reproduced as it was reported."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from chatlint.cli import main
from chatlint.model.messages import Ledger
from chatlint.readers import read
from linear import assert_linear

ROOT = Path(__file__).resolve().parents[1]
RINA = ROOT / "examples" / "chats" / "toko-batik-rina.txt"
DEFAULTS = Path(__file__).parent / "fixtures" / "default-config.yaml"


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in (result.output or ""), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def score_json(*paths, extra=()):
    result = run("score", "--config", str(DEFAULTS), "--agent", "Toko Batik Sekar", "--format", "json",
                 *extra, *map(str, paths))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout), result


def parse(path, **kw):
    ledger = Ledger()
    return list(read(path, ledger, **kw)), ledger


# --- data silently lost -----------------------------------------------------------------------

def test_cr_only_line_endings_are_lines(tmp_path):
    path = tmp_path / "cr.txt"
    path.write_bytes(RINA.read_bytes().replace(b"\n", b"\r"))
    plain, _ = score_json(RINA)
    cr, result = score_json(path, extra=("--strict",))
    assert cr["lines"]["message"] == plain["lines"]["message"] > 0
    assert cr["lines"]["lines"] == plain["lines"]["lines"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_exports_are_read(tmp_path, encoding):
    path = tmp_path / "u.txt"
    path.write_bytes(RINA.read_text(encoding="utf-8").encode(encoding))
    plain, _ = parse(RINA)
    messages, ledger = parse(path)
    assert [(m.sender, m.text) for m in messages] == [(m.sender, m.text) for m in plain]
    assert not ledger.skipped


def test_every_chat_of_a_zip_is_scored(tmp_path):
    path = tmp_path / "chats.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.write(RINA, "WhatsApp Chat with Rina.txt")
        z.write(ROOT / "examples" / "chats" / "toko-batik-wa-62812.txt", "WhatsApp Chat with 62812.txt")
        z.writestr("notes.txt", "not a chat at all\n")
    data, result = score_json(path)
    total = sum(len(Path(p).read_text().splitlines()) for p in (RINA, ROOT / "examples/chats/toko-batik-wa-62812.txt"))
    assert data["lines"]["lines"] == total
    assert len({c["file"] for c in data["conversations"]}) == 2
    assert "notes.txt: not a WhatsApp chat" in result.stderr


@pytest.mark.parametrize("text,expected", [
    ("12/25/15, 10:30:15 PM: Dewi: Halo kak\n", "2015-12-25 22:30:15"),          # old iOS, no brackets
    ("14:56, 18/03/2022 - Dewi: Halo\n", "2022-03-18 14:56:00"),                 # time before the date
    ("[27/03, 21:41] Dewi: Halo\n", "2000-03-27 21:41:00"),                      # no year
    ("27/03/2022, 9:15 in the evening - Dewi: Halo\n", "2022-03-27 21:15:00"),  # "in the morning" style
    ("2022/3/27 下午9:41 - Dewi: Halo\n", "2022-03-27 21:41:00"),
    ("[27/03/22 9.41 malam] Dewi: Halo\n", "2022-03-27 21:41:00"),
])
def test_more_header_styles_are_read(tmp_path, text, expected):
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    messages, ledger = parse(path)
    assert [str(m.time) for m in messages] == [expected] and not ledger.skipped


def test_dates_without_a_year_run_on_into_the_next_year(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("[31/12, 23:59] Dewi: Halo\n[01/01, 00:10] Toko: Halo kak\n", encoding="utf-8")
    messages, ledger = parse(path)
    assert messages[1].time > messages[0].time and ledger.warnings


def test_lines_before_the_first_header_pass_strict(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("Chat export\n- 1 -\n" + RINA.read_text(encoding="utf-8"), encoding="utf-8")
    data, result = score_json(path, extra=("--strict",))
    assert data["lines"]["skipped"] == 0 and "before the first message header" in result.stderr


@pytest.mark.parametrize("placeholder", [
    "Template.docx \u200edokumen tidak disertakan", "Resume.pdf • \u200e2 halaman \u200edokumen tidak disertakan",
    "\u200estiker tidak disertakan", "\u200eGIF omitted", "Some file.txt \u200edocument omitted",
    "\u200eέγγραφο παραλείφθηκε", "\u200e<attached: 00000048-Template.docx>"])
def test_ios_placeholders_are_no_admin_messages(tmp_path, placeholder):
    path = tmp_path / "chat.txt"
    path.write_text(f"[3/27/22 21.41.35] Dewi: Halo kak\n\u200e[3/27/22 21.50.43] Toko: {placeholder}\n",
                    encoding="utf-8")
    messages, _ = parse(path)
    assert messages[1].system


def test_a_message_over_the_limit_is_skipped_with_its_reason(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("01/02/24 09.00 - Dewi: " + "a" * 70_000 + "\n01/02/24 09.05 - Toko: ok kak\n")
    messages, ledger = parse(path)
    assert [m.sender for m in messages] == ["Toko"]
    assert ledger.lines == 2 and "the limit is 65,536" in ledger.skipped[0].reason


def test_a_fifo_is_refused_not_read_forever(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "chat.txt"
    os.mkfifo(fifo)
    for args in (("score", str(fifo)), ("lint", str(fifo)), ("check", "--config", str(fifo), "halo")):
        result = run(*args)
        assert result.exit_code == 2 and "not a regular file" in result.stderr


# --- crashes ------------------------------------------------------------------------------------

def _rule_dir(tmp_path, body: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "thanks.yaml").write_text(body, encoding="utf-8")
    return folder


@pytest.mark.parametrize("body,words", [
    ("weight: " + "9" * 5000 + "\n", "more than 100 digits"),
    ("weight: .nan\n", "finite"), ("weight: .inf\n", "finite"), ("weight: -3\n", "from 0 to 1000"),
])
def test_bad_numbers_in_a_rule_file(tmp_path, body, words):
    result = run("check", "--rules", str(_rule_dir(tmp_path, body)), "makasih")
    assert result.exit_code == 2 and "thanks.yaml:1" in result.stderr and words in result.stderr


@pytest.mark.parametrize("when", ["not " * 1000 + "question", "(" * 1000 + "question" + ")" * 1000])
def test_deeply_nested_conditions(tmp_path, when):
    body = (ROOT / "rules" / "builtin" / "thanks.yaml").read_text(encoding="utf-8")
    body = "\n".join(f"when: {when}" if line.startswith("when:") else line for line in body.splitlines())
    result = run("check", "--rules", str(_rule_dir(tmp_path, body)), "makasih")
    assert result.exit_code == 2 and "nest more than 50" in result.stderr


@pytest.mark.parametrize("name,text", [
    ("deep.json", "[" * 5000 + "]" * 5000), ("deep.yaml", "a: " + "[" * 5000 + "]" * 5000),
    ("deep2.json", "[" * 60 + "]" * 60), ("deep2.yaml", "a: " + "[" * 60 + "]" * 60),
    ("nan.json", '[{"text": NaN}]'), ("inf.json", '[{"text": "hi", "id": Infinity}]'),
    ("long.json", '[{"text": "hi", "id": ' + "1" * 5000 + "}]"),
])
def test_libraries_nested_or_with_odd_numbers(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("lint", str(path))
    assert result.exit_code == 2 and f"{name}:1" in result.stderr


def test_deep_toml_and_telegram(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.chatlint]\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "missing.yaml")])
    export = tmp_path / "result.json"
    export.write_text('{"messages": ' + "[" * 5000 + "]" * 5000 + "}")
    result = run("score", "--config", str(DEFAULTS), str(export))
    assert result.exit_code == 2 and "nest more than 50" in result.stderr
    export.write_text('{"messages": [[[1]], 5, {"type": "message", "text": [["x"], {"text": 5}], "from": [1]}]}')
    messages, ledger = parse(export)
    assert ledger.lines == 1 and len(ledger.skipped) == 2


def test_deep_toml_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.chatlint]\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    lib = tmp_path / "lib.yaml"
    lib.write_text("- halo kak\n")
    result = run("lint", str(lib))
    assert result.exit_code == 2 and "pyproject.toml:2" in result.stderr and "nest" in result.stderr


@pytest.mark.parametrize("draft", [b"halo kak \xff", b"ok\nhalo \xc3", b"\xfe\xfe"])
def test_invalid_bytes_in_a_draft(draft):
    proc = subprocess.run([sys.executable, "-m", "chatlint.cli", "check", "-"], input=draft,
                          capture_output=True, timeout=60)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert b"<stdin>:" in proc.stderr and b"not UTF-8 text" in proc.stderr


def test_lone_surrogates_in_a_library_and_the_api(tmp_path, linter):
    path = tmp_path / "lib.json"
    path.write_text('[{"text": "halo \\ud800 kak"}]', encoding="utf-8")
    assert run("lint", str(path)).exit_code in (0, 1)
    assert linter.check("halo \ud800 kak").text == "halo \ufffd kak"


# --- hangs and quadratic time ---------------------------------------------------------------------

def _laughs(depth: int = 9) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, depth + 1):
        text += f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join(["*" + chr(96 + i)] * 9) + "]\n"
    return text


def test_billion_laughs_in_a_rule_file_config_and_library(tmp_path):
    rules = _rule_dir(tmp_path, _laughs())
    config = tmp_path / "c.yaml"
    config.write_text(_laughs())
    lib = tmp_path / "lib.yaml"
    lib.write_text(_laughs())
    for args in (("check", "--rules", str(rules), "x"), ("check", "--config", str(config), "x"),
                 ("lint", str(lib))):
        result = run(*args)
        assert result.exit_code == 2 and "expand to more than 100,000 values" in result.stderr


def test_a_big_template_library_is_linear(tmp_path):
    def make(n):
        path = tmp_path / f"lib{n}.yaml"
        path.write_text("".join(f"- Halo kak {{name}}, pesanan {i} sudah dikirim ya 🙏\n" for i in range(n)))
        return path

    assert_linear(make, lambda p: run("lint", "--config", str(DEFAULTS), str(p)), base=40)


def test_a_huge_template_is_refused_at_once(tmp_path):
    path = tmp_path / "lib.yaml"
    path.write_text("- ok kak\n- " + "halo kak " * 140_000 + "\n")  # 1.2 MB
    result = run("lint", str(path))
    assert result.exit_code == 2 and "lib.yaml:2: template line 2" in result.stderr
    assert "the limit is 65,536" in result.stderr


def test_many_phrases_load_in_linear_time(tmp_path):
    from chatlint.engine import Linter

    body = (ROOT / "rules" / "builtin" / "calm.yaml").read_text(encoding="utf-8")

    def make(n):
        folder = tmp_path / f"p{n}"
        folder.mkdir()
        words = "".join(f"      - zzq{i} kata\n" for i in range(n))
        (folder / "custom.yaml").write_text(_phrase_rule(words))
        return folder

    assert_linear(make, lambda folder: Linter(rule_dirs=[folder]).pack("id"), base=500, factor=4)


def _phrase_rule(phrases: str) -> str:
    return ("description: x\netiquette: y\nlevel: info\nweight: 1\nlanguages: [id]\n"
            "check:\n  type: phrases\n  mode: forbid\n  phrases:\n    id:\n" + phrases +
            "message: {id: m}\nsuggestion: {id: s}\nexamples:\n"
            "  - {lang: id, reply: 'zzq0 kata', expect: fail}\n  - {lang: id, reply: 'halo', expect: pass}\n")


def test_strict_on_a_long_export_stops_at_the_first_skipped_line(tmp_path):
    def make(n):
        path = tmp_path / f"chat{n}.txt"
        path.write_text("01/02/24 09.00 - Dewi: halo\n31/02/24 09.00 - Dewi: bad date\n"
                        + "".join(f"01/02/24 09.{i % 60:02d} - Dewi: pesan {i}\n" for i in range(n)))
        return path

    def go(path):
        result = run("score", "--config", str(DEFAULTS), "--agent", "Toko", "--strict", str(path))
        assert result.exit_code == 2 and ":2: --strict" in result.stderr

    assert_linear(make, go, base=2000)


# --- wrong values accepted ------------------------------------------------------------------------

@pytest.mark.parametrize("config,line,words", [
    ("weights: {thanks: -5}\n", 1, "from 0 to 1000"), ("weights: {thanks: .nan}\n", 1, "finite"),
    ("\ndefault-lang: xx\n", 2, "default-lang"), ("languages: []\n", 1, "at least one language"),
    ("idle-gap-minutes: 0\n", 1, "above 0"), ("idle-gap-minutes: -1\n", 1, "above 0"),
    ("idle-gap-minutes: .inf\n", 1, "finite"),
])
def test_wrong_values_in_a_config(tmp_path, config, line, words):
    path = tmp_path / "c.yaml"
    path.write_text(config)
    result = run("score", "--config", str(path), str(RINA))
    assert result.exit_code == 2 and f"c.yaml:{line}:" in result.stderr and words in result.stderr


def test_idle_gap_flag_refuses_infinity():
    result = run("score", "--idle-gap", "inf", str(RINA))
    assert result.exit_code == 2 and "--idle-gap" in result.output


def test_a_broken_tool_chatlint_table_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.chatlint\ndisable = []\n')
    monkeypatch.chdir(tmp_path)
    result = run("check", "halo kak")
    assert result.exit_code == 2 and "pyproject.toml:3" in result.stderr
    (tmp_path / "pyproject.toml").write_text('[project\nname = "x"\n')  # broken, but not ours
    assert run("check", "halo kak").exit_code in (0, 1)


@pytest.mark.parametrize("name,content,where", [
    ("lib.yaml", b"- halo\n- kak \xff\n", "lib.yaml:2:7"),
    ("lib.csv", b"text\nhalo\nhalo \x00\n", "lib.csv:3:6"),
    ("lib.csv", b"text,text\nhi,ho\n", "lib.csv:1:2"),
    ("lib.csv", b'text\n"hi\nho\n', "lib.csv:2"),
    ("lib.yaml", b"- a\n- b\x01\n", "lib.yaml:2"),
])
def test_errors_name_the_file_and_line(tmp_path, name, content, where):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("lint", str(path))
    assert result.exit_code == 2 and f"{path.parent / where}" in result.stderr, result.stderr


def test_export_errors_name_the_line(tmp_path):
    bad = tmp_path / "chat.txt"
    bad.write_bytes(b"01/02/24 09.00 - Dewi: halo\n01/02/24 09.01 - Dewi: \xff\n")
    result = run("score", "--config", str(DEFAULTS), str(bad))
    assert result.exit_code == 2 and "chat.txt:2:24:" in result.stderr
    dup = tmp_path / "chats.csv"
    dup.write_text("time,sender,text,text\n2024-01-01T10:00,a,hi,ho\n")
    result = run("score", "--config", str(DEFAULTS), str(dup))
    assert result.exit_code == 2 and "chats.csv:1:4:" in result.stderr
    unclosed = tmp_path / "open.csv"
    unclosed.write_text('time,sender,text\n2024-01-01T10:00,a,"hi\nho\n')
    result = run("score", "--config", str(DEFAULTS), str(unclosed))
    assert result.exit_code == 2 and "open.csv:2:" in result.stderr and "never closed" in result.stderr


# --- transcripts a trainer reads right -----------------------------------------------------------

def _evening_chat(tmp_path) -> Path:
    path = tmp_path / "chat.txt"
    path.write_text("01/02/24 17.30 - Dewi: Kak, yang merah ready?\n"
                    "01/02/24 20.08 - Toko Batik Sekar: Ready kak Dewi 🙏\n", encoding="utf-8")
    return path


def test_business_minutes_are_labelled_with_the_clock_beside(tmp_path):
    path = _evening_chat(tmp_path)
    html = tmp_path / "r.html"
    data, _ = score_json(path, extra=("--business-hours", "mon-fri 08:00-17:00", "--html", str(html)))
    result = run("score", "--config", str(DEFAULTS), "--agent", "Toko Batik Sekar", "--format", "jsonl",
                 "--business-hours", "mon-fri 08:00-17:00", str(path))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    reply = next(r for r in rows if r.get("sender") == "Toko Batik Sekar")
    assert reply["response_minutes"] == 0 and reply["response_clock_minutes"] == 158
    assert reply["response_counted"] == "business hours"
    page = html.read_text(encoding="utf-8")
    assert "0 min in business hours (2 h 38 min on the clock)" in page
    assert "median response (business hours)" in page


def test_the_html_report_says_what_each_score_is(tmp_path):
    html = tmp_path / "r.html"
    score_json(RINA, extra=("--html", str(html)))
    page = html.read_text(encoding="utf-8")
    assert "The <b>overall score</b> is the mean of the conversations' scores" in page
    assert "the mean score of the messages each admin sent" in page.lower()


def test_tables_at_80_columns_keep_conversation_ids_apart(tmp_path):
    for i in range(3):
        (tmp_path / f"whatsapp-chat-export-with-a-very-long-customer-name-number-{i}.txt").write_text(
            RINA.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run([sys.executable, "-m", "chatlint.cli", "score", "--config", str(DEFAULTS), "--agent",
                           "Toko Batik Sekar", *sorted(map(str, tmp_path.glob("*.txt")))],
                          capture_output=True, text=True, env=env, timeout=120)
    table = proc.stdout.split("Conversations", 1)[1].split("Admins", 1)[0]
    assert max(map(len, table.splitlines())) <= 80
    flat = "".join(line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│"))
    for i in range(3):
        assert f"number-{i}.txt:1" in flat


def test_too_many_phrases_are_refused(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "custom.yaml").write_text(_phrase_rule("".join(f"      - w{i}\n" for i in range(20_001))))
    result = run("check", "--rules", str(folder), "halo")
    assert result.exit_code == 2 and "custom.yaml:10:" in result.stderr and "20,000" in result.stderr


@pytest.mark.parametrize("name", ["c.yaml", "lib.yaml"])
def test_a_yaml_alias_inside_its_own_anchor(tmp_path, name):
    """Found by tests/test_fuzz.py: `&a [*a]` is a cycle that recursed without end."""
    path = tmp_path / name
    path.write_text("extends: default\nx: &a [1, *a]\n" if name == "c.yaml" else "- &a [1, *a]\n")
    result = run("check", "--config", str(path), "halo") if name == "c.yaml" else run("lint", str(path))
    assert result.exit_code == 2 and "a cycle" in result.stderr

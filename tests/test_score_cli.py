"""`chatlint score` end to end on the example chats and small exports."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chatlint.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(str(p) for p in (ROOT / "examples" / "chats").glob("*.txt"))
DEWI = str(ROOT / "examples" / "chats" / "toko-batik-whatsapp.txt")


# examples/.chatlint.yaml retunes the shop (business hours, levels); these tests check the
# built-in defaults, so they name an empty configuration instead of the discovered one.
DEFAULTS = ROOT / "tests" / "fixtures" / "default-config.yaml"


def score(*args):
    return CliRunner().invoke(main, ["score", "--config", str(DEFAULTS), *args], catch_exceptions=False)


def test_terminal_output_lists_findings_with_file_line_then_scorecards():
    result = score(*EXAMPLES)
    assert result.exit_code == 1  # unanswered questions are errors
    out = result.stdout
    assert f"{DEWI}:5: info    generic-address" in out  # "ready gan" to Dewi
    assert f"{DEWI}:16: warning shouting" in out
    assert "Balasan pertama baru dikirim setelah 2 h 38 min (target 1 h)." in out
    assert "Conversations" in out and "Admins" in out and "Toko Batik Sekar" in out
    assert "34 lines read: 27 messages, 2 continuation lines, 5 system lines, 0 skipped" in out
    assert "admin: 'Toko Batik Sekar' (inferred: present in all 5 conversations)" in result.stderr


def test_idle_gap_splits_but_a_waiting_customer_keeps_the_conversation():
    rows = [json.loads(line) for line in score(DEWI, "--format", "jsonl").stdout.splitlines()]
    conversations = {r["conversation"] for r in rows}
    assert len(conversations) == 4
    rows = [json.loads(line) for line in
            score(DEWI, "--format", "jsonl", "--idle-gap", "5000").stdout.splitlines()]
    assert len({r["conversation"] for r in rows}) == 1


def test_jsonl_has_one_line_per_message_with_the_customers_turn_context():
    result = score(DEWI, "--format", "jsonl", "--agent", "Toko Batik Sekar")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 21  # every message header of the file (23 lines, 2 continuations), system lines included
    reply = next(r for r in rows if r["line"] == 7)
    assert reply["role"] == "agent" and reply["end_line"] == 8 and reply["score"] == 100
    assert reply["text"].endswith("Bahan katun primisima, dijahit rapi 🙏")
    late = next(r for r in rows if r["line"] == 5)
    assert late["response_minutes"] == 158.0
    assert {"use-name", "generic-address", "response-time", "greeting"} <= {f["rule"] for f in late["findings"]}
    assert "admins: Toko Batik Sekar" in result.stderr


def test_csv_output_opens_as_a_spreadsheet():
    result = score(*EXAMPLES, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0].keys() >= {"file", "line", "conversation", "sender", "role", "score", "rules", "text"}
    shouted = next(r for r in rows if r["text"] == "SUDAH DIKIRIM KOK, SABAR")
    assert "shouting" in shouted["rules"].split(";") and int(shouted["score"]) < 80


def test_json_output_has_conversations_admins_rules_and_line_counts():
    data = json.loads(score(*EXAMPLES, "--format", "json").stdout)
    assert [a["admin"] for a in data["admins"]] == ["Toko Batik Sekar"]
    assert data["admins"][0]["messages"] == 11
    assert data["lines"]["lines"] == 34 and data["lines"]["skipped"] == 0
    unanswered = [c for c in data["conversations"] if "unanswered" in c["top_failing_rules"]]
    assert {c["customer"] for c in unanswered} == {"Dewi Lestari", None}  # phone numbers are no names
    rates = {r["rule"]: r for r in data["rules"]}
    assert rates["follow-up"]["failed"] == 1


def test_business_hours_count_only_business_minutes(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("06/01/24 21.00 - Dewi: Kak, bisa kirim ke Medan?\n"      # Saturday night
                    "08/01/24 08.10 - Toko: Halo kak Dewi, bisa kak. Ongkirnya 25rb. Terima kasih!\n",
                    encoding="utf-8")
    plain = json.loads(score(str(path), "--agent", "Toko", "--format", "json").stdout)
    assert "response-time" in plain["conversations"][0]["top_failing_rules"]
    hours = json.loads(score(str(path), "--agent", "Toko", "--format", "json",
                             "--business-hours", "mon-fri 08:00-17:00").stdout)
    conversation = hours["conversations"][0]
    assert "response-time" not in conversation["top_failing_rules"]
    assert "business-hours" in conversation["top_failing_rules"]  # wrote on Saturday, not told the hours
    assert conversation["median_response_minutes"] == 10


def test_strict_makes_a_skipped_line_an_error(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("01/02/24 09.00 - Dewi: Halo kak\n31/02/24 09.05 - Dewi: ada?\n", encoding="utf-8")
    assert score(str(path), "--agent", "Toko").exit_code == 0
    result = score(str(path), "--agent", "Toko", "--strict")
    assert result.exit_code == 2
    assert f"chatlint: error: {path}:2: --strict: a skipped line: a message header whose date or time is " \
           "impossible" in result.stderr
    assert "Traceback" not in result.output


def test_a_title_before_the_first_message_is_no_skipped_line(tmp_path):
    """Issue 12: a title or page number before the first header failed --strict."""
    path = tmp_path / "chat.txt"
    path.write_text("exported by a tool\npage 1\n01/02/24 09.00 - Dewi: Halo kak\n", encoding="utf-8")
    result = score(str(path), "--agent", "Toko", "--strict", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "lines 1-2 before the first message header" in result.stderr
    lines = json.loads(result.stdout)["lines"]
    assert lines["lines"] == 3 and lines["system"] == 2 and lines["message"] == 1


def test_bad_input_is_a_clear_error(tmp_path):
    result = score(str(tmp_path / "missing.txt"))
    assert result.exit_code == 2 and "missing.txt: no such file" in result.stderr
    bad = tmp_path / "chats.csv"
    bad.write_text("a,b\n1,2\n")
    result = score(str(bad))
    assert result.exit_code == 2 and f"{bad}:1: no text column" in result.stderr
    result = score(str(bad), "--columns", "words=a")
    assert result.exit_code == 2 and "--columns: expected FIELD=COLUMN" in result.stderr


def test_csv_input_with_roles_and_conversation_ids(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("time,from,side,message,chat\n"
                    "2024-05-01 09:00,Anna,customer,Hi! Do you ship to Crete?,7\n"
                    "2024-05-01 09:04,Nikos,agent,\"Hi Anna, yes we do, shipping is 4 euros. Thank you!\",7\n"
                    "2024-05-01 09:01,Maria,customer,Is the blue vase in stock?,8\n", encoding="utf-8")
    result = score(str(path), "--format", "json")
    data = json.loads(result.stdout)
    assert {c["chat"] for c in data["conversations"]} == {"7", "8"}
    assert data["admins"][0]["admin"] == "Nikos"
    assert "roles as stated in the export" in result.stderr


def test_fail_level_and_exit_zero():
    assert score(DEWI, "--exit-zero").exit_code == 0
    assert score(str(ROOT / "examples" / "chats" / "toko-batik-rina.txt")).exit_code == 0
    rina = str(ROOT / "examples" / "chats" / "toko-batik-rina.txt")  # a good chat: info findings only
    assert score(rina, "--fail-level", "warning").exit_code == 0
    assert score(rina, "--fail-level", "info").exit_code == 1


def test_conversation_rules_are_documented_like_the_others():
    result = CliRunner().invoke(main, ["rule", "response-time"])
    assert result.exit_code == 0
    assert "Seed 000 §3" in result.stdout and "09:00 customer: Kak, gamis yang hijau masih ada?" in result.stdout
    listed = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).stdout)
    assert {r["id"]: r["scope"] for r in listed}["unanswered"] == "conversation"


def test_a_customer_known_by_number_is_named_from_the_export_file_name(tmp_path):
    path = tmp_path / "WhatsApp Chat with Dewi.txt"
    path.write_text("01/02/24 09.00 - \u202a+62 812-3456-7890\u202c: Kak, yang merah ready?\n"
                    "01/02/24 09.05 - Toko: Ready kak\n", encoding="utf-8")
    rows = [json.loads(line) for line in score(str(path), "--format", "jsonl").stdout.splitlines()]
    assert rows[0]["sender"] == "+62 812-3456-7890" and rows[1]["role"] == "agent"
    assert any(f["rule"] == "use-name" and "(Dewi)" in f["message"] for f in rows[1]["findings"])


def test_greek_chat_scored_in_greek_with_the_shop_inferred():
    path = str(ROOT / "tests" / "fixtures" / "greek_android.txt")
    result = score(path, "--format", "json")
    assert "admin: 'Κεραμικά Αιγαίο' (inferred" in result.stderr
    data = json.loads(result.stdout)
    first, second = data["conversations"]
    assert (first["customer"], first["lang"], first["median_response_minutes"]) == ("Μαρία Παπαδοπούλου", "el", 22)  # waits of 42 and 2 min
    assert second["customer"] is None  # +30 694 123 4567 is a number, not a name
    closing = [f for m in second["messages"] for f in m["findings"] if f["rule"] == "closing"]
    assert closing and closing[0]["message"].startswith("Το τελευταίο μήνυμα του διαχειριστή")


def test_response_time_target_depends_on_the_channel():
    chat = json.loads(score(DEWI, "--format", "json").stdout)
    email = json.loads(score(DEWI, "--format", "json", "--channel", "email").stdout)
    def rules(data):
        return {f["rule"] for c in data["conversations"] for m in c["messages"] for f in m["findings"]}

    assert "response-time" in rules(chat)  # 2 h 38 and 3 h 30 > 1 h
    assert "response-time" not in rules(email)  # < 12 h
    result = score(DEWI, "--channel", "sms")
    assert result.exit_code == 2 and "--channel sms: no response-time target" in result.stderr

"""Readers on real exports (../shared/data/exports, skipped when absent) and on a Greek fixture.

Every physical line must be accounted for; clean files have no skipped lines.
"""

import json
from datetime import datetime
from pathlib import Path

import pytest

from chatlint.model.messages import Ledger
from chatlint.model.errors import ChatlintError
from chatlint.readers import Input, detect, read

EXPORTS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "exports"
FIXTURES = Path(__file__).parent / "fixtures"
WHATSAPP = sorted(p for p in EXPORTS.rglob("*") if p.suffix in (".txt", ".zip")
                  and "signal" not in p.parts and p.name != "SOURCES.md") if EXPORTS.is_dir() else []
TELEGRAM = sorted([*EXPORTS.glob("telegram/*.json"), *EXPORTS.glob("chat-miner/telegram/test_*.json")]) \
    if EXPORTS.is_dir() else []
needs_exports = pytest.mark.skipif(not EXPORTS.is_dir(), reason="../shared/data/exports not present")


def physical_lines(path: Path) -> int:
    return sum(1 for _ in Input(path).lines())


def parse(path, **kw):
    ledger = Ledger()
    messages = list(read(path, ledger, **kw))
    return messages, ledger


def export(relative: str) -> Path:
    path = EXPORTS / relative
    if not path.exists():
        pytest.skip(f"{relative} not present")
    return path


@needs_exports
@pytest.mark.parametrize("path", WHATSAPP, ids=[str(p.relative_to(EXPORTS)) for p in WHATSAPP])
def test_every_real_whatsapp_export_parses_with_every_line_accounted_for(path):
    assert detect(Input(path)) == "whatsapp"
    messages, ledger = parse(path)
    assert ledger.lines == physical_lines(path)
    assert sum(ledger.counts.values()) == ledger.lines
    assert ledger.skipped == [], [f"{s.line}: {s.reason}" for s in ledger.skipped]
    spoken = [m for m in messages if not m.system]
    assert spoken, "no messages"
    assert all(m.time and m.sender and m.text.strip() for m in spoken)
    assert all("\u200e" not in m.sender and "\u202a" not in m.sender for m in messages)


@needs_exports
@pytest.mark.parametrize("path", TELEGRAM, ids=[str(p.relative_to(EXPORTS)) for p in TELEGRAM])
def test_every_real_telegram_export_parses_with_every_line_accounted_for(path):
    assert detect(Input(path)) == "telegram"
    messages, ledger = parse(path)
    assert ledger.lines == physical_lines(path)
    assert ledger.skipped == []
    assert messages
    assert all(m.time for m in messages)


@needs_exports
@pytest.mark.parametrize("name", ["test_[mmddyy]_24hrs.txt", "test_ddmmyy_24hrs.txt", "test_mmddyy_24hrs.txt",
                                  "test_mmddyyyy_12hrs.txt", "test_yyyymmdd_24hrs.txt"])
def test_whatsapp_matches_chat_miners_expected_parse(name):
    target = json.loads(export("chat-miner/whatsapp/target.json").read_text())
    messages, _ = parse(export(f"chat-miner/whatsapp/{name}"))
    # chat-miner joins a multi-line message's lines with a space; chatlint keeps the line breaks
    got = {(m.time, m.sender, " ".join(m.text.split())) for m in messages if not m.system}
    for row in target:
        assert (datetime.fromisoformat(row["timestamp"]), row["author"], row["message"]) in got


@needs_exports
def test_telegram_matches_chat_miners_expected_parse():
    target = json.loads(export("chat-miner/telegram/target.json").read_text())
    for name in ("test_single_export.json", "test_batch_export.json"):
        messages, _ = parse(export(f"chat-miner/telegram/{name}"))
        got = [(m.time, m.sender, m.text.replace(" ", "")) for m in messages]
        # Telegram joins text entities as written; chat-miner adds a space between them
        assert got == [(datetime.fromisoformat(r["timestamp"]), r["author"], r["message"].replace(" ", ""))
                       for r in target]


@needs_exports
def test_indonesian_iphone_times_with_dots_and_media_placeholders():
    messages, ledger = parse(export("whats_json/test/data/languages/indonesian_ios.txt"))
    first = next(m for m in messages if m.line == 2)
    assert (first.time, first.sender, first.text) == (datetime(2022, 3, 27, 21, 41, 35), "Dmitry S", "Hello World")
    media = next(m for m in messages if m.line == 3)
    assert media.system and media.text == "gambar tidak disertakan"
    assert next(m for m in messages if m.line == 1).system  # "Pesan dan panggilan terenkripsi ..."
    assert any("month first" in note for note in ledger.notes)


@needs_exports
def test_android_day_first_and_media_omitted():
    messages, _ = parse(export("whats_json/test/data/languages/english_android.txt"))
    assert messages[1].time == datetime(2022, 3, 18, 14, 56)
    assert messages[2].text == "<Media omitted>" and messages[2].system
    assert messages[0].system and messages[0].sender == ""  # the encryption notice
    deleted = [m for m in messages if m.text == "This message was deleted"]
    assert deleted and all(m.system for m in deleted)


@needs_exports
def test_twelve_hour_clock_month_first():
    messages, _ = parse(export("WhatsR/englishandroidampm.txt"))
    hey = next(m for m in messages if m.text == "Hey! :)")
    assert hey.time == datetime(2018, 1, 29, 12, 24) and hey.sender == "Mallory"
    after_midnight = next(m for m in messages if m.text.startswith("This should help"))
    assert after_midnight.time == datetime(2018, 1, 30, 0, 0)


@needs_exports
def test_one_export_mixing_two_date_shapes():
    messages, _ = parse(export("whatsapp-text_2023-10/WhatsApp Chat with +123 45 6789.txt"))
    by_line = {m.line: m for m in messages}
    assert by_line[9].time == datetime(2023, 6, 30, 16, 14)      # 6/30/23: month first
    assert by_line[11].time == datetime(2023, 6, 30, 16, 15)     # 30/6/2023: day first
    assert by_line[11].text == "IMG-20230630-WA0000.jpg (file attached)\nimage comment"
    multi = by_line[3]
    assert multi.text == "hello there!\n\nthis is a\nmulti-line message!"


@needs_exports
def test_zip_export_reads_the_chat_inside():
    path = export("whats_json/test/data/ios/WhatsApp Chat - Elon Musk (RU).zip")
    messages, ledger = parse(path)
    assert ledger.files == [f"{path}!_chat.txt"]
    assert {m.sender for m in messages} == {"Dmitry Starkov", "Elon Musk"}
    assert len(messages) == 25


@needs_exports
def test_vietnamese_time_first_and_buddhist_and_japanese_calendars():
    for relative in ("whats_json/test/data/languages/vietnamese_ios.txt",
                     "whats_json/test/data/calendars/Buddhist iOS.txt",
                     "whats_json/test/data/calendars/Japanese iOS.txt"):
        messages, _ = parse(export(relative))
        hello = next(m for m in messages if m.text == "Hello World")
        assert hello.time == datetime(2022, 3, 27, 21, 41, 35), relative


@needs_exports
def test_telegram_multi_chat_export_keeps_chats_apart():
    messages, _ = parse(export("telegram/telegram_2020-01.result.json"))
    assert len({m.chat for m in messages}) == 4
    text = next(m for m in messages if m.text == "Дратути")
    assert text.sender == "Vvvvv Vvvvvvvvv"
    assert '"id"' in export("telegram/telegram_2020-01.result.json").read_text().splitlines()[text.line - 1]


def test_greek_android_export_with_greek_am_pm():
    messages, ledger = parse(FIXTURES / "greek_android.txt")
    assert ledger.skipped == [] and ledger.lines == physical_lines(FIXTURES / "greek_android.txt")
    assert any("day first (line 8)" in note for note in ledger.notes)
    assert messages[0].system and "κρυπτογραφημένα" in messages[0].text
    reply = messages[3]
    assert (reply.time, reply.sender) == (datetime(2023, 3, 12, 10, 40), "Κεραμικά Αιγαίο")
    assert reply.text.endswith("\nΣτέλνουμε σε 2-3 εργάσιμες.")
    evening = messages[6]
    assert evening.time == datetime(2023, 3, 13, 18, 15) and evening.sender == "+30 694 123 4567"
    assert messages[2].system and messages[7].system  # media omitted, deleted message


def test_greek_iphone_export():
    messages, ledger = parse(FIXTURES / "greek_ios.txt")
    assert ledger.skipped == []
    assert messages[0].system and messages[2].system  # notice and "εικόνα παραλείφθηκε" after a direction mark
    assert messages[3].time == datetime(2023, 3, 12, 12, 5, 40)  # 12:05 μ.μ. is noon
    assert messages[4].time == datetime(2023, 3, 13, 13, 10)
    assert messages[3].text == "Γεια σας Γιώργο! Ναι, στέλνουμε σε όλη την Ελλάδα,\nτα μεταφορικά είναι 4 €."


def test_csv_with_a_column_mapping(tmp_path):
    path = tmp_path / "chats.csv"
    path.write_text("when,who,side,body,ticket\n"
                    "2024-05-01T09:00,Dewi,customer,Kak ready?,A1\n"
                    "2024-05-01T09:05,Sekar,agent,\"Ready kak,\nwarna apa?\",A1\n"
                    "yesterday,Dewi,customer,oops,A1\n", encoding="utf-8")
    columns = {"timestamp": "when", "sender": "who", "role": "side", "text": "body", "conversation": "ticket"}
    messages, ledger = parse(path, columns=columns)
    assert [(m.sender, m.role, m.chat) for m in messages] == [("Dewi", "customer", "A1"), ("Sekar", "agent", "A1")]
    assert messages[1].text == "Ready kak,\nwarna apa?"
    assert ledger.counts == {"message": 2, "continuation": 1, "system": 1, "skipped": 1}
    assert ledger.skipped[0].line == 5 and "timestamp 'yesterday'" in ledger.skipped[0].reason


def test_csv_without_a_text_column_is_an_error_naming_the_columns(tmp_path):
    path = tmp_path / "chats.csv"
    path.write_text("time,who\n2024-05-01T09:00,Dewi\n")
    with pytest.raises(ChatlintError) as exc:
        parse(path)
    assert str(exc.value).startswith(f"{path}:1: no text column; the columns are: time, who")


def test_jsonl_guesses_columns_and_skips_broken_lines(tmp_path):
    path = tmp_path / "chats.jsonl"
    path.write_text('{"timestamp": "2024-05-01 09:00", "author": "Dewi", "message": "Halo kak"}\n'
                    '{"timestamp": 1714554300, "author": "Shop", "message": "Halo kak Dewi"}\n'
                    '{broken\n\n', encoding="utf-8")
    messages, ledger = parse(path)
    assert [m.sender for m in messages] == ["Dewi", "Shop"]
    assert messages[1].time == datetime(2024, 5, 1, 9, 5)
    assert ledger.skipped[0].line == 3 and ledger.lines == 4


def test_unknown_format_is_an_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\nnothing else\n")
    with pytest.raises(ChatlintError) as exc:
        parse(path)
    assert "cannot tell the export format" in str(exc.value) and str(path) in str(exc.value)

"""Scoring on Spark (chatlint/spark.py), in local mode: the same results as the
single-machine `score` on the same messages, row for row; bad input is a clear error."""

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")

from click.testing import CliRunner  # noqa: E402

import chatlint  # noqa: E402
from chatlint.cli import main  # noqa: E402
from chatlint.model.messages import Message  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

TURNS = [  # (lang, customer, shop replies)
    ("id", "Kak, pesanan saya belum sampai, sudah seminggu", ["Mohon maaf kak, kami cek resinya ya 🙏", "cek dulu"]),
    ("id", "Kak yang merah ready?", ["Ready kak, silakan diorder ya 🙂", "barang ready gan"]),
    ("en", "Is the blue one still available?", ["Yes, in all sizes 🙂", "ok"]),
    ("en", "My parcel arrived damaged", ["So sorry! Please send a photo and we'll replace it today.", "not our fault"]),
    ("el", "Πότε θα έρθει η παραγγελία;", ["Αύριο θα σας έρθει :)", "ναι"]),
]
CUSTOMERS = ["Dewi", "Budi", "Maria", "Sarah", "Nikos", "Rina"]


def table(conversations=12, seed=3):
    """Messages of a marketplace table: several shop agents, three languages."""
    rnd = random.Random(seed)
    rows, t0 = [], datetime(2024, 5, 6, 8, 0)
    for c in range(conversations):
        lang, question, replies = TURNS[c % len(TURNS)]
        customer, agent = CUSTOMERS[c % len(CUSTOMERS)], f"cs-{c % 3}"
        t = t0 + timedelta(hours=c * 3)
        turns = [(customer, question), (agent, rnd.choice(replies)), (customer, "makasih" if lang == "id"
                                                                      else "thanks" if lang == "en" else "ευχαριστώ")]
        if c % 4 == 0:
            turns.append((agent, rnd.choice(replies)))
        for sender, text in turns:
            t += timedelta(minutes=rnd.randint(1, 40))
            rows.append({"conversation": f"chat-{c:02d}", "sender": sender, "time": t.isoformat(),
                         "text": text, "role": "agent" if sender.startswith("cs-") else "customer"})
    return rows


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("chatlint tests")
               .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def plain(rows):
    return [r.asDict(recursive=True) for r in rows]


def by(key, rows):
    return sorted(rows, key=lambda r: tuple(r[k] for k in key))


def test_score_messages_matches_single_machine_score_row_for_row(spark):
    from chatlint.spark import score_messages

    rows = table()
    rows.insert(5, {**rows[5], "time": "yesterday-ish"})   # a row that cannot be scored
    messages, conversations, agents = result = score_messages(spark.createDataFrame(rows))

    # the same messages on one machine; in Spark a message's line is its row's place in its chat
    places, local = {}, []
    for r in rows:
        places[r["conversation"]] = places.get(r["conversation"], 0) + 1
        if r["time"] == "yesterday-ish":
            continue
        local.append(Message("", places[r["conversation"]], datetime.fromisoformat(r["time"]), r["sender"],
                             r["text"], chat=r["conversation"], role=r["role"]))
    alone = chatlint.score(local)
    got = plain(messages.collect())
    assert len(got) == len(alone.messages) == len(rows) - 1
    skipped = plain(result.skipped.collect())
    assert [(s["line"], s["reason"]) for s in skipped] == [(2, "timestamp 'yesterday-ish' is not a date and time (expected ISO "
                                              "8601 such as 2024-05-01T09:30 or a Unix time)")]
    key = ("conversation", "line")
    assert by(key, got) == by(key, alone.messages)
    assert by(("conversation",), plain(conversations.collect())) == by(("conversation",), alone.conversations)
    assert by(("admin",), plain(agents.collect())) == by(("admin",), alone.agents)
    assert {f["rule"] for m in got for f in m["findings"]} >= {"apology", "use-name"}
    result.unpersist()


def test_engine_spark_writes_what_score_json_gives(spark, tmp_path):
    jsonl = tmp_path / "chats.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in table(6)) + "not json\n", encoding="utf-8")
    paths = [str(EXAMPLES / "chats"), str(jsonl)]
    files = sorted(str(p) for p in (EXAMPLES / "chats").glob("*.txt")) + [str(jsonl)]
    local = CliRunner().invoke(main, ["score", "--format", "json", "--exit-zero", *files])
    data = json.loads(local.stdout)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["score", "--engine", "spark", "--output", str(out), "--exit-zero", *paths])
    assert result.exit_code == 0, result.output
    assert "1 row(s) not scored" in result.stderr and "not a JSON object" in result.stderr

    import pyarrow.parquet as pq

    def read(name):
        return pq.read_table(out / name).to_pylist()

    key = ("file", "line")
    assert by(key, read("messages")) == by(key, [m for c in data["conversations"] for m in c["messages"]])
    rows = [{**c, "messages": len([m for m in c["messages"] if m["role"] != "system"])}
            for c in data["conversations"]]
    assert by(("conversation",), read("conversations")) == by(("conversation",), rows)
    assert by(("admin",), read("agents")) == by(("admin",), data["admins"])


def test_engine_spark_reads_parquet_tables(spark, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = table(5)
    pq.write_table(pa.Table.from_pylist([{**r, "time": datetime.fromisoformat(r["time"])} for r in rows]),
                   tmp_path / "messages.parquet")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["score", "--engine", "spark", "--output", str(out), "--exit-zero",
                                       str(tmp_path / "messages.parquet")])
    assert result.exit_code == 0, result.output
    got = pq.read_table(out / "messages").to_pylist()
    assert sorted((m["sender"], m["text"], m["time"][:16]) for m in got) == \
        sorted((r["sender"], r["text"], r["time"].replace("T", " ")[:16]) for r in rows)
    assert {m["conversation"] for m in got} == {f"{tmp_path / 'messages.parquet'}:chat-0{i}#1" for i in range(5)}


@pytest.mark.parametrize("columns,args,expected", [
    ({"chat": "c1", "sender": "Dewi", "words": "halo"}, [], "no text column"),
    ({"conversation": "c1", "sender": "Dewi", "text": 5}, [], "column 'text' (text) has type bigint; expected a string"),
    ({"conversation": "c1", "sender": "Dewi", "text": "hi", "time": True}, [], "column 'time' (time) has type boolean"),
    ({"conversation": "c1", "sender": "Dewi", "text": "hi"}, ["--columns", "text=message"],
     "column 'message' (for text) not found"),
])
def test_bad_tables_are_errors_naming_the_column(spark, tmp_path, columns, args, expected):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "bad.parquet"
    pq.write_table(pa.Table.from_pylist([columns]), path)
    result = CliRunner().invoke(main, ["score", "--engine", "spark", "--output", str(tmp_path / "o"), *args,
                                       str(path)])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr and str(path) in result.stderr and "Traceback" not in result.output


def test_unreadable_inputs_are_errors_naming_the_file(spark, tmp_path):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    notes = tmp_path / "notes.csv"
    notes.write_text("who,when\nDewi,today\n", encoding="utf-8")
    for path, expected in ((broken, "cannot read as a Parquet table"), (notes, "no text column"),
                           (tmp_path / "missing.jsonl", "no such file or folder")):
        result = CliRunner().invoke(main, ["score", "--engine", "spark", "--output", str(tmp_path / "o"),
                                           str(path)])
        assert result.exit_code == 2, result.output
        assert str(path) in result.stderr and expected in result.stderr, result.stderr


def test_the_readme_spark_example_runs(spark):
    from test_readme import python_examples, test_python_example

    test_python_example(python_examples(spark=True)[0])

"""Scoring a marketplace-scale message table on Spark: local[1], local[2] and one process.

    python bench/spark_scale.py [--messages 200000] [--keep DIR]

Generates a table of realistic conversations (Indonesian, Greek and English customers
and shop agents, the turns of bench/corpus.py, minutes to hours between messages),
writes it as Parquet, then scores it three ways in one run and prints messages per
second and the ratios between them:

  single   chatlint.Scoring over the same messages in this process (what `chatlint
           score` does), streaming
  local[1] chatlint.spark.score_messages on a Spark session with one core, the three
           result tables written as Parquet
  local[2] the same with two cores

Needs the spark extra (pip install ".[spark]") and Java 17+; nothing else. The times
include Spark's work of reading the table and writing the results, not starting the
session. This machine is noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CUSTOMERS, NAMES, REPLIES  # noqa: E402

FOLLOW_UPS = {
    "id": ["makasih kak", "oke kak", "jadi kapan sampainya?", "siap kak 🙏", "kok belum ada resi?"],
    "el": ["ευχαριστώ", "εντάξει", "και πότε θα έρθει;", "τέλεια!", "ακόμα τίποτα;"],
    "en": ["thanks!", "ok", "so when will it arrive?", "great", "any update?"],
}
SURNAMES = ["Lestari", "Santoso", "Papadopoulou", "Nikolaou", "Smith", "Wijaya", "Brown", "Georgiou"]


def generate(n: int, seed: int = 11) -> list[dict]:
    """At least `n` messages: conversations of 2 to 8 turns with one of 40 agents each."""
    rng = random.Random(seed)
    rows = []
    start = datetime(2024, 3, 1, 8, 0)
    c = 0
    while len(rows) < n:
        lang = ("id", "id", "en", "el")[c % 4]
        first = rng.choice([x for x in NAMES[lang] if x]).split()[0]
        customer = f"{first} {rng.choice(SURNAMES)}"
        agent = f"cs-{lang}-{rng.randrange(40 // 3 + 1)}"
        t = start + timedelta(minutes=rng.randrange(60 * 24 * 60))
        turns = [(customer, "customer", rng.choice(CUSTOMERS[lang]))]
        for _ in range(rng.randint(0, 3)):
            turns.append((agent, "agent", rng.choice(REPLIES[lang]).replace("{name}", first)))
            turns.append((customer, "customer", rng.choice(FOLLOW_UPS[lang])))
        turns.append((agent, "agent", rng.choice(REPLIES[lang]).replace("{name}", first)))
        for sender, role, text in turns:
            t += timedelta(minutes=rng.choice((1, 2, 3, 5, 8, 15, 40, 90, 300)))
            rows.append({"conversation": f"T{c:07d}", "sender": sender, "role": role, "time": t, "text": text})
        c += 1
    return rows


def single(rows) -> float:
    import chatlint
    from chatlint.model.messages import Message

    places: dict = {}
    messages = []
    for r in rows:
        places[r["conversation"]] = places.get(r["conversation"], 0) + 1
        messages.append(Message("", places[r["conversation"]], r["time"], r["sender"], r["text"],
                                chat=r["conversation"], role=r["role"]))
    chatlint.check("warm-up", reply_to="hi")  # rules and lexicons, as Spark's workers load them too
    began = time.perf_counter()
    count = 0
    scoring = chatlint.Scoring(messages)
    for scored, _ in scoring:
        count += len(scored.items)
    scoring.card.close()
    elapsed = time.perf_counter() - began
    assert count == len(rows), (count, len(rows))
    return elapsed


def on_spark(master: str, table: str, out: str) -> tuple[float, int]:
    from pyspark.sql import SparkSession

    from chatlint.spark import score_messages

    spark = (SparkSession.builder.master(master).appName(f"chatlint bench {master}")
             .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").config("spark.driver.memory", "4g")
             .config("spark.sql.shuffle.partitions", str(4 * int(master[6:-1]))).getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    spark.range(10).count()  # the session is up before the clock starts
    began = time.perf_counter()
    result = score_messages(spark.read.parquet(table))
    for name, frame in (("messages", result.messages), ("conversations", result.conversations),
                        ("agents", result.agents)):
        frame.write.mode("overwrite").parquet(f"{out}/{master.replace('[', '').replace(']', '')}/{name}")
    elapsed = time.perf_counter() - began
    count = spark.read.parquet(f"{out}/{master.replace('[', '').replace(']', '')}/messages").count()
    result.unpersist()
    spark.stop()
    return elapsed, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--keep", metavar="DIR", help="keep the table and results here")
    args = parser.parse_args()
    import pyarrow as pa
    import pyarrow.parquet as pq

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="chatlint-spark-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = generate(args.messages)
    table = str(work / "messages.parquet")
    pq.write_table(pa.Table.from_pylist(rows), table)
    conversations = len({r["conversation"] for r in rows})
    print(f"table: {len(rows):,} messages in {conversations:,} conversations ({table})", flush=True)
    results = {}
    for master in ("local[1]", "local[2]"):
        elapsed, count = on_spark(master, table, str(work / "out"))
        assert count == len(rows), (master, count, len(rows))
        results[master] = elapsed
        print(f"{master:9} {elapsed:8.1f} s  {len(rows) / elapsed:9,.0f} messages/s", flush=True)
    results["single"] = single(rows)
    print(f"{'single':9} {results['single']:8.1f} s  {len(rows) / results['single']:9,.0f} messages/s")
    rate = {k: len(rows) / v for k, v in results.items()}
    print(f"local[2] / local[1]: {rate['local[2]'] / rate['local[1]']:.2f}x   "
          f"local[1] / single: {rate['local[1]'] / rate['single']:.2f}x   "
          f"local[2] / single: {rate['local[2]'] / rate['single']:.2f}x")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Scoring marketplace-scale chat logs on Apache Spark (`pip install "chatlint[spark]"`).

    from chatlint.spark import score_messages
    messages, conversations, agents = score_messages(df)

`df` is a Spark DataFrame of messages, one row each. Columns (names configurable with
`columns={"text": "body", ...}`; unmapped ones are also found under the common names
the CSV reader knows: time/timestamp/created_at, from/author, message/body...):

  conversation   the conversation (chat, ticket) id: string or integer       required
  text           what was written: string                                     required
  sender         who wrote it: string                          sender or role required
  role           the side: agent/admin/shop/seller/cs... is the shop, anything else the customer
  time           timestamp, date, ISO 8601 string, or Unix seconds/milliseconds (integer);
                 timestamps are read in the session's time zone (the command line sets UTC)
  customer_name  the customer's name (else the customer's sender name is used)
  file, line     where the message came from (ids and positions in the output; without a
                 line column, messages are taken in order of time and a message's line is
                 its position in its chat)

Messages are grouped by (file, conversation) (whole chats hashed into `buckets`, one
`applyInPandas` group each) and each chat is scored where it lives, on the executors,
exactly as the single-machine `chatlint score` scores a chat: split at silences longer than the idle gap, the shop's messages linted against the
customer's turn, then the conversation rules. Each executor process builds its Linter
once (chatlint.api.linter_for keeps it). Agents' scorecards are aggregated by Spark.

The three DataFrames have the fields `chatlint score --format json` gives: messages
(file, line, end_line, conversation, time, sender, role, text, position, score,
response_minutes, response_counted, response_clock_minutes, findings), conversations (conversation, file, line, chat, number,
customer, admins, start, lang, messages, admin_messages, score, message_score,
rules_score, median_response_minutes, top_failing_rules, findings) and agents (admin,
messages, conversations, score, median_response_minutes, top_failing_rules). The
result also has `.skipped`: the rows that could not be scored (file, line, reason).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import partial

from .model.errors import ChatlintError

FIELDS = ("conversation", "text", "sender", "role", "time", "customer_name", "file", "line", "end_line",
          "system")

MESSAGE_SCHEMA = (
    "file string, line long, end_line long, conversation string, time string, sender string, role string, "
    "text string, position string, score long, response_minutes double, response_counted string, "
    "response_clock_minutes double, "
    "findings array<struct<rule: string, level: string, message: string, suggestion: string, start: long, "
    "end: long, fix: struct<start: long, end: long, text: string>, critical: boolean>>")
CONVERSATION_SCHEMA = (
    "conversation string, file string, line long, chat string, number long, customer string, "
    "admins array<string>, start string, lang string, messages long, admin_messages long, score long, "
    "message_score long, rules_score long, median_response_minutes double, top_failing_rules array<string>, "
    "findings long")
SKIPPED_SCHEMA = "file string, line long, reason string"
ROWS_PER_BUCKET = 2000
MAX_BUCKETS = 100_000
_GROUP_OUT = ("kind string, sender string, role string, score long, minute long, rules array<string>, "
              "conversation string, row string")
_STATS_OUT = "stats string, firsts string"
_PREPARED = ("_file string, _chat string, _order long, _line long, _end_line long, _time string, "
             "_sender string, _text string, _role string, _customer string, _system boolean, _by_time boolean")


def require_spark():
    try:
        import pyspark  # noqa: F401
        import pyarrow  # noqa: F401
        import pandas  # noqa: F401
    except ImportError as exc:
        raise ChatlintError(f"scoring on Spark needs the spark extra ({exc.name} is missing): "
                            'pip install "chatlint[spark]"') from None


# --- columns ---------------------------------------------------------------------------

def _guesses(field: str) -> tuple:
    from .readers.tabular import GUESSES

    key = {"time": "timestamp"}.get(field, field)
    return (field, *GUESSES.get(key, ()))


def resolve_columns(df, columns: dict | None = None, where: str = "the DataFrame") -> dict[str, str]:
    """field -> column of `df`; a missing or wrongly typed column is a ChatlintError naming it."""
    columns = dict(columns or {})
    unknown = [f for f in columns if f not in FIELDS]
    if unknown:
        raise ChatlintError(f"columns: unknown field {unknown[0]!r}; expected one of: {', '.join(FIELDS)}")
    names = df.columns
    lower = {c.lower(): c for c in names}
    resolved = {}
    for field in FIELDS:
        if field in columns:
            if columns[field] not in names:
                raise ChatlintError(f"{where}: column {columns[field]!r} (for {field}) not found; the columns "
                                    f"are: {', '.join(names)}")
            resolved[field] = columns[field]
            continue
        if field in ("file", "line", "end_line", "system", "customer_name") and field not in names:
            continue  # only under their own names: "name" or "user" is no customer's name
        for guess in _guesses(field):
            if guess in lower and lower[guess] not in resolved.values():
                resolved[field] = lower[guess]
                break
    for field in ("conversation", "text"):
        if field not in resolved:
            raise ChatlintError(f"{where}: no {field} column (messages are grouped by conversation); the "
                                f"columns are: {', '.join(names)} (map them with columns={{{field!r}: ...}} "
                                f"or --columns {'conversation' if field == 'conversation' else 'text'}=COLUMN)")
    if not {"sender", "role"} & set(resolved):
        raise ChatlintError(f"{where}: no sender or role column; the columns are: {', '.join(names)}")
    types = dict(df.dtypes)
    for field, column in resolved.items():
        kind = types[column]
        expected = _EXPECTED[field]
        if not any(kind == e or kind.startswith(e + "(") for e in expected[0]):
            raise ChatlintError(f"{where}: column {column!r} ({field}) has type {kind}; expected {expected[1]}")
    return resolved


_INTEGRAL = ("tinyint", "smallint", "int", "bigint")
_EXPECTED = {
    "conversation": (("string", *_INTEGRAL), "a string or an integer id"),
    "text": (("string",), "a string"),
    "sender": (("string",), "a string"),
    "role": (("string",), "a string (agent, admin, shop... or customer)"),
    "time": (("timestamp", "timestamp_ntz", "date", "string", *_INTEGRAL),
             "a timestamp, a date, an ISO 8601 string or Unix seconds/milliseconds as an integer"),
    "customer_name": (("string",), "a string"),
    "file": (("string",), "a string"),
    "line": (_INTEGRAL, "an integer"),
    "end_line": (_INTEGRAL, "an integer"),
    "system": (("boolean",), "a boolean"),
}


def prepare(df, columns: dict | None = None, where: str = "the DataFrame", file: str | None = None):
    """`df` with chatlint's column names and types (the `_PREPARED` schema)."""
    from pyspark.sql import functions as F

    cols = resolve_columns(df, columns, where)
    types = dict(df.dtypes)

    def col(field, cast="string"):
        return F.col(cols[field]).cast(cast) if field in cols else F.lit(None).cast(cast)

    time = F.lit(None).cast("string")
    if "time" in cols:
        kind = types[cols["time"]]
        time = F.col(cols["time"])
        if kind.startswith("timestamp"):
            time = F.date_format(time, "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
        elif kind == "date":
            time = F.date_format(time, "yyyy-MM-dd")
        time = time.cast("string")
    line = col("line", "long")
    order = line if "line" in cols else F.monotonically_increasing_id()
    return df.select(
        (F.lit(file) if file is not None else F.coalesce(col("file"), F.lit(""))).alias("_file"),
        F.coalesce(col("conversation"), F.lit("")).alias("_chat"),
        order.alias("_order"), line.alias("_line"), col("end_line", "long").alias("_end_line"),
        time.alias("_time"),
        F.coalesce(col("sender"), F.lit("")).alias("_sender"),
        F.coalesce(col("text"), F.lit("")).alias("_text"),
        col("role").alias("_role"), col("customer_name").alias("_customer"),
        col("system", "boolean").alias("_system"),
        F.lit("line" not in cols).alias("_by_time"),  # no line column: messages in order of time
    )


# --- on the executors ------------------------------------------------------------------

@dataclass
class _Job:
    """What every group's scoring needs; pickled to the executors."""

    config: object           # chatlint.api.Config
    agents: list | None      # the shop's senders, decided once (None: infer, for the stats pass)
    agent_reason: str
    channel: str


def _present(value) -> bool:
    return value is not None and value == value  # pandas gives NaN for a missing number


_COLUMNS = ("_file", "_chat", "_order", "_line", "_end_line", "_time", "_sender", "_text", "_role", "_customer",
            "_system", "_by_time")


def _chats(pdf):
    """The chats in a group of rows (a bucket of whole chats): lists of rows, each chat's in order."""
    from itertools import groupby

    rows = sorted(zip(*(pdf[c].tolist() for c in _COLUMNS)), key=lambda r: (r[0], r[1], r[2]))
    for _, chat in groupby(rows, key=lambda r: (r[0], r[1])):
        yield list(chat)


def _messages(rows):
    """One chat's rows as Messages, in order; rows whose time is no time are skipped."""
    from .model.messages import Message
    from .readers.tabular import AGENT_ROLES, parse_time

    if rows and bool(rows[0][11]):
        keyed, last = [], ""
        for row in rows:  # a row without a readable time stays after the row before it
            last = _sort_time(row[5]) or last
            keyed.append((last, row))
        keyed.sort(key=lambda kr: kr[0])  # stable: input order among equal times
        rows = [row for _, row in keyed]
    messages, skipped = [], []
    rows = ((r[0], r[1], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]) for r in rows)
    for position, (file, chat, line, end_line, time, sender, text, role_value, customer, system) in enumerate(rows, 1):
        line = int(line) if _present(line) else position
        try:
            stamp = parse_time(time) if _present(time) else None
        except (ValueError, OverflowError, OSError):
            skipped.append((file, line, f"timestamp {time!r} is not a date and time (expected ISO 8601 such "
                                        f"as 2024-05-01T09:30 or a Unix time)"))
            continue
        role_value = str(role_value).strip().lower() if _present(role_value) else ""
        role = ("agent" if role_value in AGENT_ROLES else "customer") if role_value else None
        text = str(text)
        messages.append(Message(file, line, stamp, str(sender).strip() or (role or ""), text, chat=chat,
                                role=role, system=bool(system) if _present(system) else not text.strip(),
                                end_line=int(end_line) if _present(end_line) else line,
                                customer_name=customer if _present(customer) and customer else None))
    return messages, skipped


def _sort_time(value):
    from .readers.tabular import parse_time

    try:
        stamp = parse_time(value) if _present(value) else None
    except (ValueError, OverflowError, OSError):
        stamp = None
    return stamp.isoformat() if stamp else ""


def _score_chats(job: _Job, pdf):
    """applyInPandas: a bucket of whole chats -> message, conversation and skipped rows."""
    import pandas as pd

    out = []
    for rows in _chats(pdf):
        out += _score_chat(job, rows)
    names = ("kind", "sender", "role", "score", "minute", "rules", "conversation", "row")
    return pd.DataFrame.from_records(out, columns=names, coerce_float=False)


def _score_chat(job: _Job, rows) -> list:
    """One chat's rows -> message, conversation and skipped rows."""
    import pandas as pd

    from .api import linter_for
    from .conversation.run import ScoreRun
    from .conversation.scorecard import conversation_row, message_row

    messages, skipped = _messages(rows)
    out = []
    try:
        linter = linter_for(job.config)   # built once per executor process, then kept
        run = ScoreRun(messages, linter, job.config.settings, job.channel, job.agents, job.agent_reason)
        for scored in run:
            row = conversation_row(scored)
            out.append(("conversation", None, None, None, None, None, row["conversation"],
                        json.dumps(row, ensure_ascii=False)))
            for item in scored.items:
                m = message_row(scored, item)
                out.append(("message", item.message.sender, item.role, item.score,
                            round(item.wait) if item.wait is not None else None,
                            sorted({f.rule for f in item.findings}), m["conversation"],
                            json.dumps(m, ensure_ascii=False)))
    except Exception as exc:  # noqa: BLE001 - a chat that cannot be scored is reported, not lost
        out = []
        reason = f"its conversation could not be scored ({type(exc).__name__}: {exc})"
        skipped += [(m.file, m.line, reason) for m in messages]
    for file, line, reason in skipped:
        out.append(("skipped", None, None, None, None, None, None,
                    json.dumps({"file": file, "line": line, "reason": reason}, ensure_ascii=False)))
    return out


def _chat_stats(job: _Job, pdf):
    """applyInPandas: who writes when in one chat, for inferring the shop's senders."""
    import pandas as pd

    from .conversation.agents import AgentStats
    from .conversation.split import split

    stats = AgentStats()
    firsts = {}
    for rows in _chats(pdf):
        messages, _ = _messages(rows)
        for conversation in split(iter(messages), job.config.settings.idle_gap_minutes):
            stats.add(conversation)
        for m in messages:
            if m.sender and not m.system:
                firsts[m.sender] = min(firsts.get(m.sender, [m.file, m.line]), [m.file, m.line])
    return pd.DataFrame({"stats": [json.dumps(stats.to_dict())], "firsts": [json.dumps(firsts)]})


# --- on the driver ---------------------------------------------------------------------

class SparkScore(tuple):
    """(messages, conversations, agents) DataFrames; also .skipped, .admins, .agent_reason."""

    def __new__(cls, messages, conversations, agents, skipped, admins, agent_reason, raw):
        self = super().__new__(cls, (messages, conversations, agents))
        self.messages, self.conversations, self.agents = messages, conversations, agents
        self.skipped, self.admins, self.agent_reason, self.raw = skipped, admins, agent_reason, raw
        return self

    def unpersist(self):
        self.raw.unpersist()


def score_messages(df, columns: dict | None = None, config=None, agents=None, channel: str = "chat",
                   idle_gap: float | None = None, prepared: bool = False, buckets: int | None = None) -> SparkScore:
    """Score a DataFrame of messages on Spark: (messages, conversations, agents) DataFrames.

    `config`: as for chatlint.score (None, a config file's path, a Settings or a Config);
    `agents`: the shop's senders (else from the role column, else inferred as `chatlint
    score` infers them); `idle_gap`: minutes of silence that start a new conversation;
    `buckets`: how many groups the chats are hashed into, each scored in one go on an executor
    (default: about one per ROWS_PER_BUCKET messages, at least 8 per core, at most MAX_BUCKETS;
    raise it for billions of messages, so that a group fits in an executor's memory).
    """
    require_spark()
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from .api import as_config, linter_for

    config = as_config(config)
    settings = config.settings
    if idle_gap is not None:
        settings = replace(settings, idle_gap_minutes=float(idle_gap))
    if agents:
        settings = replace(settings, agents=list(agents))
    config = replace(config, settings=settings)
    if channel not in settings.response_time:
        raise ChatlintError(f"--channel {channel}: no response-time target; known channels: "
                            f"{', '.join(settings.response_time)}")
    linter_for(config)  # a bad rule or configuration is an error here, on the driver
    data = df if prepared else prepare(df, columns)
    # whole chats go to buckets by a hash of (file, conversation); a bucket is one pandas group
    # (a group per chat would cost Spark's per-group overhead, a few ms, for every conversation)
    if buckets is None:
        parallelism = data.sparkSession.sparkContext.defaultParallelism
        buckets = max(8 * parallelism, min(MAX_BUCKETS, data.count() // ROWS_PER_BUCKET + 1))
    data = data.withColumn("_bucket", F.abs(F.xxhash64("_file", "_chat")) % F.lit(int(buckets)))
    keys = ["_bucket"]
    job = _Job(config, None, "", channel)
    if settings.agents:
        admins, reason = list(settings.agents), "named with --agent"
    elif data.filter(F.col("_role").isNotNull() & (F.trim(F.col("_role")) != "")).limit(1).count():
        admins, reason = [], "roles as stated in the export"   # as AgentStats.infer() says it
    else:
        admins, reason = _infer_agents(data, job, keys)
    job = replace(job, agents=admins, agent_reason=reason)
    raw = data.groupBy(*keys).applyInPandas(partial(_score_chats, job), _GROUP_OUT)
    raw = raw.persist(StorageLevel.MEMORY_AND_DISK)

    def rows(kind, schema):
        return raw.filter(F.col("kind") == kind).select(F.from_json("row", schema).alias("r")).select("r.*")

    messages = rows("message", MESSAGE_SCHEMA)
    conversations = rows("conversation", CONVERSATION_SCHEMA)
    skipped = rows("skipped", SKIPPED_SCHEMA)
    return SparkScore(messages, conversations, _agents(raw), skipped, admins, reason, raw)


def _infer_agents(data, job: _Job, keys) -> tuple[list[str], str]:
    from .conversation.agents import AgentStats

    partials = data.groupBy(*keys).applyInPandas(partial(_chat_stats, job), _STATS_OUT).collect()
    firsts: dict = {}
    for row in partials:
        for sender, (file, line) in json.loads(row.firsts).items():
            firsts[sender] = min(firsts.get(sender, (file, line)), (file, line))
    stats = AgentStats()
    for sender in sorted(firsts, key=lambda s: (firsts[s], s)):  # senders in order of first appearance
        stats.messages[sender] = 0
    for row in partials:
        stats.merge(json.loads(row.stats))
    stats.messages = +stats.messages
    return stats.infer()


def _agents(raw):
    """Each admin's scorecard, aggregated by Spark as Scorecard does it on one machine."""
    from pyspark.sql import functions as F

    sent = raw.filter((F.col("kind") == "message") & (F.col("role") == "agent"))
    cards = sent.groupBy("sender").agg(
        F.count(F.lit(1)).alias("messages"),
        F.countDistinct("conversation").alias("conversations"),
        F.bround(F.sum("score") / F.count(F.lit(1)), 0).cast("long").alias("score"),
        F.expr("percentile(minute, 0.5)").alias("median_response_minutes"),
    )
    failed = (sent.select("sender", F.explode("rules").alias("rule")).groupBy("sender", "rule").count()
              .groupBy("sender").agg(F.slice(F.array_sort(F.collect_list(
                  F.struct((-F.col("count")).alias("n"), F.col("rule")))), 1, 3).alias("top")))
    return (cards.join(failed, "sender", "left")
            .select(F.col("sender").alias("admin"), "messages", "conversations", "score",
                    "median_response_minutes",
                    F.coalesce(F.expr("transform(top, x -> x.rule)"), F.array().cast("array<string>"))
                    .alias("top_failing_rules")))


# --- the command line: chatlint score --engine spark -----------------------------------

TABLE_SUFFIXES = (".parquet",)
EXPORT_SUFFIXES = (".txt", ".zip", ".json", ".jsonl", ".ndjson", ".csv", ".tsv")
_READ_OUT = ("kind string, file string, line long, end_line long, time string, sender string, text string, "
             "chat string, role string, system boolean, info string")


def inputs(paths) -> tuple[list[str], list[str]]:
    """(Parquet tables, chat exports and message files) named by `paths`; folders are searched."""
    from pathlib import Path

    tables, exports = [], []
    for given in paths:
        if "://" in str(given):  # s3a://, hdfs://...: a Parquet table Spark reads itself
            tables.append(str(given))
            continue
        path = Path(given)
        if not path.exists():
            raise ChatlintError("no such file or folder", str(given))
        if path.is_file():
            (tables if path.suffix.lower() in TABLE_SUFFIXES else exports).append(str(given))
            continue
        files = [f for f in sorted(path.rglob("*")) if f.is_file()
                 and not any(part.startswith((".", "_")) for part in f.relative_to(path).parts)]
        if any(f.suffix.lower() in TABLE_SUFFIXES for f in files):
            tables.append(str(given))  # a Parquet table: a folder of part files
        exports += [str(f) for f in files if f.suffix.lower() in EXPORT_SUFFIXES]
        if not any(f.suffix.lower() in (*TABLE_SUFFIXES, *EXPORT_SUFFIXES) for f in files):
            raise ChatlintError(f"no Parquet tables or chat exports in the folder (looked for "
                                f"{', '.join(TABLE_SUFFIXES + EXPORT_SUFFIXES)})", str(given))
    return tables, exports


def _read_export(fmt_in: str, columns: dict, path: str):
    """On an executor: one file through chatlint's own readers, every line accounted for."""
    from .model.messages import Ledger
    from .readers import read

    ledger = Ledger()
    try:
        for m in read(path, ledger, fmt_in, columns):
            yield ("message", m.file, m.line, m.end_line or m.line, m.time.isoformat() if m.time else None,
                   m.sender, m.text, m.chat, m.role, m.system, None)
    except ChatlintError as exc:
        yield ("error", path, None, None, None, None, None, None, None, None, str(exc))
        return
    yield ("ledger", path, None, None, None, None, None, None, None, None, json.dumps(ledger.to_dict()))


def read_exports(spark, paths, fmt_in: str = "auto", columns: dict | None = None):
    """Chat exports and CSV/JSONL files, one task per file: (prepared messages, [ledger dicts])."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    rdd = spark.sparkContext.parallelize(paths, max(1, len(paths))).flatMap(
        partial(_read_export, fmt_in, columns or {}))
    read = spark.createDataFrame(rdd, _READ_OUT).persist(StorageLevel.MEMORY_AND_DISK)
    errors = read.filter(F.col("kind") != "message").select("kind", "info").collect()
    failed = [r.info for r in errors if r.kind == "error"]
    if failed:
        read.unpersist()
        raise ChatlintError(failed[0])
    ledgers = [json.loads(r.info) for r in errors if r.kind == "ledger"]
    messages = read.filter(F.col("kind") == "message").select(
        F.col("file").alias("_file"), F.col("chat").alias("_chat"), F.col("line").alias("_order"),
        F.col("line").alias("_line"), F.col("end_line").alias("_end_line"), F.col("time").alias("_time"),
        F.col("sender").alias("_sender"), F.col("text").alias("_text"), F.col("role").alias("_role"),
        F.lit(None).cast("string").alias("_customer"), F.col("system").alias("_system"),
        F.lit(False).alias("_by_time"))
    return messages, ledgers


def read_tables(spark, paths, columns: dict | None = None):
    """Parquet tables (files or folders), each prepared; the file field is the path given."""
    frames = []
    for path in paths:
        try:
            df = spark.read.parquet(path)
        except Exception as exc:  # noqa: BLE001 - Spark's AnalysisException and friends
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ChatlintError(f"cannot read as a Parquet table: {first[:300]}", path) from None
        frames.append(prepare(df, columns, where=path, file=path))
    return frames


def session(master: str | None = None, app: str = "chatlint score"):
    """A SparkSession: `master` when given, else spark-submit's, else local[*]; times in UTC."""
    require_spark()
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app).config("spark.sql.session.timeZone", "UTC") \
        .config("spark.ui.showConsoleProgress", "false")
    if master or not SparkConf().contains("spark.master"):
        builder = builder.master(master or "local[*]")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def table_columns(mapping: dict | None) -> dict:
    """`--columns` names (timestamp, sender, role, text, conversation) as score_messages' fields."""
    return {{"timestamp": "time"}.get(k, k): v for k, v in (mapping or {}).items()}


def run_job(paths, output: str, master: str | None, config, agents=(), fmt_in: str = "auto",
            columns: dict | None = None, channel: str = "chat", strict: bool = False,
            fail_level: str = "error", report=print) -> int:
    """`chatlint score --engine spark`: write messages/, conversations/ and agents/ as Parquet
    under `output`; returns the exit code (1: a finding at `fail_level`)."""
    from functools import reduce

    from pyspark.sql import functions as F

    from .model.findings import LEVELS

    if not paths:
        raise ChatlintError("no input given: chatlint score --engine spark --output DIR PATH...")
    tables, exports = inputs(paths)
    spark = session(master)
    frames = read_tables(spark, tables, table_columns(columns or config.settings.columns))
    ledgers = []
    if exports:
        messages, ledgers = read_exports(spark, exports, fmt_in, columns or config.settings.columns)
        frames.append(messages)
    data = reduce(lambda a, b: a.unionByName(b), frames)
    result = score_messages(data, config=config, agents=list(agents) or None, channel=channel, prepared=True)
    who = ", ".join(result.admins) if result.admins else "none"
    report(f"chatlint: admins: {who} ({result.agent_reason})")
    from pathlib import Path

    out = Path(output)
    for name, frame in (("messages", result.messages), ("conversations", result.conversations),
                        ("agents", result.agents)):
        frame.write.mode("overwrite").parquet(str(out / name))
    counts = result.raw.groupBy("kind").count().collect()
    counts = {r["kind"]: r["count"] for r in counts}
    skipped_lines = [s for ledger in ledgers for s in ledger["skipped_lines"]]
    reasons = {}
    for s in skipped_lines:
        reasons[s["reason"]] = reasons.get(s["reason"], 0) + 1
    for r in result.skipped.groupBy("reason").count().collect():
        reasons[r["reason"]] = reasons.get(r["reason"], 0) + r["count"]
    skipped = sum(reasons.values())
    report(f"chatlint: {counts.get('message', 0)} messages in {counts.get('conversation', 0)} conversations "
           f"written to {out}/ (messages/, conversations/, agents/); {skipped} row(s) not scored")
    for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
        report(f"chatlint:   {count} x {reason}")
    if skipped:
        examples = [(s["file"], s["line"], s["reason"]) for s in skipped_lines[:3]]
        examples += [(r.file, r.line, r.reason) for r in result.skipped.limit(3).collect()]
        for file, line, reason in examples[:3]:
            report(f"chatlint:   e.g. {file}:{line}: {reason}")
    worst = result.messages.select(F.explode("findings.level").alias("level")).distinct().collect()
    result.unpersist()
    if strict and skipped:
        raise ChatlintError(f"--strict: {skipped} row(s) not scored")
    levels = {r.level for r in worst}
    return 1 if any(LEVELS.index(level) >= LEVELS.index(fail_level) for level in levels) else 0

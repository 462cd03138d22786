"""Shared pieces of the fuzz tests (tests/test_fuzz_*.py): hostile mutations of real inputs,
a per-case time limit, and counts of cases, crashes, hangs and lost lines printed at the end
of the run (conftest.py)."""

from __future__ import annotations

import json
import signal
from collections import defaultdict
from contextlib import contextmanager

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# counts per input class, reported by conftest.pytest_terminal_summary
STATS: dict = defaultdict(lambda: {"cases": 0, "crashes": 0, "hangs": 0, "lines lost": 0})

FUZZ = settings(max_examples=60, deadline=None, derandomize=False, print_blob=True,
                suppress_health_check=list(HealthCheck))
SMALL = settings(FUZZ, max_examples=20)
TIMING = settings(FUZZ, max_examples=4)

CASE_SECONDS = 30  # a case that takes longer is a hang (the slowest seen take well under 2 s)

# Things the fuzzing pass of issue 12 found break parsers, as bytes to splice into an input.
HOSTILE = [
    b"&a [*a, *a, *a]", b"*a", b"<<: *a", b".nan", b".inf", b"-.inf", b"-1", b"0", b"9" * 120, b"1e999",
    b"NaN", b"Infinity", b"[" * 70, b"{" * 70, b"]" * 3, b"\x00", b"\x01", b"\x1b[31m", b"\xff", b"\xc3",
    b"\xed\xa0\x80", b'"\\ud800"', b"\r", b"\r\n", b"\n\n\n", b"\t", b"'", b'"', b":", b"- ", b"---", b"...",
    b"#", b"%", b"!!python/object:os.system", b"~", b"null", b"\xef\xbb\xbf", b"\xff\xfe",
    b"!" * 3000, "🙂".encode() * 1000, b"a" * 5000, b"[red]", b"[/]", b"<script>", b"{name}", rb"\u200e",
    "‎".encode(), b"31/02/24 09.00 - X: y", b"[1/1/24, 9:00:00] A: ", b"01/02/24 25.99 - A: b",
]


def _apply(data: bytes, ops) -> bytes:
    for op, where, payload in ops:
        lines = data.split(b"\n")
        at = int(where * len(lines)) if lines else 0
        at = min(at, max(len(lines) - 1, 0))
        if op == "insert":
            cut = int(where * len(data))
            data = data[:cut] + payload + data[cut:]
        elif op == "line":
            lines.insert(at, payload)
            data = b"\n".join(lines)
        elif op == "replace" and lines:
            lines[at] = payload
            data = b"\n".join(lines)
        elif op == "delete" and lines:
            del lines[at]
            data = b"\n".join(lines)
        elif op == "duplicate" and lines:
            lines[at:at] = [lines[at]] * int(1 + where * 50)
            data = b"\n".join(lines)
        elif op == "truncate":
            data = data[:int(where * len(data))]
        elif op == "flip" and data:
            i = int(where * (len(data) - 1))
            data = data[:i] + bytes([data[i] ^ (1 << int(where * 7))]) + data[i + 1:]
    return data


def _whole(data: bytes, how: str) -> bytes:
    if how == "cr":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    if how == "crlf":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if how in ("utf-16", "utf-16-le", "utf-16-be"):
        try:
            return data.decode("utf-8").encode(how)
        except UnicodeDecodeError:
            return data
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    return data


@st.composite
def mutated(draw, seeds: list[bytes]):
    """A seed input with a few hostile edits and maybe another encoding or line ending."""
    data = draw(st.sampled_from(seeds))
    ops = draw(st.lists(st.tuples(
        st.sampled_from(["insert", "line", "replace", "delete", "duplicate", "truncate", "flip"]),
        st.floats(0, 1), st.one_of(st.sampled_from(HOSTILE), st.binary(max_size=40),
                                   st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")))),
        max_size=4))
    how = draw(st.sampled_from(["", "", "", "cr", "crlf", "utf-16", "utf-16-le", "bom"]))
    return _whole(_apply(data, ops), how)


class Hang(Exception):
    pass


@contextmanager
def time_limit(kind: str, seconds: int = CASE_SECONDS):
    def alarm(signum, frame):
        raise Hang(f"{kind}: a case took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    except Hang:
        STATS[kind]["hangs"] += 1
        raise
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_cli_result(kind: str, result) -> None:
    """Exit 0, 1 or 2; no traceback; an error (2) says `chatlint: error:` or is a usage error."""
    STATS[kind]["cases"] += 1
    crashed = (result.exception is not None and not isinstance(result.exception, SystemExit)) \
        or result.exit_code not in (0, 1, 2) or "Traceback" in result.output
    if crashed:
        STATS[kind]["crashes"] += 1
    if crashed and result.exc_info is not None:
        import traceback

        trace = "".join(traceback.format_exception(*result.exc_info))[-3000:]
    else:
        trace = ""
    assert not crashed, (result.exit_code, repr(result.exception), result.output[-2000:], trace)
    if result.exit_code == 2:
        assert "error" in result.output.lower(), result.output[-2000:]


def dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode()

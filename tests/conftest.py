import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

import chatlint


@pytest.fixture(scope="session")
def linter():
    return chatlint.default_linter()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    """`chatlint serve` as a real process on a free local port: its base URL."""
    pytest.importorskip("fastapi")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "chatlint.cli", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                assert json.load(response)["status"] == "ok"
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"chatlint serve did not start:\n{proc.communicate()[0]}")
            time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def pytest_terminal_summary(terminalreporter):
    """The fuzz counts (tests/fuzzing.py): cases tried, crashes, hangs, lines lost, per input class."""
    import sys

    fuzzing = sys.modules.get("fuzzing")
    if fuzzing is None or not fuzzing.STATS:
        return
    write = terminalreporter.write_line
    write("")
    write("fuzz: class            cases  crashes  hangs  lines lost")
    total = {"cases": 0, "crashes": 0, "hangs": 0, "lines lost": 0}
    for kind, counts in sorted(fuzzing.STATS.items()):
        write(f"fuzz: {kind:<16} {counts['cases']:>6} {counts['crashes']:>8} {counts['hangs']:>6} "
              f"{counts['lines lost']:>11}")
        for key in total:
            total[key] += counts[key]
    write(f"fuzz: {'total':<16} {total['cases']:>6} {total['crashes']:>8} {total['hangs']:>6} "
          f"{total['lines lost']:>11}")

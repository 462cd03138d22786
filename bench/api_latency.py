"""How long POST /v1/check takes once warm, against calling Linter.check directly.

Starts the real server (`chatlint serve`) on a free 127.0.0.1 port, keeps one HTTP
connection open as a chat tool would, warms up, then times N checks of a typical
draft over HTTP and N direct Linter.check calls (interleaved, so both see the same
machine load) and prints p50 (the median) and p95 in milliseconds, and their ratio.
Target: POST /v1/check p50 under 2 ms.

    python bench/api_latency.py [-n 300]
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import time

from chatlint.engine import Linter

DRAFT = {
    "text": "Halo kak, warna merah masih ready ya, bisa langsung diorder. Terima kasih 🙏",
    "reply_to": "Kak, yang merah ukuran M masih ready?",
    "name": "Michael",
}


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def start_server() -> tuple[subprocess.Popen, int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "chatlint.cli", "serve", "--port", str(port)],
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                conn.close()
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("chatlint serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300, help="timed checks each way")
    n = parser.parse_args().n

    proc, port = start_server()
    linter = Linter()
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.connect()
    # http.client writes the headers and the body separately; without TCP_NODELAY the body waits
    # for the server's delayed ACK (tens of ms). HTTP clients such as urllib3 set it by default.
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    body = json.dumps(DRAFT).encode()
    server_times: list[float] = []  # Linter.check inside the server (its Server-Timing header)
    headers = {"Content-Type": "application/json"}

    def api() -> dict:
        conn.request("POST", "/v1/check", body, headers)
        response = conn.getresponse()
        data = response.read()
        assert response.status == 200, data
        server_times.append(float(response.getheader("Server-Timing").split("dur=")[1]) / 1000)
        return json.loads(data)

    def health() -> None:  # the HTTP round trip alone
        conn.request("GET", "/health")
        conn.getresponse().read()

    def direct() -> dict:
        return linter.check(DRAFT["text"], reply_to=DRAFT["reply_to"], name=DRAFT["name"]).to_dict()

    try:
        assert api() == json.loads(json.dumps(direct()))  # the same answer both ways
        for _ in range(50):  # warm up
            api()
            direct()
        api_times, direct_times, health_times = [], [], []
        server_times.clear()
        for _ in range(n):
            start = time.perf_counter()
            api()
            api_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            direct()
            direct_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            health()
            health_times.append(time.perf_counter() - start)
    finally:
        conn.close()
        proc.terminate()
        proc.wait(timeout=10)

    api_med, api_p95 = summary(api_times)
    dir_med, dir_p95 = summary(direct_times)
    print(f"draft: {DRAFT['text']!r} ({n} checks each way, after 50 warm-up)")
    print(f"{'':28}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'POST /v1/check (HTTP)':28}{api_med:10.2f}{api_p95:10.2f}")
    srv_med, srv_p95 = summary(server_times)
    print(f"{'  of which Linter.check':28}{srv_med:10.2f}{srv_p95:10.2f}")
    print(f"{'Linter.check (in process)':28}{dir_med:10.2f}{dir_p95:10.2f}")
    print(f"{'GET /health (HTTP alone)':28}{summary(health_times)[0]:10.2f}{summary(health_times)[1]:10.2f}")
    print(f"ratio of p50s: {api_med / dir_med:.2f}x (+{api_med - dir_med:.2f} ms for HTTP, JSON, validation)")
    print(f"POST /v1/check p50: {api_med:.2f} ms (target < 2 ms: {'met' if api_med < 2 else 'missed'})")


if __name__ == "__main__":
    main()

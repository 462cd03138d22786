"""Peak memory of `chatlint score` on a synthetic WhatsApp export at 1x, 10x and 100x its size.

    python bench/score_memory.py [--base-days 20]

Scoring streams: conversations are linted and written one by one, so the peak
(tracemalloc, Python allocations during the run, the loaded Linter excluded)
should stay about the same as the export grows. Prints one row per size and
the ratios to 1x.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chatlint.conversation.run import ScoreRun  # noqa: E402
from chatlint.conversation.scorecard import Scorecard  # noqa: E402
from chatlint.engine import Linter  # noqa: E402
from chatlint.formatters.transcript import JsonLinesWriter  # noqa: E402
from chatlint.readers import Exports  # noqa: E402
from chatlint.model.settings import Settings  # noqa: E402

CUSTOMERS = ["Dewi Lestari", "Rina Marlina", "Budi Santoso", "Siti Aminah", "\u202a+62 812-3456-7890\u202c"]
DAY = [  # (minutes after 09:00, who, text); "S" is the shop
    (0, "C", "Halo kak, batik tulis motif parang yang biru masih ada?"),
    (1, "C", "<Media tidak disertakan>"),
    (25, "S", "Halo kak {first}, masih ada ya kak. Harganya Rp385.000 🙏"),
    (30, "C", "Oke kak saya pesan 1, kirim ke Bandung"),
    (33, "S", "Siap kak, terima kasih! Totalnya Rp403.000 termasuk ongkir.\nTransfer ke BCA 1234567890 ya kak."),
    (90, "C", "Sudah saya transfer ya kak"),
    (200, "S", "ok"),
    (420, "C", "Kak kok belum ada resinya??"),
    (600, "S", "SUDAH DIKIRIM KOK, SABAR"),
    (610, "C", "Kapan sampainya kak?"),
]


def write_export(path: Path, days: int) -> int:
    start = datetime(2024, 1, 1, 9, 0)
    lines = 0
    with open(path, "w", encoding="utf-8") as f:
        for day in range(days):
            customer = CUSTOMERS[day % len(CUSTOMERS)]
            first = customer.split()[0]
            for minutes, who, text in DAY:
                stamp = start + timedelta(days=day, minutes=minutes)
                sender = "Toko Batik Sekar" if who == "S" else customer
                body = text.format(first=first)
                f.write(f"{stamp:%d/%m/%y %H.%M} - {sender}: {body}\n")
                lines += 1 + body.count("\n")
    return lines


def run(path: Path, linter: Linter, settings: Settings) -> tuple[int, int, float]:
    tracemalloc.start()
    began = time.perf_counter()
    scoring = ScoreRun(Exports([path]), linter, settings)
    card, writer = Scorecard(), JsonLinesWriter(io.StringIO())
    for scored in scoring:
        writer.conversation(scored, card.add(scored))
        writer.out.seek(0)
        writer.out.truncate()  # output goes to a stream, not to memory
    card.close()
    elapsed = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return scoring.ledger.lines, peak, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-days", type=int, default=10, help="days of chat in the 1x export")
    args = parser.parse_args()
    settings = Settings(agents=["Toko Batik Sekar"])
    linter = Linter(settings=settings)
    with tempfile.TemporaryDirectory() as folder:
        # warm up: language packs and spaCy pipelines load on first use, not per export
        warm = Path(folder) / "warm.txt"
        write_export(warm, 5)
        run(warm, linter, settings)
        rows = []
        for factor in (1, 10, 100):
            path = Path(folder) / f"export_{factor}x.txt"
            write_export(path, args.base_days * factor)
            lines, peak, elapsed = run(path, linter, settings)
            rows.append((factor, lines, path.stat().st_size, peak, elapsed))
    base_peak = rows[0][3]
    print(f"{'size':>5} {'lines':>8} {'file':>10} {'peak memory':>12} {'vs 1x':>6} {'time':>8}")
    for factor, lines, size, peak, elapsed in rows:
        print(f"{factor:>4}x {lines:>8} {size / 1024:>8.0f}kB {peak / 1024 / 1024:>10.2f}MB "
              f"{peak / base_peak:>6.2f} {elapsed:>7.1f}s")


if __name__ == "__main__":
    main()

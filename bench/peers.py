"""chatlint against other prose linters, whole process over one file of real replies.

Each tool lints the same plain-text file of English support replies (one reply per
paragraph) as one process, the way its users run it on a file: `write-good FILE`,
`alex FILE`, `proselint FILE` (`proselint check FILE` from 0.14 on), and `chatlint lint
FILE` (a plain-text canned-reply library, language fixed to en by its configuration
file). The runs are interleaved, best of --rounds; the time is the child's CPU time
(user + system, from getrusage) and its wall time. It prints each tool's messages per
second and chatlint's time over each peer's (below 1 is faster).

The replies are ../shared/data/dev/real_replies_en.jsonl (from the repository's root),
cycled to --messages; without it, the English replies of bench/corpus.py. They are
written to a temporary folder, never into the project.

Peers come from PATH and the Python environment; one that is missing is skipped with a
note. `--install` installs write-good and alex (npm) and proselint (pip) into a temporary
folder first, the only time a bench touches the network.

    python bench/peers.py [--messages 10000] [--rounds 3] [--install] [--no-alex]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "dev" / "real_replies_en.jsonl"


def replies(n: int) -> list[str]:
    """n English replies: the real ones cycled, else bench/corpus.py's."""
    if REAL.is_file():
        with REAL.open(encoding="utf-8") as lines:
            texts = [json.loads(line)["reply"] for line in lines if line.strip()]
        print(f"replies: {REAL} ({len(texts)} real English replies, cycled to {n})")
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        from corpus import corpus

        texts = [reply for lang, _, reply, _ in corpus(3000) if lang == "en"]
        print(f"replies: {REAL} is absent; using bench/corpus.py's English replies instead "
              f"({len(set(texts))} distinct, cycled to {n})")
    texts = [" ".join(t.split()) for t in texts]  # one paragraph each
    texts = [t for t in texts if t]
    return [texts[i % len(texts)] for i in range(n)]


def install(folder: Path, names) -> dict[str, list[str]]:
    """write-good and alex (npm), proselint (pip) installed into `folder`."""
    found = {}
    node = [name for name in names if name != "proselint"]
    if shutil.which("npm"):
        print(f"installing {' and '.join(node)} with npm ...", flush=True)
        done = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                               str(folder / "npm"), *node], capture_output=True, text=True)
        if done.returncode:
            print(f"  npm install failed: {done.stderr.strip()[-300:]}")
        for name in node:
            exe = folder / "npm" / "node_modules" / ".bin" / name
            if exe.exists():
                found[name] = [str(exe)]
            else:
                print(f"note: {name} did not install; skipped")
    else:
        print(f"note: no npm; {' and '.join(node)} skipped")
    print("installing proselint with pip ...", flush=True)
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "--target", str(folder / "py"), "proselint"], capture_output=True, text=True)
    if done.returncode:
        print(f"  pip install failed: {done.stderr.strip()[-300:]}")
    exe = folder / "py" / "bin" / "proselint"
    if exe.exists():
        found["proselint"] = [sys.executable, str(exe)]
    else:
        print("note: proselint did not install; skipped")
    return found


def on_path(names) -> dict[str, list[str]]:
    found = {}
    for name in names:
        exe = shutil.which(name)
        if exe:
            found[name] = [exe]
        else:
            print(f"note: {name} is not on PATH; skipped (--install installs it into a temporary folder)")
    return found


def proselint_args(cmd: list[str], env: dict) -> list[str]:
    """`proselint FILE` until 0.13; `proselint check FILE` from 0.14 on."""
    done = subprocess.run(cmd + ["--help"], capture_output=True, text=True, env=env)
    return ["check"] if any(line.split()[:1] == ["check"] for line in done.stdout.splitlines()) else []


def run(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one process running `cmd` to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--install", action="store_true", help="install the peers into a temporary folder")
    parser.add_argument("--no-alex", action="store_true", help="leave alex out")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    texts = replies(args.messages)
    with tempfile.TemporaryDirectory(prefix="chatlint-peers-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        names = ("write-good", "proselint") if args.no_alex else ("write-good", "alex", "proselint")
        peers = install(folder, names) if args.install else on_path(names)
        data = folder / "replies.txt"
        data.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
        config = folder / ".chatlint.yaml"
        config.write_text("languages: [en]\ndefault-lang: en\n", encoding="utf-8")
        tools = {"chatlint": [sys.executable, "-m", "chatlint.cli", "lint", "--config", str(config), str(data)]}
        envs = {name: env for name in ("chatlint", *peers)}
        if "proselint" in peers and args.install:  # installed with pip --target: found through PYTHONPATH
            envs["proselint"] = {**env, "PYTHONPATH": os.pathsep.join([str(folder / "py"), env["PYTHONPATH"]])}
        for name, cmd in peers.items():
            extra = proselint_args(cmd, envs[name]) if name == "proselint" else []
            tools[name] = cmd + extra + [str(data)]
        for name, cmd in list(tools.items()):  # one untimed run each: it works, and files are cached
            done = subprocess.run(cmd, capture_output=True, text=True, env=envs[name], cwd=folder)
            lines = done.stdout.count("\n") + done.stderr.count("\n")  # alex reports on stderr
            if done.returncode < 0 or (done.returncode and not lines):  # write-good exits with its count
                print(f"note: {name} failed (exit {done.returncode}): {done.stderr.strip()[-300:]}; skipped")
                del tools[name]
            else:
                print(f"  {name}: exit {done.returncode}, {lines:,} lines of output")
        if "chatlint" not in tools:
            sys.exit("chatlint lint failed")
        best = {name: [float("inf"), float("inf")] for name in tools}
        for _ in range(args.rounds):  # interleaved: every tool sees the same machine load
            for name, cmd in tools.items():
                cpu, wall = run(cmd, envs[name], folder)
                best[name] = [min(best[name][0], cpu), min(best[name][1], wall)]
    n = len(texts)
    print(f"\nwhole process over {n:,} replies in one file, best of {args.rounds}:")
    print(f"  {'tool':<11} {'CPU s':>7} {'msgs/s (CPU)':>13} {'wall s':>7} {'msgs/s (wall)':>14}")
    for name, (cpu, wall) in best.items():
        print(f"  {name:<11} {cpu:7.2f} {n / cpu:13,.0f} {wall:7.2f} {n / wall:14,.0f}")
    own_cpu, own_wall = best["chatlint"]
    for name, (cpu, wall) in best.items():
        if name != "chatlint":
            print(f"  chatlint/{name}: {own_cpu / cpu:.2f}x CPU, {own_wall / wall:.2f}x wall "
                  f"(target < 1: faster)")


if __name__ == "__main__":
    main()

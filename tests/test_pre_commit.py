"""The repository's .pre-commit-hooks.yaml, run for real by pre-commit on a sample repository.

pre-commit installs this checkout (at its HEAD commit) into its own environment the
first time, with pip; later runs reuse that environment.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

GOOD = "- Halo kak {name}, terima kasih, pesanan dikirim besok ya 🙏\n"
BAD = "- Halo kak Rina, pesanan dikirim besok 🙏\n"   # another customer's name: wrong-name, an error


def _git(cwd, *args):
    return subprocess.run(["git", "-c", "user.email=test@example.com", "-c", "user.name=test",
                           "-c", "commit.gpgsign=false", *args],
                          cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def _pre_commit():
    exe = Path(sys.executable).parent / "pre-commit"
    return str(exe) if exe.exists() else shutil.which("pre-commit")


@pytest.fixture(scope="module")
def head():
    if shutil.which("git") is None or _pre_commit() is None:
        pytest.skip("git and pre-commit are needed")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    return _git(REPO, "rev-parse", "HEAD")


def _sample(tmp_path, head, files):
    repo = tmp_path / "shop"
    (repo / "templates").mkdir(parents=True)
    _git(repo, "init", "-q")
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {head}\n    hooks:\n      - id: chatlint\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "sample")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([_pre_commit(), "run", "--all-files", "--color", "never"], cwd=repo,
                          capture_output=True, text=True, env=env, timeout=1200)


def test_hook_fails_on_a_bad_template(tmp_path, head):
    result = _sample(tmp_path, head, {"templates/good.yaml": GOOD, "templates/bad.yaml": BAD,
                                      "notes.yaml": "not: a template library\n"})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "chatlint" in output and "Failed" in output
    assert "templates/bad.yaml:1:12: error wrong-name" in output
    assert "notes.yaml" not in output            # only files under templates/ are linted


def test_hook_passes_on_good_templates(tmp_path, head):
    result = _sample(tmp_path, head, {"templates/good.yaml": GOOD})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output

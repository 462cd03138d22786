"""The HTML report, rendered in headless Chromium: what a person opening it sees."""

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from chatlint.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(str(p) for p in (ROOT / "examples" / "chats").glob("*.txt"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                reason="chromium not installed (CI installs it)")


def chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    assert CHROMIUM, "CI must have chromium: .ci/run installs it"
    profile = tmp_path / "profile"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--no-first-run", "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
               *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(main, ["score", *EXAMPLES, "--html", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    return path


def visible_text(dom: str) -> str:
    body = re.sub(r"<style.*?</style>|<title>.*?</title>", "", dom, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(text).split())


def test_report_is_self_contained(report):
    page = report.read_text(encoding="utf-8")
    assert "<script" not in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # nothing fetched from the network
    assert "<svg" in page


def test_report_renders_scores_charts_and_findings(report, tmp_path):
    rendered = chromium(tmp_path, "--dump-dom", report.as_uri())
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    text = visible_text(rendered.stdout)
    assert "chatlint report" in text
    assert "Score per admin" in text and "Toko Batik Sekar" in text
    admin_row = re.search(r"Toko Batik Sekar (\d+) (\d+) (\d+) ", text)
    assert admin_row and admin_row.groups()[:2] == ("11", "5")
    assert "Failure rate per rule" in text and "follow-up" in text
    assert "Response times" in text and "< 5 min" in text
    assert "Score per conversation" in text and "Rina Marlina" in text and "Dewi Lestari" in text
    # a conversation, readable, with its findings inline
    assert "SUDAH DIKIRIM KOK, SABAR" in text
    assert "Pertanyaan pelanggan tidak pernah dibalas: \"Kak, ada motif kawung ukuran XL?\"" in text
    assert "34 lines: 27 messages, 2 continuation lines, 5 system lines, 0 skipped." in text


def test_report_screenshot_is_not_blank(report, tmp_path):
    shot = tmp_path / "report.png"
    rendered = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", report.as_uri())
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 30_000  # a blank page compresses to a few kB; charts and tables do not

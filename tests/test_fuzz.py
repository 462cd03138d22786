"""Property-based fuzzing (hypothesis) of every input chatlint reads: rule files, configs, each
export format, libraries, drafts and the HTTP API. For every case: exit 0, 1 or 2 only (an
HTTP status in the documented set), no traceback, no hang; for exports every physical line is
accounted for; and per class, time linear in the input's size (a ratio between two sizes in
one run). Counts are printed at the end of the run (conftest.py)."""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from chatlint.cli import main
from chatlint.model.messages import Ledger
from chatlint.model.errors import ChatlintError
from chatlint.readers import read
from chatlint.model.textio import iter_lines
from fuzzing import FUZZ, HOSTILE, SMALL, STATS, TIMING, check_cli_result, dumps, mutated, time_limit
from linear import assert_linear

ROOT = Path(__file__).resolve().parents[1]
DEFAULTS = Path(__file__).parent / "fixtures" / "default-config.yaml"
os.environ["CHATLINT_NO_CACHE"] = "1"  # mutated files must not fill the YAML parse cache

RULE_SEEDS = [p.read_bytes() for p in sorted((ROOT / "rules" / "builtin").glob("*.yaml"))[:6]] + [
    b"enabled: false\n", b"level: info\nweight: 3\n"]
CONFIG_SEEDS = [(ROOT / "examples" / ".chatlint.yaml").read_bytes(), DEFAULTS.read_bytes(),
                b"extends: strict\nweights: {thanks: 5}\nidle-gap-minutes: 30\nlanguages: [id, en]\n"]
TOML_SEEDS = [b'[project]\nname = "shop"\n\n[tool.chatlint]\nextends = "relaxed"\ndisable = ["emoticon"]\n'
              b'[tool.chatlint.weights]\nthanks = 5\n']
CHATS = ROOT / "examples" / "chats"
WHATSAPP_SEEDS = [p.read_bytes() for p in sorted(CHATS.glob("*.txt"))] + [
    (Path(__file__).parent / "fixtures" / name).read_bytes() for name in ("greek_android.txt", "greek_ios.txt")]
TELEGRAM_SEEDS = [dumps({"name": "Toko", "type": "personal_chat", "id": 1, "messages": [
    {"id": 1, "type": "message", "date": "2024-05-01T09:00:00", "from": "Dewi", "text": "Kak, ready?"},
    {"id": 2, "type": "message", "date": "2024-05-01T09:05:00", "from": "Toko",
     "text": ["Ready kak ", {"type": "bold", "text": "Dewi"}, " 🙏"]},
    {"id": 3, "type": "service", "date": "2024-05-01T09:06:00", "actor": "Dewi", "action": "pin_message"}]}),
    dumps({"chats": {"list": [{"name": "A", "messages": [
        {"id": 7, "type": "message", "date_unixtime": "1714554000", "from": "A", "text": "halo"}]}]}})]
CSV_SEEDS = [b"timestamp,sender,role,text,conversation\n2024-05-01T09:00,Dewi,customer,\"Kak, ready?\",c1\n"
             b"2024-05-01T09:05,Toko,agent,\"Ready kak Dewi\nbisa dikirim hari ini\",c1\n"
             b"2024-05-01T10:00,Budi,customer,Makasih,c2\n"]
JSONL_SEEDS = [b'{"time": "2024-05-01T09:00", "from": "Dewi", "side": "customer", "body": "Kak ready?"}\n'
               b'{"time": 1714554300, "from": "Toko", "side": "agent", "body": "Ready kak Dewi"}\n\n'
               b'{"time": "2024-05-01T10:00", "from": "Budi", "side": "customer", "body": "makasih"}\n']
TEMPLATES = ROOT / "examples" / "templates"
LIBRARY_SEEDS = {
    ".yaml": [(TEMPLATES / "id.yaml").read_bytes(), b"greeting: Halo kak {name}!\nthanks: Makasih kak \xf0\x9f\x99\x8f\n"],
    ".json": [dumps([{"id": "a", "text": "Halo kak {name}", "intent": "greeting"}, "Makasih kak {name} 🙏"])],
    ".csv": [(TEMPLATES / "en.csv").read_bytes()],
    ".md": [(TEMPLATES / "el.md").read_bytes()],
    ".txt": [b"Halo kak {name}, pesanan sudah dikirim ya\n# chatlint: disable=emoticon\n\nMakasih kak {name}\n"],
}


def cli(kind: str, *args, input=None):
    with time_limit(kind):
        result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    check_cli_result(kind, result)
    return result


def physical_lines(path: Path) -> int | None:
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in iter_lines(f, str(path)))
    except ChatlintError:
        return None


def accounted(kind: str, path: Path, fmt: str = "auto") -> None:
    """Read an export with the reader API: an error (exit 2) or every line in the ledger."""
    ledger = Ledger()
    STATS[kind]["cases"] += 1
    with time_limit(kind):
        try:
            for _ in read(path, ledger, fmt):
                pass
        except ChatlintError:
            return
        except Exception:
            STATS[kind]["crashes"] += 1
            raise
    expected = physical_lines(path)
    if expected is not None and ledger.lines != expected:
        STATS[kind]["lines lost"] += abs(expected - ledger.lines)
    assert expected is None or ledger.lines == expected, (ledger.lines, expected)
    assert sum(ledger.counts.values()) == ledger.lines


@pytest.fixture(scope="module")
def work():
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- rule files and configs ----------------------------------------------------------------------

@SMALL
@given(data=mutated(RULE_SEEDS), name=st.sampled_from(["thanks.yaml", "custom.yaml"]))
def test_fuzz_rule_files(work, data, name):
    folder = work / "rules"
    for old in folder.glob("*") if folder.exists() else ():
        old.unlink()
    _write(folder, name, data)
    cli("rule files", "check", "--config", DEFAULTS, "--rules", folder, "Halo kak, makasih ya")


@FUZZ
@given(data=mutated(CONFIG_SEEDS))
def test_fuzz_yaml_configs(work, data):
    path = _write(work, "config/.chatlint.yaml", data)
    cli("configs", "check", "--config", path, "Halo kak")


@SMALL
@given(data=mutated(TOML_SEEDS))
def test_fuzz_pyproject_configs(work, data):
    folder = work / "toml"
    _write(folder, "pyproject.toml", data)
    lib = _write(folder, "lib.yaml", b"- Halo kak {name}\n")
    cli("configs", "lint", lib)


@TIMING
@given(unit=st.sampled_from([b"  - zzq kata\n", b"# comment\n", b"  - &x [a, b]\n"]))
def test_rule_file_time_is_linear(work, unit):
    body = (b"description: x\netiquette: y\nlevel: info\nweight: 1\nlanguages: [id]\ncheck:\n  type: phrases\n"
            b"  mode: forbid\n  phrases:\n    id:\n      - zzq kata\n%s"
            b"message: {id: m}\nsuggestion: {id: s}\nexamples:\n  - {lang: id, reply: 'zzq kata', expect: fail}\n"
            b"  - {lang: id, reply: 'halo', expect: pass}\n")

    def make(n):
        folder = work / f"linear-rules-{n}-{len(unit)}"
        unit_ = unit if not unit.startswith(b"  - &") else b"      - zzq kata\n"
        _write(folder, "custom.yaml", body % (unit_.replace(b"  - ", b"      - ") * n))
        return folder

    assert_linear(make, lambda folder: cli("rule files", "check", "--config", DEFAULTS, "--rules", folder, "halo"),
                  base=300, factor=4)


# --- exports ---------------------------------------------------------------------------------------

@FUZZ
@given(data=mutated(WHATSAPP_SEEDS))
def test_fuzz_whatsapp_exports(work, data):
    path = _write(work, "exports/chat.txt", data)
    accounted("whatsapp", path)
    if data[:1] in (b"0", b"1", b"2", b"3"):  # some through the whole command too
        cli("whatsapp", "score", "--config", DEFAULTS, path)


@SMALL
@given(chats=st.lists(mutated(WHATSAPP_SEEDS), min_size=1, max_size=3),
       names=st.lists(st.sampled_from(["_chat.txt", "WhatsApp Chat with A.txt", "notes.txt", "a/b.txt",
                                       "__MACOSX/._chat.txt", "photo.jpg"]), min_size=1, max_size=3, unique=True))
def test_fuzz_whatsapp_zips(work, chats, names):
    path = work / "exports" / "chat.zip"
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in zip(names, chats):
            z.writestr(name, data)
    cli("whatsapp zip", "score", "--config", DEFAULTS, path)


@FUZZ
@given(data=mutated(TELEGRAM_SEEDS))
def test_fuzz_telegram_exports(work, data):
    path = _write(work, "exports/result.json", data)
    accounted("telegram", path, "telegram")


@st.composite
def telegram_trees(draw):
    """Structurally odd Telegram exports: any JSON where messages go."""
    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
    values = st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                          st.dictionaries(st.sampled_from(
                                                              ["id", "type", "date", "from", "text", "actor",
                                                               "date_unixtime", "messages", "list", "chats",
                                                               "name"]), inner, max_size=4)), max_leaves=12)
    return {"messages": draw(st.lists(values, max_size=4))} if draw(st.booleans()) \
        else {"chats": {"list": draw(st.lists(st.fixed_dictionaries({"messages": st.lists(values, max_size=3)}),
                                              max_size=2))}}


@FUZZ
@given(tree=telegram_trees(), pretty=st.booleans())
def test_fuzz_telegram_structures(work, tree, pretty):
    path = _write(work, "exports/result.json", dumps(tree) if pretty else json.dumps(tree).encode())
    accounted("telegram", path, "telegram")


@FUZZ
@given(data=mutated(CSV_SEEDS))
def test_fuzz_csv_exports(work, data):
    path = _write(work, "exports/chats.csv", data)
    accounted("csv export", path, "csv")


@FUZZ
@given(data=mutated(JSONL_SEEDS))
def test_fuzz_jsonl_exports(work, data):
    path = _write(work, "exports/chats.jsonl", data)
    accounted("jsonl export", path, "jsonl")


@SMALL
@given(data=mutated(CSV_SEEDS + JSONL_SEEDS + TELEGRAM_SEEDS), fmt=st.sampled_from(["csv", "jsonl", "auto"]))
def test_fuzz_exports_through_the_command(work, data, fmt):
    path = _write(work, f"exports/in.{'jsonl' if fmt == 'jsonl' else 'csv'}", data)
    cli("exports cli", "score", "--config", DEFAULTS, "--format-in", fmt, "--format", "json", path)


LINEAR_EXPORTS = {
    "whatsapp": ("chat.txt", b"", lambda i: f"01/02/24 09.{i % 60:02d} - {'Dewi' if i % 2 else 'Toko'}: "
                                          f"halo kak {i}!!! 🙂\n".encode()),
    "telegram": ("result.json", None, None),
    "csv": ("chats.csv", b"time,sender,text\n", lambda i: f"2024-05-01T09:{i % 60:02d},"
                                                       f"{'Dewi' if i % 2 else 'Toko'},halo {i}\n".encode()),
    "jsonl": ("chats.jsonl", b"", lambda i: json.dumps({"time": 1714554000 + i, "from": "Dewi" if i % 2 else "Toko",
                                                      "text": f"halo {i}"}).encode() + b"\n"),
}


@TIMING
@given(kind=st.sampled_from(sorted(LINEAR_EXPORTS)), hostile=st.sampled_from([b"", b"!" * 200, b"\r", b"\xff"]))
def test_export_time_is_linear(work, kind, hostile):
    name, head, line = LINEAR_EXPORTS[kind]

    def make(n):
        if kind == "telegram":
            data = dumps({"messages": [{"id": i, "type": "message", "date": "2024-05-01T09:00:00",
                                        "from": "Dewi" if i % 2 else "Toko", "text": "halo!!" * 3}
                                       for i in range(n)]})
        else:
            data = head + b"".join(line(i) for i in range(n))
        data = data[:len(data) // 2] + hostile + data[len(data) // 2:]
        return _write(work, f"linear/{n}-{name}", data)

    assert_linear(make, lambda path: accounted(f"{kind}", path, "auto" if kind == "whatsapp" else kind),
                  base=400)


# --- libraries -------------------------------------------------------------------------------------

@FUZZ
@given(ext=st.sampled_from(sorted(LIBRARY_SEEDS)), data=st.data())
def test_fuzz_libraries(work, ext, data):
    content = data.draw(mutated(LIBRARY_SEEDS[ext]))
    path = _write(work, f"library/lib{ext}", content)
    cli(f"library {ext}", "lint", "--config", DEFAULTS, "--format", data.draw(st.sampled_from(
        ["text", "json", "sarif", "github", "junit"])), path)


@TIMING
@given(ext=st.sampled_from(sorted(LIBRARY_SEEDS)))
def test_library_time_is_linear(work, ext):
    def make(n):
        texts = [f"Halo kak {{name}}, pesanan {i} sudah dikirim ya 🙏" for i in range(n)]
        if ext == ".yaml":
            data = "".join(f"- {t}\n" for t in texts)
        elif ext == ".json":
            data = json.dumps(texts)
        elif ext == ".csv":
            data = "text\n" + "".join(f"\"{t}\"\n" for t in texts)
        elif ext == ".md":
            data = "".join(f"## t{i}\n\n{t}\n\n" for i, t in enumerate(texts))
        else:
            data = "".join(f"{t}\n\n" for t in texts)
        return _write(work, f"linear-lib/{n}/lib{ext}", data.encode())

    assert_linear(make, lambda path: cli(f"library {ext}", "lint", "--config", DEFAULTS, path), base=30)


# --- drafts ----------------------------------------------------------------------------------------

drafts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=100),  # surrogates too
    st.lists(st.sampled_from(["!", "🙂", "kak", "GAN", "?", ";)", "makasih", "\n", " ", "ΑΒΓΔ", "@", "#1",
                              "\u200d", "\ufe0f", "👍🏽", ":", "hehe", "tidak", "not", "\ud800", "\udcff", "\x00",
                              "\r", "\u2028", "ς", "İ", "ǅ"]), max_size=200).map("".join),
)


@FUZZ
@given(text=drafts, reply_to=st.none() | drafts, name=st.none() | st.text(max_size=30),
       lang=st.sampled_from(["auto", "id", "el", "en"]))
def test_fuzz_drafts(linter, text, reply_to, name, lang):
    kind = "drafts"
    STATS[kind]["cases"] += 1
    with time_limit(kind):
        try:
            result = linter.check(text, reply_to=reply_to, name=name, lang=lang)
        except ChatlintError:
            return
        except Exception:
            STATS[kind]["crashes"] += 1
            raise
    assert 0 <= result.score <= 100
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")  # printable


@SMALL
@given(raw=st.binary(max_size=200) | drafts.map(lambda t: t.encode("utf-8", "surrogatepass")),
       fmt=st.sampled_from(["text", "json"]))
def test_fuzz_drafts_on_stdin(raw, fmt):
    result = cli("drafts cli", "check", "--config", DEFAULTS, "--format", fmt, "-", input=raw)
    assert result.exit_code in (0, 1, 2)


@TIMING
@given(unit=st.sampled_from(["!", "🙂", "a🙂 ", "AAAA! ", "apa? ", "terima kasih, ", "x@", "1-", "(", "ΑΒΓΔ "]))
def test_draft_time_is_linear(linter, unit):
    assert_linear(lambda n: (unit * (n // len(unit) + 1))[:n],
                  lambda text: linter.check(text, reply_to=text, name="Budi"), base=1500)


# --- the HTTP API ----------------------------------------------------------------------------------

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

STATUSES = {200, 400, 404, 405, 413, 415, 421, 422}
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from(["text", "reply_to", "name", "lang", "position", "disable", "x"]),
                               inner, max_size=5), max_leaves=15)


@pytest.fixture(scope="module")
def api(linter):
    from chatlint.server.app import create_app

    return TestClient(create_app(linter), base_url="http://127.0.0.1")


@FUZZ
@given(body=st.one_of(json_values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=300),
                      st.fixed_dictionaries({"text": drafts}, optional={"reply_to": drafts, "name": st.text(max_size=50),
                                                                        "lang": st.sampled_from(["auto", "id", "xx"])})
                      .map(lambda v: json.dumps(v).encode())),
       media=st.sampled_from(["application/json", "application/json; charset=utf-8", "text/plain", None,
                              "application/x-www-form-urlencoded", "application/problem+json"]),
       host=st.sampled_from(["127.0.0.1", "localhost:8000", "evil.example", "[::1]"]),
       method=st.sampled_from(["POST", "POST", "GET", "PUT"]),
       path=st.sampled_from(["/v1/check", "/v1/check", "/v1/rules", "/health", "/", "/nowhere"]))
def test_fuzz_http_api(api, body, media, host, method, path):
    kind = "http api"
    STATS[kind]["cases"] += 1
    headers = {"host": host, **({"content-type": media} if media else {})}
    with time_limit(kind):
        try:
            response = api.request(method, path, content=body if method in ("POST", "PUT") else None,
                                   headers=headers)
        except Exception:
            STATS[kind]["crashes"] += 1
            raise
    if response.status_code >= 500 or response.status_code not in STATUSES:
        STATS[kind]["crashes"] += 1
    assert response.status_code in STATUSES, (response.status_code, response.text[:500])
    assert response.headers["x-content-type-options"] == "nosniff"
    if response.status_code >= 400:
        assert set(response.json()) == {"error", "detail"}


@TIMING
@given(unit=st.sampled_from(["!", "🙂", "apa? ", "kak "]))
def test_http_time_is_linear(api, unit):
    def make(n):
        return json.dumps({"text": (unit * n)[:n], "reply_to": (unit * n)[:n]})

    assert_linear(make, lambda body: api.post("/v1/check", content=body,
                                              headers={"content-type": "application/json"}), base=500)

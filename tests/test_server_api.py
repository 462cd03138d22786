"""The HTTP API in-process: same answers as the CLI, clear 4xx errors, the page's assets."""

import json
import sys

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from chatlint.cli import main  # noqa: E402
from chatlint.server.app import MAX_BODY, create_app, ui_language  # noqa: E402

DRAFT = {"text": "barang ready gan", "reply_to": "Kak, yang merah ready?", "name": "Michael"}


JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def client(linter):
    return TestClient(create_app(linter), base_url="http://127.0.0.1")


def cli_json(*args):
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("body,args", [
    (DRAFT, ["check", DRAFT["text"], "--reply-to", DRAFT["reply_to"], "--name", DRAFT["name"]]),
    ({"text": "Σας ευχαριστούμε! Το δέμα έφυγε σήμερα 🙂", "reply_to": "Πότε θα έρθει η παραγγελία;",
      "lang": "el", "position": "closing"},
     ["check", "Σας ευχαριστούμε! Το δέμα έφυγε σήμερα 🙂", "--reply-to", "Πότε θα έρθει η παραγγελία;",
      "--lang", "el", "--position", "closing"]),
    ({**DRAFT, "disable": ["use-name", "emoticon"]},
     ["check", DRAFT["text"], "--reply-to", DRAFT["reply_to"], "--name", DRAFT["name"],
      "--disable", "use-name", "--disable", "emoticon"]),
])
def test_check_answers_what_the_cli_prints(client, body, args):
    response = client.post("/v1/check", json=body)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == cli_json(*args, "--exit-zero")


def test_check_findings_carry_fixes_that_raise_the_score(client):
    first = client.post("/v1/check", json=DRAFT).json()
    finding = next(f for f in first["findings"] if f["rule"] == "use-name")
    fix = finding["fix"]
    text = first["text"]
    fixed = text[:fix["start"]] + fix["text"] + text[fix["end"]:]
    second = client.post("/v1/check", json={**DRAFT, "text": fixed}).json()
    assert "use-name" not in [f["rule"] for f in second["findings"]]
    assert second["score"] > first["score"]


def test_disable_skips_the_rule_for_that_request_only(client):
    off = client.post("/v1/check", json={**DRAFT, "disable": ["use-name"]}).json()
    on = client.post("/v1/check", json=DRAFT).json()
    assert "use-name" not in off["applied"] and "use-name" in on["applied"]


def test_rules_lists_what_the_cli_lists(client):
    response = client.get("/v1/rules")
    assert response.status_code == 200
    assert response.json() == cli_json("rules")


def test_health(client, linter):
    data = client.get("/health").json()
    assert data["status"] == "ok"
    assert data["rules"] == len(linter.rules)


def test_openapi_describes_the_api(client, linter):
    schema = client.get("/openapi.json").json()
    assert {"/v1/check", "/v1/rules", "/health"} <= set(schema["paths"])
    check = schema["paths"]["/v1/check"]["post"]
    assert {"200", "400", "413", "422"} <= set(check["responses"])
    request = schema["components"]["schemas"]["CheckRequest"]
    assert request["required"] == ["text"]
    assert set(request["properties"]["disable"]["items"]["enum"]) == set(linter.rules)


def error_of(response, status, what=None):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail"} and body["detail"]
    if what:
        assert body["error"] == what
    return body["detail"]


@pytest.mark.parametrize("body,status,says", [
    ({}, 422, "text: Field required"),
    ({"reply_to": "halo"}, 422, "text: Field required"),
    ({"text": 5}, 422, "text: Input should be a valid string"),
    ({"text": "ok", "name": ["x"]}, 422, "name: Input should be a valid string"),
    ({"text": ""}, 422, "text: String should have at least 1 character"),
    ({"text": "ok", "lang": "fr"}, 422, "lang: Input should be 'auto', 'id', 'el' or 'en'"),
    ({"text": "ok", "position": "last"}, 422, "position:"),
    ({"text": "ok", "replyTo": "halo"}, 422, "replyTo: Extra inputs are not permitted"),
    ({"text": "ok", "disable": ["use-nam"]}, 422, "no such rule (did you mean 'use-name'?)"),
    ({"text": "ok", "disable": "use-name"}, 422, "disable: Input should be a valid list"),
    (["ok"], 422, "must be a JSON object"),
])
def test_wrong_shapes_are_422_naming_the_field(client, body, status, says):
    assert says in error_of(client.post("/v1/check", json=body), status, "invalid request")


@pytest.mark.parametrize("raw,what,says", [
    (b'{"text": "caf\xe9"}', "invalid UTF-8", "not valid UTF-8 (byte 13)"),
    (b'{"text": "ok"', "invalid JSON", "not valid JSON"),
    (b"", "invalid JSON", "not valid JSON"),
    (b"[" * 20000 + b"]" * 20000, "invalid JSON", "not usable JSON"),
    (b'{"text": "ok", "x": ' + b"9" * 5000 + b"}", "invalid JSON", "not usable JSON"),
])
def test_unreadable_bodies_are_400(client, raw, what, says):
    response = client.post("/v1/check", content=raw, headers={"content-type": "application/json"})
    assert says in error_of(response, 400, what)


def test_lone_surrogates_are_refused(client):
    response = client.post("/v1/check", content=b'{"text": "ok \\ud800"}', headers=JSON)
    assert "text" in error_of(response, 422)


def test_oversized_bodies_are_413(client):
    body = json.dumps({"text": "a" * MAX_BODY}).encode()
    assert "limit" in error_of(client.post("/v1/check", content=body, headers=JSON), 413, "body too large")

    def chunks():  # no Content-Length: counted while reading
        for _ in range(MAX_BODY // 1024 + 2):
            yield b" " * 1024
    assert "limit" in error_of(client.post("/v1/check", content=chunks(), headers=JSON), 413, "body too large")


def test_wrong_method_and_path_are_json_errors(client):
    response = client.get("/v1/check")
    error_of(response, 405)
    assert response.headers["allow"] == "POST"
    error_of(client.get("/v3/check"), 404)
    error_of(client.get("/docs"), 404)  # FastAPI's docs page would load scripts from a CDN


def test_the_check_time_is_reported(client):
    timing = client.post("/v1/check", json=DRAFT).headers["server-timing"]
    assert timing.startswith("check;dur=") and float(timing.split("=")[1]) > 0


def test_the_page_follows_accept_language(client):
    for header, lang in [("id-ID,id;q=0.9,en;q=0.8", "id"), ("el", "el"), ("fr-FR, en;q=0.5", "en"),
                         ("de", "en"), ("en;q=0.2, el;q=0.8", "el"), (None, "en")]:
        headers = {"accept-language": header} if header else {}
        page = client.get("/", headers=headers)
        assert page.status_code == 200
        assert f'<html lang="{lang}">' in page.text, header
    assert ui_language("id;q=abc, el;q=0.1") == "el"


def test_the_page_uses_only_its_own_assets(client):
    page = client.get("/").text
    assert "http://" not in page and "https://" not in page
    for asset in ("/static/app.js", "/static/app.css"):
        response = client.get(asset)
        assert response.status_code == 200
        assert "http://" not in response.text and "https://" not in response.text


def test_every_interface_language_has_every_label(client):
    import re

    js = client.get("/static/app.js").text
    keys = {}
    for lang in ("en", "id", "el"):
        block = re.search(rf"\n  {lang}: {{(.*?)\n  }},", js, re.S).group(1)
        keys[lang] = set(re.findall(r"(\w+): \"", block))
    assert len(keys["en"]) > 30
    assert keys["id"] == keys["en"] and keys["el"] == keys["en"]


def test_serve_without_the_server_extra_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn -> ImportError
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 2
    assert 'pip install "chatlint[server]"' in result.output


def test_serve_on_a_busy_port_is_a_clear_error():
    import socket

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_concurrent_checks_get_their_own_answers(client):
    from concurrent.futures import ThreadPoolExecutor

    bodies = [DRAFT, {"text": "Θα έρθει αύριο", "reply_to": "Πότε θα έρθει;", "name": "Μαρία"},
              {"text": "ok", "lang": "en"}, {**DRAFT, "disable": ["use-name"]}] * 6
    alone = [client.post("/v1/check", json=body).json() for body in bodies]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda body: client.post("/v1/check", json=body).json(), bodies))
    assert together == alone

"""Issue 12: a local server that only its user can use (Host check, no simple cross-site
posts, security headers on every response), and hostile requests that stay cheap."""

import asyncio
import json
import time

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from chatlint.server.app import SECURITY_HEADERS, create_app, host_name  # noqa: E402

JSON = {"content-type": "application/json"}
DRAFT = {"text": "barang ready gan", "reply_to": "Kak, yang merah ready?", "name": "Michael"}


@pytest.fixture(scope="module")
def app(linter):
    return create_app(linter)


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app, base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"])
def test_loopback_hosts_are_served(client, host):
    assert client.get("/health", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "", "localhost.",
                                  "attacker.localhost.example:8000"])
def test_other_hosts_are_refused_dns_rebinding(client, host):
    for method, path in (("get", "/health"), ("get", "/"), ("post", "/v1/check"), ("get", "/nowhere")):
        response = getattr(client, method)(path, headers={"host": host},
                                           **({"json": DRAFT} if method == "post" else {}))
        assert response.status_code == 421, (host, path)
        assert response.json()["error"] == "misdirected request"


def test_the_address_the_user_chose_is_served(linter):
    client = TestClient(create_app(linter, allowed_hosts=["192.168.1.5"]), base_url="http://192.168.1.5:8000")
    assert client.get("/health").status_code == 200
    assert client.get("/health", headers={"host": "evil.example"}).status_code == 421
    anywhere = TestClient(create_app(linter, allowed_hosts="*"), base_url="http://my-box.lan:8000")
    assert anywhere.get("/health").status_code == 200


def test_host_name_parsing():
    assert host_name("LocalHost:80") == "localhost"
    assert host_name("[::1]:8000") == "::1" and host_name("::1") == "::1"


@pytest.mark.parametrize("media", ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x", None])
def test_json_endpoints_refuse_bodies_a_page_can_post_without_preflight(client, media):
    headers = {"content-type": media} if media else {}
    response = client.post("/v1/check", content=json.dumps(DRAFT).encode(), headers=headers)
    assert response.status_code == 415
    assert response.json()["error"] == "unsupported media type"
    assert client.post("/v1/check", content=json.dumps(DRAFT).encode(), headers=JSON).status_code == 200


def test_text_plain_is_refused_on_any_route_added_later(linter):
    app = create_app(linter)

    @app.post("/v3/later")  # a route added after create_app
    async def v2():
        return {"ok": True}

    client = TestClient(app, base_url="http://localhost")
    assert client.post("/v3/later", content=b"text=hi", headers={"content-type": "text/plain"}).status_code == 415
    assert client.post("/v3/later", data={"text": "hi"}).status_code == 200  # a form is fine off the JSON endpoints
    assert client.post("/v3/later", data={"text": "hi"}, headers={"host": "evil.example"}).status_code == 421
    assert all(client.post("/v3/later", data={"text": "hi"}).headers[k.decode()] for k, _ in SECURITY_HEADERS)


@pytest.mark.parametrize("method,path,kwargs", [
    ("get", "/", {}), ("get", "/health", {}), ("get", "/v1/rules", {}), ("get", "/openapi.json", {}),
    ("get", "/static/app.js", {}), ("get", "/nowhere", {}), ("post", "/v1/check", {"json": DRAFT}),
    ("post", "/v1/check", {"content": b"{", "headers": JSON}), ("put", "/v1/check", {}),
    ("post", "/v1/check", {"content": b"x", "headers": {"content-type": "text/plain"}}),
    ("get", "/health", {"headers": {"host": "evil.example"}}),
])
def test_every_response_carries_the_security_headers(client, method, path, kwargs):
    response = getattr(client, method)(path, **kwargs)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_page_needs_nothing_the_policy_forbids(client):
    page = client.get("/").text
    assert "<script>" not in page and "<style" not in page and " style=" not in page and " onclick" not in page


def test_health_answers_while_hostile_checks_run(app):
    """Four concurrent 5 KB requests of "!" stalled /health for 4 s (quadratic tokenizing)."""
    import httpx

    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            async def health():
                start = time.perf_counter()
                await client.get("/health")
                return time.perf_counter() - start

            quiet = await health()
            body = {"text": "!" * 5000}
            checks = [asyncio.create_task(client.post("/v1/check", json=body)) for _ in range(4)]
            await asyncio.sleep(0)
            during = await health()
            answers = await asyncio.gather(*checks)
            return quiet, during, answers

    quiet, during, answers = asyncio.run(run())
    assert all(a.status_code == 200 for a in answers)
    # a ratio, not seconds: /health under load stays within a generous multiple of a quiet one
    assert during <= max(quiet, 0.005) * 200, (quiet, during)

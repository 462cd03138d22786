"""The HTTP API and the checking page, on one Linter loaded once.

POST /v1/check answers exactly what `chatlint check --format json` prints
(`Result.to_dict()`); GET /v1/rules what `chatlint rules --format json` prints.
Every error is JSON {"error": short category, "detail": what was wrong}, with a
4xx status for anything the client sent: 400 for a body that is not UTF-8 JSON,
413 for a body over MAX_BODY bytes, 415 for one not sent as application/json, 421 for a
Host header that names no address of this server (LocalOnly), 422 for a JSON body of the
wrong shape.

POST /v2/check and GET /v2/languages speak LanguageTool's HTTP API (languagetool.py),
on the same check as /v1/check; their errors are LanguageTool's: a 4xx with a
plain-text "Error: ..." body.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException

from .. import __version__, api
from ..model.errors import ChatlintError
from ..engine.rules import rule_rows
from . import languagetool as lt

MAX_BODY = 64 * 1024  # bytes; a chat reply is a few hundred
MAX_TEXT = 5000  # characters of a draft (or of the customer's message)
STATIC = Path(__file__).resolve().parent / "static"
UI_LANGS = ("en", "id", "el")


class CheckRequest(BaseModel):
    """A draft to check, with what is known of the conversation."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"examples": [
        {"text": "barang ready gan", "reply_to": "Kak, yang merah ready?", "name": "Michael"}]})

    text: str = Field(min_length=1, max_length=MAX_TEXT, description="The draft reply.")
    reply_to: str | None = Field(None, max_length=MAX_TEXT, description="The customer's message it answers.")
    name: str | None = Field(None, max_length=100, description="The customer's name.")
    lang: Literal["auto", "id", "el", "en"] = Field("auto", description="The draft's language.")
    position: Literal["first", "middle", "closing"] | None = Field(
        None, description="Where the reply stands in the conversation, when known.")
    disable: list[str] = Field(default_factory=list, max_length=20,
                               description="Rule ids to skip for this check.")


# The response shapes, for the OpenAPI description (responses are Result.to_dict() as is).
class FixOut(BaseModel):
    start: int
    end: int
    text: str


class FindingOut(BaseModel):
    rule: str
    level: Literal["info", "warning", "error"]
    message: str | None
    suggestion: str | None
    start: int | None
    end: int | None
    fix: FixOut | None = Field(description="A concrete edit: replace text[start:end] with fix.text "
                                           "(offsets in Unicode code points).")
    critical: bool


class CheckResult(BaseModel):
    score: int
    lang: str
    findings: list[FindingOut]
    applied: list[str]
    signals: list[str]
    costs: dict[str, float]
    critical: str | None
    text: str
    reply_to: str | None
    name: str | None


class RuleOut(BaseModel):
    id: str
    level: str
    weight: float
    critical: bool
    languages: list[str]
    when: str
    check: str
    enabled: bool
    description: str
    etiquette: str
    path: str
    scope: str


class ErrorOut(BaseModel):
    error: str
    detail: str


class LTCheckForm(BaseModel):
    """LanguageTool's /v2/check parameters, form-encoded (other LanguageTool parameters are ignored)."""

    text: str = Field(None, description="The draft (or `data`).")
    data: str = Field(None, description='LanguageTool\'s annotated text as JSON: {"annotation": '
                                        '[{"text": ...}, {"markup": ..., "interpretAs": ...}]}.')
    language: str = Field(description="`auto`, or `id`, `el`, `en` with or without a region (`en-US`).")
    enabledRules: str = Field(None, description="Comma-separated rule ids to report even at level=default.")
    disabledRules: str = Field(None, description="Comma-separated rule ids not to report.")
    enabledCategories: str = Field(None)
    disabledCategories: str = Field(None)
    enabledOnly: str = Field(None, description="`true`: report only enabledRules/enabledCategories.")
    level: Literal["default", "picky", ""] = Field(None, description="`picky` also reports info-level "
                                                                 "findings; empty is `default`.")
    motherTongue: str = Field(None, description="Accepted and ignored.")
    preferredVariants: str = Field(None, description="With language=auto: the code to report, e.g. en-GB.")
    replyTo: str = Field(None, description="chatlint's own: the customer's message the draft answers.")
    customerName: str = Field(None, description="chatlint's own: the customer's name.")
    position: Literal["first", "middle", "closing", ""] = Field(
        None, description="chatlint's own: where the reply stands in the conversation (empty: unknown).")


class LTCategory(BaseModel):
    id: str
    name: str


class LTRule(BaseModel):
    id: str
    description: str
    issueType: str
    category: LTCategory


class LTContext(BaseModel):
    text: str
    offset: int
    length: int


class LTReplacement(BaseModel):
    value: str


class LTMatch(BaseModel):
    message: str
    shortMessage: str
    replacements: list[LTReplacement]
    offset: int = Field(description="UTF-16 code units into the text (or data) sent.")
    length: int
    context: LTContext
    sentence: str
    rule: LTRule


class LTDetected(BaseModel):
    name: str
    code: str


class LTLanguageOut(BaseModel):
    name: str
    code: str
    detectedLanguage: LTDetected


class LTCheckResponse(BaseModel):
    software: dict
    language: LTLanguageOut
    matches: list[LTMatch]


class LTLanguage(BaseModel):
    name: str
    code: str
    longCode: str


LT_ERRORS = {status: {"description": what, "content": {"text/plain": {"schema": {"type": "string"}}}}
             for status, what in [(400, "A parameter is missing or wrong (LanguageTool's plain-text error)."),
                                  (413, f"The text is over {MAX_TEXT} characters, or the body over "
                                        f"{MAX_BODY} bytes.")]}


class ApiError(Exception):
    """A request the API refuses: turned into {"error": what, "detail": detail} with `status`."""

    def __init__(self, status: int, what: str, detail: str):
        super().__init__(detail)
        self.status, self.what, self.detail = status, what, detail


def error(status: int, what: str, detail: str, headers=None) -> JSONResponse:
    return JSONResponse({"error": what, "detail": detail}, status_code=status, headers=headers)


def ui_language(accept: str | None) -> str:
    """The interface language from an Accept-Language header: the first of id/el/en by q-value."""
    best, best_q = "en", 0.0
    for part in (accept or "").split(","):
        tag, _, params = part.strip().partition(";")
        match = re.search(r"q\s*=\s*([^\s;]*)", params)
        try:
            q = float(match.group(1)) if match else 1.0
        except ValueError:
            continue
        primary = tag.strip().lower().split("-")[0]
        if primary in UI_LANGS and q > best_q:
            best, best_q = primary, q
    return best


async def read_body(request: Request) -> str:
    """The body as text, within MAX_BODY bytes; ApiError 400/413 otherwise."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise ApiError(413, "body too large", f"the body is {declared} bytes; the limit is {MAX_BODY}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise ApiError(413, "body too large", f"the body is over the limit of {MAX_BODY} bytes")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid UTF-8", f"the body is not valid UTF-8 (byte {exc.start})") from None


async def read_json(request: Request):
    """The body as JSON, within MAX_BODY bytes; ApiError 400/413 otherwise."""
    raw = await read_body(request)
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ApiError(400, "invalid JSON", f"the body is not valid JSON: {exc.msg} at line {exc.lineno} "
                                            f"column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer too long, nesting too deep
        raise ApiError(400, "invalid JSON", f"the body is not usable JSON: {exc}") from None


def field_errors(exc: ValidationError | RequestValidationError, names: dict | None = None) -> str:
    """What was wrong with each field; `names` renames fields (to the client's parameter names)."""
    parts = []
    for err in exc.errors():
        where = ".".join(str((names or {}).get(p, p)) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


# LanguageTool's parameter for each field of CheckRequest, in its error messages
LT_NAMES = {"text": "text", "reply_to": "replyTo", "name": "customerName", "lang": "language",
            "position": "position"}


async def read_form(request: Request) -> dict[str, str]:
    """LanguageTool's parameters: the query string and the form-encoded body (within MAX_BODY
    bytes). A parameter given twice counts once, the last time."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in ("multipart/form-data", "application/json"):
        raise lt.LTError(400, f"Send the parameters form-encoded (application/x-www-form-urlencoded), "
                              f"not as {kind}")
    raw = [request.url.query, await read_body(request)]
    params = {}
    for part in raw:
        try:
            params.update(parse_qsl(part, keep_blank_values=True, encoding="utf-8", errors="strict",
                                    max_num_fields=200))
        except UnicodeDecodeError:
            raise lt.LTError(400, "The parameters are not valid UTF-8 once percent-decoded") from None
        except ValueError as exc:  # more than max_num_fields
            raise lt.LTError(400, f"Unreadable parameters: {exc}") from None
    return params


def lt_error(status: int, message: str, headers=None) -> PlainTextResponse:
    """An error as LanguageTool's server sends it: plain text, "Error: " and the message."""
    return PlainTextResponse(f"Error: {message}", status_code=status, headers=headers)


def speaks_lt(request: Request) -> bool:
    return request.url.path.startswith("/v2/") or request.url.path == "/v2"


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
# Content types a web page may POST cross-origin without a CORS preflight ("simple" requests)
SIMPLE_TYPES = ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")
JSON_PREFIXES = ("/v1/",)  # endpoints whose request bodies are JSON
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                                 b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


def host_name(header: str) -> str:
    """The host of a Host header, without its port: "localhost:8000" -> "localhost", "[::1]:80" -> "::1"."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class LocalOnly:
    """ASGI middleware around every route, those of today and those added later.

    - Host: only loopback names (and the address the user chose with --host) are served, so a
      page on another site cannot reach the server through DNS rebinding (421 otherwise).
    - A body a web page could send without a preflight (text/plain, a form) is refused on the
      JSON endpoints with 415, and a text/plain body everywhere: cross-site posts never run.
    - Every response carries Content-Security-Policy, X-Content-Type-Options, X-Frame-Options
      and Referrer-Policy.
    """

    def __init__(self, app, allowed_hosts=None):
        self.app = app
        self.any_host = allowed_hosts == "*"
        self.allowed = LOOPBACK_HOSTS | ({host_name(h) for h in allowed_hosts or ()} if not self.any_host else set())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}

        async def send_secured(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *(h for h in SECURITY_HEADERS if h[0] not in names)]}
            await send(message)

        refusal = self.refusal(scope, headers)
        if refusal is not None:
            return await refusal(scope, receive, send_secured)
        return await self.app(scope, receive, send_secured)

    def refusal(self, scope, headers):
        if not self.any_host and host_name(headers.get("host", "")) not in self.allowed:
            return error(421, "misdirected request", "this server answers only requests for "
                         f"{', '.join(sorted(self.allowed - {'[::1]'}))} (the Host header was "
                         f"{headers.get('host', '')[:100]!r})")
        if scope["method"] in ("POST", "PUT", "PATCH") and _routed(scope):  # else 404/405 as usual
            media = headers.get("content-type", "").split(";", 1)[0].strip().lower()
            json_endpoint = scope["path"].startswith(JSON_PREFIXES)
            if media == "text/plain" or (json_endpoint and (media in SIMPLE_TYPES or not media)):
                return error(415, "unsupported media type", "send the body as JSON with "
                             "Content-Type: application/json")
        return None


def _routed(scope) -> bool:
    """Does a route of the app take this path and method?"""
    from starlette.routing import Match

    router = getattr(scope.get("app"), "router", None)
    return any(route.matches(scope)[0] == Match.FULL for route in getattr(router, "routes", ()))


def create_app(linter=None, allowed_hosts=None) -> FastAPI:
    """`allowed_hosts`: host names served besides the loopback ones ("*": any, when the user
    binds every address)."""
    if linter is None:
        from .. import default_linter

        linter = default_linter()

    app = FastAPI(
        # FastAPI's /docs and /redoc pages load their scripts from a CDN: off, as everything here
        # works offline. The description itself is at /openapi.json.
        docs_url=None, redoc_url=None,
        title="chatlint",
        version=__version__,
        description="Check a draft reply to a shop customer before it is sent. "
                    f"Request bodies are JSON of at most {MAX_BODY} bytes. Errors are "
                    '{"error": ..., "detail": ...} with a 4xx status.',
    )
    for lang in linter.languages:  # build every language pack now, not on the first request
        linter.pack(lang)
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    error_responses = {
        400: {"model": ErrorOut, "description": "The body is not UTF-8 JSON."},
        413: {"model": ErrorOut, "description": f"The body is over {MAX_BODY} bytes."},
        415: {"model": ErrorOut, "description": "The body is not sent as application/json."},
        422: {"model": ErrorOut, "description": "The JSON does not have the expected fields and types."},
    }

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        from http import HTTPStatus

        headers = getattr(exc, "headers", None)
        if speaks_lt(request):
            path = request.url.path
            if exc.status_code == 404:
                return lt_error(404, f"Unsupported action: '{path}'. chatlint answers POST /v2/check "
                                     "and GET /v2/languages", headers)
            if exc.status_code == 405:
                allowed = {k.lower(): v for k, v in (headers or {}).items()}.get("allow") or "another method"
                return lt_error(405, f"{path} needs to be called with {allowed}", headers)
            return lt_error(exc.status_code, str(exc.detail), headers)
        phrase = HTTPStatus(exc.status_code).phrase.lower()
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        return error(exc.status_code, phrase, detail, headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        if speaks_lt(request):
            return lt_error(exc.status, exc.detail[:1].upper() + exc.detail[1:])
        return error(exc.status, exc.what, exc.detail)

    @app.exception_handler(lt.LTError)
    async def languagetool_error(request: Request, exc: lt.LTError):
        return lt_error(exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return error(422, "invalid request", field_errors(exc))

    @app.post("/v1/check", summary="Check a draft reply",
              response_model=CheckResult, responses=error_responses,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}}}}})
    async def check(request: Request):
        """The same JSON as `chatlint check --format json`: score, lang, findings (each with
        rule, level, message, suggestion, span and an optional fix), applied rules, signals, costs."""
        data = await read_json(request)
        if not isinstance(data, dict):
            return error(422, "invalid request", 'the body must be a JSON object, e.g. {"text": "..."}')
        try:
            req = CheckRequest.model_validate(data)
        except ValidationError as exc:
            return error(422, "invalid request", field_errors(exc))
        try:
            result, _, seconds = await run_in_threadpool(timed, req)
        except ChatlintError as exc:
            return error(422, "invalid request", str(exc))
        return JSONResponse(result.to_dict(), headers={"Server-Timing": f"check;dur={seconds * 1000:.2f}"})

    def timed(req: CheckRequest):
        """The one check both APIs run: its Result, the draft's Analysis, and the seconds it took."""
        start = time.perf_counter()
        result, analysis = api.check_analysed(req.text, reply_to=req.reply_to, name=req.name, lang=req.lang,
                                              position=req.position, config=linter, disable=req.disable)
        return result, analysis, time.perf_counter() - start

    @app.post("/v2/check", summary="Check a draft, LanguageTool's way",
              tags=["LanguageTool API v2"], response_model=LTCheckResponse, responses=LT_ERRORS,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/x-www-form-urlencoded": {"schema": {
                      "$ref": "#/components/schemas/LTCheckForm"}}}}})
    async def languagetool_check(request: Request):
        """LanguageTool's `/v2/check`: the same check as /v1/check, answered in LanguageTool's
        shape (offsets in UTF-16 code units), for LanguageTool's browser add-ons and editor
        plugins pointed at this server. chatlint's own extra parameters: `replyTo` (the
        customer's message), `customerName`, `position`."""
        params = lt.parse_check(await read_form(request), linter.languages, MAX_TEXT)
        plain = params.text.plain
        result = analysis = None
        seconds = 0.0
        if plain.strip():  # nothing to check in an empty field
            try:
                req = CheckRequest(text=plain, reply_to=params.reply_to, name=params.name,
                                   lang=params.lang, position=params.position)
            except ValidationError as exc:
                raise lt.LTError(400, field_errors(exc, LT_NAMES)) from None
            try:
                result, analysis, seconds = await run_in_threadpool(timed, req)
            except ChatlintError as exc:
                raise lt.LTError(400, str(exc)) from None
        detected = result.lang if result is not None and params.lang == "auto" else linter.detect(plain)
        body = lt.check_response(params, result, analysis, linter.rules, detected, __version__)
        return JSONResponse(body, headers={"Server-Timing": f"check;dur={seconds * 1000:.2f}"})

    @app.get("/v2/languages", summary="The languages, LanguageTool's way", tags=["LanguageTool API v2"],
             response_model=list[LTLanguage])
    async def languagetool_languages():
        """LanguageTool's `/v2/languages`: each language chatlint checks, as a bare code and
        with its usual regions (`id`, `id-ID`, `el`, `el-GR`, `en`, `en-US`, ...)."""
        return JSONResponse(lt.languages(linter.languages))

    @app.get("/v1/rules", summary="List the rules", response_model=list[RuleOut])
    async def rules():
        """The same list as `chatlint rules --format json`."""
        return JSONResponse(rule_rows([*linter.rules.values(), *linter.conversation_rules.values()]))

    @app.get("/health", summary="Liveness")
    async def health():
        return {"status": "ok", "version": __version__, "languages": linter.languages,
                "rules": len(linter.rules)}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(request: Request):
        lang = ui_language(request.headers.get("accept-language"))
        return HTMLResponse(page.replace('lang="en"', f'lang="{lang}"', 1),
                            headers={"Vary": "Accept-Language", "Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def openapi():
        """The generated description, plus the request body (parsed by hand above) and the rule ids."""
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            request_schema = CheckRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            request_schema["properties"]["disable"]["items"] = {"enum": sorted(linter.rules)}
            schema["components"]["schemas"]["CheckRequest"] = request_schema
            form = LTCheckForm.model_json_schema()
            form["properties"]["language"]["enum"] = ["auto", *sorted(
                row["longCode"] for row in lt.languages(linter.languages))]
            schema["components"]["schemas"]["LTCheckForm"] = form
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi
    app.add_middleware(LocalOnly, allowed_hosts=allowed_hosts)
    return app

"""`chatlint serve` speaks LanguageTool's HTTP API v2 (POST /v2/check, GET /v2/languages).

A real client that nobody here wrote, `language_tool_python` pointed at a running `chatlint
serve` (a subprocess on a free local port), gets chatlint's rule ids, messages, offsets and
replacements; replacements applied at their UTF-16 offsets make exactly chatlint's fixes;
LanguageTool's annotated text keeps offsets in the original; bad requests are LanguageTool's
plain-text 4xx errors.
"""

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

pytest.importorskip("fastapi")
language_tool_python = pytest.importorskip("language_tool_python")
from fastapi.testclient import TestClient  # noqa: E402

from chatlint.server.app import MAX_BODY, create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(linter):
    return TestClient(create_app(linter), base_url="http://localhost")  # a loopback Host (LocalOnly)


def post(url, **params):
    """POST /v2/check form-encoded over real HTTP, as LanguageTool's clients do: (status, body)."""
    body = urllib.parse.urlencode(params).encode()
    request = urllib.request.Request(url + "/v2/check", data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def utf16_apply(text: str, offset: int, length: int, replacement: str) -> str:
    """Replace `length` UTF-16 code units at `offset`, as a JavaScript client (the add-on) does."""
    units = text.encode("utf-16-le")
    return (units[:2 * offset] + replacement.encode("utf-16-le") + units[2 * (offset + length):]).decode("utf-16-le")


def utf16_slice(text: str, offset: int, length: int) -> str:
    return text.encode("utf-16-le")[2 * offset:2 * (offset + length)].decode("utf-16-le")


# --- a real client: language_tool_python ------------------------------------------------------

@pytest.mark.parametrize("lang,draft,expected", [
    # (rule id, the text it marks, its replacement or None)
    ("id", "Ok 🙏🙏 BACA DESKRIPSI dong 😡", [
        ("shouting", "BACA", "baca"), ("calm", "BACA DESKRIPSI", None),
        ("shouting", "DESKRIPSI", "deskripsi"), ("emoticon", "😡", "")]),
    ("el", "Καλημέρα 🙂 ΔΕΝ ΣΤΕΛΝΟΥΜΕ ΣΤΟ ΕΞΩΤΕΡΙΚΟ!!!", [  # a refusal, so an apology is due
        ("apology", "Καλημέρα", "Ζητάμε συγγνώμη, Καλημέρα"),
        ("shouting", "ΣΤΕΛΝΟΥΜΕ", "στελνουμε"), ("shouting", "ΕΞΩΤΕΡΙΚΟ", "εξωτερικο"),
        ("shouting", "!!!", "!")]),
    ("en-US", "🎉🎉 that's your fault, read the description", [
        ("calm", "that's your fault", None), ("calm", "read the description", None)]),
])
def test_language_tool_python_gets_chatlints_findings(server, linter, lang, draft, expected):
    tool = language_tool_python.LanguageTool(lang, remote_server=server)  # asks /v2/languages first
    tool.picky = True  # info findings too (the hostile emoji)
    try:
        matches = tool.check(draft)
    finally:
        tool.close()
    # the client turns LanguageTool's UTF-16 offsets into Python's code points (lengths stay in
    # UTF-16 units): after emoji, each must land on the text it marks
    got = [(m.rule_id, m.offset, m.error_length, m.replacements) for m in matches]
    assert got == [(rule, draft.index(marked), len(marked.encode("utf-16-le")) // 2,
                    [] if replacement is None else [replacement]) for rule, marked, replacement in expected]
    ours = linter.check(draft, lang=lang.split("-")[0])
    # a finding without a span (a missing apology) marks the draft's first word
    by_start = {(f.rule, f.start or 0): f for f in ours.findings}
    for m in matches:
        finding = by_start[(m.rule_id, m.offset)]
        assert m.message == f"{finding.message} {finding.suggestion}"
        assert m.category == {"shouting": "TONE", "calm": "TONE", "emoticon": "COURTESY",
                              "apology": "COURTESY"}[m.rule_id]
        assert m.rule_issue_type in ("register", "style", "omission")


def test_language_tool_python_picky_and_rule_switches(server):
    draft = "BACA DESKRIPSI DONG!!!"
    tool = language_tool_python.LanguageTool("id-ID", remote_server=server)
    try:
        default = {m.rule_id for m in tool.check(draft)}
        tool.picky = True  # level=picky: info findings too (no softening emoji)
        picky = {m.rule_id for m in tool.check(draft)}
        tool.disabled_rules = {"shouting", "NOT_A_CHATLINT_RULE"}  # unknown ids are ignored, as LanguageTool does
        without = {m.rule_id for m in tool.check(draft)}
        tool.disabled_rules = set()
        tool.enabled_rules = {"calm"}
        tool.enabled_rules_only = True
        only = {m.rule_id for m in tool.check(draft)}
    finally:
        tool.close()
    assert default == {"calm", "shouting"}
    assert picky == {"calm", "shouting", "emoticon"}
    assert without == {"calm", "emoticon"}
    assert only == {"calm"}


# --- offsets and replacements over HTTP ---------------------------------------------------------

FIXABLE = [
    # drafts with emoji (two UTF-16 units each) and Greek, and the customer's turn
    {"text": "Ok 🙏🙏 sudah DIKIRIM ya!!! 😡", "language": "id",
     "replyTo": "Kak paket saya belum sampai, sudah seminggu!", "customerName": "Dewi"},
    {"text": "🙂 Το δέμα ΔΕΝ έφυγε ακόμα ΣΥΓΓΝΩΜΗ!!!", "language": "auto",
     "replyTo": "Πότε θα έρθει η παραγγελία μου; Έχει αργήσει πολύ", "customerName": "Γιώργος"},
    {"text": "Thanks Rachel! 🎉 your order ships tomorrow 🙄", "language": "en-GB", "customerName": "Sarah"},
    {"text": "barang ready gan", "language": "id", "replyTo": "Kak, yang merah ready?",
     "customerName": "Michael"},
]


@pytest.mark.parametrize("params", FIXABLE, ids=["id-emoji", "el-emoji", "en-emoji", "id"])
def test_every_replacement_at_its_utf16_offset_makes_chatlints_fix(server, params):
    text = params["text"]
    status, lt = post(server, **params, level="picky")
    assert status == 200, lt
    body = {"text": text, "reply_to": params.get("replyTo"), "name": params.get("customerName"),
            "lang": params["language"].split("-")[0]}
    request = urllib.request.Request(server + "/v1/check", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        ours = json.load(response)
    fixed_by_chatlint = sorted(
        text[:f["fix"]["start"]] + f["fix"]["text"] + text[f["fix"]["end"]:]
        for f in ours["findings"] if f["fix"])
    fixed_by_client = sorted(utf16_apply(text, m["offset"], m["length"], m["replacements"][0]["value"])
                             for m in lt["matches"] if m["replacements"])
    assert fixed_by_client == fixed_by_chatlint
    assert len(fixed_by_client) >= 2
    assert sorted(m["rule"]["id"] for m in lt["matches"]) == sorted(f["rule"] for f in ours["findings"])


def test_applying_every_replacement_gives_the_fixed_draft(server):
    text = "Kak 🙏🙏 BARANGNYA SUDAH DIKIRIM!!!"
    status, lt = post(server, text=text, language="auto", level="picky")
    assert status == 200, lt
    edits = sorted(((m["offset"], m["length"], m["replacements"][0]["value"])
                    for m in lt["matches"] if m["replacements"]), reverse=True)
    fixed, last = text, None
    for offset, length, value in edits:  # right to left, skipping edits that overlap one applied
        if last is None or offset + length <= last:
            fixed, last = utf16_apply(fixed, offset, length, value), offset
    assert fixed == "Kak 🙏🙏 barangnya sudah dikirim!"
    status, again = post(server, text=fixed, language="id", level="picky")
    assert again["matches"] == []


def test_findings_without_a_span_point_at_the_draft_and_carry_their_fix(client):
    text = "Ok, sudah dikirim"
    lt = client.post("/v2/check", data={"text": text, "language": "id", "customerName": "Dewi",
                                        "replyTo": "Kak paket saya rusak!"}).json()
    by_rule = {m["rule"]["id"]: m for m in lt["matches"]}
    apology = by_rule["apology"]  # missing: its fix goes first, so it marks the first word
    assert (apology["offset"], apology["length"]) == (0, 3)
    assert apology["replacements"] == [{"value": "Mohon maaf kak, Ok,"}]
    assert apology["context"] == {"text": text, "offset": 0, "length": 3}
    assert apology["sentence"] == text
    use_name = by_rule["use-name"]  # the name goes after "sudah": it marks that word
    assert (use_name["offset"], use_name["length"]) == (4, 5)
    assert use_name["replacements"] == [{"value": "sudah Dewi"}]
    # a finding with neither span nor fix marks the draft's first word, with no replacement
    lt = client.post("/v2/check", data={"text": "  siap gan", "language": "id",
                                        "replyTo": "Kak, ongkir ke Medan berapa?"}).json()
    answer = next(m for m in lt["matches"] if m["rule"]["id"] == "answers-question")
    assert (answer["offset"], answer["length"], answer["replacements"]) == (2, 4, [])


def test_without_the_customers_message_only_rules_that_need_none_run(client):
    draft = {"text": "Sudah dikirim ya", "language": "id", "level": "picky"}
    alone = {m["rule"]["id"] for m in client.post("/v2/check", data=draft).json()["matches"]}
    assert alone == {"emoticon"}
    bad_news = {"text": "Το προϊόν εξαντλήθηκε", "language": "auto"}  # the draft itself brings bad news
    assert {m["rule"]["id"] for m in client.post("/v2/check", data=bad_news).json()["matches"]} == {
        "apology", "expectations"}
    turn = client.post("/v2/check", data={**draft, "replyTo": "Kak, paket saya belum sampai, sudah seminggu!",
                                          "customerName": "Dewi"}).json()
    assert {"apology", "use-name"} <= {m["rule"]["id"] for m in turn["matches"]}


# --- LanguageTool's annotated text --------------------------------------------------------------

def test_annotated_text_skips_markup_and_offsets_point_into_the_original(client):
    annotation = [{"markup": "<p>"}, {"text": "Halo 🙏 "}, {"markup": "<b>"}, {"text": "SUDAH"},
                  {"markup": "</b>"}, {"text": " dikirim"}, {"markup": "<br/>", "interpretAs": "\n"},
                  {"text": "cek DESKRIPSI!!!"}, {"markup": "</p>", "interpretAs": "\n\n"}]
    original = "".join(part.get("text", part.get("markup")) for part in annotation)
    lt = client.post("/v2/check", data={"data": json.dumps({"annotation": annotation}),
                                        "language": "id"}).json()
    marked = {(m["rule"]["id"], utf16_slice(original, m["offset"], m["length"])) for m in lt["matches"]}
    assert {("shouting", "SUDAH"), ("shouting", "DESKRIPSI"), ("shouting", "!!!")} <= marked
    fixed = original
    for m in sorted(lt["matches"], key=lambda m: -m["offset"]):
        if m["rule"]["id"] == "shouting":
            fixed = utf16_apply(fixed, m["offset"], m["length"], m["replacements"][0]["value"])
    assert fixed == "<p>Halo 🙏 <b>sudah</b> dikirim<br/>cek deskripsi!</p>"
    # {"text": ...} in data is plain text
    plain = client.post("/v2/check", data={"data": json.dumps({"text": "SUDAH dikirim"}), "language": "id"})
    assert [m["offset"] for m in plain.json()["matches"]] == [0]


# --- the rest of LanguageTool's interface -------------------------------------------------------

def test_languages_lists_each_language_bare_and_with_its_regions(client):
    rows = client.get("/v2/languages").json()
    codes = {row["longCode"]: row["code"] for row in rows}
    for long, code in [("id", "id"), ("id-ID", "id"), ("el", "el"), ("el-GR", "el"), ("en", "en"),
                       ("en-US", "en"), ("en-GB", "en")]:
        assert codes[long] == code
    assert all(set(row) == {"name", "code", "longCode"} and row["name"] for row in rows)


def test_the_answer_has_languagetools_shape(client):
    lt = client.post("/v2/check", data={"text": "Halo, BACA DESKRIPSI.", "language": "auto",
                                        "preferredVariants": "en-GB,id-ID"}).json()
    assert lt["software"]["name"] == "chatlint" and lt["software"]["apiVersion"] == 1
    assert lt["language"]["code"] == "id-ID"
    assert lt["language"]["detectedLanguage"] == {"name": "Indonesian (ID)", "code": "id-ID"}
    match = lt["matches"][0]
    assert set(match) >= {"message", "shortMessage", "offset", "length", "replacements", "context",
                          "sentence", "rule"}
    assert set(match["rule"]) >= {"id", "description", "issueType", "category"}
    assert set(match["rule"]["category"]) == {"id", "name"}
    assert match["rule"]["category"]["name"] == "Nada"  # in the draft's language
    assert lt["sentenceRanges"] == [[0, 21]]
    named = client.post("/v2/check", data={"text": "Halo, BACA DESKRIPSI.", "language": "el-GR"}).json()
    assert named["language"]["code"] == "el-GR" and named["language"]["detectedLanguage"]["code"] == "id"


def test_an_empty_field_has_nothing_to_report(client):
    for text in ("", "   "):
        response = client.post("/v2/check", data={"text": text, "language": "auto"})
        assert response.status_code == 200 and response.json()["matches"] == []


def test_context_is_forty_characters_either_side(client):
    text = "a" * 60 + " SUDAH " + "b" * 60
    match = client.post("/v2/check", data={"text": text, "language": "id"}).json()["matches"][0]
    context = match["context"]
    assert context["text"] == "..." + "a" * 39 + " SUDAH " + "b" * 39 + "..."
    assert context["text"][context["offset"]:context["offset"] + context["length"]] == "SUDAH"


# --- bad requests: LanguageTool's plain-text errors, never a 500 -------------------------------

@pytest.mark.parametrize("params,status,says", [
    ({"language": "id"}, 400, "Missing 'text' or 'data' parameter"),
    ({"text": "halo"}, 400, "Missing 'language' parameter"),
    ({"text": "halo", "language": "de-DE"}, 400, "'de-DE' is not a language code known to chatlint"),
    ({"text": "halo", "language": "x" * 300}, 400, "is not a language code known"),
    ({"text": "halo", "data": "{}", "language": "id"}, 400, "Set only 'text' or 'data' parameter, not both"),
    ({"data": "{not json", "language": "id"}, 400, "Could not parse JSON from 'data' parameter"),
    ({"data": "[1]", "language": "id"}, 400, "'data' must be a JSON object"),
    ({"data": "{}", "language": "id"}, 400, "'data' key in JSON requires 'text' or 'annotation' key"),
    ({"data": '{"annotation": [{"text": "a", "markup": "b"}]}', "language": "id"}, 400, "not both"),
    ({"data": '{"annotation": [{"text": "a", "interpretAs": "b"}]}', "language": "id"}, 400,
     "'text' cannot be used with 'interpretAs'"),
    ({"data": '{"annotation": [{"foo": 1}]}', "language": "id"}, 400, "Only 'text' and 'markup' are supported"),
    ({"data": '{"annotation": [{"text": 5}]}', "language": "id"}, 400, "must be a string"),
    ({"data": '{"annotation": "abc"}', "language": "id"}, 400, "must be a list"),
    ({"data": '{"text": "ok \\ud800"}', "language": "id"}, 400, "text"),
    ({"data": "[" * 5000 + "]" * 5000, "language": "id"}, 400, "Could not parse JSON"),
    ({"text": "halo", "language": "id", "enabledOnly": "true"}, 400,
     "You must specify enabled rules or categories when using enabledOnly=true"),
    ({"text": "halo", "language": "id", "enabledOnly": "true", "enabledRules": "calm",
      "disabledRules": "shouting"}, 400, "You cannot specify disabled rules or categories using enabledOnly=true"),
    ({"text": "halo", "language": "id", "preferredVariants": "id-ID"}, 400,
     "You specified 'preferredVariants' but you didn't specify 'language=auto'"),
    ({"text": "halo", "language": "auto", "preferredVariants": "en"}, 400,
     "Invalid format for 'preferredVariants'"),
    ({"text": "halo", "language": "auto", "preferredVariants": "en-<b>"}, 400, "Invalid 'preferredVariants'"),
    ({"text": "halo", "language": "id", "level": "strict"}, 400, "'level' must be 'default' or 'picky'"),
    ({"text": "halo", "language": "id", "position": "last"}, 400, "'position' must be one of"),
    ({"text": "halo", "language": "id", "customerName": "x" * 101}, 400, "customerName: String should have at most 100"),
    ({"text": "halo", "language": "id", "replyTo": "x" * 5001}, 400, "replyTo: String should have at most 5000"),
    ({"text": "a" * 5001, "language": "id"}, 413, "Your text exceeds the limit of 5000 characters (it's 5001"),
])
def test_bad_requests_are_languagetool_style_errors(client, params, status, says):
    response = client.post("/v2/check", data=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith("Error: ") and says in response.text


@pytest.mark.parametrize("raw,content_type,status,says", [
    (b"text=caf%E9&language=id", "application/x-www-form-urlencoded", 400, "not valid UTF-8"),
    (b"text=caf\xe9&language=id", "application/x-www-form-urlencoded", 400, "not valid UTF-8"),
    (b'{"text": "halo", "language": "id"}', "application/json", 400, "form-encoded"),
    (b"&".join([b"x=1"] * 300) + b"&text=a&language=id", "application/x-www-form-urlencoded", 400,
     "Unreadable parameters"),
    (b"text=" + b"a" * MAX_BODY + b"&language=id", "application/x-www-form-urlencoded", 413, "limit"),
])
def test_unreadable_bodies_are_languagetool_style_errors(client, raw, content_type, status, says):
    response = client.post("/v2/check", content=raw, headers={"content-type": content_type})
    assert response.status_code == status, response.text
    assert response.text.startswith("Error: ") and says in response.text


def test_wrong_paths_and_methods_under_v2_are_plain_text(client):
    response = client.get("/v2/check")
    assert response.status_code == 405 and response.text == "Error: /v2/check needs to be called with POST"
    response = client.post("/v2/info")
    assert response.status_code == 404 and response.text.startswith("Error: Unsupported action: '/v2/info'")


def test_bad_requests_over_real_http_never_500(server):
    for params in ({}, {"text": "halo"}, {"data": "{", "language": "auto"},
                   {"text": "halo", "language": "id", "replyTo": "x" * 6000}):
        status, body = post(server, **params)
        assert status == 400 and body.startswith("Error: "), body

"""The Python API (chatlint/api.py): the three jobs as functions over plain objects,
the same answers as the command line's JSON."""

import json
from datetime import datetime

from click.testing import CliRunner

import chatlint
from chatlint.cli import main
from chatlint.model.messages import Message
from chatlint.engine import builtin_rules_dir
from chatlint.formatters import REGISTRY, names

CHAT = "examples/chats/toko-batik-rina.txt"


def cli_json(*args):
    result = CliRunner().invoke(main, [*args, "--format", "json", "--exit-zero"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_check_is_the_cli_json():
    result = chatlint.check("barang ready gan", reply_to="Kak, yang merah ready?", name="Michael")
    assert result.to_dict() == cli_json("check", "--reply-to", "Kak, yang merah ready?", "--name", "Michael",
                                        "barang ready gan")


def test_lint_takes_paths_and_templates():
    report = chatlint.lint(["examples/templates/en.csv"])
    cli = cli_json("lint", "examples/templates/en.csv")
    assert [c.score for c in report.checked] == [t["score"] for t in cli["templates"]]
    report = chatlint.lint([{"id": "late", "text": "Sorry for the wait {name}, it ships tomorrow 🙏",
                             "intent": "delivery-delay"},
                            {"id": "rude", "text": "read the description", "lang": "en", "intent": "question"}])
    late, rude = report.checked
    assert late.template.name == "late" and rude.score < late.score
    assert "use-name" not in [f.rule for f in late.findings]


def test_score_takes_paths_or_messages_and_matches_the_cli():
    # the command line reads examples/.chatlint.yaml (business hours); the API is told it
    transcript = chatlint.score(CHAT, config="examples/.chatlint.yaml")
    cli = cli_json("score", CHAT)
    # the JSON document nests each conversation's messages where its row has their count
    assert [{**c, "messages": None} for c in transcript.conversations] == \
        [{**c, "messages": None} for c in cli["conversations"]]
    assert transcript.messages == [m for c in cli["conversations"] for m in c["messages"]]
    assert transcript.agents == cli["admins"] and transcript.summary == cli["summary"]

    t0 = datetime(2024, 5, 6, 9, 0)
    messages = [Message("chat", 1, t0, "Dewi", "Kak, pesanan saya belum sampai, sudah seminggu"),
                Message("chat", 2, t0.replace(minute=20), "Toko", "cek dulu")]
    scored = chatlint.score(messages, agents=["Toko"])
    assert scored.admins == ["Toko"] and [m["role"] for m in scored.messages] == ["customer", "agent"]
    assert scored.ledger.counts["message"] == 2
    assert scored.conversations[0]["conversation"] == "chat:#1"


def test_conversation_rules_escalate_and_fix_like_message_rules(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    source = (builtin_rules_dir() / "builtin" / "greeting.yaml").read_text()
    (folder / "greeting.yaml").write_text(source + "escalate: {when: complaint, level: error}\n")
    config = chatlint.load_config(rules=[folder], isolated=True)
    t0 = datetime(2024, 5, 6, 9, 0)

    def greeting(customer_text):
        messages = [Message("c", 1, t0, "Dewi", customer_text), Message("c", 2, t0.replace(minute=5), "Toko",
                                                                        "Ukuran L ada.")]
        found = [f for m in chatlint.score(messages, config, agents=["Toko"]).messages for f in m["findings"]
                 if f["rule"] == "greeting"]
        return found[0]["level"]

    assert greeting("Kak, ukuran L ada?") == "info"
    assert greeting("Barangnya rusak kak, kecewa banget") == "error"


def test_every_format_option_comes_from_the_registry():
    for command, kind in (("check", "result"), ("rules", "rules"), ("lint", "report"), ("score", "transcript")):
        result = CliRunner().invoke(main, [command, "--help"])
        listed = result.output.split("--format [", 1)[1].split("]", 1)[0].replace("\n", "").replace(" ", "")
        assert listed.split("|") == names(kind) == list(REGISTRY[kind])

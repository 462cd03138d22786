"""Every conversation rule's own examples (short timestamped chats in its YAML) run as tests."""

import dataclasses

import pytest

import chatlint
from chatlint.conversation.lint import ConversationLinter
from chatlint.model.messages import Message
from chatlint.conversation.split import Conversation, assign_roles

LINTER = chatlint.default_linter()
CASES = [(rule, ex) for rule in LINTER.conversation_rules.values() for ex in rule.examples]


def run_example(rule, example):
    parsed = rule.check.parse_chat(example.chat, None, ())
    messages = [Message("example", n + 1, stamp, "Shop" if role == "agent" else (example.name or "Dewi"),
                        text, role=role) for n, (stamp, role, text) in enumerate(parsed)]
    conversation = assign_roles(Conversation("example", "", 1, messages), {"Shop"})
    if example.lang:
        conversation.lang = example.lang
    settings = dataclasses.replace(LINTER.settings, business_hours=example.business_hours)
    return ConversationLinter(LINTER, settings).score(conversation)


@pytest.mark.parametrize("rule,example", CASES,
                         ids=[f"{r.id}:{e.lang}:{e.expect}:line{e.line}" for r, e in CASES])
def test_conversation_rule_example(rule, example):
    scored = run_example(rule, example)
    fired = [f for _, f in scored.findings() if f.rule == rule.id]
    if example.expect == "fail":
        assert fired, f"{rule.id} should fire on {example.chat}"
        assert rule.id in scored.rules_failed
    else:
        assert not fired, f"{rule.id} fired on {example.chat}: {[f.message for f in fired]}"


def test_conversation_rules_are_loaded_apart_from_message_rules():
    assert {"response-time", "business-hours", "greeting", "closing", "unanswered", "follow-up"} <= \
        set(LINTER.conversation_rules)
    assert not set(LINTER.conversation_rules) & set(LINTER.rules)
    for rule in LINTER.conversation_rules.values():
        assert {e.expect for e in rule.examples} == {"pass", "fail"}, rule.id
        assert {e.lang for e in rule.examples} == set(rule.languages), rule.id


def test_a_chat_line_in_an_example_that_is_not_a_chat_line_is_an_error(tmp_path):
    from chatlint.model.errors import ChatlintError
    from chatlint.engine import Linter

    folder = tmp_path / "rules"
    folder.mkdir()
    source = (chatlint.engine.builtin_rules_dir() / "builtin" / "unanswered.yaml").read_text()
    (folder / "unanswered.yaml").write_text(source.replace('"09:07 customer: Kalau', '"9h07 customer: Kalau'))
    with pytest.raises(ChatlintError) as exc:
        Linter(rule_dirs=[folder])
    assert "unanswered.yaml" in str(exc.value) and "expected \"[Mon ]HH:MM customer|agent: text\"" in str(exc.value)

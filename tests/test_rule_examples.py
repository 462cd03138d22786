"""Every rule's own examples (the `examples:` in its YAML) run as tests."""

import pytest

import chatlint

LINTER = chatlint.default_linter()
CASES = [(rule, ex) for rule in LINTER.rules.values() for ex in rule.examples]


@pytest.mark.parametrize(
    "rule,example", CASES,
    ids=[f"{rule.id}:{ex.lang}:{ex.expect}:line{ex.line}" for rule, ex in CASES])
def test_rule_example(rule, example):
    result = LINTER.check(example.reply, reply_to=example.customer, name=example.name,
                          lang=example.lang, position=example.position)
    fired = [f for f in result.findings if f.rule == rule.id]
    if example.expect == "fail":
        assert fired, f"{rule.id} should fire on {example.reply!r} (signals: {result.signals})"
    else:
        assert not fired, f"{rule.id} fired on {example.reply!r}: {[f.message for f in fired]}"


def test_every_rule_has_passing_and_failing_examples_in_each_language():
    for rule in LINTER.rules.values():
        langs = {ex.lang for ex in rule.examples}
        assert langs == set(rule.languages), f"{rule.id} lacks examples in {set(rule.languages) - langs}"

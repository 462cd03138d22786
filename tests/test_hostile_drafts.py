"""Issue 12: drafts that used to take quadratic time ("!" * 20000 took 76 s, 32,000 🙂 128 s)."""

import pytest

import chatlint
from linear import assert_linear

SHAPES = ["!", "🙂", "a🙂 ", "AAAA! ", "ΑΒΓΔ ", "apa? ", "terima kasih ", "kalau rusak, ", "x@", "1-",
          "hehe ", "kak Budi "]


@pytest.mark.parametrize("unit", SHAPES)
def test_draft_time_is_linear(linter, unit):
    def make(n):
        return (unit * (n // len(unit) + 1))[:n]

    assert_linear(make, lambda text: linter.check(text), base=2000)


@pytest.mark.parametrize("unit", ["apa? ", "terima kasih ", "kalau rusak, ", "🙂🙂😡 ", "a"])
def test_customer_turn_time_is_linear(linter, unit):
    def make(n):
        return (unit * (n // len(unit) + 1))[:n] + ("@" if unit == "a" else "")  # "aaa...@": email

    assert_linear(make, lambda text: linter.check("ok kak", reply_to=text, name="Budi"), base=2000)


def test_long_runs_keep_the_text_and_offsets(linter):
    text = "halo kak " + "!" * 20000 + " " + "🙂" * 300 + "x" * 150
    result = linter.check(text)
    analysis = linter.pack(result.lang).analyse(text)
    assert analysis.doc.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in analysis.doc)


def test_tokens_unchanged_below_the_run_limit(linter):
    pack = linter.pack("en")
    text = "Hi!!! don't worry, https://example.com/a/b?c=d is ok :) " * 3
    assert [t.text for t in pack.nlp.tokenize(text)] == [t.text for t in pack.tokenizer(text)]

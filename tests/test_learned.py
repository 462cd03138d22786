"""Learned signals: the shipped models load offline from the package and judge what word
lists miss; the training is deterministic; a signal naming an unknown model is an error."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import chatlint
from chatlint.model.errors import ChatlintError
from chatlint.analysis.learned import MODELS, features, models
from chatlint.analysis.signals import load_signals

ROOT = Path(__file__).resolve().parent.parent
LINTER = chatlint.default_linter()


def test_the_models_ship_inside_the_package():
    assert MODELS.is_file() and Path(chatlint.__file__).parent in MODELS.parents
    loaded = models()
    assert {"complaint", "thanks_due"} <= set(loaded)
    for model in loaded.values():
        assert 0 < model.threshold < 1 and model.weights


@pytest.mark.parametrize("lang, customer", [
    ("en", "3 hours on hold and nobody picked up"),
    ("en", "why is my bill higher this month"),
])
def test_a_complaint_stated_as_a_fact_asks_for_an_apology(lang, customer):
    assert not LINTER.pack(lang).analyse(customer).hits.get("signals.complaint")  # no word list knows it
    result = LINTER.check("We will look into it today.", reply_to=customer, lang=lang)
    assert "complaint" in result.signals
    assert "apology" in [f.rule for f in result.findings]


@pytest.mark.parametrize("lang, customer", [
    ("en", "Do you have it in blue?"),
    ("en", "saw this on your story 2 days ago, is it still available?"),
    ("id", "mau tanya kak harga yang merah berapa"),
])
def test_a_question_before_buying_is_no_complaint(lang, customer):
    assert "complaint" not in LINTER.check("Yes, we do.", reply_to=customer, lang=lang).signals


def test_a_learned_signal_turns_on_where_its_model_says_so(monkeypatch):
    """The mechanism, with a hand-made model: on above the threshold, off below it, and
    the word lists' own judgement stands where they found the signal's words."""
    from chatlint.analysis import signals
    from chatlint.analysis.learned import Model

    parcel = Model("parcel", {"bias": -3.0, "threshold": 0.5, "weights": {"parcel": 6.0}})
    monkeypatch.setattr(signals, "models", lambda: {"parcel": parcel})
    signal = signals.Signal("lost", "a lost parcel", "customer", [], [], learned="parcel")
    pack = LINTER.pack("en")
    assert signals.compute({"lost": signal}, pack.analyse("where is the parcel"), pack.analyse("ok")) == {"lost"}
    assert signals.compute({"lost": signal}, pack.analyse("where is the box"), pack.analyse("ok")) == set()


def test_greek_reads_the_same_with_or_without_accents():
    pack = LINTER.pack("el")
    assert features(pack.analyse("Δεν έχει έρθει ακόμα το δέμα")) == features(
        pack.analyse("δεν εχει ερθει ακομα το δεμα"))


def test_training_is_deterministic():
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from train_signals import fit
    finally:
        sys.path.pop(0)
    rows = [[0, 1], [1, 2], [0, 2], [2, 3], [0, 3]]
    y, weight = np.array([1, 0, 1, 0, 1.0]), np.ones(5)
    (b1, w1), (b2, w2) = fit(rows, y, weight, 4), fit(rows, y, weight, 4)
    assert b1 == b2 and (w1 == w2).all()
    assert w1[0] > 0 > w1[3]  # feature 0 comes with yes, feature 3 mostly with no


def test_outside_corpora_read_the_plain_convention_and_cap_the_same_rows(tmp_path):
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from train_signals import read_outside
    finally:
        sys.path.pop(0)
    path = tmp_path / "mine.jsonl"
    lines = ['{"text": "paket belum sampai %d hari", "lang": "id", "complaint": true}' % i for i in range(6)]
    lines += ['{"text": "ok", "lang": "id", "complaint": null}',  # no label: dropped
              '{"text": "merci", "lang": "fr", "complaint": false}',  # a language chatlint does not read
              '{"text": "paket belum sampai 0 hari", "lang": "id", "complaint": true}']  # a duplicate
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = read_outside("jsonl", path)
    assert [r[1:] for r in rows] == [("id", f"paket belum sampai {i} hari", True) for i in range(6)]
    assert rows[0][0] == "mine-1"
    capped = read_outside("jsonl", path, cap=3)
    assert len(capped) == 3 and capped == read_outside("jsonl", path, cap=3)


def test_a_signal_naming_an_unknown_model_is_an_error(tmp_path):
    path = tmp_path / "signals.yaml"
    path.write_text("complaint:\n  description: x\n  side: customer\n  learned: sarcasm\n", encoding="utf-8")
    with pytest.raises(ChatlintError) as error:
        load_signals(path)
    assert f"{path}:4" in str(error.value) and "unknown model 'sarcasm'" in str(error.value)


def test_the_judgement_bench_skips_real_replies_without_the_data(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "judgement.py"), "--data", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "real en/id cases are skipped" in run.stderr
    assert "macro F1" in run.stdout and "apology" in run.stdout


def test_supersedes_names_known_rules(tmp_path):
    (tmp_path / "x.yaml").write_text(
        (ROOT / "rules" / "builtin" / "wrong-name.yaml").read_text(encoding="utf-8")
        .replace("id: wrong-name", "").replace("supersedes: [use-name, generic-address]",
                                               "supersedes: [use-name, no-such-rule]"), encoding="utf-8")
    with pytest.raises(ChatlintError) as error:
        chatlint.engine.Linter(rule_dirs=[tmp_path])
    assert "unknown rule 'no-such-rule'" in str(error.value) and "x.yaml" in str(error.value)

"""What each language needs lives in its lexicon (rules/lexicons/<lang>.yaml): punctuation,
the stand-ins a template's placeholders become, typical customer messages per intent. A
lexicon that lacks them is an error naming its file; a fourth language is data alone."""

from __future__ import annotations

import pytest
import yaml

from chatlint.analysis.lang.lexicon import INTENTS, REQUIRED, STAND_IN_KINDS
from chatlint.engine import Linter, builtin_rules_dir
from chatlint.library.standins import DEFAULT_PLACEHOLDERS, INTENT_SIGNALS
from chatlint.model.errors import ChatlintError

FRENCH = {
    "lang": "fr", "name": "Français",
    "markers": ["le", "la", "les", "vous", "votre", "merci", "bonjour", "est", "et", "pour"],
    "honorifics": ["bonjour", "madame", "monsieur"],
    "sentence_ends": ["!", "?", "."],
    "question_marks": ["?"],
    "stand_ins": {"name": "Ombeline", "eta": "2 jours", "date": "12/05", "time": "10:00",
                  "order": "#10234", "tracking": "JX1234567890", "product": "t-shirt",
                  "price": "25 €", "shop": "Boutique", "agent": "Sam", "link": "https://example.com/x"},
    "customer_messages": {"complaint": "L'article reçu est cassé.", "delivery-delay": "J'attends toujours.",
                          "question": "Vous l'avez en noir ?", "order": "Je voudrais commander.",
                          "payment": "J'ai payé.", "thanks": "Merci, le colis est arrivé.",
                          "greeting": "Bonjour", "angry": "C'EST UNE ARNAQUE !!!",
                          "return": "Je veux le retourner."},
}


def write_lexicon(folder, data):
    (folder / "lexicons").mkdir(exist_ok=True)
    path = folder / "lexicons" / f"{data['lang']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_every_builtin_lexicon_says_what_its_language_needs(linter):
    assert tuple(DEFAULT_PLACEHOLDERS) == STAND_IN_KINDS
    assert tuple(INTENT_SIGNALS) == INTENTS
    for lang, lexicon in linter.lexicons.items():
        assert all(getattr(lexicon, key) for key in REQUIRED), lang
        assert set(lexicon.stand_ins) == set(STAND_IN_KINDS), lang
        assert set(lexicon.customer_messages) == set(INTENTS), lang


@pytest.mark.parametrize("missing", ["sentence_ends", "question_marks", "stand_ins", "customer_messages"])
def test_a_lexicon_lacking_what_a_language_needs_is_an_error_naming_its_file(tmp_path, missing):
    data = {k: v for k, v in FRENCH.items() if k != missing}
    path = write_lexicon(tmp_path, data)
    with pytest.raises(ChatlintError) as error:
        Linter(rule_dirs=[tmp_path])
    assert str(path) in str(error.value) and missing in str(error.value)


def test_a_lexicon_lacking_one_intent_or_stand_in_names_it(tmp_path):
    data = dict(FRENCH, stand_ins={k: v for k, v in FRENCH["stand_ins"].items() if k != "eta"},
                customer_messages={k: v for k, v in FRENCH["customer_messages"].items() if k != "angry"})
    path = write_lexicon(tmp_path, data)
    with pytest.raises(ChatlintError) as error:
        Linter(rule_dirs=[tmp_path])
    message = str(error.value)
    assert str(path) in message and "stand_ins.eta" in message and "customer_messages.angry" in message


def test_an_unknown_intent_in_a_lexicon_is_an_error(tmp_path):
    data = dict(FRENCH, customer_messages=dict(FRENCH["customer_messages"], gossip="Alors ?"))
    path = write_lexicon(tmp_path, data)
    with pytest.raises(ChatlintError) as error:
        Linter(rule_dirs=[tmp_path])
    assert str(path) in str(error.value) and "gossip" in str(error.value)


def test_a_users_lexicon_for_a_builtin_language_need_not_repeat_them(tmp_path):
    write_lexicon(tmp_path, {"lang": "en", "name": "English", "markers": ["innit"],
                             "stand_ins": {"eta": "3 days"}})
    linter = Linter(rule_dirs=[tmp_path])
    assert linter.lexicons["en"].stand_ins["eta"] == "3 days"
    assert linter.lexicons["en"].stand_ins["name"] == "Rosalind"


def test_a_fourth_language_works_from_its_lexicon_alone(tmp_path):
    write_lexicon(tmp_path, FRENCH)
    linter = Linter(rule_dirs=[tmp_path])
    assert "fr" in linter.languages and builtin_rules_dir().is_dir()
    result = linter.check("Bonjour, votre colis part demain. Merci !", lang="fr")
    assert result.lang == "fr"
    analysis = linter.pack("fr").analyse("Vous l'avez en noir ? Merci. Prix 150.000")
    assert [s.is_question for s in analysis.sentences] == [True, False, False]


def test_a_fourth_languages_templates_stand_in_its_own_words(tmp_path):
    import chatlint

    write_lexicon(tmp_path, FRENCH)
    linter = Linter(rule_dirs=[tmp_path])
    report = chatlint.lint([{"id": "late", "intent": "delivery-delay", "lang": "fr",
                             "text": "Bonjour {name}, votre colis arrive dans {eta}."}], config=linter)
    (checked,) = report.checked
    assert checked.lang == "fr"
    from chatlint.library.standins import customer_message, stand_in
    from chatlint.model.settings import Settings

    lexicon = linter.lexicons["fr"]
    assert stand_in("eta", lexicon, Settings()) == "2 jours"
    assert customer_message("delivery-delay", lexicon) == "J'attends toujours."


def test_a_word_list_read_word_by_word_takes_one_word_each(tmp_path):
    """conditionals ["au cas où"] would make "au" a conditional on its own: an error instead."""
    data = dict(FRENCH, conditionals=["si", "au cas où"])
    path = write_lexicon(tmp_path, data)
    with pytest.raises(ChatlintError) as error:
        Linter(rule_dirs=[tmp_path])
    message = str(error.value)
    assert str(path) in message and "conditionals" in message and "au cas où" in message


def test_until_now_is_no_condition():
    """Indonesian "sampai sekarang belum" (still not, until now) reports a problem; only a
    conditional word ("kalau sampai rusak") supposes one."""
    linter = Linter()
    said = linter.check("Baik kak", reply_to="Kak sampai sekarang masih belum sampai paketnya", lang="id")
    supposed = linter.check("Baik kak", reply_to="Kak kalau paketnya belum sampai gimana?", lang="id")
    assert "complaint" in said.signals and "complaint" not in supposed.signals


def test_a_detached_prefix_matches_its_word_written_apart(tmp_path):
    """Indonesian writes the passive prefix apart ("di kirim"): a phrase with "dikirim" finds it."""
    pack = Linter().pack("id")
    assert pack.analyse("Pendaftaran belum di buka kak").has("signals.bad_news")
    assert not pack.analyse("di jakarta kak").has("signals.bad_news")

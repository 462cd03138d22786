"""Greek names are addressed in the vocative: fixes must not insert "Γιώργος,"."""

import pytest

import chatlint
from chatlint.analysis.names import greek_vocative


@pytest.mark.parametrize("name,vocative", [
    ("Γιώργος", "Γιώργο"), ("Νίκος", "Νίκο"), ("Αλέξανδρος", "Αλέξανδρε"),
    ("Θεόδωρος", "Θεόδωρε"), ("Παπαδόπουλος", "Παπαδόπουλε"), ("Μιχάλης", "Μιχάλη"),
    ("Θοδωρής", "Θοδωρή"), ("Κώστας", "Κώστα"), ("Μαρία", "Μαρία"), ("Giorgos", "Giorgos"),
])
def test_greek_vocative(name, vocative):
    assert greek_vocative(name) == vocative


def test_use_name_fix_inserts_the_vocative():
    result = chatlint.default_linter().check("Καλησπέρα, φεύγει αύριο 🙂", name="Γιώργος", lang="el")
    fix = next(f.fix for f in result.findings if f.rule == "use-name")
    assert "Γιώργο" in fix.text and "Γιώργος" not in fix.text


def test_english_fix_keeps_the_name():
    result = chatlint.default_linter().check("It ships today 🙂", name="Michael", lang="en")
    fix = next(f.fix for f in result.findings if f.rule == "use-name")
    assert "Michael" in fix.text

"""Language layer: tokenizers, normalisation, Greeklish, names, detection."""

import pytest
import spacy

from chatlint.analysis.lang.normalize import fold, greek_skeleton
from chatlint.analysis.lang.pipelines import get_nlp
from chatlint.analysis.names import NameForms

SAMPLES = [
    "Hi Mike, it's $25 :) don't worry!! e-mail me at a@b.com or http://x.com by 10:30, can't wait",
    "Γεια σου Γιώργο! Πότε θα έρθει; 25€ :) σ' ευχαριστώ, ΕΛΤΑ/ACS",
    "Halo kak, harganya Rp50.000-an ya :) makasih!! dikirim via JNE 2-3 hari",
]


def _tokens(tokenizer, text):
    return [(t.text, t.norm_, t.is_punct, t.like_num, t.like_url, t.is_stop) for t in tokenizer(text)]


@pytest.mark.parametrize("lang", ["en", "el"])
def test_tokenizer_is_spacys_blank_tokenizer(lang):
    blank = spacy.blank(lang)
    ours = get_nlp(lang)
    for text in SAMPLES:
        assert _tokens(ours.tokenizer, text) == _tokens(blank.tokenizer, text)


def test_indonesian_tokenizer_keeps_every_listed_hyphenated_word_whole():
    """Our rule replaces spaCy's ~16,000 special cases: same tokens for each listed word."""
    from spacy.lang.id._tokenizer_exceptions_list import ID_BASE_EXCEPTIONS

    blank = spacy.blank("id")
    ours = get_nlp("id")
    for word in ID_BASE_EXCEPTIONS:
        text = f"saya {word}, kak. {word.title()}-nya {word.upper()}"
        assert [t.text for t in ours.tokenizer(text)] == [t.text for t in blank.tokenizer(text)], word
    for text in SAMPLES[2:]:
        assert _tokens(ours.tokenizer, text) == _tokens(blank.tokenizer, text)


def test_indonesian_tokenizer_also_keeps_unlisted_reduplications():
    assert [t.text for t in get_nlp("id").tokenizer("kak-kak, merah/biru")] == ["kak-kak", ",", "merah", "/", "biru"]


@pytest.mark.parametrize("a,b", [
    ("ευχαριστώ", "euxaristw"), ("ευχαριστώ", "efharisto"), ("ευχαριστώ", "eyxaristo"),
    ("ευχαριστώ", "ΕΥΧΑΡΙΣΤΩ"), ("καλημέρα", "kalhmera"), ("καλημέρα", "kalimera"),
    ("συγγνώμη", "sygnwmh"), ("θα", "8a"), ("θα", "tha"), ("Γιώργο", "Giorgo"),
])
def test_greek_and_greeklish_share_a_skeleton(a, b):
    assert greek_skeleton(fold(a)) == greek_skeleton(fold(b))


def test_fold_drops_accents_and_final_sigma():
    assert fold("Μιχάλης") == "μιχαλησ"
    assert fold("Café") == "cafe"


@pytest.mark.parametrize("name,word,expected", [
    ("Michael", "Mike", True), ("Michael Tan", "Tan", True), ("Γιώργος", "Γιώργο", True),
    ("Μιχάλης", "Μιχαλη", True), ("Γιώργος", "Giorgo", True), ("Νικόλαος", "Νίκο", True),
    ("Dewi Lestari", "dewi", True), ("Soeharto", "Suharto", True), ("Michael", "John", False),
    ("Dewi", "Rina", False),
])
def test_name_forms(linter, name, word, expected):
    forms = NameForms(name, linter.nicknames)
    assert forms.matches(word, lenient=True) is expected


@pytest.mark.parametrize("text,lang", [
    ("Barangnya ready kak, silakan diorder ya", "id"),
    ("makasih ya kak udah order 🙏", "id"),
    ("Thanks for your order, it ships tomorrow", "en"),
    ("Ευχαριστούμε για την παραγγελία!", "el"),
    ("Efxaristoume poly, to paketo efyge simera", "el"),
    ("kalhmera, 8a to steiloume avrio", "el"),
])
def test_language_detection(linter, text, lang):
    assert linter.detect(text) == lang


def test_normalisation_of_chat_writing(linter):
    pack = linter.pack("id")
    analysis = pack.analyse("Makasiiih kak, hati2 di jalan, mksh yaaa")
    assert "terima" in analysis.norms and "kasih" in analysis.norms
    assert "hati-hati" in analysis.norms
    assert analysis.has("words.thanks")


def test_dictionary_knows_words_with_affixes_and_not_names(linter):
    dictionary = linter.pack("id").dictionary
    assert dictionary.knows("Pesanannya") and dictionary.knows("Ditunggu") and dictionary.knows("Dikirimkan")
    assert not dictionary.knows("Rina") and not dictionary.knows("Sablonnyaxyz")
    english = linter.pack("en").dictionary
    assert english.knows("Team") and english.knows("Stranger")
    assert not english.knows("Chloe")


def test_language_without_a_dictionary_knows_nothing(linter):
    assert not linter.pack("el").dictionary  # spaCy has no Greek lookup table
    assert not linter.pack("el").dictionary.knows("καλημέρα")


@pytest.mark.parametrize("lang", ["id", "el", "en"])
def test_phrase_shortcut_agrees_with_the_tokenizer(linter, lang):
    pack = linter.pack(lang)
    lexicon = pack.lexicon
    phrases = [p for table in (lexicon.words, lexicon.signals, lexicon.questions) for ps in table.values()
               for p in ps] + list(lexicon.slang) + list(lexicon.slang.values()) + lexicon.honorifics
    for phrase in phrases:
        plain = phrase.replace("*", "")
        assert pack.phrase_words(plain) == pack.phrase_words_by_tokenizer(plain), phrase


def test_emoji_found_run_by_run_as_the_emoji_library_finds_them():
    """EmojiTable reads only runs of emoji-range characters (cached per run): same emoji,
    same offsets as the emoji library reading the whole message."""
    import emoji

    from chatlint.engine import builtin_rules_dir
    from chatlint.analysis.lang.emoji import EmojiTable

    table = EmojiTable(builtin_rules_dir() / "emoji.yaml")
    texts = ["Siap kak 🙏🏽 ditunggu ya 😊😊", "Order #1️⃣ and 2️⃣, flag 🇮🇩 ok", "👨‍👩‍👧 family… 25€ – “quote”",
             "©2024 ®, ‼️ wow ™", "12🙏 kak", "Ευχαριστώ πολύ ❤️ 👍🏻👍", "x*️⃣y", "no emoji at all – only…"]
    for text in texts:
        ours = [(s, e, ch) for s, e, ch, _ in table.find(text)]
        theirs = [(i["match_start"], i["match_end"], i["emoji"]) for i in emoji.emoji_list(text)]
        assert ours == theirs, text


def test_every_emoticon_passes_the_quick_pre_check():
    """find() skips the long emoticon pattern when _MAYBE_EMOTICON sees nothing: no face may be missed."""
    from chatlint.engine import builtin_rules_dir
    from chatlint.analysis.lang.emoji import _MAYBE_EMOTICON, EmojiTable

    table = EmojiTable(builtin_rules_dir() / "emoji.yaml")
    for face, kind in table.emoticon_kind.items():
        assert _MAYBE_EMOTICON.search(face), face
        assert [(text, k) for _, _, text, k in table.find(f"ok {face}")] == [(face, kind)], face


def test_a_point_inside_a_word_ends_no_sentence():
    """"toko.nya dmna?" is one question, as "Rp 150.000" is one number and a web address one word."""
    from chatlint.engine import Linter

    sentences = Linter().pack("id").analyse("Kak kalau yg cabang medan toko.nya dmna ya?").sentences
    assert len(sentences) == 1 and sentences[0].kinds == ["where"]

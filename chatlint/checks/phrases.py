"""phrases: words that must appear (thanks, an apology) or must not (blame, dismissal).

Options:
  mode: require | forbid
  phrases: {lang: [phrase, ...]}  phrases of the rule's own, per language
  lexicon: [list, ...]            named lists from the lexicons' `words:`
  patterns: {lang: [pattern, ...]} spaCy Matcher token patterns, written as in
                                  spaCy (LOWER, NORM, REGEX, IN, OP...), validated by spaCy.
                                  NORM is chatlint's normalised word.
  features: [feature, ...]        (require) text features that also satisfy it
  fix_at: start | end             (require) where the rule's fix text goes
Phrases are matched on normalised words; "word*" matches words starting with "word".
A forbidden phrase one or two words after a negator of its clause (the lexicon's
`negators:`) is denied, not said: "δεν είναι δικό σας λάθος".
"""

from __future__ import annotations

from ..model.errors import ChatlintError
from ..analysis.features import FEATURES
from ..analysis.lang.negation import negated
from ..model.schema import Anything, Enum
from .base import Check, Hit


class PhrasesCheck(Check):
    type = "phrases"
    required = {"mode": Enum("require", "forbid")}
    optional = {
        "phrases": {str: [str]},
        "lexicon": [str],
        "patterns": {str: [[{str: Anything}]]},
        "features": [Enum(*FEATURES)],
        "fix_at": Enum("start", "end"),
    }
    variants = ("default",)

    def __init__(self, rule_id, options, source, keys):
        super().__init__(rule_id, options, source, keys)
        self.key = f"rule.{rule_id}"
        self.hit_keys = [self.key] + [f"words.{name}" for name in options.get("lexicon", ())]
        self.feature_tests = [FEATURES[f] for f in options.get("features", ())]
        if not (options.get("phrases") or options.get("lexicon") or options.get("patterns")):
            raise source.error(keys, "a phrases check needs phrases, lexicon or patterns")
        for lang, patterns in options.get("patterns", {}).items():
            validate_patterns(patterns, source, keys + ("patterns", lang))
        for lang, phrases in options.get("phrases", {}).items():
            for i, phrase in enumerate(phrases):
                if any(c in phrase for c in "?!") or not phrase.strip():
                    raise source.error(keys + ("phrases", lang, i),
                                       f"phrase {phrase!r}: expected words (punctuation such as ? and ! "
                                       f"is not matched; use a feature such as question_mark)")

    def words_needed(self):
        return tuple(self.options.get("lexicon", ()))

    def validate_languages(self, languages, lexicons):
        super().validate_languages(languages, lexicons)
        if self.options.get("lexicon"):
            return
        for lang in languages:
            if lang not in self.options.get("phrases", {}) and lang not in self.options.get("patterns", {}):
                raise self.source.error(self.keys, f"the rule applies to {lang!r} but its check has no "
                                                   f"phrases or patterns for {lang!r}")

    def phrase_lists(self, lang):
        phrases = self.options.get("phrases", {}).get(lang)
        return {self.key: phrases} if phrases else {}

    def patterns(self, lang):
        patterns = self.options.get("patterns", {}).get(lang)
        return {self.key: patterns} if patterns else {}

    def run(self, ctx):
        reply = ctx.reply
        if self.options["mode"] == "forbid":
            hits = []
            negators = reply.pack.negators
            for key in self.hit_keys:
                for i, j in reply.hits.get(key, ()):
                    if negated(reply, i, negators):
                        continue  # "it's not your fault", "bukan kakak yang salah"
                    start, end = reply.char_span(i, j)
                    hits.append(Hit(start=start, end=end, edit=("replace", start, end),
                                    details={"match": reply.text[start:end]}))
            return _longest(hits)
        hits = reply.hits
        if any(key in hits for key in self.hit_keys) or any(test(reply) for test in self.feature_tests):
            return []
        at = 0 if self.options.get("fix_at", "end") == "start" else len(reply.text.rstrip())
        return [Hit(edit=("insert", at))]


def _longest(hits: list[Hit]) -> list[Hit]:
    """Overlapping matches of several phrases count once, as the longest."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


_VALIDATOR = None


def validate_patterns(patterns, source, keys) -> None:
    """Check token patterns with spaCy's own validation; errors point at the pattern."""
    global _VALIDATOR
    if _VALIDATOR is None:
        from ..analysis.lang.spacy_import import import_spacy

        import_spacy()
        from spacy.matcher import Matcher
        from spacy.vocab import Vocab

        _VALIDATOR = Matcher(Vocab(), validate=True)
    for i, pattern in enumerate(patterns):
        try:
            _VALIDATOR.add("probe", [pattern])
        except Exception as exc:  # spaCy raises MatchPatternError or ValueError with details
            detail = " ".join(str(exc).split())
            raise ChatlintError(f"invalid token pattern: {detail}", source.path,
                                source.line(keys + (i,))) from None
        finally:
            if "probe" in _VALIDATOR:
                _VALIDATOR.remove("probe")

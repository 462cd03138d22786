"""Data-driven rule tests (sqlfluff style): tests/cases/<rule>/<lang>.yaml.

Each file is a list of cases for one rule in one language:

    - name: thanks_after_payment        # readable id: <rule>:<lang>:<name>
      customer: "Sudah saya transfer"   # the customer's turn (optional)
      customer_name: Dewi               # the customer's name (optional)
      position: closing                 # first | middle | closing (optional)
      reply: "Baik, segera dikirim."
      expect: fail                      # does the rule fire? pass | fail
      marks: "gan"                      # optional: the text the finding marks
"""

from pathlib import Path

import pytest
import yaml

import chatlint

CASES_DIR = Path(__file__).parent / "cases"
LINTER = chatlint.default_linter()


def _load(path: Path) -> list:
    """Case files are plain YAML; a key twice in one case is a mistake, not a variant."""
    cases = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader) or []
    return cases


class _StrictLoader(yaml.SafeLoader):
    pass


def _no_duplicate_keys(loader, node):
    loader.flatten_mapping(node)
    keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate key {sorted(duplicates)[0]!r}",
                                                node.start_mark)
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys)


def _cases():
    for path in sorted(CASES_DIR.glob("*/*.yaml")):
        rule_id, lang = path.parent.name, path.stem
        for case in _load(path):
            yield pytest.param(rule_id, lang, case, id=f"{rule_id}:{lang}:{case['name']}")


@pytest.mark.parametrize("rule_id,lang,case", list(_cases()))
def test_case(rule_id, lang, case):
    assert rule_id in LINTER.rules, f"tests/cases/{rule_id}: no such rule"
    assert case["expect"] in ("pass", "fail")
    result = LINTER.check(case["reply"], reply_to=case.get("customer"), name=case.get("customer_name"),
                          lang=lang, position=case.get("position"))
    fired = [f for f in result.findings if f.rule == rule_id]
    shown = [(f.message, result.text[f.start:f.end] if f.start is not None else None) for f in fired]
    if case["expect"] == "fail":
        assert fired, f"{rule_id} should fire (signals: {result.signals})"
        if "marks" in case:
            assert case["marks"] in [text for _, text in shown], shown
    else:
        assert not fired, f"{rule_id} fired: {shown} (signals: {result.signals})"


def test_case_files_name_real_rules_and_languages():
    for path in CASES_DIR.glob("*/*.yaml"):
        assert path.parent.name in LINTER.rules, path
        assert path.stem in LINTER.languages, path

"""Strict YAML reading and its parse cache."""

import os

import pytest

from chatlint.model.errors import ChatlintError
from chatlint.model.yamlsource import load_yaml


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CHATLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("CHATLINT_NO_CACHE", raising=False)
    return folder


def test_cached_parse_gives_the_same_data_and_lines(tmp_path, cache):
    path = tmp_path / "rule.yaml"
    path.write_text("a: 1\nb:\n  - no\n  - yes\n", encoding="utf-8")
    first = load_yaml(path)
    assert list(cache.iterdir())  # written
    second = load_yaml(path)
    assert second[0] == first[0] == {"a": 1, "b": ["no", "yes"]}  # YAML 1.2: words, not booleans
    assert second[1].line(("b", 1)) == first[1].line(("b", 1)) == 4


def test_an_edited_file_is_read_again(tmp_path, cache):
    path = tmp_path / "rule.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert load_yaml(path)[0] == {"a": 1}
    path.write_text("a: 22\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even with an older modification time: the size differs
    assert load_yaml(path)[0] == {"a": 22}


def test_a_file_broken_after_caching_is_still_an_error(tmp_path, cache):
    path = tmp_path / "rule.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    load_yaml(path)
    path.write_text("a: [1\nb: 2\n", encoding="utf-8")
    with pytest.raises(ChatlintError) as error:
        load_yaml(path)
    assert "rule.yaml:" in str(error.value) and "YAML syntax error" in str(error.value)


def test_no_cache_switch(tmp_path, cache, monkeypatch):
    monkeypatch.setenv("CHATLINT_NO_CACHE", "1")
    path = tmp_path / "rule.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert load_yaml(path)[0] == {"a": 1}
    assert not cache.exists()

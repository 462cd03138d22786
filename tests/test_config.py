"""Configuration: discovery, presets, validation errors, and its effect on `lint` and `check`."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from chatlint.engine import config
from chatlint.cli import main

REPO = Path(__file__).resolve().parent.parent
BAD = "- ready gan\n"     # use-name (warning), generic-address (info), emoticon (info)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rules_reported(args) -> set[str]:
    result = run("lint", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return {f["rule"] for t in json.loads(result.output)["templates"] for f in t["findings"]}


def test_discovery_walks_up_from_the_linted_path(tmp_path):
    write(tmp_path, ".chatlint.yaml", "disable: [emoticon]\n")
    lib = write(tmp_path, "shop/templates/deep/lib.yaml", BAD)
    assert config.discover(lib) == tmp_path / ".chatlint.yaml"
    assert "emoticon" not in rules_reported([lib])
    assert "emoticon" not in rules_reported([tmp_path / "shop"])


def test_nearest_file_wins_and_names_are_tried_in_order(tmp_path):
    write(tmp_path, ".chatlint.yaml", "disable: [emoticon]\n")
    write(tmp_path, "shop/pyproject.toml", "[project]\nname = 'x'\n")           # no [tool.chatlint]: skipped
    assert config.discover(tmp_path / "shop") == tmp_path / ".chatlint.yaml"
    write(tmp_path, "shop/pyproject.toml", "[tool.chatlint]\ndisable = ['use-name']\n")
    assert config.discover(tmp_path / "shop") == tmp_path / "shop" / "pyproject.toml"
    write(tmp_path, "shop/chatlint.yaml", "disable: [generic-address]\n")
    assert config.discover(tmp_path / "shop") == tmp_path / "shop" / "chatlint.yaml"
    lib = write(tmp_path, "shop/lib.yaml", BAD)
    reported = rules_reported([lib])
    assert "generic-address" not in reported and "emoticon" in reported


def test_pyproject_table(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.chatlint]\nextends = 'relaxed'\nfail-under = 90\n"
                                      "[tool.chatlint.levels]\nuse-name = 'error'\n")
    lib = write(tmp_path, "lib.yaml", BAD)
    settings, source = config.load_settings(start=tmp_path)
    assert source == tmp_path / "pyproject.toml"
    assert settings.fail_under == 90 and settings.levels["use-name"] == "error"
    assert "emoticon" in settings.disable                  # from the relaxed preset
    assert run("lint", lib).exit_code == 1


def test_explicit_config_and_presets(tmp_path):
    lib = write(tmp_path, "lib.yaml", BAD)
    strict = write(tmp_path, "ci/strict.yaml", "extends: strict\n")
    relaxed = write(tmp_path, "ci/relaxed.yaml", "extends: relaxed\nenable: [emoticon]\n")
    assert run("lint", lib).exit_code == 0
    assert run("lint", lib, "--config", strict).exit_code == 1            # warnings fail under strict
    assert "emoticon" in rules_reported([lib, "--config", relaxed])       # re-enabled over the preset
    assert "emoticon" not in rules_reported([lib, "--config", write(tmp_path, "r.yaml", "extends: relaxed\n")])


def test_settings_from_every_key(tmp_path):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    path = write(tmp_path, ".chatlint.yaml", """
extends: default
rules: [my-rules]
enable: [keep-short]
disable: [emoticon]
levels: {use-name: error}
weights: {apology: 20}
languages: [id, en]
default-lang: id
fail-level: warning
fail-under: 70
placeholders: {name: [nama_kakak]}
exclude: ["drafts/*"]
shop-name: Toko Contoh
agents: [Sari, Budi]
business-hours: {days: [mon, tue], start: "08:00", end: "17:00"}
response-time: {chat: 30}
idle-gap-minutes: 120
""")
    settings, source = config.load_settings(path)
    assert settings.rule_dirs == [rules]
    assert settings.enable == {"keep-short"} and settings.disable == {"emoticon"}
    assert settings.levels == {"use-name": "error"} and settings.weights == {"apology": 20.0}
    assert settings.languages == ["id", "en"] and settings.default_lang == "id"
    assert settings.fail_level == "warning" and settings.fail_under == 70
    assert settings.placeholders == {"name": ["nama_kakak"]} and settings.exclude == ["drafts/*"]
    assert settings.shop_name == "Toko Contoh" and settings.agents == ["Sari", "Budi"]
    assert settings.business_hours["start"] == "08:00"
    assert settings.response_time == {"chat": 30.0, "email": 720.0} and settings.idle_gap_minutes == 120
    linter = config.make_linter(settings, source)
    assert linter.rules["use-name"].level == "error" and not linter.rules["emoticon"].enabled


@pytest.mark.parametrize("text,line,words", [
    ("fail-levl: warning\n", 1, ["unknown key 'fail-levl'", "did you mean 'fail-level'"]),
    ("extends: strictest\n", 1, ["extends", "'default', 'strict', 'relaxed'"]),
    ("levels:\n  use-name: loud\n", 2, ["levels.use-name", "'info', 'warning', 'error'"]),
    ("fail-under: 120\n", 1, ["fail-under", "0 to 100"]),
    ("weights:\n  apology: heavy\n", 2, ["weights.apology", "a number"]),
    ("disable:\n  - emoticons\n", 2, ["emoticons", "no such rule", "did you mean 'emoticon'"]),
    ("placeholders:\n  nme: [x]\n", 2, ["unknown kind 'nme'"]),
    ("business-hours: {start: '8am', end: '17:00'}\n", 1, ["business-hours.start"]),
    ("rules: [missing-folder]\n", 1, ["rule folder not found"]),
    ("disable: [emoticon\n", 2, ["YAML syntax error"]),
])
def test_bad_configuration_is_a_clear_error(tmp_path, text, line, words):
    path = write(tmp_path, ".chatlint.yaml", text)
    lib = write(tmp_path, "lib.yaml", BAD)
    result = run("lint", lib)
    assert result.exit_code == 2
    message = result.output.strip()
    assert message.startswith(f"chatlint: error: {path}:{line}: "), message
    for word in words:
        assert word in message
    assert "Traceback" not in message


def test_bad_pyproject_names_the_line(tmp_path):
    path = write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n\n[tool.chatlint]\nfail-level = 'loud'\n")
    result = run("lint", write(tmp_path, "lib.yaml", BAD))
    assert result.exit_code == 2
    assert result.output.startswith(f"chatlint: error: {path}:5: fail-level"), result.output


def test_config_applies_to_check_and_flags_override_it(tmp_path, monkeypatch):
    write(tmp_path, ".chatlint.yaml", "fail-level: warning\ndisable: [emoticon]\n")
    monkeypatch.chdir(tmp_path)
    draft = "barang ready gan"
    assert run("check", draft, "--name", "Michael").exit_code == 1          # use-name warning fails
    assert run("check", draft, "--name", "Michael", "--fail-level", "error").exit_code == 0
    out = run("check", draft, "--name", "Michael", "--format", "json").output
    assert "emoticon" not in {f["rule"] for f in json.loads(out)["findings"]}
    assert run("check", draft, "--name", "Michael", "--fail-level", "error", "--fail-under", "95").exit_code == 1
    other = write(tmp_path, "other.yaml", "fail-level: error\n")
    assert run("check", draft, "--name", "Michael", "--config", other).exit_code == 0


def test_rules_command_shows_config_switches(tmp_path, monkeypatch):
    write(tmp_path, ".chatlint.yaml", "disable: [emoticon]\n")
    monkeypatch.chdir(tmp_path)
    rows = json.loads(run("rules", "--format", "json").output)
    assert {r["id"]: r["enabled"] for r in rows}["emoticon"] is False


def test_init_writes_a_config_that_loads(tmp_path):
    result = run("init", tmp_path, "--preset", "strict")
    assert result.exit_code == 0, result.output
    path = tmp_path / ".chatlint.yaml"
    text = path.read_text()
    assert "extends: strict" in text and text.count("#") > 20
    settings, _ = config.load_settings(path)
    assert settings.fail_level == "warning" and settings.fail_under == 80
    again = run("init", tmp_path)
    assert again.exit_code == 2 and "already exists" in again.output
    assert run("init", tmp_path, "--force").exit_code == 0


def test_example_config_loads_and_is_commented():
    path = REPO / "examples" / ".chatlint.yaml"
    settings, _ = config.load_settings(path)
    assert settings.fail_under == 60 and settings.shop_name
    assert config.discover(REPO / "examples" / "templates") == path
    assert sum(1 for line in path.read_text().splitlines() if line.lstrip().startswith("#")) >= 8


def test_presets_are_not_read_as_rules():
    from chatlint.engine import Linter

    linter = Linter()
    assert not {"default", "strict", "relaxed"} & set(linter.rules)
    for preset in config.PRESETS:
        config.to_settings(config.resolve({"extends": preset}))  # every preset is valid
        assert config.make_linter(config.to_settings(config.resolve({"extends": preset})))


def test_no_config_means_defaults(tmp_path):
    settings, source = config.load_settings(start=tmp_path, isolated=True)
    assert source is None and settings.fail_level == "error" and settings.fail_under is None
    assert not settings.disable and not settings.levels


def test_a_bad_flag_is_not_blamed_on_the_config(tmp_path):
    write(tmp_path, ".chatlint.yaml", "disable: [emoticon]\nlevels: {use-nam: error}\n")
    lib = write(tmp_path, "lib.yaml", BAD)
    result = run("lint", lib)
    assert result.exit_code == 2 and f"{tmp_path / '.chatlint.yaml'}:2:" in result.output
    write(tmp_path, ".chatlint.yaml", "disable: [emoticon]\n")
    result = run("lint", lib, "--disable", "nope")
    assert result.exit_code == 2
    assert result.output.startswith("chatlint: error: disable nope: no such rule"), result.output

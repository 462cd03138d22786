"""The rule engine: the Linter (linter.py), rule files (rules.py), scoring (scoring.py),
suppressions (suppress.py) and configuration files (config.py).

`chatlint.engine.Linter` and `chatlint.engine.builtin_rules_dir` are found here, loaded on
first use, so that importing one of the engine's modules (scoring, config) does not load
the whole Linter.
"""

_LINTER_NAMES = ("Linter", "builtin_rules_dir")


def __getattr__(name):
    if name in _LINTER_NAMES:
        from . import linter

        return getattr(linter, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""chatlint: a reply-quality linter for the messages online-shop admins send their customers.

    >>> import chatlint
    >>> result = chatlint.check("barang ready gan", reply_to="Kak, yang merah ready?", name="Michael")
    >>> result.score, [f.rule for f in result.findings]

The API (chatlint/api.py): check (a draft), lint (canned-reply libraries), score (chat transcripts).
"""

from __future__ import annotations

__version__ = "0.1.0"

_default = None


def default_linter():
    """The built-in rules, loaded once per process."""
    global _default
    if _default is None:
        from .engine.linter import Linter

        _default = Linter()
    return _default


from .api import Config, Scoring, Transcript, check, lint, load_config, score  # noqa: E402

__all__ = ["Config", "Scoring", "Transcript", "check", "default_linter", "lint", "load_config", "score",
           "__version__"]

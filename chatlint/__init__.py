"""chatlint: a reply-quality linter for the messages online-shop admins send their customers.

    >>> import chatlint
    >>> result = chatlint.check("barang ready gan", reply_to="Kak, yang merah ready?", name="Michael")
    >>> result.score, [f.rule for f in result.findings]
"""

from __future__ import annotations

__version__ = "0.1.0"

_default = None


def default_linter():
    """The built-in rules, loaded once per process."""
    global _default
    if _default is None:
        from .engine import Linter

        _default = Linter()
    return _default


def check(text: str, reply_to: str | None = None, name: str | None = None, lang: str = "auto",
          position: str | None = None):
    """Lint one draft reply. Returns a Result with .score, .lang and .findings."""
    return default_linter().check(text, reply_to=reply_to, name=name, lang=lang, position=position)


__all__ = ["check", "default_linter", "__version__"]

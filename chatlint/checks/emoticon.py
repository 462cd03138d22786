"""emoticon: an emoji or emoticon softens the reply; none hostile; not too many.

Any emoji that isn't hostile softens: 🙂 and 🙏, but also 📦, 🎄 or a sad face on bad news.

Options:
  require_when: condition   when one is required (default: always)
  max: number               the most emoji and emoticons a reply should carry
  flag_hostile: bool        flag hostile or dismissive ones (🙄, 😒, -_-)
Variants: missing, hostile, too_many.
"""

from __future__ import annotations

from ..analysis.conditions import Condition
from .base import Check, Hit


class EmoticonCheck(Check):
    type = "emoticon"
    optional = {"require_when": str, "max": int, "flag_hostile": bool}
    variants = ("missing", "hostile", "too_many")

    def __init__(self, rule_id, options, source, keys):
        super().__init__(rule_id, options, source, keys)
        self.require_when = None

    def bind(self, known: set[str]) -> None:
        """Conditions in options are checked against the known signals once loading knows them."""
        text = self.options.get("require_when", "always")
        self.require_when = Condition(text, known, self.source, self.keys + ("require_when",))

    def run(self, ctx):
        emoji = ctx.reply.emoji
        hits = []
        if self.options.get("flag_hostile", True):
            for start, end, text, kind in emoji:
                if kind == "hostile":
                    hits.append(Hit("hostile", start, end, edit=("replace", start, end), replacement="",
                                    details={"match": text}))
        limit = self.options.get("max")
        if limit is not None and len(emoji) > limit:
            start = emoji[limit][0]
            hits.append(Hit("too_many", start, emoji[-1][1], details={"count": len(emoji), "max": limit}))
        if not ctx.reply.softened and self.require_when(ctx.signals):
            hits.append(Hit("missing", edit=("insert", len(ctx.reply.text.rstrip()))))
        return hits

"""What placeholders and intents stand for, so rules judge a template as the customer reads it.

Placeholders (`{name}`, `{{customer_name}}`, `[NAMA]`, `%name%`) are replaced by a
stand-in before linting: a name placeholder by a customer's name that is also
passed as the customer's name (so `use-name` passes and the name is known), `{eta}` by
a time expression ("2 days", "2 hari", "2 ημέρες"), and so on per kind below.
Findings are mapped back to the placeholder in the original text.

An `intent` without a `reply_to` stands for a short, typical customer message
of that intent in the template's language (its lexicon's customer_messages), so rules
that depend on what the customer said (apology after a complaint...) apply. The stand-ins
of each kind are in the lexicon too (stand_ins).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis.lang.lexicon import INTENTS, STAND_IN_KINDS  # noqa: F401 (INTENTS: handed on to lint.py)
from ..model.errors import ChatlintError

# kind -> placeholder names that stand for it (any delimiter style, any case)
DEFAULT_PLACEHOLDERS: dict[str, list[str]] = {
    "name": ["name", "customer", "customer_name", "customername", "first_name", "firstname", "buyer",
             "nama", "nama_pelanggan", "pembeli", "onoma", "όνομα"],
    "eta": ["eta", "delivery_time", "delivery_eta", "estimasi", "estimasi_pengiriman", "days"],
    "date": ["date", "delivery_date", "tanggal", "imerominia", "ημερομηνία"],
    "time": ["time", "jam", "ora", "ώρα"],
    "order": ["order", "order_id", "order_number", "order_no", "invoice", "pesanan", "no_pesanan",
              "paraggelia", "παραγγελία"],
    "tracking": ["tracking", "tracking_number", "tracking_no", "resi", "no_resi", "awb", "voucher"],
    "product": ["product", "product_name", "item", "produk", "barang", "proion", "προϊόν"],
    "price": ["price", "total", "amount", "harga", "timi", "τιμή"],
    "shop": ["shop", "shop_name", "store", "store_name", "toko", "nama_toko", "katastima"],
    "agent": ["agent", "agent_name", "admin", "cs"],
    "link": ["link", "url", "tautan"],
}
KINDS = STAND_IN_KINDS  # DEFAULT_PLACEHOLDERS names each (tests/test_lexicon_data.py)

# intent -> the signals a typical customer message of that intent turns on: each language's
# lexicon holds the messages (customer_messages) and the stand-ins of each kind (stand_ins);
# tests/test_lint.py checks that each message turns on one of its intent's signals
INTENT_SIGNALS = {
    "complaint": {"complaint"}, "delivery-delay": {"waited", "complaint"}, "question": {"question"},
    "order": {"ordered", "intends"}, "payment": {"paid"}, "thanks": {"thanked"}, "greeting": {"greeted"},
    "angry": {"angry"}, "return": {"complaint"},
}
_TOKEN = re.compile(r"\{\{\s*([^\W\d]\w*)\s*\}\}|\{([^\W\d]\w*)\}|\[([^\W\d]\w*)\](?!\()|%([^\W\d]\w*)%")


def stand_in(kind: str, lexicon, settings) -> str:
    """What a placeholder of `kind` stands for in the lexicon's language (its stand_ins)."""
    if kind == "shop" and settings.shop_name:
        return settings.shop_name
    if kind == "agent" and settings.agents:
        return settings.agents[0]
    return lexicon.stand_ins[kind]


def customer_message(intent: str, lexicon) -> str:
    """A typical customer message of `intent` in the lexicon's language (its customer_messages)."""
    return lexicon.customer_messages[intent]


class Placeholders:
    """Finds placeholders in template text, by the configured names and literal forms."""

    def __init__(self, configured: dict[str, list[str]] | None = None):
        self.names: dict[str, str] = {}      # folded name -> kind
        self.literals: dict[str, str] = {}   # literal placeholder as written -> kind
        # configured names add to the built-in ones
        pairs = [(k, n) for k, names in DEFAULT_PLACEHOLDERS.items() for n in names]
        for kind, names in (configured or {}).items():
            if kind not in KINDS:
                raise ChatlintError(f"placeholders: unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
            pairs += [(kind, n) for n in names]
        for kind, name in pairs:
            if re.fullmatch(r"\w+", name):
                self.names[name.casefold()] = kind
            else:
                self.literals[name] = kind
        self._literal = (re.compile("|".join(re.escape(x) for x in sorted(self.literals, key=len, reverse=True)))
                         if self.literals else None)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, kind) of each placeholder that stands for a known kind."""
        found = []
        if self._literal:
            found = [(m.start(), m.end(), self.literals[m.group()]) for m in self._literal.finditer(text)]
        for m in _TOKEN.finditer(text):
            name = next(g for g in m.groups() if g is not None).casefold()
            kind = self.names.get(name)
            if kind and not any(a < m.end() and m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), kind))
        return sorted(found)


@dataclass
class Substituted:
    """A template's text with placeholders replaced, and the way back to the original offsets."""

    original: str
    text: str
    starts: list[int]   # for each character of text: the original offset it comes from
    ends: list[int]     # ... and the original offset just after it
    replaced: dict[str, str]  # stand-in -> placeholder as written (to word messages and fixes back)

    def span(self, start: int | None, end: int | None) -> tuple[int | None, int | None]:
        if start is None:
            return None, None
        n = len(self.text)
        s = self.starts[start] if start < n else len(self.original)
        e = self.ends[end - 1] if end is not None and 0 < end <= n and end > start else s
        return s, e

    def word_back(self, text: str | None) -> str | None:
        if not text:
            return text
        for standin, placeholder in self.replaced.items():
            text = text.replace(standin, placeholder)
        return text


def substitute(text: str, found: list[tuple[int, int, str]], lexicon, settings) -> Substituted:
    out, starts, ends, replaced, pos = [], [], [], {}, 0
    for a, b, kind in found:
        out.append(text[pos:a])
        starts.extend(range(pos, a))
        ends.extend(range(pos + 1, a + 1))
        value = stand_in(kind, lexicon, settings)
        replaced.setdefault(value, text[a:b])
        out.append(value)
        starts.extend([a] * len(value))
        ends.extend([b] * len(value))
        pos = b
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return Substituted(text, "".join(out), starts, ends, replaced)

"""What placeholders and intents stand for, so rules judge a template as the customer reads it.

Placeholders (`{name}`, `{{customer_name}}`, `[NAMA]`, `%name%`) are replaced by a
stand-in before linting: a name placeholder by a customer's name that is also
passed as the customer's name (so `use-name` passes and the name is known), `{eta}` by
a time expression ("2 days", "2 hari", "2 ημέρες"), and so on per kind below.
Findings are mapped back to the placeholder in the original text.

An `intent` without a `reply_to` stands for a short, typical customer message
of that intent in the template's language (INTENTS below), so rules that depend
on what the customer said (apology after a complaint...) apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
KINDS = tuple(DEFAULT_PLACEHOLDERS)

STAND_INS: dict[str, dict[str, str]] = {
    "name": {"id": "Nadira", "el": "Ευτέρπη", "en": "Rosalind"},  # unlikely in a real template
    "eta": {"id": "2 hari", "el": "2 ημέρες", "en": "2 days"},
    "date": {"id": "12/05", "el": "12/05", "en": "12/05"},
    "time": {"id": "10:00", "el": "10:00", "en": "10:00"},
    "order": {"id": "#10234", "el": "#10234", "en": "#10234"},
    "tracking": {"id": "JX1234567890", "el": "JX1234567890", "en": "JX1234567890"},
    "product": {"id": "kaos", "el": "μπλούζα", "en": "T-shirt"},
    "price": {"id": "Rp150.000", "el": "25 €", "en": "$25"},
    "shop": {"id": "Toko Kami", "el": "Κατάστημα", "en": "Shop"},
    "agent": {"id": "Sari", "el": "Ελένη", "en": "Sam"},
    "link": {"id": "https://example.com/x", "el": "https://example.com/x", "en": "https://example.com/x"},
}

# intent -> a typical customer message of that intent, per language; tests/test_lint.py checks
# that each turns on the signal its intent means (INTENT_SIGNALS)
INTENT_SIGNALS = {
    "complaint": {"complaint"}, "delivery-delay": {"waited", "complaint"}, "question": {"question"},
    "order": {"ordered", "intends"}, "payment": {"paid"}, "thanks": {"thanked"}, "greeting": {"greeted"},
    "angry": {"angry"}, "return": {"complaint"},
}
INTENTS: dict[str, dict[str, str]] = {
    "complaint": {"id": "Kak, barang yang saya terima rusak.",
                  "el": "Το προϊόν ήρθε χαλασμένο.",
                  "en": "The item I received is broken."},
    "delivery-delay": {"id": "Kak, pesanan saya kok belum sampai?",
                       "el": "Ακόμα περιμένω την παραγγελία μου.",
                       "en": "I'm still waiting for my order."},
    "question": {"id": "Kak, yang warna hitam ready?",
                 "el": "Το έχετε σε μαύρο;",
                 "en": "Do you have it in black?"},
    "order": {"id": "Kak, saya mau order yang merah 2.",
              "el": "Θέλω να παραγγείλω δύο κόκκινα.",
              "en": "I'd like to order two of the red ones."},
    "payment": {"id": "Kak, sudah saya transfer ya.",
                "el": "Έκανα την πληρωμή.",
                "en": "I've paid."},
    "thanks": {"id": "Makasih kak, barangnya sudah sampai.",
               "el": "Ευχαριστώ, το δέμα έφτασε.",
               "en": "Thanks, the parcel arrived."},
    "greeting": {"id": "Halo kak", "el": "Γεια σας", "en": "Hello"},
    "angry": {"id": "PENIPU!!! barang belum sampai juga",
              "el": "ΑΠΑΡΑΔΕΚΤΟ!!! Ακόμα περιμένω!",
              "en": "THIS IS A SCAM!!! Where is my order?"},
    "return": {"id": "Kak, saya mau retur, ukurannya kekecilan.",
               "el": "Δεν μου κάνει, θέλω επιστροφή χρημάτων.",
               "en": "I want to return this, it doesn't fit."},
}

_TOKEN = re.compile(r"\{\{\s*([^\W\d]\w*)\s*\}\}|\{([^\W\d]\w*)\}|\[([^\W\d]\w*)\](?!\()|%([^\W\d]\w*)%")


def stand_in(kind: str, lang: str, settings) -> str:
    if kind == "shop" and settings.shop_name:
        return settings.shop_name
    if kind == "agent" and settings.agents:
        return settings.agents[0]
    table = STAND_INS[kind]
    return table.get(lang) or table["en"]


def customer_message(intent: str, lang: str) -> str:
    table = INTENTS[intent]
    return table.get(lang) or table["en"]


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


def substitute(text: str, found: list[tuple[int, int, str]], lang: str, settings) -> Substituted:
    out, starts, ends, replaced, pos = [], [], [], {}, 0
    for a, b, kind in found:
        out.append(text[pos:a])
        starts.extend(range(pos, a))
        ends.extend(range(pos + 1, a + 1))
        value = stand_in(kind, lang, settings)
        replaced.setdefault(value, text[a:b])
        out.append(value)
        starts.extend([a] * len(value))
        ends.extend([b] * len(value))
        pos = b
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return Substituted(text, "".join(out), starts, ends, replaced)

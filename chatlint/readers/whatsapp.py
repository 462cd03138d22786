"""WhatsApp "Export chat" text files, from Android and iOS phones in any locale.

A message starts with a header line, the date and time then the sender:
  Android  18/03/2022, 14:56 - Dmitry S: Hello           (also 18.03.22, 2019-10-20, 6/30/23)
           1/29/18, 12:24 PM - Mallory: Hey!             (12-hour clocks: AM/PM, a. m., π.μ./μ.μ.)
  iOS      [3/27/22 21.41.35] Dmitry S: Hello World      (Indonesian phones: dots in the time)
           [27/3/23, 9:15:02 π.μ.] Μαρία: Καλημέρα
  Vietnamese iOS puts the time first: [21:41:35, 3/27/22].
Any other line continues the message above it. Whether dates are day-first or
month-first is read from the file itself: a first number above 12 means
day-first, a second above 12 month-first; when no date tells, the order under
which the timestamps run forwards wins (ties: day-first, as on most phones).
Each shape of date (separator, year width) is decided on its own, since one
export can mix "6/30/23" and "30/6/2023".

System lines (encryption notices, "<Media omitted>", "<Media tidak disertakan>",
deleted messages, "X added Y") are kept as system messages: they are not
linted but still mark who was active when.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..model.messages import CONTINUATION, MESSAGE, SYSTEM, Ledger, Message
from .base import Input

# Direction marks and the like that phones put around dates, names and phone numbers.
MARKS = "\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
_STRIP_MARKS = str.maketrans("", "", MARKS)
# Eastern Arabic and Persian digits, the Arabic comma.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹،", "01234567890123456789,")

# the year may be missing ("27/03, 21:41"): dates then run on from year 2000, a new year when they turn back
_DATE = r"(?P<d1>\d{1,4})(?P<sep>[./-])(?P<d2>\d{1,2})(?:(?P=sep)(?P<d3>\d{1,4}|R\d{1,2})(?P<be> BE)?)?\.?"
# morning/afternoon markers, after the time ("9:15 PM", "9.15 malam", "9:15 in the evening") or before it
# (Chinese, Japanese, Korean: "下午9:15")
_DAYTIME = (r"in the (?:morning|afternoon|evening)|at night|de la (?:mañana|tarde|noche)|"
            r"da (?:manhã|tarde|noite)|pagi|siang|sore|malam|(?:το )?(?:πρωί|μεσημέρι|απόγευμα|βράδυ)")
_AMPM = rf"(?P<ampm>[AaPp]\.?\s?[Mm]\.?|π\.?\s?μ\.?|μ\.?\s?μ\.?|ص|م|午前|午後|오전|오후|上午|下午|{_DAYTIME})"
_PRE = r"(?:(?P<pre>上午|下午|午前|午後|오전|오후)\s?)?"
_TIME = rf"{_PRE}(?P<h>\d{{1,2}})[:.](?P<m>\d{{2}})(?:[:.](?P<s>\d{{2}}))?(?:\s?{_AMPM})?"
_STAMP = rf"(?:{_DATE},?\s{_TIME}|{_TIME.replace('?P<', '?P<t_')},?\s{_DATE.replace('?P<', '?P<t_').replace('(?P=sep)', '(?P=t_sep)')})"


def _prefixed(pattern: str, prefix: str) -> str:
    return pattern.replace("?P<", f"?P<{prefix}").replace("(?P=", f"(?P={prefix}")


# [stamp] Name: text (iOS) | stamp - Name: text (Android) | stamp: Name: text (old iOS, no brackets)
HEADER = re.compile(rf"^(?:\[{_STAMP}\]\s?|{_prefixed(_STAMP, 'a_')}\s[-–]\s|{_prefixed(_STAMP, 'b_')}:\s)"
                    rf"(?P<rest>.*)$")
_SENDER = re.compile(r"^(?P<sender>[^:\"\n]{1,80}?):(?: |(?=\S)|$)(?P<text>.*)$")
_IOS_SYSTEM = re.compile(r"^[^:]{1,120}: ?\u200e")
_PHONE = re.compile(r"^\+?[\d\s().-]{6,}$")

# markers with spaces and dots removed, lower case
_AFTERNOON = {"pm", "μμ", "م", "午後", "오후", "下午", "intheafternoon", "intheevening", "delatarde", "datarde",
              "siang", "sore", "μεσημέρι", "απόγευμα", "τομεσημέρι", "τοαπόγευμα"}
_NIGHT = {"atnight", "delanoche", "danoite", "malam", "βράδυ", "τοβράδυ"}

# Placeholders and notices a sender "says" that are not their words.
_SYSTEM_TEXTS = re.compile(
    r"^(?:<.*>|null|"
    r"this message was deleted|you deleted this message|"
    r"pesan ini (?:telah )?dihapus|anda menghapus pesan ini|"
    r"αυτό το μήνυμα διαγράφηκε|διαγράψατε αυτό το μήνυμα|"
    r"(?:image|video|audio|sticker|gif|document|contact card) omitted|"
    r"(?:gambar|video|audio|stiker|gif|dokumen|kartu kontak) tidak disertakan|"
    r"(?:εικόνα|βίντεο|ήχος|αυτοκόλλητο|gif|έγγραφο|κάρτα επαφής) παραλείφθηκε|"
    r"(?:.*\s)?(?:document omitted|dokumen tidak disertakan|έγγραφο παραλείφθηκε)|"  # after a file name
    r"<attached: [^>]*>|"
    r"missed (?:voice|video) call|panggilan (?:suara|video) tak terjawab)$",
    re.IGNORECASE)
_EDITED = re.compile(r"\s*<(?:This message was edited|Pesan ini telah diedit|Αυτό το μήνυμα υπέστη επεξεργασία)>$")


def sniff(head: str) -> bool:
    lines = [line for line in head.splitlines()[:10] if line.strip()]
    return any(HEADER.match(line.translate(_STRIP_MARKS).translate(_DIGITS)) for line in lines[:3])


def _match(line: str):
    return HEADER.match(line.translate(_STRIP_MARKS).translate(_DIGITS))


def _parts(m) -> tuple:
    """(d1, d2, d3, sep, h, mi, s, ampm, be) whichever order the stamp had (d3: None without a year)."""
    p = next(p for p in ("", "t_", "a_", "a_t_", "b_", "b_t_") if m.group(p + "d1") is not None)
    g = m.group
    return (g(p + "d1"), g(p + "d2"), g(p + "d3"), g(p + "sep"), g(p + "h"), g(p + "m"), g(p + "s"),
            g(p + "ampm") or g(p + "pre"), g(p + "be"))


def _shape(parts) -> tuple:
    d1, _, d3, sep = parts[:4]
    return sep, len(d1) == 4, len(d3 or "")


class _OrderVote:
    """Decides day-first or month-first for one shape of date, from a first pass over the file."""

    def __init__(self):
        self.day_first_line = None    # a line whose first number can only be a day
        self.month_first_line = None
        self.prev = {"dmy": None, "mdy": None}
        self.backwards = {"dmy": 0, "mdy": 0}

    def add(self, parts, line_no):
        d1, d2 = int(parts[0]), int(parts[1])
        if d1 > 12 and self.day_first_line is None:
            self.day_first_line = line_no
        if d2 > 12 and self.month_first_line is None:
            self.month_first_line = line_no
        for order in ("dmy", "mdy"):
            stamp = _datetime(parts, order)
            if stamp is None:
                continue
            if self.prev[order] and stamp < self.prev[order]:
                self.backwards[order] += 1
            self.prev[order] = stamp

    def decide(self) -> tuple[str, str]:
        if self.day_first_line and not self.month_first_line:
            return "dmy", f"day first (line {self.day_first_line})"
        if self.month_first_line and not self.day_first_line:
            return "mdy", f"month first (line {self.month_first_line})"
        if self.backwards["mdy"] < self.backwards["dmy"]:
            return "mdy", "month first (timestamps run in order)"
        return "dmy", "day first (no date tells; the default)"


def _year(text: str, buddhist: bool) -> int:
    if text.startswith("R"):  # Japanese Reiwa era: R4 = 2022
        return 2018 + int(text[1:])
    year = int(text)
    if buddhist:
        return year - 543
    return year + 2000 if year < 100 else year


def _datetime(parts, order: str, no_year: int = 2000) -> datetime | None:
    d1, d2, d3, _, h, mi, s, ampm, be = parts
    try:
        if len(d1) == 4:
            if d3 is None:
                return None
            year, month, day = int(d1), int(d2), int(d3)
        elif order == "dmy":
            day, month, year = int(d1), int(d2), _year(d3, bool(be)) if d3 else no_year
        else:
            month, day, year = int(d1), int(d2), _year(d3, bool(be)) if d3 else no_year
        hour = int(h)
        # "23:59 PM" occurs in real exports: a 24-hour time wins over its marker
        if ampm and hour <= 12:
            marker = ampm.replace(" ", "").replace(".", "").lower()
            if marker in _NIGHT:  # "12 malam" is midnight, "2 at night" 02:00, "10 at night" 22:00
                hour = 0 if hour == 12 else hour + (12 if hour >= 5 else 0)
            else:
                hour = hour % 12 + (12 if marker in _AFTERNOON else 0)
        return datetime(year, month, day, hour, int(mi), int(s or 0))
    except (ValueError, OverflowError):
        return None


def is_phone(name: str) -> bool:
    return bool(_PHONE.match(name))


def clean_name(name: str) -> str:
    return " ".join(name.translate(_STRIP_MARKS).split())


def read(source: Input, ledger: Ledger):
    """Yield the messages of a WhatsApp text export, accounting for every line in `ledger`."""
    votes: dict[tuple, _OrderVote] = {}
    first_header = None
    for line_no, line in source.lines():
        m = _match(line)
        if m:
            parts = _parts(m)
            votes.setdefault(_shape(parts), _OrderVote()).add(parts, line_no)
            first_header = first_header or line_no
    orders = {}
    for shape, vote in votes.items():
        orders[shape], why = vote.decide()
        if not shape[1]:
            dates = f"d{shape[0]}d{shape[0]}{'y' * shape[2]}" if shape[2] else f"d{shape[0]}d (no year)"
            ledger.notes.append(f"{source.name}: dates like {dates} read {why}")
    if any(not shape[2] for shape in votes):
        ledger.warnings.append(f"{source.name}: dates without a year: read as running on from the year 2000")

    current: Message | None = None
    preamble: list[int] = []
    year, previous = 2000, None  # for dates without a year
    for line_no, line in source.lines():
        m = _match(line)
        stamp = None
        if m:
            parts = _parts(m)
            order = orders.get(_shape(parts), "dmy")
            stamp = _datetime(parts, order, year)
            if stamp is not None and parts[2] is None and previous is not None and stamp < previous:
                year += 1  # December to January
                stamp = _datetime(parts, order, year)
            if stamp is None:
                ledger.skip(source.name, line_no, f"a message header whose date or time is impossible "
                                                  f"({line[:40].strip()!r})")
                continue
            previous = stamp
        if stamp is None:
            if current is None:
                if not line.strip():
                    ledger.mark(SYSTEM)  # blank lines before the first message
                elif first_header is not None and line_no < first_header:
                    ledger.mark(SYSTEM)  # a title, page numbers: before the first message, no message
                    preamble.append(line_no)
                else:
                    ledger.skip(source.name, line_no, "text before the first message header "
                                                      "(expected a line starting with a date and time)")
                continue
            current.append(line, line_no)
            ledger.mark(CONTINUATION)
            continue
        if current is not None:
            yield _finish(current)
        elif preamble:
            where = f"line {preamble[0]}" if len(preamble) == 1 else f"lines {preamble[0]}-{preamble[-1]}"
            ledger.warnings.append(f"{source.name}: {where} before the first message header "
                                   f"(a title?) read as no message")
        current = _message(source.name, line_no, stamp, m.group("rest"), line)
        ledger.mark(SYSTEM if current.system else MESSAGE)
    if current is not None:
        yield _finish(current)


def _message(file: str, line_no: int, stamp: datetime, rest: str, raw: str) -> Message:
    # iOS marks what the phone wrote (attachments, notices) with a direction mark after "Name: "
    # (and an attachment's line starts with a direction mark: "‎[...] Name: Template.docx ‎document omitted")
    after = raw.split("]", 1)[-1]
    ios_system = raw.lstrip(MARKS).startswith("[") and (
        bool(_IOS_SYSTEM.match(after)) or (raw.startswith("\u200e") and "\u200e" in after))
    clean = rest
    m = _SENDER.match(clean)
    if not m:  # "You added Alice", "+1 234 is a contact", the Android encryption notice
        return Message(file, line_no, stamp, "", clean, system=True, end_line=line_no)
    text = _EDITED.sub("", m.group("text"))
    system = ios_system or not text.strip() or bool(_SYSTEM_TEXTS.match(text.strip()))
    return Message(file, line_no, stamp, clean_name(m.group("sender")), text, system=system,
                   end_line=line_no)


def _finish(message: Message) -> Message:
    message.text = message.text.rstrip()
    return message

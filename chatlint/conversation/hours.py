"""Business hours: when the shop answers chats, and waits counted in business minutes."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from ..model.errors import ChatlintError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _clock(value: str, what: str) -> time:
    text = str(value).strip().replace(".", ":")
    try:
        hours, minutes = text.split(":") if ":" in text else (text, "0")
        if hours == "24" and int(minutes) == 0:
            return time(23, 59, 59)
        return time(int(hours), int(minutes))
    except ValueError:
        raise ChatlintError(f"business_hours.{what}: expected a time such as 08:00, got {value!r}") from None


class BusinessHours:
    """Opening hours on some weekdays, e.g. {days: [mon, tue, ...], start: "08:00", end: "17:00"}."""

    def __init__(self, spec: dict):
        days = spec.get("days") or list(DAYS[:5])
        bad = [d for d in days if str(d).lower()[:3] not in DAYS]
        if bad:
            raise ChatlintError(f"business_hours.days: unknown day {bad[0]!r}; expected mon..sun")
        self.days = {DAYS.index(str(d).lower()[:3]) for d in days}
        self.start = _clock(spec.get("start", "08:00"), "start")
        self.end = _clock(spec.get("end", "17:00"), "end")
        if self.end <= self.start:
            raise ChatlintError("business_hours: end must be after start")

    @classmethod
    def parse(cls, text: str) -> "BusinessHours":
        """'mon-fri 08:00-17:00' or '08:00-17:00' (Monday to Friday)."""
        parts = text.split()
        days = list(DAYS[:5])
        if len(parts) == 2:
            first, _, last = parts[0].lower().partition("-")
            if first[:3] not in DAYS or (last and last[:3] not in DAYS):
                raise ChatlintError(f"--business-hours: expected days like mon-fri, got {parts[0]!r}")
            a, b = DAYS.index(first[:3]), DAYS.index((last or first)[:3])
            days = [DAYS[i % 7] for i in range(a, (b if b >= a else b + 7) + 1)]
            parts = parts[1:]
        if len(parts) != 1 or "-" not in parts[0]:
            raise ChatlintError(f"--business-hours: expected 'mon-fri 08:00-17:00', got {text!r}")
        start, end = parts[0].split("-", 1)
        return cls({"days": days, "start": start, "end": end})

    def __str__(self) -> str:
        days = sorted(self.days)
        span = (f"{DAYS[days[0]]}-{DAYS[days[-1]]}" if days == list(range(days[0], days[-1] + 1))
                else ",".join(DAYS[d] for d in days))
        return f"{span} {self.start:%H:%M}-{self.end:%H:%M}"

    def contains(self, moment: datetime | None) -> bool:
        if moment is None:
            return True
        return moment.weekday() in self.days and self.start <= moment.time() < self.end

    def minutes_between(self, a: datetime, b: datetime) -> float:
        """Business minutes from a to b."""
        if b <= a:
            return 0.0
        total = 0.0
        day = a.date()
        while day <= b.date():
            if day.weekday() in self.days:
                open_at = datetime.combine(day, self.start)
                close_at = datetime.combine(day, self.end)
                lo, hi = max(a, open_at), min(b, close_at)
                if hi > lo:
                    total += (hi - lo).total_seconds() / 60
            day += timedelta(days=1)
            if (day - a.date()).days > 366:  # a year apart: stop counting
                break
        return total

"""The time between two dates that may be partial: an honest range, never a made-up value.

From a span ``[a_lo, a_hi]`` to a span ``[b_lo, b_hi]`` the shortest possible interval is
``b_lo - a_hi`` and the longest ``b_hi - a_lo``; both are given in calendar terms (years,
months, days, counted as dateutil's relativedelta counts them) and in total days. Days are day
numbers (``chrono.dates.days``), so intervals reach before year 1 and past 9999.
"""

from __future__ import annotations

from dataclasses import dataclass

from chrono.dates.days import civil, day_number


@dataclass(frozen=True, slots=True)
class Delta:
    """A signed calendar difference: negative fields when the end is before the start."""

    years: int
    months: int
    days: int
    total_days: int

    @classmethod
    def between(cls, start: int, end: int) -> Delta:
        """``end - start`` in years, months, days and total days (relativedelta's rule: whole
        months from ``start`` first, the day clamped to the month's length, then days)."""
        y1, m1, d1 = civil(start)
        y2, m2, _ = civil(end)
        months = (y2 - y1) * 12 + (m2 - m1)
        step = 1 if end < start else -1
        shifted = _add_months(y1, m1, d1, months)
        while (end < shifted) if step == -1 else (end > shifted):
            months += step
            shifted = _add_months(y1, m1, d1, months)
        sign = -1 if months < 0 else 1
        years, rest = divmod(abs(months), 12)
        return cls(sign * years, sign * rest, end - shifted, end - start)

    @property
    def negative(self) -> bool:
        """True when the end comes before the start."""
        return self.total_days < 0

    def words(self) -> str:
        """'1 year, 16 days' (magnitude only; the caller says 'before')."""
        parts = [
            _plural(abs(value), unit)
            for value, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day"))
            if value
        ]
        return ", ".join(parts) if parts else "0 days"

    def as_dict(self) -> dict[str, int]:
        """The JSON form."""
        return {"years": self.years, "months": self.months, "days": self.days, "total_days": self.total_days}

    def in_unit(self, unit: str) -> int:
        """The whole number of days, weeks, months or years (truncated toward zero)."""
        if unit == "days":
            return self.total_days
        if unit == "weeks":
            return int(self.total_days / 7)
        if unit == "months":
            return self.years * 12 + self.months
        return self.years


def _add_months(year: int, month: int, day: int, months: int) -> int:
    """The day number of ``year-month-day`` plus ``months``, the day clamped to the month's end."""
    from chrono.dates.edtf import days_in_month

    y, m = divmod(year * 12 + month - 1 + months, 12)
    return day_number(y, m + 1, min(day, days_in_month(y, m + 1)))


def _plural(value: int, unit: str) -> str:
    return f"{value} {unit}{'' if value == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Interval:
    """The shortest and longest interval between two spans of days."""

    shortest: Delta
    longest: Delta

    @property
    def exact(self) -> bool:
        """True when both ends were single days."""
        return self.shortest == self.longest

    def words(self) -> str:
        """'1 year, 16 days (381 days)' or 'between ... and ... (N to M days)'."""
        if self.exact:
            return f"{_signed(self.shortest)} ({_plural(abs(self.shortest.total_days), 'day')})"
        low, high = self.shortest, self.longest
        return f"between {_signed(low)} and {_signed(high)} ({low.total_days} to {high.total_days} days)"

    def in_unit(self, unit: str) -> str:
        """One number, or ``MIN..MAX`` for a range, for scripts."""
        low, high = self.shortest.in_unit(unit), self.longest.in_unit(unit)
        return str(low) if low == high else f"{low}..{high}"


def _signed(delta: Delta) -> str:
    return delta.words() + (" before" if delta.negative else "")


def interval(a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> Interval:
    """The range of intervals from a day in ``[a_lo, a_hi]`` to a day in ``[b_lo, b_hi]``."""
    return Interval(Delta.between(a_hi, b_lo), Delta.between(a_lo, b_hi))


def ago(lower: int, upper: int, today: int) -> str:
    """How long ago a span of days was, at its own precision.

    '23 years ago' when every day of the span gives the same answer; 'between 22 and 23 years
    ago' for a year-only date; 'in 3 months' for the future; 'now' when today is inside it.
    """
    near, far = Delta.between(upper, today), Delta.between(lower, today)
    if near.total_days == far.total_days == 0:
        return "today"
    if near.total_days <= 0 <= far.total_days:
        return "now (today falls within it)"
    low, high = sorted((_coarse(near), _coarse(far)), key=lambda pair: (_UNIT_RANK[pair[1]], pair[0]))
    if low == high:
        text = _plural(*low)
    elif low[1] == high[1]:
        text = f"between {low[0]} and {_plural(*high)}"
    else:
        text = f"between {_plural(*low)} and {_plural(*high)}"
    return f"in {text}" if near.negative else f"{text} ago"


_UNIT_RANK = {"day": 0, "month": 1, "year": 2}


def _coarse(delta: Delta) -> tuple[int, str]:
    """The largest non-zero unit of a delta, as (value, unit)."""
    years, months, days = abs(delta.years), abs(delta.months), abs(delta.days)
    if years:
        return years, "year"
    if months:
        return months, "month"
    return days, "day"

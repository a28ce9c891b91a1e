"""How a table writes its dates: day/month order, two-digit years, strptime formats, month names.

A table's tool decides how its dates look (``1/21/77`` from a US spreadsheet, ``EOW: Monday,
January 3, 1791`` from a transcription, ``February`` in a month column of a Latin-1 export). The
rules here turn such cells into chrono's ISO text at the precision written; the date model in
:mod:`chrono.dates` then checks and holds them, so there is still one date parser. Nothing is
guessed: a cell that two orders read as two different days is refused, naming ``--date-order``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from dataclasses import dataclass

from chrono.dates.edtf import days_in_month
from chrono.dates.months import month_number
from chrono.errors import DateError

DEFAULT_PIVOT = 1969  # POSIX strptime's %y: 69-99 are 1969-1999, 00-68 are 2000-2068
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMERIC_RE = re.compile(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})")
_FIELD_RE = {
    "Y": r"(?P<Y>\d{4})",
    "y": r"(?P<y>\d{2})",
    "m": r"(?P<m>\d{1,2})",
    "d": r"(?P<d>\d{1,2})",
    "e": r"\s?(?P<d>\d{1,2})",
    "B": r"(?P<B>[^\W\d_]+\.?)",
    "b": r"(?P<B>[^\W\d_]+\.?)",
    "h": r"(?P<B>[^\W\d_]+\.?)",
    "A": r"(?P<A>[^\W\d_]+\.?)",
    "a": r"(?P<A>[^\W\d_]+\.?)",
    "H": r"\d{1,2}",
    "I": r"\d{1,2}",
    "M": r"\d{2}",
    "S": r"\d{2}(?:\.\d+)?",
    "p": r"[AaPp]\.?[Mm]\.?",
    "z": r"(?:Z|[+-]\d{2}:?\d{2})",
    "%": "%",
}
FORMAT_HINT = "strptime directives %Y %y %m %d %e %B %b %A %a (%H %M %S %I %p %z are read and dropped) and %%"


class DateOrder(enum.Enum):
    """The order of a numeric date's fields (``--date-order``)."""

    MDY = "mdy"
    DMY = "dmy"
    YMD = "ymd"


@dataclass(frozen=True, slots=True)
class DateFormat:
    """One ``--date-format``: the text as given and the pattern it compiles to."""

    text: str
    pattern: re.Pattern[str]
    cuts_trailing: bool  # the format ends in literal text: whatever follows it in a cell is cut


@dataclass(frozen=True, slots=True)
class DateRules:
    """How the numeric and formatted date cells of one import are read."""

    order: DateOrder | None = None
    pivot: int = DEFAULT_PIVOT
    formats: tuple[DateFormat, ...] = ()


def compile_format(text: str) -> DateFormat:
    """``'EOW: %A, %B %d, %Y'`` as a DateFormat; DateError names an unknown directive."""
    parts: list[str] = []
    index, last_literal = 0, False
    while index < len(text):
        char = text[index]
        if char == "%":
            directive = text[index + 1 : index + 2]
            if directive not in _FIELD_RE:
                raise DateError(f"{text!r}: %{directive} is not a directive chrono reads; {FORMAT_HINT}")
            if directive != "%" and f"(?P<{directive}>" in "".join(parts):
                raise DateError(f"{text!r}: %{directive} is given twice")
            parts.append(_FIELD_RE[directive])
            last_literal = directive == "%"
            index += 2
        else:
            parts.append(r"\s+" if char.isspace() else re.escape(char))
            last_literal = not char.isspace() or last_literal
            index += 1
    pattern = "".join(parts)
    if "(?P<Y>" not in pattern and "(?P<y>" not in pattern:
        raise DateError(f"{text!r} has no year (%Y or %y); chrono never guesses one")
    if "(?P<d>" in pattern and "(?P<m>" not in pattern and "(?P<B>" not in pattern:
        raise DateError(f"{text!r} has a day but no month (%m or %B)")
    return DateFormat(text, re.compile(pattern, re.IGNORECASE), last_literal)


def full_year(digits: str, pivot: int) -> int:
    """A two-digit year in the hundred years starting at ``pivot`` (POSIX: 69 -> 1969, 68 -> 2068)."""
    if len(digits) != 2:
        return int(digits)
    year = pivot - pivot % 100 + int(digits)
    return year + 100 if year < pivot else year


def read_numeric(text: str, rules: DateRules) -> str | None:
    """``1/21/77`` -> ``1977-01-21`` by the rules; None when the cell is not numeric day-month-year.

    Without an order, the cell is read when only one order makes it a date; DateError otherwise.
    """
    found = _NUMERIC_RE.fullmatch(text)
    if found is None:
        return None
    first, separator, second, third = found.groups()
    orders = [rules.order] if rules.order is not None else list(DateOrder)
    if len(first) == 4:  # 2001/8/4, 2001.08.04: a year first is read as ISO reads it, whatever the order
        orders = [DateOrder.YMD]
    readings: dict[str, DateOrder] = {}
    for order in orders:
        day = _fields(order, first, second, third, rules.pivot)
        if day is not None:
            readings.setdefault(day, order)
    if len(readings) == 1:
        return next(iter(readings))
    if len(first) == 4 and separator == "-":
        return None  # ISO-shaped: the date model names the real reason (no 31 June)
    if not readings and rules.order is not None:
        raise DateError(f"{text!r} is not a date in the order {rules.order.value} (--date-order)")
    if not readings:
        raise DateError(f"{text!r} is not a date in any order of day, month and year")
    shown = ", ".join(f"{day} ({order.value})" for day, order in readings.items())
    raise DateError(f"{text!r} is ambiguous: it could be {shown}; say which with --date-order mdy|dmy|ymd")


def implied_order(text: str, rules: DateRules) -> DateOrder | None:
    """The one order that read a numeric cell when no ``--date-order`` was given (``1/21/77``:
    mdy), so a column mixing ``1/21/77`` with ``21/1/77`` is caught; None for every other cell."""
    found = _NUMERIC_RE.fullmatch(text)
    if rules.order is not None or found is None or len(found.group(1)) == 4:
        return None
    first, _, second, third = found.groups()
    valid = [order for order in DateOrder if _fields(order, first, second, third, rules.pivot) is not None]
    return valid[0] if len(valid) == 1 else None


def _fields(order: DateOrder, first: str, second: str, third: str, pivot: int) -> str | None:
    if order is DateOrder.YMD:
        year, month, day = first, second, third
    elif order is DateOrder.MDY:
        month, day, year = first, second, third
    else:
        day, month, year = first, second, third
    if len(year) not in (2, 4) or len(month) > 2 or len(day) > 2:
        return None
    return _iso(full_year(year, pivot), int(month), int(day))


def _iso(year: int, month: int, day: int) -> str | None:
    if not 1 <= year <= 9999 or not 1 <= month <= 12 or not 1 <= day <= days_in_month(year, month):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_formatted(text: str, rules: DateRules) -> str | None:
    """The cell read by the first ``--date-format`` that matches it, as ISO text; None if none does.

    DateError when a format matches but the date is impossible or the weekday is wrong.
    """
    for form in rules.formats:
        found = form.pattern.match(text) if form.cuts_trailing else form.pattern.fullmatch(text)
        if found is not None:
            return _from_fields(text, found.groupdict(), rules.pivot, form)
    return None


def _from_fields(text: str, fields: dict[str, str | None], pivot: int, form: DateFormat) -> str:
    year = int(str(fields["Y"])) if fields.get("Y") else full_year(str(fields["y"]), pivot)
    month: int | None = int(str(fields["m"])) if fields.get("m") else None
    if fields.get("B"):
        month = month_number(str(fields["B"]))
        if month is None:
            raise DateError(f"{text!r}: {fields['B']!r} is not a month name (format {form.text!r})")
    if month is None:
        return f"{year:04d}"
    if not fields.get("d"):
        return f"{year:04d}-{month:02d}"
    iso = _iso(year, month, int(str(fields["d"])))
    if iso is None:
        raise DateError(f"{text!r} is not a date: no day {fields['d']} in {year:04d}-{month:02d}")
    weekday = fields.get("A")
    if weekday:
        written = weekday.rstrip(".").lower()
        actual = _WEEKDAYS[_dt.date.fromisoformat(iso).weekday()]
        if len(written) < 2 or not actual.startswith(written):
            raise DateError(f"{text!r}: {iso} is a {actual.capitalize()}, not a {weekday}")
    return iso

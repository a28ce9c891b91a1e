"""Every way people write a date, read to the EDTF value it means: the ONE reader of written dates.

Data files' string dates, date arguments (after the relative forms only a command line has) and
import cells all come here, so a form read in one place is read the same way in the others. EDTF
is tried first (the fast path of a cold load); then each written form in turn. A written form's
value is EDTF — precision and qualifiers kept, nothing invented — and the text it was written in is
kept with the span (``DateSpan.written``) to be shown. docs/format.md lists every form.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import replace

from chrono.dates.days import MAX_ABS_YEAR, iso, julian_civil, julian_day_number, julian_days_in_month, year_text
from chrono.dates.edtf import DateSpan, PartialDate, Precision, make_span, parse_date, parse_span
from chrono.dates.phrases import parse_written, written_approximation
from chrono.errors import DateError

WRITTEN_HINT = (
    "write EDTF (2001-08-04, 2001-08, 2001, -0043-03-15, 199X, 2001?, A/B), a written date "
    "('19 July 2000', 'July 2000', '44 BC', 'AD 79', '1917-10-25 O.S.'), or a date and time "
    "('2001-08-04 23:30:00 -0700')"
)
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_RE = r"(?P<month>[A-Za-z]{3,9})\.?"
_EDTF_LIKE_RE = re.compile(r"(?:Y-?\d+|-?[0-9X]{4}|\.\.)[0-9X?~%/.:TZ+-]*")
_DATETIME_RE = re.compile(
    r"(?P<day>-?\d{4}-\d{2}-\d{2})[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"\s?(?:(?P<z>Z|UTC)|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})?)?"
)
_OLD_STYLE_RE = re.compile(r"(?P<inner>.+?)\s*(?:\((?:O\.\s?S\.|ст\.\s?ст\.)\)|O\.\s?S\.|ст\.\s?ст\.)", re.IGNORECASE)
_BC_RE = re.compile(r"(?P<inner>.+?)\s*(?P<era>BCE|BC|B\.C\.E\.|B\.C\.)", re.IGNORECASE)
_AD_RE = re.compile(r"(?:(?:AD|A\.D\.)\s*(?P<pre>.+)|(?P<post>.+?)\s*(?:AD|A\.D\.|CE|C\.E\.))", re.IGNORECASE)
_YMD_RE = re.compile(r"(?P<year>-?\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?")
_DAY_MONTH_YEAR_RE = re.compile(rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?{_MONTH_RE},?\s+(?P<year>\d{{1,12}})")
_MONTH_DAY_YEAR_RE = re.compile(rf"{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{1,12}})")
_YEAR_ONLY_RE = re.compile(r"\d{1,12}")
_NEGATIVE_SHORT_RE = re.compile(r"-\d{1,3}")
_NUMERIC_RE = re.compile(r"\d[\d\s/.,-]*")


def read_written(text: str) -> DateSpan:
    """Any date form chrono reads (EDTF or written) as a DateSpan; DateError says what is wrong."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise DateError("an empty date; " + WRITTEN_HINT)
    try:
        return parse_span(cleaned)
    except DateError as exc:
        edtf_error = exc
    for reader in _READERS:
        span = reader(cleaned)
        if span is not None:
            return replace(span, written=cleaned)
    if _NEGATIVE_SHORT_RE.fullmatch(cleaned):
        year = int(cleaned)
        raise DateError(
            f"{cleaned!r} is not a valid date: a year before 1 is written with four digits and a sign, "
            f"{year_text(year)} ({1 - year} BC), or as '{1 - year} BC'"
        )
    if _NUMERIC_RE.fullmatch(cleaned) and not _EDTF_LIKE_RE.fullmatch(cleaned):
        raise DateError(
            f"{cleaned!r} is ambiguous or not a date: numeric dates must be YYYY-MM-DD "
            f"(is 01/10/2019 January or October?); {WRITTEN_HINT}"
        )
    if _EDTF_LIKE_RE.fullmatch(cleaned) or (cleaned[:1].isdigit() and " " not in cleaned and "/" not in cleaned):
        raise edtf_error  # its message names the real reason (day 31 of June, month 13)
    raise DateError(f"cannot read {cleaned!r} as a date; {WRITTEN_HINT}")


def read_single(text: str) -> PartialDate:
    """A form that names one date, not an interval (a data file's ``end``)."""
    span = read_written(text)
    if span.end is not None or span.open_end or span.open_start:
        raise DateError(f"{text!r} is an interval; give one date here")
    return span.start


def coerce_span(value: object) -> DateSpan:
    """A TOML value (a local date, a date-time or a string of any form read here) as a DateSpan."""
    if type(value) is _dt.date:
        return DateSpan(PartialDate.from_date(value))
    if isinstance(value, _dt.datetime):
        return DateSpan(parse_date(value.isoformat()))
    if isinstance(value, str):
        return read_written(value)
    raise DateError(f"expected a date (a TOML date like 2001-08-04 or a string), got {_kind(value)}")


def coerce_date(value: object) -> PartialDate:
    """A TOML value naming one date (not an interval) as a PartialDate."""
    if isinstance(value, str):
        return read_single(value)
    return coerce_span(value).start


def _kind(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_ABS_YEAR:
        return f'the number {value} (write a year as a string: "{value}")'
    if isinstance(value, _dt.time):
        return "a time of day without a date"
    return f"{type(value).__name__} {value!r}"


# The forms ---------------------------------------------------------------------------------------


def _date_time(text: str) -> DateSpan | None:
    """'2001-08-04 23:30:00 -0700' (git), '2001-08-04 23:30', '...T23:30:00 UTC' -> EDTF date-time."""
    match = _DATETIME_RE.fullmatch(text)
    if match is None:
        return None
    offset = ""
    if match.group("z"):
        offset = "Z"
    elif match.group("sign"):
        offset = f"{match.group('sign')}{match.group('oh')}:{match.group('om') or '00'}"
    return DateSpan(parse_date(f"{match.group('day')}T{match.group('time')}{offset}"))


def month_number(word: str) -> int | None:
    """1-12 for an English month name or its abbreviation of three letters or more; else None."""
    lowered = word.lower().rstrip(".")
    if len(lowered) < 3:
        return None
    for number, name in enumerate(_MONTHS, 1):
        if name.startswith(lowered) or (lowered == "sept" and number == 9):
            return number
    return None


def _fields(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of '1917-10-25', '25 October 1917', 'October 25, 1917', 'October 1917'
    or '1917', whatever the calendar (the caller decides which); None for another form."""
    ymd = _YMD_RE.fullmatch(text)
    if ymd is not None:
        day = ymd.group("day")
        return int(ymd.group("year")), int(ymd.group("month")), int(day) if day else None
    for regex in (_DAY_MONTH_YEAR_RE, _MONTH_DAY_YEAR_RE):
        match = regex.fullmatch(text)
        if match is not None:
            month = month_number(match.group("month"))
            if month is None:
                return None
            day = match.group("day")
            return int(match.group("year")), month, int(day) if day else None
    if _YEAR_ONLY_RE.fullmatch(text):
        return int(text), None, None
    return None


def _old_style(text: str) -> DateSpan | None:
    """A Julian (Old Style) date, placed on the Gregorian timeline: '25 October 1917 (O.S.)' is
    1917-11-07; a Julian month or year is the interval of Gregorian days it covers."""
    match = _OLD_STYLE_RE.fullmatch(text)
    if match is None:
        return None
    inner = match.group("inner").strip(" ,")
    from chrono.dates.russian import has_cyrillic, to_english

    if has_cyrillic(inner):
        try:
            inner = to_english(inner)
        except ValueError as exc:
            raise DateError(f"cannot read {text!r} as an Old Style date: {exc}") from None
    fields = _fields(inner)
    if fields is None:
        raise DateError(
            f"cannot read {text!r} as an Old Style date: write '25 October 1917 (O.S.)' or '1917-10-25 O.S.'"
        )
    year, month, day = fields
    last_month = month or 12
    last_day = day or julian_days_in_month(year, last_month)
    if not 1 <= last_month <= 12 or not 1 <= last_day <= julian_days_in_month(year, last_month):
        raise DateError(f"{text!r} is not a date of the Julian calendar")
    lower = julian_day_number(year, month or 1, day or 1)
    upper = julian_day_number(year, last_month, last_day)
    if lower == upper:
        return DateSpan(parse_date(iso(lower)))
    return make_span(parse_date(iso(lower)), parse_date(iso(upper)))


def julian_text(date: PartialDate) -> str:
    """A day-precision date in the Julian calendar (``--calendar julian``): '1917-10-25 O.S.'."""
    if date.precision is not Precision.DAY:
        return date.edtf
    time = date.time
    return julian_day_text(date.lower) + ("" if time is None else f" {time}")


def julian_day_text(number: int) -> str:
    """A day number in the Julian calendar: '1917-10-25 O.S.'."""
    year, month, day = julian_civil(number)
    return f"{year_text(year)}-{month:02d}-{day:02d} O.S."


def _era(text: str) -> DateSpan | None:
    """'44 BC', '15 March 44 BCE', 'AD 79', '79 CE' -> astronomical years (44 BC is -0043)."""
    bc = _BC_RE.fullmatch(text)
    ad = None if bc is not None else _AD_RE.fullmatch(text)
    if bc is None and ad is None:
        return None
    inner = bc.group("inner") if bc is not None else (ad.group("pre") or ad.group("post"))  # type: ignore[union-attr]
    fields = _fields(inner.strip(" ,"))
    if fields is None or fields[0] < 1:
        raise DateError(f"cannot read {text!r}: an era year is a count from 1, as in '44 BC' or 'AD 79'")
    year, month, day = fields
    if bc is not None:
        year = 1 - year
    if abs(year) > 9999:
        if month is not None:
            raise DateError(f"{text!r}: a year of more than four digits is read as a whole year only")
        return DateSpan(parse_date(f"Y{year}"))
    edtf = year_text(year) + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    return DateSpan(parse_date(edtf))


def _approximation(text: str) -> DateSpan | None:
    """'c. 1948' (1948~), '1970s' (197X), '19th century' (18XX)."""
    edtf = written_approximation(text)
    return None if edtf is None else parse_span(edtf)


def _russian(text: str) -> DateSpan | None:
    """'4 августа 2001', 'август 2001 г.': the month renamed, then read as the English form."""
    from chrono.dates.russian import has_cyrillic, to_english

    if not has_cyrillic(text):
        return None
    try:
        english = to_english(text)
    except ValueError as exc:
        raise DateError(f"cannot read {text!r} as a date: {exc}") from None
    return _month_words(english) or read_written(english)


def _month_words(text: str) -> DateSpan | None:
    """'19 July 2000', 'July 19, 2000', 'July 2000' (a month name and a four-digit year)."""
    lowered = text.lower()
    if not any(month[:3] in lowered for month in _MONTHS):
        return None
    found = parse_written(text, hint=WRITTEN_HINT)
    start = parse_date(iso(found.lower)) if found.precision is Precision.DAY else parse_date(iso(found.lower)[:-3])
    return DateSpan(start)


def _ranges() -> tuple[Callable[[str], DateSpan | None], ...]:
    from chrono.dates import ranges

    return (
        ranges.iso_week, ranges.season, ranges.part_of,
        lambda text: ranges.day_range(text, read_written), lambda text: ranges.year_range(text, read_written),
        lambda text: ranges.bound(text, read_written), lambda text: ranges.alternatives(text, read_written),
        lambda text: ranges.with_weekday(text, read_written),
    )  # fmt: skip


_READERS: tuple[Callable[[str], DateSpan | None], ...] = (
    _date_time, _old_style, _era, *_ranges(), _approximation, _russian, _month_words,
)  # fmt: skip

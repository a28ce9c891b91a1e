"""Date cells of spreadsheets and exported databases, read as chrono dates at their own precision.

Real tables write dates the way their tools do: ``1993-00-00`` when only the year is known (a
zero month or day is "unknown", a convention of many databases), ``c. 1948`` or ``1970s`` where an
archivist was unsure, ``19 July 2000`` where a person typed it. Each form is read at the
precision it was written with; nothing is filled in. The errors give the real reason and the
forms a cell may take, never the relative dates ('yesterday') only a command line accepts.
"""

from __future__ import annotations

import re

from chrono.dates.edtf import DateSpan, make_span, parse_span
from chrono.errors import DateError
from chrono.importers.dateforms import DateRules, read_formatted, read_numeric

CELL_FORMS = (
    "write YYYY, YYYY-MM or YYYY-MM-DD (a zero month or day is unknown: 1993-00-00), EDTF "
    "(199X, 2001-XX, 2001?, A/B), a written date ('19 July 2000'), 'c. 1948', '1970s' or '19th century'"
)

_NO_DATE_RE = re.compile(r"0000(?:-00(?:-00)?)?")
_ZERO_MONTH_RE = re.compile(r"(\d{4})-00(?:-\d{2})?([?~%]?)")
_ZERO_DAY_RE = re.compile(r"(\d{4}-\d{2})-00([?~%]?)")
_EDTF_LIKE_RE = re.compile(r"[0-9X]{4}[0-9X?~%/.-]*")
_NUMERIC_RE = re.compile(r"[\d\s/.,-]+")
_ISO_TIME_RE = re.compile(r"(\d{4}-\d{2}-\d{2})[T ][0-9:.+\-Z]*")


def is_no_date(text: str) -> bool:
    """True for the all-zero dates databases write for "no date" (``0000-00-00``)."""
    return _NO_DATE_RE.fullmatch(text.strip()) is not None


def unzero(text: str) -> str:
    """``1993-00-00`` -> ``1993`` and ``1993-06-00`` -> ``1993-06``, on each side of an interval."""
    return "/".join(_unzero_one(part) for part in text.split("/"))


def _unzero_one(text: str) -> str:
    month = _ZERO_MONTH_RE.fullmatch(text)
    if month is not None:
        return month.group(1) + month.group(2)
    day = _ZERO_DAY_RE.fullmatch(text)
    if day is not None:
        return day.group(1) + day.group(2)
    return text


def read_cell(text: str, rules: DateRules | None = None) -> DateSpan:
    """One date cell (a date or an interval) as a DateSpan; DateError says why it cannot be read.

    The caller treats empty, null and all-zero cells as missing before calling this. ``rules``
    (``--date-format``, ``--date-order``, ``--century-pivot``) say how the table writes dates;
    the formats are tried first, for they are what the user said the cells look like.
    """
    from chrono.dates.arguments import written_approximation

    rules = rules or DateRules()
    cleaned = " ".join(text.split())
    formatted = read_formatted(cleaned, rules)
    if formatted is not None:
        return parse_span(formatted)
    cleaned = written_approximation(cleaned) or unzero(cleaned)
    numeric = read_numeric(cleaned, rules)
    if numeric is not None:
        return parse_span(numeric)
    if _EDTF_LIKE_RE.fullmatch(cleaned):
        try:
            return parse_span(cleaned)
        except DateError as exc:  # a written range (1914-1918, 2001-08-04/05), else the real reason
            from chrono.dates.written import read_written

            try:
                return read_written(cleaned)
            except DateError:
                raise exc from None
    if _ISO_TIME_RE.fullmatch(cleaned) or cleaned.startswith(("-", "Y", "../")):
        return _written(cleaned, text)  # a time and offset kept as written; years before 1; ../B
    if _NUMERIC_RE.fullmatch(cleaned):
        raise DateError(
            f"{text!r} is not a date chrono can read: {CELL_FORMS}, or a numeric date (1/21/77) with --date-order"
        )
    if "/" in cleaned:
        start_text, _, end_text = cleaned.partition("/")
        start = read_cell(start_text, rules)
        if end_text.strip() == "..":
            return DateSpan(start.start, open_end=True)
        end = read_cell(end_text, rules)
        if start.end is not None or start.open_end or end.end is not None or end.open_end:
            raise DateError(f"{text!r} is not a valid date: an interval of intervals")
        return make_span(start.start, end.start, text)
    return _written(cleaned, text)


def _written(cleaned: str, original: str) -> DateSpan:
    from chrono.dates.written import read_written

    try:
        return read_written(cleaned)  # the one reader of written dates (chrono.dates.written)
    except DateError as exc:
        if str(exc).startswith("cannot read"):
            raise DateError(f"{original!r} is not a date chrono can read: {CELL_FORMS}") from None
        raise DateError(f"{exc}; in a cell, {CELL_FORMS}") from None

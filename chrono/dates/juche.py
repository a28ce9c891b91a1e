"""The Juche calendar of DPRK documents: Juche 1 is 1912, so Juche 111 is 2022.

Only the year differs from the Gregorian calendar. Dates before 1912 have no Juche year and are
shown as Gregorian; so are years with unknown digits (``201X``), which would straddle eras.
"""

from __future__ import annotations

import re

from chrono.dates.edtf import DateSpan, PartialDate

OFFSET = 1911  # Juche year = Gregorian year - 1911
FIRST_YEAR = 1912

_NUMERIC_RE = re.compile(r"juche\s+(\d{1,4})((?:-\d{2}){0,2})", re.IGNORECASE)
_WRITTEN_RE = re.compile(r"(?:(\d{1,2})\s+)?([a-z]+)\s+juche\s+(\d{1,4})", re.IGNORECASE)


def gregorian_year(juche: int) -> int:
    """The Gregorian year of a Juche year."""
    if juche < 1:
        raise ValueError("Juche years start at 1 (1912)")
    return juche + OFFSET


def to_gregorian(text: str) -> str | None:
    """'Juche 90-08-04' -> '2001-08-04', '05 August Juche 111' -> '05 August 2022'; None if not Juche."""
    cleaned = " ".join(text.split())
    numeric = _NUMERIC_RE.fullmatch(cleaned)
    if numeric:
        return f"{gregorian_year(int(numeric.group(1))):04d}{numeric.group(2)}"
    written = _WRITTEN_RE.fullmatch(cleaned)
    if written:
        day = f"{written.group(1)} " if written.group(1) else ""
        return f"{day}{written.group(2)} {gregorian_year(int(written.group(3)))}"
    return None


def date_text(date: PartialDate) -> str:
    """'Juche 90 (2001)-08-04', 'Juche 111 (2022)', or the EDTF text for years before 1912."""
    year_text = date.text[:4]
    if "X" in year_text or int(year_text) < FIRST_YEAR:
        return date.edtf
    year = int(year_text)
    return f"Juche {year - OFFSET} ({year}){date.edtf[4:]}"


def span_text(span: DateSpan) -> str:
    """A span in Juche years: 'Juche 90 (2001)-08-04/Juche 90 (2001)-08-05', '.../..' for ongoing."""
    if span.open_end:
        return f"{date_text(span.start)}/.."
    if span.end is not None and not span.single:
        return f"{date_text(span.start)}/{date_text(span.end)}"
    return date_text(span.start)

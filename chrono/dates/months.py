"""Month names as people write them in tables and arguments: English or Russian, full or short, any case.

``February``, ``feb``, ``Feb.``, ``Sept``, ``февраля``, ``фев.``: one reader, so a month column of
an imported table and a ``--on "May 18"`` argument accept the same words.
"""

from __future__ import annotations

import re

_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_DAY_OF_YEAR_RE = (
    re.compile(r"(?:--)?(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(r"(?P<name>[^\W\d_]+\.?)\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?"),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<name>[^\W\d_]+\.?)"),
)


def month_number(word: str) -> int | None:
    """A month name or abbreviation, English or Russian, any case (``Feb.``, ``февраля``), or None."""
    from chrono.dates.russian import has_cyrillic, to_english

    cleaned = word.strip().rstrip(".").lower()
    if has_cyrillic(cleaned):
        try:
            cleaned = to_english(cleaned).lower()
        except ValueError:
            return None
    if len(cleaned) < 3:
        return None
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(cleaned) or (cleaned == "sept" and number == 9):
            return number
    return None


def day_of_year(text: str) -> tuple[int, int] | None:
    """``May 18``, ``18 May``, ``05-18`` or ``--05-18`` (ISO 8601's day without year) -> (5, 18).

    None when the text is not a month and a day; the day is checked against the month (29
    February is a day of the year, 30 February is not).
    """
    cleaned = " ".join(text.replace(",", " ").split())
    for pattern in _DAY_OF_YEAR_RE:
        found = pattern.fullmatch(cleaned)
        if found is None:
            continue
        groups = found.groupdict()
        month = int(groups["month"]) if groups.get("month") else month_number(groups.get("name") or "")
        day = int(found["day"])
        limits = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
        if month is not None and 1 <= month <= 12 and 1 <= day <= limits[month - 1]:
            return month, day
        return None
    return None

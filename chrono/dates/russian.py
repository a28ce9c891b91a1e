"""Russian written dates, as DPRK and Russian documents write them, read as their English form.

The press release chrono's first chronology grew from is dated ``«05» августа 111 года чучхе``:
a Russian month name in the genitive, the Juche year, guillemets around the day. Russian month
names change with grammatical case (``август``, ``августа``, ``августе``, ``августом``), so each
month is a stem and a closed set of endings, never a prefix match: ``мартышка`` is not March.
The translation only renames words; the strict English grammar of ``chrono.dates.arguments`` then decides,
so a Russian date is exactly as strict as its English twin (no invented precision, no guessed year).
"""

from __future__ import annotations

import re

_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
    "ноябрь", "декабрь",
)  # fmt: skip
_ENGLISH = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip


def _forms(nominative: str) -> tuple[str, ...]:
    """Every case form of a month name: soft stems (январь, май) and hard ones (март, август)."""
    if nominative.endswith(("ь", "й")):
        stem = nominative[:-1]
        return (nominative, stem + "я", stem + "ю", stem + "е", stem + "ем", stem + "ём")
    return (nominative, nominative + "а", nominative + "у", nominative + "е", nominative + "ом")


_MONTH = {
    form: english for nominative, english in zip(_NOMINATIVE, _ENGLISH, strict=True) for form in _forms(nominative)
}
# The abbreviations Russian dates use, with or without a dot ("4 авг. 2001"), as English ones are
# accepted ("4 Aug 2001"). "май" is short already.
_ABBREVIATED = {
    "янв": "January", "фев": "February", "февр": "February", "мар": "March", "апр": "April",
    "июн": "June", "июл": "July", "авг": "August", "сен": "September", "сент": "September",
    "окт": "October", "ноя": "November", "нояб": "November", "дек": "December",
}  # fmt: skip
_WORD_RE = re.compile(r"[а-яё]+\.?", re.IGNORECASE)
_YEAR_WORDS = frozenset({"год", "года", "году", "годом", "г", "г."})
_JUCHE_WORDS = frozenset({"чучхе"})
_QUOTES = str.maketrans({"«": " ", "»": " ", "„": " ", "“": " ", "”": " ", '"': " "})
_JUCHE_YEAR_RE = re.compile(r"(\d{1,4})\s+Juche\b")
_CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)


def has_cyrillic(text: str) -> bool:
    """True when the text has a Cyrillic letter, the cue to read it as Russian."""
    return _CYRILLIC_RE.search(text) is not None


def to_english(text: str) -> str:
    """'«05» августа 111 года чучхе' -> '05 August Juche 111'; '4 августа 2001 г.' -> '4 August 2001'.

    Raises ValueError naming the first word that is not a month, a word for "year" or "Juche",
    so that a typo is reported instead of silently dropped.
    """

    def word(match: re.Match[str]) -> str:
        found = match.group(0).lower()
        if found in _YEAR_WORDS or found.rstrip(".") in _YEAR_WORDS:
            return ""
        if found in _JUCHE_WORDS:
            return "Juche"
        if found in _MONTH:
            return _MONTH[found]
        if found.rstrip(".") in _ABBREVIATED:
            return _ABBREVIATED[found.rstrip(".")]
        raise ValueError(f"{match.group(0)!r} is not a Russian month name")

    english = _WORD_RE.sub(word, text.translate(_QUOTES))
    # Russian writes the era after the year ("111 года чучхе"); the English grammar before it.
    english = _JUCHE_YEAR_RE.sub(r"Juche \1", english)
    return " ".join(english.split())

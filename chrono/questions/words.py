"""Name matching that ignores case, accents and punctuation: ``putin`` finds "Vladimir Putin"."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPLIT_RE = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of a text, case-folded and without accents or punctuation."""
    if text.isascii():  # nothing to decompose: case-folding ASCII is lowering it
        return tuple(word for word in _SPLIT_RE.split(text.lower()) if word)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return tuple(word for word in _SPLIT_RE.split(plain) if word)


def contains_words(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    """True when ``needle`` occurs as consecutive whole words of ``haystack``."""
    if not needle:
        return False
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def name_matches(query: str, spellings: tuple[str, ...]) -> bool:
    """True when every word of the query is a whole word of one spelling, in any order, ignoring
    case and marks: ``Hillary Clinton`` finds "Hillary Rodham Clinton", ``Il Kim`` Kim Jong Il."""
    wanted = set(words(query))
    if not wanted:
        return False
    return any(wanted.issubset(words(spelling)) for spelling in spellings)

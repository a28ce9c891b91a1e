"""Name matching that ignores case, accents and punctuation: ``putin`` finds "Vladimir Putin"."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPLIT_RE = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of a text, case-folded and without accents or punctuation."""
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
    """True when the query is one of the spellings, or whole words of one, ignoring case and marks."""
    wanted = words(query)
    return any(contains_words(words(spelling), wanted) for spelling in spellings)

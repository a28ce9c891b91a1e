"""words(): the shortcut for ASCII text gives what decomposing and case-folding it would."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.questions.words import words


def decomposed_words(text: str) -> tuple[str, ...]:
    """The words of any text the long way: case-folded, decomposed, marks dropped."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return tuple(word for word in re.split(r"[\W_]+", plain) if word)


@settings(max_examples=1000)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_ascii_words_are_the_decomposed_words(text: str) -> None:
    assert words(text) == decomposed_words(text)


def test_accents_and_case_still_fold() -> None:
    assert words("Émile ZOLA_à Paris") == ("emile", "zola", "a", "paris")

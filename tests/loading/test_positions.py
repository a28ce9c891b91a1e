"""The positions scan's bracket count: the regular expression against the character loop it
replaced (which is kept here as the oracle), on any short text of the characters that matter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.loading.positions import _bracket_balance, scan


def loop_balance(text: str) -> int:
    """The count one character at a time, as the scan did before."""
    balance = 0
    quote: str | None = None
    for char in text:
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "[{":
            balance += 1
        elif char in "]}":
            balance -= 1
    return balance


@settings(max_examples=2000)
@given(st.text(alphabet="[]{}\"'#ab \\\n", max_size=16))
def test_bracket_balance_is_the_character_loop(text: str) -> None:
    assert _bracket_balance(text) == loop_balance(text)


def test_a_key_after_a_multi_line_array_is_found() -> None:
    text = '[[event]]\nid = "a"\ntags = [  # "]"\n  "]", \'[\',\n]\ntitle = "t"\n'
    assert scan(text).key("event", 0, "title") == (6, 1)

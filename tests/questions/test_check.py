"""chrono check's warnings, each with its line and column."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from chrono.loading.dataset import read_all
from chrono.questions import check as validate
from chrono.questions.check import check

WriteToml = Callable[..., Path]
TODAY = dt.date(2026, 1, 15)
SOURCE = '[[source]]\nid = "s"\ntitle = "S"\n\n'


def event(ident: str, date: str = "2001-01-01", kind: str = "talks", title: str = "T", extra: str = "") -> str:
    return f'[[event]]\nid = "{ident}"\ndate = {date}\nkind = "{kind}"\ntitle = "{title}"\nsources = ["s"]\n{extra}\n'


def line_of(text: str, needle: str) -> int:
    """The 1-based line where ``needle`` first occurs."""
    return text[: text.index(needle)].count("\n") + 1


def warnings(path: Path) -> list[str]:
    report = check(read_all([str(path)]), TODAY)
    return [p.format().split(":", 1)[1] for p in report.problems]


def test_clean_file_has_no_warnings(write_toml: WriteToml) -> None:
    assert warnings(write_toml(SOURCE + event("a"))) == []


def test_no_source(write_toml: WriteToml) -> None:
    path = write_toml('[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\n')
    assert warnings(path) == ["2:6: warning: event 'a': no source is cited [no-source]"]


def test_rare_kind_needs_twenty_events_and_a_similar_kind(write_toml: WriteToml) -> None:
    body = SOURCE + "".join(event(f"e{i}", kind="summit", title=f"T{i}") for i in range(19))
    typo = event("odd", kind="sumit", title="Odd")
    text = body + typo
    line = text[: text.index('kind = "sumit"')].count("\n") + 1
    lines = warnings(write_toml(text))
    assert lines == [f"{line}:8: warning: event 'odd': kind 'sumit' is used once; did you mean 'summit'? [rare-kind]"]
    assert (
        warnings(write_toml(body.replace('"summit"', '"talks"', 5) + event("x", kind="visit", title="X"), "b.toml"))
        == []
    )


def test_free_text_actor_matching_a_declared_actor(write_toml: WriteToml) -> None:
    actor = '[[actor]]\nid = "vladimir-putin"\nname = "Vladimir Putin"\naliases = ["Путин"]\n\n'
    text = SOURCE + actor + event("a", extra='actors = ["Путин", "Someone Else"]')
    assert warnings(write_toml(text)) == [
        f"{line_of(text, 'actors =')}:11: warning: event 'a': actor 'Путин' is a declared actor's name; write its id 'vladimir-putin' [actor-name]"
    ]


def test_control_and_bidi_characters(write_toml: WriteToml) -> None:
    text = SOURCE + event("a", title="bad \\u202e title") + event("b", extra='note = "bell \\u0007"')
    assert warnings(write_toml(text)) == [
        f"{line_of(text, 'bad ')}:9: warning: event 'a': title holds control or bidirectional-override characters [control-char]",
        f"{line_of(text, 'note =')}:8: warning: event 'b': note holds control or bidirectional-override characters [control-char]",
    ]
    actor = write_toml('[[actor]]\nid = "x"\nname = "esc \\u001b[31m"\n', "actor.toml")
    assert warnings(actor) == [
        "2:1: warning: actor 'x': holds control or bidirectional-override characters [control-char]"
    ]


def test_near_duplicates(write_toml: WriteToml) -> None:
    body = SOURCE + event("a", title="Moscow Declaration signed") + event("b", title="Moscow declaration signed.")
    line = line_of(body, "Moscow declaration")
    assert warnings(write_toml(body)) == [
        f"{line}:9: warning: event 'b': same date, kind and nearly the same title as 'a'; a duplicate? [near-duplicate]"
    ]
    different = SOURCE + event("a", title="Moscow Declaration signed") + event("b", title="Treaty on trade")
    assert warnings(write_toml(different, "c.toml")) == []


def test_future_date(write_toml: WriteToml) -> None:
    assert warnings(write_toml(SOURCE + event("a", date="2027-01-01"))) == [
        "7:8: warning: event 'a': date 2027-01-01 is after today (2026-01-15; pin it with --today) [future-date]"
    ]


def test_errors_and_warnings_together_in_file_order(write_toml: WriteToml) -> None:
    body = SOURCE + event("a", date='"2001-13"') + '[[event]]\nid = "b"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\n'
    report = check(read_all([str(write_toml(body))]), TODAY)
    assert [(p.severity.value, p.code) for p in report.problems] == [("error", "bad-date"), ("warning", "no-source")]
    assert (report.errors, report.warnings) == (1, 1)


def _one_word_apart_reference(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The plain (quadratic) statement of the rule, to check the linear one against."""
    if len(a) == len(b):
        differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(differing) != 1:
            return False
        x, y = differing[0]
        if [c for c in x if c.isdigit()] != [c for c in y if c.isdigit()]:
            return False
        short_word, long_word = sorted((x, y), key=len)
        if len(long_word) - len(short_word) > 1 and short_word in (
            long_word[: len(short_word)],
            long_word[-len(short_word) :],
        ):
            return False
        return difflib.SequenceMatcher(None, x, y).ratio() >= validate.TYPO_RATIO
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) - len(short) != 1 or len(short) < 2:
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


title_words = st.lists(
    st.sampled_from(["moscow", "moscw", "declaration", "round1", "round2", "a", "b", "meru", "semeru"]), max_size=9
)


@given(title_words, title_words, st.sampled_from([1, 2, 3, 32]))
def test_the_linear_near_duplicate_rule_is_the_plain_rule(a: list[str], b: list[str], block: int) -> None:
    validate.TITLE_BLOCK, saved = block, validate.TITLE_BLOCK  # small blocks exercise every branch
    try:
        got = validate._one_word_apart(validate._Title(tuple(a)), validate._Title(tuple(b)))
    finally:
        validate.TITLE_BLOCK = saved
    assert got == _one_word_apart_reference(tuple(a), tuple(b))

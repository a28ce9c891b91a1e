"""Hypothesis properties of the date model and of range filtering."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.dates.edtf import DateSpan, PartialDate, parse_date, parse_span
from chrono.loading.tables import merge, parse_file
from chrono.questions.query import Match, Query, run
from chrono.questions.timeline import Timeline

years = st.integers(min_value=1, max_value=9999)
qualifiers = st.sampled_from(["", "?", "~", "%"])


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    """Any date string of chrono's subset."""
    year = draw(years)
    shape = draw(st.sampled_from(["y", "ym", "ymd", "yX", "yXX", "ymXX", "yXXXX"]))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    text = {
        "y": f"{year:04d}",
        "ym": f"{year:04d}-{month:02d}",
        "ymd": f"{year:04d}-{month:02d}-{day:02d}",
        "yX": f"{year:04d}"[:3] + "X",
        "yXX": f"{year:04d}"[:2] + "XX",
        "ymXX": f"{year:04d}-{month:02d}-XX",
        "yXXXX": f"{year:04d}-XX-XX",
    }[shape]
    if text.startswith("000X"):
        text = "001X"
    if text.startswith("00XX"):
        text = "01XX"
    return text + draw(qualifiers)


@given(edtf_dates())
def test_round_trip_and_bounds(text: str) -> None:
    date = parse_date(text)
    assert date.edtf == text
    assert parse_date(date.edtf) == date
    assert date.lower <= date.upper
    assert date.is_exact == (date.lower == date.upper)


@given(edtf_dates(), edtf_dates())
def test_interval_bounds_come_from_its_ends(a: str, b: str) -> None:
    first, second = parse_date(a), parse_date(b)
    if second.upper < first.lower:
        return
    span = parse_span(f"{a}/{b}")
    assert (span.earliest, span.latest) == (first.lower, second.upper)
    assert parse_span(span.edtf) == span


@given(st.text(max_size=20))
def test_any_text_parses_or_raises_date_error(text: str) -> None:
    from chrono.errors import DateError

    try:
        span = parse_span(text)
    except DateError:
        return
    assert span.earliest <= span.latest_or_max


def _timeline(days: list[dt.date]) -> Timeline:
    body = "".join(
        f'[[event]]\nid = "e{i}"\ndate = {day.isoformat()}\nkind = "k"\ntitle = "t"\n' for i, day in enumerate(days)
    )
    chronology, problems = merge([parse_file("gen.toml", body)])
    assert not problems
    return Timeline(chronology)


day_lists = st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), min_size=1, max_size=30)


@settings(max_examples=60)
@given(day_lists, st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
def test_from_and_to_the_day_before_partition_single_day_events(days: list[dt.date], pivot: dt.date) -> None:
    timeline = _timeline(days)
    after = {e.id for e in run(Query(lo=pivot.toordinal()), timeline)}
    before = {e.id for e in run(Query(hi=pivot.toordinal() - 1), timeline)}
    assert not after & before
    assert after | before == {e.id for e in timeline.events}


spans = st.tuples(edtf_dates(), st.one_of(st.none(), edtf_dates(), st.just("..")))


@settings(max_examples=60)
@given(st.lists(spans, min_size=1, max_size=25), st.dates(dt.date(1, 1, 1), dt.date(9999, 1, 1)), st.integers(0, 4000))
def test_range_index_agrees_with_a_scan(pairs: list[tuple[str, str | None]], first: dt.date, length: int) -> None:
    entries = []
    for i, (start, end) in enumerate(pairs):
        date = start if end is None else f"{start}/{end}"
        try:
            parse_span(date)
        except ValueError:
            continue
        entries.append(f'[[event]]\nid = "e{i}"\ndate = "{date}"\nkind = "k"\ntitle = "t"\n')
    chronology, problems = merge([parse_file("gen.toml", "".join(entries))])
    assert not problems
    timeline = Timeline(chronology)
    lo = first.toordinal()
    hi = lo + length
    overlap = [e.id for e in run(Query(lo=lo, hi=hi), timeline)]
    within = [e.id for e in run(Query(lo=lo, hi=hi, match=Match.WITHIN), timeline)]
    spans_of = {e.id: e.when for e in timeline.events}
    assert overlap == [e.id for e in timeline.events if _overlaps(spans_of[e.id], lo, hi)]
    assert within == [e.id for e in timeline.events if lo <= e.earliest and e.when.latest_or_max <= hi]
    assert set(within) <= set(overlap)
    keys = [e.sort_key for e in timeline.events]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def _overlaps(span: DateSpan, lo: int, hi: int) -> bool:
    return span.earliest <= hi and span.latest_or_max >= lo


def test_partial_date_from_date_is_exact() -> None:
    assert PartialDate.from_date(dt.date(2001, 8, 4)).is_exact

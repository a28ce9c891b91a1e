"""The streaming event table: widths from the data, nothing cut that must stay whole, text inert."""

from __future__ import annotations

import re

import pytest

from chrono.dates.edtf import parse_span
from chrono.model import Event
from chrono.render.columns import cell_width, fold
from chrono.render.table import table_lines

SGR_RE = re.compile(r"\x1b\[[0-9;]*m")


def _event(ident: str, date: str, title: str, kind: str = "visit", place: str | None = None) -> Event:
    return Event(ident, parse_span(date), kind, title, place=place)


EVENTS = [
    _event("a", "2001-08-04", "Short"),
    _event("a-much-longer-identifier-2001", "2001-08-04/2001-08-05", "A title long enough to need folding " * 3),
    _event("open", "2020/..", "Ongoing", kind="negotiation"),
]


def test_at_120_columns_dates_ids_and_kinds_stay_whole_and_a_range_takes_one_line() -> None:
    lines = list(table_lines(EVENTS, 120, colour=False))
    text = "".join(lines)
    assert "a-much-longer-identifier-2001" in text
    assert "2001-08-04 → 08-05" in text
    assert "2020 → ongoing" in text
    assert "negotiation" in text
    assert all(cell_width(line.rstrip("\n")) <= 120 for line in lines)
    assert lines[0].split() == ["Date", "ID", "Kind", "Title"]
    assert set(lines[1].strip()) == {"─"}


def test_on_a_narrow_terminal_ids_go_under_dates_shortened_and_titles_take_two_lines_at_most() -> None:
    lines = list(table_lines(EVENTS, 80, colour=False))
    assert lines[0].split() == ["Date", "/", "ID", "Kind", "Title"]
    body = [line.rstrip("\n") for line in lines[2:]]
    assert len(body) == 2 * len(EVENTS)  # every event on two lines, its id under its date
    assert body[3].startswith("a-much-lon") and "…" in body[3].split()[0]
    assert body[3].endswith("…")  # the title's end is left out
    assert all(cell_width(line) <= 80 for line in body)


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2000-02-09", "2000-02-10", "2000-02-09 → 02-10"),
        ("2000-12-30", "2001-01-02", "2000-12-30 → 2001-01-02"),
        ("2001-07", "2001-08", "2001-07 → 08"),
        ("2001", "2002", "2001 → 2002"),
        ("2002-08-20", "2002-08-24?", "2002-08-20 → 08-24?"),
        ("-0044-03-01", "-0044-03-15", "-0044-03-01 → 03-15"),
    ],
)
def test_a_range_is_one_line_without_the_year_it_repeats(start: str, end: str, shown: str) -> None:
    from chrono.render.table import compact_end, span_text

    assert f"{start} → {compact_end(start, end)}" == shown
    if not start.startswith("-"):  # BC years are issue 24's; the text rule holds for them already
        assert span_text(parse_span(f"{start}/{end}")) == shown


def test_columns_line_up_from_the_first_row_to_the_last() -> None:
    """Widths are fixed before drawing: every title starts in the same column."""
    lines = list(table_lines(EVENTS, 130, colour=False))[2:]
    starts = {next(line.index(word) for line in lines if word in line) for word in ("Short", "A title", "Ongoing")}
    assert len(starts) == 1


def test_a_place_column_on_wide_terminals_only() -> None:
    events = [_event("x", "2001", "Title", place="Moscow")]
    assert "Place" in next(table_lines(events, 160, colour=False))
    assert "Place" not in next(table_lines(events, 100, colour=False))


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("one two three", 20, ["one two three"]),
        ("one two three", 7, ["one two", "three"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("日本語のタイトル", 6, ["日本語", "のタイ", "トル"]),
    ],
)
def test_fold_by_terminal_cells(text: str, width: int, expected: list[str]) -> None:
    assert fold(text, width) == expected
    assert all(cell_width(line) <= width for line in fold(text, width))


def test_cell_width_counts_wide_and_combining_characters() -> None:
    assert cell_width("abc") == 3
    assert cell_width("日本") == 4
    assert cell_width("e\u0301") == 1  # e + combining acute


def test_markup_and_controls_from_the_data_are_inert() -> None:
    events = [_event("x", "2001", "[bold red]not markup[/] \x1b]52;c;ZXZpbA==\x07 \x1b[2J")]
    text = "".join(table_lines(events, 120, colour=True))
    assert "[bold red]not markup[/]" in text
    assert "\x07" not in text and "\x1b]" not in text and "\x1b[2J" not in text
    assert {match.group(0) for match in SGR_RE.finditer(text)} <= {"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[33m"}


def test_colour_only_when_asked() -> None:
    assert "\x1b[" not in "".join(table_lines(EVENTS, 80, colour=False))
    coloured = "".join(table_lines(EVENTS, 80, colour=True))
    assert "\x1b[1mDate" in coloured and "\x1b[2ma-much-lon" in coloured


def test_rows_are_drawn_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table is a generator: its first row is out before the later ones are drawn."""
    from chrono.render import table

    drawn: list[str] = []
    real_row = table.row

    def spy(event: Event, shape: table.Layout, colour: bool, juche: bool = False):  # type: ignore[no-untyped-def]
        drawn.append(event.id)
        return real_row(event, shape, colour, juche)

    monkeypatch.setattr(table, "row", spy)
    lines = table_lines(EVENTS, 80, colour=False)
    next(lines), next(lines)  # header and rule
    assert next(lines).startswith("2001-08-04")
    assert drawn == ["a"]


def test_the_chronologys_ids_are_read_only_when_an_id_must_be_shortened() -> None:
    def every() -> list[str]:
        raise AssertionError("read every id")

    short = [_event("a", "2001-08-04", "A title " * 12)]
    assert len(list(table_lines(short, 80, colour=False, every=every))) == 4  # stacked, nothing to cut
    from chrono.render.table import ALL_IDS, every_id

    assert every_id(short) == ["a"]
    assert every_id(short * (ALL_IDS + 1)) == ()  # too many to read: only the listed ones count


def test_a_shortened_id_names_its_event_alone_among_the_chronologys_ids() -> None:
    from chrono.questions.lookup import _stands_for

    listed = [_event("kim-jong-il-visit-to-moscow-2011", "2011", "T " * 30)]
    every = ["kim-jong-il-visit-to-moscow-2011", "kim-jong-il-visit-to-minsk-2011"]
    lines = list(table_lines(listed, 80, colour=False, every=lambda: every))
    shown = lines[3].split()[0]
    assert "…" in shown and [ident for ident in every if _stands_for(shown, ident)] == [every[0]]

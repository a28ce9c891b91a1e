"""anniversaries: the window, year ends, 29 February, month precision, round numbers."""

from __future__ import annotations

import datetime as dt

from chrono.loading.dataset import load
from chrono.loading.tables import merge, parse_file
from chrono.model import Chronology
from chrono.questions.anniversaries import anniversaries, ordinal, window

D = dt.date


def chronology(*dated: tuple[str, str]) -> Chronology:
    body = "".join(f'[[event]]\nid = "{i}"\ndate = "{d}"\nkind = "k"\ntitle = "t"\n' for i, d in dated)
    result, problems = merge([parse_file("t.toml", body)])
    assert not problems
    return result


def found(chron: Chronology, on: dt.date, behind: int = 0, ahead: int = 7) -> list[tuple[str, int, str]]:
    lo, hi = window(on.toordinal(), behind, ahead)
    return [(a.label, a.years, a.event.id) for a in anniversaries(chron.events, lo, hi)]


def test_press_release_question_on_the_bundled_data() -> None:
    bundled = load(["dprk-russia"])
    assert ("2022-08-04", 21, "moscow-declaration") in found(bundled, D(2022, 8, 5), behind=1, ahead=0)


def test_window_crossing_the_year_end() -> None:
    chron = chronology(("new-year", "1990-01-02"), ("eve", "1990-12-30"))
    assert found(chron, D(2020, 12, 28), ahead=7) == [("2020-12-30", 30, "eve"), ("2021-01-02", 31, "new-year")]


def test_29_february_falls_on_28_february_in_common_years() -> None:
    chron = chronology(("leap", "2000-02-29"))
    assert found(chron, D(2001, 2, 27), ahead=2) == [("2001-02-28", 1, "leap")]
    assert found(chron, D(2004, 2, 27), ahead=2) == [("2004-02-29", 4, "leap")]
    assert found(chron, D(2004, 2, 28), ahead=0) == []


def test_month_precise_events_appear_when_the_window_touches_their_month() -> None:
    chron = chronology(("april", "2019-04"), ("year", "2019"), ("x-day", "2019-04-XX"))
    assert found(chron, D(2021, 3, 28), ahead=5) == [("2021-04", 2, "april"), ("2021-04", 2, "x-day")]
    assert found(chron, D(2021, 3, 1), ahead=5) == []


def test_own_year_and_earlier_are_left_out_and_round_ones_marked() -> None:
    chron = chronology(("e", "2000-06-10"))
    assert found(chron, D(2000, 6, 9)) == []
    lo, hi = window(D(2010, 6, 9).toordinal(), 0, 7)
    (item,) = anniversaries(chron.events, lo, hi)
    assert item.round and item.ordinal == "10th anniversary"


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th",
    ]  # fmt: skip

"""Each filter of chrono list, overlap and within at every precision, and ordering."""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.dates.arguments import parse_date_arg
from chrono.errors import UsageError
from chrono.loading.dataset import load
from chrono.questions.query import Match, Query, SortKey, run
from chrono.questions.timeline import Timeline
from tests.conftest import FIXTURES

TIMELINE = Timeline(load([str(FIXTURES / "sample.toml")]))
TODAY = dt.date(2026, 1, 15)


def ids(query: Query) -> list[str]:
    return [event.id for event in run(query, TIMELINE)]


def ranged(date_from: str | None = None, date_to: str | None = None, match: Match = Match.OVERLAP) -> list[str]:
    query = Query(match=match)
    if date_from:
        query = query.with_range(parse_date_arg(date_from, TODAY).lower, None)
    if date_to:
        query = query.with_range(None, parse_date_arg(date_to, TODAY).upper)
    return ids(query)


def test_from_overlap_keeps_a_year_event_touching_the_range() -> None:
    assert "visit-2002" in ranged("2002-06")
    assert "visit-2002" not in ranged("2002-06", match=Match.WITHIN)
    assert "visit-2002" in ranged("2002", match=Match.WITHIN)


def test_to_is_inclusive_at_its_own_precision() -> None:
    assert ranged(date_to="2001") == ["treaty-2000", "joint-declaration", "moscow-declaration", "moscow-visit"]
    assert ranged(date_to="2001-08-04") == ["treaty-2000", "joint-declaration", "moscow-declaration", "moscow-visit"]
    assert ranged(date_to="2001-08-04", match=Match.WITHIN) == [
        "treaty-2000",
        "joint-declaration",
        "moscow-declaration",
    ]


def test_month_precision_event_overlaps_days_in_its_month() -> None:
    assert "summit-2019" in ranged("2019-04-30", "2019-05-02")
    assert "summit-2019" not in ranged("2019-04-30", "2019-05-02", match=Match.WITHIN)
    assert "summit-2019" in ranged("April 2019", "April 2019", match=Match.WITHIN)


def test_decade_and_open_end() -> None:
    assert "decade-201x" in ranged("2015", "2015")
    assert "ongoing" in ranged("2100")
    assert "ongoing" in ranged("2024", match=Match.WITHIN)  # open range, open event
    assert "ongoing" not in ranged("2025", match=Match.WITHIN)  # it started in 2024-12
    assert "ongoing" not in ranged("2025", "2030", match=Match.WITHIN)


def test_kind_any_of() -> None:
    assert ids(Query(kinds=("visit",))) == ["moscow-visit", "visit-2002"]
    assert ids(Query(kinds=("visit", "summit"))) == ["moscow-visit", "visit-2002", "summit-2019"]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("putin", ["joint-declaration", "moscow-declaration", "moscow-visit", "summit-2019"]),
        ("Kim Jong-il", ["joint-declaration", "moscow-declaration", "moscow-visit", "visit-2002"]),
        ("Ким Чен Ир", ["joint-declaration", "moscow-declaration", "moscow-visit"]),
        ("KIM JONG IL", ["joint-declaration", "moscow-declaration", "moscow-visit", "visit-2002"]),
        ("jong", ["joint-declaration", "moscow-declaration", "moscow-visit", "visit-2002", "summit-2019"]),
        ("jon", []),
    ],
)
def test_actor_matches_id_name_alias_and_whole_words(actor: str, expected: list[str]) -> None:
    assert ids(Query(actors=(actor,))) == expected


def test_actors_all_of_and_tags_all_of() -> None:
    assert ids(Query(actors=("putin", "Kim Jong Un"))) == ["summit-2019"]
    assert ids(Query(tags=("declaration",))) == ["joint-declaration", "moscow-declaration"]
    assert ids(Query(tags=("declaration", "TREATY"))) == ["joint-declaration"]


def test_place_and_grep() -> None:
    assert ids(Query(place="kremlin")) == ["moscow-declaration"]
    assert ids(Query(place="moscow")) == ["moscow-declaration", "moscow-visit"]
    assert ids(Query(grep="second line")) == ["joint-declaration"]  # summary
    assert ids(Query(grep="^month only")) == ["summit-2019"]  # note, case-insensitive
    assert ids(Query(grep="vladimir putin")) == [
        "joint-declaration",
        "moscow-declaration",
        "moscow-visit",
        "summit-2019",
    ]
    with pytest.raises(UsageError, match="--grep"):
        ids(Query(grep="("))


def test_sort_reverse_limit() -> None:
    assert ids(Query(reverse=True, limit=1)) == ["ongoing"]
    assert ids(Query(sort=SortKey.ID, limit=3)) == ["decade-201x", "joint-declaration", "moscow-declaration"]
    assert ids(Query(sort=SortKey.KIND))[0] == "joint-declaration"
    assert ids(Query(sort=SortKey.TITLE, reverse=True))[0] == "visit-2002"
    assert ids(Query(limit=0)) == []


def test_empty_range_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="empty"):
        ids(Query(lo=dt.date(2005, 1, 1).toordinal(), hi=dt.date(2001, 1, 1).toordinal()))

"""chrono diff's model: added, removed, changed, renamed; date-change kinds; no-change cases."""

from __future__ import annotations

from chrono.dates.edtf import parse_span
from chrono.loading.tables import merge, parse_file
from chrono.model import Chronology
from chrono.questions.diff import Change, DateChange, Op, classify, diff

BASE = """
[[actor]]
id = "p"
name = "P"

[[event]]
id = "a"
date = "2002"
kind = "visit"
title = "Visit"
actors = ["p"]

[[event]]
id = "b"
date = 2001-08-04
kind = "document"
title = "Declaration"
tags = ["x"]
"""


def chron(*texts: str) -> Chronology:
    result, problems = merge([parse_file(f"f{i}.toml", text) for i, text in enumerate(texts)])
    assert not problems, problems
    return result


def test_reorder_reformat_and_moving_between_files_is_no_change() -> None:
    actor, a, b = BASE.split("[[event]]")
    reordered = actor + "[[event]]" + b + "\n[[event]]" + a.replace('"Visit"', "'Visit'")
    assert diff(chron(BASE), chron(reordered)) == []
    assert diff(chron(BASE), chron(actor + "[[event]]" + a, "[[event]]" + b)) == []


def test_added_removed_changed() -> None:
    new = BASE.replace('title = "Declaration"', 'title = "Moscow Declaration"').replace(
        'tags = ["x"]', 'tags = ["x", "y"]'
    )
    new += '\n[[event]]\nid = "c"\ndate = 2019-04-25\nkind = "summit"\ntitle = "Summit"\n'
    changes = diff(chron(BASE), chron(new))
    assert changes == [
        Change(Op.ADDED, "c", None, None, "2019-04-25 Summit"),
        Change(Op.CHANGED, "b", "title", "Declaration", "Moscow Declaration"),
        Change(Op.CHANGED, "b", "tags", ["x"], ["x", "y"]),
    ]
    assert diff(chron(new), chron(BASE))[0] == Change(Op.REMOVED, "c", None, "2019-04-25 Summit", None)


def test_rename_is_same_date_kind_and_title_under_a_new_id() -> None:
    renamed = BASE.replace('id = "b"', 'id = "moscow-declaration"')
    assert diff(chron(BASE), chron(renamed)) == [
        Change(Op.RENAMED, "moscow-declaration", "id", "b", "moscow-declaration")
    ]


def test_date_changes_are_classified() -> None:
    refined = diff(chron(BASE), chron(BASE.replace('date = "2002"', "date = 2002-08-23")))
    assert refined == [Change(Op.CHANGED, "a", "date", "2002", "2002-08-23", DateChange.REFINEMENT)]
    coarsened = diff(chron(BASE.replace('date = "2002"', "date = 2002-08-23")), chron(BASE))
    assert coarsened[0].date_change is DateChange.COARSENING
    moved = diff(chron(BASE), chron(BASE.replace('date = "2002"', 'date = "2003"')))
    assert moved[0].date_change is DateChange.MOVE
    assert classify(parse_span("2002"), parse_span("2002?")) is DateChange.RESTATEMENT
    assert classify(parse_span("2002"), parse_span("2002/2003")) is DateChange.COARSENING


def test_actor_and_source_tables_are_compared_too() -> None:
    new = BASE.replace('name = "P"', 'name = "Person"') + '\n[[source]]\nid = "s"\ntitle = "S"\n'
    changes = diff(chron(BASE), chron(new))
    assert Change(Op.CHANGED, "actor:p", "name", "P", "Person") in changes
    assert Change(Op.ADDED, "source:s", None, None, "S") in changes
    actors_changed = diff(chron(BASE), chron(BASE.replace('actors = ["p"]', 'actors = ["p", "Q"]')))
    assert actors_changed == [Change(Op.CHANGED, "a", "actors", ["p"], ["p", "Q"])]

"""Properties of ``chrono import csv`` on generated tables: every row is accounted for, and what is
written loads, with ids short, unique and the same from run to run."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from chrono.importers.common import Imported, ImportOptions
from chrono.importers.csv_table import from_csv
from chrono.loading.tables import merge, parse_file
from chrono.writing.authoring import document

cells = st.one_of(
    st.sampled_from(["", "NA", "#N/A", "..", "9999-12-31", "0000-00-00", "1993-00-00", "1993-06-00", "c. 1948"]),
    st.sampled_from(["1970s", "19th century", "2001-02-29", "1976-06-31", "2001/2000", "19 July 2000", "soon"]),
    st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[?~]?", fullmatch=True),
    st.text(max_size=12),
)
rows = st.lists(st.tuples(cells, cells, st.text(max_size=70), st.text(max_size=8), cells), max_size=12)


def _table(generated: list[tuple[str, str, str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Begin", "End", "Title", "Type", "Id"])
    writer.writerows(generated)
    return out.getvalue()


def _import(text: str) -> Imported:
    spec = "date=Begin,end=End,title=Title,kind=Type,id=Id"
    return from_csv(text, ImportOptions(mapping=spec, open_ends=("9999-12-31",), id_prefix="p"))


@given(rows)
def test_every_row_is_written_left_out_or_skipped(generated: list[tuple[str, str, str, str, str]]) -> None:
    text = _table(generated)
    result = _import(text)
    assert result.read == len(result.events) + len(result.left_out) + len(result.bad)
    ids = [str(event["id"]) for event in result.events]
    assert len(ids) == len(set(ids))
    assert all(len(ident) <= 48 for ident in ids)  # the Id cells here are short, so every id is
    assert [str(event["id"]) for event in _import(text).events] == ids  # stable
    toml = document(result.events, result.sources)
    _, problems = merge([parse_file("<import>", toml)])
    assert problems == []


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8,
)
date_parts = st.fixed_dictionaries(
    {},
    optional={
        "year": st.one_of(st.integers(-5000, 12000).map(str), st.text(max_size=4), st.integers(-5000, 12000)),
        "month": st.one_of(st.integers(0, 13).map(str), st.just(""), st.text(max_size=2)),
        "day": st.one_of(st.integers(0, 32).map(str), st.just("")),
        "hour": st.text(max_size=2),
    },
)
slides = st.fixed_dictionaries(
    {"start_date": date_parts},
    optional={
        "end_date": date_parts,
        "text": st.fixed_dictionaries({}, optional={"headline": st.text(max_size=20), "text": st.text(max_size=40)}),
        "media": st.dictionaries(
            st.sampled_from(["url", "credit", "caption"]), st.one_of(st.none(), st.text(max_size=9))
        ),
        "group": st.text(max_size=8),
        "unique_id": st.text(max_size=8),
        "other": json_values,
    },
)


@given(st.lists(slides, max_size=8), st.lists(slides, max_size=2), st.booleans())
def test_every_timelinejs_slide_is_accounted_for(events: list[object], eras: list[object], titled: bool) -> None:
    import json

    from chrono.importers.timelinejs import from_timelinejs

    document: dict[str, object] = {"events": events, "eras": eras}
    if titled:
        document["title"] = {"text": {"headline": "T"}}
    result = from_timelinejs(json.dumps(document), ImportOptions(kind="Slide"))
    assert result.read == len(events) + len(eras) + titled
    assert result.read == len(result.events) + len(result.left_out) + len(result.bad)
    _, problems = merge([parse_file("<import>", document_toml(result))])
    assert problems == []


def document_toml(result: Imported) -> str:
    return document(result.events, result.sources, result.actors)

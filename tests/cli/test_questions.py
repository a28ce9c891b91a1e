"""The options for the questions everyone asks: --match start, extra fields, actors and ids by
their words, check --select/--ignore, --fields in tables, D/D shown as D, export --sort/--limit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke

DATA = """\
[[actor]]
id = "hrc"
name = "Hillary Rodham Clinton"

[[actor]]
id = "kji"
name = "Kim Jong Il"

[[event]]
id = "1993-05-01-signed-in-paris"
date = "1993-05-01"
kind = "treaty"
title = "Signed in May 1993"
actors = ["hrc"]
extra = { country = "Côte d'Ivoire", parties = ["Chile", "Perú"], number = 7 }

[[event]]
id = "1993-year"
date = "1993"
kind = "treaty"
title = "Some day in 1993"
actors = ["kji"]
extra = { country = "France" }

[[event]]
id = "decade"
date = "199X"
kind = "visit"
title = "Some time in the 1990s"
extra = { country = "FRANCE" }

[[event]]
id = "across"
date = "1992/1994"
kind = "visit"
title = "From 1992 to 1994"
note = "nothing about countries"

[[event]]
id = "1997-12-11-kyoto-protocol"
date = "1997-12-11/1997-12-11"
kind = "treaty"
title = "Kyoto Protocol"

[[event]]
id = "1998-paris-talks"
date = "1998-03"
kind = "talks"
title = "Talks in Paris"
"""


@pytest.fixture
def data(write_toml: Callable[..., Path]) -> str:
    return str(write_toml(DATA))


def ids(invoke: Invoke, data: str, *args: str) -> list[str]:
    result = invoke(["list", "--data", data, "--format", "ids", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


# --match start -----------------------------------------------------------------------------


def test_match_start_counts_what_began_inside_the_range(invoke: Invoke, data: str) -> None:
    assert ids(invoke, data, "--on", "1993", "--match", "start") == ["1993-year", "1993-05-01-signed-in-paris"]
    assert "decade" in ids(invoke, data, "--on", "1993") and "across" in ids(invoke, data, "--on", "1993")
    assert ids(invoke, data, "--on", "199X", "--match", "start") == ids(
        invoke, data, "--from", "1990", "--match", "start"
    )
    assert ids(invoke, data, "--from", "1993-05", "--to", "1997", "--match", "start") == [
        "1993-05-01-signed-in-paris",
        "1997-12-11-kyoto-protocol",
    ]


def test_match_start_in_stats_timeline_and_export(invoke: Invoke, data: str) -> None:
    stats = invoke(["stats", "--data", data, "--on", "1993", "--match", "start", "--format", "json"])
    assert json.loads(stats.stdout)["events"] == 2
    timeline = invoke(["timeline", "--data", data, "--on", "1993", "--match", "start", "--width", "80"])
    assert timeline.exit_code == 0 and "Signed in May" in timeline.stdout and "1990s" not in timeline.stdout
    export = invoke(["export", "--data", data, "--format", "timelinejs", "--on", "1993", "--match", "start"])
    assert [e["unique_id"] for e in json.loads(export.stdout)["events"]] == ["1993-year", "1993-05-01-signed-in-paris"]


def test_match_start_is_not_answered_from_the_stored_lines(invoke: Invoke, data: str) -> None:
    invoke(["list", "--data", data])  # the cache, whose stored lines answer plain ranges
    piped = invoke(["list", "--data", data, "--on", "1993", "--match", "start"])
    assert [line.split("\t")[1] for line in piped.stdout.splitlines()] == ["1993-year", "1993-05-01-signed-in-paris"]


# extra -------------------------------------------------------------------------------------


def test_fields_extra_key(invoke: Invoke, data: str) -> None:
    result = invoke(["list", "--data", data, "--fields", "id,extra.country,extra.parties,extra.number"])
    lines = result.stdout.splitlines()
    assert lines[0] == "across\t\t\t" or "across\t\t\t" in lines
    assert "1993-05-01-signed-in-paris\tCôte d'Ivoire\tChile; Perú\t7" in lines
    records = json.loads(invoke(["list", "--data", data, "--format", "json", "--fields", "id,extra.country"]).stdout)
    assert {"id": "decade", "extra.country": "FRANCE"} in records
    bad = invoke(["list", "--data", data, "--fields", "id,extra."])
    assert bad.exit_code == 2 and "extra.KEY" in bad.stderr


def test_extra_filter_ignores_case_and_accents_and_matches_list_elements(invoke: Invoke, data: str) -> None:
    assert ids(invoke, data, "--extra", "country=france") == ["decade", "1993-year"]  # 199X comes first
    assert ids(invoke, data, "--extra", "Country=cote d'ivoire") == ["1993-05-01-signed-in-paris"]
    assert ids(invoke, data, "--extra", "parties=peru") == ["1993-05-01-signed-in-paris"]
    assert ids(invoke, data, "--extra", "parties=peru", "--extra", "country=france") == []
    assert ids(invoke, data, "--extra", "number=7") == ["1993-05-01-signed-in-paris"]
    assert ids(invoke, data, "--extra", "country=fran") == []  # the whole value, not a part
    bad = invoke(["list", "--data", data, "--extra", "country"])
    assert bad.exit_code == 2 and "KEY=VALUE" in bad.stderr


def test_stats_by_extra_key(invoke: Invoke, data: str) -> None:
    result = invoke(["stats", "--data", data, "--by", "extra.country", "--format", "json"])
    assert json.loads(result.stdout) == [
        {"key": "(none)", "count": 3},
        {"key": "Côte d'Ivoire", "count": 1},
        {"key": "FRANCE", "count": 1},
        {"key": "France", "count": 1},
    ]
    parties = invoke(["stats", "--data", data, "--by", "extra.parties", "--format", "tsv"])
    assert "Chile\t1" in parties.stdout and "Perú\t1" in parties.stdout
    bad = invoke(["stats", "--data", data, "--by", "nonsense"])
    assert bad.exit_code == 2 and "extra.KEY" in bad.stderr


def test_grep_searches_extra_values(invoke: Invoke, data: str) -> None:
    assert ids(invoke, data, "--grep", "ivoire") == ["1993-05-01-signed-in-paris"]
    assert ids(invoke, data, "--grep", "^Perú$") == ["1993-05-01-signed-in-paris"]


# --actor -----------------------------------------------------------------------------------


def test_actor_words_in_any_order(invoke: Invoke, data: str) -> None:
    assert ids(invoke, data, "--actor", "Hillary Clinton") == ["1993-05-01-signed-in-paris"]
    assert ids(invoke, data, "--actor", "clinton hillary") == ["1993-05-01-signed-in-paris"]
    assert ids(invoke, data, "--actor", "Il Kim") == ["1993-year"]
    assert ids(invoke, data, "--actor", "Bill Clinton") == []  # every word must be there
    assert ids(invoke, data, "--actor", "Clint") == []  # whole words only


# ids by their words ------------------------------------------------------------------------


def test_show_by_whole_words_of_an_id(invoke: Invoke, data: str) -> None:
    result = invoke(["show", "--data", data, "kyoto"])
    assert result.exit_code == 0 and result.stdout.startswith("id: 1997-12-11-kyoto-protocol\n")
    assert invoke(["show", "--data", data, "kyoto protocol"]).exit_code == 0
    assert invoke(["show", "--data", data, "protocol kyoto"]).exit_code == 0  # any order, as --actor
    assert invoke(["show", "--data", data, "kyoto paris"]).exit_code == 1  # every word must be there
    assert invoke(["show", "--data", data, "1997"]).stdout.startswith("id: 1997-12-11-kyoto-protocol\n")  # prefix


def test_more_than_one_candidate_exits_1_naming_them(invoke: Invoke, data: str) -> None:
    result = invoke(["show", "--data", data, "paris"])
    assert result.exit_code == 1
    assert "1993-05-01-signed-in-paris" in result.stderr and "1998-paris-talks" in result.stderr
    between = invoke(["between", "--data", data, "paris", "kyoto"])
    assert between.exit_code == 1 and "1998-paris-talks" in between.stderr


def test_between_takes_words_of_ids(invoke: Invoke, data: str) -> None:
    result = invoke(["between", "--data", data, "kyoto", "talks", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert "1997-12-11-kyoto-protocol" in result.stdout and "1998-paris-talks" in result.stdout


def test_completion_offers_ids_by_their_words(invoke: Invoke, data: str) -> None:
    env = {"_CHRONO_COMPLETE": "bash_complete", "COMP_WORDS": f"chrono show --data {data} kyoto", "COMP_CWORD": "4"}
    result = invoke([], env=env)
    assert "1997-12-11-kyoto-protocol" in result.stdout
    both = invoke([], env={**env, "COMP_WORDS": f"chrono show --data {data} paris"})
    assert "1993-05-01-signed-in-paris" in both.stdout and "1998-paris-talks" in both.stdout


# tables ------------------------------------------------------------------------------------


def test_tables_honour_fields(invoke: Invoke, data: str) -> None:
    result = invoke(
        ["list", "--data", data, "--format", "table", "--color", "never", "--fields", "id,extra.country,actors"]
    )
    header = result.stdout.splitlines()[0].split()
    assert header == ["id", "extra.country", "actors"]
    assert "Hillary Rodham Clinton" in result.stdout and "Côte d'Ivoire" in result.stdout
    assert "Signed in May" not in result.stdout  # the title was not asked for


def test_a_single_day_span_shows_as_one_day(invoke: Invoke, data: str, tmp_path: Path) -> None:
    table = invoke(["list", "--data", data, "--format", "table", "--color", "never", "--grep", "kyoto"])
    assert "1997-12-11" in table.stdout and "→" not in table.stdout
    shown = invoke(["show", "--data", data, "kyoto"])
    assert "date: 1997-12-11\n" in shown.stdout
    markdown = invoke(["export", "--data", data, "--format", "markdown", "--grep", "kyoto"])
    assert "**1997-12-11**" in markdown.stdout and "1997-12-11/1997-12-11" not in markdown.stdout
    html = invoke(["export", "--data", data, "--format", "html", "--grep", "kyoto"])
    assert '<time datetime="1997-12-11">11 December 1997</time></span>' in html.stdout
    assert html.stdout.count("1997-12-11/1997-12-11") == 1  # only as written, in data-edtf
    assert 'data-edtf="1997-12-11/1997-12-11"' in html.stdout
    machine = invoke(["list", "--data", data, "--grep", "kyoto"])
    assert machine.stdout.startswith("1997-12-11/1997-12-11\t")  # machine output keeps the data as written


def test_export_sort_and_limit(invoke: Invoke, data: str) -> None:
    result = invoke(["export", "--data", data, "--format", "timelinejs", "--sort", "title", "--limit", "2"])
    assert [e["unique_id"] for e in json.loads(result.stdout)["events"]] == ["across", "1997-12-11-kyoto-protocol"]
    reverse = invoke(["export", "--data", data, "--format", "timelinejs", "--reverse", "--limit", "1"])
    assert [e["unique_id"] for e in json.loads(reverse.stdout)["events"]] == ["1998-paris-talks"]


# check --select / --ignore -----------------------------------------------------------------

UNSOURCED = "".join(
    f'[[event]]\nid = "e{i}"\ndate = 2001-01-{i + 1:02d}\nkind = "visit"\ntitle = "Event {i}"\n\n' for i in range(25)
)


def test_check_ignore_and_select(invoke: Invoke, write_toml: Callable[..., Path]) -> None:
    path = str(write_toml(UNSOURCED + '[[event]]\nid = "late"\ndate = 2030-01-01\nkind = "visit"\ntitle = "x"\n'))
    every = invoke(["check", path, "--format", "json"])
    codes = {p["code"] for p in json.loads(every.stdout)}
    assert {"no-source", "future-date"} <= codes
    ignored = invoke(["check", path, "--format", "json", "--ignore", "no-source"])
    assert {p["code"] for p in json.loads(ignored.stdout)} == codes - {"no-source"}
    selected = invoke(["check", path, "--format", "json", "--select", "future-date,rare-kind"])
    assert {p["code"] for p in json.loads(selected.stdout)} == codes & {"future-date", "rare-kind"}
    strict = invoke(["check", path, "--strict", "--ignore", ",".join(codes)])
    assert strict.exit_code == 0 and strict.stdout == ""
    assert invoke(["check", path, "--strict", "--ignore", "no-source"]).exit_code == 1


def test_a_long_report_ends_with_counts_per_code(invoke: Invoke, write_toml: Callable[..., Path]) -> None:
    path = str(write_toml(UNSOURCED))
    result = invoke(["check", path])
    assert len(result.stdout.splitlines()) > 20
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("chrono check: 0 errors, ")
    assert lines[-3:] == ["  count  level    code", "     25  warning  no-source", lines[-1]]
    short = invoke(["check", path, "--select", "rare-kind"])
    assert len(short.stderr.splitlines()) == 1  # a short report: the summary alone

"""``chrono import`` on small tables shaped like the public tables a new user brings.

Each test is one shape: US slash dates with two-digit years and words in the end column, dates
with words around them, a Latin-1 file with month names in split columns, a split-column
catalogue with 0/NA and numbers, and the JSON, JSON Lines and YAML record lists.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import tomli as tomllib

from tests.conftest import Invoke

PRESIDENTS = """\
name,party,start,end
Jimmy Carter,Democratic,1/20/77,1/20/81
Ronald Reagan,Republican,1/20/81,1/20/89
Joe Example,Independent,1/15/2018,Still in office
Ann Example,Independent,Aug. 1981,Reagan admin
Bo Example,Independent,2/3/04,
"""


def _write(tmp_path: Path, text: str, name: str = "in.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def _events(invoke: Invoke, args: list[str], fmt: str = "csv") -> tuple[list[dict[str, Any]], str]:
    result = invoke(["import", fmt, *args])
    assert result.exit_code == 0, result.stderr
    return tomllib.loads(result.stdout).get("event", []), result.stderr


def _dates(events: list[dict[str, Any]]) -> dict[str, str]:
    return {event["title"]: str(event["date"]) for event in events}


US_MAP = ["--map", "date=start,end=end,title=name,kind=party"]


def test_us_dates_a_cell_only_one_order_reads_needs_no_option(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "name,party,start\nA,k,1/21/77\nB,k,1/15/2018\nC,k,2/3/04\n")
    result = invoke(["import", "csv", path, "--map", "date=start,title=name,kind=party"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{path}:4:3: error: column 'start': '2/3/04' is ambiguous: it could be 2004-02-03 (mdy), "
        "2004-03-02 (dmy); say which with --date-order mdy|dmy|ymd [import]"
    )
    assert len(lines) == 2  # 1/21/77 and 1/15/2018 were read: only one order makes each a date


def test_us_dates_with_date_order_open_end_and_keep_bad_end(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, PRESIDENTS)
    args = [path, *US_MAP, "--date-order", "mdy", "--open-end", "Still in office"]
    refused = invoke(["import", "csv", *args])
    assert refused.exit_code == 2
    assert "column 'end': 'Reagan admin' is not a date chrono can read" in refused.stderr
    events, stderr = _events(invoke, [*args, "--keep-bad-end"])
    by_title = {event["title"]: event for event in events}
    assert (
        str(by_title["Jimmy Carter"]["date"]) == "1977-01-20" and str(by_title["Jimmy Carter"]["end"]) == "1981-01-20"
    )
    assert by_title["Joe Example"]["date"] == "2018-01-15/.."
    assert by_title["Ann Example"]["date"] == "1981-08" and "end" not in by_title["Ann Example"]
    assert str(by_title["Bo Example"]["date"]) == "2004-02-03"
    assert (
        f"changed {path}:5:4: column 'end': 'Reagan admin' is not a date; kept with no end (--keep-bad-end)" in stderr
    )
    assert "kept with no end" in stderr
    assert stderr.splitlines()[-1] == "chrono: 5 rows read, 5 events written, 0 skipped"


@pytest.mark.parametrize(
    ("pivot", "expected"),
    [
        (None, ["1969-07-20", "2068-01-01"]),
        ("1900", ["1969-07-20", "1968-01-01"]),
        ("1970", ["2069-07-20", "2068-01-01"]),
    ],
)
def test_two_digit_years_follow_posix_and_the_century_pivot(
    invoke: Invoke, tmp_path: Path, pivot: str | None, expected: list[str]
) -> None:
    path = _write(tmp_path, "title,kind,date\nA,k,7/20/69\nB,k,1/1/68\n")
    extra = ["--century-pivot", pivot] if pivot else []
    events, _ = _events(invoke, [path, "--date-order", "mdy", *extra])
    assert [str(event["date"]) for event in sorted(events, key=lambda e: e["title"])] == expected


def test_date_order_dmy_and_dotted_dates(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "title,kind,date\nA,k,03.02.2004\nB,k,2004-02-05\nC,k,31.12.1999\n")
    events, _ = _events(invoke, [path, "--date-order", "dmy"])
    assert _dates(events) == {"A": "2004-02-03", "B": "2004-02-05", "C": "1999-12-31"}  # ISO stays ISO


def test_date_format_with_words_around_and_the_weekday_checked(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'title,kind,date\nA,k,"EOW: Monday, January 3, 1791"\nB,k,"2015-11-24, codename ""pow pow"""\n'
        'C,k,"EOW: Friday, January 3, 1791"\nD,k,"Monday, January 10, 1791"\n',
    )
    formats = ["--date-format", "EOW: %A, %B %d, %Y", "--date-format", "%Y-%m-%d, "]
    result = invoke(["import", "csv", path, *formats, "--skip-bad"])
    assert result.exit_code == 0, result.stderr
    assert _dates(tomllib.loads(result.stdout)["event"]) == {"A": "1791-01-03", "B": "2015-11-24", "D": "1791-01-10"}
    assert "'EOW: Friday, January 3, 1791': 1791-01-03 is a Monday, not a Friday" in result.stderr


def test_a_bad_date_format_is_a_usage_error(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "title,kind,date\nA,k,2001\n")
    result = invoke(["import", "csv", path, "--date-format", "%Q %Y"])
    assert result.exit_code == 2
    assert result.stderr.startswith("chrono: error: --date-format: '%Q %Y': %Q is not a directive")
    result = invoke(["import", "csv", path, "--date-format", "%d %B"])
    assert "has no year" in result.stderr


LATIN1 = "Titre,Année,Mois,Jour\nPrise de la Bastille,1789,Juillet,14\nFête,1790,July,14\nÉté,1791,AUG,0\nFévrier,1848,февраля,NA\nHiver,1849,0,5\n"


def test_a_latin1_file_with_month_names_in_split_columns(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, LATIN1.replace("Juillet", "july").replace("февраля", "Feb."), encoding="latin-1")
    args = [path, "--map", "title=Titre,year=Année,month=Mois,day=Jour", "--kind", "event"]
    refused = invoke(["import", "csv", *args])
    assert refused.exit_code == 2
    assert "not valid UTF-8: byte 0xe9" in refused.stderr and "--encoding latin-1" in refused.stderr
    events, _ = _events(invoke, [*args, "--encoding", "latin-1"])
    assert _dates(events) == {
        "Prise de la Bastille": "1789-07-14",
        "Fête": "1790-07-14",
        "Été": "1791-08",  # day 0: unknown
        "Février": "1848-02",  # NA: unknown
        "Hiver": "1849",  # month 0: unknown, so the day says nothing
    }


def test_russian_month_names_and_a_wrong_encoding_guess(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "title,year,month,day\nA,1848,февраля,24\nB,1848,Sept,1\nC,1848,Brumaire,1\n")
    result = invoke(["import", "csv", path, "--kind", "k", "--skip-bad"])
    assert _dates(tomllib.loads(result.stdout)["event"]) == {"A": "1848-02-24", "B": "1848-09-01"}
    assert "column 'month': 'Brumaire' is neither a number nor a month name" in result.stderr
    garbled = invoke(["import", "csv", path, "--kind", "k", "--encoding", "latin-1"])
    assert garbled.exit_code == 2 and "the file is UTF-8, not latin-1" in garbled.stderr
    unknown = invoke(["import", "csv", path, "--kind", "k", "--encoding", "klingon"])
    assert unknown.exit_code == 2 and unknown.stderr.startswith(
        "chrono: error: --encoding: 'klingon' is not an encoding"
    )
    ascii_only = invoke(["import", "csv", path, "--kind", "k", "--encoding", "ascii"])
    assert ascii_only.exit_code == 2 and "not valid ascii" in ascii_only.stderr and "--encoding" in ascii_only.stderr


VOLCANOES = """\
Volcano Number,Volcano Name,Country,Start Year,Start Month,Start Day,VEI,Latitude,Code
16231,Meru,Tanzania,1910,0,0,2,-3.24,007
16232,Semeru,Indonesia,1967,12,1,NA,-8.108,012
16233,Tambora,Indonesia,1815,4,10,7,-8.25,100
16234,Old One,Nowhere,c. 1948,,,3,1.5,101
16235,Vesuvius,Italy,79,8,NA,5,40.821,102
"""


def test_a_split_column_catalogue_with_templates_numbers_and_prefixed_ids(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, VOLCANOES)
    spec = "id=Volcano Number,title={Volcano Name} eruption,place={Volcano Name}, {Country},year=Start Year,month=Start Month,day=Start Day"
    events, _ = _events(invoke, [path, "--map", spec, "--kind", "eruption", "--id-prefix", "gvp-"])
    by_id = {event["id"]: event for event in events}
    assert set(by_id) == {"gvp-16231", "gvp-16232", "gvp-16233", "gvp-16234", "gvp-16235"}
    assert by_id["gvp-16233"]["title"] == "Tambora eruption" and by_id["gvp-16233"]["place"] == "Tambora, Indonesia"
    assert [str(by_id[f"gvp-1623{n}"]["date"]) for n in range(1, 6)] == [
        "1910",
        "1967-12-01",
        "1815-04-10",
        "1948~",
        "0079-08",
    ]
    assert by_id["gvp-16233"]["extra"] == {"vei": 7, "latitude": -8.25, "code": "100"}
    assert by_id["gvp-16232"]["extra"] == {"latitude": -8.108, "code": "012"}  # NA: no vei; 012 is a code
    assert isinstance(by_id["gvp-16231"]["extra"]["latitude"], float)


def test_a_template_naming_a_missing_column_fails_at_the_start(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, VOLCANOES)
    result = invoke(["import", "csv", path, "--map", "title={Volcano} eruption,year=Start Year", "--kind", "k"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "chrono: error: --map: no column 'Volcano' in the header row (line 1); the columns are: "
    )
    assert len(result.stderr.splitlines()) == 1


def test_a_template_leaves_out_a_missing_cell_and_its_separator(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "title,date,city,state\nA,2001,Paris,\nB,2002,,TX\nC,2003,,\nD,2004,Austin,TX\n")
    events, _ = _events(invoke, [path, "--map", "place={city}, {state}", "--kind", "k"])
    assert {event["title"]: event.get("place") for event in events} == {
        "A": "Paris",
        "B": "TX",
        "C": None,
        "D": "Austin, TX",
    }


def test_numbers_stay_numbers_and_extra_compares_them(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, VOLCANOES)
    spec = "id=Volcano Number,title=Volcano Name,year=Start Year,month=Start Month,day=Start Day"
    out = tmp_path / "volcanoes.toml"
    result = invoke(["import", "csv", path, "--map", spec, "--kind", "eruption", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert re.search(r"\bvei = 7\b", out.read_text(encoding="utf-8"))


JSON = """[
  {"id": "a1", "when": {"start": "1815-04-10", "end": null}, "name": "Tambora", "vei": 7, "tags": ["big", "asia"]},
  {"id": "a2", "when": {"start": "c. 1948"}, "name": "Old One", "vei": 3, "tags": []},
  {"id": "a3", "when": {"start": "soon"}, "name": "Never", "vei": 1},
  "not an object"
]"""


def test_a_json_array_of_objects_with_nested_keys(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, JSON, "in.json")
    args = [path, "--map", "date=when.start,end=when.end,title={name} eruption", "--kind", "eruption"]
    refused = invoke(["import", "json", *args])
    assert refused.exit_code == 2
    assert f"{path}:1:1: error: item 3: column 'when.start': 'soon' is not a date" in refused.stderr
    assert f"{path}:1:1: error: item 4: not an object [import]" in refused.stderr
    events, stderr = _events(invoke, [*args, "--skip-bad"], "json")
    by_id = {event["id"]: event for event in events}
    assert str(by_id["a1"]["date"]) == "1815-04-10" and by_id["a1"]["title"] == "Tambora eruption"
    assert by_id["a1"]["tags"] == ["big", "asia"] and by_id["a1"]["extra"] == {"vei": 7}
    assert by_id["a2"]["date"] == "1948~"
    assert stderr.splitlines()[-1] == "chrono: 4 items read, 2 events written, 2 skipped"


def test_json_lines_name_their_line(invoke: Invoke, tmp_path: Path) -> None:
    text = '{"date": "2001", "title": "A"}\n\n{"date": "2002", "title": "B", "meta": {"score": 1.5}}\nnot json\n'
    path = _write(tmp_path, text, "in.jsonl")
    result = invoke(["import", "jsonl", path, "--kind", "k", "--skip-bad"])
    assert result.exit_code == 0, result.stderr
    events = tomllib.loads(result.stdout)["event"]
    assert [event["title"] for event in events] == ["A", "B"] and events[1]["extra"] == {"meta_score": 1.5}
    assert f"skipped {path}:4:1: not a JSON object" in result.stderr
    assert result.stderr.splitlines()[-1] == "chrono: 3 rows read, 2 events written, 1 skipped"


def test_a_yaml_file_reads_as_the_json_one(invoke: Invoke, tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    text = "- id: a1\n  when: {start: 1815-04-10}\n  name: Tambora\n  vei: 7\n- id: a2\n  when:\n    start: c. 1948\n  name: Old One\n  vei: 3\n"
    path = _write(tmp_path, text, "in.yaml")
    events, _ = _events(invoke, [path, "--map", "date=when.start,title={name} eruption", "--kind", "e"], "yaml")
    assert _dates(events) == {"Tambora eruption": "1815-04-10", "Old One eruption": "1948~"}
    assert events[0]["extra"] == {"vei": 7}
    bad = invoke(["import", "yaml", _write(tmp_path, "a: [1\n", "bad.yaml"), "--kind", "k"])
    assert bad.exit_code == 2 and bad.stderr.startswith(
        "chrono: error: not YAML: line 2, column 1: expected ',' or ']'"
    )


def test_no_event_at_all_is_an_error_even_with_skip_bad(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "title,kind,date\nA,k,soon\nB,k,later\n")
    out = tmp_path / "out.toml"
    result = invoke(["import", "csv", path, "--skip-bad", "-o", str(out)])
    assert result.exit_code == 2 and not out.exists() and result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "chrono: 2 rows read, 0 events written, 2 skipped: no row became an event, so nothing is written"
    )
    empty = invoke(["import", "csv", _write(tmp_path, "title,kind,date\n", "empty.csv")])
    assert empty.exit_code == 2 and "no row became an event" in empty.stderr


@pytest.mark.parametrize(("limit", "code"), [("1", 2), ("2", 0), ("25%", 2), ("50%", 0)])
def test_max_skipped_limits_what_skip_bad_skips(invoke: Invoke, tmp_path: Path, limit: str, code: int) -> None:
    path = _write(tmp_path, "title,kind,date\nA,k,soon\nB,k,later\nC,k,2001\nD,k,2002\n")
    result = invoke(["import", "csv", path, "--skip-bad", "--max-skipped", limit])
    assert result.exit_code == code, result.stderr
    if code:
        assert result.stdout == "" and f"is more than --max-skipped {limit} allows" in result.stderr


def test_max_skipped_needs_skip_bad_and_a_count(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "title,kind,date\nC,k,2001\n")
    assert "give --skip-bad too" in invoke(["import", "csv", path, "--max-skipped", "3"]).stderr
    assert "is not a count" in invoke(["import", "csv", path, "--skip-bad", "--max-skipped", "lots"]).stderr


def test_a_column_mixing_month_first_and_day_first_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "title,kind,date\nA,k,1/21/77\nB,k,21/1/77\nC,k,1/1/77\n")
    result = invoke(["import", "csv", path])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "chrono: error: column 'date' mixes numeric date orders: '1/21/77' (mdy, line 2), '21/1/77' (dmy, line 3); "
        "say which with --date-order mdy|dmy|ymd\n"
    )
    events, _ = _events(invoke, [path, "--date-order", "dmy", "--skip-bad"])
    assert _dates(events) == {"B": "1977-01-21", "C": "1977-01-01"}


def test_a_split_year_column_reads_written_years_and_refuses_words(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "title,kind,year,month\nA,k,circa 1990,\nB,k,1970s,\nC,k,c. 1948,\nD,k,c. 1948,5\n")
    result = invoke(["import", "csv", path, "--skip-bad"])
    assert _dates(tomllib.loads(result.stdout)["event"]) == {"A": "1990~", "B": "197X", "C": "1948~"}
    assert "column 'year': 'c. 1948' is not a year: a year column holds a number" in result.stderr  # D has a month


def test_a_split_year_column_reads_years_before_one(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, "title,kind,year,month,day\nCaesar,k,44 BC,,\nIdes,k,-43,3,15\nAD,k,1999,2,0\n")
    events, _ = _events(invoke, [path])
    assert _dates(events) == {"Caesar": "-0043", "Ides": "-0043-03-15", "AD": "1999-02"}

"""``chrono import csv`` on small tables of our own: each option and each error, one at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli as tomllib

from chrono.loading.dataset import load
from tests.conftest import Invoke


def _csv(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _imported(invoke: Invoke, args: list[str]) -> tuple[list[dict[str, Any]], str]:
    """Run the import; return its event tables (as TOML reads them) and its stderr."""
    result = invoke(["import", "csv", *args])
    assert result.exit_code == 0, result.stderr
    return tomllib.loads(result.stdout).get("event", []), result.stderr


def _by_title(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {event["title"]: event for event in events}


def test_default_nulls_are_missing_in_every_column(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Date,End,Title,Kind,Place,Comment\n2001-01-01,NA,A,k,#N/A,n/a\n2002-01-01,,B,k,NULL,kept\n",
    )
    events, _ = _imported(invoke, [str(path), "--map", "date=Date,end=End,title=Title,kind=Kind,place=Place"])
    a, b = _by_title(events)["A"], _by_title(events)["B"]
    assert "end" not in a and "place" not in a and "extra" not in a  # NA, #N/A, n/a: missing
    assert "place" not in b and b["extra"] == {"comment": "kept"}


def test_null_option_replaces_the_default_set(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(tmp_path, "date,title,kind,Country\n2001,A,k,NA\n2002,B,k,-\n")
    events, _ = _imported(invoke, [str(path), "--null", "-"])
    by_title = _by_title(events)
    assert by_title["A"]["extra"] == {"country": "NA"}  # Namibia, once NA is no longer a null
    assert "extra" not in by_title["B"]


def test_open_end_values_and_dotdot_mean_ongoing(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "date,end,title,kind\n1990-05-01,9999-12-31,A,k\n1991,..,B,k\n1992,9999-12-01,C,k\n",
    )
    events, stderr = _imported(invoke, [str(path), "--open-end", "9999-12-31", "--open-end", "9999-12-01"])
    assert [event["date"] for event in events] == ["1990-05-01/..", "1991/..", "1992/.."]
    assert all("end" not in event for event in events)
    assert "--open-end" not in stderr  # no hint once they are handled
    events, stderr = _imported(invoke, [str(path)])
    assert _by_title(events)["A"]["end"].isoformat() == "9999-12-31"
    assert "1 event end on 9999-12-31, after the year 2200; if that means 'still ongoing', import with " \
        "--open-end 9999-12-31" in stderr  # fmt: skip


def test_zero_month_and_day_keep_the_precision_and_all_zero_is_missing(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(tmp_path, "Date,Year,title,kind\n1993-00-00,,A,k\n1993-06-00,,B,k\n0000-00-00,1826,C,k\n")
    events, _ = _imported(invoke, [str(path), "--map", "date=Date|Year"])
    assert {event["title"]: event["date"] for event in events} == {"A": "1993", "B": "1993-06", "C": "1826"}
    alone = invoke(["import", "csv", str(path), "--map", "date=Date"])
    assert alone.exit_code == 2
    assert f"{path}:4:1: error: column 'Date': no date ('0000-00-00') [import]" in alone.stderr


def test_written_approximations_in_cells(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        'date,title,kind\n"c. 1948",A,k\nca. 1948,B,k\ncirca 1948,C,k\n1970s,D,k\n19th century,E,k\n',
    )
    events, _ = _imported(invoke, [str(path)])
    assert [event["date"] for event in events] == ["1948~", "1948~", "1948~", "197X", "18XX"]


def test_split_date_columns(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Y,M,D,EY,EM,ED,Name,Type\n"
        "1815,12,10,1852,11,27,Lovelace,person\n"
        "1943,7,,1946,,,ENIAC,project\n"
        "1951,0,0,,,,Peter,paper\n"
        "1952.0,,,,,,Hopper,paper\n"
        "-3500,,,,,,Writing,invention\n",
    )
    spec = "year=Y,month=M,day=D,end_year=EY,end_month=EM,end_day=ED,title=Name,kind=Type"
    events, stderr = _imported(invoke, [str(path), "--map", spec])
    dates = {event["title"]: (str(event["date"]), str(event.get("end", ""))) for event in events}
    assert dates == {
        "Lovelace": ("1815-12-10", "1852-11-27"),
        "ENIAC": ("1943-07", "1946"),
        "Peter": ("1951", ""),
        "Hopper": ("1952", ""),
        "Writing": ("-3500", ""),  # years before 1, as the date model holds them
    }
    assert stderr.rstrip().endswith("5 rows read, 5 events written, 0 skipped")


def test_split_columns_errors_name_the_column(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(tmp_path, "title,kind,Year,Month\nA,k,1999,13\nB,k,soon,\nC,k,,\n")
    result = invoke(["import", "csv", str(path), "--map", "year=Year,month=Month"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}:2:4: error: column 'Month': '1999-13' is not a valid date: month 13 is out of range 01-12 [import]"  # fmt: skip
    assert lines[1] == f"{path}:3:3: error: column 'Year': 'soon' is not a year: a year column holds a number, or a written year ('c. 1948', '1970s') when month and day are empty [import]"  # fmt: skip
    assert lines[2] == f"{path}:4:3: error: column 'Year': no year (the cell is empty or a null value) [import]"


def test_timelinejs_template_is_recognised_without_map(invoke: Invoke, tmp_path: Path) -> None:
    header = (
        "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
        "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
    )
    path = _csv(
        tmp_path,
        header + ",,,,,,,,,My timeline,<p>intro</p>,,,,,title,,\n"
        '1815,12,10,,1852,11,27,,,Ada <b>Lovelace</b>,"<p>One.</p><p>Two<br>lines.</p>",http://x/a.jpg,'
        "Wikimedia,<a href='http://y'>Portrait</a>,,,People,\n"
        "1939,,,,1945,,,,,War,,,,,,era,,\n"
        ",,,,,,,,,,,,,,,,,\n"
        '1958,,,,,,,,,,"<p>The first PhD in computer science, awarded to a woman</p>",,,,,,,\n',
    )
    result = invoke(["import", "csv", str(path)])
    assert result.exit_code == 0, result.stderr
    events = _by_title(tomllib.loads(result.stdout)["event"])
    ada = events["Ada Lovelace"]
    assert (str(ada["date"]), str(ada["end"]), ada["kind"]) == ("1815-12-10", "1852-11-27", "people")
    assert ada["summary"] == "One.\n\nTwo\nlines."  # paragraphs and line breaks kept
    assert ada["extra"] == {
        "media": "http://x/a.jpg",
        "media_credit": "Wikimedia",
        "media_caption": "<a href='http://y'>Portrait</a>",
    }
    assert (events["War"]["kind"], events["War"]["date"], events["War"]["end"]) == ("era", "1939", "1945")
    assert "The first PhD in computer science, awarded to …" in events  # no headline: first words
    assert f"left out {path}:2:1: the title slide 'My timeline'" in result.stderr
    assert result.stderr.rstrip().endswith("4 rows read, 3 events written, 1 left out, 0 skipped")


def test_fallback_columns_take_the_first_non_empty(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(tmp_path, "date,Headline,Name,kind\n2001,H,N,k\n2002,,N2,k\n2003,NA,N3,k\n2004,,,k\n")
    result = invoke(["import", "csv", str(path), "--map", "title=Headline|Name", "--skip-bad"])
    assert result.exit_code == 0
    assert [e["title"] for e in tomllib.loads(result.stdout)["event"]] == ["H", "N2", "N3"]
    assert f"skipped {path}:5:2: column 'Headline': no title (the cell is empty or a null value)" in result.stderr


def test_id_column_is_normalised_and_reported(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "id,date,title,kind,related\nTreaty 2000,2000,A,k,\nok-id,2001,B,k,Treaty 2000\n!!!,2002,C,k,\n",
    )
    events, stderr = _imported(invoke, [str(path)])
    ids = {event["title"]: event["id"] for event in events}
    assert ids == {"A": "treaty-2000", "B": "ok-id", "C": "2002-c"}
    assert _by_title(events)["B"]["related"] == ["treaty-2000"]  # references follow the ids
    assert f"changed {path}:2:1: id 'Treaty 2000' written as 'treaty-2000'" in stderr
    assert f"changed {path}:4:1: id '!!!' has no letters or digits; generated one" in stderr
    assert "'ok-id'" not in stderr  # unchanged ids are not reported


def test_ids_that_become_equal_are_an_error(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(tmp_path, "id,date,title,kind\nA B,2000,A,k\na-b,2001,B,k\n")
    result = invoke(["import", "csv", str(path)])
    assert result.exit_code == 2
    assert f"{path}:3:1: error: id 'a-b' is already the id of line 2 [import]" in result.stderr


def test_generated_ids_are_short_stable_unique_and_prefixed(invoke: Invoke, tmp_path: Path) -> None:
    long_title = "Agreement Between The Government Of The United States And The Government Of Somewhere"
    rows = "".join(f"2001-08-04,{long_title} {n},k\n" for n in range(3)) + f"2001-08-04,{long_title} 0,k\n"
    path = _csv(tmp_path, "date,title,kind\n" + rows)
    first, _ = _imported(invoke, [str(path), "--id-prefix", "US Treaties"])
    second, _ = _imported(invoke, [str(path), "--id-prefix", "US Treaties"])
    ids = [event["id"] for event in first]
    assert ids == [event["id"] for event in second]  # stable
    assert len(set(ids)) == 4 and all(len(ident) <= 48 for ident in ids)
    assert all(ident.startswith("us-treaties-2001-08-04-agreement") for ident in ids)
    bad = invoke(["import", "csv", str(path), "--id-prefix", "--"])
    assert bad.exit_code == 2 and "--id-prefix" in bad.stderr


def test_end_equal_to_date_is_dropped(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(tmp_path, "date,end,title,kind\n2019-04-25,2019-04-25,A,k\n2019-04-25/2019-04-25,,B,k\n")
    events, _ = _imported(invoke, [str(path)])
    assert all(str(event["date"]) == "2019-04-25" and "end" not in event for event in events)


def test_source_is_cited_on_every_row(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(tmp_path, "date,title,kind,sources\n2001,A,k,\n2002,B,k,other\n")
    args = ["--source", "huggo", "--source-title", "HUGGO", "--source-url", "https://example.org/h"]
    result = invoke(["import", "csv", str(path), *args, "--source-publisher", "manytreaties"])
    assert result.exit_code == 0, result.stderr
    document = tomllib.loads(result.stdout)
    assert document["source"][0] == {
        "id": "huggo",
        "title": "HUGGO",
        "publisher": "manytreaties",
        "url": "https://example.org/h",
    }
    assert [event["sources"] for event in document["event"]] == [["huggo"], ["other", "huggo"]]
    out = tmp_path / "out.toml"
    out.write_text(result.stdout, encoding="utf-8")
    check = invoke(["check", str(out)])
    assert check.exit_code == 0 and "no-source" not in check.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source-title", "T"], "--source-title describes the --source ID; give --source too"),
        (["--source", "Bad Id", "--source-title", "T"], "--source: 'Bad Id' is not an id"),
        (["--source", "s"], "--source: give the source a title with --source-title"),
    ],
)
def test_source_usage_errors(invoke: Invoke, tmp_path: Path, args: list[str], message: str) -> None:
    path = _csv(tmp_path, "date,title,kind\n2001,A,k\n")
    result = invoke(["import", "csv", str(path), *args])
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_errors_name_row_column_value_and_reason_without_foreign_hints(invoke: Invoke, tmp_path: Path) -> None:
    rows = "".join(f"Treaty {n},1976-01-01,1976-06-31\n" for n in range(25))
    path = _csv(tmp_path, "Title,Begin,End\nOne,1976-01-01,soon\n" + rows, "HUGGO_small.csv")
    result = invoke(["import", "csv", str(path), "--map", "date=Begin,end=End,title=Title", "--kind", "treaty"])
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:2:3: error: column 'End': 'soon' is not a date chrono can read: write YYYY")
    assert lines[1] == (
        f"{path}:3:3: error: column 'End': '1976-06-31' is not a valid date: day 31 is out of range for June [import]"
    )
    assert lines[-2:] == [
        "... and 6 more rows that cannot be read",
        "chrono: 26 rows read, nothing written: 26 rows cannot be read (--skip-bad skips them and writes the rest)",
    ]
    assert "yesterday" not in result.stderr and "chrono check" not in result.stderr


def test_skip_bad_reports_each_row_and_sums_up(invoke: Invoke, tmp_path: Path) -> None:
    path = _csv(tmp_path, "date,end,title,kind\n2001,2000,A,k\n2002,,B,\n2003,,C,k\n")
    result = invoke(["import", "csv", str(path), "--skip-bad"])
    assert result.exit_code == 0
    assert f"skipped {path}:2:2: column 'end': '2001/2000' is not a valid date: the end 2000 is before" in result.stderr
    assert "1 row without a kind got kind 'event' (--kind KIND gives them another)" in result.stderr
    assert result.stderr.splitlines()[-1] == "chrono: 3 rows read, 2 events written, 1 skipped"
    given = invoke(["import", "csv", str(path), "--skip-bad", "--kind", "other"])
    assert "without a kind" not in given.stderr  # the hint applies only when --kind was not given
    assert [e["kind"] for e in tomllib.loads(given.stdout)["event"]] == ["other", "k"]


def test_check_warns_about_dates_after_2200(invoke: Invoke, write_toml: Any) -> None:
    path = write_toml(
        '[[event]]\nid = "a"\ndate = 1990-01-01\nend = 9999-12-31\nkind = "k"\ntitle = "A"\nsources = ["s"]\n'
        '[[event]]\nid = "b"\ndate = "2699"\nkind = "k"\ntitle = "B"\nsources = ["s"]\n'
        '[[event]]\nid = "c"\ndate = 2200-12-31\nkind = "k"\ntitle = "C"\nsources = ["s"]\n'
        '[[source]]\nid = "s"\ntitle = "S"\n'
    )
    result = invoke(["check", str(path), "--today", "3000-01-01"])
    far = [line for line in result.stdout.splitlines() if "[far-future]" in line]
    assert far == [
        f"{path}:4:7: warning: event 'a': end 9999-12-31 is after the year 2200; if it means 'still ongoing', "
        "write the date as '1990-01-01/..' [far-future]",
        f"{path}:10:8: warning: event 'b': date 2699 is after the year 2200; a placeholder? [far-future]",
    ]


def test_date_arguments_accept_circa(invoke: Invoke, write_toml: Any) -> None:
    path = write_toml(
        '[[event]]\nid = "a"\ndate = 1948-05-01\nkind = "k"\ntitle = "A"\n'
        '[[event]]\nid = "b"\ndate = 1975-01-01\nkind = "k"\ntitle = "B"\n'
    )
    on = invoke(["list", "--data", str(path), "--on", "c. 1948", "--format", "ids"])
    assert on.exit_code == 0 and on.stdout == "a\n"
    decade = invoke(["list", "--data", str(path), "--on", "1970s", "--format", "ids"])
    assert decade.stdout == "b\n"
    assert load([str(path)]).events[0].id == "a"


def test_a_kind_rewritten_to_chronos_form_is_reported_once(invoke: Invoke, tmp_path: Path) -> None:
    rows = tmp_path / "k.csv"
    rows.write_text("date,title,kind\n2001,A,Bad Kind\n2002,B,Bad Kind\n2003,C,!!!\n2004,D,visit\n", encoding="utf-8")
    result = invoke(["import", "csv", str(rows)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("kind 'Bad Kind' written as 'bad-kind'") == 1
    assert "kind '!!!' written as 'event'" in result.stderr
    assert "kind 'visit'" not in result.stderr


def test_a_kind_from_the_option_is_reported_as_the_options_and_case_is_not_a_new_kind(
    invoke: Invoke, tmp_path: Path
) -> None:
    rows = tmp_path / "k.csv"
    rows.write_text("date,title,kind\n2001,A,Official Visit\n2002,B,official visit\n2003,C,\n", encoding="utf-8")
    result = invoke(["import", "csv", str(rows), "--kind", "Foo Bar"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("written as 'official-visit'") == 1
    assert f"{rows}: --kind: kind 'Foo Bar' written as 'foo-bar'" in result.stderr

"""chrono list in-process: formats parsed back, the output contract, safety and errors."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from chrono.escape import tsv_unescape
from tests.conftest import FIXTURES, Invoke

SAMPLE = str(FIXTURES / "sample.toml")
HOSTILE = str(FIXTURES / "hostile.toml")
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_piped_default_is_tsv_without_header(invoke: Invoke) -> None:
    result = invoke(["list", "--data", SAMPLE, "--to", "2001"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "2000-02-09\ttreaty-2000\ttreaty\tFriendship treaty signed",
        "2000-07-19\tjoint-declaration\tdocument\tJoint Declaration",
        "2001-08-04\tmoscow-declaration\tdocument\tMoscow Declaration",
        "2001-08-04/2001-08-05\tmoscow-visit\tvisit\tOfficial visit to Moscow",
    ]
    assert result.stderr == ""


def test_header_and_fields(invoke: Invoke) -> None:
    result = invoke(["list", "--data", SAMPLE, "--on", "2002", "--header", "--fields", "id,precision,start,end,actors"])
    assert result.stdout.splitlines() == [
        "id\tprecision\tstart\tend\tactors",
        "visit-2002\tyear\t2002-01-01\t2002-12-31\tChairman Kim Jong Il",
    ]


def test_unknown_field_lists_the_valid_ones(invoke: Invoke) -> None:
    result = invoke(["list", "--data", SAMPLE, "--fields", "date,nope"])
    assert result.exit_code == 2
    assert "--fields: unknown field nope; valid fields: id, date, start" in result.stderr
    assert result.stdout == ""


def test_tsv_fields_unescape_to_the_original_text(invoke: Invoke) -> None:
    result = invoke(["list", "--data", HOSTILE, "--fields", "id,title,summary,note,place"])
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # one event per line whatever the text holds
    assert not RAW_CONTROL.search(result.stdout)
    fields = {line.split("\t")[0]: line.split("\t") for line in lines}
    assert tsv_unescape(fields["escapes"][2]) == "line one\nline two\r\nback\\slash"
    assert tsv_unescape(fields["escapes"][1]).startswith("csi \x1b[31mred")
    assert tsv_unescape(fields["markup"][4]) == "Tab\there"


def test_csv_parses_back_with_a_header(invoke: Invoke) -> None:
    result = invoke(["list", "--data", SAMPLE, "--format", "csv", "--fields", "id,title,summary,tags"])
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[0] == ["id", "title", "summary", "tags"]
    joint = next(row for row in rows if row[0] == "joint-declaration")
    assert joint[2] == "Signed after talks.\nSecond line." and joint[3] == "declaration; treaty"
    assert result.stdout_bytes.endswith(b"\r\n")  # RFC 4180 line ends (stdout normalises them)


def test_json_is_lossless_and_complete(invoke: Invoke) -> None:
    result = invoke(["list", "--data", SAMPLE, "--format", "json"])
    records = json.loads(result.stdout)
    assert list(records[0]) == ["id", "date", "start", "end", "time", "precision", "uncertain", "approximate", "kind",
                                "title", "place", "actors", "tags", "summary", "note", "sources", "related", "extra",
                                "written"]  # fmt: skip
    by_id = {r["id"]: r for r in records}
    assert by_id["visit-2002"]["date"] == "2002" and by_id["visit-2002"]["precision"] == "year"
    assert by_id["ongoing"]["date"] == "2024-12/.." and by_id["ongoing"]["end"] is None
    assert by_id["decade-201x"]["approximate"] is True and by_id["decade-201x"]["start"] == "2010-01-01"
    assert by_id["moscow-visit"]["actors"] == ["Kim Jong Il", "Vladimir Putin"]
    assert by_id["moscow-declaration"]["extra"] == {"confidence": "high", "pages": 3}


def test_json_of_hostile_text_is_safe_and_lossless(invoke: Invoke) -> None:
    result = invoke(["list", "--data", HOSTILE, "--format", "json"])
    assert not RAW_CONTROL.search(result.stdout)
    title = {r["id"]: r for r in json.loads(result.stdout)}["escapes"]["title"]
    assert "\x1b]0;pwned\x07" in title and "\u202e" in title and "\x9b" in title


def test_jsonl_and_ids(invoke: Invoke) -> None:
    jsonl = invoke(["list", "--data", SAMPLE, "--format", "jsonl", "--fields", "id,date"]).stdout.splitlines()
    assert [json.loads(line) for line in jsonl][:1] == [{"id": "treaty-2000", "date": "2000-02-09"}]
    ids = invoke(["list", "--data", SAMPLE, "--format", "ids", "--kind", "visit"]).stdout
    assert ids == "moscow-visit\nvisit-2002\n"
    assert invoke(["list", "--data", SAMPLE, "--format", "json", "--kind", "none"]).stdout == "[]\n"


def test_nothing_matched_is_success(invoke: Invoke) -> None:
    result = invoke(["list", "--data", SAMPLE, "--kind", "nothing"])
    assert (result.exit_code, result.stdout) == (0, "")


def test_table_on_a_terminal_with_count_on_stderr(invoke: Invoke) -> None:
    result = invoke(["list", "--data", SAMPLE, "--to", "2001"], tty=True, width=80)
    assert "Friendship treaty signed" in result.stdout and "Date" in result.stdout
    assert "\x1b[" in result.stdout  # colour on a terminal
    assert result.stderr == "4 events\n"


def test_table_keeps_dates_whole_on_one_line_and_ids_findable_at_narrow_width(invoke: Invoke) -> None:
    result = invoke(["list", "--data", SAMPLE, "--format", "table"], width=60)
    for token in ("2001-08-04 → 08-05", "moscow-declaration", "201X~", "2024-12 → ongoing"):
        assert token in result.stdout
    assert all(len(line) <= 60 for line in result.stdout.splitlines())
    bundled = invoke(["list", "--from", "2000", "--format", "table"], width=80)
    shown = [line.split()[0] for line in bundled.stdout.splitlines()[3::2]]  # the ids, under the dates
    for ident in shown:
        found = invoke(["show", ident])
        assert found.exit_code == 0 and found.stdout.startswith("id: "), ident
    assert any("…" in ident for ident in shown)


def test_markup_prints_literally_and_escapes_are_visible(invoke: Invoke) -> None:
    result = invoke(["list", "--data", HOSTILE, "--format", "table", "--color", "always"], width=200)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # strip chrono's own colour codes
    assert "[bold red]not markup[/bold red]" in plain
    assert "[link=http://x]no link[/link]" in plain
    assert "\\x1b[31mred" in plain and "\\x1b]0;pwned\\x07" in plain and "\\u202e" in plain and "\\x9b" in plain
    assert RAW_CONTROL.sub("", plain.replace("\x1b", "")) == plain.replace("\x1b", "")  # only colour ESCs
    assert "\x07" not in result.stdout and "\x9b" not in result.stdout and "\u202e" not in result.stdout


@pytest.mark.parametrize(
    ("args", "env", "tty", "coloured"),
    [
        ([], {}, True, True),
        ([], {"NO_COLOR": "1"}, True, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True, True),
        (["--color", "never"], {}, True, False),
        (["--format", "table"], {}, False, False),
        (["--format", "table"], {"FORCE_COLOR": "1"}, False, True),
    ],
)
def test_color_decision(invoke: Invoke, args: list[str], env: dict[str, str], tty: bool, coloured: bool) -> None:
    result = invoke(["list", "--data", SAMPLE, *args], env=env, tty=tty)
    assert ("\x1b[" in result.stdout) == coloured


def test_today_option_and_environment(invoke: Invoke) -> None:
    by_option = invoke(["list", "--data", SAMPLE, "--from", "last year", "--today", "2020-06-01", "--format", "ids"])
    by_env = invoke(
        ["list", "--data", SAMPLE, "--from", "last year", "--format", "ids"], env={"CHRONO_TODAY": "2020-06-01"}
    )
    assert by_option.stdout == by_env.stdout == "decade-201x\nsummit-2019\nongoing\n"
    assert invoke(["list", "--data", SAMPLE, "--today", "2020"]).exit_code == 2


def test_data_from_environment_and_stdin(invoke: Invoke) -> None:
    body = '[[event]]\nid = "piped"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\n'
    assert invoke(["list", "--data", "-", "--format", "ids"], input=body).stdout == "piped\n"
    assert (
        invoke(["list", "--format", "ids", "--kind", "visit"], env={"CHRONO_DATA": SAMPLE}).stdout
        == "moscow-visit\nvisit-2002\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "20O0"], "--from: '20O0' is not a valid date: accepted: YYYY"),
        (["--from", "2001-13"], "--from: '2001-13' is not a valid date: month 13"),
        (["--to", "May 16"], "--to: 'May 16' has no 4-digit year"),
        (["--on", "01/10/2019"], "--on: '01/10/2019' is ambiguous"),
        (["--grep", "("], "--grep: invalid regular expression"),
        (["--data", "/nonexistent.toml"], "cannot read '/nonexistent.toml': no such file"),
        (["--from", "2005", "--to", "2001"], "range is empty"),
        (["--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(["list", "--data", SAMPLE, *args] if "--data" not in args else ["list", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) <= 4  # click usage errors: usage, hint, blank, error


def test_bad_data_file_reports_file_line_and_exit_2(invoke: Invoke, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.toml"
    path.write_text('[[event]]\nid = "a"\ndate = "2001-13"\nkind = "k"\ntitle = "t"\n')
    result = invoke(["list", "--data", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:3:8: error: event 'a': date: '2001-13'")


def test_help_has_examples_and_version(invoke: Invoke) -> None:
    assert "chrono list --from 2000" in invoke(["list", "--help"]).stdout
    top = invoke(["--help"])
    assert "list" in top.stdout and "Exit codes" in top.stdout
    assert re.fullmatch(r"chrono \d+\.\d+\.\d+\n", invoke(["--version"]).stdout)


def test_internal_error_is_short_with_exit_3(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import chrono.questions.query

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(chrono.questions.query, "predicate", boom)
    result = invoke(["list", "--data", SAMPLE, "--kind", "treaty"])
    assert result.exit_code == 3
    assert result.stderr == "chrono: internal error: RuntimeError: boom (set CHRONO_DEBUG=1 for a traceback)\n"
    debug = invoke(["list", "--data", SAMPLE, "--kind", "treaty"], env={"CHRONO_DEBUG": "1"})
    assert "Traceback" in debug.stderr


def test_bundled_list_from_2000_shows_the_press_release_events(invoke: Invoke) -> None:
    lines = invoke(["list", "--from", "2000"]).stdout.splitlines()
    by_id = {line.split("\t")[1]: line.split("\t") for line in lines}
    expected = {
        "friendship-treaty-2000": "2000-02-09",
        "joint-declaration-2000": "2000-07-19",
        "moscow-declaration": "2001-08-04",
        "moscow-visit-2001": "2001-08-04/2001-08-05",
        "far-east-tour-2002": "2002-08-20/2002-08-24?",
        "kim-jong-il-visit-2011": "2011-08-20",
        "vladivostok-summit-2019": "2019-04-25",
        "partnership-treaty-2024": "2024-06-19?",
        "beijing-talks-2025": "2025-09-03",
    }
    for ident, date in expected.items():
        assert by_id[ident][0] == date
    assert all(line.split("\t")[0] >= "2000" for line in lines)

"""Exports parsed back, imports round-tripped, the US visits chronology, and chrono add."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from chrono.loading.dataset import load
from tests.conftest import CORPUS, FIXTURES, REPO, Invoke

SAMPLE = FIXTURES / "sample.toml"
WriteToml = Callable[..., Path]


def test_ics_parses_back_with_icalendar(invoke: Invoke) -> None:
    icalendar = pytest.importorskip("icalendar")
    result = invoke(["export", "--format", "ics", "--data", str(SAMPLE), "--today", "2026-01-15"])
    assert result.exit_code == 0
    calendar = icalendar.Calendar.from_ical(result.stdout)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "treaty-2000@chrono",
        "joint-declaration@chrono",
        "moscow-visit@chrono",
        "moscow-declaration@chrono",
    }
    visit = events["moscow-visit@chrono"]
    assert visit.decoded("dtstart") == dt.date(2001, 8, 4) and visit.decoded("dtend") == dt.date(
        2001, 8, 6
    )  # exclusive
    assert str(visit["summary"]) == "Official visit to Moscow" and str(visit["location"]) == "Moscow"
    joint = events["joint-declaration@chrono"]
    assert "A press release, A consulate, https://example.org/press" in str(joint["description"])
    assert "rrule" not in joint
    assert result.stderr == (
        "chrono: left out 4 events not known to the day or outside years 1-9999 (an ICS date is a day of a four-digit year)\n"
    )  # 2002, 2019-04, 201X~, ongoing
    yearly = icalendar.Calendar.from_ical(
        invoke(["export", "--format", "ics", "--data", str(SAMPLE), "--yearly"]).stdout
    )
    assert all(dict(e["rrule"]) == {"FREQ": ["YEARLY"]} for e in yearly.walk("VEVENT"))


def test_markdown_structure(invoke: Invoke) -> None:
    text = invoke(["export", "--format", "markdown", "--data", str(SAMPLE), "--title", "Sample"]).stdout
    lines = text.splitlines()
    assert lines[0] == "# Sample"
    assert [line for line in lines if line.startswith("## ")] == [
        "## 2000",
        "## 2001",
        "## 2002",
        "## 2010",
        "## 2019",
        "## 2024",
    ]
    assert "- **2002** · *visit* · Visit in 2002" in lines  # a year stays a year
    assert "- **201X~** · *talks* · Talks some time in the 2010s" in lines
    references = set(re.findall(r"\[\^([a-z0-9-]+)\](?!:)", text))
    definitions = set(re.findall(r"^\[\^([a-z0-9-]+)\]:", text, re.MULTILINE))
    assert references == definitions == {"press"}
    assert "[^press]: A press release, A consulate, 2022-08-05. <https://example.org/press>" in lines


def test_markdown_escapes_markup(invoke: Invoke) -> None:
    text = invoke(["export", "--format", "markdown", "--data", str(FIXTURES / "hostile.toml")]).stdout
    assert "\\[bold red\\]not markup\\[/bold red\\]" in text and "\x1b" not in text


def test_timelinejs_structure_and_lossless_round_trip(invoke: Invoke, tmp_path: Path) -> None:
    document = json.loads(invoke(["export", "--format", "timelinejs", "--data", str(SAMPLE)]).stdout)
    events = {e["unique_id"]: e for e in document["events"]}
    assert events["visit-2002"]["start_date"] == {"year": "2002", "month": "", "day": "", "display_date": "2002"}
    assert events["summit-2019"]["start_date"]["month"] == "4" and events["summit-2019"]["start_date"]["day"] == ""
    assert events["moscow-visit"]["end_date"]["day"] == "5"
    assert (
        events["moscow-visit"]["text"]["headline"] == "Official visit to Moscow"
        and events["moscow-visit"]["group"] == "visit"
    )
    (tmp_path / "tl.json").write_text(json.dumps(document), encoding="utf-8")
    result = invoke(["import", "timelinejs", str(tmp_path / "tl.json"), "-o", str(tmp_path / "back.toml")])
    assert result.exit_code == 0, result.stderr
    assert invoke(["diff", str(SAMPLE), str(tmp_path / "back.toml")]).exit_code == 0
    assert load([str(tmp_path / "back.toml")]) == load([str(SAMPLE)])


def test_import_timelinejs_own_example_format(invoke: Invoke, tmp_path: Path) -> None:
    example = {
        "title": {"text": {"headline": "Whitney Houston", "text": "<p>1963 - 2012</p>"}},
        "events": [
            {"start_date": {"year": "1978"}, "text": {"headline": "First recording", "text": "<p>At <b>14</b>.</p>"}},
            {"start_date": {"month": "3", "year": "1985"}, "end_date": {"month": "5", "year": "1986"},
             "text": {"headline": "Debut album &amp; tour"}, "group": "Albums"},
            {"start_date": {"day": "11", "month": "2", "year": "2012"}, "text": {"headline": "Dies"}},
            {"text": {"headline": "No date"}},
        ],
    }  # fmt: skip
    (tmp_path / "ex.json").write_text(json.dumps(example), encoding="utf-8")
    bad = invoke(["import", "timelinejs", str(tmp_path / "ex.json")])
    assert bad.exit_code == 2 and "event 4: start_date: a date needs at least a year" in bad.stderr and bad.stdout == ""
    result = invoke(["import", "timelinejs", str(tmp_path / "ex.json"), "--skip-bad", "--kind", "milestone"])
    assert result.exit_code == 0 and f"skipped {tmp_path / 'ex.json'}: event 4: start_date" in result.stderr
    (tmp_path / "out.toml").write_text(result.stdout, encoding="utf-8")
    events = {e.id: e for e in load([str(tmp_path / "out.toml")]).events}
    assert set(events) == {"1978-first-recording", "1985-03-debut-album-tour", "2012-02-11-dies"}
    album = events["1985-03-debut-album-tour"]
    assert (album.when.edtf, album.kind, album.title) == ("1985-03/1986-05", "albums", "Debut album & tour")
    assert events["1978-first-recording"].summary == "At 14." and events["1978-first-recording"].kind == "milestone"


def test_import_csv_with_map_defaults_and_generated_ids(invoke: Invoke, tmp_path: Path) -> None:
    csv_path = tmp_path / "in.csv"
    csv_path.write_text(
        "Start,End,Name,Type,Who,Tags,Comment\n"
        "2001-08-04,,Moscow Declaration,document,kim-jong-il;Vladimir Putin,a;b,first\n"
        '"19 July 2000",,Joint Declaration,document,,,\n'
        "July 2000,,Joint Declaration,document,,,\n"
        "2002,2002-08-24,Far East tour,visit,,,\n",
        encoding="utf-8",
    )
    args = ["import", "csv", str(csv_path), "--map", "date=Start,end=End,title=Name,kind=Type,actors=Who,tags=Tags"]
    first, second = invoke(args), invoke(args)
    assert first.exit_code == 0 and first.stdout == second.stdout  # stable
    (tmp_path / "out.toml").write_text(first.stdout, encoding="utf-8")
    events = {e.id: e for e in load([str(tmp_path / "out.toml")]).events}
    assert set(events) == {
        "2001-08-04-moscow-declaration",
        "2000-07-19-joint-declaration",
        "2000-07-joint-declaration",
        "2002-far-east-tour",
    }
    moscow = events["2001-08-04-moscow-declaration"]
    assert (
        moscow.actors == ("kim-jong-il", "Vladimir Putin")
        and moscow.tags == ("a", "b")
        and moscow.extra == {"comment": "first"}
    )
    assert events["2000-07-joint-declaration"].when.edtf == "2000-07"  # precision kept
    assert events["2002-far-east-tour"].when.edtf == "2002/2002-08-24"
    assert invoke(["check", str(tmp_path / "out.toml"), "--today", "2026-01-01"]).stdout.count("error") == 0


def test_import_csv_with_chrono_headers_and_duplicate_titles(invoke: Invoke, tmp_path: Path) -> None:
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("date,title,kind,sources\n2001,Talks,talks,s1\n2001,Talks,talks,\n", encoding="utf-8")
    result = invoke(["import", "csv", str(csv_path)])
    (tmp_path / "out.toml").write_text(result.stdout, encoding="utf-8")
    chronology = load([str(tmp_path / "out.toml")])
    assert [e.id for e in chronology.events] == ["2001-talks", "2001-talks-2"]
    assert set(chronology.sources) == {"s1"}  # a referenced source gets a table, so the file checks


def test_import_csv_errors(invoke: Invoke, tmp_path: Path) -> None:
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("date,title\n2001,T\n", encoding="utf-8")
    no_kind = invoke(["import", "csv", str(csv_path)])
    assert no_kind.exit_code == 2 and "--kind" in no_kind.stderr
    bad_map = invoke(["import", "csv", str(csv_path), "--map", "date=Nope", "--kind", "k"])
    assert bad_map.exit_code == 2 and "no column 'Nope'" in bad_map.stderr
    out = tmp_path / "out.toml"
    out.write_text("keep me", encoding="utf-8")
    refused = invoke(["import", "csv", str(csv_path), "--kind", "k", "-o", str(out)])
    assert refused.exit_code == 2 and "--force" in refused.stderr and out.read_text() == "keep me"
    forced = invoke(["import", "csv", str(csv_path), "--kind", "k", "-o", str(out), "--force"])
    assert forced.exit_code == 0 and "2001-t" in out.read_text()


def test_export_to_a_file_is_atomic_and_leaves_no_temporary(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    assert invoke(["export", "--format", "markdown", "--data", str(SAMPLE), "-o", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Chronology")
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_html_escapes_everything_and_needs_no_network(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml('[[event]]\nid = "x"\ndate = 2001-01-01\nkind = "k"\ntitle = "<script>alert(1)</script>"\n'
                      'place = "<img src=x onerror=alert(2)>"\n')  # fmt: skip
    page = invoke(["export", "--format", "html", "--data", str(path)]).stdout
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page
    assert not re.search(r"(src|href)=\"?(https?:)?//", page)  # no remote assets
    assert "default-src 'none'" in page


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed (Debian package 'chromium')")
def test_html_in_headless_chromium(invoke: Invoke, tmp_path: Path, write_toml: WriteToml) -> None:
    hostile = write_toml(
        '[[event]]\nid = "x"\ndate = 2001-01-01\nkind = "k"\ntitle = "<script>document.title=\'pwned\'</script>"\n',
        "h.toml",
    )
    page = tmp_path / "page.html"
    assert (
        invoke(["export", "--format", "html", "--data", str(SAMPLE), "--data", str(hostile), "-o", str(page)]).exit_code
        == 0
    )
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    dom = subprocess.run(
        ["chromium", *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=False
    )
    assert "Official visit to Moscow" in dom.stdout
    assert "<title>Chronology</title>" in dom.stdout  # the script did not run
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom.stdout
    shot = tmp_path / "shot.png"
    subprocess.run(["chromium", *flags, "--window-size=420,900", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120, check=False)  # fmt: skip
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_us_visits_is_bundled_and_found_by_name(invoke: Invoke) -> None:
    result = invoke(["list", "--data", "us-visits", "--from", "2019", "--actor", "Moon"])
    lines = result.stdout.splitlines()
    assert len(lines) >= 2 and all("Moon Jae-in" in line and "Korea" in line for line in lines)
    datasets = invoke(["datasets"]).stdout.splitlines()
    assert datasets[0] == "dprk-russia\t43\t1948-10-12?\t2025-09-03"  # exactly four fields
    assert datasets[1].startswith("us-visits\t3264\t")


def test_us_visits_conversion_is_reproducible(tmp_path: Path) -> None:
    source = CORPUS.parent / "reference" / "us-visits"
    if not source.exists():
        pytest.skip(f"the Office of the Historian data is not at {source}")
    out = tmp_path / "us.toml"
    subprocess.run([sys.executable, str(REPO / "scripts" / "convert_us_visits.py"), str(source), str(out)], check=True)
    assert out.read_bytes() == (REPO / "data" / "us-visits.toml").read_bytes()


def test_add_appends_and_keeps_every_byte(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "c.toml"
    original = SAMPLE.read_bytes()
    target.write_bytes(original)
    result = invoke(["add", "--data", str(target), "--date", "2024-06-19", "--kind", "document", "--title", "Partnership treaty",
                     "--actor", "vladimir-putin", "--source", "press", "--related", "moscow-declaration", "--summary", "Signed."])  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "2024-06-19-partnership-treaty\n")
    updated = target.read_bytes()
    assert updated.startswith(original)
    event = load([str(target)]).by_id()["2024-06-19-partnership-treaty"]
    assert (event.actors, event.sources, event.related, event.summary) == (
        ("vladimir-putin",),
        ("press",),
        ("moscow-declaration",),
        "Signed.",
    )
    again = invoke(
        ["add", "--data", str(target), "--date", "2024-06-19", "--kind", "document", "--title", "Partnership treaty"]
    )
    assert again.stdout == "2024-06-19-partnership-treaty-2\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2024-13"], "--date: '2024-13' is not a valid date"),
        (["--date", "2024", "--source", "nope"], "--source: no [[source]] with id 'nope'"),
        (["--date", "2024", "--related", "nope"], "--related: no event 'nope'"),
        (["--date", "2024", "--id", "treaty-2000"], "--id: an event 'treaty-2000' exists already"),
        (["--date", "2024", "--id", "Bad Id"], "--id: 'Bad Id' is not a valid id"),
        (["--date", "2024-06-19", "--end", "2024-06-01"], "before the start"),
    ],
)
def test_add_refuses_bad_input_and_writes_nothing(
    invoke: Invoke, tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "c.toml"
    target.write_bytes(SAMPLE.read_bytes())
    result = invoke(["add", "--data", str(target), "--kind", "talks", "--title", "T", *args])
    assert result.exit_code == 2 and message in result.stderr
    assert target.read_bytes() == SAMPLE.read_bytes()


def test_add_refuses_an_invalid_file(invoke: Invoke, write_toml: WriteToml) -> None:
    bad = write_toml('[[event]]\nid = "a"\ndate = "2001-13"\nkind = "k"\ntitle = "t"\n')
    before = bad.read_bytes()
    result = invoke(["add", "--data", str(bad), "--date", "2001", "--kind", "k", "--title", "x"])
    assert result.exit_code == 2 and ":3:8: error:" in result.stderr and bad.read_bytes() == before


def test_add_killed_mid_write_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "big.toml"
    body = "".join(
        f'[[event]]\nid = "e{i}"\ndate = 2001-01-01\nkind = "k"\ntitle = "{"x" * 300}"\n' for i in range(40000)
    )
    target.write_text(body, encoding="utf-8")
    old = target.read_bytes()
    env = {**os.environ, "CHRONO_DATA": ""}
    outcomes = set()
    for delay in (0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6):
        proc = subprocess.Popen(
            [sys.executable, "-m", "chrono", "add", "--data", str(target), "--date", "2002", "--kind", "k", "--title", "New"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        current = target.read_bytes()
        assert current == old or (current.startswith(old) and current[len(old) :].count(b"[[event]]") == 1)
        if current != old:
            assert load([str(target)]).by_id()["2002-new"].title == "New"
            outcomes.add("new")
            target.write_bytes(old)
        else:
            outcomes.add("old")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "big.toml"]
    assert all(
        name.startswith(".big.toml.") and name.endswith(".tmp") for name in leftovers
    )  # a killed writer's temporary
    assert outcomes

"""``chrono import timelinejs``: nothing dropped silently, on a small document of our own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tomli as tomllib

from tests.conftest import Invoke

DOCUMENT: dict[str, Any] = {
    "title": {"text": {"headline": "A <i>history</i>", "text": "<p>intro</p>"}, "media": {"url": "x.png"}},
    "scale": "human",
    "eras": [{"start_date": {"year": "1939"}, "end_date": {"year": "1945"}, "text": {"headline": "War years"}}],
    "events": [
        {
            "start_date": {"year": "1951", "month": "3", "day": "1", "hour": "6", "minute": "45", "millisecond": ""},
            "text": {"headline": "Compiler", "text": "<p>First.</p><p>Second<br/>line.</p>"},
            "media": {
                "url": "http://v/1",
                "credit": "<a href='http://c'>Cred</a>",
                "caption": "Cap",
                "thumbnail": None,
            },
            "group": "Grace Hopper",
            "background": {"color": "#000"},
            "unique_id": "Slide One",
        },
        {"start_date": {"year": "1958"}, "text": {"text": "One of the first women to earn a PhD in computer science"}},
        {"start_date": {"year": "1960"}, "text": {"headline": "", "text": ""}, "media": {"caption": "a tweet"}},
        {"start_date": {"year": "-3500"}, "text": {"headline": "Writing"}},
        {"start_date": {"year": "1970"}, "end_date": {"year": "1970"}, "text": {"headline": "Same"}},
        {"start_date": {"year": "1980"}, "text": {"headline": ""}},
    ],
}


def _write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "tl.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_every_slide_is_an_event_left_out_or_skipped_and_named(invoke: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, DOCUMENT)
    refused = invoke(["import", "timelinejs", str(path)])
    assert refused.exit_code == 2
    assert f"{path}:1:1: error: event 6: no headline, text or media caption to take a title from" in refused.stderr
    result = invoke(["import", "timelinejs", str(path), "--skip-bad"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines == [
        f"chrono: skipped {path}: event 6: no headline, text or media caption to take a title from",
        f"chrono: left out {path}: the title slide: 'A history': a timeline's title, not an event",
        f"chrono: left out {path}: the setting 'scale': \"human\": a display setting, not an event",
        "chrono: 9 items read, 6 events written, 2 left out, 1 skipped",  # -3500 (3501 BC) is an event
    ]


def test_media_credits_captions_and_times_go_to_extra(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["import", "timelinejs", str(_write(tmp_path, DOCUMENT)), "--skip-bad"])
    events = {event["title"]: event for event in tomllib.loads(result.stdout)["event"]}
    compiler = events["Compiler"]
    assert compiler["id"] == "slide-one" and compiler["kind"] == "grace-hopper"
    assert compiler["summary"] == "First.\n\nSecond\nline."  # paragraphs and breaks kept
    assert compiler["extra"] == {
        "start_date": {"hour": "6", "minute": "45"},
        "group": "Grace Hopper",
        "media": {"url": "http://v/1", "credit": "<a href='http://c'>Cred</a>", "caption": "Cap"},
        "background": {"color": "#000"},
    }


def test_eras_headless_slides_and_equal_ends(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["import", "timelinejs", str(_write(tmp_path, DOCUMENT)), "--skip-bad"])
    events = {event["title"]: event for event in tomllib.loads(result.stdout)["event"]}
    war = events["War years"]
    assert (war["kind"], war["date"], war["end"]) == ("era", "1939", "1945")
    assert "One of the first women to earn a …" in events  # first words of the text
    assert events["a tweet"]["extra"] == {"media": {"caption": "a tweet"}}  # the caption, kept too
    assert "end" not in events["Same"]


def test_older_timeline_slides_form(invoke: Invoke, tmp_path: Path) -> None:
    document = {"timeline": {"slides": [{"start_date": {"year": "1888"}, "text": {"headline": "Welcome"}}]}}
    result = invoke(["import", "timelinejs", str(_write(tmp_path, document))])
    assert result.exit_code == 0, result.stderr
    assert [event["title"] for event in tomllib.loads(result.stdout)["event"]] == ["Welcome"]


def test_nesting_too_deep_for_extra_is_a_bad_slide(invoke: Invoke, tmp_path: Path) -> None:
    deep: Any = "bottom"
    for _ in range(40):
        deep = {"d": deep}
    document = {"events": [{"start_date": {"year": "2001"}, "text": {"headline": "Deep"}, "x": deep}]}
    result = invoke(["import", "timelinejs", str(_write(tmp_path, document))])
    assert result.exit_code == 2 and "event 1: nested more than 32 levels deep" in result.stderr


def test_json_nested_past_the_parser_is_a_clear_error(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"events": [' + "[" * 5000 + "]" * 5000 + "]}", encoding="utf-8")
    result = invoke(["import", "timelinejs", str(path)])
    assert result.exit_code == 2 and result.stderr == "chrono: error: the JSON is nested too deeply to read\n"

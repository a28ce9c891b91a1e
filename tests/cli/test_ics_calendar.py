"""The two ICS exports side by side: one calendar can hold both, and each says its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Invoke

SAMPLE = str(FIXTURES / "sample.toml")


def _export(invoke: Invoke, *args: str) -> str:
    result = invoke(["export", "--format", "ics", "--today", "2026-01-15", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _lines(text: str, name: str) -> list[str]:
    return [line.split(":", 1)[1] for line in text.splitlines() if line.startswith(name + ":")]


def test_both_exports_import_into_one_calendar_with_every_event(invoke: Invoke) -> None:
    icalendar = pytest.importorskip("icalendar")
    once = icalendar.Calendar.from_ical(_export(invoke))  # the bundled chronology
    yearly = icalendar.Calendar.from_ical(_export(invoke, "--yearly"))
    merged = icalendar.Calendar()
    merged.add("prodid", "-//test//merge//EN")
    merged.add("version", "2.0")
    # A calendar keeps one object per UID: what a client does on import, done with a dict.
    kept: dict[str, object] = {}
    for calendar in (once, yearly):
        for event in calendar.walk("VEVENT"):
            kept[str(event["uid"])] = event
            merged.add_component(event)
    counts = len(once.walk("VEVENT")), len(yearly.walk("VEVENT"))
    assert counts[0] == counts[1] > 20
    assert len(kept) == sum(counts)
    again = icalendar.Calendar.from_ical(merged.to_ical())
    assert len(again.walk("VEVENT")) == len({str(e["uid"]) for e in again.walk("VEVENT")}) == sum(counts)
    assert sum(1 for e in again.walk("VEVENT") if "rrule" in e) == counts[1]


def test_uids_are_stable_across_runs_and_differ_between_exports(invoke: Invoke) -> None:
    once, yearly = _export(invoke, "--data", SAMPLE), _export(invoke, "--data", SAMPLE, "--yearly")
    assert _export(invoke, "--data", SAMPLE) == once  # byte for byte, --today pinned
    assert _lines(once, "UID") == _lines(_export(invoke, "--data", SAMPLE, "--today", "2027-03-03"), "UID")
    assert "moscow-declaration@chrono" in _lines(once, "UID")
    assert "moscow-declaration.yearly@chrono" in _lines(yearly, "UID")
    assert not set(_lines(once, "UID")) & set(_lines(yearly, "UID"))


@pytest.mark.parametrize("yearly", [[], ["--yearly"]])
def test_the_calendar_is_named_after_the_data_or_as_asked(invoke: Invoke, yearly: list[str]) -> None:
    text = _export(invoke, "--data", SAMPLE, *yearly)
    assert _lines(text, "NAME") == _lines(text, "X-WR-CALNAME") == ["sample"]
    assert _lines(_export(invoke, *yearly), "X-WR-CALNAME") == ["dprk-russia"]
    named = _export(invoke, "--data", SAMPLE, "--name", "Treaties, visits; talks", *yearly)
    assert _lines(named, "NAME") == _lines(named, "X-WR-CALNAME") == ["Treaties\\, visits\\; talks"]
    assert _lines(_export(invoke, "--data", SAMPLE, "--title", "T", *yearly), "NAME") == ["T"]


def test_several_inputs_name_the_calendar_together(invoke: Invoke, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text('[[event]]\nid = "x"\ndate = 2020-01-02\nkind = "k"\ntitle = "X"\n', encoding="utf-8")
    text = _export(invoke, "--data", SAMPLE, "--data", str(other))
    assert _lines(text, "X-WR-CALNAME") == ["sample\\, other"]  # TEXT escapes the comma
    piped = invoke(["export", "--format", "ics", "--data", "-"], input=other.read_text(encoding="utf-8"))
    assert _lines(piped.stdout, "NAME") == ["stdin"]


def test_a_name_cannot_carry_control_characters(invoke: Invoke) -> None:
    text = _export(invoke, "--data", SAMPLE, "--name", "bad\x1b[2Jname\nBEGIN:VEVENT")
    (name,) = _lines(text, "NAME")
    assert name == "bad\\\\x1b[2Jname BEGIN:VEVENT"  # the escape shown as text, the line break a space
    assert "\x1b" not in text and text.splitlines().count("BEGIN:VEVENT") == 4

"""``chrono export --format ics --yearly``: 29 February recurs in common years too, on the 28th."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke


def test_leap_day_recurs_on_the_last_day_of_february(invoke: Invoke, write_toml: Callable[..., Path]) -> None:
    icalendar = pytest.importorskip("icalendar")
    from dateutil.rrule import rrulestr

    path = write_toml(
        '[[event]]\nid = "leap"\ndate = 2000-02-29\nkind = "k"\ntitle = "Leap"\n'
        '[[event]]\nid = "plain"\ndate = 2001-03-01\nkind = "k"\ntitle = "Plain"\n'
    )
    result = invoke(["export", "--format", "ics", "--data", str(path), "--yearly"])
    assert result.exit_code == 0, result.stderr
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")}
    occurrences = {}
    for uid, event in events.items():
        start = event.decoded("dtstart")
        rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=dt.datetime(start.year, start.month, start.day))
        occurrences[uid] = [day.date() for day in rule[:5]]
    assert occurrences["leap.yearly@chrono"] == [
        dt.date(2000, 2, 29),
        dt.date(2001, 2, 28),
        dt.date(2002, 2, 28),
        dt.date(2003, 2, 28),
        dt.date(2004, 2, 29),
    ]
    assert occurrences["plain.yearly@chrono"][:2] == [dt.date(2001, 3, 1), dt.date(2002, 3, 1)]
    assert dict(events["plain.yearly@chrono"]["rrule"]) == {"FREQ": ["YEARLY"]}

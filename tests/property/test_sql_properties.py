"""``chrono sql``'s date functions agree exactly with ``chrono list`` on generated chronologies.

Every kind of date the strategies make — a TOML date, a year, a month, a day, ``X`` digits,
``?``/``~``/``%``, an interval (``D/D`` included) and an open end — is asked about with dates of
every kind too, and ``overlaps``, ``within`` and ``starts_in`` must pick the very events that
``list --on D``, ``--match within`` and ``--match start`` pick; ``edtf_start``/``edtf_end`` of an
event's date must be the ``start``/``end`` of its JSON record.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.cli.main import cli
from tests.property.strategies import chronologies, edtf, toml
from tests.property.test_hardening import budget

_COUNTER = itertools.count()
TODAY = dt.date(2026, 1, 15)


def run(args: list[str], cached: bool) -> Result:
    env = {"NO_COLOR": None, "CHRONO_DATA": None, "CHRONO_TODAY": None, "CHRONO_CACHE": "1" if cached else "0"}
    return CliRunner().invoke(cli, args, env=env, obj={"stdout_isatty": False, "width": 80, "today": TODAY})


def as_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def asked_dates(document: dict[str, Any]) -> st.SearchStrategy[str]:
    """Dates to ask about: any generated date, one of the data's own, the year, decade or
    ``YYYY-XX`` of one of its starts (where a start and a whole span part ways), or a written one."""
    own = [as_text(event["date"]) for event in document["event"]]
    years = [text[:4] for text in own if text[:4].isdigit()] or ["2001"]
    near = [*years, *(f"{year}-XX" for year in years), *(f"{year[:3]}X" for year in years if year[:3] != "000")]
    return st.one_of(
        edtf().map(as_text),
        st.sampled_from(own),
        st.sampled_from(near),
        st.sampled_from(["July 2000", "19 July 2000"]),
    )


@settings(max_examples=budget(25), deadline=None)
@given(st.data())
def test_date_functions_agree_with_list(data: st.DataObject) -> None:
    document = data.draw(chronologies(max_events=10))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"chronology-{next(_COUNTER)}.toml"  # a new name each time: no stale cache
        path.write_text(toml(document), encoding="utf-8")
        for cached in (True, False):
            records = json.loads(run(["list", "--data", str(path), "--format", "json"], cached).stdout)
            rows = run(
                [
                    "sql",
                    "--data",
                    str(path),
                    "select id, edtf_start(date), edtf_end(date) from events",
                    "--format",
                    "json",
                ],
                cached,
            )
            assert rows.exit_code == 0, rows.stderr
            bounds = {row["id"]: [row["edtf_start(date)"], row["edtf_end(date)"]] for row in json.loads(rows.stdout)}
            assert bounds == {record["id"]: [record["start"], record["end"]] for record in records}
            for _ in range(3):
                asked = data.draw(asked_dates(document))
                quoted = asked.replace("'", "''")
                for match, condition in (
                    ("overlap", f"overlaps(start, \"end\", '{quoted}')"),
                    ("within", f"within(start, \"end\", '{quoted}')"),
                    ("start", f"starts_in(date, '{quoted}')"),
                ):
                    listed = run(
                        ["list", "--data", str(path), "--on", asked, "--match", match, "--format", "ids"], cached
                    )
                    chosen = run(["sql", "--data", str(path), f"select id from events where {condition}"], cached)
                    assert listed.exit_code == chosen.exit_code == 0, (listed.stderr, chosen.stderr)
                    assert chosen.stdout == listed.stdout, (asked, match)

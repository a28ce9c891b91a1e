"""Hypothesis: the cache is invisible. Every data-reading command, on generated chronologies and
queries, gives byte-identical stdout and the same exit code without the cache, with a cold cache
(the run that writes it) and with a warm one (the runs that read it).

Examples per run: a few in the normal test run (profile 'ci'), many in the long fuzz run
(``python scripts/fuzz.py``, profile 'fuzz', ``CHRONO_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.cache.records import DATE_TAG, ESCAPE
from chrono.cli.main import cli
from tests.property.strategies import chronologies, texts, toml
from tests.property.test_hardening import budget

# Keys and values of ``extra`` that stress the cache's encoding: its own tags and escape,
# dates, nested tables, non-finite floats.
extra_keys = st.one_of(
    st.sampled_from([DATE_TAG, ESCAPE, ESCAPE + ESCAPE + "date", ESCAPE + "x", "date", "\x00", "k"]), texts
)
extra_scalars = st.one_of(
    texts,
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(["date", "datetime", "time", "2001-01-01"]),
)
extra_values = st.recursive(
    extra_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(extra_keys, inner, max_size=3)),
    max_leaves=6,
)
DAYS = ["1990-06-15", "2000-01-01", "2001-08-04", "2019-04-25", "9999-12-01"]
DATES = ["0001", "1990", "2000", "2001-08", "2001-08-04", "2019-04-25", "9999-12-31", "today", "2 years ago"]


@st.composite
def chronology_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid chronology whose events carry cache-hostile ``extra`` tables."""
    document = draw(chronologies())
    for event in document["event"]:
        if draw(st.booleans()):
            event["extra"] = draw(st.dictionaries(extra_keys, extra_values, min_size=1, max_size=3))
    return document


@st.composite
def filters(draw: st.DrawFn, kinds: list[str], dates: bool = True) -> list[str]:
    """Filter options of 'chrono list' (and of timeline, stats, export)."""
    args: list[str] = []
    if dates:
        for option in ("--from", "--to", "--on"):
            if draw(st.integers(0, 3)) == 0:
                args += [option, draw(st.sampled_from(DATES))]
        if draw(st.booleans()):
            args += ["--match", draw(st.sampled_from(["overlap", "within"]))]
    if draw(st.integers(0, 3)) == 0:
        args += ["--kind", draw(st.sampled_from([*kinds, "nothing"]))]
    return args


@st.composite
def sorting(draw: st.DrawFn) -> list[str]:
    args: list[str] = []
    if draw(st.integers(0, 2)) == 0:
        args += ["--sort", draw(st.sampled_from(["date", "title", "kind", "id"]))]
    if draw(st.integers(0, 3)) == 0:
        args.append("--reverse")
    if draw(st.integers(0, 2)) == 0:
        args += ["--limit", str(draw(st.integers(0, 4)))]
    return args


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], list[list[str]]]:
    """A chronology and the command lines to run on it: every data-reading command."""
    document = draw(chronology_documents())
    ids = [event["id"] for event in document["event"]]
    kinds = sorted({event["kind"] for event in document["event"]})
    pick = st.sampled_from(ids)
    chosen = draw(filters(kinds))
    commands = [
        ["list", "--format", fmt, *chosen, *draw(sorting())] for fmt in ("tsv", "csv", "json", "jsonl", "ids", "table")
    ]
    commands += [
        ["list", "--format", "tsv", "--header", *chosen, *draw(sorting())],
        ["list", "--fields", "date,id,extra", *chosen],
        ["show", draw(pick), draw(pick), "--format", draw(st.sampled_from(["text", "json"]))],
        ["show", draw(pick), "no-such-event"],
        ["stats", *chosen, *draw(st.sampled_from([[], ["--by", "kind"], ["--by", "year"], ["--gaps", "2"]]))],
        ["stats", "--format", "json", *chosen],
        ["timeline", "--width", "80", *chosen],
        ["anniversaries", "--on", draw(st.sampled_from(DAYS)), "--ahead", "400", *draw(filters(kinds, False))],
        ["between", draw(pick), draw(pick), "--format", "json"],
        ["between", draw(pick), draw(st.sampled_from(DATES)), "--unit", "days"],
    ]
    commands += [["export", "--format", fmt, *chosen] for fmt in ("ics", "markdown", "timelinejs", "html")]
    return document, commands


def run(args: list[str], cache_home: str | None) -> tuple[int, bytes, str]:
    env = {"CHRONO_DATA": None, "NO_COLOR": None, "FORCE_COLOR": None, "CHRONO_TODAY": "2026-01-15"}
    env["CHRONO_CACHE"] = "1" if cache_home else "0"
    if cache_home:
        env["XDG_CACHE_HOME"] = cache_home
    result = CliRunner().invoke(cli, args, env=env, obj={"stdout_isatty": False, "width": 100})
    assert "Traceback" not in result.stderr, (args, result.stderr[-600:])
    return result.exit_code, result.stdout_bytes, result.stderr


@given(cases())
@settings(max_examples=budget(8))
def test_every_command_says_the_same_with_and_without_the_cache(case: tuple[dict[str, Any], list[list[str]]]) -> None:
    document, commands = case
    work = Path(tempfile.mkdtemp(prefix="chrono-cache-equivalence-"))
    try:
        data = work / "data.toml"
        data.write_text(toml(document), encoding="utf-8")
        home = str(work / "cache")
        for command in commands:
            args = [*command, "--data", str(data)]
            uncached = run(args, None)  # (that no input crashes a command is test_hardening's property)
            for attempt in ("cold", "warm", "warm again"):
                cached = run(args, home)
                assert cached[:2] == uncached[:2], (attempt, args, cached[2], uncached[2])
        written = list((work / "cache" / "chrono").glob("*.cache"))
        assert len(written) == 1  # one cache, written by the first run and read by every other
    finally:
        shutil.rmtree(work, ignore_errors=True)

"""One query path (issue 13): commands hand a query to the timeline and get events or lines back;
where they came from (TOML or the cache) is invisible above the timeline's interface."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

import chrono
from chrono.cache.store import encode, fingerprint
from chrono.cache.timeline import CachedTimeline
from chrono.loading.dataset import load
from chrono.questions.query import Match, Query, SortKey
from chrono.questions.timeline import Timeline
from tests.conftest import FIXTURES, Invoke

SHELL = Path(chrono.__file__).resolve().parent / "cli"
SAMPLE = FIXTURES / "sample.toml"


def shell_modules() -> list[Path]:
    return sorted(SHELL.rglob("*.py"))


@pytest.mark.parametrize("path", shell_modules(), ids=lambda p: p.name)
def test_the_shell_never_asks_where_events_came_from(path: Path) -> None:
    """No command imports the cache's timeline or the query runner: it asks the timeline."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "chrono.questions.query":
            assert "run" not in {a.name for a in node.names}, f"{path.name}: query.run (ask the timeline)"
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert "chrono.cache.timeline" not in names, path.name
        if isinstance(node, ast.Name):
            assert node.id != "CachedTimeline", f"{path.name}:{node.lineno}"


def test_timeline_takes_its_range_from_the_query_alone() -> None:
    source = (SHELL / "commands" / "timeline_cmd.py").read_text(encoding="utf-8")
    assert "date_bounds" not in source and "date_from" not in source and "date_on" not in source


@pytest.mark.parametrize(
    "query",
    [
        Query(),
        Query(lo=dt.date(2001, 1, 1).toordinal()),
        Query(lo=dt.date(2001, 1, 1).toordinal(), hi=dt.date(2019, 4, 30).toordinal(), limit=2),
        Query(lo=dt.date(2010, 1, 1).toordinal(), match=Match.WITHIN, limit=0),
        Query(kinds=("summit",), reverse=True),
        Query(sort=SortKey.TITLE, limit=3),
        Query(hi=dt.date(2001, 12, 31).toordinal(), grep="moscow"),
    ],
)
def test_both_timelines_answer_every_query_alike(query: Query) -> None:
    chronology = load([str(SAMPLE)])
    inputs = fingerprint([str(SAMPLE)])
    assert inputs is not None
    memory, cached = Timeline(chronology), CachedTimeline(encode(chronology, inputs))
    assert [e.id for e in cached.select(query)] == [e.id for e in memory.select(query)]
    assert b"".join(cached.default_lines(query)) == b"".join(memory.default_lines(query))


def test_the_timeline_axis_is_the_query_range(invoke: Invoke) -> None:
    """--from with --on: the axis is the range the query asked (their intersection)."""
    both = invoke(
        ["--no-cache", "timeline", "--data", str(SAMPLE), "--from", "2001-06", "--on", "2001", "--width", "80"]
    )
    alone = invoke(["--no-cache", "timeline", "--data", str(SAMPLE), "--from", "2001-06", "--to", "2001-12-31", "--width", "80"])  # fmt: skip
    assert both.exit_code == 0 and both.stdout == alone.stdout


def test_default_tsv_is_the_same_bytes_cold_and_warm_whatever_the_encoding(tmp_path: Path) -> None:
    """0.1.0 wrote the default TSV as UTF-8 from a warm cache but as \\xe9 escapes from TOML
    under PYTHONIOENCODING=ascii: where the events came from showed in the output."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii", "XDG_CACHE_HOME": str(tmp_path), "CHRONO_DATA": ""}
    env["CHRONO_CACHE_BACKGROUND"] = "0"
    command = [sys.executable, "-m", "chrono", "list", "--to", "1960"]
    outputs = [subprocess.run(command, capture_output=True, env=env, check=True, timeout=60).stdout for _ in range(2)]
    outputs.append(subprocess.run([*command[:3], "--no-cache", *command[3:]], capture_output=True, env=env,
                                  check=True, timeout=60).stdout)  # fmt: skip
    assert "Communiqué".encode() in outputs[0] and outputs[0] == outputs[1] == outputs[2]

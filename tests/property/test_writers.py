"""Hypothesis over the one writer and the one reader: every ``-o`` writer — ``export --format
sqlite`` included — keeps what its target is (a link stays a link, hard links stay together,
owner, group and mode kept, no temporary left), and ``fmt`` reads whatever the other readers
read without a crash (issue 22: the newest surfaces had paths of their own).

Examples per property come from ``budget`` (few in the normal run, many in ``scripts/fuzz.py``).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.loading.dataset import load
from tests.property.strategies import broken_files, chronologies, toml
from tests.property.test_hardening import assert_sane, budget, run

# Every command that writes a whole file with -o, and how to check what it wrote.
WRITERS = {
    "export sqlite": ["export", "--format", "sqlite", "--force"],
    "export markdown": ["export", "--format", "markdown"],
    "export html": ["export", "--format", "html"],
    "export timelinejs": ["export", "--format", "timelinejs"],
    "import csv": ["import", "csv", "--force", "--kind", "k"],
}


def _wrote(writer: str, target: Path, events: int) -> None:
    data = target.read_bytes()
    if writer == "export sqlite":
        connection = sqlite3.connect(":memory:")
        connection.deserialize(data)
        assert connection.execute("select count(*) from events").fetchone() == (events,)
    elif writer == "import csv":
        assert load([str(target)]).events
    else:
        assert data and data != b"old\n"


@given(chronologies(max_events=4), st.sampled_from(sorted(WRITERS)), st.sampled_from(["file", "symlink", "hardlink"]))
@settings(max_examples=budget(15), deadline=None)
def test_every_writer_keeps_what_its_target_is(document: dict[str, Any], writer: str, via: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        data = directory / "data.toml"
        data.write_text(toml(document), encoding="utf-8")
        target = directory / "out"
        target.write_bytes(b"old\n")
        target.chmod(0o640)
        names = {"data.toml", "out"}
        named = target
        if via == "symlink":
            named = directory / "link"
            named.symlink_to("out")
            names.add("link")
        elif via == "hardlink":
            os.link(target, directory / "twin")
            names.add("twin")
        if writer == "import csv":
            source = directory / "rows.csv"
            source.write_text("date,title\n2001,A\n2002-03,B\n", encoding="utf-8")
            names.add("rows.csv")
            args = [*WRITERS[writer], str(source), "-o", str(named)]
        else:
            args = [*WRITERS[writer], "--data", str(data), "-o", str(named)]
        result = run(args)
        assert_sane(result, (0,))
        events = 2 if writer == "import csv" else len(load([str(data)]).events)
        _wrote(writer, target, events)
        assert stat.S_ISREG(target.lstat().st_mode) and stat.S_IMODE(target.stat().st_mode) == 0o640
        if via == "symlink":
            assert (directory / "link").is_symlink()
        if via == "hardlink":
            assert os.stat(directory / "twin").st_ino == os.stat(target).st_ino
        assert {p.name for p in directory.iterdir()} == names  # no temporary left behind


@given(broken_files())
@settings(max_examples=budget(30), deadline=None)
def test_fmt_reads_what_every_reader_reads(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "broken.toml"
        path.write_bytes(data)
        assert_sane(run(["fmt", "--check", str(path)]))
        assert_sane(run(["fmt", "-"], stdin=data.decode("utf-8", "replace")))
        assert_sane(run(["fmt", str(path)]))
        if path.read_bytes() != data:
            # Rewritten only when it parsed, and then it loads exactly as the original did: the
            # same events, or the same problems (a reference to an event of another file of a
            # directory chronology is a problem of the file alone, which fmt does not judge).
            original = Path(name) / "original.toml"
            original.write_bytes(data)
            assert _outcome(path) == _outcome(original)


def _outcome(path: Path) -> object:
    """What loading ``path`` gives: its events, or the codes and messages of its problems."""
    from chrono.errors import DataError

    try:
        return load([str(path)]).events
    except DataError as exc:
        return sorted((problem.code, problem.message) for problem in exc.problems)

"""Hypothesis over concurrent writers: however many ``chrono add``s run at once, on whatever
valid chronology, through whichever name of the file, every reported event is in the file,
once, and the file still loads and keeps its old bytes and line endings.

The writers are threads calling the core's ``add_event`` (each opens and locks the file itself,
exactly as separate processes do: ``flock`` locks belong to an open file, not to a process);
tests/cli/test_writes.py runs the same race with real processes.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.errors import ChronoError
from chrono.loading.dataset import load
from chrono.writing.authoring import NewEvent, add_event
from tests.property.strategies import chronologies, toml
from tests.property.test_hardening import budget

titles = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=0, max_size=30
) | st.sampled_from(["Talks", "Talks", "Visit to Moscow", "\u202e\x9b", "line\nbreak", "\ttab"])
new_events = st.builds(
    NewEvent,
    date=st.sampled_from(["2024", "2024-06", "2024-06-19", "2001-08-04?", "2001/2003", "19XX", "2024-13"]),
    kind=st.sampled_from(["talks", "visit", "Bad Kind"]),
    title=titles,
    tags=st.lists(st.sampled_from(["a", "b", "c"]), max_size=2).map(tuple),
)


@given(
    chronologies(max_events=4),
    st.lists(new_events, min_size=2, max_size=8),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["file", "symlink", "hardlink", "mixed"]),
)
@settings(max_examples=budget(10), deadline=None)
def test_concurrent_adds_lose_nothing(document: dict[str, Any], adds: list[NewEvent], newline: str, via: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        target = directory / "c.toml"
        original = toml(document).replace("\n", newline).encode("utf-8")
        target.write_bytes(original)
        before = {event.id for event in load([str(target)]).events}
        (directory / "link.toml").symlink_to(target)
        if via in ("hardlink", "mixed"):  # else a single link: the file is replaced by rename
            os.link(target, directory / "hard.toml")
        names = {
            "file": [target],
            "symlink": [directory / "link.toml"],
            "hardlink": [directory / "hard.toml"],
            "mixed": [target, directory / "link.toml", directory / "hard.toml"],
        }[via]
        added: dict[str, str] = {}
        refused: list[str] = []
        crashed: list[BaseException] = []

        def writer(number: int, new: NewEvent) -> None:
            try:
                added[add_event(str(names[number % len(names)]), new)] = new.title
            except ChronoError as exc:
                refused.append(str(exc))
            except BaseException as exc:  # any other exception is the failure reported
                crashed.append(exc)

        threads = [threading.Thread(target=writer, args=pair) for pair in enumerate(adds)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not crashed, crashed
        assert len(added) + len(refused) == len(adds)  # every success reported a distinct id
        events = load([str(target)]).by_id()
        assert set(events) == before | set(added)
        assert all(events[ident].title == title for ident, title in added.items())
        raw = target.read_bytes()
        assert raw.startswith(original)
        if newline == "\r\n":
            assert raw.count(b"\n") == raw.count(b"\r\n")
        assert (directory / "link.toml").is_symlink()
        if via in ("hardlink", "mixed"):
            assert os.stat(directory / "hard.toml").st_ino == os.stat(target).st_ino
        assert {p.name for p in directory.iterdir()} <= {"c.toml", "hard.toml", "link.toml"}  # no temporaries

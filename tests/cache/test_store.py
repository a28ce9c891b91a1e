"""The cache: reuse, invalidation, damage of every kind, concurrency, and switching it off."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chrono.cache.records import CacheMiss
from chrono.cache.store import cache_file, encode, fingerprint
from chrono.cache.store import load_timeline as load_with_pending
from chrono.cache.timeline import CachedTimeline
from chrono.loading.dataset import load
from chrono.questions.query import Match, Query, run
from chrono.questions.timeline import Timeline
from tests.conftest import FIXTURES, Invoke

SAMPLE = FIXTURES / "sample.toml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "c.toml"
    path.write_bytes(SAMPLE.read_bytes())
    return path


def load_timeline(specs: list[str], read_stdin: None, directory: str) -> Timeline | CachedTimeline:
    """The timeline through the cache, a new cache written now (as in-process use does)."""
    timeline, pending = load_with_pending(specs, read_stdin, directory)
    assert pending is None
    assert isinstance(timeline, (Timeline, CachedTimeline))
    return timeline


def inputs_of(path: Path) -> list[list[object]]:
    found = fingerprint([str(path)])
    assert found is not None
    return found


def cached_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.cache")) if directory.exists() else []


def test_second_load_comes_from_the_cache_and_says_the_same(data: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    first = load_timeline([str(data)], None, str(directory))
    assert len(cached_files(directory)) == 1
    second = load_timeline([str(data)], None, str(directory))
    assert isinstance(second, CachedTimeline)
    assert list(second.events) == list(Timeline(load([str(data)])).events)
    assert second.chronology.actors == first.chronology.actors and second.chronology.sources == first.chronology.sources
    for query in (
        Query(lo=dt.date(2001, 1, 1).toordinal()),
        Query(hi=dt.date(2002, 6, 1).toordinal(), match=Match.WITHIN),
        Query(actors=("putin",)),
    ):
        assert [e.id for e in run(query, second)] == [e.id for e in run(query, Timeline(load([str(data)])))]


def test_every_format_is_identical_with_and_without_the_cache(invoke: Invoke, data: Path) -> None:
    for args in (["--format", "tsv"], ["--format", "json"], ["--format", "csv", "--fields", "id,actors,extra"],
                 ["--from", "2001", "--to", "2019-04-30"], ["--from", "2010", "--match", "within"], ["--format", "ids", "--limit", "3"]):  # fmt: skip
        uncached = invoke(["--no-cache", "list", "--data", str(data), *args]).stdout
        assert invoke(["list", "--data", str(data), *args]).stdout == uncached  # writes the cache
        assert invoke(["list", "--data", str(data), *args]).stdout == uncached  # reads it


@pytest.fixture
def never_racy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files just written by a test are racy (so checked by content): this leaves the key alone."""
    import chrono.cache.store

    monkeypatch.setattr(chrono.cache.store, "is_racy", lambda entry, read_at: False)


@pytest.mark.usefixtures("never_racy")
def test_a_same_size_edit_with_the_time_put_back_is_read_again(data: Path, tmp_path: Path) -> None:
    """cp -p, rsync -t, tar x, touch -d: size and modification time as before, content not."""
    directory = tmp_path / "cache"
    load_timeline([str(data)], None, str(directory))
    assert isinstance(load_timeline([str(data)], None, str(directory)), CachedTimeline)
    info = data.stat()
    same_size = data.read_bytes().replace(b"Summit in Vladivostok", b"Summit in Vladivostoq")
    data.write_bytes(same_size)
    os.utime(data, ns=(info.st_atime_ns, info.st_mtime_ns))  # as if nothing happened
    assert data.stat().st_size == info.st_size and data.stat().st_mtime_ns == info.st_mtime_ns
    again = load_timeline([str(data)], None, str(directory))
    assert any(e.title == "Summit in Vladivostoq" for e in again.events)
    assert not any(e.title == "Summit in Vladivostok" for e in again.events)


@pytest.mark.usefixtures("never_racy")
def test_a_file_replaced_by_a_copy_with_the_same_size_and_times_is_read_again(data: Path, tmp_path: Path) -> None:
    """A new inode (rename over, as rsync and editors do), every time stamp copied."""
    directory = tmp_path / "cache"
    load_timeline([str(data)], None, str(directory))
    info = data.stat()
    other = tmp_path / "other.toml"
    other.write_bytes(data.read_bytes().replace(b"Summit in Vladivostok", b"Summit in Vladivostoq"))
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(other, data)
    assert any(e.title == "Summit in Vladivostoq" for e in load_timeline([str(data)], None, str(directory)).events)


def test_a_racy_file_is_checked_by_content(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git's racy rule: a file whose times are as new as the moment it was read may change again
    in the same tick with every field of its fingerprint unchanged; its content decides."""
    import chrono.cache.store

    directory = tmp_path / "cache"
    now = time.time_ns()
    info = data.stat()
    frozen = [[os.path.realpath(data), info.st_size, now, now, info.st_ino, info.st_dev]]
    monkeypatch.setattr(chrono.cache.store, "fingerprint", lambda paths: [list(e) for e in frozen])
    load_timeline([str(data)], None, str(directory))
    unchanged = load_timeline([str(data)], None, str(directory))
    assert isinstance(unchanged, CachedTimeline)  # same content: the racy cache is still used
    data.write_bytes(data.read_bytes().replace(b"Summit in Vladivostok", b"Summit in Vladivostoq"))
    again = load_timeline([str(data)], None, str(directory))
    assert any(e.title == "Summit in Vladivostoq" for e in again.events)


def test_a_racy_cache_is_renewed_once_its_files_are_old_enough(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache made in the tick its file was changed is checked by content on each use, until a
    run finds the file no longer racy: that run writes the cache again, stamped with its time."""
    import chrono.cache.store

    directory = tmp_path / "cache"
    changed = max(data.stat().st_mtime_ns, data.stat().st_ctime_ns)
    checks: list[str] = []
    real_check = chrono.cache.store._content_matches

    def counted(path: str, expected: str) -> bool:
        checks.append(path)
        return real_check(path, expected)

    monkeypatch.setattr(chrono.cache.store, "_content_matches", counted)
    monkeypatch.setattr(chrono.cache.store, "clock", lambda: changed + 1000)  # read in the same tick
    load_timeline([str(data)], None, str(directory))
    assert isinstance(load_timeline([str(data)], None, str(directory)), CachedTimeline)
    assert len(checks) == 1  # racy: checked by content
    monkeypatch.setattr(chrono.cache.store, "clock", lambda: changed + 10**10)  # ten seconds later
    deferred, pending = load_with_pending([str(data)], None, str(directory), defer=True)
    assert isinstance(deferred, CachedTimeline) and len(checks) == 2
    assert pending is not None and pending.read_at == changed + 10**10  # for the background writer
    renewed = load_timeline([str(data)], None, str(directory))
    assert isinstance(renewed, CachedTimeline) and len(checks) == 3  # checked, then written again
    again = load_timeline([str(data)], None, str(directory))
    assert isinstance(again, CachedTimeline) and again.read_at == changed + 10**10
    assert len(checks) == 3  # no longer racy: no content check
    assert [e.id for e in again.events] == [e.id for e in load([str(data)]).events]
    _, pending = load_with_pending([str(data)], None, str(directory), defer=True)
    assert pending is None  # nothing left to renew


def test_the_racy_rule_allows_for_coarse_file_times() -> None:
    from chrono.cache.store import RACY_COARSE_NS, RACY_FINE_NS, is_racy

    read_at = 1_700_000_000_500_000_000
    fine = read_at - RACY_FINE_NS - 1
    assert not is_racy(["p", 1, fine, fine, 1, 1], read_at)
    assert is_racy(["p", 1, fine, read_at - 1000, 1, 1], read_at)  # a status change just now
    whole = 1_700_000_000_000_000_000  # whole seconds: a filesystem with 1- or 2-second times
    assert is_racy(["p", 1, whole, whole, 1, 1], read_at)
    assert not is_racy(["p", 1, whole - RACY_COARSE_NS, whole - RACY_COARSE_NS, 1, 1], read_at)


def test_a_changed_file_is_read_again(invoke: Invoke, data: Path) -> None:
    assert "Summit in Vladivostok" in invoke(["list", "--data", str(data)]).stdout
    text = data.read_text(encoding="utf-8").replace("Summit in Vladivostok", "Summit on Russky Island")
    data.write_text(text, encoding="utf-8")
    os.utime(data, ns=(time.time_ns(), time.time_ns() + 10**9))  # even if the clock did not move
    assert "Summit on Russky Island" in invoke(["list", "--data", str(data)]).stdout


def test_each_set_of_paths_has_its_own_cache(data: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    load_timeline([str(data)], None, str(directory))
    copy = tmp_path / "copy.toml"
    copy.write_bytes(data.read_bytes().replace(b"Summit in Vladivostok", b"Summit in Khabarovsk!"))
    copied = load_timeline([str(copy)], None, str(directory))
    assert any(e.title == "Summit in Khabarovsk!" for e in copied.events)
    assert len(cached_files(directory)) == 2
    assert any(e.title == "Summit in Vladivostok" for e in load_timeline([str(data)], None, str(directory)).events)


@pytest.mark.parametrize(
    "damage", ["truncate", "flip", "foreign", "empty", "header", "garbage-json", "catalog", "records"]
)
def test_a_damaged_cache_is_ignored_and_rebuilt(invoke: Invoke, data: Path, damage: str) -> None:
    expected = invoke(["--no-cache", "list", "--data", str(data), "--format", "json"]).stdout
    invoke(["list", "--data", str(data)])
    path = Path(cache_file(str(Path(os.environ["XDG_CACHE_HOME"]) / "chrono"), inputs_of(data)))
    raw = bytearray(path.read_bytes())
    if damage == "truncate":
        raw = raw[: len(raw) // 2]
    elif damage == "flip":
        raw[-40] ^= 0xFF  # inside the stored lines
        raw[len(raw) // 2] ^= 0x01
    elif damage == "foreign":
        raw = bytearray(b"\x80\x04\x95 this is not a chrono cache (a pickle, say)" + bytes(100))
    elif damage == "empty":
        raw = bytearray()
    elif damage == "header":
        raw[20] ^= 0xFF
    elif damage in ("catalog", "records"):  # found only when first used, after the file was opened
        header_length = int.from_bytes(raw[15:19], "little")
        header = json.loads(raw[23 : 23 + header_length])
        catalog = 23 + header_length
        raw[catalog + 3 if damage == "catalog" else len(raw) - header["lines"][0] - 10] ^= 0x01
    else:
        raw = bytearray(b"chrono-cache 2\n" + b"\xff" * 64)
    path.write_bytes(bytes(raw))
    for args in (["--format", "json"], ["--format", "tsv"], ["--actor", "putin"]):
        result = invoke(["list", "--data", str(data), *args])
        assert result.exit_code == 0 and result.stderr == ""
        assert result.stdout == invoke(["--no-cache", "list", "--data", str(data), *args]).stdout
    assert invoke(["list", "--data", str(data), "--format", "json"]).stdout == expected
    assert CachedTimeline(path.read_bytes())  # rebuilt whole


def test_reading_a_cache_never_unpickles_or_executes(tmp_path: Path) -> None:
    import chrono.cache.store
    import chrono.cache.timeline

    for module in (chrono.cache.store, chrono.cache.timeline):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert "pickle" not in source.replace("no pickle", "").replace("a pickle", "") and "marshal" not in source
        assert "eval(" not in source and "exec(" not in source
    with pytest.raises(CacheMiss):
        CachedTimeline(b"\x80\x04\x95\x00")


def test_no_cache_option_and_environment(invoke: Invoke, data: Path) -> None:
    directory = Path(os.environ["XDG_CACHE_HOME"]) / "chrono"
    target = Path(cache_file(str(directory), inputs_of(data)))
    invoke(["--no-cache", "list", "--data", str(data)])
    invoke(["list", "--data", str(data)], env={"CHRONO_CACHE": "0"})
    assert not target.exists()
    invoke(["list", "--data", str(data)])
    assert target.exists()


def test_stdin_is_never_cached(invoke: Invoke) -> None:
    before = set(cached_files(Path(os.environ["XDG_CACHE_HOME"]) / "chrono"))
    body = '[[event]]\nid = "piped"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\n'
    assert invoke(["list", "--data", "-"], input=body).stdout.startswith("2001-01-01\tpiped")
    assert set(cached_files(Path(os.environ["XDG_CACHE_HOME"]) / "chrono")) == before


def test_an_unwritable_cache_directory_still_works(invoke: Invoke, data: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory should be")
    result = invoke(["list", "--data", str(data)], env={"XDG_CACHE_HOME": str(blocked)})
    assert result.exit_code == 0 and "moscow-visit" in result.stdout and result.stderr == ""


def test_the_cache_file_is_self_checking(data: Path) -> None:
    chronology = load([str(data)])
    raw = encode(chronology, inputs_of(data))
    timeline = CachedTimeline(raw)
    assert [e.id for e in timeline.events] == [e.id for e in chronology.events]
    header_length = int.from_bytes(raw[15:19], "little")
    header = json.loads(raw[23 : 23 + header_length])
    assert header["count"] == len(chronology.events) and header["inputs"][0][0] == os.path.realpath(data)


def test_eight_processes_at_once_agree(data: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "shared-cache"),
        "CHRONO_DATA": "",
        "CHRONO_CACHE_BACKGROUND": "0",
    }
    command = [sys.executable, "-m", "chrono", "list", "--data", str(data), "--format", "json"]
    expected = subprocess.run(
        [*command[:3], "--no-cache", *command[3:]], capture_output=True, env=env, check=True
    ).stdout
    for _ in range(2):  # the first wave races to write the cache, the second reads it
        procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(8)]
        results = [proc.communicate(timeout=60) for proc in procs]
        assert all(out == expected and err == b"" for out, err in results)
        assert all(proc.returncode == 0 for proc in procs)
    leftovers = [p.name for p in (tmp_path / "shared-cache" / "chrono").iterdir() if not p.name.endswith(".cache")]
    assert leftovers == []


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SAMPLE_CACHE = CachedTimeline(encode(load([str(SAMPLE)]), inputs_of(SAMPLE)))


@given(st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)), st.integers(0, 20000), st.booleans())
def test_runs_are_the_indices_gathered(lo: dt.date, length: int, within: bool) -> None:
    lo_n, hi = lo.toordinal(), lo.toordinal() + length
    flat = [i for first, last in _SAMPLE_CACHE.runs(lo_n, hi, within) for i in range(first, last)]
    assert flat == list(_SAMPLE_CACHE.indices(lo_n, hi, within))
    expected = [e.id for e in Timeline(load([str(SAMPLE)])).overlapping(lo_n, hi)] if not within else None
    if expected is not None:
        assert [_SAMPLE_CACHE.events[i].id for i in flat] == expected


@given(st.sampled_from(["2000", "2001-08", "2001-08-05", "2010", "2019-04-15", "2024-12", "2030"]),
       st.sampled_from([None, "2001", "2019-04", "2025"]), st.sampled_from(["overlap", "within"]),
       st.sampled_from([None, "0", "1", "3"]))  # fmt: skip
def test_stored_lines_agree_with_decoded_events(
    date_from: str, date_to: str | None, match: str, limit: str | None
) -> None:
    from click.testing import CliRunner

    from chrono.cli.main import cli

    args = ["list", "--data", str(SAMPLE), "--from", date_from, "--match", match]
    args += ["--to", date_to] if date_to else []
    args += ["--limit", limit] if limit else []
    cached = CliRunner().invoke(cli, args).stdout
    fresh = CliRunner().invoke(cli, ["--no-cache", *args]).stdout
    assert cached == fresh


def test_the_real_command_writes_a_new_cache_after_answering(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "bg-cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "CHRONO_DATA": ""}
    env.pop("CHRONO_CACHE_BACKGROUND", None)
    pipeline = f'"{sys.executable}" -m chrono list --data "{data}" --format ids | cat'
    done = subprocess.run(["bash", "-c", pipeline], capture_output=True, env=env, timeout=60, check=True)
    assert done.stdout.decode().splitlines()[0] == "treaty-2000" and done.stderr == b""
    target = Path(cache_file(str(cache / "chrono"), inputs_of(data)))
    deadline = time.monotonic() + 30
    while not target.exists() and time.monotonic() < deadline:  # written by a detached child
        time.sleep(0.05)
    assert CachedTimeline(target.read_bytes())
    again = subprocess.run([sys.executable, "-m", "chrono", "list", "--data", str(data), "--format", "ids"],
                           capture_output=True, env=env, timeout=60, check=True)  # fmt: skip
    assert again.stdout == done.stdout


def test_a_cached_timeline_is_freed_without_the_cycle_collector(data: Path, tmp_path: Path) -> None:
    """The collector is paused for a whole run: a reference cycle through the timeline would keep
    every decoded event alive to the end and cost a long collection there."""
    import gc
    import weakref

    directory = tmp_path / "cache"
    load_timeline([str(data)], None, str(directory))
    timeline = load_timeline([str(data)], None, str(directory))
    assert isinstance(timeline, CachedTimeline)
    assert [e.id for e in run(Query(), timeline)]
    assert timeline.chronology.actors is not None
    gone = weakref.ref(timeline)
    collecting = gc.isenabled()
    gc.disable()
    try:
        del timeline
        assert gone() is None
    finally:
        if collecting:
            gc.enable()

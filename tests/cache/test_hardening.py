"""The cache under attack: tag collisions, undecodable caches, modes, FIFOs, pipes, and the
default data taken from the working directory (issue 12)."""

from __future__ import annotations

import contextlib
import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import chrono.cache.records
import chrono.cache.store
from chrono.cache.records import DATE_TAG
from chrono.cache.store import cache_file, encode, fingerprint, store
from chrono.cache.timeline import CachedTimeline
from chrono.loading import bundled
from chrono.loading.dataset import load
from tests.conftest import FIXTURES, Invoke

SAMPLE = FIXTURES / "sample.toml"


def cache_home(tmp_path: Path) -> Path:
    return tmp_path / "xdg-cache"


def cache_path(home: Path, data: Path) -> Path:
    inputs = fingerprint([str(data)])
    assert inputs is not None
    return Path(cache_file(str(home / "chrono"), inputs))


def collision(value: str) -> str:
    """A chronology whose ``extra`` holds the cache's own date tag as a key."""
    return (
        '[[event]]\nid = "tagged"\ndate = 2001-02-03\nkind = "k"\ntitle = "t"\n'
        f'extra = {{ "\\u0000chrono-date" = {value}, plain = {{ "\\u0000chrono-x" = 1 }} }}\n'
        '[[event]]\nid = "nested"\ndate = 2002-02-03\nkind = "k"\ntitle = "u"\n'
        f'extra = {{ inner = {{ "\\u0000chrono-date" = {value} }}, when = 2001-01-01 }}\n'
    )


@pytest.mark.parametrize("value", ['["date", "2001-01-01"]', '"x"', '["time", "x"]', "[1, 2, 3]"])
def test_an_extra_key_equal_to_the_date_tag_reads_the_same_warm_and_cold(
    invoke: Invoke, tmp_path: Path, value: str
) -> None:
    assert DATE_TAG == "\x00chrono-date"
    data = tmp_path / "tag.toml"
    data.write_text(collision(value), encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(cache_home(tmp_path))}
    for args in (["list", "--format", "json"], ["show", "tagged", "nested", "--format", "json"]):
        cold = invoke(["--no-cache", *args, "--data", str(data)], env=env)
        assert cold.exit_code == 0, cold.stderr
        for _ in range(3):  # writes the cache, then reads it
            warm = invoke([*args, "--data", str(data)], env=env)
            assert (warm.exit_code, warm.stdout, warm.stderr) == (0, cold.stdout, "")
    records = json.loads(invoke(["list", "--format", "json", "--data", str(data)], env=env).stdout)
    assert records[0]["extra"]["\x00chrono-date"] == json.loads(value)
    assert records[0]["extra"]["plain"] == {"\x00chrono-x": 1}
    assert records[1]["extra"]["when"] == "2001-01-01"


def test_a_cache_that_will_not_decode_falls_back_to_the_toml_and_is_rebuilt(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache whose checksums hold but whose records do not decode (a bug, a tampered file):
    the answer comes from the TOML (exit 0, never 3), and the next runs rebuild the cache."""
    data = tmp_path / "d.toml"
    data.write_bytes(SAMPLE.read_bytes())
    # Written well before it is read: a file written in the tick it is read is "racy" and is
    # rightly not cached again, which on a fast run would leave nothing rebuilt to look at.
    past = time.time() - 60
    os.utime(data, (past, past))
    home = cache_home(tmp_path)
    # The rebuild is written before exit, not by a detached child that may still be writing when
    # the assertions below read the file (they failed that way on a loaded machine).
    env = {"XDG_CACHE_HOME": str(home), "CHRONO_CACHE_BACKGROUND": "0"}
    expected = {
        fmt: invoke(["--no-cache", "list", "--data", str(data), "--format", fmt]).stdout
        for fmt in ("json", "tsv", "ids")
    }
    chronology = load([str(data)])
    inputs = fingerprint([str(data)])
    assert inputs is not None
    good = chrono.cache.store._record
    with monkeypatch.context() as patch:
        patch.setattr(chrono.cache.store, "_record", lambda event: [*good(event)[:-3], "not a date", None, False])
        broken = encode(chronology, inputs, [chrono.cache.store.checksum(data.read_bytes())], 0)
    target = cache_path(home, data)
    store(str(target), broken)
    time.sleep(0.1)  # past the tick of the writes above (RACY_FINE_NS), as a real next run would be
    assert isinstance(CachedTimeline(broken), CachedTimeline)  # whole and checksummed: only decoding fails
    for fmt in ("json", "ids", "tsv"):
        result = invoke(["list", "--data", str(data), "--format", fmt, "--kind", "summit", "--kind", "treaty"], env=env)
        assert result.exit_code == 0 and result.stderr == ""
        everything = invoke(["list", "--data", str(data), "--format", fmt], env=env)
        assert (everything.exit_code, everything.stdout, everything.stderr) == (0, expected[fmt], "")
    show = invoke(["show", "treaty-2000", "--data", str(data), "--format", "json"], env=env)
    assert show.exit_code == 0 and json.loads(show.stdout)[0]["id"] == "treaty-2000"
    assert target.read_bytes() != broken  # rebuilt
    rebuilt = CachedTimeline(target.read_bytes())
    assert [e.id for e in rebuilt.events] == [e.id for e in chronology.events]


@pytest.mark.parametrize("value", ['["date", "2001-01-01"]', '"x"'])
def test_a_cache_that_would_not_read_back_the_same_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """With the key escaping taken out (0.1.0's encoding), the tag collision is caught before
    the cache is written: the answer comes from the TOML and no cache file appears."""
    data = tmp_path / "tag.toml"
    data.write_text(collision(value), encoding="utf-8")
    untagged = chrono.cache.records.escape_keys
    monkeypatch.setattr(
        chrono.cache.store, "escape_keys", lambda v: v if isinstance(v, dict) and "plain" in v else untagged(v)
    )
    timeline, pending = chrono.cache.store.load_timeline([str(data)], None, str(tmp_path / "c"))
    assert pending is None and not isinstance(timeline, CachedTimeline)
    assert timeline.chronology.events == load([str(data)]).events
    assert not list((tmp_path / "c").glob("*.cache"))


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o077, 0o277])
def test_the_cache_is_private_whatever_the_umask(invoke: Invoke, tmp_path: Path, mask: int) -> None:
    data = tmp_path / "private.toml"
    data.write_bytes(SAMPLE.read_bytes())
    data.chmod(0o600)
    home = cache_home(tmp_path)
    with umask(mask):
        result = invoke(["list", "--data", str(data)], env={"XDG_CACHE_HOME": str(home)})
    assert result.exit_code == 0
    assert mode(home / "chrono") == 0o700
    files = list((home / "chrono").iterdir())
    assert [p.suffix for p in files] == [".cache"] and all(mode(p) == 0o600 for p in files)


def test_an_open_cache_directory_is_closed_and_a_wide_file_replaced_privately(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "d.toml"
    data.write_bytes(SAMPLE.read_bytes())
    home = cache_home(tmp_path)
    (home / "chrono").mkdir(parents=True)
    (home / "chrono").chmod(0o755)
    target = cache_path(home, data)
    target.write_bytes(b"junk from an older chrono, world-readable")
    target.chmod(0o666)
    with umask(0o000):
        assert invoke(["list", "--data", str(data)], env={"XDG_CACHE_HOME": str(home)}).exit_code == 0
    assert mode(home / "chrono") == 0o700
    assert mode(target) == 0o600 and CachedTimeline(target.read_bytes())


def test_a_fifo_at_the_cache_path_does_not_block(tmp_path: Path) -> None:
    data = tmp_path / "d.toml"
    data.write_bytes(SAMPLE.read_bytes())
    home = cache_home(tmp_path)
    target = cache_path(home, data)
    target.parent.mkdir(parents=True, mode=0o700)
    os.mkfifo(target)
    env = {**os.environ, "XDG_CACHE_HOME": str(home), "CHRONO_CACHE_BACKGROUND": "0", "CHRONO_DATA": ""}
    command = [sys.executable, "-m", "chrono", "list", "--data", str(data), "--format", "ids"]
    done = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.startswith(b"treaty-2000\n") and done.stderr == b""
    assert stat.S_ISREG(target.lstat().st_mode)  # replaced by a real cache


def test_a_link_at_the_cache_path_is_not_followed(tmp_path: Path) -> None:
    data = tmp_path / "d.toml"
    data.write_bytes(SAMPLE.read_bytes())
    home = cache_home(tmp_path)
    target = cache_path(home, data)
    target.parent.mkdir(parents=True, mode=0o700)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"not yours")
    target.symlink_to(elsewhere)
    with pytest.raises(chrono.cache.store.CacheMiss):
        chrono.cache.store.open_cache(str(target), fingerprint([str(data)]) or [])
    chrono.cache.store.load_timeline([str(data)], None, str(home / "chrono"))
    assert elsewhere.read_bytes() == b"not yours" and not target.is_symlink()


def test_pipes_are_not_cached(invoke: Invoke, tmp_path: Path) -> None:
    """``--data <(...)``: a pipe read once; caching it would leave a file never used again."""
    home = cache_home(tmp_path)
    expected = invoke(["--no-cache", "list", "--data", str(SAMPLE)]).stdout
    for _ in range(2):
        reader, writer = os.pipe()
        os.write(writer, SAMPLE.read_bytes())
        os.close(writer)
        try:
            result = invoke(["list", "--data", f"/dev/fd/{reader}"], env={"XDG_CACHE_HOME": str(home)})
        finally:
            os.close(reader)
        assert result.exit_code == 0 and result.stdout == expected
    assert not (home / "chrono").exists() or not list((home / "chrono").iterdir())
    assert fingerprint(["/dev/null"]) is None  # a device is not a regular file either


@pytest.mark.parametrize("impostor", ["file", "directory"])
def test_the_default_data_is_the_bundled_file_not_the_working_directory(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, impostor: str
) -> None:
    expected_list = invoke(["--no-cache", "list"]).stdout
    expected_datasets = invoke(["datasets"]).stdout
    assert expected_datasets.startswith(f"{bundled.DEFAULT}\t43\t")
    fake = '[[event]]\nid = "impostor"\ndate = 2001-01-01\nkind = "k"\ntitle = "not the bundled data"\n'
    monkeypatch.chdir(tmp_path)
    if impostor == "file":
        (tmp_path / bundled.DEFAULT).write_text(fake, encoding="utf-8")
    else:
        (tmp_path / bundled.DEFAULT).mkdir()
        (tmp_path / bundled.DEFAULT / "x.toml").write_text(fake, encoding="utf-8")
    assert invoke(["list"]).stdout == expected_list
    assert invoke(["--no-cache", "list"]).stdout == expected_list
    assert invoke(["datasets"]).stdout == expected_datasets
    # Given explicitly, a path that exists wins over a bundled name, as documented.
    assert invoke(["list", "--data", bundled.DEFAULT, "--format", "ids"]).stdout == "impostor\n"

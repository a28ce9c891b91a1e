"""Ordinary input never ends in an internal error: the ends of the calendar, devices and pipes as
data, a full disk, closed standard streams, paths that are not UTF-8, git at odd paths, Ctrl-C
during start-up."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from chrono.errors import SourceError
from chrono.loading import dataset
from tests.cli.test_process import base_env
from tests.conftest import FIXTURES, Invoke

WriteToml = Callable[..., Path]
SAMPLE = FIXTURES / "sample.toml"
LAST_DAY = '[[event]]\nid = "last"\ndate = 9999-12-31\nkind = "talks"\ntitle = "The last day"\n'
SPAN_TO_LAST = '[[event]]\nid = "span"\ndate = 9999-12-30\nend = 9999-12-31\nkind = "talks"\ntitle = "Span"\n'


def sane(result: object) -> None:
    stderr = getattr(result, "stderr", "")
    assert "Traceback" not in stderr and "internal error" not in stderr and "Exception ignored" not in stderr, stderr


def process(
    *args: str | bytes, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "chrono", *args],
        capture_output=kwargs.pop("capture_output", True),
        text=True,
        env={**base_env(), **(env or {})},
        timeout=60,
        check=False,
        **kwargs,
    )


def test_an_event_on_the_last_day_of_the_calendar(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(LAST_DAY)
    drawn = invoke(["timeline", "--data", str(path), "--width", "80"])
    sane(drawn)
    assert drawn.exit_code == 0 and "9999-12-31 … 10000-01-01 · 1 event" in drawn.stdout
    pinned = invoke(["timeline", "--data", str(path), "--from", "9999-12-31", "--width", "80"])
    assert pinned.exit_code == 0
    calendar = invoke(["export", "--format", "ics", "--data", str(path)])
    sane(calendar)
    assert calendar.exit_code == 0
    assert "DTSTART;VALUE=DATE:99991231" in calendar.stdout and "DURATION:P1D" in calendar.stdout
    assert "DTEND" not in calendar.stdout
    span = invoke(["export", "--format", "ics", "--data", str(write_toml(SPAN_TO_LAST, "span.toml"))])
    assert span.exit_code == 0 and "DURATION:P2D" in span.stdout


def test_relative_dates_past_the_ends_of_the_calendar(invoke: Invoke) -> None:
    after = invoke(["list", "--from", "tomorrow"], today=dt.date(9999, 12, 31))
    sane(after)
    assert after.exit_code == 2 and "1 day from 9999-12-31 is outside years 0001-9999" in after.stderr
    before = invoke(["between", "yesterday", "today"], today=dt.date(1, 1, 1))
    sane(before)
    assert before.exit_code == 1
    assert "1 day from 0001-01-01 is outside years 0001-9999" in before.stderr


def test_a_device_as_data_is_refused_at_once() -> None:
    result = process("list", "--data", "/dev/zero")
    sane(result)
    assert result.returncode == 2 and "'/dev/zero': it is a device" in result.stderr
    with open("/dev/zero", "rb") as zero:
        piped = process("list", "--data", "-", stdin=zero)
    sane(piped)
    assert piped.returncode == 2 and "standard input is a device" in piped.stderr
    with open(SAMPLE, "rb") as regular:
        assert process("list", "--data", "-", stdin=regular).stdout.startswith("2000-02-09\ttreaty-2000")


def test_a_pipe_is_read_up_to_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset, "MAX_STREAM", 100)
    monkeypatch.setattr(dataset, "_CHUNK", 16)
    read, write = os.pipe()
    os.write(write, b"#" * 101)
    os.close(write)
    try:
        with pytest.raises(SourceError, match="more than 0 MiB from a pipe"):
            dataset.read_text(dataset.Input("pipe", f"/dev/fd/{read}"), lambda: b"")
    finally:
        os.close(read)
    read, write = os.pipe()
    os.write(write, b"# fine\n")
    os.close(write)
    try:
        assert dataset.read_text(dataset.Input("pipe", f"/dev/fd/{read}"), lambda: b"") == "# fine\n"
    finally:
        os.close(read)


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "json"],
        ["show", "moscow-declaration"],
        ["check", "--format", "json"],
        ["timeline", "--color", "always"],
        ["stats", "--format", "table", "--color", "always"],
    ],
)
def test_a_full_disk_is_a_clear_error(args: list[str]) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = process(*args, stdout=full, capture_output=False, stderr=subprocess.PIPE)
    sane(result)
    assert result.returncode == 2, result.stderr
    assert "No space left on device" in result.stderr
    assert result.stderr.count("\n") == 1


def test_closed_standard_streams() -> None:
    closed_out = process(
        "list", capture_output=False, stderr=subprocess.PIPE, pass_fds=(), preexec_fn=lambda: os.close(1)
    )
    sane(closed_out)
    assert closed_out.returncode == 2
    assert closed_out.stderr == "chrono: error: cannot write to standard output: it is closed\n"
    closed_in = process("list", "--data", str(SAMPLE), preexec_fn=lambda: os.close(0))
    sane(closed_in)
    assert closed_in.returncode == 0 and closed_in.stdout.startswith("2000-02-09\ttreaty-2000")
    reading = process("list", "--data", "-", preexec_fn=lambda: os.close(0))
    sane(reading)
    assert reading.returncode == 2 and "standard input is closed" in reading.stderr
    closed_err = process(
        "list", "--data", "missing.toml", capture_output=False, stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2)
    )
    assert closed_err.returncode == 2 and closed_err.stdout == ""


def test_a_data_path_that_is_not_utf8_with_the_cache_written_at_once(tmp_path: Path) -> None:
    directory = os.fsencode(tmp_path)
    path = os.path.join(directory, b"\xff-data.toml")
    with open(path, "wb") as stream:
        stream.write(SAMPLE.read_bytes())
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "CHRONO_CACHE_BACKGROUND": "0"}
    runs = [process("list", "--data", path, env=env) for _ in range(2)]  # cold, then from the cache
    for result in runs:
        sane(result)
        assert result.returncode == 0 and result.stdout.startswith("2000-02-09\ttreaty-2000")
    assert runs[0].stdout == runs[1].stdout
    assert list((tmp_path / "cache" / "chrono").glob("*.cache"))


def _git(where: Path | bytes, *args: str) -> None:
    subprocess.run(["git", "-C", where, *args], check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_rev_at_odd_paths(tmp_path: Path) -> None:
    repo = os.path.join(os.fsencode(tmp_path), b"repo-\xff")
    os.mkdir(repo)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "t")
    with open(os.path.join(repo, b"s.toml"), "wb") as stream:
        stream.write(SAMPLE.read_bytes())
    _git(repo, "add", "s.toml")
    _git(repo, "commit", "-qm", "one")
    unchanged = process("diff", "--rev", "HEAD", os.path.join(repo, b"s.toml"))
    sane(unchanged)
    assert (unchanged.returncode, unchanged.stdout) == (0, "")
    whole = process("diff", "--rev", "HEAD", repo)
    sane(whole)
    assert (whole.returncode, whole.stdout) == (0, "")
    outside = tmp_path / "outside.toml"
    outside.write_bytes(SAMPLE.read_bytes())
    os.symlink(outside, os.path.join(repo, b"link.toml"))
    link = process("diff", "--rev", "HEAD", os.path.join(repo, b"link.toml"))
    sane(link)
    assert link.returncode == 2 and "leads outside the git repository" in link.stderr


INTERRUPTED = """
import builtins, os, signal, sys
real = builtins.__import__
def hooked(name, *args, **kwargs):
    if name == {module!r}:
        builtins.__import__ = real
        os.kill(os.getpid(), signal.SIGINT)
    return real(name, *args, **kwargs)
builtins.__import__ = hooked
sys.argv[1:] = ["list", "--data", {sample!r}]
import importlib
entry = importlib.import_module({entry_module!r})
getattr(entry, {entry_attr!r})()
"""


@pytest.mark.parametrize("module", ["click", "chrono.cli.env", "chrono.loading.dataset", "chrono.questions.query"])
def test_ctrl_c_from_the_console_script_s_first_import(module: str) -> None:
    """The console script imports its entry point, then chrono imports click and the command:
    Ctrl-C at any of those moments exits 130 without a traceback (Python's default would print
    one, or die by the signal)."""
    scripts = [ep for ep in importlib.metadata.entry_points(group="console_scripts") if ep.name == "chrono"]
    assert scripts, "chrono is not installed"
    code = INTERRUPTED.format(
        module=module, sample=str(SAMPLE), entry_module=scripts[0].module, entry_attr=scripts[0].attr
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=base_env(), timeout=60, check=False
    )
    hint = f"the installed entry point is {scripts[0].value} (pyproject says chrono.__main__:main; pip install -e .)"
    assert result.returncode == 130, (hint, result.returncode, result.stderr[-500:])
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr
    assert result.stdout == ""

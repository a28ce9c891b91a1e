"""Answers that hide failure: a closed pipe keeps check's and diff's status; diff --rev sees
every file name; stdin is not read twice; the near-duplicate check and the timeline's width are
bounded."""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_process import base_env
from tests.conftest import FIXTURES, Invoke

WriteToml = Callable[..., Path]
SAMPLE = FIXTURES / "sample.toml"
BAD = '[[event]]\nid = "a"\ndate = "2001-13"\nkind = "k"\ntitle = "A"\n'


def closed_pipe_run(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run chrono with stdout on a pipe whose reader has already gone: every write fails."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "chrono", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            env=base_env(),
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)


def test_a_closed_pipe_keeps_the_status_of_check_and_diff(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD, encoding="utf-8")
    changed = tmp_path / "changed.toml"
    changed.write_text(SAMPLE.read_text(encoding="utf-8").replace("Friendship treaty", "Treaty"), encoding="utf-8")
    for args, status in (
        (["check", str(bad)], 1),
        (["check", "--format", "json", str(bad)], 1),
        (["check", str(SAMPLE), "--today", "2026-01-01"], 0),
        (["diff", str(SAMPLE), str(changed)], 1),
        (["diff", str(SAMPLE), str(changed), "--format", "json"], 1),
        (["diff", str(SAMPLE), str(changed), "--stat"], 1),
        (["list", "--data", str(SAMPLE)], 0),
    ):
        result = closed_pipe_run(*args)
        assert result.returncode == status, (args, result.returncode, result.stderr)
        assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr


def test_pipefail_sees_a_failed_check(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD * 1, encoding="utf-8")
    script = f'"{sys.executable}" -m chrono check "{bad}" | true'
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        env=base_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 1


def _git(where: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(where), *args], check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_rev_reads_names_git_would_quote(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    data = repo / "data"
    data.mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "t")
    (data / "événements\tà jour.toml").write_bytes(SAMPLE.read_bytes())
    (data / "sub.toml").mkdir()  # a directory named like a file: not data
    (data / "sub.toml" / "x.toml").write_text(BAD, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "one")
    result = subprocess.run(
        [sys.executable, "-m", "chrono", "diff", "--rev", "HEAD", str(data)],
        capture_output=True,
        text=True,
        env=base_env(),
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_diff_of_stdin_with_itself_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["diff", "-", "-"], input=SAMPLE.read_text(encoding="utf-8"))
    assert result.exit_code == 2
    assert "standard input can be read once" in result.stderr
    assert result.stdout == ""


def _long_titles(count: int, words: int) -> str:
    rng = random.Random(12)
    vocabulary = [f"word{n}x" for n in range(3000)]
    events = []
    for index in range(count):
        title = " ".join(rng.choices(vocabulary, k=words + index % 2))  # lengths n and n+1: the slow path once
        events.append(
            f'[[event]]\nid = "e{index}"\ndate = 2001-01-01\nkind = "k"\ntitle = "{title}"\nsources = ["s"]\n'
        )
    base = " ".join(rng.choices(vocabulary, k=words))
    dropped = " ".join(base.split()[: words // 2] + base.split()[words // 2 + 1 :])
    typo = base.replace("word", "wrod", 1) if base.startswith("word") else base
    for ident, title in (("base", base), ("dropped", dropped), ("typo", typo)):
        events.append(f'[[event]]\nid = "{ident}"\ndate = 2001-01-01\nkind = "k"\ntitle = "{title}"\nsources = ["s"]\n')
    return "".join(events) + '[[source]]\nid = "s"\ntitle = "S"\n'


def test_near_duplicates_of_long_titles_are_found(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(_long_titles(20, 300))
    result = invoke(["check", str(path), "--today", "2026-01-01"])
    warned = [line for line in result.stdout.splitlines() if "near-duplicate" in line]
    assert any("event 'dropped'" in line and "'base'" in line for line in warned), warned
    assert any("event 'typo'" in line and "'base'" in line for line in warned), warned
    assert len(warned) == 2


def _limit_cpu() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (20, 20))


def test_near_duplicate_check_is_not_quadratic_in_title_length(tmp_path: Path) -> None:
    """200 same-day events with 2,000-word titles (lengths alternating, the slow path of the old
    comparison): about a second of CPU now, minutes before (40 s at 800 words). A CPU-time limit
    of 20 s (the kernel's, not a wall clock: other load on the machine does not count) separates
    the two by more than tenfold either way."""
    path = tmp_path / "long.toml"
    path.write_text(_long_titles(197, 2000), encoding="utf-8")  # with the 3 below: 200, the limit
    result = subprocess.run(
        [sys.executable, "-m", "chrono", "check", str(path), "--today", "2026-01-01"],
        capture_output=True,
        text=True,
        env=base_env(),
        timeout=600,
        check=False,
        preexec_fn=_limit_cpu,
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-300:])
    assert result.stdout.count("near-duplicate") == 2


def test_timeline_width_is_bounded(invoke: Invoke) -> None:
    wide = invoke(["timeline", "--data", str(SAMPLE), "--width", "200000"])
    assert wide.exit_code == 0
    assert max(len(line) for line in wide.stdout.splitlines()) == 1000
    env = {**base_env(), "COLUMNS": "200000"}
    piped = subprocess.run(
        [sys.executable, "-m", "chrono", "timeline", "--data", str(SAMPLE)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert piped.returncode == 0
    assert max(len(line) for line in piped.stdout.splitlines()) == 1000

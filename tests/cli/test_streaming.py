"""Long terminal output streams: the pager gets the first screen while later rows are being drawn.

A real process on a pseudo-terminal, its pager a small script that records, when its first input
arrives and again at the end, the CPU time chrono (its parent) has used so far. When everything
is drawn before anything is written (rich's Table measures all rows first), chrono does almost no
work after the pager's first read; when rows stream, drawing the rest happens after it. CPU time,
not wall time: the test holds on a loaded machine and sets no time limit.
"""

from __future__ import annotations

import fcntl
import importlib.util
import json
import os
import pty
import struct
import subprocess
import sys
import termios
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pytest

from tests.cli.test_process import base_env
from tests.conftest import REPO, Invoke

PAGER = textwrap.dedent(
    """\
    import json, os, sys

    def cpu():  # utime + stime of chrono, the pager's parent, in clock ticks
        fields = open(f"/proc/{os.getppid()}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    log, seen, total = sys.argv[1], [], 0
    while True:
        chunk = sys.stdin.buffer.read1(65536)
        if not chunk:
            break
        if not seen:
            seen.append(cpu())
        total += chunk.count(b"\\n")
    seen.append(cpu())
    json.dump({"at_first": seen[0], "at_end": seen[-1], "lines": total}, open(log, "w"))
    """
)


pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")


@pytest.fixture(scope="module")
def many_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("make_chronology", REPO / "bench" / "make_chronology.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    toml, _, _ = module.generate(20000, tmp_path_factory.mktemp("many"), seed=11)
    return Path(toml)


def _run_paged(args: list[str], tmp_path: Path) -> dict[str, int]:
    pager, log = tmp_path / "pager.py", tmp_path / "pager.json"
    pager.write_text(PAGER)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**base_env(), "TERM": "xterm-256color", "CHRONO_PAGER": f"{sys.executable} {pager} {log}"}
    proc = subprocess.run(
        [sys.executable, "-m", "chrono", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
        check=False,
    )
    os.close(slave)
    os.close(master)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, int] = json.loads(log.read_text())
    return result


def test_a_long_table_reaches_the_pager_before_the_last_row_is_drawn(many_events: Path, tmp_path: Path) -> None:
    warm = [sys.executable, "-m", "chrono", "list", "--data", str(many_events), "--format", "tsv"]
    subprocess.run(warm, env={**base_env(), "CHRONO_CACHE_BACKGROUND": "0"}, capture_output=True, check=True)
    seen = _run_paged(["list", "--data", str(many_events), "--format", "table"], tmp_path)
    assert seen["lines"] > 20000  # the whole table went through the pager
    before, after = seen["at_first"], seen["at_end"] - seen["at_first"]
    assert after > before / 10, f"chrono used {before} ticks before the first lines reached the pager, {after} after"


def test_a_short_table_is_not_paged(tmp_path: Path) -> None:
    pager, log = tmp_path / "pager.py", tmp_path / "pager.json"
    pager.write_text(PAGER)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**base_env(), "CHRONO_PAGER": f"{sys.executable} {pager} {log}"}
    proc = subprocess.run(
        [sys.executable, "-m", "chrono", "list", "--from", "2024", "--format", "table"],
        stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE, env=env, timeout=60, check=False,
    )  # fmt: skip
    os.close(slave)
    screen = os.read(master, 65536)
    os.close(master)
    assert proc.returncode == 0
    assert not log.exists()
    assert b"partnership-treaty-in-force" in screen


def test_one_screen_is_held_back_and_the_rest_goes_to_the_pager_as_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process and exact: when the pager gets its first line, only one screen has been drawn."""
    import io

    from chrono.cli import output, pager
    from chrono.cli.env import Environment

    drawn: list[int] = []

    def lines() -> Iterator[str]:
        for number in range(1000):
            drawn.append(number)
            yield f"{number}\n"

    at_first: list[int] = []
    received: list[str] = []

    def fake_page(command: str, text: str | Iterable[str], environ: Mapping[str, str]) -> bool:
        stream = iter([text] if isinstance(text, str) else text)
        received.append(next(stream))
        at_first.append(len(drawn))
        received.extend(stream)
        return True

    monkeypatch.setattr(pager, "page", fake_page)
    env = Environment(stdout=io.StringIO(), stdout_isatty=True, height=40, environ={"PAGER": "less"})
    output.write_paged(env, lines())
    assert at_first == [40]
    assert "".join(received) == "".join(f"{number}\n" for number in range(1000))
    assert env.stdout.getvalue() == ""


# Each long view, and a function its renderer calls once per row (or line) while drawing.
STREAMED = [
    (["list", "--data", "us-visits", "--format", "table"], "chrono.render.table", "row_lines"),
    (
        ["list", "--data", "us-visits", "--format", "table", "--fields", "date,id,place"],
        "chrono.render.table",
        "row_lines",
    ),
    (
        ["anniversaries", "--data", "us-visits", "--ahead", "120", "--format", "table"],
        "chrono.render.panels",
        "row_lines",
    ),
    (["stats", "--data", "us-visits", "--by", "year", "--format", "table"], "chrono.render.columns", "row_lines"),
    (
        ["show", "--format", "panel", "moscow-declaration", "putin-visit-2000", "putin-visit-2024"],
        "chrono.render.panels",
        "event_panel",
    ),
    (["diff", "--format", "text", "data/dprk-russia.toml", "tests/data/sample.toml"], "chrono.escape", "visible"),
    (["check", "--format", "text", "tests/data/hostile.toml"], "chrono.render.problems", "line"),
]


@pytest.mark.parametrize(("args", "module", "name"), STREAMED)
def test_long_terminal_output_reaches_the_pager_before_it_is_all_drawn(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, args: list[str], module: str, name: str
) -> None:
    """When the pager reads its first line, the renderer has drawn only part of the view (its
    per-row function has been called fewer times than it will be in all); and the pager gets
    exactly what --no-pager writes."""
    import importlib

    from chrono.cli import pager

    target = importlib.import_module(module)
    real = getattr(target, name)
    calls = [0]

    def counted(*a: object, **k: object) -> object:
        calls[0] += 1
        return real(*a, **k)

    monkeypatch.setattr(target, name, counted)
    at_first: list[int] = []
    received: list[str] = []

    def fake_page(command: str, text: str | Iterable[str], environ: Mapping[str, str]) -> bool:
        stream = iter([text] if isinstance(text, str) else text)
        received.append(next(stream))
        at_first.append(calls[0])
        received.extend(stream)
        return True

    monkeypatch.setattr(pager, "page", fake_page)
    env = {"CHRONO_PAGER": "less"}
    paged = invoke(args, tty=True, env=env, height=3)
    assert paged.stdout == "" and len(at_first) == 1, paged.stderr
    assert at_first[0] < calls[0], f"{at_first[0]} of {calls[0]} drawn before the pager saw a line"
    direct = invoke([*args, "--no-pager"], tty=True, env=env)
    assert "".join(received) == direct.stdout

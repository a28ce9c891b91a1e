"""chrono as a real process: terminal vs pipe, closed pipes, Ctrl-C, and what gets imported."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import FIXTURES

SAMPLE = str(FIXTURES / "sample.toml")


def base_env() -> dict[str, str]:
    """The environment for child processes, read when the test runs (after the home is isolated)."""
    return {
        k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CHRONO_DATA", "COLUMNS", "LINES")
    }


def chrono(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chrono", *args],
        capture_output=True,
        text=True,
        env=base_env(),
        timeout=60,
        check=False,
        **kwargs,
    )  # type: ignore[call-overload, no-any-return]


def in_pty(args: Sequence[str], columns: int = 100, env: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Run chrono with stdout and stderr on a pseudo-terminal of the given width."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "chrono", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env={**base_env(), "TERM": "xterm-256color", **(env or {})},
    )
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=10), b"".join(chunks)


def test_version_as_a_module() -> None:
    result = chrono("--version")
    assert result.returncode == 0 and result.stdout.startswith("chrono ")


def test_terminal_gets_a_coloured_table_and_a_pipe_gets_tsv() -> None:
    code, screen = in_pty(["list", "--data", SAMPLE, "--to", "2001"])
    assert code == 0
    assert b"\x1b[" in screen and b"Date" in screen and b"Friendship treaty signed" in screen
    assert b"4 events" in screen
    piped = chrono("list", "--data", SAMPLE, "--to", "2001")
    assert piped.stdout.splitlines()[0] == "2000-02-09\ttreaty-2000\ttreaty\tFriendship treaty signed"
    assert "\x1b" not in piped.stdout and piped.stderr == ""


def test_terminal_width_is_respected() -> None:
    for columns in (60, 120):
        _, screen = in_pty(["list", "--data", SAMPLE, "--color", "never"], columns=columns)
        lines = screen.decode().replace("\r\n", "\n").splitlines()
        assert max(len(line) for line in lines) <= columns


def test_no_color_in_a_terminal() -> None:
    _, screen = in_pty(["list", "--data", SAMPLE], env={"NO_COLOR": "1"})
    assert b"\x1b[" not in screen.replace(b"\x1b[?", b"")


def test_hostile_text_never_reaches_the_terminal_raw() -> None:
    _, screen = in_pty(["list", "--data", str(FIXTURES / "hostile.toml"), "--color", "never"], columns=200)
    assert b"\x1b]0;pwned" not in screen and b"\x07" not in screen and "\u202e".encode() not in screen
    assert b"\xc2\x9b" not in screen and b"\x7f" not in screen
    assert b"[bold red]not markup[/bold red]" in screen
    assert b"\\x1b]0;pwned\\x07" in screen


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_text(
        "".join(f'[[event]]\nid = "e{i}"\ndate = 2001-01-01\nkind = "k"\ntitle = "{"x" * 200}"\n' for i in range(5000))
    )
    script = f'"{sys.executable}" -m chrono list --data "{big}" | head -1'
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        env=base_env(),
        timeout=60,
        check=False,
    )
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""
    assert result.returncode == 0


def test_ctrl_c_exits_130_without_traceback() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "chrono", "list", "--data", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=base_env(),
    )
    time.sleep(1.5)  # let it start and block reading stdin
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=base_env(), timeout=60, check=True
    )
    return set(out.stdout.split())


def test_core_imports_neither_click_nor_rich() -> None:
    code = (
        "import sys, chrono.loading.dataset, chrono.questions.query, chrono.questions.timeline, chrono.dates.edtf, chrono.dates.arguments, chrono.escape\n"
        "from chrono.loading.dataset import load; from chrono.questions.timeline import Timeline; from chrono.questions.query import Query, run\n"
        "list(run(Query(actors=('putin',)), Timeline(load(['dprk-russia']))))\n"
        "print(' '.join(sys.modules))"
    )
    loaded = _modules_after(code)
    assert not {m for m in loaded if m.split(".")[0] in ("click", "rich")}


def test_piped_list_loads_neither_rich_nor_dateutil_parser() -> None:
    code = (
        "import sys, io\n"
        "from chrono.cli.main import cli\n"
        "sys.stdout = io.StringIO()\n"
        "code = cli.main(['list', '--from', '2000'], standalone_mode=False)\n"
        "sys.stdout = sys.__stdout__\n"
        "print(code, ' '.join(sys.modules))"
    )
    loaded = _modules_after(code)
    assert "0" in loaded
    assert not {m for m in loaded if m.split(".")[0] == "rich"}
    assert "dateutil.parser" not in loaded


def test_an_ascii_terminal_gets_ascii_drawing_not_escapes() -> None:
    """Under LC_ALL=C the table's rule and arrows, and the timeline's glyphs, are drawn in ASCII
    (one character for one, so columns stay aligned), not as \\u2500 escapes."""
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}
    for args in (["list", "--from", "2024", "--no-pager"], ["timeline", "--from", "2020", "--no-pager"]):
        code, screen = in_pty(args, env=env)
        assert code == 0
        assert b"\\u25" not in screen and b"\\u21" not in screen, screen[:300]
    code, screen = in_pty(["list", "--from", "2024", "--no-pager", "--color", "never"], env=env)
    assert b"-" * 80 in screen and b"2024-06-18 >" in screen
    code, screen = in_pty(["list", "--from", "2024", "--no-pager", "--color", "never"])  # a UTF-8 terminal
    assert "─".encode() * 80 in screen and "2024-06-18 →".encode() in screen


def test_on_an_ascii_terminal_the_datas_own_characters_are_escaped_not_replaced(tmp_path: Path) -> None:
    """Only chrono's drawings get ASCII stand-ins: a title's own '—' in JSON is an escape, lossless."""
    data = tmp_path / "g.toml"
    data.write_text('[[event]]\nid = "a"\ndate = 2020-01-01\nkind = "visit"\ntitle = "A — B → C"\n', encoding="utf-8")
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}
    code, screen = in_pty(["list", "--data", str(data), "--format", "json", "--no-pager"], env=env)
    assert code == 0
    assert b"A \\u2014 B \\u2192 C" in screen

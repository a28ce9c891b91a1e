"""Specific nasty inputs and situations, each of which once broke a tool like chrono."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import chrono.cache.store
import chrono.loading.dataset
from tests.cli.test_process import base_env
from tests.conftest import FIXTURES, Invoke

SAMPLE = FIXTURES / "sample.toml"


def test_a_100_mb_title(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write('[[event]]\nid = "huge"\ndate = 2001-01-01\nkind = "k"\ntitle = "')
        stream.write("é" * 50_000_000)  # 100 MB of UTF-8
        stream.write('"\n')
    result = invoke(["list", "--data", str(path), "--format", "ids"], env={"CHRONO_CACHE": "0"})
    assert (result.exit_code, result.stdout) == (0, "huge\n")
    line = invoke(["list", "--data", str(path), "--fields", "title"], env={"CHRONO_CACHE": "0"}).stdout_bytes
    assert len(line) == 100_000_001 and line.endswith(b"\n")


@pytest.mark.parametrize("where", ["top", "extra"])
def test_ten_thousand_nested_arrays(invoke: Invoke, tmp_path: Path, where: str) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    body = (
        f"x = {deep}\n"
        if where == "top"
        else f'[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\nextra = {{ a = {deep} }}\n'
    )
    path = tmp_path / "deep.toml"
    path.write_text(body, encoding="utf-8")
    for command in (["list"], ["check"]):
        result = invoke([*command, "--data", str(path)])
        assert result.exit_code in (1, 2) and "error" in (result.stderr + result.stdout)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_a_file_that_disappears_while_being_read(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gone.toml"
    path.write_bytes(SAMPLE.read_bytes())
    original = chrono.loading.dataset.read_text

    def vanish_first(source: chrono.loading.dataset.Input, read_stdin: object, *rest: object) -> str:
        path.unlink()
        return original(source, read_stdin, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(chrono.loading.dataset, "read_text", vanish_first)
    result = invoke(["list", "--data", str(path)])
    assert result.exit_code == 2 and f"cannot read '{path}': no such file" in result.stderr


def test_a_file_that_changes_while_being_read_is_not_cached(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "moving.toml"
    path.write_bytes(SAMPLE.read_bytes())
    original = chrono.loading.dataset.load

    def change_after(*args: object, **kwargs: object) -> object:
        result = original(*args, **kwargs)  # type: ignore[arg-type]
        path.write_bytes(SAMPLE.read_bytes() + b"\n# edited\n")
        return result

    monkeypatch.setattr(chrono.loading.dataset, "load", change_after)
    cache_dir = tmp_path / "cache"
    assert invoke(["list", "--data", str(path)], env={"XDG_CACHE_HOME": str(cache_dir)}).exit_code == 0
    assert not list((cache_dir / "chrono").glob("*.cache")) if (cache_dir / "chrono").exists() else True
    assert chrono.cache.store.fingerprint([str(path)])  # the file is still there, changed


def test_crlf_line_endings_everywhere(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "crlf.toml"
    path.write_bytes(SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert (
        invoke(["list", "--data", str(path), "--format", "ids"]).stdout
        == invoke(["list", "--data", str(SAMPLE), "--format", "ids"]).stdout
    )
    assert invoke(["check", str(path), "--today", "2030-01-01"]).exit_code == 0


def test_utf16_is_named(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "utf16.toml"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("utf-16"))
    result = invoke(["list", "--data", str(path)])
    assert result.exit_code == 2 and "UTF-16" in result.stderr


@pytest.mark.parametrize(
    "env", [{"LC_ALL": "C", "LANG": "C"}, {"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"}]
)
def test_poor_encodings_do_not_crash(env: dict[str, str]) -> None:
    for args in (
        ["list", "--format", "table", "--no-pager"],
        ["show", "moscow-declaration"],
        ["list", "--actor", "Ким Чен Ир"],
        ["timeline"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "chrono", *args],
            capture_output=True,
            env={**base_env(), **env},
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-300:]
        assert b"Traceback" not in done.stderr and done.stdout


def test_ctrl_c_while_loading_a_big_file(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_text(
        "".join(
            f'[[event]]\nid = "e{i}"\ndate = 2001-01-01\nkind = "k"\ntitle = "{"t" * 100}"\n' for i in range(150_000)
        )
    )
    proc = subprocess.Popen([sys.executable, "-m", "chrono", "--no-cache", "list", "--data", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=base_env())  # fmt: skip
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (130, 0) and b"Traceback" not in err  # 0 only if it finished first
    assert proc.returncode == 130


@pytest.mark.parametrize(
    "args",
    [["list", "--data", "us-visits"], ["list", "--data", "us-visits", "--format", "json"], ["show", "moscow-declaration", "moscow-visit-2001"],
     ["stats", "--data", "us-visits", "--by", "actor"], ["export", "--data", "us-visits", "--format", "html"],
     ["export", "--data", "us-visits", "--format", "markdown"], ["timeline", "--data", "us-visits"], ["check", "--data", "us-visits"],
     ["diff", "data/dprk-russia.toml", "data/us-visits.toml"], ["anniversaries", "--data", "us-visits", "--ahead", "365"]],
)  # fmt: skip
def test_a_closed_pipe_ends_quietly_in_every_command(args: list[str]) -> None:
    repo = Path(__file__).resolve().parents[2]
    command = " ".join(f"'{a}'" for a in args)
    script = f'"{sys.executable}" -m chrono {command} | head -c 10 > /dev/null'
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script],
        capture_output=True,
        cwd=repo,
        env=base_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1)  # diff answers 1 (differences); never 141 or 3
    assert b"Traceback" not in done.stderr and b"Broken pipe" not in done.stderr and b"Errno" not in done.stderr
    if args[0] != "check":  # check's one-line summary goes to stderr by design
        assert done.stderr == b""


def test_export_killed_mid_write_leaves_old_or_new(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old page", encoding="utf-8")
    seen = set()
    for delay in (0.1, 0.3, 0.5, 0.8, 1.2):
        proc = subprocess.Popen([sys.executable, "-m", "chrono", "export", "--data", "us-visits", "--format", "html", "-o", str(target)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=base_env())  # fmt: skip
        time.sleep(delay)
        proc.kill()
        proc.wait()
        content = target.read_bytes()
        assert content == b"old page" or (content.startswith(b"<!doctype html>") and content.endswith(b"</html>\n"))
        seen.add(content == b"old page")
        target.write_text("old page", encoding="utf-8")
    assert seen


def test_an_unwritable_home_still_works(tmp_path: Path) -> None:
    env = {**base_env(), "HOME": "/nonexistent/home"}
    env.pop("XDG_CACHE_HOME", None)
    env.pop("XDG_CONFIG_HOME", None)
    done = subprocess.run(
        [sys.executable, "-m", "chrono", "list", "--on", "2019"], capture_output=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0 and b"vladivostok-summit-2019" in done.stdout and done.stderr == b""


def test_a_read_only_data_directory(invoke: Invoke, tmp_path: Path) -> None:
    directory = tmp_path / "ro"
    directory.mkdir()
    (directory / "c.toml").write_bytes(SAMPLE.read_bytes())
    directory.chmod(0o555)
    try:
        assert invoke(["list", "--data", str(directory), "--format", "ids", "--limit", "1"]).stdout == "treaty-2000\n"
        assert sorted(p.name for p in directory.iterdir()) == ["c.toml"]  # chrono wrote nothing there
    finally:
        directory.chmod(0o755)
    assert os.access(directory, os.W_OK)

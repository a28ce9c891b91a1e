"""Ctrl-C at any moment after chrono's code starts: exit 130, never a traceback."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from tests.cli.test_process import base_env


def test_importing_chrono_does_not_import_typing() -> None:
    """chrono/__init__.py runs before any handler can be installed: it must be a few assignments."""
    code = "import sys, chrono; print('typing' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=base_env())
    assert done.stdout.strip() == "False"


def test_the_handler_is_in_place_before_main_runs() -> None:
    """Reading chrono.__main__ installs its Ctrl-C handler first of all, before main() runs."""
    code = "import signal, chrono.__main__ as m; print(signal.getsignal(signal.SIGINT) is m._before_main)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=base_env())
    assert done.stdout.strip() == "True"


@pytest.mark.parametrize("delay", [0.0, 0.01, 0.03, 0.06, 0.1, 0.2, 0.4])
def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(delay: float) -> None:
    """From start-up through the imports to waiting on stdin ('--data -' that never ends). A
    signal that lands while the interpreter itself starts (before chrono's first line) is
    Python's to report; from chrono's first line on, it is exit 130 and no traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "chrono", "--no-cache", "list", "--data", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=base_env(),
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    frames = [line for line in err.splitlines() if line.strip().startswith(b'File "')]
    assert not any(b"chrono" in frame for frame in frames), err.decode(errors="replace")
    if not frames and b"Fatal Python error" not in err and b"runpy" not in err:  # past the interpreter's start
        assert proc.returncode in (130, -signal.SIGINT), (proc.returncode, err)

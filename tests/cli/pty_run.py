"""chrono as a real process on a pseudo-terminal of a given size, for the tests of what people see.

The terminal is stdout only (stderr is a file, kept apart), with no pager and no colour unless a
test asks, so that what comes back is the screen's text: the pty's CR LF turned back into LF.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios
from collections.abc import Mapping
from typing import NamedTuple

from tests.cli.test_process import base_env

SGR = re.compile(r"\x1b\[[0-9;]*m")


class Screen(NamedTuple):
    """What a run on a terminal showed: stdout as the terminal got it, stderr, the exit status."""

    stdout: str
    stderr: str
    status: int

    @property
    def text(self) -> str:
        """stdout without colour codes."""
        return SGR.sub("", self.stdout)


def on_terminal(args: list[str], columns: int, rows: int = 500, env: Mapping[str, str] | None = None) -> Screen:
    """Run ``python -m chrono ARGS`` with stdout on a pty of ``columns`` x ``rows``."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environ = {**base_env(), "TERM": "xterm-256color", "CHRONO_PAGER": "", "NO_COLOR": "1", **(env or {})}
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            [sys.executable, "-m", "chrono", *args],
            stdin=subprocess.DEVNULL, stdout=slave, stderr=errors, env=environ,
        )  # fmt: skip
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        status = proc.wait(timeout=120)
        errors.seek(0)
        stderr = errors.read().decode("utf-8")
    return Screen(b"".join(chunks).decode("utf-8").replace("\r\n", "\n"), stderr, status)

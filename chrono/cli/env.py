"""The environment a command runs in: streams, is-a-tty, width, today, variables.

One small object that tests replace (as httpie's ``Environment`` does), so no command reads
``sys`` or ``os.environ`` or calls ``date.today()`` itself.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TextIO


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read()


@dataclass(slots=True)
class Environment:
    """What a command may know about the outside world."""

    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdout_isatty: bool = False
    width: int = 80
    today: _dt.date = field(default_factory=_dt.date.today)
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    read_stdin: Callable[[], bytes] = _read_stdin

    @classmethod
    def from_system(cls) -> Environment:
        """The real process environment.

        Text that the output encoding cannot hold (``PYTHONIOENCODING=ascii``) is written as
        backslash escapes instead of failing the command.
        """
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="backslashreplace")
        isatty = sys.stdout.isatty()
        width = shutil.get_terminal_size((80, 24)).columns if isatty else _columns(os.environ)
        return cls(stdout_isatty=isatty, width=width)


def _columns(environ: Mapping[str, str]) -> int:
    try:
        return max(20, int(environ.get("COLUMNS", "80")))
    except ValueError:
        return 80

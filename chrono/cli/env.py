"""The environment a command runs in: streams, is-a-tty, width, today, variables.

One small object that tests replace (as httpie's ``Environment`` does), so no command reads
``sys`` or ``os.environ`` or calls ``date.today()`` itself.
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from chrono.cache.store import PendingCache
    from chrono.cli.settings import Layers, Settings


def _read_stdin() -> bytes:
    if sys.stdin is None:  # started with standard input closed (<&-)
        from chrono.errors import SourceError

        raise SourceError("cannot read '-': standard input is closed")
    from chrono.loading.dataset import read_stdin

    return read_stdin(sys.stdin.buffer)  # < /dev/zero must not read forever


class Environment:
    """What a command may know about the outside world.

    A plain class with slots rather than a dataclass: it is built on every run, and a
    dataclass's generated methods cost about a millisecond of start-up to create.
    """

    __slots__ = (
        "_settings",
        "background_cache",
        "environ",
        "height",
        "layers",
        "pending_caches",
        "read_stdin",
        "stderr",
        "stdout",
        "stdout_isatty",
        "today",
        "width",
    )

    def __init__(
        self,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        stdout_isatty: bool = False,
        width: int = 80,
        today: _dt.date | None = None,
        environ: Mapping[str, str] | None = None,
        read_stdin: Callable[[], bytes] = _read_stdin,
        height: int = 24,
        background_cache: bool = False,
    ) -> None:
        self.stdout: TextIO = sys.stdout if stdout is None else stdout
        self.stderr: TextIO = sys.stderr if stderr is None else stderr
        self.stdout_isatty = stdout_isatty
        self.width = width
        self.today = _dt.date.today() if today is None else today
        self.environ: Mapping[str, str] = dict(os.environ) if environ is None else environ
        self.read_stdin = read_stdin
        self.height = height
        self.background_cache = background_cache  # write a new cache after the answer, in a child process
        self.pending_caches: list[PendingCache] = []  # written after the answer
        self.layers: Layers | None = None  # the environment and configuration file, read once
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        """The run's settings, resolved once (``chrono.cli.settings``); the group sets them
        before a command runs, so resolving here is only for code run outside the group."""
        if self._settings is None:
            from chrono.cli.settings import read_layers, settle

            self._settings = settle(self.layers or read_layers(self.environ), {})
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value

    @property
    def has_settings(self) -> bool:
        """True once the settings are resolved."""
        return self._settings is not None

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
        width, height = 80, 24
        if isatty:
            try:
                size = os.get_terminal_size(sys.stdout.fileno())
                width, height = size.columns, size.lines
            except (OSError, ValueError):
                pass
        # COLUMNS and LINES win, as with shutil.get_terminal_size (which would import shutil).
        from chrono.cli.settings import size as stated

        return cls(
            stdout_isatty=isatty,
            width=min(MAX_WIDTH, stated(os.environ, "COLUMNS") or width),
            height=stated(os.environ, "LINES") or height,
        )


MAX_WIDTH = 1000  # COLUMNS=100000000 would only cost time and memory: no terminal is that wide

"""Running the pager: text on its stdin, Ctrl-C left to it, its early exit not an error."""

from __future__ import annotations

import contextlib
import shlex
import signal
import subprocess
from collections.abc import Mapping


def page(command: str, text: str, environ: Mapping[str, str]) -> bool:
    """Show ``text`` through ``command``; False when there is no pager to run (write it instead)."""
    try:
        argv = shlex.split(command)
    except ValueError:
        return False
    if not argv or argv == ["cat"]:
        return False
    env = dict(environ)
    env.setdefault("LESS", "FRX")  # as git does: quit if one screen, keep colour, no screen clear
    env.setdefault("LV", "-c")
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the pager now
    try:
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except OSError:
        signal.signal(signal.SIGINT, previous)
        return False
    try:
        assert process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the reader quit early: fine
            process.stdin.write(text.encode("utf-8", "backslashreplace"))
            process.stdin.close()
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True

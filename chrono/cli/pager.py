"""Running the pager: text on its stdin, Ctrl-C left to it, its early exit not an error."""

from __future__ import annotations

import contextlib
import shlex
import signal
import subprocess
from collections.abc import Iterable, Mapping


def page(command: str, text: str | Iterable[str], environ: Mapping[str, str]) -> bool:
    """Show ``text`` through ``command``; False when there is no pager to run (write it instead).

    ``text`` may be an iterable of lines still being drawn: the pager gets each batch as soon as
    it is ready, so its first screen shows while the rest is rendered (as git feeds less).
    """
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
            for chunk in [text] if isinstance(text, str) else _batches(text):
                process.stdin.write(chunk.encode("utf-8", "backslashreplace"))
                process.stdin.flush()
            process.stdin.close()
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True


def _batches(lines: Iterable[str], first: int = 64, later: int = 1024) -> Iterable[str]:
    """Lines joined into small batches first (the first screen comes at once), larger ones after."""
    batch: list[str] = []
    size = first
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield "".join(batch)
            batch, size = [], later
    if batch:
        yield "".join(batch)

"""Time to the first screen of a command on a pseudo-terminal, and to its last byte.

    python bench/first_screen.py OUT.json RUNS NAME=COMMAND [NAME=COMMAND ...]

Each COMMAND (split like a shell would, no shell features) runs RUNS times with its stdout and
stderr on a pseudo-terminal of 40 lines and 120 columns, with ``PAGER=cat`` (so paging is off
and every line reaches the terminal), and ``CHRONO_PAGER=cat``. The first screen is the moment
the 40th newline arrives; the whole is the moment the process has exited and its output is
drained. Medians go to OUT.json as {NAME: {"first": seconds, "whole": seconds}}. Run by
``bench/run.sh``; never part of the tests.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import shlex
import statistics
import struct
import subprocess
import sys
import termios
import time

LINES, COLUMNS = 40, 120


def measure(argv: list[str]) -> tuple[float, float]:
    """Seconds to the first screen and to the end, for one run."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {**os.environ, "PAGER": "cat", "CHRONO_PAGER": "cat", "TERM": "xterm-256color"}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    newlines, first = 0, None
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            raise SystemExit(f"first_screen: {argv} wrote nothing for 60 s")
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # EIO: the terminal's other end is closed
            break
        if not chunk:
            break
        newlines += chunk.count(b"\n")
        if first is None and newlines >= LINES:
            first = time.perf_counter() - start
    proc.wait()
    whole = time.perf_counter() - start
    os.close(master)
    return (first if first is not None else whole), whole


def main(out: str, runs: int, specs: list[str]) -> None:
    results = {}
    for spec in specs:
        name, _, command = spec.partition("=")
        argv = shlex.split(command)
        measure(argv)  # a warm-up run: the cache and the page cache
        samples = [measure(argv) for _ in range(runs)]
        results[name] = {
            "first": statistics.median(s[0] for s in samples),
            "whole": statistics.median(s[1] for s in samples),
        }
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(results, stream, indent=2)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])

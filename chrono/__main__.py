"""``python -m chrono`` and the ``chrono`` console script: the process's outermost layer.

It runs before anything heavy is imported, so that from chrono's first line on:

* Ctrl-C exits 130 quietly, also while click, rich or a command module is still being imported
  (the error boundary in ``chrono.cli.main`` covers the command itself; this covers the imports
  before it and the cache written after it);
* a standard stream the caller closed (``>&-``, ``<&-``, ``2>&-``) gets ``/dev/null`` in its
  place, so no file chrono opens later (a cache, a data file) can take descriptor 0, 1 or 2 and
  receive the output; a closed stdout is then an error (exit 2, as ``ls >&-``), a closed stdin
  is reported by the commands that read ``-``, and a closed stderr silences messages only.
"""

# No ``from __future__`` and no Python-level import before the handler below: each would be a
# moment (``import signal`` loads enum) in which Ctrl-C prints a traceback through this file.
import _signal  # type: ignore[import-not-found]  # the C module under signal: no enum to load
import os


def _before_main(signum: int, frame: object) -> None:
    """Ctrl-C before ``main`` runs (this module still being read): nothing to undo yet."""
    os._exit(130)


_signal.signal(_signal.SIGINT, _before_main)  # the builtin module: installed at once

import signal  # noqa: E402  # after the handler, on purpose
import sys  # noqa: E402

STANDARD_STREAMS = (0, 1, 2)


def main() -> None:
    """Run chrono as a process; always ends with ``sys.exit``."""
    try:
        signal.signal(signal.SIGINT, _on_interrupt)  # before click and the rest are imported
        closed = _fill_closed_streams()
        if 1 in closed:
            _say("chrono: error: cannot write to standard output: it is closed")
            sys.exit(2)
        from chrono.cli.main import main as run

        run()
    except KeyboardInterrupt:
        _interrupted()


def _fill_closed_streams() -> set[int]:
    """Put /dev/null on each closed standard descriptor (lowest first, so each lands on its own);
    return the closed ones."""
    closed = set()
    for descriptor in STANDARD_STREAMS:
        try:
            os.fstat(descriptor)
        except OSError:
            closed.add(descriptor)
            os.open(os.devnull, os.O_RDONLY if descriptor == 0 else os.O_WRONLY)
    if 2 in closed:
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    return closed


def _say(line: str) -> None:
    try:
        if sys.stderr is not None:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _on_interrupt(signum: int, frame: object) -> None:
    """Ctrl-C: a KeyboardInterrupt, as Python's own handler raises, but a second Ctrl-C while
    chrono winds down (the boundary, a temporary file removed) is ignored rather than raised
    in the middle of it. The pager sets its own handler and puts this one back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _interrupted() -> None:
    """Exit 130 at once: no traceback, no failing flush of a closed pipe."""
    _say("")
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        pass
    os._exit(130)


if __name__ == "__main__":
    main()

"""Writing new caches after the answer, in a detached child process: the shell's part of the
cache (the core only offers ``cache.write_cache``, "write this cache now")."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chrono.cache.store import PendingCache


def write_caches(pending: Sequence[PendingCache], background: bool) -> None:
    """Write the caches a command left for after its answer.

    In the background (a forked child in its own session, its standard streams on /dev/null so
    that the pipeline sees end-of-file now) the answer is not held up by building the cache:
    the first run on a new file costs about what parsing it costs. Where fork is missing or
    fails, or ``background`` is False, the caches are written here and now.
    """
    if not pending:
        return
    from chrono.cache.store import write_cache

    jobs = list(pending)  # the caller has flushed stdout and stderr: the child writes nothing
    if background and hasattr(os, "fork"):
        try:
            child = os.fork()
        except OSError:
            child = -1
        if child > 0:
            return
        if child == 0:
            try:
                os.setsid()
                devnull = os.open(os.devnull, os.O_RDWR)
                for descriptor in (0, 1, 2):
                    os.dup2(devnull, descriptor)
                for job in jobs:
                    write_cache(job)
            finally:
                os._exit(0)
    for job in jobs:
        write_cache(job)

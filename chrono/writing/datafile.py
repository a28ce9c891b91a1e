"""A data file changed in place of itself: ``chrono add`` appends, ``fmt`` and ``edit`` rewrite.

The whole read-check-write holds an exclusive ``flock`` on the file and its directory, so parallel
writers wait for each other and none loses another's change. The new text replaces the file by an
atomic rename when a rename keeps the file what it was (one link, owner, group and mode given back,
no extended attributes, a writable directory); otherwise it is written in place, keeping the inode.
SECURITY.md, "Files chrono writes", says the trade-off to users. Core I/O like ``chrono.writing.files``:
no printing; errors are ``SourceError``s naming the path.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from chrono.errors import SourceError
from chrono.writing.files import (
    NotKept,
    check_path,
    rename_keeps_identity,
    replace_keeping,
    same_file,
    write_all,
    write_error,
)

_LOCK_RETRIES = 100


# ---------------------------------------------------------------------------------------------
# chrono add: locked read-check-append


@dataclass(slots=True)
class Held:
    """A data file opened and locked for a read-check-write: its bytes as read under the lock."""

    path: str  # as the user named it, for messages
    real: str  # the file at the end of any links
    fd: int
    info: os.stat_result
    data: bytes


@contextlib.contextmanager
def locked(path: str) -> Iterator[Held]:
    """Open the regular file ``path`` (links followed) for writing and hold an exclusive lock on it
    and on its directory until the block ends; refuse what the caller may not write.

    The lock is ``flock`` on the file itself, re-checked after it is granted: a writer that
    replaced the file by rename meanwhile left the lock on the old inode, so the new one is opened
    and locked again. The directory is locked too, so that two ``add``s to different files of one
    directory chronology cannot both take the same new id. No lock file is left behind.
    """
    check_path(path)
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except FileNotFoundError:
        raise SourceError(f"cannot read '{path}': no such file") from None
    except OSError as exc:
        raise write_error(path, exc, "read") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"cannot add to '{path}': it is a directory; name one file of it")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"cannot add to '{path}': not a regular file")
    if not os.access(real, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise SourceError(f"cannot add to '{path}': permission denied (the file is not writable for you)")
    directory_fd = _lock_directory(os.path.dirname(real))
    try:
        fd, info = _open_locked(path, real)
        try:
            chunks = []
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            yield Held(path, real, fd, info, b"".join(chunks))
        finally:
            os.close(fd)
    finally:
        if directory_fd is not None:
            os.close(directory_fd)


def _lock_directory(directory: str) -> int | None:
    import fcntl

    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None  # a directory that cannot be opened: the file's own lock still serialises adds
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        os.close(fd)
        return None
    return fd


def _open_locked(path: str, real: str) -> tuple[int, os.stat_result]:
    import fcntl

    flags = os.O_RDWR | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_LOCK_RETRIES):
        try:
            fd = os.open(real, flags)
        except OSError as exc:
            raise write_error(path, exc, "add to") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise SourceError(f"cannot add to '{path}': not a regular file")
            if same_file(real, info):
                os.set_blocking(fd, True)
                return fd, info
        except OSError as exc:
            os.close(fd)
            raise write_error(path, exc, "lock") from None
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # replaced while we waited: lock the file that is there now
    raise SourceError(f"cannot add to '{path}': it keeps being replaced by another program")


def commit(held: Held, data: bytes) -> None:
    """Write ``data`` (the held bytes plus what is appended) to the held file.

    Replaced atomically when a rename keeps the file what it was (one link, owner, group and mode
    given back, no extended attributes, a writable directory); otherwise the new tail is appended
    in place, keeping the inode, and cut off again if the write fails.
    """
    if not data.startswith(held.data):
        raise ValueError("commit only appends to the held bytes")
    if not _replaced(held, data):
        _append_in_place(held, data)


def _replaced(held: Held, data: bytes) -> bool:
    """The file replaced atomically by a renamed copy, when a rename keeps it what it was (the
    one rule of add, fmt and edit); False when it must be written in place instead."""
    if rename_keeps_identity(held.real, held.info, held.fd):
        try:
            replace_keeping(held.path, held.real, data, held.info)
            return True
        except NotKept:
            pass
    return False


def _append_in_place(held: Held, data: bytes) -> None:
    size = len(held.data)
    try:
        write_all(held.fd, data[size:], offset=size)
        os.fsync(held.fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.ftruncate(held.fd, size)
            os.fsync(held.fd)
        raise write_error(held.path, exc) from None


# ---------------------------------------------------------------------------------------------
# chrono fmt and chrono edit: a whole new text for a data file


class ChangedOnDisk(SourceError):
    """The file is no longer what was read: another program wrote it meanwhile."""


def replace_data_file(path: str, expected: bytes, data: bytes) -> None:
    """Give the data file ``path`` the new text ``data``, if it still holds ``expected``.

    The same care as ``chrono add``: links followed, the file locked, owner, group and mode kept.
    Atomic (a renamed copy) when a rename keeps the file what it was; otherwise, for a file with
    hard links or an owner the caller cannot give a new file, rewritten in place (same inode),
    which a crash mid-write can tear. Raises ChangedOnDisk, writing nothing, when the file
    changed since ``expected`` was read.
    """
    with locked(path) as held:
        if held.data != expected:
            raise ChangedOnDisk(f"'{path}' changed on disk meanwhile; nothing written")
        if not _replaced(held, data):
            _rewrite_in_place(held, data)


def _rewrite_in_place(held: Held, data: bytes) -> None:
    try:
        write_all(held.fd, data, offset=0)
        os.ftruncate(held.fd, len(data))
        os.fsync(held.fd)
    except OSError as exc:
        with contextlib.suppress(OSError):  # put the old text back as well as we can
            write_all(held.fd, held.data, offset=0)
            os.ftruncate(held.fd, len(held.data))
            os.fsync(held.fd)
        raise write_error(held.path, exc) from None

"""Writing a user's files: ``-o`` outputs and ``chrono add``'s appends, keeping what must be kept.

The rules (SECURITY.md, "Files chrono writes", says them to users):

* A path is followed through symbolic links; the file at the end is the one written, so a link
  stays a link and its target gets the new bytes.
* A regular file is replaced atomically — a temporary file in the same directory, fsynced, given
  the old file's owner, group and mode, renamed over it, the directory fsynced — so a reader or a
  crash sees the old or the new file, never a mix.
* Anything else (a device, a FIFO, a terminal, a pipe behind ``/dev/stdout``) is never renamed
  over: it is opened as it is and written, as a shell's ``>>`` would.
* ``chrono add`` holds an exclusive ``flock`` for its whole read-check-write, and appends in place
  (the inode kept) when a rename would change what the file is: a second hard link, an owner or
  group chrono may not give a new file, extended attributes (ACLs), a directory it cannot write.

Like ``dataset``, this is core I/O: no printing, errors are ``SourceError``s naming the path.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from chrono.errors import SourceError

_LOCK_RETRIES = 100


def _fail(path: str, exc: OSError, doing: str = "write") -> SourceError:
    return SourceError(f"cannot {doing} '{path}': {exc.strerror or exc}")


def _check_path(path: str) -> None:
    if not path or "\x00" in path:
        raise SourceError(f"{path!r} is not a usable path")


# ---------------------------------------------------------------------------------------------
# -o: whole outputs


def write_output(path: str, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to the file ``path`` names (``-o``), without ever renaming over a
    non-regular file; with ``overwrite`` False an existing file (or a dangling link) is refused."""
    _check_path(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _fail(path, exc) from None
    if info is None:
        if os.path.islink(path) and not overwrite:
            raise SourceError(f"'{path}' is a link to a file that does not exist; pass --force to write through it")
        _create(path, os.path.realpath(path), data, exclusive=not overwrite)
        return
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"cannot write '{path}': it is a directory")
    real = os.path.realpath(path)
    if not stat.S_ISREG(info.st_mode) or _is_standard_stream(info) or not _same_file(real, info):
        # A device, FIFO or socket, or a file only reachable through /proc (/dev/stdout
        # redirected to a file): there is no name to replace, so write into it as it is.
        _write_in_place(path, data)
        return
    if not overwrite:
        raise SourceError(f"'{path}' exists; pass --force to overwrite it")
    if not os.access(real, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise SourceError(f"cannot write '{path}': permission denied (the file is not writable for you)")
    _replace(path, real, data, info)


def _same_file(path: str, info: os.stat_result) -> bool:
    try:
        other = os.stat(path)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino)


def _is_standard_stream(info: os.stat_result) -> bool:
    """Whether ``info`` is the file behind chrono's own stdout or stderr (``/dev/stdout``
    redirected with ``>>``: replacing it would throw away what the shell appended to)."""
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            own = os.fstat(fd)
            if (own.st_dev, own.st_ino) == (info.st_dev, info.st_ino):
                return True
    return False


def _write_in_place(path: str, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)  # no O_CREAT, no O_TRUNC: the thing stays what it is
    except OSError as exc:
        raise _fail(path, exc) from None
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise _fail(path, exc) from None
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes, offset: int | None = None) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view) if offset is None else os.pwrite(fd, view, offset)
        if offset is not None:
            offset += written
        view = view[written:]


def _temporary(path: str, real: str, data: bytes) -> str:
    """A fsynced temporary file holding ``data`` beside ``real`` (mode 0600 until chosen)."""
    import tempfile

    directory = os.path.dirname(real)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _fail(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _fail(path, exc) from None
        raise
    return temporary


def _create(path: str, real: str, data: bytes, *, exclusive: bool) -> None:
    """A new file at ``real`` (mode 0666 less the umask); ``exclusive``: never over a file that
    appeared meanwhile (a hard link of the temporary fails where a rename would clobber)."""
    temporary = _temporary(path, real, data)
    try:
        os.chmod(temporary, 0o666 & ~_umask())
        if exclusive:
            try:
                os.link(temporary, real)
            except FileExistsError:
                raise SourceError(f"'{path}' exists; pass --force to overwrite it") from None
            except OSError:  # a filesystem without hard links: check, then rename
                if os.path.lexists(real):
                    raise SourceError(f"'{path}' exists; pass --force to overwrite it") from None
                os.replace(temporary, real)
        else:
            os.replace(temporary, real)
    except OSError as exc:
        raise _fail(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _sync_directory(real)


def _replace(path: str, real: str, data: bytes, info: os.stat_result) -> None:
    """Replace the regular file ``real`` atomically, giving the new file the old owner, group and
    mode (an owner or group the caller may not give is left as the caller's)."""
    temporary = _temporary(path, real, data)
    try:
        with contextlib.suppress(PermissionError):
            os.chown(temporary, info.st_uid, info.st_gid)
        os.chmod(temporary, stat.S_IMODE(info.st_mode))  # after chown, which drops set-id bits
        os.replace(temporary, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _fail(path, exc) from None
        raise
    _sync_directory(real)


def _sync_directory(path: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(os.path.dirname(path) or ".", os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    _check_path(path)
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except FileNotFoundError:
        raise SourceError(f"cannot read '{path}': no such file") from None
    except OSError as exc:
        raise _fail(path, exc, "read") from None
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
            raise _fail(path, exc, "add to") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise SourceError(f"cannot add to '{path}': not a regular file")
            if _same_file(real, info):
                os.set_blocking(fd, True)
                return fd, info
        except OSError as exc:
            os.close(fd)
            raise _fail(path, exc, "lock") from None
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
    if _rename_keeps_identity(held):
        try:
            _replace_same(held, data)
            return
        except _NotKept:
            pass
    _append_in_place(held, data)


class _NotKept(Exception):
    """A rename would have changed the file's owner or group: append in place instead."""


def _rename_keeps_identity(held: Held) -> bool:
    if held.info.st_nlink != 1:
        return False
    directory = os.path.dirname(held.real)
    if not os.access(directory, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
        return False
    try:
        if os.listxattr(held.fd):  # ACLs and labels would not travel to a new inode
            return False
    except (OSError, AttributeError):
        pass  # no extended attributes on this filesystem or platform
    return True


def _replace_same(held: Held, data: bytes) -> None:
    temporary = _temporary(held.path, held.real, data)
    try:
        new = os.stat(temporary)
        if (new.st_uid, new.st_gid) != (held.info.st_uid, held.info.st_gid):
            try:
                os.chown(temporary, held.info.st_uid, held.info.st_gid)
            except PermissionError:
                raise _NotKept from None
        os.chmod(temporary, stat.S_IMODE(held.info.st_mode))
        os.replace(temporary, held.real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _fail(held.path, exc) from None
        raise
    _sync_directory(held.real)


def _append_in_place(held: Held, data: bytes) -> None:
    size = len(held.data)
    try:
        _write_all(held.fd, data[size:], offset=size)
        os.fsync(held.fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.ftruncate(held.fd, size)
            os.fsync(held.fd)
        raise _fail(held.path, exc) from None


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
        if _rename_keeps_identity(held):
            try:
                _replace_same(held, data)
                return
            except _NotKept:
                pass
        _rewrite_in_place(held, data)


def _rewrite_in_place(held: Held, data: bytes) -> None:
    try:
        _write_all(held.fd, data, offset=0)
        os.ftruncate(held.fd, len(data))
        os.fsync(held.fd)
    except OSError as exc:
        with contextlib.suppress(OSError):  # put the old text back as well as we can
            _write_all(held.fd, held.data, offset=0)
            os.ftruncate(held.fd, len(held.data))
            os.fsync(held.fd)
        raise _fail(held.path, exc) from None

"""Writing a user's files: ``-o`` outputs, and the pieces ``chrono.writing.datafile`` shares.

The rules (SECURITY.md, "Files chrono writes", says them to users):

* A path is followed through symbolic links; the file at the end is the one written, so a link
  stays a link and its target gets the new bytes.
* A regular file is replaced atomically — a temporary file in the same directory, fsynced, given
  the old file's owner, group and mode, renamed over it, the directory fsynced — so a reader or a
  crash sees the old or the new file, never a mix.
* Anything else (a device, a FIFO, a terminal, a pipe behind ``/dev/stdout``) is never renamed
  over: it is opened as it is and written, as a shell's ``>>`` would.
* A data file that ``add``, ``fmt`` or ``edit`` changes goes through ``chrono.writing.datafile``: locked,
  and rewritten in place when a rename would change what the file is.

Like ``dataset``, this is core I/O: no printing, errors are ``SourceError``s naming the path.
"""

from __future__ import annotations

import contextlib
import os
import stat

from chrono.errors import SourceError


def write_error(path: str, exc: OSError, doing: str = "write") -> SourceError:
    return SourceError(f"cannot {doing} '{path}': {exc.strerror or exc}")


def check_path(path: str) -> None:
    if not path or "\x00" in path:
        raise SourceError(f"{path!r} is not a usable path")


# ---------------------------------------------------------------------------------------------
# -o: whole outputs


def write_output(path: str, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to the file ``path`` names (``-o``), without ever renaming over a
    non-regular file; with ``overwrite`` False an existing file (or a dangling link) is refused."""
    check_path(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise write_error(path, exc) from None
    if info is None:
        if os.path.islink(path) and not overwrite:
            raise SourceError(f"'{path}' is a link to a file that does not exist; pass --force to write through it")
        _create(path, os.path.realpath(path), data, exclusive=not overwrite)
        return
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"cannot write '{path}': it is a directory")
    real = os.path.realpath(path)
    if not stat.S_ISREG(info.st_mode) or _is_standard_stream(info) or not same_file(real, info):
        # A device, FIFO or socket, or a file only reachable through /proc (/dev/stdout
        # redirected to a file): there is no name to replace, so write into it as it is.
        _write_in_place(path, data)
        return
    if not overwrite:
        raise SourceError(f"'{path}' exists; pass --force to overwrite it")
    if not os.access(real, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise SourceError(f"cannot write '{path}': permission denied (the file is not writable for you)")
    if rename_keeps_identity(real, info):
        try:
            replace_keeping(path, real, data, info)
            return
        except NotKept:
            pass
    _rewrite_output(path, real, data, info)


def same_file(path: str, info: os.stat_result) -> bool:
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
        raise write_error(path, exc) from None
    try:
        write_all(fd, data)
    except OSError as exc:
        raise write_error(path, exc) from None
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes, offset: int | None = None) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view) if offset is None else os.pwrite(fd, view, offset)
        if offset is not None:
            offset += written
        view = view[written:]


def temporary_copy(path: str, real: str, data: bytes) -> str:
    """A fsynced temporary file holding ``data`` beside ``real`` (mode 0600 until chosen)."""
    import tempfile

    directory = os.path.dirname(real)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise
    return temporary


def _create(path: str, real: str, data: bytes, *, exclusive: bool) -> None:
    """A new file at ``real`` (mode 0666 less the umask); ``exclusive``: never over a file that
    appeared meanwhile (a hard link of the temporary fails where a rename would clobber)."""
    temporary = temporary_copy(path, real, data)
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
        raise write_error(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    sync_directory(real)


class NotKept(Exception):
    """A rename would have changed the file's owner or group: write it in place instead."""


def rename_keeps_identity(real: str, info: os.stat_result, fd: int | None = None) -> bool:
    """Whether a new file renamed over ``real`` would still be what it is: one link, a directory
    the caller may write, no extended attributes (ACLs and labels would not travel to a new
    inode). Owner and group are checked by ``replace_keeping``, which raises NotKept."""
    if info.st_nlink != 1:
        return False
    directory = os.path.dirname(real)
    if not os.access(directory, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
        return False
    try:
        if os.listxattr(real if fd is None else fd):
            return False
    except (OSError, AttributeError):
        pass  # no extended attributes on this filesystem or platform
    return True


def replace_keeping(path: str, real: str, data: bytes, info: os.stat_result) -> None:
    """Replace the regular file ``real`` atomically by a copy holding ``data``, with the old
    owner, group and mode; raise NotKept (nothing changed) when the owner cannot be given."""
    temporary = temporary_copy(path, real, data)
    try:
        new = os.stat(temporary)
        if (new.st_uid, new.st_gid) != (info.st_uid, info.st_gid):
            try:
                os.chown(temporary, info.st_uid, info.st_gid)
            except PermissionError:
                raise NotKept from None
        os.chmod(temporary, stat.S_IMODE(info.st_mode))  # after chown, which drops set-id bits
        os.replace(temporary, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise
    sync_directory(real)


def _rewrite_output(path: str, real: str, data: bytes, info: os.stat_result) -> None:
    """Write ``data`` over the regular file ``real`` in place (same inode: its links, owner,
    mode and attributes kept), for an ``-o`` target a rename would change; not atomic."""
    flags = os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(now.st_mode):
            raise SourceError(f"cannot write '{path}': it was replaced meanwhile; nothing written")
        write_all(fd, data, offset=0)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    except OSError as exc:
        raise write_error(path, exc) from None
    finally:
        os.close(fd)


def create_new(path: str, data: bytes, like: os.stat_result | None = None) -> None:
    """Write ``data`` to a new file at ``path`` (FileExistsError if anything is there, a link
    included), private (0600) or with the owner, group and mode of the file ``like`` describes:
    a copy of a 0600 chronology is never readable by others, even for a moment."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    try:
        if like is not None:
            with contextlib.suppress(PermissionError):
                os.fchown(fd, like.st_uid, like.st_gid)
            os.fchmod(fd, stat.S_IMODE(like.st_mode) & 0o777)
        write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)


def sync_directory(path: str) -> None:
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

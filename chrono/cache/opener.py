"""The one way to the cache's files: which directory may hold them, opening one, storing one.

Every cache file — the timeline's ``.cache`` and the SQL database beside it — goes through here:

* A cache directory is used only when it, and every directory on the way to it from the base
  (``$XDG_CACHE_HOME``, or ``~/.cache``), belongs to the current user and no one else may write
  it: a cache another user can plant files in (``sudo`` with the caller's ``XDG_CACHE_HOME``, a
  shared sticky ``/tmp``, a link planted there by someone else) could forge answers. Anywhere
  else there is no cache at all, reads included — it costs speed only.
* A cache file is opened without following a link and without blocking (a FIFO at its path),
  then checked on the open descriptor: a regular file, owned by the current user.
* A cache file is written atomically (a new file, fsynced, renamed into place), mode 0600 in a
  0700 directory whatever the umask.

Like the rest of ``chrono.cache`` this does I/O and never prints.
"""

from __future__ import annotations

import contextlib
import os
import stat

_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


def _owned_by_me(info: os.stat_result) -> bool:
    return info.st_uid == os.geteuid()


def usable_directory(directory: str | None) -> str | None:
    """``directory`` when it may hold caches (see the module's docstring), else None.

    Checked: the directory and its parent (the base it was made from), each a directory owned by
    the current user that no one else may write, and any symbolic link among them owned by the
    current user. A missing directory is fine (it is made, private, when a cache is written); a
    cache directory of ours that others may write is narrowed to 0700 first, as a write would.
    """
    if directory is None:
        return None
    parent = os.path.dirname(os.path.abspath(directory))
    for path in (parent, directory):
        try:
            link = os.lstat(path)
            info = os.stat(path) if stat.S_ISLNK(link.st_mode) else link
        except FileNotFoundError:
            return directory  # made, by this user and private, when a cache is written
        except (OSError, ValueError):
            return None
        if not _owned_by_me(link) or not _owned_by_me(info) or not stat.S_ISDIR(info.st_mode):
            return None
        if info.st_mode & _OTHERS_WRITE:
            if path == parent:
                return None
            try:
                os.chmod(path, 0o700)
            except OSError:
                return None
    return directory


def private_dir(directory: str) -> None:
    """Make ``directory`` (and its parents) if needed, and leave it mode 0700 whatever the umask;
    refuse (OSError) a directory the cache may not use (``usable_directory``)."""
    parent = os.path.dirname(os.path.abspath(directory))
    try:
        os.makedirs(parent, mode=0o700)
    except FileExistsError:
        pass
    else:  # made here (the base, $XDG_CACHE_HOME): as private as the cache, whatever the umask
        os.chmod(parent, 0o700)
    os.makedirs(directory, mode=0o700, exist_ok=True)
    if usable_directory(directory) is None:
        raise OSError(f"{directory} is not a private directory of this user")
    if stat.S_IMODE(os.stat(directory).st_mode) != 0o700:
        os.chmod(directory, 0o700)


def open_regular(path: str) -> int:
    """Open the cache file ``path`` for reading without blocking (a FIFO) or following a link:
    its descriptor, or OSError for anything but a regular file of this user (checked on the
    open descriptor, so nothing can be swapped in between)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(path, flags)
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode) or not _owned_by_me(info):
        os.close(handle)
        raise OSError(f"{path} is not a regular file of this user")
    return handle


def read_whole(path: str, limit: int) -> bytes:
    """The bytes of the cache file ``path`` (opened by ``open_regular``); OSError past ``limit``."""
    handle = open_regular(path)
    with os.fdopen(handle, "rb", buffering=0) as stream:
        size = os.fstat(handle).st_size
        if size > limit:
            raise OSError(f"{path} is larger than a cache file may be")
        data = stream.read(size + 1)
    if data is None or len(data) != size:
        raise OSError(f"{path} changed while it was read")
    return data


def store(path: str, data: bytes) -> None:
    """Write ``data`` at ``path`` atomically (a new temporary file, fsync, rename), mode 0600:
    never copied from whatever was at ``path``, never widened by the umask."""
    directory = os.path.dirname(path)
    private_dir(directory)
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(temporary, flags, 0o600)
    try:
        try:
            os.fchmod(handle, 0o600)
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

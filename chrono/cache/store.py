"""The warm path: a cache of the parsed, validated, sorted timeline (read by ``cached_timeline``).

A cache is valid for chrono's version and, for each input file, its real path, size,
modification and status-change times (nanoseconds), inode and device — the fields git's index
compares. A file whose times fall in the same clock tick as the moment it was read is "racy"
(git's word): it could have changed again after the read without any of those fields changing,
so its content is checked against the checksum of what was parsed before the cache is trusted.
Anything else — another version, a changed file, a foreign, truncated or corrupt cache — reads
as "no cache" and the timeline is rebuilt from TOML. Only regular files are cached (not pipes,
devices or standard input), and only a regular file is read as a cache (never a FIFO or a link).

It holds only data (JSON text and integer arrays, each region with its CRC-32), so reading it
never executes code. It is written atomically, mode 0600 in a 0700 directory whatever the umask,
so concurrent runs see a whole file or none and other users see nothing; one file per set of
input paths. Writing it is ``write_cache``, done when the caller says: ``chrono.cli.background``
does it after the answer, in a detached process. Like ``dataset``, this module does I/O.

Layout: ``MAGIC``, a fixed prefix (header length, header CRC), the JSON header, the catalog
(actors, sources, actor references: JSON), four integer arrays (start day, latest day, record
offsets, line offsets) and two blobs: one JSON array element per event (decoded only for the
events a query reaches) and each event's default TSV line, so that the commonest query,
``chrono list --from D`` in a pipe, is a slice of bytes.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
import zlib
from array import array
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from chrono import __version__
from chrono.cache.opener import open_regular, store, usable_directory
from chrono.cache.records import CHUNK, CacheMiss, escape_keys
from chrono.cache.timeline import MAGIC, OPEN, PREFIX, CachedTimeline
from chrono.dates.days import DAWN
from chrono.questions.timeline import default_line

if TYPE_CHECKING:
    from chrono.dates.edtf import PartialDate
    from chrono.loading.dataset import Input
    from chrono.model import Chronology, Event
    from chrono.questions.timeline import Timeline

# How close to the moment of reading a file's times must be for the file to be "racy": the
# kernel stamps files from a clock that lags the real time by up to a tick (a few ms); a
# filesystem with whole-second times (FAT: two) can hide a change for that long.
RACY_FINE_NS = 50_000_000
RACY_COARSE_NS = 2_000_000_000
_SECOND = 1_000_000_000


def fingerprint(paths: Sequence[str]) -> list[list[Any]] | None:
    """What the cache is valid for: each file's real path, size, modification and status-change
    times, inode and device; None when any input is not a regular file (a pipe, a device)."""
    result: list[list[Any]] = []
    for path in paths:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        real = os.path.realpath(path)
        result.append([real, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev])
    return result


def clock() -> int:
    """Now, in nanoseconds since the epoch (a function, so that tests can move it)."""
    return time.time_ns()


def is_racy(entry: Sequence[Any], read_at: int) -> bool:
    """True when the file's times are not clearly older than ``read_at`` (when it was read):
    a change made after the read, in the same tick, would have left every field as it was."""
    mtime, ctime = int(entry[2]), int(entry[3])
    coarse = mtime % _SECOND == 0 and ctime % _SECOND == 0
    return max(mtime, ctime) >= read_at - (RACY_COARSE_NS if coarse else RACY_FINE_NS)


def checksum(raw: bytes) -> str:
    """A 64-bit checksum of a file's bytes (zlib's, as hashlib would add start-up time)."""
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def cache_file(directory: str, inputs: list[list[Any]]) -> str:
    """The cache file for these input paths: one per set of files, replaced when they change
    (their sizes, times and identities are checked against the file's header, not its name)."""
    text = json.dumps([__version__, [entry[0] for entry in inputs]]).encode()
    key = f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"  # hashlib would add start-up time
    return os.path.join(directory, f"{key}.cache")


# Writing ---------------------------------------------------------------------------------------


def _date(date: PartialDate) -> list[Any]:
    flags = (1 if date.uncertain else 0) | (2 if date.approximate else 0)
    return [date.text, date.lower, date.upper, int(date.precision), flags, date.clock]


def _record(event: Event) -> list[Any]:
    when = event.when
    return [
        event.id, event.kind, event.title, event.place, list(event.actors), list(event.tags), event.summary,
        event.note, list(event.sources), list(event.related), escape_keys(dict(event.extra)) or None,
        _date(when.start), _date(when.end) if when.end else None, when.open_end,
        [event.origin.path, event.origin.index] if event.origin else None, when.written, when.open_start,
    ]  # fmt: skip


class PendingCache(NamedTuple):
    """A cache to write: where, the chronology, and what it was made from (see ``write_cache``)."""

    path: str
    chronology: Chronology
    inputs: list[list[Any]]
    sums: list[str]
    read_at: int


def encode(chronology: Chronology, inputs: list[list[Any]], sums: Sequence[str] = (), read_at: int = 0) -> bytes:
    """The cache file's bytes for a chronology loaded from ``inputs``, whose bytes had the
    checksums ``sums``, read at ``read_at`` (nanoseconds since the epoch)."""
    events = chronology.events
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    starts = array("q", (e.when.earliest for e in events))
    latest = array("q", (e.when.latest_or_max for e in events))  # OPEN (FOREVER) for an ongoing event
    # Records go in chunks of CHUNK events, one JSON array each: one encoder call per chunk
    # (not per event) when writing, and one decoder call per chunk a query reaches.
    # surrogatepass: a file name that is not UTF-8 (where an event is defined) reads back as it was,
    # since json.loads decodes bytes the same way.
    chunks = [
        encoder([_record(e) for e in events[i : i + CHUNK]]).encode("utf-8", "surrogatepass")
        for i in range(0, len(events), CHUNK)
    ]
    lines = [default_line(e).encode() for e in events]
    record_blob, line_blob = b"".join(chunks), b"".join(lines)
    record_offsets, line_offsets = array("q", [0]), array("q", [0])
    position = 0
    for chunk in chunks:
        position += len(chunk)
        record_offsets.append(position)
    position = 0
    for line in lines:
        position += len(line)
        line_offsets.append(position)
    # Events open at either end are listed apart (see CachedTimeline.indices): they have no length.
    longest = max(
        (last - first for first, last in zip(starts, latest, strict=True) if last != OPEN and first != DAWN), default=0
    )
    ongoing = [index for index, (first, last) in enumerate(zip(starts, latest, strict=True)) if OPEN in (last, -first)]
    arrays = starts.tobytes() + latest.tobytes() + record_offsets.tobytes() + line_offsets.tobytes()
    sources = [
        [s.id, s.title, s.publisher, s.date.edtf if s.date else None, s.url] for s in chronology.sources.values()
    ]
    catalog = json.dumps(
        {
            "actors": [[a.id, a.name, list(a.aliases)] for a in chronology.actors.values()],
            "sources": sources,
            "actor_refs": sorted(chronology.actor_refs),
        },
        ensure_ascii=False,
    ).encode()
    header = {
        "version": __version__,
        "inputs": inputs,
        "sums": list(sums),
        "read_at": read_at,
        "count": len(events),
        "longest": longest,
        "open": ongoing,
        "catalog": [len(catalog), zlib.crc32(catalog)],
        "arrays_crc": zlib.crc32(arrays),
        "records": [len(record_blob), zlib.crc32(record_blob)],
        "lines": [len(line_blob), zlib.crc32(line_blob)],
    }
    header_bytes = json.dumps(header).encode()  # ASCII: a path that is not UTF-8 holds lone surrogates
    header_bytes += b" " * (-(len(MAGIC) + PREFIX.size + len(header_bytes) + len(catalog)) % 8)  # align the arrays
    prefix = PREFIX.pack(len(header_bytes), zlib.crc32(header_bytes))
    return MAGIC + prefix + header_bytes + catalog + arrays + record_blob + line_blob


def write_cache(pending: PendingCache) -> bytes | None:
    """Write this cache now: the bytes written, or None when it could not be written (which
    only costs speed) or would not read back as the same events (then nothing is written)."""
    data = encode(pending.chronology, pending.inputs, pending.sums, pending.read_at)
    try:
        if not CachedTimeline(data).holds_extras_of(pending.chronology.events):
            return None
    except CacheMiss:
        return None
    try:
        store(pending.path, data)
    except OSError:
        return None
    return data


# Reading ---------------------------------------------------------------------------------------


def load_timeline(
    specs: Sequence[str], read_stdin: Callable[[], bytes] | None, directory: str | None, defer: bool = False
) -> tuple[Timeline | CachedTimeline, PendingCache | None]:
    """The timeline of ``specs``: from the cache when it is valid, else from TOML, and the cache
    still to write (or None).

    Only regular files are cached; nothing is when ``directory`` is None or may not hold caches
    (``chrono.cache.opener.usable_directory``: reads included). A new cache is
    written here and now, and the answer then comes through it (so that the first run and
    every later one take the same path), unless ``defer``: then it is returned for the caller
    to write with ``write_cache`` when it chooses (after the answer).
    """
    from chrono.loading.dataset import load, resolve_inputs
    from chrono.questions.timeline import Timeline

    inputs = resolve_inputs(specs)
    directory = usable_directory(directory)
    if directory is None or any(source.path is None for source in inputs):
        return Timeline(load(specs, read_stdin)), None
    paths = [str(source.path) for source in inputs]
    read_at = clock()  # before anything is read: see is_racy
    try:
        before = fingerprint(paths)
    except (OSError, ValueError):
        before = None  # the loader says clearly what is wrong
    if before is None:
        return Timeline(load(specs, read_stdin)), None
    path = cache_file(directory, before)

    def reload() -> Chronology:
        return _reload(specs, read_stdin, paths, before, path)

    try:
        cached, checked = open_cache(path, before, reload)
    except CacheMiss:
        pass
    else:
        if not checked or any(is_racy(entry, read_at) for entry in before):
            return cached, None
        # Racy when it was written, its files checked by content just now, and no longer racy:
        # written again, stamped with this run's time, the next runs need no such check.
        renewed = PendingCache(path, cached.chronology, before, cached.sums, read_at)
        if defer:
            return cached, renewed
        write_cache(renewed)
        return cached, None
    sums: list[str] = []  # in the order of ``paths``, as the loader reads them

    def seen(source: Input, raw: bytes) -> None:
        sums.append(checksum(raw))

    chronology = load(specs, read_stdin, seen)
    try:
        unchanged = fingerprint(paths) == before
    except (OSError, ValueError):
        unchanged = False
    if not unchanged or len(sums) != len(paths):  # a file that changed while it was read is not cached
        return Timeline(chronology), None
    pending = PendingCache(path, chronology, before, sums, read_at)
    if defer:
        return Timeline(chronology), pending
    data = write_cache(pending)
    if data is None:
        return Timeline(chronology), None
    return CachedTimeline(data, loaded=chronology, fallback=lambda: chronology), None


def _reload(
    specs: Sequence[str], read_stdin: Callable[[], bytes] | None, paths: list[str], before: list[list[Any]], path: str
) -> Chronology:
    """The chronology from TOML, for a cache that would not decode; the cache is removed, so
    that the next run writes a new one."""
    from chrono.errors import SourceError
    from chrono.loading.dataset import load

    chronology = load(specs, read_stdin)
    try:
        unchanged = fingerprint(paths) == before
    except (OSError, ValueError):
        unchanged = False
    if not unchanged:
        raise SourceError("the data changed while it was being read; run the command again")
    with contextlib.suppress(OSError):
        os.unlink(path)
    return chronology


def _content_matches(path: str, expected: str) -> bool:
    """True when the file at ``path`` (a regular file) still has the checksum ``expected``."""
    try:
        handle = open_regular(path)
        with os.fdopen(handle, "rb") as stream:
            return checksum(stream.read()) == expected
    except OSError:
        return False


def open_cache(
    path: str, inputs: list[list[Any]], fallback: Callable[[], Chronology] | None = None
) -> tuple[CachedTimeline, bool]:
    """The cached timeline at ``path`` if it is whole, readable, a regular file and made from
    exactly ``inputs``, and whether any input was racy (and so checked by content); raise
    CacheMiss otherwise. ``fallback`` as for CachedTimeline."""
    import mmap

    try:
        handle = open_regular(path)
    except (OSError, ValueError) as exc:
        raise CacheMiss(str(exc)) from None
    try:
        size = os.fstat(handle).st_size
        if size < len(MAGIC) + PREFIX.size:
            raise CacheMiss("too short")
        data = mmap.mmap(handle, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        raise CacheMiss(str(exc)) from None
    finally:
        os.close(handle)
    timeline = CachedTimeline(data, fallback=fallback)
    return timeline, check_provenance(inputs, timeline.inputs, timeline.sums, timeline.read_at)


def check_provenance(inputs: list[list[Any]], made_from: list[list[Any]], sums: Sequence[str], read_at: int) -> bool:
    """The one validity rule of every cache file: made from exactly ``inputs`` (paths, sizes,
    times, inodes), each racy file checked by content against its checksum; raise CacheMiss
    otherwise. True when any file was racy (and so checked)."""
    if made_from != inputs or len(sums) != len(inputs):
        raise CacheMiss("made from other inputs")
    checked = False
    for entry, expected in zip(inputs, sums, strict=True):
        if is_racy(entry, read_at):
            if not _content_matches(entry[0], expected):
                raise CacheMiss("a file changed in the tick it was read")
            checked = True
    return checked

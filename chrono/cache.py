"""The warm path: a cache of the parsed, validated, sorted timeline (read by ``cached_timeline``).

The cache is keyed by each input file's real path, size and modification time and by chrono's
version; anything else — another version, a changed file, a foreign, truncated or corrupt cache
— reads as "no cache" and the timeline is rebuilt from TOML. It holds only data (JSON text and
integer arrays, each region with its CRC-32), so reading it never executes code. It is written
atomically, so concurrent runs see a whole file or none; one file per set of input paths.

Layout: ``MAGIC``, a fixed prefix (header length, header CRC), the JSON header, the catalog
(actors, sources, actor references: JSON), four integer arrays (start day, latest day, record
offsets, line offsets) and two blobs: one JSON array element per event (decoded only for the
events a query reaches) and each event's default TSV line, so that the commonest query,
``chrono list --from D`` in a pipe, is a slice of bytes. Like ``dataset``, this module does I/O.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import zlib
from array import array
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from chrono import __version__
from chrono.cached_timeline import CHUNK, DATE_TAG, MAGIC, OPEN, PREFIX, CachedTimeline, CacheMiss

if TYPE_CHECKING:
    from chrono.dates import PartialDate
    from chrono.model import Chronology, Event
    from chrono.timeline import Timeline


def fingerprint(paths: Sequence[str]) -> list[list[Any]]:
    """What the cache is valid for: each file's real path, size and modification time."""
    result = []
    for path in paths:
        info = os.stat(path)
        result.append([os.path.realpath(path), info.st_size, info.st_mtime_ns])
    return result


def cache_file(directory: str, inputs: list[list[Any]]) -> str:
    """The cache file for these input paths: one per set of files, replaced when they change
    (their sizes and times are checked against the file's header, not part of its name)."""
    text = json.dumps([__version__, [entry[0] for entry in inputs]]).encode()
    key = f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"  # hashlib would add start-up time
    return os.path.join(directory, f"{key}.cache")


# Writing ---------------------------------------------------------------------------------------


def _date(date: PartialDate) -> list[Any]:
    flags = (1 if date.uncertain else 0) | (2 if date.approximate else 0)
    return [date.text, date.lower.toordinal(), date.upper.toordinal(), int(date.precision), flags]


def _record(event: Event) -> list[Any]:
    when = event.when
    return [
        event.id, event.kind, event.title, event.place, list(event.actors), list(event.tags), event.summary,
        event.note, list(event.sources), list(event.related), dict(event.extra) or None,
        _date(when.start), _date(when.end) if when.end else None, when.open_end,
        [event.origin.path, event.origin.index] if event.origin else None,
    ]  # fmt: skip


def _tagged(value: object) -> object:
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return {DATE_TAG: [type(value).__name__, value.isoformat()]}
    raise TypeError(f"cannot cache {type(value).__name__}")


def encode(chronology: Chronology, inputs: list[list[Any]]) -> bytes:
    """The cache file's bytes for a chronology loaded from ``inputs``."""
    from chrono.render.plain import default_line

    events = chronology.events
    encoder = json.JSONEncoder(ensure_ascii=False, default=_tagged, separators=(",", ":")).encode
    starts = array("i", (e.when.earliest.toordinal() for e in events))
    latest = array("i", (OPEN if e.when.latest is None else e.when.latest.toordinal() for e in events))
    # Records go in chunks of CHUNK events, one JSON array each: one encoder call per chunk
    # (not per event) when writing, and one decoder call per chunk a query reaches.
    chunks = [encoder([_record(e) for e in events[i : i + CHUNK]]).encode() for i in range(0, len(events), CHUNK)]
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
    longest = max((last - first for first, last in zip(starts, latest, strict=True) if last != OPEN), default=0)
    ongoing = [index for index, last in enumerate(latest) if last == OPEN]
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


def store(path: str, data: bytes) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not written."""
    from chrono.dataset import atomic_write
    from chrono.errors import ChronoError

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        atomic_write(path, data)
    except (OSError, ChronoError):
        pass  # an unwritable cache directory only costs speed


# A cache to write once the answer is out: (path, chronology, fingerprint). See write_pending.
_pending: list[tuple[str, Chronology, list[list[Any]]]] = []


def load_timeline(
    specs: Sequence[str],
    read_stdin: Callable[[], bytes] | None,
    directory: str | None,
    lines_only: bool = False,
    defer: bool = False,
) -> Timeline | CachedTimeline:
    """The timeline of ``specs``: from the cache when it is valid, else from TOML (then cached).

    Standard input is never cached; neither is anything when ``directory`` is None. With
    ``lines_only`` the caller promises to read only the stored TSV lines, so the (larger)
    event records are not checked. With ``defer`` a new cache is not written now but left for
    ``write_pending``, after the answer.
    """
    from chrono.dataset import load, resolve_inputs
    from chrono.timeline import Timeline

    inputs = resolve_inputs(specs)
    if directory is None or any(source.path is None for source in inputs):
        return Timeline(load(specs, read_stdin))
    paths = [str(source.path) for source in inputs]
    try:
        before = fingerprint(paths)
    except (OSError, ValueError):
        return Timeline(load(specs, read_stdin))  # the loader says clearly what is wrong
    path = cache_file(directory, before)
    try:
        return open_cache(path, before, records=not lines_only)
    except CacheMiss:
        pass
    chronology = load(specs, read_stdin)
    try:
        unchanged = fingerprint(paths) == before
    except (OSError, ValueError):
        unchanged = False
    if not unchanged:  # a file that changed while it was read is not cached
        return Timeline(chronology)
    if defer:
        _pending.append((path, chronology, before))
        return Timeline(chronology)
    data = encode(chronology, before)
    store(path, data)
    # Answer through what was just cached: the first run and every later one take the same path.
    return CachedTimeline(data, check_records=False, loaded=chronology)


def write_pending(background: bool) -> None:
    """Write the caches left by ``load_timeline(defer=True)``.

    In the background (a forked child, detached from the terminal and the pipes) the command's
    answer is not held up by building the cache: the first run on a new file costs about what
    parsing it costs. Where fork is missing or fails, the cache is written here and now.
    """
    if not _pending:
        return
    jobs = list(_pending)
    _pending.clear()
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
                for descriptor in (0, 1, 2):  # let the pipeline see end-of-file now
                    os.dup2(devnull, descriptor)
                for path, chronology, before in jobs:
                    store(path, encode(chronology, before))
            finally:
                os._exit(0)
    for path, chronology, before in jobs:
        store(path, encode(chronology, before))


def open_cache(path: str, inputs: list[list[Any]], records: bool = True) -> CachedTimeline:
    """The cached timeline at ``path`` if it is whole, readable and made from exactly ``inputs``."""
    import mmap

    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size < len(MAGIC) + PREFIX.size:
                raise CacheMiss("too short")
            data = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        raise CacheMiss(str(exc)) from None
    timeline = CachedTimeline(data, check_records=records)
    if timeline.inputs != inputs:
        raise CacheMiss("made from other inputs")
    return timeline

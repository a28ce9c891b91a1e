"""A timeline read from a cache file (see ``cache``): it bisects the file's arrays and decodes
only the events a query reaches; its stored TSV lines answer plain range queries as bytes.

Reading never executes code: the file holds JSON text and integer arrays, each region checked
against its CRC-32 before use. Anything unexpected when the file is opened raises CacheMiss, and
the caller rebuilds; anything unexpected later (an event or the catalog that will not decode)
makes the timeline answer from the TOML instead (its ``fallback``), so a bad cache costs time,
never a wrong answer or an internal error.
"""

from __future__ import annotations

import json
import struct
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from chrono.cache.records import CHUNK, Blob, Buffer, CachedEvents, CacheMiss
from chrono.dates.days import FOREVER
from chrono.questions.timeline import default_line

if TYPE_CHECKING:
    from chrono.dates.edtf import DateSpan
    from chrono.model import Chronology, Event
    from chrono.questions.query import Query

MAGIC = b"chrono-cache 6\n"  # 6: day numbers in 64 bits (years before 1), times, written forms, open starts
PREFIX = struct.Struct("<II")  # header length, header CRC-32
OPEN = FOREVER  # the latest day stored for an ongoing event (and -OPEN, DAWN, the start of an open start)


class _Fallback:
    """The chronology from the TOML, loaded once, for a cache that would not decode. Apart from
    the timeline, so that its events do not hold the timeline in a reference cycle: the cycle
    collector is paused during a run, and a cycle would keep every decoded event to the end."""

    __slots__ = ("_load", "_loaded")

    def __init__(self, load: Callable[[], Chronology]) -> None:
        self._load = load
        self._loaded: Chronology | None = None

    def chronology(self) -> Chronology:
        """The chronology, loaded on first use."""
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def events(self) -> Sequence[Event]:
        """Its events."""
        return self.chronology().events


class CachedTimeline:
    """A timeline read from the cache: bisects its arrays and decodes only the events it yields."""

    def __init__(
        self, data: Buffer, loaded: Chronology | None = None, fallback: Callable[[], Chronology] | None = None
    ) -> None:
        """Read the cache in ``data``; ``loaded`` is the chronology it was just made from, if any,
        whose events then need no decoding; ``fallback`` loads the same chronology from the TOML,
        for when part of the cache will not decode after all."""
        view = memoryview(data)
        if bytes(view[: len(MAGIC)]) != MAGIC:
            raise CacheMiss("not a chrono cache")
        try:
            header_length, header_crc = PREFIX.unpack_from(view, len(MAGIC))
            start = len(MAGIC) + PREFIX.size
            header_bytes = bytes(view[start : start + header_length])
            if zlib.crc32(header_bytes) != header_crc:
                raise CacheMiss("header checksum")
            header = json.loads(header_bytes)
            count = int(header["count"])
            catalog_length, self._catalog_crc = header["catalog"]
            position = start + header_length
            self._catalog = view[position : position + catalog_length]
            position += catalog_length
            chunks = (count + CHUNK - 1) // CHUNK
            sizes = (8 * count, 8 * count, 8 * (chunks + 1), 8 * (count + 1))
            arrays_view = view[position : position + sum(sizes)]
            if len(arrays_view) != sum(sizes) or zlib.crc32(arrays_view) != header["arrays_crc"]:
                raise CacheMiss("arrays checksum")
            # The arrays are read in place (no copy): memoryviews cast to machine integers (the
            # writer pads the header so that they start 8-byte aligned).
            first, second, third = sizes[0], sizes[0] + sizes[1], sizes[0] + sizes[1] + sizes[2]
            self._starts = arrays_view[:first].cast("q")
            self._latest = arrays_view[first:second].cast("q")
            record_offsets = arrays_view[second:third].cast("q")
            self._line_offsets = arrays_view[third:].cast("q")
            position += sum(sizes)
            record_length, record_crc = header["records"]
            line_length, line_crc = header["lines"]
            if len(view) != position + record_length + line_length:
                raise CacheMiss("truncated")
            # The lines are checked now (they are small and go out as they are); the records
            # when first decoded, where a failure falls back to the TOML before any is used.
            records = Blob(view[position : position + record_length], record_crc, False)
            self._lines = Blob(view[position + record_length :], line_crc, True)
            self._longest, self._open = int(header["longest"]), [int(index) for index in header["open"]]
            self.inputs, self.sums, self.read_at = _provenance(header)
        except CacheMiss:
            raise
        except (ValueError, TypeError, KeyError, IndexError, struct.error, OverflowError) as exc:
            raise CacheMiss(f"unreadable header: {exc}") from None
        self._fallback = _Fallback(fallback) if fallback else None
        self._events = CachedEvents(records, record_offsets, count, self._fallback.events if self._fallback else None)
        self._chronology: Chronology | None = None
        if loaded is not None:
            from chrono.model import Chronology

            self._events.adopt(loaded.events)
            self._chronology = Chronology(self._events, loaded.actors, loaded.sources, loaded.actor_refs)

    @property
    def chronology(self) -> Chronology:
        """The chronology, its events decoded as they are reached (built on first use)."""
        if self._chronology is None:
            from chrono.model import Actor, Chronology, Source

            try:
                raw = bytes(self._catalog)
                if zlib.crc32(raw) != self._catalog_crc:
                    raise CacheMiss("catalog checksum")
                header = json.loads(raw)
                actors = {a[0]: Actor(a[0], a[1], tuple(a[2])) for a in header["actors"]}
                sources = {s[0]: Source(s[0], s[1], s[2], _span(s[3]), s[4]) for s in header["sources"]}
                refs = frozenset(header["actor_refs"])
            except (CacheMiss, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                if self._fallback is None:
                    raise CacheMiss(f"unreadable catalog: {exc}") from None
                loaded = self._fallback.chronology()
                self._events.adopt(loaded.events)
                actors, sources, refs = dict(loaded.actors), dict(loaded.sources), loaded.actor_refs
            self._chronology = Chronology(self._events, actors, sources, refs)
        return self._chronology

    def select(self, query: Query) -> Iterator[Event]:
        """The events matching ``query`` (see ``query.run``), decoding only those it reaches."""
        from chrono.questions.query import run

        return run(query, self)

    def default_lines(self, query: Query) -> Iterator[bytes]:
        """The default TSV lines of ``select``'s events: for a plain date range, the stored
        bytes, one slice per run of events (nothing decoded); else made from the events."""
        from chrono.questions.query import Match, check_range, is_plain_range

        if not is_plain_range(query):
            return (default_line(event).encode() for event in self.select(query))
        check_range(query)
        runs = self.runs(query.lo, query.hi, within=query.match is Match.WITHIN)
        if query.limit is not None:
            runs = _first(runs, query.limit)
        offsets = self._line_offsets
        return (self._lines.read(offsets[first], offsets[last]) for first, last in runs)

    def holds_extras_of(self, events: Sequence[Event]) -> bool:
        """True when this cache reads back exactly the ``extra`` tables of ``events`` — the one
        field stored as more than plain JSON (dates tagged, keys escaped); checked before a
        cache is written, at the cost of decoding only the chunks that have such tables."""
        if len(events) != len(self._events):
            return False
        try:
            for base in range(0, len(events), CHUNK):
                wanted = [(i, e.extra) for i, e in enumerate(events[base : base + CHUNK]) if e.extra]
                if wanted:
                    records = self._events.chunk(base // CHUNK)
                    if any(repr(records[i][10]) != repr(dict(extra)) for i, extra in wanted):
                        return False  # repr: NaN is not equal to itself, but reads back as NaN
        except (CacheMiss, IndexError, TypeError):
            return False
        return True

    @property
    def events(self) -> Sequence[Event]:
        """Every event, in order (decoded as they are iterated)."""
        return self._events

    def __len__(self) -> int:
        return len(self._events)

    def indices(self, lo: int, hi: int, within: bool) -> Iterator[int]:
        """Positions of the events overlapping (or lying within) ``[lo, hi]``, in order.

        A bisection finds the events starting in the range; before it, only those starting
        within the longest span of ``lo`` can reach into it, and ongoing events are listed apart.
        """
        lo_n, hi_n = lo, hi
        starts, latest = self._starts, self._latest
        last = bisect_right(starts, hi_n)
        if within:  # an open end is FOREVER, inside only a range open at its end
            for index in range(bisect_left(starts, lo_n), last):
                if latest[index] <= hi_n:
                    yield index
            return
        first = bisect_left(starts, lo_n - self._longest, 0, last)
        inner = bisect_left(starts, lo_n, first, last)
        yield from (index for index in self._open if index < first and latest[index] >= lo_n)
        for index in range(first, inner):
            end = latest[index]
            if end == OPEN or end >= lo_n:
                yield index
        yield from range(inner, last)

    def overlapping(self, lo: int, hi: int) -> Iterator[Event]:
        """Events whose span shares a day with ``[lo, hi]``, in order."""
        return self._decode(self.indices(lo, hi, within=False))

    def within(self, lo: int, hi: int) -> Iterator[Event]:
        """Events lying wholly inside ``[lo, hi]``, in order."""
        return self._decode(self.indices(lo, hi, within=True))

    def _decode(self, indices: Iterator[int]) -> Iterator[Event]:
        batch: list[int] = []
        for index in indices:
            batch.append(index)
            if len(batch) >= 2048:
                yield from self._decode_batch(batch)
                batch = []
        yield from self._decode_batch(batch)

    def _decode_batch(self, batch: list[int]) -> Iterator[Event]:
        if not batch:
            return
        decoded = self._events.span(batch[0], batch[-1] + 1)
        for index in batch:
            yield decoded[index - batch[0]]

    def runs(self, lo: int, hi: int, within: bool) -> Iterator[tuple[int, int]]:
        """``indices`` as runs of consecutive positions ``(first, last)``, last exclusive; the
        events starting inside an overlap range come out as one run without visiting each."""
        lo_n, hi_n = lo, hi
        last = bisect_right(self._starts, hi_n)
        if within:
            yield from _runs(self.indices(lo, hi, within=True))
            return
        first = bisect_left(self._starts, lo_n - self._longest, 0, last)
        inner = bisect_left(self._starts, lo_n, first, last)
        early = self.indices(lo, lo_n, within=False)  # starts before lo
        pending: tuple[int, int] | None = None
        for run in _runs(index for index in early if index < inner):
            if pending is not None:
                yield pending
            pending = run
        if inner < last:
            if pending is not None and pending[1] == inner:
                pending = (pending[0], last)
            else:
                if pending is not None:
                    yield pending
                pending = (inner, last)
        if pending is not None:
            yield pending


def _first(runs: Iterator[tuple[int, int]], limit: int) -> Iterator[tuple[int, int]]:
    """The runs cut down to ``limit`` events in all."""
    for first, last in runs:
        if limit <= 0:
            return
        yield first, min(last, first + limit)
        limit -= last - first


def _runs(indices: Iterator[int]) -> Iterator[tuple[int, int]]:
    """Consecutive positions gathered into ``(first, last)`` runs, last exclusive."""
    start = end = -1
    for index in indices:
        if index == end:
            end += 1
            continue
        if start >= 0:
            yield start, end
        start, end = index, index + 1
    if start >= 0:
        yield start, end


def _provenance(header: dict[str, Any]) -> tuple[list[list[Any]], list[str], int]:
    """What a cache was made from: the inputs' fingerprints, their checksums, when they were read."""
    inputs, sums = header["inputs"], header["sums"]
    if not isinstance(inputs, list) or not isinstance(sums, list):
        raise TypeError("inputs")
    return inputs, [str(item) for item in sums], int(header["read_at"])


def _span(text: str | None) -> DateSpan | None:
    if text is None:
        return None
    from chrono.dates.edtf import parse_span

    return parse_span(text)

"""The records of a cache file: the blobs they live in (CRC-checked before use), the events
decoded from them on demand, and the escaping that keeps ``extra`` data and dates apart in JSON.
Split from ``cached_timeline``, which finds the records a query reaches; this module decodes them.
"""

from __future__ import annotations

import datetime as _dt
import json
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from chrono.dates.edtf import PartialDate
    from chrono.model import Event

CHUNK = 256  # events per JSON array in the records region
# JSON has no dates: a date in ``extra`` is stored as ``{DATE_TAG: [type, ISO text]}``. A key of
# the data that starts with ESCAPE (the tag itself, say) is stored with ESCAPE put in front once
# more, so that no table of the data can read back as a date, nor a date as a table.
ESCAPE = "\x00chrono-"
DATE_TAG = ESCAPE + "date"
Buffer = Any  # bytes, memoryview or mmap: anything memoryview() takes


class CacheMiss(Exception):
    """The cache cannot be used (absent, stale, foreign, truncated or corrupt)."""


class Blob:
    """A region of the cache file, checked against its CRC-32 before its first byte is used."""

    __slots__ = ("_checked", "_crc", "_data")

    def __init__(self, data: memoryview, crc: int, check_now: bool) -> None:
        self._data, self._crc, self._checked = data, crc, False
        if check_now:
            self.check()

    def check(self) -> None:
        """Raise CacheMiss unless the whole region is as written."""
        if not self._checked:
            if zlib.crc32(self._data) != self._crc:
                raise CacheMiss("corrupt data")
            self._checked = True

    def read(self, start: int, end: int) -> bytes:
        if not 0 <= start <= end <= len(self._data):
            raise CacheMiss("offset out of range")
        self.check()
        return bytes(self._data[start:end])


class CachedEvents(Sequence["Event"]):
    """Events decoded from the cache on demand, in slices, and kept once decoded."""

    def __init__(
        self, blob: Blob, offsets: Sequence[int], count: int, recover: Callable[[], Sequence[Event]] | None = None
    ) -> None:
        self._blob, self._offsets, self._count, self._recover = blob, offsets, count, recover
        self._decoded: list[Event | None] = [None] * count

    def __len__(self) -> int:
        return self._count

    def adopt(self, events: Sequence[Event]) -> None:
        """Take events already in memory (the ones the cache was just written from)."""
        if len(events) != self._count:
            raise CacheMiss("event count")
        self._decoded = list(events)

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Event]: ...
    def __getitem__(self, index: int | slice) -> Event | Sequence[Event]:
        if isinstance(index, slice):
            first, last, step = index.indices(self._count)
            if step != 1:
                return [self[i] for i in range(first, last, step)]
            return self.span(first, last)
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        event = self._decoded[index]
        return event if event is not None else self.span(index, index + 1)[0]

    def __iter__(self) -> Iterator[Event]:
        step = 4096
        for first in range(0, self._count, step):
            yield from self.span(first, min(self._count, first + step))

    def span(self, first: int, last: int) -> list[Event]:
        """Events ``first`` to ``last`` (exclusive), decoding the ones not yet decoded together;
        when they will not decode, every event is taken from the TOML instead (``recover``)."""
        if first >= last:
            return []
        if all(self._decoded[i] is not None for i in (first, last - 1)) and None not in self._decoded[first:last]:
            return self._decoded[first:last]  # type: ignore[return-value]
        try:
            self._decode(first, last)
        except CacheMiss:
            if self._recover is None:
                raise
            self.adopt(self._recover())
        return self._decoded[first:last]  # type: ignore[return-value]

    def chunk(self, number: int) -> list[Any]:
        """The raw records of one chunk, as JSON gives them (dates untagged, keys unescaped)."""
        raw = self._blob.read(self._offsets[number], self._offsets[number + 1])
        try:
            records = json.loads(raw, object_hook=_untag)
        except (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError) as exc:
            raise CacheMiss(f"undecodable record: {exc}") from None
        if not isinstance(records, list) or len(records) != min(CHUNK, self._count - number * CHUNK):
            raise CacheMiss("record count")
        return records

    def _decode(self, first: int, last: int) -> None:
        decode = _decoder()
        for chunk in range(first // CHUNK, (last - 1) // CHUNK + 1):
            base = chunk * CHUNK
            records = self.chunk(chunk)
            try:
                for index in range(max(first, base), min(last, base + len(records))):
                    if self._decoded[index] is None:
                        self._decoded[index] = decode(records[index - base])
            except (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError) as exc:
                raise CacheMiss(f"undecodable record: {exc}") from None


def _untag(value: dict[str, Any]) -> Any:
    """A JSON object of a record back as it was: a tagged date, or a table (keys unescaped)."""
    if len(value) == 1 and DATE_TAG in value:
        kind, text = value[DATE_TAG]
        if kind == "datetime":
            return _dt.datetime.fromisoformat(text)
        if kind == "time":
            return _dt.time.fromisoformat(text)
        if kind == "date":
            return _dt.date.fromisoformat(text)
        raise CacheMiss(f"unknown tag {kind!r}")
    if any(key.startswith(ESCAPE) for key in value):
        return {(key[len(ESCAPE) :] if key.startswith(ESCAPE) else key): item for key, item in value.items()}
    return value


def escape_keys(value: Any) -> Any:
    """``value`` ready for JSON: dates tagged, keys that start with ESCAPE escaped (see DATE_TAG)."""
    if isinstance(value, dict):
        return {(ESCAPE + key if key.startswith(ESCAPE) else key): escape_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_keys(item) for item in value]
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return {DATE_TAG: [type(value).__name__, value.isoformat()]}
    return value


def _decoder() -> Callable[[list[Any]], Event]:
    """The record -> Event function (model and dates are imported when events are first read)."""
    from chrono.dates.edtf import DateSpan, PartialDate, Precision
    from chrono.model import Event, Origin

    def partial(raw: list[Any]) -> PartialDate:
        text, lower, upper, precision, flags, clock = raw
        if type(lower) is not int or type(upper) is not int or type(clock) is not int:
            raise TypeError("a day number")
        return PartialDate(text, lower, upper, Precision(precision), bool(flags & 1), bool(flags & 2), clock)

    def event(record: list[Any]) -> Event:
        ident, kind, title, place, actors, tags, summary, note, sources, related, extra, start, end, open_end = record[
            :14
        ]
        written, open_start = record[15], bool(record[16])
        if written is not None and type(written) is not str:
            raise TypeError("written")
        when = DateSpan(partial(start), partial(end) if end else None, bool(open_end), open_start, written)
        where = record[14]  # where the event is defined (chrono sql's file, line)
        return Event(
            ident, when, kind, title, place, tuple(actors), tuple(tags), summary, note, tuple(sources), tuple(related),
            extra or {}, Origin(where[0], where[1]) if where else None,
        )  # fmt: skip

    return event

"""A cache file of bytes made from the inputs: the SQL database beside the timeline's cache.

It is keyed, checked and opened exactly as the timeline's cache is (``chrono.cache.store``'s
``cache_file`` and ``check_provenance``, ``chrono.cache.opener``): the same file name for the same
input paths, valid only for the same version and the same inputs (real path, size, times, inode,
device), a racy input checked by content, opened without following a link or blocking, a regular
file of this user only. The bytes carry a header and a CRC, so a damaged or foreign file reads as
"no cache" and is rebuilt.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Sequence
from typing import Any

from chrono import __version__
from chrono.cache.opener import read_whole, store
from chrono.cache.records import CacheMiss
from chrono.cache.store import cache_file, check_provenance

MAGIC = b"chrono-blob 1\n"
_PREFIX = struct.Struct("<II")  # header length, header CRC-32
MAX_BLOB = 1 << 31


def blob_file(directory: str, inputs: list[list[Any]], suffix: str) -> str:
    """The file beside the timeline's cache for these inputs: its name with ``suffix``."""
    return cache_file(directory, inputs).removesuffix(".cache") + suffix


def write_blob(path: str, payload: bytes, inputs: list[list[Any]], sums: Sequence[str], read_at: int) -> None:
    """Store ``payload``, made from ``inputs`` (whose bytes had the checksums ``sums``, read at
    ``read_at``), atomically and privately at ``path``; OSError when it cannot be written."""
    header = json.dumps(
        {
            "version": __version__,
            "inputs": inputs,
            "sums": list(sums),
            "read_at": read_at,
            "payload": [len(payload), zlib.crc32(payload)],
        }
    ).encode()  # ASCII: a path that is not UTF-8 holds lone surrogates, escaped
    store(path, MAGIC + _PREFIX.pack(len(header), zlib.crc32(header)) + header + payload)


def read_blob(path: str, inputs: list[list[Any]]) -> bytes:
    """The payload at ``path`` if it is whole, ours, and made from exactly ``inputs`` (racy ones
    checked by content); raise CacheMiss otherwise."""
    try:
        data = read_whole(path, MAX_BLOB)
    except (OSError, ValueError) as exc:
        raise CacheMiss(str(exc)) from None
    if not data.startswith(MAGIC):
        raise CacheMiss("not a chrono cache")
    try:
        length, crc = _PREFIX.unpack_from(data, len(MAGIC))
        start = len(MAGIC) + _PREFIX.size
        header_bytes = data[start : start + length]
        if zlib.crc32(header_bytes) != crc:
            raise CacheMiss("header checksum")
        header = json.loads(header_bytes)
        payload = data[start + length :]
        if header["version"] != __version__ or header["payload"] != [len(payload), zlib.crc32(payload)]:
            raise CacheMiss("another version, or damaged")
        check_provenance(inputs, header["inputs"], [str(s) for s in header["sums"]], int(header["read_at"]))
    except CacheMiss:
        raise
    except (ValueError, TypeError, KeyError, IndexError, struct.error) as exc:
        raise CacheMiss(f"unreadable header: {exc}") from None
    return payload

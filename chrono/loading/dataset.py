"""Reading chronologies: files, directories, bundled names and stdin (git revisions: ``git.py``).

The core's only I/O. Bytes are decoded here and handed to ``parsing``, which turns them into a
Chronology and located problems.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from chrono.errors import DataError, Problem, Severity, SourceError
from chrono.loading import bundled

if TYPE_CHECKING:
    from chrono.loading.tables import ParsedFile
    from chrono.model import Chronology

# Paths are strings and os.path does the work here: pathlib would cost start-up time on every
# run (it imports urllib and ipaddress), and loading sits on the path of every command.

STDIN = "-"


class Input(NamedTuple):
    """One file to read: the name shown in messages and where its bytes come from."""

    name: str
    path: str | None  # None for standard input


Seen = Callable[[Input, bytes], None]


def resolve_inputs(specs: Sequence[str]) -> list[Input]:
    """Turn ``--data`` values (files, directories, bundled names, ``-``) into files to read."""
    inputs: list[Input] = []
    for spec in specs:
        if spec == STDIN:
            inputs.append(Input("<stdin>", None))
            continue
        if not spec or "\x00" in spec:
            raise SourceError(f"{spec!r} is not a usable path")
        if not os.path.exists(spec) and bundled.is_name(spec):
            inputs.append(Input(spec, bundled.path(spec)))
        elif os.path.isdir(spec):
            names = sorted(n for n in os.listdir(spec) if n.endswith(".toml") and os.path.isfile(os.path.join(spec, n)))
            if not names:
                raise SourceError(f"no *.toml files in directory '{spec}'")
            inputs.extend(Input(os.path.join(spec, n), os.path.join(spec, n)) for n in names)
        else:
            inputs.append(Input(spec, spec))
    return inputs


def data_name(specs: Sequence[str]) -> str:
    """A name for the data where a calendar must have one and the TOML holds no title: each
    ``--data`` value's file or directory name without ``.toml`` (a bundled chronology's name as
    it is; ``stdin`` for ``-``), in order and once each, joined by ``, ``."""
    names = []
    for spec in specs:
        base = "stdin" if spec == STDIN else os.path.basename(os.path.normpath(spec)).removesuffix(".toml")
        names.append(base or spec)
    return ", ".join(dict.fromkeys(names)) or "Chronology"


# A pipe or standard input has no size to check first: reading stops, with an error, past this.
MAX_STREAM = 1 << 30
_CHUNK = 1 << 20


def read_text(source: Input, read_stdin: Callable[[], bytes], seen: Seen | None = None) -> str:
    """Read and decode one input as UTF-8 (a BOM is accepted), or raise a clear error; ``seen``
    is shown the bytes read (the cache keeps their checksum).

    A regular file is read whole; a pipe (``--data <(...)``) up to ``MAX_STREAM`` bytes; a
    device (``/dev/zero``, a terminal, a disk) is refused, for it may never end.
    """
    raw = read_bytes(source, read_stdin)
    if seen is not None:
        seen(source, raw)
    return decode(source.name, raw)


def read_bytes(source: Input, read_stdin: Callable[[], bytes]) -> bytes:
    """The bytes of one input, undecoded (``chrono import --encoding`` decodes them itself)."""
    return read_stdin() if source.path is None else read_file(source.path, source.name)


def read_file(path: str, name: str | None = None, *, pipes: bool = True) -> bytes:
    """The bytes of the data file ``path`` (``name`` in messages): the one way chrono reads one.

    Opened without blocking, so that a FIFO with no writer cannot hang chrono, and checked on the
    open descriptor: a regular file is read up to ``MAX_STREAM`` bytes, a pipe (``--data <(...)``)
    likewise when ``pipes`` (``fmt`` and ``edit``, which write the file back, refuse one), and a
    device (``/dev/zero``, a terminal, a disk), a directory or a socket is refused.
    """
    import stat

    shown = path if name is None else name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SourceError(f"cannot read '{shown}': no such file") from None
    except IsADirectoryError:
        raise SourceError(f"cannot read '{shown}': it is a directory") from None
    except OSError as exc:
        raise SourceError(f"cannot read '{shown}': {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    refusal = None
    if stat.S_ISDIR(mode):
        refusal = "it is a directory"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        refusal = "it is a device, not a file or a pipe"
    elif not stat.S_ISREG(mode) and not (pipes and stat.S_ISFIFO(mode)):
        refusal = f"it is {'a FIFO' if stat.S_ISFIFO(mode) else 'a socket'}, not a regular file"
    if refusal is not None:
        os.close(fd)
        raise SourceError(f"cannot read '{shown}': {refusal}")
    with os.fdopen(fd, "rb", buffering=0) as stream:
        os.set_blocking(fd, True)  # a pipe with no writer now reads as empty, never waits
        try:
            return read_bounded(stream, shown)
        except OSError as exc:
            raise SourceError(f"cannot read '{shown}': {exc.strerror or exc}") from None


def read_stdin(stream: BinaryIO) -> bytes:
    """Standard input: a file, a pipe or a terminal; a device such as ``< /dev/zero`` is refused."""
    import stat

    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError):  # not a real file (an in-memory stream, in tests)
        return read_bounded(stream, "<stdin>")
    if stat.S_ISREG(mode):
        return stream.read()
    if (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)) and not stream.isatty():
        raise SourceError("cannot read '-': standard input is a device, not a file, a pipe or a terminal")
    return read_bounded(stream, "<stdin>")


def read_bounded(stream: BinaryIO, name: str) -> bytes:
    """All of a file, a pipe or standard input, in chunks, refusing more than ``MAX_STREAM`` bytes."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
        if total > MAX_STREAM:
            limit = f"{MAX_STREAM >> 20} MiB"
            raise SourceError(f"cannot read '{name}': more than {limit} from a pipe or device; save it to a file")
        chunks.append(chunk)
    return b"".join(chunks)


def decode(name: str, raw: bytes) -> str:
    """UTF-8 text of a file; names the byte offset (and line) of the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problem = Problem(
            name,
            1,
            1,
            Severity.ERROR,
            "encoding",
            "file is UTF-16; chrono reads UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)",
        )
        raise DataError([problem])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}"
        raise DataError([Problem(name, line, col, Severity.ERROR, "encoding", message)]) from None


def read_all(
    specs: Sequence[str], read_stdin: Callable[[], bytes] | None = None, seen: Seen | None = None
) -> list[ParsedFile]:
    """Read and parse every file the specs name (problems are collected, not raised)."""
    from chrono.loading.tables import ParsedFile, parse_file

    stdin = read_stdin or _no_stdin
    parsed: list[ParsedFile] = []
    for source in resolve_inputs(specs):
        try:
            text = read_text(source, stdin, seen)
        except DataError as exc:  # undecodable: the file's one problem
            parsed.append(ParsedFile.failed(source.name, exc.problems))
            continue
        parsed.append(parse_file(source.name, text))
    return parsed


def load(specs: Sequence[str], read_stdin: Callable[[], bytes] | None = None, seen: Seen | None = None) -> Chronology:
    """Load the chronology from ``--data`` values; raise DataError listing every problem."""
    from chrono.loading.tables import merge

    chronology, problems = merge(read_all(specs, read_stdin, seen))
    if problems:
        raise DataError(problems)
    return chronology


def _no_stdin() -> bytes:
    raise SourceError("reading '-' needs standard input")

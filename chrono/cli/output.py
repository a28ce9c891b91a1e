"""Where output decisions are made once: format, colour, and writing to stdout and stderr.

What is written to a pipe or a file is UTF-8 bytes, whatever the locale or PYTHONIOENCODING
say (as jq and git do): TSV, CSV, JSON, ids and every other plain output are a contract, and
text in another encoding, or with characters replaced, would break it. Only a terminal gets
text in its own encoding, with a visible escape for a character it cannot show.

Writing fails cleanly: a full disk or another write error is a ``chrono: error:`` and exit 2,
and a reader that closed the pipe ends the command quietly (``PipeClosed``).
"""

from __future__ import annotations

import contextlib
import errno
import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from chrono.cli.env import Environment
from chrono.errors import ChronoError, ExitCode

if TYPE_CHECKING:
    from rich.console import Console


def resolve_format(fmt: str, env: Environment, terminal: str, plain: str) -> str:
    """``auto`` becomes ``terminal`` on a tty and ``plain`` otherwise."""
    if fmt != "auto":
        return fmt
    return terminal if env.stdout_isatty else plain


def use_color(option: str, env: Environment) -> bool:
    """The colour decision: ``always``, ``never``, or on a terminal only for ``auto`` (the
    ``--color`` option's value arrives resolved: NO_COLOR, FORCE_COLOR and the file included)."""
    if option == "always":
        return True
    if option == "never":
        return False
    return env.stdout_isatty


class PipeClosed(Exception):
    """The reader of stdout went away (``chrono list | head -1``): the command ends quietly.

    ``status`` is the exit status it ends with: 0, except for commands whose status is the
    answer (``check``, ``diff``), which keep it, so ``set -o pipefail`` still sees a failure.
    """

    def __init__(self, status: int = ExitCode.OK) -> None:
        super().__init__(status)
        self.status = status


class OutputError(ChronoError):
    """Standard output cannot be written (a full disk, an I/O error): exit 2, said clearly."""


@contextlib.contextmanager
def writing(status: int = ExitCode.OK) -> Iterator[None]:
    """Turn what can go wrong while writing stdout into a quiet end or a clear error."""
    try:
        yield
    except BrokenPipeError:
        raise PipeClosed(status) from None
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise PipeClosed(status) from None
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


@contextlib.contextmanager
def keep_status(status: int) -> Iterator[None]:
    """For a command whose exit status is its answer: a closed pipe does not turn it into 0."""
    try:
        yield
    except PipeClosed:
        raise PipeClosed(status) from None


# chrono's own drawing characters, and what an ASCII-only terminal (LC_ALL=C) gets instead; any
# other character it cannot show still becomes a visible escape. One character for one, so that
# columns stay aligned.
ASCII_GLYPHS = str.maketrans({
    "─": "-", "━": "=", "│": "|", "┤": "|", "├": "|", "┬": "+", "└": "+", "╭": "+", "╮": "+", "╰": "+",
    "╯": "+", "→": ">", "…": ".", "—": "-", "·": ".", "★": "*", "●": "o", "○": "o", "▶": ">",
    "░": ".", "▏": "|", "█": "#", "∅": "-",
})  # fmt: skip


def _shows_glyphs(stream: object) -> bool:
    """Whether a terminal's encoding can show chrono's drawing characters."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "─│→★█".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def write_lines(env: Environment, lines: Iterable[str]) -> None:
    """Stream text lines to stdout (each already ends in a newline): UTF-8 bytes to a pipe or a
    file, the terminal's encoding to a terminal."""
    raw = None if env.stdout_isatty else getattr(env.stdout, "buffer", None)
    with writing():
        if raw is None:
            write = env.stdout.write
            for line in lines:
                write(line)
            env.stdout.flush()
            return
        env.stdout.flush()  # anything written as text before goes first
        put = raw.write
        for line in lines:
            put(line.encode("utf-8", "backslashreplace"))  # a lone surrogate (a non-UTF-8 path) as \udcxx
        raw.flush()


def write_bytes(env: Environment, chunks: Iterable[bytes]) -> None:
    """Stream UTF-8 bytes to stdout (straight to its buffer when it has one)."""
    raw = getattr(env.stdout, "buffer", None)
    if env.stdout_isatty and (getattr(env.stdout, "encoding", "") or "").lower().replace("-", "") != "utf8":
        raw = None  # a terminal in another encoding: through the text layer and its escapes
    with writing():
        env.stdout.flush()
        for chunk in chunks:
            if raw is not None:
                raw.write(chunk)
            else:
                env.stdout.write(chunk.decode("utf-8"))
        (raw if raw is not None else env.stdout).flush()


def console(env: Environment, color: str) -> Console:
    """The rich console for stdout."""
    from chrono.render.terminal import make_console

    return make_console(env.stdout, color=use_color(color, env), width=env.width, environ=env.environ)


def show(env: Environment, renderable: object, color: str, no_pager: bool = False, **options: Any) -> None:
    """Draw for a terminal (``options`` go to rich's ``print``); output taller than the terminal
    goes through the pager (``page_text``). Piped, the drawing is written as UTF-8 like every
    other piped output."""
    target = console(env, color)
    if not env.stdout_isatty:
        with target.capture() as captured:
            target.print(renderable, **options)
        write_lines(env, [captured.get()])
        return
    if no_pager and _shows_glyphs(env.stdout):
        with writing():
            target.print(renderable, **options)
            env.stdout.flush()
        return
    with target.capture() as captured:
        target.print(renderable, **options)
    page_text(env, captured.get(), no_pager)


def write_paged(env: Environment, lines: Iterable[str], no_pager: bool = False, drawing: bool = False) -> None:
    """Text lines for stdout, written as they are drawn; on a terminal, through the pager when
    they are taller than it, as git does (never when piped or with --no-pager).

    Only one screen is held back to decide whether to page, so the first screen reaches the
    terminal (or the pager) while later lines are still being rendered. The pager is the
    settings' (CHRONO_PAGER, PAGER, the configuration's ``pager``, ``less -FRX``); an empty one
    or ``cat`` means none.
    """
    stream = iter(lines)
    if drawing and env.stdout_isatty and not _shows_glyphs(env.stdout):  # a drawing, in what the terminal shows
        stream = (line.translate(ASCII_GLYPHS) for line in stream)
    if no_pager or not env.stdout_isatty:
        write_lines(env, stream)
        return
    screen = list(itertools.islice(stream, env.height))
    if len(screen) < env.height:
        write_lines(env, screen)
        return
    from chrono.cli.pager import page

    if not page(env.settings.pager.value, itertools.chain(screen, stream), env.environ):
        write_lines(env, itertools.chain(screen, stream))


def page_text(env: Environment, text: str, no_pager: bool = False) -> None:
    """A drawing made whole (a rich rendering, the timeline) for stdout, paged as ``write_paged``
    pages lines."""
    write_paged(env, text.splitlines(keepends=True), no_pager, drawing=True)


def note(env: Environment, message: str) -> None:
    """A line for the human on stderr (counts, hints), never mixed into the data on stdout."""
    from chrono.escape import visible

    env.stderr.write(visible(message) + "\n")


def emit(
    env: Environment,
    command: str,
    name: str,
    answer: object,
    *,
    color: str = "never",
    no_pager: bool = False,
    calendar: str = "gregorian",
    output: str | None = None,
) -> None:
    """Render a command's answer in the format ``--format NAME`` chose (``auto`` decided
    here) through the format registry, and write it: to ``output`` (``-o``) whole, else to
    stdout as it is produced, paged on a terminal. Notes the renderer made (a count, what was
    left out) go to stderr after the output."""
    from chrono.render import formats
    from chrono.render.views import Look

    fmt, chosen = formats.choose(command, name, env.stdout_isatty)
    notes: list[str] = []
    colour = chosen.drawing and use_color(color, env)
    hyperlinks = env.stdout_isatty and env.settings.term.value not in ("dumb", "linux")  # these print OSC 8 raw
    look = Look(env.width, colour, calendar, env.environ, notes.append, hyperlinks)
    produced = formats.renderer(chosen)(answer, look)
    if fmt.to_file:
        _to_file(produced, output, name)
    elif output is not None and output != "-":
        from chrono.writing.files import write_output

        write_output(output, b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in produced))
    else:
        stream = iter(produced)
        first = next(stream, None)
        if isinstance(first, bytes):
            write_bytes(env, itertools.chain([first], stream))
        elif first is not None:
            write_paged(env, itertools.chain([first], stream), no_pager, drawing=chosen.drawing)
    for line in notes:
        note(env, line)


def _to_file(produced: Iterable[bytes], output: str | None, name: str) -> None:
    """A format that is only a file (a database): written to ``-o FILE`` by the one writer (links,
    hard links, owner, mode, devices and FIFOs as for every ``-o``), never to stdout."""
    from chrono.errors import UsageError
    from chrono.writing.files import write_output

    if output is None or output == "-":
        raise UsageError(f"{name} output is a file: give -o FILE", option=f"--format {name}")
    write_output(output, b"".join(produced))

"""The rich console chrono draws on, configured once from the resolved colour and width."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TextIO

from rich.console import Console

if TYPE_CHECKING:
    from chrono.render.views import Look

_IGNORED_ENV = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


def make_console(stream: TextIO, *, color: bool, width: int, environ: Mapping[str, str]) -> Console:
    """A console that never interprets markup or highlights data, with colour decided by chrono.

    The colour decision (``--color``, ``NO_COLOR``, ``FORCE_COLOR``, is-a-tty) is made once by the
    CLI, so those variables are hidden from rich here to keep it from deciding again.
    """
    environ = {key: value for key, value in environ.items() if key not in _IGNORED_ENV}
    return Console(
        file=stream,
        width=width,
        force_terminal=color,
        color_system="truecolor" if color else None,
        no_color=not color,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        _environ=environ,
    )


def drawn_lines(renderables: Iterable[object], look: Look) -> Iterator[str]:
    """rich renderables drawn one at a time, as lines: the first reaches the terminal (or the
    pager) before the last is drawn."""
    import io

    console = make_console(io.StringIO(), color=look.colour, width=look.width, environ=look.environ)
    for renderable in renderables:
        with console.capture() as captured:
            console.print(renderable)
        yield from captured.get().splitlines(keepends=True)

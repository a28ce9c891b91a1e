"""Where output decisions are made once: format, colour, and writing to stdout and stderr."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from chrono.cli.env import Environment

if TYPE_CHECKING:
    from rich.console import Console

F = TypeVar("F", bound=Callable[..., Any])

COLOR_CHOICES = ("auto", "always", "never")


def format_option(choices: tuple[str, ...], default: str = "auto") -> Callable[[F], F]:
    """``--format`` with these choices; ``auto`` means a table on a terminal, else the first plain one."""

    def decorate(func: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default=default,
            show_default=True,
            help="Output format; auto: a table on a terminal, plain text when piped.",
        )(func)

    return decorate


def color_option(func: F) -> F:
    """``--color auto|always|never`` (auto honours NO_COLOR, FORCE_COLOR and is-a-tty)."""
    return click.option(
        "--color",
        "color",
        type=click.Choice(COLOR_CHOICES),
        default="auto",
        show_default=True,
        help="Colour in terminal output; auto honours NO_COLOR and FORCE_COLOR.",
    )(func)


def resolve_format(fmt: str, env: Environment, terminal: str, plain: str) -> str:
    """``auto`` becomes ``terminal`` on a tty and ``plain`` otherwise."""
    if fmt != "auto":
        return fmt
    return terminal if env.stdout_isatty else plain


def use_color(option: str, env: Environment) -> bool:
    """The colour decision: the option, then NO_COLOR, then FORCE_COLOR, then is-a-tty."""
    if option == "always":
        return True
    if option == "never":
        return False
    if env.environ.get("NO_COLOR"):
        return False
    if env.environ.get("FORCE_COLOR"):
        return True
    return env.stdout_isatty


def write_lines(env: Environment, lines: Iterable[str]) -> None:
    """Stream text lines to stdout (each already ends in a newline)."""
    write = env.stdout.write
    for line in lines:
        write(line)
    env.stdout.flush()


def write_bytes(env: Environment, chunks: Iterable[bytes]) -> None:
    """Stream UTF-8 bytes to stdout (straight to its buffer when it has one)."""
    env.stdout.flush()
    raw = getattr(env.stdout, "buffer", None)
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


def pager_option(func: F) -> F:
    """``--no-pager``: never page this output."""
    return click.option("--no-pager", "no_pager", is_flag=True, help="Do not page output taller than the terminal.")(
        func
    )


def show(env: Environment, renderable: object, color: str, no_pager: bool = False) -> None:
    """Draw for a terminal; output taller than the terminal goes through the pager, as git does.

    Never when piped or with --no-pager; CHRONO_PAGER, then PAGER, then the configuration's
    pager, then ``less -FRX``; an empty pager or ``cat`` turns paging off.
    """
    target = console(env, color)
    if no_pager or not env.stdout_isatty:
        target.print(renderable)
        return
    with target.capture() as captured:
        target.print(renderable)
    text = captured.get()
    if text.count("\n") < env.height:
        env.stdout.write(text)
        env.stdout.flush()
        return
    from chrono.cli.pager import page
    from chrono.cli.settings import pager_command

    command, _ = pager_command(env.environ, env.config)
    if not page(command, text, env.environ):
        env.stdout.write(text)
        env.stdout.flush()


def show_lines(env: Environment, lines: Iterable[str], no_pager: bool = False) -> None:
    """Terminal lines written as they are drawn; taller than the terminal, through the pager.

    Only one screen is held back to decide whether to page, so the first screen reaches the
    terminal (or the pager) while later lines are still being rendered.
    """
    stream = iter(lines)
    if no_pager or not env.stdout_isatty:
        write_lines(env, stream)
        return
    screen = list(itertools.islice(stream, env.height))
    if len(screen) < env.height:
        write_lines(env, screen)
        return
    from chrono.cli.pager import page
    from chrono.cli.settings import pager_command

    command, _ = pager_command(env.environ, env.config)
    if not page(command, itertools.chain(screen, stream), env.environ):
        write_lines(env, itertools.chain(screen, stream))


def note(env: Environment, message: str) -> None:
    """A line for the human on stderr (counts, hints), never mixed into the data on stdout."""
    from chrono.escape import visible

    env.stderr.write(visible(message) + "\n")

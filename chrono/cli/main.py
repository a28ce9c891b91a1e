"""The ``chrono`` group: lazy subcommands and the one error boundary.

Subcommand modules are imported only when their command runs, so ``chrono --help`` and a piped
``chrono list`` never pay for rich or for the other commands. Every error ends here and becomes
a short message on stderr and a documented exit code (see ``chrono.errors.ExitCode``).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib
import inspect  # click imports it anyway
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from chrono import __version__
from chrono.cli.env import Environment
from chrono.cli.output import OutputError, PipeClosed, writing
from chrono.errors import ChronoError, DataError, ExitCode

if TYPE_CHECKING:
    from chrono.cli.settings import Layers

# name -> (module, one-line help). The one-line help is said only here, so that listing commands
# imports nothing; it heads the command's own help, whose docstring goes on from there.
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("chrono.cli.commands.list_cmd", "List events, filtered and sorted."),
    "show": ("chrono.cli.commands.show_cmd", "Show everything about events, by id, unique prefix or words of an id."),
    "between": ("chrono.cli.commands.between_cmd", "The time between two events or dates."),
    "anniversaries": ("chrono.cli.commands.anniversaries_cmd", "Anniversaries falling in a window of days."),
    "timeline": ("chrono.cli.commands.timeline_cmd", "Draw the events as a picture across the terminal."),
    "cal": ("chrono.cli.commands.cal_cmd", "A month or a year as a calendar, days with events marked."),
    "stats": (
        "chrono.cli.commands.stats_cmd",
        "Count the chosen events, summarise them, or find the quiet periods between them.",
    ),
    "export": ("chrono.cli.commands.export_cmd", "Export events as iCalendar, Markdown, TimelineJS, HTML or SQLite."),
    "import": (
        "chrono.cli.commands.import_cmd",
        "Convert a CSV, JSON, JSON Lines, YAML or TimelineJS3 file into chronology TOML.",
    ),
    "add": ("chrono.cli.commands.add_cmd", "Append one event to a chronology file and print its id."),
    "datasets": ("chrono.cli.commands.datasets_cmd", "List the bundled chronologies."),
    "completion": ("chrono.cli.commands.completion_cmd", "Print the shell completion script."),
    "config": ("chrono.cli.commands.config_cmd", "Print the effective settings and where each came from."),
    "check": ("chrono.cli.commands.check_cmd", "Check chronology files and report every problem, not just the first."),
    "diff": ("chrono.cli.commands.diff_cmd", "What changed between two versions of a chronology, keyed by event id."),
    "fmt": (
        "chrono.cli.commands.fmt_cmd",
        "Rewrite chronology files in the one canonical layout, keeping every comment.",
    ),
    "edit": ("chrono.cli.commands.edit_cmd", "Open an event in $EDITOR; the file is checked before it is kept."),
    "sql": ("chrono.cli.commands.sql_cmd", "Run one read-only SQL statement (SQLite) over the chosen data."),
}

EPILOG = """\b
Examples:
  chrono list --from 2000
  chrono list --kind summit --actor putin --format json | jq .
Exit codes: 0 ok, 1 a negative answer, 2 usage or data error, 3 internal error, 130 interrupted.
"""


class ChronoGroup(click.Group):
    """A group whose commands load on first use and whose ``main`` is the error boundary."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        command = importlib.import_module(entry[0]).command
        assert isinstance(command, click.Command)
        if command.short_help != entry[1]:  # the one-line help is the registry's, said once
            command.short_help = entry[1]
            command.help = f"{entry[1]}\n\n{inspect.cleandoc(command.help or '')}".rstrip()
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        env = ctx.find_root().obj
        if isinstance(env, Environment):
            if env.layers is None:
                env.layers = _layers(ctx, env)
            from chrono.cli.settings import expand_alias

            args = expand_alias(list(args), env.layers, COMMANDS)
        if args and args[0] not in COMMANDS and not args[0].startswith("-") and not ctx.resilient_parsing:
            import difflib

            close = difflib.get_close_matches(args[0], list(COMMANDS), n=1, cutoff=0.5)
            ctx.fail(f"No such command '{args[0]}'." + (f" Did you mean '{close[0]}'?" if close else ""))
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # click turns EPIPE into exit 1 by itself; a closed pipe is the reader's choice,
            # not a failure, so carry it past click to the boundary as something else.
            raise PipeClosed from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        env = _environment(extra.pop("obj", None))
        code = run(self, env, args, prog_name or "chrono", complete_var or "_CHRONO_COMPLETE", extra)
        if standalone_mode:
            sys.exit(code)
        return code


def _layers(ctx: click.Context, env: Environment) -> Layers:
    """The environment and the configuration file, once the group's own ``--no-config`` is
    known (an alias may choose the command); shell completion carries on without a broken
    configuration file."""
    from chrono.cli.settings import read_layers

    no_config = bool(ctx.params.get("no_config"))
    try:
        return read_layers(env.environ, no_config=no_config)
    except ChronoError:
        if not ctx.resilient_parsing:
            raise
        return read_layers(env.environ, no_config=True)


def _environment(obj: object) -> Environment:
    """The Environment to run in: given whole, or the system's with some fields replaced.

    Tests pass a mapping of overrides (is-a-tty, width, today) so that the streams are the
    ones of the moment the command runs, such as click's CliRunner captures.
    """
    if isinstance(obj, Environment):
        return obj
    env = Environment.from_system()
    if isinstance(obj, dict):
        for name, value in obj.items():
            setattr(env, name, value)
    return env


def run(
    group: click.Group,
    env: Environment,
    args: Sequence[str] | None,
    prog_name: str,
    complete_var: str | None,
    extra: dict[str, Any],
) -> int:
    """Run the command line and turn every outcome into an exit code."""
    with _collector_paused():
        try:
            result = click.Group.main(
                group,
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                obj=env,
                **extra,
            )
            with writing(int(result) if isinstance(result, int) else ExitCode.OK):
                env.stdout.flush()  # what is still buffered fails here, inside the boundary
            return int(result) if isinstance(result, int) else ExitCode.OK
        except click.exceptions.Exit as exc:
            return exc.exit_code
        except click.ClickException as exc:
            _say(env, usage_line(exc))  # escaped there: the message quotes the command line
            return ExitCode.USAGE
        except click.exceptions.Abort:  # click has ended the line already
            return ExitCode.INTERRUPTED
        except KeyboardInterrupt:
            _say(env, "")
            return ExitCode.INTERRUPTED
        except DataError as exc:
            for line in exc.lines():
                _say(env, line)
            return exc.exit_code
        except ChronoError as exc:
            if isinstance(exc, OutputError):
                _silence_stdout()  # the interpreter's last flush must not fail again
            for line in exc.lines():
                _say(env, f"chrono: error: {line}")
            return exc.exit_code
        except (BrokenPipeError, PipeClosed) as exc:
            _silence_stdout()
            return exc.status if isinstance(exc, PipeClosed) else ExitCode.OK
        except Exception as exc:  # the boundary: anything else is our bug, said briefly
            if isinstance(exc, OSError) and exc.errno in _WRITE_ERRORS:  # output drawn by rich, say
                _silence_stdout()
                _say(env, f"chrono: error: cannot write: {exc.strerror}")
                return ExitCode.USAGE
            from chrono.cli.settings import debugging

            if debugging(env.environ):
                import traceback

                traceback.print_exc(file=env.stderr)
            name = type(exc).__name__
            _say(env, f"chrono: internal error: {name}: {exc} (set CHRONO_DEBUG=1 for a traceback)")
            return ExitCode.INTERNAL


def usage_line(exc: click.ClickException) -> str:
    """A usage error from click in chrono's one style: ``chrono: error: MESSAGE``, and where to
    read more (``see 'chrono list --help'``), on one line, as chrono's own usage errors."""
    context = getattr(exc, "ctx", None)
    path = " ".join(["chrono", *context.command_path.split()[1:]]) if isinstance(context, click.Context) else ""
    where = f" (see '{path} --help')" if path else ""
    message = exc.format_message()
    if isinstance(exc, click.NoSuchOption) and exc.possibilities:  # the nearest, as for a command
        import difflib

        close = difflib.get_close_matches(exc.option_name, exc.possibilities, n=1, cutoff=0.0)
        message = f"No such option '{exc.option_name}'. Did you mean '{close[0]}'?"
    return f"chrono: error: {message}{where}"


# A full disk, a quota, a file too large, a failing device: the output's fault, not chrono's.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """A run is short and makes many objects but no cycles: the cycle collector would only
    rescan them (a third of the time of loading 100,000 events), so it sleeps until the end."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _say(env: Environment, line: str) -> None:
    """One line on stderr; text from the data in it (ids, keys, values) shown with visible escapes."""
    from chrono.escape import visible

    try:
        env.stderr.write(visible(line) + "\n")
        env.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


@click.group(cls=ChronoGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="chrono", message="%(prog)s %(version)s")
@click.option("--no-config", is_flag=True, help="Ignore the configuration file.")
@click.option("--no-cache", is_flag=True, help="Read the data from TOML, bypassing the cache (also CHRONO_CACHE=0).")
@click.option(
    "--data",
    "data",
    multiple=True,
    metavar="PATH",
    help="The data of every command, as its own --data (which wins when both are given). Repeatable.",
)
@click.option("--no-pager", "no_pager", is_flag=True, help="Never page output (as git --no-pager).")
@click.pass_context
def cli(ctx: click.Context, no_config: bool, no_cache: bool, data: tuple[str, ...], no_pager: bool) -> None:
    """Query a chronology of dated events kept in TOML files.

    Data comes from --data PATH (repeatable: files, directories, bundled names, '-' for stdin),
    else CHRONO_DATA, else the configuration file, else the bundled DPRK-Russia chronology.
    """
    # The configuration file is read in ChronoGroup.resolve_command, before the subcommand is
    # chosen, because an alias may choose it; the settings (these two options included) are
    # resolved once the subcommand's options are parsed (chrono.cli.command.ChronoCommand).


def main() -> NoReturn:
    """The console-script entry point: the real process, where a new cache is written after
    the answer, in the background (``CHRONO_CACHE_BACKGROUND=0`` writes it before exiting)."""
    env = Environment.from_system()
    env.background_cache = True
    code = cli.main(prog_name="chrono", standalone_mode=False, obj=env)
    if env.pending_caches:
        from chrono.cli.background import write_caches

        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (BrokenPipeError, ValueError):
            _silence_stdout()
        write_caches(env.pending_caches, background=env.settings.cache_background.value)
    sys.exit(code)

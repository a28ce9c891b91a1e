"""``chrono fmt PATH...``: rewrite chronology files in the canonical layout, comments kept."""

from __future__ import annotations

import os

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.output import note, write_lines
from chrono.errors import ChronoError, DataError, ExitCode, SourceError
from chrono.loading.dataset import STDIN, decode, read_file


def _files(paths: tuple[str, ...]) -> list[str]:
    """Files to format: each PATH, or the *.toml files of a directory (bundled names are not paths)."""
    files: list[str] = []
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            names = sorted(n for n in os.listdir(path) if n.endswith(".toml") and os.path.isfile(os.path.join(path, n)))
            if not names:
                raise SourceError(f"no *.toml files in directory '{path}'")
            files.extend(os.path.join(path, name) for name in names)
        else:
            files.append(path)
    if files.count(STDIN) and len(files) > 1:
        raise SourceError("'-' (standard input) cannot be formatted together with files")
    return files


@click.command("fmt", cls=ChronoCommand)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--check", is_flag=True, help="Write nothing; list the files that would change and exit 1 if any.")
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; print a unified diff and exit 1 if any.")
@click.option("--sort", is_flag=True, help="Also order [[event]] tables by date, then id.")
@click.pass_obj
def command(env: Environment, paths: tuple[str, ...], check: bool, show_diff: bool, sort: bool) -> int:
    """PATH is a file, a directory (its *.toml files) or '-' (standard input to standard output).
    Keys are put in the format's order, dates and strings written one way, one blank line
    between tables; the events are the same before and after. A file already formatted is not
    touched; an invalid file is refused with its problems, untouched. Exit 0 ok, 1 (--check,
    --diff) files would change, 2 a file could not be formatted.

    \b
    Examples:
      chrono fmt data/
      git show HEAD:events.toml | chrono fmt -
    """
    from chrono.writing.fmt import changed_lines, format_text

    changed, unchanged, failed = 0, 0, 0
    for path in _files(paths):
        name = "<stdin>" if path == STDIN else path
        try:
            raw = env.read_stdin() if path == STDIN else _read(path)
            before = decode(name, raw)
            after = format_text(name, before, sort=sort)
        except DataError as exc:
            failed += 1
            for line in exc.lines():
                note(env, line)
            note(env, f"chrono fmt: {name}: not formatted, invalid")
            continue
        except ChronoError as exc:
            failed += 1
            for line in exc.lines():
                note(env, f"chrono: error: {line}")
            continue
        if path == STDIN and not (check or show_diff):
            write_lines(env, [after])
            continue
        if after.encode("utf-8") == raw:
            unchanged += 1
            continue
        changed += 1
        if show_diff:
            write_lines(env, changed_lines(name, before, after))
        elif check:
            write_lines(env, [name + "\n"])
        else:
            from chrono.writing.datafile import replace_data_file

            try:
                replace_data_file(path, raw, after.encode("utf-8"))
            except ChronoError as exc:
                changed, failed = changed - 1, failed + 1
                note(env, f"chrono: error: {exc}")
                continue
            note(env, f"reformatted {name}")
    if paths != (STDIN,):
        verb = "would be reformatted" if check or show_diff else "reformatted"
        parts = [f"{changed} {_files_word(changed)} {verb}", f"{unchanged} unchanged"]
        if failed:
            parts.append(f"{failed} not formatted")
        note(env, "chrono fmt: " + ", ".join(parts))
    return ExitCode.USAGE if failed else ExitCode.NEGATIVE if changed and (check or show_diff) else ExitCode.OK


def _files_word(count: int) -> str:
    return "file" if count == 1 else "files"


def _read(path: str) -> bytes:
    """The file's bytes through the one reader: a regular file only (fmt writes it back)."""
    return read_file(path, pipes=False)

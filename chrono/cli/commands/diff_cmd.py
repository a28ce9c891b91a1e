"""``chrono diff OLD NEW`` and ``chrono diff --rev REV [PATH]``: changes keyed by event id."""

from __future__ import annotations

import click

from chrono.cli.env import Environment
from chrono.cli.output import (
    color_option,
    format_option,
    keep_status,
    pager_option,
    resolve_format,
    show,
    write_lines,
)
from chrono.dataset import read_all, read_revision
from chrono.diff import Change, diff
from chrono.errors import DataError, ExitCode, UsageError
from chrono.model import Chronology
from chrono.parsing import ParsedFile, merge


def _chronology(files: list[ParsedFile]) -> Chronology:
    """One side of the diff; an invalid side is trouble, reported as check would."""
    chronology, problems = merge(files)
    if problems:
        raise DataError(problems)
    return chronology


@click.command("diff")
@click.argument("paths", nargs=-1, metavar="OLD NEW")
@click.option("--rev", metavar="REV", help="Compare PATH as of git revision REV with the working copy.")
@click.option("--stat", is_flag=True, help="Print only the counts.")
@format_option(("auto", "text", "tsv", "json"))
@color_option
@pager_option
@click.pass_obj
def command(
    env: Environment, paths: tuple[str, ...], rev: str | None, stat: bool, fmt: str, color: str, no_pager: bool
) -> int:
    """What changed between two versions of a chronology, keyed by event id.

    OLD and NEW are files or directories ('-' reads stdin). With --rev, PATH (default '.') as
    of git revision REV is compared with the working copy. Reordering, reformatting or moving
    events between files is no change. Exit 0: no differences, 1: differences, 2: trouble.

    \b
    Examples:
      chrono diff old.toml new.toml
      chrono diff <(git show HEAD~1:data/dprk-russia.toml) data/dprk-russia.toml
      chrono diff --rev HEAD~1 data/ --stat
    """
    if rev is not None:
        if len(paths) > 1:
            raise UsageError("with --rev give at most one PATH", option="diff")
        path = paths[0] if paths else "."
        old_files, new_files = read_revision(rev, path), read_all([path], env.read_stdin)
    elif paths == ("-", "-"):
        raise UsageError("OLD and NEW cannot both be '-': standard input can be read once", option="diff")
    elif len(paths) == 2:
        old_files, new_files = read_all([paths[0]], env.read_stdin), read_all([paths[1]], env.read_stdin)
    else:
        raise UsageError("give OLD and NEW, or --rev REV [PATH]", option="diff")
    old, new = _chronology(old_files), _chronology(new_files)
    changes = diff(old, new)
    status = ExitCode.NEGATIVE if changes else ExitCode.OK
    with keep_status(status):  # the status is the answer, also when the reader closed the pipe
        _write(env, changes, stat, resolve_format(fmt, env, terminal="text", plain="tsv"), color, no_pager)
    return status


def _write(env: Environment, changes: list[Change], stat: bool, fmt: str, color: str, no_pager: bool) -> None:
    if stat:
        from chrono.render.changes import stat_line

        write_lines(env, [stat_line(changes) + "\n"])
    elif fmt == "json":
        from chrono.render.changes import record
        from chrono.render.jsonout import array_lines

        write_lines(env, array_lines(record(change) for change in changes))
    elif fmt == "text":
        from chrono.render.changes import terminal_text

        if changes:
            show(env, terminal_text(changes), color, no_pager)
    else:
        from chrono.render.changes import tsv_lines

        write_lines(env, tsv_lines(changes))

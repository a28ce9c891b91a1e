"""``chrono diff OLD NEW`` and ``chrono diff --rev REV [PATH]``: changes keyed by event id."""

from __future__ import annotations

import os
from dataclasses import replace

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.options import output_options
from chrono.cli.output import emit, keep_status
from chrono.errors import DataError, ExitCode, UsageError
from chrono.loading.dataset import read_all
from chrono.loading.git import read_revision
from chrono.loading.tables import ParsedFile, merge
from chrono.model import Chronology
from chrono.questions.diff import diff
from chrono.render.views import DiffAnswer


def _chronology(files: list[ParsedFile]) -> Chronology:
    """One side of the diff; an invalid side is trouble, reported as check would."""
    chronology, problems = merge(files)
    if problems:
        raise DataError(problems)
    return chronology


def _label(name: str | None, in_directory: bool) -> str | None:
    """A file as a diff names it: relative to the directory compared (git's 'REV:' dropped)."""
    if name is None or not in_directory:
        return name
    return os.path.basename(name.split(":", 1)[1] if ":" in name and not os.path.exists(name) else name)


@click.command("diff", cls=ChronoCommand)
@click.argument("paths", nargs=-1, metavar="OLD NEW")
@click.option("--rev", metavar="REV", help="Compare PATH as of git revision REV with the working copy.")
@click.option("--stat", is_flag=True, help="Print only the counts.")
@output_options("diff")
@click.pass_obj
def command(
    env: Environment, paths: tuple[str, ...], rev: str | None, stat: bool, fmt: str, color: str, no_pager: bool
) -> int:
    """OLD and NEW are files or directories ('-' reads stdin). With --rev, PATH (default '.') as
    of git revision REV is compared with the working copy. Reordering, reformatting or moving
    events between files is no change. Exit 0: no differences, 1: differences, 2: trouble.

    \b
    Examples:
      chrono diff old.toml new.toml
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
    old_dir = os.path.isdir(path) if rev is not None else paths[0] != "-" and os.path.isdir(paths[0])
    new_dir = os.path.isdir(path) if rev is not None else paths[1] != "-" and os.path.isdir(paths[1])
    new_names = {parsed.report.name for parsed in new_files}
    changes = [
        replace(change, file=_label(change.file, new_dir if change.file in new_names else old_dir))
        for change in diff(old, new)
    ]
    status = ExitCode.NEGATIVE if changes else ExitCode.OK
    with keep_status(status):  # the status is the answer, also when the reader closed the pipe
        answer = DiffAnswer(changes, stat, files=old_dir or new_dir)
        emit(env, "diff", fmt, answer, color=color, no_pager=no_pager)
    return status

"""``chrono edit ID``: open the file that defines an event in an editor, on a copy, checked before
it replaces the file (as ``visudo`` and ``crontab -e`` do)."""

from __future__ import annotations

import os
import subprocess
import sys

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.options import complete, data_option
from chrono.cli.output import note
from chrono.cli.settings import DEFAULT
from chrono.errors import DataError, ExitCode, NotFoundError, Problem, Severity, SourceError, UsageError
from chrono.loading import bundled
from chrono.loading.dataset import Input, decode, read_all, read_file, resolve_inputs
from chrono.loading.siblings import chronology_of
from chrono.loading.tables import ParsedFile, merge, parse_file
from chrono.questions.lookup import Miss, find

CHOICES = "[e]dit again, [d]iscard the edit, [k]eep it anyway"


@click.command("edit", cls=ChronoCommand)
@click.argument("words", nargs=-1, required=True, metavar="ID", shell_complete=complete("event_ids"))
@data_option
@click.pass_obj
def command(env: Environment, words: tuple[str, ...], data: tuple[str, ...]) -> int:
    """ID is an event id, a unique prefix, or words of an id.

    Opens $VISUAL, else $EDITOR, else vi, at the event's line, on a copy of the file. When the
    editor exits the copy is checked: valid, it replaces the file; invalid, on a terminal you
    choose to edit again, discard or keep it anyway; with no terminal the file is left as it
    was and the edited text is saved beside it as FILE.chrono-edit-N (exit 2). Bundled
    chronologies and standard input cannot be edited.

    \b
    Examples:
      chrono edit moscow-declaration --data events.toml
      EDITOR='code --wait' chrono edit moscow 2001 --data data/
    """
    ident = " ".join(words)  # 'chrono edit moscow 2001': words of an id, unquoted
    if env.settings.data.source == DEFAULT:
        raise UsageError(
            f"the default data is the bundled chronology '{bundled.DEFAULT}', which cannot be edited; "
            "name your own file with --data (or make it the default: docs/configuration.md)",
            option="edit",
        )
    specs = list(env.settings.data.value)
    inputs = resolve_inputs(specs)
    if any(source.path is None for source in inputs):
        raise UsageError("standard input cannot be edited; give the file with --data", option="edit")
    if all(_bundled(source) for source in inputs):
        _editable(inputs[0])  # refuses, naming the bundled chronology
    files = read_all(specs)
    if len(files) == 1 and len(inputs) == 1:
        # One file: edited within the chronology it belongs to, as 'chrono add' appends to it.
        chronology, others, _ = chronology_of(files[0], files[0].report.name)
        files = [*others, *files]
    else:
        chronology, problems = merge(files)
        if problems:
            raise DataError(problems)
    hit = find(chronology, ident)
    if isinstance(hit, Miss):
        raise NotFoundError([hit.message()])
    assert hit.origin is not None
    source = next((source for source in inputs if source.name == hit.origin.path), None)
    if source is None:  # found in a file beside the one given
        raise UsageError(f"'{hit.id}' is defined in {hit.origin.path}; give that file with --data", option="edit")
    path = _editable(source)
    original = read_file(path, pipes=False)
    others = [parsed for parsed in files if parsed.report.name != source.name]
    from chrono.loading.positions import scan

    line = scan(decode(path, original)).key("event", hit.origin.index, "id")[0]
    return _session(env, path, original, others, line)


def _bundled(source: Input) -> bool:
    """A chronology named as bundled, or a file inside the installed package."""
    if source.path is None:
        return False
    packaged = os.path.join(os.path.dirname(os.path.realpath(bundled.__file__)), "data")
    inside_package = os.path.isdir(packaged) and os.path.realpath(source.path).startswith(packaged + os.sep)
    return (source.name != source.path and bundled.is_name(source.name)) or inside_package


def _editable(source: Input) -> str:
    """The file's path, or a clear refusal for a bundled chronology."""
    assert source.path is not None
    if _bundled(source):
        raise UsageError(
            f"'{source.name}' is a bundled chronology and cannot be edited; copy it "
            f"(chrono list --data {source.name} is read from {source.path}) and edit the copy",
            option="edit",
        )
    return source.path


def _session(env: Environment, path: str, original: bytes, others: list[ParsedFile], line: int) -> int:
    """Edit a copy until it is valid or the user decides; install it atomically."""
    import shutil
    import tempfile

    from chrono.writing.files import create_new

    workdir = tempfile.mkdtemp(prefix="chrono-edit-")
    copy = os.path.join(workdir, os.path.basename(path))
    try:
        create_new(copy, original)  # private: the directory is 0700 and the copy 0600
        while True:
            status = _run_editor(env, copy, line)
            edited = _read_copy(copy, path)
            if status != 0:
                note(env, f"chrono: error: the editor exited with status {status}")
                return _save_beside(env, path, edited, []) if edited != original else ExitCode.USAGE
            if edited == original:
                note(env, f"chrono edit: no changes to {path}")
                return ExitCode.OK
            problems = _problems(path, edited, others)
            if not problems:
                return _install(env, path, original, edited, "")
            for problem in problems:
                note(env, problem.format())
            if not _on_terminal():
                return _save_beside(env, path, edited, problems)
            answer = _ask(env)
            if answer == "e":
                line = problems[0].line
                continue
            if answer == "k":
                return _install(env, path, original, edited, f" with {len(problems)} problem(s), as you chose")
            if answer == "d":
                note(env, f"chrono edit: edit discarded; {path} unchanged")
                return ExitCode.NEGATIVE
            return _save_beside(env, path, edited, [])  # no answer (end of input): keep the text
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _read_copy(copy: str, path: str) -> bytes:
    """What the editor left in its copy; a copy it removed, or replaced by a directory, is an
    error that says the data file is as it was."""
    try:
        return read_file(copy, pipes=False)
    except SourceError as exc:
        raise SourceError(f"{exc}; the editor's copy is gone or unreadable, and {path} is unchanged") from None


def _run_editor(env: Environment, copy: str, line: int) -> int:
    """``$EDITOR +LINE FILE`` through the shell, as git runs core.editor (so 'code --wait' works)."""
    editor = env.settings.editor.value
    argv = ["sh", "-c", f'{editor} "$@"', editor, f"+{line}", copy]
    try:
        return subprocess.run(argv, env=dict(env.environ), check=False).returncode
    except OSError as exc:
        raise SourceError(f"cannot run the editor '{editor}': {exc.strerror or exc}") from None


def _problems(path: str, edited: bytes, others: list[ParsedFile]) -> list[Problem]:
    """The errors of the edited text, alone and together with the other files loaded."""
    try:
        parsed = parse_file(path, decode(path, edited))
    except DataError as exc:
        return list(exc.problems)
    _, problems = merge([*others, parsed])
    return [p for p in problems if p.severity is Severity.ERROR]


def _install(env: Environment, path: str, original: bytes, edited: bytes, how: str) -> int:
    """Replace the file, unless it changed on disk while the editor was open."""
    from chrono.writing.datafile import ChangedOnDisk, replace_data_file

    try:
        replace_data_file(path, original, edited)
    except ChangedOnDisk:
        note(env, f"chrono: error: {path} changed on disk while you were editing it")
        return _save_beside(env, path, edited, [])
    note(env, f"chrono edit: {path} updated{how}")
    return ExitCode.OK


def _save_beside(env: Environment, path: str, edited: bytes, problems: list[Problem]) -> int:
    """Keep what was typed in FILE.chrono-edit-N (a new file); the data file stays as it was."""
    from chrono.writing.files import create_new

    try:
        like = os.stat(path)  # the copy beside it is as private as the file: owner, group, mode
    except OSError:
        like = None
    number = 1
    while True:
        target = f"{path}.chrono-edit-{number}"
        try:
            create_new(target, edited, like)
            break
        except FileExistsError:
            number += 1
        except OSError as exc:
            raise SourceError(f"cannot save the edited text as '{target}': {exc.strerror or exc}") from None
    why = f" with {len(problems)} problem(s)" if problems else ""
    note(env, f"chrono edit: {path} left unchanged; your edited text{why} is saved in {target}")
    return ExitCode.USAGE


def _on_terminal() -> bool:
    """Whether a person can be asked: standard input and standard error are both a terminal."""
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _ask(env: Environment) -> str:
    """'e', 'd' or 'k'; '' at the end of input."""
    while True:
        env.stderr.write(f"The edited file has problems. {CHOICES}? ")
        env.stderr.flush()
        reply = sys.stdin.readline()
        if not reply:
            return ""
        answer = reply.strip().lower()[:1]
        if answer in ("e", "d", "k"):
            return answer

"""``chrono check [PATH...]``: every problem of the data, one per line, for editors and CI."""

from __future__ import annotations

import click

from chrono.cli.env import Environment
from chrono.cli.options import resolve_today, today_option
from chrono.cli.output import format_option, keep_status, note, write_lines
from chrono.dataset import data_specs, read_all
from chrono.errors import ExitCode
from chrono.escape import visible
from chrono.validate import Report, check


@click.command("check")
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@click.option("--data", "data", multiple=True, metavar="PATH", help="Same as PATH (repeatable).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@today_option
@format_option(("auto", "text", "json"))
@click.pass_obj
def command(
    env: Environment, paths: tuple[str, ...], data: tuple[str, ...], strict: bool, today: str | None, fmt: str
) -> int:
    """Check chronology files and report every problem, not just the first.

    Each problem is one line, 'path:line:col: error|warning: message [code]'; a summary goes to
    stderr. Exit 0 without errors (warnings allowed), 1 with errors (--strict: or warnings),
    2 when the check could not run (no such file).

    \b
    Examples:
      chrono check data/
      chrono check --strict --today 2026-01-01 chronology.toml
      chrono check --format json | jq '.[] | select(.severity == "error")'
    """
    day = resolve_today(today, env)
    report = check(read_all(data_specs([*paths, *data], env.environ), env.read_stdin), day)
    failed = report.errors > 0 or (strict and report.warnings > 0)
    status = ExitCode.NEGATIVE if failed else ExitCode.OK
    with keep_status(status):  # `chrono check | head -1` still fails a CI step with pipefail
        _write(env, report, fmt)
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    errors = f"{report.errors} error{'s' if report.errors != 1 else ''}"
    warnings = f"{report.warnings} warning{'s' if report.warnings != 1 else ''}"
    note(env, f"chrono check: {errors}, {warnings} in {files}")
    return status


def _write(env: Environment, report: Report, fmt: str) -> None:
    if fmt == "json":
        from chrono.render.jsonout import array_lines

        records = (
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "severity": p.severity.value,
                "code": p.code,
                "message": p.message,
            }
            for p in report.problems
        )
        write_lines(env, array_lines(records))
    else:
        write_lines(env, (visible(problem.format()) + "\n" for problem in report.problems))

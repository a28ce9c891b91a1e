"""``chrono check [PATH...]``: every problem of the data, one per line, for editors and CI."""

from __future__ import annotations

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.options import data_option, output_options, resolve_today, today_option
from chrono.cli.output import emit, keep_status, note
from chrono.errors import ExitCode, UsageError
from chrono.loading.dataset import read_all
from chrono.questions.check import LONG_REPORT, WARNING_CODES, check, code_counts, only, unknown_codes
from chrono.render.views import CheckAnswer


@click.command("check", cls=ChronoCommand, data_argument="paths")
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@data_option
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--select", "select", metavar="CODE,...", help="Report only warnings with these codes (errors always).")
@click.option("--ignore", "ignore", metavar="CODE,...", help="Leave out warnings with these codes (e.g. no-source).")
@today_option
@output_options("check")
@click.pass_obj
def command(
    env: Environment,
    paths: tuple[str, ...],
    data: tuple[str, ...],
    strict: bool,
    select: str | None,
    ignore: str | None,
    today: str | None,
    fmt: str,
    color: str,
    no_pager: bool,
) -> int:
    """Without PATH or --data, the data 'chrono list' would read (CHRONO_DATA, the configuration
    file's data, the bundled chronology). Each problem is one line, 'path:line:col:
    error|warning: message [code]', the severity coloured on a terminal; a summary naming the
    files checked goes to stderr (after a count per code when the report is long). Exit 0
    without errors (warnings allowed), 1 with errors (--strict: or warnings), 2 when the check
    could not run (no such file). --select and --ignore choose problems by code, as ruff does;
    the exit status follows the problems kept.

    \b
    Examples:
      chrono check data/
      chrono check --format github data/   # annotations in a GitHub Actions run
    """
    from chrono.render.problems import checked

    day = resolve_today(today, env)
    unknown = unknown_codes([*_codes(select), *_codes(ignore)])
    if unknown:
        known = ", ".join(WARNING_CODES)
        raise UsageError(f"unknown warning code {unknown[0]!r} (the codes are {known})", option="--select/--ignore")
    specs = list(env.settings.data.value)  # PATH... and --data, else the settings' data
    report = check(read_all(specs, env.read_stdin), day)
    report = only(report, _codes(select), _codes(ignore))
    failed = report.errors > 0 or (strict and report.warnings > 0)
    status = ExitCode.NEGATIVE if failed else ExitCode.OK
    with keep_status(status):  # `chrono check | head -1` still fails a CI step with pipefail
        emit(env, "check", fmt, CheckAnswer(report), color=color, no_pager=no_pager)
    errors = f"{report.errors} error{'s' if report.errors != 1 else ''}"
    warnings = f"{report.warnings} warning{'s' if report.warnings != 1 else ''}"
    if fmt != "json" and len(report.problems) > LONG_REPORT:
        note(env, f"{'count':>7}  {'level':<7}  code")
        for code, severity, count in code_counts(report.problems):
            note(env, f"{count:>7}  {severity:<7}  {code}")
    note(env, f"chrono check: {errors}, {warnings} in {checked(report.paths, specs)}")
    return status


def _codes(value: str | None) -> tuple[str, ...]:
    """``a,b, c`` -> ("a", "b", "c")."""
    return tuple(code.strip() for code in (value or "").split(",") if code.strip())

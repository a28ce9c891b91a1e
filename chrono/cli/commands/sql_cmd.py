"""``chrono sql QUERY``: one read-only SQL statement over the chosen data, in ``list``'s formats."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.options import data_option, output_options, resolve_today, today_option
from chrono.cli.output import emit, write_lines
from chrono.errors import UsageError
from chrono.render.views import SqlAnswer
from chrono.sql import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    import sqlite3


@click.command("sql", cls=ChronoCommand)
@click.argument("statement", required=False, metavar="QUERY")
@click.option("--schema", is_flag=True, help="Print the tables and their columns, and exit.")
@data_option
@today_option
@output_options("sql")
@click.option("--header", is_flag=True, help="Start tsv output with a header row.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop a statement that runs longer (exit 2); 0: no limit.",
)
@click.pass_obj
def command(
    env: Environment,
    statement: str | None,
    schema: bool,
    data: tuple[str, ...],
    today: str | None,
    fmt: str,
    header: bool,
    timeout: float,
    color: str,
    no_pager: bool,
) -> None:
    """Tables: events, event_actors, event_tags, event_sources, related, actors, actor_aliases,
    sources (see --schema). Date functions with chrono's partial-date rules, for any date
    'list' accepts: overlaps(start, end, D), within(start, end, D), starts_in(date, D),
    edtf_start(D), edtf_end(D). Anything that would write, ATTACH, VACUUM, PRAGMA or load an
    extension is refused (exit 2); so is a statement running past --timeout or needing more
    memory than chrono allows. Ctrl-C stops a statement at once (exit 130).

    \b
    Examples:
      chrono sql --schema
      chrono sql "select kind, count(*) from events group by kind order by 2 desc, 1"
    """
    from chrono.sql import database as sqldb

    if schema:
        write_lines(env, [sqldb.SCHEMA])
        return
    if not statement or not statement.strip():
        raise UsageError("give one SQL statement, for example: chrono sql 'select count(*) from events'")
    try:
        statement.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 (a file name from a glob), as surrogates
        raise UsageError("the query is not UTF-8 text; SQLite reads only UTF-8", option="QUERY") from None
    day = resolve_today(today, env)
    from chrono.sql.statement import execute

    result = execute(_connection(env), statement, day, timeout)
    emit(env, "sql", fmt, SqlAnswer(result.columns, result.rows, header), color=color, no_pager=no_pager)


def _connection(env: Environment) -> sqlite3.Connection:
    """The read-only connection to the tables of the chosen data (cached beside the timeline)."""
    from chrono.sql import database as sqldb

    specs = list(env.settings.data.value)
    return sqldb.connect(specs, env.read_stdin, env.settings.cache.value)

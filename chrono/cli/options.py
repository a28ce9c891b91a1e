"""Options shared by the commands, and turning their values into core objects."""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from chrono.cli.command import SharedOption
from chrono.cli.env import Environment

if TYPE_CHECKING:
    from chrono.questions.extras import ExtraTest
from chrono.errors import DateError, UsageError
from chrono.questions.query import Match, Query, SortKey

F = TypeVar("F", bound=Callable[..., Any])


def complete(name: str) -> Callable[[click.Context, click.Parameter, str], Any]:
    """A shell-completion callback that imports ``chrono.cli.completion`` only when the shell asks."""

    def callback(ctx: click.Context, param: click.Parameter, incomplete: str) -> Any:
        from chrono.cli import completion

        return getattr(completion, name)(ctx, param, incomplete)

    return callback


# The help of every shared option: one text, whichever command shows it.
HELP = {
    "--data": "A TOML file, a directory of *.toml, a bundled chronology's name, or - for stdin. Repeatable.",
    "--today": "Use DATE as today (env CHRONO_TODAY), for reproducible output.",
    "--color": "Colour in terminal output; auto honours NO_COLOR and FORCE_COLOR.",
    "--no-pager": "Do not page output taller than the terminal.",
    "--title": (
        "The document's title (markdown, html, timelinejs; default: Chronology), or the calendar's name "
        "(ics; default: the data's file names). --name is the same option."
    ),
    "--calendar": (
        "Show years in tables and 'show' as Gregorian or Juche (Juche 1 = 1912); machine formats stay ISO/EDTF."
    ),
}
COLOR_CHOICES = ("auto", "always", "never")
CALENDAR_CHOICES = ("gregorian", "juche", "julian")


class OneLineChoice(click.Choice[str]):
    """click's Choice, naming the choices in one sentence when none is given: click's own
    message lists them one per line after a literal ``\\t``, which reads as a bug."""

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None) -> str:
        *first, last = self.choices
        return f"Choose {', '.join(first)} or {last}." if first else f"Choose {last}."


def data_option(func: F) -> F:
    """``--data PATH`` (repeatable); without it the settings' data (CHRONO_DATA, the
    configuration file's ``data``, the bundled chronology)."""
    return click.option(
        "--data",
        "data",
        cls=SharedOption,
        multiple=True,
        metavar="PATH",
        setting="data",
        shell_complete=complete("data_values"),
        help=HELP["--data"],
    )(func)


def calendar_option(func: F) -> F:
    """``--calendar gregorian|juche|julian``: how dates are shown to people (machine formats stay EDTF)."""
    return click.option(
        "--calendar",
        cls=SharedOption,
        type=click.Choice(CALENDAR_CHOICES),
        default="gregorian",
        show_default=True,
        setting="calendar",
        help=HELP["--calendar"],
    )(func)


def title_option(func: F) -> F:
    """``--title TEXT`` (also ``--name``): what an exported document or calendar is called; the
    command receives ``title``, None when not given, and chooses the default per format."""
    return click.option(
        "--title", "--name", "title", cls=SharedOption, metavar="TEXT", default=None, help=HELP["--title"]
    )(func)


def today_option(func: F) -> F:
    """``--today DATE``: pins "today" for reproducible scripts (env CHRONO_TODAY)."""
    return click.option(
        "--today",
        "today",
        cls=SharedOption,
        setting="today",
        metavar="DATE",
        help=HELP["--today"],
    )(func)


def format_option(command: str) -> Callable[[F], F]:
    """``--format`` with the choices the format registry declares for ``command``; required
    where the command has no ``auto``; the configuration's ``format`` when it is one of them."""
    from chrono.render import formats

    required = command not in formats.AUTO

    def decorate(func: F) -> F:
        return click.option(
            "--format",
            "fmt",
            cls=SharedOption,
            type=OneLineChoice(formats.offered(command)),
            required=required,
            default=None if required else "auto",
            show_default=not required,
            setting="format",
            shell_complete=_complete_format(command),
            help=formats.help_text(command),
        )(func)

    return decorate


def _complete_format(command: str) -> Callable[[click.Context, click.Parameter, str], Any]:
    """Completion of ``--format``: the command's formats, each with what it is."""

    def callback(ctx: click.Context, param: click.Parameter, incomplete: str) -> Any:
        from click.shell_completion import CompletionItem

        from chrono.render import formats

        helps = {fmt.name: fmt.help for fmt in formats.FORMATS}
        helps["auto"] = formats.help_text(command)
        return [
            CompletionItem(name, help=helps[name]) for name in formats.offered(command) if name.startswith(incomplete)
        ]

    return callback


def color_option(func: F) -> F:
    """``--color auto|always|never`` (auto honours NO_COLOR, FORCE_COLOR and is-a-tty)."""
    return click.option(
        "--color",
        "color",
        cls=SharedOption,
        type=click.Choice(COLOR_CHOICES),
        default="auto",
        show_default=True,
        setting="color",
        help=HELP["--color"],
    )(func)


def pager_option(func: F) -> F:
    """``--no-pager``: never page this output."""
    return click.option(
        "--no-pager", "no_pager", cls=SharedOption, setting="pager", is_flag=True, help=HELP["--no-pager"]
    )(func)


def output_options(
    command: str = "", *, color: bool = True, pager: bool = True, calendar: bool = False
) -> Callable[[F], F]:
    """The output options a command offers, in one order: ``--format`` (for a ``command`` of the
    format registry),
    ``--color``, ``--no-pager`` and ``--calendar``; the command receives ``fmt``, ``color``,
    ``no_pager`` and ``calendar`` for those it asked for."""

    def decorate(func: F) -> F:
        if calendar:
            func = calendar_option(func)
        if pager:
            func = pager_option(func)
        if color:
            func = color_option(func)
        if command:
            func = format_option(command)(func)
        return func

    return decorate


class FilterArgs(NamedTuple):
    """The raw values of the filter options, converted by ``build_query``."""

    date_from: str | None
    date_to: str | None
    date_on: str | None
    match: str
    kinds: tuple[str, ...]
    actors: tuple[str, ...]
    tags: tuple[str, ...]
    place: str | None
    grep: str | None
    extras: tuple[str, ...] = ()


_MATCH_HELP = (
    "overlap: the event's span touches the range; within: it lies inside it; "
    "start: its start date lies inside it (signed in 1993)."
)
_ACTOR_HELP = "Keep events with this actor: id, name, alias or whole words of one (repeatable: all of them)."
_GREP_HELP = (
    "Keep events where REGEX matches id, title, summary, note, place, actors, tags or extra values (ignoring case)."
)
_EXTRA_HELP = (
    "Keep events whose extra.KEY (or an element of it) is VALUE, ignoring case and accents; or compare: "
    "'vei>=6' (> < >= <= !=; numbers as numbers, dates as dates). Repeatable: all."
)
_FILTER_OPTIONS = (
    click.option("--from", "date_from", metavar="DATE", help="Events on or after DATE (at its precision)."),
    click.option("--to", "date_to", metavar="DATE", help="Events on or before DATE (--to 2001 includes 2001-12-31)."),
    click.option("--on", "date_on", metavar="DATE", help="Events on DATE (a day, month or year)."),
    click.option("--match", type=click.Choice([m.value for m in Match]), default="overlap", help=_MATCH_HELP),
    click.option(
        "--kind",
        "kinds",
        multiple=True,
        metavar="KIND",
        shell_complete=complete("kinds"),
        help="Keep this kind (repeatable: any of them).",
    ),
    click.option(
        "--actor", "actors", multiple=True, metavar="NAME", shell_complete=complete("actors"), help=_ACTOR_HELP
    ),
    click.option(
        "--tag",
        "tags",
        multiple=True,
        metavar="TAG",
        shell_complete=complete("tags"),
        help="Keep events with this tag (repeatable: all).",
    ),
    click.option("--place", metavar="TEXT", help="Keep events whose place contains these words."),
    click.option("--grep", metavar="REGEX", help=_GREP_HELP),
    click.option("--extra", "extras", multiple=True, metavar="KEY=VALUE", help=_EXTRA_HELP),
)


def _with_filters(func: F, options: tuple[Callable[[F], F], ...]) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name, None) for name in FilterArgs._fields}
        values["match"] = values["match"] or Match.OVERLAP.value
        values.update({name: values[name] or () for name in ("kinds", "actors", "tags", "extras")})
        kwargs["filters"] = FilterArgs(**values)
        return func(*args, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def filter_options(func: F) -> F:
    """Add every filter option of ``chrono list``; the command receives ``filters: FilterArgs``."""
    return _with_filters(func, _FILTER_OPTIONS)


def filter_options_without_dates(func: F) -> F:
    """The filters without --from/--to/--on/--match, for commands whose dates mean something else."""
    return _with_filters(func, _FILTER_OPTIONS[4:])


def sort_options(func: F) -> F:
    """``--sort``, ``--reverse`` and ``--limit``."""
    func = click.option(
        "--limit", type=click.IntRange(min=0), metavar="N", help="Show at most N events (applied last)."
    )(func)
    func = click.option("--reverse", is_flag=True, help="Reverse the order.")(func)
    return click.option(
        "--sort",
        type=click.Choice([s.value for s in SortKey]),
        default="date",
        show_default=True,
        help="Order by this field.",
    )(func)


def resolve_today(value: str | None, env: Environment) -> _dt.date:
    """``--today`` as a day; the environment's today when absent."""
    if value is None:
        return env.today
    from chrono.dates.arguments import parse_date_arg

    try:
        arg = parse_date_arg(value, env.today)
    except DateError as exc:
        raise UsageError(str(exc), option="--today") from None
    if not arg.is_exact:
        raise UsageError(f"{value!r} is not a single day; give YYYY-MM-DD", option="--today")
    from chrono.dates.days import to_date

    day = to_date(arg.lower)
    if day is None:
        raise UsageError(f"{value!r}: today is a day of years 1-9999", option="--today")
    return day


def date_bounds(value: str | None, option: str, today: _dt.date) -> tuple[int, int] | None:
    """A date option's first and last day (day numbers), or None when not given."""
    if value is None:
        return None
    from chrono.dates.arguments import parse_date_arg

    try:
        arg = parse_date_arg(value, today)
    except DateError as exc:
        raise UsageError(str(exc), option=option) from None
    return arg.lower, arg.upper


def parse_extras(values: tuple[str, ...]) -> tuple[tuple[tuple[str, str], ...], tuple[ExtraTest, ...]]:
    """``--extra`` values: KEY=VALUE pairs (equal, ignoring case) and comparisons (``vei>=6``);
    a value without a key and an operator is a usage error."""
    from chrono.questions.extras import Operator, parse_test

    pairs, tests = [], []
    for value in values:
        test = parse_test(value)
        if test is None:
            raise UsageError(
                f"{value!r} is not KEY=VALUE or KEY>VALUE (for example --extra country=France, --extra 'vei>=6')",
                option="--extra",
            )
        if test.op is Operator.EQ:
            pairs.append((test.key, value.partition("=")[2]))
        else:
            tests.append(test)
    return tuple(pairs), tuple(tests)


def build_query(
    filters: FilterArgs,
    today: _dt.date,
    sort: str = "date",
    reverse: bool = False,
    limit: int | None = None,
) -> Query:
    """The core Query for the filter options."""
    extras, extra_tests = parse_extras(filters.extras)
    query = Query(
        match=Match(filters.match),
        kinds=filters.kinds,
        actors=filters.actors,
        tags=filters.tags,
        place=filters.place,
        grep=filters.grep,
        extras=extras,
        extra_tests=extra_tests,
        sort=SortKey(sort),
        reverse=reverse,
        limit=limit,
    )
    if filters.grep:
        from chrono.questions.query import compile_grep

        compile_grep(filters.grep)
    for value, option in ((filters.date_from, "--from"), (filters.date_to, "--to"), (filters.date_on, "--on")):
        bounds = date_bounds(value, option, today)
        if bounds is None:
            continue
        lo, hi = bounds
        if option == "--from":
            query = query.with_range(lo, None)
        elif option == "--to":
            query = query.with_range(None, hi)
        else:
            query = query.with_range(lo, hi)
    return query

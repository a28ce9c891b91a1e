"""The format registry: every output format declared once, with the commands that offer it.

``--format``'s choices, its help, its shell completion and the table of formats in
docs/output-contract.md all come from ``FORMATS`` and ``AUTO`` below, so adding a format touches
its renderer, its entry here, a test and the docs, and no command. Renderers are named as
``"module:function"`` and imported only when chosen: this module is on the start-up path of
every command that has ``--format`` and imports nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, NamedTuple


class Use(NamedTuple):
    """One command's renderer for a format; ``drawing``: made for a terminal (colour, the
    ASCII stand-ins of an ASCII-only terminal), not a machine format."""

    command: str
    renderer: str
    drawing: bool = False


class Format(NamedTuple):
    """An output format: its name, what it is, who offers it and how it is written.

    ``streams``: written as it is produced (else made whole first); ``binary``: not text;
    ``to_file``: only to a file given with ``-o``; ``extra``: the optional dependency
    (``pip install 'chrono-toml[EXTRA]'``; none needs one now) it needs.
    """

    name: str
    help: str
    uses: tuple[Use, ...]
    streams: bool = True
    binary: bool = False
    to_file: bool = False
    extra: str | None = None


FORMATS: tuple[Format, ...] = (
    Format("table", "a table drawn for the terminal", (
        Use("list", "chrono.render.table:list_table", drawing=True),
        Use("anniversaries", "chrono.render.panels:anniversaries_table", drawing=True),
        Use("stats", "chrono.render.statsview:stats_table", drawing=True),
        Use("sql", "chrono.render.sqlrows:sql_table", drawing=True),
        Use("datasets", "chrono.render.listings:datasets_table", drawing=True),
        Use("config", "chrono.render.listings:config_table", drawing=True),
    )),
    Format("panel", "a box per event, drawn for the terminal", (
        Use("show", "chrono.render.panels:show_panels", drawing=True),
    )),
    Format("text", "lines of text: problems as path:line:col, 'key: value' facts, the diff view", (
        Use("show", "chrono.render.details:show_text"),
        Use("between", "chrono.render.plain:between_text"),
        Use("check", "chrono.render.problems:check_text", drawing=True),
        Use("diff", "chrono.render.changes:diff_text", drawing=True),
    )),
    Format("tsv", "tab-separated values, one record per line, escaped reversibly", (
        Use("list", "chrono.render.plain:list_tsv"),
        Use("anniversaries", "chrono.render.plain:anniversaries_tsv"),
        Use("stats", "chrono.render.statsview:stats_tsv"),
        Use("diff", "chrono.render.changes:diff_tsv"),
        Use("sql", "chrono.render.sqlrows:sql_tsv"),
        Use("datasets", "chrono.render.listings:datasets_tsv"),
        Use("config", "chrono.render.listings:config_tsv"),
    )),
    Format("csv", "RFC 4180 CSV with a header row", (
        Use("list", "chrono.render.plain:list_csv"),
        Use("sql", "chrono.render.sqlrows:sql_csv"),
    )),
    Format("csv-safe", "csv for spreadsheets: a cell that would start a formula (=, +, -, @) starts with '", (
        Use("list", "chrono.render.plain:list_csv_safe"),
        Use("sql", "chrono.render.sqlrows:sql_csv_safe"),
    )),
    Format("json", "one JSON document (an array, or an object for one answer)", (
        Use("list", "chrono.render.jsonout:list_json"),
        Use("show", "chrono.render.details:show_json"),
        Use("between", "chrono.render.jsonout:between_json"),
        Use("anniversaries", "chrono.render.jsonout:anniversaries_json"),
        Use("stats", "chrono.render.jsonout:stats_json"),
        Use("check", "chrono.render.jsonout:check_json"),
        Use("diff", "chrono.render.jsonout:diff_json"),
        Use("sql", "chrono.render.sqlrows:sql_json"),
    )),
    Format("jsonl", "JSON Lines: one object per line", (
        Use("list", "chrono.render.jsonout:list_jsonl"),
        Use("sql", "chrono.render.sqlrows:sql_jsonl"),
    )),
    Format("ids", "one event id per line", (Use("list", "chrono.render.plain:list_ids"),)),
    Format("github", "GitHub Actions annotations", (Use("check", "chrono.render.github:check_github"),)),
    Format("ics", "iCalendar (RFC 5545)", (Use("export", "chrono.render.ics:export_ics"),), streams=False),
    Format("markdown", "a Markdown document", (Use("export", "chrono.render.markdown:export_markdown"),)),
    Format("timelinejs", "a TimelineJS3 JSON document", (Use("export", "chrono.render.timelinejs:export_timelinejs"),),
           streams=False),
    Format("html", "one self-contained HTML page", (Use("export", "chrono.render.html:export_html"),)),
    Format("sqlite", "a SQLite database with the tables of 'chrono sql'",
           (Use("export", "chrono.render.sqlrows:export_sqlite"),), streams=False, binary=True, to_file=True),
)  # fmt: skip

# What ``--format auto`` is, per command: (on a terminal, when piped). A command missing here
# has no ``auto`` and its ``--format`` is required.
AUTO: dict[str, tuple[str, str]] = {
    "list": ("table", "tsv"),
    "show": ("panel", "text"),
    "between": ("text", "text"),
    "anniversaries": ("table", "tsv"),
    "stats": ("table", "tsv"),
    "check": ("text", "text"),
    "diff": ("text", "tsv"),
    "sql": ("table", "tsv"),
    "datasets": ("table", "tsv"),
    "config": ("table", "tsv"),
}


def use(fmt: Format, command: str) -> Use | None:
    """The command's renderer for this format, or None when it does not offer it."""
    return next((u for u in fmt.uses if u.command == command), None)


def offered(command: str) -> tuple[str, ...]:
    """The ``--format`` choices of a command, ``auto`` first where it has one."""
    names = tuple(fmt.name for fmt in FORMATS if use(fmt, command) is not None)
    return ("auto", *names) if command in AUTO else names


def commands() -> tuple[str, ...]:
    """Every command with a ``--format`` option, in the order first declared."""
    return tuple(dict.fromkeys(u.command for fmt in FORMATS for u in fmt.uses))


def by_name(name: str) -> Format:
    """The format called ``name`` (a KeyError for an unknown one: the option refused it)."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def choose(command: str, name: str, isatty: bool) -> tuple[Format, Use]:
    """The format and renderer ``--format NAME`` means for a command; ``auto`` decided by
    whether stdout is a terminal."""
    if name == "auto":
        name = AUTO[command][0 if isatty else 1]
    fmt = by_name(name)
    chosen = use(fmt, command)
    if chosen is None:
        raise KeyError(f"{command} --format {name}")
    return fmt, chosen


def renderer(chosen: Use) -> Callable[..., Any]:
    """The renderer function, imported now (and only now)."""
    module, _, name = chosen.renderer.partition(":")
    function = getattr(importlib.import_module(module), name)
    assert callable(function)
    return function  # type: ignore[no-any-return]


def help_text(command: str) -> str:
    """The help of a command's ``--format``."""
    if command not in AUTO:
        return "Output format (required)."
    terminal, piped = AUTO[command]
    if terminal == piped:
        return f"Output format; auto is {terminal}."
    return f"Output format; auto: {terminal} on a terminal, {piped} when piped."


def markdown_table() -> str:
    """The table of formats in docs/output-contract.md (a test keeps the two equal)."""
    lines = ["| format | what it is | offered by | written | needs |", "|---|---|---|---|---|"]
    for fmt in FORMATS:
        offered_by = ", ".join(f"`{u.command}`" for u in fmt.uses)
        written = "to a file (`-o`)" if fmt.to_file else "as produced" if fmt.streams else "whole"
        needs = f"`chrono-toml[{fmt.extra}]`" if fmt.extra else ""
        lines.append(f"| `{fmt.name}` | {fmt.help} | {offered_by} | {written} | {needs} |")
    lines += ["", "| command | `auto` on a terminal | `auto` piped |", "|---|---|---|"]
    lines += [f"| `{name}` | `{terminal}` | `{piped}` |" for name, (terminal, piped) in AUTO.items()]
    return "\n".join(lines) + "\n"

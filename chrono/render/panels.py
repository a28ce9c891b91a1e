"""Terminal renderings of lookups: a panel per event, tables of anniversaries."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from chrono.dates.days import year_of
from chrono.dates.display import people_day
from chrono.dates.edtf import Precision
from chrono.dates.written import julian_day_text
from chrono.escape import visible
from chrono.questions.anniversaries import Anniversary, ordinal
from chrono.render.columns import Column, Styled, header_lines, row_lines, share, widest
from chrono.render.palette import kind_style

if TYPE_CHECKING:
    from chrono.render.views import AnniversariesAnswer, Look, ShowAnswer

# A rounded box without a line between the key and value columns.
FACTS_BOX = box.Box("╭──╮\n│  │\n├──┤\n│  │\n├──┤\n├──┤\n│  │\n╰──╯\n")


def event_panel(rows: Sequence[tuple[str, str]], kind: str) -> Table:
    """One event in a rounded box titled with its title, its facts in two columns.

    A table with a title rather than rich's Panel: it looks the same and spares importing the
    panel and alignment modules on every 'chrono show'.
    """
    facts = dict(rows[:1])
    title = next((value for key, value in rows if key == "title"), facts.get("id", ""))
    grid = Table(
        box=FACTS_BOX,
        show_header=False,
        expand=True,
        padding=(0, 1),
        title=Text(visible(title), style="bold"),
        title_justify="left",
    )
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    previous = None
    for key, value in rows:
        if key == "title":
            continue
        label = "" if key == previous and key in ("actor", "source", "links-to", "linked-from") else key
        style = kind_style(kind) if key == "kind" else ""
        grid.add_row(Text(visible(label)), Text(visible(value), style=style))  # extra.KEY comes from the data
        previous = key
    return grid


def link_lines(urls: Sequence[str], hyperlinks: bool) -> list[str]:
    """The sources' URLs under an event's panel, each whole on its own line after its mark
    (``[1] https://...``), so that the terminal can open it and a mouse can copy it. With
    ``hyperlinks``, an http(s) URL is also an OSC 8 hyperlink; any other text is escaped as data."""
    return [f" [{number}] {_link(url, hyperlinks)}\n" for number, url in enumerate(urls, 1)]


def _link(url: str, hyperlinks: bool) -> str:
    shown = visible(url)
    safe = shown == url and url.isascii() and url.isprintable() and " " not in url
    if hyperlinks and safe and url.lower().startswith(("http://", "https://")):
        return f"\x1b]8;;{url}\x1b\\{url}\x1b]8;;\x1b\\"
    return shown


def anniversary_lines(
    found: Sequence[Anniversary],
    width: int,
    colour: bool,
    calendar: str = "gregorian",
    every: Callable[[], Sequence[str]] | None = None,
) -> Iterator[str]:
    """Anniversaries by date, drawn row by row; round ones (every five years) in bold with a star.

    As ``list``'s table: the title gets the room, and where it would have less than
    ``TITLE_ROOM`` each anniversary takes two lines, its id under its date (shortened around
    '…' to the column, as ``chrono show`` finds it) and its title at most two lines."""
    from chrono.render.table import TITLE_ROOM

    rows = []
    for item in found:
        label = item.label
        year = year_of(item.day)
        if calendar == "juche" and year >= 1912:
            label = f"Juche {year - 1911} ({year}){label[4:]}"
        elif calendar == "julian" and item.precision is Precision.DAY:
            label = julian_day_text(item.day)
        elif year < 1:
            label = people_day(item.day) if item.precision is Precision.DAY else label
        when = label + (" (month)" if len(item.label) == 7 else "")
        style = "bold" if item.round else ""
        years = ordinal(item.years) + (" ★" if item.round else "")
        rows.append((Styled(when, style), Styled(years, style), visible(item.event.id), visible(item.event.title)))
    when_width = widest({row[0].text for row in rows}, "Anniversary")
    years_width = widest({row[1].text for row in rows}, "Years")
    id_width = widest({row[2] for row in rows}, "ID")
    if width - when_width - years_width - id_width - 9 >= TITLE_ROOM:
        shape = [
            Column("Anniversary", when_width),
            Column("Years", years_width, right=True),
            Column("ID", id_width, style="dim"),
            Column("Title", share((when_width, years_width, id_width), width), fold=True),
        ]
        yield from header_lines(shape, colour)
        for row in rows:
            yield from row_lines(shape, row, colour)
        return
    ids = every() if every is not None else [row[2] for row in rows]  # only now: it reads every event
    yield from _stacked(rows, width, colour, ids, (when_width, years_width, id_width))


def _stacked(
    rows: Sequence[tuple[Styled, Styled, str, str]],
    width: int,
    colour: bool,
    every: Sequence[str],
    widths: tuple[int, int, int],
) -> Iterator[str]:
    """Anniversaries two lines each: the id under the date, the title in two lines at most."""
    from chrono.render.columns import clamp, fold
    from chrono.render.shorten import short_ids
    from chrono.render.table import STACKED_ID

    when_width, years_width, id_width = widths
    first = max(when_width, len("Anniversary / ID"), min(id_width, STACKED_ID))
    title = Column("Title", share((first, years_width), width), fold=True)
    shape = [Column("Anniversary / ID", first), Column("Years", years_width, right=True), title]
    short = short_ids((row[2] for row in rows), [visible(ident) for ident in every], first)
    yield from header_lines(shape, colour)
    for when, years, ident, text in rows:
        lines = tuple(clamp(fold(text, title.width), title.width, 2))
        yield from row_lines(shape, [(when, Styled(short.get(ident, ident), "dim")), years, lines], colour)


def anniversaries_table(answer: AnniversariesAnswer, look: Look) -> Iterator[str]:
    """``anniversaries --format table``."""
    chronology = answer.chronology
    every = (lambda: [event.id for event in chronology.events]) if chronology is not None else None
    return anniversary_lines(answer.found, look.width, look.colour, look.calendar, every)


def show_panels(answer: ShowAnswer, look: Look) -> Iterator[str]:
    """``show --format panel``: one panel per event, each drawn and written before the next,
    its sources' URLs whole under it (OSC 8 hyperlinks on a terminal that takes them)."""
    from chrono.render.details import rows, urls
    from chrono.render.terminal import drawn_lines

    for event in answer.events:
        facts = rows(event, answer.chronology, answer.today, answer.aliases, look.calendar, panel=True)
        yield from drawn_lines([event_panel(facts, event.kind)], look)
        yield from link_lines(urls(event, answer.chronology), look.hyperlinks)

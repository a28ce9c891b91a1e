"""Terminal renderings of lookups: a panel per event, tables of anniversaries."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from chrono.anniversaries import Anniversary, ordinal
from chrono.escape import visible
from chrono.render.terminal import kind_style

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


def panels(blocks: Sequence[tuple[Sequence[tuple[str, str]], str]]) -> RenderableType:
    """Several event panels, one under the other."""
    return Group(*(event_panel(rows, kind) for rows, kind in blocks))


def anniversary_table(found: Sequence[Anniversary], juche: bool = False) -> Table:
    """Anniversaries by date; round ones (every five years) in bold with a star."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column("Anniversary", no_wrap=True)
    table.add_column("Years", justify="right", no_wrap=True)
    table.add_column("ID", no_wrap=True, style="dim")
    table.add_column("Title", overflow="fold", ratio=1)
    for item in found:
        style = "bold" if item.round else ""
        mark = " ★" if item.round else ""
        label = item.label
        if juche and item.day.year >= 1912:
            label = f"Juche {item.day.year - 1911} ({item.day.year}){label[4:]}"
        when = label + (" (month)" if len(item.label) == 7 else "")
        years = Text(ordinal(item.years) + mark, style=style)
        table.add_row(Text(when, style=style), years, Text(item.event.id), Text(visible(item.event.title)))
    return table

"""``datasets`` and ``config`` for people and for scripts: a table on a terminal, tab-separated
lines when piped (the fields their contract names, and nothing else)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from chrono.escape import tsv, visible
from chrono.render.columns import Cell, Styled, fit_table

if TYPE_CHECKING:
    from chrono.render.views import Look


class Dataset(NamedTuple):
    """A bundled chronology: its name, how many events, its first and last dates (EDTF)."""

    name: str
    events: int
    first: str
    last: str
    default: bool


class DatasetsAnswer(NamedTuple):
    """``datasets``: the bundled chronologies, by name."""

    datasets: tuple[Dataset, ...]


class ConfigAnswer(NamedTuple):
    """``config``: each setting as (key, value, where it came from)."""

    rows: tuple[tuple[str, str, str], ...]


def datasets_tsv(answer: DatasetsAnswer, look: Look) -> Iterator[str]:
    """``NAME<TAB>EVENTS<TAB>FIRST<TAB>LAST``: exactly these four fields (which one is the
    default is the ``data`` setting's business: ``chrono config``)."""
    for item in answer.datasets:
        yield f"{item.name}\t{item.events}\t{item.first}\t{item.last}\n"


def datasets_table(answer: DatasetsAnswer, look: Look) -> Iterator[str]:
    """The bundled chronologies as a table; the default one is said so in a column of its own."""
    rows: list[list[Cell]] = [
        [
            item.name,
            str(item.events),
            _compact(item.first),
            _compact(item.last),
            Styled("default" * item.default, "dim"),
        ]
        for item in answer.datasets
    ]
    yield from fit_table(("Name", "Events", "First", "Last", ""), rows, look.width, look.colour, right=(1,))


def config_tsv(answer: ConfigAnswer, look: Look) -> Iterator[str]:
    """``KEY<TAB>VALUE<TAB>SOURCE`` lines, values escaped as in TSV."""
    for row in answer.rows:
        yield "\t".join(tsv(cell) for cell in row) + "\n"


def config_table(answer: ConfigAnswer, look: Look) -> Iterator[str]:
    """The settings as a table: the key whole, the value and its source folded at spaces."""
    rows: list[list[Cell]] = [
        [visible(key), visible(value), Styled(visible(source), "dim")] for key, value, source in answer.rows
    ]
    yield from fit_table(("Setting", "Value", "Source"), rows, look.width, look.colour, fold=(1, 2))


def _compact(edtf: str) -> str:
    """A range as the event table writes it (``1874-12-12 → 12-23``)."""
    from chrono.render.table import ARROW, ONGOING, compact_end

    start, slash, end = edtf.partition("/")
    if not slash:
        return edtf
    return f"{start}{ARROW}{ONGOING if end == '..' else compact_end(start, end)}"

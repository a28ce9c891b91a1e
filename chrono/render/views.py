"""What each command hands to its renderers: one answer per command, and how to draw it.

Every renderer of the format registry (``chrono.render.formats``) is a function
``renderer(answer, look)`` returning lines (text, each ending in a newline) or byte chunks, so a
command builds its answer once and never branches on the format; the shell writes what comes
back. NamedTuples rather than frozen dataclasses: they are built on the start-up path of every
command (see CONTRIBUTING.md).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from chrono.model import Chronology, Event
    from chrono.questions.anniversaries import Anniversary
    from chrono.questions.check import Report
    from chrono.questions.diff import Change
    from chrono.questions.query import Query
    from chrono.questions.timeline import TimelineView


class Look(NamedTuple):
    """How a drawing for a terminal looks, decided once by the shell; ``note`` says a line to
    the human on stderr after the output (a count, what was left out)."""

    width: int
    colour: bool
    calendar: str  # gregorian, juche or julian: how dates are shown (chrono.dates.calendars)
    environ: Mapping[str, str]
    note: Callable[[str], None]
    hyperlinks: bool = False  # OSC 8 links: a terminal that shows them (never a pipe, TERM=dumb or linux)


class ListAnswer(NamedTuple):
    """``list``: the chosen events; ``fields`` None means each format's own."""

    timeline: TimelineView
    query: Query
    fields: tuple[str, ...] | None
    header: bool


class ShowAnswer(NamedTuple):
    """``show``: the events found (the misses are the command's to report)."""

    events: Sequence[Event]
    chronology: Chronology
    today: _dt.date
    aliases: bool


class BetweenAnswer(NamedTuple):
    """``between``: the interval in words, in one unit (``unit``) and as a JSON record."""

    words: str
    in_unit: str | None
    record: dict[str, Any]


class AnniversariesAnswer(NamedTuple):
    """``anniversaries``: those falling in the window, in date order, and the chronology they
    come from (whose ids a narrow table's shortened ids must tell apart)."""

    found: Sequence[Anniversary]
    chronology: Chronology | None = None


class StatsAnswer(NamedTuple):
    """``stats``: the rows of a table and the JSON payload of the same answer."""

    rows: Sequence[tuple[str, ...]]
    payload: Any
    title: str
    bars: bool
    headers: tuple[str, ...] | None


class CheckAnswer(NamedTuple):
    """``check``: the report, its problems in order."""

    report: Report


class DiffAnswer(NamedTuple):
    """``diff``: the changes; ``stat`` asks for the counts only, ``files`` names files."""

    changes: Sequence[Change]
    stat: bool
    files: bool


class SqlAnswer(NamedTuple):
    """``sql``: a statement's columns and rows (rows may stream)."""

    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]
    header: bool


class ExportAnswer(NamedTuple):
    """``export``: the chosen events and the document's details; ``title`` is None when
    ``--title``/``--name`` was not given, and each format picks its own default."""

    events: Iterable[Event]
    chronology: Chronology
    title: str | None
    today: _dt.date
    yearly: bool
    inputs: tuple[str, ...]

    @property
    def document_title(self) -> str:
        """A document's title: as given, else "Chronology"."""
        return "Chronology" if self.title is None else self.title

    @property
    def calendar_name(self) -> str:
        """A calendar's name: as given, else the data's file names (a TOML file has no title)."""
        from chrono.loading.dataset import data_name

        return data_name(self.inputs) if self.title is None else self.title

"""``chrono timeline``: events drawn across the terminal, one lane per kind or actor.

The picture is plain text in characters common terminal fonts have (box drawing, block and
geometric shapes), built as lines of (text, style) segments so that it can be printed with
colour by rich or without it as is. What is known and what is not shows in the glyphs: a day is
a dot, a span of known days a solid bar, a month- or year-precise date a shaded bar over every
day it may be.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from chrono.dates.days import DAWN, FOREVER, civil, day_number
from chrono.dates.display import people_day, short_year
from chrono.dates.edtf import Precision
from chrono.escape import visible
from chrono.model import Chronology, Event
from chrono.render.palette import kind_style

DAY, SPAN, VAGUE, VAGUE_POINT, ONGOING = "●", "━", "░", "○", "▶"
BLOCKS = "▁▂▃▄▅▆▇█"  # density: eighths of the busiest column's count
MAX_LANES = 15
MAX_LABEL = 18  # an event's label, at 80 columns; a lane's name gets a fifth of the width
MAX_WIDTH = 1000  # --width and COLUMNS beyond this draw 1000 columns: wider is no picture, only work
LEGEND = (
    f"{DAY} a day",
    f"{SPAN} a span of days",
    f"{VAGUE} month or year precision: somewhere in it",
    f"{VAGUE_POINT} imprecise, within one column",
    f"{ONGOING} ongoing",
    "2-9 + several events start in one column",
)
CROWDED = 10  # a column where this many events start is more than a digit can say

Segment = tuple[str, str | None]
Line = list[Segment]


@dataclass(frozen=True, slots=True)
class Scale:
    """Maps days to columns of an axis ``width`` wide covering ``[lo, hi]``."""

    lo: int  # day numbers (chrono.dates.days)
    hi: int
    width: int

    def column(self, day: int) -> int:
        """The column of a day (clamped to the axis)."""
        days = self.hi - self.lo + 1
        offset = min(max(day, self.lo), self.hi) - self.lo
        return min(self.width - 1, offset * self.width // days)


def _lanes(events: Sequence[Event], chronology: Chronology, by: str) -> list[tuple[str, list[Event]]]:
    lanes: dict[str, list[Event]] = {}
    for event in events:
        keys = [event.kind] if by == "kind" else (chronology.actor_names(event) or ["(no actor)"])
        for key in dict.fromkeys(keys):
            lanes.setdefault(key, []).append(event)
    ordered = sorted(lanes.items(), key=lambda item: (-len(item[1]), item[0]))
    if len(ordered) > MAX_LANES:
        rest = sorted(
            {id(e): e for _, group in ordered[MAX_LANES - 1 :] for e in group}.values(), key=lambda e: e.sort_key
        )
        ordered = [*ordered[: MAX_LANES - 1], (f"({len(ordered) - MAX_LANES + 1} more)", rest)]
    return ordered


def starts(events: Sequence[Event], scale: Scale) -> list[int]:
    """How many events start in each column (those begun before the axis in none)."""
    counts = [0] * scale.width
    for event in events:
        if event.when.earliest >= scale.lo:
            counts[scale.column(event.when.earliest)] += 1
    return counts


def crowded(counts: Sequence[int]) -> bool:
    """Whether a lane is too crowded for digits: a column with ``CROWDED`` events, or, in a
    lane of more than a few columns, several events in most of the columns that have any."""
    several = sum(count > 1 for count in counts)
    occupied = sum(count > 0 for count in counts)
    return max(counts, default=0) >= CROWDED or (occupied >= 8 and several * 2 > occupied)


def density(count: int, busiest: int) -> str:
    """The block for a column where ``count`` events start: ▁ for the first eighth of the
    busiest column's count, up to █ for the last (linear, rounded up; more is █ too)."""
    return BLOCKS[min(len(BLOCKS), max(1, -(-count * len(BLOCKS) // busiest))) - 1] if count else " "


def _busiest(lanes: Sequence[tuple[str, Sequence[Event]]], dense: Sequence[bool], scale: Scale) -> int:
    """The count a full block stands for: the busiest column of the crowded lanes, leaving out
    the '(N more)' lane of many actors unless it is the only crowded one (its columns above
    that count are full blocks too)."""
    counts = [max(starts(group, scale)) for (_, group), crowd in zip(lanes, dense, strict=True) if crowd]
    more = len(lanes) > MAX_LANES - 1 and dense[-1] and lanes[-1][0].endswith(" more)")
    return max(counts[:-1] if more and len(counts) > 1 else counts, default=0)


def _glyphs(events: Sequence[Event], scale: Scale, busiest: int = 0) -> list[str]:
    cells = [" "] * scale.width
    starts = [0] * scale.width
    for event in events:
        when = event.when
        first = scale.column(when.earliest)
        last = scale.column(when.latest_or_max)
        exact = when.start.precision is Precision.DAY and (when.end is None or when.end.precision is Precision.DAY)
        if when.open_end:
            for col in range(first, last + 1):
                cells[col] = SPAN if cells[col] == " " else cells[col]
            cells[last] = ONGOING
        elif first == last:
            cells[first] = DAY if exact else (VAGUE_POINT if cells[first] == " " else cells[first])
        else:
            fill = SPAN if exact else VAGUE
            for col in range(first, last + 1):
                if cells[col] in (" ", VAGUE):
                    cells[col] = fill
            if exact:
                cells[first] = DAY
        if when.earliest >= scale.lo:  # an event begun before the axis does not start in column 0
            starts[first] += 1
    for col, count in enumerate(starts):
        if busiest and count:
            cells[col] = density(count, busiest)
        elif count > 1:
            cells[col] = str(count) if count < 10 else "+"
    return cells


def _labels(events: Sequence[Event], scale: Scale, use_ids: bool, lane: str = "") -> str:
    line = [" "] * scale.width
    most = label_room(scale.width)
    # Events that start on the axis get the first chance of a label.
    for event in sorted(events, key=lambda e: (e.earliest < scale.lo, e.sort_key)):
        text = visible(event.id) if use_ids else _without(visible(event.title), lane) or event.when.shown
        text = text if len(text) <= most else text[: most - 1] + "…"
        col = scale.column(event.earliest)
        end = col + len(text)
        if end <= scale.width and all(char == " " for char in line[max(0, col - 1) : min(scale.width, end + 1)]):
            line[col:end] = list(text)
    return "".join(line).rstrip()


def label_room(width: int) -> int:
    """The most cells a lane's name or an event's label takes: 18 at 80 columns, a sixth of
    wider terminals, at most 32."""
    return max(MAX_LABEL, min(32, width // 6))


def _without(title: str, lane: str) -> str:
    """A title without its lane's name, which the lane already says ('Prime Minister X visits
    the United States' in X's lane: 'visits the United States')."""
    if not lane or lane.casefold() not in title.casefold():
        return title
    at = title.casefold().index(lane.casefold())
    return (title[:at] + title[at + len(lane) :]).strip(" ,;:-–—").replace("  ", " ")


def lane_names(names: Sequence[str], width: int) -> list[str]:
    """The lanes' names, each at most ``width`` cells, no two alike: a long one keeps its head
    and its last word around '…' when a plain cut would match another's."""
    from chrono.render.shorten import shorten

    cut = [name if len(name) <= width else name[: width - 1] + "…" for name in names]
    twice = {text for text in cut if cut.count(text) > 1}
    ordered = sorted(names)
    return [shorten(name, ordered, width) if text in twice else text for name, text in zip(names, cut, strict=True)]


_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000)
_DAY_STEPS = (1, 2, 7, 14)


def _ticks(scale: Scale) -> list[tuple[int, str]]:
    """Calendar-aligned ticks at the smallest step whose labels fit side by side; past a few
    thousand years, round numbers of years labelled in k, m or bn (an axis back to the Big Bang)."""
    days = scale.hi - scale.lo + 1
    for step in _DAY_STEPS:
        if (days // step + 1) * 7 <= scale.width:
            return [(day, "{1:02d}-{2:02d}".format(*civil(day))) for day in range(scale.lo, scale.lo + days, step)]
    lo_year, lo_month, lo_day = civil(scale.lo)
    hi_year, hi_month, _ = civil(scale.hi)
    first = lo_year * 12 + lo_month - 1 + (0 if lo_day == 1 else 1)  # months since year 0
    last = hi_year * 12 + hi_month - 1
    for step in _month_steps(last - first):
        label_width = 8 if step < 12 else 5 if step < 120000 else 11
        start = -(-first // step) * step  # the first multiple of step on the axis
        if start > last or ((last - start) // step + 1) * label_width > scale.width:
            continue
        ticks = []
        for index in range(start, last + 1, step):
            year, month = divmod(index, 12)
            label = f"{year:04d}-{month + 1:02d}" if step < 12 and year >= 1 else short_year(year)
            ticks.append((day_number(year, month + 1, 1), label))
        return ticks
    return [(scale.lo, short_year(lo_year))]


def _month_steps(months: int) -> Iterator[int]:
    """The calendar steps, then 1, 2 and 5 times each power of ten years up to the whole axis."""
    yield from _MONTH_STEPS
    years = 10000
    while years * 12 <= months * 10:
        for factor in (1, 2, 5):
            yield years * factor * 12
        years *= 10


def _axis(scale: Scale) -> tuple[str, str]:
    rule = ["─"] * scale.width
    labels = [" "] * scale.width
    for day, text in _ticks(scale):
        col = scale.column(day)
        rule[col] = "┬"
        if col + len(text) <= scale.width and all(c == " " for c in labels[max(0, col - 1) : col + len(text)]):
            labels[col : col + len(text)] = list(text)
    return "".join(rule), "".join(labels).rstrip()


def draw(
    events: Sequence[Event],
    chronology: Chronology,
    width: int,
    by: str = "kind",
    lo: int | None = None,
    hi: int | None = None,
    use_ids: bool = False,
) -> list[Line]:
    """The timeline as lines of (text, style) segments, at most ``width`` (at most ``MAX_WIDTH``)
    characters wide."""
    if not events:
        return [[("No events to draw.", None)]]
    width = min(width, MAX_WIDTH)
    # An open start (``../1900``) begins before the axis: the axis starts at the day it ends by.
    first = lo if lo is not None and lo > DAWN else min(e.when.start.lower for e in events)
    finite = [e.when.latest for e in events if e.when.latest is not None]
    last = hi if hi is not None and hi < FOREVER else max([*finite, *(e.when.start.lower for e in events)])
    if last <= first:  # an axis of at least two days
        last = first + 1
    lanes = _lanes(events, chronology, by)
    names = lane_names([visible(name) for name, _ in lanes], label_room(width))
    label_width = max(len(name) for name in names)
    scale = Scale(first, last, max(10, width - label_width - 2))
    dense = [crowded(starts(group, scale)) for _, group in lanes]
    busiest = _busiest(lanes, dense, scale)
    plural = "s" if len(events) != 1 else ""
    lines: list[Line] = [
        [(f"{people_day(first)} … {people_day(last)} · {len(events)} event{plural} · by {by}", "bold")]
    ]
    for (name, group), shown, drawn_dense in zip(lanes, names, dense, strict=True):
        style = kind_style(name) if by == "kind" else None
        glyphs = "".join(_glyphs(group, scale, busiest if drawn_dense else 0))
        lines.append([(f"{shown:>{label_width}} ", style), ("│", "dim"), (glyphs, style)])
        labels = _labels(group, scale, use_ids, name if by == "actor" else "")
        if labels:
            lines.append([(" " * label_width + " ", None), ("│", "dim"), (labels, "dim")])
    rule, tick_labels = _axis(scale)
    lines.append([(" " * label_width + " ", None), ("└", "dim"), (rule, "dim")])
    lines.append([(" " * (label_width + 2) + tick_labels, None)])
    lines.extend([(text, "dim")] for text in _legend(width, busiest))
    return [
        [(text.rstrip() if i == len(line) - 1 else text, style) for i, (text, style) in enumerate(line)]
        for line in lines
    ]


def _legend(width: int, busiest: int = 0) -> list[str]:
    """The legend's items packed into lines no wider than ``width``; with crowded lanes, what
    their blocks count too."""
    rows: list[str] = []
    scale = f"{BLOCKS} events starting in a column: {BLOCKS[0]} 1 … {BLOCKS[-1]} {busiest} or more, in eighths"
    for item in (*LEGEND, scale) if busiest else LEGEND:
        if rows and len(rows[-1]) + 3 + len(item) <= width:
            rows[-1] += "   " + item
        else:
            rows.append(item[:width])
    return rows


def plain(lines: Sequence[Line]) -> str:
    """The picture without colour, one string (each line ends in a newline)."""
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)

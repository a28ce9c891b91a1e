"""``chrono timeline``: events drawn across the terminal, one lane per kind or actor.

The picture is plain text in characters common terminal fonts have (box drawing, block and
geometric shapes), built as lines of (text, style) segments so that it can be printed with
colour by rich or without it as is. What is known and what is not shows in the glyphs: a day is
a dot, a span of known days a solid bar, a month- or year-precise date a shaded bar over every
day it may be.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

from chrono.dates.edtf import Precision
from chrono.escape import visible
from chrono.model import Chronology, Event
from chrono.render.palette import kind_style

DAY, SPAN, VAGUE, VAGUE_POINT, ONGOING = "●", "━", "░", "○", "▶"
MAX_LANES = 15
MAX_LABEL = 18
MAX_WIDTH = 1000  # --width and COLUMNS beyond this draw 1000 columns: wider is no picture, only work
LEGEND = (
    f"{DAY} a day",
    f"{SPAN} a span of days",
    f"{VAGUE} month or year precision: somewhere in it",
    f"{VAGUE_POINT} imprecise, within one column",
    f"{ONGOING} ongoing",
    "2-9 + several events start in one column",
)

Segment = tuple[str, str | None]
Line = list[Segment]


@dataclass(frozen=True, slots=True)
class Scale:
    """Maps days to columns of an axis ``width`` wide covering ``[lo, hi]``."""

    lo: _dt.date
    hi: _dt.date
    width: int

    def column(self, day: _dt.date) -> int:
        """The column of a day (clamped to the axis)."""
        days = (self.hi - self.lo).days + 1
        offset = (min(max(day, self.lo), self.hi) - self.lo).days
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


def _glyphs(events: Sequence[Event], scale: Scale) -> list[str]:
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
        if count > 1:
            cells[col] = str(count) if count < 10 else "+"
    return cells


def _labels(events: Sequence[Event], scale: Scale, use_ids: bool) -> str:
    line = [" "] * scale.width
    # Events that start on the axis get the first chance of a label.
    for event in sorted(events, key=lambda e: (e.earliest < scale.lo, e.sort_key)):
        text = visible(event.id if use_ids else event.title)
        text = text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"
        col = scale.column(event.earliest)
        end = col + len(text)
        if end <= scale.width and all(char == " " for char in line[max(0, col - 1) : min(scale.width, end + 1)]):
            line[col:end] = list(text)
    return "".join(line).rstrip()


_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000)
_DAY_STEPS = (1, 2, 7, 14)


def _ticks(scale: Scale) -> list[tuple[_dt.date, str]]:
    """Calendar-aligned ticks at the smallest step whose labels fit side by side."""
    days = (scale.hi - scale.lo).days + 1
    for step in _DAY_STEPS:
        if (days // step + 1) * 7 <= scale.width:
            return [
                (day, day.strftime("%m-%d")) for day in (scale.lo + _dt.timedelta(days=n) for n in range(0, days, step))
            ]
    first = scale.lo.year * 12 + scale.lo.month - 1 + (0 if scale.lo.day == 1 else 1)  # months since year 0
    last = scale.hi.year * 12 + scale.hi.month - 1
    for step in _MONTH_STEPS:
        label_width = 8 if step < 12 else 5
        start = -(-first // step) * step  # the first multiple of step on the axis
        if start > last or ((last - start) // step + 1) * label_width > scale.width:
            continue
        ticks = []
        for index in range(start, last + 1, step):
            day = _dt.date(index // 12, index % 12 + 1, 1)
            ticks.append((day, f"{day.year:04d}-{day.month:02d}" if step < 12 else f"{day.year:04d}"))
        return ticks
    return [(scale.lo, f"{scale.lo.year:04d}")]


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
    lo: _dt.date | None = None,
    hi: _dt.date | None = None,
    use_ids: bool = False,
) -> list[Line]:
    """The timeline as lines of (text, style) segments, at most ``width`` (at most ``MAX_WIDTH``)
    characters wide."""
    if not events:
        return [[("No events to draw.", None)]]
    width = min(width, MAX_WIDTH)
    first = lo or min(e.earliest for e in events)
    finite = [e.when.latest for e in events if e.when.latest is not None]
    last = hi or max([*finite, *(e.earliest for e in events)])
    if last <= first:  # an axis of at least two days, also at the end of the calendar (9999-12-31)
        if first < _dt.date.max:
            last = first + _dt.timedelta(days=1)
        else:
            first, last = _dt.date.max - _dt.timedelta(days=1), _dt.date.max
    lanes = _lanes(events, chronology, by)
    label_width = min(MAX_LABEL, max(len(name) for name, _ in lanes))
    scale = Scale(first, last, max(10, width - label_width - 2))
    plural = "s" if len(events) != 1 else ""
    lines: list[Line] = [
        [(f"{first.isoformat()} … {last.isoformat()} · {len(events)} event{plural} · by {by}", "bold")]
    ]
    for name, group in lanes:
        shown = visible(name)
        shown = shown if len(shown) <= label_width else shown[: label_width - 1] + "…"
        style = kind_style(name) if by == "kind" else None
        lines.append([(f"{shown:>{label_width}} ", style), ("│", "dim"), ("".join(_glyphs(group, scale)), style)])
        labels = _labels(group, scale, use_ids)
        if labels:
            lines.append([(" " * label_width + " ", None), ("│", "dim"), (labels, "dim")])
    rule, tick_labels = _axis(scale)
    lines.append([(" " * label_width + " ", None), ("└", "dim"), (rule, "dim")])
    lines.append([(" " * (label_width + 2) + tick_labels, None)])
    lines.extend([(text, "dim")] for text in _legend(width))
    return [
        [(text.rstrip() if i == len(line) - 1 else text, style) for i, (text, style) in enumerate(line)]
        for line in lines
    ]


def _legend(width: int) -> list[str]:
    """The legend's items packed into lines no wider than ``width``."""
    rows: list[str] = []
    for item in LEGEND:
        if rows and len(rows[-1]) + 3 + len(item) <= width:
            rows[-1] += "   " + item
        else:
            rows.append(item[:width])
    return rows


def plain(lines: Sequence[Line]) -> str:
    """The picture without colour, one string (each line ends in a newline)."""
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)

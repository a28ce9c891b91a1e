"""Counts and summaries of a set of events: by year, decade, kind, actor, place or tag; quiet gaps."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chrono.dates.days import FOREVER, civil, weekday, year_of, year_text
from chrono.dates.edtf import Precision
from chrono.model import Chronology, Event


class By(enum.Enum):
    """What ``chrono stats --by`` groups events by."""

    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    MONTH = "month"
    WEEKDAY = "weekday"
    KIND = "kind"
    ACTOR = "actor"
    PLACE = "place"
    TAG = "tag"


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NO_MONTH = "(no month)"  # a start known only to the year: counted, never put in a month
NO_DAY = "(no day)"


def century_name(year: int) -> str:
    """1901-2000 is the 20th century (as ``chrono list --on '20th century'`` reads it); 100 BC to
    1 BC (years -99 to 0) the 1st century BC."""
    if year <= 0:
        return century_name(1 - year) + " BC"
    number = (year - 1) // 100 + 1
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} century"


def _keys(event: Event, by: By, chronology: Chronology) -> Iterable[str]:
    """The groups an event counts in: its start's year, decade, century, month or weekday, its
    kind, each actor, its place, each tag."""
    start = event.when.start
    year = year_of(start.lower)
    if by in (By.YEAR, By.DECADE, By.CENTURY):
        return (_keys_of_year(year, by),)
    if by is By.MONTH:
        (first_year, month, _), (last_year, last_month, _) = civil(start.lower), civil(start.upper)
        known = (first_year, month) == (last_year, last_month) and not event.when.open_start
        return (_MONTHS[month - 1] if known else NO_MONTH,)
    if by is By.WEEKDAY:
        return (_WEEKDAYS[weekday(start.lower)] if start.is_exact and not event.when.open_start else NO_DAY,)
    if by is By.KIND:
        return (event.kind,)
    if by is By.ACTOR:
        return list(dict.fromkeys(chronology.actor_names(event))) or ["(none)"]
    if by is By.PLACE:
        return (event.place or "(none)",)
    return list(dict.fromkeys(event.tags)) or ["(none)"]


def _extra_keys(event: Event, key: str) -> list[str]:
    """The groups of ``--by extra.KEY``: the value, or each element of a list; "(none)" without."""
    from chrono.questions.query import extra_texts, extra_value

    return list(dict.fromkeys(extra_texts(extra_value(event, key)))) or ["(none)"]


def counts(events: Iterable[Event], by: By | str, chronology: Chronology) -> list[tuple[str, int]]:
    """Counts per group: years and decades in time order (gaps included as zero), others by count.

    ``by`` is a ``By`` or the name of a key of ``extra`` (as ``extra.KEY`` is written without
    its prefix), whose values are counted as written.
    """
    counter: Counter[str] = Counter()
    years: list[int] = []
    for event in events:
        counter.update(_extra_keys(event, by) if isinstance(by, str) else _keys(event, by, chronology))
        years.append(year_of(event.when.start.lower))
    if isinstance(by, str):
        return _natural(counter)
    if by in (By.YEAR, By.DECADE, By.CENTURY) and counter:
        step = {By.YEAR: 1, By.DECADE: 10, By.CENTURY: 100}[by]
        first, last = min(years) // step * step, max(years) // step * step
        if by is By.CENTURY:
            first, last = (min(years) - 1) // 100 * 100 + 1, (max(years) - 1) // 100 * 100 + 1
        if (last - first) // step > _MAX_FILLED:  # an axis of billions of years: the groups there are
            first_years = sorted(
                {(year - 1) // 100 * 100 + 1 if by is By.CENTURY else year // step * step for year in years}
            )
            return [(key, counter[key]) for key in dict.fromkeys(_keys_of_year(value, by) for value in first_years)]
        keys = [_keys_of_year(value, by) for value in range(first, last + 1, step)]
        return [(key, counter.get(key, 0)) for key in keys]
    if by in (By.MONTH, By.WEEKDAY):
        names, unknown = (_MONTHS, NO_MONTH) if by is By.MONTH else (_WEEKDAYS, NO_DAY)
        ordered = [(name, counter.get(name, 0)) for name in names]
        return ordered + ([(unknown, counter[unknown])] if counter.get(unknown) else [])
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


_MAX_FILLED = 5000  # past this many periods, empty ones are left out


def _keys_of_year(year: int, by: By) -> str:
    """'2001', '1990s', '20th century'; years before 1 as EDTF writes them ('-0043', '-0050s',
    'Y-11340s'), centuries as '1st century BC'."""
    if by is By.CENTURY:
        return century_name(year)
    first = year if by is By.YEAR else year // 10 * 10
    text = year_text(first) if abs(first) <= 9999 else f"Y{first}"
    return text if by is By.YEAR else text + "s"


def _natural(counter: Counter[str]) -> list[tuple[str, int]]:
    """``extra.KEY`` groups in the values' own order: numbers by value, dates by date ("(none)"
    after them); other values by count."""
    from chrono.questions.extras import as_date_span, as_number

    keys = [key for key in counter if key != "(none)"]
    tail = [("(none)", counter["(none)"])] if "(none)" in counter else []
    numbers = {key: as_number(key) for key in keys}
    if keys and all(value is not None for value in numbers.values()):
        return sorted(((key, counter[key]) for key in keys), key=lambda item: numbers[item[0]] or 0.0) + tail
    dates = {key: as_date_span(key) for key in keys}
    if keys and all(value is not None for value in dates.values()):
        return sorted(((key, counter[key]) for key in keys), key=lambda item: (dates[item[0]], item[0])) + tail
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True, slots=True)
class Summary:
    """A short description of a set of events."""

    events: int
    first: str | None  # EDTF of the earliest event's date
    last: str | None  # EDTF of the latest-starting event's date
    by_precision: dict[str, int]
    without_source: int
    busiest_year: tuple[int, int] | None  # (year, count)


def summary(events: Sequence[Event]) -> Summary:
    """Number of events, the span covered, precision counts, unsourced events, the busiest year."""
    precisions = Counter(event.when.precision for event in events)
    years = Counter(year_of(event.when.start.lower) for event in events)
    busiest = min(years.items(), key=lambda item: (-item[1], item[0])) if years else None
    return Summary(
        events=len(events),
        first=events[0].when.edtf if events else None,
        last=events[-1].when.edtf if events else None,
        by_precision={
            p.label: precisions.get(p, 0) for p in (Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR)
        },
        without_source=sum(1 for event in events if not event.sources),
        busiest_year=busiest,
    )


@dataclass(frozen=True, slots=True)
class Gap:
    """A quiet period: no event may have happened strictly between ``after`` and ``before``."""

    start: int  # the first quiet day (a day number)
    end: int  # the last quiet day
    after: Event  # the event whose (latest possible) end precedes the gap
    before: Event  # the event whose earliest possible start follows it

    @property
    def days(self) -> int:
        """Quiet days, both ends included."""
        return self.end - self.start + 1


def gaps(events: Sequence[Event], count: int) -> list[Gap]:
    """The ``count`` longest quiet periods, longest first (ties: earliest first).

    A gap is only certain where no event may have been happening, so it runs from the day after
    the latest possible end of everything before to the day before the earliest possible start
    of the next event; ongoing events close the timeline.
    """
    found: list[Gap] = []
    ordered = sorted(events, key=lambda e: e.sort_key)
    reach: int | None = None
    reacher: Event | None = None
    for event in ordered:
        if reach is not None and reacher is not None and event.earliest > reach + 1:
            found.append(Gap(reach + 1, event.earliest - 1, reacher, event))
        latest = event.when.latest_or_max
        if reach is None or latest > reach:
            reach, reacher = latest, event
        if reach == FOREVER:
            break
    found.sort(key=lambda gap: (-gap.days, gap.start))
    return found[:count]

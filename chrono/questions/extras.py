"""``--extra 'vei>=6'``: comparing an ``extra`` value with numbers as numbers and dates as dates.

An imported catalogue keeps numbers as numbers (``vei = 7``); comparing them as text would put
``"10"`` before ``"6"``. So a comparison reads both sides the same way: numbers when both are
numbers, dates (as spans of days) when both are dates, text (ignoring case) otherwise. A value
of another kind (a word where a number is asked) never matches, and neither does a missing key.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from chrono.errors import DateError

if TYPE_CHECKING:
    from chrono.model import Chronology

_NUMBER_RE = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TEST_RE = re.compile(r"\s*(?P<key>[^<>=!]+?)\s*(?P<op>>=|<=|!=|>|<|=)(?P<value>.*)", re.DOTALL)


class Operator(enum.Enum):
    """How an ``--extra`` value is compared."""

    EQ = "="
    NE = "!="
    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="


class ExtraTest(NamedTuple):
    """``--extra KEY OP VALUE`` once parsed."""

    key: str
    op: Operator
    value: str


def parse_test(text: str) -> ExtraTest | None:
    """``'vei>=6'`` -> ExtraTest('vei', GE, '6'); None when the text has no key and operator."""
    found = _TEST_RE.fullmatch(text)
    if found is None or not found["key"].strip():
        return None
    return ExtraTest(found["key"].strip(), Operator(found["op"]), found["value"].strip())


def compiled(test: ExtraTest) -> _Compiled:
    """The test with its value read once (as a number, a span of days and text)."""
    return _Compiled(test)


class _Compiled:
    def __init__(self, test: ExtraTest) -> None:
        self.test = test
        self.number = as_number(test.value)
        self.span = as_date_span(test.value)
        self.text = test.value.casefold()

    def __call__(self, value: object) -> bool:
        """True when the value (or an element of a list) passes; a missing value never does."""
        if isinstance(value, (list, tuple)):
            return any(self(item) for item in value)
        if value is None or isinstance(value, (dict, bool)):
            return False
        op = self.test.op
        number = as_number(value)
        if number is not None and self.number is not None:
            return _order(number, self.number, op)
        span = as_date_span(value)
        if span is not None and self.span is not None:
            return _order_spans(span, self.span, op)
        if number is not None or span is not None or self.number is not None or self.span is not None:
            return False  # a number or date against a word: not comparable, so not a match
        return _order(str(value).casefold(), self.text, op)


def as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and _NUMBER_RE.fullmatch(value.strip()) and not re.fullmatch(r"\d{4}-.*", value):
        return float(value)
    return None


def as_date_span(value: object) -> tuple[int, int] | None:
    """A date, or a text holding an ISO/EDTF date, as its first and last day number; None otherwise."""
    if isinstance(value, _dt.datetime):
        return value.date().toordinal(), value.date().toordinal()
    if isinstance(value, _dt.date):
        return value.toordinal(), value.toordinal()
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}(?:-[\dX?~%/.-]*)?", value.strip()):
        return None
    from chrono.dates.edtf import parse_span

    try:
        span = parse_span(value.strip())
    except DateError:
        return None
    upper = span.end.upper if span.end is not None else span.start.upper
    return span.start.lower, upper


def _order(have: float | str, want: float | str, op: Operator) -> bool:
    if op is Operator.EQ:
        return have == want
    if op is Operator.NE:
        return have != want
    if op is Operator.GT:
        return have > want  # type: ignore[operator]  # both numbers or both texts
    if op is Operator.GE:
        return have >= want  # type: ignore[operator]
    if op is Operator.LT:
        return have < want  # type: ignore[operator]
    return have <= want  # type: ignore[operator]


def _order_spans(have: tuple[int, int], want: tuple[int, int], op: Operator) -> bool:
    """Spans of days: ``> 1900`` is after the whole of 1900, ``>= 1900`` from its first day on."""
    if op is Operator.EQ:
        return have == want
    if op is Operator.NE:
        return have != want
    if op is Operator.GT:
        return have[0] > want[1]
    if op is Operator.GE:
        return have[0] >= want[0]
    if op is Operator.LT:
        return have[1] < want[0]
    return have[1] <= want[1]


def missing_keys(chronology: Chronology, keys: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The ``--extra`` keys no event has (ignoring case), each with up to three nearest keys."""
    import difflib

    have: dict[str, str] = {}
    for event in chronology.events:
        for name in event.extra:
            have.setdefault(name.casefold(), name)
    found = []
    for key in dict.fromkeys(keys):
        if key.casefold() not in have:
            close = difflib.get_close_matches(key.casefold(), list(have), n=3, cutoff=0.5)
            found.append((key, tuple(have[name] for name in close)))
    return found

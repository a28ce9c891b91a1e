"""Ids shortened to fit a narrow terminal's column, in a form ``chrono show`` still finds.

An id too long for its column keeps its head and its tail around an ellipsis
(``kim-jong-il…-2011``): ids differ most at their ends (a year, a number), so a middle cut keeps
them apart where a cut at the end would not. ``chrono.questions.lookup`` reads the ellipsis as
"anything here", so what the table shows can be typed back. Among the ways to cut an id, the
first that names no other id of the chronology is taken.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from chrono.questions.lookup import ELLIPSIS
from chrono.render.columns import cell_width

CHECKED = 2000  # ids sharing a head beyond which a cut is taken without checking it further


def short_ids(shown: Iterable[str], every: Sequence[str], width: int) -> dict[str, str]:
    """Each shown id that is wider than ``width``, with its shortened form (others are absent)."""
    ordered = sorted(every)
    shortened: dict[str, str] = {}
    for ident in shown:
        if cell_width(ident) > width and ident not in shortened:
            shortened[ident] = shorten(ident, ordered, width)
    return shortened


def shorten(ident: str, ordered: Sequence[str], width: int) -> str:
    """``ident`` cut to ``width`` cells around an ellipsis, naming it alone among ``ordered``
    (sorted) when some cut can; else the evenest cut."""
    room = max(1, width - 1)
    best = room - _tail_cells(ident, room)
    heads = sorted(range(1, room + 1), key=lambda head: (abs(head - best), -head))
    for head_cells in heads:
        head, tail = _head(ident, head_cells), _tail(ident, room - head_cells)
        if _alone(ident, head, tail, ordered):
            return f"{head}{ELLIPSIS}{tail}"
    return f"{_head(ident, best)}{ELLIPSIS}{_tail(ident, room - best)}"


def _tail_cells(ident: str, room: int) -> int:
    """The tail a cut keeps by preference: its last words from a '-' (``-2011``), up to half
    the room; else a third of it."""
    most = room // 2
    cut = ident.rfind("-", len(ident) - most - 1)
    while cut > 0 and len(ident) - cut > most:
        cut = ident.find("-", cut + 1)
    return len(ident) - cut if cut > 0 and ident.isascii() else room // 3


def _alone(ident: str, head: str, tail: str, ordered: Sequence[str]) -> bool:
    start = bisect.bisect_left(ordered, head)
    found = 0
    for index in range(start, min(len(ordered), start + CHECKED)):
        other = ordered[index]
        if not other.startswith(head):
            break
        if other != ident and other.endswith(tail) and len(other) >= len(head) + len(tail):
            found += 1
            break
    return found == 0


def _head(text: str, cells: int) -> str:
    used = 0
    for index, char in enumerate(text):
        used += cell_width(char)
        if used > cells:
            return text[:index]
    return text


def _tail(text: str, cells: int) -> str:
    if cells <= 0:
        return ""
    return _head(text[::-1], cells)[::-1]

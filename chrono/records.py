"""Building new event tables — for ``chrono import`` and ``chrono add`` — and writing them as TOML.

A new event is a plain TOML table (a dict) until it is written; ``check_new`` runs the file's
own loader over the result, so nothing chrono writes can fail ``chrono check`` with an error.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from chrono.dates import DateSpan, Precision, parse_span
from chrono.errors import DateError

# tomli-w escapes C0 controls and DEL; C1 controls and bidirectional overrides can only stand
# inside TOML strings, where the same \uXXXX escape means the same character.
from chrono.escape import json_safe

_SLUG_RE = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 48


def slug(text: str) -> str:
    """Lowercase ASCII words joined by '-' (accents dropped), at most ``MAX_SLUG`` characters."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = _SLUG_RE.sub("-", plain).strip("-")
    if len(words) <= MAX_SLUG:
        return words
    cut = words[:MAX_SLUG]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def make_id(span: DateSpan, title: str, taken: set[str], prefix: str = "") -> str:
    """A stable id from date and title ('2001-08-04-moscow-declaration'), unique among ``taken``.

    At most ``MAX_SLUG`` characters, suffix included, so a long title does not squeeze a table's
    other columns; ``prefix`` (already in id form) keeps two imports' ids apart.
    """
    head = "-".join(part for part in (prefix, span.start.text.lower()) if part)
    base = _join(head, slug(title), MAX_SLUG)
    ident, number = base, 2
    while ident in taken:
        suffix = f"-{number}"
        ident, number = _join(head, base[len(head) + 1 :], MAX_SLUG - len(suffix)) + suffix, number + 1
    taken.add(ident)
    return ident


def _join(head: str, words: str, limit: int) -> str:
    """``head-words`` in at most ``limit`` characters, cutting ``words`` at a '-' where it can."""
    room = limit - len(head) - 1
    if room <= 0 or not words:
        return head[:limit]
    if len(words) > room:
        cut = words[:room]
        words = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return f"{head}-{words}"


def date_value(span_text: str) -> Any:
    """How a date is written in TOML: a local date for a plain day, else the EDTF string."""
    span = parse_span(span_text)
    start = span.start
    if (
        span.end is None
        and not span.open_end
        and start.precision is Precision.DAY
        and start.edtf == start.lower.isoformat()
    ):
        return start.lower
    return span.edtf


def read_date(text: str) -> DateSpan:
    """A date cell of an imported file: EDTF or ISO, or a written date at its own precision.

    Relative dates ('today') mean nothing in a file and are refused.
    """
    cleaned = " ".join(text.split())
    try:
        return parse_span(cleaned)
    except DateError:
        pass
    iso = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ][0-9:.+\-Z]*", cleaned)
    if iso:
        return parse_span(iso.group(1))
    from chrono.datearg import parse_written

    arg = parse_written(cleaned)
    text_form = arg.lower.isoformat() if arg.precision is Precision.DAY else arg.lower.isoformat()[:7]
    return parse_span(text_form)


def split_list(cell: str) -> list[str]:
    """A list cell: items separated by ';' (as chrono's own TSV and CSV write them)."""
    return [item.strip() for item in cell.split(";") if item.strip()]


def document(
    events: Sequence[Mapping[str, Any]],
    sources: Iterable[Mapping[str, Any]] = (),
    actors: Iterable[Mapping[str, Any]] = (),
    header: str = "",
) -> str:
    """A whole chronology file: header comment, then actors, sources and events."""
    import tomli_w

    body: dict[str, Any] = {}
    actor_list, source_list = list(actors), list(sources)
    if actor_list:
        body["actor"] = actor_list
    if source_list:
        body["source"] = source_list
    body["event"] = list(events)
    return json_safe(header + tomli_w.dumps(body))


def event_toml(event: Mapping[str, Any]) -> str:
    """One ``[[event]]`` table as TOML text, for appending to a file."""
    import tomli_w

    return json_safe(tomli_w.dumps({"event": [dict(event)]}))


def today_stamp(today: _dt.date) -> str:
    """A header line saying when and by what a file was written."""
    return f"# Written by chrono on {today.isoformat()}.\n\n"

"""Hypothesis strategies for whole chronologies — valid ones and broken ones — and command lines."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import tomli_w
from hypothesis import strategies as st

from chrono.escape import json_safe

# Any text, controls, escapes and bidirectional overrides included (not lone surrogates, which
# UTF-8 cannot hold and TOML cannot carry).
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
nasty = st.sampled_from(
    ["\x1b[31m", "\x1b]0;title\x07", "\x9b2J", "\u202e", "\u2066", "\x7f", "[bold]x[/bold]", "\r\n", "\t", "\\"]
)
rich_texts = st.lists(st.one_of(texts, nasty), max_size=4).map("".join)
ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True)
kinds = st.sampled_from(["visit", "summit", "talks", "treaty", "document"])
days = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 30))


_WIDE = ("negative", "big", "time", "season", "julian", "written", "open-start")


@st.composite
def wide_dates(draw: st.DrawFn) -> Any:
    """The dates past datetime's reach and the written forms: years before 1 (``0000``, ``-0043``),
    Y years, times of day with offsets, seasons, Old Style dates, BC/AD, open starts."""
    shape = draw(st.sampled_from(_WIDE))
    year = draw(st.integers(-9999, 0))
    if shape == "negative":
        text = f"-{-year:04d}" if year else "0000"
        return text + draw(st.sampled_from(["", "-03", "-02-29" if calendar.isleap(year) else "-02-28", "?"]))
    if shape == "big":
        return f"Y{draw(st.sampled_from(['-', '']))}{draw(st.integers(10000, 10**12))}"
    if shape == "time":
        day = draw(st.one_of(days, st.dates(dt.date(1, 1, 1), dt.date(1, 1, 2)))).isoformat()
        clock = draw(st.sampled_from(["T23:30", "T00:00:00Z", "T19:00:00+08:00", "T23:30:00-07:00", " 10:00:00 -0700"]))
        return day + clock if draw(st.booleans()) else dt.datetime.fromisoformat(day + "T12:34:56+02:00")
    if shape == "season":
        return f"{draw(days).year:04d}-{draw(st.sampled_from([21, 22, 23, 24, 33, 36]))}"
    if shape == "julian":
        day = draw(days)
        return draw(st.sampled_from([f"{day.isoformat()} O.S.", f"{day.day} {day.strftime('%B')} {day.year} (O.S.)"]))
    if shape == "written":
        return draw(st.sampled_from([f"{1 - year} BC", f"AD {draw(days).year}", f"{1 - year} BCE", "15 March 44 BC"]))
    return f"../{draw(days).year:04d}"


@st.composite
def edtf(draw: st.DrawFn) -> Any:
    """A date value: a TOML date or an EDTF string of chrono's subset (interval included)."""
    day = draw(days)
    shape = draw(st.sampled_from(["date", "year", "month", "day", "x", "interval", "open", *_WIDE]))
    qual = draw(st.sampled_from(["", "?", "~", "%"]))
    if shape in _WIDE:
        return draw(wide_dates())
    if shape == "date":
        return day
    if shape == "year":
        return f"{day.year:04d}{qual}"
    if shape == "month":
        return f"{day.year:04d}-{day.month:02d}{qual}"
    if shape == "day":
        return f"{day.isoformat()}{qual}"
    if shape == "x":
        return f"{day.year:04d}"[:3] + "X" if day.year >= 10 else f"{day.year:04d}"
    if shape == "interval":
        return f"{day.isoformat()}/{(day + dt.timedelta(days=draw(st.integers(0, 1)))).isoformat()}"
    return f"{day.year:04d}/.."


@st.composite
def chronologies(draw: st.DrawFn, max_events: int = 8) -> dict[str, Any]:
    """A valid chronology as a TOML-ready dict: unique ids, free-text actors, declared sources."""
    event_ids = draw(st.lists(ids, min_size=1, max_size=max_events, unique=True))
    source_ids = draw(st.lists(ids, max_size=3, unique=True))
    events = []
    for ident in event_ids:
        title = draw(rich_texts)
        event: dict[str, Any] = {
            "id": ident,
            "date": draw(edtf()),
            "kind": draw(kinds),
            "title": title if title.strip() else "t",
        }
        for key in ("place", "summary", "note"):
            if draw(st.booleans()):
                event[key] = draw(rich_texts)
        for key, pool in (("actors", rich_texts), ("tags", texts)):
            if draw(st.booleans()):
                event[key] = draw(st.lists(pool.filter(bool), max_size=3))
        if source_ids and draw(st.booleans()):
            event["sources"] = draw(st.lists(st.sampled_from(source_ids), max_size=2, unique=True))
        if draw(st.booleans()):
            event["related"] = draw(st.lists(st.sampled_from(event_ids), max_size=2, unique=True))
        if draw(st.booleans()):
            event["extra"] = draw(
                st.dictionaries(ids, st.one_of(texts, st.integers(-(2**60), 2**60), st.booleans()), max_size=3)
            )
        events.append(event)
    document: dict[str, Any] = {"event": events}
    if source_ids:
        document["source"] = [{"id": s, "title": draw(rich_texts.filter(str.strip))} for s in source_ids]
    return document


def toml(document: dict[str, Any]) -> str:
    """TOML text of a chronology dict (C1 and bidi characters escaped, as chrono writes them)."""
    return json_safe(tomli_w.dumps(document))


@st.composite
def broken_files(draw: st.DrawFn) -> bytes:
    """Bytes that are probably not a valid chronology: damaged valid ones, and worse."""
    text = toml(draw(chronologies()))
    kind = draw(st.sampled_from(["truncate", "bytes", "type", "duplicate", "huge", "deep", "actors", "random"]))
    if kind == "truncate":
        return text.encode()[: draw(st.integers(0, len(text.encode())))]
    if kind == "bytes":
        raw = bytearray(text.encode())
        for _ in range(draw(st.integers(1, 5))):
            raw.insert(draw(st.integers(0, len(raw))), draw(st.integers(0, 255)))
        return bytes(raw)
    if kind == "type":
        return text.replace('kind = "', "kind = 5 #", 1).replace("title = ", "title = [1, 2] #", 1).encode()
    if kind == "duplicate":
        return text.replace("[[event]]\n", '[[event]]\nid = "dup"\nid = "dup"\n', 1).encode()
    if kind == "huge":
        return (
            text + '\n[[event]]\nid = "huge"\ndate = 2001-01-01\nkind = "k"\ntitle = "' + "x" * 200_000 + '"\n'
        ).encode()
    if kind == "deep":
        depth = draw(st.integers(30, 3000))
        return (
            text
            + f'\n[[event]]\nid = "deep"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\nextra = {{ a = {"[" * depth}{"]" * depth} }}\n'
        ).encode()
    if kind == "actors":
        names = ", ".join(f'"actor {i}"' for i in range(3000))
        return (
            text + f'\n[[event]]\nid = "crowd"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\nactors = [{names}]\n'
        ).encode()
    return draw(st.binary(max_size=400))


def list_args() -> st.SearchStrategy[list[str]]:
    """Command lines for 'chrono list' (and the filters of other commands)."""
    date_args = st.one_of(st.sampled_from(["2000", "2001-08", "2001-08-04", "July 2000", "today", "3 years ago", "last year",
                                          "Juche 90", "20O0", "2001-13", "01/10/2019", "May 16", "", "..", "9999-12-31"]), texts)  # fmt: skip
    option = st.one_of(
        st.tuples(st.sampled_from(["--from", "--to", "--on"]), date_args),
        st.tuples(st.just("--kind"), st.one_of(kinds, texts)),
        st.tuples(st.just("--actor"), texts),
        st.tuples(st.just("--tag"), texts),
        st.tuples(st.just("--place"), texts),
        st.tuples(st.just("--grep"), st.one_of(texts, st.sampled_from(["(", "[", "*", "a{2,}", "(?i)x"]))),
        st.tuples(st.just("--sort"), st.sampled_from(["date", "title", "kind", "id", "nope"])),
        st.tuples(st.just("--limit"), st.sampled_from(["0", "1", "5", "-1", "x"])),
        st.tuples(st.just("--match"), st.sampled_from(["overlap", "within", "start"])),
        st.tuples(st.just("--extra"), st.one_of(texts, st.sampled_from(["a=b", "k=", "=v", "x=1"]))),
        st.tuples(st.just("--format"), st.sampled_from(["tsv", "csv", "json", "jsonl", "ids", "table"])),
        st.tuples(
            st.just("--fields"), st.sampled_from(["id,title", "date,summary,actors,extra", "id,extra.a", "nope"])
        ),
    )
    return st.lists(option, max_size=5).map(lambda pairs: [part for pair in pairs for part in pair])

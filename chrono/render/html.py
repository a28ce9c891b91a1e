"""One self-contained HTML page: a vertical timeline by year, readable on a phone, printable.

No network assets (inline CSS, no scripts, no fonts), and a Content-Security-Policy that forbids
scripts outright, so even a title such as ``<script>alert(1)</script>`` — which is escaped like
all text — could not run.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from chrono.dates.days import year_of, year_text
from chrono.dates.display import bc_year
from chrono.dates.edtf import DateSpan
from chrono.escape import visible, web_url
from chrono.model import Chronology, Event
from chrono.render.datetext import Part, span_parts, words
from chrono.render.palette import KIND_COLOURS, kind_style

if TYPE_CHECKING:
    from chrono.render.views import ExportAnswer, Look

CSS = """
:root { --ink: #1d232a; --muted: #5b6570; --rule: #d5dbe1; --paper: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); background: var(--paper); }
header, main, footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
header h1 { font-size: 1.6rem; margin: 1.5rem 0 0.25rem; }
header p, footer { color: var(--muted); font-size: 0.9rem; }
section.year { position: relative; padding-left: 1.5rem; border-left: 3px solid var(--rule); }
section.year h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem -2.05rem; padding-left: 0.4rem;
                  background: var(--paper); display: inline-block; }
ol.events { list-style: none; margin: 0; padding: 0; }
li.event { position: relative; margin: 0 0 1rem; padding: 0.5rem 0.75rem; border: 1px solid var(--rule);
           border-radius: 6px; break-inside: avoid; }
li.event::before { content: ""; position: absolute; left: -2.05rem; top: 0.9rem; width: 0.8rem; height: 0.8rem;
                   border-radius: 50%; background: var(--kind, #888); border: 2px solid var(--paper); }
.when { font-weight: 600; font-variant-numeric: tabular-nums; }
.kind { display: inline-block; margin-left: 0.5rem; padding: 0 0.45rem; border-radius: 1rem; font-size: 0.8rem;
        color: #fff; background: var(--kind, #888); }
h3 { font-size: 1.05rem; margin: 0.2rem 0; overflow-wrap: anywhere; }
.place, .actors, .note, .sources, .related { color: var(--muted); font-size: 0.9rem; margin: 0.2rem 0; }
.summary { margin: 0.3rem 0; }
.sources { padding-left: 1.1rem; }
a { color: #1457a8; overflow-wrap: anywhere; }
@media print {
  body { font-size: 11pt; }
  li.event { border-color: #999; }
  a { color: inherit; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 0.8em; }
}
"""

_CSS_COLOURS = {
    "cyan": "#0e7c86", "magenta": "#a23b8f", "green": "#2e7d32", "yellow": "#9a7400", "blue": "#1f5fbf",
    "red": "#c62828", "bright_cyan": "#00838f", "bright_magenta": "#8e24aa", "bright_green": "#558b2f",
    "bright_blue": "#3949ab",
}  # fmt: skip
assert set(_CSS_COLOURS) == set(KIND_COLOURS)


def _text(value: str) -> str:
    return html.escape(visible(value), quote=True)


def _href(url: str) -> str | None:
    """Only web links become links, percent-encoded; anything else (``javascript:``, say) stays text."""
    safe = web_url(url)
    return html.escape(safe, quote=True) if safe is not None else None


def page(events: Iterable[Event], chronology: Chronology, title: str = "Chronology") -> Iterator[str]:
    """The page, in pieces."""
    chosen = list(events)
    span = f"{words(chosen[0].when.start)} – {words(chosen[-1].when.start)}" if chosen else "no events"
    on_page = {event.id: event for event in chosen}
    yield (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{_text(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{_text(title)}</h1><p>{len(chosen)} events · {_text(span)}</p></header>\n<main>\n"
    )
    year = None
    for event in chosen:
        if year_of(event.when.start.lower) != year:
            if year is not None:
                yield "</ol></section>\n"
            year = year_of(event.when.start.lower)
            anchor = f"y{year_text(year)}"  # also a valid event id: the event's anchor wins, ids stay unique
            named = "" if anchor in on_page else f' id="{anchor}"'
            yield f'<section class="year"{named}><h2>{bc_year(year)}</h2><ol class="events">\n'
        yield _event(event, chronology, on_page)
    if year is not None:
        yield "</ol></section>\n"
    yield "</main>\n<footer><p>Made with chrono.</p></footer>\n</body>\n</html>\n"


def _time(part: Part) -> str:
    """A date in words, inside ``<time>`` when HTML can say what is known of it."""
    text = _text(part.text)
    return f'<time datetime="{part.datetime}">{text}</time>' if part.datetime else text


def when(span: DateSpan) -> str:
    """The date of an event: words for people, ``<time datetime>`` at the precision known for
    machines (a span's two ends each in its own ``<time>``), and the EDTF as written."""
    first, joint, last = span_parts(span)
    shown = _time(first) + ("" if last is None else _text(joint) + _time(last))
    return f'<span class="when" data-edtf="{_text(span.edtf)}">{shown}</span>'


def _related(event: Event, on_page: dict[str, Event]) -> str:
    """The related events: links to their entries on the page; an id left out of the export
    stays text, since there is nothing on the page to link to."""
    items = [
        f'<a href="#{ref}">{_text(on_page[ref].title)}</a>' if ref in on_page else _text(ref) for ref in event.related
    ]
    return f'<p class="related">Related: {", ".join(items)}</p>'


def _event(event: Event, chronology: Chronology, on_page: dict[str, Event]) -> str:
    colour = _CSS_COLOURS[kind_style(event.kind)]
    parts = [
        f'<li class="event" id="{event.id}" style="--kind: {colour}">',
        when(event.when),
        f'<span class="kind">{_text(event.kind)}</span>',
        f"<h3>{_text(event.title)}</h3>",
    ]
    if event.place:
        parts.append(f'<p class="place">{_text(event.place)}</p>')
    actors = chronology.actor_names(event)
    if actors:
        parts.append(f'<p class="actors">{_text(", ".join(actors))}</p>')
    if event.summary:
        parts.append(f'<p class="summary">{_text(event.summary)}</p>')
    if event.note:
        parts.append(f'<p class="note">Note: {_text(event.note)}</p>')
    if event.related:
        parts.append(_related(event, on_page))
    sources = [chronology.sources[ref] for ref in event.sources if ref in chronology.sources]
    if sources:
        items = []
        for source in sources:
            label = _text(source.title) + (f", {_text(source.publisher)}" if source.publisher else "")
            href = _href(source.url) if source.url else None
            items.append(f'<li><a href="{href}" rel="noreferrer">{label}</a></li>' if href else f"<li>{label}</li>")
        parts.append(f'<ul class="sources">{"".join(items)}</ul>')
    parts.append("</li>\n")
    return "".join(parts)


def export_html(answer: ExportAnswer, look: Look) -> Iterator[str]:
    """``export --format html``."""
    return page(answer.events, answer.chronology, answer.document_title)

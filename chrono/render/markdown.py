"""A Markdown chronology grouped by year, dates at their own precision, sources as footnotes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from chrono.dates.days import year_of
from chrono.dates.display import bc_year
from chrono.escape import visible, web_url
from chrono.model import Chronology, Event

if TYPE_CHECKING:
    from chrono.render.views import ExportAnswer, Look

_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Text that Markdown shows as written: punctuation escaped, HTML impossible, one line."""
    return _SPECIAL_RE.sub(r"\\\1", visible(text)).replace("&", "&amp;").replace("\n", " ")


def lines(events: Iterable[Event], chronology: Chronology, title: str = "Chronology") -> Iterator[str]:
    """The document, line by line (each ends in a newline)."""
    yield f"# {escape(title)}\n"
    cited: dict[str, None] = {}
    year = None
    for event in events:
        if year_of(event.when.start.lower) != year:
            year = year_of(event.when.start.lower)
            yield f"\n## {bc_year(year) if year < 1 else f'{year:04d}'}\n\n"
        yield _entry(event, chronology, cited)
    if cited:
        yield "\n"
        for ref in cited:
            source = chronology.sources.get(ref)
            if source is None:
                continue
            parts = [escape(source.title)]
            if source.publisher:
                parts.append(escape(source.publisher))
            if source.date:
                parts.append(source.date.edtf)
            text = ", ".join(parts)
            url = web_url(source.url) if source.url else None
            if url is not None:  # percent-encoded: it cannot close the <...> or break the line
                text += f". <{url}>"
            yield f"[^{ref}]: {text}\n"


def _entry(event: Event, chronology: Chronology, cited: dict[str, None]) -> str:
    notes = "".join(f"[^{ref}]" for ref in event.sources if ref in chronology.sources)
    cited.update(dict.fromkeys(ref for ref in event.sources if ref in chronology.sources))
    head = f"- **{event.when.shown}** · *{event.kind}* · {escape(event.title)}"
    if event.place:
        head += f" — {escape(event.place)}"
    body = head + notes + "\n"
    actors = chronology.actor_names(event)
    if actors:
        body += f"  Actors: {escape(', '.join(actors))}.\n"
    if event.summary:
        body += f"  {escape(event.summary)}\n"
    if event.note:
        body += f"  *Note:* {escape(event.note)}\n"
    return body


def export_markdown(answer: ExportAnswer, look: Look) -> Iterator[str]:
    """``export --format markdown``."""
    return lines(answer.events, answer.chronology, answer.document_title)

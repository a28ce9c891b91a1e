"""The bundled chronology says only what its cited sources say: every publication a note or a
summary names is cited by that event, and source titles are titles, not annotations."""

from __future__ import annotations

import re

import pytest

from chrono.loading.dataset import load
from chrono.model import Chronology, Event
from tests.conftest import REPO

# Publications the bundled notes name, each with the words a citing source's title or publisher
# must contain. Extend it when a note names a new publication.
PUBLICATIONS = {
    "Jamestown": "Jamestown",
    "Dong-A Ilbo": "Dong-A Ilbo",
    "TASS": "TASS",
    "Wikipedia": "Wikipedia",
    "Al Mayadeen": "Al Mayadeen",
    "Interfax": "Interfax",
    "KCNA": "KCNA",
    "People's Daily": "People's Daily",
    "People's Korea": "People's Korea",
    "VOA Persian": "VOA Persian",
    "Xinhua": "Xinhua",
    "Reuters": "Reuters",
    "Chicago Tribune": "Chicago Tribune",
    "StrategyPage": "StrategyPage",
    "Gibler": "Gibler",
    "Los Angeles Times": "Los Angeles Times",
    "NBC News": "NBC News",
    "UNN": "UNN",
    "Korea Times": "Korea Times",
    "Railway Gazette": "Railway Gazette",
    "press release": "Consulate General of the DPRK",
    "UN Treaty Series": "UN Treaty Series",
}


def _chronology() -> Chronology:
    return load([str(REPO / "data" / "dprk-russia.toml")])


def _cited_text(chronology: Chronology, event: Event) -> str:
    parts = []
    for ref in event.sources:
        source = chronology.sources[ref]
        parts.extend([source.title, source.publisher or ""])
    return " ".join(parts)


def test_every_publication_a_note_names_is_cited() -> None:
    chronology = _chronology()
    missing = []
    for event in chronology.events:
        said = " ".join(text for text in (event.note, event.summary) if text)
        cited = _cited_text(chronology, event)
        for name, mark in PUBLICATIONS.items():
            if re.search(rf"\b{re.escape(name)}\b", said) and mark not in cited:
                missing.append(f"{event.id}: names {name!r} but cites no source of it")
    assert missing == []


def test_the_table_knows_every_publication_that_is_cited() -> None:
    """The check above is only as good as its list: a note naming a publication this list does
    not know would pass unchecked, so every publisher of the bundle must be known or generic."""
    chronology = _chronology()
    for event in chronology.events:
        said = " ".join(text for text in (event.note, event.summary) if text)
        for match in re.finditer(r"\(([A-Z][\w'.-]+(?: [A-Z][\w'.-]+)*)\)", said):
            name = match.group(1)
            assert any(known in name for known in PUBLICATIONS), f"{event.id}: unknown publication {name!r}"


@pytest.mark.parametrize("field", ["title"])
def test_source_titles_are_titles_not_annotations(field: str) -> None:
    for source in _chronology().sources.values():
        title = getattr(source, field)
        assert title[0].isupper(), f"{source.id}: {title!r} reads as an annotation"
        assert len(title.split()) >= 2, f"{source.id}: {title!r} is too short to be a title"


def test_where_sources_disagree_the_date_is_uncertain() -> None:
    """The file's own rule: where the facts table says sources conflict on a date (or give a
    range), the event of that date carries a '?'."""
    facts = REPO.parent / "shared" / "reference" / "dprk_russia_facts.tsv"
    if not facts.exists():
        pytest.skip(f"{facts} is absent")
    rows = [line.split("\t") for line in facts.read_text(encoding="utf-8").splitlines()[1:]]
    disputed = {row[0] for row in rows if row[7] != "low" and re.search(r"conflict|a range", row[8])}
    assert len(disputed) >= 5  # 1948, 2002, 2023, 2024 (treaty), 2024 (decree)
    events = _chronology().events
    for day in sorted(disputed):
        matching = [event for event in events if event.when.edtf.startswith(day)]
        assert matching, f"no event starts on {day}"
        assert any("?" in event.when.edtf for event in matching), (day, [e.when.edtf for e in matching])


def test_the_list_of_contents_belongs_to_the_moscow_declaration() -> None:
    events = {event.id: event for event in _chronology().events}
    assert "Korean nation itself" in (events["moscow-declaration"].summary or "")
    assert "reunification" not in (events["joint-declaration-2000"].summary or "")

"""The HTML export read back as a browser reads it: each ``<time datetime>`` a valid HTML date,
month or year string at exactly the event's precision, dates in words, related events linked."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from chrono.dates.days import iso
from chrono.dates.edtf import Precision, parse_span
from tests.conftest import FIXTURES, Invoke

EXAMPLE = str(Path(__file__).resolve().parents[2] / "docs" / "examples" / "my-chronology.toml")
# HTML's valid year, month and date strings, by the precision they state.
FORMS = {Precision.YEAR: r"\d{4,}", Precision.MONTH: r"\d{4,}-\d\d", Precision.DAY: r"\d{4,}-\d\d-\d\d"}


class Page(HTMLParser):
    """Each event's date (its EDTF, its datetimes, its words), ids, and in-page links."""

    def __init__(self) -> None:
        super().__init__()
        self.dates: list[tuple[str, list[str], str]] = []
        self.ids: set[str] = set()
        self.repeated: list[str] = []
        self.links: dict[str, list[str]] = {}  # event id -> the fragments it links to
        self._event = ""
        self._in_when = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if attr.get("id"):
            if attr["id"] in self.ids:
                self.repeated.append(str(attr["id"]))
            self.ids.add(str(attr["id"]))
        if tag == "li" and attr.get("class") == "event":
            self._event = str(attr["id"])
        if tag == "span" and attr.get("class") == "when":
            self.dates.append((str(attr["data-edtf"]), [], ""))
            self._in_when = True
        if tag == "time" and self._in_when:
            self.dates[-1][1].append(str(attr["datetime"]))
        if tag == "a" and str(attr.get("href", "")).startswith("#"):
            self.links.setdefault(self._event, []).append(str(attr["href"])[1:])

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._in_when = False

    def handle_data(self, data: str) -> None:
        if self._in_when:
            edtf, times, text = self.dates[-1]
            self.dates[-1] = (edtf, times, text + data)


def _page(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def _export(invoke: Invoke, *args: str) -> str:
    result = invoke(["export", "--format", "html", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _check_dates(page: Page) -> None:
    for edtf, times, _ in page.dates:
        span = parse_span(edtf)
        ends = [span.start] if span.end is None or span.single else [span.start, span.end]
        known = [date for date in ends if "X" not in date.text[:4]]  # HTML has no string for 201X
        assert len(times) == len(known), (edtf, times)
        for date, value in zip(known, times, strict=True):
            assert re.fullmatch(FORMS[date.precision], value), (edtf, value)  # no more, no less
            assert iso(date.lower).startswith(value), (edtf, value)


@pytest.mark.parametrize("data", ["dprk-russia", str(FIXTURES / "sample.toml"), EXAMPLE])
def test_datetimes_state_exactly_the_precision_known(invoke: Invoke, data: str) -> None:
    page = _page(_export(invoke, "--data", data))
    assert page.dates
    _check_dates(page)


def test_dates_are_words_in_the_pages_language(invoke: Invoke) -> None:
    page = _page(_export(invoke))
    words = {edtf: text for edtf, _, text in page.dates}
    assert words["1984/1984-07-01"] == "1984 – 1 July 1984"  # was datetime 1984-01-01 and raw EDTF
    assert words["1973-04"] == "April 1973"
    assert words["1948-10-12?"] == "12 October 1948?"
    assert words["2019-04-24/2019-04-26"] == "24–26 April 2019"
    assert not any("/" in text or re.search(r"\d{4}-\d\d", text) for text in words.values())
    sample = {edtf: text for edtf, _, text in _page(_export(invoke, "--data", str(FIXTURES / "sample.toml"))).dates}
    assert sample["201X~"] == "c. the 2010s" and sample["2024-12/.."] == "December 2024 – ongoing"
    assert 'lang="en"' in _export(invoke, "--limit", "1")


def test_related_events_link_to_their_entries(invoke: Invoke) -> None:
    whole = _page(_export(invoke, "--data", EXAMPLE))
    assert whole.links == {"river-treaty": ["first-talks", "second-talks"]}
    assert all(target in whole.ids for targets in whole.links.values() for target in targets)
    bundled = _page(_export(invoke))
    assert bundled.links and all(t in bundled.ids for targets in bundled.links.values() for t in targets)
    # An event left out of the export is named, not linked to nothing.
    text = _export(invoke, "--data", EXAMPLE, "--from", "2024")
    assert _page(text).links == {} and "Related: first-talks, second-talks" in text


def test_every_anchor_is_unique_even_for_an_event_named_like_a_year(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "years.toml"
    data.write_text(
        '[[event]]\nid = "y2001"\ndate = 2001-05-01\nkind = "k"\ntitle = "Named like a year"\n'
        '[[event]]\nid = "later"\ndate = 2002-01-01\nkind = "k"\ntitle = "L"\nrelated = ["y2001"]\n',
        encoding="utf-8",
    )
    page = _page(_export(invoke, "--data", str(data)))
    assert page.repeated == [] and {"y2001", "later", "y2002"} <= page.ids
    assert page.links == {"later": ["y2001"]}
    assert not _page(_export(invoke)).repeated


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed (Debian package 'chromium')")
def test_a_browser_reads_the_same_dates_and_links(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    assert invoke(["export", "--format", "html", "--data", EXAMPLE, "-o", str(target)]).exit_code == 0
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    dom = subprocess.run(
        ["chromium", *flags, "--dump-dom", target.as_uri()], capture_output=True, text=True, timeout=120, check=False
    ).stdout
    page = _page(dom)
    assert [(edtf, times) for edtf, times, _ in page.dates] == [
        ("2023-03-14", ["2023-03-14"]),
        ("2023-06", ["2023-06"]),
        ("2024-02-01/2024-02-02", ["2024-02-01", "2024-02-02"]),
    ]
    assert page.links == {"river-treaty": ["first-talks", "second-talks"]}
    _check_dates(page)

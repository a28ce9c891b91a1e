"""The documentation's links lead somewhere, and both indexes lead to every page.

- Every relative Markdown link (``[text](path)``, ``![alt](path)``, ``[text]: path``) in README.md,
  CONTRIBUTING.md, SECURITY.md and the pages under docs/ names a file or directory that exists,
  relative to the page. Links inside code (fences and backticks) are not links and are skipped;
  ``#anchor`` parts are ignored; ``http:``, ``https:`` and ``mailto:`` links are not checked.
- README.md and docs/README.md (the index) link to every page under docs/, to SECURITY.md and to
  CONTRIBUTING.md, so no page can be reached only by knowing its name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import docexamples

REPO = docexamples.REPO
INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$")
CODE_SPAN = re.compile(r"(`+).*?\1")
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, https:, mailto:, ...


def link_targets(text: str) -> list[tuple[int, str]]:
    """(line number, target) of every link of a Markdown text outside code."""
    found: list[tuple[int, str]] = []
    fenced = False
    for number, line in enumerate(text.split("\n"), start=1):
        if docexamples.FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        prose = CODE_SPAN.sub("", line)
        found.extend((number, m[1]) for m in INLINE.finditer(prose))
        if reference := REFERENCE.match(prose):
            found.append((number, reference[1]))
    return found


def relative_links(page: Path) -> list[tuple[int, str, Path]]:
    """(line, target as written, resolved path) of every relative link of PAGE."""
    links = []
    for number, target in link_targets(page.read_text(encoding="utf-8")):
        path = target.split("#", 1)[0]
        if not path or EXTERNAL.match(path):
            continue
        links.append((number, target, (page.parent / path).resolve()))
    return links


PAGES = docexamples.pages()


def test_the_link_finder_sees_links_and_skips_code() -> None:
    text = "\n".join(
        [
            "See [the format](docs/format.md#dates) and ![a picture](docs/images/list.svg).",
            "`[not a link](nowhere.md)` and [the web](https://example.org/x.md)",
            "```sh",
            "[inside a fence](missing.md)",
            "```",
            "[ref]: CONTRIBUTING.md",
        ]
    )
    assert link_targets(text) == [
        (1, "docs/format.md#dates"),
        (1, "docs/images/list.svg"),
        (2, "https://example.org/x.md"),
        (6, "CONTRIBUTING.md"),
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_relative_link_points_to_a_file_that_exists(page: Path) -> None:
    broken = [
        f"{page.relative_to(REPO)}:{n}: {target}" for n, target, path in relative_links(page) if not path.exists()
    ]
    assert not broken, "links to missing files:\n" + "\n".join(broken)


@pytest.mark.parametrize("index", ["README.md", "docs/README.md"])
def test_the_indexes_link_to_every_page(index: str) -> None:
    page = REPO / index
    linked = {path for _, _, path in relative_links(page)}
    wanted = [REPO / "SECURITY.md", REPO / "CONTRIBUTING.md"]
    wanted += [p for p in sorted((REPO / "docs").glob("*.md")) if p.name != "README.md"]
    missing = [p.relative_to(REPO).as_posix() for p in wanted if p.resolve() not in linked]
    assert not missing, f"{index} does not link to: {', '.join(missing)}"

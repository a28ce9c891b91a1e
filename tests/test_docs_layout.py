"""CONTRIBUTING.md's layout is a newcomer's map: every file and folder it names must exist."""

from __future__ import annotations

import re

from tests import docexamples

CONTRIBUTING = docexamples.REPO / "CONTRIBUTING.md"


def _named_paths() -> list[str]:
    """Each path the layout block names: a top-level entry, or a file or folder under the last
    folder named at the left edge (``  cache/`` under ``chrono/``)."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    block = text.split("## Layout\n\n```\n", 1)[1].split("```", 1)[0]
    paths: list[str] = []
    parent = ""
    for line in block.splitlines():
        match = re.match(r"^( *)(\S+)", line)
        if match is None or len(match[1]) > 2:
            continue
        name = match[2]
        if match[1] == "":
            parent = name if name.endswith("/") else ""
            paths.append(name)
        else:
            paths.append(parent + name)
    return paths


def test_every_path_of_the_layout_exists() -> None:
    """The layout once named chrono/dates.py and chrono/cache.py after they became packages."""
    paths = _named_paths()
    assert len(paths) > 10
    missing = [path for path in paths if not (docexamples.REPO / path).exists()]
    assert missing == []

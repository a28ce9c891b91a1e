"""The README's three steps tell one story: the event step 2 adds is the one step 3 lists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests import docexamples
from tests.conftest import Invoke

README = docexamples.REPO / "README.md"
EXAMPLE = docexamples.REPO / "docs" / "examples" / "my-chronology.toml"


def _add_command() -> list[str]:
    """The arguments of the README's ``chrono add`` example (its continuation lines joined)."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^chrono add (.*?[^\\])$", text, re.MULTILINE | re.DOTALL)
    assert match is not None, "the README has no chrono add example"
    return shlex.split(match[1].replace("\\\n", " "))


def _listed_ids() -> list[str]:
    """The ids step 3's ``chrono list --data docs/examples/my-chronology.toml`` prints."""
    examples = docexamples.parse(README.read_text(encoding="utf-8"), README)
    listed = [e for e in examples if e.command.startswith("chrono list --data docs/examples/my-chronology.toml")]
    assert listed, "the README no longer lists the example chronology"
    return [line.split("\t")[1] for e in listed for line in e.expected.splitlines()]


def test_the_added_event_is_the_listed_one(invoke: Invoke, tmp_path: Path) -> None:
    """Run step 2's add on the example without that event: the id it prints is step 3's."""
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index('[[event]]\nid = "river-treaty"')
    end = text.index("[[", start + 2)
    river = tmp_path / "river.toml"
    river.write_text(text[:start] + text[end:], encoding="utf-8")
    args = _add_command()
    args[args.index("--data") + 1] = str(river)
    result = invoke(["add", *args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() in _listed_ids()

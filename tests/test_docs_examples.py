"""The documentation's examples print exactly what they show (see tests/docexamples.py)."""

from __future__ import annotations

import dataclasses
import itertools
import shlex
import shutil
from pathlib import Path

import pytest

from tests import docexamples


def _collect() -> tuple[list[docexamples.Example], list[str]]:
    """The examples of every page, and the pages whose console blocks cannot be read."""
    examples: list[docexamples.Example] = []
    problems: list[str] = []
    for page in docexamples.pages():
        try:
            examples.extend(docexamples.parse(page.read_text(encoding="utf-8"), page))
        except ValueError as exc:
            problems.append(str(exc))
    return examples, problems


EXAMPLES, PROBLEMS = _collect()
# Commands that depend on today must pass --today: the tests pin CHRONO_TODAY to a day no page
# would be written on (after every date of the examples, so `check` finds nothing in the future), so an example that forgot --today prints something else and fails.
PINNED_TODAY = "2099-12-31"
MINIMUM = 25


@pytest.fixture(scope="module")
def environ(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A reader's environment: an empty configuration directory, a cache of its own."""
    config = tmp_path_factory.mktemp("docs-config")
    cache = tmp_path_factory.mktemp("docs-cache")
    return docexamples.environment(config, cache, {"CHRONO_TODAY": PINNED_TODAY})


def _missing_tool(command: str) -> str | None:
    """A program the example pipes into that this machine lacks (jq is not everywhere)."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    tokens = list(lexer)
    for before, tool in itertools.pairwise(tokens):
        if before == "|" and shutil.which(tool) is None:
            return tool
    return None


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.where for e in EXAMPLES])
def test_example_prints_what_the_page_shows(example: docexamples.Example, environ: dict[str, str]) -> None:
    tool = _missing_tool(example.command)
    if tool is not None:
        pytest.skip(f"{example.where} pipes into {tool}, which is not installed")
    report = docexamples.mismatch(example, docexamples.run(example, environ))
    assert report is None, f"{example.where}: the page does not show what the command prints:\n{report}"


def test_every_console_block_can_be_read() -> None:
    assert not PROBLEMS


def test_there_are_enough_executed_examples() -> None:
    assert len(EXAMPLES) >= MINIMUM, f"only {len(EXAMPLES)} executed examples in README.md and docs/"
    pages = {e.path.name for e in EXAMPLES}
    assert {"README.md", "commands.md", "format.md", "output-contract.md"} <= pages


def test_an_edited_output_is_reported(environ: dict[str, str]) -> None:
    """The comparison is the test: change one character of a shown output and it fails."""
    example = next(e for e in EXAMPLES if e.command == "chrono between 2000-07-19 2001-08-04")
    assert docexamples.mismatch(example, docexamples.run(example, environ)) is None
    edited = dataclasses.replace(example, expected=example.expected.replace("16 days", "17 days"))
    report = docexamples.mismatch(edited, docexamples.run(edited, environ))
    assert report is not None
    assert "-1 year, 17 days (381 days)" in report and "+1 year, 16 days (381 days)" in report


def test_an_edited_page_is_reported(environ: dict[str, str], tmp_path: Path) -> None:
    """The same through the parser: a copy of a real page with one output line changed."""
    page = docexamples.REPO / "docs" / "format.md"
    text = page.read_text(encoding="utf-8")
    shown = "2022-08-04\t21\tmoscow-visit-2001\t"
    assert shown in text
    copy = tmp_path / "format.md"
    # Only the first example showing that line is edited (the page shows it for two spellings).
    copy.write_text(text.replace(shown, "2022-08-04\t20\tmoscow-visit-2001\t", 1), encoding="utf-8")
    results = {
        e.command: docexamples.mismatch(e, docexamples.run(e, environ))
        for e in docexamples.parse(copy.read_text(encoding="utf-8"), copy)
    }
    edited = next(e.command for e in docexamples.parse(text, page) if shown in e.expected)
    assert results.pop(edited) is not None
    assert all(report is None for report in results.values())


def test_parser_reads_blocks_commands_and_continuations() -> None:
    text = "\n".join(
        [
            "Text.",
            "```console",
            "$ chrono between 2000-07-19 \\",
            "    2001-08-04",
            "1 year, 16 days (381 days)",
            "$ chrono list --on 2031 --format ids",
            "$ chrono datasets | cut -f1",
            "dprk-russia",
            "",
            "us-visits",
            "```",
            "```sh",
            "$ chrono edit moscow-declaration",
            "```",
            "- a list item:",
            "  ```console",
            "  $ chrono between 2002 2003",
            "  1 year (365 days)",
            "  ```",
            "",
        ]
    )
    examples = docexamples.parse(text, Path("page.md"))
    assert [(e.line, e.command, e.expected) for e in examples] == [
        (3, "chrono between 2000-07-19 \\\n    2001-08-04", "1 year, 16 days (381 days)\n"),
        (6, "chrono list --on 2031 --format ids", ""),
        (7, "chrono datasets | cut -f1", "dprk-russia\n\nus-visits\n"),
        (17, "chrono between 2002 2003", "1 year (365 days)\n"),
    ]


def test_parser_refuses_output_without_a_command() -> None:
    with pytest.raises(ValueError, match=r"page\.md:2"):
        docexamples.parse("```console\n1 year\n```\n", Path("page.md"))


def test_only_console_blocks_show_output() -> None:
    """An example that is not executed (```sh) shows no output, so it cannot be wrong."""
    for page in docexamples.pages():
        assert not _shown_outside_console(page)


def test_output_outside_console_is_found(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```sh\n$ chrono edit x\n$ chrono a \\\n  --b\n```\n", encoding="utf-8")
    assert _shown_outside_console(page) == []
    page.write_text("```\n$ chrono between 2002 2003\n1 year (365 days)\n```\n", encoding="utf-8")
    assert _shown_outside_console(page) == ["page.md:3: '1 year (365 days)'"]


def _shown_outside_console(page: Path) -> list[str]:
    """Lines of output in blocks other than console: a block that writes ``$ COMMAND`` prompts
    must hold nothing but commands (and their continuation lines)."""
    found = []
    for where, block in _other_blocks(page):
        if not any(line.startswith("$ ") for line in block):
            continue
        previous = ""
        for offset, line in enumerate(block):
            if line and not line.startswith("$ ") and not previous.endswith("\\"):
                found.append(f"{page.name}:{where + offset}: {line!r}")
            previous = line
    return found


def _other_blocks(page: Path) -> list[tuple[int, list[str]]]:
    """The fenced blocks of a page that are not console blocks: (first line number, lines)."""
    blocks: list[tuple[int, list[str]]] = []
    info: str | None = None
    for number, line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1):
        fence = docexamples.FENCE.match(line)
        if fence is not None:
            if info is None:
                info = fence["info"].strip()
                if info.split()[:1] != ["console"]:
                    blocks.append((number + 1, []))
            else:
                info = None
        elif info is not None and info.split()[:1] != ["console"]:
            blocks[-1][1].append(line.strip())
    return blocks

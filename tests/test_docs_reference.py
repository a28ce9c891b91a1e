"""The command reference cannot drift from ``--help``.

- Every subcommand has a heading containing ``chrono NAME`` somewhere in docs/.
- Every long option its ``--help`` prints (subcommands of groups included) is written as
  `` `--option` `` (or `` `--option VALUE` ``, `` `--option=...` ``) inside a section under such a
  heading, in any page: a section runs from its heading to the next heading of the same or a
  higher level, so ``## chrono list: --match and --extra`` in another page counts for ``list``.
- The help of every command has one or two examples under ``Examples:``, and each is written,
  word for word, as a command in one of those sections (a ``$`` line or a line of a ``sh`` block):
  the docs and the help say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from chrono.cli.main import COMMANDS, cli
from tests import docexamples

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
GLOBAL = "global option"  # a heading such as "## chrono (global options)"


@dataclass(frozen=True)
class Section:
    """A heading of a page and the text under it, down to the next heading at its level or above."""

    path: Path
    title: str
    text: str


def sections(paths: list[Path]) -> list[Section]:
    """Every section of the given pages (headings inside code fences do not count)."""
    found: list[Section] = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").split("\n")
        headings: list[tuple[int, int, str]] = []  # (line index, level, title)
        fenced = False
        for index, line in enumerate(lines):
            if docexamples.FENCE.match(line):
                fenced = not fenced
            elif not fenced and (match := HEADING.match(line)):
                headings.append((index, len(match[1]), match[2]))
        for n, (index, level, title) in enumerate(headings):
            end = next((i for i, lv, _ in headings[n + 1 :] if lv <= level), len(lines))
            found.append(Section(path, title, "\n".join(lines[index + 1 : end])))
    return found


def doc_pages() -> list[Path]:
    """The pages where commands are documented: README.md and every page under docs/."""
    return [p for p in docexamples.pages() if p.name == "README.md" and p.parent == docexamples.REPO] + sorted(
        (docexamples.REPO / "docs").rglob("*.md")
    )


def about(name: str, all_sections: list[Section]) -> list[Section]:
    """The sections whose heading names ``chrono NAME`` (the global options for an empty name)."""
    if not name:
        return [s for s in all_sections if GLOBAL in s.title.lower()]
    pattern = re.compile(rf"\bchrono {re.escape(name)}(?![\w-])")
    return [s for s in all_sections if pattern.search(s.title)]


def long_options(command: click.Command, ctx: click.Context, subcommands: bool = True) -> Iterator[str]:
    """The long options ``--help`` shows for COMMAND and, for a group, for its subcommands."""
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            yield from (opt for opt in (*param.opts, *param.secondary_opts) if opt.startswith("--"))
    if subcommands and isinstance(command, click.Group):
        for sub in command.list_commands(ctx):
            subcommand = command.get_command(ctx, sub)
            if subcommand is not None and not subcommand.hidden:
                yield from long_options(subcommand, click.Context(subcommand, parent=ctx, info_name=sub))


def undocumented(command: click.Command, name: str, all_sections: list[Section]) -> list[str]:
    """COMMAND's long options that no section about ``chrono NAME`` writes as `` `--option` ``."""
    texts = [s.text + "\n" + s.title for s in about(name, all_sections)]
    missing = []
    # The root's options only: its subcommands are checked under their own names.
    ctx = click.Context(command, info_name=name or "chrono")
    for opt in dict.fromkeys(long_options(command, ctx, subcommands=bool(name))):
        written = re.compile(rf"`{re.escape(opt)}(?:[ =][^`\n]*)?`")
        if not any(written.search(text) for text in texts):
            missing.append(opt)
    return missing


def help_examples(command: click.Command) -> list[str]:
    """The commands listed under ``Examples:`` in COMMAND's help, without trailing comments."""
    lines = (command.help or "").split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() == "Examples:"]
    if not starts:
        return []
    indent = len(lines[starts[0]]) - len(lines[starts[0]].lstrip())
    examples: list[str] = []
    for line in lines[starts[0] + 1 :]:
        if not line.strip() or len(line) - len(line.lstrip()) <= indent:
            break
        if examples and examples[-1].endswith("\\"):
            examples[-1] += "\n" + line
        else:
            examples.append(line)
    return [_normal(example) for example in examples]


def _normal(command: str) -> str:
    """A command line with continuations joined, spaces collapsed, a trailing comment dropped."""
    joined = re.sub(r"\\\n\s*", " ", command.strip())
    return " ".join(re.sub(r"\s{2,}#.*$", "", joined).split())


def documented_commands(section: Section) -> set[str]:
    """The command lines written in a section: ``$`` lines of console blocks, lines of sh blocks."""
    found: set[str] = set()
    info: str | None = None
    pending = ""
    for line in section.text.split("\n"):
        fence = docexamples.FENCE.match(line)
        if fence is not None:
            info = fence["info"].strip() if info is None else None
            continue
        if info not in ("console", "sh"):
            continue
        text = line.strip()
        if info == "console":
            if not pending and not text.startswith("$ "):
                continue
            text = text[2:] if not pending else text
        pending += text + "\n"
        if not text.endswith("\\"):
            found.add(_normal(pending))
            pending = ""
    return found


ALL_SECTIONS = sections(doc_pages())


def _command(name: str) -> click.Command:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    return command


COMMANDS_PAGE = docexamples.REPO / "docs" / "commands.md"


def missing_from_reference(registered: list[str], page: Path = COMMANDS_PAGE) -> list[str]:
    """The registered commands without a section ``## chrono NAME`` in the command reference,
    which README.md promises lists every command (a section in another page does not count)."""
    found = sections([page])
    return [name for name in registered if not about(name, found)]


def test_every_registered_command_has_its_section_in_commands_md() -> None:
    ctx = click.Context(cli)
    assert missing_from_reference(cli.list_commands(ctx)) == []


def test_a_command_without_a_section_in_commands_md_is_caught(tmp_path: Path) -> None:
    page = tmp_path / "commands.md"
    page.write_text("# Commands\n\n## chrono list\n\nText.\n\n## chrono sql: see sql.md\n", encoding="utf-8")
    assert missing_from_reference(["list", "sql", "fmt"], page) == ["fmt"]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_of_help_is_documented(name: str) -> None:
    missing = undocumented(_command(name), name, ALL_SECTIONS)
    assert not missing, f"'chrono {name} --help' has {missing}, not written as `--option` under 'chrono {name}'"


def test_global_options_are_documented() -> None:
    assert not undocumented(cli, "", ALL_SECTIONS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_examples_are_the_docs_examples(name: str) -> None:
    examples = help_examples(_command(name))
    assert 1 <= len(examples) <= 2, f"'chrono {name} --help' should show one or two examples, not {examples}"
    written = set().union(*(documented_commands(s) for s in about(name, ALL_SECTIONS)))
    for example in examples:
        assert example in written, f"the example {example!r} of 'chrono {name} --help' is not in its docs"


def test_a_new_option_without_docs_is_caught() -> None:
    """The check itself: give 'list' an option no page mentions, and it is reported."""
    command = _command("list")
    extra = click.Option(["--frobnicate"], is_flag=True, help="Not documented anywhere.")
    grown = click.Command("list", params=[*command.params, extra], callback=command.callback)
    assert undocumented(command, "list", ALL_SECTIONS) == []
    assert undocumented(grown, "list", ALL_SECTIONS) == ["--frobnicate"]
    group = click.Group("import", commands={"csv": click.Command("csv", params=[extra])})
    assert undocumented(group, "import", ALL_SECTIONS) == ["--frobnicate"]


def test_sections_end_at_the_next_heading_of_their_level(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "## chrono list\n\n`--from D`\n\n### Detail\n\n`--to D`\n\n```sh\n## not a heading\n```\n"
        "## chrono show\n\n`--aliases`\n\n# Top\n\n## chrono list: --match and --extra\n\n- `--extra=KEY`\n",
        encoding="utf-8",
    )
    found = {s.title: s.text for s in sections([page])}
    assert "`--to D`" in found["chrono list"] and "`--aliases`" not in found["chrono list"]
    assert "## not a heading" in found["chrono list"]
    assert [s.title for s in about("list", sections([page]))] == ["chrono list", "chrono list: --match and --extra"]
    assert about("lis", sections([page])) == []


def test_help_examples_are_read_as_commands() -> None:
    command = click.Command(
        "add",
        help="Do it.\n\n\b\nExamples:\n  chrono add --a 1 \\\n      --b 2\n  chrono add --c   # a comment\n\nMore.",
    )
    assert help_examples(command) == ["chrono add --a 1 --b 2", "chrono add --c"]


def test_readme_is_short_and_starts_with_the_two_commands() -> None:
    text = (docexamples.REPO / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    headings = [s.title for s in sections([docexamples.REPO / "README.md"])]
    assert headings[:2] == ["chrono", "The two commands"]
    blocks = re.findall(r"^```(\w*)\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
    assert blocks[:2] == [
        ("sh", "pip install . && chrono list --from 2000\n"),
        ("sh", "pip install '.[test]' && python -m pytest\n"),
    ]

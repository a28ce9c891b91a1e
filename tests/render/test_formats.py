"""The format registry: each format declared once, and everything about ``--format`` derived from it."""

from __future__ import annotations

import click
import pytest

from chrono.cli.main import COMMANDS, cli
from chrono.render import formats
from tests import docexamples


def _format_option(name: str) -> click.Option | None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    return next((p for p in command.params if isinstance(p, click.Option) and "--format" in p.opts), None)


def test_each_format_is_declared_once_and_each_command_offers_it_once() -> None:
    names = [fmt.name for fmt in formats.FORMATS]
    assert len(names) == len(set(names))
    for fmt in formats.FORMATS:
        offered_by = [use.command for use in fmt.uses]
        assert len(offered_by) == len(set(offered_by)), fmt.name


@pytest.mark.parametrize("use", [u for fmt in formats.FORMATS for u in fmt.uses], ids=lambda u: u.renderer)
def test_every_renderer_named_in_the_registry_exists(use: formats.Use) -> None:
    assert use.command in COMMANDS
    assert callable(formats.renderer(use))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_format_option_is_the_registrys(name: str) -> None:
    """The choices, required-ness and help of every command's --format come from the registry,
    and a command has --format exactly when the registry gives it a format."""
    option = _format_option(name)
    if name not in formats.commands():
        assert option is None
        return
    assert option is not None
    assert tuple(getattr(option.type, "choices", ())) == formats.offered(name)
    assert option.required == (name not in formats.AUTO)
    assert option.help == formats.help_text(name)


@pytest.mark.parametrize("name", sorted(formats.AUTO))
def test_auto_means_a_format_the_command_offers(name: str) -> None:
    for isatty in (True, False):
        fmt, use = formats.choose(name, "auto", isatty)
        assert use.command == name and fmt.name in formats.offered(name)


def test_completion_offers_the_registrys_formats_with_their_help() -> None:
    option = _format_option("list")
    assert option is not None
    items = option.shell_complete(click.Context(cli), "j")
    assert [item.value for item in items] == ["json", "jsonl"]
    assert items[0].help == formats.by_name("json").help


def test_the_docs_table_of_formats_is_the_registrys() -> None:
    text = docexamples.FORMATS_PAGE.read_text(encoding="utf-8")
    assert docexamples.FORMATS_START in text
    assert text == docexamples.with_format_table(text), "run python scripts/update_doc_examples.py"


def test_the_registry_imports_no_renderer() -> None:
    """Declaring formats costs nothing at start-up: renderers are imported when chosen."""
    import subprocess
    import sys

    code = "import sys, chrono.render.formats; print(sorted(m for m in sys.modules if m.startswith('chrono.render.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['chrono.render.formats']"

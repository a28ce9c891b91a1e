"""``chrono config``: the effective settings and where each came from."""

from __future__ import annotations

import os

import click

from chrono.cli.env import Environment
from chrono.cli.options import data_option, output_options
from chrono.cli.output import write_paged
from chrono.escape import tsv


@click.command("config")
@data_option
@output_options(calendar=True)
@click.pass_obj
def command(env: Environment, data: tuple[str, ...], color: str, no_pager: bool, calendar: str) -> None:
    """Print the effective settings as KEY<TAB>VALUE<TAB>SOURCE lines.

    Settings come from command-line options, then environment variables, then the
    configuration file, then defaults; give an option here to see what it would change. An
    empty cache or pager means none. The file is $XDG_CONFIG_HOME/chrono/config.toml
    (default ~/.config/chrono/config.toml), for example:

    \b
      data = ["~/chronologies/", "dprk-russia"]
      format = "table"
      color = "auto"
      pager = "less -FRX"
      calendar = "juche"
      [alias]
      summits = "list --kind summit --from 2000"

    \b
    Examples:
      chrono config
      chrono --no-config config
    """
    settings = env.settings
    rows: list[tuple[str, str, str]] = [
        ("data", os.pathsep.join(settings.data.value), settings.data.source),
        ("cache", settings.cache.value or "", settings.cache.source),
        ("format", settings.format.value, settings.format.source),
        ("color", settings.color.value, settings.color.source),
        ("pager", settings.pager.value, settings.pager.source),
        ("calendar", settings.calendar.value, settings.calendar.source),
    ]
    rows.extend((f"alias.{alias.name}", alias.expansion, alias.source) for alias in settings.aliases)
    rows.append(("config-file", settings.config_file.value or "", settings.config_file.source))
    write_paged(env, ("\t".join(tsv(cell) for cell in row) + "\n" for row in rows), no_pager)

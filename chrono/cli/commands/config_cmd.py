"""``chrono config``: the effective settings and where each came from."""

from __future__ import annotations

import os

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.options import data_option, output_options
from chrono.cli.output import emit
from chrono.cli.settings import Setting


@click.command("config", cls=ChronoCommand)
@data_option
@output_options("config", calendar=True)
@click.pass_obj
def command(env: Environment, data: tuple[str, ...], fmt: str, color: str, no_pager: bool, calendar: str) -> None:
    """A table on a terminal, KEY<TAB>VALUE<TAB>SOURCE lines piped.

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
    rows: list[tuple[str, str, str]] = []
    for name, setting in zip(settings._fields, settings, strict=True):
        if isinstance(setting, Setting) and name != "config_file":
            rows.append((name.replace("_", "-"), _shown(setting.value), setting.source))
    rows.extend((f"alias.{alias.name}", alias.expansion, alias.source) for alias in settings.aliases)
    rows.append(("config-file", settings.config_file.value or "", settings.config_file.source))
    from chrono.render.listings import ConfigAnswer

    emit(env, "config", fmt, ConfigAnswer(tuple(rows)), color=color, no_pager=no_pager)


def _shown(value: object) -> str:
    """A setting's value as one cell: paths joined by ':', nothing for none, 1 or 0 for a switch."""
    if isinstance(value, tuple):
        return os.pathsep.join(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return "" if value is None else str(value)

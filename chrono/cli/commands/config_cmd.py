"""``chrono config``: the effective settings and where each came from."""

from __future__ import annotations

import os

import click

from chrono import bundled
from chrono.cli.env import Environment
from chrono.cli.output import write_lines
from chrono.cli.settings import config_path, pager_command
from chrono.escape import tsv


@click.command("config")
@click.pass_obj
def command(env: Environment) -> None:
    """Print the effective settings as KEY<TAB>VALUE<TAB>SOURCE lines.

    Settings come from command-line options, then environment variables, then the
    configuration file, then defaults. The file is $XDG_CONFIG_HOME/chrono/config.toml
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
    config = env.config
    path = config_path(env.environ)

    def from_file(key: str) -> str:
        return f"{config.path}:{config.lines.get(key, 1)}" if config is not None else "default"

    rows: list[tuple[str, str, str]] = []
    if env.environ.get("CHRONO_DATA"):
        rows.append(("data", env.environ["CHRONO_DATA"], "environment variable CHRONO_DATA"))
    elif config is not None and config.data:
        rows.append(("data", os.pathsep.join(config.data), from_file("data")))
    else:
        rows.append(("data", bundled.DEFAULT, "default"))
    fmt = config.format if config is not None and config.format else None
    rows.append(("format", fmt or "auto", from_file("format") if fmt else "default"))
    if env.environ.get("NO_COLOR"):
        rows.append(("color", "never", "environment variable NO_COLOR"))
    elif env.environ.get("FORCE_COLOR"):
        rows.append(("color", "always", "environment variable FORCE_COLOR"))
    elif config is not None and config.color:
        rows.append(("color", config.color, from_file("color")))
    else:
        rows.append(("color", "auto", "default"))
    rows.append(("pager", *pager_command(env.environ, config)))
    calendar = config.calendar if config is not None and config.calendar else None
    rows.append(("calendar", calendar or "gregorian", from_file("calendar") if calendar else "default"))
    if config is not None:
        rows.extend((f"alias.{name}", value, from_file("alias")) for name, value in sorted(config.aliases.items()))
    state = "in use" if config is not None else ("ignored (--no-config)" if os.path.exists(path) else "not found")
    rows.append(("config-file", path, state))
    write_lines(env, ("\t".join(tsv(cell) for cell in row) + "\n" for row in rows))

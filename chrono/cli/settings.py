"""Where settings come from: options, then environment variables, then the configuration file,
then defaults — resolved here once per run.

The configuration file is ``$XDG_CONFIG_HOME/chrono/config.toml`` (``~/.config/chrono/config.toml``
when XDG_CONFIG_HOME is unset or not absolute); ``--no-config`` ignores it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

import click

from chrono.errors import UsageError

if TYPE_CHECKING:
    from chrono.config import Config

DEFAULT_PAGER = "less -FRX"


def config_path(environ: Mapping[str, str]) -> str:
    """The configuration file's path (it need not exist)."""
    base = environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "chrono", "config.toml")


def load_config(environ: Mapping[str, str]) -> Config | None:
    """The parsed configuration file, or None when there is none."""
    path = config_path(environ)
    try:
        with open(path, "rb") as stream:
            raw = stream.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(f"cannot read the configuration file '{path}': {exc.strerror or exc}") from None
    from chrono.config import parse
    from chrono.dataset import decode

    return parse(path, decode(path, raw))


def expand_alias(args: list[str], config: Config | None, commands: Mapping[str, object]) -> list[str]:
    """``chrono summits --limit 3`` -> ``chrono list --kind summit --from 2000 --limit 3``."""
    if not args or config is None or args[0] in commands or args[0] not in config.aliases:
        return args
    import shlex

    try:
        expansion = shlex.split(config.aliases[args[0]])
    except ValueError as exc:
        raise UsageError(f"alias '{args[0]}' in {config.path}: {exc}") from None
    if not expansion or expansion[0] not in commands:
        raise UsageError(
            f"alias '{args[0]}' in {config.path} must start with a command ({', '.join(sorted(commands))})"
        )
    return [*expansion, *args[1:]]


def command_defaults(command: click.Command, config: Config | None, environ: Mapping[str, str]) -> dict[str, object]:
    """The configuration's defaults that apply to ``command`` (click's default_map for it).

    NO_COLOR and FORCE_COLOR outrank the file's ``color``: environment before configuration.
    """
    if config is None:
        return {}
    color = None if environ.get("NO_COLOR") or environ.get("FORCE_COLOR") else config.color
    defaults: dict[str, object] = {}
    for param in command.params:
        value = {"fmt": config.format, "color": color, "calendar": config.calendar}.get(param.name or "")
        if value is None:
            continue
        choices = getattr(param.type, "choices", None)
        if choices is None or value in choices:
            defaults[param.name or ""] = value
    return defaults


def pager_command(environ: Mapping[str, str], config: Config | None) -> tuple[str, str]:
    """The pager to use and where that choice came from."""
    for name in ("CHRONO_PAGER", "PAGER"):
        if name in environ:
            return environ[name], f"environment variable {name}"
    if config is not None and config.pager is not None:
        return config.pager, f"{config.path}:{config.lines.get('pager', 1)}"
    return DEFAULT_PAGER, "default"

"""The one step that resolves a command's settings, once its options are parsed.

Shared options (``--data``, ``--format``, ``--color``, ...) record nothing while click parses
them; ``ChronoCommand.invoke`` hands what was typed, with the environment and the configuration
file the group read, to ``chrono.cli.settings.settle``, and gives the command the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from chrono.cli.env import Environment

if TYPE_CHECKING:
    from chrono.cli.settings import Settings


class SharedOption(click.Option):
    """An option defined once, here, and declared by every command where it means something,
    so that ``--color`` or ``--data`` reads and behaves the same in each of them. ``setting``
    names the setting a typed value decides (``chrono.cli.settings``), if any."""

    def __init__(self, *args: Any, setting: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setting = setting


class ChronoCommand(click.Command):
    """A subcommand whose settings are resolved in one step once its options are parsed: what
    was typed, else the environment, the configuration file and the defaults. The command then
    receives the resolved ``--format``, ``--color``, ``--calendar`` and ``--today``.

    ``data_argument`` names an argument whose values are data given on the command line, as
    ``--data`` is (``chrono check PATH...``).
    """

    def __init__(self, *args: Any, data_argument: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.data_argument = data_argument

    def invoke(self, ctx: click.Context) -> Any:
        for param in self.params:  # click 8.2+ lets a missing required option through as None
            if param.required and param.name and ctx.params.get(param.name) is None:
                raise click.MissingParameter(ctx=ctx, param=param)
        env = _env(ctx)
        if env is not None:
            env.settings = settings_of(ctx)
            for param in self.params:
                if isinstance(param, SharedOption) and param.name in ctx.params and param.setting in _RECEIVED:
                    ctx.params[param.name] = _received(param, env.settings)
        return super().invoke(ctx)


def typed(ctx: click.Context) -> dict[str, tuple[Any, str]]:
    """What the command line says about the settings: setting -> (value, option). The group's
    ``--data`` and ``--no-pager`` count for every command; the command's own data (``--data``,
    or ``check``'s PATHs) replaces the group's."""
    found: dict[str, tuple[Any, str]] = {}
    root, command = ctx.find_root(), ctx.command
    if root.params.get("no_cache"):
        found["cache"] = (None, "--no-cache")
    if root.params.get("no_pager"):  # chrono --no-pager CMD, as git --no-pager
        found["pager"] = ("", "--no-pager")
    data_argument = getattr(command, "data_argument", None)
    data: tuple[str, ...] = tuple(ctx.params.get(data_argument) or ()) if data_argument else ()
    label = data_argument.upper() if data and data_argument else "--data"
    for param in command.params:
        if not isinstance(param, SharedOption) or not param.name or param.setting is None:
            continue
        value = ctx.params.get(param.name)
        if ctx.get_parameter_source(param.name) is not ParameterSource.COMMANDLINE or value in (None, (), False):
            continue
        if param.setting == "data":
            data += tuple(value)
        else:
            found[param.setting] = ("" if param.setting == "pager" else value, param.opts[0])
    if data:
        found["data"] = (data, label)
    elif root.params.get("data"):  # chrono --data X CMD
        found["data"] = (tuple(root.params["data"]), "--data")
    return found


def settings_of(ctx: click.Context) -> Settings:
    """The run's settings for this command line (shell completion asks too, mid-line)."""
    from chrono.cli.settings import read_layers, settle

    env = _env(ctx)
    environ = env.environ if env is not None else {}
    layers = env.layers if env is not None and env.layers is not None else read_layers(environ)
    return settle(layers, typed(ctx))


# The settings a command receives resolved in place of what was typed (the others, --data and
# --no-pager, it reads from the settings).
_RECEIVED = ("format", "color", "calendar", "today")


def _received(param: SharedOption, settings: Settings) -> Any:
    """The resolved setting, where the option offers it (a configured format the command has),
    else the option's own default."""
    value = getattr(settings, param.setting or "").value
    choices = getattr(param.type, "choices", None)
    if choices is not None and value not in choices:
        return param.get_default(click.get_current_context())
    return value


def _env(ctx: click.Context) -> Environment | None:
    env = ctx.find_root().obj
    return env if isinstance(env, Environment) else None

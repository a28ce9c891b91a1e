"""Loading the chosen data for a command."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from chrono.cli.env import Environment
from chrono.dataset import load
from chrono.timeline import Timeline

if TYPE_CHECKING:
    from chrono.cached_timeline import CachedTimeline
    from chrono.model import Chronology


def load_timeline(env: Environment, data: Sequence[str], lines_only: bool = False) -> Timeline | CachedTimeline:
    """The timeline of ``--data``, else of the settings' data (CHRONO_DATA, the configuration,
    the bundled chronology), through the settings' cache directory (none: no cache)."""
    from chrono.cache import load_timeline as load_through_cache

    specs = list(data) or list(env.settings.data.value)
    directory = env.settings.cache.value
    return load_through_cache(specs, env.read_stdin, directory, lines_only, defer=env.background_cache)


def load_chronology_for(ctx: click.Context, data: Sequence[str]) -> Chronology:
    """The chronology a command in ``ctx`` would load (for shell completion; never stdin)."""
    env = ctx.find_root().obj
    if not isinstance(env, Environment):
        env = Environment.from_system()
    specs = [spec for spec in (data or env.settings.data.value) if spec != "-"]
    return load(specs)

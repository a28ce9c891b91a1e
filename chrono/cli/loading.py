"""Loading the chosen data for a command."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from chrono.cli.env import Environment
from chrono.dataset import data_specs, load

if TYPE_CHECKING:
    from chrono.model import Chronology
    from chrono.timeline import TimelineView


def load_timeline(env: Environment, data: Sequence[str]) -> TimelineView:
    """The timeline of ``--data`` (else CHRONO_DATA, the configuration, the bundled chronology),
    through the cache unless ``--no-cache`` or ``CHRONO_CACHE=0``. A new cache is written now,
    or, in the real process (``env.background_cache``), left in ``env.pending_caches`` for
    ``chrono.cli.background`` to write after the answer."""
    from chrono.cache import cache_dir
    from chrono.cache import load_timeline as load_through_cache

    specs = data_specs(data, env.environ, env.config_data)
    use_cache = env.use_cache and env.environ.get("CHRONO_CACHE", "1") != "0"
    directory = cache_dir(env.environ) if use_cache else None
    timeline, pending = load_through_cache(specs, env.read_stdin, directory, defer=env.background_cache)
    if pending is not None:
        env.pending_caches.append(pending)
    return timeline


def load_chronology_for(ctx: click.Context, data: Sequence[str]) -> Chronology:
    """The chronology a command in ``ctx`` would load (for shell completion; never stdin)."""
    env = ctx.find_root().obj
    if not isinstance(env, Environment):
        env = Environment.from_system()
    specs = [spec for spec in data_specs(data, env.environ, env.config_data) if spec != "-"]
    return load(specs)

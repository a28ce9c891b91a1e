"""Loading the chosen data for a command."""

from __future__ import annotations

from collections.abc import Sequence

import click

from chrono.cli.env import Environment
from chrono.dataset import data_specs, load
from chrono.model import Chronology
from chrono.timeline import Timeline


def load_timeline(env: Environment, data: Sequence[str]) -> Timeline:
    """The timeline of ``--data`` (else CHRONO_DATA, the configuration, the bundled chronology)."""
    return Timeline(load(data_specs(data, env.environ, env.config_data), env.read_stdin))


def load_chronology_for(ctx: click.Context, data: Sequence[str]) -> Chronology:
    """The chronology a command in ``ctx`` would load (for shell completion; never stdin)."""
    env = ctx.find_root().obj
    if not isinstance(env, Environment):
        env = Environment.from_system()
    specs = [spec for spec in data_specs(data, env.environ, env.config_data) if spec != "-"]
    return load(specs)

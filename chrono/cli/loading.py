"""Loading the chosen data for a command."""

from __future__ import annotations

from collections.abc import Sequence

from chrono.cli.env import Environment
from chrono.dataset import data_specs, load
from chrono.timeline import Timeline


def load_timeline(env: Environment, data: Sequence[str]) -> Timeline:
    """The timeline of ``--data`` (or CHRONO_DATA, or the bundled chronology)."""
    return Timeline(load(data_specs(data, env.environ), env.read_stdin))

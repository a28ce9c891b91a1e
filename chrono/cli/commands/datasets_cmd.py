"""``chrono datasets``: the bundled chronologies, by name, with their event counts."""

from __future__ import annotations

import click

from chrono.cli.env import Environment
from chrono.cli.output import write_lines
from chrono.loading import bundled
from chrono.loading.dataset import load


@click.command("datasets")
@click.pass_obj
def command(env: Environment) -> None:
    """List the bundled chronologies: NAME<TAB>EVENTS<TAB>FIRST<TAB>LAST; use one with --data NAME.

    \b
    Examples:
      chrono datasets
      chrono list --data us-visits --from 2019 --actor Moon
    """
    rows = []
    for name in bundled.names():
        events = load([bundled.path(name)]).events  # the bundled file, never ./NAME
        default = " (default)" if name == bundled.DEFAULT else ""
        rows.append(f"{name}\t{len(events)}\t{events[0].when.edtf}\t{events[-1].when.edtf}{default}\n")
    write_lines(env, rows)

"""``chrono datasets``: the bundled chronologies, by name, with their event counts."""

from __future__ import annotations

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.options import output_options
from chrono.cli.output import emit
from chrono.loading import bundled
from chrono.loading.dataset import load


@click.command("datasets", cls=ChronoCommand)
@output_options("datasets")
@click.pass_obj
def command(env: Environment, fmt: str, color: str, no_pager: bool) -> None:
    """Use one with --data NAME. On a terminal a table, the default marked; piped,
    NAME<TAB>EVENTS<TAB>FIRST<TAB>LAST lines.

    \b
    Examples:
      chrono datasets
      chrono list --data us-visits --from 2019 --actor Moon
    """
    from chrono.render.listings import Dataset, DatasetsAnswer

    found = []
    for name in bundled.names():
        events = load([bundled.path(name)]).events  # the bundled file, never ./NAME
        first, last = events[0].when.edtf, events[-1].when.edtf
        found.append(Dataset(name, len(events), first, last, name == bundled.DEFAULT))
    emit(env, "datasets", fmt, DatasetsAnswer(tuple(found)), color=color, no_pager=no_pager)

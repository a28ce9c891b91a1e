"""Shell completion of values from the chosen data: event ids, kinds, actors, tags, data names.

click calls these while the shell asks for completions (the ``_CHRONO_COMPLETE`` protocol);
they load the same data a command would (``--data`` if already typed, else the run's settings:
CHRONO_DATA, the configuration file's ``data`` or the bundled chronology) and never fail
loudly: no data, no suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable

import click
from click.shell_completion import CompletionItem

from chrono.errors import ChronoError
from chrono.loading import bundled
from chrono.model import Chronology


def _chronology(ctx: click.Context) -> Chronology | None:
    """The chronology the command being typed would load (its settings so far; never stdin)."""
    from chrono.cli.command import settings_of
    from chrono.loading.dataset import load

    try:
        return load([spec for spec in settings_of(ctx).data.value if spec != "-"])
    except (ChronoError, OSError):
        return None


def _items(values: Iterable[tuple[str, str | None]], incomplete: str) -> list[CompletionItem]:
    from chrono.escape import visible

    folded = incomplete.casefold()
    return [
        CompletionItem(visible(value), help=visible(help_text) if help_text else None)
        for value, help_text in values
        if value.casefold().startswith(folded) and "\n" not in value
    ]


def event_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Event ids, with their titles as help: those starting with what was typed, else those
    holding it as whole words (``kyoto`` offers ``1997-12-11-kyoto-protocol``)."""
    chronology = _chronology(ctx)
    if chronology is None:
        return []
    titles = {e.id: e.title for e in chronology.events}
    found = _items(titles.items(), incomplete)
    if found or not incomplete:
        return found
    from chrono.escape import visible
    from chrono.questions.lookup import word_matches

    return [
        CompletionItem(visible(ident), help=visible(titles[ident]))
        for ident in word_matches(incomplete, list(titles))
        if "\n" not in ident
    ]


def kinds(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Kinds in use."""
    chronology = _chronology(ctx)
    return _items(((kind, None) for kind in chronology.kinds()), incomplete) if chronology else []


def tags(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Tags in use."""
    chronology = _chronology(ctx)
    return _items(((tag, None) for tag in chronology.tags()), incomplete) if chronology else []


def actors(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Declared actors' names and the free-text names in use."""
    chronology = _chronology(ctx)
    if chronology is None:
        return []
    names = {actor.name: actor.id for actor in chronology.actors.values()}
    for event in chronology.events:
        for ref in event.actors:
            if ref not in chronology.actors:
                names.setdefault(ref, None)  # type: ignore[arg-type]
    return _items(sorted(names.items()), incomplete)


def data_values(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Bundled chronology names, then files and directories."""
    named = _items(((name, "bundled chronology") for name in bundled.names()), incomplete)
    return [*named, CompletionItem(incomplete, type="file")]

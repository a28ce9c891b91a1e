"""Loading the chosen data for a command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chrono.cli.env import Environment

if TYPE_CHECKING:
    from chrono.cli.options import FilterArgs
    from chrono.questions.timeline import TimelineView


def load_timeline(env: Environment) -> TimelineView:
    """The timeline of the settings' data (``--data``, else CHRONO_DATA, the configuration, the
    bundled chronology: ``chrono.cli.settings``), through the settings' cache directory (none: no cache). A new cache
    is written now, or, in the real process (``env.background_cache``), left in
    ``env.pending_caches`` for ``chrono.cli.background`` to write after the answer."""
    from chrono.cache.store import load_timeline as load_through_cache

    specs = list(env.settings.data.value)
    directory = env.settings.cache.value
    timeline, pending = load_through_cache(specs, env.read_stdin, directory, defer=env.background_cache)
    if pending is not None:
        env.pending_caches.append(pending)
    return timeline


def note_unmatched(env: Environment, timeline: TimelineView, filters: FilterArgs) -> None:
    """One stderr note for each --kind, --actor, --tag or --place value, or --extra key, that no event has,
    naming the nearest values some event has; the answer and its exit status are unchanged."""
    if not (filters.kinds or filters.actors or filters.tags or filters.place or filters.extras):
        return
    chronology = timeline.chronology  # only now: a cache builds it on first use, costing start-up
    from chrono.cli.output import note
    from chrono.questions.extras import missing_keys, parse_test
    from chrono.questions.vocabulary import unmatched

    for miss in unmatched(chronology, filters.kinds, filters.actors, filters.tags, filters.place):
        note(env, miss.message())
    tests = [test for test in map(parse_test, filters.extras) if test is not None]
    for key, close in missing_keys(chronology, [test.key for test in tests]):
        hint = f"; nearest: {', '.join(close)}" if close else ""
        note(env, f"note: no event has extra.{key} (--extra){hint}")

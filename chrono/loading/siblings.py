"""Which chronology a file belongs to: the one rule of ``add`` and ``edit``.

A file beside other ``*.toml`` files (``data/events.toml`` citing ``data/sources.toml``) belongs
to its directory's chronology when it is valid together with them; otherwise it stands alone
when it is valid alone; otherwise the problems say why (those of the directory when the file
alone only lacks what its neighbours define). Links are followed to the real file's directory.
"""

from __future__ import annotations

import os

from chrono.errors import DataError
from chrono.loading.dataset import read_all
from chrono.loading.tables import ParsedFile, merge
from chrono.model import Chronology


def chronology_of(mine: ParsedFile, path: str) -> tuple[Chronology, list[ParsedFile], str]:
    """The chronology ``mine`` (the file at ``path``, parsed) belongs to, the other files of it,
    and its name for messages (``data/*.toml`` or the file's own path)."""
    real = os.path.realpath(path)
    directory = os.path.dirname(real)
    shown = os.path.dirname(path) if real == os.path.abspath(path) else directory
    own = os.path.basename(real)
    try:
        names = sorted(
            name
            for name in os.listdir(directory)
            if name.endswith(".toml")
            and name != own
            and os.path.isfile(os.path.join(directory, name))
            and os.path.realpath(os.path.join(directory, name)) != real
        )
    except OSError:
        names = []
    alone, alone_problems = merge([mine])
    if not names:
        if alone_problems:
            raise DataError(alone_problems)
        return alone, [], path
    others = read_all([os.path.join(shown, name) for name in names])
    together, problems = merge([*others, mine])
    if not problems:
        return together, others, os.path.join(shown or ".", "*.toml")
    if not alone_problems:
        return alone, [], path
    reference_only = all(p.code.startswith("unresolved-") for p in alone_problems)
    raise DataError(problems if reference_only else alone_problems)

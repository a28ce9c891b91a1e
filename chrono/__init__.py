"""chrono: query a chronology of dated events kept in TOML files.

The public API is small: ``load`` a chronology, wrap it in a ``Timeline``, ``run`` a ``Query``.
Names are imported lazily so that ``import chrono`` stays cheap for the command line.
"""

# Neither typing nor __future__ is imported at run time: this file runs before chrono.__main__
# can install its Ctrl-C handler, so it is a few assignments (and start-up pays for nothing).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"

_API = {
    "load": "chrono.loading.dataset",
    "Chronology": "chrono.model",
    "Event": "chrono.model",
    "Actor": "chrono.model",
    "Source": "chrono.model",
    "Timeline": "chrono.questions.timeline",
    "Query": "chrono.questions.query",
    "run": "chrono.questions.query",
    "PartialDate": "chrono.dates.edtf",
    "DateSpan": "chrono.dates.edtf",
    "Precision": "chrono.dates.edtf",
    "parse_span": "chrono.dates.edtf",
}

__all__ = [  # noqa: RUF022  # grouped as in _API
    "__version__", "load", "Chronology", "Event", "Actor", "Source", "Timeline", "Query", "run",
    "PartialDate", "DateSpan", "Precision", "parse_span",
]  # fmt: skip


def __getattr__(name: str) -> "Any":
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'chrono' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)

"""The chronologies shipped with chrono, chosen by name (``--data dprk-russia``)."""

from __future__ import annotations

import os

DEFAULT = "dprk-russia"


def data_dir() -> str:
    """Where the bundled TOML files are: inside the package when installed, else the checkout."""
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # chrono/
    packaged = os.path.join(here, "data")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "data")


def names() -> list[str]:
    """The bundled chronologies' names, sorted."""
    return sorted(n[: -len(".toml")] for n in os.listdir(data_dir()) if n.endswith(".toml"))


def is_name(spec: str) -> bool:
    """True when ``spec`` names a bundled chronology rather than a path (the caller checks first
    that no such path exists: an explicit path always wins over a name)."""
    return "/" not in spec and "." not in spec and os.path.isfile(path(spec))


def path(name: str) -> str:
    """The file of a bundled chronology: an absolute path, so never taken for a name."""
    return os.path.join(data_dir(), f"{name}.toml")

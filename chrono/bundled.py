"""The chronologies shipped with chrono, chosen by name (``--data dprk-russia``)."""

from __future__ import annotations

from pathlib import Path

DEFAULT = "dprk-russia"


def data_dir() -> Path:
    """Where the bundled TOML files are: inside the package when installed, else the checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    return packaged if packaged.is_dir() else here.parent / "data"


def names() -> list[str]:
    """The bundled chronologies' names, sorted."""
    return sorted(p.stem for p in data_dir().glob("*.toml"))


def is_name(spec: str) -> bool:
    """True when ``spec`` names a bundled chronology rather than a path."""
    return "/" not in spec and "." not in spec and (data_dir() / f"{spec}.toml").is_file()


def path(name: str) -> Path:
    """The file of a bundled chronology."""
    return data_dir() / f"{name}.toml"

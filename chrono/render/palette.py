"""Colours chrono gives kinds, and their SGR codes, without importing rich.

A kind keeps its colour in every run and every command (a hash of its name picks one of ten);
the streaming table writes these codes itself, the rich renderers use the same names.
"""

from __future__ import annotations

import zlib

KIND_COLOURS = (
    "cyan",
    "magenta",
    "green",
    "yellow",
    "blue",
    "red",
    "bright_cyan",
    "bright_magenta",
    "bright_green",
    "bright_blue",
)

# The codes rich writes for these styles on any colour system (they are the 16 standard colours).
SGR = {
    "bold": "\x1b[1m",
    "dim": "\x1b[2m",
    "italic": "\x1b[3m",
    "red": "\x1b[31m",
    "green": "\x1b[32m",
    "yellow": "\x1b[33m",
    "blue": "\x1b[34m",
    "magenta": "\x1b[35m",
    "cyan": "\x1b[36m",
    "bright_green": "\x1b[92m",
    "bright_blue": "\x1b[94m",
    "bright_magenta": "\x1b[95m",
    "bright_cyan": "\x1b[96m",
}


def kind_style(kind: str) -> str:
    """A stable colour per kind, so a kind looks the same in every run and command."""
    return KIND_COLOURS[zlib.crc32(kind.encode()) % len(KIND_COLOURS)]


def paint(text: str, style: str, colour: bool) -> str:
    """``text`` in one of the styles above when colour is on, else as it is."""
    return f"{SGR[style]}{text}\x1b[0m" if colour and style in SGR and text else text

"""Under a real pseudo-terminal, a dataset full of escapes, controls, bidi overrides and markup is
drawn by every command that draws, and nothing of it reaches the terminal raw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.test_process import in_pty

HOSTILE = """
[[actor]]
id = "evil"
name = "Evil \\u001b]0;owned\\u0007 Actor \\u202e"
aliases = ["\\u009b31m"]

[[source]]
id = "src"
title = "Source \\u001b[5m blink \\u2066 isolate"
url = "https://example.org/\\u001b[31m"

[[event]]
id = "e1"
date = 2001-08-04
kind = "talks"
title = "CSI \\u001b[2J clear, OSC 8 \\u001b]8;;http://x\\u001b\\\\link\\u001b]8;;\\u001b\\\\, C1 \\u009b2J, DEL \\u007f, RLO \\u202egnp.exe, [bold red]markup[/bold red]"
place = "Bell \\u0007 and \\u001b(0 charset"
actors = ["evil", "Free \\u001b[41m text"]
tags = ["tag\\u202e"]
summary = "line\\u001b[1A up"
note = "osc 52 \\u001b]52;c;cGF5bG9hZA==\\u0007 clipboard"
sources = ["src"]
extra = { k = "\\u001b[31mred" }

[[event]]
id = "e2"
date = 2002-08-23
end = 2002-08-24
kind = "summit"
title = "Second \\u2067 event"
related = ["e1"]
"""

# What may appear: SGR colour codes chrono itself emits, and the pager/terminal-mode sequences of
# rich (none expected with these flags). Everything else from the data must be escaped.
OWN = re.compile(rb"\x1b\[[0-9;]*m")
FORBIDDEN = [b"\x1b]", b"\x1b[2J", b"\x1b[1A", b"\x1b(", b"\x1b[5m", b"\x07", b"\xc2\x9b", b"\x7f", "\u202e".encode(), "\u2066".encode(),
             "\u2067".encode()]  # fmt: skip


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--color", "always"],
        ["list", "--format", "tsv"],
        ["list", "--format", "csv"],
        ["list", "--format", "json"],
        ["show", "e1", "e2", "--aliases", "--color", "always"],
        ["show", "e1", "--format", "text"],
        ["timeline", "--by", "actor", "--color", "always"],
        ["timeline", "--by", "kind"],
        ["stats", "--by", "actor", "--color", "always"],
        ["stats", "--by", "tag", "--format", "tsv"],
        ["stats", "--gaps", "2"],
        ["anniversaries", "--on", "2002-08-04", "--ahead", "30"],
        ["check", "--today", "2030-01-01"],
        ["export", "--format", "markdown"],
        ["export", "--format", "html"],
        ["export", "--format", "timelinejs"],
        ["between", "e1", "e2"],
        ["cal", "2002-08", "--color", "always"],
        ["sql", "select id, title, place from events", "--format", "table"],
    ],
)
def test_nothing_raw_reaches_the_terminal(hostile: Path, args: list[str]) -> None:
    command = [*args[:1], *(["--data", str(hostile)] if args[0] != "check" else [str(hostile)]), *args[1:]]
    code, screen = in_pty(
        [*command, "--no-pager"]
        if args[0] in ("list", "show", "stats", "anniversaries", "export", "cal", "sql")
        else command,
        columns=160,
    )
    assert code in (0, 1), screen[-400:]
    cleaned = OWN.sub(b"", screen)
    for sequence in FORBIDDEN:
        assert sequence not in cleaned, (args, sequence, cleaned[:600])
    assert b"\x1b" not in cleaned, (args, cleaned[:600])


def test_markup_is_shown_literally_and_escapes_visibly(hostile: Path) -> None:
    _, screen = in_pty(["list", "--data", str(hostile), "--color", "never", "--no-pager"], columns=300)
    text = screen.decode("utf-8", "replace")
    assert "[bold red]markup[/bold red]" in text
    assert "\\x1b[2J" in text and "\\u202e" in text and "\\x9b" in text and "\\x7f" in text


def test_check_warns_about_the_controls(hostile: Path) -> None:
    code, screen = in_pty(["check", str(hostile), "--today", "2030-01-01"], columns=200)
    text = screen.decode("utf-8", "replace")
    assert code == 0 and text.count("[control-char]") >= 4

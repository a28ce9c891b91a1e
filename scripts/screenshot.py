"""Regenerate the pictures in docs/images/ as a real terminal shows them: the table of
`chrono list --from 2000`, the density timeline of 3,264 visits and a month of `chrono cal`.

Each command runs in a detached tmux session 100 columns wide (tall enough that the pager lets it
through), with no configuration file; the pane is captured with its colours and drawn as SVG by
rich. Run by hand from the repository root when a view's look changes
(tests/test_docs_picture.py checks each picture against the current output):

    python scripts/screenshot.py            # needs tmux and the chrono on PATH
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WIDTH, HEIGHT = 100, 80
PICTURES = {  # the picture -> the command it shows
    Path("docs/images/list.svg"): "chrono list --from 2000",
    Path("docs/images/timeline.svg"): "chrono timeline --data us-visits",
    Path("docs/images/cal.svg"): "chrono cal 2024-06 --today 2026-01-15",
}


def capture(command: str) -> str:
    """The pane after running COMMAND in a fresh shell, with its escape sequences."""
    socket = f"chrono-shot-{os.getpid()}"
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as home:
        environ = {
            "HOME": home,
            "PATH": os.environ["PATH"],
            "TERM": "xterm-256color",
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"),
            "CHRONO_CACHE_BACKGROUND": "0",  # no writer outlives the shell and its directory
        }
        shell = "env -i " + " ".join(f"{k}={v}" for k, v in environ.items()) + " bash --norc --noprofile"
        tmux = ["tmux", "-L", socket]
        subprocess.run(
            [*tmux, "new-session", "-d", "-s", "shot", "-x", str(WIDTH), "-y", str(HEIGHT), shell], check=True
        )
        try:
            keys = f"PS1='$ '; cd {Path.cwd()}; clear"
            subprocess.run([*tmux, "send-keys", "-t", "shot", keys, "Enter"], check=True)
            time.sleep(1)
            subprocess.run([*tmux, "send-keys", "-t", "shot", command, "Enter"], check=True)
            time.sleep(3)
            pane = subprocess.run(
                [*tmux, "capture-pane", "-t", "shot", "-e", "-p"], check=True, capture_output=True, text=True
            ).stdout
        finally:
            subprocess.run([*tmux, "kill-server"], check=False)
    lines = pane.rstrip("\n").split("\n")
    while lines and re.sub(r"\x1b\[[0-9;]*m", "", lines[-1]).strip() in ("", "$"):  # the next prompt
        lines.pop()
    return "\n".join(lines)


def main() -> int:
    """Capture the pane and write the SVG."""
    if shutil.which("tmux") is None or shutil.which("chrono") is None:
        print("screenshot.py: needs tmux and chrono on PATH", file=sys.stderr)
        return 2
    from rich.console import Console
    from rich.text import Text

    for out, command in PICTURES.items():
        with open(os.devnull, "w", encoding="utf-8") as devnull:
            console = Console(record=True, width=WIDTH, file=devnull, force_terminal=True)
            console.print(Text.from_ansi(capture(command)))
        out.write_text(console.export_svg(title=command), encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

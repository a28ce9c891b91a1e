"""Find the executed examples of the documentation and run them.

An executed example is a ```console fence in README.md, CONTRIBUTING.md, SECURITY.md or a page
under docs/: each ``$ COMMAND`` line (continued on the next line while it ends in a backslash) is
followed by the exact output it prints. Each command runs in bash from the repository root, the
way a reader would type it: output piped, ``COLUMNS=100``, stdin empty, no configuration file,
the ``chrono`` of this environment first on PATH, so pipes into ``head``, ``cut`` or ``jq`` work.

Only stdout is compared; an example that shows an error message redirects it (``2>&1``). Shared
by tests/test_docs_examples.py (which compares) and scripts/update_doc_examples.py (which writes
the real output back into the pages).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>```+|~~~+)(?P<info>[^`]*)$")
# Variables of the developer's shell that would change what chrono prints.
SCRUBBED = ("NO_COLOR", "FORCE_COLOR", "PAGER", "LESS", "COLUMNS", "LINES", "TZ")


@dataclass(frozen=True)
class Example:
    """One ``$`` command of a console block and the output the page shows for it."""

    path: Path
    line: int  # 1-based line of the ``$`` in the page
    command: str  # as typed, continuation lines included, without the ``$ ``
    expected: str  # the lines after it, each ending in a newline ('' when it prints nothing)
    end_line: int  # 1-based line after the example's last output line

    @property
    def where(self) -> str:
        """``docs/commands.md:42``, for test ids and messages."""
        try:
            name = self.path.relative_to(REPO).as_posix()
        except ValueError:
            name = str(self.path)
        return f"{name}:{self.line}"


def pages(root: Path = REPO) -> list[Path]:
    """The Markdown pages whose examples are executed, in a stable order."""
    top = [root / name for name in ("README.md", "CONTRIBUTING.md", "SECURITY.md")]
    return [p for p in top if p.exists()] + sorted((root / "docs").rglob("*.md"))


def parse(text: str, path: Path) -> list[Example]:
    """Every ``$`` command of every console fence of a page, with its shown output."""
    lines = text.split("\n")
    examples: list[Example] = []
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        indent, ticks, info = opening["indent"], opening["ticks"], opening["info"].strip()
        body_start = i + 1
        j = body_start
        while j < len(lines):
            closing = FENCE.match(lines[j])
            if closing is not None and closing["ticks"].startswith(ticks) and not closing["info"].strip():
                break
            j += 1
        if info.split()[:1] == ["console"]:
            body = [line[len(indent) :] if line.startswith(indent) else line for line in lines[body_start:j]]
            examples.extend(_block(body, path, body_start + 1))
        i = j + 1
    return examples


def _block(body: list[str], path: Path, first_line: int) -> Iterator[Example]:
    """The examples of one console block; lines before the first ``$`` are not allowed."""
    k = 0
    while k < len(body):
        if not body[k].startswith("$ "):
            raise ValueError(f"{path}:{first_line + k}: a console block must start with '$ COMMAND'")
        start = k
        command = [body[k][2:]]
        while command[-1].endswith("\\") and k + 1 < len(body):
            k += 1
            command.append(body[k])
        k += 1
        output_start = k
        while k < len(body) and not body[k].startswith("$ "):
            k += 1
        output = "".join(line + "\n" for line in body[output_start:k])
        yield Example(path, first_line + start, "\n".join(command), output, first_line + k)


def collect(root: Path = REPO) -> list[Example]:
    """All executed examples of the documentation."""
    found: list[Example] = []
    for page in pages(root):
        found.extend(parse(page.read_text(encoding="utf-8"), page))
    return found


def scripts_dir() -> Path:
    """The directory holding this environment's ``chrono`` console script."""
    candidates = [Path(sysconfig.get_path("scripts")), Path(sys.executable).parent]
    for directory in candidates:
        if (directory / "chrono").exists():
            return directory
    found = shutil.which("chrono")
    if found is None:
        raise RuntimeError("no 'chrono' console script: install the project (pip install -e '.[test]')")
    return Path(found).parent


def environment(config_home: Path, cache_home: Path, extra: Mapping[str, str] = {}) -> dict[str, str]:
    """A reader's environment without their configuration, colours, pager or chrono variables."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CHRONO_") and k not in SCRUBBED}
    environ.update(
        PATH=f"{scripts_dir()}{os.pathsep}{environ.get('PATH', os.defpath)}",
        COLUMNS="100",
        XDG_CONFIG_HOME=str(config_home),
        XDG_CACHE_HOME=str(cache_home),
        # Write a new cache before exiting: no detached writer outlives the example.
        CHRONO_CACHE_BACKGROUND="0",
    )
    environ.update(extra)
    return environ


def run(example: Example, environ: Mapping[str, str], cwd: Path = REPO) -> str:
    """What the example's command prints on stdout, run as a reader would run it."""
    done = subprocess.run(
        ["bash", "-c", example.command],
        cwd=cwd,
        env=dict(environ),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return done.stdout.decode("utf-8", errors="surrogateescape")


def mismatch(example: Example, actual: str) -> str | None:
    """None when the page shows exactly what the command printed, else a readable report."""
    if actual == example.expected:
        return None
    import difflib

    diff = difflib.unified_diff(
        example.expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{example.where} (shown)",
        tofile="actual output",
    )
    return f"$ {example.command}\n" + "".join(diff)


FORMATS_PAGE = REPO / "docs" / "output-contract.md"
FORMATS_START = "<!-- the formats: written by scripts/update_doc_examples.py from chrono/render/formats.py -->\n"
FORMATS_END = "<!-- end of the formats -->\n"


def with_format_table(text: str) -> str:
    """The page with its table of formats as the format registry declares it."""
    from chrono.render.formats import markdown_table

    head, _, rest = text.partition(FORMATS_START)
    _, _, tail = rest.partition(FORMATS_END)
    return f"{head}{FORMATS_START}\n{markdown_table()}\n{FORMATS_END}{tail}"

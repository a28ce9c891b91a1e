"""Chronologies as they were in a git revision (``chrono diff --rev``): the one core module that
runs a program (git), so that a test can hold every other module of the core to running none.
"""

from __future__ import annotations

import os
from pathlib import Path

from chrono.errors import DataError, SourceError
from chrono.loading.dataset import decode
from chrono.loading.tables import ParsedFile, parse_file


def read_revision(rev: str, spec: str) -> list[ParsedFile]:
    """Parse ``spec`` (a file or a directory of *.toml) as it was in git revision ``rev``."""
    path = Path(spec)
    where = path if path.is_dir() else (path.parent if str(path.parent) else Path("."))
    top_text = _git(where, "rev-parse", "--show-toplevel", fail=f"'{spec}' is not inside a git repository")
    top = Path(os.fsdecode(top_text.rstrip(b"\n"))).resolve()  # the repository may be at any bytes
    _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", fail=f"unknown revision '{rev}'")
    resolved = path.resolve()
    if resolved != top and top not in resolved.parents:
        raise SourceError(f"'{spec}' leads outside the git repository at '{top}' (to '{resolved}')")
    relative = resolved.relative_to(top).as_posix()
    if path.is_dir():
        # -z: names as they are (git would quote a name holding a tab or non-ASCII); files only,
        # as the working copy's side reads only the directory's own *.toml files
        listing = _git(top, "ls-tree", "-z", rev, "--", f"{relative}/" if relative != "." else ".")
        names = []
        for entry in listing.split(b"\0"):
            info, _, raw_name = entry.partition(b"\t")
            name = os.fsdecode(raw_name)
            if info.split(b" ")[:2] in ([b"100644", b"blob"], [b"100755", b"blob"]) and name.endswith(".toml"):
                names.append(name)
    else:
        names = [relative]
    parsed = []
    for name in names:
        label = f"{rev}:{name}"
        raw = _git(top, "show", f"{rev}:{name}", fail=f"'{name}' does not exist in {rev}")
        try:
            parsed.append(parse_file(label, decode(label, raw)))
        except DataError as exc:
            parsed.append(ParsedFile.failed(label, exc.problems))
    return parsed


def _git(where: Path, *args: str, fail: str | None = None) -> bytes:
    import subprocess

    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise SourceError("git is not installed (needed for --rev)") from None
    if done.returncode != 0:
        reason = fail or done.stderr.decode(errors="replace").strip().splitlines()[-1:]
        raise SourceError(str(reason if isinstance(reason, str) else " ".join(reason)))
    return done.stdout

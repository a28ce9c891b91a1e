"""Every invalid TOML 1.0 document of toml-test gives a clear located error and exit 2."""

from __future__ import annotations

import re

from tests.conftest import Invoke, corpus_or_skip

_LOCATED = re.compile(r"^.+:\d+:\d+: error: .+ \[[a-z-]+\]$")


def test_every_invalid_document_is_a_clear_error(invoke: Invoke) -> None:
    root = corpus_or_skip("toml-invalid")
    listed = (root / "files-toml-1.0.0").read_text(encoding="utf-8").split()
    paths = [root / name.removeprefix("invalid/") for name in listed if name.startswith("invalid/")]
    assert len(paths) > 300
    failures = []
    for path in paths:
        result = invoke(["list", "--data", str(path)])
        lines = result.stderr.splitlines()
        if result.exit_code != 2 or not lines or not all(_LOCATED.match(line) for line in lines):
            failures.append((path.name, result.exit_code, result.stderr[-200:]))
        assert "Traceback" not in result.stderr
    assert not failures, failures[:10]

"""No module over 400 lines and no function over 60 in chrono/ (the house style's rooms)."""

from __future__ import annotations

import ast
from pathlib import Path

CHRONO = Path(__file__).resolve().parent.parent / "chrono"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Being reworked by the engineer who unifies the cache key (issue 22), who owns chrono/cache now;
# remove the entry when that lands (the test then holds it to 60 lines like every function).
PENDING = {"cache/store.py load_timeline"}


def _sources() -> list[tuple[str, str]]:
    return [(str(path.relative_to(CHRONO)), path.read_text(encoding="utf-8")) for path in sorted(CHRONO.rglob("*.py"))]


def test_no_module_is_over_400_lines() -> None:
    long = {name: text.count("\n") for name, text in _sources() if text.count("\n") > MAX_MODULE_LINES}
    assert not long, long


def test_no_function_is_over_60_lines() -> None:
    long = {}
    for name, text in _sources():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES and f"{name} {node.name}" not in PENDING:
                    long[f"{name}:{node.lineno} {node.name}"] = size
    assert not long, long

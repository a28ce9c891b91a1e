"""Decisions written once: a rule copied into a second module is the next bug (a review found
the id rule and the date-cell regex each written twice). These checks look at the source."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

CHRONO = Path(__file__).resolve().parent.parent / "chrono"
_RE_FUNCTIONS = {"compile", "fullmatch", "match", "search", "sub", "subn", "split", "findall", "finditer"}


def _patterns(tree: ast.AST) -> set[str]:
    """The literal regular expressions a module hands to ``re``."""
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _RE_FUNCTIONS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def test_no_regular_expression_is_written_in_two_modules() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for path in sorted(CHRONO.rglob("*.py")):
        for pattern in _patterns(ast.parse(path.read_text(encoding="utf-8"))):
            where[pattern].append(str(path.relative_to(CHRONO)))
    twice = {pattern: modules for pattern, modules in where.items() if len(modules) > 1}
    assert not twice, f"one rule, one module: {twice}"


def test_the_id_rule_and_the_date_cell_reader_are_each_defined_once() -> None:
    defined: dict[str, list[str]] = defaultdict(list)
    for path in sorted(CHRONO.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                defined[node.name].append(str(path.relative_to(CHRONO)))
    assert defined["normalise_id"] == ["writing/authoring.py"]
    assert defined["read_cell"] == ["importers/cells.py"]
    assert not defined["read_date"] and not defined["by_words"] and not defined["_siblings"]

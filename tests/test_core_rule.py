"""The house rule, for every module of the core: no click, rich, ``chrono.cli`` or
``chrono.render``; no fork, no exit, no printing (issue 13, "a core that is only a core").

The core is every module of ``chrono/`` outside ``chrono/cli/`` and ``chrono/render/``, found by
walking the package (a new module is checked without anyone listing it), except
``chrono/__main__.py``: the ``python -m chrono`` entry point belongs to the shell.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import chrono

PACKAGE = Path(chrono.__file__).resolve().parent
SHELL = ("cli", "render")
ENTRY_POINT = "__main__.py"
FORBIDDEN_MODULES = ("click", "rich", "chrono.cli", "chrono.render")
FORBIDDEN_CALLS = {
    ("os", "fork"), ("os", "forkpty"), ("os", "_exit"), ("os", "setsid"), ("os", "daemon"),
    ("sys", "exit"), ("os", "abort"), ("os", "kill"), ("os", "killpg"),
}  # fmt: skip
FORBIDDEN_NAMES = {"print", "exit", "quit", "breakpoint", "input"}
FORBIDDEN_STREAMS = {("sys", "stdout"), ("sys", "stderr"), ("sys", "__stdout__"), ("sys", "__stderr__")}


def core_modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in SHELL or relative.as_posix() == ENTRY_POINT:
            continue
        parts = ["chrono", *relative.with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found.append((".".join(parts), path))
    return found


def forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_MODULES)


def violations(module: str, path: Path) -> list[str]:
    """Every import, call and stream use in the module's source that breaks the rule."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    shown = path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE.parent) else path.name
    for node in ast.walk(tree):
        where = f"{shown}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{where}: import {a.name}" for a in node.names if forbidden(a.name)]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names = [f"{base}.{a.name}" for a in node.names] + [base]
            found += [f"{where}: from {base} import ..." for name in names if forbidden(name)][:1]
            if base in ("os", "sys"):
                found += [f"{where}: from {base} import {a.name}" for a in node.names
                          if (base, a.name) in FORBIDDEN_CALLS | FORBIDDEN_STREAMS]  # fmt: skip
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            pair = (node.value.id, node.attr)
            if pair in FORBIDDEN_CALLS or pair in FORBIDDEN_STREAMS:
                found.append(f"{where}: {node.value.id}.{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_NAMES:
            found.append(f"{where}: {node.func.id}()")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
            found.append(f"{where}: __import__()")
    return found


def test_the_walk_finds_the_core() -> None:
    names = {name for name, _ in core_modules()}
    assert {
        "chrono",
        "chrono.cache.store",
        "chrono.cache.timeline",
        "chrono.questions.timeline",
        "chrono.questions.query",
    } <= names
    assert {"chrono.loading.dataset", "chrono.dates.edtf", "chrono.errors", "chrono.loading.bundled"} <= names
    assert not any(name.startswith(("chrono.cli", "chrono.render")) for name in names)
    assert len(names) >= 25


@pytest.mark.parametrize(("module", "path"), core_modules(), ids=[name for name, _ in core_modules()])
def test_no_core_module_imports_the_shell_forks_exits_or_prints(module: str, path: Path) -> None:
    assert violations(module, path) == []


def test_the_checker_sees_what_it_forbids(tmp_path: Path) -> None:
    """The rule's own test: each kind of violation in a made-up module is reported."""
    source = tmp_path / "bad.py"
    source.write_text(
        "import click\nfrom rich.text import Text\nfrom chrono.render.plain import tsv_lines\n"
        "from chrono import cli\nfrom .render import table\nfrom os import fork\n"
        "import os, sys\ndef f():\n    import chrono.cli.main\n    os.fork()\n    os._exit(0)\n"
        "    sys.exit(1)\n    print('x')\n    sys.stdout.write('x')\n    exit()\n",
        encoding="utf-8",
    )
    found = violations("chrono.bad", source)
    assert len(found) == 13, found  # one per line 1-6, 9-15


def test_importing_any_core_module_loads_no_shell() -> None:
    """In a fresh interpreter, import each core module in turn: click, rich, chrono.cli and
    chrono.render stay unloaded (lazy imports inside functions are what the AST test sees)."""
    script = (
        "import importlib, json, sys\n"
        f"bad = {list(FORBIDDEN_MODULES)!r}\n"
        "report = {}\n"
        f"for name in {[name for name, _ in core_modules()]!r}:\n"
        "    importlib.import_module(name)\n"
        "    loaded = sorted(m for m in sys.modules if any(m == b or m.startswith(b + '.') for b in bad))\n"
        "    if loaded:\n"
        "        report[name] = loaded\n"
        "        break\n"
        "print(json.dumps(report))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(done.stdout) == {}


GIT_MODULE = "chrono.loading.git"  # the one core module that runs a program
_RUNS = {("os", "system"), ("os", "popen"), ("os", "posix_spawn"), ("os", "posix_spawnp")}


def runs_programs(path: Path) -> list[str]:
    """Each place the module imports subprocess or asks os to run a program."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            found += [f"{line}: import {a.name}" for a in node.names if a.name.split(".")[0] in ("subprocess", "pty")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("subprocess", "pty"):
            found.append(f"{line}: from {node.module} import ...")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            pair = (node.value.id, node.attr)
            if pair in _RUNS or (node.value.id == "os" and node.attr.startswith(("exec", "spawn"))):
                found.append(f"{line}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize(("module", "path"), core_modules(), ids=[name for name, _ in core_modules()])
def test_only_the_git_module_runs_a_program(module: str, path: Path) -> None:
    if module == GIT_MODULE:
        assert runs_programs(path), "the git module is where git runs"
    else:
        assert runs_programs(path) == []


def test_the_program_check_sees_subprocess(tmp_path: Path) -> None:
    source = tmp_path / "bad.py"
    source.write_text("import subprocess\nfrom subprocess import run\nimport os\nos.system('x')\nos.execv('x', [])\n")
    assert len(runs_programs(source)) == 4

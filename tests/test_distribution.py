"""What ``pip install .`` gives: the distribution's free name, and ICS without an extra."""

from __future__ import annotations

import re
import subprocess
import sys

import tomli

from tests import docexamples
from tests.cli.test_process import base_env

PYPROJECT = tomli.loads((docexamples.REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_distribution_has_its_own_name_and_the_command_keeps_chrono() -> None:
    project = PYPROJECT["project"]
    assert project["name"] == "chrono-toml"  # "chrono" on the package index is another project
    assert project["scripts"] == {"chrono": "chrono.__main__:main"}


def test_icalendar_is_a_dependency_not_an_extra() -> None:
    project = PYPROJECT["project"]
    names = [re.split(r"[<>=!~ ;\[]", requirement)[0].lower() for requirement in project["dependencies"]]
    assert "icalendar" in names
    assert "ics" not in project.get("optional-dependencies", {})


def test_no_hint_or_page_names_an_extra_or_the_wrong_distribution() -> None:
    texts = [path.read_text(encoding="utf-8") for path in docexamples.pages()]
    texts += [path.read_text(encoding="utf-8") for path in (docexamples.REPO / "chrono").rglob("*.py")]
    wrong = re.compile(r"pip install ['\"]?chrono(?:\[|['\"\s]|$)")
    assert [match[0] for text in texts for match in wrong.finditer(text)] == []


def test_icalendar_is_imported_by_the_ics_export_only() -> None:
    code = (
        "import sys, io\n"
        "from chrono.cli.main import cli\n"
        "found = []\n"
        "for args in (['list'], ['export', '--format', 'html'], ['export', '--format', 'ics']):\n"
        "    sys.stdout = io.StringIO()\n"
        "    cli.main(args, standalone_mode=False)\n"
        "    sys.stdout = sys.__stdout__\n"
        "    found.append('icalendar' in sys.modules)\n"
        "print(found)"
    )
    command = [sys.executable, "-c", code]
    out = subprocess.run(command, capture_output=True, text=True, env=base_env(), timeout=60, check=False)
    assert out.stdout.strip() == "[False, False, True]", out.stderr

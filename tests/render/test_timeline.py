"""chrono timeline: golden renderings at 80 and 200 columns (colour off), and scale checks."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO, Invoke

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = str(FIXTURES / "sample.toml")


def _generated(tmp_path_factory: pytest.TempPathFactory, count: int) -> Path:
    spec = importlib.util.spec_from_file_location("make_chronology", REPO / "bench" / "make_chronology.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    toml, _, _ = module.generate(count, tmp_path_factory.mktemp("gen"), seed=7)
    return Path(toml)


@pytest.fixture(scope="module")
def three_thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generated(tmp_path_factory, 3000)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("sample-80", ["--data", SAMPLE, "--width", "80"]),
        ("sample-200", ["--data", SAMPLE, "--width", "200", "--from", "1999", "--to", "2026"]),
        ("bundled-80", ["--width", "80"]),
        ("bundled-200-by-actor", ["--width", "200", "--by", "actor", "--from", "2000"]),
        ("bundled-month-80", ["--width", "80", "--from", "2001-07-20", "--to", "2001-08-20", "--ids"]),
    ],
)
def test_golden(invoke: Invoke, name: str, args: list[str]) -> None:
    result = invoke(["timeline", *args, "--color", "never"])
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / f"timeline-{name}.txt"
    if os.environ.get("CHRONO_UPDATE_GOLDEN") == "1":
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [80, 200])
def test_every_line_fits_for_3000_events(invoke: Invoke, three_thousand: Path, width: int) -> None:
    for by in ("kind", "actor"):
        result = invoke(["timeline", "--data", str(three_thousand), "--width", str(width), "--by", by])
        lines = result.stdout.splitlines()
        assert result.exit_code == 0 and max(len(line) for line in lines) <= width
        assert "3000 events" in lines[0]
        if by == "actor":
            assert sum(1 for line in lines if "│" in line and "more)" in line) == 1  # lanes are capped


def test_a_century_and_a_single_day(invoke: Invoke) -> None:
    century = invoke(["timeline", "--from", "1925", "--to", "2024", "--width", "80"]).stdout
    assert "1950" in century and "2000" in century
    one_day = invoke(["timeline", "--on", "2001-08-04", "--width", "80", "--ids"])
    assert one_day.exit_code == 0 and "moscow-declaration" in one_day.stdout and "moscow-visit-2001" in one_day.stdout


def test_precision_is_visible_in_the_glyphs(invoke: Invoke) -> None:
    text = invoke(["timeline", "--data", SAMPLE, "--width", "120", "--from", "2000", "--to", "2026"]).stdout
    visit = next(line for line in text.splitlines() if line.lstrip().startswith("visit"))
    assert "░" in visit and "━" not in visit  # a year-precise visit; the two-day visit is one column
    close = invoke(
        ["timeline", "--data", SAMPLE, "--width", "120", "--from", "2001-08-01", "--to", "2001-08-10"]
    ).stdout
    visit = next(line for line in close.splitlines() if line.lstrip().startswith("visit"))
    assert "●━" in visit  # a span of known days
    treaty = next(line for line in text.splitlines() if line.lstrip().startswith("treaty"))
    assert treaty.rstrip().endswith("▶")  # ongoing


def test_colour_on_a_terminal_and_plain_when_piped(invoke: Invoke) -> None:
    assert "\x1b[" in invoke(["timeline", "--data", SAMPLE], tty=True).stdout
    assert "\x1b[" not in invoke(["timeline", "--data", SAMPLE]).stdout
    assert "\x1b[" not in invoke(["timeline", "--data", SAMPLE], tty=True, env={"NO_COLOR": "1"}).stdout


def test_no_events(invoke: Invoke) -> None:
    assert invoke(["timeline", "--kind", "none"]).stdout == "No events to draw.\n"

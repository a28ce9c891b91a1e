"""``chrono import`` on the real tables in ../shared/reference/real-world (skipped where absent).

The commands are the ones a user of each file would run (docs/importing.md explains each
option, with no section about these files); the numbers are the files' own (4,532 HUGGO treaties of which 8 have impossible dates, 5,728 IEADB agreements of which 165 have
the signature date 0000-00-00 and only a Signature Year).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import tomli as tomllib
from click.testing import CliRunner, Result

from chrono.cli.main import cli
from chrono.loading.dataset import load
from tests.conftest import REPO, TODAY, Invoke

REAL = REPO.parent / "shared" / "reference" / "real-world"
HUGGO_MAP = "date=Begin,end=End,title=Title,kind=TypeAgree,place=Location"
HUGGO_ARGS = ["--map", HUGGO_MAP, "--null", "NA", "--open-end", "9999-12-31", "--open-end", "9999-12-01", "--skip-bad"]
IEADB_MAP = "date=Signature Date|Signature Year,title=Treaty Name,kind=Agreement Type (level 2)"


def _real(*parts: str) -> Path:
    path = REAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real-world reference data not found at {path} (it lives in ../shared/reference)")
    return path


def _run(args: list[str]) -> Result:
    env: dict[str, str | None] = {"NO_COLOR": None, "CHRONO_DATA": None, "CHRONO_TODAY": None}
    overrides = {"stdout_isatty": False, "width": 80, "today": TODAY}
    return CliRunner().invoke(cli, args, env=env, obj=overrides)


@pytest.fixture(scope="module")
def huggo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """HUGGO imported once with the issue's command, a prefix and a source."""
    out = tmp_path_factory.mktemp("huggo") / "huggo.toml"
    source = ["--source", "huggo", "--source-title", "HUGGO (manytreaties)", "--id-prefix", "huggo"]
    result = _run(
        ["import", "csv", str(_real("manytreaties", "HUGGO_clean.csv")), *HUGGO_ARGS, *source, "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    return out, result


@pytest.fixture(scope="module")
def ieadb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    out = tmp_path_factory.mktemp("ieadb") / "ieadb.toml"
    path = _real("manytreaties", "IEADB_treaties.csv")
    result = _run(["import", "csv", str(path), "--map", IEADB_MAP, "--id-prefix", "ieadb", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out, result


def _events(path: Path) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8"))["event"]
    return events


def test_huggo_imports_with_precision_and_no_sentinel_ends(huggo: tuple[Path, Result], invoke: Invoke) -> None:
    out, result = huggo
    events = _events(out)
    assert len(events) >= 4524
    assert result.stderr.splitlines()[-1] == "chrono: 4532 rows read, 4524 events written, 8 skipped"
    written = [str(event["date"]) for event in events] + [str(event["end"]) for event in events if "end" in event]
    assert not any("9999" in value for value in written)
    with _real("manytreaties", "HUGGO_clean.csv").open(encoding="utf-8", newline="") as stream:
        sentinels = sum(1 for row in csv.DictReader(stream) if row["End"] in ("9999-12-31", "9999-12-01"))
    assert sum(1 for e in events if str(e["date"]).endswith("/..")) == sentinels  # 'still in force': ongoing
    starts = {str(event["date"]).split("/")[0] for event in events}
    assert {"1993", "1964-06", "1897-05-15?"} <= starts  # precision kept
    assert all(len(event["id"]) <= 48 and event["id"].startswith("huggo-") for event in events)
    check = invoke(["check", str(out), "--today", "2026-01-01"])
    assert check.exit_code == 0 and " 0 errors" in check.stderr
    assert "no-source" not in check.stdout and "far-future" not in check.stdout


def test_huggo_errors_name_row_column_value_and_reason(huggo: tuple[Path, Result]) -> None:
    _, result = huggo
    path = _real("manytreaties", "HUGGO_clean.csv")
    assert (
        f"chrono: skipped {path}:1176:3: column 'End': '1976-06-31' is not a valid date: "
        "day 31 is out of range for June"
    ) in result.stderr.splitlines()
    assert f"chrono: skipped {path}:1742:2: column 'Begin': '1981-09..1981-10' is not a valid date" in result.stderr
    assert "yesterday" not in result.stderr and "chrono check" not in result.stderr
    assert "112 rows without a kind got kind 'event'" in result.stderr  # TypeAgree is NA there


def test_ieadb_zero_dates_fall_back_to_the_year(ieadb: tuple[Path, Result], invoke: Invoke) -> None:
    out, result = ieadb
    events = _events(out)
    assert (
        len(events) == 5728
        and result.stderr.splitlines()[-1] == "chrono: 5728 rows read, 5728 events written, 0 skipped"
    )
    year_only = [event for event in events if re.fullmatch(r"\d{4}", str(event["date"]))]
    assert len(year_only) == 165
    assert all(len(event["id"]) <= 48 for event in events)
    assert invoke(["check", str(out), "--today", "2026-01-01"]).exit_code == 0


def test_ieadb_without_the_year_fallback_names_the_zero_dates() -> None:
    path = _real("manytreaties", "IEADB_treaties.csv")
    spec = "date=Signature Date,title=Treaty Name,kind=Agreement Type (level 2)"
    result = _run(["import", "csv", str(path), "--map", spec, "--skip-bad"])
    assert result.exit_code == 0
    assert result.stderr.count("column 'Signature Date': no date ('0000-00-00')") == 165
    assert result.stderr.splitlines()[-1] == "chrono: 5728 rows read, 5563 events written, 165 skipped"


def test_the_two_imports_load_together_with_prefixes(huggo: tuple[Path, Result], ieadb: tuple[Path, Result]) -> None:
    chronology = load([str(huggo[0]), str(ieadb[0])])
    assert len(chronology.events) == 4524 + 5728


TIMELINEJS = sorted(REAL.joinpath("timelinejs").glob("*")) if REAL.joinpath("timelinejs").exists() else []


@pytest.mark.parametrize("path", TIMELINEJS, ids=[path.name for path in TIMELINEJS])
def test_every_timelinejs_example_imports_and_accounts_for_every_slide(path: Path, tmp_path: Path) -> None:
    import json

    fmt = "csv" if path.suffix == ".csv" else "timelinejs"
    result = _run(["import", fmt, str(path), "-o", str(tmp_path / "out.toml")])
    summary = result.stderr.splitlines()[-1]
    match = re.fullmatch(
        r"chrono: (\d+) (?:items|rows) read, (\d+) events? written(?:, (\d+) left out)?, 0 skipped(: no .*)?", summary
    )
    assert match is not None, summary
    read, written, left = int(match[1]), int(match[2]), int(match[3] or 0)
    assert read == written + left
    assert result.stderr.count("chrono: left out ") == left  # each one named
    if written == 0:  # the cosmic timeline, all before year 1: nothing to write is an error
        assert result.exit_code == 2 and match[4] and not (tmp_path / "out.toml").exists()
    else:
        assert result.exit_code == 0, result.stderr
        assert len(load([str(tmp_path / "out.toml")]).events) == written
    if fmt == "timelinejs":
        document = json.loads(path.read_text(encoding="utf-8"))
        body = document.get("timeline", document)
        slides = len(body.get("events") or body.get("slides") or []) + len(body.get("eras", []))
        slides += 1 if "title" in body else 0
        assert read >= slides  # every slide, era and the title slide is counted
    else:
        with path.open(encoding="utf-8", newline="") as stream:
            rows = sum(1 for row in csv.reader(stream) if any(cell.strip() for cell in row)) - 1
        assert read == rows


def test_cosmo_dates_before_year_one_are_imported() -> None:
    path = _real("timelinejs", "src_template_cosmo.json")
    result = _run(["import", "timelinejs", str(path)])
    assert "7 events written" in result.stderr and "0 skipped" in result.stderr
    dates = [str(event["date"]) for event in tomllib.loads(result.stdout)["event"]]
    assert "Y-13800000000" in dates and "-3500" in dates


def test_women_in_computing_csv_and_json_agree(tmp_path: Path) -> None:
    from_csv = _run(["import", "csv", str(_real("timelinejs", "contrib_women_in_computing.csv"))])
    from_json = _run(["import", "timelinejs", str(_real("timelinejs", "contrib_women_in_computing.json"))])
    csv_events = {e["title"]: str(e["date"]) for e in tomllib.loads(from_csv.stdout)["event"]}
    json_events = {e["title"]: str(e["date"]) for e in tomllib.loads(from_json.stdout)["event"]}
    assert csv_events == json_events and len(csv_events) == 10
    assert csv_events["Ada Lovelace"] == dt.date(1815, 12, 10).isoformat()

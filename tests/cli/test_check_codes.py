"""``check --select/--ignore`` choose among warnings; they can neither hide an error nor select
nothing by a typo."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.mark.parametrize("option", [["--select", "no-source"], ["--ignore", "no-source"]])
def test_an_error_is_reported_whatever_is_selected_or_ignored(
    invoke: Invoke, tmp_path: Path, option: list[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("x = = 1\n", encoding="utf-8")
    result = invoke(["check", *option, str(broken)])
    assert result.exit_code == 1
    assert ": error: invalid TOML" in result.stdout and "[toml]" in result.stdout


@pytest.mark.parametrize("option", ["--select", "--ignore"])
@pytest.mark.parametrize("code", ["toml", "near-duplicat", "nonsense"])
def test_a_code_that_is_no_warnings_is_a_usage_error(invoke: Invoke, option: str, code: str) -> None:
    result = invoke(["check", option, code, "data/dprk-russia.toml"])
    assert result.exit_code == 2
    assert f"unknown warning code '{code}'" in result.stderr and "near-duplicate" in result.stderr
    assert result.stdout == ""


def test_warnings_are_still_chosen(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "w.toml"
    data.write_text('[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\n', encoding="utf-8")
    assert "[no-source]" in invoke(["check", str(data)]).stdout
    assert "[no-source]" not in invoke(["check", "--ignore", "no-source", str(data)]).stdout
    assert "[no-source]" not in invoke(["check", "--select", "far-future", str(data)]).stdout

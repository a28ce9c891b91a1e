"""chrono check and chrono diff through the CLI: formats, exit codes, git, garbage input."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, REPO, Invoke

SAMPLE = FIXTURES / "sample.toml"
WriteToml = Callable[..., Path]
BAD = '[[event]]\nid = "a"\ndate = "2001-13"\nkind = "k"\ntitle = "t"\n'


def test_check_bundled_data_is_clean(invoke: Invoke) -> None:
    result = invoke(["check", "--today", "2026-01-01"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.startswith("chrono check: 0 errors, 0 warnings in /")
    assert result.stderr.endswith("/dprk-russia.toml\n")


def test_check_errors_exit_1_and_warnings_need_strict(invoke: Invoke, write_toml: WriteToml) -> None:
    bad = write_toml(BAD, "bad.toml")
    result = invoke(["check", str(bad)])
    assert result.exit_code == 1
    assert (
        result.stdout
        == f"{bad}:3:8: error: event 'a': date: '2001-13' is not a valid date: month 13 is out of range 01-12 [bad-date]\n"
    )
    assert result.stderr == f"chrono check: 1 error, 0 warnings in {bad}\n"
    warned = write_toml(BAD.replace("2001-13", "2001-12"), "warn.toml")
    assert invoke(["check", str(warned)]).exit_code == 0
    assert invoke(["check", "--strict", str(warned)]).exit_code == 1


def test_check_reports_every_problem_beyond_twenty(invoke: Invoke, write_toml: WriteToml) -> None:
    body = "".join(BAD.replace('"a"', f'"e{i}"') for i in range(30))
    result = invoke(["check", str(write_toml(body))])
    assert len(result.stdout.splitlines()) == 30


def test_check_json_and_could_not_run(invoke: Invoke, write_toml: WriteToml, tmp_path: Path) -> None:
    result = invoke(["check", "--format", "json", str(write_toml(BAD))])
    (problem,) = json.loads(result.stdout)
    assert problem == {"path": str(tmp_path / "data.toml"), "line": 3, "col": 8, "severity": "error", "code": "bad-date",
                       "message": "event 'a': date: '2001-13' is not a valid date: month 13 is out of range 01-12"}  # fmt: skip
    missing = invoke(["check", str(tmp_path / "absent.toml")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_check_duplicates_across_files_and_data_option(invoke: Invoke, write_toml: WriteToml) -> None:
    a = write_toml(BAD.replace("2001-13", "2001-12"), "a.toml")
    b = write_toml(BAD.replace("2001-13", "2001-12"), "b.toml")
    result = invoke(["check", str(a), "--data", str(b)])
    assert (
        result.exit_code == 1 and f"{b}:2:6: error: event 'a': duplicate id (first defined at {a}:2)" in result.stdout
    )


def test_check_3000_events_on_one_day_without_false_duplicates(invoke: Invoke, write_toml: WriteToml) -> None:
    body = "".join(f'[[event]]\nid = "e{i}"\ndate = 2001-01-01\nkind = "k"\ntitle = "Title {i}"\n' for i in range(3000))
    body += '[[event]]\nid = "again"\ndate = 2001-01-01\nkind = "k"\ntitle = "title 7."\n'
    result = invoke(["check", str(write_toml(body))])  # its speed is measured in bench/, not here
    assert result.exit_code == 0
    duplicates = [line for line in result.stdout.splitlines() if "near-duplicate" in line]
    assert len(duplicates) == 1 and "event 'e7': same date, kind and nearly the same title as 'again'" in duplicates[0]


garbage = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
    st.integers(0, len(SAMPLE.read_bytes())).map(lambda n: SAMPLE.read_bytes()[:n]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage)
def test_garbage_and_truncated_files_never_crash(invoke: Invoke, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "g.toml"
    path.write_bytes(data)
    for args in (["check", str(path)], ["diff", str(SAMPLE), str(path)], ["list", "--data", str(path)]):
        result = invoke(args)
        assert result.exit_code in (0, 1, 2), (args, result.stderr)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def _changed(write_toml: WriteToml) -> tuple[Path, Path]:
    old = write_toml(SAMPLE.read_text(encoding="utf-8"), "old.toml")
    text = (
        SAMPLE.read_text(encoding="utf-8")
        .replace('date = "2002"', "date = 2002-08-23")
        .replace('id = "treaty-2000"', 'id = "friendship-treaty"')
    )
    return old, write_toml(text + '\n[[event]]\nid = "new"\ndate = 2020-01-01\nkind = "k"\ntitle = "New"\n', "new.toml")


def test_diff_tsv_stat_json_and_exit_codes(invoke: Invoke, write_toml: WriteToml) -> None:
    old, new = _changed(write_toml)
    result = invoke(["diff", str(old), str(new)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "renamed\tfriendship-treaty\tid\ttreaty-2000\tfriendship-treaty\t",
        "added\tnew\t\t\t2020-01-01 New\t",
        "changed\tvisit-2002\tdate\t2002\t2002-08-23\trefinement",
    ]
    assert invoke(["diff", str(old), str(new), "--stat"]).stdout == "1 added, 0 removed, 1 changed, 1 renamed\n"
    records = json.loads(invoke(["diff", str(old), str(new), "--format", "json"]).stdout)
    assert records[2] == {
        "op": "changed",
        "id": "visit-2002",
        "field": "date",
        "old": "2002",
        "new": "2002-08-23",
        "date_change": "refinement",
        "file": str(new),
    }
    same = invoke(["diff", str(old), str(old)])
    assert (same.exit_code, same.stdout) == (0, "")


def test_diff_terminal_is_grouped_and_coloured(invoke: Invoke, write_toml: WriteToml) -> None:
    old, new = _changed(write_toml)
    result = invoke(["diff", str(old), str(new)], tty=True)
    assert "\x1b[" in result.stdout
    plain = invoke(["diff", str(old), str(new), "--format", "text", "--color", "never"]).stdout
    assert plain.splitlines()[:2] == ["Added (1)", "  + new  2020-01-01 New"]
    assert "      date (refinement): 2002 → 2002-08-23" in plain


def test_diff_stdin_and_trouble(invoke: Invoke, write_toml: WriteToml) -> None:
    old, _ = _changed(write_toml)
    assert invoke(["diff", "-", str(old)], input=old.read_text(encoding="utf-8")).exit_code == 0
    bad = write_toml(BAD, "bad.toml")
    trouble = invoke(["diff", str(old), str(bad)])
    assert trouble.exit_code == 2 and f"{bad}:3:8: error:" in trouble.stderr
    assert invoke(["diff", str(old)]).exit_code == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_rev_in_a_temporary_repository(invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "T")
    data = tmp_path / "data"
    data.mkdir()
    (data / "c.toml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "one")
    text = (
        (data / "c.toml")
        .read_text(encoding="utf-8")
        .replace('title = "Joint Declaration"', 'title = "The Joint Declaration"')
    )
    (data / "c.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke(["diff", "--rev", "HEAD", "data"])
    assert result.stdout == "changed\tjoint-declaration\ttitle\tJoint Declaration\tThe Joint Declaration\t\n"
    assert (
        invoke(["diff", "--rev", "HEAD", "data/c.toml", "--stat"]).stdout
        == "0 added, 0 removed, 1 changed, 0 renamed\n"
    )
    unknown = invoke(["diff", "--rev", "no-such-rev", "data"])
    assert unknown.exit_code == 2 and "unknown revision 'no-such-rev'" in unknown.stderr
    outside = tmp_path.parent / "outside.toml"
    outside.write_text("")
    not_repo = invoke(["diff", "--rev", "HEAD", str(outside)])
    assert not_repo.exit_code == 2 and "not inside a git repository" in not_repo.stderr
    assert REPO.exists()

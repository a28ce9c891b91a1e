"""Shell completion, the pager, the configuration file and the Juche calendar."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from pathlib import Path

import pytest

from chrono.dates.arguments import parse_date_arg
from chrono.dates.edtf import parse_span
from chrono.dates.juche import span_text
from chrono.errors import DateError
from chrono.loading import bundled
from tests.cli.test_process import in_pty
from tests.conftest import FIXTURES, Invoke

SAMPLE = str(FIXTURES / "sample.toml")


def complete(invoke: Invoke, shell: str, words: str, cword: int | str, env: dict[str, str] | None = None) -> list[str]:
    environ = {"_CHRONO_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword), **(env or {})}
    result = invoke([], env=environ)
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


def test_completion_scripts(invoke: Invoke) -> None:
    assert "_chrono_completion()" in invoke(["completion", "bash"]).stdout
    assert "#compdef chrono" in invoke(["completion", "zsh"]).stdout
    assert "complete --no-files --command chrono" in invoke(["completion", "fish"]).stdout
    assert invoke(["completion", "tcsh"]).exit_code == 2


def test_completion_without_a_shell_names_them_in_one_line(invoke: Invoke) -> None:
    result = invoke(["completion"])
    assert result.exit_code == 2 and result.stdout == ""
    last = result.stderr.rstrip("\n").splitlines()[-1]
    assert "bash, fish or zsh" in last and "chrono completion bash" in last
    assert "\\t" not in result.stderr and "\t" not in result.stderr


def test_export_without_a_format_names_them_in_one_line(invoke: Invoke) -> None:
    result = invoke(["export"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "Missing option '--format'. Choose ics, markdown, timelinejs, html or sqlite." in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "\\t" not in result.stderr


def test_bash_completes_commands_ids_and_options(invoke: Invoke) -> None:
    assert complete(invoke, "bash", "chrono an", 1) == ["plain,anniversaries"]
    assert complete(invoke, "bash", "chrono show moscow", 2) == ["plain,moscow-declaration", "plain,moscow-visit-2001"]
    assert complete(invoke, "bash", f"chrono between --data {SAMPLE} visit", 4) == ["plain,visit-2002"]
    assert "plain,--kind" in complete(invoke, "bash", "chrono list --ki", 2)


def test_zsh_completes_kinds_with_help(invoke: Invoke) -> None:
    lines = complete(invoke, "zsh", f"chrono list --data {SAMPLE} --kind t", 5)
    assert lines == ["plain", "talks", "_", "plain", "treaty", "_"]


def test_fish_completes_actors_and_tags(invoke: Invoke) -> None:
    actors = complete(invoke, "fish", f"chrono list --data {SAMPLE} --actor Kim", "Kim")
    assert actors == ["plain,Kim Jong Il\tkim-jong-il", "plain,Kim Jong Un"]
    assert complete(invoke, "fish", f"chrono list --data {SAMPLE} --tag d", "d") == ["plain,declaration"]


def test_data_completes_bundled_names_and_files(invoke: Invoke) -> None:
    assert complete(invoke, "bash", "chrono list --data us", 3) == ["plain,us-visits", "file,us"]


def test_completion_uses_chrono_data_and_survives_bad_data(invoke: Invoke, tmp_path: Path) -> None:
    assert complete(invoke, "bash", "chrono show joint", 2, env={"CHRONO_DATA": SAMPLE}) == ["plain,joint-declaration"]
    broken = tmp_path / "broken.toml"
    broken.write_text("not toml [", encoding="utf-8")
    assert complete(invoke, "bash", "chrono show x", 2, env={"CHRONO_DATA": str(broken)}) == []


def _pager_script(tmp_path: Path) -> tuple[str, Path]:
    record = tmp_path / "paged.txt"
    script = tmp_path / "pager.sh"
    script.write_text(f"#!/bin/sh\ncat > '{record}'\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script), record


def test_pager_on_for_tall_output_in_a_terminal(tmp_path: Path) -> None:
    pager, record = _pager_script(tmp_path)
    code, screen = in_pty(["list", "--color", "always"], env={"CHRONO_PAGER": pager, "LINES": "20"})
    assert code == 0
    paged = record.read_bytes()
    assert b"moscow-declaration" in paged and b"\x1b[" in paged  # colour survives the pager
    assert b"moscow-declaration" not in screen


def test_pager_env_order_and_off_switches(tmp_path: Path) -> None:
    pager, record = _pager_script(tmp_path)
    in_pty(["list"], env={"PAGER": pager, "LINES": "20"})
    assert record.exists()
    record.unlink()
    for args, env in ((["list", "--no-pager"], {"PAGER": pager}), (["list"], {"PAGER": pager, "CHRONO_PAGER": "cat"})):
        code, screen = in_pty(args, env={**env, "LINES": "20"})
        assert code == 0 and b"moscow-declaration" in screen and not record.exists()


def test_short_output_and_pipes_are_never_paged(tmp_path: Path, invoke: Invoke) -> None:
    pager, record = _pager_script(tmp_path)
    _, screen = in_pty(["list", "--on", "2019"], env={"CHRONO_PAGER": pager, "LINES": "50"})
    assert b"vladivostok-summit-2019" in screen and not record.exists()
    result = invoke(["list"], env={"CHRONO_PAGER": pager})
    assert "moscow-declaration" in result.stdout and not record.exists()


@pytest.fixture
def config_home(tmp_path: Path) -> Path:
    (tmp_path / "chrono").mkdir()
    return tmp_path


def write_config(home: Path, text: str) -> dict[str, str]:
    (home / "chrono" / "config.toml").write_text(text, encoding="utf-8")
    return {"XDG_CONFIG_HOME": str(home)}


def test_config_sets_defaults_and_aliases(invoke: Invoke, config_home: Path) -> None:
    env = write_config(config_home, f'data = "{SAMPLE}"\nformat = "ids"\n[alias]\nsummits = "list --kind summit"\n')
    assert invoke(["list", "--kind", "visit"], env=env).stdout == "moscow-visit\nvisit-2002\n"
    assert invoke(["summits"], env=env).stdout == "summit-2019\n"
    assert (
        invoke(["summits", "--format", "tsv"], env=env).stdout
        == "2019-04\tsummit-2019\tsummit\tSummit in Vladivostok\n"
    )
    assert invoke(["show", "summit-2019"], env=env).stdout.startswith("id: summit-2019")  # 'ids' is not a show format


def test_precedence_options_then_environment_then_file_then_defaults(
    invoke: Invoke, config_home: Path, tmp_path: Path
) -> None:
    env = write_config(config_home, f'data = "{SAMPLE}"\ncolor = "always"\n')
    other = tmp_path / "other.toml"
    other.write_text('[[event]]\nid = "other"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\n', encoding="utf-8")
    assert (
        invoke(["list", "--format", "ids", "--data", str(other)], env={**env, "CHRONO_DATA": "dprk-russia"}).stdout
        == "other\n"
    )
    assert (
        invoke(["list", "--format", "ids", "--kind", "talks"], env={**env, "CHRONO_DATA": "dprk-russia"}).stdout == ""
    )
    assert invoke(["list", "--format", "ids", "--kind", "talks"], env=env).stdout == "decade-201x\n"
    assert "\x1b[" in invoke(["list", "--format", "table"], env=env).stdout  # file: always
    assert "\x1b[" not in invoke(["list", "--format", "table", "--color", "never"], env=env).stdout  # option wins
    assert (
        "\x1b[" not in invoke(["list", "--format", "table"], env={**env, "NO_COLOR": "1"}).stdout
    )  # environment beats file
    assert "moscow-declaration\n" in invoke(["--no-config", "list", "--format", "ids"], env=env).stdout


def test_config_command_says_where_each_setting_came_from(invoke: Invoke, config_home: Path) -> None:
    env = write_config(config_home, 'format = "json"\n\n[alias]\nx = "list --limit 1"\n')
    rows = [line.split("\t") for line in invoke(["config"], env={**env, "CHRONO_PAGER": "most"}).stdout.splitlines()]
    path = str(config_home / "chrono" / "config.toml")
    assert ["format", "json", f"{path}:1"] in rows
    assert ["pager", "most", "environment variable CHRONO_PAGER"] in rows
    assert ["data", bundled.path("dprk-russia"), "default"] in rows  # the bundled file itself
    assert ["alias.x", "list --limit 1", f"{path}:4"] in rows  # its own line, not the header's
    assert ["config-file", path, "in use"] in rows


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("formt = 1\n", ":1:1: error: unknown setting 'formt' (did you mean 'format'?)"),
        ('color = "blue"\n', ":1:1: error: color: expected one of auto, always, never"),
        ("data = 5\n", ":1:1: error: data: expected a path or name"),
        ("\n[alias]\nx = 1\n", ":2:1: error: alias: expected a table of strings"),
        ("format = \n", ":1:10: error: invalid TOML"),
    ],
)
def test_broken_config_is_a_clear_error(invoke: Invoke, config_home: Path, text: str, message: str) -> None:
    result = invoke(["list"], env=write_config(config_home, text))
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert (
        invoke(
            ["--no-config", "list", "--format", "ids", "--limit", "1"], env=write_config(config_home, text)
        ).exit_code
        == 0
    )


def test_alias_must_name_a_command(invoke: Invoke, config_home: Path) -> None:
    result = invoke(["bad"], env=write_config(config_home, '[alias]\nbad = "nonsense --x"\n'))
    assert result.exit_code == 2 and "must start with a command" in result.stderr


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("Juche 111", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("Juche 90-08-04", dt.date(2001, 8, 4), dt.date(2001, 8, 4)),
        ("05 August Juche 111", dt.date(2022, 8, 5), dt.date(2022, 8, 5)),
        ("juche 1", dt.date(1912, 1, 1), dt.date(1912, 12, 31)),
    ],
)
def test_juche_dates_are_read(text: str, lower: dt.date, upper: dt.date) -> None:
    arg = parse_date_arg(text, dt.date(2026, 1, 1))
    assert (arg.lower, arg.upper) == (lower.toordinal(), upper.toordinal())


def test_juche_zero_and_nonsense_are_refused() -> None:
    for text in ("Juche 0", "Juche", "Juche ninety"):
        with pytest.raises(DateError):
            parse_date_arg(text, dt.date(2026, 1, 1))


@pytest.mark.parametrize(
    ("edtf", "shown"),
    [
        ("2001-08-04", "Juche 90 (2001)-08-04"),
        ("2022", "Juche 111 (2022)"),
        ("1912-01-01", "Juche 1 (1912)-01-01"),
        ("1911-12-31", "1911-12-31"),  # before the Juche era: Gregorian
        ("201X", "201X"),
        ("2024-06-19?", "Juche 113 (2024)-06-19?"),
    ],
)
def test_juche_display(edtf: str, shown: str) -> None:
    assert span_text(parse_span(edtf)) == shown


def test_juche_in_show_and_tables_but_not_machine_formats(invoke: Invoke) -> None:
    shown = invoke(["show", "moscow-declaration", "--calendar", "juche"]).stdout
    assert "date: Juche 90 (2001)-08-04" in shown
    table = invoke(["list", "--on", "Juche 90-08-04", "--format", "table", "--calendar", "juche"], width=120).stdout
    assert "Juche 90 (2001)-08-04" in table
    tsv = invoke(["list", "--on", "Juche 90-08-04", "--calendar", "juche"]).stdout
    assert "Juche" not in tsv and "2001-08-04\tmoscow-declaration\t" in tsv


def test_module_runs_as_a_script() -> None:
    assert sys.executable and os.path.exists(sys.executable)

"""Settings resolved once: options, then environment, then the configuration file, then defaults;
one definition of each shared option; every tall output paged on a terminal."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import click
import pytest

from chrono.cli import options
from chrono.cli.command import SharedOption
from chrono.cli.main import COMMANDS, cli
from chrono.cli.settings import resolve
from chrono.render import formats
from tests.cli.test_conveniences import _pager_script, complete
from tests.cli.test_process import base_env, in_pty
from tests.conftest import FIXTURES, Invoke

SAMPLE = str(FIXTURES / "sample.toml")
HOSTILE = str(FIXTURES / "hostile.toml")


@pytest.fixture
def config_home(tmp_path: Path) -> Path:
    (tmp_path / "config" / "chrono").mkdir(parents=True)
    return tmp_path / "config"


def write_config(home: Path, text: str) -> dict[str, str]:
    (home / "chrono" / "config.toml").write_text(text, encoding="utf-8")
    return {"XDG_CONFIG_HOME": str(home)}


def config_rows(invoke: Invoke, args: list[str], env: dict[str, str | None]) -> dict[str, tuple[str, str]]:
    result = invoke(["config", *args], env=env)
    assert result.exit_code == 0, result.output
    return {key: (value, source) for key, value, source in (line.split("\t") for line in result.stdout.splitlines())}


# The configured data is the data of every command -------------------------------------------


def test_check_without_a_path_checks_the_configured_data(invoke: Invoke, config_home: Path) -> None:
    env = write_config(config_home, f'data = "{SAMPLE}"\n')
    result = invoke(["check"], env=env)
    assert f"{SAMPLE}:79:6: warning: event 'decade-201x': no source is cited [no-source]" in result.stdout
    assert "dprk-russia" not in result.stdout + result.stderr and f"in {SAMPLE}" in result.stderr
    assert "sample.toml" not in invoke(["check"], env={**env, "CHRONO_DATA": "dprk-russia"}).stdout


def test_completion_reads_the_configured_data(invoke: Invoke, config_home: Path) -> None:
    env = write_config(config_home, f'data = "{SAMPLE}"\n')
    assert complete(invoke, "bash", "chrono show joint-d", 2, env=env) == ["plain,joint-declaration"]
    assert complete(invoke, "bash", "chrono show joint-d", 2) == ["plain,joint-declaration-2000"]  # bundled


def test_tilde_in_the_configured_data_is_the_home_directory(invoke: Invoke, config_home: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "chronologies").mkdir(parents=True)
    (home / "chronologies" / "mine.toml").write_text(Path(SAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    env = {**write_config(config_home, 'data = ["~/chronologies/"]\n'), "HOME": str(home)}
    result = invoke(["list", "--format", "ids", "--kind", "visit"], env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "moscow-visit\nvisit-2002\n"
    assert config_rows(invoke, [], env)["data"][0] == str(home / "chronologies") + "/"


def test_relative_paths_in_the_file_are_relative_to_the_file(
    invoke: Invoke, config_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (config_home / "chrono" / "mine.toml").write_text(Path(SAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    env = write_config(config_home, 'data = ["mine.toml", "us-visits"]\n')
    monkeypatch.chdir(tmp_path)  # anywhere but beside the file
    result = invoke(["list", "--format", "ids", "--kind", "summit"], env=env)
    assert result.exit_code == 0, result.stderr
    assert "summit-2019" in result.stdout.split()  # from mine.toml
    data, source = config_rows(invoke, [], env)["data"]
    assert data == os.pathsep.join([str(config_home / "chrono" / "mine.toml"), "us-visits"])  # a name stays a name
    assert source == f"{config_home / 'chrono' / 'config.toml'}:1"


def test_chrono_data_expands_tilde_and_outranks_the_file(invoke: Invoke, config_home: Path, tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(Path(SAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    env = {**write_config(config_home, 'data = "dprk-russia"\n'), "HOME": str(tmp_path), "CHRONO_DATA": "~/x.toml"}
    assert config_rows(invoke, [], env)["data"] == (str(tmp_path / "x.toml"), "environment variable CHRONO_DATA")
    assert invoke(["list", "--format", "ids", "--kind", "summit"], env=env).stdout == "summit-2019\n"


# HOME and the configuration file -------------------------------------------------------------


@pytest.mark.parametrize("home", ["/dev/null", None, "", "relative/dir", "file"])
def test_no_usable_home_means_no_configuration_file(invoke: Invoke, tmp_path: Path, home: str | None) -> None:
    if home == "file":
        home = str(tmp_path / "a-file")
        Path(home).write_text("", encoding="utf-8")
    env: dict[str, str | None] = {"HOME": home, "XDG_CONFIG_HOME": None, "XDG_CACHE_HOME": None}
    result = invoke(["list", "--format", "ids", "--grep", "Moscow Declaration"], env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "moscow-declaration" in result.stdout.split()
    rows = config_rows(invoke, [], env)
    reason = "HOME is not set" if not home else "HOME is not a directory"
    assert rows["config-file"] == ("", f"none ({reason})")
    assert rows["cache"] == ("", f"default ({reason})")  # no cache written under a non-home


def test_a_missing_configuration_directory_means_no_file(invoke: Invoke, tmp_path: Path) -> None:
    not_a_dir = tmp_path / "plain-file"
    not_a_dir.write_text("", encoding="utf-8")
    for base in (not_a_dir, tmp_path / "absent"):
        env = {"XDG_CONFIG_HOME": str(base)}
        assert invoke(["list", "--format", "ids", "--limit", "1"], env=env).exit_code == 0
        assert config_rows(invoke, [], env)["config-file"] == (str(base / "chrono" / "config.toml"), "not found")


def test_a_directory_at_the_configuration_path_is_an_error_naming_it(invoke: Invoke, config_home: Path) -> None:
    path = config_home / "chrono" / "config.toml"
    path.mkdir()
    result = invoke(["list"], env={"XDG_CONFIG_HOME": str(config_home)})
    assert result.exit_code == 2
    assert result.stderr == f"chrono: error: the configuration file '{path}' is a directory, not a regular file\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_configuration_file_is_an_error_naming_it(invoke: Invoke, config_home: Path) -> None:
    env = write_config(config_home, 'format = "ids"\n')
    path = config_home / "chrono" / "config.toml"
    path.chmod(0)
    result = invoke(["list"], env=env)
    assert result.exit_code == 2 and str(path) in result.stderr and "Permission denied" in result.stderr


def _run_with_config(config_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """chrono as a process with a bounded address space (a config read without bound fails
    fast instead of filling memory), and a timeout (a blocking open fails instead of hanging)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "chrono", *args],
        capture_output=True,
        text=True,
        env={**base_env(), "XDG_CONFIG_HOME": str(config_home)},
        timeout=30,
        check=False,
        preexec_fn=limit,
    )


def test_a_fifo_as_the_configuration_file_does_not_block(config_home: Path) -> None:
    path = config_home / "chrono" / "config.toml"
    os.mkfifo(path)
    result = _run_with_config(config_home, "list", "--format", "ids")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"chrono: error: the configuration file '{path}' is a FIFO, not a regular file\n"


def test_a_link_to_dev_zero_as_the_configuration_file_is_refused(config_home: Path) -> None:
    path = config_home / "chrono" / "config.toml"
    path.symlink_to("/dev/zero")
    result = _run_with_config(config_home, "list", "--format", "ids")
    assert result.returncode == 2 and result.stdout == ""
    message = f"chrono: error: the configuration file '{path}' is a character device, not a regular file\n"
    assert result.stderr == message


def test_a_configuration_file_that_is_not_utf8_is_an_error_naming_it(invoke: Invoke, config_home: Path) -> None:
    path = config_home / "chrono" / "config.toml"
    path.write_bytes(b'format = "\xff"\n')
    result = invoke(["list"], env={"XDG_CONFIG_HOME": str(config_home)})
    assert result.exit_code == 2 and str(path) in result.stderr and "UTF-8" in result.stderr


def test_an_oversized_configuration_file_is_refused(invoke: Invoke, config_home: Path) -> None:
    env = write_config(config_home, "# " + "x" * (1 << 20) + "\n")
    result = invoke(["list"], env=env)
    assert result.exit_code == 2 and "is larger than 1024 KiB" in result.stderr


# Aliases and chrono config -------------------------------------------------------------------


def test_each_alias_is_reported_at_its_own_line(invoke: Invoke, config_home: Path) -> None:
    env = write_config(
        config_home,
        'format = "json"\n\n[alias]\n# the summits\nsummits = "list --kind summit"\n"two words" = "list"\nv = "show"\n',
    )
    path = config_home / "chrono" / "config.toml"
    rows = config_rows(invoke, [], env)
    assert rows["alias.summits"] == ("list --kind summit", f"{path}:5")
    assert rows["alias.two words"] == ("list", f"{path}:6")
    assert rows["alias.v"] == ("show", f"{path}:7")
    dotted = write_config(config_home, 'alias.a = "list"\nalias.b = "show"\n')
    assert [config_rows(invoke, [], dotted)[key][1] for key in ("alias.a", "alias.b")] == [f"{path}:1", f"{path}:2"]


def test_a_bad_alias_is_reported_with_its_line(invoke: Invoke, config_home: Path) -> None:
    env = write_config(config_home, '[alias]\nok = "list"\nbad = "nonsense --x"\n')
    result = invoke(["bad"], env=env)
    assert result.exit_code == 2 and f"alias 'bad' in {config_home / 'chrono' / 'config.toml'}:3 must" in result.stderr


def test_config_shows_options_environment_file_and_defaults(invoke: Invoke, config_home: Path, tmp_path: Path) -> None:
    env = {
        **write_config(config_home, 'color = "always"\ncalendar = "juche"\npager = "most"\n'),
        "XDG_CACHE_HOME": str(tmp_path / "c"),
    }
    path = config_home / "chrono" / "config.toml"
    rows = config_rows(invoke, [], env)
    assert rows["color"] == ("always", f"{path}:1")
    assert rows["calendar"] == ("juche", f"{path}:2")
    assert rows["pager"] == ("most", f"{path}:3")
    assert rows["format"] == ("auto", "default")
    assert rows["cache"] == (str(tmp_path / "c" / "chrono"), "environment variable XDG_CACHE_HOME")
    assert config_rows(invoke, [], {**env, "NO_COLOR": "1", "PAGER": ""})["color"] == (
        "never",
        "environment variable NO_COLOR",
    )
    assert config_rows(invoke, [], {**env, "PAGER": ""})["pager"] == ("", "environment variable PAGER")
    rows = config_rows(
        invoke,
        ["--color", "never", "--calendar", "gregorian", "--no-pager", "--data", SAMPLE],
        {**env, "NO_COLOR": "1"},
    )
    assert rows["color"] == ("never", "option --color")
    assert rows["calendar"] == ("gregorian", "option --calendar")
    assert rows["pager"] == ("", "option --no-pager")
    assert rows["data"] == (SAMPLE, "option --data")
    assert config_rows(invoke, [], {**env, "CHRONO_CACHE": "0"})["cache"] == ("", "environment variable CHRONO_CACHE")
    result = invoke(["--no-cache", "--no-config", "config"], env=env)
    lines = result.stdout.splitlines()
    assert "cache\t\toption --no-cache" in lines and f"config-file\t{path}\tignored (--no-config)" in lines
    assert "calendar\tgregorian\tdefault" in lines


def test_explicit_color_auto_still_honours_no_color(invoke: Invoke, config_home: Path) -> None:
    env = write_config(config_home, 'color = "always"\n')
    assert "\x1b[" in invoke(["list", "--format", "table", "--color", "always"], env={**env, "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in invoke(["list", "--format", "table", "--color", "auto"], env={**env, "NO_COLOR": "1"}).stdout
    assert "\x1b[" in invoke(["list", "--format", "table", "--color", "auto"], env={**env, "FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in invoke(["list", "--format", "table", "--color", "auto"], env=env).stdout  # not a tty


def test_resolve_is_pure_of_the_process_environment(tmp_path: Path) -> None:
    settings = resolve({"HOME": str(tmp_path), "CHRONO_DATA": "a.toml:~/b.toml"})
    assert settings.data.value == ("a.toml", str(tmp_path / "b.toml"))
    assert settings.cache.value == str(tmp_path / ".cache" / "chrono")
    assert settings.config_file.value == str(tmp_path / ".config" / "chrono" / "config.toml")
    assert (settings.format.value, settings.color.value, settings.calendar.value) == ("auto", "auto", "gregorian")
    assert (settings.pager.value, settings.pager.source) == ("less -FRX", "default")
    from chrono.loading import bundled

    assert resolve({"HOME": str(tmp_path)}).data.value == (bundled.path("dprk-russia"),)  # the file, not a name


# One definition of each shared option ---------------------------------------------------------

SHARED = {"--data", "--today", "--format", "--color", "--no-pager", "--calendar"}
# Where each shared option means something; 'add --data' is the one file to append to, not a
# choice of data to read, so it keeps its own definition.
EXPECTED = {
    "list": SHARED,
    "show": SHARED,
    "anniversaries": SHARED,
    "between": {"--data", "--today", "--format"},
    "timeline": {"--data", "--today", "--color", "--no-pager"},
    "cal": {"--data", "--today", "--color", "--no-pager"},
    "stats": {"--data", "--today", "--format", "--color", "--no-pager"},
    "export": {"--data", "--today", "--format", "--no-pager"},
    "check": {"--data", "--today", "--format", "--color", "--no-pager"},
    "diff": {"--format", "--color", "--no-pager"},
    "config": {"--data", "--format", "--color", "--no-pager", "--calendar"},
    "import": set(),
    "edit": {"--data"},
    "fmt": set(),
    "sql": {"--data", "--today", "--format", "--color", "--no-pager"},
    "datasets": {"--format", "--color", "--no-pager"},
    "completion": set(),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_shared_options_come_from_one_definition(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    declared = {
        opt: param for param in command.params if isinstance(param, click.Option) for opt in param.opts if opt in SHARED
    }
    if name == "add":
        assert not isinstance(declared["--data"], SharedOption)
        return
    assert set(declared) == EXPECTED[name]
    for opt, param in declared.items():
        assert isinstance(param, SharedOption), (name, opt)
        expected = formats.help_text(name) if opt == "--format" else options.HELP[opt]
        assert param.help == expected, (name, opt)
    if "--format" in declared:  # the choices are the registry's, in its order
        assert tuple(getattr(declared["--format"].type, "choices", ())) == formats.offered(name)


def test_timeline_no_pager_keeps_a_tall_picture_out_of_the_pager(tmp_path: Path) -> None:
    """On a terminal, where paging happens: the tall picture goes to the pager, and with
    --no-pager straight to the terminal (a test without a terminal could not tell them apart)."""
    pager, record = _pager_script(tmp_path)
    env = {"CHRONO_PAGER": pager, "LINES": "10"}
    code, _ = in_pty(["timeline", "--data", SAMPLE, "--width", "60"], env=env)
    assert code == 0 and b"summit" in record.read_bytes()
    record.unlink()
    code, screen = in_pty(["timeline", "--no-pager", "--data", SAMPLE, "--width", "60"], env=env)
    assert code == 0 and b"summit" in screen and not record.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["timeline"],
        ["timeline", "--color", "never"],
        ["check", SAMPLE, HOSTILE],
        ["check", "--format", "json", SAMPLE, HOSTILE],
    ],
)
def test_timeline_and_check_page_tall_output(tmp_path: Path, args: list[str]) -> None:
    pager, record = _pager_script(tmp_path)
    code, screen = in_pty(args, env={"CHRONO_PAGER": pager, "LINES": "10"})
    assert code in (0, 1) and record.exists()
    paged = record.read_bytes()
    assert len(paged.splitlines()) >= 10 and paged.strip().splitlines()[-1] not in screen
    record.unlink()
    code, screen = in_pty([*args, "--no-pager"], env={"CHRONO_PAGER": pager, "LINES": "10"})
    assert not record.exists() and paged.strip().splitlines()[-1] in screen.replace(b"\r\n", b"\n")

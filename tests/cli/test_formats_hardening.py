"""What reaches the terminal, and what the formats say: keys from the data escaped, export URLs
that cannot inject, CSV without raw carriage returns, JSON that is always JSON, click's own
messages escaped, diff's six fields, and UTF-8 machine output whatever the locale."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_process import base_env
from tests.cli.test_process import chrono as chrono_process
from tests.conftest import Invoke

WriteToml = Callable[..., Path]
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # newline and tab allowed
SGR = re.compile(r"\x1b\[[0-9;]*m")

HOSTILE_KEYS = """
[[event]]
id = "keys"
date = 2001-08-04
kind = "talks"
title = "Keys"
extra = { "\\u001b[2J\\u001b]52;c;cGF5bG9hZA==\\u0007\\u001b]0;owned\\u0007" = "v", "a\\nsource: forged: evil" = 1 }
"""


def test_show_escapes_extra_keys_on_a_terminal(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(HOSTILE_KEYS)
    result = invoke(["show", "keys", "--data", str(path), "--color", "always"], tty=True, width=200)
    assert result.exit_code == 0
    plain = SGR.sub("", result.stdout)
    assert "\x1b" not in plain and "\x07" not in plain
    assert "extra.\\x1b[2J\\x1b]52;c;cGF5bG9hZA==\\x07" in plain


def test_show_piped_escapes_keys_so_no_line_is_forged(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(HOSTILE_KEYS)
    result = invoke(["show", "keys", "--data", str(path)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith("source:")]  # no source is cited
    assert "extra.a\\nsource: forged: evil: 1" in lines
    assert not RAW.search(result.stdout) and "\x1b" not in result.stdout


def test_check_warns_about_controls_in_extra_keys_values_and_urls(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(
        """
        [[source]]
        id = "s"
        title = "Clean"
        url = "https://example.org/\\u001b]0;x\\u0007"

        [[event]]
        id = "key"
        date = 2001-01-01
        kind = "talks"
        title = "Key"
        sources = ["s"]
        extra = { "k\\u001b[2J" = "clean" }

        [[event]]
        id = "value"
        date = 2001-01-02
        kind = "talks"
        title = "Value"
        sources = ["s"]
        extra = { deep = { list = ["ok", "\\u202eevil"] } }

        [[event]]
        id = "clean"
        date = 2001-01-03
        kind = "talks"
        title = "Clean"
        sources = ["s"]
        extra = { k = "v" }
        """
    )
    result = invoke(["check", str(path)])
    warned = [line for line in result.stdout.splitlines() if line.endswith("[control-char]")]
    assert any("source 's'" in line for line in warned)
    assert any("event 'key': extra" in line for line in warned)
    assert any("event 'value': extra" in line for line in warned)
    assert not any("'clean'" in line for line in warned)
    assert len(warned) == 3


URLS = """
[[source]]
id = "newline"
title = "Newline"
url = "https://example.org/a\\n# Injected heading\\n[x](javascript:alert(1))"

[[source]]
id = "esc"
title = "Escape"
url = "https://example.org/\\u001b]0;owned\\u0007>\\" onmouseover=\\"alert(1)"

[[source]]
id = "script"
title = "Script"
url = "javascript:alert(1)"

[[source]]
id = "upper"
title = "Upper case scheme"
url = "HTTPS://example.org/ok"

[[event]]
id = "e"
date = 2001-08-04
kind = "talks"
title = "Event"
sources = ["newline", "esc", "script", "upper"]
"""


def test_markdown_export_percent_encodes_urls(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(URLS)
    result = invoke(["export", "--format", "markdown", "--data", str(path)])
    assert result.exit_code == 0
    text = result.stdout
    assert "\x1b" not in text and "\x07" not in text
    assert not [line for line in text.splitlines() if line.startswith("# Injected")]
    outside_links = re.sub(r"<https?://[^<>\s]*>", "", text, flags=re.IGNORECASE)
    assert "javascript" not in outside_links and "Injected" not in outside_links
    assert "[^newline]: Newline. <https://example.org/a%0A#%20Injected%20heading%0A[x](javascript:alert(1))>" in text
    assert "[^esc]: Escape. <https://example.org/%1B]0;owned%07%3E%22%20onmouseover=%22alert(1)>" in text
    assert "[^script]: Script\n" in text  # not a link
    assert "<HTTPS://example.org/ok>" in text


def test_html_export_hrefs_hold_no_raw_controls(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(URLS)
    result = invoke(["export", "--format", "html", "--data", str(path)])
    assert result.exit_code == 0
    hrefs = re.findall(r'href="([^"]*)"', result.stdout)
    assert len(hrefs) == 3  # javascript: is no link
    assert all(not RAW.search(href) and "\n" not in href and " " not in href for href in hrefs)
    assert "https://example.org/%1B]0;owned%07%3E%22%20onmouseover=%22alert(1)" in hrefs
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_csv_escapes_a_carriage_return(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(
        """
        [[event]]
        id = "cr"
        date = 2001-01-01
        kind = "talks"
        title = "good\\rEVIL"
        summary = "windows\\r\\nline\\tand tab"
        """
    )
    result = invoke(["list", "--data", str(path), "--format", "csv", "--fields", "id,title,summary"])
    assert result.exit_code == 0
    body = result.stdout_bytes.decode("utf-8").split("\r\n", 1)[1]  # after the header's CRLF
    assert "\r" not in body.replace("\r\n", "")  # only CSV's own line ends remain
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))
    assert rows[1] == ["cr", "good\\rEVIL", "windows\\r\nline\tand tab"]
    tsv = invoke(["list", "--data", str(path), "--fields", "title"]).stdout
    assert tsv == "good\\rEVIL\n"


NON_FINITE = """
[[event]]
id = "numbers"
date = 2001-01-01
kind = "talks"
title = "Numbers"
extra = { nan = nan, inf = inf, minus = -inf, deep = { list = [1.5, nan] }, fine = 2.5 }
"""


def test_non_finite_numbers_give_valid_json_everywhere(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(NON_FINITE)
    expected = {"nan": "nan", "inf": "inf", "minus": "-inf", "deep": {"list": [1.5, "nan"]}, "fine": 2.5}

    def strict(text: str) -> object:
        def refuse(name: str) -> object:
            raise ValueError(f"not JSON: {name}")

        return json.loads(text, parse_constant=refuse)

    for fmt in ("json", "jsonl"):
        out = invoke(["list", "--data", str(path), "--format", fmt]).stdout
        record = strict(out)[0] if fmt == "json" else strict(out)  # type: ignore[index]
        assert record["extra"] == expected  # type: ignore[index]
    shown = strict(invoke(["show", "numbers", "--data", str(path), "--format", "json"]).stdout)
    assert shown[0]["extra"] == expected  # type: ignore[index]
    document = strict(invoke(["export", "--format", "timelinejs", "--data", str(path)]).stdout)
    assert document["events"][0]["chrono"]["extra"] == expected  # type: ignore[index]
    tsv = invoke(["list", "--data", str(path), "--fields", "extra"]).stdout
    assert strict(tsv.strip()) == {k: expected[k] for k in sorted(expected)}


def test_diff_of_a_file_with_itself_is_empty_even_with_nan(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(NON_FINITE)
    result = invoke(["diff", str(path), str(path)])
    assert (result.exit_code, result.stdout) == (0, "")


def test_diff_tells_a_boolean_from_a_number(invoke: Invoke, write_toml: WriteToml) -> None:
    old = write_toml('[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "k"\ntitle = "A"\nextra = { x = 1 }\n', "old.toml")
    new = write_toml(
        '[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "k"\ntitle = "A"\nextra = { x = true }\n', "new.toml"
    )
    result = invoke(["diff", str(old), str(new)])
    assert result.exit_code == 1
    assert result.stdout == 'changed\ta\textra\t{"x":1}\t{"x":true}\t\n'


def test_click_usage_errors_escape_the_command_line() -> None:
    # A real process: CliRunner makes click delete some escape sequences itself, hiding the bug.
    result = chrono_process("list", "\x1b]0;owned\x07\x1b[2J")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "unexpected extra argument (\\x1b]0;owned\\x07\\x1b[2J)" in result.stderr
    unknown = chrono_process("\u009b2Jnope")
    assert unknown.returncode == 2
    assert "\u009b" not in unknown.stderr and "No such command '\\x9b2Jnope'" in unknown.stderr


def test_diff_tsv_has_six_fields_on_every_line(invoke: Invoke, write_toml: WriteToml) -> None:
    base = '[[actor]]\nid = "x"\nname = "X"\n\n[[event]]\nid = "a"\ndate = "2002"\nkind = "k"\ntitle = "A"\n'
    old = write_toml(base + '\n[[event]]\nid = "gone"\ndate = 2001-01-01\nkind = "k"\ntitle = "Gone"\n', "old.toml")
    new = write_toml(
        base.replace('date = "2002"', "date = 2002-08-23").replace('title = "A"', 'title = "A2"').replace('"X"', '"Y"')
        + '\n[[event]]\nid = "new"\ndate = 2001-01-01\nkind = "k"\ntitle = "New"\n',
        "new.toml",
    )
    result = invoke(["diff", str(old), str(new)])
    assert result.exit_code == 1
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) >= 5
    assert {len(row) for row in rows} == {6}
    by_field = {(row[0], row[2]): row for row in rows}
    assert by_field[("changed", "date")][5] == "refinement"
    assert by_field[("changed", "title")][5] == ""
    assert by_field[("removed", "")][5] == "" and by_field[("added", "")][5] == ""
    assert by_field[("changed", "name")][1] == "actor:x"


UNICODE = """
[[event]]
id = "umlaut"
date = 2001-01-01
kind = "talks"
title = "Gespräch über – Grüße"
actors = ["Ким Чен Ир"]
"""


@pytest.mark.parametrize(
    "environment", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "POSIX", "LANG": "POSIX", "PYTHONUTF8": "0"}]
)
def test_machine_formats_are_utf8_whatever_the_locale(tmp_path: Path, environment: dict[str, str]) -> None:
    path = tmp_path / "u.toml"
    path.write_text(UNICODE, encoding="utf-8")
    env = {k: v for k, v in base_env().items() if k not in ("LC_ALL", "LANG", "LC_CTYPE", "PYTHONUTF8")}
    env.update(environment)

    def run(*args: str) -> bytes:
        done = subprocess.run(
            [sys.executable, "-m", "chrono", *args, "--data", str(path)],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    title = "Gespräch über – Grüße"
    fields = ["--fields", "id,title,actors"]
    assert json.loads(run("list", "--format", "json", *fields).decode("utf-8"))[0]["title"] == title
    assert json.loads(run("list", "--format", "jsonl", *fields).decode("utf-8"))["actors"] == ["Ким Чен Ир"]
    rows = list(csv.reader(io.StringIO(run("list", "--format", "csv", *fields).decode("utf-8"), newline="")))
    assert rows[1] == ["umlaut", title, "Ким Чен Ир"]
    assert run("list", "--format", "tsv", *fields).decode("utf-8") == f"umlaut\t{title}\tКим Чен Ир\n"
    assert run("list", "--format", "tsv").decode("utf-8") == f"2001-01-01\tumlaut\ttalks\t{title}\n"
    assert run("list", "--format", "ids") == b"umlaut\n"
    assert json.loads(run("show", "umlaut", "--format", "json").decode("utf-8"))[0]["title"] == title
    assert f"title: {title}\n" in run("show", "umlaut").decode("utf-8")
    document = json.loads(run("export", "--format", "timelinejs").decode("utf-8"))
    assert document["events"][0]["chrono"]["title"] == title
    assert os.environ.get("PYTHONIOENCODING") != "ascii"  # the test's own process is untouched

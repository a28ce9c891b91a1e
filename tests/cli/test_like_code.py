"""Keeping a chronology like code: chrono fmt, chrono edit, check --format github, diff of
directories, the pre-commit hooks, and tomlkit kept off every command's path."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_process import base_env
from tests.conftest import FIXTURES, REPO, Invoke

SAMPLE = FIXTURES / "sample.toml"
UNFORMATTED = """\
# A comment that must survive.
[[event]]
title = "Moscow Declaration"   # trailing
kind = "document"
date = "2001-08-04"
id = "moscow-declaration"

[[event]]
id = "earlier"
date = "2000"
kind = "visit"
title = "Earlier"
"""
INVALID = '[[event]]\nid = "a"\ndate = "2001-13"\nkind = "k"\ntitle = "t"\n'


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- chrono fmt ------------------------------------------------------------------------------


def test_fmt_rewrites_keeps_comments_and_events(invoke: Invoke, tmp_path: Path) -> None:
    target = _write(tmp_path / "c.toml", UNFORMATTED)
    before = invoke(["list", "--data", str(target), "--format", "json"]).stdout
    os.chmod(target, 0o640)
    result = invoke(["fmt", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"reformatted {target}\nchrono fmt: 1 file reformatted, 0 unchanged\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith('# A comment that must survive.\n[[event]]\nid = "moscow-declaration"\ndate = 2001-08-04\n')
    assert 'title = "Moscow Declaration"  # trailing\n' in text
    assert invoke(["--no-cache", "list", "--data", str(target), "--format", "json"]).stdout == before
    assert (target.stat().st_mode & 0o777) == 0o640  # the file's mode is kept
    assert not [p for p in tmp_path.iterdir() if p.name != "c.toml"]  # no temporary file left


def test_fmt_follows_a_link_and_keeps_hard_links(invoke: Invoke, tmp_path: Path) -> None:
    """A formatted file stays what it was: a symbolic link stays a link to the reformatted file,
    and a file with a second hard link is rewritten in place, so both names see the new text."""
    real = _write(tmp_path / "real.toml", UNFORMATTED)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assert invoke(["fmt", str(link)]).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith(
        "# A comment that must survive.\n[[event]]"
    )
    other = _write(tmp_path / "other.toml", UNFORMATTED)
    twin = tmp_path / "twin.toml"
    os.link(other, twin)
    inode = other.stat().st_ino
    assert invoke(["fmt", str(other)]).exit_code == 0
    assert other.stat().st_ino == inode and twin.read_text(encoding="utf-8") == real.read_text(encoding="utf-8")


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_fmt_keeps_owner_and_group(invoke: Invoke, tmp_path: Path) -> None:
    target = _write(tmp_path / "c.toml", UNFORMATTED)
    os.chown(target, 4321, 4321)
    assert invoke(["fmt", str(target)]).exit_code == 0
    assert (target.stat().st_uid, target.stat().st_gid) == (4321, 4321)


def test_fmt_leaves_a_formatted_file_alone(invoke: Invoke, tmp_path: Path) -> None:
    target = _write(tmp_path / "c.toml", UNFORMATTED)
    assert invoke(["fmt", str(target)]).exit_code == 0
    past = 1_000_000_000
    os.utime(target, (past, past))
    inode = target.stat().st_ino
    result = invoke(["fmt", str(target)])
    assert (result.exit_code, result.stderr) == (0, "chrono fmt: 0 files reformatted, 1 unchanged\n")
    assert target.stat().st_mtime == past and target.stat().st_ino == inode


def test_fmt_check_lists_files_and_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    messy = _write(tmp_path / "a.toml", UNFORMATTED)
    tidy = _write(tmp_path / "b.toml", SAMPLE.read_text(encoding="utf-8"))
    result = invoke(["fmt", "--check", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (1, f"{messy}\n")
    assert result.stderr == "chrono fmt: 1 file would be reformatted, 1 unchanged\n"
    assert messy.read_text(encoding="utf-8") == UNFORMATTED
    clean = invoke(["fmt", "--check", str(tidy)])
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_fmt_diff_is_unified_and_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    messy = _write(tmp_path / "a.toml", UNFORMATTED)
    result = invoke(["fmt", "--diff", str(messy)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"--- {messy}", f"+++ {messy} (formatted)"]
    assert '-date = "2001-08-04"' in lines and "+date = 2001-08-04" in lines
    assert messy.read_text(encoding="utf-8") == UNFORMATTED


def test_fmt_stdin_to_stdout(invoke: Invoke) -> None:
    result = invoke(["fmt", "-"], input=UNFORMATTED)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith('# A comment that must survive.\n[[event]]\nid = "moscow-declaration"\n')
    again = invoke(["fmt", "-"], input=result.stdout)
    assert again.stdout == result.stdout
    assert invoke(["fmt", "--check", "-"], input=result.stdout).exit_code == 0
    assert invoke(["fmt", "--check", "-"], input=UNFORMATTED).exit_code == 1


def test_fmt_sort(invoke: Invoke, tmp_path: Path) -> None:
    target = _write(tmp_path / "c.toml", UNFORMATTED)
    assert invoke(["fmt", "--sort", str(target)]).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.index('id = "earlier"') < text.index('id = "moscow-declaration"')
    assert text.index("# A comment that must survive.") < text.index('id = "moscow-declaration"')


def test_fmt_refuses_an_invalid_file_untouched(invoke: Invoke, tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.toml", INVALID)
    good = _write(tmp_path / "good.toml", UNFORMATTED)
    result = invoke(["fmt", str(bad), str(good)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(f"{bad}:3:8: error: event 'a': date: '2001-13'")
    assert f"chrono fmt: {bad}: not formatted, invalid" in result.stderr
    assert bad.read_text(encoding="utf-8") == INVALID
    assert good.read_text(encoding="utf-8") != UNFORMATTED  # the valid one is still formatted
    missing = invoke(["fmt", str(tmp_path / "nope.toml")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


@pytest.mark.parametrize(
    "source", [*sorted(FIXTURES.glob("*.toml")), REPO / "data" / "dprk-russia.toml"], ids=lambda p: p.name
)
def test_fmt_of_a_fixture_changes_no_event(invoke: Invoke, tmp_path: Path, source: Path) -> None:
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    listing = ["--no-cache", "list", "--data", str(target), "--format", "json"]
    before = invoke(listing).stdout
    assert invoke(["fmt", "--sort", str(target)]).exit_code == 0
    assert invoke(listing).stdout == before


def test_fmt_over_every_bundled_file_changes_nothing(invoke: Invoke) -> None:
    result = invoke(["fmt", "--check", str(REPO / "data")])
    assert (result.exit_code, result.stdout) == (0, "")


# -- chrono edit -----------------------------------------------------------------------------


def _editor(tmp_path: Path, body: str, name: str = "ed itor.sh") -> str:
    """A small editor: a shell script given '+LINE FILE'; its path has a space, as paths do."""
    script = tmp_path / name
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(0o755)
    return f"'{script}'"


def test_edit_valid_change_is_installed_at_the_event_line(invoke: Invoke, tmp_path: Path) -> None:
    data = _write(tmp_path / "c.toml", SAMPLE.read_text(encoding="utf-8"))
    args = tmp_path / "args"
    editor = _editor(tmp_path, f'printf "%s\\n" "$@" > "{args}"\nsed -i "s/Moscow Declaration/Moscow Decl./" "$2"\n')
    result = invoke(["edit", "moscow-declaration", "--data", str(data)], env={"EDITOR": editor, "VISUAL": None})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"chrono edit: {data} updated\n"
    line, copy = args.read_text(encoding="utf-8").split()
    text = data.read_text(encoding="utf-8")
    assert text.splitlines()[int(line[1:]) - 1] == 'id = "moscow-declaration"'
    assert copy != str(data) and not Path(copy).exists()  # a copy was edited, then removed
    assert 'title = "Moscow Decl."' in text


def test_edit_finds_by_prefix_and_by_words_and_prefers_visual(invoke: Invoke, tmp_path: Path) -> None:
    data = _write(tmp_path / "c.toml", SAMPLE.read_text(encoding="utf-8"))
    args = tmp_path / "args"
    visual = _editor(tmp_path, f'echo "$1" > "{args}"\n', "visual.sh")
    never = _editor(tmp_path, "exit 9\n", "never.sh")
    for query, key in (
        ("joint", "joint-declaration"),
        ("declaration moscow", "moscow-declaration"),
        ("2002 visit", "visit-2002"),
    ):
        result = invoke(["edit", *query.split(), "--data", str(data)], env={"VISUAL": visual, "EDITOR": never})
        assert (result.exit_code, result.stderr) == (0, f"chrono edit: no changes to {data}\n")
        line = int(args.read_text(encoding="utf-8").strip()[1:])
        assert data.read_text(encoding="utf-8").splitlines()[line - 1] == f'id = "{key}"'
    ambiguous = invoke(["edit", "declaration", "--data", str(data)], env={"VISUAL": visual})
    assert ambiguous.exit_code == 1


def test_edit_invalid_without_a_terminal_saves_the_text_beside(invoke: Invoke, tmp_path: Path) -> None:
    original = SAMPLE.read_text(encoding="utf-8")
    data = _write(tmp_path / "c.toml", original)
    (tmp_path / "c.toml.chrono-edit-1").write_text("earlier")
    editor = _editor(tmp_path, 'sed -i "s/date = 2001-08-04$/date = 2001-13-04/" "$2"\n')
    result = invoke(["edit", "moscow-declaration", "--data", str(data)], env={"EDITOR": editor, "VISUAL": None})
    assert result.exit_code == 2
    saved = tmp_path / "c.toml.chrono-edit-2"
    assert data.read_text(encoding="utf-8") == original  # untouched
    assert "date = 2001-13-04" in saved.read_text(encoding="utf-8")  # nothing typed is lost
    assert (tmp_path / "c.toml.chrono-edit-1").read_text() == "earlier"
    assert "invalid TOML" in result.stderr or "error:" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"chrono edit: {data} left unchanged; your edited text with 1 problem(s) is saved in {saved}"
    )


def test_edit_checks_across_the_other_files(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    data = _write(folder / "a.toml", SAMPLE.read_text(encoding="utf-8"))
    _write(folder / "b.toml", '[[event]]\nid = "other"\ndate = 2001-01-01\nkind = "k"\ntitle = "O"\n')
    editor = _editor(tmp_path, 'sed -i "s/id = \\"moscow-declaration\\"/id = \\"other\\"/" "$2"\n')
    result = invoke(["edit", "moscow-declaration", "--data", str(folder)], env={"EDITOR": editor, "VISUAL": None})
    assert result.exit_code == 2 and "duplicate id" in result.stderr
    assert 'id = "moscow-declaration"' in data.read_text(encoding="utf-8")


def test_edit_failing_editor_keeps_the_text(invoke: Invoke, tmp_path: Path) -> None:
    data = _write(tmp_path / "c.toml", SAMPLE.read_text(encoding="utf-8"))
    editor = _editor(tmp_path, 'echo "# typed" >> "$2"\nexit 3\n')
    result = invoke(["edit", "ongoing", "--data", str(data)], env={"EDITOR": editor, "VISUAL": None})
    assert result.exit_code == 2 and "the editor exited with status 3" in result.stderr
    assert data.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")
    assert (tmp_path / "c.toml.chrono-edit-1").read_text(encoding="utf-8").endswith("# typed\n")


def test_edit_refuses_bundled_and_stdin(invoke: Invoke, tmp_path: Path) -> None:
    editor = _editor(tmp_path, "exit 0\n")
    bundled = invoke(["edit", "moscow-declaration", "--data", "dprk-russia"], env={"EDITOR": editor})
    assert bundled.exit_code == 2 and "'dprk-russia' is a bundled chronology and cannot be edited" in bundled.stderr
    default = invoke(["edit", "moscow"], env={"EDITOR": editor})
    assert default.exit_code == 2 and "bundled chronology" in default.stderr
    piped = invoke(["edit", "moscow", "--data", "-"], input=SAMPLE.read_text(encoding="utf-8"))
    assert piped.exit_code == 2 and "standard input cannot be edited" in piped.stderr
    unknown = invoke(["edit", "no-such-event", "--data", str(SAMPLE)], env={"EDITOR": editor})
    assert unknown.exit_code == 1 and "no event 'no-such-event'" in unknown.stderr


def _edit_in_pty(tmp_path: Path, data: Path, editor: str, answers: list[bytes]) -> tuple[int, str]:
    """Run chrono edit on a pseudo-terminal, answering each question in turn."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "chrono", "edit", "moscow-declaration", "--data", str(data)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**base_env(), "EDITOR": editor, "TERM": "dumb"},
    )
    os.close(slave)
    output, answered = b"", 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            while answered < output.count(b"anyway? ") and answers:
                os.write(master, answers.pop(0))
                answered += 1
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=10), output.decode("utf-8", "replace")


def test_edit_on_a_terminal_asks_edit_again_discard_or_keep(tmp_path: Path) -> None:
    original = SAMPLE.read_text(encoding="utf-8")
    counter = tmp_path / "count"
    # First run breaks the date; the second (after "edit again") mends it.
    editor = _editor(
        tmp_path,
        f'n=$(cat "{counter}" 2>/dev/null || echo 0); echo $((n+1)) > "{counter}"\n'
        'if [ "$n" = 0 ]; then sed -i "s/date = 2001-08-04$/date = 2001-13-04/" "$2";\n'
        'else sed -i "s/date = 2001-13-04$/date = 2001-08-05/" "$2"; fi\n',
    )
    data = _write(tmp_path / "c.toml", original)
    code, output = _edit_in_pty(tmp_path, data, editor, [b"e\n"])
    assert code == 0, output
    assert "[e]dit again, [d]iscard the edit, [k]eep it anyway? " in output
    assert counter.read_text().strip() == "2"
    assert "date = 2001-08-05" in data.read_text(encoding="utf-8")

    counter.unlink()
    data = _write(tmp_path / "c.toml", original)
    code, output = _edit_in_pty(tmp_path, data, editor, [b"d\n"])
    assert code == 1 and data.read_text(encoding="utf-8") == original
    assert "edit discarded" in output

    counter.unlink()
    code, output = _edit_in_pty(tmp_path, data, editor, [b"k\n"])
    assert code == 0 and "date = 2001-13-04" in data.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("c.toml.chrono-edit-*"))


# -- check --format github, diff of directories ----------------------------------------------


def test_check_github_annotations_are_escaped(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    bad = _write(folder / "x.toml", '[[event]]\nid = "a"\ndate = "2001"\nkind = "k"\ntitle = "100% sure"\n\n' + INVALID)
    result = invoke(["check", "--format", "github", str(bad)])
    assert result.exit_code == 1
    escaped = str(bad).replace(":", "%3A").replace(",", "%2C")
    assert result.stdout.splitlines() == [
        f"::warning file={escaped},line=2,col=6,title=no-source::event 'a': no source is cited",
        f"::error file={escaped},line=8,col=6,title=duplicate-id::event 'a': duplicate id (first defined at {bad}:2)",
        f"::error file={escaped},line=9,col=8,title=bad-date::event 'a': date: '2001-13' is not a valid date:"
        " month 13 is out of range 01-12",
    ]


def test_github_escaping_of_message_and_properties() -> None:
    from chrono.errors import Problem, Severity
    from chrono.render.github import annotation

    problem = Problem("d,1:x.toml", 3, 4, Severity.ERROR, "c:o,de", "50% done\r\nnext\nline")
    assert (
        annotation(problem)
        == "::error file=d%2C1%3Ax.toml,line=3,col=4,title=c%3Ao%2Cde::50%25 done%0D%0Anext%0Aline\n"
    )


def test_diff_of_directories_names_each_change_file(invoke: Invoke, tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for side in (old, new):
        side.mkdir()
        _write(side / "a.toml", SAMPLE.read_text(encoding="utf-8"))
        _write(side / "b.toml", '[[event]]\nid = "b1"\ndate = 2001-01-01\nkind = "k"\ntitle = "T"\n')
    _write(new / "b.toml", '[[event]]\nid = "b1"\ndate = 2001-01-01\nkind = "k"\ntitle = "T2"\n')
    records = json.loads(invoke(["diff", str(old), str(new), "--format", "json"]).stdout)
    assert [(r["id"], r["file"]) for r in records] == [("b1", "b.toml")]
    text = invoke(["diff", str(old), str(new), "--format", "text", "--color", "never"]).stdout
    assert "  ~ b1  [b.toml]\n" in text
    tsv = invoke(["diff", str(old), str(new)]).stdout
    assert tsv == "changed\tb1\ttitle\tT\tT2\t\n"  # six fields; no file column in TSV


# -- pre-commit, and the import of tomlkit ---------------------------------------------------


def test_pre_commit_hooks_file_declares_both_hooks() -> None:
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = text.split("- id: ")[1:]
    entries = {block.split("\n")[0]: block for block in hooks}
    assert set(entries) == {"chrono-check", "chrono-fmt"}
    assert "entry: chrono check\n" in entries["chrono-check"]
    assert "entry: chrono fmt --check\n" in entries["chrono-fmt"]
    assert all("language: python\n" in block and "types: [toml]\n" in block for block in hooks)


def _loaded(args: list[str]) -> set[str]:
    code = (
        "import sys, io\n"
        "from chrono.cli.main import cli\n"
        "sys.stdout = io.StringIO(); sys.stderr = io.StringIO()\n"
        f"cli.main({args!r}, standalone_mode=False)\n"
        "sys.stdout = sys.__stdout__\n"
        "print(' '.join(sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=base_env(), timeout=60, check=False
    )
    return set(out.stdout.split())


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["check", str(SAMPLE)],
        ["diff", str(SAMPLE), str(SAMPLE)],
        ["show", "moscow"],
        ["--help"],
        ["fmt", "--check", str(SAMPLE)],
    ],
    ids=lambda a: a[0],
)
def test_no_command_loads_tomlkit(args: list[str]) -> None:
    """tomlkit is only the tests' oracle for fmt's comment scanner (it builds a whole document)."""
    loaded = _loaded(args)
    assert "chrono.cli.main" in loaded
    assert not {m for m in loaded if m.split(".")[0] == "tomlkit"}


def test_what_add_and_import_write_is_already_formatted(invoke: Invoke, tmp_path: Path) -> None:
    """A pre-commit `chrono-fmt` hook passes right after `chrono add` or `chrono import`."""
    data = tmp_path / "new.toml"
    data.write_text("", encoding="utf-8")
    for args in (
        ["--date", "2020-01-02", "--kind", "k", "--title", "x", "--actor", "A", "--tag", "t"],
        ["--date", "2021", "--end", "2022-03", "--kind", "k", "--title", "y", "--summary", "two\nlines"],
    ):
        assert invoke(["add", "--data", str(data), *args]).exit_code == 0
    assert invoke(["fmt", "--check", str(data)]).exit_code == 0, data.read_text(encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text(
        'date,title,kind,actors,extra\n2001,A,k,X;Y,"{""n"": 1, ""t"": {""a"": [1, 2]}}"\n', encoding="utf-8"
    )
    imported = tmp_path / "imported.toml"
    assert invoke(["import", "csv", str(rows), "-o", str(imported)]).exit_code == 0
    assert invoke(["fmt", "--check", str(imported)]).exit_code == 0, imported.read_text(encoding="utf-8")


def test_edit_one_file_of_a_directory_chronology(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """data/events.toml cites a source of data/sources.toml: editing it alone works, checked
    within the directory, as `chrono add` does."""
    data = tmp_path / "data"
    data.mkdir()
    events = _write(
        data / "events.toml",
        '[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "talks"\ntitle = "Old title"\nsources = ["s"]\n',
    )
    _write(data / "sources.toml", '[[source]]\nid = "s"\ntitle = "A source"\n')
    editor = _editor(tmp_path, 'sed -i "s/Old title/New title/" "$2"\n')
    result = invoke(["edit", "a", "--data", str(events)], env={"EDITOR": editor, "VISUAL": None})
    assert result.exit_code == 0, result.stderr
    assert 'title = "New title"' in events.read_text(encoding="utf-8")
    broken = _editor(tmp_path, 'sed -i "s/\\"s\\"/\\"nowhere\\"/" "$2"\n', name="broken.sh")
    result = invoke(["edit", "a", "--data", str(events)], env={"EDITOR": broken, "VISUAL": None})
    assert result.exit_code == 2 and "nowhere" in result.stderr
    assert 'sources = ["s"]' in events.read_text(encoding="utf-8")  # left as it was
    monkeypatch.chdir(data)
    inside = invoke(["edit", "a", "--data", "events.toml"], env={"EDITOR": editor, "VISUAL": None})
    assert inside.exit_code == 0, inside.stderr  # named from inside its directory: not loaded twice


def test_fmt_accepts_what_import_wrote_with_nan_in_extra(invoke: Invoke, tmp_path: Path) -> None:
    """A NaN equals a NaN when fmt checks that the data is unchanged (as chrono diff has it)."""
    rows = tmp_path / "n.csv"
    rows.write_text('date,title,ex\n2020-01-01,T,"{""x"": NaN, ""y"": {""z"": NaN}}"\n', encoding="utf-8")
    out = tmp_path / "n.toml"
    assert (
        invoke(
            ["import", "csv", str(rows), "--map", "date=date,title=title,extra=ex", "--kind", "k", "-o", str(out)]
        ).exit_code
        == 0
    )
    result = invoke(["fmt", "--check", str(out)])
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("args", [["--check"], ["--diff"], []])
def test_fmt_takes_an_empty_file(invoke: Invoke, tmp_path: Path, args: list[str]) -> None:
    """Found by the fuzz once it ran every registered command: an empty file has no table to scan."""
    empty = tmp_path / "empty.toml"
    empty.write_bytes(b"")
    result = invoke(["fmt", *args, str(empty)])
    assert result.exit_code == 0, result.stderr
    assert empty.read_bytes() == b""

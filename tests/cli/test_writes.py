"""Files chrono writes: nothing lost (parallel adds), nothing clobbered (-o onto devices, FIFOs
and links), and what a file is kept (links, hard links, owner, group, mode, line endings).

Tests needing root (device nodes, other owners, other users) skip elsewhere; CI runs as root.
Device nodes are made in a temporary directory, never in the real /dev.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import tomli

from chrono.loading.dataset import load
from tests.conftest import FIXTURES, Invoke

SAMPLE = FIXTURES / "sample.toml"
ONE = '[[event]]\nid = "base"\ndate = "2001"\nkind = "k"\ntitle = "The base event"\n'
root_only = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (CI runs as root)")


def add(
    invoke: Invoke, path: Path | str, title: str, *extra: str, env: dict[str, str | None] | None = None
) -> tuple[int, str, str]:
    args = ["add", "--data", str(path), "--date", "2024", "--kind", "talks", "--title", title, *extra]
    result = invoke(args, env=env)
    return result.exit_code, result.stdout, result.stderr


def event_ids(path: Path) -> set[str]:
    return {event.id for event in load([str(path)]).events}


# --- nothing lost -------------------------------------------------------------------------------


def test_twenty_parallel_adds_all_land(tmp_path: Path) -> None:
    target = tmp_path / "c.toml"
    target.write_text(ONE, encoding="utf-8")
    env = {**os.environ, "CHRONO_DATA": "", "CHRONO_CACHE": "0"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "chrono",
                "add",
                "--data",
                str(target),
                "--date",
                "2024",
                "--kind",
                "talks",
                "--title",
                f"Talks {number}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for number in range(20)
    ]
    outcomes = [(proc.returncode, out, err) for proc in procs for out, err in [proc.communicate()]]
    assert [code for code, _, _ in outcomes] == [0] * 20, [err for _, _, err in outcomes]
    printed = {out.decode().strip() for _, out, _ in outcomes}
    assert printed == {f"2024-talks-{number}" for number in range(20)}
    assert event_ids(target) == printed | {"base"}  # all 21
    assert target.read_text(encoding="utf-8").startswith(ONE)


def test_parallel_adds_through_a_link_and_a_hard_link_in_another_directory(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    target = tmp_path / "a" / "c.toml"
    target.write_text(ONE, encoding="utf-8")
    os.link(target, tmp_path / "b" / "hard.toml")
    (tmp_path / "b" / "soft.toml").symlink_to(target)
    names = [target, tmp_path / "b" / "hard.toml", tmp_path / "b" / "soft.toml"] * 4
    env = {**os.environ, "CHRONO_DATA": "", "CHRONO_CACHE": "0"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "chrono",
                "add",
                "--data",
                str(name),
                "--date",
                "2024",
                "--kind",
                "k",
                "--title",
                f"Via {number}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for number, name in enumerate(names)
    ]
    outcomes = [(*proc.communicate(), proc.returncode) for proc in procs]
    assert [code for _, _, code in outcomes] == [0] * len(names), outcomes
    assert len(event_ids(target)) == len(names) + 1
    assert os.stat(target).st_ino == os.stat(tmp_path / "b" / "hard.toml").st_ino
    assert (tmp_path / "b" / "soft.toml").is_symlink()


# --- explicit tables ----------------------------------------------------------------------------


def test_add_to_an_empty_file_writes_an_explicit_table_that_can_be_appended_to(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "new.toml"
    target.write_bytes(b"")
    assert add(invoke, target, "Talks in Moscow")[:2] == (0, "2024-talks-in-moscow\n")
    assert add(invoke, target, "Talks in Moscow")[:2] == (0, "2024-talks-in-moscow-2\n")
    text = target.read_text(encoding="utf-8")
    assert text.count("[[event]]\n") == 2 and "event = [" not in text
    assert event_ids(target) == {"2024-talks-in-moscow", "2024-talks-in-moscow-2"}


def test_add_a_short_event_after_a_short_file(invoke: Invoke, tmp_path: Path) -> None:
    """The issue's reproduction: a 5-line file, a short event (tomli-w wrote it inline)."""
    target = tmp_path / "s.toml"
    target.write_text(ONE, encoding="utf-8")
    code, out, err = add(invoke, target, "Talks in Moscow")
    assert (code, out, err) == (0, "2024-talks-in-moscow\n", "")
    assert add(invoke, target, "More talks", "--tag", "x")[0] == 0
    assert event_ids(target) == {"base", "2024-talks-in-moscow", "2024-more-talks"}


def test_import_of_short_rows_writes_explicit_tables(invoke: Invoke, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("date,title,kind,sources\n2001,A,k,press\n2002,B,k,\n", encoding="utf-8")
    out = tmp_path / "out.toml"
    result = invoke(["import", "csv", str(rows), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.count("[[event]]\n") == 2 and text.count("[[source]]\n") == 1
    assert " = [ {" not in text and "= [\n    {" not in text
    assert add(invoke, out, "Appended")[0] == 0
    assert event_ids(out) == {"2001-a", "2002-b", "2024-appended"}


def test_timelinejs_import_writes_explicit_actor_tables(invoke: Invoke, tmp_path: Path) -> None:
    doc = {
        "events": [{"start_date": {"year": "2001"}, "text": {"headline": "A"}}],
        "chrono": {"actors": [{"id": "p", "name": "P"}], "sources": [{"id": "s", "title": "S"}]},
    }
    source = tmp_path / "tl.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    result = invoke(["import", "timelinejs", str(source)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("[[actor]]\n") == 1 and result.stdout.count("[[source]]\n") == 1
    assert "actor = [" not in result.stdout and "source = [" not in result.stdout


# --- -o never renames over what is not a regular file -----------------------------------------


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device like /dev/null (1, 3), made in the test's own directory."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root (CI runs as root)")
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("this container may not make device nodes")
    return node


@pytest.mark.parametrize("fmt", ["markdown", "ics", "html", "timelinejs"])
def test_export_onto_a_device_writes_into_it(invoke: Invoke, device: Path, fmt: str) -> None:
    before = os.stat(device)
    result = invoke(["export", "--format", fmt, "--data", str(SAMPLE), "-o", str(device)])
    assert result.exit_code == 0, result.stderr
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert [p.name for p in device.parent.iterdir()] == ["null"]  # no temporary left behind


def test_import_onto_a_device_writes_into_it(invoke: Invoke, device: Path, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("date,title,kind\n2001,A,k\n", encoding="utf-8")
    result = invoke(["import", "csv", str(rows), "-o", str(device)])
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)


def read_fifo(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    got: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as stream:
            got.append(stream.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread, got


def test_export_onto_a_fifo_writes_into_it(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, got = read_fifo(fifo)
    result = invoke(["export", "--format", "markdown", "--data", str(SAMPLE), "--title", "Piped", "-o", str(fifo)])
    thread.join(60)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(b"# Piped\n") and b"Friendship treaty signed" in got[0]


def test_export_through_a_link_replaces_its_target(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    result = invoke(["export", "--format", "markdown", "--data", str(SAMPLE), "--title", "T", "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert target.read_text(encoding="utf-8").startswith("# T\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_import_onto_a_dangling_link_needs_force(invoke: Invoke, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("date,title,kind\n2001,A,k\n", encoding="utf-8")
    link = tmp_path / "out.toml"
    link.symlink_to("missing.toml")
    refused = invoke(["import", "csv", str(rows), "-o", str(link)])
    assert refused.exit_code == 2 and "does not exist; pass --force" in refused.stderr
    assert link.is_symlink() and not (tmp_path / "missing.toml").exists()
    forced = invoke(["import", "csv", str(rows), "-o", str(link), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert link.is_symlink() and event_ids(tmp_path / "missing.toml") == {"2001-a"}


def test_import_onto_an_existing_file_needs_force(invoke: Invoke, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("date,title,kind\n2001,A,k\n", encoding="utf-8")
    out = tmp_path / "out.toml"
    out.write_text("keep\n", encoding="utf-8")
    refused = invoke(["import", "csv", str(rows), "-o", str(out)])
    assert refused.exit_code == 2 and "exists; pass --force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep\n"


def _export_to(target: str, stdout: int) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "CHRONO_DATA": "", "CHRONO_CACHE": "0"}
    command = [sys.executable, "-m", "chrono", "export", "--format", "markdown", "--data", str(SAMPLE), "-o", target]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, env=env, check=False)


def test_output_to_standard_output_through_a_proc_link_is_not_lost(tmp_path: Path) -> None:
    """``-o /dev/stdout``, tested through a link of our own to /proc/self/fd/1 (the same magic link):
    a broken chrono would replace this link, not the machine's /dev/stdout."""
    if not os.path.exists("/proc/self/fd/1"):
        pytest.skip("no /proc")
    stdout_link = tmp_path / "stdout"
    stdout_link.symlink_to("/proc/self/fd/1")
    piped = _export_to(str(stdout_link), subprocess.PIPE)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(b"# Chronology\n") and b"Friendship treaty signed" in piped.stdout
    log = tmp_path / "log.md"
    log.write_bytes(b"earlier lines\n")
    with open(log, "ab") as appending:  # the shell's >>
        assert _export_to(str(stdout_link), appending.fileno()).returncode == 0
    assert log.read_bytes().startswith(b"earlier lines\n# Chronology\n")
    assert stdout_link.is_symlink()
    with open(log, "wb") as truncating:  # the shell's >
        assert _export_to(str(stdout_link), truncating.fileno()).returncode == 0
    assert log.read_bytes().startswith(b"# Chronology\n")


@root_only
def test_export_keeps_the_owner_group_and_mode_of_the_file_it_replaces(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("old\n", encoding="utf-8")
    os.chown(out, 1234, 2345)
    out.chmod(0o640)
    assert invoke(["export", "--format", "markdown", "--data", str(SAMPLE), "-o", str(out)]).exit_code == 0
    info = out.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 2345, 0o640)
    assert out.read_text(encoding="utf-8").startswith("# Chronology")


# --- add keeps what a file is -------------------------------------------------------------------


def test_add_through_a_symbolic_link_writes_its_target(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    real = tmp_path / "repo" / "events.toml"
    real.write_text(ONE, encoding="utf-8")
    link = tmp_path / "events.toml"
    link.symlink_to(real)
    assert add(invoke, link, "Via the link")[:2] == (0, "2024-via-the-link\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert event_ids(real) == {"base", "2024-via-the-link"}


def test_add_keeps_hard_links_together(invoke: Invoke, tmp_path: Path) -> None:
    first = tmp_path / "one.toml"
    first.write_text(ONE, encoding="utf-8")
    second = tmp_path / "two.toml"
    os.link(first, second)
    inode = first.stat().st_ino
    assert add(invoke, second, "Through the second name")[0] == 0
    assert first.stat().st_ino == second.stat().st_ino == inode and first.stat().st_nlink == 2
    assert event_ids(first) == {"base", "2024-through-the-second-name"}
    assert first.read_text(encoding="utf-8").startswith(ONE)


@root_only
def test_add_keeps_owner_group_and_mode(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "shared.toml"
    target.write_text(ONE, encoding="utf-8")
    os.chown(target, 1234, 2345)
    target.chmod(0o600)
    assert add(invoke, target, "Kept")[0] == 0
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 2345, 0o600)
    assert event_ids(target) == {"base", "2024-kept"}


def test_add_keeps_crlf_line_endings(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "dos.toml"
    target.write_bytes(ONE.replace("\n", "\r\n").encode())
    assert add(invoke, target, "Windows", "--tag", "a", "--tag", "b", "--summary", "two\nlines")[0] == 0
    raw = target.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 10
    event = load([str(target)]).by_id()["2024-windows"]
    assert (event.tags, event.summary) == (("a", "b"), "two\nlines")


def test_add_refuses_what_is_not_a_regular_file(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    code, _, err = add(invoke, fifo, "Never")
    assert code == 2 and "not a regular file" in err and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    code, _, err = add(invoke, tmp_path, "Never")
    assert code == 2 and "it is a directory" in err


@pytest.fixture
def open_directory() -> Iterator[Path]:
    """A directory other users can reach (pytest's own are 0700)."""
    with tempfile.TemporaryDirectory(prefix="chrono-writes-") as name:
        os.chmod(name, 0o755)
        yield Path(name)


def as_user(uid: int, gid: int, action: Callable[[], tuple[int, str]]) -> tuple[int, str]:
    """Run ``action`` in a forked child with effective uid and gid (and only that group).

    A forked child rather than a subprocess: the interpreter lives under /root here, which another
    user cannot run; the modules are imported before the fork (see ``warm``)."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(reading)
            os.setgroups([gid])
            os.setegid(gid)
            os.seteuid(uid)
            outcome = action()
            os.write(writing, json.dumps(outcome).encode())
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as stream:
        payload = stream.read()
    os.waitpid(pid, 0)
    assert payload, "the child failed"
    code, err = json.loads(payload)
    return int(code), str(err)


def elsewhere(directory: Path) -> dict[str, str | None]:
    """Configuration and cache where the other user may look (the session's are root's, 0700)."""
    return {"XDG_CONFIG_HOME": str(directory / "none"), "XDG_CACHE_HOME": str(directory / "none"), "CHRONO_CACHE": "0"}


def warm(invoke: Invoke, tmp_path: Path) -> None:
    """Import everything add needs, on success and on refusal, before dropping privileges."""
    scratch = tmp_path / "warm.toml"
    scratch.write_text(ONE, encoding="utf-8")
    assert add(invoke, scratch, "Warm")[0] == 0
    scratch.chmod(0o444)
    add(invoke, tmp_path / "missing.toml", "Warm")


@root_only
def test_add_refuses_a_file_the_caller_may_not_write(invoke: Invoke, open_directory: Path, tmp_path: Path) -> None:
    target = open_directory / "theirs.toml"
    target.write_text(ONE, encoding="utf-8")
    target.chmod(0o644)  # root's, readable by all, writable by root only
    warm(invoke, tmp_path)
    code, err = as_user(65534, 65534, lambda: add(invoke, target, "Not mine", env=elsewhere(open_directory))[::2])
    assert code == 2 and f"cannot add to '{target}': permission denied" in err
    assert target.read_text(encoding="utf-8") == ONE
    export = ["export", "--format", "markdown", "--data", str(SAMPLE), "-o", str(target)]
    assert invoke(export[:-2]).exit_code == 0  # imported before the fork
    open_directory.chmod(0o777)  # a rename would be allowed: the file's own permission decides

    def export_as_nobody() -> tuple[int, str]:
        result = invoke(export, env=elsewhere(open_directory))
        return result.exit_code, result.stderr

    code, err = as_user(65534, 65534, export_as_nobody)
    assert code == 2 and f"cannot write '{target}': permission denied" in err
    assert target.read_text(encoding="utf-8") == ONE


@root_only
def test_add_by_a_group_member_keeps_the_owner(invoke: Invoke, open_directory: Path, tmp_path: Path) -> None:
    """A group-shared file in a directory everyone may write: a rename would make the file the
    adder's; chrono appends in place instead."""
    open_directory.chmod(0o777)
    target = open_directory / "shared.toml"
    target.write_text(ONE, encoding="utf-8")
    os.chown(target, 1234, 2345)
    target.chmod(0o664)
    inode = target.stat().st_ino
    warm(invoke, tmp_path)
    code, err = as_user(4321, 2345, lambda: add(invoke, target, "By a colleague", env=elsewhere(open_directory))[::2])
    assert (code, err) == (0, "")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode), info.st_ino) == (1234, 2345, 0o664, inode)
    assert event_ids(target) == {"base", "2024-by-a-colleague"}
    assert sorted(p.name for p in open_directory.iterdir()) == ["shared.toml"]


# --- add to one file of a directory chronology --------------------------------------------------


@pytest.fixture
def chronology_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.toml").write_text('[[source]]\nid = "kremlin"\ntitle = "kremlin.ru"\n', encoding="utf-8")
    (data / "events.toml").write_text(ONE + 'sources = ["kremlin"]\n', encoding="utf-8")
    (data / "more.toml").write_text(ONE.replace('"base"', '"other"'), encoding="utf-8")
    return data


def test_add_to_one_file_of_a_directory_chronology(invoke: Invoke, chronology_dir: Path) -> None:
    events = chronology_dir / "events.toml"
    assert add(invoke, events, "Talks", "--source", "kremlin", "--related", "other")[:2] == (0, "2024-talks\n")
    assert "2024-talks" in {event.id for event in load([str(chronology_dir)]).events}
    code, _, err = add(invoke, events, "Talks", "--id", "other")
    assert code == 2 and "--id: an event 'other' exists already" in err
    code, _, err = add(invoke, events, "Talks", "--source", "tass")
    assert code == 2 and f"no [[source]] with id 'tass' in {chronology_dir / '*.toml'}" in err


def test_add_to_a_file_beside_unrelated_chronologies(invoke: Invoke, tmp_path: Path) -> None:
    """Files that do not load together (the same id twice) are separate chronologies."""
    (tmp_path / "a.toml").write_text(ONE, encoding="utf-8")
    (tmp_path / "b.toml").write_text(ONE, encoding="utf-8")
    assert add(invoke, tmp_path / "a.toml", "Alone")[0] == 0
    assert event_ids(tmp_path / "a.toml") == {"base", "2024-alone"}


def test_add_names_the_real_problem_of_a_broken_directory(invoke: Invoke, chronology_dir: Path) -> None:
    (chronology_dir / "sources.toml").write_text('[[source]]\nid = "kremlin"\n', encoding="utf-8")
    code, _, err = add(invoke, chronology_dir / "events.toml", "Talks")
    assert code == 2 and "sources.toml:1:1: error:" in err and "title" in err


# --- no internal errors -------------------------------------------------------------------------


@pytest.mark.parametrize("tomls", [0, 1, 2])
def test_import_of_a_directory_is_a_clear_error(invoke: Invoke, tmp_path: Path, tomls: int) -> None:
    for number in range(tomls):
        (tmp_path / f"f{number}.toml").write_text(ONE, encoding="utf-8")
    result = invoke(["import", "csv", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (2, f"chrono: error: cannot read '{tmp_path}': it is a directory\n")


def test_json_nulls_in_imported_extra_are_left_out(invoke: Invoke, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text('date,title,kind,extra\n2001,A,k,"{""a"": null, ""b"": [null, 1], ""c"": {""d"": null}}"\n')
    result = invoke(["import", "csv", str(rows)])
    assert result.exit_code == 0, result.stderr
    assert tomli.loads(result.stdout)["event"][0]["extra"] == {"b": [1], "c": {}}
    event = {"chrono": {"id": "a", "date": "2001", "kind": "k", "title": "t", "extra": {"x": None, "y": [None]}}}
    doc = tmp_path / "tl.json"
    doc.write_text(json.dumps({"events": [event]}), encoding="utf-8")
    result = invoke(["import", "timelinejs", str(doc)])
    assert result.exit_code == 0, result.stderr
    assert tomli.loads(result.stdout)["event"][0]["extra"] == {"y": []}


@pytest.mark.parametrize(
    "body",
    [
        '{"events": ' + "[" * 1000 + "]" * 1000 + "}",
        '{"events": [{"start_date": {"year": "2001"}, "group": ' + "[" * 1000 + "]" * 1000 + "}]}",
        '{"events": [{"chrono": {"id": "a", "date": "2001", "kind": "k", "title": "t", "extra": '
        + '{"a": ' * 1000
        + "1"
        + "}" * 1000
        + "}}]}",
    ],
)
def test_a_timelinejs_document_nested_a_thousand_deep_is_a_clear_error(
    invoke: Invoke, tmp_path: Path, body: str
) -> None:
    doc = tmp_path / "deep.json"
    doc.write_text(body, encoding="utf-8")
    result = invoke(["import", "timelinejs", str(doc)])
    assert result.exit_code == 2
    assert result.stderr.startswith("chrono: error: ") and "nested too deeply" in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_extra_nested_too_deeply_to_load_is_refused_before_writing(invoke: Invoke, tmp_path: Path) -> None:
    event = '{"chrono": {"id": "a", "date": "2001", "kind": "k", "title": "t", "extra": ' + '{"a": ' * 100 + "1"
    doc = tmp_path / "deep.json"
    doc.write_text('{"events": [' + event + "}" * 100 + "}}]}", encoding="utf-8")
    out = tmp_path / "out.toml"
    result = invoke(["import", "timelinejs", str(doc), "-o", str(out)])
    assert result.exit_code == 2 and "nested deeper than 32 levels" in result.stderr and not out.exists()


def test_a_csv_extra_nested_a_thousand_deep_is_kept_as_text(invoke: Invoke, tmp_path: Path) -> None:
    deep = "[" * 1000 + "]" * 1000
    rows = tmp_path / "rows.csv"
    rows.write_text(f"date,title,kind,extra\n2001,A,k,{deep}\n", encoding="utf-8")
    result = invoke(["import", "csv", str(rows)])
    assert result.exit_code == 0, result.stderr
    assert tomli.loads(result.stdout)["event"][0]["extra"] == {"extra": deep}


def test_text_that_is_not_utf8_is_a_clear_error_for_add_and_import(tmp_path: Path) -> None:
    """A title given as non-UTF-8 bytes, or a lone surrogate escaped in imported JSON: exit 2,
    one line, and the data file untouched."""
    import subprocess
    import sys

    data = tmp_path / "s.toml"
    data.write_text("", encoding="utf-8")
    argv = [sys.executable.encode(), b"-m", b"chrono", b"add", b"--data", bytes(data), b"--date", b"2020"]
    done = subprocess.run([*argv, b"--kind", b"visit", b"--title", b"\xff"], capture_output=True, check=False)
    assert done.returncode == 2 and b"not valid UTF-8" in done.stderr and b"Traceback" not in done.stderr
    assert data.read_text(encoding="utf-8") == ""
    rows = tmp_path / "rows.csv"
    rows.write_text('date,title,kind,extra\n2020,T,visit,"{""x"": ""\\ud800""}"\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "chrono", "import", "csv", str(rows)], capture_output=True, check=False
    )
    assert done.returncode == 2 and b"not valid UTF-8" in done.stderr and b"Traceback" not in done.stderr

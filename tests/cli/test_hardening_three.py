"""Issue 22, "Hardening, part three": each numbered fault of the review, as a test that failed
before the fix (the fault's number is in each test's docstring).

The cure is structural — every file chrono writes through ``chrono.writing``, every data file it
reads through ``chrono.loading.dataset.read_file``, every cache file (the SQL database included)
through ``chrono.cache.opener`` — so most tests drive the newest surfaces (``export --format
sqlite``, ``sql``, ``edit``, ``fmt``) into the cases the older ones already handled. Tests needing
root (device nodes, other owners) skip elsewhere; CI runs as root.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import chrono.cache.store
from chrono.cache.store import cache_file, checksum, encode, fingerprint, store
from chrono.loading.dataset import load
from tests.cli.test_writes import read_fifo
from tests.conftest import FIXTURES, Invoke

SAMPLE = FIXTURES / "sample.toml"
OTHER = 1234  # a user id that is not ours (tests that use it need root)
root_only = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (CI runs as root)")


def export_sqlite(invoke: Invoke, target: Path | str, *extra: str) -> tuple[int, str]:
    result = invoke(["export", "--format", "sqlite", "--data", str(SAMPLE), "-o", str(target), *extra])
    return result.exit_code, result.stderr


def titles(database: Path | bytes) -> list[str]:
    connection = sqlite3.connect(":memory:")
    connection.deserialize(database if isinstance(database, bytes) else database.read_bytes())
    return [row[0] for row in connection.execute("select title from events order by id")]


# 1. export --format sqlite -o FILE --force goes through the one writer ---------------------------


def test_export_sqlite_writes_into_a_fifo_without_replacing_it(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 1: the FIFO became a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, got = read_fifo(fifo)
    assert export_sqlite(invoke, fifo, "--force") == (0, "")
    thread.join(60)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(b"SQLite format 3\x00") and "Friendship treaty signed" in titles(got[0])


@root_only
def test_export_sqlite_writes_into_a_device_without_replacing_it(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 1: a device node became a regular file (as root, ``-o /dev/null --force`` would
    have replaced /dev/null)."""
    node = tmp_path / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    before = os.lstat(node)
    assert export_sqlite(invoke, node, "--force") == (0, "")
    after = os.lstat(node)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_export_sqlite_through_a_link_and_onto_a_hard_link(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 1: the symlink became a regular file; the hard link was split."""
    real = tmp_path / "real.sqlite"
    real.write_bytes(b"old")
    link = tmp_path / "link.sqlite"
    link.symlink_to("real.sqlite")
    assert export_sqlite(invoke, link, "--force") == (0, "")
    assert link.is_symlink() and "Friendship treaty signed" in titles(real)
    twin = tmp_path / "twin.sqlite"
    os.link(real, twin)
    real.write_bytes(b"old")
    assert export_sqlite(invoke, real, "--force") == (0, "")
    assert os.stat(real).st_ino == os.stat(twin).st_ino and twin.read_bytes() == real.read_bytes()
    assert "Friendship treaty signed" in titles(twin)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.sqlite", "real.sqlite", "twin.sqlite"]


@root_only
def test_export_sqlite_keeps_another_users_private_file_private(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 1: a 0600 file owned by another user became root's 0644."""
    target = tmp_path / "theirs.sqlite"
    target.write_bytes(b"old")
    os.chown(target, OTHER, OTHER)
    target.chmod(0o600)
    assert export_sqlite(invoke, target, "--force") == (0, "")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (OTHER, OTHER, 0o600)
    assert "Friendship treaty signed" in titles(target)


def test_export_sqlite_still_needs_force_and_leaves_no_temporary(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out.sqlite"
    target.write_bytes(b"keep")
    code, err = export_sqlite(invoke, target)
    assert code == 2 and "exists; pass --force" in err and target.read_bytes() == b"keep"
    assert [p.name for p in tmp_path.iterdir()] == ["out.sqlite"]


# 2. plain -o keeps hard links and extended attributes --------------------------------------------


def test_plain_output_keeps_hard_links_together(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 2: ``export -o`` and ``import -o`` split a hard link."""
    out = tmp_path / "out.md"
    out.write_text("old\n", encoding="utf-8")
    twin = tmp_path / "twin.md"
    os.link(out, twin)
    result = invoke(["export", "--format", "markdown", "--data", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert os.stat(out).st_ino == os.stat(twin).st_ino and twin.read_text(encoding="utf-8").startswith("# Chronology")
    rows = tmp_path / "rows.csv"
    rows.write_text("date,title,kind\n2001,A,k\n", encoding="utf-8")
    toml = tmp_path / "out.toml"
    toml.write_text("old\n", encoding="utf-8")
    os.link(toml, tmp_path / "twin.toml")
    assert invoke(["import", "csv", str(rows), "-o", str(toml), "--force"]).exit_code == 0
    assert (tmp_path / "twin.toml").read_text(encoding="utf-8") == toml.read_text(encoding="utf-8") != "old\n"


def test_plain_output_keeps_extended_attributes(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 2: a new inode dropped the file's extended attributes (ACLs, labels)."""
    out = tmp_path / "out.md"
    out.write_text("old\n", encoding="utf-8")
    try:
        os.setxattr(out, "user.chrono-test", b"kept")
    except OSError:
        pytest.skip("this filesystem has no user extended attributes")
    result = invoke(["export", "--format", "markdown", "--data", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert os.getxattr(out, "user.chrono-test") == b"kept"
    assert out.read_text(encoding="utf-8").startswith("# Chronology")


# 3. sql stops on Ctrl-C, within a time and a memory bound ----------------------------------------

ENDLESS = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
CROSS = "select count(*) from " + ", ".join(f"events e{n}" for n in range(7)) + " where e0.title != e1.title || 'x'"


def sql_process(statement: str, data: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CHRONO_DATA": "", "CHRONO_CACHE": "0"}
    command = [sys.executable, "-m", "chrono", "sql", statement, "--data", str(data), *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


@pytest.mark.parametrize("statement", [ENDLESS, CROSS], ids=["endless-cte", "7-way-cross-join"])
def test_sql_stops_at_once_on_ctrl_c(statement: str, tmp_path: Path) -> None:
    """Fault 3: still running 8 s after SIGINT; only SIGKILL ended it."""
    data = tmp_path / "forty.toml"
    data.write_text("".join(one_event(f"Event {n}").replace('"e"', f'"e{n}"') for n in range(40)), encoding="utf-8")
    process = sql_process(statement, data, "--timeout", "0")
    try:
        time.sleep(2.0)  # started, and deep in the statement
        assert process.poll() is None
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        process.wait(10)
        took = time.monotonic() - sent
    finally:
        process.kill()
        _, stderr = process.communicate()
    assert process.returncode == 130 and b"Traceback" not in stderr
    assert took < 0.5, f"took {took:.3f} s"  # 0.2 s asked; slack for a loaded test machine


def test_sql_timeout_and_memory_are_usage_errors(invoke: Invoke) -> None:
    """Fault 3: no time or memory bound (``zeroblob(999999999)`` was an internal error, exit 3)."""
    started = time.monotonic()
    slow = invoke(["sql", ENDLESS, "--data", str(SAMPLE), "--timeout", "0.5"])
    assert time.monotonic() - started < 10
    assert (slow.exit_code, slow.stdout) == (2, "")
    assert slow.stderr == "chrono: error: SQL: the statement ran longer than 0.5 s; stopped (see --timeout)\n"
    big = invoke(["sql", "select length(zeroblob(999999999))", "--data", str(SAMPLE)])
    assert (big.exit_code, big.stdout) == (2, "") and "needs more memory than chrono allows" in big.stderr
    assert len(big.stderr.splitlines()) == 1


def test_sql_timeout_is_documented_with_its_default(invoke: Invoke) -> None:
    help_text = invoke(["sql", "--help"]).stdout
    assert "--timeout SECONDS" in help_text and "[default: 60.0" in help_text


# 13. the authorizer denies fts3_tokenizer; the schema is not trusted -----------------------------


@pytest.mark.parametrize("statement", ["select fts3_tokenizer('simple')", "select FTS3_TOKENIZER('x', x'00')"])
def test_sql_refuses_fts3_tokenizer(invoke: Invoke, statement: str) -> None:
    """Fault 13: it printed a library address; the two-argument form registers a pointer."""
    result = invoke(["sql", statement, "--data", str(SAMPLE)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "not authorized" in result.stderr


def test_sql_connection_does_not_trust_the_schema() -> None:
    from chrono.sql.database import build_bytes, from_bytes
    from chrono.sql.statement import execute

    connection = from_bytes(build_bytes(load([str(SAMPLE)])))
    execute(connection, "select 1", __import__("datetime").date(2024, 1, 1))
    connection.set_authorizer(None)
    assert connection.execute("pragma trusted_schema").fetchone() == (0,)
    assert connection.execute("pragma query_only").fetchone() == (1,)


# 4, 5, 6, 7: the database beside the cache is a cache file like any other -------------------------


def cache_env(home: Path) -> dict[str, str | None]:
    return {"XDG_CACHE_HOME": str(home)}


def one_event(title: str) -> str:
    return f'[[event]]\nid = "e"\ndate = "2001"\nkind = "k"\ntitle = "{title}"\n'


def test_sql_checks_a_file_changed_in_the_same_tick_by_content(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault 4: on a filesystem with whole-second times a file rewritten in the same second at
    the same size keeps every field the key looks at; ``list`` showed the new text, ``sql`` the
    old one. Here the filesystem is made coarse by keeping the fingerprint as it was."""
    data = tmp_path / "d.toml"
    data.write_text(one_event("Old title"), encoding="utf-8")
    home = tmp_path / "home"
    first = invoke(["sql", "select title from events", "--data", str(data)], env=cache_env(home))
    assert first.stdout == "Old title\n"
    assert list((home / "chrono").glob("*.sqlite"))
    frozen = fingerprint([str(data)])
    data.write_text(one_event("New title"), encoding="utf-8")  # same size
    real = chrono.cache.store.fingerprint
    monkeypatch.setattr(
        chrono.cache.store, "fingerprint", lambda paths: frozen if paths == [str(data)] else real(paths)
    )
    assert invoke(["list", "--data", str(data), "--format", "ids", "--fields", "title"], env=cache_env(home))
    second = invoke(["sql", "select title from events", "--data", str(data)], env=cache_env(home))
    assert (second.exit_code, second.stdout, second.stderr) == (0, "New title\n", "")


def sqlite_path(home: Path, data: Path) -> Path:
    inputs = fingerprint([str(data)])
    assert inputs is not None
    return Path(cache_file(str(home / "chrono"), inputs).removesuffix(".cache") + ".sqlite")


def database_of(invoke: Invoke, home: Path, data: Path) -> Path:
    """The database file ``chrono sql`` keeps beside the cache for ``data`` (made here)."""
    before = set((home / "chrono").glob("*.sqlite")) if (home / "chrono").exists() else set()
    assert invoke(["sql", "select 1", "--data", str(data)], env=cache_env(home)).exit_code == 0
    (made,) = set((home / "chrono").glob("*.sqlite")) - before
    return made


def test_a_fifo_at_the_database_path_does_not_hang_sql(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 5: a FIFO at the ``.sqlite`` path hung ``sql`` forever."""
    data = tmp_path / "d.toml"
    data.write_bytes(SAMPLE.read_bytes())
    home = tmp_path / "home"
    target = database_of(invoke, home, data)
    target.unlink()
    os.mkfifo(target)
    env = {**os.environ, "XDG_CACHE_HOME": str(home), "CHRONO_CACHE_BACKGROUND": "0", "CHRONO_DATA": ""}
    command = [sys.executable, "-m", "chrono", "sql", "select count(*) from events", "--data", str(data)]
    done = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"8\n", b"")


def test_a_link_at_the_database_path_is_not_followed(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 5: a symlink there was followed (the answer came from another file's database)."""
    data = tmp_path / "d.toml"
    data.write_bytes(SAMPLE.read_bytes())
    other = tmp_path / "other.toml"
    other.write_text(one_event("Planted"), encoding="utf-8")
    home = tmp_path / "home"
    planted = database_of(invoke, home, other)
    target = database_of(invoke, home, data)
    target.unlink()
    target.symlink_to(planted)
    result = invoke(["sql", "select title from events where id = 'e'", "--data", str(data)], env=cache_env(home))
    assert (result.exit_code, result.stdout) == (0, "")
    assert invoke(["sql", "select count(*) from events", "--data", str(data)], env=cache_env(home)).stdout == "8\n"


def forge_cache(home: Path, data: Path, title: str) -> None:
    """A well-formed cache for ``data`` holding another chronology, as someone who can write the
    cache directory would plant it."""
    forged = data.with_name("forged.toml")
    forged.write_text(one_event(title), encoding="utf-8")
    inputs = fingerprint([str(data)])
    assert inputs is not None
    target = cache_file(str(home / "chrono"), inputs)
    store(target, encode(load([str(forged)]), inputs, [checksum(data.read_bytes())], 0))
    forged.unlink()


@root_only
def test_caches_in_a_directory_of_another_user_are_not_read(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 6: chrono refused to write there but read ``.cache`` and ``.sqlite`` files from it:
    root's ``chrono list`` printed a forged cache, root's ``chrono sql`` a planted database."""
    data = tmp_path / "d.toml"
    data.write_text(one_event("The real title"), encoding="utf-8")
    home = tmp_path / "home"
    assert invoke(["sql", "select 1", "--data", str(data)], env=cache_env(home)).exit_code == 0
    forge_cache(home, data, "Forged")
    planted = sqlite_path(home, data)
    from chrono.cache.blobs import write_blob
    from chrono.sql.database import build_bytes

    inputs = fingerprint([str(data)])
    assert inputs is not None
    forged = data.with_name("planted.toml")
    forged.write_text(one_event("Planted"), encoding="utf-8")
    write_blob(str(planted), build_bytes(load([str(forged)])), inputs, [checksum(data.read_bytes())], 0)
    for path in [home / "chrono", *(home / "chrono").iterdir()]:
        os.chown(path, OTHER, OTHER)
    listed = invoke(["list", "--data", str(data), "--format", "tsv", "--fields", "title"], env=cache_env(home))
    assert (listed.exit_code, listed.stdout, listed.stderr) == (0, "The real title\n", "")
    asked = invoke(["sql", "select title from events", "--data", str(data)], env=cache_env(home))
    assert (asked.exit_code, asked.stdout, asked.stderr) == (0, "The real title\n", "")
    assert all(path.stat().st_uid == OTHER for path in (home / "chrono").iterdir())  # nothing written there


@root_only
def test_a_cache_file_of_another_user_is_not_read(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 6, file by file: in our own directory, a cache file another user owns is not used."""
    data = tmp_path / "d.toml"
    data.write_text(one_event("The real title"), encoding="utf-8")
    home = tmp_path / "home"
    forge_cache(home, data, "Forged")
    for path in (home / "chrono").iterdir():
        os.chown(path, OTHER, OTHER)
    listed = invoke(["list", "--data", str(data), "--format", "tsv", "--fields", "title"], env=cache_env(home))
    assert listed.stdout == "The real title\n"


@pytest.mark.parametrize("mode", [0o777, 0o1777, 0o770])
def test_no_cache_under_a_base_others_may_write(invoke: Invoke, tmp_path: Path, mode: int) -> None:
    """Fault 6/7: ``$XDG_CACHE_HOME`` another user may write (a shared sticky /tmp): no cache at
    all, neither read nor written."""
    data = tmp_path / "d.toml"
    data.write_text(one_event("The real title"), encoding="utf-8")
    home = tmp_path / "shared"
    home.mkdir()
    forge_cache(home, data, "Forged")
    home.chmod(mode)
    listed = invoke(["list", "--data", str(data), "--format", "tsv", "--fields", "title"], env=cache_env(home))
    assert (listed.exit_code, listed.stdout, listed.stderr) == (0, "The real title\n", "")
    asked = invoke(["sql", "select title from events", "--data", str(data)], env=cache_env(home))
    assert (asked.exit_code, asked.stdout) == (0, "The real title\n")
    assert [p.suffix for p in (home / "chrono").iterdir()] == [".cache"]  # the forged one, untouched


@root_only
def test_a_link_planted_at_the_cache_directory_is_not_followed(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 7: a symlink at ``$XDG_CACHE_HOME/chrono`` planted by another user was followed:
    root's run narrowed an arbitrary directory to 0700 and wrote into it."""
    data = tmp_path / "d.toml"
    data.write_bytes(SAMPLE.read_bytes())
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    victim = tmp_path / "victim"
    victim.mkdir()
    victim.chmod(0o755)
    (home / "chrono").symlink_to(victim)
    os.lchown(home / "chrono", OTHER, OTHER)
    for args in (["list"], ["sql", "select count(*) from events"]):
        result = invoke([*args, "--data", str(data)], env=cache_env(home))
        assert result.exit_code == 0 and result.stderr == ""
    assert stat.S_IMODE(victim.stat().st_mode) == 0o755 and list(victim.iterdir()) == []


def test_a_link_of_our_own_to_put_the_cache_elsewhere_is_followed(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "d.toml"
    data.write_bytes(SAMPLE.read_bytes())
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (home / "chrono").symlink_to(elsewhere)
    assert invoke(["list", "--data", str(data)], env=cache_env(home)).exit_code == 0
    assert [p.suffix for p in elsewhere.iterdir()] == [".cache"]


# 8, 10: chrono edit -----------------------------------------------------------------------------


def editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_edit_leaves_its_leftover_as_private_as_the_file(invoke: Invoke, tmp_path: Path, mode: int) -> None:
    """Fault 8: ``FILE.chrono-edit-N`` was 0644 beside a 0600 file."""
    data = tmp_path / "c.toml"
    data.write_text(one_event("Title"), encoding="utf-8")
    data.chmod(mode)
    script = editor(tmp_path, 'echo "this is not toml" >> "$2"\n')
    result = invoke(["edit", "e", "--data", str(data)], env={"EDITOR": script, "VISUAL": None})
    assert result.exit_code == 2
    leftover = tmp_path / "c.toml.chrono-edit-1"
    assert stat.S_IMODE(leftover.stat().st_mode) == mode
    assert leftover.read_text(encoding="utf-8").endswith("this is not toml\n")


@pytest.mark.parametrize(
    "body",
    ['rm "$2"\n', 'rm "$2" && mkdir "$2"\n', 'rm -r "$(dirname "$2")"\n'],
    ids=["deletes-its-copy", "makes-it-a-directory", "removes-the-temporary-directory"],
)
def test_edit_survives_an_editor_that_takes_its_copy_away(invoke: Invoke, tmp_path: Path, body: str) -> None:
    """Fault 10: an internal error (exit 3), though the data file stayed intact."""
    data = tmp_path / "c.toml"
    data.write_text(one_event("Title"), encoding="utf-8")
    result = invoke(["edit", "e", "--data", str(data)], env={"EDITOR": editor(tmp_path, body), "VISUAL": None})
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert f"{data} is unchanged" in result.stderr
    assert data.read_text(encoding="utf-8") == one_event("Title")


# 9: fmt reads through the one reader ------------------------------------------------------------


def test_fmt_refuses_a_fifo_without_waiting(tmp_path: Path) -> None:
    """Fault 9: a FIFO without a writer blocked ``fmt`` forever."""
    fifo = tmp_path / "events.toml"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "chrono", "fmt", str(fifo)]
    done = subprocess.run(command, capture_output=True, timeout=60, check=False)
    assert done.returncode == 2 and b"it is a FIFO, not a regular file" in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@root_only
def test_fmt_refuses_a_device(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 9: ``fmt`` of a /dev/zero-like node read without end (MemoryError, exit 3)."""
    zero = tmp_path / "zero"
    os.mknod(zero, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
    result = invoke(["fmt", str(zero)])
    assert result.exit_code == 2 and "it is a device" in result.stderr


# 10, 11: the file column and the extra column -----------------------------------------------------


@pytest.fixture
def odd_name(tmp_path: Path) -> Path:
    """A data file whose name is not UTF-8."""
    directory = os.fsencode(tmp_path)
    path = os.fsdecode(directory + b"/caf\xe9.toml")
    Path(path).write_text(one_event("Title").replace('"k"\n', '"k"\nextra = { n = nan, i = -inf }\n'), "utf-8")
    return Path(path)


def test_sql_writes_a_file_name_that_is_not_utf8_with_the_contract_escape(invoke: Invoke, odd_name: Path) -> None:
    """Fault 10: ``sql`` on such a file was an internal error (exit 3)."""
    for env in ({"CHRONO_CACHE": "0"}, cache_env(odd_name.parent / "home")):
        result = invoke(["sql", "select file from events", "--data", str(odd_name), "--format", "csv"], env=env)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.endswith("caf\\udce9.toml\n")  # CSV leaves a backslash as it is


def test_export_sqlite_of_a_file_name_that_is_not_utf8(invoke: Invoke, odd_name: Path, tmp_path: Path) -> None:
    """Fault 10: ``export --format sqlite`` on such a file was an internal error (exit 3)."""
    target = tmp_path / "out.sqlite"
    result = invoke(["export", "--format", "sqlite", "--data", str(odd_name), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(target) as db:
        assert db.execute("select file from events").fetchone()[0].endswith("caf\\udce9.toml")


def test_extra_is_strict_json_in_sql_and_the_sqlite_export(invoke: Invoke, odd_name: Path, tmp_path: Path) -> None:
    """Fault 11: ``json_valid(extra)`` was 0 for nan or inf, breaking every ``json_extract``."""
    asked = invoke(
        ["sql", "select json_valid(extra), extra ->> '$.n', extra ->> '$.i' from events", "--data", str(odd_name)]
    )
    assert (asked.exit_code, asked.stdout) == (0, "1\tnan\t-inf\n")
    target = tmp_path / "out.sqlite"
    assert invoke(["export", "--format", "sqlite", "--data", str(odd_name), "-o", str(target)]).exit_code == 0
    with sqlite3.connect(target) as db:
        assert json.loads(db.execute("select extra from events").fetchone()[0]) == {"n": "nan", "i": "-inf"}


# 14: TSV and CSV extra is compact JSON, datetimes with a T ------------------------------------------


def test_tsv_and_csv_extra_is_the_documented_compact_json(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 14: spaces after ':' and ','; an offset datetime with a space in TSV, a T in JSON."""
    data = tmp_path / "d.toml"
    data.write_text(one_event("T") + "extra.when = 2001-01-01T10:00:00+02:00\nextra.l = [1, 2]\n", encoding="utf-8")
    tsv = invoke(["list", "--data", str(data), "--fields", "extra,extra.when"])
    assert tsv.stdout == '{"l":[1,2],"when":"2001-01-01T10:00:00+02:00"}\t2001-01-01T10:00:00+02:00\n'
    csv = invoke(["list", "--data", str(data), "--fields", "extra", "--format", "csv"])
    assert csv.stdout == 'extra\n"{""l"":[1,2],""when"":""2001-01-01T10:00:00+02:00""}"\n'


# 12: a CSV parse error names its row -------------------------------------------------------------

UNBALANCED = 'date,title,kind\n2001,A,k\n2002,"B broken,k\n2003,C,k\n2004,D,k\n'


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (UNBALANCED, "an unbalanced quote"),
        ('date,title,kind\n2001,A,k\n2002,"B" and more,k\n2003,C,k\n2004,D,k\n', "an unbalanced quote"),
        ("date,title,kind\n2001,A,k\n2002,B\x00,k\n2003,C,k\n2004,D,k\n", "a NUL character"),
        ("date,title,kind\n2001,A,k\n2002," + "x" * 200_000 + ",k\n2003,C,k\n2004,D,k\n", "a field longer than"),
    ],
    ids=["unbalanced-quote-to-the-end", "stray-quote", "nul", "field-past-the-limit"],
)
def test_a_csv_parse_error_names_its_row(invoke: Invoke, tmp_path: Path, text: str, why: str) -> None:
    """Fault 12: "1 row read, 1 event written, 0 skipped", every row after the quote swallowed."""
    rows = tmp_path / "rows.csv"
    rows.write_text(text, encoding="utf-8")
    refused = invoke(["import", "csv", str(rows)])
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert f"{rows}:3:1: error: not valid CSV: {why}" in refused.stderr
    assert "4 rows read, nothing written" in refused.stderr
    skipped = invoke(["import", "csv", str(rows), "--skip-bad"])
    assert skipped.exit_code == 0
    assert [line for line in skipped.stdout.splitlines() if line.startswith("title")] == [
        'title = "A"',
        'title = "C"',
        'title = "D"',
    ]
    assert skipped.stderr.endswith("chrono: 4 rows read, 3 events written, 1 skipped\n")


def test_fmt_of_an_empty_file_is_not_an_internal_error(invoke: Invoke, tmp_path: Path) -> None:
    """Found by the new property (tests/property/test_writers.py): fmt's quick scan of a file
    without a table was an internal error (exit 3)."""
    empty = tmp_path / "empty.toml"
    empty.write_bytes(b"")
    result = invoke(["fmt", "--check", str(empty)])
    assert (result.exit_code, result.stdout) == (0, "")


# 14: formula cells: CSV says what the data says; csv-safe is for spreadsheets ---------------------

FORMULAS = '[[event]]\nid = "a"\ndate = "2001"\nkind = "k"\ntitle = "=HYPERLINK(\\"http://x\\",\\"y\\")"\nplace = "-5"\nsummary = "@SUM(A1)"\n'


def test_csv_safe_defuses_formula_cells_for_spreadsheets(invoke: Invoke, tmp_path: Path) -> None:
    """Fault 14: ``=HYPERLINK(...)``, ``+cmd|...`` and ``@SUM(...)`` passed into CSV as written;
    ``csv`` still does (it is documented), ``csv-safe`` is the opt-in for spreadsheets."""
    data = tmp_path / "f.toml"
    data.write_text(FORMULAS, encoding="utf-8")
    fields = ["--fields", "id,title,place,summary"]
    plain = invoke(["list", "--data", str(data), "--format", "csv", *fields]).stdout.replace("\r\n", "\n")
    assert plain == 'id,title,place,summary\na,"=HYPERLINK(""http://x"",""y"")",-5,@SUM(A1)\n'
    safe = invoke(["list", "--data", str(data), "--format", "csv-safe", *fields]).stdout.replace("\r\n", "\n")
    assert safe == 'id,title,place,summary\na,"\'=HYPERLINK(""http://x"",""y"")",-5,\'@SUM(A1)\n'
    sql = invoke(["sql", "select '+cmd|x' as a, -3 as b, '-2+3' as c", "--data", str(data), "--format", "csv-safe"])
    assert sql.stdout.replace("\r\n", "\n") == "a,b,c\n'+cmd|x,-3,'-2+3\n"

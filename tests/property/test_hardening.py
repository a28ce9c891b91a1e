"""Hypothesis over whole chronologies and command lines: no input crashes chrono, output stays
valid UTF-8, machine formats are lossless, and no data reaches a terminal raw.

The number of examples comes from the Hypothesis profile: bounded in the normal run ('ci'),
large in the long fuzz run (``python scripts/fuzz.py``, profile 'fuzz').
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import tomli
from click.testing import CliRunner, Result
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chrono.cache.records import DATE_TAG
from chrono.cli.main import cli
from chrono.escape import tsv_unescape
from chrono.loading.dataset import load
from tests.property.strategies import broken_files, chronologies, list_args, nasty, rich_texts, texts, toml

RAW = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # ESC checked apart
SGR = re.compile(r"\x1b\[[0-9;]*m")
# Every command of the registry (chrono.cli.main.COMMANDS), driven with one data file: {data} is
# its path, {copy} a copy a writing command may change, {out} a file an -o may write. With the
# exit codes a valid chronology may give. A command added to the registry and not here fails
# test_the_hostile_input_fuzz_covers_every_command_of_the_registry.
HOSTILE: dict[str, list[tuple[list[str], tuple[int, ...]]]] = {
    "list": [(["list", "--data", "{data}"], (0,)), (["list", "--format", "json", "--data", "{data}"], (0,)),
             (["list", "--format", "csv", "--data", "{data}"], (0,)),
             (["list", "--format", "csv-safe", "--data", "{data}"], (0,))],
    "show": [(["show", "a", "--data", "{data}"], (0, 1)), (["show", "a", "--format", "text", "--data", "{data}"], (0, 1))],
    "between": [(["between", "2001", "2002-03", "--data", "{data}"], (0,))],
    "anniversaries": [(["anniversaries", "--on", "2001-08-04", "--ahead", "400", "--data", "{data}"], (0,))],
    "timeline": [(["timeline", "--width", "80", "--data", "{data}"], (0,))],
    "cal": [(["cal", "2001", "--data", "{data}"], (0,))],
    "stats": [(["stats", "--by", "actor", "--data", "{data}"], (0,)), (["stats", "--gaps", "3", "--data", "{data}"], (0,)),
              (["stats", "--by", "extra.a", "--data", "{data}"], (0,))],
    "export": [(["export", "--format", "markdown", "--data", "{data}"], (0,)),
               (["export", "--format", "html", "--data", "{data}"], (0,)),
               (["export", "--format", "timelinejs", "--data", "{data}"], (0,)),
               (["export", "--format", "sqlite", "--force", "-o", "{out}", "--data", "{data}"], (0,))],
    "import": [(["import", "csv", "{data}", "--kind", "k"], (0, 2)), (["import", "timelinejs", "{data}"], (0, 2))],
    "add": [(["add", "--date", "2024", "--kind", "k", "--title", "T", "--data", "{copy}"], (0, 2))],
    "datasets": [(["datasets"], (0,))],
    "completion": [(["completion", "bash"], (0,))],
    "config": [(["config"], (0,))],
    "check": [(["check", "--data", "{data}"], (0, 1))],
    "diff": [(["diff", "{data}", "{data}"], (0,))],
    "fmt": [(["fmt", "--check", "{data}"], (0, 1)), (["fmt", "{copy}"], (0,))],
    "edit": [(["edit", "a", "--data", "{copy}"], (0, 1))],
    "sql": [(["sql", "select * from events", "--data", "{data}"], (0,)),
            (["sql", "select * from event_actors a join events e on e.id = a.event_id", "--format", "json",
              "--data", "{data}"], (0,))],
}  # fmt: skip


def hostile_runs(path: Path) -> list[tuple[list[str], tuple[int, ...]]]:
    """Every invocation of HOSTILE with the placeholders filled (the copy and output beside ``path``)."""
    import shutil

    copy, out = path.with_suffix(".copy.toml"), path.with_suffix(".out")
    shutil.copyfile(path, copy)
    places = {"{data}": str(path), "{copy}": str(copy), "{out}": str(out)}
    return [([places.get(a, a) for a in args], codes) for runs in HOSTILE.values() for args, codes in runs]


def _tidy(path: Path) -> None:
    for leftover in (path, path.with_suffix(".copy.toml"), path.with_suffix(".out")):
        leftover.unlink(missing_ok=True)


def test_the_hostile_input_fuzz_covers_every_command_of_the_registry() -> None:
    from chrono.cli.main import COMMANDS as REGISTRY

    assert sorted(HOSTILE) == sorted(REGISTRY)


def budget(normal: int) -> int:
    """Examples per property: few in the normal test run, many in the fuzz run (scripts/fuzz.py)."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz":
        return int(os.environ.get("CHRONO_FUZZ_EXAMPLES", "2000"))
    return normal


def run(args: list[str], tty: bool = False, stdin: str | None = None) -> Result:
    env = {
        "CHRONO_DATA": None,
        "NO_COLOR": None,
        "FORCE_COLOR": None,
        "CHRONO_TODAY": "2026-01-15",
        "CHRONO_CACHE": "0",
        "EDITOR": "true",  # chrono edit: an editor that changes nothing
        "VISUAL": None,
    }
    return CliRunner().invoke(cli, args, env=env, input=stdin, obj={"stdout_isatty": tty, "width": 100})


def assert_sane(result: Result, allowed: tuple[int, ...] = (0, 1, 2)) -> None:
    assert result.exit_code in allowed, (result.exit_code, result.stderr[-500:], result.exception)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-800:]
    result.stdout_bytes.decode("utf-8")
    result.stderr_bytes.decode("utf-8")


def write(text: str | bytes) -> Path:
    """The text in a file of its own directory: 'add' and 'edit' read the *.toml files beside a
    file as its chronology, and a shared /tmp holds other runs' files, coming and going."""
    path = Path(tempfile.mkdtemp(prefix="chrono-fuzz-")) / "data.toml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


@given(broken_files())
@settings(max_examples=budget(15), deadline=None)
def test_broken_files_never_crash_any_command(data: bytes) -> None:
    path = write(data)
    for command, _ in hostile_runs(path):
        assert_sane(run(command))
    _tidy(path)


@given(chronologies())
@settings(max_examples=budget(15), deadline=None)
def test_valid_chronologies_load_and_every_command_succeeds(document: dict[str, Any]) -> None:
    path = write(toml(document))
    for command, codes in hostile_runs(path):
        assert_sane(run(command), codes)  # check may find warnings (exit 0 or 1) but never errors
    check = run(["check", "--data", str(path)])
    assert " error: " not in check.stdout
    _tidy(path)


@given(chronologies())
@settings(max_examples=budget(30))
def test_list_json_is_lossless(document: dict[str, Any]) -> None:
    path = write(toml(document))
    original = load([str(path)])
    records = json.loads(run(["list", "--data", str(path), "--format", "json"]).stdout)
    rebuilt: dict[str, Any] = {"event": []}
    if "source" in document:
        rebuilt["source"] = document["source"]
    for record in records:
        table = {
            "id": record["id"],
            "date": record["written"] or record["date"],
            "kind": record["kind"],
            "title": record["title"],
        }
        for key in ("place", "summary", "note"):
            if record[key] is not None:
                table[key] = record[key]
        for key in ("actors", "tags", "sources", "related"):
            if record[key]:
                table[key] = record[key]
        if record["extra"]:
            table["extra"] = record["extra"]
        rebuilt["event"].append(table)
    again = write(toml(rebuilt))
    assert load([str(again)]).events == original.events
    path.unlink()
    again.unlink()


@given(chronologies())
@settings(max_examples=budget(30))
def test_tsv_fields_unescape_to_the_original_text(document: dict[str, Any]) -> None:
    path = write(toml(document))
    result = run(["list", "--data", str(path), "--fields", "id,title,summary,note,place"])
    events = {e.id: e for e in load([str(path)]).events}
    lines = result.stdout.split("\n")[:-1]
    assert len(lines) == len(events)  # exactly one line per event
    for line in lines:
        ident, title, summary, note, place = line.split("\t")
        event = events[ident]
        assert tsv_unescape(title) == event.title
        assert tsv_unescape(summary) == (event.summary or "") and tsv_unescape(note) == (event.note or "")
        assert tsv_unescape(place) == (event.place or "")
    path.unlink()


@given(chronologies())
@settings(max_examples=budget(25))
def test_no_data_drives_the_terminal(document: dict[str, Any]) -> None:
    path = write(toml(document))
    first = document["event"][0]["id"]
    for command in (["list", "--format", "table", "--color", "always"], ["show", first, "--color", "always"],
                    ["timeline", "--by", "actor", "--color", "always"], ["stats", "--by", "tag", "--format", "table"],
                    ["anniversaries", "--on", "2001-01-01", "--ahead", "366", "--format", "table"], ["check"],
                    ["sql", "select * from events", "--format", "table", "--color", "always"],
                    ["list", "--format", "table", "--fields", "id,title,actors,extra", "--color", "always"]):  # fmt: skip
        result = run([*command, "--data", str(path)], tty=True)
        assert_sane(result, (0, 1))
        for stream in (result.stdout, result.stderr):
            plain = SGR.sub("", stream)
            assert not RAW.search(plain) and "\x1b" not in plain, (command, plain[:300])
    path.unlink()


@given(list_args())
@settings(max_examples=budget(25))
def test_command_lines_never_crash(args: list[str]) -> None:
    assert_sane(run(["list", "--data", "dprk-russia", *args]))


def _registry() -> list[str]:
    from chrono.cli.main import COMMANDS as REGISTRY

    return sorted(REGISTRY)


@given(st.sampled_from(_registry()), st.lists(st.one_of(st.sampled_from(["--format", "json", "--on", "2001", "-x", "--",
                        "-", "moscow", "2001-13", "csv", "--data", "--by", "--gaps", "0", "zsh", "--check", "a"]),
                        st.text(max_size=8)), max_size=5))  # fmt: skip
@settings(max_examples=budget(25), deadline=None)
def test_every_subcommand_survives_random_arguments(command: str, args: list[str]) -> None:
    """Every command of the registry, in an empty directory of its own (a random path names
    nothing of the repository's), never asking an editor or a bundled file to change."""
    if command in ("add", "edit", "fmt"):
        args = [a for a in args if a != "--data"]  # never let a random line write to a bundled file
    with tempfile.TemporaryDirectory() as name:
        here = os.getcwd()
        os.chdir(name)
        try:
            result = run([command, *args], stdin="")
        finally:
            os.chdir(here)
    assert_sane(result, (0, 1, 2))


def test_toml_of_the_strategies_is_valid() -> None:
    assert tomli.loads(toml({"event": [{"id": "a", "date": "2001", "kind": "k", "title": "\u202e\x9b"}]}))


# Keys of `extra` as hostile as TOML allows: controls, newlines (a forged 'source:' line), escape
# sequences, and the cache's internal date tag. Values: non-finite floats (TOML's nan and inf,
# which JSON cannot hold), nested tables and arrays, and lookalikes of the cache's tagged dates.
hostile_keys = st.one_of(
    texts,
    rich_texts,
    nasty,
    st.sampled_from([DATE_TAG, "a\nsource: forged", "\n", "\r", "\x00", "\x1b]52;c;cGF5bG9hZA==\x07", "k\u202e", ""]),
)
scalars = st.one_of(
    texts,
    st.integers(-(2**60), 2**60),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("nan"), float("inf"), float("-inf"), -0.0]),
)
hostile_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(hostile_keys, inner, max_size=3),
        st.tuples(st.sampled_from(["date", "time", "datetime", "x"]), texts).map(lambda pair: {DATE_TAG: list(pair)}),
    ),
    max_leaves=6,
)


@st.composite
def hostile_extras(draw: st.DrawFn) -> dict[str, Any]:
    """A valid chronology whose events carry hostile ``extra`` tables."""
    document = draw(chronologies(max_events=4))
    for event in document["event"]:
        event["extra"] = draw(st.dictionaries(hostile_keys, hostile_values, min_size=1, max_size=4))
    return document


def lines_of(text: str) -> list[str]:
    """Lines as the formats define them: ended by a newline (str.splitlines would also split at
    U+2028, U+0085 or U+001C, which the data may hold and the formats need not escape)."""
    return text.split("\n")[:-1]


def strict_json(text: str) -> Any:
    """Parse JSON as a strict reader does: NaN and Infinity are not JSON."""

    def refuse(name: str) -> Any:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


@given(hostile_extras())
@settings(max_examples=budget(25))
def test_hostile_extra_keys_and_numbers(document: dict[str, Any]) -> None:
    path = write(toml(document))
    events = {e.id: e for e in load([str(path)]).events}
    for fmt in ("json", "jsonl"):
        result = run(["list", "--data", str(path), "--format", fmt])
        assert_sane(result, (0,))
        records = strict_json(result.stdout) if fmt == "json" else [strict_json(x) for x in lines_of(result.stdout)]
        assert {r["id"]: len(r["extra"]) for r in records} == {i: len(e.extra) for i, e in events.items()}
    export = run(["export", "--format", "timelinejs", "--data", str(path)])
    assert_sane(export, (0,))
    strict_json(export.stdout)
    tsv = run(["list", "--data", str(path), "--fields", "id,extra"])
    assert_sane(tsv, (0,))
    for line in lines_of(tsv.stdout):
        ident, extra = line.split("\t")
        assert len(strict_json(tsv_unescape(extra))) == len(events[ident].extra)
    for ident, event in events.items():
        shown = run(["show", ident, "--data", str(path)])
        assert_sane(shown, (0,))
        lines = lines_of(shown.stdout)
        assert sum(line.startswith("extra.") for line in lines) == len(event.extra)  # one line per key
        assert sum(line.startswith("source: ") for line in lines) == len(event.sources)  # none forged
        assert not RAW.search(shown.stdout) and "\x1b" not in shown.stdout
        panel = run(["show", ident, "--data", str(path), "--color", "always"], tty=True)
        assert_sane(panel, (0,))
        plain = SGR.sub("", panel.stdout)
        assert not RAW.search(plain) and "\x1b" not in plain, plain[:300]
    same = run(["diff", str(path), str(path)])
    assert (same.exit_code, same.stdout) == (0, ""), same.stdout[:300]
    check = run(["check", "--data", str(path)])
    assert_sane(check, (0, 1))
    assert " error: " not in check.stdout
    path.unlink()


@given(hostile_extras())
@example({"event": [{"id": "a", "date": "2001", "kind": "talks", "title": "t", "extra": {DATE_TAG: ["date", "x"]}}]})
@settings(max_examples=budget(25))
def test_hostile_extras_read_the_same_from_the_cache(document: dict[str, Any]) -> None:
    path = write(toml(document))
    with tempfile.TemporaryDirectory() as cache:
        outputs = []
        for _ in range(2):  # cold (writes the cache), then warm (reads it)
            result = CliRunner().invoke(
                cli,
                ["list", "--data", str(path), "--format", "json"],
                env={"CHRONO_DATA": None, "CHRONO_CACHE": "1", "XDG_CACHE_HOME": cache},
                obj={"stdout_isatty": False, "width": 100},
            )
            outputs.append((result.exit_code, result.stdout, result.stderr))
        assert outputs[0][0] == 0, outputs[0][2]
        assert outputs[1] == outputs[0]
    path.unlink()


null_values = st.recursive(
    st.one_of(st.none(), texts, st.integers(-100, 100), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=5,
)


@given(st.dictionaries(texts, null_values, min_size=1, max_size=3).filter(lambda d: "null" in json.dumps(d)))
@example({"source": None})  # the common case in real data: a column left empty
@settings(max_examples=budget(25))
def test_json_nulls_in_imported_extra(extra: dict[str, Any]) -> None:
    record = {"id": "imported", "date": "2001", "kind": "talks", "title": "Imported", "extra": extra}
    document = {"events": [{"start_date": {"year": "2001"}, "text": {"headline": "Imported"}, "chrono": record}]}
    for source in (
        json.dumps(document),
        f'date,title,kind,extra\n2001,Imported,talks,"{json.dumps(extra).replace(chr(34), chr(34) * 2)}"\n',
    ):
        kind = "timelinejs" if source.startswith("{") else "csv"
        result = run(["import", kind, "-"], stdin=source)
        assert_sane(result, (0,))  # TOML has no null: a null is left out, never a refusal
        written = write(result.stdout)
        listed = run(["list", "--data", str(written), "--format", "json"])
        assert_sane(listed, (0,))
        assert json.loads(listed.stdout)[0]["extra"] == _without_nulls(extra)
        written.unlink()


def _without_nulls(value: Any) -> Any:
    """What an imported extra keeps of a JSON value: everything but its nulls."""
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value if item is not None]
    return value

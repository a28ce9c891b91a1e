"""Loading: the model built from TOML, and every problem located at file:line:col."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from chrono.errors import DataError, SourceError
from chrono.loading.dataset import load, resolve_inputs
from tests.conftest import FIXTURES

SAMPLE = str(FIXTURES / "sample.toml")
WriteToml = Callable[..., Path]


def _problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load([str(path)])
    return [p.format() for p in info.value.problems]


def test_sample_loads_sorted_with_actors_and_sources() -> None:
    chronology = load([SAMPLE])
    ids = [e.id for e in chronology.events]
    assert ids[:4] == ["treaty-2000", "joint-declaration", "moscow-declaration", "moscow-visit"]
    assert ids.index("decade-201x") < ids.index("summit-2019")  # 2010-01-01 starts before 2019-04
    event = chronology.by_id()["moscow-visit"]
    assert chronology.actor_names(event) == ["Kim Jong Il", "Vladimir Putin"]
    assert event.when.edtf == "2001-08-04/2001-08-05"
    assert chronology.sources["press"].date is not None
    assert chronology.by_id()["moscow-declaration"].extra == {"confidence": "high", "pages": 3}


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    text = '[[event]]\r\nid = "a"\r\ndate = 2001-01-01\r\nkind = "k"\r\ntitle = "t"\r\n'
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert [e.id for e in load([str(path)]).events] == ["a"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('[[event]]\nid = "a"\ndate = "20O0"\nkind = "k"\ntitle = "t"\n', "data.toml:3:8: error: event 'a': date: '20O0'"),
        ('[[event]]\nid = "a"\ndate = "2001-13"\nkind = "k"\ntitle = "t"\n', "month 13"),
        ('[[event]]\nid = "a"\ndate = 2001-02-03\nend = 2001-02-01\nkind = "k"\ntitle = "t"\n', "data.toml:4:7: error: event 'a': end: 2001-02-01 is before"),
        ('[[event]]\nid = "a"\ndate = 2001-02-03\nkind = "k"\n', "data.toml:1:1: error: event 'a': missing required key 'title' [missing-key]"),
        ('[[event]]\nid = "a"\ndate = 2001-02-03\nkind = "k"\ntitle = 5\n', "data.toml:5:9: error: event 'a': title: expected a string, got 5 [type]"),
        ('[[event]]\nid = "a"\ndate = 2001-02-03\nkind = "k"\ntitle = "t"\ntitel = "t"\n', "data.toml:6:1: error: event 'a': unknown key 'titel' (did you mean 'title'?)"),
        ('[[event]]\nid = "a"\ndate = 2001-02-03\nkind = "k"\ntitle = "t"\nsources = ["nope"]\n', "data.toml:6:12: error: event 'a': sources: no source with id 'nope' [unresolved-source]"),
        ('[[event]]\nid = "a"\ndate = 2001-02-03\nkind = "k"\ntitle = "t"\nrelated = [\n  "b",\n  "zz",\n]\n', "data.toml:8:3: error: event 'a': related: no event with id 'zz'"),
        ('[[event]]\nid = "A b"\ndate = 2001-02-03\nkind = "k"\ntitle = "t"\n', "data.toml:2:6: error: event 'A b': id: 'A b' is not a valid id"),
        ('[[event]]\nid = "a"\ndate = 2001-02-03\nkind = "Summit"\ntitle = "t"\n', "[bad-kind]"),
        ('[[event]]\nid = "a"\ndate = 10:00:00\nkind = "k"\ntitle = "t"\n', "a time of day without a date"),
        ('[[event]]\nid = "a"\ndate = 2001-02-03\nkind = "k"\ntitle = "t"\nextra = 3\n', "extra: expected a table"),
        ('[[event]]\nid = "a"\ndate = 2001-02-03\nkind = "k"\ntitle = "t"\nactors = "x"\n', "actors: expected an array of strings"),
        ('events = 1\n', "data.toml:1:1: error: unknown top-level key 'events' (did you mean 'event'?)"),
        ('[event]\nid = "a"\n', "'event' must be an array of tables"),
        ('a = [', "data.toml:1:6: error: invalid TOML"),
        ('[[event]]\nid = "a"\nid = "b"\n', "data.toml:3:9: error: invalid TOML: Cannot overwrite a value"),
    ],
)  # fmt: skip
def test_each_problem_is_located_and_named(write_toml: WriteToml, body: str, expected: str) -> None:
    path = write_toml(body)
    problems = _problems(path)
    assert any(expected in line for line in problems), problems
    assert all(line.startswith((str(path.parent), "data.toml")) for line in problems)


def test_all_problems_of_a_file_are_reported_in_order(write_toml: WriteToml) -> None:
    events = "".join(f'[[event]]\nid = "e{i}"\ndate = "2001-13"\nkind = "k"\ntitle = "t"\n' for i in range(25))
    problems = _problems(write_toml(events))
    assert len(problems) == 25
    lines = [int(p.split(":")[1]) for p in problems]
    assert lines == sorted(lines)


def test_shown_problems_are_capped_at_twenty_per_file(write_toml: WriteToml) -> None:
    events = "".join(f'[[event]]\nid = "e{i}"\ndate = "2001-13"\nkind = "k"\ntitle = "t"\n' for i in range(25))
    with pytest.raises(DataError) as info:
        load([str(write_toml(events))])
    lines = info.value.lines()
    assert len(lines) == 21 and "5 more problems" in lines[-1]


def test_duplicate_id_across_files_names_both_places(write_toml: WriteToml) -> None:
    body = '[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\n'
    first, second = write_toml(body, "one.toml"), write_toml("\n" + body, "two.toml")
    problems = _problems_of([first, second])
    assert problems == [f"{second}:3:6: error: event 'a': duplicate id (first defined at {first}:2) [duplicate-id]"]


def _problems_of(paths: list[Path]) -> list[str]:
    with pytest.raises(DataError) as info:
        load([str(p) for p in paths])
    return [p.format() for p in info.value.problems]


def test_references_resolve_across_files(write_toml: WriteToml) -> None:
    a = write_toml('[[source]]\nid = "s"\ntitle = "S"\n', "a.toml")
    b = write_toml('[[event]]\nid = "e"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\nsources = ["s"]\n', "b.toml")
    assert [e.id for e in load([str(a), str(b)]).events] == ["e"]


def test_encoding_problems(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[[event]]\nid = "\xe9"\n')
    assert _problems(bad) == [f"{bad}:2:7: error: not valid UTF-8: byte 0xe9 at byte offset 16 [encoding]"]
    utf16 = tmp_path / "utf16.toml"
    utf16.write_bytes("[[event]]\n".encode("utf-16"))
    assert "UTF-16" in _problems(utf16)[0]


def test_missing_file_and_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        load([str(tmp_path / "absent.toml")])
    with pytest.raises(SourceError, match=r"no \*\.toml files"):
        load([str(tmp_path)])


def test_directory_loads_every_toml_file_sorted(write_toml: WriteToml, tmp_path: Path) -> None:
    write_toml('[[event]]\nid = "b"\ndate = 2002-01-01\nkind = "k"\ntitle = "t"\n', "b.toml")
    write_toml('[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\n', "a.toml")
    (tmp_path / "notes.txt").write_text("ignored")
    assert [i.name for i in resolve_inputs([str(tmp_path)])] == [str(tmp_path / "a.toml"), str(tmp_path / "b.toml")]
    assert [e.id for e in load([str(tmp_path)]).events] == ["a", "b"]


def test_stdin() -> None:
    body = b'[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\n'
    assert [e.id for e in load(["-"], lambda: body).events] == ["a"]


def test_deep_nesting_is_an_error_not_a_crash(write_toml: WriteToml) -> None:
    deep = "[" * 5000 + "]" * 5000
    problems = _problems(write_toml(f"x = {deep}\n"))
    assert len(problems) == 1 and "error" in problems[0]
    nested_extra = "{a = " * 40 + "1" + "}" * 40
    body = f'[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "k"\ntitle = "t"\nextra = {nested_extra}\n'
    assert "nested deeper" in _problems(write_toml(body, "extra.toml"))[0]


def test_bundled_chronology_is_valid_and_dated_from_the_press_release() -> None:
    chronology = load(["dprk-russia"])
    by_id = chronology.by_id()
    assert by_id["moscow-declaration"].earliest == dt.date(2001, 8, 4).toordinal()
    assert "press-release-2022-08-05" in by_id["moscow-declaration"].sources
    assert all(e.sources for e in chronology.events)

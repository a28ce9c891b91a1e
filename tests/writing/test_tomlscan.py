"""fmt's own reading of comments (chrono.writing.tomlscan) against tomlkit's, the oracle.

tomlkit is off ``chrono fmt``'s path; here it reads the same files, and the two layouts — which
comment and blank line belongs to which key or table — must be the same, so that fmt's output
is byte for byte what it was when tomlkit found the comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrono.writing import fmt
from chrono.writing.tomlscan import LayoutError, outline
from chrono.writing.tomltext import comments
from tests.conftest import FIXTURES, REPO
from tests.writing.kit_layout import kit_layout, without_empty_notes
from tests.writing.test_fmt import MESSY


def old_comments(text: str) -> list[str]:
    """The character-by-character lexer fmt used before the regular expression (the oracle)."""
    found: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            found.append(text[i:end].rstrip())
            i = end
        elif char in "\"'":
            delimiter = char * 3 if text.startswith(char * 3, i) else char
            i += len(delimiter)
            while i < n and not text.startswith(delimiter, i):
                if char == '"' and text[i] == "\\":
                    i += 1
                elif len(delimiter) == 1 and text[i] == "\n":
                    break
                i += 1
            i += len(delimiter)
            while len(delimiter) == 3 and i < n and text[i] == char:
                i += 1
        else:
            i += 1
    return found


def same_as_tomlkit(name: str, text: str) -> None:
    """The scanner's layout of ``text`` is tomlkit's, and so is fmt's output."""
    document = tomli.loads(text)
    mine = fmt._layout(name, text, document)
    theirs = kit_layout(name, text, document)
    assert without_empty_notes(mine) == without_empty_notes(theirs)
    assert fmt._emit(mine) == fmt._emit(theirs)
    assert comments(text) == old_comments(text)


def _files() -> list[Path]:
    return sorted((REPO / "data").glob("*.toml")) + sorted(FIXTURES.glob("*.toml"))


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_bundled_and_fixture_file_is_read_as_tomlkit_reads_it(path: Path) -> None:
    same_as_tomlkit(path.name, path.read_text(encoding="utf-8"))


def test_the_messy_file_is_read_as_tomlkit_reads_it() -> None:
    same_as_tomlkit("x.toml", MESSY)
    same_as_tomlkit("x.toml", MESSY.replace("\n", "\r\n"))


def test_alternating_kinds_and_a_header_inside_a_string_are_read_whole() -> None:
    alternating = '[[event]]\nid = "a"  # one\n\n# two\n[[actor]]\nid = "b"\n\n[[event]]\nid = "c"\n# three\n'
    same_as_tomlkit("x.toml", alternating)
    in_string = '[[event]]\nid = "a"\nsummary = """\n[[event]]\n# not a comment\n"""\n# a comment\n'
    same_as_tomlkit("x.toml", in_string)
    # The line search would see two tables where tomli sees one: the whole text is read.
    assert len(outline(in_string, {"event": 1})[0][1]) == 1


def test_an_array_of_tables_inside_a_table_is_refused() -> None:
    with pytest.raises(LayoutError):
        outline('[[event]]\nid = "a"\n[[event.x]]\ny = 1\n')


def test_the_bundled_us_visits_with_comments_everywhere() -> None:
    text = (REPO / "data" / "us-visits.toml").read_text(encoding="utf-8")
    lines = text.splitlines()
    for number in range(0, len(lines), 7):  # a comment of its own every few lines, and on some
        lines[number] += f"  # at {number}" if lines[number].startswith(("id", "[[")) else ""
        if lines[number].startswith("kind"):
            lines[number] = f"# before {number}\n{lines[number]}"
    same_as_tomlkit("us-visits.toml", "\n".join(lines) + "\n")


# -- generated files: comments and blank lines anywhere a person could put them --------------

_COMMENT = st.integers(0, 10**6).map(lambda n: f"# c{n}")
_GAP = st.lists(st.sampled_from(["", "   ", "# loose", "  # indented"]), max_size=3)


def _tail(draw: st.DrawFn) -> str:
    return draw(st.one_of(st.just(""), _COMMENT.map(lambda c: "  " + c), _COMMENT.map(lambda c: " " + c + "  ")))


@st.composite
def _event(draw: st.DrawFn, number: int) -> list[str]:
    statements = [f"[[event]]{_tail(draw)}", f'id = "e{number}"{_tail(draw)}']
    statements.append(
        draw(st.sampled_from(['date = "2001-02-03"', "date = 2001-02-03", "date = '2001'"])) + _tail(draw)
    )
    statements.append('kind = "k"' + _tail(draw))
    statements.append(draw(st.sampled_from(['title = "T # not a comment"', "title = 'lit # no'", 'title = "q\\" #"'])))
    tags = draw(st.sampled_from(['tags = ["a", "b"]', 'tags = [\n  "a",  # in\n  # own line\n  "b",\n]', "tags = []"]))
    statements.append(tags + _tail(draw))
    if draw(st.booleans()):
        statements.append('summary = """two\n# lines"""' + _tail(draw))
    extra = draw(st.sampled_from(["none", "inline", "dotted", "table", "deep"]))
    if extra == "inline":
        statements.append('extra = { a = 1, "b c" = "#" }' + _tail(draw))
    elif extra == "dotted":
        statements += ["extra.a = 1" + _tail(draw), 'extra."b c" = 2' + _tail(draw), "extra.d.e = 3" + _tail(draw)]
    elif extra in ("table", "deep"):
        statements += ["[event.extra]" + _tail(draw), "a = 1" + _tail(draw), "b = [1, 2]" + _tail(draw)]
        if extra == "deep":
            statements += ["[event.extra.deeper]" + _tail(draw), "c = 'x'" + _tail(draw)]
    return statements


@st.composite
def _document(draw: st.DrawFn) -> str:
    lines: list[str] = draw(st.lists(st.sampled_from(["# header", "", "#"]), max_size=4))
    count = draw(st.integers(1, 4))
    for number in range(count):
        for statement in draw(_event(number)):
            lines.extend(draw(_GAP))
            lines.append(statement)
    lines.extend(draw(_GAP))
    if draw(st.booleans()):
        lines += ["", "[[source]]", 'id = "s"', 'title = "S"' + _tail(draw)]
        lines.extend(draw(_GAP))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_document())
def test_any_commented_file_is_read_as_tomlkit_reads_it(text: str) -> None:
    same_as_tomlkit("x.toml", text)

"""chrono fmt's core: the canonical layout, every comment kept, the same records, idempotence."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import tomli
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrono.errors import DataError
from chrono.loading.tables import parse_file
from chrono.writing.fmt import format_text
from chrono.writing.tomltext import comments
from tests.conftest import FIXTURES, REPO

MESSY = """\
# The file's header.
#
# Second paragraph of the header.

# A section comment, detached from the table below.
[[event]]  # on the header line
# about the title
title = 'First'
kind = "talks"   # the kind
date = "2001-08-04"
id = "first"
tags = [
  "a",  # in the array
  # on its own line in the array
  "b",
]
summary = "line one\\nline two"
extra.confidence = "high"  # a dotted key
# right under the last key: stays with this table

# before the second table
[[event]]
id = "second"
date = "2000"
kind = "visit"
title = "Second"
actors = ["A very long actor name number one", "A very long actor name number two", "And a third one"]

[event.extra]
# inside extra
pages = 3



[[source]]
url = "https://example.org"
id = "s"
title = "S"
date = "2022-08-05"
# the end
"""


def records(text: str) -> tuple[object, ...]:
    parsed = parse_file("x.toml", text)
    assert not parsed.report.problems

    def plain(items: list[object]) -> list[object]:
        return sorted(({**vars_(r), "origin": None} for r in items), key=lambda r: str(r["id"]))

    return (plain(list(parsed.events)), plain(list(parsed.actors)), plain(list(parsed.sources)))


def vars_(record: object) -> dict[str, object]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}  # type: ignore[attr-defined]


def test_canonical_layout_rules() -> None:
    out = format_text("x.toml", MESSY)
    first = out.split("[[event]]")[1]
    keys = [line.split(" =")[0] for line in first.splitlines() if " = " in line and not line.startswith(" ")]
    assert keys == ["id", "date", "kind", "title", "tags", "summary", "confidence"]  # the format's order; extra last
    assert "date = 2001-08-04\n" in out  # a plain day is a TOML date
    assert 'date = "2000"\n' in out  # a year stays a string
    assert "date = 2022-08-05\n" in out  # a source's date too
    assert 'title = "First"\n' in out  # one kind of quotes
    assert 'summary = """line one\nline two"""\n' in out  # multi-line text as a multi-line string
    assert 'actors = [\n    "A very long actor name number one",\n' in out  # long arrays one item a line
    assert "\n\n\n" not in out  # one blank line between tables
    assert 'kind = "talks"  # the kind\n' in out  # two spaces before a comment


def test_every_comment_is_kept_with_its_table_or_key() -> None:
    out = format_text("x.toml", MESSY)
    assert sorted(comments(out)) == sorted(comments(MESSY))
    assert out.startswith("# The file's header.\n#\n# Second paragraph of the header.\n\n")
    assert "# A section comment, detached from the table below.\n[[event]]  # on the header line\n" in out
    assert "# about the title\ntitle = " in out
    assert '[event.extra]\nconfidence = "high"  # a dotted key\n# right under the last key' in out
    assert '# before the second table\n[[event]]\nid = "second"' in out
    assert "[event.extra]\n# inside extra\npages = 3\n" in out
    assert out.endswith('url = "https://example.org"\n# the end\n')


def test_records_are_the_same_and_fmt_is_idempotent() -> None:
    out = format_text("x.toml", MESSY)
    assert records(out) == records(MESSY)
    assert format_text("x.toml", out) == out


def test_sort_orders_events_by_date_then_id_and_comments_travel() -> None:
    out = format_text("x.toml", MESSY, sort=True)
    assert out.index('id = "second"') < out.index('id = "first"')  # 2000 before 2001
    assert out.index("# before the second table") < out.index('id = "second"')
    assert out.index("# A section comment") > out.index('id = "second"')
    assert out.startswith("# The file's header.")  # the header stays on top
    assert out.index("[[source]]") > out.index('id = "first"')  # other tables keep their place
    assert records(out) == records(MESSY)
    assert format_text("x.toml", out, sort=True) == out
    same_day = '[[event]]\nid = "b"\ndate = 2001-01-01\nkind = "k"\ntitle = "B"\n\n'
    same_day += '[[event]]\nid = "a"\ndate = 2001-01-01\nkind = "k"\ntitle = "A"\n'
    assert format_text("x.toml", same_day, sort=True).index('"a"') < format_text("x.toml", same_day).index('"a"')


def test_invalid_file_is_refused_with_its_problems() -> None:
    with pytest.raises(DataError) as caught:
        format_text("bad.toml", '[[event]]\nid = "a"\ndate = "2001-13"\nkind = "k"\ntitle = "t"\n')
    assert caught.value.problems[0].format().startswith("bad.toml:3:8: error:")


def test_hard_strings_round_trip() -> None:
    texts = [
        'ends with a quote"',
        'has """ three quotes\nand a newline',
        "\nstarts with a newline",
        "ends with a newline\n",
        "windows\r\nline",
        "tab\there and \\ backslash\nand bidi \u202e and C1 \x9b and DEL \x7f",
        'quote at the end after a newline\n"',
        '""two quotes first\n',
    ]
    for text in texts:
        source = tomli_w.dumps({"event": [{"id": "a", "date": "2001", "kind": "k", "title": "t", "note": text}]})
        out = format_text("x.toml", source)
        assert tomli.loads(out)["event"][0]["note"] == text, text
        assert format_text("x.toml", out) == out


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_EXTRA = st.dictionaries(
    st.text(string.ascii_letters + " .", min_size=1, max_size=8),
    st.one_of(st.integers(), st.booleans(), _TEXT, st.lists(st.integers(), max_size=3)),
    max_size=4,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(_TEXT.filter(str.strip), _TEXT, st.lists(_TEXT, max_size=3), _EXTRA), min_size=1, max_size=4))
def test_any_events_keep_their_values(rows: list[tuple[str, str, list[str], dict[str, object]]]) -> None:
    events = []
    for number, (title, note, tags, extra) in enumerate(rows):
        event: dict[str, object] = {"id": f"e{number}", "date": "2001-02-03", "kind": "k", "title": title}
        event.update({"note": note, "tags": tags, "extra": extra})
        events.append(event)
    source = tomli_w.dumps({"event": events})
    out = format_text("x.toml", source)
    assert records(out) == records(source)
    assert format_text("x.toml", out) == out


def _every_fixture() -> list[Path]:
    return sorted((REPO / "data").glob("*.toml")) + sorted(FIXTURES.glob("*.toml"))


@pytest.mark.slow
@pytest.mark.parametrize("path", _every_fixture(), ids=lambda p: p.name)
def test_every_bundled_and_fixture_file_formats_without_changing_an_event(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    out = format_text(path.name, text)
    assert records(out) == records(text)
    assert sorted(comments(out)) == sorted(comments(text))
    assert format_text(path.name, out) == out
    if path.parent == REPO / "data":
        assert out == text  # the bundled files are kept formatted


DOTTED = """\
[[event]]
id = "a"
date = "2001"
kind = "k"
title = "T"
extra.n = 1
# about the country
extra.country = "{country}"
"""


@pytest.mark.parametrize("country", ["x", "x" * 120], ids=["inline", "long"])
def test_a_comment_before_a_dotted_key_stays_above_that_key(country: str) -> None:
    # Issue 22, fault 14: it moved above the [event.extra] header, away from its key.
    out = format_text("f.toml", DOTTED.format(country=country))
    assert out.endswith(f'[event.extra]\nn = 1\n# about the country\ncountry = "{country}"\n')
    assert format_text("f.toml", out) == out

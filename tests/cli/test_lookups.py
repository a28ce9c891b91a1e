"""chrono show, between and anniversaries through the CLI."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES, Invoke

SAMPLE = str(FIXTURES / "sample.toml")


def test_show_plain_lines(invoke: Invoke) -> None:
    result = invoke(["show", "moscow-visit", "--data", SAMPLE, "--today", "2025-06-01"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "id: moscow-visit",
        "title: Official visit to Moscow",
        "date: 2001-08-04/2001-08-05",
        "span: 2001-08-04 .. 2001-08-05",
        "ago: 23 years ago",
        "kind: visit",
    ]
    assert "actor: Kim Jong Il" in lines and "actor: Vladimir Putin" in lines
    assert "links-to: 2001-08-04 moscow-declaration Moscow Declaration" in lines


def test_show_partial_date_and_both_link_directions(invoke: Invoke) -> None:
    result = invoke(["show", "visit-2002", "moscow-declaration", "--data", SAMPLE, "--today", "2025-06-01"])
    blocks = result.stdout.split("\n\n")
    assert len(blocks) == 2
    assert "ago: between 22 and 23 years ago" in blocks[0]
    assert "linked-from: 2001-08-04/2001-08-05 moscow-visit Official visit to Moscow" in blocks[1]
    assert "links-to: 2000-07-19 joint-declaration Joint Declaration" in blocks[1]
    assert "extra.confidence: high" in blocks[1]


def test_show_escapes_multiline_text(invoke: Invoke) -> None:
    result = invoke(["show", "joint", "--data", SAMPLE])
    assert "summary: Signed after talks.\\nSecond line." in result.stdout.splitlines()
    assert "source: press: A press release | A consulate | 2022-08-05 | https://example.org/press" in result.stdout


def test_show_prefix_unknown_and_ambiguous(invoke: Invoke) -> None:
    result = invoke(["show", "moscow-d", "moscow", "moscow-visti", "--data", SAMPLE])
    assert result.exit_code == 1
    assert result.stdout.startswith("id: moscow-declaration\n")
    assert "'moscow' is ambiguous: it starts 2 ids (moscow-declaration, moscow-visit)" in result.stderr
    assert "no event 'moscow-visti'; did you mean 'moscow-visit' or 'moscow-declaration'?" in result.stderr


def test_show_json(invoke: Invoke) -> None:
    result = invoke(["show", "moscow-declaration", "--data", SAMPLE, "--format", "json"])
    (record,) = json.loads(result.stdout)
    assert record["id"] == "moscow-declaration" and "related" not in record
    assert record["links_to"] == [{"id": "joint-declaration", "date": "2000-07-19", "title": "Joint Declaration"}]
    assert record["linked_from"] == [
        {"id": "moscow-visit", "date": "2001-08-04/2001-08-05", "title": "Official visit to Moscow"}
    ]
    joint = json.loads(invoke(["show", "joint-declaration", "--data", SAMPLE, "--format", "json"]).stdout)[0]
    assert joint["sources"] == [
        {
            "id": "press",
            "title": "A press release",
            "publisher": "A consulate",
            "date": "2022-08-05",
            "url": "https://example.org/press",
        }
    ]


def test_show_panel_on_a_terminal_with_aliases(invoke: Invoke) -> None:
    result = invoke(
        ["show", "moscow-declaration", "--data", SAMPLE, "--aliases", "--color", "never"], tty=True, width=100
    )
    assert result.stdout.startswith("Moscow Declaration") and "╭─" in result.stdout and "╰─" in result.stdout
    assert "Kim Jong Il (also: Kim Jong-il, Ким Чен Ир)" in result.stdout


def test_between_dates_and_events(invoke: Invoke) -> None:
    assert invoke(["between", "2000-07-19", "2001-08-04"]).stdout == "1 year, 16 days (381 days)\n"
    assert invoke(["between", "joint", "moscow-dec", "--data", SAMPLE]).stdout == "1 year, 16 days (381 days)\n"
    assert invoke(["between", "moscow-dec", "joint", "--data", SAMPLE]).stdout == "1 year, 16 days before (381 days)\n"
    assert (
        invoke(["between", "moscow-visit", "2001-08-10", "--from-end", "--data", SAMPLE, "--unit", "days"]).stdout
        == "5\n"
    )
    assert (
        invoke(["between", "joint", "moscow-visit", "--to-end", "--data", SAMPLE, "--unit", "days"]).stdout == "382\n"
    )
    assert invoke(["between", "visit-2002", "2011-08-24", "--data", SAMPLE, "--unit", "years"]).stdout == "8..9\n"
    assert invoke(["between", "April 2019", "today", "--today", "2020-04-15", "--unit", "months"]).stdout == "11..12\n"


def test_between_json(invoke: Invoke) -> None:
    result = invoke(["between", "2002", "2011-08-24", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["exact"] is False
    assert data["min"] == {"years": 8, "months": 7, "days": 24, "total_days": 3158}
    assert data["max"] == {"years": 9, "months": 7, "days": 23, "total_days": 3522}
    assert data["from"] == {"input": "2002", "event": None, "start": "2002-01-01", "end": "2002-12-31"}
    negative = json.loads(invoke(["between", "2001-08-04", "2000-07-19", "--format", "json"]).stdout)
    assert negative["min"]["total_days"] == -381 and negative["exact"] is True


def test_between_errors(invoke: Invoke) -> None:
    unknown = invoke(["between", "nosuch", "2001", "--data", SAMPLE])
    assert unknown.exit_code == 1 and "no event 'nosuch'" in unknown.stderr
    ongoing = invoke(["between", "2001", "ongoing", "--to-end", "--data", SAMPLE])
    assert ongoing.exit_code == 2 and "ongoing" in ongoing.stderr


def test_anniversaries_answers_the_press_release(invoke: Invoke) -> None:
    result = invoke(["anniversaries", "--on", "2022-08-05", "--behind", "1", "--ahead", "0"])
    assert (
        "2022-08-04\t21\tmoscow-declaration\tDPRK-Russia Moscow Declaration signed at the Kremlin"
        in result.stdout.splitlines()
    )


def test_anniversaries_filters_defaults_and_json(invoke: Invoke) -> None:
    result = invoke(["anniversaries", "--data", SAMPLE, "--today", "2021-08-01"])
    assert result.stdout.splitlines() == [
        "2021-08-04\t20\tmoscow-declaration\tMoscow Declaration",
        "2021-08-04\t20\tmoscow-visit\tOfficial visit to Moscow",
    ]
    filtered = invoke(["anniversaries", "--data", SAMPLE, "--today", "2021-08-01", "--kind", "visit"])
    assert filtered.stdout.splitlines() == ["2021-08-04\t20\tmoscow-visit\tOfficial visit to Moscow"]
    data = json.loads(invoke(["anniversaries", "--data", SAMPLE, "--on", "2021-08-01", "--format", "json"]).stdout)
    assert data[0] == {
        "anniversary": "2021-08-04",
        "years": 20,
        "round": True,
        "precision": "day",
        "id": "moscow-declaration",
        "date": "2001-08-04",
        "title": "Moscow Declaration",
    }
    assert invoke(["anniversaries", "--on", "2021", "--data", SAMPLE]).exit_code == 2


def test_lookup_help_has_examples(invoke: Invoke) -> None:
    for command in ("show", "between", "anniversaries"):
        assert "Examples:" in invoke([command, "--help"]).stdout


def test_an_empty_id_is_no_event_not_a_prefix_of_every_id(invoke: Invoke) -> None:
    result = invoke(["show", ""])
    assert result.exit_code == 1
    assert "ambiguous" not in result.stderr and "no event" in result.stderr

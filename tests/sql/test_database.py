"""The pure parts behind ``chrono sql`` and the new options: date functions, names, ids."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from chrono.errors import DateError
from chrono.loading.dataset import load
from chrono.questions.lookup import Miss, find, word_matches
from chrono.questions.words import name_matches
from chrono.sql.functions import DateFunctions

TODAY = dt.date(2026, 1, 15)


def test_functions_give_null_for_null() -> None:
    functions = DateFunctions(TODAY)
    assert functions.overlaps(None, None, "2001") == 1  # a NULL start is an open start (../B), a NULL end ongoing
    assert functions.within("2001-01-01", None, None) is None
    assert functions.starts_in(None, "2001") is None
    assert functions.edtf_start(None) is None and functions.edtf_end(None) is None


def test_an_open_end_overlaps_everything_after_its_start() -> None:
    functions = DateFunctions(TODAY)
    assert functions.overlaps("2001-01-01", None, "9999") == 1
    assert functions.overlaps("2001-01-01", None, "2000") == 0
    assert functions.within("2001-01-01", None, "2001") == 0
    assert functions.within("2001-01-01", None, "2001/..") == 1


def test_relative_dates_use_the_given_today() -> None:
    functions = DateFunctions(TODAY)
    assert functions.edtf_start("last year") == "2025-01-01"
    assert functions.edtf_end("this month") == "2026-01-31"


def test_an_unreadable_date_is_kept_for_the_message() -> None:
    functions = DateFunctions(TODAY)
    with pytest.raises(DateError):
        functions.starts_in("2001", "31 June 2001")
    assert functions.error is not None and functions.error.startswith("starts_in(): ")


def test_name_matches_every_word_in_any_order() -> None:
    assert name_matches("Hillary Clinton", ("Hillary Rodham Clinton",))
    assert name_matches("il KIM", ("Kim Jong Il",))
    assert not name_matches("Kim Il Sung", ("Kim Jong Il",))
    assert not name_matches("", ("Kim Jong Il",))


def test_ids_by_a_run_of_their_words() -> None:
    ids = ["1997-12-11-kyoto-protocol", "2001-paris-talks", "2002-paris-accord"]
    assert word_matches("kyoto", ids) == ["1997-12-11-kyoto-protocol"]
    assert word_matches("Kyoto Protocol", ids) == ["1997-12-11-kyoto-protocol"]
    assert word_matches("protocol kyoto", ids) == ["1997-12-11-kyoto-protocol"]  # any order, as --actor
    assert word_matches("kyoto paris", ids) == []
    assert word_matches("paris", ids) == ["2001-paris-talks", "2002-paris-accord"]
    chronology = load(["dprk-russia"])
    assert find(chronology, "declaration") == Miss(
        "declaration", ("joint-declaration-2000", "moscow-declaration"), ambiguous=True, by_words=True
    )


def test_sqlite3_is_only_imported_by_the_sql_modules() -> None:
    code = (
        "import sys, chrono.questions.query, chrono.questions.stats, chrono.questions.lookup, chrono.questions.check, chrono.cache.store, chrono.sql.functions\n"
        "from chrono.loading.dataset import load; from chrono.questions.timeline import Timeline; from chrono.questions.query import Query, run\n"
        "list(run(Query(extras=(('confidence', 'high'),)), Timeline(load(['dprk-russia']))))\n"
        "print('sqlite3' in sys.modules, 'click' in sys.modules, 'rich' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["False", "False", "False"]
    core = "import sys, chrono.sql.database; print('click' in sys.modules, 'rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", core], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["False", "False"]

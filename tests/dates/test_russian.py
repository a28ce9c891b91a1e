"""Russian written dates: month names in every case, guillemets, 'года', the Juche era in Russian."""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.dates.arguments import parse_date_arg
from chrono.dates.edtf import Precision
from chrono.dates.russian import to_english
from chrono.errors import DateError
from tests.conftest import Invoke

D = dt.date
TODAY = D(2026, 3, 18)


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("4 августа 2001", D(2001, 8, 4), D(2001, 8, 4), Precision.DAY),
        ("4 августа 2001 г.", D(2001, 8, 4), D(2001, 8, 4), Precision.DAY),
        ("4 августа 2001 года", D(2001, 8, 4), D(2001, 8, 4), Precision.DAY),
        ("19 Июля 2000", D(2000, 7, 19), D(2000, 7, 19), Precision.DAY),
        ("август 2001", D(2001, 8, 1), D(2001, 8, 31), Precision.MONTH),
        ("августе 2001 года", D(2001, 8, 1), D(2001, 8, 31), Precision.MONTH),
        ("февраль 2004", D(2004, 2, 1), D(2004, 2, 29), Precision.MONTH),
        ("9 февраля 2000", D(2000, 2, 9), D(2000, 2, 9), Precision.DAY),
        ("май 2019", D(2019, 5, 1), D(2019, 5, 31), Precision.MONTH),
        ("1 мая 2019", D(2019, 5, 1), D(2019, 5, 1), Precision.DAY),
        ("сентябрём 2023", D(2023, 9, 1), D(2023, 9, 30), Precision.MONTH),
        ("4 авг 2001", D(2001, 8, 4), D(2001, 8, 4), Precision.DAY),  # abbreviated, as 'Aug' is
        ("4 авг. 2001 г.", D(2001, 8, 4), D(2001, 8, 4), Precision.DAY),
        ("сент. 2023", D(2023, 9, 1), D(2023, 9, 30), Precision.MONTH),
        ("«05» августа 111 года чучхе", D(2022, 8, 5), D(2022, 8, 5), Precision.DAY),
        ("«05» августа 111 года чучхе (2022)", D(2022, 8, 5), D(2022, 8, 5), Precision.DAY),
        ("05 August Juche 111 (2022)", D(2022, 8, 5), D(2022, 8, 5), Precision.DAY),
        ("августа 111 года чучхе", D(2022, 8, 1), D(2022, 8, 31), Precision.MONTH),
    ],
)
def test_russian_forms(text: str, lower: dt.date, upper: dt.date, precision: Precision) -> None:
    arg = parse_date_arg(text, TODAY)
    assert (arg.lower, arg.upper, arg.precision) == (lower.toordinal(), upper.toordinal(), precision)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("4 августа", "no 4-digit year"),  # a year is never guessed, as in English
        ("мартышка 2001", "'мартышка' is not a Russian month name"),  # a stem, not a prefix
        ("4 авгу 2001", "'авгу' is not a Russian month name"),
        ("31 июня 2001", "cannot read"),  # 31 June does not exist
        ("«05» августа 111 года чучхе (2023)", "does not match the Juche year"),
        ("01.08.2001 года", "ambiguous"),  # a numeric date stays refused, whatever word follows
    ],
)
def test_russian_refusals(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_date_arg(text, TODAY)


@pytest.mark.parametrize(
    ("month", "forms"),
    [
        ("January", ["январь", "января", "январю", "январе", "январём", "январем"]),
        ("March", ["март", "марта", "марту", "марте", "мартом"]),
        ("May", ["май", "мая", "маю", "мае", "маем"]),
        ("August", ["август", "августа", "августу", "августе", "августом"]),
        ("December", ["декабрь", "декабря", "декабрю", "декабре", "декабрём"]),
    ],
)
def test_every_case_of_a_month(month: str, forms: list[str]) -> None:
    for form in forms:
        assert to_english(f"{form} 2001") == f"{month} 2001"


def test_the_seed_dates_itself_and_the_anniversary_is_found(invoke: Invoke) -> None:
    """The press release's own date gives the Moscow Declaration's 21st anniversary, as English does."""
    args = ["anniversaries", "--behind", "1", "--ahead", "0", "--on"]
    russian = invoke([*args, "«05» августа 111 года чучхе"])
    english = invoke([*args, "05 August Juche 111"])
    assert russian.exit_code == 0, russian.stderr
    assert russian.stdout == english.stdout
    assert "2022-08-04\t21\tmoscow-declaration\t" in russian.stdout


def test_a_russian_typo_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["list", "--on", "4 авгста 2001"])
    assert result.exit_code == 2
    assert "'авгста' is not a Russian month name" in result.stderr
    assert "Traceback" not in result.stderr

import datetime
from decimal import Decimal

import pytest

from culturalmap.core.thai import (
    ThaiInputError,
    fiscal_year_be,
    format_date,
    parse_amount,
    parse_count,
    parse_date,
    parse_whole_number,
)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("25048", Decimal("25048.00")),
        ("1,234,567.50", Decimal("1234567.50")),
        ("๑๒,๓๔๕", Decimal("12345.00")),
        ("593,247 บาท", Decimal("593247.00")),
        ("0", Decimal("0.00")),
    ],
)
def test_amounts_as_organisers_write_them(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize("text", ["-100", "(100)", "abc", "12,34", "1.234,50", "", "1.005", "1e5", "NaN"])
def test_amounts_that_cannot_be_read_are_refused(text):
    with pytest.raises(ThaiInputError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("29/09/2567", datetime.date(2024, 9, 29)),
        ("29/9/2024", datetime.date(2024, 9, 29)),
        ("2024-09-29", datetime.date(2024, 9, 29)),
        ("2567-09-29", datetime.date(2024, 9, 29)),
        ("๒๙/๐๙/๒๕๖๗", datetime.date(2024, 9, 29)),
        ("29 ก.ย. 2567", datetime.date(2024, 9, 29)),
        ("11 ตุลาคม 2565", datetime.date(2022, 10, 11)),
        ("29 Sep 2024", datetime.date(2024, 9, 29)),
    ],
)
def test_buddhist_era_and_thai_dates_are_read(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["29/09/67", "09/29/2567", "31/02/2567", "29/09/2300", "yesterday", ""])
def test_ambiguous_or_impossible_dates_are_refused(text):
    with pytest.raises(ThaiInputError):
        parse_date(text)


def test_fiscal_year_is_named_by_its_buddhist_era_year():
    assert fiscal_year_be(datetime.date(2023, 10, 1)) == 2567
    assert fiscal_year_be(datetime.date(2024, 9, 30)) == 2567
    assert fiscal_year_be(datetime.date(2024, 10, 1)) == 2568


def test_dates_are_shown_in_buddhist_era_in_thai():
    assert format_date(datetime.date(2024, 9, 29)) == "29 ก.ย. 2567"
    assert format_date(datetime.date(2024, 9, 29), "en") == "29 Sep 2024"


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12), ("๑๒", 12), ("1,234", 1234), ("๑,๒๓๔", 1234), (" 7 ", 7), ("0", 0), (42, 42)],
)
def test_whole_numbers_in_western_or_thai_digits(text, number):
    assert parse_whole_number(text) == number


@pytest.mark.parametrize(
    "text",
    ["²", "①", "٣", "१२", "１２", "12²", "-1", "1.5", "1e3", "", "12,34", "9" * 5000, "9" * 31, None, "+3"],
)
def test_other_digits_signs_and_endless_numbers_are_refused(text):
    """² and ① pass str.isdigit(), ٣ (Arabic-Indic), १ (Devanagari) and １ (full-width) pass int():
    none of them is how a count is typed here, and int() of 5,000 digits raises, so all are refused."""
    with pytest.raises(ThaiInputError):
        parse_whole_number(text)


def test_separators_and_a_maximum_when_asked():
    with pytest.raises(ThaiInputError):
        parse_whole_number("1,000", separators=False)
    with pytest.raises(ThaiInputError) as info:
        parse_whole_number("11", maximum=10)
    assert "10" in str(info.value)


@pytest.mark.parametrize("text", ["²", "①", "٣"])
def test_a_head_count_in_other_digits_is_refused(text):
    with pytest.raises(ThaiInputError):
        parse_count(text)

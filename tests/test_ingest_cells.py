import datetime as dt

import pytest

from readiness.ingest.cells import ParseError, parse_count, parse_date, parse_percent


@pytest.mark.parametrize(
    "cell,expected",
    [
        ("35.412", 35412),
        ("1.234.567", 1234567),
        ("35,412", 35412),
        ("1,234,567", 1234567),
        (35412.0, 35412),
        ("35412", 35412),
        (" 1.234 ", 1234),
        ("1.234,00", 1234),
        (None, None),
        ("-", 0),
        (" – ", 0),
        ("—", 0),
        ("", None),
        ("1.234 org", 1234),
        ("12 orang", 12),
        ("1.234 jiwa", 1234),
    ],
)
def test_counts_in_every_representation(cell, expected):
    assert parse_count(cell) == expected


@pytest.mark.parametrize("cell", ["35,4", 35.4, "12a", "1.23", "35,4 org", "org"])
def test_counts_that_are_not_whole_are_refused(cell):
    with pytest.raises(ParseError):
        parse_count(cell)


def test_negative_count_is_refused():
    with pytest.raises(ParseError, match="negatif"):
        parse_count("-5")


@pytest.mark.parametrize(
    "cell,expected",
    [
        ("97,85%", 97.85),
        ("97,85", 97.85),
        ("97.85", 97.85),
        (0.9785, 97.85),
        (82, 82.0),
        ("82", 82.0),
        (1, 100.0),
        (0, 0.0),
        ("0,5%", 0.5),
    ],
)
def test_percents_in_every_representation(cell, expected):
    assert parse_percent(cell) == pytest.approx(expected)


def test_percent_above_100_is_refused():
    with pytest.raises(ParseError, match="0–100"):
        parse_percent("101,5")


@pytest.mark.parametrize(
    "cell",
    [
        "27-11-2024",
        "27/11/2024",
        "2024-11-27",
        "27 November 2024",
        "27 Nov 2024",
        "Rabu, 27 November 2024",
        "rabu 27-11-2024",
        dt.datetime(2024, 11, 27),
        45623,
    ],
)
def test_dates(cell):
    assert parse_date(cell) == dt.date(2024, 11, 27)


def test_a_two_digit_year_is_read_for_an_event_never_for_a_birth_date():
    assert parse_date("27-11-24", tahun_pendek=True) == dt.date(2024, 11, 27)
    assert parse_date("27/11/24", tahun_pendek=True) == dt.date(2024, 11, 27)
    with pytest.raises(ParseError, match="bukan tanggal yang dikenali"):
        parse_date("17-05-80")  # 1980 or 2080: a birth date's century is not guessed

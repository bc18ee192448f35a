"""Dates at the source's precision and the documented as-of rule."""

from __future__ import annotations

import datetime as dt

import pytest

from actorgraph.core.dates import is_active, parse_date, parse_day
from actorgraph.core.errors import DateError


@pytest.mark.parametrize(
    "text, earliest, latest, precision",
    [
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year"),
        ("2025-10", dt.date(2025, 10, 1), dt.date(2025, 10, 31), "month"),
        ("2026-02-27", dt.date(2026, 2, 27), dt.date(2026, 2, 27), "day"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
        ("2014/2015", dt.date(2014, 1, 1), dt.date(2015, 12, 31), "interval"),
        ("2021-06/2021-08", dt.date(2021, 6, 1), dt.date(2021, 8, 31), "interval"),
    ],
)
def test_parse_keeps_precision(text, earliest, latest, precision):
    date = parse_date(text)
    assert (date.earliest, date.latest, date.precision, str(date)) == (earliest, latest, precision, text)


@pytest.mark.parametrize("bad", ["2026-13-45", "2025-02-30", "20x5", "2025-1", "", "2015/2014", "2025-00"])
def test_malformed_or_impossible_dates_raise(bad):
    with pytest.raises(DateError):
        parse_date(bad)


def test_as_of_day_for_imprecise_input_is_the_last_day():
    assert parse_day("2025") == dt.date(2025, 12, 31)
    assert parse_day("2025-02") == dt.date(2025, 2, 28)


def test_as_of_rule_possible_counts_a_year_from_its_first_day():
    start = parse_date("2025")
    assert is_active(start, None, dt.date(2025, 3, 15))
    assert not is_active(start, None, dt.date(2024, 12, 31))


def test_as_of_rule_certain_waits_for_the_whole_period():
    start = parse_date("2025")
    assert not is_active(start, None, dt.date(2025, 3, 15), rule="certain")
    assert is_active(start, None, dt.date(2025, 12, 31), rule="certain")


def test_end_precision_under_both_rules():
    start, end = parse_date("2022"), parse_date("2022")
    assert is_active(start, end, dt.date(2022, 12, 31))
    assert not is_active(start, end, dt.date(2023, 1, 1))
    assert not is_active(start, end, dt.date(2022, 6, 1), rule="certain")


def test_unknown_start_means_since_ever_and_unknown_end_means_still():
    assert is_active(None, None, dt.date(1900, 1, 1))
    assert is_active(None, parse_date("2009"), dt.date(2009, 6, 1))
    assert not is_active(None, parse_date("2009"), dt.date(2010, 1, 1))


def test_unknown_rule_is_an_error():
    with pytest.raises(DateError, match="unknown as-of rule"):
        is_active(None, None, dt.date(2020, 1, 1), rule="maybe")

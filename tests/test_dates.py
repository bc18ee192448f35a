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
    assert is_active(start, None, dt.date(2025, 3, 15), rule="possible")
    assert not is_active(start, None, dt.date(2024, 12, 31), rule="possible")


def test_as_of_rule_known_waits_for_the_whole_period_and_is_the_default():
    start = parse_date("2025")
    assert not is_active(start, None, dt.date(2025, 3, 15))
    assert is_active(start, None, dt.date(2025, 12, 31))
    # the old name of the rule is still accepted
    assert not is_active(start, None, dt.date(2025, 3, 15), rule="certain")
    assert is_active(start, None, dt.date(2025, 12, 31), rule="certain")


def test_end_precision_under_both_rules():
    start, end = parse_date("2022"), parse_date("2022")
    assert is_active(start, end, dt.date(2022, 12, 31), rule="possible")
    assert not is_active(start, end, dt.date(2023, 1, 1), rule="possible")
    assert not is_active(start, end, dt.date(2022, 6, 1), rule="known")


def test_an_undated_statement_holds_at_its_source_date_and_nothing_before():
    for rule in ("known", "possible"):
        assert is_active(None, None, dt.date(2026, 3, 31), rule, issued="2026-03-31")
        assert not is_active(None, None, dt.date(2026, 3, 30), rule, issued="2026-03-31")
        assert not is_active(None, None, dt.date(2008, 6, 30), rule, issued="2026-03-31")
    # without a source date nothing bounds it (a statement outside any source)
    assert is_active(None, None, dt.date(1900, 1, 1))
    assert not is_active(None, parse_date("2009"), dt.date(2010, 1, 1))


def test_status_ended_means_ended_by_the_source_date():
    start = parse_date("2021-06/2021-08")
    for rule in ("known", "possible"):
        assert not is_active(start, None, dt.date(2026, 3, 31), rule, status="Ended", issued="2026-03-31")
    assert is_active(start, None, dt.date(2021, 12, 31), "possible", status="Ended", issued="2026-03-31")
    # when it ended the text does not say: not known to hold after the summer
    assert not is_active(start, None, dt.date(2021, 12, 31), "known", status="Ended", issued="2026-03-31")
    assert is_active(start, None, dt.date(2021, 12, 31), "known", issued="2026-03-31")


@pytest.mark.parametrize("text, earliest, latest", [
    ("[..2025-10]", dt.date.min, dt.date(2025, 10, 31)),
    ("[2022..]", dt.date(2022, 1, 1), dt.date.max),
    ("..", dt.date.min, dt.date.max),
    ("2021-22", dt.date(2021, 6, 1), dt.date(2021, 8, 31)),  # EDTF season: summer 2021
])
def test_edtf_bound_forms(text, earliest, latest):
    date = parse_date(text)
    assert (date.earliest, date.latest, str(date)) == (earliest, latest, text)


def test_bound_forms_under_the_time_of_knowledge():
    issued = "2026-03-31"
    # "since the summer of 2021": possible from June 2021, known only by the source's date
    since = parse_date("[2021-06..]")
    assert is_active(since, None, dt.date(2021, 12, 31), "possible", issued=issued)
    assert not is_active(since, None, dt.date(2021, 12, 31), "known", issued=issued)
    assert is_active(since, None, dt.date(2026, 3, 31), "known", issued=issued)
    # "under way by October 2025": known from the end of October 2025
    by = parse_date("[..2025-10]")
    assert is_active(by, None, dt.date(2025, 10, 31), "known", issued=issued)
    assert not is_active(by, None, dt.date(2025, 10, 30), "known", issued=issued)
    # "historically", "always": held before any date the text names
    assert is_active(parse_date(".."), None, dt.date(2008, 6, 30), "known", issued=issued)


@pytest.mark.parametrize("bad", ["/2020", "2021-06/", "[2021..", "2025-02-30T10:00"])
def test_unknown_end_points_and_other_non_dates_raise(bad):
    with pytest.raises(DateError):
        parse_date(bad)


def test_an_as_of_day_needs_a_last_day():
    with pytest.raises(DateError, match="no last day"):
        parse_day("[2022..]")


def test_unknown_rule_is_an_error():
    with pytest.raises(DateError, match="unknown as-of rule"):
        is_active(None, None, dt.date(2020, 1, 1), rule="maybe")


@pytest.mark.parametrize("text", ["2025", "2024-02", "2025-10", "2026-02-27", "2014/2015", "2021-06/2021-08",
                                  "[..2025-10]", "[2022..]", "[2021-06..]", "[..2019]", "2021-06/..", "../2020-05",
                                  "2020-02-29", "1999-12-31/2000-01"])
def test_the_fast_path_gives_the_edtf_packages_bounds(text):
    """The forms the data uses most skip the edtf parser (~80 ms a date); their bounds are the package's."""
    import time

    import edtf

    from actorgraph.core.dates import _fast

    parsed = edtf.parse_edtf(text)

    def day(struct, open_day):
        if struct in (float("inf"), float("-inf")):
            return open_day
        return dt.date(*time.struct_time(struct)[:3])

    quick = _fast(text)
    assert quick is not None
    assert (quick.earliest, quick.latest) == (day(parsed.lower_strict(), dt.date.min), day(parsed.upper_strict(), dt.date.max))


@pytest.mark.parametrize("text", ["2021-22", "2025-10~", "2025?", "[2020,2022]"])
def test_other_edtf_forms_go_through_the_package(text):
    from actorgraph.core.dates import _fast

    assert _fast(text) is None
    assert parse_date(text).earliest.year >= 2020


def test_a_punctual_fact_counts_on_its_periods_last_day_when_known():
    month = parse_date("2025-10")
    assert is_active(month, month, dt.date(2025, 10, 31), issued="2026-03-31")
    assert not is_active(month, month, dt.date(2025, 10, 15), issued="2026-03-31")
    assert is_active(month, month, dt.date(2025, 10, 15), "possible", issued="2026-03-31")
    assert not is_active(month, month, dt.date(2025, 11, 1), "possible", issued="2026-03-31")

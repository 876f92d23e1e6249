"""`dates.period_end`: "N mois, de date à date" (rules.md, *Conventions*), by brute force."""

import calendar
import datetime as dt

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from iae_core import dates

D = pendulum.date
ONE_DAY = dt.timedelta(days=1)


def brute_force_period_end(start: dt.date, months: int) -> dt.date:
    """The reading, literally: walk the days of the month ``months`` after ``start``'s month;
    the period ends the day before the one numbered like ``start``, or, when that month has no
    such day, on its last day."""
    year, index = divmod(start.month - 1 + months, 12)
    year += start.year
    day = dt.date(year, index + 1, 1)
    last = day
    while day.month == index + 1:
        if day.day == start.day:
            return day - ONE_DAY
        last = day
        day += ONE_DAY
    return last


def _every_day(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


@pytest.mark.parametrize("months", range(1, 37))
def test_period_end_matches_the_brute_force_over_2023_to_2025(months):
    for start in _every_day(dt.date(2023, 1, 1), dt.date(2025, 12, 31)):
        got = dates.period_end(D(start.year, start.month, start.day), months)
        assert got == brute_force_period_end(start, months), (start, months)
        assert isinstance(got, pendulum.Date)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.integers(0, 240))
@example(dt.date(2024, 2, 29), 24)
@example(dt.date(2025, 10, 31), 4)
@example(dt.date(2100, 1, 29), 1)  # 2100 is not a leap year
@example(dt.date(2000, 1, 30), 1)  # 2000 is one
def test_period_end_matches_the_brute_force_anywhere(start, months):
    assert dates.period_end(start, months) == brute_force_period_end(start, months)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.integers(1, 240))
@example(dt.date(2024, 1, 31), 1)
@example(dt.date(2024, 1, 15), 4)
def test_period_end_is_the_platform_end_or_one_day_later(start, months):
    """One day later than ``months_end`` (pendulum's clamping) exactly when the start's day
    does not exist in the target month; the same day otherwise."""
    start = D(start.year, start.month, start.day)
    year, index = divmod(start.month - 1 + months, 12)
    missing = start.day > calendar.monthrange(start.year + year, index + 1)[1]
    gap = (dates.period_end(start, months) - dates.months_end(start, months)).in_days()
    assert gap == (1 if missing else 0)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 1)), st.integers(1, 120))
@example(dt.date(2024, 2, 28), 12)  # 28/02 and 29/02 2024 -> 27/02 and 28/02 2025
@example(dt.date(2024, 2, 29), 12)  # 29/02 and 01/03 2024 -> both 28/02 2025
@example(dt.date(2025, 2, 28), 1)  # 28/02 and 01/03 2025 -> 27/03 and 31/03 2025
def test_period_end_does_not_decrease_with_the_start(start, months):
    later = start + ONE_DAY
    assert dates.period_end(later, months) >= dates.period_end(start, months)
    assert dates.period_end(start, months) >= start


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        # the examples, literally
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2025, 1, 30), 1, D(2025, 2, 28)),
        (D(2025, 1, 28), 1, D(2025, 2, 27)),
        (D(2025, 2, 1), 1, D(2025, 2, 28)),
        (D(2024, 2, 29), 24, D(2026, 2, 28)),
        (D(2025, 10, 31), 4, D(2026, 2, 28)),
        # rules.md, Conventions
        (D(2024, 1, 15), 4, D(2024, 5, 14)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        # around 29 February
        (D(2024, 1, 29), 1, D(2024, 2, 28)),
        (D(2025, 1, 29), 1, D(2025, 2, 28)),
        (D(2024, 2, 28), 12, D(2025, 2, 27)),
        (D(2024, 3, 1), 12, D(2025, 2, 28)),
        (D(2023, 3, 1), 12, D(2024, 2, 29)),
        (D(2023, 2, 28), 12, D(2024, 2, 27)),
        (D(2024, 12, 31), 2, D(2025, 2, 28)),
        (D(2024, 12, 1), 1, D(2024, 12, 31)),
        (D(2024, 12, 31), 12, D(2025, 12, 30)),
    ],
)
def test_period_end_examples(start, months, end):
    assert dates.period_end(start, months) == end
    assert dates.period_next(start, months) == end.add(days=1)


def test_platform_arithmetic_is_kept_for_pass_and_diagnosis_dates():
    # rules.md, Conventions: PASS IAE and diagnosis dates keep start + N months (clamped)
    # - 1 day; a PASS from 2024-02-29 ends on 2026-02-27, one from 2023-02-28 on 2025-02-27.
    from iae_core import Approval

    assert Approval(number="999990000001", start=D(2024, 2, 29)).end == D(2026, 2, 27)
    assert Approval(number="999990000001", start=D(2023, 2, 28)).end == D(2025, 2, 27)
    assert dates.months_end(D(2024, 2, 29), 24) == D(2026, 2, 27)
    assert dates.months_end(D(2025, 10, 31), 4) == D(2026, 2, 27)
    assert dates.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [(2024, 2, 29), (2025, 2, 28), (2000, 2, 29), (2100, 2, 28), (2025, 4, 30), (2025, 12, 31)],
)
def test_days_in_month(year, month, days):
    assert dates.days_in_month(year, month) == days == calendar.monthrange(year, month)[1]


def test_doctests_of_dates_and_the_contracts_page():
    import doctest
    from pathlib import Path

    result = doctest.testmod(dates, extraglobs={"pendulum": pendulum})
    assert result.attempted >= 5
    assert result.failed == 0
    page = Path(__file__).resolve().parent.parent / "docs" / "contracts.md"
    result = doctest.testfile(str(page), module_relative=False)
    assert result.attempted >= 3
    assert result.failed == 0

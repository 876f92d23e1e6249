"""Calendar-date helpers shared by every rule.

All dates in iae_core are calendar dates (`pendulum.Date`), Europe/Paris civil
dates with no time. Two readings of "N months from S" coexist:

* contracts, missions, PMSMP and the windows they use: `period_end`, "de date à
  date" (the day before the same-numbered day N months later, or the last day of that
  month when it has no such day);
* PASS IAE and diagnosis dates: the platform's arithmetic, pendulum's clamping
  (`add_months`, `months_end`), because those are the official dates:

  ```pycon
  >>> period_end(pendulum.date(2025, 10, 31), 4)
  Date(2026, 2, 28)
  >>> months_end(pendulum.date(2025, 10, 31), 4)
  Date(2026, 2, 27)
  >>> add_months(pendulum.date(2024, 1, 31), 1)
  Date(2024, 2, 29)

  ```
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, TypeAlias

import pendulum

from iae_core.errors import ErrorDetail, InvalidData, detail

__all__ = [
    "Date",
    "DayLike",
    "add_months",
    "age_on",
    "as_date",
    "as_day",
    "days_in_month",
    "days_inclusive",
    "months_end",
    "period_end",
    "period_next",
    "to_date",
    "week_of",
]

Date = pendulum.Date
"""The date type used everywhere (`pendulum.Date`)."""

DayLike: TypeAlias = pendulum.Date | _dt.date | str
"""What a public function taking a day (`on=`, `day=`…) accepts: a `pendulum.Date`, a
`datetime.date` (not a `datetime`) or an ISO 8601 calendar date as text, `"2026-11-23"`."""

MIN_DATE = pendulum.Date(1900, 1, 1)
"""The earliest date an entity accepts (anything earlier is a data error)."""
MAX_DATE = pendulum.Date(2199, 12, 31)
"""The latest date an entity accepts: rules add months and years to dates, and a year
9999 would overflow the calendar instead of giving a finding."""


def date_range_detail(name: str, value: pendulum.Date) -> ErrorDetail | None:
    """The error when ``value`` is outside [`MIN_DATE`, `MAX_DATE`], or ``None``."""
    if MIN_DATE <= value <= MAX_DATE:
        return None
    return detail(
        name, "out_of_range", "date", input=value, minimum=MIN_DATE, maximum=MAX_DATE, day=value
    )


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def as_day(value: object, name: str = "on") -> pendulum.Date:
    """The day `value` stands for, as a `pendulum.Date`.

    Every public entry point taking a day (`check(on=…)`, the planners,
    `Approval.state(on)`…) reads it with this function.

    ```pycon
    >>> as_day("2024-02-29")
    Date(2024, 2, 29)
    >>> as_day(_dt.date(2026, 11, 23))
    Date(2026, 11, 23)

    ```

    Args:
        value: a `pendulum.Date`, a `datetime.date` or an ISO `YYYY-MM-DD` text.
        name: the argument's name, for the error (`"on"`, `"day"`…).

    Returns:
        The day, between 1900-01-01 and 2199-12-31.

    Raises:
        InvalidData: anything else (a `datetime`, another text, a number, `None`, a day
            that does not exist such as `"2026-02-30"`: type `not_a_date`), or a day out
            of that range (`out_of_range`), located at `name`.
    """
    if type(value) is pendulum.Date:
        day = value
    elif type(value) is _dt.date:
        day = pendulum.Date(value.year, value.month, value.day)
    elif type(value) is str and _ISO_DAY.fullmatch(value):
        try:
            parsed = _dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidData([detail(name, "not_a_date", input=value)]) from None
        day = pendulum.Date(parsed.year, parsed.month, parsed.day)
    else:
        raise InvalidData([detail(name, "not_a_date", input=value)])
    out_of_range = date_range_detail(name, day)
    if out_of_range is not None:
        raise InvalidData([out_of_range])
    return day


def to_date(value: pendulum.Date | _dt.date) -> Any:
    """Attrs converter: a plain `datetime.date` becomes a `pendulum.Date`.

    Anything else (a ``datetime``, a string, ``None``) is returned unchanged so that the
    entity's validation reports it with the field's name: nothing is coerced silently.
    """
    if type(value) is _dt.date:
        return pendulum.Date(value.year, value.month, value.day)
    return value


def to_optional_date(value: pendulum.Date | _dt.date | None) -> Any:
    """Like `to_date`, keeping ``None``."""
    return None if value is None else to_date(value)


def as_date(value: _dt.date) -> pendulum.Date:
    """Return ``value`` as a `pendulum.Date` (for use by rules)."""
    if isinstance(value, pendulum.Date):
        return value
    return pendulum.Date(value.year, value.month, value.day)


def is_calendar_date(value: object) -> bool:
    """True for a date that is not a datetime."""
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)


def add_months(day: DayLike, months: int) -> pendulum.Date:
    """``day`` plus ``months`` calendar months, month ends clamped (2024-01-31 + 1 = 02-29)."""
    if type(day) is not pendulum.Date:
        day = as_day(day, "day")
    return day.add(months=months)


def months_end(start: pendulum.Date, months: int) -> pendulum.Date:
    """``start + months`` (month ends clamped) ``- 1 day``: the platform's arithmetic.

    For PASS IAE and diagnosis dates only (conventions: "they are the official
    dates"): a period from 2024-02-29 ends on 2026-02-27 after 24 months. Contract, mission
    and PMSMP durations use `period_end` instead.
    """
    return start.add(months=months).subtract(days=1)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """Number of days of ``month`` (1-12) in ``year`` (Gregorian calendar)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def period_end(start: _dt.date, months: int) -> pendulum.Date:
    """Last day of the period of ``months`` months that begins on ``start`` (included).

    The reading of "N mois, de date à date" used for every contract, mission and PMSMP
    duration and the windows they use: the period ends on the
    day before the same-numbered day ``months`` months later; when that day does not exist
    in that month (the month of ``start`` plus ``months``), it ends on the last day of that
    month. This is the rule of C. proc. civ. art. 641 al. 2 for periods in months (the
    period expires on the day of the last month with the same number as the first day's;
    "à défaut d'un quantième identique", on the last day of the month), applied to
    durations that include their first day (hence "the day before"). PASS IAE and
    diagnosis dates keep the platform's arithmetic (`months_end`).

    Examples (``months=1`` unless stated): 31/01 → 28/02 (29/02 in a leap year);
    31/03 → 30/04; 30/01 → 28/02; 28/01 → 27/02; 01/02 → 28/02; 2024-02-29 plus 24 months
    → 2026-02-28; 2025-10-31 plus 4 months → 2026-02-28.

        >>> period_end(pendulum.date(2024, 1, 15), 4)
        Date(2024, 5, 14)
        >>> period_end(pendulum.date(2026, 1, 31), 1)
        Date(2026, 2, 28)

    "Is ``day`` within the ``months`` months from ``start``" is
    ``day <= period_end(start, months)``; the first day after them is `period_next`.

    Args:
        start: first day of the period (a ``datetime.date`` is accepted).
        months: its length in months (``>= 1``; ``0`` gives the day before ``start``).

    Returns:
        The period's last day, inclusive.
    """
    index = start.month - 1 + months
    year = start.year + index // 12
    month = index % 12 + 1
    last = days_in_month(year, month)
    if start.day > last:
        return pendulum.Date(year, month, last)
    return pendulum.Date.fromordinal(_dt.date(year, month, start.day).toordinal() - 1)


def period_next(start: _dt.date, months: int) -> pendulum.Date:
    """First day after the ``months`` months from ``start``: ``period_end`` plus one day.

    "At least N months after S" (the earliest day a CDI inclusion may be signed, a cumul
    derogation may start) is ``day >= period_next(S, N)``.
    """
    return pendulum.Date.fromordinal(period_end(start, months).toordinal() + 1)


def week_of(day: DayLike) -> tuple[pendulum.Date, pendulum.Date]:
    """The calendar week (Monday to Sunday, C. trav. art. L3121-35) that holds `day`."""
    if type(day) is not pendulum.Date:
        day = as_day(day, "day")
    monday = day.subtract(days=day.weekday())
    return monday, monday.add(days=6)


def days_inclusive(start: pendulum.Date, end: pendulum.Date) -> int:
    """Number of days from ``start`` to ``end``, both included."""
    return end.toordinal() - start.toordinal() + 1


def age_on(birth_date: pendulum.Date, day: DayLike) -> int:
    """Age in whole years on ``day`` (a birthday on 29 February falls on 1 March)."""
    if type(day) is not pendulum.Date:
        day = as_day(day, "day")
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years

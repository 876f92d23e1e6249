"""Calendar-date helpers shared by every rule.

All dates in iae_core are calendar dates (:class:`pendulum.Date`), Europe/Paris civil
dates with no time. The month arithmetic is pendulum's, which clamps month ends::

    >>> months_end(pendulum.date(2024, 1, 15), 4)
    Date(2024, 5, 14)
    >>> add_months(pendulum.date(2024, 1, 31), 1)
    Date(2024, 2, 29)
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import pendulum

__all__ = ["Date", "add_months", "age_on", "as_date", "days_inclusive", "months_end", "to_date"]

Date = pendulum.Date
"""The date type used everywhere (:class:`pendulum.Date`)."""


def to_date(value: Any) -> Any:
    """Attrs converter: a plain :class:`datetime.date` becomes a :class:`pendulum.Date`.

    Anything else (a ``datetime``, a string, ``None``) is returned unchanged so that the
    entity's validation reports it with the field's name: nothing is coerced silently.
    """
    if type(value) is _dt.date:
        return pendulum.Date(value.year, value.month, value.day)
    return value


def to_optional_date(value: Any) -> Any:
    """Like :func:`to_date`, keeping ``None``."""
    return None if value is None else to_date(value)


def as_date(value: _dt.date) -> pendulum.Date:
    """Return ``value`` as a :class:`pendulum.Date` (for use by rules)."""
    if isinstance(value, pendulum.Date):
        return value
    return pendulum.Date(value.year, value.month, value.day)


def is_calendar_date(value: object) -> bool:
    """True for a date that is not a datetime."""
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)


def add_months(day: pendulum.Date, months: int) -> pendulum.Date:
    """``day`` plus ``months`` calendar months, month ends clamped (2024-01-31 + 1 = 02-29)."""
    return day.add(months=months)


def months_end(start: pendulum.Date, months: int) -> pendulum.Date:
    """Last day of a period of ``months`` calendar months starting on ``start``.

    "N months from S" ends on ``S + N months - 1 day`` (rules.md, *Conventions*).
    """
    return start.add(months=months).subtract(days=1)


def days_inclusive(start: pendulum.Date, end: pendulum.Date) -> int:
    """Number of days from ``start`` to ``end``, both included."""
    return (end - start).in_days() + 1


def age_on(birth_date: pendulum.Date, day: pendulum.Date) -> int:
    """Age in whole years on ``day`` (a birthday on 29 February falls on 1 March)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years

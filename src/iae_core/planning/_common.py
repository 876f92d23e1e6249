"""Small shared values and helpers of the planners: `Closed` (why an option is closed)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

import attrs
import pendulum

from iae_core._kernel.plugins import Result

__all__ = ["Closed", "birthday", "next_day", "plain", "previous_day"]


@attrs.frozen(kw_only=True, slots=True)
class Closed(Result):
    """Why a plan's option is closed (its field is `None` or its key is absent).

    Attributes:
        code: a stable code: the rule code that closes it (`contract.max_duration`), or
            `planning.not_applicable` (no rule of the area sets that limit for this
            subject) or `planning.unknown` (a fact the limit needs was not given).
        reason: a short English explanation (never special-category data).
    """

    code: str
    reason: str

    def to_json(self) -> dict[str, str]:
        """Plain values: `{"code": ..., "reason": ...}`."""
        return {"code": self.code, "reason": self.reason}


NOT_APPLICABLE = "planning.not_applicable"
UNKNOWN = "planning.unknown"
OUT_OF_RANGE = "planning.out_of_range"
"""The code of a bound set by the end of the dates supported (`MAX_DATE`, 2199-12-31), not
by a rule: nothing is possible after it."""


def next_day(day: _dt.date) -> pendulum.Date:
    """The day after `day`."""
    return pendulum.Date.fromordinal(day.toordinal() + 1)


def previous_day(day: _dt.date) -> pendulum.Date:
    """The day before `day`."""
    return pendulum.Date.fromordinal(day.toordinal() - 1)


def birthday(birth_date: _dt.date, years: int) -> pendulum.Date:
    """The first day a person born on `birth_date` is `years` old (`dates.age_on`).

    A birthday on 29 February falls on 1 March in a year without one.
    """
    year = birth_date.year + years
    try:
        return pendulum.Date(year, birth_date.month, birth_date.day)
    except ValueError:
        return pendulum.Date(year, 3, 1)


def plain(value: Any) -> Any:
    """A plan value as JSON-ready plain data (ISO dates, lists, string keys)."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Closed):
        return value.to_json()
    if isinstance(value, Mapping):
        return {getattr(k, "value", k): plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value

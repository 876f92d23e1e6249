"""Dated tables: a rule value per period, so that a check applies the law then in force.

A `Dated` table maps start dates to values; ``table.at(day)`` returns the value in
force on ``day``. A new version of a rule is one more row, not another ``if``:

```pycon
>>> EMPLOYER_VALIDITY = Dated({None: "6 months", pendulum.date(2025, 1, 13): "92 days"})
>>> EMPLOYER_VALIDITY.at(pendulum.date(2025, 1, 12))
'6 months'

```
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

import pendulum

from iae_core.dates import DayLike, as_day

__all__ = ["Dated"]

T = TypeVar("T")


class Dated(Generic[T]):
    """An immutable table of values by start date.

    Args:
        rows: ``{start: value}``; a ``None`` key is the value before the first dated row.
            When there is no ``None`` key, asking for a date before the first row raises
            `LookupError` (the rule did not exist yet).
    """

    __slots__ = ("_before", "_has_before", "_starts", "_values")

    def __init__(self, rows: Mapping[pendulum.Date | None, T]) -> None:
        dated = sorted((k, v) for k, v in rows.items() if k is not None)
        self._starts = tuple(k for k, _ in dated)
        self._values = tuple(v for _, v in dated)
        self._has_before = None in rows
        self._before = rows.get(None)

    def at(self, day: DayLike) -> T:
        """The value in force on ``day``."""
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        i = bisect.bisect_right(self._starts, day)
        if i == 0:
            if not self._has_before:
                msg = f"no version in force on {day.isoformat()}"
                raise LookupError(msg)
            return self._before  # type: ignore[return-value]
        return self._values[i - 1]

    def period_of(self, day: DayLike) -> tuple[pendulum.Date | None, pendulum.Date | None]:
        """``(first day, last day)`` of the version in force on ``day`` (``None``: open)."""
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        i = bisect.bisect_right(self._starts, day)
        first = self._starts[i - 1] if i > 0 else None
        last = self._starts[i].subtract(days=1) if i < len(self._starts) else None
        return first, last

    def rows(self) -> Iterator[tuple[pendulum.Date | None, T]]:
        """Every ``(start, value)`` row, the ``None`` row first when present."""
        if self._has_before:
            yield None, self._before  # type: ignore[misc]
        yield from zip(self._starts, self._values, strict=True)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k.isoformat() if k else None}: {v!r}" for k, v in self.rows())
        return f"Dated({{{inner}}})"

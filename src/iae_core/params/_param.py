"""The `Param` model: one legal number or date as a dated series with its sources.

Kernel-level: depends on pendulum only. The values live in TOML files under
`iae_core/params/data/` (read by `iae_core.params._load`), never in Python code.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from iae_core.dates import DayLike, as_day

__all__ = ["Param", "ParamValue", "Row", "Source", "Unit"]

# A span no day is in (a parameter without rows: `at` bisects and raises).
_NEVER = pendulum.Date.max


class Unit(StrEnum):
    """The unit of a parameter's values."""

    MONTHS = "months"
    """Calendar months (a whole number)."""
    DAYS = "days"
    """Calendar days (a whole number)."""
    WEEKS = "weeks"
    """Calendar weeks (a whole number)."""
    YEARS = "years"
    """Years, for ages and durations (a whole number)."""
    HOURS = "hours"
    """Hours of work (a number)."""
    EUROS = "euros"
    """Euros (a number)."""
    PERCENT = "percent"
    """A percentage (a number: 25 means 25 %)."""
    RATIO = "ratio"
    """A share between 0 and 1 (a number)."""
    COUNT = "count"
    """A count of things (a whole number)."""
    DATE = "date"
    """A calendar date."""
    CODES = "codes"
    """A set of codes (criteria, structure kinds…)."""
    FLAG = "flag"
    """Yes or no."""


@attrs.frozen(kw_only=True, slots=True)
class Source:
    """Where a value comes from.

    Attributes:
        title: the text and article, e.g. `"C. trav. art. L5132-15-1"` or
            `"arrêté du 4 décembre 2024, art. 1"`.
        url: a link to the text, when there is one.
    """

    title: str
    url: str | None = None

    def __str__(self) -> str:
        return self.title


@attrs.frozen(kw_only=True, slots=True)
class Row:
    """One dated value of a parameter.

    Attributes:
        start: the first day the value is in force (`None`: since before any date the
            library judges).
        value: the value (a number, a date, a flag, a frozenset of codes, or a mapping
            from a code to one of these).
        sources: the texts that set it (never empty).
        note: what is unsure about the row, if anything (shown in the docs).
    """

    start: pendulum.Date | None
    value: Any
    sources: tuple[Source, ...]
    note: str | None = None


@attrs.frozen(kw_only=True, slots=True)
class ParamValue:
    """A parameter's value on a day, with the row it comes from.

    Attributes:
        name: the parameter's name.
        value: the value in force.
        row: the row that gives it.
        verified: `False` when the day is after the parameter's `verified_until`: the
            value is the last one known, but nobody checked that it still holds.
    """

    name: str
    value: Any
    row: Row
    verified: bool


@attrs.frozen(kw_only=True, slots=True, eq=False)
class Param:
    """One legal number or date: a dated series of values with its unit and sources.

    Attributes:
        name: a stable dotted name, e.g. `"cddi.min_months"`.
        unit: the unit of the values.
        description: a short French description.
        description_en: the same in English.
        rows: the dated values, in increasing order of start (`None` first).
        verified_until: the last day someone checked that the series is still right
            (`None`: never checked against a text).
        area: the data file it is defined in (`"contracts"`, `"approvals"`…).

    `at(day)` returns the value in force on `day`; past `verified_until` it still returns
    the last value, and `lookup(day).verified` says it is not verified.
    """

    name: str
    unit: Unit
    description: str
    description_en: str
    rows: tuple[Row, ...]
    verified_until: pendulum.Date | None
    area: str = ""
    _starts: tuple[pendulum.Date, ...] = attrs.field(init=False, repr=False)
    _open: bool = attrs.field(init=False, repr=False)
    # The span of the last row `at` returned: (first day or None, next row's start or
    # None, value). Rows are immutable, so a day inside it needs no bisect.
    _last: tuple[Any, Any, Any] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "_starts", tuple(r.start for r in self.rows if r.start is not None)
        )
        object.__setattr__(self, "_open", bool(self.rows) and self.rows[0].start is None)
        if self.rows:
            last = self.rows[-1]
            object.__setattr__(self, "_last", (last.start, None, last.value))
        else:
            object.__setattr__(self, "_last", (_NEVER, _NEVER, None))

    def _index(self, day: pendulum.Date) -> int:
        i = bisect.bisect_right(self._starts, day)
        if self._open:
            return i
        if i == 0:
            msg = f"{self.name}: no value in force on {day.isoformat()}"
            raise LookupError(msg)
        return i - 1

    def at(self, day: DayLike) -> Any:
        """The value in force on `day`.

        Raises:
            LookupError: `day` is before the first row (the rule did not exist yet).
        """
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        first, nxt, value = self._last
        if (first is None or first <= day) and (nxt is None or day < nxt):
            return value
        i = self._index(day)
        row = self.rows[i]
        nxt = self.rows[i + 1].start if i + 1 < len(self.rows) else None
        object.__setattr__(self, "_last", (row.start, nxt, row.value))
        return row.value

    def row_at(self, day: DayLike) -> Row:
        """The row in force on `day` (`LookupError` before the first row)."""
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        return self.rows[self._index(day)]

    def lookup(self, day: DayLike) -> ParamValue:
        """The value in force on `day`, its row, and whether it is verified on that day."""
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        row = self.row_at(day)
        return ParamValue(
            name=self.name, value=row.value, row=row, verified=self.is_verified_on(day)
        )

    def is_verified_on(self, day: DayLike) -> bool:
        """True when `day` is on or before `verified_until`."""
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        return self.verified_until is not None and day <= self.verified_until

    def period_of(self, day: DayLike) -> tuple[pendulum.Date | None, pendulum.Date | None]:
        """`(first day, last day)` of the row in force on `day` (`None`: open)."""
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        i = self._index(day)
        first = self.rows[i].start
        nxt = self.rows[i + 1].start if i + 1 < len(self.rows) else None
        return first, (nxt.subtract(days=1) if nxt is not None else None)

    @property
    def value(self) -> Any:
        """The value of a parameter that has a single row since always.

        Raises:
            LookupError: the parameter has dated rows (use `at(day)`).
        """
        if len(self.rows) == 1 and self._open:
            return self.rows[0].value
        msg = f"{self.name} has dated values: use at(day)"
        raise LookupError(msg)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source of every row, in order, without repeats."""
        seen: dict[Source, None] = {}
        for r in self.rows:
            for s in r.sources:
                seen.setdefault(s, None)
        return tuple(seen)

    @property
    def reference(self) -> str:
        """The titles of the latest row's sources, joined (for findings and docs)."""
        return " ; ".join(s.title for s in self.rows[-1].sources)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {len(self.rows)} row(s), unit={self.unit.value})"


def freeze(value: Any) -> Any:
    """A parameter value made immutable (lists → frozensets of codes, tables → mappings)."""
    if isinstance(value, list):
        return frozenset(value)
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    return value


def is_mapping(value: Any) -> bool:
    """True for a table value (code → value)."""
    return isinstance(value, Mapping)

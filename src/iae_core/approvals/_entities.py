"""PASS IAE entities: `Approval`, `Suspension`, `Prolongation`, and their date arithmetic.

Private module: `iae_core.approvals` re-exports the public names. The dates are the
national platform's (the official ones): a suspension pushes the end by `end - start` days,
a prolongation starts on the current end, and the default length is the version in force
on the start date (`DEFAULT_LENGTH`, built from the parameters `pass.default_length_months`
and `pass.default_length_days`).

The commands `Approval.suspend` and `Approval.prolong` need the area's rules, which live in
`iae_core.approvals._rules`: this module never imports them. It declares what it needs
(`ApprovalCommands`) and the face binds the implementation once (`bind_commands`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Protocol

import attrs
import pendulum

from iae_core import dates, params
from iae_core._kernel.model import (
    TEXT,
    Entity,
    Ordered,
    declare,
    to_prolongation_reason,
    to_suspension_reason,
    to_tuple,
)
from iae_core.dates import DayLike, as_day
from iae_core.enums import ApprovalState, ProlongationReason, StructureKind, SuspensionReason
from iae_core.errors import RuleViolation
from iae_core.versions import Dated

if TYPE_CHECKING:
    from iae_core._kernel.findings import Report
    from iae_core.people import Person

__all__ = [
    "DEFAULT_END_CACHE_SIZE",
    "DEFAULT_LENGTH",
    "MONTHS_PER_YEAR",
    "PUSH_SUMS_LIMIT",
    "Approval",
    "ApprovalCommands",
    "Prolongation",
    "Span",
    "Suspension",
    "bind_commands",
    "default_end",
    "shift",
]

Date = pendulum.Date
_fromordinal = pendulum.Date.fromordinal

MONTHS_PER_YEAR = 12
"""Calendar months in a year (not law: the waiting period's years become months)."""

DEFAULT_END_CACHE_SIZE = 1 << 16
"""Entries kept by `default_end`'s cache (not law: a speed setting)."""

PUSH_SUMS_LIMIT = 4096
"""How many possible suspension pushes `check_approval` tracks before it falls back to a
range (not law: a bound on work for PASS with very many suspensions)."""


def shift(day: Date, days: int) -> Date:
    """`day` plus `days` days (fast: ordinal arithmetic, no `Interval`)."""
    return _fromordinal(day.toordinal() + days)


@attrs.frozen(slots=True)
class Span:
    """A length of time as data: `months` calendar months then `days` days.

    `Span(months=n, days=-1).after(d)` is the last day of the `n` months from `d`; month
    ends are clamped as the platform does (31 January + 1 month = the last day of February,
    `dates.add_months`).
    """

    months: int = 0
    days: int = 0

    def after(self, day: DayLike) -> Date:
        """`day` moved by this span (months first, then days)."""
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        if self.months:
            day = dates.add_months(day, self.months)
        return shift(day, self.days) if self.days else day

    def __str__(self) -> str:
        parts = []
        if self.months:
            parts.append(f"{self.months:+d} mois")
        if self.days or not parts:
            parts.append(f"{self.days:+d} jours")
        return " ".join(parts)


# --- dated data, from the parameters (iae_core/params/data/approvals.toml) -----------------

_LENGTH_MONTHS = params.get("pass.default_length_months")
_LENGTH_DAYS = params.get("pass.default_length_days")
_WAITING_YEARS = params.get("pass.waiting_period_years")
_EARLY_END_MONTHS = params.get("suspension.early_end_after_months")

# The last approval whose `end` was computed, and that end: a whole-parcours check asks
# for the same (immutable) approval's end several times.
_last_end: tuple[object, pendulum.Date] = (None, pendulum.Date.fromordinal(1))


def _default_length() -> Dated[Span]:
    counted_in_days = _LENGTH_DAYS.rows[0].start
    rows: dict[pendulum.Date | None, Span] = {}
    for r in _LENGTH_MONTHS.rows:
        if counted_in_days is None or r.start is None or r.start < counted_in_days:
            rows[r.start] = Span(months=r.value, days=-1)
    for r in _LENGTH_DAYS.rows:
        rows[r.start] = Span(days=r.value - 1)
    return Dated(rows)


DEFAULT_LENGTH: Dated[Span] = _default_length()
"""Default PASS length by **start date**: start + N months − 1 day
(`pass.default_length_months`, C. trav. art. R5132-1-2), then, from the first row of
`pass.default_length_days`, N days counted inclusively (start + N − 1 days; platform
`DEFAULT_APPROVAL_DAYS`)."""


@functools.lru_cache(maxsize=DEFAULT_END_CACHE_SIZE)
def default_end(start: Date) -> Date:
    """The default end of a PASS starting on `start` (the version in force on `start`).

    Cached: a pure function of the date, called for every approval.
    """
    return DEFAULT_LENGTH.at(start).after(start)


def _waiting_period(day: Date) -> Date:
    """`day` + the waiting period in force on `day` (calendar years, month ends clamped)."""
    return dates.add_months(day, MONTHS_PER_YEAR * _WAITING_YEARS.at(day))


# --- the commands seam ---------------------------------------------------------------------


class ApprovalCommands(Protocol):
    """What `Approval.suspend` and `Approval.prolong` need from the area's rules."""

    def check_suspension(
        self,
        approval: Approval,
        suspension: Suspension,
        *,
        on: Date,
        structure_kind: StructureKind,
        last_hiring_start: Date | None = None,
    ) -> Report:
        """Findings on `suspension` declared on `on` for `approval`."""
        ...

    def check_prolongation(
        self,
        approval: Approval,
        prolongation: Prolongation,
        *,
        on: Date,
        structure_kind: StructureKind,
        person: Person | None = None,
        cdi_inclusion: bool | None = None,
    ) -> Report:
        """Findings on `prolongation` requested on `on` for `approval`."""
        ...


_COMMANDS: list[ApprovalCommands] = []


def bind_commands(impl: ApprovalCommands) -> None:
    """Store the implementation of the commands (done once by `iae_core.approvals`)."""
    _COMMANDS[:] = [impl]


def _commands() -> ApprovalCommands:
    if not _COMMANDS:
        msg = (
            "Approval commands are not bound: import iae_core.approvals (its face binds "
            "the rules) rather than iae_core.approvals._entities alone"
        )
        raise RuntimeError(msg)
    return _COMMANDS[0]


@attrs.frozen(kw_only=True)
class Suspension(Entity):
    """A suspension of a PASS IAE, from ``start`` to ``end`` inclusive.

    Attributes:
        start: first day.
        end: last day (not before ``start``).
        reason: the ground (R5132-1-3; platform reasons).
        declared_on: the day it was declared, when known (optional). With it,
            `check_approval` judges on the stored suspension what `Approval.suspend`
            judges when it is declared: at most 365 days retroactive, and not before the
            day after the end of a suspension already ended on that day.
    """

    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)
    reason: SuspensionReason = attrs.field(converter=to_suspension_reason)
    declared_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)

    CONSTRAINTS = (Ordered("start", "end"),)

    @property
    def push(self) -> int:
        """Days this suspension adds to the PASS end: ``end - start``.

        The platform's convention: an inclusive 11-day suspension pushes the end by 10 days.
        """
        return self.end.toordinal() - self.start.toordinal()

    def is_running(self, on: DayLike) -> bool:
        """True when ``start <= on <= end``."""
        if type(on) is not pendulum.Date:
            on = as_day(on, "on")
        return self.start <= on <= self.end


@attrs.frozen(kw_only=True)
class Prolongation(Entity):
    """A prolongation of a PASS IAE: starts on the PASS's current end, ends on ``end``.

    Attributes:
        start: the PASS's end when the prolongation is declared.
        end: the PASS's new end (strictly after ``start``).
        reason: the legal ground (R5132-1-8).
        validated_by: who validated it (an authorised prescriber), when required.
        requested_on: the day it was requested, when known (optional). With it,
            `check_approval` judges the request window in force on that day (as
            `Approval.prolong` does), and the person's age and the `HEALTH_CONTEXT`
            cut-off on that day rather than on ``start``.
    """

    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)
    reason: ProlongationReason = attrs.field(converter=to_prolongation_reason)
    validated_by: str | None = attrs.field(default=None, metadata=declare(TEXT))
    requested_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)

    CONSTRAINTS = (Ordered("start", "end", strict=True),)

    @property
    def length(self) -> int:
        """Days this prolongation adds to the PASS end: ``end - start``."""
        return self.end.toordinal() - self.start.toordinal()


@attrs.frozen(kw_only=True)
class Approval(Entity):
    """A PASS IAE.

    Attributes:
        number: the 12-character number (its format is a rule, ``approval.number_format``,
            so that imported legacy numbers can still be loaded and reported on).
        start: first day.
        initial_end: the end before suspensions and prolongations; ``None`` means the
            default for the start date (start + 729 days from 2024-02-28, start + 2 years
            − 1 day before). Imported PASS keep their official end here.
        suspensions: its suspensions.
        prolongations: its prolongations, in any order.
    """

    number: str = attrs.field(metadata=declare(TEXT))
    start: pendulum.Date = attrs.field(converter=dates.to_date)
    initial_end: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    suspensions: tuple[Suspension, ...] = attrs.field(default=(), converter=to_tuple)
    prolongations: tuple[Prolongation, ...] = attrs.field(default=(), converter=to_tuple)

    CONSTRAINTS = (Ordered("start", "initial_end"),)

    # --- dates ---------------------------------------------------------------------------

    @property
    def resolved_initial_end(self) -> pendulum.Date:
        """``initial_end``, or the default end for the start date when it is ``None``.

        The default is the version in force on ``start`` (`DEFAULT_LENGTH`): start + 729
        days from 2024-02-28 (730 days counted inclusively), start + 2 years − 1 day
        before (R5132-1-2; platform ``get_default_end_date``).
        """
        if self.initial_end is not None:
            return self.initial_end
        return default_end(self.start)

    @property
    def end(self) -> pendulum.Date:
        """The current last day of the PASS.

        The initial end + each suspension's ``end - start`` days + each prolongation's
        ``end - start`` days (the platform's triggers).
        """
        global _last_end
        last = _last_end
        if last[0] is self:  # an approval is immutable: the same object, the same end
            return last[1]
        ordinal = self.resolved_initial_end.toordinal()
        for s in self.suspensions:
            ordinal += s.end.toordinal() - s.start.toordinal()
        for p in self.prolongations:
            ordinal += p.end.toordinal() - p.start.toordinal()
        end = pendulum.Date.fromordinal(ordinal)
        _last_end = (self, end)
        return end

    @property
    def prolonged_days(self) -> int:
        """Days added by all the prolongations (the cumulative usage of the caps)."""
        return sum(p.end.toordinal() - p.start.toordinal() for p in self.prolongations)

    def state(self, on: DayLike) -> ApprovalState:
        """The state on ``on``.

        ``expired`` after the end, else ``suspended`` during a suspension, else ``valid``
        from the start, else ``future`` (platform ``ApprovalStatus``).
        """
        if type(on) is not pendulum.Date:
            on = as_day(on, "on")
        if on > self.end:
            return ApprovalState.EXPIRED
        for s in self.suspensions:
            if s.start <= on <= s.end:
                return ApprovalState.SUSPENDED
        if on >= self.start:
            return ApprovalState.VALID
        return ApprovalState.FUTURE

    def is_valid(self, on: DayLike) -> bool:
        """True when ``on`` is on or before the end (a future PASS is valid, as on the platform)."""
        if type(on) is not pendulum.Date:
            on = as_day(on, "on")
        return on <= self.end

    def remaining_days(self, on: DayLike) -> int:
        """Days left on ``on`` (platform ``remainder``).

        From max(start, on) to the end inclusive, less the part of running or future
        suspensions not yet elapsed (from max(suspension start, on) to the suspension end,
        inclusive); 0 once expired.
        """
        if type(on) is not pendulum.Date:
            on = as_day(on, "on")
        today = on.toordinal()
        result = self.end.toordinal() - max(self.start.toordinal(), today) + 1
        for s in self.suspensions:
            last = s.end.toordinal()
            if last >= today:
                result -= last - max(s.start.toordinal(), today) + 1
        return max(result, 0)

    @property
    def waiting_period_end(self) -> pendulum.Date:
        """Last day of the waiting period: the end + 2 calendar years.

        R5132-1-4 (parameter `pass.waiting_period_years`; platform `WAITING_PERIOD_YEARS`).
        See `waiting_period_end_after` for a PASS ended after 12 months of suspension.
        """
        return _waiting_period(self.end)

    def waiting_period_end_after(self, suspension: Suspension) -> pendulum.Date:
        """Waiting-period end of a PASS *ended* after 12 months of ``suspension``.

        The 2 years run from that suspension's start (R5132-1-4 al. 2; parameters
        `suspension.early_end_after_months` and `pass.waiting_period_years`).

        Raises:
            ValueError: ``suspension`` is not one of this PASS's suspensions, or lasts less
                than 12 months (then the PASS could not be ended early: R5132-1-3).
        """
        if suspension not in self.suspensions:
            msg = "not a suspension of this PASS IAE"
            raise ValueError(msg)
        months = _EARLY_END_MONTHS.at(suspension.start)
        if suspension.end < dates.months_end(suspension.start, months):
            msg = f"a PASS IAE can be ended only after {months} consecutive months of suspension"
            raise ValueError(msg)
        return _waiting_period(suspension.start)

    def in_waiting_period(self, on: DayLike, *, ended_after: Suspension | None = None) -> bool:
        """True when ``end < on <= waiting_period_end`` (platform ``is_in_waiting_period``).

        Args:
            on: the date.
            ended_after: the suspension after 12 months of which the PASS was ended, if it
                was (R5132-1-4 al. 2); the waiting period then runs from its start.
        """
        if type(on) is not pendulum.Date:
            on = as_day(on, "on")
        if ended_after is None:
            return self.end < on <= self.waiting_period_end
        return ended_after.start <= on <= self.waiting_period_end_after(ended_after)

    # --- commands ------------------------------------------------------------------------

    def suspend(
        self,
        suspension: Suspension,
        *,
        on: DayLike,
        structure_kind: StructureKind,
        last_hiring_start: pendulum.Date | None = None,
    ) -> Approval:
        """This PASS with ``suspension`` added, declared on ``on`` by a ``structure_kind``.

        Checks ``suspension.*`` (R5132-1-3; platform rules): reason, at most 36 months, no
        future start, at most 365 days retroactive, not before ``last_hiring_start`` nor
        before the day after the end of the last suspension ended before ``on``, start
        within [start, end], no overlap. Before 2021-09-01 only an ``info``. ``on`` is the
        declaration date (``suspension.declared_on``, if set, is stored as given).

        Raises:
            RuleViolation: with every finding, when one is an error.
            RuntimeError: the commands are not bound (see `bind_commands`).
        """
        if type(on) is not pendulum.Date:
            on = as_day(on, "on")
        report = _commands().check_suspension(
            self,
            suspension,
            on=on,
            structure_kind=structure_kind,
            last_hiring_start=last_hiring_start,
        )
        if not report.ok:
            raise RuleViolation(report)
        return attrs.evolve(self, suspensions=(*self.suspensions, suspension))

    def prolong(
        self,
        prolongation: Prolongation,
        *,
        on: DayLike,
        structure_kind: StructureKind,
        person: Person | None = None,
        cdi_inclusion: bool | None = None,
    ) -> Approval:
        """This PASS with ``prolongation`` added, requested on ``on`` by a ``structure_kind``.

        Checks ``prolongation.*`` (R5132-1-8; platform rules): starts on the current end,
        requested within the window in force on ``on``, caps per request and cumulative,
        reason allowed for the kind and date, validation, and the person's conditions when
        ``person`` (age on ``on``, RQTH) or ``cdi_inclusion`` is given. Before 2021-09-01
        only an ``info``. ``on`` is the request date (``prolongation.requested_on``, if set,
        is stored as given).

        Raises:
            RuleViolation: with every finding, when one is an error.
            RuntimeError: the commands are not bound (see `bind_commands`).
        """
        if type(on) is not pendulum.Date:
            on = as_day(on, "on")
        report = _commands().check_prolongation(
            self,
            prolongation,
            on=on,
            structure_kind=structure_kind,
            person=person,
            cdi_inclusion=cdi_inclusion,
        )
        if not report.ok:
            raise RuleViolation(report)
        return attrs.evolve(self, prolongations=(*self.prolongations, prolongation))

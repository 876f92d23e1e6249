"""The PASS IAE planner: `approval(...) -> ApprovalPlan`.

Every boundary comes from the limit computations of the approval rules themselves
(`iae_core.approvals`: `prolongation_window_bounds`, `suspension_latest_end`,
`retroactivity_earliest_start`, `caps_on`, `last_ended`), and whether a prolongation
reason is open is asked of `prolongation_check` with a one-day probe: the planner and the
checker cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from iae_core import approvals as _ap
from iae_core._kernel.findings import Finding
from iae_core._kernel.model import MAX_DATE, as_structure_kind
from iae_core._kernel.plugins import Result
from iae_core.dates import DayLike, as_day
from iae_core.enums import (
    ApprovalState,
    ProlongationReason,
    Severity,
    StructureKind,
    SuspensionReason,
)
from iae_core.planning._common import OUT_OF_RANGE, Closed

if TYPE_CHECKING:
    from iae_core.people import Person

__all__ = ["PROBE_VALIDATOR", "ApprovalPlan", "approval"]

Date = pendulum.Date

PROBE_VALIDATOR = "planning"
"""The `validated_by` of the probe prolongations (the plan assumes an authorised
prescriber validates the reasons that need it)."""

_WINDOW_CODE = "prolongation.window"
_PROBE_SUSPENSION_REASON = SuspensionReason.CONTRACT_SUSPENDED


def _iso(day: Date | None) -> str | None:
    return None if day is None else day.isoformat()


def _shift(day: Date, days: int) -> Date:
    return Date.fromordinal(day.toordinal() + days)


@attrs.frozen(kw_only=True, slots=True)
class ApprovalPlan(Result):
    """What a PASS IAE allows, as of `on`.

    Attributes:
        on: the day the plan is made for.
        end: the current last day of the PASS.
        state: its state on `on`.
        remaining_days: days left from `on` to the end, suspended days not counted.
        waiting_period_end: last day of the waiting period after the current end.
        prolongation_window: first and last day on which a prolongation of the current
            end may be requested, by the window in force on `on`; `None` when no window is
            in force on `on` (before the platform's first one, 2021-10-25).
        prolongation_max_end: reason → the latest end of a prolongation starting at the
            current end (per-request and cumulative caps, the structure kind and the
            person's facts counted, whatever the request window); `None` when the reason
            is closed (`SENIOR_CDI` is open only in a CDI inclusion).
        suspension_earliest_start: the earliest start of a suspension declared on `on`
            (`None`: none may be declared).
        suspension_max_end: the latest end of a suspension starting on `on` (`None`: none
            may start that day).
        closed: field name (`"prolongation_max_end.SENIOR"`, `"suspension_max_end"`…) →
            why that option is `None`.
    """

    on: Date
    end: Date
    state: ApprovalState
    remaining_days: int
    waiting_period_end: Date
    prolongation_window: tuple[Date, Date] | None
    prolongation_max_end: Mapping[ProlongationReason, Date | None]
    suspension_earliest_start: Date | None
    suspension_max_end: Date | None
    closed: Mapping[str, Closed] = attrs.field(factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Plain values: ISO dates, numbers, codes (what `POST /plan/approval` returns)."""
        window = self.prolongation_window
        return {
            "on": self.on.isoformat(),
            "end": self.end.isoformat(),
            "state": self.state.value,
            "remaining_days": self.remaining_days,
            "waiting_period_end": self.waiting_period_end.isoformat(),
            "prolongation_window": None
            if window is None
            else {"first": window[0].isoformat(), "last": window[1].isoformat()},
            "prolongation_max_end": {
                r.value: _iso(d) for r, d in self.prolongation_max_end.items()
            },
            "suspension_earliest_start": _iso(self.suspension_earliest_start),
            "suspension_max_end": _iso(self.suspension_max_end),
            "closed": {k: v.to_json() for k, v in sorted(self.closed.items())},
        }


def _blocking(report: Iterable[Finding], *, ignore: frozenset[str] = frozenset()) -> str | None:
    """The code of the first error of `report` not in `ignore`, or `None`."""
    for f in report:
        if f.severity is Severity.ERROR and f.code not in ignore:
            return str(f.code)
    return None


def _prolongation_max_end(
    a: _ap.Approval,
    reason: ProlongationReason,
    *,
    on: Date,
    end: Date,
    structure_kind: StructureKind,
    person: Person | None,
    in_cdi_inclusion: bool,
) -> tuple[Date | None, Closed | None]:
    if _shift(end, 1) > MAX_DATE:  # no date after MAX_DATE: nothing possible past it
        return None, Closed(
            code=OUT_OF_RANGE, reason="the PASS ends after the last date supported (2199-12-31)"
        )
    probe = _ap.Prolongation(
        start=end, end=_shift(end, 1), reason=reason, validated_by=PROBE_VALIDATOR
    )
    report = _ap.prolongation_check(
        a,
        probe,
        on=on,
        structure_kind=structure_kind,
        person=person,
        cdi_inclusion=in_cdi_inclusion,
    )
    code = _blocking(report, ignore=frozenset({_WINDOW_CODE}))
    if code is not None:
        why = (
            "no day is left under the caps"
            if code == "prolongation.too_long"
            else "the reason is not open for this PASS, structure or person"
        )
        return None, Closed(code=code, reason=why)
    caps = _ap.caps_on(on, reason)
    days = caps.per_request
    if caps.cumulative is not None:
        days = min(days, caps.cumulative - a.prolonged_days)
    return _shift(end, days), None


def _suspension_earliest_start(a: _ap.Approval, on: Date, end: Date) -> Date | None:
    """Earliest start `d` of a suspension declared on `on`: `[d, d]` passes the rules."""
    day = max(_ap.retroactivity_earliest_start(on), a.start)
    previous = _ap.last_ended(a.suspensions, on)
    if previous is not None:
        day = max(day, _shift(previous.end, 1))
    moved = True
    while moved:  # step over the suspensions covering `day`
        moved = False
        for s in a.suspensions:
            if s.start <= day <= s.end:
                day = _shift(s.end, 1)
                moved = True
    if day > on or day > end:
        return None
    return day


def _suspension_max_end(a: _ap.Approval, on: Date) -> Date | None:
    """Latest end of a suspension starting on `on` (`None` when `on` cannot start one)."""
    latest = _ap.suspension_latest_end(on)
    for s in a.suspensions:
        if s.start > on:
            latest = min(latest, _shift(s.start, -1))
    return latest


def _suspension_blocked(a: _ap.Approval, day: Date, *, on: Date, kind: StructureKind) -> bool:
    """Whether the one-day suspension `[day, day]` declared on `on` fails a rule."""
    probe = _ap.Suspension(start=day, end=day, reason=_PROBE_SUSPENSION_REASON)
    return _blocking(_ap.suspension_check(a, probe, on=on, structure_kind=kind)) is not None


def approval(
    approval: _ap.Approval,
    *,
    on: DayLike,
    structure_kind: StructureKind | str,
    person: Person | None = None,
    in_cdi_inclusion: bool = False,
) -> ApprovalPlan:
    """Plan a PASS IAE as of `on`: its end, windows and the limits of its commands.

    The subject moved exactly to a returned boundary passes every approval rule, and one
    day further fails the rule that sets it (`prolongation.window`, `prolongation.too_long`,
    `suspension.too_retroactive`, `suspension.outside_approval`, `suspension.overlap`,
    `suspension.too_long`). Parameters read: `prolongation.*`, `suspension.*`, `pass.*`.

    Args:
        approval: the PASS IAE.
        on: the day of the plan (the request or declaration day).
        structure_kind: the structure holding the current hiring.
        person: the holder, when known (age on `on`, RQTH).
        in_cdi_inclusion: the holder is in a CDI inclusion (opens `SENIOR_CDI`).

    Returns:
        The `ApprovalPlan`.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    kind = as_structure_kind(structure_kind)
    a = approval
    end = a.end
    closed: dict[str, Closed] = {}
    window = _ap.prolongation_window_bounds(on, approval_start=a.start, current_end=end)
    if window is None:
        closed["prolongation_window"] = Closed(
            code=_WINDOW_CODE, reason="no request window is in force on this day"
        )
    max_ends: dict[ProlongationReason, Date | None] = {}
    for reason in ProlongationReason:
        day, why = _prolongation_max_end(
            a,
            reason,
            on=on,
            end=end,
            structure_kind=kind,
            person=person,
            in_cdi_inclusion=in_cdi_inclusion,
        )
        max_ends[reason] = day
        if why is not None:
            closed[f"prolongation_max_end.{reason.value}"] = why
    earliest = _suspension_earliest_start(a, on, end)
    if earliest is not None and _suspension_blocked(a, earliest, on=on, kind=kind):
        earliest = None
    if earliest is None:
        closed["suspension_earliest_start"] = Closed(
            code="suspension.outside_approval",
            reason="no day may start a suspension declared on this day",
        )
    max_end = None if _suspension_blocked(a, on, on=on, kind=kind) else _suspension_max_end(a, on)
    if max_end is None:
        closed["suspension_max_end"] = Closed(
            code="suspension.outside_approval",
            reason="no suspension may start on this day",
        )
    return ApprovalPlan(
        on=on,
        end=end,
        state=a.state(on),
        remaining_days=a.remaining_days(on),
        waiting_period_end=a.waiting_period_end,
        prolongation_window=window,
        prolongation_max_end=MappingProxyType(max_ends),
        suspension_earliest_start=earliest,
        suspension_max_end=max_end,
        closed=MappingProxyType(closed),
    )

"""The PMSMP planner: `planning.pmsmp(immersions, host_siret=…, on=…) -> PmsmpRoom`.

The limits are the rules' own: `pmsmp.duration` (`pmsmp.max_months`) and
`pmsmp.same_host` (`pmsmp.same_host_max_agreements`, `pmsmp.same_host_max_days` over
`pmsmp.same_host_window_months`), decided by `iae_core.contracts.immersions_excess`, the
function the rule calls. The share of a contract's length (`pmsmp.share`) is a contract's
limit: see `ContractPlan.pmsmp_days_left`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from iae_core import params
from iae_core._kernel.model import MAX_DATE
from iae_core._kernel.plugins import Result
from iae_core.contracts import Contract, Immersion, immersions_excess
from iae_core.dates import DayLike, as_day, period_end
from iae_core.planning._common import OUT_OF_RANGE, Closed, plain
from iae_core.pmsmp._entities import renewals

__all__ = ["PmsmpRoom", "pmsmp"]

_MAX_MONTHS = params.get("pmsmp.max_months")
_MAX_AGREEMENTS = params.get("pmsmp.same_host_max_agreements")
_MAX_DAYS = params.get("pmsmp.same_host_max_days")
_WINDOW = params.get("pmsmp.same_host_window_months")

_NEW = "new"


def _frozen(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True, slots=True)
class PmsmpRoom(Result):
    """The room for a new PMSMP agreement with one host starting on `on` (`planning.pmsmp`).

    Attributes:
        on: the start of the new agreement.
        host_siret: the host.
        max_end: latest end of a new agreement (not a renewal) starting on `on`, every
            PMSMP limit counted; `None` when none may start (`closed["max_end"]`).
        agreements_left: agreements still allowed with this host in every window of
            `pmsmp.same_host_window_months` containing `on` (the new one included).
        days_left: days of PMSMP still allowed with this host in every such window. A new
            agreement of `days_left` days from `on` always fits the same-host limit; it may
            last longer (up to `max_end`) when its last days fall after the end of the
            busiest window, where they no longer count with the agreements before `on`.
        closed: field → why it is `None`.
        set_by: field → the rule code that sets the boundary returned.
    """

    on: pendulum.Date
    host_siret: str
    max_end: pendulum.Date | None
    agreements_left: int
    days_left: int
    closed: Mapping[str, Closed] = attrs.field(factory=dict, converter=_frozen)
    set_by: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)

    def to_json(self) -> dict[str, Any]:
        """Plain values (ISO dates, numbers, string keys), like `Finding.params`."""
        return {f.name: plain(getattr(self, f.name)) for f in attrs.fields(PmsmpRoom)}


def _excess(group: list[tuple[Any, Immersion]]) -> set[tuple[Any, str]]:
    return {(e.ref, e.what) for e in immersions_excess(group)}


def pmsmp(immersions: Contract | Iterable[Immersion], *, host_siret: str, on: DayLike) -> PmsmpRoom:
    """The room for a new PMSMP agreement with `host_siret` starting on `on`.

    Args:
        immersions: the person's PMSMP agreements (any hosts), or a `Contract` (its
            `immersions`).
        host_siret: the host of the new agreement.
        on: the first day of the new agreement.

    Returns:
        The room: `max_end` is the latest end such that the new agreement adds no
        `pmsmp.duration` or `pmsmp.same_host` finding; one day more adds one. Near the end
        of the dates supported (`MAX_DATE`, 2199-12-31), `max_end` is at most that day and
        `set_by["max_end"]` is `planning.out_of_range`: nothing is possible after it; from
        a day after it, `max_end` is `None` (closed by `planning.out_of_range`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    items: tuple[Immersion, ...] = (
        immersions.immersions if isinstance(immersions, Contract) else tuple(immersions)
    )
    group: list[tuple[Any, Immersion]] = [
        (i, m) for i, m in enumerate(items) if m.host_siret == host_siret
    ]
    closed: dict[str, Closed] = {}
    set_by: dict[str, str] = {}
    agreements_left, days_left = _windows(group, on)
    if on > MAX_DATE:
        closed["max_end"] = Closed(
            code=OUT_OF_RANGE, reason="the day is after the last date supported (2199-12-31)"
        )
        set_by["agreements_left"] = set_by["days_left"] = "pmsmp.same_host"
        return PmsmpRoom(
            on=on,
            host_siret=host_siret,
            max_end=None,
            agreements_left=agreements_left,
            days_left=days_left,
            closed=closed,
            set_by=set_by,
        )

    baseline = _excess(group)

    def fits(end: pendulum.Date) -> bool:
        new = Immersion(host_siret=host_siret, start=on, end=end)
        return _excess([*group, (_NEW, new)]) <= baseline

    longest = period_end(on, _MAX_MONTHS.at(on))
    capped = longest > MAX_DATE  # no date after MAX_DATE: nothing possible past it
    if capped:
        longest = MAX_DATE
    max_end: pendulum.Date | None
    if not fits(on):
        max_end = None
        closed["max_end"] = Closed(
            code="pmsmp.same_host",
            reason="no new agreement with this host may start on this day",
        )
    elif fits(longest):
        max_end = longest
        set_by["max_end"] = OUT_OF_RANGE if capped else "pmsmp.duration"
    else:
        low, high = on.toordinal(), longest.toordinal()  # fits(low), not fits(high)
        while high - low > 1:
            mid = (low + high) // 2
            if fits(pendulum.Date.fromordinal(mid)):
                low = mid
            else:
                high = mid
        max_end = pendulum.Date.fromordinal(low)
        set_by["max_end"] = "pmsmp.same_host"
    set_by["agreements_left"] = set_by["days_left"] = "pmsmp.same_host"
    return PmsmpRoom(
        on=on,
        host_siret=host_siret,
        max_end=max_end,
        agreements_left=agreements_left,
        days_left=days_left,
        closed=closed,
        set_by=set_by,
    )


def _windows(group: list[tuple[Any, Immersion]], on: pendulum.Date) -> tuple[int, int]:
    """Agreements and days left over the windows `[d, period_end(d, W)]` containing `on`."""
    flags = renewals([(m.start, m.renewal_of) for _i, m in group])
    spans = [
        (m.start.toordinal(), m.end.toordinal(), renewal)
        for (_i, m), renewal in zip(group, flags, strict=True)
    ]
    months = _WINDOW.at(on)
    most_agreements = most_days = 0
    d = on
    while True:
        w_end = period_end(d, months)
        if w_end < on:
            break
        ws, we = d.toordinal(), w_end.toordinal()
        count = sum(1 for s, _e, renewal in spans if not renewal and ws <= s <= we)
        days = sum(max(min(e, we) - max(s, ws) + 1, 0) for s, e, _r in spans)
        most_agreements = max(most_agreements, count)
        most_days = max(most_days, days)
        d = pendulum.Date.fromordinal(d.toordinal() - 1)
    return (
        max(_MAX_AGREEMENTS.at(on) - most_agreements, 0),
        max(_MAX_DAYS.at(on) - most_days, 0),
    )

"""PMSMP agreements with one host as values, and the one computation of D5135-3's limit.

`Agreement` and `Excess` and `same_host_excess`, `renewals` (the reading is in the
face, `iae_core.pmsmp`). The PMSMP entity itself, `Immersion`, is part of a contract
(`iae_core.contracts`).
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Generic, Literal, TypeVar

import attrs
import pendulum

from iae_core import dates, params
from iae_core.errors import InvalidData, detail

__all__ = [
    "SAME_HOST_MAX_AGREEMENTS",
    "SAME_HOST_MAX_DAYS",
    "SAME_HOST_WINDOW_MONTHS",
    "Agreement",
    "Excess",
    "ExcessKind",
    "renewals",
    "same_host_excess",
]

SAME_HOST_MAX_AGREEMENTS: int = params.get("pmsmp.same_host_max_agreements").value
"""Agreements (renewals excluded) with one host in the window (D5135-3): the parameter
`pmsmp.same_host_max_agreements`."""

SAME_HOST_MAX_DAYS: int = params.get("pmsmp.same_host_max_days").value
"""Days of PMSMP (renewals included) with one host in the window (D5135-3): the parameter
`pmsmp.same_host_max_days`."""

SAME_HOST_WINDOW_MONTHS: int = params.get("pmsmp.same_host_window_months").value
"""Length of the sliding window, in calendar months (D5135-3): the parameter
`pmsmp.same_host_window_months`. The window arithmetic below (`_first_window_reaching`,
`_irregular_starts`) is written for a window of one year, the value since D5135-3 was
created."""

RefT = TypeVar("RefT", bound=Hashable)

ExcessKind = Literal["agreements", "days"]
"""Which limit an agreement is in excess of: the 2 agreements or the 60 days."""


@attrs.frozen
class Agreement(Generic[RefT]):
    """One PMSMP agreement of one person with one host, for `same_host_excess`.

    Attributes:
        start: first day. end: last day (inclusive, not before ``start``).
        renewal: the agreement renews an earlier one (its days count, not itself).
        ref: an opaque key the caller maps back to its data (an index, a path…).

    Raises:
        InvalidData: ``end`` before ``start``.
    """

    start: _dt.date
    end: _dt.date
    renewal: bool
    ref: RefT

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidData(
                [
                    detail(
                        "end",
                        "bad_order",
                        "on_or_after",
                        input=self.end,
                        start_name="start",
                        start=self.start,
                        end=self.end,
                    )
                ]
            )


@attrs.frozen
class Excess(Generic[RefT]):
    """One agreement in excess of one limit, with a window that shows it.

    Attributes:
        ref: the agreement's ``ref``.
        what: ``"agreements"`` (more than 2 agreements) or ``"days"`` (more than 60 days).
        count: in the window, the agreements starting in it (renewals excluded) for
            ``"agreements"``, the days of all agreements (renewals included) for ``"days"``.
        window_start: first day of 12 consecutive months in which the agreement is in
            excess. window_end: their last day (``period_end(window_start, 12)``).
    """

    ref: RefT
    what: ExcessKind
    count: int
    window_start: pendulum.Date
    window_end: pendulum.Date


def renewals(items: Sequence[tuple[_dt.date, _dt.date | None]]) -> list[bool]:
    """Which agreements are renewals, from their ``(start, renewal_of)`` (D5135-3).

    For the agreements of one person with one host: an agreement is a renewal when its
    ``renewal_of`` is the ``start`` of *another* of these agreements. A ``renewal_of``
    that matches none is taken as a new agreement (the renewed agreement must be known).
    The order of ``items`` does not matter.

    Args:
        items: ``(start, renewal_of)`` of each agreement.

    Returns:
        One flag per item, in the same order.
    """
    starts = Counter(start for start, _ in items)
    return [
        renewal_of is not None and starts[renewal_of] > (1 if renewal_of == start else 0)
        for start, renewal_of in items
    ]


# --- window arithmetic on ordinals (datetime.date is much faster than pendulum here) ------


def _window_end(start: int) -> int:
    """Ordinal of ``period_end(start, SAME_HOST_WINDOW_MONTHS)``, the window's last day.

    The same day a year later, minus one day; 29 February has no namesake the next year,
    so the window from 2024-02-29 ends on 2025-02-28, like the one from 2024-03-01.
    """
    return dates.period_end(_dt.date.fromordinal(start), SAME_HOST_WINDOW_MONTHS).toordinal()


def _first_window_reaching(day: int) -> int:
    """The earliest window start ``x`` whose window reaches ``day`` (``E(x) >= day``)."""
    after = _dt.date.fromordinal(day + 1)
    try:
        x = after.replace(year=after.year - 1).toordinal()
    except ValueError:  # 29 February: the year before has 28 February, the day before it
        x = _dt.date.fromordinal(day).replace(year=after.year - 1).toordinal()
    while _window_end(x) < day:  # E skips a day once every four years: at most one step
        x += 1
    while _window_end(x - 1) >= day:
        x -= 1
    return x


def _irregular_starts(first: int, last: int) -> list[int]:
    """Window starts in ``[first, last]`` around which ``E`` does not step by one day.

    ``E(x + 1) - E(x)`` is 1, except on 29 February of a leap year (0: the windows from
    29 February and 1 March end on the same day, 28 February of the next year) and on 28
    February of the year before one (2: from 28 February 2023 to 27 February 2024, from 1
    March 2023 to 29 February 2024). The starts ``x`` with a step other than 1 at ``x - 1``
    or at ``x`` are 29 February and 1 March in a leap year, 28 February and 1 March in the
    year before one.
    """
    out = []
    for year in range(_dt.date.fromordinal(first).year, _dt.date.fromordinal(last).year + 1):
        march1 = _dt.date(year, 2, 1).toordinal() + dates.days_in_month(year, 2)
        feb28 = march1 - 1 - calendar.isleap(year)
        if calendar.isleap(year):
            out += [x for x in (feb28 + 1, feb28 + 2) if first <= x <= last]
        if calendar.isleap(year + 1):
            out += [x for x in (feb28, feb28 + 1) if first <= x <= last]
    return out


def same_host_excess(agreements: Sequence[Agreement[RefT]]) -> list[Excess[RefT]]:
    """The PMSMP agreements in excess of the same-host limits of C. trav. art. D5135-3.

    With the same host, at most `SAME_HOST_MAX_AGREEMENTS` (2) agreements, renewals
    not counted, and `SAME_HOST_MAX_DAYS` (60) days, renewals included, over any
    `SAME_HOST_WINDOW_MONTHS` (12) consecutive months. Give the agreements of **one
    person with one host** (a contract's, a parcours', a company's across partnerships).

    Reading (see the module docstring): windows are ``[d, period_end(d, 12)]`` for every
    day ``d``; an agreement counts in a window when it starts in it; days count by the
    overlap of each agreement with the window. In the order ``(start, end, renewal,
    position)``:

    * a non-renewal agreement is in excess of ``"agreements"`` when some window in which
      it starts holds, counting it and the agreements before it, more than 2 agreements;
    * an agreement is in excess of ``"days"`` when some window sharing a day with it holds,
      counting its days and those of the agreements before it, more than 60 days.

    So with three agreements in 12 months the third is in excess, and with 30 + 31 days the
    second. An agreement in excess within some agreements stays in excess when more are
    added (monotone): a check over a parcours finds at least what each contract's finds.

    Args:
        agreements: one person's agreements with one host, in any order.

    Returns:
        At most one `Excess` per agreement and limit, in the order above
        (``"agreements"`` before ``"days"`` for one agreement); its window is, among the
        windows showing the excess, one with the highest ``count`` (the latest on a tie:
        typically the 12 months from the first agreement of the window).
        Empty when both limits are met.
    """
    n = len(agreements)
    if n == 0:
        return []
    spans = sorted(
        (a.start.toordinal(), a.end.toordinal(), a.renewal, position)
        for position, a in enumerate(agreements)
    )
    originals = sum(1 for *_, renewal, _p in spans if not renewal)
    if originals <= SAME_HOST_MAX_AGREEMENTS and (
        sum(e - s + 1 for s, e, _r, _p in spans) <= SAME_HOST_MAX_DAYS
    ):
        return []  # no window can hold more than everything

    # Candidate window starts. The largest count of agreements (those before one agreement,
    # counting it) over the windows where it starts is reached on a window starting on an
    # agreement's start: move a window's start forward to its first agreement start, its
    # end does not move back (E is non-decreasing), it keeps every start it held.
    #
    # Days: let f(x) be the days (of the agreements up to agreement k) in the window from
    # x, over the x whose window shares a day with k: lo_k <= x <= end_k, lo_k the first
    # window reaching k's start. Let c(t) be how many of those agreements cover day t and
    # E(x) the window end. When E steps by one day at x - 1 and at x,
    # f(x) - f(x - 1) = c(E(x)) - c(x - 1) and f(x + 1) - f(x) = c(E(x) + 1) - c(x).
    # Take x* the earliest maximum of f. If x* > lo_k, f(x*) - f(x* - 1) > 0; if x* is
    # no agreement start, c(x*) <= c(x* - 1); if E(x*) is no agreement end,
    # c(E(x*) + 1) >= c(E(x*)); then f(x* + 1) - f(x*) >= f(x*) - f(x* - 1) > 0, so x*
    # would not be a maximum if x* < end_k. Hence x* is lo_k, end_k, an agreement start,
    # the earliest start of a window ending on an agreement end (E(x* - 1) < E(x*)), or a
    # day where E does not step by one (28 February and the day after, in leap years and
    # the years before them: ``_irregular_starts``). These O(n) starts are tried;
    # tests/test_pmsmp.py checks the result against every day's window.
    candidates: set[int] = set()
    for s, e, _r, _p in spans:
        candidates.add(s)
        candidates.add(e)
        candidates.add(_first_window_reaching(s))
        candidates.add(_first_window_reaching(e))
    candidates.update(_irregular_starts(min(candidates), max(candidates)))

    best: dict[tuple[int, ExcessKind], tuple[int, int, int]] = {}  # -> (count, start, end)
    for w_start in sorted(candidates):
        w_end = _window_end(w_start)
        inside = [sp for sp in spans if sp[0] <= w_end and sp[1] >= w_start]
        if not inside:
            continue
        count_total = sum(1 for s, _e, r, _p in inside if not r and s >= w_start)
        days_total = sum(min(e, w_end) - max(s, w_start) + 1 for s, e, _r, _p in inside)
        if count_total <= SAME_HOST_MAX_AGREEMENTS and days_total <= SAME_HOST_MAX_DAYS:
            continue
        count = 0
        days = 0
        for s, e, renewal, position in inside:
            days += min(e, w_end) - max(s, w_start) + 1
            if not renewal and s >= w_start:
                count += 1
                if count > SAME_HOST_MAX_AGREEMENTS:
                    _keep(best, (position, "agreements"), (count_total, w_start, w_end))
            if days > SAME_HOST_MAX_DAYS:
                _keep(best, (position, "days"), (days_total, w_start, w_end))

    order = {position: rank for rank, (*_, position) in enumerate(spans)}
    out: list[Excess[RefT]] = []
    for (position, what), (count, w_start, w_end) in sorted(
        best.items(), key=lambda item: (order[item[0][0]], item[0][1])
    ):
        out.append(
            Excess(
                ref=agreements[position].ref,
                what=what,
                count=count,
                window_start=pendulum.Date.fromordinal(w_start),
                window_end=pendulum.Date.fromordinal(w_end),
            )
        )
    return out


def _keep(
    best: dict[tuple[int, ExcessKind], tuple[int, int, int]],
    key: tuple[int, ExcessKind],
    value: tuple[int, int, int],
) -> None:
    """Keep, per agreement and limit, the window with the highest count (latest on a tie)."""
    if key not in best or value > best[key]:
        best[key] = value

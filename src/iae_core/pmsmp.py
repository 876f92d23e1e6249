"""PMSMP with one host: at most 2 agreements and 60 days over any 12 consecutive months.

C. trav. art. D5135-3 (LEGIARTI000029763898): with the same host, a person may
have at most **2 PMSMP agreements** (a renewal is not a new agreement) and at most **60
days** of PMSMP (renewals included) over any **12 consecutive months**.

This module holds the one implementation of that limit, `same_host_excess`, a pure
function over the agreements of one person with one host. Three rules call it, each with
its own paths and French messages:

* ``pmsmp.same_host`` on one contract's ``immersions`` (`iae_core.check_contract`);
* ``pmsmp.same_host`` across the contracts of a parcours (`iae_core.check_parcours`),
  which adds only what the contracts' own checks do not report;
* ``partnership.pmsmp_same_host`` over partnership events (`iae_core.check_pmsmp`).

The reading (the same for the three rules)
------------------------------------------

* **Windows.** "12 consecutive months" are the periods ``[d, period_end(d, 12)]`` for
  every day ``d`` (months "de date à date", `iae_core.dates.period_end`:
  from 2024-03-01 to 2025-02-28; a window starting on 29 February ends on
  28 February of the next year, like the one starting on 1 March).
* **Agreements** count in a window when they *start* in it; renewals do not count.
* **Days** of an agreement (renewals included) count by their overlap with the window. Two
  agreements with the same host that overlap each count their days (a sum, not a union).
* **Which agreement is in excess.** Agreements are ordered by ``(start, end, renewal,
  position in the input)``. An agreement is in excess of the *agreements* limit when it is
  not a renewal and some window in which it starts holds, counting it and those before
  it, more than 2 agreements (the 3rd, 4th… of the window). It is in excess of the *days*
  limit when some window that shares at least one day with it holds, counting its days
  and those of the agreements before it, more than 60 days (the agreement that passes
  the 60th day, and those after it in that window).
* **Renewals** are told by the caller (``Agreement.renewal``); `renewals` gives the
  common reading of ``renewal_of``: an agreement renews another when its ``renewal_of`` is
  the ``start`` of another agreement of the same person with the same host; a
  ``renewal_of`` that matches none is taken as a new agreement.
* The limit has not changed since D5135-3 was created (décret 2014-1360): no dated table.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections import Counter
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import attrs
import pendulum

from iae_core import dates, params
from iae_core._kernel.findings import Finding, Report, register_rule
from iae_core.enums import Severity
from iae_core.errors import InvalidData

if TYPE_CHECKING:
    from iae_core.contracts._entities import Immersion

__all__ = [
    "SAME_HOST_MAX_AGREEMENTS",
    "SAME_HOST_MAX_DAYS",
    "SAME_HOST_WINDOW_MONTHS",
    "Agreement",
    "Excess",
    "ExcessKind",
    "check_immersion",
    "check_immersions",
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
            raise InvalidData([("end", f"{self.end} is before start {self.start}")])


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


# --- purposes, renewals and schedules (D5135-3, L3121-18, L3121-20) -------------------------
#
# Checked by :func:`check_immersions` over the agreements of one contract (or any list of
# one person's agreements) and, for the schedule of one agreement, by
# :func:`check_immersion` (``check(immersion, on=…)``). The reading:
#
# * **Purpose of a renewal.** D5135-3: an agreement "peut être renouvelée une fois pour le
#   même objet"; a renewal (``renewal_of`` naming the start of another agreement with the
#   same host, :func:`renewals`) whose purpose differs from the renewed one's is an error.
#   When either purpose is not recorded, nothing is said.
# * **Different purposes with one host.** D5135-3 allows two agreements with the same host
#   over 12 consecutive months "pour des objets différents": two agreements (renewals not
#   counted) with the same host and the same purpose, starting in the same 12 consecutive
#   months, make the later one an error. "The same 12 months": the later starts on or
#   before ``dates.months_end(earlier.start, 12)``.
# * **Hours.** The host's rules on working time apply to the beneficiary as to its
#   employees (L5135-6): at most 10 h a day (L3121-18) and 48 h in a calendar week,
#   Monday to Sunday (L3121-20, L3121-35), summed over the schedules given (agreements
#   on the same day add up). Derogations open to employees (L3121-19, L3121-21) are not
#   modelled.

_RENEWALS_MAX = params.get("immersion.renewals_max")
_PURPOSE_WINDOW = params.get("immersion.same_host_window_months")
_MAX_DAILY = params.get("immersion.max_daily_hours")
_MAX_WEEKLY = params.get("immersion.max_weekly_hours")

PMSMP_RENEWAL_PURPOSE = register_rule(
    "pmsmp.renewal_purpose",
    "Renouvellement de PMSMP pour un autre objet",
    title_en="PMSMP renewed for another purpose",
    severity=Severity.ERROR,
    reference="C. trav. art. D5135-3",
    subject="Contract",
    description="A PMSMP renewal whose purpose differs from the agreement it renews.",
    description_fr=(
        "Un renouvellement de PMSMP dont l'objet diffère de celui de la convention renouvelée."
    ),
    params=("immersion.renewals_max",),
    messages={
        "default": (
            "Une convention de PMSMP ne peut être renouvelée que pour le même objet : "
            "« {purpose} » au lieu de « {renewed_purpose} » (convention du {renewed_start}).",
            "A PMSMP agreement can only be renewed for the same purpose: "
            "“{purpose}” instead of “{renewed_purpose}” (agreement of {renewed_start}).",
        )
    },
    reading="A renewal whose purpose or renewed agreement's purpose is not recorded is not judged.",
)
"""``pmsmp.renewal_purpose`` (error): a renewal for another purpose (D5135-3)."""

PMSMP_SAME_PURPOSE = register_rule(
    "pmsmp.same_purpose_same_host",
    "Deux PMSMP pour le même objet avec la même structure d'accueil",
    title_en="Two PMSMP for the same purpose with the same host",
    severity=Severity.ERROR,
    reference="C. trav. art. D5135-3",
    subject="Contract",
    description=(
        "Two PMSMP agreements (renewals not counted) with the same host and the same "
        "purpose starting within 12 consecutive months: the two allowed must have "
        "different purposes."
    ),
    description_fr=(
        "Deux conventions de PMSMP (hors renouvellement) avec la même structure d'accueil "
        "et le même objet commençant sur 12 mois consécutifs : les deux conventions "
        "permises doivent avoir des objets différents."
    ),
    params=("immersion.same_host_window_months",),
    messages={
        "default": (
            "Deux conventions de PMSMP avec la même structure d'accueil sur {window_months} "
            "mois consécutifs doivent avoir des objets différents : celle du {other_start} "
            "a déjà l'objet « {purpose} ».",
            "Two PMSMP agreements with the same host within {window_months} consecutive "
            "months must have different purposes: the one of {other_start} already has "
            "the purpose “{purpose}”.",
        )
    },
    reading=(
        "« pour des objets différents » read as: no two agreements with the same host and "
        "the same purpose start within the same 12 consecutive months (the later one on "
        "or before months_end(earlier start, 12)); agreements without a recorded purpose "
        "are not judged."
    ),
)
"""``pmsmp.same_purpose_same_host`` (error): two agreements, one host, one purpose."""

PMSMP_DAILY_HOURS = register_rule(
    "pmsmp.daily_hours",
    "Plus de 10 heures de PMSMP dans une journée",
    title_en="More than 10 hours of PMSMP in one day",
    severity=Severity.ERROR,
    reference="C. trav. art. L3121-18",
    subject="Immersion",
    description="A day of a PMSMP schedule above the maximum daily working time.",
    description_fr="Un jour du planning de PMSMP au-delà de la durée quotidienne maximale.",
    params=("immersion.max_daily_hours",),
    messages={
        "default": (
            "Planning de PMSMP : {hours:h} le {day}, plus que les {max_hours:h} par jour permises.",
            "PMSMP schedule: {hours:h} on {day}, more than the {max_hours:h} a day allowed.",
        )
    },
    reading=(
        "The host's working-time rules apply as to its employees (L5135-6); derogations "
        "(a collective agreement up to 12 h, L3121-19) are not modelled."
    ),
)
"""``pmsmp.daily_hours`` (error): a schedule day above 10 h (L3121-18)."""

PMSMP_WEEKLY_HOURS = register_rule(
    "pmsmp.weekly_hours",
    "Plus de 48 heures de PMSMP dans une semaine",
    title_en="More than 48 hours of PMSMP in one week",
    severity=Severity.ERROR,
    reference="C. trav. art. L3121-20",
    subject="Immersion",
    description="A calendar week (Monday to Sunday) of PMSMP schedule above 48 hours.",
    description_fr=(
        "Une semaine civile (du lundi au dimanche) de planning de PMSMP au-delà de 48 heures."
    ),
    params=("immersion.max_weekly_hours",),
    messages={
        "default": (
            "Planning de PMSMP : {hours:h} la semaine du {week_start} au {week_end}, plus "
            "que les {max_hours:h} par semaine permises.",
            "PMSMP schedule: {hours:h} in the week of {week_start} to {week_end}, more "
            "than the {max_hours:h} a week allowed.",
        )
    },
    reading=(
        "Calendar week Monday to Sunday (L3121-35); the schedules given add up (two "
        "agreements the same week); the exceptional 60 h (L3121-21) is not modelled."
    ),
)
"""``pmsmp.weekly_hours`` (error): a calendar week above 48 h (L3121-20)."""


def _purposes(items: Sequence[tuple[str, Immersion]]) -> list[Finding]:
    """`pmsmp.renewal_purpose` and `pmsmp.same_purpose_same_host`, grouped by host."""
    out: list[Finding] = []
    by_host: dict[str, list[tuple[str, Immersion]]] = {}
    for path, m in items:
        by_host.setdefault(m.host_siret, []).append((path, m))
    for group in by_host.values():
        group.sort(key=lambda item: (item[1].start, item[1].end, item[0]))
        flags = renewals([(m.start, m.renewal_of) for _p, m in group])
        originals: list[tuple[str, Immersion]] = []
        for (path, m), renewal in zip(group, flags, strict=True):
            if renewal:
                renewed = next(
                    (o for _q, o in group if o.start == m.renewal_of and o is not m), None
                )
                if (
                    renewed is not None
                    and m.purpose is not None
                    and renewed.purpose is not None
                    and m.purpose is not renewed.purpose
                ):
                    out.append(
                        PMSMP_RENEWAL_PURPOSE.emit(
                            "default",
                            f"{path}.purpose",
                            purpose=m.purpose,
                            renewed_purpose=renewed.purpose,
                            renewed_start=renewed.start,
                        )
                    )
                continue
            if m.purpose is not None:
                for _q, earlier in originals:
                    months = _PURPOSE_WINDOW.at(earlier.start)
                    if earlier.purpose is m.purpose and m.start <= dates.months_end(
                        earlier.start, months
                    ):
                        out.append(
                            PMSMP_SAME_PURPOSE.emit(
                                "default",
                                f"{path}.purpose",
                                purpose=m.purpose,
                                other_start=earlier.start,
                                window_months=months,
                            )
                        )
                        break
            originals.append((path, m))
    return out


def _schedule(items: Sequence[tuple[str, Immersion]]) -> list[Finding]:
    """`pmsmp.daily_hours` and `pmsmp.weekly_hours` over the schedules given."""
    per_day: dict[pendulum.Date, list[tuple[str, float]]] = {}
    for path, m in items:
        for j, d in enumerate(m.schedule):
            per_day.setdefault(d.on, []).append((f"{path}schedule[{j}]", d.hours))
    out: list[Finding] = []
    weeks: dict[tuple[pendulum.Date, pendulum.Date], list[tuple[pendulum.Date, str, float]]] = {}
    for day in sorted(per_day):
        entries = per_day[day]
        hours = sum(h for _p, h in entries)
        max_daily = _MAX_DAILY.at(day)
        if hours > max_daily:
            out.append(
                PMSMP_DAILY_HOURS.emit(
                    "default", entries[-1][0], hours=hours, day=day, max_hours=max_daily
                )
            )
        weeks.setdefault(dates.week_of(day), []).extend((day, p, h) for p, h in entries)
    for (monday, sunday), week in sorted(weeks.items()):
        max_weekly = _MAX_WEEKLY.at(monday)
        total = 0.0
        where = ""
        for _day, path, hours in week:
            total += hours
            if not where and total > max_weekly:
                where = path
        if where:
            out.append(
                PMSMP_WEEKLY_HOURS.emit(
                    "default",
                    where,
                    hours=total,
                    week_start=monday,
                    week_end=sunday,
                    max_hours=max_weekly,
                )
            )
    return out


def check_immersions(subject: Any, *, on: pendulum.Date) -> Report:
    """The purpose, renewal and schedule rules over one person's PMSMP agreements.

    ``pmsmp.renewal_purpose``, ``pmsmp.same_purpose_same_host`` (D5135-3),
    ``pmsmp.daily_hours`` (L3121-18) and ``pmsmp.weekly_hours`` (L3121-20), in the
    reading of the section comment above (and ``docs/contracts.md``). The duration,
    same-host and share rules stay in `iae_core.check_contract`.

    Args:
        subject: a ``Contract`` (its ``immersions``) or a sequence of ``Immersion``.
        on: the date of the check. The limits have not changed since 2014 (D5135-3) and
            2016 (L3121-18, L3121-20); each is read at the agreement's own dates.

    Returns:
        Findings with paths ``immersions[i].purpose``, ``immersions[i].schedule[j]``.
    """
    del on
    immersions = getattr(subject, "immersions", subject)
    items = [(f"immersions[{i}]", m) for i, m in enumerate(immersions)]
    out = _purposes(items)
    out += _schedule([(f"{path}.", m) for path, m in items])
    return Report(tuple(out))


def check_immersion(immersion: Immersion, *, on: pendulum.Date) -> Report:
    """The schedule rules of one PMSMP agreement (``check(immersion, on=…)``).

    ``pmsmp.daily_hours`` and ``pmsmp.weekly_hours``, paths ``schedule[j]``. The rules
    over several agreements (purposes, renewals) need them all: `check_immersions`.
    """
    del on
    return Report(tuple(_schedule([("", immersion)])))

"""Exits from a structure: the sustainable-job line, counted exits, the ``exit.*`` rules.

An exit (`iae_core.parcours.Exit`) has a reason (`iae_core.enums.ExitKind`) whose
``.category`` is the ASP/DGEFP category. This module adds:

* `exit_kind_for` — the exit reason of a job found at exit, classifying a CDD or a
  temporary mission by its length (parameter `exits.sustainable_min_months`);
* `worked_days`, `hours_worked` — how much a person worked in a parcours;
* `exit_counted` — whether an exit enters the rates (more than `exits.counted_min_months`
  worked in ACI and EI, more than `exits.counted_min_hours` in AI and ETTI);
* `check_exit` — the ``exit.not_counted`` (info) and ``exit.before_start`` (error)
  findings, which the whole-parcours check calls.

The sustainable-job line: the sources (the platform's forum post « Les sorties dynamiques
dans l'IAE », circulaire DGEFP 2008-21) say "plus de 6 mois"; iae_core counts a CDD or
mission of exactly that many months as sustainable (a documented choice, the parameter's
note). "N months from S" ends on `iae_core.dates.period_end(S, N)` (months "de date à
date"), so a CDD from 2025-01-15 to 2025-07-14 is exactly 6 months, and one from
2025-08-31 to 2026-02-28 too:

```pycon
>>> exit_kind_for("CDD", pendulum.date(2025, 1, 15), pendulum.date(2025, 7, 14))
<ExitKind.CDD_6_MONTHS_OR_MORE: 'CDD_6_MONTHS_OR_MORE'>
>>> exit_kind_for("CDD", pendulum.date(2025, 8, 31), pendulum.date(2026, 2, 28))
<ExitKind.CDD_6_MONTHS_OR_MORE: 'CDD_6_MONTHS_OR_MORE'>

```
"""

from __future__ import annotations

import datetime as _dt
from functools import cache
from typing import TYPE_CHECKING, Literal

import attrs
import pendulum

from iae_core import dates, params
from iae_core._kernel.findings import NO_FINDINGS, Report, register_rule
from iae_core.enums import ContractKind, ExitCategory, ExitKind, Severity, StructureKind

if TYPE_CHECKING:  # annotations only: the parcours face imports this module
    from iae_core.contracts._entities import Contract
    from iae_core.parcours._entities import Parcours

__all__ = [
    "COUNTED_EXIT_THRESHOLDS",
    "EXIT_BEFORE_START",
    "EXIT_NOT_COUNTED",
    "SUSTAINABLE_MONTHS",
    "CountedExitThreshold",
    "check_exit",
    "exit_counted",
    "exit_kind_for",
    "hours_worked",
    "worked_days",
    "worked_periods",
]

_SUSTAINABLE = params.get("exits.sustainable_min_months")
_COUNTED_MONTHS = params.get("exits.counted_min_months")
_COUNTED_HOURS = params.get("exits.counted_min_hours")

SUSTAINABLE_MONTHS: int = _SUSTAINABLE.value
"""A CDD or mission of this many months or more is a sustainable exit (parameter
`exits.sustainable_min_months`; `exit_kind_for` reads it on the job's start)."""

JobKind = Literal["CDI", "CDD", "MISSION"]


def exit_kind_for(
    job: JobKind | ContractKind,
    start: pendulum.Date | None = None,
    end: pendulum.Date | None = None,
) -> ExitKind:
    """The exit reason for a job found at exit, classified by its length.

    A CDD or temporary mission lasting `exits.sustainable_min_months` months or more
    (``end >= dates.period_end(start, months)``, the months in force on ``start``) is a
    sustainable exit; shorter is a transition exit (forum post "Les sorties dynamiques
    dans l'IAE"; circulaire DGEFP 2008-21). The sources say "plus de" that many months;
    iae_core counts *exactly* that many as sustainable (the parameter's note).

    Args:
        job: ``"CDI"``, ``"CDD"`` or ``"MISSION"`` with an ordinary employer. A
            ``ContractKind`` is accepted too: the IAE kinds (``CDDI``, ``MISSION`` — an
            ETTI insertion mission —, ``CDD_USAGE``, ``CDI_INCLUSION``, ``COMMERCIAL``) are
            a hire by another SIAE, ``OTHER_SIAE`` (a positive exit)
            whatever their length; ``PROFESSIONALISATION`` and ``OTHER`` are a CDD.
        start: first day of the CDD or mission (not needed for a CDI).
        end: its planned last day, inclusive (not needed for a CDI).

    Raises:
        ValueError: a CDD or mission without ``start`` and ``end``, or ending before it
            starts.
    """
    if isinstance(job, ContractKind) and job in _IAE_CONTRACTS:  # not the string "MISSION"
        return ExitKind.OTHER_SIAE
    kind = _job_kind(job)
    if kind == "CDI":
        return ExitKind.CDI
    if start is None or end is None:
        msg = f"a {kind} needs its start and end to be classified"
        raise ValueError(msg)
    start, end = dates.as_date(start), dates.as_date(end)
    if end < start:
        msg = f"end {end.isoformat()} before start {start.isoformat()}"
        raise ValueError(msg)
    long_enough = end >= dates.period_end(start, _SUSTAINABLE.at(start))
    if kind == "MISSION":
        return ExitKind.MISSION_6_MONTHS_OR_MORE if long_enough else ExitKind.MISSION_UNDER_6_MONTHS
    return ExitKind.CDD_6_MONTHS_OR_MORE if long_enough else ExitKind.CDD_UNDER_6_MONTHS


_IAE_CONTRACTS = frozenset(
    {
        ContractKind.CDDI,
        ContractKind.MISSION,
        ContractKind.CDD_USAGE,
        ContractKind.CDI_INCLUSION,
        ContractKind.COMMERCIAL,
    }
)
"""Contracts only an SIAE signs: taking one at exit is a hire by another SIAE."""


def _job_kind(job: JobKind | ContractKind) -> JobKind:
    if isinstance(job, ContractKind):  # PROFESSIONALISATION, OTHER: a fixed-term contract
        return "CDD"
    if job in ("CDI", "CDD", "MISSION"):
        return job
    msg = f"not a job kind: {job!r} (expected 'CDI', 'CDD' or 'MISSION')"
    raise ValueError(msg)


# --- how much a person worked --------------------------------------------------------------


def _contract_span(
    contract: Contract, until: pendulum.Date | None
) -> tuple[pendulum.Date, pendulum.Date] | None:
    """The days a contract ran, up to ``until`` (``None`` when it had not started)."""
    end = contract.final_end
    if end is None or (until is not None and until < end):
        end = until
    if end is None:  # an open CDI inclusion and no limit: nothing can be said
        return None
    if end < contract.start:
        return None
    return contract.start, end


def _merged_ordinals(parcours: Parcours, until: pendulum.Date | None) -> list[list[int]]:
    """Merged ``[first, last]`` day ordinals of the contracts, cut at ``until``."""
    spans = []
    for c in parcours.contracts:
        span = _contract_span(c, until)
        if span is not None:
            spans.append((span[0].toordinal(), span[1].toordinal()))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + 1:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return merged


def worked_periods(
    parcours: Parcours, *, until: pendulum.Date | None = None
) -> list[tuple[pendulum.Date, pendulum.Date]]:
    """The contract periods of a parcours, merged, sorted, cut at ``until`` (inclusive).

    ``until`` defaults to the exit date (the last day in the structure); an open-ended
    CDI inclusion with neither an exit nor ``until`` is left out.
    """
    if until is None and parcours.exit is not None:
        until = parcours.exit.on
    return [(_from_ordinal(s), _from_ordinal(e)) for s, e in _merged_ordinals(parcours, until)]


def _from_ordinal(n: int) -> pendulum.Date:
    d = _dt.date.fromordinal(n)
    return pendulum.Date(d.year, d.month, d.day)


def worked_days(parcours: Parcours, *, until: pendulum.Date | None = None) -> int:
    """Calendar days under contract in the parcours (overlaps counted once), to ``until``.

    ``until`` defaults to the exit date.
    """
    if until is None and parcours.exit is not None:
        until = parcours.exit.on
    return sum(e - s + 1 for s, e in _merged_ordinals(parcours, until))


_DAYS_PER_WEEK = _dt.timedelta(weeks=1).days


def _contract_hours(
    contract: Contract, start: pendulum.Date | None, end: pendulum.Date | None
) -> float:
    """Hours of one contract between ``start`` and ``end`` (inclusive, ``None``: open)."""
    if contract.placements:
        total = 0.0
        for p in contract.placements:
            lo = p.start if start is None else max(p.start, start)
            hi = p.end if end is None else min(p.end, end)
            if hi < lo:
                continue
            total += p.hours * dates.days_inclusive(lo, hi) / dates.days_inclusive(p.start, p.end)
        return total
    span = _contract_span(contract, end)
    if span is None:
        return 0.0
    lo = span[0] if start is None else max(span[0], start)
    if span[1] < lo:
        return 0.0
    return contract.weekly_hours * dates.days_inclusive(lo, span[1]) / _DAYS_PER_WEEK


def hours_worked(
    parcours: Parcours,
    *,
    start: pendulum.Date | None = None,
    until: pendulum.Date | None = None,
) -> float:
    """Approximate hours worked in the parcours between ``start`` and ``until`` (inclusive).

    No hours are recorded in the data model, so they are derived from the contracts
    (an approximation, documented in the parcours docs page):

    * a contract with AI placements: the hours of its placements (a placement partly in
      the window counts in proportion of its days);
    * any other contract: ``weekly_hours × days / 7`` over the days it ran (leave, sickness
      and suspensions are not known, so they are not deducted).

    ``until`` defaults to the exit date; ``start`` to the beginning.
    """
    if until is None and parcours.exit is not None:
        until = parcours.exit.on
    return sum(_contract_hours(c, start, until) for c in parcours.contracts)


# --- counted exits ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CountedExitThreshold:
    """What a person must have worked for an exit to enter the rates.

    Attributes:
        months: more than this many months in total (``None``: not a months rule).
        hours: more than this many hours in total (``None``: not an hours rule).
    """

    months: int | None = None
    hours: float | None = None


def _thresholds(day: pendulum.Date | None) -> dict[StructureKind, CountedExitThreshold]:
    """The thresholds in force on ``day`` (``None``: the single value since always)."""
    months = _COUNTED_MONTHS.value if day is None else _COUNTED_MONTHS.at(day)
    hours = _COUNTED_HOURS.value if day is None else _COUNTED_HOURS.at(day)
    return {
        kind: CountedExitThreshold(months=months.get(kind.value), hours=hours.get(kind.value))
        for kind in StructureKind
        if kind.value in months or kind.value in hours
    }


COUNTED_EXIT_THRESHOLDS: dict[StructureKind, CountedExitThreshold] = _thresholds(None)
"""Counted-exit thresholds per structure kind (kinds absent: every exit counts — EITI).

Built from the parameters `exits.counted_min_months` (ACI, EI) and
`exits.counted_min_hours` (AI, ETTI): the ASP counting rule as implemented by the national
platform (pilotage-airflow ``dbt/models/staging/properties.yml``). The platform also asks
for at least one hour worked in the exit year in ACI and EI; iae_core does not apply that
extra condition (the exit is the end of the last contract, so it is met in practice). The
rules read the parameters on the exit date.
"""


def _threshold(parcours: Parcours, day: pendulum.Date) -> CountedExitThreshold | None:
    kind = parcours.structure.kind  # a StrEnum member: the same key as its value
    months = _COUNTED_MONTHS.at(day).get(kind)
    hours = _COUNTED_HOURS.at(day).get(kind)
    if months is None and hours is None:
        return None
    return CountedExitThreshold(months=months, hours=hours)


@cache
def _months_days(first: int, months: int) -> int:
    """Days in the ``months`` months from the day of ordinal ``first`` (inclusive)."""
    start = _from_ordinal(first)
    return dates.days_inclusive(start, dates.period_end(start, months))


def _threshold_met(parcours: Parcours, threshold: CountedExitThreshold) -> bool:
    until = parcours.exit.on if parcours.exit is not None else None
    if threshold.months is not None:
        periods = _merged_ordinals(parcours, until)
        if not periods:
            return False
        # "more than N months in total": the days worked exceed the days of N months
        # counted from the first day. For one period from S this is end > period_end(S, N).
        limit = _months_days(periods[0][0], threshold.months)
        if sum(e - s + 1 for s, e in periods) <= limit:
            return False
    if threshold.hours is not None:
        return hours_worked(parcours) > threshold.hours
    return True


def exit_counted(parcours: Parcours) -> bool:
    """True when the parcours has an exit that enters the exit rates.

    An exit counts when the person worked more than `exits.counted_min_months` months in
    total (ACI, EI) or more than `exits.counted_min_hours` hours (AI, ETTI) in the
    structure, the values in force on the exit date; in other kinds every exit counts (ASP
    rule as implemented by the platform). "More than N months" compares the days under
    contract (overlaps once) with the days of N months from the first contract's start:
    with 3 months, a single contract from 2025-01-15 counts from an exit on 2025-04-15
    (3 months end on 2025-04-14). Hours are approximated by `hours_worked`.

    Withdrawn exits (category ``WITHDRAWN``) may be "counted" here: being withdrawn takes
    them out of every rate regardless (see `iae_core.stats`). An exit dated before
    the first contract is never counted. ``False`` when there is no exit.
    """
    if parcours.exit is None:
        return False
    start = parcours.start
    if start is None or parcours.exit.on < start:
        return False
    threshold = _threshold(parcours, parcours.exit.on)
    if threshold is None:
        return True
    return _threshold_met(parcours, threshold)


EXIT_NOT_COUNTED = register_rule(
    "exit.not_counted",
    "Sortie non comptabilisée dans les taux",
    title_en="Exit not counted in the rates",
    severity=Severity.INFO,
    reference="Règle ASP de comptabilisation des sorties (circulaire DGEFP 2008-21)",
    subject="Parcours",
    description=(
        "The exit does not enter the exit rates: the person did not work more than "
        "`exits.counted_min_months` months in total (ACI, EI) or more than "
        "`exits.counted_min_hours` hours (AI, ETTI)."
    ),
    description_fr=(
        "La sortie n'entre pas dans les taux de sortie : la personne n'a pas travaillé "
        "plus de `exits.counted_min_months` mois au total (ACI, EI) ou plus de "
        "`exits.counted_min_hours` heures (AI, ETTI)."
    ),
    params=("exits.counted_min_months", "exits.counted_min_hours"),
    messages={
        "months": (
            "La sortie n'est pas comptabilisée dans les taux de sortie : il faut plus de "
            "{min_months} mois de travail dans la structure ({structure_kind:code}).",
            "The exit is not counted in the exit rates: it takes more than {min_months} "
            "months of work in the structure ({structure_kind:code}).",
        ),
        "hours": (
            "La sortie n'est pas comptabilisée dans les taux de sortie : il faut plus de "
            "{min_hours} heures de travail dans la structure ({structure_kind:code}).",
            "The exit is not counted in the exit rates: it takes more than {min_hours} "
            "hours of work in the structure ({structure_kind:code}).",
        ),
    },
    reading=(
        "The counting rule is the ASP's as implemented by the national platform "
        "(pilotage-airflow), not a published text. « Plus de N mois » is read as more days "
        "under contract (overlaps once) than the days of N months from the first "
        "contract's start; hours are approximated from the contracts (no hours are "
        "recorded). The platform's extra condition of one hour worked in the exit year "
        "(ACI, EI) is not applied."
    ),
)
"""``exit.not_counted`` (info): the threshold of `COUNTED_EXIT_THRESHOLDS` is not met."""

EXIT_BEFORE_START = register_rule(
    "exit.before_start",
    "Sortie antérieure au début du parcours",
    title_en="Exit before the start of the parcours",
    severity=Severity.ERROR,
    reference="Règle ASP des sorties",
    subject="Parcours",
    description="The exit is dated before the parcours's first contract.",
    description_fr="La sortie est datée d'avant le premier contrat du parcours.",
    messages={
        "default": (
            "La sortie ({exit_on:%Y-%m-%d}) est antérieure au début du parcours "
            "({start:%Y-%m-%d}).",
            "The exit ({exit_on}) is dated before the start of the parcours ({start}).",
        ),
    },
)
"""``exit.before_start`` (error): the exit is dated before the first contract starts."""


def check_exit(parcours: Parcours, *, on: pendulum.Date) -> Report:
    """The ``exit.*`` findings of a parcours, as of ``on``.

    * ``exit.before_start`` (error, path ``exit.on``): the exit is dated before the first
      contract's start (values ``exit_on``, ``start``).
    * ``exit.not_counted`` (info, path ``exit``): the exit does not enter the rates
      (`exit_counted`); not raised for a withdrawn exit (out of every rate anyway)
      nor with ``exit.before_start``. Variant ``months`` (values ``min_months``,
      ``worked_days``, ``structure_kind``) or ``hours`` (``min_hours``, ``hours_worked``,
      ``structure_kind``).

    The thresholds are those in force on the exit date; ``on`` is taken for the common
    signature of checks. No finding without an exit or without contracts.
    """
    del on
    ex = parcours.exit
    start = parcours.start
    if ex is None or start is None:
        return NO_FINDINGS
    if ex.on < start:
        return Report((EXIT_BEFORE_START.emit("default", "exit.on", exit_on=ex.on, start=start),))
    if ex.category is not ExitCategory.WITHDRAWN:
        threshold = _threshold(parcours, ex.on)
        if threshold is not None and not _threshold_met(parcours, threshold):
            kind = parcours.structure.kind
            if threshold.months is not None:
                finding = EXIT_NOT_COUNTED.emit(
                    "months",
                    "exit",
                    min_months=threshold.months,
                    worked_days=worked_days(parcours),
                    structure_kind=kind,
                )
            else:
                finding = EXIT_NOT_COUNTED.emit(
                    "hours",
                    "exit",
                    min_hours=threshold.hours,
                    hours_worked=hours_worked(parcours),
                    structure_kind=kind,
                )
            return Report((finding,))
    return NO_FINDINGS

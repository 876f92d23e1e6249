"""The PMSMP rules over one person's agreements: purposes, renewals and schedules.

``pmsmp.renewal_purpose``, ``pmsmp.same_purpose_same_host`` (D5135-3), ``pmsmp.daily_hours``
(L3121-18) and ``pmsmp.weekly_hours`` (L3121-20); the same-host limit itself is computed by
`iae_core.pmsmp._entities.same_host_excess`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pendulum

from iae_core import dates, params
from iae_core._kernel.findings import Finding, Report, register_rule
from iae_core.dates import DayLike, as_day
from iae_core.enums import Severity

if TYPE_CHECKING:
    from iae_core.contracts._entities import Immersion

from iae_core.pmsmp._entities import renewals

__all__ = ["check_immersion", "check_immersions"]


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


def check_immersions(subject: Any, *, on: DayLike) -> Report:
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
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    del on
    immersions = getattr(subject, "immersions", subject)
    items = [(f"immersions[{i}]", m) for i, m in enumerate(immersions)]
    out = _purposes(items)
    out += _schedule([(f"{path}.", m) for path, m in items])
    return Report(tuple(out))


def check_immersion(immersion: Immersion, *, on: DayLike) -> Report:
    """The schedule rules of one PMSMP agreement (``check(immersion, on=…)``).

    ``pmsmp.daily_hours`` and ``pmsmp.weekly_hours``, paths ``schedule[j]``. The rules
    over several agreements (purposes, renewals) need them all: `check_immersions`.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    del on
    return Report(tuple(_schedule([("", immersion)])))

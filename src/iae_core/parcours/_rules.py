"""The whole-parcours check: every eligibility, PASS, contract and exit rule in context.

``check(parcours, on=…)`` runs the rules of each part with what the parcours knows:

* the **diagnosis** is assessed on the hiring date (the first contract's start), by the
  structure that uses it, for the person's age on its date, and stays valid while the
  PASS it led to runs (``diagnosis.*`` paths);
* the **PASS IAE** is checked with the structure's kind, the last hiring's start, the
  person and whether the parcours holds a CDI inclusion (``approval.*``);
* each **contract** with the person (age, RQTH, *aménagement de peine*), the parcours
  start (CDI inclusion, hour derogations) and the PASS (``contract.no_approval`` /
  ``contract.outside_approval``; every SIAE kind, by the dated table
  ``APPROVAL_REQUIRED``), ETTI missions starting within a CDI inclusion of the parcours
  getting the longer cap of L5132-6-1 (``contracts[i].…``, ``i`` the index as given);
* PMSMP agreements with the same host across **all** contracts of the parcours
  (``pmsmp.same_host``: the agreements and days per host over a window of months of
  D5135-3, parameters `pmsmp.same_host_*`, read as in `iae_core.pmsmp`), once per
  agreement and limit on ``contracts[i].immersions[j]``: this replaces each contract's
  own ``pmsmp.same_host``;
* the **exit** (``exit.*``).
"""

from __future__ import annotations

from collections.abc import Iterable

import pendulum

from iae_core._kernel.findings import NO_FINDINGS, Finding, Report, register_rule
from iae_core.approvals import check_approval
from iae_core.contracts import (
    PMSMP_SAME_HOST,
    Contract,
    Immersion,
    PrefectWaiver,
    check_contract,
    immersions_excess,
    same_host_finding,
)
from iae_core.dates import DayLike, as_day
from iae_core.eligibility import assess_eligibility
from iae_core.enums import ContractKind, ExitCategory, Severity, StructureKind
from iae_core.parcours._entities import (
    Parcours,
    counted_exit_threshold,
    hours_worked,
    threshold_met,
    worked_days,
)

__all__ = ["EXIT_BEFORE_START", "EXIT_NOT_COUNTED", "check_exit", "check_parcours"]


def check_parcours(
    parcours: Parcours,
    *,
    on: DayLike,
    prefect_waiver: PrefectWaiver | Iterable[PrefectWaiver] | None = None,
) -> Report:
    """Check a whole parcours as of ``on`` (also ``check(parcours, on=…)``).

    Args:
        parcours: the parcours.
        on: the date of the check.
        prefect_waiver: prefect decision(s) lifting the AI hours cap (R5132-18).

    Returns:
        Every finding, with paths from the parcours (``contracts[1].renewals[0].end``,
        ``approval.suspensions[0].start``, ``diagnosis.criteria``, ``exit.on``).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    kind = parcours.structure.kind
    person = parcours.person
    contracts = parcours.contracts
    start = parcours.start
    out: list[Finding] = []

    if parcours.diagnosis is not None:
        out += _under(
            "diagnosis",
            assess_eligibility(
                parcours.diagnosis,
                structure_kind=kind,
                on=start if start is not None and start <= on else on,
                person=person,
                using_structure_siret=parcours.structure.siret,
                approval=parcours.approval,
            ),
        )

    has_cdi = any(c.kind is ContractKind.CDI_INCLUSION for c in contracts)
    if parcours.approval is not None:
        started = [c.start for c in contracts if c.start <= on]
        out += _under(
            "approval",
            check_approval(
                parcours.approval,
                on=on,
                structure_kind=kind,
                last_hiring_start=max(started, default=None),
                person=person,
                cdi_inclusion=has_cdi,
            ),
        )

    parcours_start = start
    if parcours.approval is not None and (
        parcours_start is None or parcours.approval.start < parcours_start
    ):
        parcours_start = parcours.approval.start
    # Which kinds need a PASS, and since when, is APPROVAL_REQUIRED's (by contract start):
    # an EITI contract needs one too from the table's date (contract.no_approval).
    needs_pass = kind.issues_pass_iae
    cdi_spans = (
        [(c.start, c.final_end) for c in contracts if c.kind is ContractKind.CDI_INCLUSION]
        if kind is StructureKind.ETTI
        else []
    )
    for i, contract in enumerate(contracts):
        # pmsmp.same_host is checked below over all the contracts together
        found = check_contract(
            contract,
            on=on,
            person=person,
            parcours_start=parcours_start,
            approval=parcours.approval,
            prefect_waiver=prefect_waiver,
            require_approval=needs_pass,
            in_cdi_inclusion=bool(cdi_spans)
            and contract.kind is ContractKind.MISSION
            and _inside_cdi(contract.start, cdi_spans),
        )
        if found:
            where = f"contracts[{i}]"
            out += (f.prefixed(where) for f in found if f.code != PMSMP_SAME_HOST.code)

    out += _immersions_across(contracts)
    out += check_exit(parcours, on=on)
    return Report(tuple(out))


def _under(prefix: str, report: Report) -> list[Finding]:
    """The findings of ``report`` with their paths under ``prefix`` (no Report built)."""
    return [f.prefixed(prefix) for f in report] if report else []


def _inside_cdi(
    day: pendulum.Date, spans: list[tuple[pendulum.Date, pendulum.Date | None]]
) -> bool:
    """True when ``day`` falls within one of the CDI inclusions ``(start, final end)``.

    C. trav. art. L5132-6-1: the longer mission cap is for missions *within* a CDI
    inclusion; a mission that started before the CDI (or after it ended) keeps the
    cap of L5132-6.
    """
    return any(s <= day and (e is None or day <= e) for s, e in spans)


def _immersions_across(contracts: tuple[Contract, ...]) -> list[Finding]:
    """``pmsmp.same_host`` over the immersions of all contracts together (D5135-3).

    The agreements of every contract are grouped by host and given once to
    `iae_core.pmsmp.same_host_excess`; a ``renewal_of`` may name an agreement of
    another contract. This replaces the contracts' own ``pmsmp.same_host`` findings (the
    caller drops them): the function is monotone, so every agreement in excess within
    its contract is in excess here too, reported once, and a renewal of an agreement of
    another contract is not taken for a new agreement. Paths:
    ``contracts[i].immersions[j]`` (``.end`` for the days).
    """
    by_host: dict[str, list[tuple[tuple[int, int], Immersion]]] = {}
    for i, c in enumerate(contracts):
        for j, m in enumerate(c.immersions):
            by_host.setdefault(m.host_siret, []).append(((i, j), m))
    out: list[Finding] = []
    for host, group in by_host.items():
        for e in immersions_excess(group):
            i, j = e.ref
            out.append(same_host_finding(host, e, f"contracts[{i}].immersions[{j}]"))
    return out


# --- the exit rules ---------------------------------------------------------------------

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


def check_exit(parcours: Parcours, *, on: DayLike) -> Report:
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
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    del on
    ex = parcours.exit
    start = parcours.start
    if ex is None or start is None:
        return NO_FINDINGS
    if ex.on < start:
        return Report((EXIT_BEFORE_START.emit("default", "exit.on", exit_on=ex.on, start=start),))
    if ex.category is not ExitCategory.WITHDRAWN:
        threshold = counted_exit_threshold(parcours, ex.on)
        if threshold is not None and not threshold_met(parcours, threshold):
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

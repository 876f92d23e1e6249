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

from iae_core._kernel.findings import Finding, Report
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
from iae_core.eligibility import assess_eligibility
from iae_core.enums import ContractKind, StructureKind
from iae_core.exits import check_exit
from iae_core.parcours._entities import Parcours

__all__ = ["check_parcours"]


def check_parcours(
    parcours: Parcours,
    *,
    on: pendulum.Date,
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

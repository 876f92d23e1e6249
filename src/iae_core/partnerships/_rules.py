"""Partnership rules: the PMSMP limits per person and host *across* partnerships.

A company reached through several partnerships, or through a union of structures, is one
host: at most so many agreements and days with the same host over a sliding window of
consecutive months (C. trav. art. D5135-3), in the reading of `iae_core.pmsmp` (the
limits are its parameters). The code is `partnership.pmsmp_same_host`; the
contract-level rule `pmsmp.same_host` looks at one person's contracts, this one at the
partnerships' events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import pendulum

from iae_core._kernel.findings import Finding, Report, register_rule
from iae_core.dates import DayLike, as_day
from iae_core.enums import Severity
from iae_core.partnerships._entities import EventKind, Partnership, PartnershipEvent
from iae_core.people import Company
from iae_core.pmsmp._entities import (
    SAME_HOST_MAX_AGREEMENTS,
    SAME_HOST_MAX_DAYS,
    SAME_HOST_WINDOW_MONTHS,
    Agreement,
    Excess,
    renewals,
    same_host_excess,
)

__all__ = [
    "PMSMP_MAX_AGREEMENTS",
    "PMSMP_MAX_DAYS",
    "PMSMP_SAME_HOST",
    "check_partnership",
    "check_pmsmp",
]

PMSMP_MAX_AGREEMENTS = SAME_HOST_MAX_AGREEMENTS
"""Agreements with the same host in any window of consecutive months (D5135-3); the value
is `iae_core.pmsmp.SAME_HOST_MAX_AGREEMENTS`."""

PMSMP_MAX_DAYS = SAME_HOST_MAX_DAYS
"""Days with the same host in any window of consecutive months, renewals included
(D5135-3); the value is `iae_core.pmsmp.SAME_HOST_MAX_DAYS`."""

PMSMP_SAME_HOST = register_rule(
    "partnership.pmsmp_same_host",
    "Trop d'immersions (PMSMP) chez la même entreprise",
    title_en="Too many PMSMP immersions with the same company",
    severity=Severity.ERROR,
    reference="C. trav. art. D5135-3",
    subject="Partnership",
    description=(
        "Across partnerships: a person has more PMSMP agreements, or more days of PMSMP "
        "(renewals included), with the same host company than D5135-3 allows over its "
        "window of consecutive months."
    ),
    description_fr=(
        "Tous partenariats confondus : une personne a plus de conventions de PMSMP, ou plus "
        "de jours de PMSMP (renouvellements compris), avec la même entreprise d'accueil que "
        "ne le permet l'article D5135-3 sur sa période de mois consécutifs."
    ),
    params=(
        "pmsmp.same_host_max_agreements",
        "pmsmp.same_host_max_days",
        "pmsmp.same_host_window_months",
    ),
    messages={
        "agreements": (
            "Plus de {max_agreements} conventions d'immersion avec {host} sur "
            "{window_months} mois consécutifs ({count} conventions du {window_start} au "
            "{window_end}).",
            "More than {max_agreements} immersion agreements with {host} over "
            "{window_months} consecutive months ({count} agreements from {window_start} to "
            "{window_end}).",
        ),
        "days": (
            "Plus de {max_days} jours d'immersion avec {host} sur {window_months} mois "
            "consécutifs ({count} jours du {window_start} au {window_end}).",
            "More than {max_days} days of immersion with {host} over {window_months} "
            "consecutive months ({count} days from {window_start} to {window_end}).",
        ),
    },
    reading=(
        "The company's SIRET identifies the host: every partnership with the same company "
        "counts together, whatever the member structures. Windows, renewals and which "
        "agreement is in excess are read as in `iae_core.pmsmp` (the reading of "
        "`pmsmp.same_host`). Planned immersions count too."
    ),
)
"""`partnership.pmsmp_same_host` (error): D5135-3 limits per person and host."""


def _finding(host: Company, excess: Excess[str]) -> Finding:
    common: dict[str, Any] = {
        "host": host.name,
        "window_months": SAME_HOST_WINDOW_MONTHS,
        "count": excess.count,
        "window_start": excess.window_start,
        "window_end": excess.window_end,
    }
    if excess.what == "agreements":
        return PMSMP_SAME_HOST.emit(
            "agreements", excess.ref, max_agreements=SAME_HOST_MAX_AGREEMENTS, **common
        )
    return PMSMP_SAME_HOST.emit("days", excess.ref, max_days=SAME_HOST_MAX_DAYS, **common)


def check_pmsmp(partnerships: Partnership | Sequence[Partnership], *, on: DayLike) -> Report:
    """`partnership.pmsmp_same_host` findings across partnerships (C. trav. art. D5135-3).

    Per person and host company (all partnerships with the same company SIRET together):
    at most `PMSMP_MAX_AGREEMENTS` agreements and `PMSMP_MAX_DAYS` days in total,
    renewals included, over any window of consecutive months, in the reading of
    `iae_core.pmsmp.same_host_excess` (the one of `pmsmp.same_host` on contracts). An
    immersion is a renewal when its `renewal_of` is the `start` of another immersion of
    the same person with the same company (`iae_core.pmsmp.renewals`); one that matches
    none is a new agreement. Each agreement in excess gets one finding per limit; its
    path is `events[j]` for one partnership, else `[i].events[j]`. Planned immersions
    (after `on`) count too: the check is meant to stop a PMSMP before it is signed. The
    rule has not changed since 2014; `on` is taken for the common signature of checks.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    del on
    single = isinstance(partnerships, Partnership)
    items = (partnerships,) if isinstance(partnerships, Partnership) else tuple(partnerships)
    groups: dict[tuple[str, str], list[tuple[str, PartnershipEvent]]] = defaultdict(list)
    hosts: dict[str, Company] = {}
    for i, p in enumerate(items):
        hosts.setdefault(p.company.siret, p.company)
        for j, e in enumerate(p.events):
            if e.kind is not EventKind.IMMERSION or e.person_id is None:
                continue
            path = f"events[{j}]" if single else f"[{i}].events[{j}]"
            groups[(e.person_id, p.company.siret)].append((path, e))
    findings = []
    for (_person, siret), group in groups.items():
        flags = renewals([(e.start, e.renewal_of) for _path, e in group])
        agreements = [
            Agreement(e.start, e.last_day, renewal, path)
            for (path, e), renewal in zip(group, flags, strict=True)
        ]
        for excess in same_host_excess(agreements):
            findings.append(_finding(hosts[siret], excess))
    return Report(findings)


def check_partnership(partnership: Partnership, *, on: DayLike) -> Report:
    """Check one partnership as of `on`: the PMSMP limits over its events.

    To apply them across several partnerships with the same company, use `check_pmsmp`
    with all of them.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    return check_pmsmp(partnership, on=on)

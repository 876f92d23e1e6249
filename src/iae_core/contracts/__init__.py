"""Contracts: `Contract`, its parts, and the contract rules.

CDDI (C. trav. art. L5132-5, L5132-11-1, L5132-15-1), ETTI missions (L5132-6), AI
placements (L5132-9), PMSMP immersions (L5135-1 and following, D5135-3), CDI inclusion
(L5132-5-1, L5132-6-1, L5132-14-1, L5132-15-1-1). The rules (`contract.*`, `mission.*`,
`placement.*`, `cdi_inclusion.*`, `pmsmp.*`) are checked by `check_contract`
(`check(contract, on=…)`) and, at structure level, `check_cdi_inclusion_share`
(`check(structure, on=…, contracts=…)`). Every legal number they use is a parameter of
`iae_core.params` (data files `contracts.toml` and `pmsmp.toml`); the rules are described
in `docs/contracts.md`.

```python
import pendulum
from iae_core import Contract, check_contract

contract = Contract(
    kind="CDDI", structure_kind="ACI", start=pendulum.date(2025, 1, 6),
    end=pendulum.date(2025, 3, 31), weekly_hours=26,
)
report = check_contract(contract, on=pendulum.date(2025, 1, 6))
print(report.codes)  # frozenset({'contract.min_duration'})
print(report.in_language("en")[0].message)
```

The face: the entities (`_entities`), the rules (`_rules`), and the explicit tables
`ENTITIES` and `CHECKERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core._kernel.findings import Report
from iae_core.contracts._entities import (
    Contract,
    HoursDerogation,
    Immersion,
    ImmersionAssessment,
    Placement,
    PrefectWaiver,
    Renewal,
    ScheduleDay,
)
from iae_core.contracts._rules import (
    ALLOWED_CONTRACT_KINDS,
    APPROVAL_REQUIRED,
    CDDI_RENEWAL_CAP,
    CDDI_STRUCTURES,
    CDI_INCLUSION_STRUCTURES,
    MISSION_MAX_RENEWALS,
    OUTSIDE_AID_CONTRACT_KINDS,
    PMSMP_SAME_HOST,
    cddi_max_trial_days,
    check_cdi_inclusion_share,
    check_contract,
    derogations_cover_until,
    first_uncovered_day,
    immersions_excess,
    mission_max_trial_days,
    pmsmp_share_days,
    same_host_finding,
)
from iae_core.people import Structure
from iae_core.pmsmp._rules import check_immersion, check_immersions

__all__ = [
    "ALLOWED_CONTRACT_KINDS",
    "APPROVAL_REQUIRED",
    "CDDI_RENEWAL_CAP",
    "CDDI_STRUCTURES",
    "CDI_INCLUSION_STRUCTURES",
    "CHECKERS",
    "ENTITIES",
    "MISSION_MAX_RENEWALS",
    "OUTSIDE_AID_CONTRACT_KINDS",
    "PMSMP_SAME_HOST",
    "Contract",
    "HoursDerogation",
    "Immersion",
    "ImmersionAssessment",
    "Placement",
    "PrefectWaiver",
    "Renewal",
    "ScheduleDay",
    "cddi_max_trial_days",
    "check_cdi_inclusion_share",
    "check_contract",
    "check_immersion",
    "check_immersions",
    "derogations_cover_until",
    "first_uncovered_day",
    "immersions_excess",
    "mission_max_trial_days",
    "pmsmp_share_days",
    "same_host_finding",
]

ENTITIES: tuple[type, ...] = (
    Contract,
    Renewal,
    HoursDerogation,
    Immersion,
    ImmersionAssessment,
    ScheduleDay,
    Placement,
    PrefectWaiver,
)
"""The contract area's entity classes."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType(
    {
        Contract: check_contract,
        Structure: check_cdi_inclusion_share,
    }
)
"""Entity class → its checker: `check(contract, on=…, …)` and `check(structure, on=…,
contracts=…, prefect_decision=False)`. An `Immersion`'s checker is declared by
`iae_core.pmsmp`."""

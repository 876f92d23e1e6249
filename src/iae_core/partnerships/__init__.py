"""Partnerships between structures and an ordinary company (the area's face).

A `Partnership` ties one company to one structure, or to a **union** of several
structures that share one coordinator and speak to the company with one voice. It records
what the parties do together (`iae_core.enums.PartnershipKind`), what was promised
(`Commitment`: hires, immersions, insertion hours… over a period) and what happened
(`PartnershipEvent`: immersions, hires, visits, orders with hours and amount).

* `partnership_summary` compares commitments with what happened over a period and gives
  the immersion-to-hire conversion;
* `check_pmsmp` applies the PMSMP limits per person and host *across* partnerships (a
  company reached through several partnerships, or a union, is one host): the limits of
  C. trav. art. D5135-3, read as in `iae_core.pmsmp` (its parameters
  `pmsmp.same_host_*`). The code is `partnership.pmsmp_same_host` (the contract-level
  rule `pmsmp.same_host` looks at one person's contracts; this one at the partnership's
  events).

The entities are in `iae_core.partnerships._entities`, the rules in
`iae_core.partnerships._rules`; this face re-exports their public names and lists them in
`ENTITIES` and `CHECKERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core._kernel.findings import Report
from iae_core.partnerships._entities import (
    Commitment,
    CommitmentKind,
    CommitmentProgress,
    EventKind,
    Partnership,
    PartnershipEvent,
    PartnershipSummary,
    partnership_summary,
)
from iae_core.partnerships._rules import (
    PMSMP_MAX_AGREEMENTS,
    PMSMP_MAX_DAYS,
    PMSMP_SAME_HOST,
    check_partnership,
    check_pmsmp,
)

__all__ = [
    "CHECKERS",
    "ENTITIES",
    "PMSMP_MAX_AGREEMENTS",
    "PMSMP_MAX_DAYS",
    "PMSMP_SAME_HOST",
    "Commitment",
    "CommitmentKind",
    "CommitmentProgress",
    "EventKind",
    "Partnership",
    "PartnershipEvent",
    "PartnershipSummary",
    "check_partnership",
    "check_pmsmp",
    "partnership_summary",
]

# The area's enums keep their public home (codes documented in iae_core.partnerships, as
# before the area became a package): their module is this face.
CommitmentKind.__module__ = EventKind.__module__ = __name__

ENTITIES: tuple[type, ...] = (Partnership, Commitment, PartnershipEvent)
"""The area's entity classes."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType({Partnership: check_partnership})
"""Entity class → its checker."""

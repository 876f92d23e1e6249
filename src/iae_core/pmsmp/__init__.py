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

The face: the values and the computation of the limit (`_entities`), the rules
(`_rules`), and the explicit tables `ENTITIES` and `CHECKERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core._kernel.findings import Report
from iae_core.contracts._entities import Immersion
from iae_core.pmsmp._entities import (
    SAME_HOST_MAX_AGREEMENTS,
    SAME_HOST_MAX_DAYS,
    SAME_HOST_WINDOW_MONTHS,
    Agreement,
    Excess,
    ExcessKind,
    renewals,
    same_host_excess,
)
from iae_core.pmsmp._rules import check_immersion, check_immersions

__all__ = [
    "CHECKERS",
    "ENTITIES",
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

ENTITIES: tuple[type, ...] = ()
"""The PMSMP area's own entity classes: none. A PMSMP agreement (`Immersion`, with its
`ScheduleDay` and `ImmersionAssessment`) is part of a contract and declared by
`iae_core.contracts`; `Agreement` and `Excess` are values of the computation, not
documents."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType({Immersion: check_immersion})
"""Entity class → its checker: `check(immersion, on=…)` (the schedule rules)."""

"""PASS IAE approvals: `Approval`, `Suspension`, `Prolongation` and their rules.

C. trav. art. R5132-1-2 to R5132-1-8; date arithmetic as the national platform computes
it (see `docs/approvals.md`):

    >>> a = Approval(number="999990000001", start=pendulum.date(2024, 3, 1))
    >>> a.end
    Date(2026, 2, 28)

Rule checks: `check_approval` (also `check(approval, on=…, structure_kind=…)`), the
commands `Approval.suspend` and `Approval.prolong`, and `new_approval_check` (waiting
period). Rules that changed over time are dated tables built from the parameters of
`iae_core/params/data/approvals.toml`: `DEFAULT_LENGTH`, `PROLONGATION_WINDOW`,
`HEALTH_CONTEXT_ALLOWED`.

This is the area's face: the entities live in `iae_core.approvals._entities`, the rules,
checkers and commands in `iae_core.approvals._rules`; `ENTITIES` and `CHECKERS` are the
explicit tables the library gathers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from iae_core._kernel.findings import Report
from iae_core.approvals import _entities, _rules
from iae_core.approvals._entities import (
    DEFAULT_LENGTH,
    Approval,
    Prolongation,
    Span,
    Suspension,
    default_end,
)
from iae_core.approvals._rules import (
    HEALTH_CONTEXT_ALLOWED,
    PROLONGATION_CAPS,
    PROLONGATION_WINDOW,
    ProlongationCaps,
    ProlongationWindow,
    caps_on,
    check_approval,
    last_ended,
    new_approval_check,
    prolongation_check,
    prolongation_window_bounds,
    retroactivity_earliest_start,
    suspension_check,
    suspension_latest_end,
)

_entities.bind_commands(_rules.COMMANDS)

__all__ = [
    "CHECKERS",
    "DEFAULT_LENGTH",
    "ENTITIES",
    "HEALTH_CONTEXT_ALLOWED",
    "PROLONGATION_CAPS",
    "PROLONGATION_WINDOW",
    "Approval",
    "Prolongation",
    "ProlongationCaps",
    "ProlongationWindow",
    "Span",
    "Suspension",
    "caps_on",
    "check_approval",
    "default_end",
    "last_ended",
    "new_approval_check",
    "prolongation_check",
    "prolongation_window_bounds",
    "retroactivity_earliest_start",
    "suspension_check",
    "suspension_latest_end",
]

ENTITIES: tuple[type, ...] = (Approval, Suspension, Prolongation)
"""The area's entity classes."""

CHECKERS: Mapping[type, Callable[..., Report]] = {Approval: check_approval}
"""Entity class → its checker (`Suspension` and `Prolongation` are judged by the
`Approval` that holds them)."""

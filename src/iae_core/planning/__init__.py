"""Planning: the boundaries the rules allow, as dates and counts (`from iae_core import planning`).

Every function is pure, takes `on` (the day the plan is made for) and the same optional
context as the area's checker, and returns a frozen plan value whose dates are
`pendulum.Date` or `None`. `None` means the option is closed; the reason is in the plan's
`closed` mapping (field name → `Closed(code, reason)`). Each plan has `to_json()` giving
plain values (ISO dates, numbers, strings), like `Finding.params`.

The guarantee: the planner reads the same parameters and the same limit computations as the
checkers, so the subject moved exactly to a returned boundary passes every rule of its
area, and one day further fails the rule that sets it.
"""

from __future__ import annotations

from iae_core.planning._approval import ApprovalPlan, approval
from iae_core.planning._common import Closed
from iae_core.planning._contract import ContractPlan, contract
from iae_core.planning._deadlines import MAX_WITHIN_DAYS, Deadline, deadlines
from iae_core.planning._ical import to_ical
from iae_core.planning._pmsmp import PmsmpRoom, pmsmp

__all__ = [
    "MAX_WITHIN_DAYS",
    "ApprovalPlan",
    "Closed",
    "ContractPlan",
    "Deadline",
    "PmsmpRoom",
    "approval",
    "contract",
    "deadlines",
    "pmsmp",
    "to_ical",
]

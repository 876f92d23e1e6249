"""The contract planner (work in progress)."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["ContractPlan", "contract"]


@attrs.frozen(kw_only=True, slots=True)
class ContractPlan:
    """The boundaries of one contract (work in progress)."""


def contract(contract: Any, *, on: Any, **context: Any) -> ContractPlan:
    """Plan a contract (work in progress)."""
    raise NotImplementedError

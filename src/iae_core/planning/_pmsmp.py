"""The PMSMP planner (work in progress)."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["PmsmpRoom", "pmsmp"]


@attrs.frozen(kw_only=True, slots=True)
class PmsmpRoom:
    """The room for a new PMSMP agreement (work in progress)."""


def pmsmp(immersions: Any, *, host_siret: str, on: Any) -> PmsmpRoom:
    """Plan a new PMSMP (work in progress)."""
    raise NotImplementedError

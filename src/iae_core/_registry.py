"""The explicit tables of iae_core: every entity class and every checker.

Each area of law declares its own `ENTITIES` and `CHECKERS` in its face
(`iae_core.contracts`, `iae_core.approvals`…); this module gathers them, in one place a
reader can see, rather than by side effects of importing modules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

from iae_core import approvals, contracts, eligibility, parcours, partnerships

__all__ = ["CHECKERS"]

# TRANSITION (issue 12): areas not yet laid out in the new shape have no CHECKERS table
# and still use `checks.register_check`; this getattr goes when every area has one.
_AREAS: tuple[ModuleType, ...] = (eligibility, approvals, contracts, parcours, partnerships)

CHECKERS: Mapping[type, Callable[..., Any]] = {
    cls: fn for area in _AREAS for cls, fn in getattr(area, "CHECKERS", {}).items()
}
"""Entity class → its checker (what `iae_core.check` calls)."""

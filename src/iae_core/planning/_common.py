"""Small shared values of the planners: `Closed` (why an option is closed)."""

from __future__ import annotations

import attrs

__all__ = ["Closed"]


@attrs.frozen(kw_only=True, slots=True)
class Closed:
    """Why a plan's option is closed (its field is `None`).

    Attributes:
        code: a stable code (the rule code that closes it, or a planner code).
        reason: a short English explanation.
    """

    code: str
    reason: str

    def to_json(self) -> dict[str, str]:
        """Plain values: `{"code": ..., "reason": ...}`."""
        return {"code": self.code, "reason": self.reason}

"""PASS IAE approvals: :class:`Approval`, :class:`Suspension`, :class:`Prolongation`.

R5132-1-2 to R5132-1-8; date arithmetic as the national platform computes it
(see ``docs/approvals.md``).
"""

from __future__ import annotations

import attrs
import pendulum

from iae_core import dates
from iae_core._model import (
    Entity,
    Problems,
    need_date,
    need_enum,
    need_items,
    need_optional_date,
    need_optional_str,
    need_order,
    need_str,
    to_prolongation_reason,
    to_suspension_reason,
    to_tuple,
)
from iae_core.enums import ProlongationReason, SuspensionReason

__all__ = ["Approval", "Prolongation", "Suspension"]


@attrs.frozen(kw_only=True)
class Suspension(Entity):
    """A suspension of a PASS IAE, from ``start`` to ``end`` inclusive."""

    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)
    reason: SuspensionReason = attrs.field(converter=to_suspension_reason)

    def _validate(self, problems: Problems) -> None:
        ok = need_date(problems, "start", self.start)
        ok = need_date(problems, "end", self.end) and ok
        need_enum(problems, "reason", self.reason, SuspensionReason)
        if ok:
            need_order(problems, self.start, self.end)


@attrs.frozen(kw_only=True)
class Prolongation(Entity):
    """A prolongation of a PASS IAE: starts on the PASS's current end, ends on ``end``.

    Attributes:
        start: the PASS's end when the prolongation is declared.
        end: the PASS's new end (strictly after ``start``).
        reason: the legal ground (R5132-1-8).
        validated_by: who validated it (an authorised prescriber), when required.
    """

    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)
    reason: ProlongationReason = attrs.field(converter=to_prolongation_reason)
    validated_by: str | None = None

    def _validate(self, problems: Problems) -> None:
        ok = need_date(problems, "start", self.start)
        ok = need_date(problems, "end", self.end) and ok
        need_enum(problems, "reason", self.reason, ProlongationReason)
        need_optional_str(problems, "validated_by", self.validated_by)
        if ok:
            need_order(problems, self.start, self.end, strict=True)


@attrs.frozen(kw_only=True)
class Approval(Entity):
    """A PASS IAE.

    Attributes:
        number: the 12-character number (its format is a rule, ``approval.number_format``,
            so that imported legacy numbers can still be loaded and reported on).
        start: first day.
        initial_end: the end before suspensions and prolongations; ``None`` means the
            default for the start date (start + 729 days from 2024-02-28, start + 2 years
            − 1 day before). Imported PASS keep their official end here.
        suspensions: its suspensions.
        prolongations: its prolongations, in any order.
    """

    number: str
    start: pendulum.Date = attrs.field(converter=dates.to_date)
    initial_end: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    suspensions: tuple[Suspension, ...] = attrs.field(default=(), converter=to_tuple)
    prolongations: tuple[Prolongation, ...] = attrs.field(default=(), converter=to_tuple)

    def _validate(self, problems: Problems) -> None:
        need_str(problems, "number", self.number)
        ok = need_date(problems, "start", self.start)
        ok = need_optional_date(problems, "initial_end", self.initial_end) and ok
        if ok and self.initial_end is not None:
            need_order(problems, self.start, self.initial_end, end_name="initial_end")
        need_items(problems, "suspensions", self.suspensions, Suspension)
        need_items(problems, "prolongations", self.prolongations, Prolongation)

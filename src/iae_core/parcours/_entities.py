"""A person's path in one structure: `Parcours`, `Action`, `Exit` (the entities).

``check(parcours, on=…)`` runs every eligibility, PASS, contract and exit rule with the
parcours as context (see `iae_core.parcours.check_parcours`); exit thresholds and
categories are in `iae_core.exits`, rates in `iae_core.stats`.
"""

from __future__ import annotations

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    Entity,
    Problems,
    need_date,
    need_enum,
    need_instance,
    need_items,
    need_optional_date,
    need_optional_str,
    need_order,
    to_action_kind,
    to_exit_kind,
    to_tuple,
)
from iae_core.approvals._entities import Approval
from iae_core.contracts._entities import Contract
from iae_core.eligibility._entities import EligibilityDiagnosis
from iae_core.enums import ActionKind, ExitCategory, ExitKind
from iae_core.followup import FollowUp, SupportAction, validate_after_exit
from iae_core.people import Person, Structure

__all__ = ["Action", "Exit", "Parcours"]


@attrs.frozen(kw_only=True)
class Action(Entity):
    """A support action during a parcours (a training, social support…).

    Attributes:
        kind: what the action is.
        start: first day. end: last day (``None``: still running or unknown).
        title: a free label ("CACES R489", "Permis B"…).
    """

    kind: ActionKind = attrs.field(converter=to_action_kind)
    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    title: str | None = None

    def _validate(self, problems: Problems) -> None:
        need_enum(problems, "kind", self.kind, ActionKind)
        ok = need_date(problems, "start", self.start)
        if need_optional_date(problems, "end", self.end) and ok and self.end is not None:
            need_order(problems, self.start, self.end)
        need_optional_str(problems, "title", self.title)


@attrs.frozen(kw_only=True)
class Exit(Entity):
    """A person's exit from a structure, on ``on``, for reason ``kind``."""

    on: pendulum.Date = attrs.field(converter=dates.to_date)
    kind: ExitKind = attrs.field(converter=to_exit_kind)

    def _validate(self, problems: Problems) -> None:
        need_date(problems, "on", self.on)
        need_enum(problems, "kind", self.kind, ExitKind)

    def _valid_structured(self) -> bool:
        return True  # a date in range and an ExitKind: nothing else to check

    @property
    def category(self) -> ExitCategory:
        """The official category of the exit (``SUSTAINABLE``, ``TRANSITION``…)."""
        return self.kind.category


@attrs.frozen(kw_only=True)
class Parcours(Entity):
    """One person's path in one structure: the unit that notebooks count.

    Attributes:
        person: who.
        structure: where.
        diagnosis: the eligibility diagnosis the hiring relied on.
        approval: the PASS IAE.
        contracts: the contracts, in any order.
        actions: support actions.
        exit: how the parcours ended (``None``: still running).
        follow_ups: the person's situation on days after the exit
            (`iae_core.followup.FollowUp`; they need an exit).
        support_actions: support in the new job after the exit
            (`iae_core.followup.SupportAction`; they need an exit).
    """

    person: Person
    structure: Structure
    diagnosis: EligibilityDiagnosis | None = None
    approval: Approval | None = None
    contracts: tuple[Contract, ...] = attrs.field(default=(), converter=to_tuple)
    actions: tuple[Action, ...] = attrs.field(default=(), converter=to_tuple)
    exit: Exit | None = None
    follow_ups: tuple[FollowUp, ...] = attrs.field(default=(), converter=to_tuple)
    support_actions: tuple[SupportAction, ...] = attrs.field(default=(), converter=to_tuple)

    def _validate(self, problems: Problems) -> None:
        need_instance(problems, "person", self.person, Person)
        need_instance(problems, "structure", self.structure, Structure)
        if self.diagnosis is not None:
            need_instance(problems, "diagnosis", self.diagnosis, EligibilityDiagnosis)
        if self.approval is not None:
            need_instance(problems, "approval", self.approval, Approval)
        if need_items(problems, "contracts", self.contracts, Contract) and isinstance(
            self.structure, Structure
        ):
            for i, c in enumerate(self.contracts):
                if c.structure_kind is not self.structure.kind:
                    problems.append(
                        (
                            f"contracts[{i}].structure_kind",
                            f"differs from structure.kind ({self.structure.kind.value}): "
                            f"{c.structure_kind.value}",
                        )
                    )
        need_items(problems, "actions", self.actions, Action)
        exit_ok = self.exit is None or need_instance(problems, "exit", self.exit, Exit)
        ups = need_items(problems, "follow_ups", self.follow_ups, FollowUp)
        support = need_items(problems, "support_actions", self.support_actions, SupportAction)
        if exit_ok and ups and support:
            validate_after_exit(
                problems,
                None if self.exit is None else self.exit.on,
                self.follow_ups,
                self.support_actions,
            )

    def _valid_structured(self) -> bool:
        if self.follow_ups or self.support_actions:
            return False  # checked against the exit by `_validate`
        kind = self.structure.kind
        return all(c.structure_kind is kind for c in self.contracts)

    @property
    def start(self) -> pendulum.Date | None:
        """Start of the first contract (``None`` when there is none)."""
        return min((c.start for c in self.contracts), default=None)

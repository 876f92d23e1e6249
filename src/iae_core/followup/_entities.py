"""The after-exit entities: `FollowUp` and `SupportAction`, and their order against the exit."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    SIRET,
    TEXT,
    Constraint,
    Entity,
    Ge,
    Ordered,
    Problems,
    Requires,
    declare,
    enum_converter,
    to_exit_kind,
    to_optional_siret,
)
from iae_core.enums import ExitCategory, ExitKind, FollowUpSource, SupportKind

__all__ = [
    "AFTER_EXIT",
    "IN_WORK",
    "FollowUp",
    "SupportAction",
    "to_follow_up_source",
    "to_support_kind",
    "validate_after_exit",
]

IN_WORK: frozenset[ExitKind] = frozenset(
    k
    for k in ExitKind
    if k.category in (ExitCategory.SUSTAINABLE, ExitCategory.TRANSITION) or k is ExitKind.OTHER_SIAE
)
"""Situations counted as "in work": every sustainable or transition exit kind (CDI, CDD,
missions, civil service, business creation, subsidised contract) and a job in another
SIAE. A qualifying training is not work."""

_SENSITIVE_SITUATIONS = frozenset({ExitKind.INCARCERATION, ExitKind.LONG_ILLNESS})
"""Situations that are special-category data (justice, health): never shown in a repr."""

_to_source = enum_converter(FollowUpSource)
_to_support_kind = enum_converter(SupportKind)


def to_follow_up_source(value: FollowUpSource | str) -> Any:
    """Converter: a `FollowUpSource` code becomes the member."""
    return _to_source(value)


def to_support_kind(value: SupportKind | str) -> Any:
    """Converter: a `SupportKind` code becomes the member."""
    return _to_support_kind(value)


def _situation_repr(value: object) -> str:
    if value in _SENSITIVE_SITUATIONS:
        return "<hidden>"
    return repr(value)


@attrs.frozen(kw_only=True)
class FollowUp(Entity):
    """The person's situation on a day after the exit.

    Attributes:
        on: the day the situation holds (after the exit).
        situation: an exit kind (`CDI`, `JOB_SEEKING`…), `UNKNOWN` when nobody
            could tell. A situation that is health or justice data (`LONG_ILLNESS`,
            `INCARCERATION`) never appears in a repr.
        source: where it comes from (the person, the employer, administrative data).
        employer_siret: the employer's SIRET when the person works and it is known (to
            tell who changed employer).
    """

    on: pendulum.Date = attrs.field(converter=dates.to_date)
    situation: ExitKind = attrs.field(converter=to_exit_kind, repr=_situation_repr)
    source: FollowUpSource = attrs.field(converter=to_follow_up_source)
    employer_siret: str | None = attrs.field(
        default=None, converter=to_optional_siret, metadata=declare(SIRET)
    )

    @property
    def in_work(self) -> bool:
        """True when the situation is a job (`IN_WORK`)."""
        return self.situation in IN_WORK


@attrs.frozen(kw_only=True)
class SupportAction(Entity):
    """A support action after the exit, in the new job.

    Attributes:
        kind: what the action is (job coaching, mediation with the employer…).
        start: first day (after the exit). end: last day (`None`: running or unknown).
        hours: hours of support, when counted.
        title: a free label.
    """

    kind: SupportKind = attrs.field(converter=to_support_kind)
    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    hours: float | None = attrs.field(default=None, metadata=declare(Ge(0)))
    title: str | None = attrs.field(default=None, metadata=declare(TEXT))

    CONSTRAINTS = (Ordered("start", "end"),)


AFTER_EXIT: tuple[Constraint, ...] = (
    Requires("follow_ups", "exit"),
    Requires("support_actions", "exit"),
    Ordered("exit.on", "follow_ups[].on", strict=True),
    Ordered("exit.on", "support_actions[].start", strict=True),
)
"""The constraints of a parcours on its follow-ups: they need an exit and come after it."""


@attrs.frozen
class _Exit:
    on: pendulum.Date | None


@attrs.frozen
class _AfterExit:
    exit: _Exit | None
    follow_ups: object
    support_actions: object


def validate_after_exit(
    problems: Problems,
    exit_on: pendulum.Date | None,
    follow_ups: object,
    support_actions: object,
) -> None:
    """For `iae_core.parcours.Parcours`: follow-ups and support come after the exit.

    Appends a problem for each follow-up or support action dated on or before the exit
    (type `bad_order`), and one when there are some but no exit (type `requires`): the
    constraints `AFTER_EXIT`, which `Parcours` declares.
    """
    holder = _AfterExit(
        exit=None if exit_on is None else _Exit(exit_on),
        follow_ups=follow_ups,
        support_actions=support_actions,
    )
    for constraint in AFTER_EXIT:
        constraint.check(holder, problems)

"""The after-exit entities: `FollowUp` and `SupportAction`, and their order against the exit."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    Entity,
    Problems,
    enum_converter,
    need_date,
    need_enum,
    need_identifier,
    need_number,
    need_optional_date,
    need_optional_str,
    need_order,
    to_exit_kind,
    to_optional_siret,
)
from iae_core.enums import ExitCategory, ExitKind, FollowUpSource, SupportKind
from iae_core.identifiers import siret as _siret

__all__ = [
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
    employer_siret: str | None = attrs.field(default=None, converter=to_optional_siret)

    def _validate(self, problems: Problems) -> None:
        need_date(problems, "on", self.on)
        need_enum(problems, "situation", self.situation, ExitKind)
        need_enum(problems, "source", self.source, FollowUpSource)
        if self.employer_siret is not None:
            need_identifier(problems, "employer_siret", self.employer_siret, _siret.validate)

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
    hours: float | None = None
    title: str | None = None

    def _validate(self, problems: Problems) -> None:
        need_enum(problems, "kind", self.kind, SupportKind)
        ok = need_date(problems, "start", self.start)
        if need_optional_date(problems, "end", self.end) and ok and self.end is not None:
            need_order(problems, self.start, self.end)
        if self.hours is not None:
            need_number(problems, "hours", self.hours)
        need_optional_str(problems, "title", self.title)


def validate_after_exit(
    problems: Problems,
    exit_on: pendulum.Date | None,
    follow_ups: object,
    support_actions: object,
) -> None:
    """For `iae_core.parcours.Parcours`: follow-ups and support come after the exit.

    Appends a problem for each follow-up or support action dated on or before the exit,
    and one when there are some but no exit.
    """
    for name, items, attr in (
        ("follow_ups", follow_ups, "on"),
        ("support_actions", support_actions, "start"),
    ):
        if not isinstance(items, tuple) or not items:
            continue
        if exit_on is None:
            problems.append((name, "requires an exit: they come after it"))
            continue
        for i, item in enumerate(items):
            day = getattr(item, attr, None)
            if isinstance(day, pendulum.Date) and day <= exit_on:
                problems.append(
                    (f"{name}[{i}].{attr}", f"must be after the exit ({exit_on.isoformat()})")
                )

"""After the exit: follow-up of the person's situation, support in the new job, retention.

The field measures itself by what happens after the parcours ("4 ans après, plus de 70 %
des personnes sont toujours en emploi") and keeps coaching people once they are placed
("place then train"). A `iae_core.parcours.Parcours` carries, after its exit:

* `FollowUp` records: on a day, the person's situation (an
  `iae_core.enums.ExitKind`, `UNKNOWN` when nobody knows), where it comes from
  (`iae_core.enums.FollowUpSource`: the person, the employer, administrative
  data) and the employer's SIRET when known;
* `SupportAction` records: in-job support actions dated after the exit.

`iae_core.stats.retention` gives, at each horizon, the
share of exits still in work among those observed there, with 95 % Wilson intervals.

How long these data may be kept is not for this library to decide: the platform keeps
its data 24 months after the parcours (`followup.platform_retention_months`, C. trav.
art. R5132-1-23); a 4-year horizon needs its own legal basis (see `docs/after-exit.md`).
"""

from __future__ import annotations

from collections.abc import Sequence
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
    "SOURCE_RANK",
    "FollowUp",
    "SupportAction",
    "horizon_day",
    "situation_at",
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


# --- retention ------------------------------------------------------------------------------


def horizon_day(exit_on: pendulum.Date, months: int) -> pendulum.Date:
    """The day `months` months after an exit.

    The last day of the `months` calendar months that follow the exit day
    (`iae_core.dates.months_end` from the next day): an exit on 15 January 2024
    reaches 6 months on 15 July 2024.
    """
    return dates.months_end(exit_on.add(days=1), months)


def situation_at(
    follow_ups: Sequence[FollowUp],
    day: pendulum.Date,
    *,
    tolerance_days: int,
    known_on: pendulum.Date | None = None,
) -> FollowUp | None:
    """The follow-up that tells the situation on `day`, or `None`.

    Among the follow-ups at most `tolerance_days` from `day` (and not after
    `known_on` when given), a known situation is preferred to `UNKNOWN`; then the
    closest to `day`; on a tie the earlier one; on the same day, administrative data
    before the employer before the person's own declaration.
    """
    best: tuple[int, int, int, int] | None = None
    chosen: FollowUp | None = None
    for f in follow_ups:
        if known_on is not None and f.on > known_on:
            continue
        gap = f.on.toordinal() - day.toordinal()
        if abs(gap) > tolerance_days:
            continue
        rank = (
            1 if f.situation is ExitKind.UNKNOWN else 0,
            abs(gap),
            gap,
            SOURCE_RANK[f.source],
        )
        if best is None or rank < best:
            best, chosen = rank, f
    return chosen


SOURCE_RANK = {
    FollowUpSource.ADMINISTRATIVE: 0,
    FollowUpSource.EMPLOYER: 1,
    FollowUpSource.DECLARED: 2,
}
"""Which source wins when two follow-ups of one day disagree (lowest first)."""

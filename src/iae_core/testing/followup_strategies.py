"""Hypothesis strategies for what comes after and around the contract.

Follow-ups and support after the exit, complete PMSMP (purpose, schedule, prescriber,
assessment) and skills attestations:

```python
from hypothesis import given
from iae_core.testing import followup_strategies as fs

@given(fs.followed_parcours())
def test_retention_rates_are_shares(p): ...
```

Limits come from `iae_core.params` (the schedule's hours stay within the daily and weekly
maxima only when `lawful=True`).
"""

from __future__ import annotations

from typing import TypeVar

import pendulum
from hypothesis import strategies as st

from iae_core import params
from iae_core.contracts import Immersion, ImmersionAssessment, ScheduleDay
from iae_core.enums import (
    ExitKind,
    ImmersionPurpose,
    PrescriberKind,
)
from iae_core.followup import FollowUp, SupportAction
from iae_core.parcours import Exit, Parcours
from iae_core.testing.derived import former, from_declarations
from iae_core.testing.parcours_strategies import lawful_parcours
from iae_core.testing.strategies import (
    MAX_DATE,
    MIN_DATE,
    dates,
    sirets,
)

T = TypeVar("T")

__all__ = [
    "complete_immersions",
    "dates_between",
    "followed_parcours",
    "schedule_days",
]


_ON_MIN = pendulum.date(2022, 1, 1)
_ON_MAX = pendulum.date(2034, 12, 31)


def dates_between(
    min_value: pendulum.Date = _ON_MIN, max_value: pendulum.Date = _ON_MAX
) -> st.SearchStrategy[pendulum.Date]:
    """Days to compute figures on (`on`), by default 2022 to 2034."""
    return dates(min_value, max_value)


def _within(cls: type[T], lo: pendulum.Date, hi: pendulum.Date) -> st.SearchStrategy[T]:
    return from_declarations(cls, window=(lo, hi))


def followed_parcours(*, max_follow_ups: int = 6) -> st.SearchStrategy[Parcours]:
    """Lawful-ish parcours with an exit (never withdrawn) and follow-ups after it."""

    @st.composite
    def build(draw: st.DrawFn) -> Parcours:
        p = draw(lawful_parcours(exited=True))
        assert p.exit is not None
        kind = draw(st.sampled_from([k for k in ExitKind if k.category.value != "WITHDRAWN"]))
        exit_on = p.exit.on
        after = exit_on.add(days=1)
        ups = draw(st.lists(_within(FollowUp, after, after.add(years=5)), max_size=max_follow_ups))
        support = draw(st.lists(_within(SupportAction, after, after.add(years=2)), max_size=2))
        return Parcours(
            person=p.person,
            structure=p.structure,
            contracts=p.contracts,
            exit=Exit(on=exit_on, kind=kind),
            follow_ups=tuple(ups),
            support_actions=tuple(support),
        )

    return build()


def schedule_days(
    start: pendulum.Date, end: pendulum.Date, *, lawful: bool = True
) -> st.SearchStrategy[tuple[ScheduleDay, ...]]:
    """A schedule within `[start, end]`: distinct days, each with its hours.

    With `lawful`, a day has at most the daily maximum and a calendar week at most the
    weekly maximum (`immersion.max_daily_hours`, `immersion.max_weekly_hours`).
    """
    span = (end - start).in_days()
    daily = float(params.get("immersion.max_daily_hours").at(start))
    weekly = float(params.get("immersion.max_weekly_hours").at(start))
    per_day_max = min(daily, weekly / 7) if lawful else 24.0

    @st.composite
    def build(draw: st.DrawFn) -> tuple[ScheduleDay, ...]:
        offsets = draw(st.sets(st.integers(0, span), max_size=min(span + 1, 20)))
        return tuple(
            ScheduleDay(
                on=start.add(days=o),
                hours=draw(st.integers(1, int(per_day_max)) | st.just(per_day_max)),
            )
            for o in sorted(offsets)
        )

    return build()


def complete_immersions(
    min_value: pendulum.Date = MIN_DATE,
    max_value: pendulum.Date = MAX_DATE,
    *,
    lawful: bool = True,
) -> st.SearchStrategy[Immersion]:
    """PMSMP agreements with a purpose, a schedule, a prescriber and an assessment."""

    @st.composite
    def build(draw: st.DrawFn) -> Immersion:
        start = draw(dates(min_value, max_value))
        end = start.add(days=draw(st.integers(0, 27)))
        return Immersion(
            start=start,
            end=end,
            host_siret=draw(sirets()),
            purpose=draw(st.none() | st.sampled_from(ImmersionPurpose)),
            schedule=draw(schedule_days(start, end, lawful=lawful)),
            prescriber=draw(st.none() | st.sampled_from(PrescriberKind)),
            prescriber_siret=draw(st.none() | sirets()),
            assessment=draw(st.none() | _within(ImmersionAssessment, start, end.add(days=90))),
        )

    return build()


def __getattr__(name: str) -> object:
    """The strategy functions the derivation replaced (deprecated; `derived.former`)."""
    return former(__name__, name)

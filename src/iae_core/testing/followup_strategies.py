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

import pendulum
from hypothesis import strategies as st

from iae_core import params
from iae_core.contracts import Immersion, ImmersionAssessment, ScheduleDay
from iae_core.enums import (
    BehaviouralSkill,
    ExitKind,
    FollowUpSource,
    HireKind,
    ImmersionOutcome,
    ImmersionPurpose,
    PrescriberKind,
    SkillLevel,
    SupportKind,
)
from iae_core.followup import FollowUp, SupportAction
from iae_core.parcours import Exit, Parcours
from iae_core.skills import Evidence, Skill, SkillsAttestation
from iae_core.testing.parcours_strategies import lawful_parcours
from iae_core.testing.strategies import (
    MAX_DATE,
    MIN_DATE,
    dates,
    persons,
    rome_codes,
    sirets,
    structures,
)

__all__ = [
    "complete_immersions",
    "dates_between",
    "evidence",
    "follow_ups",
    "followed_parcours",
    "immersion_assessments",
    "schedule_days",
    "skills",
    "skills_attestations",
    "support_actions",
]

_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=30
).filter(str.strip)


_ON_MIN = pendulum.date(2022, 1, 1)
_ON_MAX = pendulum.date(2034, 12, 31)


def dates_between(
    min_value: pendulum.Date = _ON_MIN, max_value: pendulum.Date = _ON_MAX
) -> st.SearchStrategy[pendulum.Date]:
    """Days to compute figures on (`on`), by default 2022 to 2034."""
    return dates(min_value, max_value)


def follow_ups(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[FollowUp]:
    """Follow-ups of any situation dated between the bounds."""
    return st.builds(
        FollowUp,
        on=dates(min_value, max_value),
        situation=st.sampled_from(ExitKind),
        source=st.sampled_from(FollowUpSource),
        employer_siret=st.none() | sirets(),
    )


def support_actions(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[SupportAction]:
    """Support actions starting between the bounds."""

    @st.composite
    def build(draw: st.DrawFn) -> SupportAction:
        start = draw(dates(min_value, max_value))
        end = draw(st.none() | st.integers(0, 365).map(lambda d: start.add(days=d)))
        return SupportAction(
            kind=draw(st.sampled_from(SupportKind)),
            start=start,
            end=end,
            hours=draw(st.none() | st.integers(0, 200)),
            title=draw(st.none() | _text),
        )

    return build()


def followed_parcours(*, max_follow_ups: int = 6) -> st.SearchStrategy[Parcours]:
    """Lawful-ish parcours with an exit (never withdrawn) and follow-ups after it."""

    @st.composite
    def build(draw: st.DrawFn) -> Parcours:
        p = draw(lawful_parcours(exited=True))
        assert p.exit is not None
        kind = draw(st.sampled_from([k for k in ExitKind if k.category.value != "WITHDRAWN"]))
        exit_on = p.exit.on
        after = exit_on.add(days=1)
        ups = draw(st.lists(follow_ups(after, after.add(years=5)), max_size=max_follow_ups))
        support = draw(st.lists(support_actions(after, after.add(years=2)), max_size=2))
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


def immersion_assessments(
    start: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[ImmersionAssessment]:
    """Assessments, with a hire on or after `start` or none."""

    @st.composite
    def build(draw: st.DrawFn) -> ImmersionAssessment:
        hired_on = draw(st.none() | dates(start, max(start, max_value)))
        return ImmersionAssessment(
            outcome=draw(st.sampled_from(ImmersionOutcome)),
            hired_on=hired_on,
            hire_kind=None if hired_on is None else draw(st.none() | st.sampled_from(HireKind)),
            notes=draw(st.none() | _text),
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
            assessment=draw(st.none() | immersion_assessments(start, end.add(days=90))),
        )

    return build()


def evidence(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[Evidence]:
    """Observations of a skill."""
    return st.builds(
        Evidence,
        observed_by=_text,
        where=_text,
        on=dates(min_value, max_value),
        note=st.none() | _text,
    )


def skills(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[Skill]:
    """Skills with a ROME code or a behavioural skill, observed at least once."""
    seen = st.lists(evidence(min_value, max_value), min_size=1, max_size=3).map(tuple)
    certification = st.none() | st.from_regex(r"(RNCP|RS)[0-9]{1,6}", fullmatch=True)
    trade = st.builds(
        Skill,
        level=st.sampled_from(SkillLevel),
        evidence=seen,
        rome_code=rome_codes(),
        label=_text,
        certification=certification,
    )
    behaviour = st.builds(
        Skill,
        level=st.sampled_from(SkillLevel),
        evidence=seen,
        behavioural=st.sampled_from(BehaviouralSkill),
        label=st.none() | _text,
        certification=certification,
    )
    return trade | behaviour


def skills_attestations() -> st.SearchStrategy[SkillsAttestation]:
    """Attestations issued on or after every observation."""

    @st.composite
    def build(draw: st.DrawFn) -> SkillsAttestation:
        issued = draw(dates(MIN_DATE.add(years=1), MAX_DATE))
        return SkillsAttestation(
            person=draw(persons()),
            structure=draw(structures()),
            issued_on=issued,
            skills=tuple(
                draw(st.lists(skills(issued.subtract(years=1), issued), min_size=1, max_size=3))
            ),
            holder_name=draw(st.none() | _text),
            id=draw(st.none() | st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)),
        )

    return build()

"""Hypothesis strategies for the structure's economy and RSA orientations.

    from iae_core.testing import economy_strategies as es

    @given(es.activities())
    def test_my_backend_stores_any_activity(activity): ...

Amounts are whole cents (what accounts hold); ceilings are drawn from the parameters'
own values, never typed here.
"""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st

from iae_core import params
from iae_core.economy import Activity, PrefectDecision, Subsidy, YearAccounts
from iae_core.enums import (
    ActivitySupport,
    Funder,
    OrientationBody,
    OrientationCategory,
)
from iae_core.orientation import EngagementContract, Orientation
from iae_core.testing.strategies import dates, departments, sirets

__all__ = [
    "accounts",
    "activities",
    "amounts",
    "engagement_contracts",
    "orientations",
    "prefect_decisions",
    "subsidies",
]

_BASE = params.get("economy.aci_sales_share_max_percent")
_LIMIT = params.get("economy.aci_sales_share_prefect_max_percent")
_YEARS = (2015, 2030)
_names = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=30
).filter(str.strip)
_ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)


def amounts(max_euros: int = 2_000_000) -> st.SearchStrategy[float]:
    """Euro amounts in whole cents, 0 to `max_euros`."""
    return st.integers(0, max_euros * 100).map(lambda c: c / 100)


def subsidies() -> st.SearchStrategy[Subsidy]:
    """One funder's subsidy."""
    return st.builds(Subsidy, funder=st.sampled_from(Funder), amount=amounts(500_000))


def prefect_decisions(year: int | None = None) -> st.SearchStrategy[PrefectDecision]:
    """Prefect's decisions, the opinion body the one in force on their date."""
    lo, hi = (year, year) if year is not None else _YEARS

    def build(day: pendulum.Date, ceiling: float) -> PrefectDecision:
        body = sorted(params.get("economy.prefect_opinion_body").at(day))[0]
        return PrefectDecision(decided_on=day, ceiling_percent=ceiling, consulted=body)

    day = dates(pendulum.date(lo, 1, 1), pendulum.date(hi, 12, 31))
    base = float(_BASE.at(pendulum.date(hi, 12, 31)))
    limit = float(_LIMIT.at(pendulum.date(hi, 12, 31)))
    ceiling = st.floats(base, limit, allow_nan=False).filter(lambda c: c > base)
    return st.builds(build, day, ceiling)


def accounts(year: int | None = None) -> st.SearchStrategy[YearAccounts]:
    """One year's accounts (distinct funders; a decision in one case out of four)."""
    years = st.just(year) if year is not None else st.integers(*_YEARS)

    def build(y: int) -> st.SearchStrategy[YearAccounts]:
        return st.builds(
            YearAccounts,
            year=st.just(y),
            charges=amounts(),
            sales=amounts(),
            subsidies=st.lists(subsidies(), max_size=4, unique_by=lambda s: s.funder).map(tuple),
            prefect_decision=st.none() | st.none() | st.none() | prefect_decisions(y),
        )

    return years.flatmap(build)


def activities() -> st.SearchStrategy[Activity]:
    """Activities with up to three years of accounts."""
    return st.builds(
        Activity,
        siret=sirets(),
        name=_names,
        support=st.sampled_from(ActivitySupport),
        accounts=st.lists(accounts(), max_size=3, unique_by=lambda a: a.year).map(tuple),
        id=st.none() | _ids,
    )


def orientations() -> st.SearchStrategy[Orientation]:
    """RSA orientations, with or without the days of the information and the notification."""

    @st.composite
    def build(draw: st.DrawFn) -> Orientation:
        on = draw(dates(pendulum.date(2015, 1, 1), pendulum.date(2030, 12, 31)))
        informed = draw(st.none() | st.integers(0, 120))
        notified = draw(st.none() | st.integers(0, 30))
        return Orientation(
            person_id=draw(_ids),
            on=on,
            category=draw(st.sampled_from(OrientationCategory)),
            body=draw(st.sampled_from(OrientationBody)),
            department=draw(departments()),
            informed_on=None if informed is None else on.subtract(days=informed),
            notified_on=None if notified is None else on.add(days=notified),
        )

    return build()


def engagement_contracts() -> st.SearchStrategy[EngagementContract]:
    """Contracts of engagement (C. trav. L5411-6), before and after the 2025 law."""

    @st.composite
    def build(draw: st.DrawFn) -> EngagementContract:
        signed = draw(dates(pendulum.date(2023, 1, 1), pendulum.date(2030, 12, 31)))
        revised = draw(st.none() | st.integers(0, 400))
        reviewed = draw(st.none() | st.integers(0, 800))
        return EngagementContract(
            person_id=draw(_ids),
            signed_on=signed,
            body=draw(st.sampled_from(OrientationBody)),
            weekly_activity_hours=draw(st.floats(0, 40, allow_nan=False)),
            hours_adjusted=draw(st.booleans()),
            social_support=draw(st.booleans()),
            review_extended=draw(st.booleans()),
            revised_on=None if revised is None else signed.add(days=revised),
            reviewed_on=None if reviewed is None else signed.add(days=reviewed),
        )

    return build()

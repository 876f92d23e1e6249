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
from iae_core.testing.derived import former, from_declarations
from iae_core.testing.strategies import dates

__all__ = [
    "accounts",
    "activities",
    "amounts",
    "prefect_decisions",
    "subsidies",
]

_BASE = params.get("economy.aci_sales_share_max_percent")
_LIMIT = params.get("economy.aci_sales_share_prefect_max_percent")
_YEARS = (2015, 2030)


def amounts(max_euros: int = 2_000_000) -> st.SearchStrategy[float]:
    """Euro amounts in whole cents, 0 to `max_euros`."""
    return st.integers(0, max_euros * 100).map(lambda c: c / 100)


def subsidies() -> st.SearchStrategy[Subsidy]:
    """One funder's subsidy (in whole cents)."""
    return from_declarations(Subsidy, amount=amounts(500_000))


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
    """Activities with up to three years of accounts (a year at most once)."""
    return from_declarations(Activity, accounts=st.lists(accounts(), max_size=3).map(tuple))


def __getattr__(name: str) -> object:
    """The strategy functions the derivation replaced (deprecated; `derived.former`)."""
    return former(__name__, name)

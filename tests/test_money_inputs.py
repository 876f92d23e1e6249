"""Issue 26, case 5: money inputs are finite, not negative, and at most `MAX_AMOUNT`.

`cost_of_service`, `order_impact` and the accounts refuse NaN, infinities, negative
charges and amounts beyond the declared maximum as `InvalidData` with the field's path,
instead of all-NaN figures or `decimal.InvalidOperation`.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from iae_core.economy import (
    MAX_AMOUNT,
    MAX_HOURS,
    Activity,
    Subsidy,
    YearAccounts,
    cost_of_service,
    order_impact,
)
from iae_core.enums import Funder
from iae_core.errors import InvalidData

SIRET = "73282932000074"
NAN, INF = float("nan"), float("inf")
FIELDS = ("insertion_payroll", "supervision", "support", "materials", "depreciation", "overhead")


def _refused(call: Any) -> dict[str, str]:
    with pytest.raises(InvalidData) as err:
        call()
    return {d.path: d.type for d in err.value.details}


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize(
    ("value", "type_"),
    [
        (NAN, "not_a_number"),
        (INF, "not_a_number"),
        (-INF, "not_a_number"),
        (1e308, "out_of_range"),
        (MAX_AMOUNT + 0.01, "out_of_range"),
        (-0.01, "out_of_range"),
        ("10", "not_a_number"),
        (True, "not_a_number"),
    ],
)
def test_a_bad_cost_is_refused_at_its_path(field: str, value: Any, type_: str) -> None:
    kw = {"hours": 10, "insertion_payroll": 100.0, field: value}
    assert _refused(lambda: cost_of_service(**kw)) == {field: type_}


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value", [0, 0.0, 0.01, MAX_AMOUNT, float(MAX_AMOUNT)])
def test_a_cost_within_bounds_is_taken(field: str, value: float) -> None:
    c = cost_of_service(**{"hours": 10, "insertion_payroll": 100.0, field: value})
    assert math.isfinite(c.full_cost)
    assert math.isfinite(c.full_cost_per_hour)


@pytest.mark.parametrize(
    ("hours", "ok"),
    [
        *[(0, False), (-1, False), (NAN, False), (INF, False), (MAX_HOURS + 1, False)],
        *[(0.01, True), (1, True), (MAX_HOURS, True)],
    ],
)
def test_hours_both_sides(hours: float, ok: bool) -> None:
    if ok:
        assert math.isfinite(cost_of_service(hours=hours, insertion_payroll=1).full_cost_per_hour)
    else:
        assert set(_refused(lambda: cost_of_service(hours=hours, insertion_payroll=1))) == {"hours"}


def test_every_bad_input_is_listed_with_aids_by_funder() -> None:
    found = _refused(
        lambda: cost_of_service(
            hours=NAN,
            insertion_payroll=1e308,
            supervision=-1,
            aids={Funder.REGION: NAN, Funder.DEPARTEMENT: -1, "NOPE": 1},  # type: ignore[dict-item]
        )
    )
    assert found == {
        "hours": "not_a_number",
        "insertion_payroll": "out_of_range",
        "supervision": "out_of_range",
        "aids.REGION": "not_a_number",
        "aids.DEPARTEMENT": "out_of_range",
        "aids.NOPE": "bad_enum",
    }


def test_aids_as_subsidies_have_item_paths() -> None:
    aids = [Subsidy(funder=Funder.REGION, amount=10.0), Subsidy(funder=Funder.ESF, amount=5.0)]
    c = cost_of_service(hours=1, insertion_payroll=100, aids=aids)
    assert c.aids == {Funder.REGION: 10.0, Funder.ESF: 5.0}
    assert _refused(lambda: Subsidy(funder=Funder.REGION, amount=INF)) == {"amount": "not_a_number"}
    assert _refused(lambda: Subsidy(funder=Funder.REGION, amount=MAX_AMOUNT * 2)) == {
        "amount": "out_of_range"
    }


def test_the_accounts_refuse_non_finite_and_huge_amounts() -> None:
    assert _refused(lambda: YearAccounts(year=2025, charges=NAN, sales=1e308)) == {
        "charges": "not_a_number",
        "sales": "out_of_range",
    }
    YearAccounts(year=2025, charges=MAX_AMOUNT, sales=0)


def _activity() -> Activity:
    return Activity(
        siret=SIRET,
        name="Atelier",
        support="LINEN_CARE",
        accounts=(YearAccounts(year=2025, charges=100_000.0, sales=20_000.0),),
    )


@pytest.mark.parametrize(
    ("kw", "path"),
    [
        ({"price": NAN}, "price"),
        ({"price": -1}, "price"),
        ({"price": 1e308}, "price"),
        ({"hours": INF}, "hours"),
        ({"added_charges": -INF}, "added_charges"),
        ({"added_charges": MAX_AMOUNT + 1}, "added_charges"),
    ],
)
def test_order_impact_refuses_bad_money(kw: dict[str, float], path: str) -> None:
    cost = cost_of_service(hours=100, insertion_payroll=2000)
    args = {"hours": 10.0, "price": 100.0, **kw}
    assert set(_refused(lambda: order_impact(cost, activity=_activity(), year=2025, **args))) == {
        path
    }
    ok = dict.fromkeys(kw, 0.0)
    order_impact(cost, activity=_activity(), year=2025, **{**args, **ok})


_MONEY = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**15), 10**15),
)


@given(_MONEY, _MONEY)
@example(NAN, 1.0)
@example(1e308, 1e308)
@example(0.0, float(MAX_AMOUNT))
def test_cost_of_service_never_returns_nan(payroll: float, overhead: float) -> None:
    ok = all(math.isfinite(v) and 0 <= v <= MAX_AMOUNT for v in (payroll, overhead))
    if not ok:
        with pytest.raises(InvalidData) as err:
            cost_of_service(hours=7, insertion_payroll=payroll, overhead=overhead)
        assert set(err.value.paths) <= {"insertion_payroll", "overhead"}
        return
    c = cost_of_service(hours=7, insertion_payroll=payroll, overhead=overhead)
    assert all(math.isfinite(v) for v in (c.full_cost, c.full_cost_per_hour, c.net_cost))

"""The structure's economy: the ACI sales share, prefect decisions, the cost of a service."""

from __future__ import annotations

import ast
import inspect

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core
from iae_core import economy, funding, orientation, params
from iae_core.economy import (
    Activity,
    PrefectDecision,
    Subsidy,
    YearAccounts,
    check_activities,
    check_activity,
    commercial_share,
    commercial_shares,
    cost_of_service,
    order_impact,
    revenue_room,
    sales_ceiling,
)
from iae_core.enums import ConsultedBody, Funder, Severity
from iae_core.errors import InvalidData
from iae_core.testing import economy_strategies as es

D = pendulum.date
SIRET = "73282932000074"
BASE = params.get("economy.aci_sales_share_max_percent").at(D(2025, 12, 31))
LIMIT = params.get("economy.aci_sales_share_prefect_max_percent").at(D(2025, 12, 31))
CUT = params.get("economy.prefect_opinion_body").rows[1].start  # 1 July 2024


def activity(sales: float, charges: float = 100_000.0, *, year: int = 2025, decision=None):
    return Activity(
        siret=SIRET,
        name="Blanchisserie",
        support="LINEN_CARE",
        accounts=(
            YearAccounts(year=year, charges=charges, sales=sales, prefect_decision=decision),
        ),
    )


def decision(ceiling: float, on: pendulum.Date | None = None, body=None) -> PrefectDecision:
    on = on or D(2025, 2, 1)
    if body is None:
        body = ConsultedBody.CDE_COMMISSION if on >= CUT else ConsultedBody.CDIAE
    return PrefectDecision(decided_on=on, ceiling_percent=ceiling, consulted=body)


def errors(a: Activity, on: pendulum.Date | None = None) -> list[str]:
    on = on or D(2026, 3, 1)
    return [f.code for f in check_activity(a, on=on).errors]


# --- both sides of the base share ------------------------------------------------------------


def test_the_parameters_are_what_the_code_says():
    assert (BASE, LIMIT) == (30, 50)
    assert D(2024, 7, 1) == CUT


@pytest.mark.parametrize(
    ("sales", "ok"),
    [(29_999.99, True), (30_000.00, False), (30_000.01, False), (0.0, True)],
)
def test_strictly_below_the_base_share(sales, ok):
    a = activity(sales)
    assert (errors(a) == []) is ok
    room = revenue_room(a, 2025)
    assert room.max_sales == 29_999.99
    assert room.compliant is ok


def test_the_finding_names_the_activity_the_year_and_the_margin():
    report = check_activity(activity(31_000.0), on=D(2026, 3, 1))
    (f,) = report.errors
    assert f.code == "aci.commercial_share"
    assert f.path == "accounts[0].sales"
    assert f.params["activity"] == "Blanchisserie"
    assert f.params["year"] == 2025
    assert f.params["max_sales"] == 29_999.99
    assert f.params["excess"] == 1_000.01
    assert f.params["room"] == -1_000.01
    assert "Blanchisserie" in f.message
    assert "2025" in f.message
    assert "1 000,01" in f.message.replace("\u202f", " ")
    en = iae_core.check(activity(31_000.0), on=D(2026, 3, 1), lang="en")
    assert "revenue must come down by €1,000.01, to at most €29,999.99" in en[0].message
    assert "strictly below 30%" in en[0].message


@pytest.mark.parametrize(
    ("sales", "variant"),
    [(29_999.99, None), (30_000.00, "at_ceiling"), (30_000.01, "default")],
)
def test_exactly_the_ceiling_says_strictly_below_and_how_much_must_go(sales, variant):
    report = check_activity(activity(sales), on=D(2026, 3, 1))
    if variant is None:
        assert not report.errors
        return
    (f,) = report.errors
    assert f.variant == variant
    fr = f.message.replace("\u202f", " ").replace("\xa0", " ")
    en = f.in_language("en").message
    excess = "0,01 €" if sales == 30_000.00 else "0,02 €"
    assert f"strictement inférieure à 30 % : il faut {excess} de recettes en moins" in fr
    assert "pour ne pas dépasser 29 999,99 €" in fr
    assert "strictly below 30%: revenue must come down by €0.0" in en
    assert "marge" not in fr
    assert "-0,01" not in fr
    assert "over by" not in en
    if variant == "at_ceiling":
        assert "exactement 30 %" in fr
        assert "exactly 30%" in en


def test_a_compliant_year_says_the_room_left():
    (f,) = check_activity(activity(25_000.0), on=D(2026, 3, 1))
    assert f.severity is Severity.INFO
    assert f.params["room"] == 4_999.99


def test_the_running_year_is_a_warning_and_later_years_are_not_judged():
    a = activity(40_000.0, year=2026)
    (f,) = check_activity(a, on=D(2026, 3, 1))
    assert f.severity is Severity.WARNING
    assert check_activity(a, on=D(2025, 12, 31)) == iae_core.Report()
    assert errors(a, D(2027, 1, 1)) == ["aci.commercial_share"]


def test_the_check_entry_point_knows_activities():
    assert not iae_core.check(activity(30_000.0), on=D(2026, 3, 1)).ok


def test_no_charges():
    assert commercial_share(YearAccounts(year=2025, charges=0.0, sales=0.0)) is None
    (f,) = check_activity(activity(10.0, charges=0.0), on=D(2026, 1, 1))
    assert f.variant == "no_charges"
    assert f.severity is Severity.WARNING
    assert check_activity(activity(0.0, charges=0.0), on=D(2026, 1, 1)) == iae_core.Report()


# --- the prefect's ceiling ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sales", "ok"),
    [(44_999.99, True), (45_000.00, True), (45_000.01, False)],
)
def test_both_sides_of_a_prefect_ceiling(sales, ok):
    a = activity(sales, decision=decision(45))
    assert (errors(a) == []) is ok
    assert sales_ceiling(a.accounts[0]) == (45.0, True)
    if not ok:
        (f,) = check_activity(a, on=D(2026, 3, 1)).errors
        assert f.variant == "with_decision"
        assert f.params["decided_on"] == D(2025, 2, 1)


@pytest.mark.parametrize(("sales", "ok"), [(50_000.00, True), (50_000.01, False)])
def test_the_prefect_limit_is_reached_not_passed(sales, ok):
    assert (errors(activity(sales, decision=decision(LIMIT))) == []) is ok


def test_a_ceiling_above_the_limit_counts_as_the_limit():
    a = activity(55_000.0, decision=decision(60))
    report = check_activity(a, on=D(2026, 3, 1))
    assert "aci.commercial_share" in report.codes
    assert any(f.variant == "above_limit" for f in report.warnings)
    assert revenue_room(a, 2025).max_sales == 50_000.0


def test_a_decision_that_does_not_raise_is_ignored():
    a = activity(30_000.0, decision=decision(BASE))
    report = check_activity(a, on=D(2026, 3, 1))
    assert any(f.variant == "not_a_raise" for f in report.warnings)
    assert sales_ceiling(a.accounts[0]) == (30.0, False)
    assert "aci.commercial_share" in report.errors.codes


@pytest.mark.parametrize(
    ("day", "body", "ok"),
    [
        (D(2024, 6, 30), ConsultedBody.CDIAE, True),
        (D(2024, 6, 30), ConsultedBody.CDE_COMMISSION, False),
        (D(2024, 7, 1), ConsultedBody.CDIAE, False),
        (D(2024, 7, 1), ConsultedBody.CDE_COMMISSION, True),
        (D(2024, 7, 2), ConsultedBody.CDE_COMMISSION, True),
    ],
)
def test_the_body_consulted_before_and_after_1_july_2024(day, body, ok):
    a = activity(40_000.0, year=2024, decision=decision(45, day, body))
    report = check_activity(a, on=D(2025, 3, 1))
    assert ("aci.prefect_decision" not in report.errors.codes) is ok
    if not ok:
        f = next(f for f in report.errors if f.code == "aci.prefect_decision")
        assert f.path == "accounts[0].prefect_decision.consulted"


# --- per activity, not per structure --------------------------------------------------------


def test_a_breach_hidden_in_a_compliant_structure_total():
    garden = Activity(
        siret=SIRET,
        name="Maraîchage",
        support="MARKET_GARDENING",
        accounts=(YearAccounts(year=2025, charges=300_000.0, sales=30_000.0),),
    )
    catering = Activity(
        siret=SIRET,
        name="Restaurant",
        support="CATERING",
        accounts=(YearAccounts(year=2025, charges=100_000.0, sales=42_000.0),),
    )
    rows = commercial_shares([garden, catering], 2025)
    total = rows[-1]
    assert total.activity is None
    assert total.share_percent == 18.0
    assert [r.compliant for r in rows[:2]] == [True, False]
    report = check_activities([garden, catering], on=D(2026, 3, 1))
    assert [f.path for f in report.errors] == ["activities[1].accounts[0].sales"]


# --- the room a year still allows (the planner's question) ----------------------------------


@given(es.activities(), st.integers(0, 2))
@example(activity(0.0, charges=0.01), 0)
@example(activity(0.0, charges=100_000.0), 0)
@example(activity(0.0, charges=1_000.0, decision=decision(33.333)), 0)
@example(activity(45_000.0, decision=decision(45)), 0)
def test_the_room_is_exactly_the_boundary(a, index):
    if not a.accounts:
        return
    acc = a.accounts[index % len(a.accounts)]
    if acc.charges == 0:
        return
    room = revenue_room(a, acc.year)
    at = economy.cents(room.max_sales)

    def with_sales(x: float) -> Activity:
        return Activity(
            siret=a.siret,
            name=a.name,
            support=a.support,
            accounts=(
                YearAccounts(
                    year=acc.year,
                    charges=acc.charges,
                    sales=x,
                    prefect_decision=acc.prefect_decision,
                ),
            ),
        )

    assert revenue_room(with_sales(at), acc.year).compliant
    assert not revenue_room(with_sales(economy.cents(at + 0.01)), acc.year).compliant
    assert room.compliant is (acc.sales <= room.max_sales)


def test_revenue_room_needs_the_year():
    with pytest.raises(LookupError):
        revenue_room(activity(0.0), 2024)


# --- entities -------------------------------------------------------------------------------


def test_bad_accounts_list_every_field():
    with pytest.raises(InvalidData) as exc:
        YearAccounts(
            year=1800,
            charges=-1.0,
            sales="x",  # type: ignore[arg-type]
            subsidies=(Subsidy(funder="REGION", amount=1.0), Subsidy(funder="REGION", amount=2.0)),
        )
    text = str(exc.value)
    for field in ("year", "charges", "sales", "subsidies[1].funder"):
        assert field in text


def test_activity_refuses_repeated_years_and_bad_siret():
    acc = YearAccounts(year=2025, charges=1.0, sales=0.0)
    with pytest.raises(InvalidData, match=r"accounts\[1\].year") as exc:
        Activity(siret="12345678901234", name="x", support="OTHER", accounts=(acc, acc))
    assert "siret" in str(exc.value)


def test_round_trip():
    a = activity(1.5, decision=decision(40))
    assert iae_core.load(Activity, iae_core.dump(a)) == a
    assert iae_core.json_schema(Activity)["properties"]["support"]


def test_subsidy_total_and_lookup():
    acc = YearAccounts(
        year=2025,
        charges=1.0,
        sales=0.0,
        subsidies=(Subsidy(funder=Funder.REGION, amount=0.1), Subsidy(funder="ESF", amount=0.2)),
    )
    assert acc.subsidies_total == 0.3
    assert acc.subsidy(Funder.ESF) == 0.2
    assert acc.subsidy(Funder.COMMUNES) == 0


# --- the cost of a service ------------------------------------------------------------------


def walkthrough():
    return cost_of_service(
        hours=18_200,
        insertion_payroll=210_000,
        supervision=62_000,
        support=38_000,
        materials=14_000,
        depreciation=9_000,
        overhead=27_000,
        aids={Funder.STATE_POST_AID: 239_210, Funder.DEPARTEMENT: 20_396.16, Funder.REGION: 12_000},
    )


def test_cost_of_service_before_and_after_aids():
    c = walkthrough()
    assert c.full_cost == 360_000.0
    assert c.full_cost_per_hour == 19.78  # 360 000 / 18 200 = 19.780…
    assert c.aids_per_hour[Funder.STATE_POST_AID] == 13.14
    assert c.net_cost == 88_393.84
    assert c.net_cost_per_hour == 4.86
    assert c.cost_net_of_insertion_aid == 100_393.84
    assert c.cost_net_of_insertion_aid_per_hour == 5.52
    labels = [line[0] for line in c.lines()]
    assert labels[:6] == list(economy._rules._COMPONENTS)
    assert labels[-1] == "cost_net_of_insertion_aid"


def test_cost_of_service_refuses_bad_input():
    with pytest.raises(ValueError, match="hours"):
        cost_of_service(hours=0, insertion_payroll=1)
    with pytest.raises(ValueError, match="supervision"):
        cost_of_service(hours=1, insertion_payroll=1, supervision=-1)
    with pytest.raises(ValueError, match="aid"):
        cost_of_service(hours=1, insertion_payroll=1, aids={Funder.REGION: -1})


def test_an_order_against_cost_and_the_share():
    c = walkthrough()
    a = activity(27_000.0)
    cheap = order_impact(c, activity=a, year=2025, hours=100, price=500.0)
    assert cheap.cost_net_of_insertion_aid == 552.0
    assert cheap.price_gap == -52.0
    assert not cheap.covers_cost_net_of_insertion_aid
    assert cheap.share_after == 27.5
    assert cheap.compliant_after
    big = order_impact(c, activity=a, year=2025, hours=400, price=3_000.0)
    assert big.share_after == 30.0
    assert not big.compliant_after
    assert big.room_after == -0.01
    more = order_impact(c, activity=a, year=2025, hours=400, price=3_000.0, added_charges=500.0)
    assert more.compliant_after


# --- no bare legal number in the rule modules ------------------------------------------------

_ALLOWED = {0, 1, 2, 12, 100}


@pytest.mark.parametrize("module", [economy, orientation])
def test_no_bare_legal_number(module):
    tree = ast.parse(inspect.getsource(module))
    bad = [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, int | float)
        and not isinstance(n.value, bool)
        and n.value not in _ALLOWED
    ]
    assert bad == []


def test_no_bare_legal_number_in_the_new_funding_functions():
    for fn in (
        funding.rsa_amount,
        funding.departement_monthly_contribution,
        funding.departement_contribution,
        funding.yearly_summary,
    ):
        tree = ast.parse(inspect.getsource(fn))
        nums = [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant)
            and isinstance(n.value, int | float)
            and not isinstance(n.value, bool)
            and n.value not in _ALLOWED
        ]
        assert nums == [], fn.__name__


def test_the_demo_line_at_the_ceiling_says_strictly_under_and_what_has_to_go():
    from iae_core.demo import _render_economy

    row = {"activity": "Blanchisserie", "share_percent": 30.0, "ceiling_percent": 30.0}
    e = {
        "year": 2025,
        "activities": 2,
        "breaches": 1,
        "close": 0,
        "shares": [
            {**row, "compliant": False, "room": -0.01},
            {**row, "share_percent": 29.0, "compliant": True, "room": 999.99},
        ],
        "rsa_fte": 1.0,
        "departement_rate_percent": 88,
        "departement_contribution": 10.0,
        "orientation_chain": [],
    }
    over, within = (line.replace("\u00a0", " ") for line in _render_economy(e, "fr")[2:4])
    assert "strictement sous le plafond : 0,01 € de recettes en trop" in over
    assert "marge" not in over
    assert "-0,01" not in over
    assert "conforme, encore 999,99 € de recettes possibles" in within

"""planning.contract: the planner and the checker cannot disagree.

For every boundary a plan returns, the contract moved exactly to it passes every contract
rule, and one step further fails the rule the plan names in `set_by`.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iae_core import Contract, HoursDerogation, Person, Placement, Renewal, params, planning
from iae_core.contracts import check_contract
from iae_core.dates import period_end
from iae_core.enums import ContractKind, ExtensionGround, HostKind, StructureKind
from iae_core.testing.contract_strategies import ContractCase
from iae_core.testing.lawful import lawful_contract_cases

D = pendulum.date
ONE = pendulum.Duration(days=1)
MIN_MONTHS = params.get("cddi.min_months").value
MAX_MONTHS = params.get("cddi.max_months").value
CAP = float(params.get("placement.cap_hours").value)
SIRET = "73282932000074"
_PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _moved_end(contract: Contract, day: pendulum.Date) -> Contract:
    """The contract with its final end on `day` (the initial end, or the last renewal's)."""
    if not contract.renewals:
        return attrs.evolve(contract, end=day)
    last = max(range(len(contract.renewals)), key=lambda i: contract.renewals[i].end)
    renewals = list(contract.renewals)
    renewals[last] = attrs.evolve(renewals[last], end=day)
    return attrs.evolve(contract, renewals=tuple(renewals))


def _codes(case: ContractCase, contract: Contract) -> frozenset[str]:
    return check_contract(contract, on=case.on, **case.context).errors.codes


def _plan(case: ContractCase) -> planning.ContractPlan:
    ctx = {k: v for k, v in case.context.items() if k != "require_approval"}
    return planning.contract(case.contract, on=case.on, **ctx)


@_PROPS
@given(lawful_contract_cases())
def test_latest_end_passes_and_one_day_more_fails(case: ContractCase) -> None:
    plan = _plan(case)
    c = case.contract
    if plan.latest_end is None:
        assert "latest_end" in plan.closed
        return
    final_end = c.final_end
    assert final_end is not None
    if final_end > plan.latest_end or (c.end is not None and c.end > plan.latest_end):
        return  # already extended past the cap: latest_end is the cap, not a move
    if c.renewals and any(r.ground is not None for r in c.renewals):
        return
    assert _codes(case, _moved_end(c, plan.latest_end)) == frozenset()
    assert plan.set_by["latest_end"] in _codes(case, _moved_end(c, plan.latest_end + ONE))


@_PROPS
@given(lawful_contract_cases())
def test_earliest_end_passes_and_one_day_less_fails(case: ContractCase) -> None:
    plan = _plan(case)
    c = case.contract
    if plan.earliest_end is None:
        assert "earliest_end" in plan.closed
        return
    assert c.end is not None
    assert plan.earliest_end <= c.end
    assert _codes(case, attrs.evolve(c, end=plan.earliest_end)) == frozenset()
    before = attrs.evolve(c, end=plan.earliest_end - ONE)
    assert plan.set_by["earliest_end"] in _codes(case, before)


@_PROPS
@given(lawful_contract_cases(), st.data())
def test_each_extension_passes_and_one_day_more_fails(case: ContractCase, data: Any) -> None:
    plan = _plan(case)
    c = case.contract
    assert c.final_end is not None or not plan.extensions
    for ground, latest in plan.extensions.items():
        training_end = latest if ground is ExtensionGround.TRAINING else None
        if latest is None:  # no limit: any end after the cap
            assert ground in (ExtensionGround.AGE_50, ExtensionGround.RQTH)
            assert c.final_end is not None
            latest = period_end(c.start, MAX_MONTHS) + pendulum.Duration(days=400)
            if latest <= c.final_end:
                continue
            moved = attrs.evolve(c, renewals=(*c.renewals, Renewal(end=latest, ground=ground)))
            assert _codes(case, moved) == frozenset()
            continue
        ext = Renewal(end=latest, ground=ground, training_end=training_end)
        assert _codes(case, attrs.evolve(c, renewals=(*c.renewals, ext))) == frozenset()
        further = attrs.evolve(ext, end=latest + ONE)
        codes = _codes(case, attrs.evolve(c, renewals=(*c.renewals, further)))
        assert codes & {"contract.extension_not_allowed", "contract.extension_too_long"}


@_PROPS
@given(lawful_contract_cases())
def test_weekly_hours_bounds(case: ContractCase) -> None:
    plan = _plan(case)
    c = case.contract
    if plan.weekly_hours is None:
        assert c.kind is ContractKind.COMMERCIAL
        return
    low, high = plan.weekly_hours
    assert _codes(case, attrs.evolve(c, weekly_hours=high)) == frozenset()
    assert "contract.weekly_hours_max" in _codes(case, attrs.evolve(c, weekly_hours=high + 0.5))
    assert _codes(case, attrs.evolve(c, weekly_hours=low)) == frozenset()
    if low > 0:
        assert "contract.weekly_hours_min" in _codes(case, attrs.evolve(c, weekly_hours=low - 0.5))


@_PROPS
@given(lawful_contract_cases())
def test_trial_days_max(case: ContractCase) -> None:
    plan = _plan(case)
    if plan.trial_days_max is None:
        return
    c = case.contract
    assert _codes(case, attrs.evolve(c, trial_period_days=plan.trial_days_max)) == frozenset()
    too_long = attrs.evolve(c, trial_period_days=plan.trial_days_max + 1)
    assert "contract.trial_period" in _codes(case, too_long)


@_PROPS
@given(lawful_contract_cases(structure_kind=StructureKind.AI))
def test_placement_hours_left(case: ContractCase) -> None:
    plan = _plan(case)
    c = case.contract
    if c.final_end is None or plan.placement_hours_left is None:
        return
    if not c.start <= case.on <= c.final_end:
        return
    starts = [p.start for p in c.placements]
    if starts and case.on < max(starts):
        return  # the new placement would not be the last of its window
    new = Placement(start=case.on, end=case.on, hours=plan.placement_hours_left, host="EMPLOYER")
    assert _codes(case, attrs.evolve(c, placements=(*c.placements, new))) == frozenset()
    more = attrs.evolve(new, hours=plan.placement_hours_left + 0.5)
    assert "placement.hours_cap" in _codes(case, attrs.evolve(c, placements=(*c.placements, more)))


@_PROPS
@given(lawful_contract_cases())
def test_cdi_inclusion_from(case: ContractCase) -> None:
    plan = _plan(case)
    if plan.cdi_inclusion_from is None:
        assert "cdi_inclusion_from" in plan.closed
        return
    c = case.contract
    ctx = dict(case.context)
    ctx.pop("approval", None)
    ctx.setdefault("parcours_start", c.start)
    if ctx["parcours_start"] is None:
        ctx["parcours_start"] = c.start
    cdi = Contract(
        kind="CDI_INCLUSION",
        structure_kind=c.structure_kind,
        start=plan.cdi_inclusion_from,
        end=None,
        weekly_hours=26,
    )
    assert check_contract(cdi, on=case.on, **ctx).errors.codes == frozenset()
    earlier = attrs.evolve(cdi, start=plan.cdi_inclusion_from - ONE)
    assert plan.set_by["cdi_inclusion_from"] in check_contract(earlier, on=case.on, **ctx).codes


@_PROPS
@given(lawful_contract_cases())
def test_to_json_is_plain_and_closed_options_have_reasons(case: ContractCase) -> None:
    plan = _plan(case)
    out = plan.to_json()
    assert json.loads(json.dumps(out)) == out
    for field in (
        "earliest_end",
        "latest_end",
        "trial_days_max",
        "pmsmp_days_left",
        "placement_hours_left",
        "cdi_inclusion_from",
        "weekly_hours",
    ):
        if getattr(plan, field) is None:
            assert field in plan.closed
        else:
            assert field in plan.set_by or field + ".max" in plan.set_by
    for ground in ExtensionGround:
        assert (ground in plan.extensions) != (f"extensions.{ground.value}" in plan.closed)


# --- explicit cases on both sides of each limit -------------------------------------------


def _cddi(start: pendulum.Date, end: pendulum.Date, **kw: Any) -> Contract:
    return Contract(
        kind="CDDI",
        structure_kind=kw.pop("sk", "ACI"),
        start=start,
        end=end,
        weekly_hours=kw.pop("weekly_hours", 26),
        **kw,
    )


@pytest.mark.parametrize(
    ("start", "earliest", "latest"),
    [
        (D(2025, 1, 6), D(2025, 5, 5), D(2027, 1, 5)),
        (D(2023, 10, 31), D(2024, 2, 29), D(2025, 10, 30)),  # month end, 29 February
        (D(2024, 2, 29), D(2024, 6, 28), D(2026, 2, 28)),  # from 29 February
        (D(2025, 11, 1), D(2026, 2, 28), D(2027, 10, 31)),
    ],
)
def test_cddi_ends_on_both_sides(
    start: pendulum.Date, earliest: pendulum.Date, latest: pendulum.Date
) -> None:
    c = _cddi(start, latest)
    plan = planning.contract(c, on=start)
    assert (plan.earliest_end, plan.latest_end) == (earliest, latest)
    assert check_contract(attrs.evolve(c, end=earliest), on=start).ok
    assert (
        "contract.min_duration"
        in check_contract(attrs.evolve(c, end=earliest - ONE), on=start).codes
    )
    assert check_contract(c, on=start).ok
    assert (
        "contract.max_duration" in check_contract(attrs.evolve(c, end=latest + ONE), on=start).codes
    )


def test_no_minimum_for_a_person_under_justice_measure() -> None:
    person = Person(id="p", birth_date=D(1990, 1, 1), under_justice_measure=True)
    plan = planning.contract(_cddi(D(2025, 1, 6), D(2025, 2, 6)), on=D(2025, 1, 6), person=person)
    assert plan.earliest_end is None
    assert plan.closed["earliest_end"].code == "planning.not_applicable"


@pytest.mark.parametrize(
    ("start", "birth", "open_"),
    [
        (D(2025, 1, 6), D(1977, 1, 6), True),  # 50 on the day the extension starts (2027-01-06)
        (D(2025, 1, 6), D(1977, 1, 7), False),  # 50 the day after
        (D(2028, 3, 1), D(1980, 2, 29), True),  # 50 on 1 March 2030, the extension's start
        (D(2028, 2, 29), D(1980, 2, 29), True),  # cap on 28 February 2030, extension 1 March
        (D(2028, 2, 28), D(1980, 2, 29), False),  # extension from 28 February 2030: 49
    ],
)
def test_turning_50_during_the_contract(
    start: pendulum.Date, birth: pendulum.Date, open_: bool
) -> None:
    c = _cddi(start, period_end(start, MAX_MONTHS))
    person = Person(id="p", birth_date=birth)
    plan = planning.contract(c, on=start, person=person)
    assert (ExtensionGround.AGE_50 in plan.extensions) is open_
    ext = Renewal(end=period_end(start, MAX_MONTHS + 6), ground="AGE_50")
    report = check_contract(attrs.evolve(c, renewals=(ext,)), on=start, person=person)
    assert report.ok is open_


def test_particular_difficulties_step_and_total() -> None:
    c = _cddi(D(2025, 1, 6), D(2027, 1, 5), sk="AI")
    plan = planning.contract(c, on=D(2025, 1, 6))
    pd = ExtensionGround.PARTICULAR_DIFFICULTIES
    assert plan.extensions[pd] == D(2028, 1, 5)
    ok = attrs.evolve(c, renewals=(Renewal(end=D(2028, 1, 5), ground=pd),))
    assert check_contract(ok, on=D(2025, 1, 6)).ok
    bad = attrs.evolve(c, renewals=(Renewal(end=D(2028, 1, 6), ground=pd),))
    assert "contract.extension_too_long" in check_contract(bad, on=D(2025, 1, 6)).codes
    ei = planning.contract(attrs.evolve(c, structure_kind="EI"), on=D(2025, 1, 6))
    assert pd not in ei.extensions
    assert f"extensions.{pd.value}" in ei.closed


def test_particular_difficulties_closed_at_60_months() -> None:
    pd = ExtensionGround.PARTICULAR_DIFFICULTIES
    start = D(2025, 1, 6)
    renewals = tuple(Renewal(end=period_end(start, m), ground=pd) for m in (36, 48, 60))
    c = attrs.evolve(_cddi(start, D(2027, 1, 5)), renewals=renewals)
    assert check_contract(c, on=start).ok
    plan = planning.contract(c, on=start)
    assert pd not in plan.extensions
    assert plan.closed[f"extensions.{pd.value}"].code == "contract.extension_too_long"


def test_training_extension_to_the_training_end() -> None:
    c = _cddi(D(2025, 1, 6), D(2026, 12, 1))
    first = Renewal(end=D(2026, 12, 20), training_end=D(2027, 3, 31))
    c = attrs.evolve(c, renewals=(first,))
    plan = planning.contract(c, on=D(2025, 1, 6))
    assert plan.extensions[ExtensionGround.TRAINING] == D(2027, 3, 31)
    ext = Renewal(end=D(2027, 3, 31), ground="TRAINING", training_end=D(2027, 3, 31))
    assert check_contract(attrs.evolve(c, renewals=(first, ext)), on=D(2025, 1, 6)).ok


def test_rqth_is_hidden_from_repr_and_default_json() -> None:
    person = Person(id="p", birth_date=D(1990, 1, 1), rqth=True)
    plan = planning.contract(_cddi(D(2025, 1, 6), D(2026, 1, 5)), on=D(2025, 1, 6), person=person)
    assert ExtensionGround.RQTH in plan.extensions
    assert "RQTH" not in repr(plan)
    assert "RQTH" not in json.dumps(plan.to_json())
    assert "RQTH" in plan.to_json(sensitive=True)["extensions"]


def test_hours_derogation_sets_latest_end_and_minimum() -> None:
    start = D(2025, 1, 6)
    c = _cddi(
        start,
        D(2025, 12, 31),
        weekly_hours=15,
        derogations=(HoursDerogation(kind="SEVERE_DIFFICULTIES", start=start, end=D(2026, 1, 5)),),
    )
    on = D(2026, 6, 1)
    plan = planning.contract(c, on=on)
    assert plan.latest_end == D(2026, 1, 5)
    assert plan.set_by["latest_end"] == "contract.weekly_hours_min"
    assert plan.weekly_hours == (0.0, 35.0)  # covered to the final end
    longer = attrs.evolve(c, end=D(2026, 6, 30))
    assert planning.contract(longer, on=on).weekly_hours == (20.0, 35.0)  # not covered
    assert planning.contract(longer, on=D(2025, 6, 1)).weekly_hours == (0.0, 35.0)


@pytest.mark.parametrize(
    ("birth", "expected", "rule"),
    [
        (D(1968, 2, 29), D(2025, 3, 1), "cdi_inclusion.age"),  # 57 on 1 March in 2025
        (D(1960, 1, 1), D(2025, 1, 6), "cdi_inclusion.too_early"),
    ],
)
def test_cdi_inclusion_from_on_both_sides(
    birth: pendulum.Date, expected: pendulum.Date, rule: str
) -> None:
    person = Person(id="p", birth_date=birth)
    c = _cddi(D(2024, 1, 6), D(2025, 1, 5))
    plan = planning.contract(c, on=D(2024, 6, 1), person=person)
    assert plan.cdi_inclusion_from == expected
    assert plan.set_by["cdi_inclusion_from"] == rule
    cdi = Contract(
        kind="CDI_INCLUSION", structure_kind="ACI", start=expected, end=None, weekly_hours=26
    )
    kw = {"person": person, "parcours_start": D(2024, 1, 6)}
    assert check_contract(cdi, on=expected, **kw).ok
    assert rule in check_contract(attrs.evolve(cdi, start=expected - ONE), on=expected, **kw).codes
    assert planning.contract(c, on=D(2024, 6, 1)).closed["cdi_inclusion_from"].code == (
        "planning.unknown"
    )


def test_placement_window() -> None:
    start = D(2024, 1, 8)
    c = Contract(
        kind="CDDI",
        structure_kind="AI",
        start=start,
        end=D(2025, 12, 31),
        weekly_hours=26,
        placements=(
            Placement(start=D(2024, 2, 1), end=D(2024, 2, 29), hours=100, host=HostKind.EMPLOYER),
        ),
    )
    plan = planning.contract(c, on=D(2025, 1, 31))
    assert plan.placement_hours_left == CAP - 100
    assert plan.placement_window_end == D(2026, 1, 31)
    after = planning.contract(c, on=D(2026, 2, 1))
    assert after.placement_hours_left == CAP
    assert after.placement_window_end is None
    assert (
        planning.contract(attrs.evolve(c, structure_kind="ACI"), on=start).placement_hours_left
        is None
    )


def test_pmsmp_days_left() -> None:
    c = _cddi(D(2025, 1, 6), D(2025, 5, 5))  # 120 days
    plan = planning.contract(c, on=D(2025, 1, 6))
    share = params.get("pmsmp.share_percent").value
    assert plan.pmsmp_days_left == 120 * share // 100
    etti = Contract(
        kind="MISSION",
        structure_kind="ETTI",
        start=D(2025, 1, 6),
        end=D(2025, 3, 1),
        weekly_hours=35,
    )
    assert planning.contract(etti, on=D(2025, 1, 6)).pmsmp_days_left is None


def test_an_extension_ends_where_the_hours_derogations_end():
    """A CDDI below the weekly minimum: an extension (age 50, no limit of its own) may run
    to the last day its derogations cover, not one day more; none when they end before the
    extension would start (found by hypothesis)."""
    person = Person(id="p", birth_date=D(1957, 12, 1))
    ctx = {"person": person, "parcours_start": D(2021, 12, 1)}

    def contract(covered_until):
        return Contract(
            kind="CDDI",
            structure_kind="ACI",
            start=D(2021, 12, 1),
            end=D(2022, 3, 31),
            weekly_hours=0,
            derogations=[
                HoursDerogation(kind="SEVERE_DIFFICULTIES", start=D(2021, 12, 1), end=covered_until)
            ],
        )

    def codes(c, end, on):
        moved = attrs.evolve(c, renewals=(Renewal(end=end, ground="AGE_50"),))
        return check_contract(moved, on=on, **ctx).codes

    c = contract(D(2024, 1, 31))  # past the 24-month cap (2023-11-30)
    on = D(2024, 2, 1)
    plan = planning.contract(c, on=on, **ctx)
    assert plan.extensions[ExtensionGround.AGE_50] == D(2024, 1, 31)
    assert "contract.weekly_hours_min" not in codes(c, D(2024, 1, 31), on)
    assert "contract.weekly_hours_min" in codes(c, D(2024, 2, 1), on)
    # on before the coverage ends: no bound from the hours (the rule looks up to `on`)
    assert planning.contract(c, on=D(2024, 1, 31), **ctx).extensions[ExtensionGround.AGE_50] is None

    short = contract(D(2022, 11, 30))  # the coverage ends before the cap
    plan = planning.contract(short, on=D(2022, 12, 1), **ctx)
    assert ExtensionGround.AGE_50 not in plan.extensions
    assert plan.closed["extensions.AGE_50"].code == "contract.weekly_hours_min"
    assert "contract.weekly_hours_min" in codes(short, D(2024, 3, 1), D(2022, 12, 1))

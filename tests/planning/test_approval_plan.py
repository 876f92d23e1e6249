"""planning.approval: every boundary agrees with the approval rules (both sides of it)."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from iae_core import params, planning
from iae_core.approvals import (
    PROLONGATION_WINDOW,
    Approval,
    Prolongation,
    Suspension,
    prolongation_check,
    suspension_check,
)
from iae_core.enums import ApprovalState, ProlongationReason, StructureKind, SuspensionReason
from iae_core.people import Person
from iae_core.testing.lawful import lawful_approvals

D = pendulum.date
R = ProlongationReason
ACI = StructureKind.ACI
DECREE = params.get("pass.decree_in_force_date").value
WINDOW_DATES = [D(2021, 10, 25), D(2022, 11, 17), D(2023, 7, 27), D(2025, 10, 15), D(2026, 5, 21)]


def _day(d: pendulum.Date, n: int) -> pendulum.Date:
    return pendulum.Date.fromordinal(d.toordinal() + n)


def _errors(report, ignore=frozenset()):
    return {f.code for f in report.errors if f.code not in ignore}


def assert_plan_agrees(a, *, on, kind=ACI, person=None, cdi=False):
    """The guarantee, for one approval and day: each boundary passes; one day further fails."""
    plan = planning.approval(a, on=on, structure_kind=kind, person=person, in_cdi_inclusion=cdi)
    end = a.end
    assert plan.end == end
    # prolongation_max_end: the prolongation ending there passes, one day longer fails
    for reason, max_end in plan.prolongation_max_end.items():

        def check(last, reason=reason):
            p = Prolongation(start=end, end=last, reason=reason, validated_by="prescripteur")
            report = prolongation_check(
                a, p, on=on, structure_kind=kind, person=person, cdi_inclusion=cdi
            )
            return _errors(report, ignore={"prolongation.window"})

        if max_end is None:
            assert check(_day(end, 1)), reason
            assert f"prolongation_max_end.{reason.value}" in plan.closed
        else:
            assert check(max_end) == set(), reason
            assert check(_day(max_end, 1)) == {"prolongation.too_long"}, reason
    # prolongation_window: requests on its first and last day pass the window rule
    if plan.prolongation_window is not None:
        first, last = plan.prolongation_window
        version = PROLONGATION_WINDOW.at(on)
        p = Prolongation(start=end, end=_day(end, 1), reason=R.COMPLETE_TRAINING)
        for day, inside in (
            (first, True),
            (last, True),
            (_day(first, -1), False),
            (_day(last, 1), False),
        ):
            if PROLONGATION_WINDOW.at(day) is not version:
                continue  # another version judges that day
            codes = {f.code for f in prolongation_check(a, p, on=day, structure_kind=kind)}
            assert ("prolongation.window" not in codes) is inside, (day, inside)

    # suspensions declared on `on`
    def suspend(start, last):
        s = Suspension(start=start, end=last, reason=SuspensionReason.CONTRACT_SUSPENDED)
        return _errors(suspension_check(a, s, on=on, structure_kind=kind))

    e = plan.suspension_earliest_start
    if e is None:
        assert suspend(on, on)
    else:
        assert suspend(e, e) == set()
        assert suspend(_day(e, -1), _day(e, -1))
    m = plan.suspension_max_end
    if m is None:
        assert suspend(on, on)
    else:
        assert suspend(on, m) == set()
        assert suspend(on, _day(m, 1))
    return plan


# --- explicit cases --------------------------------------------------------------------------


def test_plan_of_a_fresh_pass():
    a = Approval(number="999990000001", start=D(2024, 3, 1))
    plan = assert_plan_agrees(a, on=D(2025, 6, 1))
    assert plan.end == D(2026, 2, 28)
    assert plan.state is ApprovalState.VALID
    assert plan.waiting_period_end == D(2028, 2, 28)
    assert plan.prolongation_window == (D(2025, 7, 28), D(2026, 2, 28))
    assert plan.prolongation_max_end[R.COMPLETE_TRAINING] == D(2027, 2, 28)
    assert plan.prolongation_max_end[R.SENIOR_CDI] is None  # no CDI inclusion
    assert plan.prolongation_max_end[R.HEALTH_CONTEXT] is None  # closed since 2021-12-01
    assert plan.suspension_earliest_start == D(2024, 6, 1)
    assert plan.suspension_max_end == D(2028, 5, 31)
    data = plan.to_json()
    assert data["prolongation_window"] == {"first": "2025-07-28", "last": "2026-02-28"}
    assert data["prolongation_max_end"]["SENIOR_CDI"] is None
    assert data["closed"]["prolongation_max_end.SENIOR_CDI"]["code"] == (
        "prolongation.person_condition"
    )


@pytest.mark.parametrize("version", WINDOW_DATES)
@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_window_around_each_dated_version(version, offset):
    on = _day(version, offset)
    a = Approval(number="999990000001", start=D(2021, 9, 1), initial_end=_day(on, 60))
    plan = assert_plan_agrees(a, on=on)
    assert (plan.prolongation_window is None) is (on < WINDOW_DATES[0])


def test_window_widens_on_2025_10_15_and_2026_05_21():
    a = Approval(number="999990000001", start=D(2024, 9, 1), initial_end=D(2026, 8, 31))
    before = planning.approval(a, on=D(2025, 10, 14), structure_kind=ACI).prolongation_window
    after = planning.approval(a, on=D(2025, 10, 15), structure_kind=ACI).prolongation_window
    assert before == (D(2026, 1, 31), D(2026, 8, 31))  # 7 months before the end
    assert after == (D(2025, 8, 31), D(2026, 8, 31))  # 12 months before the end
    later = planning.approval(a, on=D(2026, 5, 21), structure_kind=ACI).prolongation_window
    assert later == (D(2025, 8, 31), D(2027, 2, 28))  # up to 6 months after the end


def test_no_window_before_the_first_version():
    a = Approval(number="999990000001", start=D(2021, 9, 1))
    plan = planning.approval(a, on=D(2021, 10, 24), structure_kind=ACI)
    assert plan.prolongation_window is None
    assert "prolongation_window" in plan.closed


@pytest.mark.parametrize("start", [D(2024, 2, 29), D(2024, 1, 31), D(2023, 2, 28), D(2024, 12, 31)])
def test_month_ends_and_29_february(start):
    a = Approval(number="999990000001", start=start)
    for on in (start, _day(start, 1), _day(a.end, -1), a.end):
        assert_plan_agrees(a, on=on)


def test_suspension_starting_on_29_february_latest_end():
    a = Approval(number="999990000001", start=D(2024, 1, 15))
    plan = assert_plan_agrees(a, on=D(2024, 2, 29))
    # the platform: + 36 months (clamped to 28 February) − 1 day
    assert plan.suspension_max_end == D(2027, 2, 27)


def test_cumulative_cap_left_and_exhausted():
    a = Approval(number="999990000001", start=D(2022, 1, 3), initial_end=D(2024, 1, 2))
    used = 0
    prolongations = []
    start = a.end
    for _ in range(3):  # three RQTH years: the RQTH cap (1095 days) is used up
        last = _day(start, 365)
        prolongations.append(Prolongation(start=start, end=last, reason=R.RQTH, validated_by="x"))
        used += 365
        start = last
    full = Approval(
        number=a.number, start=a.start, initial_end=a.initial_end, prolongations=prolongations
    )
    person = Person(id="p", birth_date=D(1990, 1, 1), rqth=True)
    plan = assert_plan_agrees(full, on=_day(full.end, -30), person=person)
    assert plan.prolongation_max_end[R.RQTH] is None
    assert plan.closed["prolongation_max_end.RQTH"].code == "prolongation.too_long"
    assert plan.prolongation_max_end[R.SENIOR] is None  # person under 50
    two = Approval(
        number=a.number,
        start=a.start,
        initial_end=a.initial_end,
        prolongations=prolongations[:2],
    )
    plan = assert_plan_agrees(two, on=_day(two.end, -30), person=person)
    assert plan.prolongation_max_end[R.RQTH] == _day(two.end, 365)


@pytest.mark.parametrize("shift", [-1, 0, 1])
def test_person_turning_50_on_the_request_day(shift):
    on = D(2025, 3, 10)
    person = Person(id="p", birth_date=_day(D(1975, 3, 10), shift))
    a = Approval(number="999990000001", start=D(2023, 6, 1))
    plan = assert_plan_agrees(a, on=on, person=person)
    assert (plan.prolongation_max_end[R.SENIOR] is not None) is (shift <= 0)


@pytest.mark.parametrize("shift", [-1, 0, 1])
def test_person_turning_57_in_a_cdi_inclusion(shift):
    on = D(2025, 3, 10)
    person = Person(id="p", birth_date=_day(D(1968, 3, 10), shift))
    a = Approval(number="999990000001", start=D(2023, 6, 1))
    plan = assert_plan_agrees(a, on=on, person=person, cdi=True)
    assert (plan.prolongation_max_end[R.SENIOR_CDI] is not None) is (shift <= 0)
    if shift <= 0:
        assert plan.prolongation_max_end[R.SENIOR_CDI] == _day(a.end, 3650)


def test_birthday_on_29_february_counts_on_1_march():
    person = Person(id="p", birth_date=D(1976, 2, 29))
    a = Approval(number="999990000001", start=D(2024, 6, 1))
    assert (
        planning.approval(
            a, on=D(2026, 2, 28), structure_kind=ACI, person=person
        ).prolongation_max_end[R.SENIOR]
        is None
    )
    assert (
        planning.approval(
            a, on=D(2026, 3, 1), structure_kind=ACI, person=person
        ).prolongation_max_end[R.SENIOR]
        is not None
    )
    assert_plan_agrees(a, on=D(2026, 2, 28), person=person)
    assert_plan_agrees(a, on=D(2026, 3, 1), person=person)


def test_particular_difficulties_only_in_aci_and_ai():
    a = Approval(number="999990000001", start=D(2024, 6, 1))
    ei = assert_plan_agrees(a, on=D(2025, 6, 1), kind=StructureKind.EI)
    assert ei.prolongation_max_end[R.PARTICULAR_DIFFICULTIES] is None
    ai = assert_plan_agrees(a, on=D(2025, 6, 1), kind=StructureKind.AI)
    assert ai.prolongation_max_end[R.PARTICULAR_DIFFICULTIES] is not None


def test_suspensions_already_there():
    a = Approval(
        number="999990000001",
        start=D(2024, 3, 1),
        suspensions=[
            Suspension(start=D(2024, 5, 1), end=D(2024, 5, 31), reason="CONTRACT_SUSPENDED"),
            Suspension(start=D(2024, 9, 10), end=D(2024, 10, 5), reason="CONTRACT_SUSPENDED"),
        ],
    )
    plan = assert_plan_agrees(a, on=D(2024, 10, 1))  # inside the second one
    assert plan.suspension_max_end is None
    assert plan.state is ApprovalState.SUSPENDED
    plan = assert_plan_agrees(a, on=D(2024, 12, 1))
    assert plan.suspension_earliest_start == D(2024, 10, 6)  # after the last ended one
    assert plan.suspension_max_end == D(2027, 11, 30)


def test_expired_pass_has_no_suspension():
    a = Approval(number="999990000001", start=D(2022, 3, 1))
    plan = assert_plan_agrees(a, on=D(2025, 6, 1))
    assert plan.state is ApprovalState.EXPIRED
    assert plan.suspension_max_end is None


# --- properties --------------------------------------------------------------------------


@st.composite
def cases(draw):
    a = draw(
        lawful_approvals(
            structure_kind=draw(st.sampled_from([ACI, StructureKind.AI, StructureKind.EI]))
        )
    )
    lo = max(a.start.toordinal() - 30, DECREE.toordinal())
    on = pendulum.Date.fromordinal(draw(st.integers(lo, a.end.toordinal() + 400)))
    # people turning 50 or 57 within a few days of `on`
    age = draw(st.sampled_from([50, 57]))
    birth = pendulum.Date.fromordinal(on.subtract(years=age).toordinal() + draw(st.integers(-3, 3)))
    person = draw(st.none() | st.just(Person(id="p", birth_date=birth, rqth=draw(st.booleans()))))
    return a, on, person, draw(st.booleans())


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(cases())
@example(
    (
        Approval(number="999990000001", start=D(2024, 2, 29)),
        D(2026, 2, 27),
        Person(id="p", birth_date=D(1976, 2, 29)),
        True,
    )
)
@example(
    (
        Approval(number="999990000001", start=D(2023, 1, 31)),
        D(2025, 10, 15),
        Person(id="p", birth_date=D(1968, 10, 15)),
        True,
    )
)
def test_property_planner_and_checker_agree(case):
    a, on, person, cdi = case
    for kind in (ACI, StructureKind.EI):
        assert_plan_agrees(a, on=on, kind=kind, person=person, cdi=cdi)

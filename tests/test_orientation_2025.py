"""The RSA orientation under the 2025 law (loi n° 2023-1196, décret n° 2024-1244).

Six weeks to orient (CASF D262-65-2), a month to sign the contract of engagement
(C. trav. D5411-14-1), 15 hours of weekly activity unless adjusted (L5411-6), the joint
diagnosis of a person in social support after six or twelve months (CASF L262-31,
D262-65-2-1); nothing of it before 1 January 2025. The oracles are typed here from the
texts, not read from the parameters.
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core
from iae_core import Contract, Exit, Parcours, Person, Structure, planning
from iae_core.errors import InvalidData
from iae_core.orientation import (
    EngagementContract,
    Orientation,
    check_engagement,
    check_orientation,
    decision_deadline,
    engagement_deadline,
    orientation_chain,
    review_due,
)

D = pendulum.date
ACI = Structure(siret="73282932000074", kind="ACI", name="A", department="35")
GEIQ = Structure(siret="73282932000074", kind="GEIQ", name="G", department="35")


def orient(on, *, informed_on=None, notified_on=None, pid="a"):
    return Orientation(
        person_id=pid,
        on=on,
        category="PROFESSIONAL",
        body="FRANCE_TRAVAIL",
        department="35",
        informed_on=informed_on,
        notified_on=notified_on,
    )


def engagement(signed_on, hours=15.0, pid="a", **over):
    return EngagementContract(
        person_id=pid, signed_on=signed_on, body="DEPARTEMENT", weekly_activity_hours=hours, **over
    )


def parcours(start, weekly_hours, *, structure=ACI, pid="a", exit=None):
    contract = Contract(
        kind="CDDI" if structure.kind.is_siae else "PROFESSIONALISATION",
        structure_kind=structure.kind,
        start=start,
        end=start.add(months=6),
        weekly_hours=weekly_hours,
    )
    return Parcours(
        person=Person(id=pid, birth_date=D(1990, 1, 1)),
        structure=structure,
        contracts=(contract,),
        exit=exit,
    )


def codes(report):
    return [f.code for f in report]


# --- six weeks to orient (D262-65-2) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("informed", "last"),
    [
        (D(2025, 1, 6), D(2025, 2, 17)),  # a Monday: six weeks later, a Monday
        (D(2025, 1, 1), D(2025, 2, 12)),  # the reform's first day
        (D(2028, 1, 18), D(2028, 2, 29)),  # ends on 29 February
        (D(2025, 11, 19), D(2025, 12, 31)),  # ends on a year's last day
    ],
)
def test_the_decision_on_the_last_day_passes_the_day_after_does_not(informed, last):
    assert decision_deadline(orient(last, informed_on=informed)) == last
    for day, late in ((last.subtract(days=1), False), (last, False), (last.add(days=1), True)):
        report = check_orientation(orient(day, informed_on=informed), on=day)
        assert ("orientation.decision_deadline" in codes(report)) is late
    (f,) = check_orientation(orient(last.add(days=1), informed_on=informed), on=last.add(days=1))
    assert f.params["days_late"] == 1
    assert f.params["deadline"] == last
    assert f.path == "on"
    assert "France Travail" in f.message
    assert "France Travail orients" in f.in_language("en").message


def test_no_decision_delay_before_2025_nor_without_the_day_of_the_information():
    late = D(2025, 6, 30)
    assert decision_deadline(orient(late, informed_on=D(2024, 12, 31))) is None
    assert not codes(check_orientation(orient(late, informed_on=D(2024, 12, 31)), on=late))
    assert decision_deadline(orient(late)) is None
    assert codes(check_orientation(orient(late, informed_on=D(2025, 1, 1)), on=late)) == [
        "orientation.decision_deadline"
    ]


# --- a month to sign the contract of engagement (D5411-14-1) ----------------------------------


@pytest.mark.parametrize(
    ("notified", "last"),
    [
        (D(2025, 1, 15), D(2025, 2, 15)),
        (D(2025, 1, 31), D(2025, 2, 28)),  # no 31 February: the month's last day
        (D(2028, 1, 31), D(2028, 2, 29)),  # a leap year
        (D(2028, 2, 29), D(2028, 3, 29)),
        (D(2025, 12, 31), D(2026, 1, 31)),
        (D(2025, 1, 1), D(2025, 2, 1)),
    ],
)
def test_the_contract_signed_on_the_last_day_passes_the_day_after_is_late(notified, last):
    o = orient(notified)
    assert engagement_deadline(o) == last
    for day, late in ((last.subtract(days=1), False), (last, False), (last.add(days=1), True)):
        report = check_orientation(o, on=day.add(days=10), engagements=[engagement(day)])
        assert ("orientation.engagement_contract" in codes(report)) is late
    (f,) = check_orientation(o, on=last, engagements=[engagement(last.add(days=2))])
    assert (f.variant, f.params["days_late"], f.path) == ("late", 2, "engagements[0].signed_on")


def test_no_contract_is_reported_from_the_day_after_the_month():
    o = orient(D(2025, 3, 31))  # notified the day of the decision
    assert engagement_deadline(o) == D(2025, 4, 30)
    assert not codes(check_orientation(o, on=D(2025, 4, 30)))
    (f,) = check_orientation(o, on=D(2025, 5, 1))
    assert f.variant == "missing"
    assert f.params["deadline"] == D(2025, 4, 30)
    assert "No contract of engagement" in f.in_language("en").message


def test_the_month_runs_from_the_notification_and_ignores_others_and_earlier_contracts():
    o = orient(D(2025, 3, 3), notified_on=D(2025, 3, 10))
    assert engagement_deadline(o) == D(2025, 4, 10)
    ok = [engagement(D(2025, 4, 10)), engagement(D(2025, 3, 20), pid="b")]
    assert not codes(check_orientation(o, on=D(2025, 6, 1), engagements=ok))
    before = [engagement(D(2025, 3, 2))]  # signed before the decision: not its contract
    assert codes(check_orientation(o, on=D(2025, 6, 1), engagements=before)) == [
        "orientation.engagement_contract"
    ]


def test_no_contract_delay_for_a_notification_before_2025():
    o = orient(D(2024, 12, 31))
    assert engagement_deadline(o) is None
    assert not codes(check_orientation(o, on=D(2025, 12, 31)))
    decided_2024_notified_2025 = orient(D(2024, 12, 31), notified_on=D(2025, 1, 2))
    assert engagement_deadline(decided_2024_notified_2025) == D(2025, 2, 2)


@given(notified=st.dates(D(2025, 1, 1), D(2030, 12, 31)), delay=st.integers(0, 70))
@example(notified=D(2028, 1, 31), delay=29)  # 29 February 2028: the last day
@example(notified=D(2028, 1, 31), delay=30)  # 1 March 2028: late
@example(notified=D(2025, 1, 31), delay=28)
def test_late_exactly_when_signed_after_the_same_day_of_next_month(notified, delay):
    notified = pendulum.Date(notified.year, notified.month, notified.day)
    o = orient(notified)
    signed = notified.add(days=delay)
    report = check_orientation(o, on=signed, engagements=[engagement(signed)])
    last = engagement_deadline(o)
    assert last is not None
    assert last.day == notified.day or last.day == last.days_in_month < notified.day
    assert ("orientation.engagement_contract" in codes(report)) is (signed > last)


# --- 15 hours a week (L5411-6), SIAE hours counted --------------------------------------------


@pytest.mark.parametrize(("hours", "short"), [(14.99, True), (15.0, False), (15.01, False)])
def test_fifteen_hours_both_sides(hours, short):
    c = engagement(D(2025, 1, 1), hours=hours)
    report = check_engagement(c, on=D(2025, 2, 1))
    assert ("orientation.weekly_activity" in codes(report)) is short


def test_no_hours_rule_before_2025_nor_when_adjusted():
    assert not codes(check_engagement(engagement(D(2024, 12, 31), hours=0.0), on=D(2025, 6, 1)))
    assert codes(check_engagement(engagement(D(2025, 1, 1), hours=0.0), on=D(2025, 6, 1)))
    adjusted = engagement(D(2025, 1, 1), hours=0.0, hours_adjusted=True)
    assert not codes(check_engagement(adjusted, on=D(2025, 6, 1)))


def test_the_hours_of_an_siae_contract_in_force_count():
    c = engagement(D(2025, 3, 1), hours=4.0)
    work = parcours(D(2025, 3, 10), 11)  # ends on 2025-09-10
    assert not codes(check_engagement(c, on=D(2025, 3, 10), parcours=[work]))  # 4 + 11
    (f,) = check_engagement(c, on=D(2025, 3, 9), parcours=[work])  # not started yet
    assert (f.params["hours"], f.params["siae_hours"], f.params["minimum"]) == (4.0, 0.0, 15)
    assert codes(check_engagement(c, on=D(2025, 9, 11), parcours=[work]))  # ended
    assert not codes(check_engagement(c, on=D(2025, 9, 10), parcours=[work]))  # its last day
    other = parcours(D(2025, 3, 10), 11, pid="b")
    assert codes(check_engagement(c, on=D(2025, 4, 1), parcours=[other]))  # someone else's
    geiq = parcours(D(2025, 3, 10), 11, structure=GEIQ)
    assert codes(check_engagement(c, on=D(2025, 4, 1), parcours=[geiq]))  # not an SIAE
    left = parcours(D(2025, 3, 10), 11, exit=Exit(on=D(2025, 3, 31), kind="CDI"))
    assert codes(check_engagement(c, on=D(2025, 4, 1), parcours=[left]))  # after the exit
    (f,) = check_engagement(c, on=D(2025, 3, 9), parcours=[work])
    assert "4 h prévues au contrat" in f.message.replace("\xa0", " ")
    assert "for a minimum of 15 h" in f.in_language("en").message


# --- the joint diagnosis in social support (L262-31, D262-65-2-1) -----------------------------


@pytest.mark.parametrize(
    ("signed", "extended", "due"),
    [
        (D(2025, 1, 31), False, D(2025, 7, 31)),
        (D(2025, 8, 31), False, D(2026, 2, 28)),  # no 31 February
        (D(2027, 8, 31), False, D(2028, 2, 29)),  # a leap year
        (D(2025, 2, 28), True, D(2026, 2, 28)),
        (D(2027, 2, 28), True, D(2028, 2, 28)),
    ],
)
def test_the_review_falls_due_after_six_or_twelve_months(signed, extended, due):
    c = engagement(signed, social_support=True, review_extended=extended)
    assert review_due(c) == due
    assert not codes(check_engagement(c, on=due))
    (f,) = check_engagement(c, on=due.add(days=1))
    assert (f.code, f.variant, f.params["due"]) == ("orientation.social_review", "overdue", due)
    assert "douze" not in f.message
    assert "12" not in f.message.replace(str(due.year), "")
    assert not codes(check_engagement(attrs_evolve(c, reviewed_on=due), on=due.add(days=40)))
    (late,) = check_engagement(attrs_evolve(c, reviewed_on=due.add(days=1)), on=due.add(days=40))
    assert late.variant == "late"


def attrs_evolve(c, **changes):
    import attrs

    return attrs.evolve(c, **changes)


def test_the_review_runs_from_the_last_revision_and_not_before_2025():
    c = engagement(D(2025, 1, 10), social_support=True, revised_on=D(2025, 4, 30))
    assert review_due(c) == D(2025, 10, 30)
    assert review_due(engagement(D(2025, 1, 10))) is None  # not in social support
    assert review_due(engagement(D(2024, 12, 31), social_support=True)) is None
    assert review_due(engagement(D(2025, 1, 1), social_support=True)) == D(2025, 7, 1)


# --- the entities -----------------------------------------------------------------------------


def test_the_sensitive_flags_never_show():
    c = engagement(D(2025, 1, 1), hours=0.0, hours_adjusted=True, review_extended=True)
    plain = engagement(D(2025, 1, 1), hours=0.0)
    assert "<hidden>" in repr(c)
    assert repr(c) == repr(plain)
    with pytest.raises(InvalidData) as exc:
        engagement(D(2025, 1, 1), hours_adjusted="health", review_extended="disability")
    text = str(exc.value)
    assert "hours_adjusted" in text
    assert "review_extended" in text
    assert "health" not in text
    assert "disability" not in text


def test_bad_input_lists_every_field():
    with pytest.raises(InvalidData) as exc:
        EngagementContract(
            person_id="",
            signed_on="x",
            body="NOBODY",
            weekly_activity_hours=-1,
            social_support="yes",
        )
    for field in ("person_id", "signed_on", "body", "weekly_activity_hours", "social_support"):
        assert field in str(exc.value)
    with pytest.raises(InvalidData) as exc:
        orient(D(2025, 3, 1), informed_on=D(2025, 3, 2), notified_on=D(2025, 2, 28))
    assert "informed_on" in str(exc.value)
    assert "notified_on" in str(exc.value)
    with pytest.raises(InvalidData, match="reviewed_on"):
        engagement(D(2025, 3, 1), reviewed_on=D(2025, 2, 28))


def test_round_trip_and_check_entry_point():
    c = engagement(D(2025, 1, 1), hours=10.0, social_support=True, revised_on=D(2025, 2, 1))
    assert iae_core.load(EngagementContract, iae_core.dump(c)) == c
    o = orient(D(2025, 1, 10), informed_on=D(2025, 1, 2), notified_on=D(2025, 1, 12))
    assert iae_core.load(Orientation, iae_core.dump(o)) == o
    assert codes(iae_core.check(c, on=D(2025, 3, 1))) == ["orientation.weekly_activity"]
    assert not codes(iae_core.check(o, on=D(2025, 3, 1), engagements=[engagement(D(2025, 2, 12))]))
    assert codes(iae_core.check(o, on=D(2025, 3, 1), engagements=[engagement(D(2025, 2, 13))]))


# --- the chain: orientation → contract of engagement → SIAE hire → exit -----------------------


def test_the_chain_follows_the_contract_of_engagement():
    orientations = [
        orient(D(2025, 1, 10), pid="a"),
        orient(D(2025, 2, 1), pid="b"),
        orient(D(2025, 3, 1), pid="c"),
        orient(D(2024, 12, 2), pid="d"),  # before the reform: no deadline
    ]
    engagements = [
        engagement(D(2025, 2, 10), pid="a"),  # 31 days, the last day (10 Feb)
        engagement(D(2025, 3, 2), pid="b"),  # 29 days, one day late (1 March)
        engagement(D(2025, 2, 27), pid="c"),  # before its orientation: not counted
        engagement(D(2024, 12, 20), pid="d"),
    ]
    work = [
        parcours(D(2025, 3, 3), 26, pid="a", exit=Exit(on=D(2025, 8, 1), kind="CDI")),
        parcours(D(2025, 4, 1), 26, pid="c"),
    ]
    rows = orientation_chain(orientations, work, engagements)
    r2024, r2025 = rows
    assert (r2025.oriented, r2025.engaged, r2025.engaged_in_time) == (3, 2, 1)
    assert r2025.median_engagement_delay_days == 30.0
    assert (r2025.hired, r2025.exited, r2025.dynamic_exits) == (2, 1, 1)
    assert (r2024.engaged, r2024.engaged_in_time, r2024.hired) == (1, 0, 0)
    assert r2025.as_dict()["engaged"] == 2
    without = orientation_chain(orientations, work)
    assert [(r.engaged, r.median_engagement_delay_days) for r in without] == [(0, None)] * 2
    assert [r.hired for r in without] == [r.hired for r in rows]


# --- the planner's deadlines ------------------------------------------------------------------


def test_the_planner_gives_the_contract_and_review_deadlines():
    o = orient(D(2025, 1, 31))
    (d,) = planning.deadlines([o], on=D(2025, 2, 1), within_days=60)
    assert (d.code, d.day, d.subject) == ("deadline.engagement_contract", D(2025, 2, 28), "a")
    assert planning.deadlines([o], on=D(2025, 3, 1), within_days=60) == []
    signed = engagement(D(2025, 2, 20), social_support=True)
    assert planning.deadlines([o, signed], on=D(2025, 2, 1), within_days=60) == []
    (r,) = planning.deadlines([signed], on=D(2025, 8, 1), within_days=30)
    assert (r.code, r.day) == ("deadline.social_review", D(2025, 8, 20))
    assert "Joint diagnosis" in r.in_language("en").message
    reviewed = attrs_evolve(signed, reviewed_on=D(2025, 8, 1))
    assert planning.deadlines([reviewed], on=D(2025, 8, 1), within_days=30) == []
    assert planning.deadlines([orient(D(2024, 12, 31))], on=D(2025, 1, 1)) == []


@given(informed=st.dates(D(2024, 11, 1), D(2030, 12, 31)), delay=st.integers(0, 90))
@example(informed=D(2024, 12, 31), delay=90)  # before the reform: never judged
@example(informed=D(2025, 1, 1), delay=42)  # the last day: on time
@example(informed=D(2025, 1, 1), delay=43)  # the day after: late
@example(informed=D(2028, 1, 18), delay=42)  # 29 February 2028
def test_the_decision_is_late_exactly_after_42_days_from_2025(informed, delay):
    informed = pendulum.Date(informed.year, informed.month, informed.day)
    decided = informed.add(days=delay)
    report = check_orientation(orient(decided, informed_on=informed), on=decided)
    late = "orientation.decision_deadline" in codes(report)
    assert late is (informed >= D(2025, 1, 1) and delay > 42)

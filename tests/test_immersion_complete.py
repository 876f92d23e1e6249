"""Complete PMSMP: purpose, renewals, schedule, prescriber and assessment."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import example, given, settings

import iae_core as I
from iae_core import dates, params
from iae_core.partnerships import partnership_summary
from iae_core.testing import followup_strategies as fs

D = pendulum.date
HOST = "55208131766522"
OTHER_HOST = "54210765113030"
ON = D(2026, 1, 1)
DAILY = params.get("immersion.max_daily_hours").at(ON)
WEEKLY = params.get("immersion.max_weekly_hours").at(ON)


def imm(start, end, *, host=HOST, purpose=None, renewal_of=None, schedule=(), assessment=None):
    return I.Immersion(
        start=start,
        end=end,
        host_siret=host,
        purpose=purpose,
        renewal_of=renewal_of,
        schedule=tuple(I.ScheduleDay(on=d, hours=h) for d, h in schedule),
        assessment=assessment,
    )


def codes(immersions):
    return I.check_immersions(immersions, on=ON).codes


# --- the purpose of a renewal (D5135-3: renewed once "pour le même objet") -------------------


def test_renewal_for_the_same_purpose_is_fine():
    first = imm(D(2025, 3, 3), D(2025, 3, 14), purpose="CONFIRM_PROJECT")
    renewal = imm(
        D(2025, 3, 17), D(2025, 3, 28), purpose="CONFIRM_PROJECT", renewal_of=D(2025, 3, 3)
    )
    assert codes([first, renewal]) == frozenset()


def test_renewal_for_another_purpose_is_an_error():
    first = imm(D(2025, 3, 3), D(2025, 3, 14), purpose="CONFIRM_PROJECT")
    renewal = imm(
        D(2025, 3, 17), D(2025, 3, 28), purpose="START_RECRUITMENT", renewal_of=D(2025, 3, 3)
    )
    report = I.check_immersions([renewal, first], on=ON)
    (finding,) = report
    assert finding.code == "pmsmp.renewal_purpose"
    assert finding.path == "immersions[0].purpose"
    assert finding.params["renewed_start"] == D(2025, 3, 3)
    assert "Initier une démarche de recrutement" in finding.message
    assert "03/03/2025" in finding.message
    assert "same purpose" in finding.in_language("en").message


def test_renewal_with_an_unrecorded_purpose_is_not_judged():
    first = imm(D(2025, 3, 3), D(2025, 3, 14), purpose=None)
    renewal = imm(
        D(2025, 3, 17), D(2025, 3, 28), purpose="START_RECRUITMENT", renewal_of=D(2025, 3, 3)
    )
    assert codes([first, renewal]) == frozenset()


# --- two agreements with one host need different purposes -------------------------------------


@pytest.mark.parametrize("first_start", [D(2025, 3, 10), D(2024, 1, 31), D(2024, 2, 29)])
def test_same_purpose_same_host_on_both_sides_of_the_window(first_start):
    window_end = dates.months_end(
        first_start, params.get("immersion.same_host_window_months").at(first_start)
    )
    first = imm(first_start, first_start.add(days=4), purpose="DISCOVER_TRADE")
    inside = imm(window_end, window_end.add(days=4), purpose="DISCOVER_TRADE")
    outside = imm(window_end.add(days=1), window_end.add(days=5), purpose="DISCOVER_TRADE")
    report = I.check_immersions([first, inside], on=ON)
    assert report.codes == {"pmsmp.same_purpose_same_host"}
    assert report[0].path == "immersions[1].purpose"
    assert report[0].params["other_start"] == first_start
    assert "pmsmp.same_purpose_same_host" not in codes([first, outside])


def test_ordinary_window_end_is_the_day_before_the_same_day_a_year_later():
    first = imm(D(2025, 3, 10), D(2025, 3, 14), purpose="DISCOVER_TRADE")
    assert codes([first, imm(D(2026, 3, 9), D(2026, 3, 13), purpose="DISCOVER_TRADE")])
    assert not codes([first, imm(D(2026, 3, 10), D(2026, 3, 13), purpose="DISCOVER_TRADE")])


def test_different_purposes_or_hosts_are_fine():
    first = imm(D(2025, 3, 10), D(2025, 3, 14), purpose="DISCOVER_TRADE")
    assert not codes([first, imm(D(2025, 6, 2), D(2025, 6, 6), purpose="CONFIRM_PROJECT")])
    assert not codes(
        [first, imm(D(2025, 6, 2), D(2025, 6, 6), purpose="DISCOVER_TRADE", host=OTHER_HOST)]
    )
    assert not codes([first, imm(D(2025, 6, 2), D(2025, 6, 6), purpose=None)])


def test_a_renewal_is_not_a_second_agreement():
    first = imm(D(2025, 3, 10), D(2025, 3, 14), purpose="DISCOVER_TRADE")
    renewal = imm(
        D(2025, 3, 17), D(2025, 3, 21), purpose="DISCOVER_TRADE", renewal_of=D(2025, 3, 10)
    )
    assert codes([first, renewal]) == frozenset()


# --- the schedule: 10 h a day (L3121-18), 48 h a calendar week (L3121-20) ---------------------


def test_daily_hours_on_both_sides_of_the_limit():
    day = D(2025, 3, 12)
    ok = imm(day, day, schedule=[(day, DAILY)])
    assert I.check(ok, on=ON).codes == frozenset()
    over = imm(day, day, schedule=[(day, DAILY + 0.25)])
    (finding,) = I.check(over, on=ON)
    assert finding.code == "pmsmp.daily_hours"
    assert finding.path == "schedule[0]"
    assert finding.params["max_hours"] == DAILY
    assert "12/03/2025" in finding.message
    assert "10,25\u00a0h" in finding.message


def test_two_agreements_the_same_day_add_up():
    day = D(2025, 3, 12)
    a = imm(day, day, schedule=[(day, DAILY / 2)])
    b = imm(day, day, host=OTHER_HOST, schedule=[(day, DAILY / 2)])
    assert codes([a, b]) == frozenset()
    c = imm(day, day, host=OTHER_HOST, schedule=[(day, DAILY / 2 + 0.5)])
    report = I.check_immersions([a, c], on=ON)
    assert report.codes == {"pmsmp.daily_hours"}
    assert report[0].path == "immersions[1].schedule[0]"


def _week(monday, per_day, days=5):
    return [(monday.add(days=i), per_day) for i in range(days)]


def test_weekly_hours_on_both_sides_of_the_limit():
    monday = D(2025, 3, 10)
    per_day = WEEKLY / 6  # 8 h over six days: exactly 48 h
    ok = imm(monday, monday.add(days=6), schedule=_week(monday, per_day, days=6))
    assert I.check(ok, on=ON).codes == frozenset()
    sunday = monday.add(days=6)
    over = imm(monday, sunday, schedule=[*_week(monday, per_day, days=6), (sunday, 0.5)])
    (finding,) = I.check(over, on=ON)
    assert finding.code == "pmsmp.weekly_hours"
    assert finding.path == "schedule[6]"  # the day the 48 h are passed
    assert (finding.params["week_start"], finding.params["week_end"]) == (monday, sunday)
    assert finding.params["hours"] == WEEKLY + 0.5


def test_the_calendar_week_starts_on_monday():
    # 40 h from Wednesday to Sunday, then 40 h from Monday: two weeks, no excess
    wednesday = D(2025, 3, 12)
    days = [(wednesday.add(days=i), 8) for i in range(5)]
    days += [(D(2025, 3, 17).add(days=i), 8) for i in range(5)]
    m = imm(wednesday, D(2025, 3, 21), schedule=days)
    assert I.check(m, on=ON).codes == frozenset()
    # the same 80 h pushed into one Monday-to-Sunday week exceed it
    m2 = imm(
        D(2025, 3, 10),
        D(2025, 3, 16),
        schedule=[(D(2025, 3, 10).add(days=i), 10) for i in range(5)],
    )
    assert I.check(m2, on=ON).codes == {"pmsmp.weekly_hours"}


def test_weeks_across_a_month_end_and_29_february():
    monday = D(2024, 2, 26)  # 26 Feb to 3 March 2024, across 29 February
    m = imm(monday, monday.add(days=6), schedule=_week(monday, 9.75))  # 48.75 h
    report = I.check(m, on=ON)
    assert report.codes == {"pmsmp.weekly_hours"}
    assert report[0].params["week_end"] == D(2024, 3, 3)
    m_ok = imm(monday, monday.add(days=6), schedule=_week(monday, 9.6))  # 48 h
    assert I.check(m_ok, on=ON).codes == frozenset()


@settings(max_examples=60, deadline=None)
@given(fs.complete_immersions(lawful=True))
@example(imm(D(2025, 3, 10), D(2025, 3, 16), schedule=_week(D(2025, 3, 10), 48 / 7, days=7)))
def test_lawful_schedules_give_no_hours_finding(m):
    assert I.check(m, on=ON).codes.isdisjoint({"pmsmp.daily_hours", "pmsmp.weekly_hours"})


# --- the entity --------------------------------------------------------------------------------


def test_schedule_days_are_within_the_agreement_and_distinct():
    with (
        I.language("en"),
        pytest.raises(I.InvalidData, match=r"schedule\[0\]\.on: outside the period") as info,
    ):
        imm(D(2025, 3, 10), D(2025, 3, 14), schedule=[(D(2025, 3, 15), 7)])
    assert info.value.types == ("outside_period",)
    # the day of the end is inside, the day after is not (above), the day before the start:
    with (
        I.language("en"),
        pytest.raises(I.InvalidData, match=r"schedule\[0\]\.on: outside the period"),
    ):
        imm(D(2025, 3, 10), D(2025, 3, 14), schedule=[(D(2025, 3, 9), 7)])
    imm(D(2025, 3, 10), D(2025, 3, 14), schedule=[(D(2025, 3, 10), 7), (D(2025, 3, 14), 7)])
    with (
        I.language("en"),
        pytest.raises(I.InvalidData, match=r"schedule\[1\]\.on: duplicate") as info,
    ):
        imm(D(2025, 3, 10), D(2025, 3, 14), schedule=[(D(2025, 3, 11), 7), (D(2025, 3, 11), 1)])
    assert info.value.types == ("duplicate",)
    with pytest.raises(I.InvalidData, match="hours"):
        I.ScheduleDay(on=D(2025, 3, 11), hours=0)
    with pytest.raises(I.InvalidData, match="hours"):
        I.ScheduleDay(on=D(2025, 3, 11), hours=24.5)


def test_assessment_validation():
    with I.language("en"), pytest.raises(I.InvalidData, match="hire_kind: given without hired_on"):
        I.ImmersionAssessment(outcome="COMPLETED", hire_kind="CDI")
    with pytest.raises(I.InvalidData, match=r"assessment\.hired_on"):
        imm(
            D(2025, 3, 10),
            D(2025, 3, 14),
            assessment=I.ImmersionAssessment(outcome="COMPLETED", hired_on=D(2025, 3, 9)),
        )


def test_a_complete_immersion_round_trips_and_old_ones_still_load():
    m = I.Immersion(
        start=D(2025, 3, 10),
        end=D(2025, 3, 14),
        host_siret=HOST,
        purpose="START_RECRUITMENT",
        schedule=(I.ScheduleDay(on=D(2025, 3, 10), hours=7.5),),
        prescriber="FRANCE_TRAVAIL",
        prescriber_siret=OTHER_HOST,
        assessment=I.ImmersionAssessment(
            outcome="COMPLETED", hired_on=D(2025, 4, 1), hire_kind="CDI"
        ),
    )
    data = I.dump(m)
    assert data["purpose"] == "START_RECRUITMENT"
    assert data["schedule"][0]["hours"] == 7.5
    assert I.load(I.Immersion, data) == m
    old = I.load(I.Immersion, {"start": "2025-03-10", "end": "2025-03-14", "host_siret": HOST})
    assert (old.purpose, old.schedule, old.assessment) == (None, (), None)


# --- assessments feed partnership_summary's conversion ------------------------------------------

COMPANY = I.Company(siret=HOST, name="Transports Durand", department="69")
ACI = I.Structure(siret="73282932000074", kind="ACI", name="Jardins du Val", department="35")


def _partnership(*events):
    return I.Partnership(
        id="p",
        company=COMPANY,
        members=(ACI,),
        kinds={"IMMERSION_HOSTING"},
        start=D(2025, 1, 1),
        events=events,
    )


def _immersion_event(person, start, assessment=None):
    return I.PartnershipEvent(
        kind="IMMERSION",
        start=start,
        end=start.add(days=4),
        person_id=person,
        assessment=assessment,
    )


def test_an_assessed_hire_converts_without_a_hire_event():
    hired = I.ImmersionAssessment(outcome="COMPLETED", hired_on=D(2025, 4, 1), hire_kind="CDD")
    partly = I.ImmersionAssessment(outcome="PARTLY")
    p = _partnership(
        _immersion_event("a", D(2025, 3, 10), hired),
        _immersion_event("b", D(2025, 3, 10), partly),
        _immersion_event("c", D(2025, 3, 10)),
    )
    s = partnership_summary(p, period=(D(2025, 1, 1), D(2025, 12, 31)))
    assert (s.people_immersed, s.converted, s.conversion_rate) == (3, 1, pytest.approx(1 / 3))
    assert (s.completed, s.partly, s.did_not_come, s.hired_after_immersion) == (1, 1, 0, 1)
    # the conversion window applies to the assessed hire too (18 days after the end)
    assert (
        partnership_summary(
            p, period=(D(2025, 1, 1), D(2025, 12, 31)), conversion_window_days=18
        ).converted
        == 1
    )
    assert (
        partnership_summary(
            p, period=(D(2025, 1, 1), D(2025, 12, 31)), conversion_window_days=17
        ).converted
        == 0
    )


def test_a_no_show_is_not_immersed():
    no_show = I.ImmersionAssessment(outcome="DID_NOT_COME")
    p = _partnership(
        _immersion_event("a", D(2025, 3, 10), no_show),
        _immersion_event("b", D(2025, 3, 10)),
    )
    s = partnership_summary(p, period=(D(2025, 1, 1), D(2025, 12, 31)))
    assert (s.immersions, s.people_immersed, s.did_not_come) == (2, 1, 1)
    assert s.as_dict()["did_not_come"] == 1


def test_only_an_immersion_has_an_assessment():
    with (
        I.language("en"),
        pytest.raises(I.InvalidData, match=r"assessment: only when kind is IMMERSION") as info,
    ):
        I.PartnershipEvent(
            kind="VISIT",
            start=D(2025, 3, 10),
            assessment=I.ImmersionAssessment(outcome="COMPLETED"),
        )
    assert info.value.types == ("not_allowed",)

"""planning.deadlines: the dates the checks judge, in the span, sorted, in two languages."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iae_core import planning
from iae_core.approvals import Approval, Prolongation, prolongation_check
from iae_core.contracts import Contract, check_contract
from iae_core.eligibility import EligibilityDiagnosis
from iae_core.errors import InvalidData
from iae_core.parcours import Parcours
from iae_core.people import Person, Structure
from iae_core.planning._deadlines import CODES, window_runs
from iae_core.testing.lawful import lawful_parcours

D = pendulum.date


def _day(d, n):
    return pendulum.Date.fromordinal(d.toordinal() + n)


def test_codes():
    assert set(CODES) == {
        "deadline.pass_end",
        "deadline.diagnosis_expiry",
        "deadline.contract_latest_end",
        "deadline.prolongation_window_opens",
        "deadline.prolongation_window_closes",
        "deadline.placement_window_end",
        "deadline.waiting_period_end",
        "deadline.cdi_inclusion_possible",
        "deadline.engagement_contract",  # RSA orientation, 2025 (tests/test_orientation_2025.py)
        "deadline.social_review",
    }


def test_approval_deadlines_and_span_edges():
    a = Approval(number="999990000001", start=D(2024, 3, 1))  # ends 2026-02-28
    found = planning.deadlines([a], on=D(2026, 2, 28), within_days=0)
    assert [(d.day, d.code) for d in found] == [
        (D(2026, 2, 28), "deadline.pass_end"),
        (D(2026, 2, 28), "deadline.prolongation_window_closes"),
    ]
    assert found[0].subject == "999990000001"
    assert found[0].path == ""
    assert found[0].message == "Le PASS IAE 999990000001 prend fin le 28/02/2026."
    assert found[0].in_language("en").message == "PASS IAE 999990000001 ends on 28 February 2026."
    assert planning.deadlines([a], on=D(2026, 3, 1), within_days=10) == []
    assert planning.deadlines([a], on=D(2026, 2, 18), within_days=9) == []


def test_window_runs_follow_the_dated_versions():
    a = Approval(number="999990000001", start=D(2024, 3, 1))
    assert window_runs(a) == [(D(2025, 7, 28), D(2026, 2, 28)), (D(2026, 5, 21), D(2026, 8, 28))]
    # every day of a run is a day the rule accepts; the days around are refused
    p = Prolongation(start=a.end, end=_day(a.end, 1), reason="COMPLETE_TRAINING")
    for first, last in window_runs(a):
        for day, inside in (
            (first, True),
            (last, True),
            (_day(first, -1), False),
            (_day(last, 1), False),
        ):
            codes = {f.code for f in prolongation_check(a, p, on=day, structure_kind="ACI")}
            assert ("prolongation.window" not in codes) is inside, day
    found = planning.deadlines([a], on=D(2026, 5, 1), within_days=120)
    assert [(d.day, d.code) for d in found] == [
        (D(2026, 5, 21), "deadline.prolongation_window_opens"),
        (D(2026, 8, 28), "deadline.prolongation_window_closes"),
    ]


def test_waiting_period_end():
    a = Approval(number="999990000001", start=D(2022, 3, 1))  # ends 2024-02-29
    found = planning.deadlines([a], on=D(2026, 2, 1), within_days=60)
    assert [(d.day, d.code) for d in found] == [(D(2026, 2, 28), "deadline.waiting_period_end")]
    assert "à partir du 01/03/2026" in found[0].message


def test_diagnosis_last_valid_day():
    d = EligibilityDiagnosis(author="EMPLOYER", made_on=D(2025, 2, 3), criteria={"CAP_BEP", "QPV"})
    found = planning.deadlines([d], on=D(2025, 5, 1), within_days=30)
    assert [(x.day, x.code, x.subject) for x in found] == [
        (D(2025, 5, 5), "deadline.diagnosis_expiry", "0")
    ]
    assert d.is_valid(D(2025, 5, 5))
    assert not d.is_valid(D(2025, 5, 6))


def test_cddi_latest_end_agrees_with_the_max_duration_rule():
    c = Contract(
        kind="CDDI", structure_kind="ACI", start=D(2024, 2, 29), end=D(2026, 1, 31), weekly_hours=26
    )
    found = planning.deadlines([c], on=D(2026, 1, 1), within_days=90)
    (d,) = [x for x in found if x.code == "deadline.contract_latest_end"]
    assert d.day == D(2026, 2, 28)
    import attrs

    at = attrs.evolve(c, end=d.day)
    assert "contract.max_duration" not in check_contract(at, on=D(2024, 3, 1)).codes
    past = attrs.evolve(c, end=_day(d.day, 1))
    assert "contract.max_duration" in check_contract(past, on=D(2024, 3, 1)).codes


START = D(2024, 1, 8)


def _parcours(birth, start=START, kind="ACI"):
    person = Person(id="p1", birth_date=birth)
    structure = Structure(siret="73282932000074", kind=kind, name="S", department="75")
    contract = Contract(
        kind="CDDI", structure_kind=kind, start=start, end=D(2025, 12, 31), weekly_hours=26
    )
    return Parcours(person=person, structure=structure, contracts=[contract])


@pytest.mark.parametrize("shift", [-1, 0, 1])
def test_cdi_inclusion_possible_for_a_person_turning_57(shift):
    birth = _day(D(1968, 3, 10), shift)
    p = _parcours(birth)
    found = planning.deadlines([p], on=D(2025, 3, 1), within_days=30)
    (d,) = [x for x in found if x.code == "deadline.cdi_inclusion_possible"]
    assert d.day == _day(D(2025, 3, 10), shift)
    assert d.subject == "p1"
    cdi = Contract(
        kind="CDI_INCLUSION", structure_kind="ACI", start=d.day, end=None, weekly_hours=26
    )
    codes = check_contract(cdi, on=d.day, person=p.person, parcours_start=D(2024, 1, 8)).codes
    assert not codes & {"cdi_inclusion.age", "cdi_inclusion.too_early"}
    early = Contract(
        kind="CDI_INCLUSION", structure_kind="ACI", start=_day(d.day, -1), end=None, weekly_hours=26
    )
    codes = check_contract(early, on=d.day, person=p.person, parcours_start=D(2024, 1, 8)).codes
    assert "cdi_inclusion.age" in codes


def test_cdi_inclusion_possible_after_12_months_of_parcours():
    p = _parcours(D(1960, 1, 1), start=D(2024, 2, 29))
    found = planning.deadlines([p], on=D(2025, 2, 1), within_days=60)
    (d,) = [x for x in found if x.code == "deadline.cdi_inclusion_possible"]
    assert d.day == D(2025, 3, 1)
    for day, ok in ((d.day, True), (_day(d.day, -1), False)):
        cdi = Contract(
            kind="CDI_INCLUSION", structure_kind="ACI", start=day, end=None, weekly_hours=26
        )
        codes = check_contract(cdi, on=day, person=p.person, parcours_start=D(2024, 2, 29)).codes
        assert ("cdi_inclusion.too_early" not in codes) is ok


def test_sorted_by_day_and_mixed_subjects():
    a = Approval(number="999990000001", start=D(2024, 3, 1))
    d = EligibilityDiagnosis(
        author="EMPLOYER", made_on=D(2025, 11, 20), criteria={"CAP_BEP", "QPV"}
    )
    found = planning.deadlines([a, d], on=D(2026, 1, 1), within_days=90, lang="en")
    assert [x.day for x in found] == sorted(x.day for x in found)
    assert {x.subject for x in found} == {"999990000001", "1"}
    assert all(x.message and x.reference for x in found)
    assert found[0].to_json()["day"] == found[0].day.isoformat()


@pytest.mark.parametrize(
    ("within_days", "variant"),
    [
        (-1, "at_least"),
        (0, None),
        (planning.MAX_WITHIN_DAYS, None),
        (planning.MAX_WITHIN_DAYS + 1, "at_most"),
        (10**9, "at_most"),
    ],
)
def test_the_window_is_bounded_on_both_sides(within_days, variant):
    a = Approval(number="999990000001", start=D(2024, 3, 1))
    on = D(2199, 12, 31)  # the widest window from the last day stays within pendulum's years
    if variant is None:
        planning.deadlines([a], on=on, within_days=within_days)
        return
    with pytest.raises(InvalidData) as caught:
        planning.deadlines([a], on=on, within_days=within_days)
    (problem,) = caught.value.to_json("en")
    assert (problem["loc"], problem["type"]) == (["within_days"], "out_of_range")
    assert caught.value.errors[0][1].startswith(
        "must be at least 0" if variant == "at_least" else "must be at most 109572"
    )


def test_an_unplannable_subject_is_named_in_both_languages():
    with pytest.raises(InvalidData) as caught:
        planning.deadlines([Person(id="p", birth_date=D(1990, 1, 1))], on=D(2026, 1, 1))
    assert caught.value.types == ("not_plannable",)
    assert caught.value.paths == ("[0]",)
    (fr,), (en,) = ([m for _, m in caught.value.messages(lang)] for lang in ("fr", "en"))
    assert fr.startswith("impossible de planifier un Person")
    assert en.startswith("cannot plan a Person")


def test_bad_subjects():
    with pytest.raises(InvalidData):
        planning.deadlines([object()], on=D(2026, 1, 1))
    with pytest.raises(InvalidData):
        planning.deadlines([], on=D(2026, 1, 1), within_days=-1)


ON = D(2025, 9, 1)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(lawful_parcours(on=ON), st.integers(0, 400))
def test_property_deadlines_in_span_and_agree_with_plans(p, within):
    found = planning.deadlines([p], on=ON, within_days=within)
    last = _day(ON, within)
    assert all(ON <= d.day <= last for d in found)
    assert [d.day for d in found] == sorted(d.day for d in found)
    for d in found:
        if d.code == "deadline.pass_end":
            assert d.day == p.approval.end
        elif d.code == "deadline.prolongation_window_closes":
            plan = planning.approval(p.approval, on=d.day, structure_kind=p.structure.kind)
            assert plan.prolongation_window is not None
            assert plan.prolongation_window[1] == d.day


def test_messages_are_rendered_when_read_and_kept():
    a = Approval(number="999990000001", start=D(2024, 3, 1))  # ends 2026-02-28
    (found,) = [
        d
        for d in planning.deadlines([a], on=D(2026, 2, 28), within_days=0, lang="en")
        if d.code == "deadline.pass_end"
    ]
    assert found._message is None  # nothing rendered yet: a national run reads few messages
    assert found.message == "PASS IAE 999990000001 ends on 28 February 2026."
    assert found._message == found.message  # rendered once, then kept
    fr = found.in_language("fr")
    assert fr.message == "Le PASS IAE 999990000001 prend fin le 28/02/2026."
    assert found.message.startswith("PASS")  # the English one is left as it was
    assert fr != found
    assert fr == found.in_language("fr")
    given_text = planning.Deadline(
        day=D(2026, 2, 28),
        code="deadline.pass_end",
        subject="x",
        path="",
        reference="r",
        message="as given",
    )
    assert given_text.message == "as given"
    assert given_text.to_json()["message"] == "as given"


@pytest.mark.parametrize("enabled", [True, False])
def test_deadlines_leave_the_collector_as_it_was(enabled):
    import gc

    a = Approval(number="999990000001", start=D(2024, 3, 1))
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        planning.deadlines([a, a], on=D(2026, 2, 28), within_days=0)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_memo_gives_each_approval_its_own_dates():
    # two PASS with the same start and different ends (a suspension): their windows differ
    a = Approval(number="999990000001", start=D(2024, 3, 1))
    from iae_core.approvals import Suspension

    b = Approval(
        number="999990000002",
        start=D(2024, 3, 1),
        suspensions=(
            Suspension(start=D(2024, 6, 1), end=D(2024, 6, 11), reason="CONTRACT_SUSPENDED"),
        ),
    )
    both = planning.deadlines([a, b], on=D(2025, 1, 1), within_days=1300)
    alone = planning.deadlines([a], on=D(2025, 1, 1), within_days=1300) + planning.deadlines(
        [b], on=D(2025, 1, 1), within_days=1300
    )
    key = lambda d: (d.day, d.code, d.subject)  # noqa: E731
    assert sorted(map(key, both)) == sorted(map(key, alone))
    assert {d.subject for d in both if d.code == "deadline.waiting_period_end"} == {
        "999990000001",
        "999990000002",
    }

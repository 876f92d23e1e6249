"""The whole-parcours check: every rule with the parcours as context, paths from the root."""

import pendulum
import pytest
from hypothesis import given, settings

import iae_core as I
from iae_core.testing import strategies as ist

d = pendulum.date
ON = d(2026, 11, 23)
ACI = I.Structure(siret="73282932000074", kind="ACI", name="Atelier", department="59")
HOST = "73282932000074"


BORN_1980 = d(1980, 1, 1)


def _person(birth=BORN_1980, **kw):
    return I.Person(id="p1", birth_date=birth, **kw)


def _cddi(start, end, **kw):
    return I.Contract(
        kind="CDDI", structure_kind="ACI", start=start, end=end, weekly_hours=26, **kw
    )


def _parcours(contracts, *, person=None, approval=None, diagnosis=None, exit=None, structure=ACI):
    return I.Parcours(
        person=person or _person(),
        structure=structure,
        diagnosis=diagnosis,
        approval=approval,
        contracts=tuple(contracts),
        exit=exit,
    )


JAN_2024 = d(2024, 1, 1)


def _pass(start=JAN_2024):
    return I.Approval(number="999990000001", start=start)


def test_lawful_parcours_has_no_finding():
    p = _parcours(
        [_cddi(d(2024, 1, 1), d(2024, 6, 30)), _cddi(d(2024, 7, 1), d(2024, 12, 31))],
        approval=_pass(),
        diagnosis=I.EligibilityDiagnosis(author="PRESCRIBER", made_on=d(2023, 12, 1)),
    )
    assert list(I.check(p, on=ON)) == []


def test_paths_are_rooted_at_the_parcours():
    p = _parcours(
        [
            _cddi(d(2024, 1, 1), d(2024, 6, 30)),
            _cddi(d(2024, 7, 1), d(2024, 12, 31), renewals=[I.Renewal(end=d(2026, 7, 1))]),
        ],
        approval=_pass(),
        diagnosis=I.EligibilityDiagnosis(
            author="EMPLOYER", made_on=d(2023, 12, 1), criteria=["QPV"], author_siret=ACI.siret
        ),
    )
    report = I.check(p, on=ON)
    paths = {f.code: f.path for f in report}
    assert paths["contract.max_duration"].startswith("contracts[1].renewals[0]")
    assert paths["eligibility.insufficient_criteria"] == "diagnosis.criteria"


def test_no_approval_is_an_error_in_a_parcours():
    report = I.check(_parcours([_cddi(d(2024, 1, 1), d(2024, 6, 30))]), on=ON)
    assert [f.path for f in report if f.code == "contract.no_approval"] == ["contracts[0].start"]


def test_approval_paths_are_prefixed():
    approval = I.Approval(
        number="12345",
        start=d(2024, 1, 1),
    )
    report = I.check(_parcours([_cddi(d(2024, 1, 1), d(2024, 6, 30))], approval=approval), on=ON)
    assert [f.path for f in report if f.code == "approval.number_format"] == ["approval.number"]


@pytest.mark.parametrize(("birth", "fires"), [(d(1967, 1, 2), True), (d(1967, 1, 1), False)])
def test_person_age_at_hiring_reaches_the_contract_rules(birth, fires):
    # CDI inclusion needs the person aged 57 on hiring (L5132-15-1-1): 2024-01-01.
    cdi = I.Contract(
        kind="CDI_INCLUSION", structure_kind="ACI", start=d(2024, 1, 1), end=None, weekly_hours=26
    )
    p = _parcours([cdi], person=_person(birth), approval=_pass(d(2022, 12, 1)))
    assert ("cdi_inclusion.age" in I.check(p, on=ON).codes) is fires


@pytest.mark.parametrize(("start", "fires"), [(d(2023, 12, 2), True), (d(2023, 12, 1), False)])
def test_parcours_start_reaches_the_cdi_inclusion_rule(start, fires):
    # The parcours began with the PASS on 2022-12-01... or just under 12 months before.
    cdi = I.Contract(
        kind="CDI_INCLUSION", structure_kind="ACI", start=d(2024, 12, 1), end=None, weekly_hours=26
    )
    p = _parcours([cdi], person=_person(d(1960, 1, 1)), approval=_pass(start))
    assert ("cdi_inclusion.too_early" in I.check(p, on=ON).codes) is fires


def test_justice_measure_lifts_the_minimum_duration():
    short = [_cddi(d(2024, 1, 1), d(2024, 3, 31))]
    assert "contract.min_duration" in I.check(_parcours(short, approval=_pass()), on=ON).codes
    p = _parcours(short, approval=_pass(), person=_person(under_justice_measure=True))
    assert "contract.min_duration" not in I.check(p, on=ON).codes


def test_exit_before_start():
    p = _parcours(
        [_cddi(d(2024, 1, 1), d(2024, 6, 30))],
        approval=_pass(),
        exit=I.Exit(on=d(2023, 12, 31), kind="CDI"),
    )
    assert [f.path for f in I.check(p, on=ON) if f.code == "exit.before_start"] == ["exit.on"]


def _immersion(start, days, renewal_of=None):
    return I.Immersion(
        start=start, end=start.add(days=days - 1), host_siret=HOST, renewal_of=renewal_of
    )


def test_pmsmp_same_host_across_contracts():
    # Three agreements with one host within 12 months, spread over two contracts: the
    # third is one too many (D5135-3), though each contract alone is within the limit.
    c0 = _cddi(
        d(2024, 1, 1),
        d(2024, 6, 30),
        immersions=[_immersion(d(2024, 2, 1), 5), _immersion(d(2024, 4, 1), 5)],
    )
    c1 = _cddi(d(2024, 7, 1), d(2024, 12, 31), immersions=[_immersion(d(2024, 8, 1), 5)])
    alone = [I.check(c, on=ON) for c in (c0, c1)]
    assert all("pmsmp.same_host" not in r.codes for r in alone)
    report = I.check(_parcours([c0, c1], approval=_pass()), on=ON)
    assert [f.path for f in report if f.code == "pmsmp.same_host"] == ["contracts[1].immersions[0]"]
    # two agreements in all: no finding
    c1b = _cddi(d(2024, 7, 1), d(2024, 12, 31))
    assert "pmsmp.same_host" not in I.check(_parcours([c0, c1b], approval=_pass()), on=ON).codes


def test_contracts_must_be_of_the_structure_kind():
    ei = I.Contract(
        kind="CDDI", structure_kind="EI", start=d(2024, 1, 1), end=d(2024, 6, 30), weekly_hours=26
    )
    with pytest.raises(I.InvalidData) as info:
        _parcours([ei])
    assert info.value.paths == ("contracts[0].structure_kind",)


@settings(max_examples=60, deadline=None)
@given(ist.parcours())
def test_check_never_raises_and_paths_are_rooted(p):
    report = I.check(p, on=ON)
    roots = ("", "person", "structure", "diagnosis", "approval", "contracts[", "actions[", "exit")
    assert all(f.path.startswith(roots) for f in report)


EITI = I.Structure(siret="73282932000074", kind="EITI", name="Indép", department="59")


@pytest.mark.parametrize(
    # EITI contracts need a PASS IAE from 2021-09-01 (APPROVAL_REQUIRED, rules.md
    # contract.no_approval: "not EITI before it had PASS"), in a parcours as alone.
    ("start", "fires"),
    [(d(2021, 8, 31), False), (d(2021, 9, 1), True), (d(2021, 9, 2), True)],
)
def test_eiti_contract_without_pass_in_a_parcours(start, fires):
    c = I.Contract(
        kind="COMMERCIAL",
        structure_kind="EITI",
        start=start,
        end=start.add(months=6),
        weekly_hours=30,
    )
    report = I.check(_parcours([c], structure=EITI), on=ON)
    assert ("contract.no_approval" in report.codes) is fires
    alone = I.check(c, on=ON, require_approval=True)
    assert ("contract.no_approval" in alone.codes) is fires


ETTI = I.Structure(siret="73282932000074", kind="ETTI", name="Intérim", department="59")


@pytest.mark.parametrize(
    # CDI inclusion from 2024-03-01 until 2027-12-31: a mission of 30 months (past the 24 of
    # L5132-6, within the 36 of L5132-6-1) is lawful only when it starts within the CDI.
    ("mission_start", "cdi_end", "fires"),
    [
        (d(2024, 2, 29), None, True),  # the day before the CDI: 24 months
        (d(2024, 3, 1), None, False),  # the CDI's first day: 36 months
        (d(2024, 3, 2), None, False),
        (d(2024, 3, 2), d(2024, 3, 1), True),  # the day after the CDI ended
        (d(2024, 3, 1), d(2024, 3, 1), False),  # the CDI's last day
    ],
)
def test_mission_36_months_only_within_a_cdi_inclusion(mission_start, cdi_end, fires):
    cdi = I.Contract(
        kind="CDI_INCLUSION",
        structure_kind="ETTI",
        start=d(2024, 3, 1),
        end=cdi_end,
        weekly_hours=35,
    )
    mission = I.Contract(
        kind="MISSION",
        structure_kind="ETTI",
        start=mission_start,
        end=mission_start.add(months=30),
        weekly_hours=35,
    )
    p = _parcours(
        [cdi, mission], person=_person(d(1960, 1, 1)), structure=ETTI, approval=_pass(d(2023, 1, 1))
    )
    got = [f.path for f in I.check(p, on=ON) if f.code == "mission.max_duration"]
    assert got == (["contracts[1].end"] if fires else [])

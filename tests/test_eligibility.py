"""Eligibility diagnoses: validity, thresholds, exclusive pairs, authorship, consistency."""

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iae_core as I
from iae_core import eligibility as E
from iae_core.testing import approval_strategies as AS
from iae_core.testing.strategies import dates, diagnoses, persons

D = pendulum.date
C = I.Criterion
K = I.StructureKind
SIAE = [K.ACI, K.AI, K.EI, K.ETTI, K.EITI]
OUTSIDE = [K.EA, K.EATT, K.OPCS]
SIRET = "73282932000074"
OTHER_SIRET = "35600000000048"


MADE_ON = D(2025, 2, 3)


def diag(author="EMPLOYER", made_on=MADE_ON, criteria=(), siret=SIRET):
    return I.EligibilityDiagnosis(
        author=author, made_on=made_on, criteria=frozenset(criteria), author_siret=siret
    )


def codes(d, kind=K.ACI, on=None, **kw):
    return E.assess_eligibility(d, structure_kind=kind, on=on or d.made_on, **kw).codes


# --- validity -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "made_on", "expires_on"),
    [
        ("PRESCRIBER", D(2025, 2, 3), D(2025, 8, 3)),  # rules.md example
        ("GEIQ", D(2025, 2, 3), D(2025, 8, 3)),
        ("PRESCRIBER", D(2024, 8, 31), D(2025, 2, 28)),  # month end clamped
        ("EMPLOYER", D(2025, 2, 3), D(2025, 5, 6)),  # rules.md example: 92 days
        ("EMPLOYER", D(2025, 1, 13), D(2025, 4, 15)),  # day of the change: 92 days
        ("EMPLOYER", D(2025, 1, 12), D(2025, 7, 12)),  # day before: 6 months
        ("EMPLOYER", D(2025, 1, 14), D(2025, 4, 16)),  # day after
    ],
)
def test_expires_on(author, made_on, expires_on):
    d = diag(author, made_on)
    assert d.expires_on == expires_on
    assert d.is_valid(expires_on.subtract(days=1))
    assert not d.is_valid(expires_on)
    assert not d.is_valid(expires_on.add(days=1))


@pytest.mark.parametrize("kind", SIAE)
@pytest.mark.parametrize(
    ("author", "made_on", "first_invalid"),
    [
        ("PRESCRIBER", D(2025, 2, 3), D(2025, 8, 3)),
        ("EMPLOYER", D(2025, 2, 3), D(2025, 5, 6)),  # 92 days
        ("EMPLOYER", D(2025, 1, 12), D(2025, 7, 12)),  # made before 2025-01-13: 6 months
    ],
)
def test_expired_both_sides(kind, author, made_on, first_invalid):
    d = diag(author, made_on, criteria=[C.RSA])
    assert "eligibility.expired" not in codes(d, kind, on=first_invalid.subtract(days=1))
    assert "eligibility.expired" in codes(d, kind, on=first_invalid)
    assert "eligibility.expired" in codes(d, kind, on=first_invalid.add(days=1))
    f = E.assess_eligibility(d, structure_kind=kind, on=first_invalid)[0]
    assert (f.code, f.path, f.severity) == ("eligibility.expired", "made_on", I.Severity.ERROR)


def test_running_pass_keeps_diagnosis_valid():
    d = diag("PRESCRIBER")
    a = I.Approval(number="999990000001", start=D(2025, 3, 1))  # ends 2027-02-28
    assert a.end == D(2027, 2, 28)
    # kept while the PASS's end is strictly after the day judged: not on its last day
    assert "eligibility.expired" not in codes(d, on=D(2027, 2, 27), approval=a)
    assert "eligibility.expired" in codes(d, on=D(2027, 2, 28), approval=a)
    assert a.is_valid(D(2027, 2, 28))  # although the PASS itself is still valid that day
    assert "eligibility.expired" in codes(d, on=D(2027, 3, 1), approval=a)


@pytest.mark.parametrize(
    ("pass_end", "kept"),
    [
        (D(2026, 2, 27), False),  # PASS ended the day before
        (D(2026, 2, 28), False),  # PASS's last day is the day judged
        (D(2026, 3, 1), True),  # PASS ends the day after
    ],
)
def test_pass_end_day_before_of_after(pass_end, kept):
    on = D(2026, 2, 28)
    d = diag("PRESCRIBER", made_on=D(2025, 2, 3))  # expired since 2025-08-03
    a = I.Approval(number="999990000001", start=D(2024, 3, 1), initial_end=pass_end)
    assert E.kept_by_approval(a, on) is kept
    assert ("eligibility.expired" in codes(d, on=on, approval=a)) is not kept
    # an unexpired diagnosis needs no PASS at all
    assert "eligibility.expired" not in codes(diag("PRESCRIBER", made_on=on), on=on, approval=a)


def test_pass_end_29_february():
    d = diag("PRESCRIBER", made_on=D(2023, 2, 3))
    a = I.Approval(number="999990000001", start=D(2022, 3, 1), initial_end=D(2024, 2, 29))
    assert "eligibility.expired" not in codes(d, on=D(2024, 2, 28), approval=a)
    assert "eligibility.expired" in codes(d, on=D(2024, 2, 29), approval=a)
    assert "eligibility.expired" in codes(d, on=D(2024, 3, 1), approval=a)
    assert not E.kept_by_approval(None, D(2024, 2, 28))


# --- thresholds -----------------------------------------------------------------------------

LEVEL2 = [C.CAP_BEP, C.QPV, C.PM, C.FLE]


@pytest.mark.parametrize("kind", SIAE)
def test_employer_threshold_both_sides(kind):
    need = kind.level2_criteria_required
    assert need == (2 if kind in (K.AI, K.ETTI) else 3)
    below, at, above = (diag(criteria=LEVEL2[:n]) for n in (need - 1, need, need + 1))
    assert codes(below, kind) == {"eligibility.insufficient_criteria"}
    assert codes(at, kind) == frozenset()
    assert codes(above, kind) == frozenset()
    f = E.assess_eligibility(below, structure_kind=kind, on=below.made_on)[0]
    assert f.path == "criteria"
    assert f.reference.startswith("C. trav. art. R5132-1-7")


@pytest.mark.parametrize("kind", SIAE)
@pytest.mark.parametrize("level1", [C.RSA, C.ASS, C.AAH, C.DETLD])
def test_one_level1_criterion_is_enough(kind, level1):
    assert codes(diag(criteria=[level1]), kind) == frozenset()


@pytest.mark.parametrize("kind", SIAE)
def test_prescriber_needs_no_criterion(kind):
    assert codes(diag("PRESCRIBER", criteria=(), siret=None), kind) == frozenset()


def test_geiq_diagnosis_needs_one_criterion():
    assert codes(diag("GEIQ", criteria=(), siret=None), K.GEIQ) == {
        "eligibility.insufficient_criteria"
    }
    assert codes(diag("GEIQ", criteria=[C.QPV], siret=None), K.GEIQ) == frozenset()
    assert codes(diag("PRESCRIBER", siret=None), K.GEIQ) == frozenset()


@pytest.mark.parametrize("kind", OUTSIDE)
def test_no_eligibility_rules_outside_iae_and_geiq(kind):
    d = diag("ORIENTER", criteria=[C.SENIOR, C.JEUNE], made_on=D(2020, 1, 1))
    assert not E.assess_eligibility(d, structure_kind=kind, on=D(2025, 1, 1))
    assert E.is_eligible(d, structure_kind=kind, on=D(2025, 1, 1))


# --- exclusive pairs --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [*SIAE, K.GEIQ])
@pytest.mark.parametrize(("a", "b"), [(C.SENIOR, C.JEUNE), (C.DETLD, C.DELD)])
def test_exclusive_pairs(kind, a, b):
    author = "GEIQ" if kind is K.GEIQ else "PRESCRIBER"
    assert "eligibility.exclusive_criteria" not in codes(diag(author, criteria=[a]), kind)
    assert "eligibility.exclusive_criteria" not in codes(diag(author, criteria=[b]), kind)
    assert "eligibility.exclusive_criteria" in codes(diag(author, criteria=[a, b]), kind)


# --- authorship -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [*SIAE, K.GEIQ])
def test_orienter_cannot_author(kind):
    assert "eligibility.author_not_allowed" in codes(diag("ORIENTER", criteria=[C.RSA]), kind)


def test_employer_diagnosis_only_for_its_siae():
    d = diag(criteria=[C.RSA])
    assert codes(d, using_structure_siret=SIRET) == frozenset()
    assert codes(d, using_structure_siret=OTHER_SIRET) == {"eligibility.author_not_allowed"}
    assert codes(d) == frozenset()  # user unknown: not judged
    assert codes(diag(criteria=[C.RSA], siret=None), using_structure_siret=SIRET) == frozenset()
    assert codes(d, K.GEIQ) == {"eligibility.author_not_allowed"}
    prescriber = diag("PRESCRIBER", criteria=[], siret=None)
    assert codes(prescriber, using_structure_siret=OTHER_SIRET) == frozenset()


@pytest.mark.parametrize("kind", SIAE)
def test_geiq_diagnosis_not_for_siae(kind):
    assert codes(diag("GEIQ", criteria=[C.RSA], siret=None), kind) == {
        "eligibility.author_not_allowed"
    }


# --- consistency with the person's age on the diagnosis date ---------------------------------


def born(years_before, day=MADE_ON, shift=0):
    return I.Person(id="p", birth_date=day.subtract(years=years_before).add(days=shift))


@pytest.mark.parametrize("kind", SIAE)
def test_senior_from_50(kind):
    d = diag("PRESCRIBER", criteria=[C.SENIOR], siret=None)
    assert codes(d, kind, person=born(50)) == frozenset()  # 50 today
    assert codes(d, kind, person=born(50, shift=-1)) == frozenset()
    assert codes(d, kind, person=born(50, shift=1)) == {"eligibility.inconsistent_criterion"}


@pytest.mark.parametrize("kind", SIAE)
def test_jeune_under_26(kind):
    d = diag("PRESCRIBER", criteria=[C.JEUNE], siret=None)
    assert codes(d, kind, person=born(26, shift=1)) == frozenset()  # 26 tomorrow
    assert codes(d, kind, person=born(26)) == {"eligibility.inconsistent_criterion"}
    assert codes(d, kind, person=born(26, shift=-1)) == {"eligibility.inconsistent_criterion"}


def test_age_is_judged_on_the_diagnosis_date_not_on():
    d = diag("PRESCRIBER", criteria=[C.JEUNE], siret=None)
    p = born(26, shift=1)  # 25 on made_on, 26 the day after
    assert codes(d, person=p, on=D(2025, 3, 1)) == frozenset()


def test_check_dispatches_and_catalogue():
    d = diag(criteria=[C.CAP_BEP])
    r = I.check(d, on=D(2025, 2, 3), structure_kind=K.AI)
    assert r.codes == {"eligibility.insufficient_criteria"}
    assert {
        "eligibility.insufficient_criteria",
        "eligibility.exclusive_criteria",
        "eligibility.author_not_allowed",
        "eligibility.expired",
        "eligibility.inconsistent_criterion",
    } <= {r.code for r in I.rules()}
    assert [k for k, _ in E.EMPLOYER_DIAGNOSIS_VALIDITY.rows()] == [None, D(2025, 1, 13)]


# --- properties -------------------------------------------------------------------------------


@given(
    st.sampled_from(SIAE),
    st.sampled_from([I.AuthorKind.EMPLOYER, I.AuthorKind.PRESCRIBER]),
    st.data(),
)
def test_eligible_diagnoses_are_eligible_while_valid(kind, author, data):
    d = data.draw(AS.eligible_diagnoses(author, kind))
    on = data.draw(dates(d.made_on, d.expires_on.subtract(days=1)))
    assert E.is_eligible(d, structure_kind=kind, on=on, using_structure_siret=d.author_siret)
    assert not E.is_eligible(d, structure_kind=kind, on=d.expires_on)


@given(st.sampled_from(SIAE), st.data())
def test_insufficient_diagnoses_are_refused(kind, data):
    d = data.draw(AS.insufficient_diagnoses(kind))
    assert "eligibility.insufficient_criteria" in codes(d, kind)


@given(diagnoses(), st.sampled_from(list(K)), dates(), st.none() | persons())
def test_assess_never_raises_and_is_eligible_agrees(d, kind, on, person):
    r = E.assess_eligibility(d, structure_kind=kind, on=on, person=person)
    assert E.is_eligible(d, structure_kind=kind, on=on, person=person) == r.ok
    # diagnoses() draws proofs too: a proof too old is found at its own path
    assert all(f.path.split("[")[0] in {"author", "criteria", "made_on", "proofs"} for f in r)


@given(diagnoses())
def test_validity_brute_force(d):
    if d.author is I.AuthorKind.EMPLOYER and d.made_on >= D(2025, 1, 13):
        assert (d.expires_on - d.made_on).in_days() == 92
    else:
        assert d.expires_on == d.made_on.add(months=6)

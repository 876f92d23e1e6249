"""Eligibility proofs (arrêté du 4 septembre 2025, annex of the arrêté du 1er septembre 2021).

The oracles come from the rows of the annex that could be read: an RSA certificate or a
certification of the online service dated less than 3 months before the registration
receipt (judged on the diagnosis day), a sworn statement of level-3 education likewise;
the accepted proofs of RSA, ASS, AAH, DETLD, CAP_BEP and SENIOR. Nothing before the
arrêté (in force taken as 7 September 2025).
"""

from __future__ import annotations

import re

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core
from iae_core import CriterionProof, EligibilityDiagnosis, StructureKind
from iae_core.eligibility import assess_eligibility, proof_expiry
from iae_core.errors import InvalidData

D = pendulum.date
ACI = StructureKind.ACI


def diagnosis(made_on, *proofs, criteria=("RSA",)):
    return EligibilityDiagnosis(
        author="PRESCRIBER", made_on=made_on, criteria=set(criteria), proofs=list(proofs)
    )


def proof(dated_on, kind="RSA_CERTIFICATE", criterion="RSA"):
    return CriterionProof(criterion=criterion, kind=kind, dated_on=dated_on)


def proof_findings(d):
    return [
        f
        for f in assess_eligibility(d, structure_kind=ACI, on=d.made_on)
        if f.code == "eligibility.proof_too_old"
    ]


@pytest.mark.parametrize(
    ("dated", "first_too_old"),
    [
        (D(2025, 10, 15), D(2026, 1, 15)),
        (D(2025, 11, 30), D(2026, 2, 28)),  # no 30 February: the month's last day
        (D(2027, 11, 30), D(2028, 2, 29)),  # a leap year
        (D(2028, 2, 29), D(2028, 5, 29)),
        (D(2025, 12, 31), D(2026, 3, 31)),
    ],
)
@pytest.mark.parametrize("kind", ["RSA_CERTIFICATE", "TELESERVICE_CERTIFICATION"])
def test_an_rsa_proof_is_too_old_from_three_months_after_its_date(dated, first_too_old, kind):
    p = proof(dated, kind=kind)
    assert proof_expiry(p, first_too_old) == first_too_old
    for made_on, old in (
        (first_too_old.subtract(days=1), False),
        (first_too_old, True),
        (first_too_old.add(days=1), True),
    ):
        found = proof_findings(diagnosis(made_on, p))
        assert bool(found) is old, made_on
    (f,) = proof_findings(diagnosis(first_too_old, p))
    assert (f.variant, f.path, f.params["months"]) == ("too_old", "proofs[0].dated_on", 3)
    assert f.severity is iae_core.Severity.WARNING
    assert "moins de 3 mois" in f.message
    assert "less than 3 months old" in f.in_language("en").message


def test_the_sworn_statement_of_education_too_but_not_the_diploma():
    made_on = D(2026, 3, 1)
    old = D(2025, 12, 1)
    sworn = proof(old, kind="SWORN_STATEMENT", criterion="CAP_BEP")
    diploma = proof(D(2001, 6, 30), kind="DIPLOMA", criterion="CAP_BEP")
    d = diagnosis(made_on, sworn, diploma, criteria=("CAP_BEP", "QPV"))
    (f,) = proof_findings(d)
    assert f.path == "proofs[0].dated_on"
    assert not proof_findings(diagnosis(D(2026, 2, 28), sworn, criteria=("CAP_BEP",)))


def test_a_proof_not_provided_for_the_criterion():
    d = diagnosis(D(2025, 10, 1), proof(D(2025, 9, 30), kind="SWORN_STATEMENT"))
    (f,) = proof_findings(d)
    assert (f.variant, f.path) == ("not_accepted", "proofs[0].kind")
    assert "not provided for" in f.in_language("en").message


def test_nothing_before_the_arrete_and_unread_rows_unchecked():
    ancient = proof(D(2020, 1, 1))
    assert not proof_findings(diagnosis(D(2025, 9, 6), ancient))  # the day before
    assert proof_findings(diagnosis(D(2025, 9, 7), ancient))  # the first day
    # ASS: the validity cell read empty; QPV: the row not read — left unchecked
    ass = proof(D(2020, 1, 1), kind="ASS_CERTIFICATE", criterion="ASS")
    qpv = proof(D(2020, 1, 1), kind="OTHER", criterion="QPV")
    assert not proof_findings(diagnosis(D(2026, 1, 5), ass, qpv, criteria=("ASS", "QPV")))


def test_a_special_category_proof_is_never_named():
    th = proof(D(2020, 1, 1), kind="OTHER", criterion="TH")
    plain = diagnosis(D(2026, 1, 5), criteria=("RSA", "TH"))
    with_proof = diagnosis(D(2026, 1, 5), th, criteria=("RSA", "TH"))
    assert not re.search(r"\bTH\b", repr(with_proof))
    assert not re.search(r"\bTH\b", repr(th))
    assert repr(plain) != repr(with_proof)  # the count of proofs, not their criteria
    with pytest.raises(InvalidData) as exc:
        diagnosis(D(2026, 1, 5), th, criteria=("RSA",))
    assert "proofs[0].criterion" in str(exc.value)
    assert not re.search(r"\bTH\b", str(exc.value))


def test_bad_proofs_list_every_field():
    with pytest.raises(InvalidData) as exc:
        CriterionProof(criterion="XX", kind="YY", dated_on="2025-13-01")
    for field in ("criterion", "kind", "dated_on"):
        assert field in str(exc.value)
    assert "XX" not in str(exc.value)


def test_round_trip():
    d = diagnosis(D(2026, 1, 5), proof(D(2025, 12, 1)), criteria=("RSA",))
    assert iae_core.load(EligibilityDiagnosis, iae_core.dump(d)) == d
    assert iae_core.dump(d)["proofs"][0]["kind"] == "RSA_CERTIFICATE"


@given(
    made_on=st.dates(D(2025, 9, 7), D(2030, 12, 31)),
    age_days=st.integers(0, 200),
)
@example(made_on=D(2028, 5, 29), age_days=90)  # dated 29 Feb 2028: too old that very day
@example(made_on=D(2028, 5, 28), age_days=89)  # 29 Feb 2028 + 89 days: still valid
@example(made_on=D(2026, 2, 28), age_days=90)  # dated 30 Nov 2025: too old on 28 Feb 2026
def test_too_old_exactly_from_the_same_day_three_months_later(made_on, age_days):
    made_on = pendulum.Date(made_on.year, made_on.month, made_on.day)
    dated = made_on.subtract(days=age_days)
    found = proof_findings(diagnosis(made_on, proof(dated)))
    limit = dated.add(months=3)  # month ends clamped
    assert bool(found) is (made_on >= limit)
    if age_days <= 88:
        assert not found
    if age_days >= 92:
        assert found

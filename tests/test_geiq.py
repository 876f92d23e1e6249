"""GEIQ diagnoses: criteria, exclusions, validity, allowance (reference-platform.md §2.6)."""

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core as I
from iae_core import eligibility as geiq
from iae_core.schema import json_schema
from iae_core.testing.geiq_strategies import geiq_diagnoses, lawful_geiq_diagnoses
from iae_core.testing.registry import entity_strategies

D = pendulum.date
G = I.GeiqCriterion
A = I.GeiqAnnex
MADE_ON = D(2025, 2, 3)
VERIFIED = D(2026, 8, 21)


def diag(author="GEIQ", criteria=(), made_on=MADE_ON):
    return I.GeiqDiagnosis(author=author, made_on=made_on, criteria=frozenset(criteria))


def codes(d, on=None):
    return I.check(d, on=on or d.made_on).codes


# --- the criteria list ----------------------------------------------------------------------

# (code, annex, level, parent): reference-platform.md §2.6, as written there
TABLE = [
    ("RSA", "2", 1, "MINIMA"),
    ("ASS", "2", 1, "MINIMA"),
    ("AAH", "2", 1, "MINIMA"),
    ("DETLD", "2", 1, "FT"),
    ("CAP_BEP", "2", 2, None),
    ("SENIOR", "2", 2, None),
    ("JEUNE", "2", 2, None),
    ("ASE", "2", 2, None),
    ("DELD", "2", 2, "FT"),
    ("PI", "2", 2, None),
    ("PSH_PR", "2", 2, None),
    ("FLE", "2", 2, None),
    ("PM", "2", 2, None),
    ("RS_PS_DA", "2", 2, None),
    ("TH", "1+2", 2, None),
    ("REF_DA", "1+2", 2, None),
    ("ZRR", "1+2", 2, None),
    ("QPV", "1+2", 2, None),
    ("DETENTION_MJ", "1+2", 2, None),
    ("JEUNE_SQ", "1", None, "JEUNE"),
    ("MINIMA", "1", None, None),
    ("SANS_TRAVAIL_12", "1", None, None),
    ("DE_45", "1", None, None),
    ("RECONVERSION", "1", None, None),
    ("SIAE_CUI", "1", None, None),
    ("AUTRE_MINIMA", "0", None, "MINIMA"),
    ("FT", "0", None, None),
    ("DELD_12", "0", None, "FT"),
]


def test_criteria_table():
    assert [c.value for c in G] == [row[0] for row in TABLE]
    for code, annex, level, parent in TABLE:
        c = G(code)
        assert c.annex is A(annex), code
        assert c.level == level, code
        assert c.parent == (None if parent is None else G(parent)), code
        assert c.label
        assert c.label[0].isupper()


def test_levels_exist_only_on_annex_2_and_both():
    for c in G:
        assert (c.level is not None) == c.annex.in_annex_2, c
    assert [a.in_annex_1 for a in A] == [False, True, False, True]
    assert [a.in_annex_2 for a in A] == [False, False, True, True]
    assert sum(1 for c in G if c.level == 1) == 4


# --- validity: 6 months, whoever the author ---------------------------------------------------


@pytest.mark.parametrize("author", ["PRESCRIBER", "GEIQ"])
@pytest.mark.parametrize(
    ("made_on", "first_invalid"),
    [
        (D(2025, 2, 3), D(2025, 8, 3)),
        (D(2024, 8, 31), D(2025, 2, 28)),  # month end clamped
        (D(2023, 8, 31), D(2024, 2, 29)),  # onto 29 February
        (D(2023, 8, 29), D(2024, 2, 29)),
        (D(2024, 2, 29), D(2024, 8, 29)),  # from 29 February
        (D(2025, 12, 31), D(2026, 6, 30)),
        (D(2024, 3, 31), D(2024, 9, 30)),
    ],
)
def test_validity_both_sides(author, made_on, first_invalid):
    d = diag(author, criteria=[G.MINIMA], made_on=made_on)
    assert d.expires_on == first_invalid
    before, after = first_invalid.subtract(days=1), first_invalid.add(days=1)
    assert d.is_valid(before)
    assert not d.is_valid(first_invalid)
    assert not d.is_valid(after)
    assert "geiq.expired" not in codes(d, on=before)
    assert "geiq.expired" in codes(d, on=first_invalid)
    assert "geiq.expired" in codes(d, on=after)
    (f,) = [f for f in I.check(d, on=first_invalid) if f.code == "geiq.expired"]
    assert (f.path, f.severity) == ("made_on", I.Severity.ERROR)
    assert f.message == (
        f"Le diagnostic GEIQ du {made_on.format('DD/MM/YYYY')} n'est plus valide depuis le "
        f"{first_invalid.format('DD/MM/YYYY')}."
    )


def test_valid_on_its_own_day():
    d = diag(criteria=[G.MINIMA])
    assert d.is_valid(MADE_ON)
    assert codes(d) == frozenset()


# --- authors and criteria needed --------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "found"),
    [("PRESCRIBER", False), ("GEIQ", False), ("EMPLOYER", True), ("ORIENTER", True)],
)
def test_author(author, found):
    d = diag(author, criteria=[G.MINIMA])
    assert ("geiq.author_not_allowed" in codes(d)) is found


def test_geiq_author_needs_one_criterion_prescriber_none():
    assert codes(diag("GEIQ")) == {"geiq.insufficient_criteria"}
    assert codes(diag("GEIQ", [G.PM])) == frozenset()
    assert codes(diag("PRESCRIBER")) == frozenset()
    (f,) = I.check(diag("GEIQ"), on=MADE_ON)
    assert (f.path, f.severity) == ("criteria", I.Severity.ERROR)


def test_a_child_without_its_parent_is_ignored():
    d = diag("GEIQ", [G.RSA])
    assert d.retained_criteria == frozenset()
    assert codes(d) == {"geiq.orphan_criterion", "geiq.insufficient_criteria"}
    orphan = [f for f in I.check(d, on=MADE_ON) if f.code == "geiq.orphan_criterion"]
    assert orphan[0].severity is I.Severity.WARNING
    assert orphan[0].message == (
        "Le critère « Bénéficiaire du RSA » est ignoré sans le critère "
        "« Bénéficiaire de minima sociaux »."
    )
    assert diag("GEIQ", [G.RSA, G.MINIMA]).retained_criteria == {G.RSA, G.MINIMA}
    assert I.check(diag("GEIQ", [G.JEUNE_SQ, G.PM]), on=MADE_ON).ok  # a warning only
    assert codes(diag("GEIQ", [G.JEUNE_SQ, G.JEUNE])) == frozenset()


@pytest.mark.parametrize(("a", "b"), geiq.GEIQ_EXCLUSIVE_CRITERIA)
def test_exclusive_pairs(a, b):
    both = [a, b, *(c.parent for c in (a, b) if c.parent is not None)]
    assert codes(diag("PRESCRIBER", both)) == {"geiq.exclusive_criteria"}
    assert codes(diag("PRESCRIBER", [a, *([a.parent] if a.parent else [])])) == frozenset()
    assert codes(diag("PRESCRIBER", [b, *([b.parent] if b.parent else [])])) == frozenset()


def test_exclusive_pairs_are_the_platform_ones():
    pairs = {frozenset(p) for p in geiq.GEIQ_EXCLUSIVE_CRITERIA}
    assert pairs == {
        frozenset(p)
        for p in [
            (G.QPV, G.ZRR),
            (G.JEUNE, G.SENIOR),
            (G.JEUNE, G.DE_45),
            (G.SENIOR, G.ASE),
            (G.DE_45, G.ASE),
            (G.REF_DA, G.RS_PS_DA),
            (G.DELD_12, G.DELD),
            (G.DELD_12, G.DETLD),
            (G.DELD, G.DETLD),
        ]
    }
    f = next(iter(I.check(diag("PRESCRIBER", [G.QPV, G.ZRR]), on=MADE_ON)))
    assert f.message == "Les critères « Résident QPV » et « Résident ZRR/ZFRR » sont incompatibles."


@given(lawful_geiq_diagnoses(), st.integers(0, 180))
def test_lawful_diagnoses_have_no_finding_while_valid(d, days):
    on = d.made_on.add(days=days)
    report = I.check(d, on=on)
    assert (report.codes == frozenset()) is d.is_valid(on)


# --- allowance --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "criteria", "euros"),
    [
        ("PRESCRIBER", [], 1_400),  # whatever the criteria, even none
        ("PRESCRIBER", [G.FT], 1_400),
        ("GEIQ", [], 0),
        ("GEIQ", [G.MINIMA, G.RSA], 1_400),  # level 1
        ("GEIQ", [G.FT, G.DETLD], 1_400),  # level 1
        ("GEIQ", [G.CAP_BEP], 0),  # one level 2, annex 2 only
        ("GEIQ", [G.CAP_BEP, G.PM], 1_400),  # two level 2
        ("GEIQ", [G.TH, G.QPV], 1_400),  # two level 2 (annex 1+2)
        ("GEIQ", [G.QPV], 814),  # one level 2 of annex 1+2
        ("GEIQ", [G.MINIMA], 814),  # annex 1
        ("GEIQ", [G.JEUNE, G.JEUNE_SQ], 814),  # one level 2 + annex 1
        ("GEIQ", [G.FT], 0),  # no annex
        ("GEIQ", [G.FT, G.DELD], 0),  # one level 2, annex 2 only
        ("GEIQ", [G.FT, G.DELD, G.PM], 1_400),
        ("GEIQ", [G.RSA], 0),  # ignored without MINIMA
        ("GEIQ", [G.DELD, G.PM], 0),  # DELD ignored without FT: one level 2
        ("EMPLOYER", [G.RSA, G.MINIMA], 0),  # cannot make a GEIQ diagnosis
        ("ORIENTER", [G.MINIMA], 0),
    ],
)
def test_allowance(author, criteria, euros):
    assert diag(author, criteria).allowance(MADE_ON) == euros


@pytest.mark.parametrize(("n", "euros"), [(1, 0), (2, 1_400), (3, 1_400)])
def test_allowance_level2_limit(n, euros):
    level2_annex2 = [G.CAP_BEP, G.PM, G.FLE]
    assert geiq.ALLOWANCE_LEVEL2_NEEDED == 2
    assert diag("GEIQ", level2_annex2[:n]).allowance(MADE_ON) == euros


def test_allowance_is_dated_and_verified_until_2026_08_21():
    d = diag("PRESCRIBER")
    assert geiq.ALLOWANCE_VERIFIED_UNTIL == VERIFIED
    assert d.allowance(VERIFIED.subtract(days=1)) == 1_400
    assert d.allowance(VERIFIED) == 1_400
    with pytest.raises(LookupError, match="2026-08-21"):
        d.allowance(VERIFIED.add(days=1))
    assert d.allowance(VERIFIED.add(days=1), allow_unverified=True) == 1_400
    assert diag("GEIQ", [G.MINIMA]).allowance(D(2030, 1, 1), allow_unverified=True) == 814
    amounts = geiq.GEIQ_ALLOWANCES.at(VERIFIED)
    assert (amounts.full, amounts.annex_1, amounts.other) == (1_400, 814, 0)


@given(geiq_diagnoses(max_value=VERIFIED), st.sampled_from(G))
@example(diag("GEIQ", [G.RSA]), G.MINIMA)
@example(diag("GEIQ", [G.QPV]), G.ZRR)
def test_allowance_properties(d, extra):
    euros = d.allowance(d.made_on)
    assert euros in (0, 814, 1_400)
    if d.author is I.AuthorKind.PRESCRIBER:
        assert euros == 1_400
    more = I.GeiqDiagnosis(author=d.author, made_on=d.made_on, criteria=d.criteria | {extra})
    assert more.allowance(d.made_on) >= euros  # a criterion more never lowers it


# --- catalogue, check, JSON -------------------------------------------------------------------


def test_rules_are_in_the_catalogue():
    catalogue = {r.code: r for r in I.rules()}
    expected = {
        "geiq.author_not_allowed",
        "geiq.insufficient_criteria",
        "geiq.exclusive_criteria",
        "geiq.orphan_criterion",
        "geiq.expired",
    }
    assert expected <= set(catalogue)
    assert {c for c in catalogue if c.startswith("geiq.")} == expected
    for code in expected:
        assert catalogue[code].subject == "GeiqDiagnosis"
        assert catalogue[code].description


def test_public_names():
    for name in ("GeiqDiagnosis", "GeiqCriterion", "GeiqAnnex", "check_geiq_diagnosis"):
        assert name in I.__all__
        assert getattr(I, name) is getattr(geiq, name, getattr(I, name))
    assert I.GeiqDiagnosis in entity_strategies()


def test_dump_load_and_schema():
    d = I.GeiqDiagnosis(
        author="GEIQ",
        made_on=MADE_ON,
        criteria={"MINIMA", "RSA", "QPV"},
        author_siret="73282932000074",
    )
    data = I.dump(d)
    assert data == {
        "author": "GEIQ",
        "made_on": "2025-02-03",
        "criteria": ["MINIMA", "QPV", "RSA"],
        "author_siret": "73282932000074",
    }
    assert I.load(I.GeiqDiagnosis, data) == d
    schema = json_schema(I.GeiqDiagnosis)
    assert set(schema["properties"]) == {"author", "made_on", "criteria", "author_siret"}
    assert schema["required"] == ["author", "made_on"]
    ref = schema["properties"]["criteria"]["items"]["$ref"].rsplit("/", 1)[-1]
    assert schema["$defs"][ref]["enum"] == [c.value for c in G]
    with pytest.raises(I.InvalidData, match=r"criteria\[0\]"):
        I.load(I.GeiqDiagnosis, {**data, "criteria": ["NOPE"]})
    with pytest.raises(I.InvalidData, match="author_siret"):
        I.GeiqDiagnosis(author="GEIQ", made_on=MADE_ON, author_siret="73282932000075")


@given(geiq_diagnoses())
def test_round_trip(d):
    assert I.load(I.GeiqDiagnosis, I.dump(d)) == d


def test_module_docstring_runs():
    import doctest

    result = doctest.testmod(geiq, extraglobs={"pendulum": pendulum})
    assert result.attempted > 0
    assert result.failed == 0

"""Eligibility as data: the parameters of eligibility.toml, the rules' metadata, and the
messages in English with their values in `Finding.params`."""

import pendulum
import pytest

import iae_core as I
from iae_core import eligibility as E
from iae_core import params

D = pendulum.date
C = I.Criterion
G = I.GeiqCriterion
K = I.StructureKind
SIAE = [K.ACI, K.AI, K.EI, K.ETTI, K.EITI]
CHANGE = D(2025, 1, 13)  # first day of the 92-day employer validity
VERIFIED = params.get("geiq.allowance_euros").verified_until


def p(name, day=None):
    return params.get(name).at(day or D(2025, 6, 1))


# --- the data file -------------------------------------------------------------------------


def test_every_eligibility_param_is_in_eligibility_toml():
    names = {x.name for x in params.iter_params("eligibility")}
    assert names == {
        "eligibility.validity_months",
        "eligibility.validity_days",
        "eligibility.level1_criteria",
        "eligibility.level2_criteria",
        "eligibility.level2_required_count",
        "eligibility.senior_min_age_years",
        "eligibility.jeune_below_age_years",
        "geiq.validity_months",
        "geiq.allowed_authors",
        "geiq.allowance_euros",
        "geiq.allowance_level2_count",
        "geiq.level1_criteria",
        "geiq.level2_criteria",
        "geiq.annex_1_criteria",
        # the proofs of the arrêté of 4 September 2025, read on 2026-12-06 (issue 27)
        "eligibility.accepted_proofs",
        "eligibility.proof_max_age_months.RSA",
        "eligibility.proof_max_age_months.CAP_BEP",
    }
    for x in params.iter_params("eligibility"):
        assert x.verified_until in (D(2026, 3, 27), D(2026, 8, 21), D(2026, 12, 6)), x.name


@pytest.mark.parametrize("day", [CHANGE.subtract(days=1), CHANGE, CHANGE.add(days=1)])
def test_every_author_has_exactly_one_validity(day):
    months = p("eligibility.validity_months", day)
    days = params.get("eligibility.validity_days").rows[0]
    in_days = set(days.value) if day >= days.start else set()
    for author in I.AuthorKind:
        assert (author.value in months) != (author.value in in_days), (author, day)


def test_validity_values_both_sides_of_the_change():
    before, of = CHANGE.subtract(days=1), CHANGE
    assert p("eligibility.validity_months", before)["EMPLOYER"] == 6
    assert "EMPLOYER" not in p("eligibility.validity_months", of)
    assert p("eligibility.validity_days", of) == {"EMPLOYER": 92}
    with pytest.raises(LookupError):
        p("eligibility.validity_days", before)
    assert [k for k, _ in E.EMPLOYER_DIAGNOSIS_VALIDITY.rows()] == [None, CHANGE]
    assert E.EMPLOYER_DIAGNOSIS_VALIDITY.at(before) == E.PRESCRIBER_DIAGNOSIS_VALIDITY.at(of)
    assert E.GEIQ_DIAGNOSIS_VALIDITY.at(of).months == p("geiq.validity_months")


def test_criteria_levels_agree_with_the_enums():
    level1, level2 = p("eligibility.level1_criteria"), p("eligibility.level2_criteria")
    assert level1 == {c.value for c in C if c.level == 1}
    assert level2 == {c.value for c in C if c.level == 2}
    assert level1 | level2 == {c.value for c in C}
    assert not level1 & level2
    assert p("geiq.level1_criteria") == {c.value for c in G if c.level == 1}
    assert p("geiq.level2_criteria") == {c.value for c in G if c.level == 2}
    assert p("geiq.annex_1_criteria") == {c.value for c in G if c.annex.in_annex_1}


def test_thresholds_agree_with_the_enums():
    required = p("eligibility.level2_required_count")
    assert dict(required) == {k.value: k.level2_criteria_required for k in SIAE}
    assert dict(required) == {"AI": 2, "ETTI": 2, "ACI": 3, "EI": 3, "EITI": 3}
    assert (p("eligibility.senior_min_age_years"), p("eligibility.jeune_below_age_years")) == (
        50,
        26,
    )


def test_geiq_allowance_is_the_param():
    amounts = p("geiq.allowance_euros")
    assert dict(amounts) == {"full": 1400, "annex_1": 814, "other": 0}
    assert E.GEIQ_ALLOWANCES.at(VERIFIED) == E.GeiqAllowanceAmounts(**amounts)
    assert E.ALLOWANCE_VERIFIED_UNTIL == VERIFIED == D(2026, 8, 21)
    assert E.ALLOWANCE_LEVEL2_NEEDED == p("geiq.allowance_level2_count") == 2
    assert {a.value for a in E.GEIQ_AUTHORS} == p("geiq.allowed_authors")


@pytest.mark.parametrize(
    ("day", "raises"),
    [(VERIFIED.subtract(days=1), False), (VERIFIED, False), (VERIFIED.add(days=1), True)],
)
def test_allowance_unverified_both_sides(day, raises):
    d = I.GeiqDiagnosis(author="GEIQ", made_on=D(2025, 2, 3), criteria={"MINIMA"})
    if raises:
        with pytest.raises(LookupError, match="allow_unverified"):
            d.allowance(day)
    else:
        assert d.allowance(day) == 814
    assert d.allowance(day, allow_unverified=True) == 814


# --- the rules' metadata -----------------------------------------------------------------------


AREA_RULES = [r for r in I.rules() if r.code.split(".")[0] in ("eligibility", "geiq")]


def test_there_are_eleven_rules():
    assert len(AREA_RULES) == 11  # eligibility.proof_too_old (arrêté of 4 Sept 2025)


@pytest.mark.parametrize("rule", AREA_RULES, ids=lambda r: r.code)
def test_each_rule_has_english_and_french_metadata(rule):
    assert rule.title_en
    assert rule.title_en != rule.title
    assert rule.description
    assert rule.description_fr
    assert rule.messages
    for m in rule.messages.values():
        assert m.fr
        assert m.en
        assert m.fr != m.en
    for name in rule.params:
        assert params.get(name).area == "eligibility"
    if rule.reading:  # the reading is for the docs, never in a message
        assert all("verif" not in m.fr.lower() for m in rule.messages.values())


# --- English messages and their values ------------------------------------------------------


MADE_ON = D(2025, 2, 3)


def diag(author="EMPLOYER", made_on=MADE_ON, criteria=(), siret=None):
    return I.EligibilityDiagnosis(
        author=author, made_on=made_on, criteria=frozenset(criteria), author_siret=siret
    )


def one(report, code):
    (f,) = [f for f in report if f.code == code]
    return f


def both(subject, code, **kw):
    fr = one(I.check(subject, **kw), code)
    en = one(I.check(subject, lang="en", **kw), code)
    assert (fr.params, fr.path, fr.variant) == (en.params, en.path, en.variant)
    return fr, en


def test_insufficient_in_english_with_its_values():
    d = diag(criteria=[C.CAP_BEP, C.QPV])
    fr, en = both(d, "eligibility.insufficient_criteria", on=d.made_on, structure_kind=K.ACI)
    assert fr.message == (
        "Un diagnostic employeur en ACI demande un critère de niveau 1 ou 3 critères de "
        "niveau 2 (2 retenus)."
    )
    assert en.message == (
        "An employer diagnosis for an ACI needs one level-1 criterion or 3 level-2 criteria "
        "(2 retained)."
    )
    assert dict(fr.params) == {"structure_kind": K.ACI, "level2_needed": 3, "level2_count": 2}
    one_only = diag(criteria=[C.CAP_BEP])
    f = one(I.check(one_only, on=one_only.made_on, structure_kind=K.AI), fr.code)
    assert f.message.endswith("(1 retenu).")
    assert f.params["level2_needed"] == 2


def test_expired_in_english_with_its_dates():
    d = diag(criteria=[C.RSA])
    on = D(2025, 5, 6)
    fr, en = both(d, "eligibility.expired", on=on, structure_kind=K.AI)
    assert fr.message == "Le diagnostic du 03/02/2025 n'est plus valide depuis le 06/05/2025."
    assert en.message == "The diagnosis of 3 February 2025 is no longer valid since 6 May 2025."
    assert dict(fr.params) == {"made_on": d.made_on, "expires_on": on}


@pytest.mark.parametrize(
    ("author", "kind", "using", "variant", "en"),
    [
        ("ORIENTER", K.ACI, None, "orienter", "An orienteur (a prescriber without"),
        (
            "EMPLOYER",
            K.GEIQ,
            None,
            "employer_not_siae",
            "Only an SIAE can make an employer diagnosis (structure: GEIQ).",
        ),
        (
            "EMPLOYER",
            K.ACI,
            "35600000000048",
            "employer_other_siae",
            "A diagnosis made by an SIAE can only be used by that SIAE.",
        ),
        ("GEIQ", K.EI, None, "geiq_for_siae", "A GEIQ diagnosis is only valid for a hire"),
    ],
)
def test_author_variants_in_english(author, kind, using, variant, en):
    d = diag(author, criteria=[C.RSA], siret="73282932000074")
    kw = {"on": d.made_on, "structure_kind": kind, "using_structure_siret": using}
    fr_f, en_f = both(d, "eligibility.author_not_allowed", **kw)
    assert fr_f.variant == variant
    assert en_f.message.startswith(en)


def test_exclusive_and_inconsistent_in_english():
    d = diag("PRESCRIBER", criteria=[C.SENIOR, C.JEUNE])
    person = I.Person(id="p", birth_date=D(1985, 2, 3))  # 40 on the diagnosis date
    kw = {"on": d.made_on, "structure_kind": K.EI, "person": person}
    fr, en = both(d, "eligibility.exclusive_criteria", **kw)
    assert fr.message == (
        "Les critères « Senior (50 ans et plus) » et « Jeune (moins de 26 ans) » sont "
        "incompatibles."
    )
    assert en.message == "The criteria “SENIOR” and “JEUNE” cannot both be retained."
    report = I.check(d, lang="en", **kw)
    found = [f for f in report if f.code == "eligibility.inconsistent_criterion"]
    assert [f.variant for f in found] == ["senior", "jeune"]
    assert found[0].params["min_age"] == 50
    assert found[0].params["age"] == 40
    assert found[1].params["below_age"] == 26
    assert found[0].message == (
        "Criterion “SENIOR” (from 50 years old) retained for a person aged 40 on 3 February 2025."
    )


def test_geiq_messages_in_english():
    g = I.GeiqDiagnosis(author="EMPLOYER", made_on=D(2025, 2, 3), criteria={"RSA", "QPV", "ZRR"})
    on = D(2025, 8, 3)
    report = I.check(g, on=on, lang="en")
    assert [f.message for f in report] == [
        "A GEIQ diagnosis can only be made by an authorised prescriber or by the GEIQ "
        "(author: EMPLOYER).",
        "The criteria “QPV” and “ZRR” cannot both be retained.",
        "The criterion “RSA” is ignored without the criterion “MINIMA”.",
        "The GEIQ diagnosis of 3 February 2025 is no longer valid since 3 August 2025.",
    ]
    fr = I.check(g, on=on)
    assert fr[0].message.endswith("(auteur : Employeur (SIAE)).")
    assert fr[-1].params == {"made_on": g.made_on, "expires_on": on}
    assert [f.params for f in fr] == [f.params for f in report]
    empty = I.GeiqDiagnosis(author="GEIQ", made_on=D(2025, 2, 3))
    (f,) = I.check(empty, on=empty.made_on, lang="en")
    assert f.message == "A diagnosis made by a GEIQ must retain at least one criterion."


def test_the_face_tables():
    assert (I.EligibilityDiagnosis, I.GeiqDiagnosis, I.CriterionProof) == E.ENTITIES
    assert {
        I.EligibilityDiagnosis: E.assess_eligibility,
        I.GeiqDiagnosis: E.check_geiq_diagnosis,
    } == E.CHECKERS
    assert all(hasattr(E, n) for n in E.__all__)
    for name in ("GeiqDiagnosis", "check_geiq_diagnosis", "assess_eligibility", "is_eligible"):
        assert getattr(I, name) is getattr(E, name)

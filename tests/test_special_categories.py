"""Special-category data (GDPR art. 9 and 10): the criteria TH and DETENTION_MJ.

Never in a repr, a finding message, an InvalidData message or a default export; kept by
``dump`` (the JSON contract). ``PartnershipEvent.person_id`` is pseudonymised in exports.
"""

import re

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core as I
from iae_core import tables
from iae_core.eligibility import assess_eligibility, check_geiq_diagnosis
from iae_core.testing.geiq_strategies import geiq_diagnoses
from iae_core.testing.strategies import diagnoses

D = pendulum.date
C = I.Criterion
G = I.GeiqCriterion
KEY = b"k" * 32
SENSITIVE_WORDS = re.compile(r"\bTH\b|DETENTION|handicap|détention|justice", re.IGNORECASE)


def _leaks(text: str) -> bool:
    return SENSITIVE_WORDS.search(text) is not None


def test_the_sensitive_criteria_are_exactly_th_and_detention():
    assert {c for c in C if c.is_sensitive} == {C.TH, C.DETENTION_MJ}
    assert {c for c in G if c.is_sensitive} == {G.TH, G.DETENTION_MJ}
    assert {"TH", "DETENTION_MJ"} == tables.SENSITIVE_CRITERIA
    assert _leaks(C.TH.label)  # the test's own detector
    assert _leaks(C.DETENTION_MJ.label)
    assert not any(_leaks(c.label) or _leaks(c.value) for c in C if not c.is_sensitive)


# --- repr -----------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [I.EligibilityDiagnosis, I.GeiqDiagnosis])
def test_repr_never_shows_nor_betrays_them(cls):
    def make(*codes):
        return cls(author="PRESCRIBER", made_on=D(2025, 2, 3), criteria=set(codes))

    plain = make("QPV")
    assert "QPV" in repr(plain)
    for d in (make("QPV", "TH"), make("QPV", "DETENTION_MJ"), make("QPV", "TH", "DETENTION_MJ")):
        assert not _leaks(repr(d))
        assert repr(d) == repr(plain)  # not even whether one is there
    assert repr(make()) == repr(make("TH")) == repr(make("DETENTION_MJ"))
    assert "special categories hidden" in repr(make())


def test_parcours_repr_hides_them():
    diag = I.EligibilityDiagnosis(
        author="PRESCRIBER", made_on=D(2025, 2, 3), criteria={"TH", "DETENTION_MJ", "QPV"}
    )
    p = I.Parcours(
        person=I.Person(id="p1", birth_date=D(1980, 1, 1)),
        structure=I.Structure(siret="73282932000074", kind="ACI", name="A", department="75"),
        diagnosis=diag,
    )
    text = repr(p).replace("under_justice_measure=<hidden>", "")  # a field name, no value
    assert not _leaks(text)
    assert "QPV" in text


# --- finding messages -----------------------------------------------------------------------

_FULL = I.EligibilityDiagnosis(
    author="EMPLOYER",
    made_on=D(2025, 2, 3),
    criteria={"TH", "DETENTION_MJ", "SENIOR", "JEUNE", "DELD", "DETLD"},
)


@given(diagnoses(), st.sampled_from(I.StructureKind), st.integers(0, 400))
@example(_FULL, I.StructureKind.ACI, 300)
@example(
    _FULL.__class__(author="GEIQ", made_on=D(2025, 2, 3), criteria={"TH"}), I.StructureKind.EI, 0
)
def test_eligibility_messages_never_name_them(d, kind, days):
    person = I.Person(id="p", birth_date=D(1990, 1, 1))
    report = assess_eligibility(d, structure_kind=kind, on=d.made_on.add(days=days), person=person)
    for f in report:
        assert not _leaks(f.message), f.message
        assert not _leaks(str(f))


def test_the_full_example_has_messages_to_judge():
    codes = assess_eligibility(_FULL, structure_kind=I.StructureKind.ACI, on=D(2026, 1, 1)).codes
    assert {"eligibility.exclusive_criteria", "eligibility.expired"} <= codes


@given(geiq_diagnoses(), st.integers(0, 400))
@example(
    I.GeiqDiagnosis(
        author="EMPLOYER",
        made_on=D(2025, 2, 3),
        criteria={"TH", "DETENTION_MJ", "QPV", "ZRR", "RSA", "DELD", "DETLD"},
    ),
    300,
)
def test_geiq_messages_never_name_them(d, days):
    for f in check_geiq_diagnosis(d, on=d.made_on.add(days=days)):
        assert not _leaks(f.message), f.message


def _params_leak(f) -> bool:
    sensitive = {"TH", "DETENTION_MJ"}
    for value in f.params.values():
        found = set(value) if isinstance(value, frozenset | set | tuple | list) else {value}
        if any(str(getattr(v, "value", v)) in sensitive or _leaks(str(v)) for v in found):
            return True
    return False


@given(diagnoses(), st.sampled_from(I.StructureKind), st.integers(0, 400))
@example(_FULL, I.StructureKind.ACI, 300)
def test_english_messages_and_params_never_name_them(d, kind, days):
    person = I.Person(id="p", birth_date=D(1990, 1, 1))
    on = d.made_on.add(days=days)
    report = I.check(d, on=on, lang="en", structure_kind=kind, person=person)
    for f in report:
        assert not _leaks(f.message), f.message
        assert not _params_leak(f), f.params


@given(geiq_diagnoses(), st.integers(0, 400))
@example(
    I.GeiqDiagnosis(
        author="EMPLOYER",
        made_on=D(2025, 2, 3),
        criteria={"TH", "DETENTION_MJ", "QPV", "ZRR", "RSA", "DELD", "DETLD"},
    ),
    300,
)
def test_geiq_english_messages_and_params_never_name_them(d, days):
    for f in I.check(d, on=d.made_on.add(days=days), lang="en"):
        assert not _leaks(f.message), f.message
        assert not _params_leak(f), f.params


def test_the_params_detector_sees_a_sensitive_criterion():
    rule = I.rules()[0]
    assert _params_leak(rule.finding("x", params={"criterion": C.TH}))
    assert _params_leak(rule.finding("x", params={"criteria": frozenset({G.DETENTION_MJ})}))
    assert not _params_leak(rule.finding("x", params={"criterion": C.QPV}))


# --- InvalidData messages -------------------------------------------------------------------


@pytest.mark.parametrize("cls", [I.EligibilityDiagnosis, I.GeiqDiagnosis])
def test_constructor_errors_do_not_echo_the_criteria(cls):
    with pytest.raises(I.InvalidData) as exc:
        cls(author="PRESCRIBER", made_on=D(2025, 2, 3), criteria={"TH", "DETENTION_MJ", 3})
    text = str(exc.value)
    assert "criteria" in text
    assert "int" in text
    assert not _leaks(text)
    with pytest.raises(I.InvalidData) as exc:
        cls(author="PRESCRIBER", made_on=D(2025, 2, 3), criteria="TH")
    assert not _leaks(str(exc.value))
    assert [p for p, _ in exc.value.errors] == ["criteria"]


@pytest.mark.parametrize("cls", [I.EligibilityDiagnosis, I.GeiqDiagnosis])
def test_load_errors_do_not_echo_the_values_given(cls):
    data = {"author": "PRESCRIBER", "made_on": "2025-02-03", "criteria": ["TH", "th", 3, "RQTH"]}
    with pytest.raises(I.InvalidData) as exc:
        I.load(cls, data)
    with I.language("en"):
        text = str(exc.value)
    assert [p for p, _ in exc.value.errors] == ["criteria[1]", "criteria[2]", "criteria[3]"]
    for given_value in ("'th'", "'RQTH'", "RQTH"):
        assert given_value not in text
    assert "(got a string)" in text
    assert "(got a number)" in text
    # nested in a parcours too
    if cls is I.EligibilityDiagnosis:
        parcours = {
            "person": {"id": "p1", "birth_date": "1980-01-01"},
            "structure": {
                "siret": "73282932000074",
                "kind": "ACI",
                "name": "A",
                "department": "75",
            },
            "diagnosis": data,
        }
        with pytest.raises(I.InvalidData) as exc:
            I.load(I.Parcours, parcours)
        assert "diagnosis.criteria[3]" in str(exc.value)
        assert "RQTH" not in str(exc.value)


# --- exports --------------------------------------------------------------------------------


def _diag(cls=I.EligibilityDiagnosis):
    return cls(author="PRESCRIBER", made_on=D(2025, 2, 3), criteria={"TH", "DETENTION_MJ", "QPV"})


@pytest.mark.parametrize("cls", [I.EligibilityDiagnosis, I.GeiqDiagnosis])
def test_default_export_leaves_them_out(cls):
    (row,) = tables.to_records(_diag(cls), key=KEY)
    assert row["criteria"] == "QPV"
    (row,) = tables.to_records(_diag(cls), key=KEY, include=["TH"])
    assert row["criteria"] == "QPV,TH"
    (row,) = tables.to_records(_diag(cls), key=KEY, include=["DETENTION_MJ"])
    assert row["criteria"] == "DETENTION_MJ,QPV"
    (row,) = tables.to_records(_diag(cls), key=KEY, include=("TH", "DETENTION_MJ", "rqth"))
    assert row["criteria"] == "DETENTION_MJ,QPV,TH"
    only = cls(author="PRESCRIBER", made_on=D(2025, 2, 3), criteria={"TH"})
    assert tables.to_records(only, key=KEY)[0]["criteria"] == ""


def test_parcours_export_leaves_them_out():
    p = I.Parcours(
        person=I.Person(id="p1", birth_date=D(1980, 1, 1)),
        structure=I.Structure(siret="73282932000074", kind="ACI", name="A", department="75"),
        diagnosis=_diag(),
    )
    (row,) = tables.to_records(p, key=KEY)
    assert row["diagnosis_criteria"] == "QPV"
    assert not _leaks(repr(row).replace("under_justice_measure", ""))
    (row,) = tables.to_records(p, key=KEY, include=["TH", "DETENTION_MJ"])
    assert row["diagnosis_criteria"] == "DETENTION_MJ,QPV,TH"


def test_other_code_sets_are_not_filtered():
    partnership = I.Partnership(
        id="x1",
        company=I.Company(siret="73282932000074", name="B", department="75"),
        members=(I.Structure(siret="35600000000048", kind="ACI", name="A", department="75"),),
        kinds=frozenset({"SUBCONTRACTING"}),
        start=D(2024, 1, 1),
    )
    (row,) = tables.to_records(partnership, key=KEY)
    assert row["kinds"] == "SUBCONTRACTING"


def test_pandas_export_leaves_them_out():
    pd = pytest.importorskip("pandas")
    df = tables.to_pandas([_diag()], key=KEY)
    assert isinstance(df, pd.DataFrame)
    assert df["criteria"].iloc[0] == "QPV"


def test_dump_keeps_them_the_json_contract():
    for cls in (I.EligibilityDiagnosis, I.GeiqDiagnosis):
        data = I.dump(_diag(cls))
        assert data["criteria"] == ["DETENTION_MJ", "QPV", "TH"]
        assert I.load(cls, data) == _diag(cls)


def test_unknown_include_still_refused():
    with pytest.raises(ValueError, match="unknown include"):
        tables.to_records(_diag(), key=KEY, include=["th"])


# --- PartnershipEvent.person_id -------------------------------------------------------------


def test_partnership_event_person_id_is_pseudonymised():
    e = I.PartnershipEvent(kind="HIRE", start=D(2024, 1, 1), person_id="p1")
    (row,) = tables.to_records(e, key=KEY)
    assert row["person_id"] == tables.pseudonym("p1", key=KEY)
    assert "p1" not in row.values()
    visit = I.PartnershipEvent(kind="VISIT", start=D(2024, 1, 1))
    assert tables.to_records(visit, key=KEY)[0]["person_id"] is None
    # same person, same pseudonym as in a parcours export with the same key
    p = I.Parcours(
        person=I.Person(id="p1", birth_date=D(1980, 1, 1)),
        structure=I.Structure(siret="73282932000074", kind="ACI", name="A", department="75"),
    )
    assert tables.to_records(p, key=KEY)[0]["person_id"] == row["person_id"]

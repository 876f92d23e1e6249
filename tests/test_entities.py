import datetime as dt

import pendulum
import pytest

import iae_core as I

SIRET = "73282932000074"
NIR = "295109912611193"


def test_person_repr_hides_sensitive_data():
    p = I.Person(
        id="p1",
        birth_date=pendulum.date(1970, 5, 1),
        nir=NIR,
        rqth=True,
        under_justice_measure=True,
    )
    text = repr(p)
    assert NIR not in text
    assert "nir=<set>" in text
    assert "rqth=<hidden>" in text
    assert "under_justice_measure=<hidden>" in text
    assert "True" not in text
    # and the same repr whatever the values: the flags' values cannot be inferred
    q = I.Person(id="p1", birth_date=pendulum.date(1970, 5, 1), nir=NIR)
    assert repr(q) == text
    assert "nir=None" in repr(I.Person(id="p1", birth_date=pendulum.date(1970, 5, 1)))


def test_bad_nir_message_does_not_leak_the_number():
    bad = "295109912611194"
    with pytest.raises(I.InvalidData) as info:
        I.Person(id="p1", birth_date=pendulum.date(1970, 5, 1), nir=bad)
    assert info.value.paths == ("nir",)
    assert bad not in str(info.value)


def test_plain_dates_become_pendulum_dates():
    p = I.Person(id="p1", birth_date=dt.date(1970, 5, 1))
    assert type(p.birth_date) is pendulum.Date


@pytest.mark.parametrize("value", [dt.datetime(2024, 1, 1), "2024-01-01", None, 20240101])
def test_non_dates_are_refused(value):
    with pytest.raises(I.InvalidData) as info:
        I.Suspension(start=value, end=pendulum.date(2024, 2, 1), reason=I.SuspensionReason.SICKNESS)
    assert info.value.paths == ("start",)


def test_end_before_start_names_the_field():
    with pytest.raises(I.InvalidData) as info:
        I.Suspension(
            start=pendulum.date(2024, 2, 2), end=pendulum.date(2024, 2, 1), reason="SICKNESS"
        )
    assert info.value.paths == ("end",)
    # the same day is a one-day suspension
    I.Suspension(start=pendulum.date(2024, 2, 1), end=pendulum.date(2024, 2, 1), reason="SICKNESS")


def test_prolongation_needs_at_least_one_day():
    with pytest.raises(I.InvalidData):
        I.Prolongation(
            start=pendulum.date(2024, 2, 1), end=pendulum.date(2024, 2, 1), reason="RQTH"
        )
    I.Prolongation(start=pendulum.date(2024, 2, 1), end=pendulum.date(2024, 2, 2), reason="RQTH")


def test_siret_checksum_refused_and_compacted():
    s = I.Structure(siret="732 829 320 00074", kind="ACI", name="Atelier", department="75")
    assert s.siret == SIRET
    assert s.siren == "732829320"
    with pytest.raises(I.InvalidData) as info:
        I.Structure(siret="73282932000075", kind="ACI", name="Atelier", department="75")
    assert info.value.paths == ("siret",)


def test_all_bad_fields_reported_at_once():
    with pytest.raises(I.InvalidData) as info:
        I.Structure(siret="1", kind="XX", name="", department="20", conventioned_fte=-1)
    assert info.value.paths == ("siret", "kind", "name", "department", "conventioned_fte")


@pytest.mark.parametrize(
    ("hours", "ok"), [(-0.01, False), (0, True), (48, True), (float("nan"), False), (True, False)]
)
def test_weekly_hours_bounds(hours, ok):
    kw = {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": pendulum.date(2024, 1, 1),
        "end": pendulum.date(2024, 5, 1),
    }
    if ok:
        I.Contract(weekly_hours=hours, **kw)
    else:
        with pytest.raises(I.InvalidData):
            I.Contract(weekly_hours=hours, **kw)


def test_only_cdi_inclusion_may_be_open_ended():
    I.Contract(
        kind="CDI_INCLUSION",
        structure_kind="EI",
        start=pendulum.date(2024, 1, 1),
        end=None,
        weekly_hours=35,
    )
    with pytest.raises(I.InvalidData) as info:
        I.Contract(
            kind="CDDI",
            structure_kind="EI",
            start=pendulum.date(2024, 1, 1),
            end=None,
            weekly_hours=35,
        )
    assert info.value.paths == ("end",)


def test_entities_are_frozen_and_hashable():
    s = I.Suspension(
        start=pendulum.date(2024, 2, 1), end=pendulum.date(2024, 2, 1), reason="SICKNESS"
    )
    with pytest.raises(AttributeError):
        s.start = pendulum.date(2025, 1, 1)  # type: ignore[misc]
    assert hash(s) == hash(
        I.Suspension(
            start=pendulum.date(2024, 2, 1), end=pendulum.date(2024, 2, 1), reason="SICKNESS"
        )
    )


def test_keyword_only():
    with pytest.raises(TypeError):
        I.Exit(pendulum.date(2024, 1, 1), I.ExitKind.CDI)  # type: ignore[misc]


def test_enum_labels_and_properties():
    for enum in (
        I.StructureKind,
        I.ContractKind,
        I.Criterion,
        I.AuthorKind,
        I.SuspensionReason,
        I.ProlongationReason,
        I.ApprovalState,
        I.ExitKind,
        I.ExitCategory,
        I.PartnershipKind,
        I.Severity,
        I.ExtensionGround,
        I.DerogationKind,
        I.HostKind,
        I.ActionKind,
    ):
        for m in enum:
            assert isinstance(m.label, str)
            assert m.label.strip()
    assert {k for k in I.StructureKind if k.is_siae} == {"ACI", "AI", "EI", "ETTI", "EITI"}
    assert not I.StructureKind.GEIQ.issues_pass_iae
    assert I.StructureKind.AI.level2_criteria_required == 2
    assert I.StructureKind.ETTI.level2_criteria_required == 2
    assert I.StructureKind.ACI.level2_criteria_required == 3
    assert I.StructureKind.EITI.level2_criteria_required == 3
    assert I.StructureKind.GEIQ.level2_criteria_required is None
    assert {c for c in I.Criterion if c.level == 1} == {"RSA", "ASS", "AAH", "DETLD"}
    assert len(I.Criterion) == 18
    assert I.ApprovalState.VALID == "valid"
    assert I.Severity.ERROR == "error"
    assert I.StructureKind.ACI.to_data_inclusion() == "aci"


def test_every_exit_kind_has_a_category():
    for kind in I.ExitKind:
        assert isinstance(kind.category, I.ExitCategory)
    assert (
        I.Exit(on=pendulum.date(2024, 1, 1), kind=I.ExitKind.CDI).category
        is I.ExitCategory.SUSTAINABLE
    )
    assert I.ExitKind.CDD_6_MONTHS_OR_MORE.category is I.ExitCategory.SUSTAINABLE
    assert I.ExitKind.CDD_UNDER_6_MONTHS.category is I.ExitCategory.TRANSITION
    assert I.ExitKind.OTHER_SIAE.category is I.ExitCategory.POSITIVE
    assert I.ExitKind.DEATH.category is I.ExitCategory.WITHDRAWN

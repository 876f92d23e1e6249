import pendulum
import pytest

import iae_core as I
from iae_core.checks import Finding, Report, register_rule, rule
from iae_core.versions import Dated


def _f(code, severity, path=""):
    return Finding(code=code, severity=severity, message="m", reference="r", path=path)


def test_report_properties():
    r = Report([_f("a.x", I.Severity.WARNING), _f("a.y", I.Severity.INFO)])
    assert r.ok
    assert len(r) == 2
    assert r.codes == frozenset({"a.x", "a.y"})
    assert not r.errors
    r2 = r + [_f("a.z", I.Severity.ERROR, "end")]  # noqa: RUF005 - Report + list is the API under test
    assert not r2.ok
    assert [f.code for f in r2.errors] == ["a.z"]
    assert [f.code for f in r2.warnings] == ["a.x"]
    assert r2.prefixed("contracts[1]")[2].path == "contracts[1].end"
    assert r2.prefixed("contracts[1]")[0].path == "contracts[1]"
    assert isinstance(r2[0:1], Report)
    assert "<table>" in r2._repr_html_()


@pytest.fixture
def catalogue_restored():
    """The catalogue as it was: a rule registered by a test does not outlive it."""
    from iae_core._kernel import findings as _findings

    saved = dict(_findings._RULES)
    yield
    _findings._RULES.clear()
    _findings._RULES.update(saved)


@pytest.mark.usefixtures("catalogue_restored")
def test_rule_registry_and_finding():
    rl = register_rule(
        "test.sample",
        "Essai",
        reference="C. trav. art. L0",
        subject="Test",
        applies_from=pendulum.date(2021, 9, 1),
    )
    assert rule("test.sample") is rl
    assert rl in I.rules()
    assert not rl.applies_on(pendulum.date(2021, 8, 31))
    assert rl.applies_on(pendulum.date(2021, 9, 1))
    f = rl.finding("message", "end", severity=I.Severity.WARNING)
    assert (f.code, f.severity, f.reference, f.path) == (
        "test.sample",
        I.Severity.WARNING,
        "C. trav. art. L0",
        "end",
    )
    with pytest.raises(ValueError, match="already registered"):
        register_rule("test.sample", "Essai", reference="x")


def test_check_unknown_type():
    with pytest.raises(TypeError, match="no checker"):
        I.check(object(), on=pendulum.date(2024, 1, 1))


def test_rule_violation_carries_report():
    r = Report([_f("a.z", I.Severity.ERROR)])
    exc = I.RuleViolation(r)
    assert exc.report is r
    assert "a.z" in str(exc)


def test_dated_table_both_sides_of_each_limit():
    t = Dated({None: "old", pendulum.date(2024, 2, 28): "new", pendulum.date(2025, 1, 13): "newer"})
    assert t.at(pendulum.date(2024, 2, 27)) == "old"
    assert t.at(pendulum.date(2024, 2, 28)) == "new"
    assert t.at(pendulum.date(2024, 2, 29)) == "new"
    assert t.at(pendulum.date(2025, 1, 12)) == "new"
    assert t.at(pendulum.date(2025, 1, 13)) == "newer"
    assert t.period_of(pendulum.date(2024, 6, 1)) == (
        pendulum.date(2024, 2, 28),
        pendulum.date(2025, 1, 12),
    )
    strict = Dated({pendulum.date(2021, 9, 1): 1})
    with pytest.raises(LookupError):
        strict.at(pendulum.date(2021, 8, 31))
    assert strict.at(pendulum.date(2021, 9, 1)) == 1


def test_months_end_convention():
    from iae_core.dates import add_months, age_on, months_end

    assert months_end(pendulum.date(2024, 1, 15), 4) == pendulum.date(2024, 5, 14)
    assert add_months(pendulum.date(2024, 1, 31), 1) == pendulum.date(2024, 2, 29)
    assert age_on(pendulum.date(1976, 11, 23), pendulum.date(2026, 11, 22)) == 49
    assert age_on(pendulum.date(1976, 11, 23), pendulum.date(2026, 11, 23)) == 50
    assert age_on(pendulum.date(2000, 2, 29), pendulum.date(2026, 2, 28)) == 25
    assert age_on(pendulum.date(2000, 2, 29), pendulum.date(2026, 3, 1)) == 26


def test_check_accepts_plain_dates_and_codes():
    import datetime as dt

    a = I.Approval(number="999990000001", start=pendulum.date(2024, 3, 1))
    assert I.check(a, on=dt.date(2026, 3, 1), structure_kind="ACI") == I.check(
        a, on=pendulum.date(2026, 3, 1), structure_kind=I.StructureKind.ACI
    )
    d = I.EligibilityDiagnosis(author="PRESCRIBER", made_on=pendulum.date(2025, 2, 3))
    assert I.is_eligible(d, structure_kind="EI", on=pendulum.date(2025, 2, 3))


@pytest.mark.parametrize(
    "on",
    [None, 20260301, "2026-3-01", "2026-02-30", "2026-03-01T00:00", "01/03/2026", b"2026-03-01"],
)
def test_check_refuses_a_non_date(on):
    a = I.Approval(number="999990000001", start=pendulum.date(2024, 3, 1))
    with pytest.raises(I.InvalidData) as info:
        I.check(a, on=on, structure_kind="ACI")
    assert info.value.paths == ("on",)


def test_check_refuses_a_datetime():
    import datetime as dt

    a = I.Approval(number="999990000001", start=pendulum.date(2024, 3, 1))
    with pytest.raises(I.InvalidData):
        I.check(a, on=dt.datetime(2026, 3, 1, 12), structure_kind="ACI")


def test_unknown_structure_kind_is_invalid_data():
    d = I.EligibilityDiagnosis(author="PRESCRIBER", made_on=pendulum.date(2025, 2, 3))
    with pytest.raises(I.InvalidData) as info:
        I.assess_eligibility(d, structure_kind="XYZ", on=pendulum.date(2025, 2, 3))
    assert info.value.paths == ("structure_kind",)


def test_every_entity_can_be_checked():
    # api.md: check(subject, …) "for any entity"; those no rule judges alone give nothing.
    p = I.Person(id="p1", birth_date=pendulum.date(1980, 1, 1))
    assert I.check(p, on=pendulum.date(2026, 1, 1)) == Report()
    e = I.Exit(on=pendulum.date(2026, 1, 1), kind=I.ExitKind.CDI)
    assert list(I.check(e, on=pendulum.date(2026, 1, 1))) == []

"""Declaration dates stored on suspensions and prolongations (issue 10 §4).

``Suspension.declared_on`` and ``Prolongation.requested_on`` are optional: with them,
``check`` judges on stored data what only the ``suspend`` / ``prolong`` commands judged (the
365-day retroactivity, the request window); without them nothing changes. A suspension may
not start before the day after the end of the last suspension already ended when it is
declared (platform ``next_min_start_at``, reference-platform.md §3.4).
"""

import datetime as dt

import pendulum
import pytest
from hypothesis import given

import iae_core as I
from iae_core import serialization
from iae_core.schema import json_schema
from iae_core.testing.strategies import prolongations, suspensions

D = pendulum.date
ACI = I.StructureKind.ACI
NUMBER = "999990000001"
BROKEN = I.SuspensionReason.CONTRACT_BROKEN


def susp(start, end, declared_on=None):
    return I.Suspension(start=start, end=end, reason=BROKEN, declared_on=declared_on)


def found(approval, code, on, **kw):
    return [f for f in I.check(approval, on=on, structure_kind=ACI, **kw) if f.code == code]


# --- the fields --------------------------------------------------------------------------


def test_fields_are_optional_and_default_to_none():
    s = I.Suspension(start=D(2024, 1, 1), end=D(2024, 1, 31), reason=BROKEN)
    p = I.Prolongation(start=D(2024, 1, 1), end=D(2024, 2, 1), reason="RQTH")
    assert s.declared_on is None
    assert p.requested_on is None
    # every existing document still loads
    assert (
        serialization.load(
            I.Suspension, {"start": "2024-01-01", "end": "2024-01-31", "reason": "CONTRACT_BROKEN"}
        )
        == s
    )
    assert (
        serialization.load(
            I.Prolongation, {"start": "2024-01-01", "end": "2024-02-01", "reason": "RQTH"}
        )
        == p
    )


def test_fields_convert_plain_dates_and_refuse_anything_else():
    s = I.Suspension(start=D(2024, 1, 1), end=D(2024, 1, 31), reason=BROKEN,
                     declared_on=dt.date(2024, 2, 1))  # fmt: skip
    assert type(s.declared_on) is pendulum.Date
    with pytest.raises(I.InvalidData) as exc:
        I.Suspension(start=D(2024, 1, 1), end=D(2024, 1, 31), reason=BROKEN,
                     declared_on="2024-02-01")  # fmt: skip
    assert "declared_on" in str(exc.value)
    with pytest.raises(I.InvalidData) as exc:
        I.Prolongation(start=D(2024, 1, 1), end=D(2024, 2, 1), reason="RQTH",
                       requested_on=dt.datetime(2024, 1, 1, 12))  # fmt: skip
    assert "requested_on" in str(exc.value)


def test_json_names_and_schema():
    s = susp(D(2024, 1, 1), D(2024, 1, 31), declared_on=D(2024, 2, 1))
    assert serialization.dump(s)["declared_on"] == "2024-02-01"
    p = I.Prolongation(start=D(2024, 1, 1), end=D(2024, 2, 1), reason="RQTH",
                       requested_on=D(2023, 12, 1))  # fmt: skip
    assert serialization.dump(p)["requested_on"] == "2023-12-01"
    for cls, name in ((I.Suspension, "declared_on"), (I.Prolongation, "requested_on")):
        schema = json_schema(cls)
        assert name in schema["properties"]
        assert name not in schema.get("required", [])


@given(suspensions())
def test_suspension_round_trip(s):
    assert serialization.load(I.Suspension, serialization.dump(s)) == s


@given(prolongations())
def test_prolongation_round_trip(p):
    assert serialization.load(I.Prolongation, serialization.dump(p)) == p


# --- stored suspensions: 365-day retroactivity --------------------------------------------

PASS = I.Approval(number=NUMBER, start=D(2023, 6, 1))  # ends 2025-05-30
DECLARED = D(2025, 1, 15)


@pytest.mark.parametrize(("days_before", "expected"), [(364, False), (365, False), (366, True)])
def test_stored_suspension_at_most_365_days_retroactive(days_before, expected):
    s = susp(DECLARED.subtract(days=days_before), DECLARED, declared_on=DECLARED)
    a = I.Approval(number=NUMBER, start=PASS.start, suspensions=[s])
    got = found(a, "suspension.too_retroactive", on=D(2025, 3, 1))
    assert bool(got) is expected
    if got:
        assert got[0].path == "suspensions[0].start"
        assert got[0].severity is I.Severity.ERROR
        assert "15/01/2024" in got[0].message  # the earliest allowed start
    # without the declaration date nothing is judged, as before
    bare = I.Approval(number=NUMBER, start=PASS.start, suspensions=[susp(s.start, s.end)])
    assert not found(bare, "suspension.too_retroactive", on=D(2025, 3, 1))


def test_stored_retroactivity_across_29_february():
    # 365 days before 2025-02-28 is 2024-02-29
    a = I.Approval(number=NUMBER, start=D(2023, 6, 1))
    for start, expected in (
        (D(2024, 2, 28), True),
        (D(2024, 2, 29), False),
        (D(2024, 3, 1), False),
    ):
        s = susp(start, D(2024, 4, 1), declared_on=D(2025, 2, 28))
        b = I.Approval(number=a.number, start=a.start, suspensions=[s])
        assert bool(found(b, "suspension.too_retroactive", on=D(2025, 3, 1))) is expected


def test_stored_and_command_agree():
    s = susp(DECLARED.subtract(days=366), DECLARED, declared_on=DECLARED)
    with pytest.raises(I.RuleViolation) as exc:
        PASS.suspend(s, on=DECLARED, structure_kind=ACI)
    stored = I.Approval(number=NUMBER, start=PASS.start, suspensions=[s])
    assert exc.value.report.codes == I.check(stored, on=DECLARED, structure_kind=ACI).codes


# --- the day after the end of the last ended suspension -------------------------------------

A_SUSP = susp(D(2024, 6, 1), D(2024, 6, 30), declared_on=D(2024, 6, 1))


@pytest.mark.parametrize(
    ("start", "codes"),
    [
        (D(2024, 6, 30), {"suspension.overlap"}),  # overlapping: overlap alone says it
        (D(2024, 7, 1), set()),  # the day after its end
        (D(2024, 7, 2), set()),
    ],
)
def test_command_after_the_last_ended_suspension(start, codes):
    a = PASS.suspend(A_SUSP, on=A_SUSP.start, structure_kind=ACI)
    new = susp(start, D(2024, 7, 20))
    if codes:
        with pytest.raises(I.RuleViolation) as exc:
            a.suspend(new, on=D(2024, 8, 1), structure_kind=ACI)
        assert exc.value.report.codes == codes
    else:
        a.suspend(new, on=D(2024, 8, 1), structure_kind=ACI)


@pytest.mark.parametrize(
    ("on", "refused"),
    [
        (D(2024, 6, 30), False),  # the earlier suspension is still running on its last day
        (D(2024, 7, 1), True),  # ended: the new one may not start before 2024-07-01
        (D(2024, 7, 2), True),
    ],
)
def test_command_before_an_ended_suspension(on, refused):
    a = PASS.suspend(A_SUSP, on=A_SUSP.start, structure_kind=ACI)
    before = susp(D(2024, 5, 1), D(2024, 5, 20))  # entirely before it: no overlap
    if refused:
        with pytest.raises(I.RuleViolation) as exc:
            a.suspend(before, on=on, structure_kind=ACI)
        (f,) = exc.value.report
        assert f.code == "suspension.too_retroactive"
        assert f.path == "suspensions[1].start"
        assert "01/07/2024" in f.message
    else:
        a.suspend(before, on=on, structure_kind=ACI)


def test_stored_suspension_before_an_ended_one():
    later_declared = susp(D(2024, 5, 1), D(2024, 5, 20), declared_on=D(2024, 8, 1))
    a = I.Approval(number=NUMBER, start=PASS.start, suspensions=[A_SUSP, later_declared])
    (f,) = found(a, "suspension.too_retroactive", on=D(2024, 9, 1))
    assert f.path == "suspensions[1].start"
    # the earlier one's declaration unknown, or after the new one's: nothing to say
    unknown = susp(A_SUSP.start, A_SUSP.end)
    a = I.Approval(number=NUMBER, start=PASS.start, suspensions=[unknown, later_declared])
    assert not found(a, "suspension.too_retroactive", on=D(2024, 9, 1))
    retro = susp(A_SUSP.start, A_SUSP.end, declared_on=D(2024, 9, 1))
    a = I.Approval(number=NUMBER, start=PASS.start, suspensions=[retro, later_declared])
    assert not found(a, "suspension.too_retroactive", on=D(2024, 9, 2))
    # the new one declared the day after the earlier one ended, or on its last day
    for declared, expected in ((D(2024, 6, 30), False), (D(2024, 7, 1), True)):
        s = susp(D(2024, 5, 1), D(2024, 5, 20), declared_on=declared)
        a = I.Approval(number=NUMBER, start=PASS.start, suspensions=[A_SUSP, s])
        assert bool(found(a, "suspension.too_retroactive", on=D(2024, 9, 1))) is expected


def test_the_rule_is_in_the_catalogue_description():
    rule = {r.code: r for r in I.rules()}["suspension.too_retroactive"]
    assert "day after" in rule.description
    assert "declared_on" in rule.description


# --- stored prolongations: the request window -------------------------------------------------


def prol(approval, length, requested_on, reason="RQTH"):
    end = approval.end
    return I.Prolongation(start=end, end=end.add(days=length), reason=reason,
                          validated_by="cap-emploi", requested_on=requested_on)  # fmt: skip


def with_prolongation(approval, p):
    return I.Approval(number=approval.number, start=approval.start, prolongations=[p])


@pytest.mark.parametrize(
    ("requested_on", "expected"),
    [
        # PASS from 2024-03-01, end 2026-02-28; version of 2025-10-15: [end - 12 months, end]
        (D(2026, 2, 27), False),
        (D(2026, 2, 28), False),
        (D(2026, 3, 1), True),
    ],
)
def test_stored_prolongation_window_high_side(requested_on, expected):
    a = I.Approval(number=NUMBER, start=D(2024, 3, 1))
    assert a.end == D(2026, 2, 28)
    stored = with_prolongation(a, prol(a, 100, requested_on))
    got = found(stored, "prolongation.window", on=D(2026, 6, 1))
    assert bool(got) is expected
    if got:
        assert got[0].path == "prolongations[0]"
    # the command judges the same
    p = prol(a, 100, None)
    if expected:
        with pytest.raises(I.RuleViolation):
            a.prolong(p, on=requested_on, structure_kind=ACI)
    else:
        a.prolong(p, on=requested_on, structure_kind=ACI)


@pytest.mark.parametrize(
    ("requested_on", "expected"),
    [
        # PASS from 2025-09-01, end 2027-08-31; version of 2026-05-21:
        # [end - 12 months, end + 6 months] = [2026-08-31, 2028-02-29] (platform arithmetic)
        (D(2026, 8, 30), True),
        (D(2026, 8, 31), False),
        (D(2026, 9, 1), False),
        (D(2028, 2, 28), False),
        (D(2028, 2, 29), False),
        (D(2028, 3, 1), True),
    ],
)
def test_stored_prolongation_window_both_sides(requested_on, expected):
    a = I.Approval(number=NUMBER, start=D(2025, 9, 1))
    assert a.end == D(2027, 8, 31)
    stored = with_prolongation(a, prol(a, 100, requested_on))
    assert bool(found(stored, "prolongation.window", on=D(2028, 6, 1))) is expected
    # without the request date nothing is judged, as before
    bare = with_prolongation(a, prol(a, 100, None))
    assert not found(bare, "prolongation.window", on=D(2028, 6, 1))


def test_stored_prolongation_age_judged_on_the_request_date():
    # PASS from 2024-07-02 ends 2026-07-01; the person turns 50 on 2026-06-01
    a = I.Approval(number=NUMBER, start=D(2024, 7, 2))
    assert a.end == D(2026, 7, 1)
    person = I.Person(id="p", birth_date=D(1976, 6, 1))
    for requested_on, expected in ((D(2026, 5, 31), True), (D(2026, 6, 1), False)):
        stored = with_prolongation(a, prol(a, 100, requested_on, reason="SENIOR"))
        got = found(stored, "prolongation.person_condition", on=D(2026, 8, 1), person=person)
        assert bool(got) is expected
    bare = with_prolongation(a, prol(a, 100, None, reason="SENIOR"))
    assert not found(bare, "prolongation.person_condition", on=D(2026, 8, 1), person=person)

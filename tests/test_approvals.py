"""PASS IAE date arithmetic and rules, each on both sides of its limit."""

import pendulum
import pytest

import iae_core as I
from iae_core import approvals as A
from iae_core.approvals._rules import window_finding

D = pendulum.date
SIAE = [I.StructureKind.ACI, I.StructureKind.AI, I.StructureKind.EI, I.StructureKind.ETTI,
        I.StructureKind.EITI]  # fmt: skip
ACI = I.StructureKind.ACI
NUMBER = "999990000001"


def pass_(start, **kw):
    return I.Approval(number=NUMBER, start=start, **kw)


def susp(start, end, reason=I.SuspensionReason.CONTRACT_BROKEN):
    return I.Suspension(start=start, end=end, reason=reason)


def prol(start, end, reason=I.ProlongationReason.RQTH, validated_by="cap-emploi"):
    return I.Prolongation(start=start, end=end, reason=reason, validated_by=validated_by)


def codes_of(exc_info):
    return exc_info.value.report.codes


# --- default length, by start date --------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2021, 11, 17), D(2023, 11, 16)),  # before 2024-02-28: + 2 years - 1 day
        (D(2022, 1, 1), D(2023, 12, 31)),
        (D(2023, 1, 1), D(2024, 12, 31)),
        (D(2024, 2, 27), D(2026, 2, 26)),  # day before the change: 2026-02-27 - 1
        (D(2024, 2, 28), D(2026, 2, 26)),  # day of the change: + 729 days (leap day inside)
        (D(2024, 2, 29), D(2026, 2, 27)),  # day after
        (D(2024, 3, 1), D(2026, 2, 28)),  # the leap-year example
        (D(2027, 1, 1), D(2028, 12, 30)),  # rules.md example
    ],
)
def test_default_end_by_start_date(start, end):
    a = pass_(start)
    assert a.initial_end is None  # None stays stored
    assert a.resolved_initial_end == end
    assert a.end == end
    assert I.dump(a)["initial_end"] is None
    assert I.load(I.Approval, I.dump(a)) == a


def test_initial_end_overrides_default():
    a = pass_(D(2023, 1, 1), initial_end=D(2024, 12, 30))
    assert a.end == D(2024, 12, 30)


def test_end_adds_suspension_and_prolongation_days():
    a = pass_(D(2024, 3, 1))
    # an inclusive 11-day suspension pushes the end by 10 days
    s = susp(D(2024, 6, 1), D(2024, 6, 11))
    assert s.push == 10
    b = pass_(D(2024, 3, 1), suspensions=(s,))
    assert b.end == D(2026, 3, 10)
    p = prol(D(2026, 3, 10), D(2027, 3, 10))
    c = pass_(D(2024, 3, 1), suspensions=(s,), prolongations=(p,))
    assert c.end == D(2027, 3, 10) == p.end
    assert c.prolonged_days == 365
    assert a.end == D(2026, 2, 28)


# --- state, remaining days, waiting period ----------------------------------------------


def test_state_both_sides_of_each_limit():
    s = susp(D(2024, 6, 1), D(2024, 6, 11))
    a = pass_(D(2024, 3, 1), suspensions=(s,))
    end = a.end  # 2026-03-10
    assert a.state(D(2024, 2, 29)) is I.ApprovalState.FUTURE
    assert a.state(D(2024, 3, 1)) is I.ApprovalState.VALID
    assert a.state(D(2024, 5, 31)) is I.ApprovalState.VALID
    assert a.state(D(2024, 6, 1)) is I.ApprovalState.SUSPENDED
    assert a.state(D(2024, 6, 11)) is I.ApprovalState.SUSPENDED
    assert a.state(D(2024, 6, 12)) is I.ApprovalState.VALID
    assert a.state(end) is I.ApprovalState.VALID
    assert a.state(end.add(days=1)) is I.ApprovalState.EXPIRED
    assert a.is_valid(D(2024, 1, 1))  # a future PASS is valid
    assert a.is_valid(end)
    assert not a.is_valid(end.add(days=1))


def test_remaining_days():
    a = pass_(D(2024, 3, 1))  # ends 2026-02-28: 730 days inclusive
    assert a.remaining_days(D(2024, 1, 1)) == 730  # not started: the whole length
    assert a.remaining_days(D(2024, 3, 1)) == 730
    assert a.remaining_days(D(2024, 3, 2)) == 729
    assert a.remaining_days(D(2026, 2, 28)) == 1
    assert a.remaining_days(D(2026, 3, 1)) == 0
    s = susp(D(2024, 6, 1), D(2024, 6, 11))  # 11 days, end pushed by 10
    b = pass_(D(2024, 3, 1), suspensions=(s,))
    # before the suspension: 740 days to the end, 11 suspended days not yet elapsed
    assert b.remaining_days(D(2024, 5, 31)) == (b.end - D(2024, 5, 31)).in_days() + 1 - 11
    # on its last day: 1 suspended day left
    assert b.remaining_days(D(2024, 6, 11)) == (b.end - D(2024, 6, 11)).in_days() + 1 - 1
    # the day after: nothing suspended left
    assert b.remaining_days(D(2024, 6, 12)) == (b.end - D(2024, 6, 12)).in_days() + 1


def test_waiting_period_both_sides():
    a = pass_(D(2024, 3, 1))  # ends 2026-02-28
    assert a.waiting_period_end == D(2028, 2, 28)
    assert not a.in_waiting_period(D(2026, 2, 28))
    assert a.in_waiting_period(D(2026, 3, 1))
    assert a.in_waiting_period(D(2028, 2, 28))
    assert not a.in_waiting_period(D(2028, 2, 29))
    leap = pass_(D(2022, 3, 1), initial_end=D(2024, 2, 29))
    assert leap.waiting_period_end == D(2026, 2, 28)  # calendar years, clamped


def test_waiting_period_after_termination():
    long = susp(D(2022, 1, 10), D(2023, 1, 9))  # exactly 12 months
    a = pass_(D(2021, 10, 1), suspensions=(long,))
    assert a.waiting_period_end_after(long) == D(2024, 1, 10)
    # the 2 years run from the suspension's start (R5132-1-4 al. 2): from that day on
    assert not a.in_waiting_period(D(2022, 1, 9), ended_after=long)
    assert a.in_waiting_period(D(2022, 1, 10), ended_after=long)
    assert a.in_waiting_period(D(2022, 1, 11), ended_after=long)
    assert a.in_waiting_period(D(2024, 1, 9), ended_after=long)
    assert a.in_waiting_period(D(2024, 1, 10), ended_after=long)
    assert not a.in_waiting_period(D(2024, 1, 11), ended_after=long)
    short = susp(D(2022, 1, 10), D(2023, 1, 8))  # one day short of 12 months
    b = pass_(D(2021, 10, 1), suspensions=(short,))
    with pytest.raises(ValueError, match="12"):
        b.waiting_period_end_after(short)
    with pytest.raises(ValueError, match="not a suspension"):
        a.waiting_period_end_after(short)


@pytest.mark.parametrize("kind", SIAE)
def test_new_approval_waiting_period(kind):
    prev = pass_(D(2024, 3, 1))  # ends 2026-02-28, waiting until 2028-02-28
    chk = A.new_approval_check

    def codes(on, **kw):
        return chk(prev, on=on, structure_kind=kind, **kw).codes

    assert codes(D(2026, 2, 28)) == frozenset()
    assert codes(D(2026, 3, 1)) == {"approval.waiting_period"}
    assert codes(D(2028, 2, 28)) == {"approval.waiting_period"}
    assert codes(D(2028, 2, 29)) == frozenset()
    assert codes(D(2027, 1, 1), authorized_prescriber=True) == frozenset()
    assert codes(D(2027, 1, 1), prescriber_diagnosis_valid=True) == frozenset()
    assert chk(None, on=D(2027, 1, 1), structure_kind=kind).codes == frozenset()
    f = chk(prev, on=D(2027, 1, 1), structure_kind=kind)[0]
    assert (f.severity, f.reference, f.path) == (I.Severity.ERROR, "C. trav. art. R5132-1-4", "")
    assert "29/02/2028" in f.message


@pytest.mark.parametrize(
    "kind", [I.StructureKind.GEIQ, I.StructureKind.EA, I.StructureKind.EATT, I.StructureKind.OPCS]
)
def test_new_approval_waiting_period_never_for_non_siae(kind):
    prev = pass_(D(2024, 3, 1))
    assert not A.new_approval_check(prev, on=D(2027, 1, 1), structure_kind=kind)


def test_new_approval_waiting_period_after_termination():
    long = susp(D(2022, 1, 10), D(2023, 6, 9))
    prev = pass_(D(2021, 10, 1), suspensions=(long,))
    r = A.new_approval_check(prev, on=D(2024, 1, 10), structure_kind=ACI, ended_after=long)
    assert r.codes == {"approval.waiting_period"}
    r = A.new_approval_check(prev, on=D(2024, 1, 11), structure_kind=ACI, ended_after=long)
    assert not r


# --- number -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("999990000001", True),
        ("123452112345", True),  # legacy France Travail agrément
        ("99999000001", False),  # 11 characters
        ("9999900000012", False),  # 13
        ("99999A000001", False),  # platform prefix with a letter
        ("12345-211234", False),
    ],
)
def test_number_format(number, ok):
    a = I.Approval(number=number, start=D(2024, 3, 1))
    r = I.check(a, on=D(2024, 4, 1), structure_kind=ACI)
    assert ("approval.number_format" not in r.codes) is ok
    if not ok:
        assert r[0].path == "number"


# --- suspensions (command) ------------------------------------------------------------------

START = D(2024, 3, 1)  # PASS ends 2026-02-28
ON = D(2025, 1, 15)


def suspend(s, on=ON, kind=ACI, base=None, **kw):
    return (base or pass_(START)).suspend(s, on=on, structure_kind=kind, **kw)


def refused(s, **kw):
    with pytest.raises(I.RuleViolation) as exc:
        suspend(s, **kw)
    return exc.value.report


def test_suspend_returns_new_approval():
    a = pass_(START)
    s = susp(D(2025, 1, 1), D(2025, 3, 31))
    b = suspend(s)
    assert b.suspensions == (s,)
    assert a.suspensions == ()
    assert b.end == a.end.add(days=89)


def test_suspension_too_long_36_months():
    first = D(2025, 1, 15)
    suspend(susp(first, D(2028, 1, 14)))  # start + 36 months - 1 day
    r = refused(susp(first, D(2028, 1, 15)))
    assert r.codes == {"suspension.too_long"}
    assert r[0].path == "suspensions[0].end"


def test_suspension_future_start():
    suspend(susp(ON, ON.add(days=10)))
    r = refused(susp(ON.add(days=1), ON.add(days=10)))
    assert r.codes == {"suspension.future_start"}
    assert r[0].path == "suspensions[0].start"


def test_suspension_retroactivity_365_days():
    base = pass_(D(2023, 6, 1))
    suspend(susp(ON.subtract(days=365), ON), base=base)
    r = refused(susp(ON.subtract(days=366), ON), base=base)
    assert r.codes == {"suspension.too_retroactive"}


def test_suspension_not_before_last_hiring():
    hiring = D(2024, 9, 1)
    suspend(susp(hiring, ON), last_hiring_start=hiring)
    r = refused(susp(hiring.subtract(days=1), ON), last_hiring_start=hiring)
    assert r.codes == {"suspension.too_retroactive"}


def test_suspension_outside_approval():
    # start side: the PASS starts on the declaration day's year before
    a = pass_(D(2024, 6, 1))  # ends 2026-05-31
    a.suspend(susp(D(2024, 6, 1), D(2024, 7, 1)), on=D(2024, 7, 1), structure_kind=ACI)
    with pytest.raises(I.RuleViolation) as exc:
        a.suspend(susp(D(2024, 5, 31), D(2024, 7, 1)), on=D(2024, 7, 1), structure_kind=ACI)
    assert codes_of(exc) == {"suspension.outside_approval"}
    # end side
    end = a.end
    a.suspend(susp(end, end.add(days=5)), on=end, structure_kind=ACI)
    with pytest.raises(I.RuleViolation) as exc:
        a.suspend(susp(end.add(days=1), end.add(days=5)), on=end.add(days=1), structure_kind=ACI)
    assert codes_of(exc) == {"suspension.outside_approval"}


def test_suspension_overlap():
    first = suspend(susp(D(2024, 12, 1), D(2024, 12, 31)), on=D(2024, 12, 1))
    suspend(susp(D(2025, 1, 1), D(2025, 1, 10)), base=first)  # the day after: fine
    r = refused(susp(D(2024, 12, 31), D(2025, 1, 10)), base=first)  # same last day
    assert r.codes == {"suspension.overlap"}
    assert r[0].path == "suspensions[1].start"
    assert "suspensions[0]" in r[0].message


def test_suspension_overlap_on_the_other_side():
    later = suspend(susp(D(2025, 1, 10), D(2025, 1, 20)), on=D(2025, 1, 10))
    suspend(susp(D(2024, 12, 20), D(2025, 1, 9)), base=later)  # ends the day before: fine
    r = refused(susp(D(2024, 12, 20), D(2025, 1, 10)), base=later)  # ends on its first day
    assert r.codes == {"suspension.overlap"}


@pytest.mark.parametrize("kind", SIAE)
def test_contrat_passerelle_only_ei_aci(kind):
    s = susp(D(2025, 1, 1), D(2025, 2, 1), I.SuspensionReason.CONTRAT_PASSERELLE)
    if kind in (I.StructureKind.EI, I.StructureKind.ACI):
        assert not I.check(suspend(s, kind=kind), on=ON, structure_kind=kind)
    else:
        r = refused(s, kind=kind)
        assert r.codes == {"suspension.reason_not_allowed"}
        assert r[0].path == "suspensions[0].reason"


@pytest.mark.parametrize("reason", [r for r in I.SuspensionReason if r.is_legacy])
def test_legacy_suspension_reason_is_a_warning(reason):
    b = suspend(susp(D(2025, 1, 1), D(2025, 2, 1), reason))  # accepted
    r = I.check(b, on=ON, structure_kind=ACI)
    assert r.ok
    assert r.codes == {"suspension.reason_not_allowed"}
    assert r[0].severity is I.Severity.WARNING


def test_rule_violation_reports_every_finding():
    s = susp(D(2026, 6, 1), D(2030, 1, 1), I.SuspensionReason.CONTRAT_PASSERELLE)
    r = refused(s, kind=I.StructureKind.AI)
    assert r.codes == {
        "suspension.reason_not_allowed",
        "suspension.too_long",
        "suspension.future_start",
        "suspension.outside_approval",
    }


def test_suspension_before_decree_is_info_only():
    a = I.Approval(number=NUMBER, start=D(2020, 1, 6))
    s = susp(D(2021, 8, 1), D(2025, 1, 1))  # way too long, but before 2021-09-01
    b = a.suspend(s, on=D(2021, 8, 31), structure_kind=ACI)
    assert b.suspensions == (s,)
    r = I.check(b, on=D(2021, 8, 31), structure_kind=ACI)
    assert r.codes == {"approval.before_decree"}
    assert r[0].severity is I.Severity.INFO
    with pytest.raises(I.RuleViolation):
        a.suspend(susp(D(2021, 9, 1), D(2025, 1, 1)), on=D(2021, 9, 1), structure_kind=ACI)


# --- prolongations (command) ------------------------------------------------------------------

END = D(2026, 2, 28)  # of pass_(START)
REQ = D(2026, 1, 15)  # a request date inside today's window


def prolong(p, on=REQ, kind=ACI, base=None, **kw):
    return (base or pass_(START)).prolong(p, on=on, structure_kind=kind, **kw)


def prol_refused(p, **kw):
    with pytest.raises(I.RuleViolation) as exc:
        prolong(p, **kw)
    return exc.value.report


def test_prolongation_must_start_on_current_end():
    b = prolong(prol(END, END.add(days=100)))
    assert b.end == END.add(days=100)
    for start in (END.subtract(days=1), END.add(days=1)):
        r = prol_refused(prol(start, END.add(days=100)))
        assert r.codes == {"prolongation.start"}
        assert r[0].path == "prolongations[0].start"


@pytest.mark.parametrize(
    ("reason", "per_request"),
    [
        (I.ProlongationReason.COMPLETE_TRAINING, 365),
        (I.ProlongationReason.RQTH, 365),
        (I.ProlongationReason.SENIOR, 365),
        (I.ProlongationReason.PARTICULAR_DIFFICULTIES, 365),
        (I.ProlongationReason.SENIOR_CDI, 3650),
    ],
)
def test_prolongation_per_request_cap(reason, per_request):
    prolong(prol(END, END.add(days=per_request), reason))
    r = prol_refused(prol(END, END.add(days=per_request + 1), reason))
    assert r.codes == {"prolongation.too_long"}
    assert r[0].path == "prolongations[0].end"


@pytest.mark.parametrize(
    ("reason", "cap"),
    [
        (I.ProlongationReason.RQTH, 1095),
        (I.ProlongationReason.SENIOR, 1825),
        (I.ProlongationReason.PARTICULAR_DIFFICULTIES, 1095),
    ],
)
def test_prolongation_cumulative_cap(reason, cap):
    a = pass_(START)
    used = 0
    while cap - used > 365:
        end = a.end
        a = a.prolong(prol(end, end.add(days=365), reason), on=end, structure_kind=ACI)
        used += 365
    end = a.end
    last = cap - used
    a.prolong(prol(end, end.add(days=last), reason), on=end, structure_kind=ACI)
    with pytest.raises(I.RuleViolation) as exc:
        a.prolong(prol(end, end.add(days=last + 1), reason), on=end, structure_kind=ACI)
    assert codes_of(exc) == {"prolongation.too_long"}
    assert exc.value.report[0].path == f"prolongations[{len(a.prolongations)}].end"


@pytest.mark.parametrize(
    ("reason", "cap"),
    [
        (I.ProlongationReason.RQTH, 1095),
        (I.ProlongationReason.SENIOR, 1825),
        (I.ProlongationReason.PARTICULAR_DIFFICULTIES, 1095),
    ],
)
def test_prolongation_cumulative_cap_binds_below_the_per_request_cap(reason, cap):
    # caps that are multiples of 365: a first 100-day prolongation makes the last request
    # (cap - used, then one day more) shorter than 365 days, so only the cumulative cap binds
    a = prolong(prol(END, END.add(days=100), reason))
    used = 100
    while cap - used > 365:
        e = a.end
        a = a.prolong(prol(e, e.add(days=365), reason), on=e, structure_kind=ACI)
        used += 365
    e, last = a.end, cap - used
    assert last < 365
    b = a.prolong(prol(e, e.add(days=last), reason), on=e, structure_kind=ACI)
    assert b.prolonged_days == cap
    with pytest.raises(I.RuleViolation) as exc:
        a.prolong(prol(e, e.add(days=last + 1), reason), on=e, structure_kind=ACI)
    assert [f.code for f in exc.value.report] == ["prolongation.too_long"]
    assert f"{cap} jours au total" in exc.value.report[0].message


def test_cumulative_cap_counts_every_reason():
    a = prolong(prol(END, END.add(days=365), I.ProlongationReason.COMPLETE_TRAINING))
    a = a.prolong(prol(a.end, a.end.add(days=365)), on=a.end, structure_kind=ACI)
    a = a.prolong(prol(a.end, a.end.add(days=365)), on=a.end, structure_kind=ACI)
    # RQTH: 1095 in all, 1095 already used (365 of them for training)
    with pytest.raises(I.RuleViolation) as exc:
        a.prolong(prol(a.end, a.end.add(days=1)), on=a.end, structure_kind=ACI)
    assert codes_of(exc) == {"prolongation.too_long"}
    # training has no cumulative cap
    training = prol(a.end, a.end.add(days=365), I.ProlongationReason.COMPLETE_TRAINING)
    a.prolong(training, on=a.end, structure_kind=ACI)


@pytest.mark.parametrize("kind", SIAE)
def test_particular_difficulties_only_ai_aci(kind):
    p = prol(END, END.add(days=30), I.ProlongationReason.PARTICULAR_DIFFICULTIES)
    if kind in (I.StructureKind.AI, I.StructureKind.ACI):
        prolong(p, kind=kind)
    else:
        r = prol_refused(p, kind=kind)
        assert r.codes == {"prolongation.reason_not_allowed"}
        assert r[0].path == "prolongations[0].reason"


def test_health_context_until_2021_11_30():
    a = pass_(D(2019, 12, 1), initial_end=D(2021, 11, 30))
    p = prol(D(2021, 11, 30), D(2022, 2, 28), I.ProlongationReason.HEALTH_CONTEXT)
    a.prolong(p, on=D(2021, 11, 30), structure_kind=ACI)
    with pytest.raises(I.RuleViolation) as exc:
        a.prolong(p, on=D(2021, 12, 1), structure_kind=ACI)
    assert codes_of(exc) == {"prolongation.reason_not_allowed"}


def test_health_context_caps_365_per_request_and_in_all():
    a = pass_(D(2019, 10, 1), initial_end=D(2021, 10, 1))
    hc = I.ProlongationReason.HEALTH_CONTEXT
    e = a.end
    a.prolong(prol(e, e.add(days=365), hc), on=e, structure_kind=ACI)
    with pytest.raises(I.RuleViolation) as exc:
        a.prolong(prol(e, e.add(days=366), hc), on=e, structure_kind=ACI)
    # both caps are exceeded: one finding each
    assert [f.code for f in exc.value.report] == ["prolongation.too_long"] * 2
    # after a 30-day training prolongation, 335 more days fit, 336 do not (cumulative only)
    t = prol(e, e.add(days=30), I.ProlongationReason.COMPLETE_TRAINING)
    b = a.prolong(t, on=e, structure_kind=ACI)
    e = b.end
    b.prolong(prol(e, e.add(days=335), hc), on=e, structure_kind=ACI)
    with pytest.raises(I.RuleViolation) as exc:
        b.prolong(prol(e, e.add(days=336), hc), on=e, structure_kind=ACI)
    assert [f.code for f in exc.value.report] == ["prolongation.too_long"]
    assert "365 jours au total" in exc.value.report[0].message


@pytest.mark.parametrize(
    "reason", [r for r in I.ProlongationReason if r is not I.ProlongationReason.HEALTH_CONTEXT]
)
def test_validation_required(reason):
    p = prol(END, END.add(days=30), reason, validated_by=None)
    if reason in (I.ProlongationReason.SENIOR_CDI, I.ProlongationReason.COMPLETE_TRAINING):
        prolong(p)
    else:
        r = prol_refused(p)
        assert r.codes == {"prolongation.validation_required"}
        assert r[0].path == "prolongations[0].validated_by"


def person(birth, rqth=False):
    return I.Person(id="p", birth_date=birth, rqth=rqth)


def test_person_condition_senior_50_on_request_date():
    p = prol(END, END.add(days=30), I.ProlongationReason.SENIOR)
    prolong(p, person=person(REQ.subtract(years=50)))  # 50 today
    r = prol_refused(p, person=person(REQ.subtract(years=50).add(days=1)))  # 50 tomorrow
    assert r.codes == {"prolongation.person_condition"}


def test_person_condition_rqth():
    p = prol(END, END.add(days=30), I.ProlongationReason.RQTH)
    prolong(p, person=person(D(1980, 1, 1), rqth=True))
    r = prol_refused(p, person=person(D(1980, 1, 1), rqth=False))
    assert r.codes == {"prolongation.person_condition"}


def test_person_condition_senior_cdi():
    p = prol(END, END.add(days=3000), I.ProlongationReason.SENIOR_CDI, validated_by=None)
    prolong(p, person=person(REQ.subtract(years=57)), cdi_inclusion=True)
    r = prol_refused(p, person=person(REQ.subtract(years=57).add(days=1)))
    assert r.codes == {"prolongation.person_condition"}
    r = prol_refused(p, cdi_inclusion=False)
    assert r.codes == {"prolongation.person_condition"}


def test_prolongation_before_decree_is_info_only():
    a = pass_(D(2019, 9, 1), initial_end=D(2021, 8, 31))
    p = prol(D(2021, 8, 31), D(2024, 1, 1), validated_by=None)
    b = a.prolong(p, on=D(2021, 8, 31), structure_kind=I.StructureKind.EI)
    r = I.check(b, on=D(2021, 9, 30), structure_kind=I.StructureKind.EI)
    assert r.codes == {"approval.before_decree"}


# --- prolongation windows, one version after the other ---------------------------------------

WINDOW_START = D(2021, 1, 4)
WINDOW_END = D(2023, 1, 3)


def in_window(on, start=WINDOW_START, end=WINDOW_END):
    return window_finding("p", on=on, approval_start=start, current_end=end) is None


@pytest.mark.parametrize(
    ("on", "end", "expected"),
    [
        # 2021-10-25: [end - 3 months, end + 3 months]
        (D(2021, 11, 9), D(2022, 2, 10), False),
        (D(2021, 11, 10), D(2022, 2, 10), True),
        (D(2022, 5, 10), D(2022, 2, 10), True),
        (D(2022, 5, 11), D(2022, 2, 10), False),
        # 2022-11-17: [start + 12 months, end + 3 months] (start 2021-01-04)
        (D(2022, 11, 17), D(2023, 6, 30), True),
        (D(2023, 7, 26), D(2023, 6, 30), True),  # end + 3 months = 2023-09-30
        # 2023-07-27: [end - 7 months, end]
        (D(2023, 7, 27), D(2024, 2, 27), True),
        (D(2023, 7, 27), D(2024, 2, 28), False),
        (D(2023, 8, 1), D(2023, 7, 31), False),
        (D(2023, 8, 1), D(2023, 8, 1), True),
        # 2025-10-15: [end - 12 months, end]
        (D(2025, 10, 15), D(2026, 10, 15), True),
        (D(2025, 10, 15), D(2026, 10, 16), False),
        (D(2025, 10, 15), D(2025, 10, 14), False),
        # 2026-05-21: [end - 12 months, end + 6 months]
        (D(2026, 5, 21), D(2025, 11, 21), True),
        (D(2026, 5, 21), D(2025, 11, 20), False),
        (D(2026, 5, 21), D(2027, 5, 21), True),
        (D(2026, 5, 21), D(2027, 5, 22), False),
    ],
)
def test_window_versions(on, end, expected):
    assert in_window(on, end=end) is expected


def test_window_version_change_days():
    end = D(2026, 1, 10)
    # the day before 2026-05-21 the window closes at the end; from that day, end + 6 months
    assert not in_window(D(2026, 5, 20), end=end)
    assert in_window(D(2026, 5, 21), end=end)
    # start + 12 months (2022-11-17 version) vs end - 7 months (2023-07-27 version)
    start, end = D(2021, 9, 6), D(2024, 6, 30)
    assert in_window(D(2023, 7, 26), start=start, end=end)
    assert not in_window(D(2023, 7, 27), start=start, end=end)
    # before 2021-10-25, no window is known: not checked
    assert in_window(D(2021, 10, 24), end=D(2030, 1, 1))
    assert not in_window(D(2021, 10, 25), end=D(2030, 1, 1))


def test_window_2022_11_17_version_both_sides_of_each_bound():
    # [start + 12 months, end + 3 months]; start 2022-01-10 -> low 2023-01-10
    start, end = D(2022, 1, 10), D(2023, 3, 31)  # high = 2023-06-30
    assert not in_window(D(2023, 1, 9), start=start, end=end)
    assert in_window(D(2023, 1, 10), start=start, end=end)
    assert in_window(D(2023, 1, 11), start=start, end=end)
    assert in_window(D(2023, 6, 29), start=start, end=end)
    assert in_window(D(2023, 6, 30), start=start, end=end)
    assert not in_window(D(2023, 7, 1), start=start, end=end)


def test_window_2021_10_25_version_both_sides_of_each_bound():
    end = D(2022, 2, 10)  # [2021-11-10, 2022-05-10]
    assert not in_window(D(2021, 11, 9), end=end)
    assert in_window(D(2021, 11, 10), end=end)
    assert in_window(D(2021, 11, 11), end=end)
    assert in_window(D(2022, 5, 9), end=end)
    assert in_window(D(2022, 5, 10), end=end)
    assert not in_window(D(2022, 5, 11), end=end)


@pytest.mark.parametrize(
    ("day", "start", "end", "before", "of"),
    [
        # 2022-11-17: [end - 3 m, end + 3 m] -> [start + 12 m, end + 3 m]
        (D(2022, 11, 17), D(2022, 3, 1), D(2023, 1, 31), True, False),
        # 2023-07-27: [start + 12 m, end + 3 m] -> [end - 7 m, end]
        (D(2023, 7, 27), D(2021, 9, 6), D(2023, 6, 30), True, False),
        # 2025-10-15: [end - 7 m, end] -> [end - 12 m, end]
        (D(2025, 10, 15), D(2024, 11, 1), D(2026, 10, 1), False, True),
        # 2026-05-21: [end - 12 m, end] -> [end - 12 m, end + 6 m]
        (D(2026, 5, 21), D(2024, 1, 1), D(2026, 5, 1), False, True),
    ],
)
def test_window_version_change_day_before_and_of(day, start, end, before, of):
    assert in_window(day.subtract(days=1), start=start, end=end) is before
    assert in_window(day, start=start, end=end) is of
    assert in_window(day.add(days=1), start=start, end=end) is of


def test_window_through_the_command():
    b = pass_(D(2025, 6, 1))  # ends 2027-05-31; requests from 2026-05-21: [end - 12 m, end + 6 m]
    e = b.end
    p = prol(e, e.add(days=30))
    low, high = D(2026, 5, 31), D(2027, 11, 30)
    for on in (low, high):
        b.prolong(p, on=on, structure_kind=ACI)
    for on in (low.subtract(days=1), high.add(days=1)):
        with pytest.raises(I.RuleViolation) as exc:
            b.prolong(p, on=on, structure_kind=ACI)
        assert codes_of(exc) == {"prolongation.window"}
        assert exc.value.report[0].path == "prolongations[0]"
    # the same request under the 2025-10-15 version closes at the end
    a = pass_(D(2024, 6, 1))  # ends 2026-05-31
    e = a.end
    a.prolong(prol(e, e.add(days=30)), on=D(2026, 5, 20), structure_kind=ACI)
    with pytest.raises(I.RuleViolation):
        a.prolong(prol(e, e.add(days=30)), on=e.subtract(months=12).subtract(days=1),
                  structure_kind=ACI)  # fmt: skip


# --- check of a stored approval ----------------------------------------------------------------


def test_check_stored_prolongation_start_with_later_suspension():
    # prolongation requested in advance, then a suspension before its start: lawful
    a = prolong(prol(END, END.add(days=365)), on=D(2025, 8, 1))
    b = a.suspend(susp(D(2025, 8, 1), D(2025, 8, 31)), on=D(2025, 8, 1), structure_kind=ACI)
    assert b.end == END.add(days=365 + 30)
    assert not I.check(b, on=D(2025, 9, 1), structure_kind=ACI)
    # a stored prolongation one day off is reported
    bad = pass_(START, prolongations=(prol(END.add(days=1), END.add(days=300)),))
    r = I.check(bad, on=D(2026, 1, 1), structure_kind=ACI)
    assert r.codes == {"prolongation.start"}
    assert r[0].path == "prolongations[0].start"
    early = pass_(START, prolongations=(prol(END.subtract(days=1), END.add(days=300)),))
    assert I.check(early, on=D(2026, 1, 1), structure_kind=ACI).codes == {"prolongation.start"}


def test_check_stored_chain_order_and_overlap():
    p1 = prol(END, END.add(days=100))
    p2 = prol(END.add(days=100), END.add(days=200))
    ok = pass_(START, prolongations=(p2, p1))  # any order
    assert not I.check(ok, on=D(2026, 1, 1), structure_kind=ACI)
    twice = pass_(START, prolongations=(p1, p1))
    r = I.check(twice, on=D(2026, 1, 1), structure_kind=ACI)
    assert r.codes == {"prolongation.start"}
    assert r[0].path == "prolongations[1].start"


def test_check_stored_suspensions():
    s0 = susp(D(2024, 5, 1), D(2024, 5, 31))
    s1 = susp(D(2024, 5, 31), D(2024, 6, 30))  # overlaps s0 on one day
    s2 = susp(D(2025, 2, 1), D(2025, 3, 1))  # starts after the check date
    a = pass_(START, suspensions=(s0, s1, s2))
    r = I.check(a, on=D(2025, 1, 31), structure_kind=ACI)
    assert {(f.code, f.path) for f in r} == {
        ("suspension.overlap", "suspensions[1].start"),
        ("suspension.future_start", "suspensions[2].start"),
    }
    assert I.check(a, on=D(2025, 2, 1), structure_kind=ACI).codes == {"suspension.overlap"}


def test_check_stored_suspension_outside_uses_end_without_its_own_push():
    end = pass_(START).end
    inside = pass_(START, suspensions=(susp(end, end.add(days=30)),))
    assert not I.check(inside, on=end, structure_kind=ACI)
    outside = pass_(START, suspensions=(susp(end.add(days=1), end.add(days=30)),))
    r = I.check(outside, on=end.add(days=1), structure_kind=ACI)
    assert r.codes == {"suspension.outside_approval"}


def test_check_stored_suspension_covering_last_hiring_is_a_warning():
    a = pass_(START, suspensions=(susp(D(2024, 5, 1), D(2024, 12, 31)),))
    on = D(2025, 1, 1)
    assert not I.check(a, on=on, structure_kind=ACI, last_hiring_start=D(2024, 5, 1))
    r = I.check(a, on=on, structure_kind=ACI, last_hiring_start=D(2024, 5, 2))
    assert r.ok
    assert r.codes == {"suspension.too_retroactive"}
    assert r[0].severity is I.Severity.WARNING
    # a hiring on the suspension's last day is still covered by it
    r = I.check(a, on=on, structure_kind=ACI, last_hiring_start=D(2024, 12, 31))
    assert r.codes == {"suspension.too_retroactive"}
    assert not I.check(a, on=on, structure_kind=ACI, last_hiring_start=D(2025, 1, 1))


def test_check_stored_prolongation_person_and_caps():
    p = prol(END, END.add(days=366), I.ProlongationReason.SENIOR)
    a = pass_(START, prolongations=(p,))
    r = I.check(a, on=D(2026, 1, 1), structure_kind=ACI, person=person(D(1980, 1, 1)))
    assert r.codes == {"prolongation.too_long", "prolongation.person_condition"}
    assert {f.path for f in r} == {"prolongations[0].end", "prolongations[0].reason"}


def test_rules_are_in_the_catalogue():
    codes = {r.code for r in I.rules()}
    assert {
        "approval.number_format",
        "approval.waiting_period",
        "approval.before_decree",
        "suspension.reason_not_allowed",
        "suspension.too_long",
        "suspension.future_start",
        "suspension.too_retroactive",
        "suspension.outside_approval",
        "suspension.overlap",
        "prolongation.start",
        "prolongation.window",
        "prolongation.too_long",
        "prolongation.reason_not_allowed",
        "prolongation.validation_required",
        "prolongation.person_condition",
    } <= codes


def test_dated_tables_are_data():
    assert [k for k, _ in A.PROLONGATION_WINDOW.rows()] == [
        None,
        D(2021, 10, 25),
        D(2022, 11, 17),
        D(2023, 7, 27),
        D(2025, 10, 15),
        D(2026, 5, 21),
    ]
    assert A.DEFAULT_LENGTH.at(D(2024, 2, 27)) == A.Span(months=24, days=-1)
    assert A.DEFAULT_LENGTH.at(D(2024, 2, 28)) == A.Span(days=729)
    assert A.HEALTH_CONTEXT_ALLOWED.at(D(2021, 11, 30))
    assert not A.HEALTH_CONTEXT_ALLOWED.at(D(2021, 12, 1))

"""Hypothesis properties of PASS IAE dates, commands and checks."""

import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import iae_core as I
from iae_core import approvals as A
from iae_core.testing import approval_strategies as AS
from iae_core.testing.strategies import approvals, dates

D = pendulum.date


def replay(h):
    a = I.Approval(number=h.number, start=h.start)
    for on, item in h.steps:
        if isinstance(item, I.Suspension):
            a = a.suspend(item, on=on, structure_kind=h.structure_kind)
        else:
            a = a.prolong(item, on=on, structure_kind=h.structure_kind)
    return a


@given(AS.lawful_histories())
def test_lawful_history_is_accepted_step_by_step_and_as_a_whole(h):
    a = replay(h)
    assert a == h.approval()
    assert not A.check_approval(a, on=h.last_step_on, structure_kind=h.structure_kind)


@given(AS.lawful_histories(max_steps=3), st.data())
def test_suspending_never_shortens_a_pass(h, data):
    a = h.approval()
    free = max((s.end for s in a.suspensions), default=a.start.subtract(days=1)).add(days=1)
    assume(free <= a.end)
    first = data.draw(dates(free, a.end))
    last = data.draw(dates(first, first.add(months=36).subtract(days=1)))
    s = I.Suspension(start=first, end=last, reason=I.SuspensionReason.CONTRACT_BROKEN)
    b = a.suspend(s, on=first, structure_kind=h.structure_kind)
    assert b.end >= a.end
    assert (b.end - a.end).in_days() == s.push
    assert not A.check_approval(b, on=max(first, h.last_step_on), structure_kind=h.structure_kind)


@given(dates(D(2021, 9, 1), D(2030, 1, 1)), st.integers(0, 400), st.integers(0, 400))
def test_end_is_monotone_in_each_suspension_length(start, n, m):
    lo, hi = sorted((n, m))
    first = start.add(days=30)
    a = I.Approval(
        number="999990000001",
        start=start,
        suspensions=(I.Suspension(start=first, end=first.add(days=lo), reason="CONTRACT_BROKEN"),),
    )
    b = I.Approval(
        number="999990000001",
        start=start,
        suspensions=(I.Suspension(start=first, end=first.add(days=hi), reason="CONTRACT_BROKEN"),),
    )
    assert a.end <= b.end
    assert (b.end - a.end).in_days() == hi - lo


@given(approvals(), dates())
def test_remaining_days_bounded_by_days_to_end(a, on):
    left = a.remaining_days(on)
    assert left >= 0
    assert left <= max(0, (a.end - max(a.start, on)).in_days() + 1)
    if on > a.end:
        assert left == 0


@given(approvals(), dates())
def test_state_agrees_with_dates(a, on):
    state = a.state(on)
    assert (state is I.ApprovalState.EXPIRED) == (on > a.end)
    assert a.is_valid(on) == (state is not I.ApprovalState.EXPIRED)
    if state is I.ApprovalState.FUTURE:
        assert on < a.start


@given(approvals())
def test_end_formula_brute_force(a):
    # day by day: the end moves by end - start for each suspension and prolongation
    end = a.resolved_initial_end
    for item in (*a.suspensions, *a.prolongations):
        for _ in range(item.end.toordinal() - item.start.toordinal()):
            end = end.add(days=1)
    assert a.end == end


@given(dates(D(2015, 1, 1), D(2035, 1, 1)))
def test_default_length_brute_force(start):
    end = I.Approval(number="999990000001", start=start).end
    if start >= D(2024, 2, 28):
        assert (end - start).in_days() + 1 == 730
    else:
        assert end == start.add(years=2).subtract(days=1)


def _chain_case(reasons):
    return st.tuples(
        st.sampled_from(reasons),
        dates(D(2023, 9, 1), D(2030, 1, 1)),
        st.sampled_from(AS.SIAE_KINDS),
    )


@given(
    _chain_case(
        [
            I.ProlongationReason.RQTH,
            I.ProlongationReason.SENIOR,
            I.ProlongationReason.COMPLETE_TRAINING,
            I.ProlongationReason.SENIOR_CDI,
        ]
    ),
    st.data(),
)
def test_chain_within_caps_accepted_one_day_more_refused(case, data):
    reason, start, kind = case
    a = I.Approval(number="999990000001", start=start)
    chain = data.draw(AS.prolongation_chains(reason, start=a.end))
    for p in chain:
        a = a.prolong(p, on=p.start, structure_kind=kind)
    assert not A.check_approval(a, on=a.end, structure_kind=kind)
    caps = A.PROLONGATION_CAPS[reason]
    used = a.prolonged_days
    room = caps.per_request
    if caps.cumulative is not None:
        room = min(room, caps.cumulative - used)
    e = a.end
    if room >= 1:
        exact = I.Prolongation(start=e, end=e.add(days=room), reason=reason, validated_by="x")
        a.prolong(exact, on=e, structure_kind=kind)
    over = I.Prolongation(
        start=e, end=e.add(days=max(room, 0) + 1), reason=reason, validated_by="x"
    )
    with pytest.raises(I.RuleViolation) as exc:
        a.prolong(over, on=e, structure_kind=kind)
    assert exc.value.report.codes == {"prolongation.too_long"}


@given(AS.lawful_approvals())
def test_lawful_approvals_check_clean_and_round_trip(case):
    a, kind, on = case
    assert not I.check(a, on=on, structure_kind=kind)
    assert I.load(I.Approval, I.dump(a)) == a


@given(approvals(), dates(), st.sampled_from(list(I.StructureKind)))
def test_check_never_raises_and_paths_are_relative(a, on, kind):
    r = I.check(a, on=on, structure_kind=kind)
    for f in r:
        assert f.path == "" or f.path.split(".")[0].split("[")[0] in {
            "number",
            "suspensions",
            "prolongations",
        }

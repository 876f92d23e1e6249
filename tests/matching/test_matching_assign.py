"""Assignments checked against independent oracles on small random instances."""

import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iae_core import InvalidData
from iae_core.matching import (
    Assignment,
    Candidate,
    GeoPoint,
    Position,
    assign,
    blocking_pairs,
    score,
)
from iae_core.testing.matching_strategies import instances

# --- the oracle: preferences rebuilt from the public score() only --------------------------


def q_of(c, p):
    s = score(c, p)
    if s.blocked_by is not None or p.seats <= 0:
        return None
    return math.floor(s.value * 1e6 + 0.5)


def oracle_prefs(cands, poss, by_priority=False):
    q = {(c.id, p.id): v for c in cands for p in poss if (v := q_of(c, p)) is not None}
    cand_order = {
        c.id: sorted(
            (p.id for p in poss if (c.id, p.id) in q), key=lambda pid: (-q[c.id, pid], pid)
        )
        for c in cands
    }
    prio = {c.id: c.priority for c in cands}

    def pos_key(pid, cid):
        return ((-prio[cid]) if by_priority else 0, -q[cid, pid], cid)

    return q, cand_order, pos_key


def all_matchings(cands, poss, q):
    seats = {p.id: p.seats for p in poss}
    options = [[None] + [p.id for p in poss if (c.id, p.id) in q] for c in cands]
    for choice in itertools.product(*options):
        used = {}
        for pid in choice:
            if pid is not None:
                used[pid] = used.get(pid, 0) + 1
        if all(n <= seats[pid] for pid, n in used.items()):
            yield {c.id: pid for c, pid in zip(cands, choice, strict=True) if pid is not None}


def blocking(match, cands, poss, q, cand_order, pos_key):
    """Every blocking pair, checked pair by pair."""
    holders = {p.id: [c for c, pid in match.items() if pid == p.id] for p in poss}
    seats = {p.id: p.seats for p in poss}
    out = []
    for c in cands:
        mine = match.get(c.id)
        for pid in cand_order[c.id]:
            if pid == mine:
                break
            held = holders[pid]
            if len(held) < seats[pid] or any(pos_key(pid, c.id) < pos_key(pid, h) for h in held):
                out.append((c.id, pid))
    return out


def check_valid(result: Assignment, cands, poss, q):
    seats = {p.id: p.seats for p in poss}
    ids = [c for c, _ in result.pairs]
    assert len(ids) == len(set(ids)), "one position per person"
    for pid in seats:
        used = sum(1 for _, p in result.pairs if p == pid)
        assert used <= seats[pid], "capacity"
        assert result.open_seats.get(pid, 0) == seats[pid] - used
    for pair in result.pairs:
        assert pair in q, "only acceptable pairs"
    assert sorted(ids + list(result.unmatched)) == sorted(c.id for c in cands)
    assert result.total_score == pytest.approx(sum(q[p] for p in result.pairs) / 1e6)
    assert list(result.scores) == pytest.approx([q[p] / 1e6 for p in result.pairs])


BACKENDS = ["python", "numpy"]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("by_priority", [False, True])
@settings(max_examples=60, deadline=None)
@given(inst=instances())
def test_stable_is_stable_and_candidate_optimal(inst, by_priority, backend):
    cands, poss = inst
    result = assign(cands, poss, max_choices=None, by_priority=by_priority, backend=backend)
    q, order, key = oracle_prefs(cands, poss, by_priority)
    check_valid(result, cands, poss, q)
    match = dict(result.pairs)
    assert blocking(match, cands, poss, q, order, key) == []
    assert result.blocking == 0
    # Candidate-optimal: every person weakly prefers it to any stable matching.
    rank = {c.id: {pid: i for i, pid in enumerate(order[c.id])} for c in cands}
    worst = len(poss) + 1
    for other in all_matchings(cands, poss, q):
        if blocking(other, cands, poss, q, order, key):
            continue
        for c in cands:
            assert rank[c.id].get(match.get(c.id), worst) <= rank[c.id].get(other.get(c.id), worst)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=60, deadline=None)
@given(inst=instances())
def test_optimal_against_brute_force(inst, backend):
    cands, poss = inst
    # The backend's own solver (OR-Tools, the default when installed, has its own tests).
    solver = "python" if backend == "python" else "scipy"
    result = assign(cands, poss, method="optimal", max_choices=None, backend=backend, solver=solver)
    q, order, key = oracle_prefs(cands, poss)
    check_valid(result, cands, poss, q)
    best = max(sum(q[c, p] for c, p in m.items()) for m in all_matchings(cands, poss, q))
    assert round(result.total_score * 1e6) == best
    stable = assign(cands, poss, max_choices=None, backend=backend)
    assert result.total_score >= stable.total_score - 1e-9
    assert result.blocking == len(blocking(dict(result.pairs), cands, poss, q, order, key))


@settings(max_examples=25, deadline=None)
@given(inst=instances(max_candidates=12, max_positions=6))
def test_optimal_against_scipy_on_replicated_seats(inst):
    np = pytest.importorskip("numpy")
    optimize = pytest.importorskip("scipy.optimize")
    cands, poss = inst
    q, _, _ = oracle_prefs(cands, poss)
    seats = [p for p in poss for _ in range(max(p.seats, 0))]
    # One column per seat, plus one "stay unmatched" column per person (score 0).
    matrix = np.full((len(cands), len(seats) + len(cands)), -1.0)
    for i, c in enumerate(cands):
        matrix[i, len(seats) + i] = 0.0
        for j, p in enumerate(seats):
            if (c.id, p.id) in q:
                matrix[i, j] = q[c.id, p.id]
    matrix[matrix < 0] = -1e12
    rows, cols = optimize.linear_sum_assignment(matrix, maximize=True)
    expected = matrix[rows, cols].sum() if len(cands) else 0.0
    for backend in BACKENDS:
        for solver in ("auto", "python", "scipy"):
            result = assign(
                cands, poss, method="optimal", max_choices=None, backend=backend, solver=solver
            )
            assert round(result.total_score * 1e6) == round(expected)


@settings(max_examples=40, deadline=None)
@given(inst=instances(max_candidates=10, max_positions=5), seed=st.integers(0, 2**16))
def test_deterministic_and_order_independent(inst, seed):
    cands, poss = inst
    rng = random.Random(seed)
    for method in ("stable", "optimal"):
        ref = assign(cands, poss, method=method, backend="python")
        c2, p2 = cands[:], poss[:]
        rng.shuffle(c2)
        rng.shuffle(p2)
        for backend in BACKENDS:
            again = assign(c2, p2, method=method, backend=backend)
            if method == "stable":
                assert again == ref
            else:
                assert again.total_score == ref.total_score


@settings(max_examples=40, deadline=None)
@given(inst=instances(max_candidates=10, max_positions=5), k=st.integers(1, 3))
def test_max_choices_truncates_lists(inst, k):
    cands, poss = inst
    result = assign(cands, poss, max_choices=k)
    q, order, key = oracle_prefs(cands, poss)
    short = {cid: lst[:k] for cid, lst in order.items()}
    q_short = {(c, p): v for (c, p), v in q.items() if p in short[c]}
    check_valid(result, cands, poss, q_short)
    assert blocking(dict(result.pairs), cands, poss, q_short, short, key) == []
    assert blocking_pairs(result, cands, poss, max_choices=k) == []


def test_blocking_pairs_finds_them():
    here = GeoPoint(lat=45.0, lon=4.0)
    c = [Candidate(id=i, location=here, rome_codes=("K2204",)) for i in ("a", "b")]
    p = [Position(id="p", location=here, rome_code="K2204", weekly_hours=35)]
    empty = Assignment(
        method="stable",
        pairs=(),
        scores=(),
        unmatched=("a", "b"),
        open_seats={"p": 1},
        total_score=0.0,
        blocking=0,
    )
    assert blocking_pairs(empty, c, p) == [("a", "p"), ("b", "p")]
    result = assign(c, p)
    assert result.pairs == (("a", "p"),)  # tie broken by id
    assert result.unmatched == ("b",)
    assert blocking_pairs(result, c, p) == []


def test_priority_first():
    here = GeoPoint(lat=45.0, lon=4.0)
    near = GeoPoint(lat=45.05, lon=4.0)
    p = [Position(id="p", location=here, rome_code="K2204", weekly_hours=35)]
    best_fit = Candidate(id="a", location=here, rome_codes=("K2204",))
    urgent = Candidate(id="b", location=near, rome_codes=("N1103",), priority=2)
    assert assign([best_fit, urgent], p).pairs == (("a", "p"),)
    assert assign([best_fit, urgent], p, by_priority=True).pairs == (("b", "p"),)


def test_seats_zero_and_empty_inputs():
    here = GeoPoint(lat=45.0, lon=4.0)
    c = [Candidate(id="a", location=here)]
    p = [Position(id="p", location=here, rome_code="K2204", weekly_hours=35, seats=0)]
    for method in ("stable", "optimal"):
        result = assign(c, p, method=method)
        assert result.pairs == ()
        assert result.unmatched == ("a",)
        assert result.open_seats == {}
        assert assign([], [], method=method).total_score == 0


def test_bad_arguments():
    here = GeoPoint(lat=45.0, lon=4.0)
    c = Candidate(id="a", location=here)
    with pytest.raises(InvalidData) as caught:
        assign([c, c], [])
    assert caught.value.types == ("duplicate",)
    assert caught.value.paths == ("candidates",)
    assert caught.value.messages("en") == (("candidates", 'duplicate: "a"'),)
    with pytest.raises(ValueError, match="method"):
        assign([c], [], method="greedy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_choices"):
        assign([c], [], max_choices=0)
    with pytest.raises(ValueError, match="backend"):
        assign([c], [], backend="gpu")  # type: ignore[arg-type]


def test_repr_html():
    here = GeoPoint(lat=45.0, lon=4.0)
    c = [Candidate(id="<a>", location=here)]
    p = [Position(id="p", location=here, rome_code="K2204", weekly_hours=35, seats=2)]
    page = assign(c, p)._repr_html_()
    assert "&lt;a&gt;" in page
    assert "1 personnes placées" in page or "1 personne" in page
    assert "1 places libres" in page

"""The solvers of ``assign(method="optimal")``: OR-Tools, scipy and plain Python.

Every solver is checked against a brute-force oracle built from the public ``score()``
only; OR-Tools' tests skip when it is not installed, the error when it is asked for
and missing is checked by hiding it.
"""

import importlib.util
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iae_core.matching import Candidate, GeoPoint, Position, assign, blocking_pairs
from iae_core.matching import _ortools as ortools_solver
from iae_core.testing.matching_strategies import instances

BENCH = Path(__file__).parents[2] / "benchmarks" / "matching.py"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The brute-force oracle of the assignment tests (built from the public score() only).
_oracle = _load("matching_oracle", Path(__file__).with_name("test_matching_assign.py"))
all_matchings, blocking = _oracle.all_matchings, _oracle.blocking
check_valid, oracle_prefs = _oracle.check_valid, _oracle.oracle_prefs
COMBOS = [
    (backend, solver)
    for backend in ("python", "numpy")
    for solver in ("python", "scipy", "ortools")
]


@pytest.fixture(scope="module")
def ortools():
    return pytest.importorskip("ortools.graph.python.min_cost_flow")


@pytest.fixture
def no_ortools(monkeypatch):
    """Make ``from ortools.graph.python import min_cost_flow`` fail, as if not installed."""
    for name in ("ortools", "ortools.graph", "ortools.graph.python"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "ortools.graph.python.min_cost_flow", raising=False)


def optima(cands, poss, q):
    """The largest total and every matching reaching it (as sets of pairs)."""
    matchings = list(all_matchings(cands, poss, q))
    totals = [sum(q[c, p] for c, p in m.items()) for m in matchings]
    best = max(totals)
    return best, {frozenset(m.items()) for m, t in zip(matchings, totals, strict=True) if t == best}


@settings(max_examples=60, deadline=None)
@given(inst=instances())
def test_every_solver_reaches_the_brute_force_optimum(ortools, inst):
    cands, poss = inst
    q, order, key = oracle_prefs(cands, poss)
    best, argmax = optima(cands, poss, q)
    for backend, solver in COMBOS:
        result = assign(
            cands, poss, method="optimal", max_choices=None, backend=backend, solver=solver
        )
        check_valid(result, cands, poss, q)
        assert round(result.total_score * 1e6) == best, (backend, solver)
        assert frozenset(result.pairs) in argmax
        assert result.blocking == len(blocking(dict(result.pairs), cands, poss, q, order, key))
        if len(argmax) == 1:  # a unique optimum: every solver finds the same pairs
            assert frozenset(result.pairs) == next(iter(argmax)), (backend, solver)


@settings(max_examples=40, deadline=None)
@given(inst=instances(max_candidates=10, max_positions=5), seed=st.integers(0, 2**16))
def test_ortools_does_not_depend_on_input_order(ortools, inst, seed):
    cands, poss = inst
    ref = assign(cands, poss, method="optimal", solver="ortools")
    rng = random.Random(seed)
    c2, p2 = cands[:], poss[:]
    rng.shuffle(c2)
    rng.shuffle(p2)
    for backend in ("python", "numpy"):
        again = assign(c2, p2, method="optimal", backend=backend, solver="ortools")
        assert again == ref  # same pairs, not only the same total


@settings(max_examples=30, deadline=None)
@given(inst=instances(max_candidates=8, max_positions=4), k=st.integers(1, 3))
def test_ortools_with_truncated_lists(ortools, inst, k):
    cands, poss = inst
    a = assign(cands, poss, method="optimal", max_choices=k, solver="ortools")
    b = assign(cands, poss, method="optimal", max_choices=k, solver="python")
    assert a.total_score == b.total_score
    assert a.blocking == len(blocking_pairs(a, cands, poss, max_choices=k))


def test_ortools_agrees_with_scipy_on_a_territory(ortools):
    bench = _load("bench_matching", BENCH)
    cands, poss = bench.generate(1_500, 300, seed=11)
    a = assign(cands, poss, method="optimal", backend="numpy", solver="ortools")
    b = assign(cands, poss, method="optimal", backend="numpy", solver="scipy")
    c = assign(cands, poss, method="optimal", backend="python", solver="ortools")
    assert a.total_score == b.total_score
    assert a == c
    assert len(a.pairs) > 500
    stable = assign(cands, poss, backend="numpy")
    assert a.total_score > stable.total_score


def test_auto_uses_ortools_when_installed(ortools, monkeypatch):
    calls = []
    real = ortools_solver.max_weight

    def spy(prefs):
        calls.append(prefs.n)
        return real(prefs)

    monkeypatch.setattr(ortools_solver, "max_weight", spy)
    cands, poss = _two_for_one()
    assign(cands, poss, method="optimal")
    assert calls == [2]
    assign(cands, poss, method="optimal", solver="python")
    assign(cands, poss)  # stable: no solver
    assert calls == [2]


def test_clear_error_when_ortools_is_asked_for_and_missing(no_ortools):
    cands, poss = _two_for_one()
    assert not ortools_solver.available()
    for backend in ("python", "numpy"):
        with pytest.raises(ImportError, match=r"pip install 'iae-core\[solver\]'"):
            assign(cands, poss, method="optimal", backend=backend, solver="ortools")
    with pytest.raises(ImportError, match=r"pip install 'iae-core\[solver\]'"):
        ortools_solver.max_weight(None)


def test_auto_falls_back_without_ortools(no_ortools):
    cands, poss = _two_for_one()
    for backend, expected in (("python", "python"), ("numpy", "scipy")):
        auto = assign(cands, poss, method="optimal", backend=backend)
        assert auto == assign(cands, poss, method="optimal", backend=backend, solver=expected)
        assert auto.pairs == (("a", "p"),)
    # The solver is not needed for the stable method.
    assert assign(cands, poss, solver="ortools").pairs == (("a", "p"),)


def test_unknown_solver():
    cands, poss = _two_for_one()
    for method in ("stable", "optimal"):
        with pytest.raises(ValueError, match="solver"):
            assign(cands, poss, method=method, solver="gurobi")  # type: ignore[arg-type]


def test_empty_and_seatless(ortools):
    cands, _ = _two_for_one()
    closed = [
        Position(
            id="p",
            location=GeoPoint(lat=45.0, lon=4.0),
            rome_code="K2204",
            weekly_hours=35,
            seats=0,
        )
    ]
    for backend in ("python", "numpy"):
        assert assign([], [], method="optimal", backend=backend, solver="ortools").pairs == ()
        none = assign(cands, closed, method="optimal", backend=backend, solver="ortools")
        assert none.pairs == ()
        assert none.unmatched == ("a", "b")


def _two_for_one():
    here = GeoPoint(lat=45.0, lon=4.0)
    near = GeoPoint(lat=45.02, lon=4.0)
    cands = [
        Candidate(id="b", location=near, rome_codes=("K2204",)),
        Candidate(id="a", location=here, rome_codes=("K2204",)),
    ]
    poss = [Position(id="p", location=here, rome_code="K2204", weekly_hours=35)]
    return cands, poss

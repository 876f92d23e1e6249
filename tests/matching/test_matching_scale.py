"""The vectorised path against the pure-Python one, on mid-size generated territories."""

import subprocess
import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from iae_core.matching import _assign, _fast, _python  # noqa: E402

BENCH = Path(__file__).parents[2] / "benchmarks" / "matching.py"


def load_generator():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_matching", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def territory():
    return load_generator().generate(1_500, 300, seed=7)


@pytest.mark.parametrize("by_priority", [False, True])
def test_backends_agree(territory, by_priority):
    cands, poss = territory
    a = _assign.assign(cands, poss, backend="python", by_priority=by_priority)
    b = _assign.assign(cands, poss, backend="numpy", by_priority=by_priority)
    assert a == b
    assert a.blocking == 0
    assert len(a.pairs) > 100


def test_same_lists(territory):
    cands, poss = _assign._canonical(*territory)
    w = _assign.DEFAULT_WEIGHTS
    a = _python.build_prefs(cands, poss, w, 50, by_priority=True)
    b = _fast.build_prefs(cands, poss, w, 50, by_priority=True)
    assert a.indptr == b.indptr.tolist()
    assert a.col == b.col.tolist()
    assert a.q == b.q.tolist()
    assert a.prank == b.prank.tolist()


def test_array_da_and_tail_agree_with_plain_da(territory, monkeypatch):
    cands, poss = _assign._canonical(*territory)
    prefs = _fast.build_prefs(cands, poss, _assign.DEFAULT_WEIGHTS, None, by_priority=False)
    plain = _python.build_prefs(cands, poss, _assign.DEFAULT_WEIGHTS, None, by_priority=False)
    expected = _python.deferred_acceptance(plain)
    for tail in (1, 50, 10**9):  # all rounds, mixed, all tail
        monkeypatch.setattr(_fast, "TAIL", tail)
        assert _fast.deferred_acceptance(prefs).tolist() == expected


def test_optimal_backends_agree(territory):
    cands, poss = territory
    a = _assign.assign(cands[:300], poss[:60], method="optimal", backend="python", solver="python")
    b = _assign.assign(cands[:300], poss[:60], method="optimal", backend="numpy", solver="scipy")
    assert a.total_score == b.total_score
    stable = _assign.assign(cands[:300], poss[:60], backend="numpy")
    assert b.total_score >= stable.total_score


def test_benchmark_quick_runs(tmp_path):
    out = tmp_path / "r.md"
    subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--write", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = out.read_text()
    assert "| 2,000 × 400 |" in text
    assert "yes" in text

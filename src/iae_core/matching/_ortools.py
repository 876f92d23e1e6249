"""The OR-Tools solver for ``assign(method="optimal")``: the ``solver`` extra.

Imported only when used. One min-cost flow over the whole territory, built with numpy
from the CSR preference lists and solved by OR-Tools' ``SimpleMinCostFlow`` (cost
scaling push-relabel, in C++):

* nodes: the candidates ``0..n-1``, the positions ``n..n+m-1``, a source and a sink;
* arcs: source -> candidate (capacity 1, cost 0) for each candidate with a list,
  candidate -> position (capacity 1, cost ``-q``, the score quantised to the millionth)
  for each listed pair, position -> sink (capacity ``seats``, cost 0), and a bypass
  source -> sink (capacity ``n``, cost 0), so that pushing all ``n`` units is always
  feasible and a person left unmatched costs nothing.

A minimum-cost flow with integer capacities is integral, so the candidate -> position
arcs carrying a unit are an assignment of largest total score, exactly (integer costs).
The solver is deterministic: the lists are built from the inputs sorted by id, so the
same set of inputs always gives the same assignment, whatever their order.
"""

from __future__ import annotations

from typing import Any

from iae_core.matching._python import Prefs

__all__ = ["INSTALL", "available", "max_weight"]

INSTALL = 'pip install "iae-core[solver]"'


def _module() -> Any:
    from iae_core.errors import require

    return require("ortools.graph.python.min_cost_flow", feature="solver='ortools'", extra="solver")


def available() -> bool:
    """Whether OR-Tools (and numpy, which it requires) can be imported."""
    try:
        _module()
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def max_weight(prefs: Prefs) -> Any:
    """Maximum total score under capacities: one OR-Tools min-cost flow.

    Args:
        prefs: the preference lists (numpy arrays or plain lists).

    Returns:
        For each candidate, the index of its matching entry in ``col``, or -1 (a numpy
        array).

    Raises:
        ImportError: OR-Tools is not installed.
        RuntimeError: the solver did not report an optimum (should not happen: the
            bypass arc makes the flow feasible and costs are far from overflowing).
    """
    min_cost_flow = _module()
    import numpy as np

    n, m = prefs.n, prefs.m
    indptr = np.asarray(prefs.indptr, dtype=np.int64)
    col = np.asarray(prefs.col, dtype=np.int64)
    q = np.asarray(prefs.q, dtype=np.int64)
    seats = np.maximum(np.asarray(prefs.seats, dtype=np.int64), 0)
    size = len(col)
    match = np.full(n, -1, dtype=np.int64)
    if not size:
        return match
    degree = np.diff(indptr)
    owner = np.repeat(np.arange(n, dtype=np.int64), degree)
    listed = np.flatnonzero(degree > 0)
    used_pos = np.flatnonzero((np.bincount(col, minlength=m) > 0) & (seats > 0))
    source, sink = n + m, n + m + 1
    # Pair arcs first, so that their arc indices are 0..size-1.
    tails = np.concatenate([owner, np.full(len(listed), source), n + used_pos, [source]])
    heads = np.concatenate([n + col, listed, np.full(len(used_pos), sink), [sink]])
    caps = np.concatenate(
        [np.ones(size + len(listed), dtype=np.int64), seats[used_pos], [len(listed)]]
    )
    costs = np.concatenate([-q, np.zeros(len(listed) + len(used_pos) + 1, dtype=np.int64)])
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    smcf.set_nodes_supplies(
        np.array([source, sink], dtype=np.int64),
        np.array([len(listed), -len(listed)], dtype=np.int64),
    )
    status = smcf.solve()
    if status != smcf.OPTIMAL:  # pragma: no cover - defensive
        msg = f"OR-Tools min-cost flow did not reach an optimum (status {status})"
        raise RuntimeError(msg)
    flows = smcf.flows(arcs[:size])
    used = np.flatnonzero(flows > 0)
    match[owner[used]] = used
    return match

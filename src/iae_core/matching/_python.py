"""The pure-Python engine: preference lists, deferred acceptance, min-cost flow.

Everything works on a CSR layout (``Prefs``): candidate ``c``'s list is
``col[indptr[c]:indptr[c + 1]]``, best first; ``q`` holds the quantised scores and
``prank`` the rank of the candidate in the position's own order (lower is better;
only compared between entries of the same position).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any

import attrs

from iae_core.matching._grid import GridIndex, choose_cell_km
from iae_core.matching._model import Candidate, Position, Weights
from iae_core.matching._score import pair_scorer

__all__ = ["Prefs", "build_prefs", "deferred_acceptance", "max_weight"]


@attrs.define(slots=True)
class Prefs:
    """Preference lists in CSR form (lists or numpy arrays)."""

    n: int
    m: int
    seats: Any
    indptr: Any
    col: Any
    q: Any
    prank: Any


def position_ranks(
    col: Sequence[int],
    q: Sequence[int],
    owner: Sequence[int],
    priority: Sequence[int] | None,
) -> list[int]:
    """Rank of each entry in its position's order: priority, then score, then id."""
    if priority is None:
        keys = sorted(range(len(col)), key=lambda k: (col[k], -q[k], owner[k]))
    else:
        keys = sorted(range(len(col)), key=lambda k: (col[k], -priority[owner[k]], -q[k], owner[k]))
    prank = [0] * len(col)
    for order, k in enumerate(keys):
        prank[k] = order
    return prank


def build_prefs(
    candidates: Sequence[Candidate],
    positions: Sequence[Position],
    weights: Weights,
    max_choices: int | None,
    *,
    by_priority: bool,
) -> Prefs:
    """Preference lists of every candidate (positions in reach, unblocked, with seats)."""
    index = GridIndex(
        [p.location for p in positions], choose_cell_km([c.max_distance_km for c in candidates])
    )
    indptr = [0]
    col: list[int] = []
    qs: list[int] = []
    owner: list[int] = []
    pair_q = pair_scorer(weights)
    for ci, cand in enumerate(candidates):
        row: list[tuple[int, int]] = []
        for pj in index.near(cand.location, cand.max_distance_km):
            pos = positions[pj]
            if pos.seats <= 0:
                continue
            q = pair_q(cand, pos)
            if q >= 0:
                row.append((-q, pj))
        row.sort()
        if max_choices is not None:
            del row[max_choices:]
        for negq, pj in row:
            col.append(pj)
            qs.append(-negq)
            owner.append(ci)
        indptr.append(len(col))
    priority = [c.priority for c in candidates] if by_priority else None
    prank = position_ranks(col, qs, owner, priority)
    return Prefs(
        n=len(candidates),
        m=len(positions),
        seats=[p.seats for p in positions],
        indptr=indptr,
        col=col,
        q=qs,
        prank=prank,
    )


def deferred_acceptance(prefs: Prefs) -> list[int]:
    """Candidate-proposing deferred acceptance with capacities.

    Returns:
        For each candidate, the index of its entry in ``col`` it is matched by, or -1.
    """
    indptr, col, prank, seats = prefs.indptr, prefs.col, prefs.prank, prefs.seats
    nxt = list(indptr[:-1])
    held: list[list[tuple[int, int]]] = [[] for _ in range(prefs.m)]
    match = [-1] * prefs.n
    free = list(range(prefs.n - 1, -1, -1))
    while free:
        c = free.pop()
        k, end = nxt[c], indptr[c + 1]
        while k < end:
            p, r = col[k], prank[k]
            k += 1
            heap = held[p]
            if len(heap) < seats[p]:
                heapq.heappush(heap, (-r, c))
                match[c] = k - 1
                break
            if -heap[0][0] > r:
                _, out = heapq.heapreplace(heap, (-r, c))
                match[c] = k - 1
                match[out] = -1
                free.append(out)
                break
        nxt[c] = k
    return match


def max_weight(prefs: Prefs) -> list[int]:
    """Maximum total score under capacities: successive shortest paths (min-cost flow).

    Costs are the negated quantised scores, so the result is exact. It stops as soon as
    no augmenting path has a negative cost. Dijkstra with potentials; fine for small
    inputs (the fast path uses scipy).

    Returns:
        For each candidate, the index of its entry in ``col`` it is matched by, or -1.
    """
    n, m = prefs.n, prefs.m
    indptr, col, q = prefs.indptr, prefs.col, prefs.q
    source, sink = n + m, n + m + 1
    size = n + m + 2
    to: list[int] = []
    cap: list[int] = []
    cost: list[int] = []
    adj: list[list[int]] = [[] for _ in range(size)]

    def arc(u: int, v: int, c: int, w: int) -> int:
        adj[u].append(len(to))
        to.append(v)
        cap.append(c)
        cost.append(w)
        adj[v].append(len(to))
        to.append(u)
        cap.append(0)
        cost.append(-w)
        return len(to) - 2

    entry_arc = [0] * len(col)
    for c in range(n):
        if indptr[c + 1] > indptr[c]:
            arc(source, c, 1, 0)
        for k in range(indptr[c], indptr[c + 1]):
            entry_arc[k] = arc(c, n + col[k], 1, -q[k])
    for p in range(m):
        if prefs.seats[p] > 0:
            arc(n + p, sink, prefs.seats[p], 0)

    # Initial potentials: shortest distances in the initial DAG (source -> c -> p -> sink).
    inf = float("inf")
    pot: list[float] = [0.0] * size
    for p in range(m):
        pot[n + p] = 0.0
    for k in range(len(col)):
        pot[n + col[k]] = min(pot[n + col[k]], -q[k])
    pot[sink] = min([pot[n + p] for p in range(m)], default=0.0)

    while True:
        dist = [inf] * size
        parent = [-1] * size
        dist[source] = 0.0
        heap: list[tuple[float, int]] = [(0.0, source)]
        while heap:
            d, u = heapq.heappop(heap)
            if d > dist[u]:
                continue
            pu = pot[u]
            for a in adj[u]:
                if cap[a] <= 0:
                    continue
                v = to[a]
                nd = d + cost[a] + pu - pot[v]
                if nd < dist[v]:
                    dist[v] = nd
                    parent[v] = a
                    heapq.heappush(heap, (nd, v))
        if dist[sink] == inf or dist[sink] + pot[sink] - pot[source] >= 0:
            break
        top = max(d for d in dist if d < inf)
        for v in range(size):
            pot[v] += dist[v] if dist[v] < inf else top
        v = sink
        while v != source:
            a = parent[v]
            cap[a] -= 1
            cap[a ^ 1] += 1
            v = to[a ^ 1]

    match = [-1] * n
    for c in range(n):
        for k in range(indptr[c], indptr[c + 1]):
            if cap[entry_arc[k]] == 0:
                match[c] = k
                break
    return match


def blocking_entries(prefs: Prefs, match: Sequence[int]) -> list[int]:
    """Entries ``k`` (candidate, position) that block ``match``, in O(L).

    A pair blocks when the candidate is unmatched or ranks the position above its own,
    and the position has a free seat or ranks the candidate above one it holds.
    """
    indptr, col, prank = prefs.indptr, prefs.col, prefs.prank
    used = [0] * prefs.m
    worst = [-1] * prefs.m
    for k in match:
        if k >= 0:
            p = col[k]
            used[p] += 1
            worst[p] = max(worst[p], prank[k])
    out: list[int] = []
    for c in range(prefs.n):
        stop = match[c] if match[c] >= 0 else indptr[c + 1]
        for k in range(indptr[c], stop):
            p = col[k]
            if used[p] < prefs.seats[p] or prank[k] < worst[p]:
                out.append(k)
    return out

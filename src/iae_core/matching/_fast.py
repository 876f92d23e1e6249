"""The vectorised engine (numpy, scipy): the ``matching`` extra.

Imported only when used. Same results as the pure-Python engine (``_python``):

* pairs: candidates are processed in batches; for each, the grid cells of its exact
  bounding box are turned into ranges of the positions sorted by cell, expanded, and the
  distance and hard constraints checked on those candidate-position pairs only; the
  scores are computed on the pairs kept, with the table of ``_score`` (``vector_values``)
  in the same order of operations;
* preference lists: one integer sort key per pair (candidate, -score, position), so
  ordering and truncation to ``max_choices`` are a single ``np.sort``;
* deferred acceptance: rounds in which every free candidate proposes at once (first
  skipping, without sorting, the positions that are full with people they rank higher),
  then a plain loop with heaps for the last few free candidates;
* optimal: one min-cost problem per connected component of the pair graph, solved with
  scipy's LAPJVsp (``min_weight_full_bipartite_matching``) on replicated seats.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Sequence
from typing import Any

from iae_core.matching._grid import Grid, choose_cell_km
from iae_core.matching._model import Assignment, Candidate, Position, Weights
from iae_core.matching._python import Prefs
from iae_core.matching._score import EARTH_RADIUS_KM, RAD, SCALE, Pairs, vector_values

try:
    import numpy as np
except ImportError as exc:  # pragma: no cover - exercised without the extra only
    msg = "the fast matching path needs numpy and scipy: pip install iae-core[matching]"
    raise ImportError(msg) from exc

__all__ = ["build_prefs", "deferred_acceptance", "max_weight", "result"]

_QBITS = 20  # SCALE < 2**20
_EPS = 1e-9
BATCH = 8192
MAX_CHECKS = 6_000_000
TAIL = 200


def _bits(n: int) -> int:
    return max(1, int(n).bit_length())


class _Side:
    """Column arrays of one side."""

    def __init__(self, **arrays: Any) -> None:
        self.__dict__.update(arrays)

    def __getattr__(self, name: str) -> Any:  # only reached for a missing name
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self.__dict__[name] = value


def _words(sets: Sequence[frozenset[str]], bit: dict[str, int], nwords: int) -> Any:
    out = np.zeros((len(sets), max(nwords, 1)), dtype=np.uint64)
    for i, items in enumerate(sets):
        for item in items:
            b = bit.get(item)
            if b is not None:
                out[i, b >> 6] |= np.uint64(1 << (b & 63))
    return out


def _arrays(cands: Sequence[Candidate], poss: Sequence[Position]) -> tuple[_Side, _Side]:
    required = sorted({item for p in poss for item in p.requires})
    bit = {item: i for i, item in enumerate(required)}
    nwords = (len(required) + 63) // 64
    codes = sorted({p.rome_code for p in poss} | {c for cand in cands for c in cand.rome_codes})
    code_id = {c: i for i, c in enumerate(codes)}
    groups = sorted({c[:3] for c in codes})
    group_id = {g: i for i, g in enumerate(groups)}
    k = max((len(c.rome_codes) for c in cands), default=0)
    cc = np.full((len(cands), max(k, 1)), -1, dtype=np.int64)
    for i, cand in enumerate(cands):
        for j, code in enumerate(cand.rome_codes):
            cc[i, j] = code_id[code]
    code_group = np.array([group_id[c[:3]] for c in codes] or [0], dtype=np.int64)
    code_domain = np.array([ord(c[0]) for c in codes] or [0], dtype=np.int64)
    valid = cc >= 0
    cg = np.where(valid, code_group[np.maximum(cc, 0)], -1)
    cd = np.where(valid, code_domain[np.maximum(cc, 0)], -1)
    pcode = np.array([code_id[p.rome_code] for p in poss], dtype=np.int64)
    c_side = _Side(
        lat=np.array([c.location.lat for c in cands], dtype=np.float64),
        lon=np.array([c.location.lon for c in cands], dtype=np.float64),
        radius=np.array([c.max_distance_km for c in cands], dtype=np.float64),
        hmin=np.array([c.weekly_hours_min for c in cands], dtype=np.float64),
        hmax=np.array([c.weekly_hours_max for c in cands], dtype=np.float64),
        avail=np.array(
            [-1 if c.available_from is None else c.available_from.toordinal() for c in cands],
            dtype=np.int64,
        ),
        priority=np.array([c.priority for c in cands], dtype=np.int64),
        holds=_words([c.holds for c in cands], bit, nwords),
        code=cc,
        group=cg,
        domain=cd,
        ncodes=k,
    )
    p_side = _Side(
        lat=np.array([p.location.lat for p in poss], dtype=np.float64),
        lon=np.array([p.location.lon for p in poss], dtype=np.float64),
        hours=np.array([p.weekly_hours for p in poss], dtype=np.float64),
        seats=np.array([max(p.seats, 0) for p in poss], dtype=np.int64),
        start=np.array(
            [-1 if p.starts_on is None else p.starts_on.toordinal() for p in poss], dtype=np.int64
        ),
        requires=_words([p.requires for p in poss], bit, nwords),
        has_requires=np.array([bool(p.requires) for p in poss], dtype=bool),
        code=pcode,
        group=code_group[pcode] if len(poss) else pcode,
        domain=code_domain[pcode] if len(poss) else pcode,
    )
    return c_side, p_side


def _boxes(lat: Any, radius: Any) -> tuple[Any, Any]:
    """Latitude half-height and longitude half-width (inf: all) of each bounding box."""
    theta = radius / EARTH_RADIUS_KM
    dlat = np.degrees(theta) * (1 + _EPS) + _EPS
    full = (theta >= math.pi / 2) | (lat - dlat <= -90) | (lat + dlat >= 90)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.sin(theta) / np.cos(np.radians(lat))
    full |= ~(ratio < 1)
    half = np.degrees(np.arcsin(np.where(full, 0.0, ratio))) * (1 + _EPS) + _EPS
    return dlat, np.where(full, np.inf, half)


def _ranges(cs: _Side, batch: Any, grid: Grid, keys: Any) -> tuple[Any, Any, Any]:
    """For each candidate of ``batch``: ranges of ``keys`` (sorted cell keys) in reach."""
    lat, lon, radius = cs.lat[batch], cs.lon[batch], cs.radius[batch]
    theta = radius / EARTH_RADIUS_KM
    dlat = np.degrees(theta) * (1 + _EPS) + _EPS
    low, high = lat - dlat, lat + dlat
    full = (theta >= math.pi / 2) | (low <= -90) | (high >= 90)
    low, high = np.maximum(low, -90.0), np.minimum(high, 90.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.sin(theta) / np.cos(np.radians(lat))
    full |= ~(ratio < 1)
    half = np.degrees(np.arcsin(np.where(full, 0.0, ratio))) * (1 + _EPS) + _EPS
    r0 = np.floor((low + 90.0) / grid.dlat).astype(np.int64)
    r1 = np.floor((high + 90.0) / grid.dlat).astype(np.int64)
    c0 = np.floor((lon - half + 180.0) / grid.dlon).astype(np.int64)
    c1 = np.floor((lon + half + 180.0) / grid.dlon).astype(np.int64)
    ncols = grid.ncols
    whole = full | (c1 - c0 + 1 >= ncols)
    c0 = np.where(whole, 0, c0)
    c1 = np.where(whole, ncols - 1, c1)
    a0, a1 = np.maximum(c0, 0), np.minimum(c1, ncols - 1)
    wrap_lo = c0 < 0
    wrap_hi = c1 >= ncols
    b0 = np.where(wrap_lo, c0 + ncols, np.where(wrap_hi, 0, 1))
    b1 = np.where(wrap_lo, ncols - 1, np.where(wrap_hi, c1 - ncols, 0))
    owners, starts, ends = [], [], []
    idx = np.arange(len(batch))
    # A box of more rows than there are positions (a reach of 20,000 km on 1 km cells)
    # is one range over every key: the cost stays bounded by the number of positions.
    wide = (r1 - r0 + 1) > len(keys)
    if wide.any():
        owners.append(idx[wide])
        starts.append(np.zeros(int(wide.sum()), dtype=np.int64))
        ends.append(np.full(int(wide.sum()), len(keys), dtype=np.int64))
        r1 = np.where(wide, r0 - 1, r1)
    span = int((r1 - r0).max()) + 1 if len(batch) else 0
    for off in range(span):
        row = r0 + off
        act = row <= r1
        if not act.all():
            row, sel = row[act], idx[act]
        else:
            sel = idx
        base = row * ncols
        for lo, hi in ((a0, a1), (b0, b1)):
            lo_s, hi_s = lo[sel], hi[sel]
            ok = lo_s <= hi_s
            s = np.searchsorted(keys, base[ok] + lo_s[ok], "left")
            e = np.searchsorted(keys, base[ok] + hi_s[ok], "right")
            owners.append(sel[ok])
            starts.append(s)
            ends.append(e)
    if not owners:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return np.concatenate(owners), np.concatenate(starts), np.concatenate(ends)


def _expand(owner: Any, start: Any, end: Any) -> tuple[Any, Any]:
    lengths = end - start
    keep = lengths > 0
    owner, start, lengths = owner[keep], start[keep], lengths[keep]
    total = int(lengths.sum())
    first = np.cumsum(lengths) - lengths
    rows = np.repeat(owner, lengths)
    idx = np.arange(total, dtype=np.int64) + np.repeat(start - first, lengths)
    return rows, idx


def _score_pairs(cs: _Side, ps: _Side, ci: Any, pj: Any, weights: Weights) -> tuple[Any, Any, Any]:
    """Hard constraints then quantised scores of candidate ``ci`` x position ``pj`` pairs."""
    # Cheap filters first: hours, then the exact bounding box (no trigonometry).
    hours = ps.hours[pj]
    low, high = cs.hmin[ci], cs.hmax[ci]
    dlon = np.abs(ps.lon[pj] - cs.lon[ci])
    dlon = np.minimum(dlon, 360.0 - dlon)
    pre = (
        (low <= hours)
        & (hours <= high)
        & (np.abs(ps.lat[pj] - cs.lat[ci]) <= cs.dlat[ci])
        & (dlon <= cs.half[ci])
    )
    sel = np.flatnonzero(pre)
    ci, pj, hours, low, high = ci[sel], pj[sel], hours[sel], low[sel], high[sel]
    clat, plat = cs.lat[ci] * RAD, ps.lat[pj] * RAD
    s1 = np.sin((plat - clat) * 0.5)
    s2 = np.sin((ps.lon[pj] - cs.lon[ci]) * RAD * 0.5)
    h = s1 * s1 + cs.cos[ci] * ps.cos[pj] * (s2 * s2)
    d = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
    radius = cs.radius[ci]
    ok = d <= radius
    if ps.has_requires.any():
        need = ps.has_requires[pj]
        for w in range(ps.requires.shape[1]):
            req = ps.requires[pj, w]
            ok &= ~need | ((req & ~cs.holds[ci, w]) == 0)
    keep = np.flatnonzero(ok)
    ci, pj = ci[keep], pj[keep]
    pairs = Pairs(
        cs=cs,
        ps=ps,
        ci=ci,
        pj=pj,
        km=d[keep],
        radius=radius[keep],
        hours=hours[keep],
        low=low[keep],
        high=high[keep],
    )
    return ci, pj, vector_values(pairs, weights)


def to_arrays(prefs: Prefs) -> Prefs:
    """Preference lists as int64 numpy arrays (the input of this module's solvers)."""
    import numpy as np

    return Prefs(
        n=prefs.n,
        m=prefs.m,
        seats=np.asarray(prefs.seats, dtype=np.int64),
        indptr=np.asarray(prefs.indptr, dtype=np.int64),
        col=np.asarray(prefs.col, dtype=np.int64),
        q=np.asarray(prefs.q, dtype=np.int64),
        prank=np.asarray(prefs.prank, dtype=np.int64),
    )


def to_lists(prefs: Prefs) -> Prefs:
    """Preference lists as plain Python lists (the input of the pure-Python solvers)."""
    import numpy as np

    return Prefs(
        n=prefs.n,
        m=prefs.m,
        seats=np.asarray(prefs.seats).tolist(),
        indptr=np.asarray(prefs.indptr).tolist(),
        col=np.asarray(prefs.col).tolist(),
        q=np.asarray(prefs.q).tolist(),
        prank=np.asarray(prefs.prank).tolist(),
    )


def build_prefs(
    cands: Sequence[Candidate],
    poss: Sequence[Position],
    weights: Weights,
    max_choices: int | None,
    *,
    by_priority: bool,
) -> Prefs:
    """Preference lists as numpy arrays (same content as ``_python.build_prefs``)."""
    n, m = len(cands), len(poss)
    cs, ps = _arrays(cands, poss)
    cs.cos = np.cos(cs.lat * RAD)
    ps.cos = np.cos(ps.lat * RAD)
    cs.dlat, cs.half = _boxes(cs.lat, cs.radius)
    grid = Grid(
        choose_cell_km([c.max_distance_km for c in cands]),
        float(np.median(ps.lat)) if m else 0.0,
    )
    open_pos = np.flatnonzero(ps.seats > 0)
    cell = (
        np.floor((ps.lat[open_pos] + 90.0) / grid.dlat).astype(np.int64) * grid.ncols
        + np.floor((ps.lon[open_pos] + 180.0) / grid.dlon).astype(np.int64) % grid.ncols
    )
    order = np.argsort(cell, kind="stable")
    keys, sorted_pos = cell[order], open_pos[order]
    pbits = _bits(m)
    cbits = _bits(n)
    packed = cbits + _QBITS + pbits <= 62
    parts_c, parts_p, parts_q = [], [], []
    stack = [np.arange(s, min(s + BATCH, n)) for s in range(0, n, BATCH)][::-1]
    while stack:
        batch = stack.pop()
        owner, s, e = _ranges(cs, batch, grid, keys)
        if int((e - s).sum()) > MAX_CHECKS and len(batch) > 1:
            half = len(batch) // 2
            stack.extend([batch[half:], batch[:half]])
            continue
        rows, idx = _expand(owner, s, e)
        ci, pj, q = _score_pairs(cs, ps, batch[rows], sorted_pos[idx], weights)
        if packed:
            key = (ci << (_QBITS + pbits)) | ((SCALE - q) << pbits) | pj
            key.sort()
            ci = key >> (_QBITS + pbits)
            pj = key & ((1 << pbits) - 1)
            q = SCALE - ((key >> pbits) & ((1 << _QBITS) - 1))
        else:
            o = np.lexsort((pj, -q, ci))
            ci, pj, q = ci[o], pj[o], q[o]
        if max_choices is not None and len(ci):
            first = np.searchsorted(ci, ci, "left")
            keep = (np.arange(len(ci)) - first) < max_choices
            ci, pj, q = ci[keep], pj[keep], q[keep]
        parts_c.append(ci)
        parts_p.append(pj)
        parts_q.append(q)
    owner_all = np.concatenate(parts_c) if parts_c else np.zeros(0, dtype=np.int64)
    col = np.concatenate(parts_p) if parts_p else np.zeros(0, dtype=np.int64)
    qs = np.concatenate(parts_q) if parts_q else np.zeros(0, dtype=np.int64)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner_all, minlength=n), out=indptr[1:])
    prank = _position_ranks(col, qs, owner_all, cs.priority if by_priority else None, n, m)
    return Prefs(n=n, m=m, seats=ps.seats, indptr=indptr, col=col, q=qs, prank=prank)


def _position_ranks(col: Any, q: Any, owner: Any, priority: Any, n: int, m: int) -> Any:
    size = len(col)
    cbits, pbits = _bits(n), _bits(m)
    if priority is None:
        packed = pbits + _QBITS + cbits <= 62
        if packed:
            order = np.argsort((col << (_QBITS + cbits)) | ((SCALE - q) << cbits) | owner)
        else:
            order = np.lexsort((owner, -q, col))
    else:
        levels, inverse = np.unique(-priority, return_inverse=True)
        lbits = _bits(len(levels))
        prio = inverse.reshape(-1)[owner]
        if pbits + lbits + _QBITS + cbits <= 62:
            order = np.argsort(
                (col << (lbits + _QBITS + cbits))
                | (prio << (_QBITS + cbits))
                | ((SCALE - q) << cbits)
                | owner
            )
        else:
            order = np.lexsort((owner, -q, prio, col))
    prank = np.empty(size, dtype=np.int64)
    prank[order] = np.arange(size, dtype=np.int64)
    return prank


def deferred_acceptance(prefs: Prefs) -> Any:
    """Candidate-proposing deferred acceptance with capacities (array rounds).

    Returns:
        For each candidate, the index of its matching entry in ``col``, or -1.
    """
    n, m = prefs.n, prefs.m
    indptr, col, prank = prefs.indptr, prefs.col, prefs.prank
    seats = np.asarray(prefs.seats, dtype=np.int64)
    big = np.iinfo(np.int64).max
    ptr = indptr[:-1].copy()
    end = indptr[1:]
    held = np.zeros(n, dtype=bool)
    thr = np.where(seats > 0, big, -1).astype(np.int64)  # worst rank held when full
    free = np.flatnonzero(ptr < end)
    while free.size >= TAIL:
        proposers = []
        cand = free
        while cand.size:
            k = ptr[cand]
            rej = prank[k] > thr[col[k]]
            proposers.append(cand[~rej])
            cand = cand[rej]
            ptr[cand] += 1
            cand = cand[ptr[cand] < end[cand]]
        props = np.concatenate(proposers)
        if not props.size:
            free = props
            break
        touched = np.zeros(m, dtype=bool)
        touched[col[ptr[props]]] = True
        holders = np.flatnonzero(held)
        holders = holders[touched[col[ptr[holders]]]]
        every = np.concatenate([holders, props])
        k = ptr[every]
        p = col[k]
        order = np.argsort(p * (len(col) + 1) + prank[k])
        every, p, k = every[order], p[order], k[order]
        first = np.searchsorted(p, p, "left")
        place = np.arange(len(p)) - first
        accept = place < seats[p]
        held[every] = accept
        out = every[~accept]
        ptr[out] += 1
        # New threshold of the touched positions: worst accepted rank when full.
        last = accept & ((np.r_[p[1:], -1] != p) | ~np.r_[accept[1:], False])
        lp = p[last]
        full = place[last] + 1 >= seats[lp]
        thr[lp] = np.where(full, prank[k[last]], big)
        free = out[ptr[out] < end[out]]
    match = np.where(held, ptr, -1)
    if free.size:
        _tail(prefs, match, ptr, free, seats)
    return match


def _tail(prefs: Prefs, match: Any, ptr: Any, free: Any, seats: Any) -> None:
    """Finish deferred acceptance one proposal at a time (few free candidates left)."""
    col, prank, indptr = prefs.col, prefs.prank, prefs.indptr
    held_c = np.flatnonzero(match >= 0)
    held_p = col[match[held_c]]
    order = np.argsort(held_p, kind="stable")
    held_c, held_p = held_c[order], held_p[order]
    heaps: dict[int, list[tuple[int, int]]] = {}

    def heap_of(p: int) -> list[tuple[int, int]]:
        heap = heaps.get(p)
        if heap is None:
            lo, hi = np.searchsorted(held_p, [p, p + 1])
            cs = held_c[lo:hi].tolist()
            heap = [(-int(prank[match[c]]), c) for c in cs]
            heapq.heapify(heap)
            heaps[p] = heap
        return heap

    stack = free.tolist()[::-1]
    while stack:
        c = stack.pop()
        k, stop = int(ptr[c]), int(indptr[c + 1])
        while k < stop:
            p, r = int(col[k]), int(prank[k])
            heap = heap_of(p)
            if len(heap) < seats[p]:
                heapq.heappush(heap, (-r, c))
                match[c] = k
                break
            if -heap[0][0] > r:
                _, out = heapq.heapreplace(heap, (-r, c))
                match[c] = k
                match[out] = -1
                ptr[out] += 1
                stack.append(out)
                break
            k += 1
        ptr[c] = k


def max_weight(prefs: Prefs) -> Any:
    """Maximum total score under capacities, per connected component (scipy LAPJVsp).

    Returns:
        For each candidate, the index of its matching entry in ``col``, or -1.
    """
    try:
        from scipy.sparse import coo_matrix, csr_matrix
        from scipy.sparse.csgraph import (
            connected_components,
            min_weight_full_bipartite_matching,
        )
    except ImportError as exc:  # pragma: no cover - exercised without the extra only
        msg = "assign(method='optimal') at scale needs scipy: pip install iae-core[matching]"
        raise ImportError(msg) from exc
    n, m = prefs.n, prefs.m
    indptr, col, q = prefs.indptr, prefs.col, prefs.q
    seats = np.asarray(prefs.seats, dtype=np.int64)
    size = len(col)
    match = np.full(n, -1, dtype=np.int64)
    if not size:
        return match
    owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    graph = coo_matrix((np.ones(size, dtype=np.int8), (owner, n + col)), shape=(n + m, n + m))
    _, labels = connected_components(graph, directed=False)
    comp = labels[owner]
    order = np.argsort(comp, kind="stable")
    bounds = np.flatnonzero(np.r_[True, comp[order][1:] != comp[order][:-1], True])
    heavy = SCALE + 1
    degree = np.bincount(col, minlength=m)
    for a, b in itertools.pairwise(bounds.tolist()):
        ks = order[a:b]
        cs_local, c_inv = np.unique(owner[ks], return_inverse=True)
        ps_local, p_inv = np.unique(col[ks], return_inverse=True)
        if len(cs_local) == 1:
            match[cs_local[0]] = ks.min()
            continue
        if len(ps_local) == 1:
            take = np.lexsort((owner[ks], -q[ks]))[: int(seats[ps_local[0]])]
            match[owner[ks[take]]] = ks[take]
            continue
        cap = np.minimum(seats[ps_local], degree[ps_local])
        first_seat = np.cumsum(cap) - cap
        nseat = int(cap.sum())
        reps = cap[p_inv]
        rows = np.repeat(c_inv, reps)
        entry = np.repeat(np.arange(len(ks)), reps)
        offs = np.arange(len(rows)) - np.repeat(np.cumsum(reps) - reps, reps)
        cols = np.repeat(first_seat[p_inv], reps) + offs
        weights = (heavy - q[ks][entry]).astype(np.float64)
        nc = len(cs_local)
        rows = np.concatenate([rows, np.arange(nc)])
        cols = np.concatenate([cols, nseat + np.arange(nc)])
        weights = np.concatenate([weights, np.full(nc, float(heavy))])
        mat = csr_matrix((weights, (rows, cols)), shape=(nc, nseat + nc))
        _, assigned = min_weight_full_bipartite_matching(mat)
        seat_p = np.repeat(np.arange(len(ps_local)), cap)
        real = np.flatnonzero(assigned < nseat)
        # Entry of (candidate, position): the candidate's row has at most one per position.
        key_entries = c_inv.astype(np.int64) * len(ps_local) + p_inv
        lookup = np.argsort(key_entries)
        wanted = real * len(ps_local) + seat_p[assigned[real]]
        hit = lookup[np.searchsorted(key_entries[lookup], wanted)]
        match[cs_local[real]] = ks[hit]
    return match


def blocking_count(prefs: Prefs, match: Any) -> int:
    """Number of blocking entries, in O(L) (see ``_python.blocking_entries``)."""
    n, m = prefs.n, prefs.m
    indptr, col, prank = prefs.indptr, prefs.col, prefs.prank
    seats = np.asarray(prefs.seats, dtype=np.int64)
    matched = np.flatnonzero(match >= 0)
    mk = match[matched]
    used = np.bincount(col[mk], minlength=m)
    worst = np.full(m, -1, dtype=np.int64)
    np.maximum.at(worst, col[mk], prank[mk])
    owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    stop = np.where(match >= 0, match, indptr[1:])
    prefers = np.arange(len(col)) < stop[owner]
    blocks = prefers & ((used[col] < seats[col]) | (prank < worst[col]))
    return int(blocks.sum())


def result(
    method: str,
    cands: Sequence[Candidate],
    poss: Sequence[Position],
    prefs: Prefs,
    match: Any,
) -> Assignment:
    """Build the `Assignment` from a match array."""
    matched = np.flatnonzero(match >= 0)
    mk = match[matched]
    pcols = prefs.col[mk]
    qs = prefs.q[mk]
    seats = np.asarray(prefs.seats, dtype=np.int64)
    left = seats - np.bincount(pcols, minlength=prefs.m)
    unmatched = np.flatnonzero(match < 0)
    cid = [c.id for c in cands]
    pid = [p.id for p in poss]
    return Assignment(
        method=method,
        pairs=tuple(
            zip([cid[i] for i in matched.tolist()], [pid[j] for j in pcols.tolist()], strict=True)
        ),
        scores=tuple((qs / SCALE).tolist()),
        unmatched=tuple(cid[i] for i in unmatched.tolist()),
        open_seats={pid[j]: int(left[j]) for j in np.flatnonzero(left > 0).tolist()},
        total_score=int(qs.sum()) / SCALE,
        blocking=blocking_count(prefs, match),
    )

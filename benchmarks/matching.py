"""Benchmark of ``iae_core.matching`` against references, on seeded synthetic territories.

Run ``python benchmarks/matching.py`` (sizes 10k and 50k), ``--national`` to add the
300,000 x 60,000 instance, ``--quick`` for a smoke run of a few seconds, and
``--write PATH`` to write the Markdown table (figures quoted in the docs are recorded in
``benchmarks/RESULTS.md``).

Instances: a territory whose area grows with the number of positions (400 km square for
10,000 positions, so 60,000 positions cover about 1,000 km square), towns with lognormal
sizes, people and positions scattered around them (8-10 km), each town with a few ROME
domains, mobility radii 3-50 km (mostly 5-15 km), hour ranges, licences and requirements, seats 1-5.

References, measured in the same run on the same preference lists and scores:

* ``reference_da``: a straightforward plain-Python candidate-proposing deferred
  acceptance (dicts keyed by id, one heap per position) on the same lists;
* OR-Tools ``SimpleMinCostFlow`` used directly on the same integer scores (if
  ``ortools`` is installed, the ``solver`` extra), timed back to back with our
  ``solver="ortools"`` path (``_ortools.max_weight``: arcs from the lists, solve, flows
  read back), best of 2; the scipy solver is timed once for comparison.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import math
import platform
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pendulum

from iae_core.matching import Candidate, GeoPoint, Position, _fast, _ortools, assign
from iae_core.matching import _assign as _assign_mod
from iae_core.matching._score import SCALE

SEED = 20240601
CENTRE = (46.6, 2.4)
KM_PER_DEG = 111.195
DOMAINS = "ADFGHIJKMN"
ITEMS_HELD = (("permis_b", 0.6), ("caces", 0.12), ("haccp", 0.15), ("habilitation_elec", 0.05))
ITEMS_REQUIRED = (("permis_b", 0.25), ("caces", 0.04), ("haccp", 0.05), ("habilitation_elec", 0.02))
RADII = np.array([3, 5, 8, 10, 15, 20, 30, 50], dtype=float)
RADII_P = np.array([0.1, 0.2, 0.2, 0.2, 0.15, 0.08, 0.05, 0.02])


def generate(n: int, m: int, seed: int = SEED) -> tuple[list[Candidate], list[Position]]:
    """A seeded synthetic territory of ``n`` people and ``m`` positions."""
    rng = np.random.default_rng(seed)
    side = 400.0 * math.sqrt(m / 10_000)
    towns = max(5, m // 100)
    tx = rng.uniform(-side / 2, side / 2, towns)
    ty = rng.uniform(-side / 2, side / 2, towns)
    weight = rng.lognormal(0.0, 1.0, towns)
    weight /= weight.sum()
    # Each town has 3-4 ROME domains; each domain 6 codes in 2 groups.
    codes = [f"{d}{g:02d}{k:02d}" for d in DOMAINS for g in (11, 12) for k in (1, 2, 3)]
    town_domains = [
        rng.choice(len(DOMAINS), size=rng.integers(3, 5), replace=False) for _ in range(towns)
    ]
    base = pendulum.date(2025, 9, 1)

    def place(count: int, sd: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        t = rng.choice(towns, size=count, p=weight)
        x = tx[t] + rng.normal(0, sd, count)
        y = ty[t] + rng.normal(0, sd, count)
        lat = CENTRE[0] + y / KM_PER_DEG
        lon = CENTRE[1] + x / (KM_PER_DEG * math.cos(math.radians(CENTRE[0])))
        return t, lat, lon

    def pick_code(town: int) -> str:
        d = int(rng.choice(town_domains[town]))
        return codes[d * 6 + int(rng.integers(0, 6))]

    pt, plat, plon = place(m, 8.0)
    hours_choices = np.array([20, 24, 26, 30, 35], dtype=float)
    positions = []
    for j in range(m):
        req = frozenset(name for name, prob in ITEMS_REQUIRED if rng.random() < prob)
        start = base.add(days=int(rng.integers(0, 60))) if rng.random() < 0.7 else None
        positions.append(
            Position(
                id=f"P{j:06d}",
                location=GeoPoint(lat=round(float(plat[j]), 6), lon=round(float(plon[j]), 6)),
                rome_code=pick_code(int(pt[j])),
                weekly_hours=float(rng.choice(hours_choices)),
                seats=int(rng.integers(1, 6)),
                requires=req,
                starts_on=start,
            )
        )
    ct, clat, clon = place(n, 10.0)
    radius = rng.choice(RADII, size=n, p=RADII_P)
    candidates = []
    for i in range(n):
        k = int(rng.integers(1, 4))
        rome = tuple(sorted({pick_code(int(ct[i])) for _ in range(k)}))
        low = float(rng.choice([0, 0, 20, 24]))
        high = float(rng.choice([26, 30, 35, 35])) if low < 26 else 35.0
        holds = frozenset(name for name, prob in ITEMS_HELD if rng.random() < prob)
        avail = base.add(days=int(rng.integers(0, 90))) if rng.random() < 0.7 else None
        candidates.append(
            Candidate(
                id=f"C{i:07d}",
                location=GeoPoint(lat=round(float(clat[i]), 6), lon=round(float(clon[i]), 6)),
                max_distance_km=float(radius[i]),
                rome_codes=rome,
                weekly_hours_min=low,
                weekly_hours_max=high,
                holds=holds,
                priority=int(rng.integers(0, 3)),
                available_from=avail,
            )
        )
    return candidates, positions


# --- references ---------------------------------------------------------------------------


def as_dicts(cands: list[Candidate], poss: list[Position], prefs: Any) -> tuple[Any, ...]:
    """The preference lists as dicts keyed by id (the reference's input format)."""
    indptr, col, prank = prefs.indptr.tolist(), prefs.col.tolist(), prefs.prank.tolist()
    cid = [c.id for c in cands]
    pid = [p.id for p in poss]
    cand_prefs = {cid[c]: [pid[p] for p in col[indptr[c] : indptr[c + 1]]] for c in range(len(cid))}
    pos_rank: dict[str, dict[str, int]] = {}
    for c in range(len(cid)):
        for k in range(indptr[c], indptr[c + 1]):
            pos_rank.setdefault(pid[col[k]], {})[cid[c]] = prank[k]
    capacity = {p.id: p.seats for p in poss}
    return cand_prefs, pos_rank, capacity


def reference_da(
    cand_prefs: dict[str, list[str]], pos_rank: dict[str, dict[str, int]], capacity: dict[str, int]
) -> dict[str, str]:
    """Straightforward candidate-proposing deferred acceptance (dicts, heaps)."""
    nxt = dict.fromkeys(cand_prefs, 0)
    held: dict[str, list[tuple[int, str]]] = {p: [] for p in capacity}
    free = sorted(cand_prefs, reverse=True)
    matched: dict[str, str] = {}
    while free:
        c = free.pop()
        prefs = cand_prefs[c]
        while nxt[c] < len(prefs):
            p = prefs[nxt[c]]
            nxt[c] += 1
            r = pos_rank[p][c]
            heap = held[p]
            if len(heap) < capacity[p]:
                heapq.heappush(heap, (-r, c))
                matched[c] = p
                break
            if -heap[0][0] > r:
                _, out = heapq.heapreplace(heap, (-r, c))
                del matched[out]
                free.append(out)
                matched[c] = p
                break
    return matched


def ortools_min_cost_flow(prefs: Any) -> tuple[float, float, int, dict[int, int]]:
    """OR-Tools SimpleMinCostFlow on the same integer scores: (solve s, total s, total q)."""
    from ortools.graph.python import min_cost_flow

    t0 = time.perf_counter()
    n, m = prefs.n, prefs.m
    owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(prefs.indptr))
    source, sink = n + m, n + m + 1
    seats = np.asarray(prefs.seats, dtype=np.int64)
    tails = np.concatenate([np.full(n, source), owner, n + np.arange(m), [source]])
    heads = np.concatenate([np.arange(n), n + prefs.col, np.full(m, sink), [sink]])
    caps = np.concatenate([np.ones(n, np.int64), np.ones(len(owner), np.int64), seats, [n]])
    costs = np.concatenate([np.zeros(n, np.int64), -prefs.q, np.zeros(m, np.int64), [0]])
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    smcf.set_node_supply(source, n)
    smcf.set_node_supply(sink, -n)
    t1 = time.perf_counter()
    status = smcf.solve()
    t2 = time.perf_counter()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min cost flow status {status}")
    flows = smcf.flows(arcs[n : n + len(owner)])
    used = np.flatnonzero(flows > 0)
    total = int(prefs.q[used].sum())
    t3 = time.perf_counter()
    return t2 - t1, (t1 - t0) + (t2 - t1) + (t3 - t2), total, {}


# --- runs -----------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(
    n: int,
    m: int,
    *,
    with_reference: bool,
    with_ortools: bool,
    with_optimal: bool,
    with_scipy: bool = True,
    repeat: int = 2,
) -> dict[str, Any]:
    row: dict[str, Any] = {"n": n, "m": m}
    t_gen, (cands, poss) = timed(lambda: generate(n, m))
    row["generate"] = t_gen
    row["seats"] = sum(p.seats for p in poss)
    rss0 = peak_rss_mib()

    # End to end, as an embedder calls it.
    t_stable, stable = timed(lambda: assign(cands, poss, method="stable", backend="numpy"))
    row["stable_e2e"] = t_stable
    row["stable_rss"] = peak_rss_mib()
    row["rss_before"] = rss0

    # Phases: the same steps as assign(), timed one by one.
    c_sorted, p_sorted = _assign_mod._canonical(cands, poss)
    t_prefs, prefs = timed(
        lambda: _fast.build_prefs(
            c_sorted, p_sorted, _assign_mod.DEFAULT_WEIGHTS, 50, by_priority=False
        )
    )
    row["prefs"] = t_prefs
    row["L"] = len(prefs.col)
    t_da, match = timed(lambda: _fast.deferred_acceptance(prefs))
    row["da"] = t_da
    t_block, blocking = timed(lambda: _fast.blocking_count(prefs, match))
    row["check"] = t_block
    row["stable_blocking"] = blocking
    row["stable_matched"] = int((match >= 0).sum())
    row["stable_total"] = int(prefs.q[match[match >= 0]].sum())
    assert blocking == 0
    assert stable.total_score == row["stable_total"] / SCALE

    if with_reference:
        t_conv, dicts = timed(lambda: as_dicts(c_sorted, p_sorted, prefs))
        row["ref_convert"] = t_conv
        t_ref, ref = timed(lambda: reference_da(*dicts))
        row["ref_da"] = t_ref
        ours = {
            c_sorted[c].id: p_sorted[int(prefs.col[k])].id
            for c, k in enumerate(match.tolist())
            if k >= 0
        }
        row["same_as_reference"] = ours == ref
        assert ours == ref, "deferred acceptance differs from the reference"

    if with_optimal:
        solver = "ortools" if with_ortools and _ortools.available() else "scipy"
        row["solver"] = solver
        t_opt, optimal = timed(
            lambda: assign(cands, poss, method="optimal", backend="numpy", solver=solver)
        )
        row["optimal_e2e"] = t_opt
        if solver == "scipy" or with_scipy:
            t_sp, smatch = timed(lambda: _fast.max_weight(prefs))
            row["scipy_solve"] = t_sp
            row["scipy_total"] = int(prefs.q[smatch[smatch >= 0]].sum())
            _check_valid(prefs, smatch)
            omatch = smatch
            row["optimal_solve"] = t_sp
    if with_ortools and _ortools.available():
        # Ours (OR-Tools solver, arrays built from the lists) and the benchmark's own
        # OR-Tools reference, back to back on the same lists, best of `repeat`.
        ours, refs = [], []
        for _ in range(repeat):
            t_ours, omatch = timed(lambda: _ortools.max_weight(prefs))
            ours.append(t_ours)
            refs.append(ortools_min_cost_flow(prefs))
        row["optimal_solve"] = min(ours)
        best = min(refs, key=lambda r: r[1])
        row["ortools_solve"], row["ortools_e2e"], row["ortools_total"] = best[0], best[1], best[2]
    if with_optimal:
        row["optimal_total"] = int(prefs.q[omatch[omatch >= 0]].sum())
        row["optimal_matched"] = int((omatch >= 0).sum())
        row["optimal_blocking"] = optimal.blocking
        assert optimal.total_score == row["optimal_total"] / SCALE
        _check_valid(prefs, omatch)
        for key in ("scipy_total", "ortools_total"):
            if row.get(key) is not None:
                assert row[key] == row["optimal_total"], (key, row[key], row["optimal_total"])
    row["peak_rss"] = peak_rss_mib()
    return row


def _check_valid(prefs: Any, match: Any) -> None:
    used = np.bincount(prefs.col[match[match >= 0]], minlength=prefs.m)
    assert (used <= np.asarray(prefs.seats)).all()


def fmt_s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def report(rows: list[dict[str, Any]], command: str) -> str:
    out = [
        "## Matching (`iae_core.matching`)",
        "",
        f"Machine: {platform.processor() or platform.machine()}, 2 cores, 24 GiB; "
        f"Python {platform.python_version()}, numpy {np.__version__}. "
        f"Command: `{command}`. Single process, wall-clock times of one run, except"
        " the optimal solve and the OR-Tools reference: best of 2, run back to back.",
        "",
        "| instance | seats | listed pairs L | stable end to end"
        " | of which lists (index, scores, sort) | DA step | reference DA (plain Python)"
        " | DA speed-up | optimal end to end (solver) | optimal solve | scipy solve"
        " | reference OR-Tools min-cost-flow solve / end to end"
        " | optimal solve ÷ reference e2e | peak RSS |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ref = r.get("ref_da")
        speed = f"{ref / r['da']:.0f}×" if ref else "–"
        ort = (
            f"{fmt_s(r.get('ortools_solve'))} / {fmt_s(r.get('ortools_e2e'))}"
            if r.get("ortools_solve") is not None
            else "–"
        )
        ratio = (
            f"{r['optimal_solve'] / r['ortools_e2e']:.2f}"
            if r.get("ortools_e2e") and r.get("optimal_solve")
            else "–"
        )
        out.append(
            f"| {r['n']:,} × {r['m']:,} | {r['seats']:,} | {r['L']:,} | {fmt_s(r['stable_e2e'])} | "
            f"{fmt_s(r['prefs'])} | {fmt_s(r['da'])} | {fmt_s(ref)} | {speed} | "
            f"{fmt_s(r.get('optimal_e2e'))}"
            + (f" ({r['solver']})" if r.get("solver") else "")
            + f" | {fmt_s(r.get('optimal_solve'))} | {fmt_s(r.get('scipy_solve'))}"
            f" | {ort} | {ratio} | "
            f"{r['peak_rss']:,.0f} MiB |"
        )
    out += [
        "",
        "| instance | stable: matched, total score, blocking pairs"
        " | optimal: matched, total score (% gain), blocking pairs"
        " | same DA as reference | same optimum as OR-Tools |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        opt = "–"
        if r.get("optimal_total") is not None:
            gain = 100 * (r["optimal_total"] / max(r["stable_total"], 1) - 1)
            opt = (
                f"{r['optimal_matched']:,}, {r['optimal_total'] / SCALE:,.1f} "
                f"(+{gain:.1f} %), {r['optimal_blocking']:,}"
            )
        same_ort = "–"
        if r.get("ortools_total") is not None and r.get("optimal_total") is not None:
            same_ort = "yes" if r["ortools_total"] == r["optimal_total"] else "NO"
        same_ref = "yes" if r.get("same_as_reference") else "–"
        stable = (
            f"{r['stable_matched']:,}, {r['stable_total'] / SCALE:,.1f}, {r['stable_blocking']}"
        )
        out.append(f"| {r['n']:,} × {r['m']:,} | {stable} | {opt} | {same_ref} | {same_ort} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run (seconds)")
    parser.add_argument("--national", action="store_true", help="add 300,000 x 60,000")
    parser.add_argument("--no-optimal", action="store_true")
    parser.add_argument("--write", default=None, help="Markdown output path")
    args = parser.parse_args(argv)
    sizes = [(2_000, 400)] if args.quick else [(10_000, 2_000), (50_000, 10_000)]
    rows = []
    for n, m in sizes:
        row = run(n, m, with_reference=True, with_ortools=True, with_optimal=not args.no_optimal)
        rows.append(row)
        print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in row.items()}, flush=True)
    if args.national:
        row = run(300_000, 60_000, with_reference=False, with_ortools=False, with_optimal=False)
        rows.append(row)
        print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in row.items()}, flush=True)
    command = (
        "python benchmarks/matching.py"
        + (" --quick" if args.quick else "")
        + (" --national" if args.national else "")
    )
    text = report(rows, command)
    print(text)
    target = args.write
    if target:
        Path(target).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

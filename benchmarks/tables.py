"""Benchmark: the study tables of a national year beside the entity export, and the Dask recipe.

    PYTHONPATH=src python benchmarks/tables.py            # 400,000 parcours
    PYTHONPATH=src python benchmarks/tables.py --quick    # 20,000 parcours (smoke run)
    PYTHONPATH=src python benchmarks/tables.py -n 100000 --workers 2

Part 1 times, on one population (``benchmarks/parcours.py``'s seeded generator),
``tables.to_pandas`` / ``to_polars`` of the parcours (the entity export) against
``tables.parcours_table`` (build, ``to_pandas``, ``to_polars``, ``to_parquet``),
``contracts_table``, ``criteria_table``, ``survival.durations_table`` and
``kaplan_meier``.

Part 2 is the "past one machine" recipe of docs/research.md: the population is cut into
partitions that each worker *builds itself* (``generate(size, seed=i)`` stands for
reading a partition from storage, so nothing is shipped from the client), runs ``check``
and ``stats.exit_counts`` on it and returns the counts and the number of findings; the
client merges. The same partitions are then run one after the other in this process.
The figures and their ratio are printed, never asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine
from iae_core import stats, survival, tables
from iae_core.checks import check
from parcours import generate

KEY = b"benchmark-key"
ON = pendulum.date(2026, 1, 1)
BY = ("kind", "year")


def timed(label: str, fn: Any, n: int) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    dt = time.perf_counter() - t0
    print(f"{label:<48} {dt:8.2f} s   {n / dt if dt else float('inf'):>12,.0f} parcours/s")
    return dt, result


def partition(size: int, seed: int) -> tuple[stats.ExitCounts, int]:
    """One partition's work: build (read) it, check it, count its exits."""
    pop = generate(size, seed=seed)
    findings = sum(len(check(p, on=ON)) for p in pop)
    return stats.exit_counts(pop, by=BY), findings


def part_one(n: int) -> None:
    _, pop = timed("generate (seeded random)", lambda: generate(n), n)
    if importlib.util.find_spec("pandas"):
        t_old, _ = timed(
            "tables.to_pandas (entity export)", lambda: tables.to_pandas(pop, key=KEY), n
        )
    if importlib.util.find_spec("polars"):
        t_old_pl, _ = timed(
            "tables.to_polars (entity export)", lambda: tables.to_polars(pop, key=KEY), n
        )
    t_build, t = timed(
        "tables.parcours_table (build)", lambda: tables.parcours_table(pop, key=KEY), n
    )
    t_pd, _ = timed("  .to_pandas", t.to_pandas, n)
    t_pl, _ = timed("  .to_polars", t.to_polars, n)
    with tempfile.TemporaryDirectory() as tmp:
        timed("  .to_parquet", lambda: t.to_parquet(Path(tmp) / "parcours.parquet"), n)
    timed(
        "tables.parcours_table(labels=True)",
        lambda: tables.parcours_table(pop, key=KEY, labels=True),
        n,
    )
    timed("tables.contracts_table", lambda: tables.contracts_table(pop, key=KEY), n)
    timed("tables.criteria_table", lambda: tables.criteria_table(pop, key=KEY), n)
    _, d = timed(
        "survival.durations_table", lambda: survival.durations_table(pop, on=ON, key=KEY), n
    )
    timed(
        "survival.kaplan_meier (python, by kind)",
        lambda: survival.kaplan_meier(d, engine="python"),
        n,
    )
    if importlib.util.find_spec("lifelines"):
        timed(
            "survival.kaplan_meier (lifelines, by kind)",
            lambda: survival.kaplan_meier(d, engine="lifelines"),
            n,
        )
    timed(
        "stats.exit_rates by kind, year (with intervals)", lambda: stats.exit_rates(pop, by=BY), n
    )
    if importlib.util.find_spec("pandas"):
        print(
            f"  ratio parcours_table + to_pandas / tables.to_pandas: {(t_build + t_pd) / t_old:.2f}"
        )
    if importlib.util.find_spec("polars"):
        ratio = (t_build + t_pl) / t_old_pl
        print(f"  ratio parcours_table + to_polars / tables.to_polars: {ratio:.2f}")


def part_two(n: int, workers: int) -> None:
    import distributed

    k = workers * 4
    sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]
    t0 = time.perf_counter()
    serial = [partition(size, seed=i) for i, size in enumerate(sizes)]
    one = time.perf_counter() - t0
    counts = serial[0][0].merge(*(c for c, _ in serial[1:]))
    print(f"one process, {k} partitions (build + check + counts) {one:8.2f} s")
    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.run(sys.path.insert, 0, str(Path(__file__).resolve().parent))
        t0 = time.perf_counter()
        futures = client.map(partition, sizes, range(k), pure=False)
        results = client.gather(futures)
        many = time.perf_counter() - t0
    merged = results[0][0].merge(*(c for c, _ in results[1:]))
    same = merged.rates() == counts.rates() and [f for _, f in results] == [f for _, f in serial]
    print(f"dask, {workers} worker processes, {k} partitions        {many:8.2f} s")
    print(f"  speed-up {one / many:.2f}x; merged result equal to one process: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400_000, help="number of parcours")
    parser.add_argument("--quick", action="store_true", help="20,000 parcours (smoke run)")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes")
    parser.add_argument("--no-dask", action="store_true", help="skip part 2")
    args = parser.parse_args()
    n = 20_000 if args.quick else args.n
    print(f"{machine()}; {n:,} parcours")
    part_one(n)
    if not args.no_dask and importlib.util.find_spec("distributed"):
        part_two(n, args.workers)


if __name__ == "__main__":
    main()

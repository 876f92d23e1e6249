"""Benchmark: `planning.deadlines` over the national year of parcours, next to `check`.

    PYTHONPATH=src python benchmarks/planning.py            # 400,000 parcours
    PYTHONPATH=src python benchmarks/planning.py --quick    # 20,000 parcours
    PYTHONPATH=src python benchmarks/planning.py -n 100000

The population is `benchmarks/parcours.py`'s generator (same seed). Both `check` and
`deadlines` (90 days) are timed in the same process on the same parcours, back to back,
in interleaved rounds (``--rounds``, 3 by default) with the collector on; the figures are
the medians of the process's CPU time (`time.process_time`: on a shared machine the wall
time also counts the other processes' turns), the ratio the median of the rounds' ratios.
The goal is a ratio deadlines / check of at most 1. Reading every message afterwards
(they are rendered when read) is timed apart.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parent))

import parcours as national
from iae_core import planning
from iae_core.checks import check

ON = pendulum.date(2025, 9, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400_000, help="number of parcours")
    parser.add_argument("--quick", action="store_true", help="20,000 parcours (smoke run)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    args = parser.parse_args()
    n = 20_000 if args.quick else args.n
    print(f"CPython {platform.python_version()}, {platform.machine()}, n={n:,}, on={ON}")
    t0 = time.perf_counter()
    population = national.generate(n)
    print(f"generate: {time.perf_counter() - t0:.1f} s")
    checks: list[float] = []
    plans: list[float] = []
    loads: list[float] = []
    for _ in range(args.rounds):
        loads.append(os.getloadavg()[0])
        t0 = time.process_time()
        errors = sum(len(check(p, on=ON).errors) for p in population)
        checks.append(time.process_time() - t0)
        t0 = time.process_time()
        found = planning.deadlines(population, on=ON, within_days=90)
        plans.append(time.process_time() - t0)
    t0 = time.process_time()
    chars = sum(len(d.message) for d in found)
    t_messages = time.process_time() - t0
    ratios = [p / c for p, c in zip(plans, checks, strict=True)]
    print(f"load average over the rounds: {min(loads):.2f}-{max(loads):.2f}")
    print(f"check: {statistics.median(checks):.2f} s CPU ({errors:,} errors)")
    print(f"deadlines (90 days): {statistics.median(plans):.2f} s CPU ({len(found):,} deadlines)")
    for code, count in sorted(Counter(d.code for d in found).items()):
        print(f"  {code:<40} {count:>9,}")
    print(f"reading every message afterwards: {t_messages:.2f} s CPU ({chars:,} characters)")
    spread = f"{min(ratios):.2f}-{max(ratios):.2f}"
    print(f"ratio deadlines / check: {statistics.median(ratios):.2f} (rounds: {spread})")


if __name__ == "__main__":
    main()

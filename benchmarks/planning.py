"""Benchmark: `planning.deadlines` over the national year of parcours, next to `check`.

    PYTHONPATH=src python benchmarks/planning.py            # 400,000 parcours
    PYTHONPATH=src python benchmarks/planning.py --quick    # 20,000 parcours
    PYTHONPATH=src python benchmarks/planning.py -n 100000

The population is `benchmarks/parcours.py`'s generator (same seed). Both `check` and
`deadlines` (90 days) are timed in the same process on the same parcours, back to back;
the goal is a ratio deadlines / check of at most 1.
"""

from __future__ import annotations

import argparse
import platform
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
    args = parser.parse_args()
    n = 20_000 if args.quick else args.n
    print(f"CPython {platform.python_version()}, {platform.machine()}, n={n:,}, on={ON}")
    t0 = time.perf_counter()
    population = national.generate(n)
    print(f"generate: {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    errors = sum(len(check(p, on=ON).errors) for p in population)
    t_check = time.perf_counter() - t0
    print(f"check: {t_check:.1f} s ({errors:,} errors)")
    t0 = time.perf_counter()
    found = planning.deadlines(population, on=ON, within_days=90)
    t_plan = time.perf_counter() - t0
    print(f"deadlines (90 days): {t_plan:.1f} s ({len(found):,} deadlines)")
    for code, count in sorted(Counter(d.code for d in found).items()):
        print(f"  {code:<40} {count:>9,}")
    print(f"ratio deadlines / check: {t_plan / t_check:.2f}")


if __name__ == "__main__":
    main()

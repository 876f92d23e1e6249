"""Peak memory of a national study: tables + exit rates + survival on one population.

    PYTHONPATH=src python benchmarks/memory.py            # 400,000 parcours
    PYTHONPATH=src python benchmarks/memory.py -n 100000

Linux only (it reads ``/proc/self/status``). The population is `benchmarks/parcours.py`'s
generator (same seed). The peak resident size (``VmHWM``) is read three times: after the
population is built (what the study starts from), then after `tables.parcours_table`,
`stats.exit_rates` (by kind and year) and `survival.durations_table` + `kaplan_meier`
(plain-Python engine) — the whole study, as a researcher runs it in one process. The goal
of issue 30 is the study's peak under 1 GB at 400,000 parcours; the population's own
share is printed beside it.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine
from iae_core import stats, survival, tables
from parcours import generate

KEY = b"benchmark-key"
ON = pendulum.date(2026, 1, 1)


def status(field: str) -> float:
    """A ``/proc/self/status`` size (``VmHWM``, ``VmRSS``), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400_000, help="number of parcours")
    args = parser.parse_args()
    print(f"{machine()}; {args.n:,} parcours; load average {os.getloadavg()[0]:.2f}")
    before = status("VmHWM")
    population = generate(args.n)
    gc.collect()
    print(f"population built: peak {status('VmHWM'):,.0f} MiB, now {status('VmRSS'):,.0f} MiB")
    t0 = time.process_time()
    table = tables.parcours_table(population, key=KEY)
    print(f"parcours_table: peak {status('VmHWM'):,.0f} MiB ({len(table):,} rows)")
    rates = stats.exit_rates(population, by=("kind", "year"))
    print(f"+ exit_rates: peak {status('VmHWM'):,.0f} MiB ({len(rates)} groups)")
    durations = survival.durations_table(population, on=ON, key=KEY)
    curves = survival.kaplan_meier(durations, engine="python")
    print(f"+ survival: peak {status('VmHWM'):,.0f} MiB ({type(curves).__name__})")
    cpu = time.process_time() - t0
    peak = status("VmHWM")
    print(
        f"study peak: {peak:,.0f} MiB (interpreter and imports: {before:,.0f} MiB); {cpu:.1f} s CPU"
    )


if __name__ == "__main__":
    main()

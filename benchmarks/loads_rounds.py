"""`loads` from JSON text against msgspec doing the same checks: interleaved rounds, medians.

    PYTHONPATH=src python benchmarks/loads_rounds.py               # 100,000 parcours, 5 rounds
    PYTHONPATH=src python benchmarks/loads_rounds.py --size 20000 --rounds 3
    PYTHONPATH=src python benchmarks/loads_rounds.py --profile     # + the top of a profile

The data and the msgspec reference are `benchmarks/load.py`'s (`make_data`, and
`benchmarks/msgspec_ref.py`: the same model as msgspec ``Struct`` types, the same checks in
``__post_init__``, collector on). Each round times `iae_core.serialization.loads` and
msgspec's typed decode once each, alternately, on the same text; the figures are the
medians of the process's CPU time, the ratio the median of the rounds' ratios. Issue 30's
goal: within 1.5x at 100,000 parcours. (`load.py` reports best-of runs with pydantic too;
this script only interleaves the two.)
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import msgspec_ref
from iae_core import Parcours
from iae_core.serialization import loads
from load import make_data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="number of parcours")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    parser.add_argument("--profile", action="store_true", help="print a profile of loads")
    args = parser.parse_args()
    text = json.dumps(make_data(args.size)).encode()
    print(f"{args.size:,} parcours, {len(text) / 1e6:.0f} MB of JSON, rounds={args.rounds}")
    ours: list[float] = []
    theirs: list[float] = []
    load_avg: list[float] = []
    for _ in range(args.rounds):
        load_avg.append(os.getloadavg()[0])
        t0 = time.process_time()
        loaded = loads(list[Parcours], text)
        ours.append(time.process_time() - t0)
        del loaded
        msgspec_ref.clear_cache()
        t0 = time.process_time()
        reference = msgspec_ref.from_json(text)
        theirs.append(time.process_time() - t0)
        del reference
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    print(f"load average over the rounds: {min(load_avg):.2f}-{max(load_avg):.2f}")
    print(f"loads: {statistics.median(ours):.2f} s CPU (median)")
    print(f"msgspec, same checks: {statistics.median(theirs):.2f} s CPU (median)")
    spread = f"{min(ratios):.2f}-{max(ratios):.2f}"
    print(f"ratio loads / msgspec: {statistics.median(ratios):.2f} (rounds: {spread})")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(loads, list[Parcours], text)
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()

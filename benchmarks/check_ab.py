"""``check(parcours)`` of two source trees on the same national-year population, and their findings.

    python benchmarks/check_ab.py --against /tmp/before/src            # 400,000 parcours
    python benchmarks/check_ab.py --against /tmp/before/src -n 100000

Each tree runs in its own interpreter (``PYTHONPATH=SRC``): it generates the population of
``benchmarks/parcours.py`` (same seed, so the same parcours), times the whole-parcours
check over all of it (garbage collector on, as a caller runs it; best of ``--repeat``) and
prints a SHA-256 of every finding (parcours index, code, severity, path, message,
reference, in order). The trees are run one after the other, ``--rounds`` times
interleaved; the speed-up is the ratio of the best times, and the run **fails** unless
the findings are the same to the last one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def worker(n: int, repeat: int) -> int:
    import pendulum

    import parcours as bench
    from iae_core.checks import check

    pop = bench.generate(n)
    on = pendulum.date(2026, 1, 1)
    check(pop[0], on=on)
    best = float("inf")
    reports: list[object] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        reports = [check(p, on=on) for p in pop]
        best = min(best, time.perf_counter() - t0)
    digest = hashlib.sha256()
    count = 0
    for i, report in enumerate(reports):
        for f in report:  # type: ignore[attr-defined]
            count += 1
            digest.update(
                repr((i, f.code, f.severity.value, f.path, f.message, f.reference)).encode()
            )
    print(json.dumps({"seconds": best, "findings": count, "sha256": digest.hexdigest()}))
    return 0


def run(src: str, n: int, repeat: int) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, str(HERE)])}
    argv = [sys.executable, __file__, "--worker", "-n", str(n), "--repeat", str(repeat)]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=400_000)
    parser.add_argument("--against", required=False, help="the other src tree")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per process")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.n, args.repeat)
    trees = {"this checkout": str(HERE.parent / "src")}
    if args.against:
        trees["against"] = args.against
    results: dict[str, list[dict[str, object]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, src in trees.items():
            results[name].append(run(src, args.n, args.repeat))
    print(f"{args.n:,} parcours; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    best = {}
    for name, got in results.items():
        best[name] = min(float(r["seconds"]) for r in got)  # type: ignore[arg-type]
        r = got[0]
        print(
            f"{name:<14} {trees[name]}: {best[name]:.2f} s ({args.n / best[name]:,.0f} parcours/s)"
            f", {r['findings']:,} findings, sha256 {str(r['sha256'])[:16]}…"
        )
    if args.against:
        print(f"speed-up: {best['against'] / best['this checkout']:.2f}x")
        digests = {str(r["sha256"]) for got in results.values() for r in got}
        if len(digests) != 1:
            print("FINDINGS DIFFER")
            return 1
        print("same findings, to the last one")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: past one machine — partition files checked and counted in one process and on a
LocalCluster of worker processes, in the same run (issue 29).

    PYTHONPATH=src python benchmarks/dask.py             # 400,000 parcours
    PYTHONPATH=src python benchmarks/dask.py --quick     # 20,000 parcours (smoke run)
    PYTHONPATH=src python benchmarks/dask.py -n 100000 --workers 2

1. ``benchmarks/parcours.py``'s seeded generator builds the population, and
   ``partitions.write`` lays it out as partition files (one JSON Lines file per département
   and entry year) in a temporary folder; the population is then dropped: from here on
   everything is read from the files.
2. **One process**: ``partitions.count`` of every file (read, load, check as of a day, count
   findings and exits), merged with ``partitions.merge_all``.
3. **Cluster**: a LocalCluster of ``--workers`` processes (one thread each, dashboard on a
   free port), each file's path given to ``client.map(partitions.count, …)``, the counts
   gathered and merged on the client. The two answers must be equal (the script stops
   otherwise).

Both are warmed first (one small file counted in this process, and on every worker), so the
timed runs compare the work, not the imports; the cluster's start is timed apart. The ratio
cluster / one process is printed, with what limits it: the split of one process's time into
reading, parsing, loading, checking and counting (on a sample of files), and the cluster's
task stream (how busy the workers were, the tail where one worker waits for the other).
The figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# This file is named dask.py: its folder must not come before the dask package on the path,
# here or in the workers (which start with this process's path).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _phases(files: list[Path], on: Any, by: Any) -> dict[str, float]:
    """One process's time on ``files``, split by step (the same steps as partitions.count)."""
    import msgspec

    from iae_core import stats
    from iae_core.checks import check
    from iae_core.parcours import Parcours
    from iae_core.serialization import loads

    spent = dict.fromkeys(("read", "parse (line check)", "load", "check", "exit counts"), 0.0)
    decode = msgspec.json.Decoder().decode
    for f in files:
        t0 = time.perf_counter()
        lines = f.read_bytes().split(b"\n")[:-1]
        t1 = time.perf_counter()
        for line in lines:
            decode(line)
        t2 = time.perf_counter()
        pop = loads(list[Parcours], b"[" + b",".join(lines) + b"]")
        t3 = time.perf_counter()
        for p in pop:
            check(p, on=on)
        t4 = time.perf_counter()
        stats.exit_counts(pop, by=by)
        t5 = time.perf_counter()
        for name, dt in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            spent[name] += dt
    return spent


def _task_stream(tasks: list[dict[str, Any]], wall: float, workers: int) -> str:
    """How busy the workers were during the timed cluster run."""
    by_worker: dict[str, list[tuple[float, float]]] = {}
    for t in tasks:
        for s in t.get("startstops", ()):
            if s.get("action") == "compute":
                by_worker.setdefault(t["worker"], []).append((s["start"], s["stop"]))
    if not by_worker:
        return "no task stream"
    busy = {w: sum(b - a for a, b in spans) for w, spans in by_worker.items()}
    ends = sorted(max(b for _, b in spans) for spans in by_worker.values())
    tail = ends[-1] - ends[0] if len(ends) > 1 else 0.0
    use = sum(busy.values()) / (workers * wall) if wall else 0.0
    return (
        f"tasks {sum(len(s) for s in by_worker.values())}, computing "
        + ", ".join(f"{v:.1f} s" for v in sorted(busy.values(), reverse=True))
        + f" per worker; tail {tail:.1f} s (a worker done, another still computing);"
        f" computing {use:.0%} of {workers} workers × wall"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400_000, help="parcours (default 400,000)")
    parser.add_argument("--quick", action="store_true", help="20,000 parcours")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=20, help="files in the phase split")
    args = parser.parse_args()
    n = 20_000 if args.quick else args.n

    import distributed
    import pendulum

    from iae_core import partitions

    sys.path.append(str(HERE))  # after the packages: dask is the package, not this file
    machine = importlib.import_module("_common").machine
    generate = importlib.import_module("parcours").generate

    on, by = pendulum.date(2026, 1, 1), ("kind", "year")
    print(f"{machine()}; load average {_load()}")
    with tempfile.TemporaryDirectory(prefix="iae-panel-") as tmp:
        t0 = time.perf_counter()
        pop = generate(n, seed=2026)
        t1 = time.perf_counter()
        files = partitions.write(pop, tmp, include=partitions.SENSITIVE)
        t2 = time.perf_counter()
        del pop
        size = sum(f.stat().st_size for f in files)
        print(
            f"generate {n:,} parcours {t1 - t0:.1f} s; write {len(files)} files "
            f"({size / 1e6:.0f} MB) {t2 - t1:.1f} s"
        )
        # largest first: the last tasks are short, so no worker waits long at the end
        files.sort(key=lambda f: f.stat().st_size, reverse=True)
        smallest = files[-1]

        partitions.count(smallest, on=on, by=by)  # warm: imports, converter hooks
        t0, c0 = time.perf_counter(), time.process_time()
        single = partitions.merge_all(partitions.count(f, on=on, by=by) for f in files)
        one, one_cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"one process      {one:8.2f} s   {n / one:>10,.0f} parcours/s"
            f"   (CPU {one_cpu:.2f} s: {one_cpu / one:.0%} of a core)"
        )

        t0 = time.perf_counter()
        with (
            distributed.LocalCluster(
                n_workers=args.workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=":0",
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            client.run(partitions.count, str(smallest), on=on, by=by)  # warm every worker
            start = time.perf_counter() - t0
            cpu = client.run(time.process_time)
            with distributed.get_task_stream(client) as stream:
                t0, c0 = time.perf_counter(), time.process_time()
                futures = client.map(partitions.count, [str(f) for f in files], on=on, by=by)
                total = partitions.merge_all(client.gather(futures))
                wall, client_cpu = time.perf_counter() - t0, time.process_time() - c0
            tasks = stream.data
            after = client.run(time.process_time)
            per_worker = sorted((after[w] - cpu[w] for w in cpu), reverse=True)
            workers_cpu = sum(per_worker)
        print(
            f"cluster          {wall:8.2f} s   {n / wall:>10,.0f} parcours/s"
            f"   ({args.workers} workers; start and warm-up {start:.1f} s more)"
        )
        print(
            f"  CPU: workers {workers_cpu:.2f} s ({workers_cpu / wall:.2f} cores of"
            f" {args.workers}), client and scheduler {client_cpu:.2f} s;"
            f" one process {one_cpu:.2f} s"
        )
        print(
            "  per worker: "
            + ", ".join(f"{c:.2f} s" for c in per_worker)
            + f" of CPU; with a free core each, the ratio would be about"
            f" {per_worker[0] / one_cpu:.2f} (busiest worker's CPU / one process's CPU)"
        )
        same = total == single
        print(
            f"ratio cluster / one process: {wall / one:.2f}"
            f" (with the start: {(wall + start) / one:.2f}); same counts: {same}"
        )
        print(
            f"  {total.files} partitions, {total.parcours:,} parcours, "
            f"{sum(total.findings.values()):,} findings, {total.with_errors:,} with an error"
        )
        print(f"  cluster: {_task_stream(tasks, wall, args.workers)}")
        sample = files[:: max(1, len(files) // args.sample)][: args.sample]
        spent = _phases(sample, on, by)
        whole = sum(spent.values())
        print(
            f"  one process, split on {len(sample)} files: "
            + ", ".join(f"{k} {v / whole:.0%}" for k, v in spent.items())
        )
        print(f"load average at the end {_load()}")
        if not same:
            sys.exit("the cluster's counts differ from one process's")


if __name__ == "__main__":
    main()

"""Benchmark: check 100,000 generated PASS IAE with their suspensions and prolongations.

Run: ``python benchmarks/approvals.py`` (``--quick`` for a smoke run of 5,000).
Approvals are generated with ``random`` (seeded), lawful or slightly off, with 0-3
suspensions and 0-3 prolongations; the script times ``Approval.end``, ``state``,
``remaining_days`` and the full ``check_approval``, and the commands on a sample.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import time

import pendulum

from iae_core.approvals import Approval, Prolongation, Suspension, check_approval
from iae_core.enums import ProlongationReason, StructureKind, SuspensionReason
from iae_core.errors import RuleViolation

KINDS = [StructureKind.ACI, StructureKind.AI, StructureKind.EI, StructureKind.ETTI,
         StructureKind.EITI]  # fmt: skip
S_REASONS = [r for r in SuspensionReason if not r.is_legacy]
P_REASONS = [
    ProlongationReason.RQTH,
    ProlongationReason.SENIOR,
    ProlongationReason.COMPLETE_TRAINING,
    ProlongationReason.SENIOR_CDI,
]
TRAINING = ProlongationReason.COMPLETE_TRAINING
BASE = pendulum.date(2021, 9, 1).toordinal()


def generate(n: int, seed: int = 7) -> list[tuple[Approval, StructureKind, pendulum.Date]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        start = pendulum.Date.fromordinal(BASE + rng.randrange(0, 3650))
        a = Approval(number=f"99999{i:07d}", start=start)
        end = a.end
        free = start
        suspensions, prolongations = [], []
        last_step = start
        for _ in range(rng.randrange(0, 4)):
            if free > end:
                break
            first = pendulum.Date.fromordinal(rng.randint(free.toordinal(), end.toordinal()))
            last = first.add(days=rng.randrange(0, 400))
            suspensions.append(Suspension(start=first, end=last, reason=rng.choice(S_REASONS)))
            end = end.add(days=(last - first).days)
            free = last.add(days=1)
            last_step = max(last_step, first)
        for _ in range(rng.randrange(0, 4)):
            length = rng.randrange(1, 400)  # sometimes above the per-request cap
            p = Prolongation(start=end, end=end.add(days=length), reason=rng.choice(P_REASONS),
                             validated_by=rng.choice([None, "prescripteur"]))  # fmt: skip
            prolongations.append(p)
            end = p.end
        a = Approval(number=a.number, start=start, suspensions=tuple(suspensions),
                     prolongations=tuple(prolongations))  # fmt: skip
        on = pendulum.Date.fromordinal(last_step.toordinal() + rng.randrange(0, 900))
        out.append((a, rng.choice(KINDS), on))
    return out


def timed(label: str, n: int, fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    dt = time.perf_counter() - t0
    print(f"{label:<42} {dt:8.3f} s  {n / dt:>12,.0f} /s")
    return dt


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("-n", type=int, default=100_000)
    args = parser.parse_args()
    n = 5_000 if args.quick else args.n
    t0 = time.perf_counter()
    cases = generate(n)
    print(f"generated {n:,} approvals in {time.perf_counter() - t0:.2f} s "
          f"({sum(len(a.suspensions) for a, _, _ in cases):,} suspensions, "
          f"{sum(len(a.prolongations) for a, _, _ in cases):,} prolongations)")  # fmt: skip
    timed("Approval.end", n, lambda: [a.end for a, _, _ in cases])
    timed("Approval.state(on)", n, lambda: [a.state(on) for a, _, on in cases])
    timed("Approval.remaining_days(on)", n, lambda: [a.remaining_days(on) for a, _, on in cases])
    reports = []
    dt = timed(
        "check_approval (full)",
        n,
        lambda: reports.extend(check_approval(a, on=on, structure_kind=k) for a, k, on in cases),
    )
    bad = sum(1 for r in reports if not r.ok)
    print(f"  -> {bad:,} approvals with errors, {sum(len(r) for r in reports):,} findings; "
          f"{dt / n * 1e6:.1f} µs per approval")  # fmt: skip
    sample = cases[: n // 10]

    def commands() -> None:
        for a, k, _ in sample:
            e = a.end
            p = Prolongation(start=e, end=e.add(days=30), reason=TRAINING)
            with contextlib.suppress(RuleViolation):  # refusals are part of the workload
                a.prolong(p, on=e, structure_kind=k)

    timed("Approval.prolong (command)", len(sample), commands)


if __name__ == "__main__":
    main()

"""Benchmark: contract rule checks per second over generated contracts.

Run::

    /work/venv/bin/python benchmarks/contracts.py          # 100,000 contracts
    /work/venv/bin/python benchmarks/contracts.py --quick  # 5,000, a few seconds

Contracts are drawn with a seeded ``random.Random`` (not hypothesis: generation must not
dominate): every structure kind, CDDI with 0–4 renewals (some past 24 months with a
ground), missions, CDI inclusion, PMSMP (0–3, some renewed), AI placements (0–6), hour
derogations; most of them break at least one rule (the figures print how many). Each
check gets a person, a parcours start and a PASS IAE, as a whole-parcours check would.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from typing import Any

import pendulum

import iae_core as I  # noqa: N812
from iae_core.contracts import PrefectWaiver, check_contract

HOSTS = ["73282932000074", "55208131766522", "44306184100047", "35600000000048"]
KINDS: dict[str, list[str]] = {
    "ACI": ["CDDI"] * 6 + ["CDI_INCLUSION", "OTHER"],
    "EI": ["CDDI"] * 6 + ["CDI_INCLUSION", "PROFESSIONALISATION"],
    "AI": ["CDDI", "CDD_USAGE", "CDD_USAGE", "CDI_INCLUSION"],
    "ETTI": ["MISSION"] * 5 + ["CDI_INCLUSION"],
    "EITI": ["COMMERCIAL"],
    "GEIQ": ["PROFESSIONALISATION", "OTHER"],
}
WEIGHTS = {"ACI": 30, "EI": 20, "AI": 20, "ETTI": 20, "EITI": 5, "GEIQ": 5}
BASE = pendulum.date(2021, 1, 1)


def _contract(rnd: random.Random) -> tuple[I.Contract, dict[str, Any]]:
    sk = rnd.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    kind = rnd.choice(KINDS[sk])
    start = BASE.add(days=rnd.randrange(0, 3650))
    end: pendulum.Date | None = start.add(days=rnd.randrange(60, 800))
    if kind == "CDI_INCLUSION" and rnd.random() < 0.7:
        end = None
    renewals = []
    if end is not None and kind in ("CDDI", "MISSION"):
        last = end
        for _ in range(rnd.randrange(0, 5)):
            last = last.add(days=rnd.randrange(30, 240))
            ground = rnd.choice(
                [None, None, None, "TRAINING", "AGE_50", "RQTH", "PARTICULAR_DIFFICULTIES"]
            )
            training_end = last.add(days=rnd.randrange(-20, 60)) if ground == "TRAINING" else None
            renewals.append(I.Renewal(end=last, ground=ground, training_end=training_end))
        rnd.shuffle(renewals)
    horizon = max([end or start.add(days=900), *(r.end for r in renewals)])
    span = (horizon - start).in_days()
    immersions = []
    for _ in range(rnd.randrange(0, 4)):
        s = start.add(days=rnd.randrange(0, span + 1))
        host = rnd.choice(HOSTS)
        immersions.append(
            I.Immersion(start=s, end=s.add(days=rnd.randrange(0, 35)), host_siret=host)
        )
        if rnd.random() < 0.3:
            s2 = s.add(days=rnd.randrange(20, 40))
            immersions.append(
                I.Immersion(
                    start=s2, end=s2.add(days=rnd.randrange(0, 35)), host_siret=host, renewal_of=s
                )
            )
    placements = []
    if sk == "AI":
        for _ in range(rnd.randrange(0, 7)):
            s = start.add(days=rnd.randrange(0, span + 1))
            placements.append(
                I.Placement(
                    start=s,
                    end=s.add(days=rnd.randrange(0, 30)),
                    hours=float(rnd.randrange(0, 200)),
                    host=rnd.choice(["EMPLOYER", "EMPLOYER", "PRIVATE_INDIVIDUAL", "NON_PROFIT"]),
                )
            )
    derogations = []
    hours = float(rnd.choice([35, 35, 26, 24, 20, 20, 15, 12, 40]))
    if hours < 20 and rnd.random() < 0.8:
        s = start.add(days=rnd.randrange(0, 150))
        derogations.append(
            I.HoursDerogation(
                kind=rnd.choice(["CUMUL", "SEVERE_DIFFICULTIES"]),
                start=s,
                end=s.add(days=rnd.randrange(30, 400)),
            )
        )
    contract = I.Contract(
        kind=kind,
        structure_kind=sk,
        start=start,
        end=end,
        weekly_hours=hours,
        renewals=renewals,
        derogations=derogations,
        immersions=immersions,
        placements=placements,
        trial_period_days=rnd.choice([0, 0, 2, 5, 14, 20, 31]),
    )
    parcours_start = start.subtract(days=rnd.randrange(0, 500))
    context = {
        "person": I.Person(
            id="p",
            birth_date=start.subtract(days=rnd.randrange(18 * 365, 64 * 365)),
            rqth=rnd.random() < 0.2,
        ),
        "parcours_start": parcours_start,
        "approval": I.Approval(number="999990000001", start=parcours_start),
        "prefect_waiver": (
            PrefectWaiver(start=start, end=start.add(years=3))
            if sk == "AI" and rnd.random() < 0.1
            else None
        ),
    }
    return contract, context


def main() -> None:
    """Generate the contracts, then time ``check_contract`` and ``check`` over them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="5,000 contracts, 1 round")
    parser.add_argument("-n", type=int, default=None, help="number of contracts")
    args = parser.parse_args()
    n = args.n or (5_000 if args.quick else 100_000)
    rounds = 1 if args.quick else 3
    rnd = random.Random(20261123)
    t0 = time.perf_counter()
    cases = [_contract(rnd) for _ in range(n)]
    gen = time.perf_counter() - t0
    on = pendulum.date(2026, 11, 23)
    items = sum(len(c.renewals) + len(c.immersions) + len(c.placements) for c, _ in cases)
    print(
        f"python {platform.python_version()} on {platform.machine()}; {n:,} contracts "
        f"({items:,} renewals+immersions+placements) generated in {gen:.1f} s"
    )
    for label, fn in (("check_contract", check_contract), ("iae_core.check", I.check)):
        times = []
        findings = 0
        for _ in range(rounds):
            t0 = time.perf_counter()
            findings = sum(len(fn(c, on=on, **ctx)) for c, ctx in cases)
            times.append(time.perf_counter() - t0)
        best = min(times)
        print(
            f"{label:>15}: {n / best:>10,.0f} checks/s (best of {rounds}; median "
            f"{n / statistics.median(times):,.0f}/s); {findings:,} findings, "
            f"{sum(1 for c, ctx in cases if not fn(c, on=on, **ctx).ok):,} contracts with errors"
        )


if __name__ == "__main__":
    main()

"""Benchmark: a national year of parcours — generation, exit checks, stats, exports.

    /work/venv/bin/python benchmarks/parcours.py            # 400,000 parcours
    /work/venv/bin/python benchmarks/parcours.py --quick    # 20,000 parcours
    /work/venv/bin/python benchmarks/parcours.py -n 100000

The population is generated with a seeded ``random.Random`` (realistic shares: about 40 %
ACI, 25 % AI, 15 % EI, 15 % ETTI, 5 % EITI; 1 to 3 successive contracts; AI placements;
about 70 % exited with a realistic mix of exit reasons; a prescriber diagnosis and a PASS
IAE starting with the first contract). ``check`` on a Parcours is timed
only when a checker for ``Parcours`` is registered when the script runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import random
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pendulum

import iae_core as iae
from iae_core import exits, funding, stats, tables
from iae_core.checks import check

KINDS = [("ACI", 0.40), ("AI", 0.25), ("EI", 0.15), ("ETTI", 0.15), ("EITI", 0.05)]
CONTRACT = {"ACI": "CDDI", "EI": "CDDI", "AI": "CDDI", "ETTI": "MISSION", "EITI": "COMMERCIAL"}
EXITS = [
    ("CDI", 8),
    ("CDD_6_MONTHS_OR_MORE", 7),
    ("MISSION_6_MONTHS_OR_MORE", 2),
    ("CIVIL_SERVICE", 1),
    ("BUSINESS_CREATION", 1),
    ("CDD_UNDER_6_MONTHS", 12),
    ("MISSION_UNDER_6_MONTHS", 6),
    ("SUBSIDISED_CONTRACT", 4),
    ("QUALIFYING_TRAINING", 9),
    ("OTHER_SIAE", 4),
    ("JOB_SEEKING", 30),
    ("INACTIVE", 6),
    ("UNKNOWN", 5),
    ("DEATH", 0.3),
    ("LONG_ILLNESS", 2),
    ("MOVED_AWAY", 2),
    ("INCARCERATION", 0.5),
    ("RETIREMENT", 0.5),
]
CRITERIA = ["RSA", "ASS", "DETLD", "QPV", "CAP_BEP", "PM", "FLE"]
DEPARTMENTS = [f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B", "971", "974", "976"]


def _siret(rng: random.Random) -> str:
    from stdnum import luhn

    siren = str(rng.randrange(10_000_000, 99_999_999))
    siren += str(luhn.calc_check_digit(siren))
    body = siren + f"{rng.randrange(10_000):04d}"
    return body + str(luhn.calc_check_digit(body))


def generate(n: int, *, seed: int = 2026) -> list[iae.Parcours]:
    """``n`` realistic parcours starting in 2024-2025 (seeded)."""
    rng = random.Random(seed)
    n_structures = max(10, n // 100)
    kinds = [k for k, _ in KINDS]
    kind_weights = [w for _, w in KINDS]
    structures = [
        iae.Structure(
            siret=_siret(rng),
            kind=rng.choices(kinds, kind_weights)[0],
            name=f"Structure {i}",
            department=rng.choice(DEPARTMENTS),
            conventioned_fte=float(rng.randint(3, 60)),
        )
        for i in range(n_structures)
    ]
    exit_kinds = [k for k, _ in EXITS]
    exit_weights = [w for _, w in EXITS]
    base = pendulum.date(2024, 1, 1)
    out = []
    for i in range(n):
        s = structures[rng.randrange(n_structures)]
        kind = s.kind.value
        day = base.add(days=rng.randrange(600))
        contracts = []
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            if kind == "ETTI":
                end = day.add(days=rng.randint(7, 180))
                hours = float(rng.randint(7, 35))
            else:
                end = day.add(months=rng.randint(4, 12)).subtract(days=1)
                hours = float(rng.randint(20, 35))
            placements: tuple[iae.Placement, ...] = ()
            if kind == "AI" and rng.random() < 0.6:
                placements = tuple(
                    iae.Placement(
                        start=day.add(days=20 * j),
                        end=day.add(days=20 * j + rng.randint(0, 15)),
                        hours=float(rng.randint(4, 120)),
                        host=rng.choice(("EMPLOYER", "PRIVATE_INDIVIDUAL", "NON_PROFIT")),
                    )
                    for j in range(rng.randint(1, 4))
                )
            contracts.append(
                iae.Contract(
                    kind=CONTRACT[kind],
                    structure_kind=kind,
                    start=day,
                    end=end,
                    weekly_hours=hours,
                    placements=placements,
                )
            )
            day = end.add(days=rng.randint(1, 45))
        last = contracts[-1].end
        assert last is not None
        ex = None
        if rng.random() < 0.7:
            on = last.subtract(days=rng.randint(0, 60))
            ex = iae.Exit(
                on=max(on, contracts[0].start), kind=rng.choices(exit_kinds, exit_weights)[0]
            )
        first = contracts[0].start
        out.append(
            iae.Parcours(
                diagnosis=iae.EligibilityDiagnosis(
                    author="PRESCRIBER",
                    made_on=first.subtract(days=rng.randint(1, 90)),
                    criteria=frozenset(rng.sample(CRITERIA, rng.randint(1, 3))),
                ),
                approval=iae.Approval(number=f"99999{i:07d}", start=first),
                person=iae.Person(
                    id=f"p{i}",
                    birth_date=pendulum.date(rng.randint(1960, 2004), 1, 1).add(
                        days=rng.randrange(365)
                    ),
                ),
                structure=s,
                contracts=tuple(contracts),
                exit=ex,
            )
        )
    return out


def timed(label: str, fn: Callable[[], Any], n: int) -> Any:
    t0 = time.perf_counter()
    result = fn()
    dt = time.perf_counter() - t0
    rate = n / dt if dt else float("inf")
    print(f"{label:<44} {dt:8.2f} s   {rate:>12,.0f} parcours/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400_000, help="number of parcours")
    parser.add_argument("--quick", action="store_true", help="20,000 parcours (smoke run)")
    args = parser.parse_args()
    n = 20_000 if args.quick else args.n
    on = pendulum.date(2026, 1, 1)
    print(f"python {platform.python_version()}, {n:,} parcours")

    pop = timed("generate (seeded random)", lambda: generate(n), n)
    timed("exits.exit_counted (each)", lambda: sum(exits.exit_counted(p) for p in pop), n)
    timed("exits.check_exit (each)", lambda: [exits.check_exit(p, on=on) for p in pop], n)
    try:
        check(pop[0], on=on)
        registered = True
    except TypeError:
        registered = False
    if registered:
        reports = timed(
            "check(parcours) (whole-parcours check)", lambda: [check(p, on=on) for p in pop], n
        )
        codes = Counter(f.code for r in reports for f in r)
        print(f"  findings: {sum(codes.values()):,}; most common: {codes.most_common(6)}")
    else:
        print("check(parcours): no checker registered for Parcours yet — skipped")

    (total,) = timed("stats.exit_rates (one group)", lambda: stats.exit_rates(pop), n)
    timed("stats.exit_rates by kind", lambda: stats.exit_rates(pop, by="kind"), n)
    rows = timed(
        "stats.exit_rates by department, year",
        lambda: stats.exit_rates(pop, by=("department", "year")),
        n,
    )
    timed("stats.exit_rates by structure", lambda: stats.exit_rates(pop, by="structure"), n)
    print(
        f"  exits {total.exits:,}, counted {total.counted:,}, withdrawn {total.withdrawn:,}, "
        f"not counted {total.not_counted:,}; dynamic {total.dynamic_rate:.1%}, "
        f"sustainable {total.sustainable_rate:.1%}; {len(rows)} department×year groups"
    )
    year = (pendulum.date(2025, 1, 1), pendulum.date(2025, 12, 31))
    timed(
        "funding.fte_consumed over 2025 (all)",
        lambda: funding.fte_consumed(pop, kind="ACI", period=year),
        n,
    )
    timed("tables.to_records (pseudonymised)", lambda: tables.to_records(pop, key=b"k"), n)
    if importlib.util.find_spec("polars"):
        timed("tables.to_polars", lambda: tables.to_polars(pop, key=b"k"), n)
    if importlib.util.find_spec("pandas"):
        timed("tables.to_pandas", lambda: tables.to_pandas(pop, key=b"k"), n)


if __name__ == "__main__":
    main()

"""A seeded synthetic territory, for the demo and for examples.

``python -m iae_core demo`` builds a small territory (structures of every SIAE kind,
people with diagnoses, PASS IAE and contracts) and prints it with its findings. Everything
is generated: no real person or company is involved (SIRETs and NIRs are valid numbers
drawn at random).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

import attrs
import pendulum

from iae_core.approvals import Approval
from iae_core.checks import Report, check
from iae_core.contracts import Contract
from iae_core.eligibility import EligibilityDiagnosis
from iae_core.enums import AuthorKind, ContractKind, Criterion, StructureKind
from iae_core.parcours import Parcours
from iae_core.people import Person, Structure

__all__ = ["Territory", "build_territory", "main", "random_nir", "random_siret"]

_DEPARTMENTS = ("59", "62", "80", "02", "60")


def _luhn_key(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits + "0")):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def random_siret(rng: random.Random) -> str:
    """A random checksum-valid SIRET."""
    siren = str(rng.randint(10_000_000, 99_999_999))
    siren += _luhn_key(siren)
    body = siren + f"{rng.randint(0, 9999):04d}"
    return body + _luhn_key(body)


def random_nir(rng: random.Random, birth: pendulum.Date, department: str) -> str:
    """A random valid NIR consistent with a birth date and department."""
    body = (
        f"{rng.choice('12')}{birth.year % 100:02d}{birth.month:02d}{department}"
        f"{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    )
    return f"{body}{97 - int(body) % 97:02d}"


@attrs.frozen(kw_only=True)
class Territory:
    """A synthetic territory: its structures and the parcours in them."""

    seed: int
    on: pendulum.Date
    structures: tuple[Structure, ...]
    parcours: tuple[Parcours, ...]


_CONTRACT_FOR = {
    StructureKind.ACI: ContractKind.CDDI,
    StructureKind.EI: ContractKind.CDDI,
    StructureKind.AI: ContractKind.CDDI,
    StructureKind.ETTI: ContractKind.MISSION,
    StructureKind.EITI: ContractKind.COMMERCIAL,
}


def build_territory(
    *, seed: int = 1, people: int = 12, on: pendulum.Date | None = None
) -> Territory:
    """Build a seeded territory with one structure of each SIAE kind and ``people`` parcours."""
    rng = random.Random(seed)
    on = on or pendulum.date(2026, 11, 23)
    structures = tuple(
        Structure(
            siret=random_siret(rng),
            kind=kind,
            name=f"{kind.value} {name}",
            department=rng.choice(_DEPARTMENTS),
            conventioned_fte=float(rng.randint(5, 40)),
        )
        for kind, name in zip(
            _CONTRACT_FOR,
            ("Les Jardins", "Bâtir", "Services+", "Intérim Solidaire", "Indep"),
            strict=True,
        )
    )
    parcours = []
    for i in range(people):
        structure = rng.choice(structures)
        birth = pendulum.date(rng.randint(1962, 2004), rng.randint(1, 12), rng.randint(1, 28))
        person = Person(
            id=f"P{i + 1:04d}",
            birth_date=birth,
            nir=random_nir(rng, birth, structure.department),
            rqth=rng.random() < 0.1,
        )
        start = on.subtract(days=rng.randint(30, 900))
        diagnosis = EligibilityDiagnosis(
            author=rng.choice([AuthorKind.PRESCRIBER, AuthorKind.EMPLOYER]),
            made_on=start.subtract(days=rng.randint(0, 200)),
            criteria=frozenset(rng.sample(list(Criterion), rng.randint(0, 4))),
            author_siret=structure.siret,
        )
        approval = Approval(number=f"99999{rng.randint(0, 9_999_999):07d}", start=start)
        months = rng.choice([2, 4, 6, 12, 26])
        contract = Contract(
            kind=_CONTRACT_FOR[structure.kind],
            structure_kind=structure.kind,
            start=start,
            end=start.add(months=months).subtract(days=1),
            weekly_hours=rng.choice([15, 20, 26, 35, 40]),
        )
        parcours.append(
            Parcours(
                person=person,
                structure=structure,
                diagnosis=diagnosis,
                approval=approval,
                contracts=(contract,),
            )
        )
    return Territory(seed=seed, on=on, structures=structures, parcours=tuple(parcours))


def checked(territory: Territory) -> Iterator[tuple[Parcours, Report]]:
    """Each parcours with its findings as of the territory's date."""
    for p in territory.parcours:
        try:
            report = check(p, on=territory.on)
        except TypeError:  # no checker registered yet for this entity
            report = Report()
        yield p, report


def render(territory: Territory) -> str:
    """A plain-text rendering of the territory and its findings."""
    lines = [f"Territoire synthétique (graine {territory.seed}), au {territory.on.isoformat()}", ""]
    lines.append("Structures :")
    lines += [
        f"  {s.kind.value:<5} {s.name:<22} dép. {s.department}  SIRET {s.siret}"
        for s in territory.structures
    ]
    lines += ["", "Parcours :"]
    counts: Counter[str] = Counter()
    for p, report in checked(territory):
        c = p.contracts[0]
        lines.append(
            f"  {p.person.id}  {p.structure.kind.value:<5} {c.kind.value:<10} "
            f"{c.start.isoformat()} → {c.final_end.isoformat() if c.final_end else '…'}  "
            f"{c.weekly_hours:>4} h/sem.  PASS {p.approval.number if p.approval else '-'}"
        )
        for finding in report:
            counts[finding.code] += 1
            lines.append(f"      {finding}")
    lines += ["", "Constats par code :"]
    lines += [f"  {code}: {n}" for code, n in sorted(counts.items())] or ["  aucun"]
    return "\n".join(lines)


def main(*, seed: int = 1, size: int = 12, as_json: bool = False) -> int:
    """Run the demo: build the territory, print it (text, or JSON with ``as_json``)."""
    territory = build_territory(seed=seed, people=size)
    if as_json:
        import json

        from iae_core.serialization import dump

        counts: Counter[str] = Counter()
        for _, report in checked(territory):
            counts.update(f.code for f in report)
        doc = {
            "seed": seed,
            "on": territory.on.isoformat(),
            "structures": dump(territory.structures),
            "parcours": len(territory.parcours),
            "findings_by_code": dict(sorted(counts.items())),
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print(render(territory))
    return 0

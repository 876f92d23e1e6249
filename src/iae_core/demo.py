"""A seeded synthetic territory over three départements, for the demo and examples.

``python -m iae_core demo`` builds a territory (about 70 structures of every SIAE kind,
2,000 people in parcours with diagnoses, PASS IAE, contracts and exits, 200 partner
companies with open positions), then prints the findings by code, the exit rates by
structure kind, and a matching of the people looking for work to the open positions,
with the reasons for three of them.

Everything is generated: no real person or company is involved (SIRETs and NIRs are valid
numbers drawn at random). The generator deliberately puts a few mistakes in (a CDDI too
short, too few hours, a diagnosis with too few criteria…) so that the findings show.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, TypeVar

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel import progress as _progress
from iae_core._kernel.text import (
    WORDS,
    Lang,
    current_language,
    fmt_currency,
    fmt_date,
    fmt_number,
    fmt_percent,
    say,
)
from iae_core.approvals import Approval, Suspension
from iae_core.checks import Report, check
from iae_core.contracts import Contract, Placement, Renewal
from iae_core.dates import DayLike, as_day
from iae_core.eligibility import EligibilityDiagnosis
from iae_core.enums import (
    AuthorKind,
    ContractKind,
    Criterion,
    ExitKind,
    ExtensionGround,
    HostKind,
    StructureKind,
    SuspensionReason,
)
from iae_core.parcours import Exit, Parcours
from iae_core.people import Company, Person, Structure

__all__ = [
    "Territory",
    "Town",
    "build_territory",
    "main",
    "random_nir",
    "random_siret",
    "summarize",
]

T = TypeVar("T")

DEMO_DATE = pendulum.date(2026, 11, 23)
"""The date the demo checks as of (fixed, so that its output is reproducible)."""

_CENTRE = (50.45, 3.2)  # a box in the north of France
_DEPARTMENTS = ("59", "62", "80")
"""The territory's départements (Nord, Pas-de-Calais, Somme): a town's is drawn from its
longitude band, west to east 80, 62, 59 (a stylised map, so that cohorts and rates can be
compared by département)."""

# ROME domains per activity of a structure (a few codes each).
_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "espaces verts": ("A1203", "A1202", "A1414"),
    "bâtiment": ("F1703", "F1604", "F1606", "F1701"),
    "logistique": ("N1103", "N1105", "N4101"),
    "propreté": ("K2204", "K2201", "K2303"),
    "restauration": ("G1603", "G1602", "G1605"),
    "services à la personne": ("K1302", "K1304", "K1303"),
    "recyclage": ("K2304", "H3302", "N1103"),
}
_KIND_SHARE = (
    (StructureKind.ACI, 0.34),
    (StructureKind.EI, 0.2),
    (StructureKind.AI, 0.18),
    (StructureKind.ETTI, 0.18),
    (StructureKind.EITI, 0.1),
)
_EXIT_WEIGHTS = (
    (ExitKind.CDI, 10),
    (ExitKind.CDD_6_MONTHS_OR_MORE, 9),
    (ExitKind.MISSION_6_MONTHS_OR_MORE, 3),
    (ExitKind.CIVIL_SERVICE, 1),
    (ExitKind.BUSINESS_CREATION, 2),
    (ExitKind.CDD_UNDER_6_MONTHS, 10),
    (ExitKind.MISSION_UNDER_6_MONTHS, 6),
    (ExitKind.SUBSIDISED_CONTRACT, 4),
    (ExitKind.QUALIFYING_TRAINING, 7),
    (ExitKind.OTHER_SIAE, 4),
    (ExitKind.JOB_SEEKING, 30),
    (ExitKind.INACTIVE, 6),
    (ExitKind.UNKNOWN, 5),
    (ExitKind.LONG_ILLNESS, 2),
    (ExitKind.MOVED_AWAY, 2),
)
_HOLDS = ("permis_b", "caces", "habilitation_electrique", "haccp")


def _luhn_key(digits: str) -> str:
    from stdnum import luhn

    return str(luhn.calc_check_digit(digits))


def random_siret(rng: random.Random) -> str:
    """A random checksum-valid SIRET."""
    siren = str(rng.randint(10_000_000, 99_999_999))
    siren += _luhn_key(siren)
    body = siren + f"{rng.randint(0, 9999):04d}"
    return body + _luhn_key(body)


def random_nir(rng: random.Random, birth: pendulum.Date, department: str) -> str:
    """A random valid NIR consistent with a birth date and a department."""
    body = (
        f"{rng.choice('12')}{birth.year % 100:02d}{birth.month:02d}{department}"
        f"{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    )
    return f"{body}{97 - int(body) % 97:02d}"


@attrs.frozen(kw_only=True)
class Town:
    """A town of the synthetic territory."""

    name: str
    lat: float
    lon: float
    weight: float


@attrs.frozen(kw_only=True)
class Territory:
    """A synthetic territory.

    Attributes:
        seed: the random seed it was built from.
        on: the date it is checked as of.
        towns: its towns.
        structures: the SIAE, each with its activity (``activities[siret]``).
        parcours: one per person.
        companies: ordinary companies (partners of the structures).
        positions: open positions at those companies (``iae_core.matching.Position``).
        candidates: people looking for work (``iae_core.matching.Candidate``).
    """

    seed: int
    on: pendulum.Date
    towns: tuple[Town, ...]
    structures: tuple[Structure, ...]
    activities: dict[str, str]
    parcours: tuple[Parcours, ...]
    companies: tuple[Company, ...]
    positions: tuple[Any, ...]
    candidates: tuple[Any, ...]


# --- progress ------------------------------------------------------------------------------


def _track(items: Sequence[T], label: str, *, quiet: bool) -> Iterator[T]:
    """`items`, with a bar on a terminal while `main` runs (never in a pipe or `--json`)."""
    if quiet:
        yield from items
    else:
        yield from _progress.current().track(items, label)


# --- generation ----------------------------------------------------------------------------


def _towns(rng: random.Random, n: int) -> tuple[Town, ...]:
    lat0, lon0 = _CENTRE
    towns = []
    for i in range(n):
        weight = 1.0 / (i + 1) ** 0.9  # a few big towns, many small ones (Zipf-like)
        towns.append(
            Town(
                name=f"Ville-{i + 1:02d}",
                lat=round(lat0 + rng.uniform(-0.35, 0.35), 4),
                lon=round(lon0 + rng.uniform(-0.6, 0.6), 4),
                weight=weight,
            )
        )
    return tuple(towns)


def _department_of(town: Town) -> str:
    """The département of a town: its longitude band in the territory's box."""
    west = _CENTRE[1] - 0.6
    band = min(2, max(0, int((town.lon - west) / 0.4)))
    return _DEPARTMENTS[::-1][band]


def _pick_town(rng: random.Random, towns: Sequence[Town]) -> Town:
    return rng.choices(towns, weights=[t.weight for t in towns])[0]


def _jitter(rng: random.Random, town: Town, km: float = 3.0) -> tuple[float, float]:
    dlat = rng.uniform(-km, km) / 111.0
    dlon = rng.uniform(-km, km) / (111.0 * math.cos(math.radians(town.lat)))
    return round(town.lat + dlat, 5), round(town.lon + dlon, 5)


def _criteria(rng: random.Random, author: AuthorKind, kind: StructureKind) -> frozenset[Criterion]:
    level1: list[Criterion] = [c for c in Criterion if c.level == 1]
    level2: list[Criterion] = [
        c for c in Criterion if c.level == 2 and c not in (Criterion.SENIOR, Criterion.JEUNE)
    ]
    level2 = [c for c in level2 if c is not Criterion.DELD]  # DELD excludes DETLD
    if author is AuthorKind.PRESCRIBER:
        return frozenset(rng.sample(level1 + level2, rng.randint(0, 3)))
    if rng.random() < 0.45:
        return frozenset([rng.choice(level1), *rng.sample(level2, rng.randint(0, 2))])
    needed = kind.level2_criteria_required or 3
    # mostly enough level-2 criteria; now and then one short (a finding to show)
    count = needed if rng.random() < 0.92 else needed - 1
    return frozenset(rng.sample(level2, count))


def _contract(
    rng: random.Random, kind: StructureKind, person: Person, start: pendulum.Date
) -> Contract:
    age = person.age_on(start)
    if kind is StructureKind.ETTI:
        months = rng.choice([1, 2, 3, 6, 9, 12])
        return Contract(
            kind=ContractKind.MISSION,
            structure_kind=kind,
            start=start,
            end=dates.period_end(start, months),
            weekly_hours=rng.choice([20, 24, 28, 35]),
            trial_period_days=rng.choice([0, 2, 3]),
        )
    if kind is StructureKind.EITI:
        return Contract(
            kind=ContractKind.COMMERCIAL,
            structure_kind=kind,
            start=start,
            end=dates.period_end(start, rng.choice([6, 12, 24])),
            weekly_hours=rng.choice([10, 20, 30]),
        )
    if age >= 57 and rng.random() < 0.15:  # now and then too early (a finding)
        return Contract(
            kind=ContractKind.CDI_INCLUSION,
            structure_kind=kind,
            start=start,
            end=None,
            weekly_hours=rng.choice([24, 26, 35]),
        )
    # CDDI: usually 4 to 12 months, renewed up to 24; a few mistakes on purpose.
    months = rng.choices([4, 6, 8, 12, 3], weights=[30, 30, 15, 23, 2])[0]
    end = dates.period_end(start, months)
    renewals: list[Renewal] = []
    total = months
    while total < 24 and rng.random() < 0.45:
        step = rng.choice([4, 6, 8])
        if total + step > 24 and rng.random() < 0.8:
            step = 24 - total  # most stop at the 24-month limit
        total += step
        ground = None
        if total > 24:
            ground = ExtensionGround.AGE_50 if age >= 50 else None
        renewals.append(Renewal(end=dates.period_end(start, total), ground=ground))
    hours = rng.choices([20, 24, 26, 30, 35, 18, 39], weights=[15, 25, 30, 10, 15, 3, 2])[0]
    placements: tuple[Placement, ...] = ()
    if kind is StructureKind.AI:
        placements = _placements(rng, start, end)
    return Contract(
        kind=ContractKind.CDDI,
        structure_kind=kind,
        start=start,
        end=end,
        weekly_hours=hours,
        renewals=tuple(renewals),
        placements=placements,
        trial_period_days=min(rng.choice([0, 7, 14, 14, 30]), _trial_cap(start, end)),
    )


def _trial_cap(start: pendulum.Date, end: pendulum.Date) -> int:
    """The lawful CDDI trial period (L1242-10): 1 day a week, 2 weeks or 1 month at most."""
    weeks = ((end - start).in_days() + 1) // 7
    six_months = dates.period_end(start, 6)
    return min(weeks, 14 if end <= six_months else 30)


def _placements(
    rng: random.Random, start: pendulum.Date, end: pendulum.Date
) -> tuple[Placement, ...]:
    out = []
    day = start
    for _ in range(rng.randint(0, 5)):
        length = rng.randint(5, 60)
        stop = day.add(days=length)
        if stop > end:
            break
        out.append(
            Placement(
                start=day,
                end=stop,
                hours=float(rng.randint(20, 140)),
                host=rng.choice(list(HostKind)),
                host_siret=None,
            )
        )
        day = stop.add(days=rng.randint(1, 20))
    return tuple(out)


def _exit(rng: random.Random, contracts: Sequence[Contract], on: pendulum.Date) -> Exit | None:
    ends = [c.final_end for c in contracts]
    if any(e is None for e in ends):
        return None
    last = max(e for e in ends if e is not None)
    if last >= on:
        return None
    kind = rng.choices([k for k, _ in _EXIT_WEIGHTS], weights=[w for _, w in _EXIT_WEIGHTS])[0]
    return Exit(on=last, kind=kind)


def build_territory(
    *,
    seed: int = 1,
    people: int = 2000,
    structures: int | None = None,
    companies: int | None = None,
    on: DayLike = DEMO_DATE,
) -> Territory:
    """Build a seeded synthetic territory.

    Args:
        seed: random seed (the same seed gives the same territory).
        people: number of people in parcours (2,000 is a département).
        structures: number of structures (default: one per ~28 people, at least 5).
        companies: number of partner companies (default: one per 10 people, at least 3).
        on: the date the territory is seen as of.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    from iae_core.matching import Candidate, GeoPoint, Position

    rng = random.Random(seed)
    n_structures = structures if structures is not None else max(5, round(people / 28))
    n_companies = companies if companies is not None else max(3, round(people / 10))
    towns = _towns(rng, max(6, n_structures // 3))
    kinds = [k for k, _ in _KIND_SHARE]
    shares = [s for _, s in _KIND_SHARE]
    structure_list: list[Structure] = []
    activities: dict[str, str] = {}
    town_of: dict[str, Town] = {}
    for i in range(n_structures):
        kind = kinds[i] if i < len(kinds) else rng.choices(kinds, weights=shares)[0]
        activity = rng.choice(list(_ACTIVITIES))
        siret = random_siret(rng)
        name = f"{kind.value} {activity.capitalize()} n°{i + 1}"
        fte = float(rng.randint(4, 40))
        town = _pick_town(rng, towns)
        s = Structure(
            siret=siret,
            kind=kind,
            name=name,
            department=_department_of(town),
            conventioned_fte=fte,
        )
        structure_list.append(s)
        activities[s.siret] = activity
        town_of[s.siret] = town

    parcours_list: list[Parcours] = []
    candidates: list[Any] = []
    for i in _progress.current().track(range(people), say("demo.progress.building")):
        structure = rng.choice(structure_list)
        birth = pendulum.date(rng.randint(1962, 2006), rng.randint(1, 12), rng.randint(1, 28))
        person = Person(
            id=f"P{i + 1:05d}",
            birth_date=birth,
            nir=random_nir(rng, birth, structure.department),
            rqth=rng.random() < 0.08,
            under_justice_measure=rng.random() < 0.03,
        )
        start = on.subtract(days=rng.randint(20, 1000))
        author = AuthorKind.PRESCRIBER if rng.random() < 0.7 else AuthorKind.EMPLOYER
        diagnosis = EligibilityDiagnosis(
            author=author,
            made_on=start.subtract(days=rng.randint(0, 80)),
            criteria=_criteria(rng, author, structure.kind),
            author_siret=structure.siret if author is AuthorKind.EMPLOYER else None,
        )
        contracts = [_contract(rng, structure.kind, person, start)]
        if structure.kind is StructureKind.ETTI:
            nxt = contracts[-1].final_end
            while nxt is not None and nxt < on and rng.random() < 0.6:
                contracts.append(_contract(rng, structure.kind, person, nxt.add(days=1)))
                nxt = contracts[-1].final_end
        suspensions: tuple[Suspension, ...] = ()
        if rng.random() < 0.1:
            s_start = min(start.add(days=rng.randint(30, 200)), on.subtract(days=1))
            suspensions = (
                Suspension(
                    start=s_start,
                    end=s_start.add(days=rng.randint(15, 90)),
                    reason=SuspensionReason.CONTRACT_SUSPENDED,
                ),
            )
        approval = Approval(
            number=f"99999{rng.randint(0, 9_999_999):07d}", start=start, suspensions=suspensions
        )
        exit_ = _exit(rng, contracts, on)
        parcours_list.append(
            Parcours(
                person=person,
                structure=structure,
                diagnosis=diagnosis,
                approval=approval,
                contracts=tuple(contracts),
                exit=exit_,
            )
        )
        ends_soon = exit_ is None and any(
            c.final_end is not None and c.final_end <= on.add(months=3) for c in contracts
        )
        if (exit_ is not None and exit_.kind is ExitKind.JOB_SEEKING) or ends_soon:
            town = town_of[structure.siret]
            lat, lon = _jitter(rng, town, 6.0)
            low = rng.choice([0, 15, 20, 24])
            codes = _ACTIVITIES[activities[structure.siret]]
            candidates.append(
                Candidate(
                    id=person.id,
                    location=GeoPoint(lat=lat, lon=lon),
                    max_distance_km=float(rng.choice([10, 15, 25, 30, 40])),
                    rome_codes=tuple(rng.sample(codes, rng.randint(1, 2))),
                    weekly_hours_min=low,
                    weekly_hours_max=max(low, rng.choice([26, 30, 35])),
                    holds=frozenset(h for h in _HOLDS if rng.random() < 0.3),
                    priority=1 if exit_ is not None else 0,
                )
            )

    company_list: list[Company] = []
    positions: list[Any] = []
    all_codes = [c for codes in _ACTIVITIES.values() for c in codes]
    for i in range(n_companies):
        town = _pick_town(rng, towns)
        company = Company(
            siret=random_siret(rng),
            name=f"Entreprise {i + 1:03d}",
            department=_department_of(town),
            naf=rng.choice(["43.22A", "81.21Z", "52.29A", "56.10A", "88.10A", "38.32Z"]),
        )
        company_list.append(company)
        for j in range(rng.randint(1, 3)):
            lat, lon = _jitter(rng, town, 4.0)
            positions.append(
                Position(
                    id=f"E{i + 1:03d}-{j + 1}",
                    location=GeoPoint(lat=lat, lon=lon),
                    rome_code=rng.choice(all_codes),
                    weekly_hours=float(rng.choice([20, 24, 26, 30, 35])),
                    seats=rng.choice([1, 1, 1, 2, 3]),
                    requires=frozenset(h for h in _HOLDS if rng.random() < 0.12),
                    company_siret=company.siret,
                )
            )
    return Territory(
        seed=seed,
        on=on,
        towns=towns,
        structures=tuple(structure_list),
        activities=activities,
        parcours=tuple(parcours_list),
        companies=tuple(company_list),
        positions=tuple(positions),
        candidates=tuple(candidates),
    )


# --- the structures' economy and RSA orientations (issue 16) ------------------------------

_SUPPORTS = ("BUILDING", "LINEN_CARE", "RECYCLING", "GREEN_SPACES", "MARKET_GARDENING", "CATERING")


def economy_of(territory: Territory) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The ACI activities (with two years of accounts) and the RSA orientations.

    Derived from the territory with their own seeded generator, so that the territory's
    other figures do not move. A few activities breach or come close to the sales share
    ceiling; one structure has a prefect's decision before 1 July 2024 and one after.
    """
    from iae_core import params
    from iae_core.economy import Activity, PrefectDecision, Subsidy, YearAccounts
    from iae_core.orientation import Orientation

    rng = random.Random(territory.seed * 7_919 + 16)
    year = territory.on.year - 1
    activities = []
    acis = [s for s in territory.structures if s.kind is StructureKind.ACI]
    for n, s in enumerate(acis):
        for j in range(rng.randint(1, 3)):
            accounts = []
            for y in (year - 1, year):
                charges = float(rng.randrange(80_000, 400_000, 500))
                share = rng.choice([0.08, 0.15, 0.22, 0.27, 0.295, 0.30, 0.34])
                decision = None
                if n == 0 and j == 0:  # a decision before 1 July 2024, then one after
                    on = pendulum.date(y, 3, 15) if y < 2025 else pendulum.date(y, 9, 15)
                    body = sorted(params.get("economy.prefect_opinion_body").at(on))[0]
                    decision = PrefectDecision(decided_on=on, ceiling_percent=40, consulted=body)
                    share = 0.38
                subsidies = (
                    Subsidy(funder="STATE_POST_AID", amount=round(charges * 0.45, 2)),
                    Subsidy(funder="DEPARTEMENT", amount=round(charges * 0.08, 2)),
                    Subsidy(funder="REGION", amount=round(charges * rng.random() * 0.05, 2)),
                )
                accounts.append(
                    YearAccounts(
                        year=y,
                        charges=charges,
                        sales=round(charges * share, 2),
                        subsidies=subsidies,
                        prefect_decision=decision,
                    )
                )
            activities.append(
                Activity(
                    siret=s.siret,
                    name=f"{s.name} — atelier {j + 1}",
                    support=rng.choice(_SUPPORTS),
                    accounts=tuple(accounts),
                )
            )
    orientations = []
    for p in territory.parcours:
        start = p.start
        diagnosis = p.diagnosis
        if start is None or diagnosis is None or Criterion.RSA not in diagnosis.criteria:
            continue
        orientations.append(
            Orientation(
                person_id=p.person.id,
                on=start.subtract(days=rng.randint(5, 150)),
                category=rng.choice(["PROFESSIONAL", "SOCIO_PROFESSIONAL", "SOCIAL"]),
                body=rng.choice(["FRANCE_TRAVAIL", "DEPARTEMENT", "MISSION_LOCALE"]),
                department=p.structure.department,
            )
        )
    departments = sorted({s.department for s in territory.structures})
    for k in range(len(orientations) // 3):  # oriented, not (yet) hired in an SIAE
        orientations.append(
            Orientation(
                person_id=f"rsa-{k + 1:04d}",
                on=territory.on.subtract(days=rng.randint(30, 700)),
                category=rng.choice(["PROFESSIONAL", "SOCIO_PROFESSIONAL", "SOCIAL"]),
                body=rng.choice(["FRANCE_TRAVAIL", "DEPARTEMENT", "MISSION_LOCALE"]),
                department=rng.choice(departments),
            )
        )
    return tuple(activities), tuple(orientations)


def economy_summary(territory: Territory) -> dict[str, Any]:
    """Sales shares of the ACI activities, the département's share, the RSA chain."""
    from iae_core import funding, params
    from iae_core.economy import check_activities, commercial_shares
    from iae_core.orientation import orientation_chain

    activities, orientations = economy_of(territory)
    year = territory.on.year - 1
    rows = [r for r in commercial_shares(activities, year) if r.activity is not None]
    report = check_activities(activities, on=territory.on)
    rsa_parcours = [
        p
        for p in territory.parcours
        if p.structure.kind is StructureKind.ACI
        and p.diagnosis is not None
        and Criterion.RSA in p.diagnosis.criteria
    ]
    period = (pendulum.date(year, 1, 1), pendulum.date(year, 12, 31))
    rsa_fte = funding.fte_consumed(rsa_parcours, kind=StructureKind.ACI, period=period)
    rsa_fte = round(rsa_fte, 2)  # average full-time posts over the year
    contribution = funding.departement_contribution(rsa_fte, year=year)
    base = params.get("economy.aci_sales_share_max_percent").at(period[1])
    return {
        "year": year,
        "activities": len(activities),
        "breaches": sum(1 for r in rows if r.compliant is False),
        "close": sum(1 for r in rows if r.compliant and (r.share_percent or 0) >= base - 3),
        "findings": dict(sorted(Counter(f.code for f in report.errors).items())),
        "shares": [
            {
                "activity": r.activity,
                "share_percent": r.share_percent,
                "ceiling_percent": r.ceiling_percent,
                "compliant": r.compliant,
                "room": r.room,
            }
            for r in sorted(rows, key=lambda r: -(r.share_percent or 0))[:5]
        ],
        "rsa_fte": rsa_fte,
        "departement_rate_percent": params.get("economy.departement_rsa_share_percent").at(
            period[1]
        ),
        "departement_contribution": contribution,
        "orientation_chain": [
            r.as_dict() for r in orientation_chain(orientations, territory.parcours)
        ],
    }


def _render_economy(e: dict[str, Any] | None, lang: Lang) -> list[str]:
    if not e:
        return []
    lines = [
        "",
        say(
            "demo.economy",
            lang,
            year=str(e["year"]),
            n=e["activities"],
            breaches=e["breaches"],
            close=e["close"],
        ),
    ]
    for r in e["shares"]:
        if r["compliant"]:
            figures = say(
                "demo.economy.share.compliant",
                lang,
                share=_pct(r["share_percent"], lang, 100),
                ceiling=_pct(r["ceiling_percent"], lang, 100),
                room=_eur(r["room"], lang),
            )
        else:  # at or over the ceiling: the share must stay strictly under, and what has to go
            room = r["room"]
            figures = say(
                "demo.economy.share.breach",
                lang,
                share=_pct(r["share_percent"], lang, 100),
                ceiling=_pct(r["ceiling_percent"], lang, 100),
                excess=_eur(None if room is None else -room, lang),
            )
        lines.append(f"  {r['activity']:<40} {figures}")
    lines.append(
        say(
            "demo.economy.departement",
            lang,
            rate=_pct(e["departement_rate_percent"], lang, 100),
            fte=_num(e["rsa_fte"], lang),
            amount=_eur(e["departement_contribution"], lang),
        )
    )
    chain = e["orientation_chain"]
    oriented, hired = sum(r["oriented"] for r in chain), sum(r["hired"] for r in chain)
    lines.append(say("demo.economy.orientation", lang, oriented=oriented, hired=hired))
    return lines


def _num(x: float | None, lang: Lang) -> str:
    return "—" if x is None else fmt_number(x, lang, group=True)


def _eur(x: float | None, lang: Lang) -> str:
    return "—" if x is None else fmt_currency(round(x, 2), lang)


# --- running -------------------------------------------------------------------------------


def checked(territory: Territory, *, quiet: bool = True) -> Iterator[tuple[Parcours, Report]]:
    """Each parcours with its findings as of the territory's date."""
    for p in _track(territory.parcours, say("demo.progress.checking"), quiet=quiet):
        yield p, check(p, on=territory.on)


def _rate(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


def _exit_rates(parcours: Sequence[Parcours]) -> list[dict[str, Any]]:
    """Exit figures by structure kind (`iae_core.stats.exit_rates`)."""
    from iae_core import stats

    return [
        {
            "group": row.group,
            "exits": row.exits,
            "counted": row.counted,
            "not_counted": row.not_counted,
            "withdrawn": row.withdrawn,
            "dynamic_rate": row.dynamic_rate,
            "sustainable_rate": row.sustainable_rate,
            "positive_rate": row.positive_rate,
            "meets_dynamic_target": row.meets_dynamic_target,
            "meets_sustainable_target": row.meets_sustainable_target,
        }
        for row in stats.exit_rates(parcours, by="kind")
    ]


DEADLINE_DAYS = 30
"""The demo lists the deadlines of the next 30 days (not law: a planning horizon)."""

DEADLINES_SHOWN = 10
"""How many of them the text rendering lists one by one (the rest are counted)."""


def _deadlines(territory: Territory, lang: Lang = "fr") -> dict[str, Any]:
    """The territory's deadlines in the next `DEADLINE_DAYS` days (`planning.deadlines`)."""
    from iae_core.planning import deadlines

    found = deadlines(territory.parcours, on=territory.on, within_days=DEADLINE_DAYS, lang=lang)
    return {
        "within_days": DEADLINE_DAYS,
        "count": len(found),
        "by_code": dict(sorted(Counter(d.code for d in found).items())),
        "items": [d.to_json() for d in found],
    }


def _render_deadlines(d: dict[str, Any] | None, lang: Lang) -> list[str]:
    if d is None:
        return []
    lines = ["", say("demo.deadlines", lang, days=d["within_days"], n=d["count"])]
    lines += [f"  {code:<36} {n:>6}" for code, n in d["by_code"].items()]
    for item in d["items"][:DEADLINES_SHOWN]:
        day = fmt_date(pendulum.Date.fromisoformat(item["day"]), lang)
        lines.append(
            "  " + say("cli.at", lang, where=f"{day} {item['subject']}", message=item["message"])
        )
    if d["count"] > DEADLINES_SHOWN:
        lines.append(say("demo.deadlines.more", lang, n=d["count"] - DEADLINES_SHOWN))
    return lines


def summarize(
    territory: Territory, *, quiet: bool = True, lang: Lang | None = None
) -> dict[str, Any]:
    """Check and match the territory; return the figures as plain JSON-safe data.

    The deadlines' messages and the matching reasons are in `lang` (default: in force).
    """
    from iae_core.matching import assign, score

    lang = current_language() if lang is None else lang

    findings: Counter[str] = Counter()
    errors = warnings = with_errors = 0
    for _, report in checked(territory, quiet=quiet):
        findings.update(f.code for f in report)
        errors += len(report.errors)
        warnings += len(report.warnings)
        with_errors += not report.ok

    deadlines = _deadlines(territory, lang)
    t0 = time.perf_counter()
    with _progress.current().step(say("demo.progress.matching", lang)):
        assignment = assign(territory.candidates, territory.positions, method="stable")
    match_seconds = time.perf_counter() - t0
    by_id_c = {c.id: c for c in territory.candidates}
    by_id_p = {p.id: p for p in territory.positions}
    explained = []
    for cid, pid in list(assignment.pairs)[:3]:
        s = score(by_id_c[cid], by_id_p[pid], lang=lang)
        explained.append(
            {
                "candidate": cid,
                "position": pid,
                "score": round(s.value, 4),
                "reasons": [
                    {"name": c.name, "value": round(c.value, 4), "reason": c.reason}
                    for c in s.components
                ],
            }
        )
    seats = sum(p.seats for p in territory.positions)
    return {
        "seed": territory.seed,
        "on": territory.on.isoformat(),
        "structures": {
            k.value: sum(1 for s in territory.structures if s.kind is k) for k in StructureKind
        },
        "people": len(territory.parcours),
        "exits": sum(1 for p in territory.parcours if p.exit is not None),
        "findings": {
            "parcours_checked": len(territory.parcours),
            "parcours_with_errors": with_errors,
            "errors": errors,
            "warnings": warnings,
            "by_code": dict(sorted(findings.items())),
        },
        "deadlines": deadlines,
        "exit_rates": _exit_rates(territory.parcours),
        "economy": economy_summary(territory),
        "matching": {
            "method": "stable",
            "candidates": len(territory.candidates),
            "positions": len(territory.positions),
            "seats": seats,
            "matched": len(assignment.pairs),
            "unmatched": len(assignment.unmatched),
            "open_seats": sum(assignment.open_seats.values()),
            "total_score": round(assignment.total_score, 4),
            "seconds": round(match_seconds, 3),
            "explained": explained,
        },
    }


def _pct(x: float | None, lang: Lang, scale: float = 1) -> str:
    """A share (or, with `scale` 100, a percentage) as a percentage, or a dash."""
    return "—" if x is None else fmt_percent(x / scale, lang)


def render(summary: dict[str, Any], lang: Lang | None = None) -> str:
    """A plain-text rendering of `summarize`'s figures, in `lang` (default: in force)."""
    lang = current_language() if lang is None else lang
    f = summary["findings"]
    m = summary["matching"]
    structures = ", ".join(f"{n} {k}" for k, n in summary["structures"].items() if n)
    day = fmt_date(pendulum.Date.fromisoformat(summary["on"]), lang)
    lines = [
        say("demo.header", lang, seed=str(summary["seed"]), day=day),
        say(
            "demo.population",
            lang,
            n=sum(summary["structures"].values()),
            kinds=structures,
            people=summary["people"],
            exits=summary["exits"],
        ),
        "",
        say(
            "demo.findings",
            lang,
            errors=f["errors"],
            warnings=f["warnings"],
            with_errors=f["parcours_with_errors"],
            checked=f["parcours_checked"],
        ),
    ]
    lines += [f"  {code:<36} {n:>6}" for code, n in f["by_code"].items()] or [
        "  " + say("none", lang)
    ]
    lines += _render_deadlines(summary.get("deadlines"), lang)
    head = [
        say(k, lang)
        for k in (
            "demo.exits.kind",
            "demo.exits.exits",
            "demo.exits.counted",
            "demo.exits.dynamic",
            "demo.exits.sustainable",
        )
    ]
    lines += ["", say("demo.exits", lang)]
    lines.append(f"  {head[0]:<6} {head[1]:>8} {head[2]:>9} {head[3]:>11} {head[4]:>9}")
    for r in summary["exit_rates"]:
        lines.append(
            f"  {r['group']!s:<6} {r.get('exits', 0):>8} {r.get('counted', 0):>9} "
            f"{_pct(r.get('dynamic_rate'), lang):>11} {_pct(r.get('sustainable_rate'), lang):>9}"
        )
    lines += [
        "",
        say(
            "demo.matching",
            lang,
            matched=m["matched"],
            candidates=m["candidates"],
            open=m["open_seats"],
            seats=m["seats"],
            positions=m["positions"],
        ),
    ]
    for e in m["explained"]:
        score = fmt_number(e["score"], lang)
        lines.append(
            say("demo.pair", lang, candidate=e["candidate"], position=e["position"], score=score)
        )
        for r in e["reasons"]:
            key = f"demo.component.{r['name']}"
            name = say(key, lang) if key in WORDS else r["name"]
            lines.append("      " + say("cli.at", lang, where=name, message=r["reason"]))
    lines += _render_economy(summary.get("economy"), lang)
    return "\n".join(lines)


def main(
    *,
    seed: int = 1,
    size: int = 2000,
    as_json: bool = False,
    out: Callable[[str], Any] = print,
    progress: Callable[[], AbstractContextManager[object]] = nullcontext,
    lang: Lang | None = None,
) -> int:
    """Run the demo: build, check and match the territory, print it (text or JSON).

    `progress` gives the context in which the work runs (the command line passes its
    progress bars); the result is printed once it has closed. The text is in `lang`
    (default: the language in force, `iae_core.language`).
    """
    lang = current_language() if lang is None else lang
    with progress():
        territory = build_territory(seed=seed, people=size)
        summary = summarize(territory, quiet=False, lang=lang)
    if as_json:
        out(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        out(render(summary, lang))
    return 0

"""Hypothesis strategies: valid entities by construction, and arbitrary JSON.

Every strategy returns values that construct without error (a generated SIRET has a valid
Luhn key, dates are ordered, hours are in range). They are public so that embedders'
tests can use them. hypothesis's own ``builds()`` is not enough for these classes: it
ignores attrs bounds and cannot build `pendulum.Date` (see docs/testing.md).
"""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import strategies as st

from iae_core.approvals import Approval, Prolongation, Suspension
from iae_core.contracts import Contract, HoursDerogation, Immersion, Placement, Renewal
from iae_core.eligibility import EligibilityDiagnosis
from iae_core.enums import (
    ActionKind,
    AuthorKind,
    ContractKind,
    Criterion,
    DerogationKind,
    ExitKind,
    ExtensionGround,
    HostKind,
    ProlongationReason,
    StructureKind,
    SuspensionReason,
)
from iae_core.parcours import Action, Exit, Parcours
from iae_core.people import Company, Person, Structure

__all__ = [
    "actions",
    "approvals",
    "companies",
    "contracts",
    "dates",
    "departments",
    "diagnoses",
    "exits",
    "hours_derogations",
    "immersions",
    "json_values",
    "nirs",
    "parcours",
    "pass_numbers",
    "periods",
    "persons",
    "placements",
    "prolongations",
    "register_type_strategies",
    "renewals",
    "rome_codes",
    "sirens",
    "sirets",
    "structures",
    "suspensions",
]

MIN_DATE = pendulum.date(2015, 1, 1)
MAX_DATE = pendulum.date(2035, 12, 31)


def dates(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[pendulum.Date]:
    """Calendar dates as `pendulum.Date`, between the bounds (inclusive)."""
    span = (max_value - min_value).in_days()
    return st.integers(0, span).map(lambda d: min_value.add(days=d))


def periods(
    min_value: pendulum.Date = MIN_DATE,
    max_value: pendulum.Date = MAX_DATE,
    *,
    max_days: int = 3 * 365,
    min_days: int = 0,
) -> st.SearchStrategy[tuple[pendulum.Date, pendulum.Date]]:
    """``(start, end)`` with ``start <= end`` and ``min_days <= end - start <= max_days``."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[pendulum.Date, pendulum.Date]:
        start = draw(dates(min_value, max_value.subtract(days=min_days)))
        room = min(max_days, (max_value - start).in_days())
        length = draw(st.integers(min_days, max(min_days, room)))
        return start, start.add(days=length)

    return build()


def _luhn_complete(digits: str) -> str:
    """Append the Luhn check digit to ``digits``."""
    from stdnum import luhn

    return digits + str(luhn.calc_check_digit(digits))


def sirens() -> st.SearchStrategy[str]:
    """Valid SIREN numbers (9 digits, Luhn)."""
    return st.from_regex(r"[1-9][0-9]{7}", fullmatch=True).map(_luhn_complete)


def sirets() -> st.SearchStrategy[str]:
    """Valid SIRET numbers (a valid SIREN + NIC with a Luhn key over the 14 digits)."""
    return st.builds(
        lambda siren, nic: _luhn_complete(siren + nic),
        sirens(),
        st.from_regex(r"[0-9]{4}", fullmatch=True),
    )


def nirs() -> st.SearchStrategy[str]:
    """Valid NIR numbers (sex digit, month ranges and key all valid)."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        sex = draw(st.sampled_from("1278"))
        year = draw(st.integers(0, 99))
        month = draw(st.one_of(st.integers(1, 12), st.integers(20, 42), st.integers(50, 99)))
        dept = draw(st.sampled_from([f"{d:02d}" for d in range(1, 96) if d != 20]))
        rest = draw(st.integers(1, 999)), draw(st.integers(1, 999))
        body = f"{sex}{year:02d}{month:02d}{dept}{rest[0]:03d}{rest[1]:03d}"
        key = 97 - int(body) % 97
        return f"{body}{key:02d}"

    return build()


def pass_numbers(*, legacy: bool = False) -> st.SearchStrategy[str]:
    """Valid PASS IAE numbers: platform ``99999`` + 7 digits (or legacy 12 characters)."""
    platform = st.from_regex(r"99999[0-9]{7}", fullmatch=True)
    if not legacy:
        return platform
    return st.one_of(platform, st.from_regex(r"[0-8][0-9]{4}[0-9]{2}[0-9A-Z]{5}", fullmatch=True))


def rome_codes() -> st.SearchStrategy[str]:
    """ROME codes (``[A-N]`` + 4 digits)."""
    return st.from_regex(r"[A-N][0-9]{4}", fullmatch=True)


def departments() -> st.SearchStrategy[str]:
    """Department codes."""
    metro = [f"{d:02d}" for d in range(1, 96) if d != 20]
    return st.sampled_from([*metro, "2A", "2B", "971", "972", "973", "974", "976"])


_names = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=30
).filter(str.strip)
_ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)


BIRTH_MIN = pendulum.date(1950, 1, 1)
BIRTH_MAX = pendulum.date(2008, 12, 31)


def persons(
    *, birth_min: pendulum.Date = BIRTH_MIN, birth_max: pendulum.Date = BIRTH_MAX
) -> st.SearchStrategy[Person]:
    """People (with or without a NIR)."""
    return st.builds(
        Person,
        id=_ids,
        birth_date=dates(birth_min, birth_max),
        nir=st.none() | nirs(),
        rqth=st.booleans(),
        under_justice_measure=st.booleans(),
    )


def structures(
    kinds: st.SearchStrategy[StructureKind] | None = None,
) -> st.SearchStrategy[Structure]:
    """Structures of any kind (or of the kinds given)."""
    return st.builds(
        Structure,
        siret=sirets(),
        kind=kinds if kinds is not None else st.sampled_from(StructureKind),
        name=_names,
        department=departments(),
        conventioned_fte=st.none() | st.floats(0, 500, allow_nan=False),
    )


def companies() -> st.SearchStrategy[Company]:
    """Ordinary companies."""
    return st.builds(
        Company,
        siret=sirets(),
        name=_names,
        department=departments(),
        naf=st.none() | st.from_regex(r"[0-9]{2}\.[0-9]{2}[A-Z]", fullmatch=True),
    )


def diagnoses() -> st.SearchStrategy[EligibilityDiagnosis]:
    """Eligibility diagnoses (any author, any criteria)."""
    return st.builds(
        EligibilityDiagnosis,
        author=st.sampled_from(AuthorKind),
        made_on=dates(),
        criteria=st.frozensets(st.sampled_from(Criterion), max_size=6),
        author_siret=st.none() | sirets(),
    )


def suspensions(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[Suspension]:
    """Suspensions (start <= end), with or without a declaration date (``declared_on``)."""
    return st.builds(
        lambda p, r, d: Suspension(start=p[0], end=p[1], reason=r, declared_on=d),
        periods(min_value, max_value, max_days=400),
        st.sampled_from(SuspensionReason),
        st.none() | dates(min_value, max_value),
    )


def prolongations(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[Prolongation]:
    """Prolongations (start < end), with or without a request date (``requested_on``)."""
    return st.builds(
        lambda p, r, v, d: Prolongation(
            start=p[0], end=p[1], reason=r, validated_by=v, requested_on=d
        ),
        periods(min_value, max_value, min_days=1, max_days=400),
        st.sampled_from(ProlongationReason),
        st.none() | _ids,
        st.none() | dates(min_value, max_value),
    )


def approvals() -> st.SearchStrategy[Approval]:
    """PASS IAE with up to 3 suspensions and 2 prolongations (not necessarily lawful)."""

    @st.composite
    def build(draw: st.DrawFn) -> Approval:
        start = draw(dates(MIN_DATE, pendulum.date(2030, 12, 31)))
        initial_end = draw(st.none() | dates(start, start.add(years=3)))
        return Approval(
            number=draw(pass_numbers(legacy=True)),
            start=start,
            initial_end=initial_end,
            suspensions=tuple(draw(st.lists(suspensions(start, MAX_DATE), max_size=3))),
            prolongations=tuple(draw(st.lists(prolongations(start, MAX_DATE), max_size=2))),
        )

    return build()


def renewals(after: pendulum.Date = MIN_DATE) -> st.SearchStrategy[Renewal]:
    """Renewals ending after ``after``."""
    return st.builds(
        Renewal,
        end=dates(after, MAX_DATE),
        ground=st.none() | st.sampled_from(ExtensionGround),
        training_end=st.none() | dates(after, MAX_DATE),
    )


def hours_derogations() -> st.SearchStrategy[HoursDerogation]:
    """Derogations to the 20-hour minimum."""
    return st.builds(
        lambda p, k: HoursDerogation(kind=k, start=p[0], end=p[1]),
        periods(max_days=500),
        st.sampled_from(DerogationKind),
    )


def immersions(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[Immersion]:
    """PMSMP agreements."""
    return st.builds(
        lambda p, s, r: Immersion(start=p[0], end=p[1], host_siret=s, renewal_of=r),
        periods(min_value, max_value, max_days=60),
        sirets(),
        st.none() | dates(min_value, max_value),
    )


def placements(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[Placement]:
    """AI placements."""
    return st.builds(
        lambda p, h, k, s: Placement(start=p[0], end=p[1], hours=h, host=k, host_siret=s),
        periods(min_value, max_value, max_days=120),
        st.integers(0, 600) | st.floats(0, 600, allow_nan=False),
        st.sampled_from(HostKind),
        st.none() | sirets(),
    )


def contracts(
    kinds: st.SearchStrategy[ContractKind] | None = None,
    structure_kinds: st.SearchStrategy[StructureKind] | None = None,
) -> st.SearchStrategy[Contract]:
    """Contracts of any kind, with renewals, derogations, immersions and placements."""

    @st.composite
    def build(draw: st.DrawFn) -> Contract:
        kind = draw(kinds if kinds is not None else st.sampled_from(ContractKind))
        start, end = draw(periods(MIN_DATE, pendulum.date(2032, 12, 31), max_days=3 * 365))
        open_ended = kind is ContractKind.CDI_INCLUSION and draw(st.booleans())
        return Contract(
            kind=kind,
            structure_kind=draw(
                structure_kinds if structure_kinds is not None else st.sampled_from(StructureKind)
            ),
            start=start,
            end=None if open_ended else end,
            weekly_hours=draw(st.integers(0, 48) | st.floats(0, 48, allow_nan=False)),
            renewals=tuple(draw(st.lists(renewals(start), max_size=3))),
            derogations=tuple(draw(st.lists(hours_derogations(), max_size=2))),
            immersions=tuple(draw(st.lists(immersions(start, MAX_DATE), max_size=3))),
            placements=tuple(draw(st.lists(placements(start, MAX_DATE), max_size=3))),
            trial_period_days=draw(st.integers(0, 60)),
        )

    return build()


def actions() -> st.SearchStrategy[Action]:
    """Support actions."""
    return st.builds(
        lambda p, k, t, open_: Action(kind=k, start=p[0], end=None if open_ else p[1], title=t),
        periods(max_days=400),
        st.sampled_from(ActionKind),
        st.none() | _names,
        st.booleans(),
    )


def exits() -> st.SearchStrategy[Exit]:
    """Exits."""
    return st.builds(Exit, on=dates(), kind=st.sampled_from(ExitKind))


def parcours() -> st.SearchStrategy[Parcours]:
    """Parcours with any parts (not necessarily lawful); contracts are of its structure's kind."""

    @st.composite
    def build(draw: st.DrawFn) -> Parcours:
        structure = draw(structures())
        return Parcours(
            person=draw(persons()),
            structure=structure,
            diagnosis=draw(st.none() | diagnoses()),
            approval=draw(st.none() | approvals()),
            contracts=tuple(
                draw(st.lists(contracts(structure_kinds=st.just(structure.kind)), max_size=3))
            ),
            actions=tuple(draw(st.lists(actions(), max_size=2))),
            exit=draw(st.none() | exits()),
        )

    return build()


def json_values(max_leaves: int = 20) -> st.SearchStrategy[Any]:
    """Arbitrary JSON documents (None, booleans, numbers, strings, lists, objects)."""
    leaves = (
        st.none()
        | st.booleans()
        | st.integers(-(10**6), 10**6)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=12)
        | dates().map(lambda d: d.isoformat())
    )
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=10), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


ENTITY_STRATEGIES: dict[type, Any] = {
    Person: persons,
    Structure: structures,
    Company: companies,
    EligibilityDiagnosis: diagnoses,
    Suspension: suspensions,
    Prolongation: prolongations,
    Approval: approvals,
    Renewal: renewals,
    HoursDerogation: hours_derogations,
    Immersion: immersions,
    Placement: placements,
    Contract: contracts,
    Action: actions,
    Exit: exits,
    Parcours: parcours,
}
"""Entity type -> strategy factory, for the entities of this module (every entity's is in
`iae_core.testing.registry.entity_strategies()`)."""


def register_type_strategies() -> None:
    """Make `st.from_type` use this module's strategies (and draw `pendulum.Date`).

    `iae_core.testing.registry.register_type_strategies` does it for every entity.
    """
    st.register_type_strategy(pendulum.Date, dates())
    for cls, factory in ENTITY_STRATEGIES.items():
        st.register_type_strategy(cls, factory())


_STRATEGIES = frozenset(__all__) - {"register_type_strategies"}


def __dir__() -> list[str]:
    """Only the strategies (what `from ... import *` and a completing shell should offer)."""
    return sorted(_STRATEGIES)

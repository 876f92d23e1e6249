"""Hypothesis strategies for lawful-ish parcours, exits and partnerships.

Unlike `iae_core.testing.strategies.parcours` (any parts, not necessarily lawful),
these build what real data looks like: an SIAE, one to three successive contracts of the
kind the structure uses (CDDI from the minimum length `cddi.min_months` to a year, ETTI
missions on both sides of the sustainable-exit line `exits.sustainable_min_months`, AI
placements), weekly hours within the law, an exit on or after the first contract's start
(or none):

```python
from hypothesis import given
from iae_core.testing import parcours_strategies as ps

@given(ps.lawful_parcours())
def test_rates_are_shares(p): ...
```
"""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st

from iae_core import dates as _dates
from iae_core import params
from iae_core.contracts import Contract, Placement
from iae_core.enums import ContractKind, HostKind, StructureKind
from iae_core.parcours import Exit, Parcours
from iae_core.partnerships import (
    EventKind,
    Partnership,
    PartnershipEvent,
)
from iae_core.people import Person, Structure
from iae_core.testing.derived import former, from_declarations
from iae_core.testing.strategies import dates

__all__ = [
    "SIAE_KINDS",
    "exits_after",
    "immersion_events",
    "lawful_contracts",
    "lawful_parcours",
    "partnerships",
    "siae_structures",
]

SIAE_KINDS = (
    StructureKind.ACI,
    StructureKind.EI,
    StructureKind.AI,
    StructureKind.ETTI,
    StructureKind.EITI,
)
START_MIN = pendulum.date(2021, 9, 1)
START_MAX = pendulum.date(2027, 12, 31)

_CDDI_MIN_MONTHS = params.get("cddi.min_months")
_SUSTAINABLE_MONTHS = params.get("exits.sustainable_min_months")
_YEAR_MONTHS = 12

_CONTRACT_KIND = {
    StructureKind.ACI: ContractKind.CDDI,
    StructureKind.EI: ContractKind.CDDI,
    StructureKind.AI: ContractKind.CDDI,
    StructureKind.ETTI: ContractKind.MISSION,
    StructureKind.EITI: ContractKind.COMMERCIAL,
}


def siae_structures(
    kinds: st.SearchStrategy[StructureKind] | None = None,
) -> st.SearchStrategy[Structure]:
    """SIAE structures with a convention (1 to 60 full-time posts)."""
    kind = kinds if kinds is not None else st.sampled_from(SIAE_KINDS)
    fte = st.none() | st.integers(1, 60).map(float)
    name = st.sampled_from(["Atelier du Lac", "Tremplin", "Relais", "Ressourcerie"])
    return from_declarations(Structure, kind=kind, name=name, conventioned_fte=fte)


def lawful_contracts(
    kind: StructureKind, start: pendulum.Date
) -> st.SearchStrategy[tuple[Contract, ...]]:
    """One to three successive contracts of ``kind``'s usual contract, from ``start``."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Contract, ...]:
        out: list[Contract] = []
        day = start
        for _ in range(draw(st.integers(1, 3))):
            ckind = _CONTRACT_KIND[kind]
            if kind is StructureKind.ETTI:
                months = draw(st.integers(1, _SUSTAINABLE_MONTHS.at(day)))
                hours = float(draw(st.integers(7, 35)))
            else:
                months = draw(st.integers(_CDDI_MIN_MONTHS.at(day), _YEAR_MONTHS))
                hours = float(draw(st.integers(20, 35)))
            end = _dates.period_end(day, months)
            placements: tuple[Placement, ...] = ()
            if kind is StructureKind.AI and draw(st.booleans()):
                n = draw(st.integers(1, 3))
                placements = tuple(
                    Placement(
                        start=day.add(days=30 * i),
                        end=day.add(days=30 * i + draw(st.integers(0, 20))),
                        hours=float(draw(st.integers(1, 160))),
                        host=draw(st.sampled_from(HostKind)),
                    )
                    for i in range(n)
                )
            out.append(
                Contract(
                    kind=ckind,
                    structure_kind=kind,
                    start=day,
                    end=end,
                    weekly_hours=hours,
                    placements=placements,
                )
            )
            day = end.add(days=draw(st.integers(1, 60)))
        return tuple(out)

    return build()


def exits_after(first: pendulum.Date, last: pendulum.Date) -> st.SearchStrategy[Exit]:
    """Exits of any kind dated between ``first`` and ``last`` (inclusive)."""
    return from_declarations(Exit, window=(first, max(first, last)))


def lawful_parcours(
    kinds: st.SearchStrategy[StructureKind] | None = None,
    *,
    exited: bool | None = None,
) -> st.SearchStrategy[Parcours]:
    """Lawful-ish parcours in an SIAE (``exited``: force an exit, or none; default: either)."""

    @st.composite
    def build(draw: st.DrawFn) -> Parcours:
        structure = draw(siae_structures(kinds))
        start = draw(dates(START_MIN, START_MAX))
        contracts = draw(lawful_contracts(structure.kind, start))
        last = max(c.final_end or c.start for c in contracts)
        has_exit = draw(st.booleans()) if exited is None else exited
        born = (pendulum.date(1955, 1, 1), pendulum.date(2005, 12, 31))
        person = draw(from_declarations(Person, window=born))
        return Parcours(
            person=person,
            structure=structure,
            contracts=contracts,
            exit=draw(exits_after(start, last)) if has_exit else None,
        )

    return build()


def immersion_events(
    people: st.SearchStrategy[str] | None = None,
    start: pendulum.Date = START_MIN,
    end: pendulum.Date = START_MAX,
) -> st.SearchStrategy[PartnershipEvent]:
    """Immersion events of 1 to 31 days (people from ``people``, default 3 ids)."""
    who = people if people is not None else st.sampled_from(["p1", "p2", "p3"])

    @st.composite
    def build(draw: st.DrawFn) -> PartnershipEvent:
        first = draw(dates(start, end))
        return PartnershipEvent(
            kind=EventKind.IMMERSION,
            start=first,
            end=first.add(days=draw(st.integers(0, 30))),
            person_id=draw(who),
        )

    return build()


def partnerships() -> st.SearchStrategy[Partnership]:
    """Valid partnerships of SIAE: one structure, or a union with a coordinator among them."""
    people = st.sampled_from(["p1", "p2", "p3", "p4"])
    any_event = from_declarations(PartnershipEvent, person_id=st.none() | people)
    events = st.lists(immersion_events(people) | any_event, max_size=12).map(tuple)
    members = st.lists(siae_structures(), min_size=1, max_size=3).map(tuple)
    return from_declarations(Partnership, members=members, events=events)


def __getattr__(name: str) -> object:
    """The strategy functions the derivation replaced (deprecated; `derived.former`)."""
    return former(__name__, name)

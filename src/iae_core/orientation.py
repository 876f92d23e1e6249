"""RSA orientation (CASF L262-29) and the chain a département funds.

The président du conseil départemental orients each RSA recipient towards a social,
professional or socio-professional path and a body (*organisme référent*). A département
that funds SIAE posts wants to follow what came of it: orientation → hire in an SIAE
(after how many days) → exit and its category, by département and year of orientation.

```python
import pendulum
from iae_core.orientation import Orientation, orientation_chain

o = Orientation(
    person_id="p-1",
    on=pendulum.date(2025, 2, 3),
    category="SOCIO_PROFESSIONAL",
    body="DEPARTEMENT",
    department="35",
)
rows = orientation_chain([o], [])
print(rows[0].oriented, rows[0].hired)  # 1 0
```

The body is one of a few codes (`OrientationBody`): the network specific to disabled
people is deliberately folded into `OTHER`, so that an orientation never reveals health
data.

The module has no rule and no legal number: `ENTITIES` lists its entity, `CHECKERS` is
empty. It sits with the rules layer because `orientation_chain` reads parcours (the
`iae_core.parcours` face).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.findings import Report
from iae_core._kernel.model import (
    Entity,
    Problems,
    enum_converter,
    need_date,
    need_enum,
    need_str,
)
from iae_core.enums import ExitCategory, OrientationBody, OrientationCategory
from iae_core.parcours import Parcours
from iae_core.people import is_department

__all__ = ["CHECKERS", "ENTITIES", "ChainRow", "Orientation", "orientation_chain"]

_CATEGORY = enum_converter(OrientationCategory)
_BODY = enum_converter(OrientationBody)


def _to_category(value: OrientationCategory | str) -> Any:
    """Converter: an `OrientationCategory` code becomes the member."""
    return _CATEGORY(value)


def _to_body(value: OrientationBody | str) -> Any:
    """Converter: an `OrientationBody` code becomes the member."""
    return _BODY(value)


@attrs.frozen(kw_only=True)
class Orientation(Entity):
    """An RSA recipient's orientation (CASF L262-29).

    Attributes:
        person_id: the person's identifier (`Person.id`).
        on: the day of the orientation decision.
        category: social, professional or socio-professional.
        body: the body the person is oriented to.
        department: the département that decided it (`"35"`, `"2A"`, `"974"`).
    """

    person_id: str
    on: pendulum.Date = attrs.field(converter=dates.to_date)
    category: OrientationCategory = attrs.field(converter=_to_category)
    body: OrientationBody = attrs.field(converter=_to_body)
    department: str

    def _validate(self, problems: Problems) -> None:
        need_str(problems, "person_id", self.person_id)
        need_date(problems, "on", self.on)
        need_enum(problems, "category", self.category, OrientationCategory)
        need_enum(problems, "body", self.body, OrientationBody)
        if not is_department(self.department):
            problems.append(("department", f"not a department code: {self.department!r}"))


@attrs.frozen(kw_only=True)
class ChainRow:
    """One département and year of orientation, followed to hire and exit.

    Attributes:
        department: the département that oriented.
        year: the year of orientation.
        oriented: people oriented that year (one per person: their first orientation
            of the year).
        hired: of those, people hired in an SIAE on or after the orientation.
        hire_rate: `hired / oriented`.
        median_delay_days: median days from orientation to the first contract's start
            (`None` when nobody was hired).
        exited: of those hired, people whose parcours has an exit.
        exits_by_category: exits by `ExitCategory` code.
        dynamic_exits: exits in the sustainable, transition or positive categories.
    """

    department: str
    year: int
    oriented: int
    hired: int
    hire_rate: float | None
    median_delay_days: float | None
    exited: int
    exits_by_category: dict[str, int]
    dynamic_exits: int

    def as_dict(self) -> dict[str, object]:
        """A flat row (exit categories as `exits_<CODE>` columns)."""
        row: dict[str, object] = {
            k: v for k, v in attrs.asdict(self).items() if k != "exits_by_category"
        }
        for c in ExitCategory:
            row[f"exits_{c.value}"] = self.exits_by_category.get(c.value, 0)
        return row


def _first_hire(o: Orientation, parcours: list[Parcours]) -> Parcours | None:
    best: Parcours | None = None
    for p in parcours:
        start = p.start
        if start is None or start < o.on or not p.structure.kind.is_siae:
            continue
        if best is None or (best.start is not None and start < best.start):
            best = p
    return best


def orientation_chain(
    orientations: Iterable[Orientation], parcours: Iterable[Parcours]
) -> list[ChainRow]:
    """Follow each orientation to the person's first SIAE hire after it, and its exit.

    A person is counted once per département and year (their first orientation that
    year); the hire is their first parcours in an SIAE starting on or after that
    orientation (matched on `Person.id`); its exit, when there is one, gives the
    category. Rows are sorted by département and year.
    """
    by_person: dict[str, list[Parcours]] = {}
    for p in parcours:
        by_person.setdefault(p.person.id, []).append(p)
    first: dict[tuple[str, int, str], Orientation] = {}
    for o in orientations:
        key = (o.department, o.on.year, o.person_id)
        if key not in first or o.on < first[key].on:
            first[key] = o
    groups: dict[tuple[str, int], list[Orientation]] = {}
    for (dep, year, _), o in first.items():
        groups.setdefault((dep, year), []).append(o)
    rows = []
    for (dep, year), items in sorted(groups.items()):
        delays: list[int] = []
        exits: dict[str, int] = {}
        exited = dynamic = 0
        for o in items:
            hire = _first_hire(o, by_person.get(o.person_id, []))
            if hire is None or hire.start is None:
                continue
            delays.append((hire.start - o.on).days)
            if hire.exit is not None:
                exited += 1
                cat = hire.exit.category
                exits[cat.value] = exits.get(cat.value, 0) + 1
                dynamic += cat.is_dynamic
        rows.append(
            ChainRow(
                department=dep,
                year=year,
                oriented=len(items),
                hired=len(delays),
                hire_rate=len(delays) / len(items),
                median_delay_days=float(statistics.median(delays)) if delays else None,
                exited=exited,
                exits_by_category=exits,
                dynamic_exits=dynamic,
            )
        )
    return rows


ENTITIES: tuple[type, ...] = (Orientation,)
"""The module's entity classes."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType({})
"""Entity class → its checker: none (an orientation has no rule)."""

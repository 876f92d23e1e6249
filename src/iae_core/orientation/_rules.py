"""The chain a département follows: orientation → hire in an SIAE → exit."""

from __future__ import annotations

import statistics
from collections.abc import Iterable

import attrs

from iae_core.enums import ExitCategory
from iae_core.orientation._entities import (
    Orientation,
)
from iae_core.parcours import Parcours

__all__ = [
    "ChainRow",
    "orientation_chain",
]


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

"""RSA orientation (CASF L262-29) and the chain orientation → SIAE hire → exit."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iae_core
from iae_core import Contract, Exit, Orientation, Parcours, Person, Structure, orientation_chain
from iae_core.errors import InvalidData

D = pendulum.date
ACI = Structure(siret="73282932000074", kind="ACI", name="A", department="35")
GEIQ = Structure(siret="73282932000074", kind="GEIQ", name="G", department="35")


def parcours(pid, start, structure=ACI, exit=None):
    contract = Contract(
        kind="CDDI",
        structure_kind=structure.kind,
        start=start,
        end=start.add(months=6),
        weekly_hours=26,
    )
    return Parcours(
        person=Person(id=pid, birth_date=D(1990, 1, 1)),
        structure=structure,
        contracts=(contract,),
        exit=exit,
    )


def orient(pid, on, dep="35"):
    return Orientation(
        person_id=pid, on=on, category="SOCIO_PROFESSIONAL", body="DEPARTEMENT", department=dep
    )


def test_the_chain_by_department_and_year():
    rows = orientation_chain(
        [
            orient("a", D(2025, 1, 10)),
            orient("a", D(2025, 5, 1)),  # same person, same year: counted once
            orient("b", D(2025, 2, 1)),
            orient("c", D(2025, 3, 1)),
            orient("d", D(2024, 12, 31)),
            orient("e", D(2025, 3, 1), dep="56"),
        ],
        [
            parcours("a", D(2025, 2, 9), exit=Exit(on=D(2025, 8, 1), kind="CDI")),  # 30 days
            parcours("b", D(2025, 3, 3), exit=Exit(on=D(2025, 9, 1), kind="JOB_SEEKING")),  # 30
            parcours("c", D(2025, 2, 28)),  # before the orientation: not its hire
            parcours("c", D(2025, 6, 1), structure=GEIQ),  # not an SIAE
            parcours("d", D(2025, 1, 30)),  # 30 days
        ],
    )
    assert [(r.department, r.year) for r in rows] == [("35", 2024), ("35", 2025), ("56", 2025)]
    r = rows[1]
    assert (r.oriented, r.hired, r.exited, r.dynamic_exits) == (3, 2, 2, 1)
    assert r.median_delay_days == 30.0
    assert r.hire_rate == 2 / 3
    assert r.exits_by_category == {"SUSTAINABLE": 1, "OTHER": 1}
    assert r.as_dict()["exits_SUSTAINABLE"] == 1
    assert r.as_dict()["exits_POSITIVE"] == 0
    assert rows[2].hired == 0
    assert rows[2].median_delay_days is None


def test_hire_on_the_day_of_orientation_counts_with_zero_delay():
    (r,) = orientation_chain([orient("a", D(2024, 2, 29))], [parcours("a", D(2024, 2, 29))])
    assert r.median_delay_days == 0.0
    (r,) = orientation_chain([orient("a", D(2024, 2, 29))], [parcours("a", D(2024, 2, 28))])
    assert r.hired == 0


def test_bad_orientation_lists_every_field():
    with pytest.raises(InvalidData) as exc:
        Orientation(person_id="", on="2025-01-01", category="X", body="Y", department="20")
    for field in ("person_id", "on", "category", "body", "department"):
        assert field in str(exc.value)


@given(st.lists(st.from_type(Orientation), max_size=20))
def test_every_orientation_is_counted_once_per_department_and_year(items):
    rows = orientation_chain(items, [])
    assert sum(r.oriented for r in rows) == len(
        {(o.department, o.on.year, o.person_id) for o in items}
    )
    assert all(r.hired == 0 for r in rows)


def test_round_trip():
    o = orient("a", D(2025, 1, 10))
    assert iae_core.load(Orientation, iae_core.dump(o)) == o
    assert iae_core.check(o, on=D(2025, 1, 10)) == iae_core.Report()

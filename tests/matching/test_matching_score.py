import math

import attrs
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from iae_core.matching import (
    DEFAULT_WEIGHTS,
    Candidate,
    GeoPoint,
    Position,
    Weights,
    distance_km,
    rank,
    score,
)
from iae_core.testing.matching_strategies import candidates, positions

LYON = GeoPoint(lat=45.7640, lon=4.8357)
VILLEURBANNE = GeoPoint(lat=45.7719, lon=4.8902)


def person(**kw):
    base = {"id": "c", "location": LYON, "rome_codes": ("K2204",)}
    return Candidate(**(base | kw))


def job(**kw):
    base = {"id": "p", "location": VILLEURBANNE, "rome_code": "K2204", "weekly_hours": 26}
    return Position(**(base | kw))


def test_distance_known_value():
    # Paris (Notre-Dame) to Lyon (Bellecour): about 392 km as the crow flies.
    assert distance_km(48.8530, 2.3499, 45.7578, 4.8320) == pytest.approx(392.0, abs=2.0)
    assert distance_km(10, 179.9, 10, -179.9) == pytest.approx(21.9, abs=0.1)


@given(candidates(), positions())
def test_value_and_components(c, p):
    s = score(c, p)
    assert 0.0 <= s.value <= 1.0
    names = [comp.name for comp in s.components]
    assert names == ["distance", "rome", "hours", "availability", "requires"]
    for comp in s.components:
        assert 0.0 <= comp.value <= 1.0
        assert comp.reason
    if s.blocked_by is None:
        total = sum(comp.value * comp.weight for comp in s.components)
        assert s.value == pytest.approx(total / DEFAULT_WEIGHTS.total)
    else:
        assert s.value == 0.0


@given(candidates(), positions())
def test_hard_constraints_are_exactly_the_three(c, p):
    d = distance_km(c.location.lat, c.location.lon, p.location.lat, p.location.lon)
    expected = None
    if d > c.max_distance_km:
        expected = "distance"
    elif not p.requires <= c.holds:
        expected = "requires"
    elif not c.weekly_hours_min <= p.weekly_hours <= c.weekly_hours_max:
        expected = "hours"
    assert score(c, p).blocked_by == expected


def test_reasons_in_french():
    s = score(person(max_distance_km=25), job())
    reasons = {c.name: c.reason for c in s.components}
    assert reasons["distance"].startswith("À 4,3 km, dans le rayon de mobilité de 25 km")
    assert reasons["rome"] == "Métier recherché (K2204)"
    assert "plage souhaitée (0–35 h)" in reasons["hours"]
    far = score(person(max_distance_km=2), job())
    assert far.blocked_by == "distance"
    assert "au-delà du rayon de mobilité de 2 km" in far.components[0].reason
    lacking = score(person(), job(requires={"permis_b"}))
    assert lacking.blocked_by == "requires"
    assert lacking.components[-1].reason == "Il manque : permis_b"
    hours = score(person(weekly_hours_max=20), job())
    assert hours.blocked_by == "hours"
    assert "hors de la plage" in hours.components[2].reason
    assert "Score" in hours.explain()


def test_rome_closeness_order_and_never_blocks():
    values = [
        score(person(rome_codes=(code,)), job(rome_code="K2204"))
        for code in ("K2204", "K2202", "K1302", "N1103")
    ]
    assert all(v.blocked_by is None for v in values)
    assert values[0].value > values[1].value > values[2].value > values[3].value
    rome = [v.components[1].value for v in values]
    assert rome == [1.0, 0.6, 0.3, 0.0]
    assert "formation" in values[3].components[1].reason


@given(st.floats(0, 0.2), st.floats(0, 0.2), st.floats(1, 60), candidates(), positions())
def test_score_never_increases_with_distance(a, b, radius, c, p):
    near, far = sorted([a, b])
    c = Candidate(**{**_fields(c), "max_distance_km": radius, "location": LYON})
    p1 = Position(**{**_fields(p), "location": GeoPoint(lat=LYON.lat + near, lon=LYON.lon)})
    p2 = Position(**{**_fields(p), "location": GeoPoint(lat=LYON.lat + far, lon=LYON.lon)})
    s1, s2 = score(c, p1), score(c, p2)
    assume(s2.blocked_by in (None, "distance"))
    assert s1.value >= s2.value


def _fields(obj):
    return attrs.asdict(obj, recurse=False)


def test_availability_and_hours_components():
    start = pendulum.date(2025, 9, 1)
    on_time = score(person(available_from=start), job(starts_on=start))
    late = score(person(available_from=start.add(days=45)), job(starts_on=start))
    assert on_time.components[3].value == 1.0
    assert late.components[3].value == pytest.approx(0.5)
    assert "45 jours après" in late.components[3].reason
    top = score(person(weekly_hours_min=20, weekly_hours_max=26), job(weekly_hours=26))
    bottom = score(person(weekly_hours_min=20, weekly_hours_max=26), job(weekly_hours=20))
    assert top.components[2].value == 1.0
    assert bottom.components[2].value == 0.5


def test_weights_change_the_value():
    c, p = person(rome_codes=("N1103",)), job()
    only_rome = Weights(distance=0, rome=1, hours=0, availability=0)
    assert score(c, p, weights=only_rome).value == 0.0
    assert score(c, p).value > 0.0


def test_rank_best_first_and_blocked_out():
    c = person(max_distance_km=10, holds={"permis_b"})
    pool = [
        job(id="same", rome_code="K2204"),
        job(id="group", rome_code="K2202"),
        job(id="far", location=GeoPoint(lat=46.2, lon=4.8)),
        job(id="licence", requires={"caces"}),
        job(id="tie-b", rome_code="N1103"),
        job(id="tie-a", rome_code="N1103"),
    ]
    got = rank(c, pool)
    assert [p.id for p, _ in got] == ["same", "group", "tie-a", "tie-b"]
    assert all(s.blocked_by is None for _, s in got)
    assert [p.id for p, _ in rank(c, pool, limit=1)] == ["same"]
    assert rank(c, []) == []


@given(candidates(), st.lists(positions(), max_size=8))
def test_rank_matches_brute_force(c, pool):
    got = [p.id for p, _ in rank(c, pool, limit=None)]
    scored = [(p, score(c, p)) for p in pool]
    expected = sorted(
        ((p, s) for p, s in scored if s.blocked_by is None),
        key=lambda ps: (-math.floor(ps[1].value * 1e6 + 0.5), ps[0].id),
    )
    assert got == [p.id for p, _ in expected]

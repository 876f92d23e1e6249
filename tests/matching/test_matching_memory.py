"""Degenerate reaches (0 km next to 20,000 km) cost no more than the number of positions.

A reach of 0 km makes the grid's cells 1 km high; a reach wider than the Earth then spans
every one of its ~800 million cells. The index must not list them (issue 11, point 3).
"""

import tracemalloc

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from iae_core.matching import Candidate, GeoPoint, Position, assign, distance_km
from iae_core.matching._grid import GridIndex, choose_cell_km

# Far below the gigabytes the old index needed, far above what a few dozen records take.
PEAK_BOUND = 16 * 1024 * 1024

BACKENDS = [
    {"backend": "python"},
    {"backend": "python", "method": "optimal", "solver": "python"},
    pytest.param({"backend": "numpy"}, id="numpy"),
    pytest.param({"method": "optimal", "solver": "ortools"}, id="ortools"),
]

lats = st.floats(min_value=-90, max_value=90)
lons = st.floats(min_value=-180, max_value=180, exclude_max=True)
points = st.builds(GeoPoint, lat=lats, lon=lons)
reaches = st.sampled_from([0.0, 0.5, 1.0, 20_000.0, 20_100.0]) | st.floats(0, 20_100)


def peak(fn):
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def needs(kw):
    if kw.get("backend") == "numpy" or kw.get("solver") == "ortools":
        pytest.importorskip("numpy")
    if kw.get("solver") == "ortools":
        pytest.importorskip("ortools.graph.python.min_cost_flow")


@pytest.mark.parametrize("kw", BACKENDS)
def test_issue_case_two_zero_reaches_and_one_wider_than_the_earth(kw):
    needs(kw)
    here = GeoPoint(lat=45.0, lon=2.0)
    cands = [
        Candidate(id="a", location=here, max_distance_km=0),
        Candidate(id="b", location=here, max_distance_km=0),
        Candidate(id="c", location=here, max_distance_km=20_000),
    ]
    poss = [Position(id="x", location=here, rome_code="K1302", weekly_hours=26)]
    out = {}
    used = peak(lambda: out.setdefault("a", assign(cands, poss, **kw)))
    assert used < PEAK_BOUND
    assert len(out["a"].pairs) == 1


@pytest.mark.parametrize("kw", BACKENDS)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_peak_memory_is_bounded_on_degenerate_reaches(kw, data):
    needs(kw)
    n = data.draw(st.integers(1, 30), label="candidates")
    cands = [
        Candidate(id=f"c{i}", location=data.draw(points), max_distance_km=data.draw(reaches))
        for i in range(n)
    ]
    poss = [
        Position(id=f"p{j}", location=data.draw(points), rome_code="K1302", weekly_hours=26)
        for j in range(data.draw(st.integers(1, 10), label="positions"))
    ]
    assert peak(lambda: assign(cands, poss, **kw)) < PEAK_BOUND


@settings(max_examples=200, deadline=None)
@given(
    centre=points,
    radius=reaches,
    others=st.lists(points, min_size=1, max_size=20),
    small=st.sampled_from([0.0, 1.0, 30.0]),
)
@example(
    centre=GeoPoint(lat=45.0, lon=179.99),
    radius=50.0,
    others=[GeoPoint(lat=45.0, lon=-179.99)],
    small=0.0,
)
@example(
    centre=GeoPoint(lat=0.0, lon=0.0),
    radius=20_000.0,
    others=[GeoPoint(lat=-89.9, lon=-179.0)],
    small=0.0,
)
def test_near_never_misses_a_point_in_reach(centre, radius, others, small):
    index = GridIndex(others, choose_cell_km([small, small, radius]))
    found = set(index.near(centre, radius))
    assert len(found) == len(list(index.near(centre, radius)))  # each point once
    for i, p in enumerate(others):
        if distance_km(centre.lat, centre.lon, p.lat, p.lon) <= radius:
            assert i in found

"""Hypothesis strategies for the matching entities (for tests; needs ``hypothesis``).

Points are drawn in a small area (about 40 km across, around Lyon by default) so that
random people and positions are often within reach of each other; codes and items come
from short lists so that ROME closeness and requirements take every value.

    >>> from hypothesis import given
    >>> @given(candidates(), positions())
    ... def test_score_is_a_fraction(c, p): ...
"""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st

from iae_core.matching import Candidate, GeoPoint, Position

__all__ = ["ITEMS", "ROME_CODES", "candidates", "geo_points", "instances", "positions"]

ROME_CODES = ("K2204", "K2202", "K2101", "K1302", "N1103", "N4101", "A1203")
"""Codes sharing codes, groups and domains, so that every ROME closeness occurs."""

ITEMS = ("permis_b", "caces", "haccp")
"""Things a person may hold and a position may require."""

_START = pendulum.date(2025, 9, 1)


def geo_points(
    lat: float = 45.76, lon: float = 4.84, spread: float = 0.2
) -> st.SearchStrategy[GeoPoint]:
    """Points within ``spread`` degrees of ``(lat, lon)``."""
    return st.builds(
        GeoPoint,
        lat=st.floats(lat - spread, lat + spread, allow_nan=False),
        lon=st.floats(lon - spread, lon + spread, allow_nan=False),
    )


def _dates() -> st.SearchStrategy[pendulum.Date | None]:
    return st.one_of(st.none(), st.integers(0, 120).map(lambda d: _START.add(days=d)))


@st.composite
def candidates(
    draw: st.DrawFn, ids: st.SearchStrategy[str] | None = None, spread: float = 0.2
) -> Candidate:
    """Valid candidates near the default area."""
    low = draw(st.sampled_from([0.0, 0.0, 20.0, 24.0]))
    high = draw(st.sampled_from([26.0, 30.0, 35.0]).filter(lambda h: h >= low))
    return Candidate(
        id=draw(ids if ids is not None else st.text("abcdef0123", min_size=1, max_size=6)),
        location=draw(geo_points(spread=spread)),
        max_distance_km=draw(st.sampled_from([0.0, 5.0, 10.0, 20.0, 30.0, 50.0])),
        rome_codes=tuple(draw(st.lists(st.sampled_from(ROME_CODES), max_size=2, unique=True))),
        weekly_hours_min=low,
        weekly_hours_max=high,
        holds=frozenset(draw(st.sets(st.sampled_from(ITEMS)))),
        priority=draw(st.integers(0, 2)),
        available_from=draw(_dates()),
    )


@st.composite
def positions(
    draw: st.DrawFn, ids: st.SearchStrategy[str] | None = None, spread: float = 0.2
) -> Position:
    """Valid positions near the default area."""
    return Position(
        id=draw(ids if ids is not None else st.text("ghijk0123", min_size=1, max_size=6)),
        location=draw(geo_points(spread=spread)),
        rome_code=draw(st.sampled_from(ROME_CODES)),
        weekly_hours=draw(st.sampled_from([20.0, 24.0, 26.0, 30.0, 35.0])),
        seats=draw(st.integers(0, 3)),
        requires=frozenset(draw(st.sets(st.sampled_from(ITEMS), max_size=1))),
        company_siret=draw(st.sampled_from([None, "73282932000074"])),
        starts_on=draw(_dates()),
    )


@st.composite
def instances(
    draw: st.DrawFn, max_candidates: int = 5, max_positions: int = 3
) -> tuple[list[Candidate], list[Position]]:
    """A small territory: candidates and positions with distinct ids."""
    n = draw(st.integers(0, max_candidates))
    m = draw(st.integers(0, max_positions))
    cids = draw(
        st.lists(st.text("abc", min_size=1, max_size=3), min_size=n, max_size=n, unique=True)
    )
    pids = draw(
        st.lists(st.text("xyz", min_size=1, max_size=3), min_size=m, max_size=m, unique=True)
    )
    # A small area (about 10 km across), so that people compete for the same seats.
    cands = [draw(candidates(ids=st.just(i), spread=0.05)) for i in cids]
    poss = [draw(positions(ids=st.just(i), spread=0.05)) for i in pids]
    return cands, poss

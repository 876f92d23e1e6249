"""A grid of latitude/longitude cells, so that a person only looks at positions in reach.

The cells are ``cell_km`` high and about as wide at the reference latitude; the columns
wrap around the antimeridian. For a radius ``r`` around a point, the cells looked at are
those of the exact great-circle bounding box (Matuschek's formula), so nothing in reach
is ever missed; the distance is then checked exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from iae_core.matching._model import GeoPoint
from iae_core.matching._score import EARTH_RADIUS_KM

__all__ = ["Grid", "GridIndex", "bounding_box"]

KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180.0
_EPS = 1e-9


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float | None]:
    """Latitude range and longitude half-width (``None``: all longitudes) in reach.

    Args:
        lat: latitude of the centre, in degrees.
        lon: longitude of the centre, in degrees (unused: the half-width is symmetric).
        radius_km: the great-circle radius.

    Returns:
        ``(lat_low, lat_high, lon_half_width)`` in degrees.
    """
    del lon
    theta = radius_km / EARTH_RADIUS_KM
    dlat = math.degrees(theta) * (1 + _EPS) + _EPS
    low, high = lat - dlat, lat + dlat
    if theta >= math.pi / 2 or low <= -90 or high >= 90:
        return max(low, -90.0), min(high, 90.0), None
    ratio = math.sin(theta) / math.cos(math.radians(lat))
    if ratio >= 1:
        return low, high, None
    return low, high, math.degrees(math.asin(ratio)) * (1 + _EPS) + _EPS


class Grid:
    """The cell geometry: row height and column width in degrees.

    Args:
        cell_km: height of a cell, in km.
        ref_lat: latitude at which a cell is square.
    """

    def __init__(self, cell_km: float, ref_lat: float) -> None:
        self.dlat = cell_km / KM_PER_DEGREE
        width = self.dlat / max(math.cos(math.radians(min(abs(ref_lat), 80.0))), 0.1)
        self.ncols = max(1, math.ceil(360.0 / width))
        self.dlon = 360.0 / self.ncols
        self.nrows = math.ceil(180.0 / self.dlat) + 1

    def row(self, lat: float) -> int:
        """Row of a latitude."""
        return math.floor((lat + 90.0) / self.dlat)

    def col(self, lon: float) -> int:
        """Column of a longitude (wrapped)."""
        return math.floor((lon + 180.0) / self.dlon) % self.ncols

    def box(
        self, lat: float, lon: float, radius_km: float
    ) -> tuple[int, int, tuple[tuple[int, int], ...]]:
        """The rows ``r0..r1`` and the column intervals that may hold a point in reach.

        Returns:
            ``(r0, r1, intervals)``: at most two inclusive column intervals ``(c0, c1)``
            (two when the box crosses the antimeridian). Nothing is listed, so the cost
            does not depend on the radius.
        """
        low, high, half = bounding_box(lat, lon, radius_km)
        r0, r1 = self.row(low), self.row(high)
        whole = ((0, self.ncols - 1),)
        if half is None:
            return r0, r1, whole
        c0 = math.floor((lon - half + 180.0) / self.dlon)
        c1 = math.floor((lon + half + 180.0) / self.dlon)
        if c1 - c0 + 1 >= self.ncols:
            return r0, r1, whole
        if c0 < 0:
            return r0, r1, ((0, c1), (c0 + self.ncols, self.ncols - 1))
        if c1 >= self.ncols:
            return r0, r1, ((0, c1 - self.ncols), (c0, self.ncols - 1))
        return r0, r1, ((c0, c1),)

    def cells(self, lat: float, lon: float, radius_km: float) -> Iterator[tuple[int, int]]:
        """The cells that may hold a point within ``radius_km`` of ``(lat, lon)`` (lazily)."""
        r0, r1, intervals = self.box(lat, lon, radius_km)
        for r in range(r0, r1 + 1):
            for c0, c1 in intervals:
                for c in range(c0, c1 + 1):
                    yield r, c


def choose_cell_km(radii: Sequence[float]) -> float:
    """Cell height: half the median radius, between 1 and 200 km."""
    if not radii:
        return 10.0
    ordered = sorted(radii)
    median = ordered[len(ordered) // 2]
    return min(max(median / 2.0, 1.0), 200.0)


def reference_latitude(points: Sequence[GeoPoint]) -> float:
    """Median latitude of the points (where cells are square)."""
    if not points:
        return 0.0
    lats = sorted(p.lat for p in points)
    return lats[len(lats) // 2]


class GridIndex:
    """Points bucketed by cell (pure Python).

    Args:
        points: the points, indexed by their position in this sequence.
        cell_km: height of a cell, in km.
    """

    def __init__(self, points: Sequence[GeoPoint], cell_km: float) -> None:
        self.grid = Grid(cell_km, reference_latitude(points))
        self.size = len(points)
        self.buckets: dict[tuple[int, int], list[int]] = {}
        for i, p in enumerate(points):
            key = (self.grid.row(p.lat), self.grid.col(p.lon))
            self.buckets.setdefault(key, []).append(i)

    def near(self, point: GeoPoint, radius_km: float) -> Iterator[int]:
        """Indices of the points in the cells around ``point`` (a superset of those in reach).

        The cost is bounded by the number of points, whatever the radius: when the box
        spans more cells than there are non-empty ones, the non-empty cells are filtered
        instead of the box being walked (a reach of 20,000 km with 1 km cells would
        otherwise list hundreds of millions of cells).
        """
        buckets = self.buckets
        r0, r1, intervals = self.grid.box(point.lat, point.lon, radius_km)
        count = (r1 - r0 + 1) * sum(c1 - c0 + 1 for c0, c1 in intervals)
        if count > len(buckets):
            for (r, c), points in buckets.items():
                if r0 <= r <= r1 and any(c0 <= c <= c1 for c0, c1 in intervals):
                    yield from points
            return
        for r in range(r0, r1 + 1):
            for c0, c1 in intervals:
                for c in range(c0, c1 + 1):
                    found = buckets.get((r, c))
                    if found is not None:
                        yield from found

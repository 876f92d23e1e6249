"""Matching people and positions: scores with reasons, rankings, assignments.

* `score` says how well a position suits a person, component by component, with
  the reasons in plain French, and which hard constraint (distance, requirements, hours)
  excludes the pair;
* `rank` lists the best positions for one person;
* `assign` assigns a territory: a stable assignment (deferred acceptance) or the
  one with the largest total score (min-cost flow).

A grid index on latitude/longitude makes each person look only at the positions in
reach, so the cost grows with the number of reachable pairs, not with people ×
positions. The core is pure Python; the ``matching`` extra (numpy, scipy) gives the
vectorised path used at national scale (``pip install iae-core[matching]``), and the
``solver`` extra (OR-Tools) the fast solver of ``assign(method="optimal")``
(``pip install "iae-core[solver]"``).
"""

from __future__ import annotations

from iae_core.matching._assign import assign, blocking_pairs, rank
from iae_core.matching._model import (
    DEFAULT_WEIGHTS,
    Assignment,
    Candidate,
    Component,
    GeoPoint,
    MatchScore,
    Position,
    Weights,
)
from iae_core.matching._score import distance_km, score

__all__ = [
    "DEFAULT_WEIGHTS",
    "Assignment",
    "Candidate",
    "Component",
    "GeoPoint",
    "MatchScore",
    "Position",
    "Weights",
    "assign",
    "blocking_pairs",
    "distance_km",
    "rank",
    "score",
]

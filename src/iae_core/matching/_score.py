"""Scoring one pair (pure Python).

The formulas here are the reference: the vectorised path (``_fast``) computes the same
values in the same order of operations, and both compare pairs on the score rounded to
:data:`SCALE` (a millionth), so that ties are exact and broken by id.
"""

from __future__ import annotations

import math

from iae_core.identifiers import rome as _rome
from iae_core.matching._model import (
    DEFAULT_WEIGHTS,
    Candidate,
    Component,
    MatchScore,
    Position,
    Weights,
    _fr,
)

__all__ = ["EARTH_RADIUS_KM", "distance_km", "score"]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), in km."""

SCALE = 1_000_000
"""Scores are compared as integers ``floor(value * SCALE + 0.5)``."""

ROME_SAME = 1.0
ROME_GROUP = 0.6
ROME_DOMAIN = 0.3
ROME_OTHER = 0.0
AVAILABILITY_HORIZON_DAYS = 90
"""Availability falls linearly to 0 when the person starts this many days late."""

_RAD = math.pi / 180.0


def distance_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance in km (haversine formula).

    Args:
        a_lat: latitude of the first point, in degrees.
        a_lon: longitude of the first point, in degrees.
        b_lat: latitude of the second point, in degrees.
        b_lon: longitude of the second point, in degrees.
    """
    p1 = a_lat * _RAD
    p2 = b_lat * _RAD
    s1 = math.sin((p2 - p1) * 0.5)
    s2 = math.sin((b_lon - a_lon) * _RAD * 0.5)
    h = s1 * s1 + math.cos(p1) * math.cos(p2) * (s2 * s2)
    return 2.0 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(h, 1.0)))


def rome_closeness(codes: tuple[str, ...], code: str) -> float:
    """Closeness of the job sought to the job offered: 1, 0.6, 0.3 or 0."""
    best = ROME_OTHER
    for c in codes:
        if c == code:
            return ROME_SAME
        if c[:3] == code[:3]:
            best = max(best, ROME_GROUP)
        elif c[0] == code[0]:
            best = max(best, ROME_DOMAIN)
    return best


def hours_fit(low: float, high: float, hours: float) -> float:
    """1 at the top of the person's range, 0.5 at the bottom (the hours are in range)."""
    if high <= low:
        return 1.0
    return 0.5 + 0.5 * ((hours - low) / (high - low))


def delay_days(candidate: Candidate, position: Position) -> int:
    """Days between the start of the position and the person's availability (0 if on time)."""
    if candidate.available_from is None or position.starts_on is None:
        return 0
    return max(0, candidate.available_from.toordinal() - position.starts_on.toordinal())


def availability_fit(delay: int) -> float:
    """1 when on time, falling linearly to 0 at :data:`AVAILABILITY_HORIZON_DAYS` late."""
    return max(0.0, 1.0 - delay / AVAILABILITY_HORIZON_DAYS)


def combine(weights: Weights, d: float, r: float, h: float, a: float) -> float:
    """Weighted mean of the four component values (the order of operations is fixed)."""
    total = weights.distance * d + weights.rome * r + weights.hours * h + weights.availability * a
    return total / weights.total


def quantise(value: float) -> int:
    """The integer score used for comparisons: ``floor(value * SCALE + 0.5)``."""
    return math.floor(value * SCALE + 0.5)


def pair_q(candidate: Candidate, position: Position, weights: Weights) -> int:
    """The quantised score of an acceptable pair, or -1 when a hard constraint blocks it."""
    loc_c, loc_p = candidate.location, position.location
    d = distance_km(loc_c.lat, loc_c.lon, loc_p.lat, loc_p.lon)
    radius = candidate.max_distance_km
    if d > radius:
        return -1
    if not position.requires <= candidate.holds:
        return -1
    hours = position.weekly_hours
    if not candidate.weekly_hours_min <= hours <= candidate.weekly_hours_max:
        return -1
    dv = 1.0 - d / radius if radius > 0 else 1.0
    value = combine(
        weights,
        dv,
        rome_closeness(candidate.rome_codes, position.rome_code),
        hours_fit(candidate.weekly_hours_min, candidate.weekly_hours_max, hours),
        availability_fit(delay_days(candidate, position)),
    )
    return quantise(value)


def _km(value: float) -> str:
    return _fr(value, 1)


def _h(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def score(
    candidate: Candidate, position: Position, *, weights: Weights = DEFAULT_WEIGHTS
) -> MatchScore:
    """Score how well ``position`` suits ``candidate``, with the reasons, in French.

    Three hard constraints block a pair (``blocked_by``, value 0), checked in this order:

    * ``"distance"``: the position is farther than the person's ``max_distance_km``
      (great-circle distance);
    * ``"requires"``: the position requires something the person does not hold;
    * ``"hours"``: the position's weekly hours are outside the person's range.

    Otherwise the value is the weighted mean (:class:`Weights`, by default
    :data:`DEFAULT_WEIGHTS`) of four components, each in [0, 1]:

    * ``distance``: ``1 - km / max_distance_km`` (1 on the doorstep, 0 at the limit);
    * ``rome``: 1 for the same ROME code, 0.6 for the same 3-character group (``K22``),
      0.3 for the same domain letter, 0 otherwise (or when the person gave no code). A
      gap lowers the score but never blocks: the person can be trained on the job;
    * ``hours``: where the hours sit in the person's range, 0.5 at the bottom to 1 at the
      top (1 when the range is a single value);
    * ``availability``: 1 when the person is available by the start date (or either date
      is unknown), falling linearly to 0 at 90 days late.

    A fifth component, ``requires`` (weight 0), explains the requirements.

    Args:
        candidate: the person.
        position: the position.
        weights: weights of the components.

    Returns:
        The score, its components and what blocks the pair, if anything.
    """
    loc_c, loc_p = candidate.location, position.location
    d = distance_km(loc_c.lat, loc_c.lon, loc_p.lat, loc_p.lon)
    radius = candidate.max_distance_km
    blocked: str | None = None

    if d > radius:
        blocked = "distance"
        dv = 0.0
        d_reason = f"À {_km(d)} km, au-delà du rayon de mobilité de {_h(radius)} km"
    else:
        dv = 1.0 - d / radius if radius > 0 else 1.0
        d_reason = f"À {_km(d)} km, dans le rayon de mobilité de {_h(radius)} km"

    missing = position.requires - candidate.holds
    if missing:
        blocked = blocked or "requires"
        q_reason = "Il manque : " + ", ".join(sorted(missing))
    elif position.requires:
        q_reason = "Possède ce qui est requis : " + ", ".join(sorted(position.requires))
    else:
        q_reason = "Aucun prérequis"

    code = position.rome_code
    rv = rome_closeness(candidate.rome_codes, code)
    if not candidate.rome_codes:
        r_reason = f"Aucun métier recherché renseigné (poste {code}) : à former sur le poste"
    elif rv == ROME_SAME:
        r_reason = f"Métier recherché ({code})"
    elif rv == ROME_GROUP:
        r_reason = f"Métier proche : même groupe {_rome.group(code)} (poste {code})"
    elif rv == ROME_DOMAIN:
        r_reason = f"Même grand domaine {_rome.domain(code)} (poste {code}) : formation à prévoir"
    else:
        r_reason = f"Autre métier (poste {code}) : formation à prévoir"

    hours = position.weekly_hours
    low, high = candidate.weekly_hours_min, candidate.weekly_hours_max
    span = f"{_h(low)}–{_h(high)} h" if low != high else f"{_h(low)} h"
    if low <= hours <= high:
        hv = hours_fit(low, high, hours)
        h_reason = f"{_h(hours)} h par semaine, dans la plage souhaitée ({span})"
    else:
        blocked = blocked or "hours"
        hv = 0.0
        h_reason = f"{_h(hours)} h par semaine, hors de la plage souhaitée ({span})"

    delay = delay_days(candidate, position)
    av = availability_fit(delay)
    if candidate.available_from is None or position.starts_on is None:
        a_reason = "Dates de disponibilité ou de prise de poste non renseignées"
    elif delay == 0:
        a_reason = f"Disponible dès la prise de poste ({position.starts_on.isoformat()})"
    else:
        a_reason = f"Disponible {delay} jour{'s' if delay > 1 else ''} après la prise de poste"

    components = (
        Component(name="distance", value=dv, weight=weights.distance, reason=d_reason),
        Component(name="rome", value=rv, weight=weights.rome, reason=r_reason),
        Component(name="hours", value=hv, weight=weights.hours, reason=h_reason),
        Component(name="availability", value=av, weight=weights.availability, reason=a_reason),
        Component(name="requires", value=0.0 if missing else 1.0, weight=0.0, reason=q_reason),
    )
    value = 0.0 if blocked else combine(weights, dv, rv, hv, av)
    return MatchScore(value=value, components=components, blocked_by=blocked)

"""Scoring one pair: the table of score components, and the scalar paths built from it.

`COMPONENTS` is the one definition of the score. Each row gives a component's name, the
`Weights` field that weighs it, its hard constraint (if any), its value for one pair
(pure Python), its value for arrays of pairs (numpy) and its reason in French and
English. The three ways of scoring are built from that table:

* `score`: one pair, with its components and reasons (French by default);
* `pair_q` / `pair_scorer`: the quantised score of one pair, or -1 when blocked (the
  pure-Python engine, `rank`);
* `vector_values`: the quantised scores of arrays of pairs (the numpy engine, `_fast`).

All three add the weighted values in the table's order, starting from the first, and
divide by `Weights.total`, so they give the same floats; pairs are compared on the score
rounded to `SCALE` (a millionth), so that ties are exact and broken by id. A new component
is one row here (and its field in `Weights`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import attrs

from iae_core._kernel.text import LANGUAGES, Lang, fmt_spec
from iae_core.identifiers import rome as _rome
from iae_core.matching._model import (
    DEFAULT_WEIGHTS,
    Candidate,
    Component,
    MatchScore,
    Position,
    Weights,
)

__all__ = [
    "COMPONENTS",
    "EARTH_RADIUS_KM",
    "ComponentSpec",
    "distance_km",
    "pair_q",
    "pair_scorer",
    "score",
    "vector_values",
]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), in km."""

SCALE = 1_000_000
"""Scores are compared as integers `floor(value * SCALE + 0.5)`."""

ROME_SAME = 1.0
ROME_GROUP = 0.6
ROME_DOMAIN = 0.3
ROME_OTHER = 0.0
AVAILABILITY_HORIZON_DAYS = 90
"""Availability falls linearly to 0 when the person starts this many days late."""

RAD = math.pi / 180.0
"""Degrees to radians."""


def distance_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance in km (haversine formula).

    Args:
        a_lat: latitude of the first point, in degrees.
        a_lon: longitude of the first point, in degrees.
        b_lat: latitude of the second point, in degrees.
        b_lon: longitude of the second point, in degrees.
    """
    p1 = a_lat * RAD
    p2 = b_lat * RAD
    s1 = math.sin((p2 - p1) * 0.5)
    s2 = math.sin((b_lon - a_lon) * RAD * 0.5)
    h = s1 * s1 + math.cos(p1) * math.cos(p2) * (s2 * s2)
    return 2.0 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(h, 1.0)))


def pair_km(candidate: Candidate, position: Position) -> float:
    """Great-circle distance between the person and the position, in km."""
    loc_c, loc_p = candidate.location, position.location
    return distance_km(loc_c.lat, loc_c.lon, loc_p.lat, loc_p.lon)


def delay_days(candidate: Candidate, position: Position) -> int:
    """Days between the start of the position and the person's availability (0 if on time)."""
    if candidate.available_from is None or position.starts_on is None:
        return 0
    return max(0, candidate.available_from.toordinal() - position.starts_on.toordinal())


# --- the components, one function per column of the table -----------------------------
# Scalar functions take (candidate, position, km): km is the distance, computed once.
# Vector functions take a `Pairs` of arrays (one entry per candidate-position pair).


@attrs.define(kw_only=True, slots=True)
class Pairs:
    """Arrays describing acceptable candidate-position pairs, for the vector functions.

    Attributes:
        cs: the candidates' column arrays (`_fast`), indexed by `ci`.
        ps: the positions' column arrays, indexed by `pj`.
        ci: the candidate index of each pair.
        pj: the position index of each pair.
        km: the distance of each pair.
        radius: the candidate's mobility radius, for each pair.
        hours: the position's weekly hours, for each pair.
        low: the candidate's fewest weekly hours, for each pair.
        high: the candidate's most weekly hours, for each pair.
    """

    cs: Any
    ps: Any
    ci: Any
    pj: Any
    km: Any
    radius: Any
    hours: Any
    low: Any
    high: Any


def _h(value: float, lang: Lang) -> str:
    """Hours and kilometres as given (`20,5`, `35`)."""
    return fmt_spec(value, "g", lang)


def _distance_ok(c: Candidate, p: Position, km: float) -> bool:
    return km <= c.max_distance_km


def _distance(c: Candidate, p: Position, km: float) -> float:
    radius = c.max_distance_km
    return 1.0 - km / radius if radius > 0 else 1.0


def _distance_v(pairs: Pairs) -> Any:
    import numpy as np

    radius = pairs.radius
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(radius > 0, 1.0 - pairs.km / radius, 1.0)


def _distance_reason(c: Candidate, p: Position, km: float, lang: Lang) -> str:
    d, r = fmt_spec(km, ".1f", lang), _h(c.max_distance_km, lang)
    inside = _distance_ok(c, p, km)
    if lang == "en":
        where = "within" if inside else "beyond"
        return f"{d} km away, {where} the {r} km travel radius"
    where = "dans le" if inside else "au-delà du"
    return f"À {d} km, {where} rayon de mobilité de {r} km"


def _rome_value(c: Candidate, p: Position, km: float) -> float:
    """1 for the same code, 0.6 for the same group, 0.3 for the same domain, else 0."""
    code = p.rome_code
    best = ROME_OTHER
    for sought in c.rome_codes:
        if sought == code:
            return ROME_SAME
        if sought[:3] == code[:3]:
            best = max(best, ROME_GROUP)
        elif sought[0] == code[0]:
            best = max(best, ROME_DOMAIN)
    return best


def _rome_v(pairs: Pairs) -> Any:
    import numpy as np

    cs, ps, ci, pj = pairs.cs, pairs.ps, pairs.ci, pairs.pj
    rv = np.zeros(len(ci), dtype=np.float64)
    pc, pg, pd = ps.code[pj], ps.group[pj], ps.domain[pj]
    for k in range(cs.ncodes):
        part = np.where(
            cs.code[ci, k] == pc,
            ROME_SAME,
            np.where(
                cs.group[ci, k] == pg,
                ROME_GROUP,
                np.where(cs.domain[ci, k] == pd, ROME_DOMAIN, ROME_OTHER),
            ),
        )
        np.maximum(rv, part, out=rv)
    return rv


def _rome_reason(c: Candidate, p: Position, km: float, lang: Lang) -> str:
    code = p.rome_code
    rv = _rome_value(c, p, km)
    en = lang == "en"
    if not c.rome_codes:
        if en:
            return f"No job sought given (position {code}): to be trained on the job"
        return f"Aucun métier recherché renseigné (poste {code}) : à former sur le poste"
    if rv == ROME_SAME:
        return f"Job sought ({code})" if en else f"Métier recherché ({code})"
    if rv == ROME_GROUP:
        group = _rome.group(code)
        if en:
            return f"Related job: same group {group} (position {code})"
        return f"Métier proche : même groupe {group} (poste {code})"
    if rv == ROME_DOMAIN:
        domain = _rome.domain(code)
        if en:
            return f"Same broad field {domain} (position {code}): training needed"
        return f"Même grand domaine {domain} (poste {code}) : formation à prévoir"
    if en:
        return f"Other job (position {code}): training needed"
    return f"Autre métier (poste {code}) : formation à prévoir"


def _hours_ok(c: Candidate, p: Position, km: float) -> bool:
    return c.weekly_hours_min <= p.weekly_hours <= c.weekly_hours_max


def _hours(c: Candidate, p: Position, km: float) -> float:
    """1 at the top of the person's range, 0.5 at the bottom (the hours are in range)."""
    low, high = c.weekly_hours_min, c.weekly_hours_max
    if high <= low:
        return 1.0
    return 0.5 + 0.5 * ((p.weekly_hours - low) / (high - low))


def _hours_v(pairs: Pairs) -> Any:
    import numpy as np

    low, high = pairs.low, pairs.high
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(high <= low, 1.0, 0.5 + 0.5 * ((pairs.hours - low) / (high - low)))


def _hours_reason(c: Candidate, p: Position, km: float, lang: Lang) -> str:
    low, high = c.weekly_hours_min, c.weekly_hours_max
    span = f"{_h(low, lang)}–{_h(high, lang)} h" if low != high else f"{_h(low, lang)} h"
    hours = _h(p.weekly_hours, lang)
    inside = _hours_ok(c, p, km)
    if lang == "en":
        where = "within" if inside else "outside"
        return f"{hours} h a week, {where} the range sought ({span})"
    where = "dans" if inside else "hors de"
    return f"{hours} h par semaine, {where} la plage souhaitée ({span})"


def _availability(c: Candidate, p: Position, km: float) -> float:
    """1 when on time (or a date is unknown), falling linearly to 0 at 90 days late."""
    start, available = p.starts_on, c.available_from
    if available is None or start is None:
        return 1.0
    delay = max(0, available.toordinal() - start.toordinal())
    return max(0.0, 1.0 - delay / AVAILABILITY_HORIZON_DAYS)


def _availability_v(pairs: Pairs) -> Any:
    import numpy as np

    avail, start = pairs.cs.avail[pairs.ci], pairs.ps.start[pairs.pj]
    delay = np.where((avail >= 0) & (start >= 0), np.maximum(avail - start, 0), 0)
    return np.maximum(0.0, 1.0 - delay / AVAILABILITY_HORIZON_DAYS)


def _availability_reason(c: Candidate, p: Position, km: float, lang: Lang) -> str:
    en = lang == "en"
    if c.available_from is None or p.starts_on is None:
        if en:
            return "Availability or start date not given"
        return "Dates de disponibilité ou de prise de poste non renseignées"
    delay = delay_days(c, p)
    if delay == 0:
        start = p.starts_on.isoformat()
        return (
            f"Available by the start ({start})"
            if en
            else f"Disponible dès la prise de poste ({start})"
        )
    plural = "s" if delay > 1 else ""
    if en:
        return f"Available {delay} day{plural} after the start"
    return f"Disponible {delay} jour{plural} après la prise de poste"


def _requires_ok(c: Candidate, p: Position, km: float) -> bool:
    return p.requires <= c.holds


def _requires(c: Candidate, p: Position, km: float) -> float:
    return 1.0


def _requires_v(pairs: Pairs) -> Any:
    import numpy as np

    return np.ones(len(pairs.ci), dtype=np.float64)


def _requires_reason(c: Candidate, p: Position, km: float, lang: Lang) -> str:
    missing = p.requires - c.holds
    en = lang == "en"
    if missing:
        return ("Missing: " if en else "Il manque : ") + ", ".join(sorted(missing))
    if p.requires:
        head = "Holds what is required: " if en else "Possède ce qui est requis : "
        return head + ", ".join(sorted(p.requires))
    return "No requirement" if en else "Aucun prérequis"


@attrs.frozen(kw_only=True, slots=True)
class ComponentSpec:
    """One row of the score table.

    Attributes:
        name: the component's name (`Component.name`).
        weight: the `Weights` field that weighs it, or `None` for a component of weight
            0 (it only explains a hard constraint).
        value: its value in [0, 1] for one acceptable pair, `(candidate, position, km)`.
        vector: its values for arrays of acceptable pairs (a `Pairs`), with numpy, in the
            same order of operations as `value`.
        reason: why, `(candidate, position, km, lang)`, in French (`"fr"`) or English.
        ok: its hard constraint, `(candidate, position, km) -> bool`, or `None`.
        check_order: where its hard constraint is checked (lower first): `blocked_by`
            names the first one that fails.
    """

    name: str
    weight: str | None
    value: Callable[[Candidate, Position, float], float]
    vector: Callable[[Pairs], Any]
    reason: Callable[[Candidate, Position, float, Lang], str]
    ok: Callable[[Candidate, Position, float], bool] | None = None
    check_order: int = 0

    def weight_in(self, weights: Weights) -> float:
        """The component's weight in `weights` (0 if it has none)."""
        if self.weight is None:
            return 0.0
        found: float = getattr(weights, self.weight)
        return found


COMPONENTS: tuple[ComponentSpec, ...] = (
    ComponentSpec(
        name="distance",
        weight="distance",
        value=_distance,
        vector=_distance_v,
        reason=_distance_reason,
        ok=_distance_ok,
        check_order=0,
    ),
    ComponentSpec(
        name="rome", weight="rome", value=_rome_value, vector=_rome_v, reason=_rome_reason
    ),
    ComponentSpec(
        name="hours",
        weight="hours",
        value=_hours,
        vector=_hours_v,
        reason=_hours_reason,
        ok=_hours_ok,
        check_order=2,
    ),
    ComponentSpec(
        name="availability",
        weight="availability",
        value=_availability,
        vector=_availability_v,
        reason=_availability_reason,
    ),
    ComponentSpec(
        name="requires",
        weight=None,
        value=_requires,
        vector=_requires_v,
        reason=_requires_reason,
        ok=_requires_ok,
        check_order=1,
    ),
)
"""The score components, in the order of `MatchScore.components` and of the sum."""


def _weighted(weights: Weights) -> list[tuple[float, ComponentSpec]]:
    """The weighted rows with their weights, in the table's order (the order of the sum)."""
    return [(spec.weight_in(weights), spec) for spec in COMPONENTS if spec.weight is not None]


_checked: list[tuple[tuple[ComponentSpec, ...], tuple[ComponentSpec, ...]]] = []


def _constraints() -> tuple[ComponentSpec, ...]:
    """The rows with a hard constraint, in the order they are checked (read once per table)."""
    table = COMPONENTS
    if not _checked or _checked[0][0] is not table:
        rows = sorted((s for s in table if s.ok is not None), key=lambda s: s.check_order)
        _checked[:] = [(table, tuple(rows))]
    return _checked[0][1]


def pair_scorer(weights: Weights = DEFAULT_WEIGHTS) -> Callable[[Candidate, Position], int]:
    """A function giving the quantised score of a pair, or -1 when a constraint blocks it.

    Build it once for many pairs: the table is read when it is built.

    Args:
        weights: weights of the components.
    """
    (w0, first), *rest = [(w, spec.value) for w, spec in _weighted(weights)]
    oks = tuple(s.ok for s in _constraints() if s.ok is not None)
    total = weights.total

    def q(candidate: Candidate, position: Position) -> int:
        loc_c, loc_p = candidate.location, position.location
        km = distance_km(loc_c.lat, loc_c.lon, loc_p.lat, loc_p.lon)
        for ok in oks:
            if not ok(candidate, position, km):
                return -1
        acc = w0 * first(candidate, position, km)
        for w, f in rest:
            acc += w * f(candidate, position, km)
        return math.floor(acc / total * SCALE + 0.5)

    return q


def pair_q(candidate: Candidate, position: Position, weights: Weights) -> int:
    """The quantised score of an acceptable pair, or -1 when a hard constraint blocks it."""
    return pair_scorer(weights)(candidate, position)


def vector_values(pairs: Pairs, weights: Weights) -> Any:
    """Quantised scores (an int64 array) of acceptable pairs, from the table, with numpy."""
    import numpy as np

    (w0, first), *rest = _weighted(weights)
    acc = w0 * first.vector(pairs)
    for w, spec in rest:
        acc = acc + w * spec.vector(pairs)
    value = acc / weights.total
    return np.floor(value * SCALE + 0.5).astype(np.int64)


def score(
    candidate: Candidate,
    position: Position,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    lang: Lang = "fr",
) -> MatchScore:
    """Score how well `position` suits `candidate`, with the reasons (French by default).

    Three hard constraints block a pair (`blocked_by`, value 0), checked in this order:

    * `"distance"`: the position is farther than the person's `max_distance_km`
      (great-circle distance);
    * `"requires"`: the position requires something the person does not hold;
    * `"hours"`: the position's weekly hours are outside the person's range.

    Otherwise the value is the weighted mean (`Weights`, by default `DEFAULT_WEIGHTS`) of
    four components, each in [0, 1]:

    * `distance`: `1 - km / max_distance_km` (1 on the doorstep, 0 at the limit);
    * `rome`: 1 for the same ROME code, 0.6 for the same 3-character group (`K22`),
      0.3 for the same domain letter, 0 otherwise (or when the person gave no code). A
      gap lowers the score but never blocks: the person can be trained on the job;
    * `hours`: where the hours sit in the person's range, 0.5 at the bottom to 1 at the
      top (1 when the range is a single value);
    * `availability`: 1 when the person is available by the start date (or either date
      is unknown), falling linearly to 0 at 90 days late.

    A fifth component, `requires` (weight 0), explains the requirements.

    Args:
        candidate: the person.
        position: the position.
        weights: weights of the components.
        lang: the language of the reasons, `"fr"` (default) or `"en"`.

    Returns:
        The score, its components and what blocks the pair, if anything.

    Raises:
        ValueError: `lang` is neither `"fr"` nor `"en"`.
    """
    if lang not in LANGUAGES:
        msg = f"lang must be 'fr' or 'en', not {lang!r}"
        raise ValueError(msg)
    km = pair_km(candidate, position)
    failed = [
        s.name for s in _constraints() if s.ok is not None and not s.ok(candidate, position, km)
    ]
    components: list[Component] = []
    acc: float | None = None
    for spec in COMPONENTS:
        value = 0.0 if spec.name in failed else spec.value(candidate, position, km)
        weight = spec.weight_in(weights)
        reason = spec.reason(candidate, position, km, lang)
        components.append(Component(name=spec.name, value=value, weight=weight, reason=reason))
        if spec.weight is not None:
            acc = weight * value if acc is None else acc + weight * value
    if failed:
        return MatchScore(value=0.0, components=tuple(components), blocked_by=failed[0])
    value = 0.0 if acc is None else acc / weights.total
    return MatchScore(value=value, components=tuple(components), blocked_by=None)

"""The entities of matching: `GeoPoint`, `Candidate`, `Position`.

Also the result types of scoring (`Component`, `MatchScore`) and of
assignment (`Assignment`), and the weights (`Weights`,
`DEFAULT_WEIGHTS`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import attrs
import pendulum

from iae_core import dates, params
from iae_core._kernel.model import (
    ROME,
    SIRET,
    TEXT,
    Entity,
    Ge,
    Gt,
    Items,
    Le,
    NotAllZero,
    Ordered,
    declare,
    to_str_set,
    to_tuple,
)
from iae_core._kernel.plugins import Result
from iae_core._kernel.text import Lang, fmt_spec

__all__ = [
    "DEFAULT_WEIGHTS",
    "Assignment",
    "Candidate",
    "Component",
    "GeoPoint",
    "MatchScore",
    "Position",
    "Weights",
]

MAX_WEEKLY_HOURS: float = max(float(r.value) for r in params.get("contract.max_weekly_hours").rows)
"""The legal maximum of weekly working hours (Code du travail, L3121-20): the highest value
the parameter `contract.max_weekly_hours` has ever had (a declared bound is not dated)."""


@attrs.frozen(kw_only=True)
class GeoPoint(Entity):
    """A point on Earth in decimal degrees (WGS 84).

    Attributes:
        lat: latitude, between -90 and 90.
        lon: longitude, between -180 and 180.
    """

    lat: float = attrs.field(metadata=declare(Ge(-90), Le(90)))
    lon: float = attrs.field(metadata=declare(Ge(-180), Le(180)))


@attrs.frozen(kw_only=True)
class Candidate(Entity):
    """A person looking for a position.

    Attributes:
        id: the embedder's identifier (opaque; ties are broken by it).
        location: where the person lives.
        max_distance_km: how far the person can travel (a hard limit), in kilometres.
        rome_codes: ROME codes of the jobs sought, compact (``"K2204"``).
        weekly_hours_min: fewest weekly hours acceptable (a hard limit).
        weekly_hours_max: most weekly hours acceptable (a hard limit).
        holds: what the person has that positions may require (``"permis_b"``, ``"caces"``…).
        priority: the higher, the sooner positions told to rank by priority take the
            person (`iae_core.matching.assign` with ``by_priority=True``).
        available_from: first day the person can start, if known.
    """

    id: str = attrs.field(metadata=declare(TEXT))
    location: GeoPoint
    max_distance_km: float = attrs.field(default=25, metadata=declare(Ge(0), Le(20_100)))
    rome_codes: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=declare(Items(ROME))
    )
    weekly_hours_min: float = attrs.field(default=0, metadata=declare(Ge(0), Le(MAX_WEEKLY_HOURS)))
    weekly_hours_max: float = attrs.field(default=35, metadata=declare(Ge(0), Le(MAX_WEEKLY_HOURS)))
    holds: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_str_set, metadata=declare(Items(TEXT))
    )
    priority: int = 0
    available_from: pendulum.Date | None = attrs.field(
        default=None, converter=dates.to_optional_date
    )

    CONSTRAINTS = (Ordered("weekly_hours_min", "weekly_hours_max"),)


@attrs.frozen(kw_only=True)
class Position(Entity):
    """A position offered by an employer, with one or more seats.

    Attributes:
        id: the embedder's identifier (opaque; ties are broken by it).
        location: where the work is.
        rome_code: the ROME code of the job, compact (``"K2204"``).
        weekly_hours: weekly hours of the contract (more than 0, at most 48).
        seats: how many people the position takes (0 for a position currently full).
        requires: what a person must hold to take it (``"permis_b"``…): a hard limit.
        company_siret: SIRET of the employer, if known.
        starts_on: first day of work, if known.
    """

    id: str = attrs.field(metadata=declare(TEXT))
    location: GeoPoint
    rome_code: str = attrs.field(metadata=declare(ROME))
    weekly_hours: float = attrs.field(metadata=declare(Gt(0), Le(MAX_WEEKLY_HOURS)))
    seats: int = attrs.field(default=1, metadata=declare(Ge(0)))
    requires: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_str_set, metadata=declare(Items(TEXT))
    )
    company_siret: str | None = attrs.field(default=None, metadata=declare(SIRET))
    starts_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)


@attrs.frozen(kw_only=True)
class Weights(Entity):
    """Weights of the score components (see `iae_core.matching.score`).

    Each is at least 0 and they must not all be 0. The score is the weighted mean of the
    component values, so only the ratios matter.

    Attributes:
        distance: weight of closeness (``1 - km / max_distance_km``).
        rome: weight of the job match (same code, same group, same domain, other).
        hours: weight of how the hours sit in the person's range (upper end is best).
        availability: weight of being available when the position starts.
    """

    distance: float = attrs.field(default=0.35, metadata=declare(Ge(0)))
    rome: float = attrs.field(default=0.4, metadata=declare(Ge(0)))
    hours: float = attrs.field(default=0.1, metadata=declare(Ge(0)))
    availability: float = attrs.field(default=0.15, metadata=declare(Ge(0)))

    CONSTRAINTS = (NotAllZero(("distance", "rome", "hours", "availability")),)

    @property
    def total(self) -> float:
        """The sum of the weights (in the order of the fields)."""
        total: float = sum(getattr(self, field.name) for field in attrs.fields(Weights))
        return total


DEFAULT_WEIGHTS = Weights()
"""The default weights: distance 0.35, ROME 0.4, hours 0.1, availability 0.15."""


@attrs.frozen(kw_only=True, slots=True)
class Component(Result):
    """One part of a score, with its explanation.

    Attributes:
        name: ``"distance"``, ``"rome"``, ``"hours"``, ``"availability"`` or
            ``"requires"`` (a hard constraint only, always of weight 0).
        value: between 0 and 1.
        weight: its weight in the score.
        reason: why, in plain French.
    """

    name: str
    value: float
    weight: float
    reason: str


@attrs.frozen(kw_only=True, slots=True)
class MatchScore(Result):
    """How well a candidate and a position fit.

    Attributes:
        value: between 0 and 1; 0 when the pair is blocked.
        components: the parts of the score, each with its reason.
        blocked_by: the hard constraint that excludes the pair (``"distance"``,
            ``"requires"`` or ``"hours"``), or ``None``.
    """

    value: float
    components: tuple[Component, ...]
    blocked_by: str | None = None

    @property
    def blocked(self) -> bool:
        """True when a hard constraint excludes the pair."""
        return self.blocked_by is not None

    def explain(self, lang: Lang = "fr") -> str:
        """The score and its reasons, one per line, in French (or English: `lang="en"`).

        The reasons are those of the score: ask `score(..., lang="en")` for English ones.
        """
        sep = " : " if lang == "fr" else ": "
        head = f"Score {fmt_spec(self.value, '.3f', lang)}"
        if self.blocked_by is not None:
            head += f" — {'exclu' if lang == 'fr' else 'blocked'} ({self.blocked_by})"
        lines = [head]
        lines.extend(
            f"  - {c.name}{sep}{fmt_spec(c.value, '.2f', lang)} × {fmt_spec(c.weight, '.2f', lang)}"
            f" — {c.reason}"
            for c in self.components
        )
        return "\n".join(lines)


@attrs.frozen(kw_only=True, slots=True)
class Assignment(Result):
    """The result of `assign`.

    Attributes:
        method: ``"stable"`` or ``"optimal"``.
        pairs: ``(candidate id, position id)`` pairs, sorted by candidate id.
        scores: the score of each pair (rounded to the millionth), in the order of ``pairs``.
        unmatched: ids of the candidates left without a position, sorted.
        open_seats: position id -> seats left, for every position with a seat left.
        total_score: the sum of ``scores``.
        blocking: how many (candidate, position) pairs would both rather be together than
            with their match (0 for ``stable``; the price of ``optimal``).
    """

    method: str
    pairs: tuple[tuple[str, str], ...]
    scores: tuple[float, ...]
    unmatched: tuple[str, ...]
    open_seats: Mapping[str, int]
    total_score: float
    blocking: int

    def as_dict(self) -> dict[str, str]:
        """Candidate id -> position id."""
        return dict(self.pairs)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(c)}</td><td>{html.escape(p)}</td>"
            f"<td style='text-align:right'>{s:.3f}</td></tr>"
            for (c, p), s in zip(self.pairs[:50], self.scores[:50], strict=True)
        )
        more = (
            f"<tr><td colspan='3'>… et {len(self.pairs) - 50} autres</td></tr>"
            if len(self.pairs) > 50
            else ""
        )
        free = sum(self.open_seats.values())
        return (
            f"<div><p><b>Affectation ({html.escape(self.method)})</b> : "
            f"{len(self.pairs)} personnes placées, {len(self.unmatched)} sans poste, "
            f"{free} places libres, score total {self.total_score:.3f}, "
            f"{self.blocking} paires bloquantes.</p>"
            "<table><thead><tr><th>personne</th><th>poste</th><th>score</th></tr></thead>"
            f"<tbody>{rows}{more}</tbody></table></div>"
        )

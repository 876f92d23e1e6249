"""The funding area's values: a structure's FTE usage and its yearly funding summary.

The area has no document entity (nothing of it is loaded from JSON: `ENTITIES` is empty);
its results are these frozen values, each with a flat `as_dict()` row for the research
tables.
"""

from __future__ import annotations

import attrs

__all__ = ["FteUsage", "FundingSummary"]


@attrs.frozen(kw_only=True)
class FteUsage:
    """Full-time posts consumed by a structure against its convention.

    Attributes:
        siret: the structure.
        consumed: full-time posts consumed (`fte_consumed`).
        conventioned: ``Structure.conventioned_fte`` (``None`` when unknown).
        ratio: consumed ÷ conventioned (``None`` when unknown or zero).
        over: more consumed than conventioned (the aid is paid up to the convention).
    """

    siret: str
    consumed: float
    conventioned: float | None
    ratio: float | None
    over: bool | None

    def as_dict(self) -> dict[str, object]:
        """A flat row."""
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class FundingSummary:
    """A structure's public funding of insertion posts for one year.

    Attributes:
        siret: the structure.
        year: the year.
        fte: full-time posts counted for the State's aid.
        aid_per_post: the State's aid for those posts (€, to the cent): each month a
            twelfth of the annual aid per post in force on its first day.
        rsa_fte: of those, posts held by former RSA recipients (ACI only).
        departement_contribution: the département's share for them (€; 0 outside ACI).
        total: both (€).
    """

    siret: str
    year: int
    fte: float
    aid_per_post: float
    rsa_fte: float
    departement_contribution: float
    total: float

    def as_dict(self) -> dict[str, object]:
        """A flat row."""
        return attrs.asdict(self)

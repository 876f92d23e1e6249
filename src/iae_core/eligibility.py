"""Eligibility diagnoses (*diagnostic d'éligibilité*) — R5132-1-1 to R5132-1-7.

The eligibility rules (``eligibility.*``) are implemented by the eligibility issue; this
module holds the entity.
"""

from __future__ import annotations

import attrs
import pendulum

from iae_core import dates
from iae_core._model import (
    Entity,
    Problems,
    need_date,
    need_enum,
    need_enum_set,
    need_identifier,
    to_author_kind,
    to_criteria,
)
from iae_core.enums import AuthorKind, Criterion
from iae_core.identifiers import siret as _siret

__all__ = ["EligibilityDiagnosis"]


@attrs.frozen(kw_only=True)
class EligibilityDiagnosis(Entity):
    """An eligibility diagnosis.

    Attributes:
        author: who made it (an authorised prescriber, the SIAE itself, a GEIQ…).
        made_on: the date it was made.
        criteria: the administrative criteria it retains.
        author_siret: SIRET of the authoring structure (needed for employer diagnoses,
            which only their author may use).
    """

    author: AuthorKind = attrs.field(converter=to_author_kind)
    made_on: pendulum.Date = attrs.field(converter=dates.to_date)
    criteria: frozenset[Criterion] = attrs.field(factory=frozenset, converter=to_criteria)
    author_siret: str | None = None

    def _validate(self, problems: Problems) -> None:
        need_enum(problems, "author", self.author, AuthorKind)
        need_date(problems, "made_on", self.made_on)
        need_enum_set(problems, "criteria", self.criteria, Criterion)
        if self.author_siret is not None:
            need_identifier(problems, "author_siret", self.author_siret, _siret.validate)

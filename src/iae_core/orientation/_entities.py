"""The RSA orientation entity: `Orientation` (CASF L262-29)."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    Entity,
    Problems,
    enum_converter,
    need_date,
    need_enum,
    need_str,
)
from iae_core.enums import OrientationBody, OrientationCategory
from iae_core.people import is_department

__all__ = [
    "Orientation",
]

_CATEGORY = enum_converter(OrientationCategory)
_BODY = enum_converter(OrientationBody)


def _to_category(value: OrientationCategory | str) -> Any:
    """Converter: an `OrientationCategory` code becomes the member."""
    return _CATEGORY(value)


def _to_body(value: OrientationBody | str) -> Any:
    """Converter: an `OrientationBody` code becomes the member."""
    return _BODY(value)


@attrs.frozen(kw_only=True)
class Orientation(Entity):
    """An RSA recipient's orientation (CASF L262-29).

    Attributes:
        person_id: the person's identifier (`Person.id`).
        on: the day of the orientation decision.
        category: social, professional or socio-professional.
        body: the body the person is oriented to.
        department: the département that decided it (`"35"`, `"2A"`, `"974"`).
    """

    person_id: str
    on: pendulum.Date = attrs.field(converter=dates.to_date)
    category: OrientationCategory = attrs.field(converter=_to_category)
    body: OrientationBody = attrs.field(converter=_to_body)
    department: str

    def _validate(self, problems: Problems) -> None:
        need_str(problems, "person_id", self.person_id)
        need_date(problems, "on", self.on)
        need_enum(problems, "category", self.category, OrientationCategory)
        need_enum(problems, "body", self.body, OrientationBody)
        if not is_department(self.department):
            problems.append(("department", f"not a department code: {self.department!r}"))

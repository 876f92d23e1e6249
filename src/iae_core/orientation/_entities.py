"""The RSA orientation entity: `Orientation` (CASF L262-29)."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    DEPARTMENT,
    TEXT,
    Entity,
    declare,
    enum_converter,
)
from iae_core.enums import OrientationBody, OrientationCategory

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

    person_id: str = attrs.field(metadata=declare(TEXT))
    on: pendulum.Date = attrs.field(converter=dates.to_date)
    category: OrientationCategory = attrs.field(converter=_to_category)
    body: OrientationBody = attrs.field(converter=_to_body)
    department: str = attrs.field(metadata=declare(DEPARTMENT))

"""People and organisations: `Person`, `Structure`, `Company`.

Privacy by default: a person's NIR and sensitive flags (``rqth``: health data;
``under_justice_measure``: justice data — special categories under the GDPR) never
appear in ``repr``; the repr shows that they are there, not their value:

```pycon
>>> Person(id="p1", birth_date=pendulum.date(1970, 5, 1), nir="295109912611193")
Person(id='p1', birth_date=Date(1970, 5, 1), nir=<set>, rqth=<hidden>, \
under_justice_measure=<hidden>)

```
"""

from __future__ import annotations

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    DEPARTMENT,
    NIR,
    SIRET,
    TEXT,
    Entity,
    Ge,
    Pattern,
    declare,
    to_nir,
    to_siret,
    to_structure_kind,
)
from iae_core.dates import DayLike, as_day
from iae_core.enums import StructureKind

__all__ = ["Company", "Person", "Structure", "is_department"]

_NAF = Pattern(r"^[0-9]{2}\.?[0-9]{2}[A-Z]$", ("un code NAF", "a NAF code"))


def is_department(code: object) -> bool:
    """True for a French department code (``01``–``95`` but ``20``, ``2A``, ``2B``, ``971``…)."""
    return isinstance(code, str) and DEPARTMENT.compiled.fullmatch(code) is not None


_SENSITIVE = declare(sensitive=True)
"""Field metadata: personal data never shown in ``repr`` nor in an error message."""


def _hidden_flag(_value: object) -> str:
    return "<hidden>"


def _hidden_nir(value: object) -> str:
    return "None" if value is None else "<set>"


@attrs.frozen(kw_only=True)
class Person(Entity):
    """A person in (or entering) an IAE parcours.

    Attributes:
        id: the embedder's identifier of the person (opaque).
        birth_date: date of birth.
        nir: social security number, compact (validated: key, sex digit, month); never
            shown in ``repr``.
        rqth: recognised disabled worker (*RQTH*); never shown in ``repr``.
        under_justice_measure: convicted and under an *aménagement de peine* (the CDDI
            minimum-duration exception); never shown in ``repr``.
    """

    id: str = attrs.field(metadata=declare(TEXT))
    birth_date: pendulum.Date = attrs.field(converter=dates.to_date)
    nir: str | None = attrs.field(
        default=None, repr=_hidden_nir, converter=to_nir, metadata=declare(NIR, sensitive=True)
    )
    rqth: bool = attrs.field(default=False, repr=_hidden_flag, metadata=_SENSITIVE)
    under_justice_measure: bool = attrs.field(default=False, repr=_hidden_flag, metadata=_SENSITIVE)

    def age_on(self, day: DayLike) -> int:
        """Age in whole years on ``day``."""
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        return dates.age_on(self.birth_date, day)


@attrs.frozen(kw_only=True)
class Structure(Entity):
    """A structure that hires people in IAE (or a GEIQ, EA, EATT, OPCS).

    Attributes:
        siret: SIRET, compact and checksum-valid.
        kind: the structure kind.
        name: its name.
        department: department code (``"75"``, ``"2A"``, ``"974"``).
        conventioned_fte: full-time insertion posts in its convention with the State
            (*ETP conventionnés*), when known.
    """

    siret: str = attrs.field(converter=to_siret, metadata=declare(SIRET))
    kind: StructureKind = attrs.field(converter=to_structure_kind)
    name: str = attrs.field(metadata=declare(TEXT))
    department: str = attrs.field(metadata=declare(DEPARTMENT))
    conventioned_fte: float | None = attrs.field(default=None, metadata=declare(Ge(0)))

    @property
    def siren(self) -> str:
        """The SIREN (first 9 digits of the SIRET)."""
        return self.siret[:9]


@attrs.frozen(kw_only=True)
class Company(Entity):
    """An ordinary employer (a partner company, a host of immersions…).

    Attributes:
        siret: SIRET, compact and checksum-valid.
        name: its name.
        department: department code.
        naf: NAF/APE activity code (``"43.22A"`` or ``"4322A"``), when known.
    """

    siret: str = attrs.field(converter=to_siret, metadata=declare(SIRET))
    name: str = attrs.field(metadata=declare(TEXT))
    department: str = attrs.field(metadata=declare(DEPARTMENT))
    naf: str | None = attrs.field(default=None, metadata=declare(_NAF))

    @property
    def siren(self) -> str:
        """The SIREN (first 9 digits of the SIRET)."""
        return self.siret[:9]

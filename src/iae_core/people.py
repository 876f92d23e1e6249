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

import re

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    Entity,
    Problems,
    need_date,
    need_enum,
    need_identifier,
    need_number,
    need_optional_str,
    need_str,
    to_nir,
    to_siret,
    to_structure_kind,
)
from iae_core.dates import DayLike, as_day
from iae_core.enums import StructureKind
from iae_core.identifiers import nir as _nir
from iae_core.identifiers import siret as _siret

__all__ = ["Company", "Person", "Structure", "is_department"]

_DEPARTMENT = re.compile(r"(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-8]|98[4-9])")
_NAF = re.compile(r"\d{2}\.?\d{2}[A-Z]")


def is_department(code: object) -> bool:
    """True for a French department code (``01``–``95`` but ``20``, ``2A``, ``2B``, ``971``…)."""
    return isinstance(code, str) and code != "20" and _DEPARTMENT.fullmatch(code) is not None


_MAX_SAFE = 2**53  # the largest number `need_number` accepts

_SENSITIVE = {"sensitive": True}
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

    id: str
    birth_date: pendulum.Date = attrs.field(converter=dates.to_date)
    nir: str | None = attrs.field(
        default=None, repr=_hidden_nir, converter=to_nir, metadata=_SENSITIVE
    )
    rqth: bool = attrs.field(default=False, repr=_hidden_flag, metadata=_SENSITIVE)
    under_justice_measure: bool = attrs.field(default=False, repr=_hidden_flag, metadata=_SENSITIVE)

    def _validate(self, problems: Problems) -> None:
        need_str(problems, "id", self.id)
        need_date(problems, "birth_date", self.birth_date)
        if self.nir is not None:
            need_identifier(problems, "nir", self.nir, _nir.validate, shown=False)
        # the sensitive flags: the message never shows the value given
        flags: tuple[tuple[str, object], ...] = (
            ("rqth", self.rqth),
            ("under_justice_measure", self.under_justice_measure),
        )
        for name, value in flags:
            if not isinstance(value, bool):
                problems.append((name, f"not a boolean (got a {type(value).__name__})"))

    def _valid_structured(self) -> bool:
        nir = self.nir
        if nir is not None and not need_identifier([], "nir", nir, _nir.validate, shown=False):
            return False
        return bool(self.id.strip())

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

    siret: str = attrs.field(converter=to_siret)
    kind: StructureKind = attrs.field(converter=to_structure_kind)
    name: str
    department: str
    conventioned_fte: float | None = None

    def _validate(self, problems: Problems) -> None:
        need_identifier(problems, "siret", self.siret, _siret.validate)
        need_enum(problems, "kind", self.kind, StructureKind)
        need_str(problems, "name", self.name)
        if not is_department(self.department):
            problems.append(("department", f"not a department code: {self.department!r}"))
        if self.conventioned_fte is not None:
            need_number(problems, "conventioned_fte", self.conventioned_fte)

    def _valid_structured(self) -> bool:
        fte = self.conventioned_fte
        if fte is not None and not 0 <= fte <= _MAX_SAFE:  # NaN and infinities fail too
            return False
        return (
            need_identifier([], "siret", self.siret, _siret.validate)
            and bool(self.name.strip())
            and is_department(self.department)
        )

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

    siret: str = attrs.field(converter=to_siret)
    name: str
    department: str
    naf: str | None = None

    def _validate(self, problems: Problems) -> None:
        need_identifier(problems, "siret", self.siret, _siret.validate)
        need_str(problems, "name", self.name)
        if not is_department(self.department):
            problems.append(("department", f"not a department code: {self.department!r}"))
        ok = need_optional_str(problems, "naf", self.naf)
        if ok and self.naf is not None and not _NAF.fullmatch(self.naf):
            problems.append(("naf", f"not a NAF code: {self.naf!r}"))

    @property
    def siren(self) -> str:
        """The SIREN (first 9 digits of the SIRET)."""
        return self.siret[:9]

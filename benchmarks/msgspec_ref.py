"""The msgspec reference of ``benchmarks/load.py``: the same model, the same checks.

msgspec (C) decodes and type-checks; each ``Struct``'s ``__post_init__`` then runs the checks
iae_core's constructors run beyond the types, calling the same functions: SIRET (with a
cache of the valid ones, as iae_core's, emptied before each run by :func:`clear_cache`) and
NIR validation, department codes, non-empty strings, dates between 1900-01-01 and
2199-12-31, bounds, an end on or after its start. Structs are frozen, keyword-only, unknown
fields forbidden; from Python, ``msgspec.convert(..., strict=True)`` (no ``"20"`` for 20,
no ``1`` for ``true``). msgspec is a benchmark-only dependency (the ``bench`` extra).
"""

import datetime as dt
import math
from typing import Any

import msgspec

from iae_core import enums
from iae_core.identifiers import nir as _nir
from iae_core.identifiers import siret as _siret
from iae_core.people import is_department

MIN_DAY, MAX_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
_SIRETS: set[str] = set()


def clear_cache() -> None:
    """Empty the SIRET cache (each timed run starts with it empty, as iae_core's)."""
    _SIRETS.clear()


def _siret_ok(value: str) -> None:
    if value in _SIRETS:
        return
    if _siret.validate(value) != value:
        raise ValueError("not in compact form")
    _SIRETS.add(value)


def _nir_ok(value: str) -> None:
    if _nir.validate(value) != value:
        raise ValueError("not in compact form")


def _day(*values: dt.date | None) -> None:
    for value in values:
        if value is not None and not MIN_DAY <= value <= MAX_DAY:
            raise ValueError("date out of range")


def _order(start: dt.date, end: dt.date | None, *, strict: bool = False) -> None:
    if end is not None and (end < start or (strict and end == start)):
        raise ValueError("end before start")


def _text(value: str | None) -> None:
    if value is not None and not value.strip():
        raise ValueError("empty string")


def _number(value: float | None, maximum: float = 2**53) -> None:
    if value is not None and not (math.isfinite(value) and 0 <= value <= maximum):
        raise ValueError("out of range")


def _models(*, gc: bool) -> type:
    """The model's structs; ``gc=False``: instances not tracked by the cyclic collector.

    ``gc=False`` is msgspec's advanced option for structs that never form cycles (these
    never do): the decoder then allocates no object the collector walks, except the
    tuples. The benchmark times both (the default is the reference of the goal).
    """

    class Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, gc=gc):
        pass

    class Person(Model):
        id: str
        birth_date: dt.date
        nir: str | None = None
        rqth: bool = False
        under_justice_measure: bool = False

        def __post_init__(self) -> None:
            _text(self.id)
            _day(self.birth_date)
            if self.nir is not None:
                _nir_ok(self.nir)

    class Structure(Model):
        siret: str
        kind: enums.StructureKind
        name: str
        department: str
        conventioned_fte: float | None = None

        def __post_init__(self) -> None:
            _siret_ok(self.siret)
            _text(self.name)
            if not is_department(self.department):
                raise ValueError("not a department code")
            _number(self.conventioned_fte)

    class EligibilityDiagnosis(Model):
        author: enums.AuthorKind
        made_on: dt.date
        criteria: frozenset[enums.Criterion] = frozenset()
        author_siret: str | None = None

        def __post_init__(self) -> None:
            _day(self.made_on)
            if self.author_siret is not None:
                _siret_ok(self.author_siret)

    class Suspension(Model):
        start: dt.date
        end: dt.date
        reason: enums.SuspensionReason
        declared_on: dt.date | None = None

        def __post_init__(self) -> None:
            _day(self.start, self.end, self.declared_on)
            _order(self.start, self.end)

    class Prolongation(Model):
        start: dt.date
        end: dt.date
        reason: enums.ProlongationReason
        validated_by: str | None = None
        requested_on: dt.date | None = None

        def __post_init__(self) -> None:
            _day(self.start, self.end, self.requested_on)
            _order(self.start, self.end, strict=True)
            _text(self.validated_by)

    class Approval(Model):
        number: str
        start: dt.date
        initial_end: dt.date | None = None
        suspensions: tuple[Suspension, ...] = ()
        prolongations: tuple[Prolongation, ...] = ()

        def __post_init__(self) -> None:
            _text(self.number)
            _day(self.start, self.initial_end)
            _order(self.start, self.initial_end)

    class Renewal(Model):
        end: dt.date
        ground: enums.ExtensionGround | None = None
        training_end: dt.date | None = None

        def __post_init__(self) -> None:
            _day(self.end, self.training_end)

    class Contract(Model):
        kind: enums.ContractKind
        structure_kind: enums.StructureKind
        start: dt.date
        end: dt.date | None
        weekly_hours: float
        renewals: tuple[Renewal, ...] = ()
        trial_period_days: int = 0

        def __post_init__(self) -> None:
            _day(self.start, self.end)
            if self.end is None and self.kind is not enums.ContractKind.CDI_INCLUSION:
                raise ValueError("end required: only a CDI inclusion has no end")
            _order(self.start, self.end)
            for r in self.renewals:
                _order(self.start, r.end)
            _number(self.weekly_hours, 168)
            _number(self.trial_period_days)

    class Exit(Model):
        on: dt.date
        kind: enums.ExitKind

        def __post_init__(self) -> None:
            _day(self.on)

    class Parcours(Model):
        person: Person
        structure: Structure
        diagnosis: EligibilityDiagnosis | None = None
        approval: Approval | None = None
        contracts: tuple[Contract, ...] = ()
        exit: Exit | None = None

        def __post_init__(self) -> None:
            for c in self.contracts:
                if c.structure_kind is not self.structure.kind:
                    raise ValueError("contract structure_kind differs from structure.kind")

    return Parcours


Parcours = _models(gc=True)
UntrackedParcours = _models(gc=False)


def from_python(data: Any) -> list[Any]:
    """The parsed JSON to structs (strict: no coercion)."""
    return msgspec.convert(data, list[Parcours], strict=True)


_DECODER = msgspec.json.Decoder(list[Parcours])
_UNTRACKED = msgspec.json.Decoder(list[UntrackedParcours])


def from_json(text: str | bytes) -> list[Any]:
    """JSON text to structs (msgspec parses the text in C)."""
    return _DECODER.decode(text)


def from_json_untracked(text: str | bytes) -> list[Any]:
    """Like `from_json`, to structs the cyclic collector does not track (``gc=False``)."""
    return _UNTRACKED.decode(text)


def from_python_untracked(data: Any) -> list[Any]:
    """Like `from_python`, to untracked structs."""
    return msgspec.convert(data, list[UntrackedParcours], strict=True)

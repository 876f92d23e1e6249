"""Shared machinery of the entities: the ``entity`` decorator and field validation.

Entities are frozen, slotted, keyword-only attrs classes. What is *always* wrong (a bad
checksum, an end before its start, negative hours, a value of the wrong type) is refused
at construction with one `InvalidData` listing every bad field.
Everything that depends on the law or on a date is a rule check instead.

Lossless conversions only: a `datetime.date` becomes a `pendulum.Date`, a
list becomes a tuple, a string equal to an enum *value* becomes that member. Nothing else
is converted.
"""

from __future__ import annotations

import math
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from typing import Any, ClassVar, TypeVar

import annotated_types as at
import attrs
import pendulum

from iae_core._kernel import plugins
from iae_core._kernel.plugins import PydanticHooks
from iae_core.dates import MAX_DATE as MAX_DATE
from iae_core.dates import MIN_DATE as MIN_DATE
from iae_core.dates import date_range_detail as date_range_detail
from iae_core.enums import (
    ActionKind,
    AuthorKind,
    ContractKind,
    Criterion,
    DerogationKind,
    ExitKind,
    ExtensionGround,
    HostKind,
    ProlongationReason,
    StructureKind,
    SuspensionReason,
)
from iae_core.errors import (
    NO_INPUT,
    ErrorDetail,
    InvalidData,
    InvalidIdentifier,
    detail,
    json_type,
    show,
)
from iae_core.identifiers import nir as _nir
from iae_core.identifiers import rome as _rome
from iae_core.identifiers import siret as _siret

__all__ = [
    "MAX_SAFE_INTEGER",
    "Constraint",
    "Entity",
    "ExactlyOne",
    "FieldSpec",
    "Identifier",
    "Items",
    "MemberOf",
    "NotAllZero",
    "NotBlank",
    "OnlyWhen",
    "Ordered",
    "Pattern",
    "Problems",
    "RequiredWhen",
    "Requires",
    "SameAs",
    "Unique",
    "Within",
    "declare",
    "declared",
    "field_checks",
    "field_specs",
]

Problems = list[ErrorDetail]
"""What the checks append to: `ErrorDetail`s, each with a stable type of `ERROR_TYPES`."""
C = TypeVar("C", bound=type)
E = TypeVar("E", bound=Enum)


class Entity:
    """Base of every entity: validates what its declarations say after ``__init__``.

    The checks are not written by hand: each field is checked against its type and the
    constraints declared on it (`declare`), then each named cross-field constraint of the
    class (`CONSTRAINTS`, beside the fields) is checked. One `InvalidData` lists every
    problem found.
    """

    __slots__ = ()

    CONSTRAINTS: ClassVar[tuple[Constraint, ...]] = ()
    """The named cross-field constraints of the entity (`Ordered`, `Unique`…)."""

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        failed: set[str] = set()
        for name, check in field_checks(type(self)):
            if not check(problems, getattr(self, name)):
                failed.add(name)
        for constraint in self.CONSTRAINTS:
            # a constraint on a field already refused is not judged (reported once)
            if not failed or failed.isdisjoint(constraint.heads()):
                constraint.check(self, problems)
        if problems:
            raise InvalidData(problems)

    # pydantic v2 (an optional dependency): every entity is a pydantic type, validated
    # with `load` and serialised with `dump`. The implementation is a services-layer
    # module (`iae_core._services.pydantic_hooks`); the kernel only holds the slot
    # (`iae_core._kernel.plugins`), which the package's face fills once when `iae_core` is
    # imported. The kernel imports neither that module nor pydantic.

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """The pydantic core schema of the entity (validated by `load`, dumped by `dump`)."""
        return _pydantic_hooks().core_schema(cls, handler)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> Any:
        """The JSON Schema of the entity for pydantic: `json_schema(cls)`."""
        return _pydantic_hooks().json_schema(cls, handler)


def _pydantic_hooks() -> PydanticHooks:
    return plugins.pydantic_hooks()


# --- converters (lossless only) ---------------------------------------------------------


def to_tuple(value: Any) -> Any:
    """A list becomes a tuple; anything else is left for validation to judge."""
    return tuple(value) if type(value) is list else value


def to_frozenset(value: Any) -> Any:
    """A set, list or tuple becomes a frozenset; anything else is left for validation.

    A list of unhashable items (lists, dicts) is left as it is too, for validation to
    report (rather than a ``TypeError``).
    """
    if type(value) in (set, list, tuple):
        try:
            return frozenset(value)
        except TypeError:
            return value
    return value


def to_str_set(value: Any) -> Any:
    """A set, list or tuple of non-blank strings becomes a frozenset.

    A list or tuple with an item that is not a non-blank string is left as it is, in its
    order, for the declared item check to report that item at its index (`holds[0]`).
    """
    if type(value) in (list, tuple) and not all(type(v) is str and v.strip() for v in value):
        return tuple(value)
    return to_frozenset(value)


def _member(enum: type[E], value: Any) -> Any:
    if type(value) is str:
        try:
            return enum(value)
        except ValueError:
            return value
    return value


# Named converters (the attrs mypy plugin only understands named functions). The
# parameter type is what ``__init__`` accepts: the member, or its code as a string.


def to_structure_kind(value: StructureKind | str) -> Any:
    """Converter: a ``StructureKind`` code becomes the member."""
    return _member(StructureKind, value)


def to_contract_kind(value: ContractKind | str) -> Any:
    """Converter: a ``ContractKind`` code becomes the member."""
    return _member(ContractKind, value)


def to_author_kind(value: AuthorKind | str) -> Any:
    """Converter: an ``AuthorKind`` code becomes the member."""
    return _member(AuthorKind, value)


def to_suspension_reason(value: SuspensionReason | str) -> Any:
    """Converter: a ``SuspensionReason`` code becomes the member."""
    return _member(SuspensionReason, value)


def to_prolongation_reason(value: ProlongationReason | str) -> Any:
    """Converter: a ``ProlongationReason`` code becomes the member."""
    return _member(ProlongationReason, value)


def to_extension_ground(value: ExtensionGround | str | None) -> Any:
    """Converter: an ``ExtensionGround`` code becomes the member."""
    return _member(ExtensionGround, value)


def to_derogation_kind(value: DerogationKind | str) -> Any:
    """Converter: a ``DerogationKind`` code becomes the member."""
    return _member(DerogationKind, value)


def to_host_kind(value: HostKind | str) -> Any:
    """Converter: a ``HostKind`` code becomes the member."""
    return _member(HostKind, value)


def to_action_kind(value: ActionKind | str) -> Any:
    """Converter: an ``ActionKind`` code becomes the member."""
    return _member(ActionKind, value)


def to_exit_kind(value: ExitKind | str) -> Any:
    """Converter: an ``ExitKind`` code becomes the member."""
    return _member(ExitKind, value)


def to_criteria(value: Iterable[Criterion | str]) -> Any:
    """Converter: a set, list or tuple of criteria (or codes) becomes a frozenset."""
    if type(value) in (set, list, tuple, frozenset):
        try:
            return frozenset(_member(Criterion, v) for v in value)
        except TypeError:  # unhashable items: left for validation to report
            return value
    return value


# Identifiers: a string of digits only is already compact (the common case, skipped fast).


def to_siret(value: str) -> Any:
    """Converter: strip the separators of a SIRET (``"732 829 320 00074"``)."""
    if type(value) is str and value.isdigit():
        return value
    return _siret.compact(value) if isinstance(value, str) else value


def to_optional_siret(value: str | None) -> Any:
    """Converter: like `to_siret`, keeping ``None``."""
    if type(value) is str and value.isdigit():
        return value
    return _siret.compact(value) if isinstance(value, str) else value


def to_nir(value: str | None) -> Any:
    """Converter: strip the separators of a NIR."""
    if type(value) is str and value.isdigit():
        return value
    return _nir.compact(value) if isinstance(value, str) else value


def as_structure_kind(value: StructureKind | str) -> StructureKind:
    """``value`` as a `StructureKind` (a member, or its code as a string).

    For the ``structure_kind`` argument of the checks, which embedders often pass as the
    code they store.

    Raises:
        InvalidData: ``value`` is neither (path ``structure_kind``).
    """
    if isinstance(value, StructureKind):
        return value
    member = _member(StructureKind, value)
    if isinstance(member, StructureKind):
        return member
    raise InvalidData(
        [
            detail(
                "structure_kind",
                "bad_enum",
                input=value,
                enum="StructureKind",
                allowed=tuple(k.value for k in StructureKind),
            )
        ]
    )


def enum_converter(enum: type[E]) -> Callable[[Any], Any]:
    """Converter: a plain string equal to a member's value becomes that member."""
    members: dict[str, E] = {m.value: m for m in enum}

    def convert(value: Any) -> Any:
        if type(value) is str:
            return members.get(value, value)
        return value

    return convert


def enum_set_converter(enum: type[E]) -> Callable[[Any], Any]:
    """Converter for ``frozenset[enum]`` fields (values may be given as codes)."""
    one = enum_converter(enum)

    def convert(value: Any) -> Any:
        if type(value) in (set, list, tuple, frozenset):
            try:
                return frozenset(one(v) for v in value)
            except TypeError:  # unhashable items: left for validation to report
                return value
        return value

    return convert


# --- checks -------------------------------------------------------------------------------


def date_range_problem(value: pendulum.Date) -> str | None:
    """Why ``value`` is outside [`MIN_DATE`, `MAX_DATE`] (in English), or ``None``."""
    found = date_range_detail("", value)
    return None if found is None else found.message_en


def need_date(problems: Problems, name: str, value: object) -> bool:
    """A calendar date (not a datetime) between `MIN_DATE` and `MAX_DATE`."""
    if type(value) is pendulum.Date:  # not a pendulum.DateTime, which subclasses Date
        if MIN_DATE <= value <= MAX_DATE:
            return True
        problems.append(date_range_detail(name, value))  # type: ignore[arg-type]
        return False
    problems.append(detail(name, "not_a_date", input=value))
    return False


def need_enum(problems: Problems, name: str, value: object, enum: type[Enum]) -> bool:
    """A member of ``enum``."""
    if isinstance(value, enum):
        return True
    problems.append(
        detail(
            name,
            "bad_enum",
            "short",
            input=value,
            enum=enum.__name__,
            allowed=tuple(m.value for m in enum),
        )
    )
    return False


def need_enum_set(problems: Problems, name: str, value: object, enum: type[Enum]) -> bool:
    """A frozenset of members of ``enum``."""
    if isinstance(value, frozenset) and all(isinstance(v, enum) for v in value):
        return True
    problems.append(detail(name, "not_a_set", input=value, expected=enum.__name__))
    return False


def need_str(problems: Problems, name: str, value: object, *, empty: bool = False) -> bool:
    """A string (non-empty unless ``empty``)."""
    if isinstance(value, str) and (empty or value.strip()):
        return True
    if isinstance(value, str):
        problems.append(detail(name, "empty_string", input=value))
    else:
        problems.append(detail(name, "not_a_string", input=value))
    return False


def need_bool(problems: Problems, name: str, value: object) -> bool:
    """``True`` or ``False``."""
    if isinstance(value, bool):
        return True
    problems.append(detail(name, "not_a_boolean", input=value))
    return False


def need_number(
    problems: Problems,
    name: str,
    value: object,
    *,
    minimum: float | None = 0,
    maximum: float | None = None,
    integer: bool = False,
    exclusive_minimum: float | None = None,
    exclusive_maximum: float | None = None,
) -> bool:
    """A finite int or float (never a bool) within the bounds given.

    An integer beyond ±2**53 is refused whatever the bounds: it is not exactly a JSON
    number any more (RFC 7493, I-JSON) and would overflow the date and float arithmetic
    of the rules.
    """
    kinds: tuple[type, ...] = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        problems.append(detail(name, "not_an_integer" if integer else "not_a_number", input=value))
        return False
    if isinstance(value, int):
        if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            problems.append(detail(name, "out_of_range", "safe_integer", input=value))
            return False
    elif not math.isfinite(value):  # type: ignore[arg-type]  # a float, checked above
        problems.append(detail(name, "not_a_number", "not_finite", input=value))
        return False
    # int and float compare exactly with each other (no conversion that could overflow)
    if minimum is not None and value < minimum:  # type: ignore[operator]
        problems.append(detail(name, "out_of_range", "at_least", input=value, minimum=minimum))
        return False
    if maximum is not None and value > maximum:  # type: ignore[operator]
        problems.append(detail(name, "out_of_range", "at_most", input=value, maximum=maximum))
        return False
    if exclusive_minimum is not None and value <= exclusive_minimum:  # type: ignore[operator]
        problems.append(
            detail(name, "out_of_range", "more_than", input=value, minimum=exclusive_minimum)
        )
        return False
    if exclusive_maximum is not None and value >= exclusive_maximum:  # type: ignore[operator]
        problems.append(
            detail(name, "out_of_range", "less_than", input=value, maximum=exclusive_maximum)
        )
        return False
    return True


MAX_SAFE_INTEGER = 2**53
"""The largest integer (in size) any field accepts: the exact range of a JSON (I-JSON)
number. Validation, the fast path of `load`, the schemas and the strategies read it."""


def need_instance(problems: Problems, name: str, value: object, cls: type) -> bool:
    """An instance of ``cls``."""
    if isinstance(value, cls):
        return True
    problems.append(detail(name, "wrong_type", input=value, expected=cls.__name__))
    return False


def need_identifier(
    problems: Problems,
    name: str,
    value: object,
    validate: Callable[[str], str],
    *,
    shown: bool = True,
) -> bool:
    """A string that ``validate`` accepts in its compact form.

    ``shown=False`` keeps the value out of the message (personal data such as a NIR).
    """
    if not isinstance(value, str):
        if shown:
            problems.append(detail(name, "not_a_string", input=value))
        else:
            got = json_type(value, "fr"), json_type(value, "en")
            problems.append(detail(name, "not_a_string", "hidden", words={"got": got}))
        return False
    if shown:
        known = _VALID_IDENTIFIERS.get(validate)
        if known is not None and value in known:
            return True
    try:
        compact = validate(value)
    except InvalidIdentifier as exc:
        problems.append(
            detail(
                name,
                "bad_identifier",
                "default" if shown else "hidden",
                input=value if shown else NO_INPUT,
                words={"reason": (exc.message_fr, exc.message)},
                reason=exc.reason,
            )
        )
        return False
    if compact != value:
        problems.append(
            detail(
                name,
                "bad_identifier",
                "not_compact" if shown else "not_compact_hidden",
                input=value if shown else NO_INPUT,
                reason="not_compact",
            )
        )
        return False
    if shown:  # never keep personal data (a NIR: shown=False) in a module-level cache
        known = _VALID_IDENTIFIERS.setdefault(validate, set())
        if len(known) >= _VALID_IDENTIFIERS_MAX:
            known.clear()
        if _VALID_IDENTIFIERS_MAX:
            known.add(value)
    return True


# Valid, compact identifiers already seen, per validator (validators are pure functions):
# a national extract names the same few thousand structures (SIRET) again and again.
_VALID_IDENTIFIERS: dict[Callable[[str], str], set[str]] = {}
_VALID_IDENTIFIERS_MAX = 200_000


# --- declarations -------------------------------------------------------------------------
#
# A constraint is declared once: on the field (`declare`, in the field's attrs metadata,
# with the vocabulary of annotated-types: `Ge`, `Gt`, `Le`, `Lt`, `MinLen`, plus
# `NotBlank`, `Pattern`, `Identifier`, `Items`), or beside the entity for what involves
# several fields (`CONSTRAINTS`: `Ordered`, `Unique`…). Validation, the fast path of
# `load`, the JSON Schema, the docs and the hypothesis strategies all read these.

_DECLARED = "iae_core.constraints"
_SENSITIVE_KEY = "sensitive"

Ge = at.Ge
Gt = at.Gt
Le = at.Le
Lt = at.Lt
MinLen = at.MinLen
MaxLen = at.MaxLen


@attrs.frozen
class NotBlank:
    """Text with at least one character that is not white space.

    JSON Schema: ``minLength: 1`` and a ``pattern`` asking for a character that is not
    white space; error type ``empty_string``.
    """


@attrs.frozen
class Pattern:
    """Text matching ``regex`` whole (a code: a department, a NAF code…).

    Attributes:
        regex: the regular expression (matched whole).
        what: what the code is, in French and English (``("un code NAF", "a NAF code")``).
    """

    regex: str
    what: tuple[str, str]

    @property
    def compiled(self) -> re.Pattern[str]:
        """The regular expression, compiled (cached by `re`) with `re.ASCII`.

        ASCII, as in JSON Schema, where the pattern is published: a digit class means `0-9`
        only (in Python's default it also matches `٣` and every other Unicode digit).
        """
        return re.compile(self.regex, re.ASCII)


@attrs.frozen
class Identifier:
    """An identifier in compact form whose check digits ``validate`` verifies.

    Attributes:
        validate: the identifier module's ``validate`` (raises `InvalidIdentifier`).
        name: the identifier's name (``"SIRET"``).
        pattern: its shape, for the JSON Schema (the checksum is a named constraint of
            type ``bad_identifier``).
        shown: ``False`` keeps the value out of messages (a NIR).
    """

    validate: Callable[[str], str]
    name: str
    pattern: str
    shown: bool = True


class Items:
    """Constraints on each item of a list or set field (``Items(NotBlank())``).

    Attributes:
        constraints: the constraints of each item.
    """

    __slots__ = ("constraints",)

    def __init__(self, *constraints: Any) -> None:
        self.constraints: tuple[Any, ...] = constraints

    def __repr__(self) -> str:
        return f"Items{self.constraints!r}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Items) and other.constraints == self.constraints

    def __hash__(self) -> int:
        return hash(self.constraints)


def declare(*constraints: Any, sensitive: bool = False) -> dict[str, Any]:
    """Field metadata declaring ``constraints`` (``attrs.field(metadata=declare(Ge(0)))``).

    Args:
        *constraints: annotated-types bounds (`Ge`, `Gt`, `Le`, `Lt`, `MinLen`) and
            `NotBlank`, `Pattern`, `Identifier`, `Items`.
        sensitive: special-category or personal data: never shown in a message.
    """
    out: dict[str, Any] = {_DECLARED: tuple(constraints)}
    if sensitive:
        out[_SENSITIVE_KEY] = True
    return out


def declared(field: attrs.Attribute[Any]) -> tuple[Any, ...]:
    """The constraints declared on an attrs field (``()`` when none)."""
    return tuple(field.metadata.get(_DECLARED, ()))


@attrs.frozen
class FieldSpec:
    """A field as the declarations describe it.

    Attributes:
        name: the field's name.
        type: its type (an optional's inner type when ``optional``).
        optional: ``None`` is allowed.
        constraints: the constraints declared on it.
        sensitive: never shown in a message.
        required: it has no default.
    """

    name: str
    type: Any
    optional: bool
    constraints: tuple[Any, ...]
    sensitive: bool
    required: bool

    def bounds(self) -> dict[str, Any]:
        """The numeric bounds declared: ``{"minimum": …, "exclusiveMinimum": …}``."""
        return bounds_of(self.constraints)


def bounds_of(constraints: Iterable[Any]) -> dict[str, Any]:
    """The bounds among ``constraints``, by their JSON Schema keyword."""
    out: dict[str, Any] = {}
    for c in constraints:
        if isinstance(c, at.Ge):
            out["minimum"] = c.ge
        elif isinstance(c, at.Gt):
            out["exclusiveMinimum"] = c.gt
        elif isinstance(c, at.Le):
            out["maximum"] = c.le
        elif isinstance(c, at.Lt):
            out["exclusiveMaximum"] = c.lt
    return out


def _is_optional(t: Any) -> bool:
    return typing.get_origin(t) in (typing.Union, types.UnionType) and type(None) in (
        typing.get_args(t)
    )


_SPECS: dict[type, tuple[FieldSpec, ...]] = {}


def field_specs(cls: type) -> tuple[FieldSpec, ...]:
    """Every field of the entity class ``cls`` with its type and declared constraints."""
    found = _SPECS.get(cls)
    if found is not None:
        return found
    target: Any = cls
    hints = typing.get_type_hints(target)
    specs = []
    for f in attrs.fields(target):
        t = hints[f.name]
        optional = _is_optional(t)
        if optional:
            (t,) = (a for a in typing.get_args(t) if a is not type(None))
        specs.append(
            FieldSpec(
                name=f.name,
                type=t,
                optional=optional,
                constraints=declared(f),
                sensitive=bool(f.metadata.get(_SENSITIVE_KEY)),
                required=f.default is attrs.NOTHING,
            )
        )
    out = tuple(specs)
    _SPECS[cls] = out
    return out


Check = Callable[[Problems, Any], bool]
_CHECKS: dict[type, tuple[tuple[str, Check], ...]] = {}


def field_checks(cls: type) -> tuple[tuple[str, Check], ...]:
    """The check of each field of ``cls``, built once from its type and declarations."""
    found = _CHECKS.get(cls)
    if found is None:
        found = tuple((s.name, _spec_check(s)) for s in field_specs(cls))
        _CHECKS[cls] = found
    return found


def _spec_check(spec: FieldSpec) -> Check:
    inner = _type_check(spec.name, spec.type, spec.constraints, sensitive=spec.sensitive)
    if not spec.optional:
        return inner

    def optional(problems: Problems, value: Any) -> bool:
        return value is None or inner(problems, value)

    return optional


def _type_check(
    name: str, t: Any, constraints: tuple[Any, ...], *, sensitive: bool = False
) -> Check:
    origin = typing.get_origin(t)
    bounds = bounds_of(constraints)
    if t is pendulum.Date:
        return lambda problems, value: need_date(problems, name, value)
    if isinstance(t, type) and issubclass(t, Enum):
        if sensitive:  # a special-category code (a proof's criterion): never shown
            return lambda problems, value: _need_hidden_enum(problems, name, value, t)
        return lambda problems, value: need_enum(problems, name, value, t)
    if t is bool:
        if sensitive:
            return lambda problems, value: _need_hidden_bool(problems, name, value)
        return lambda problems, value: need_bool(problems, name, value)
    if t in (int, float):
        integer = t is int
        lo, hi = bounds.get("minimum"), bounds.get("maximum")
        xlo, xhi = bounds.get("exclusiveMinimum"), bounds.get("exclusiveMaximum")

        def number(problems: Problems, value: Any) -> bool:
            return need_number(
                problems,
                name,
                value,
                minimum=lo,
                maximum=hi,
                integer=integer,
                exclusive_minimum=xlo,
                exclusive_maximum=xhi,
            )

        return number
    if t is str:
        return _str_check(name, constraints)
    if origin in (tuple, frozenset):
        (item,) = typing.get_args(t)[:1]
        item_constraints: tuple[Any, ...] = ()
        min_items = None
        for c in constraints:
            if isinstance(c, Items):
                item_constraints = c.constraints
            elif isinstance(c, at.MinLen):
                min_items = c.min_length
        if origin is frozenset and isinstance(item, type) and issubclass(item, Enum):
            if sensitive:
                return lambda problems, value: need_hidden_enum_set(problems, name, value, item)
            check_set: Check = lambda problems, value: need_enum_set(problems, name, value, item)  # noqa: E731
        else:
            # a frozenset of text comes as a tuple, in the order given, when an item is bad
            # (`to_str_set`), so that the item is reported at its index (`holds[1]`)
            kinds: tuple[type, ...] = (tuple,) if origin is tuple else (frozenset, tuple)

            def each(problems: Problems, value: Any) -> bool:
                if not isinstance(value, kinds):
                    if origin is frozenset:
                        expected = getattr(item, "__name__", str(item))
                        problems.append(detail(name, "not_a_set", input=value, expected=expected))
                    else:
                        problems.append(detail(name, "not_a_list", input=value))
                    return False
                ok = True
                items: Any = (
                    value if type(value) is tuple else sorted(typing.cast(Any, value), key=show)
                )
                for i, v in enumerate(items):
                    ok = item_check(problems, v, f"{name}[{i}]") and ok
                return ok

            item_check = _item_check(item, item_constraints)
            check_set = each
        if min_items is None:
            return check_set
        n = min_items

        def at_least(problems: Problems, value: Any) -> bool:
            if not check_set(problems, value):
                return False
            if len(value) < n:
                problems.append(detail(name, "too_few_items", minimum=n))
                return False
            return True

        return at_least
    if isinstance(t, type) and attrs.has(t):
        return lambda problems, value: need_instance(problems, name, value, t)
    msg = f"no check for the type {t!r} of {name}"
    raise TypeError(msg)


def _item_check(item: Any, constraints: tuple[Any, ...]) -> Callable[[Problems, Any, str], bool]:
    if item is str:
        checks: dict[str, Check] = {}

        def text(problems: Problems, value: Any, path: str) -> bool:
            check = checks.get(path)
            if check is None:
                check = checks[path] = _str_check(path, constraints)
            return check(problems, value)

        return text
    if isinstance(item, type) and attrs.has(item):

        def instance(problems: Problems, value: Any, path: str) -> bool:
            if isinstance(value, item):
                return True
            problems.append(detail(path, "wrong_type", input=value, expected=item.__name__))
            return False

        return instance
    msg = f"no check for the items {item!r}"
    raise TypeError(msg)


def _str_check(name: str, constraints: tuple[Any, ...]) -> Check:
    blank_ok = not any(isinstance(c, NotBlank) for c in constraints)
    ident = next((c for c in constraints if isinstance(c, Identifier)), None)
    patterns = [c for c in constraints if isinstance(c, Pattern)]
    if ident is not None:
        validate, shown = ident.validate, ident.shown
        return lambda problems, value: need_identifier(problems, name, value, validate, shown=shown)

    def text(problems: Problems, value: Any) -> bool:
        if not need_str(problems, name, value, empty=blank_ok):
            return False
        for p in patterns:
            if not p.compiled.fullmatch(value):
                problems.append(detail(name, "bad_format", input=value, words={"what": p.what}))
                return False
        return True

    return text


def _need_hidden_bool(problems: Problems, name: str, value: object) -> bool:
    if isinstance(value, bool):
        return True
    got = json_type(value, "fr"), json_type(value, "en")
    problems.append(detail(name, "not_a_boolean", "hidden", words={"got": got}))
    return False


def _need_hidden_enum(problems: Problems, name: str, value: object, enum: type[Enum]) -> bool:
    if isinstance(value, enum):
        return True
    allowed = tuple(m.value for m in enum)
    got = json_type(value, "fr"), json_type(value, "en")
    problems.append(
        detail(name, "bad_enum", "hidden", enum=enum.__name__, allowed=allowed, words={"got": got})
    )
    return False


def need_hidden_enum_set(problems: Problems, name: str, value: object, enum: type[Enum]) -> bool:
    """A frozenset of members of `enum`; the message never shows the values given."""
    if not isinstance(value, frozenset):
        got = json_type(value, "fr"), json_type(value, "en")
        problems.append(
            detail(name, "not_a_set", "hidden", expected=enum.__name__, words={"got": got})
        )
        return False
    bad = sum(1 for v in value if not isinstance(v, enum))
    kinds = tuple(sorted({type(v).__name__ for v in value if not isinstance(v, enum)}))
    if bad:
        problems.append(
            detail(
                name, "not_a_set", "hidden_items", expected=enum.__name__, count=bad, kinds=kinds
            )
        )
        return False
    return True


# --- named cross-field constraints ------------------------------------------------------------
#
# Each kind is one class with one stable error type, reused by every entity that has that
# kind of constraint. Paths name fields (``end``), fields of a nested entity
# (``assessment.hired_on``) and every item of a list (``renewals[].end``).


def _values(obj: object, path: str) -> Iterator[tuple[str, Any]]:
    """``(path, value)`` for each value at ``path`` (``renewals[].end``: one per renewal).

    Nothing is yielded where a step is missing or ``None`` (no value to judge) or a list
    is not a tuple or frozenset (its type error is reported by the field checks).
    """
    steps = path.split(".")

    def walk(node: object, i: int, prefix: str) -> Iterator[tuple[str, Any]]:
        if i == len(steps):
            yield prefix, node
            return
        step = steps[i]
        many = step.endswith("[]")
        key = step[:-2] if many else step
        value = getattr(node, key, None)
        here = f"{prefix}.{key}" if prefix else key
        if value is None:
            return
        if many:
            if not isinstance(value, tuple):
                return
            for j, item in enumerate(value):
                yield from walk(item, i + 1, f"{here}[{j}]")
        else:
            yield from walk(value, i + 1, here)

    return walk(obj, 0, "")


def _one(obj: object, path: str) -> Any:
    for _, value in _values(obj, path):
        return value
    return None


def _comparable(a: object, b: object) -> bool:
    if type(a) is pendulum.Date and type(b) is pendulum.Date:
        return True
    number = (int, float)
    return (
        isinstance(a, number)
        and isinstance(b, number)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    )


def _words(value: Any) -> str:
    return ", ".join(str(getattr(v, "value", v)) for v in value)


class Constraint:
    """A named constraint between fields of an entity, declared once beside it.

    Attributes:
        type: its stable error type (one of `ERROR_TYPES`), shared by every constraint of
            its kind.
    """

    type: ClassVar[str] = ""

    def fields(self) -> tuple[str, ...]:
        """The fields (paths) it involves."""
        raise NotImplementedError

    def heads(self) -> frozenset[str]:
        """The entity's own fields it involves (``renewals`` for ``renewals[].end``)."""
        return frozenset(re.split(r"[.\[]", path, maxsplit=1)[0] for path in self.fields())

    def describe(self) -> tuple[str, str]:
        """What it requires, in French and English."""
        raise NotImplementedError

    def check(self, obj: object, problems: Problems) -> None:
        """Append a problem for each place where ``obj`` breaks it."""
        raise NotImplementedError

    def to_json(self) -> dict[str, Any]:
        """Its entry in a schema's ``x-iae-constraints``."""
        fr, en = self.describe()
        return {
            "type": self.type,
            "fields": list(self.fields()),
            "description": {"fr": fr, "en": en},
        }


@attrs.frozen
class Ordered(Constraint):
    """``then`` on or after ``first`` (strictly after when ``strict``): dates or numbers.

    The problem is reported at ``then``, or at ``first`` when ``at_first``.
    """

    first: str
    then: str
    strict: bool = False
    at_first: bool = False
    type: ClassVar[str] = "bad_order"

    def fields(self) -> tuple[str, ...]:
        return (self.first, self.then)

    def describe(self) -> tuple[str, str]:
        if self.strict:
            return (
                f"`{self.then}` est après `{self.first}`",
                f"`{self.then}` is after `{self.first}`",
            )
        return (
            f"`{self.then}` est égal à `{self.first}` ou après",
            f"`{self.then}` is on or after `{self.first}`",
        )

    def check(self, obj: object, problems: Problems) -> None:
        for first_path, a in _values(obj, self.first):
            for then_path, b in _values(obj, self.then):
                if not _comparable(a, b) or b > a or (b == a and not self.strict):
                    continue
                dated = type(a) is pendulum.Date
                if self.at_first:
                    variant = "on_or_before" if dated else "at_most_field"
                    problems.append(
                        detail(
                            first_path,
                            "bad_order",
                            variant,
                            input=a,
                            end_name=self.then,
                            end=b,
                            start=a,
                        )
                    )
                    continue
                variant = ("after" if self.strict else "on_or_after") if dated else "at_least_field"
                problems.append(
                    detail(
                        then_path,
                        "bad_order",
                        variant,
                        input=b,
                        start_name=self.first,
                        start=a,
                        end=b,
                    )
                )


@attrs.frozen
class Within(Constraint):
    """Each date at ``path`` between ``start`` and ``end`` inclusive."""

    path: str
    start: str
    end: str
    type: ClassVar[str] = "outside_period"

    def fields(self) -> tuple[str, ...]:
        return (self.path, self.start, self.end)

    def describe(self) -> tuple[str, str]:
        return (
            f"`{self.path}` est entre `{self.start}` et `{self.end}`",
            f"`{self.path}` is between `{self.start}` and `{self.end}`",
        )

    def check(self, obj: object, problems: Problems) -> None:
        start, end = _one(obj, self.start), _one(obj, self.end)
        if type(start) is not pendulum.Date or type(end) is not pendulum.Date:
            return
        for path, day in _values(obj, self.path):
            if type(day) is pendulum.Date and not start <= day <= end:
                problems.append(
                    detail(path, "outside_period", input=day, start=start, end=end, day=day)
                )


@attrs.frozen
class Unique(Constraint):
    """No two items of ``items`` alike (by their field ``key`` when given)."""

    items: str
    key: str | None = None
    type: ClassVar[str] = "duplicate"

    def fields(self) -> tuple[str, ...]:
        return (self.items if self.key is None else f"{self.items}[].{self.key}",)

    def describe(self) -> tuple[str, str]:
        if self.key is None:
            return (
                f"les éléments de `{self.items}` sont distincts",
                f"the items of `{self.items}` are distinct",
            )
        return (
            f"deux éléments de `{self.items}` n'ont jamais le même `{self.key}`",
            f"no two items of `{self.items}` have the same `{self.key}`",
        )

    def check(self, obj: object, problems: Problems) -> None:
        items = getattr(obj, self.items, None)
        if not isinstance(items, tuple):
            return
        seen: set[Any] = set()
        for i, item in enumerate(items):
            value = item if self.key is None else getattr(item, self.key, None)
            try:
                repeated = value in seen
                seen.add(value)
            except TypeError:
                continue
            if repeated:
                path = f"{self.items}[{i}]" if self.key is None else f"{self.items}[{i}].{self.key}"
                problems.append(detail(path, "duplicate", input=value))


@attrs.frozen
class Requires(Constraint):
    """``other`` is given whenever ``field`` is (an empty list counts as not given).

    The problem is reported at ``field``, or at ``other`` when ``at_other``.
    """

    field: str
    other: str
    at_other: bool = False
    type: ClassVar[str] = "requires"

    def fields(self) -> tuple[str, ...]:
        return (self.field, self.other)

    def describe(self) -> tuple[str, str]:
        return (
            f"`{self.other}` est donné quand `{self.field}` l'est",
            f"`{self.other}` is given when `{self.field}` is",
        )

    def check(self, obj: object, problems: Problems) -> None:
        value = getattr(obj, self.field, None)
        if value is None or value == () or _one(obj, self.other) is not None:
            return
        if self.at_other:
            problems.append(detail(self.other, "requires", "missing", field=self.field))
        else:
            problems.append(detail(self.field, "requires", other=self.other))


@attrs.frozen
class RequiredWhen(Constraint):
    """``field`` is given when ``when`` is one of ``values`` (or has ``min_items`` items)."""

    field: str
    when: str
    values: frozenset[Any] = frozenset()
    min_items: int | None = None
    type: ClassVar[str] = "required_for"

    def fields(self) -> tuple[str, ...]:
        return (self.field, self.when)

    def _condition(self) -> tuple[str, str]:
        if self.min_items is not None:
            return (
                f"`{self.when}` a au moins {self.min_items} éléments",
                f"`{self.when}` has at least {self.min_items} items",
            )
        codes = _words(sorted(self.values, key=str))
        return (f"`{self.when}` vaut {codes}", f"`{self.when}` is {codes}")

    def describe(self) -> tuple[str, str]:
        fr, en = self._condition()
        return (f"`{self.field}` est donné quand {fr}", f"`{self.field}` is given when {en}")

    def check(self, obj: object, problems: Problems) -> None:
        if getattr(obj, self.field, None) is not None:
            return
        when = getattr(obj, self.when, None)
        if self.min_items is not None:
            if isinstance(when, tuple) and len(when) >= self.min_items:
                problems.append(
                    detail(
                        self.field, "required_for", "count", when=self.when, count=self.min_items
                    )
                )
            return
        try:
            applies = when in self.values
        except TypeError:
            return
        if applies:
            problems.append(detail(self.field, "required_for", when=self.when, value=when))


@attrs.frozen
class OnlyWhen(Constraint):
    """``field`` is given only when ``when`` is one of ``values``."""

    field: str
    when: str
    values: frozenset[Any]
    type: ClassVar[str] = "not_allowed"

    def fields(self) -> tuple[str, ...]:
        return (self.field, self.when)

    def describe(self) -> tuple[str, str]:
        codes = _words(sorted(self.values, key=str))
        return (
            f"`{self.field}` n'est donné que quand `{self.when}` vaut {codes}",
            f"`{self.field}` is given only when `{self.when}` is {codes}",
        )

    def check(self, obj: object, problems: Problems) -> None:
        if getattr(obj, self.field, None) is None:
            return
        when = getattr(obj, self.when, None)
        if isinstance(when, Enum) and when not in self.values:
            problems.append(
                detail(
                    self.field,
                    "not_allowed",
                    when=self.when,
                    value=when,
                    allowed=tuple(sorted(self.values, key=str)),
                )
            )


@attrs.frozen
class ExactlyOne(Constraint):
    """Exactly one of ``names`` is given (reported at the first)."""

    names: tuple[str, ...]
    type: ClassVar[str] = "exactly_one"

    def fields(self) -> tuple[str, ...]:
        return self.names

    def describe(self) -> tuple[str, str]:
        names = ", ".join(f"`{n}`" for n in self.names)
        return (f"exactement un de {names} est donné", f"exactly one of {names} is given")

    def check(self, obj: object, problems: Problems) -> None:
        given = sum(getattr(obj, n, None) is not None for n in self.names)
        if given != 1:
            problems.append(detail(self.names[0], "exactly_one", names=self.names, given=given))


@attrs.frozen
class NotAllZero(Constraint):
    """The numbers ``names`` are not all 0 (reported on the entity itself)."""

    names: tuple[str, ...]
    type: ClassVar[str] = "all_zero"

    def fields(self) -> tuple[str, ...]:
        return self.names

    def describe(self) -> tuple[str, str]:
        names = ", ".join(f"`{n}`" for n in self.names)
        return (f"{names} ne valent pas tous 0", f"{names} are not all 0")

    def check(self, obj: object, problems: Problems) -> None:
        values = [getattr(obj, n, None) for n in self.names]
        if all(isinstance(v, int | float) and not isinstance(v, bool) and v == 0 for v in values):
            problems.append(detail("", "all_zero", names=self.names))


@attrs.frozen
class MemberOf(Constraint):
    """Each value at ``path`` is one of the values at ``among`` (``members[].siret``)."""

    path: str
    among: str
    type: ClassVar[str] = "not_a_member"

    def fields(self) -> tuple[str, ...]:
        return (self.path, self.among)

    def describe(self) -> tuple[str, str]:
        return (
            f"`{self.path}` est l'un des `{self.among}`",
            f"`{self.path}` is one of `{self.among}`",
        )

    def check(self, obj: object, problems: Problems) -> None:
        known: set[object] = set()
        for _, v in _values(obj, self.among):
            if isinstance(v, frozenset | tuple):  # a set of codes (`criteria`)
                known.update(v)
            elif isinstance(v, str | Enum):
                known.add(v)
        for path, value in _values(obj, self.path):
            if isinstance(value, str | Enum) and value not in known:
                problems.append(detail(path, "not_a_member", input=value, among=self.among))


@attrs.frozen
class SameAs(Constraint):
    """Each value at ``path`` equals the one at ``other`` (``structure.kind``)."""

    path: str
    other: str
    type: ClassVar[str] = "mismatch"

    def fields(self) -> tuple[str, ...]:
        return (self.path, self.other)

    def describe(self) -> tuple[str, str]:
        return (f"`{self.path}` est égal à `{self.other}`", f"`{self.path}` equals `{self.other}`")

    def check(self, obj: object, problems: Problems) -> None:
        expected = _one(obj, self.other)
        if not isinstance(expected, Enum):
            return
        for path, value in _values(obj, self.path):
            if isinstance(value, Enum) and value is not expected:
                problems.append(
                    detail(path, "mismatch", input=value, other=self.other, expected=expected)
                )


def identifier_constraints(cls: type) -> tuple[tuple[str, Identifier], ...]:
    """The fields of ``cls`` declared as identifiers with check digits, with the declaration."""
    out = []
    for spec in field_specs(cls):
        for c in spec.constraints:
            if isinstance(c, Identifier):
                out.append((spec.name, c))
            elif isinstance(c, Items):
                out.extend(
                    (f"{spec.name}[]", i) for i in c.constraints if isinstance(i, Identifier)
                )
    return tuple(out)


SIRET = Identifier(_siret.validate, "SIRET", r"^[0-9]{14}$")
"""A SIRET: 14 digits, compact, with a valid check digit (Luhn)."""
NIR = Identifier(
    _nir.validate,
    "NIR",
    r"^[123478][0-9]{2}(0[1-9]|1[0-2]|[23][0-9]|4[0-2]|[5-9][0-9])([0-9]{2}|2[AB])[0-9]{8}$",
    shown=False,
)
"""A NIR (social security number), compact, with a valid key; never shown."""
ROME = Identifier(_rome.validate, "ROME", r"^[A-N][0-9]{4}$")
"""A ROME code (``M1607``)."""
DEPARTMENT = Pattern(
    r"^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-8]|98[4-9])$",
    ("un code de département", "a department code"),
)
"""A French department code (``75``, ``2A``, ``974``)."""
TEXT = NotBlank()
"""Required text: not empty, not only white space."""

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
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any, TypeVar

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
    loc_of,
    show,
)
from iae_core.identifiers import nir as _nir
from iae_core.identifiers import siret as _siret

__all__ = ["Entity", "Problems", "problem"]

Problems = list[ErrorDetail | tuple[str, str]]
"""What `_validate` appends to: `ErrorDetail`s (from the `need_*` helpers and `problem`),
or `(path, English message)` pairs (older code: type `invalid`, no French)."""
C = TypeVar("C", bound=type)
E = TypeVar("E", bound=Enum)


class Entity:
    """Base of every entity: runs ``_validate`` after ``__init__``."""

    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        self._validate(problems)
        if problems:
            raise InvalidData(problems)

    def _validate(self, problems: Problems) -> None:
        """Append ``(field, message)`` for every always-wrong value."""

    def _valid_structured(self) -> bool:
        """Whether ``_validate`` would find nothing, for an entity `load`'s fast path built.

        There every field already holds a value of its declared type (strings, booleans,
        integers, `pendulum.Date` between `MIN_DATE` and `MAX_DATE`, enum members,
        tuples of the right entities), so only the checks beyond the types are left.
        ``False`` means "run ``_validate``" (the default, and whenever in doubt): it must
        never be ``True`` where ``_validate`` would report a problem.
        """
        return False

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
    order, for `need_str_items` to report that item at its index (`holds[0]`).
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


def _show(value: object) -> str:
    return show(value)


def problem(
    problems: Problems,
    name: str,
    fr: str,
    en: str,
    *,
    type: str = "invalid",
    input: Any = NO_INPUT,
    **params: Any,
) -> None:
    """Append a problem stated by the entity, in French and English.

    For what no `need_*` helper says (a duplicate member, a field required by another).
    `fr` and `en` are final messages; `params` are kept on the detail.
    """
    problems.append(
        ErrorDetail(
            loc=_loc(name), type=type, message=fr, message_en=en, input=input, params=params
        )
    )


def _loc(name: str) -> tuple[str | int, ...]:
    return loc_of(name)


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


def need_optional_date(problems: Problems, name: str, value: object) -> bool:
    """``None`` or a calendar date."""
    return value is None or need_date(problems, name, value)


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


def need_optional_str(problems: Problems, name: str, value: object) -> bool:
    """``None`` or a non-empty string."""
    return value is None or need_str(problems, name, value)


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
        if not -_MAX_SAFE_INTEGER <= value <= _MAX_SAFE_INTEGER:
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
    return True


_MAX_SAFE_INTEGER = 2**53


def need_order(
    problems: Problems,
    start: object,
    end: object,
    *,
    end_name: str = "end",
    start_name: str = "start",
    strict: bool = False,
) -> None:
    """``end`` on or after ``start`` (strictly after when ``strict``); both already dates."""
    if not (isinstance(start, pendulum.Date) and isinstance(end, pendulum.Date)):
        return
    if end < start or (strict and end == start):
        problems.append(
            detail(
                end_name,
                "bad_order",
                "after" if strict else "on_or_after",
                input=end,
                start_name=start_name,
                start=start,
                end=end,
            )
        )


def need_items(problems: Problems, name: str, value: object, cls: type) -> bool:
    """A tuple whose items are all ``cls`` instances."""
    if not isinstance(value, tuple):
        problems.append(detail(name, "not_a_list", input=value))
        return False
    ok = True
    for i, item in enumerate(value):
        if not isinstance(item, cls):
            problems.append(
                detail((*_loc(name), i), "wrong_type", input=item, expected=cls.__name__)
            )
            ok = False
    return ok


def need_str_items(problems: Problems, name: str, value: object) -> bool:
    """A set (or list) of non-blank strings; each bad item reported at its index.

    The index is the item's place in the list given (`holds[0]`: `to_str_set` keeps a
    list with a bad item as it is); for a set, in the sorted order of the items.
    """
    if isinstance(value, frozenset | set):
        items: list[object] = sorted(value, key=_show)
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        words = {"expected": ("chaînes de caractères", "strings")}
        problems.append(detail(name, "not_a_set", input=value, words=words))
        return False
    ok = True
    for i, item in enumerate(items):
        if not isinstance(item, str):
            problems.append(detail((*_loc(name), i), "not_a_string", input=item))
            ok = False
        elif not item.strip():
            problems.append(detail((*_loc(name), i), "empty_string", input=item))
            ok = False
    return ok


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


def iter_problems(items: Iterable[tuple[str, str]]) -> Problems:
    """Materialise problems (helper for tests)."""
    return list(items)

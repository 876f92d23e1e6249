"""Data in and out: one cattrs converter for every entity.

    >>> data = dump(approval)            # JSON-safe: ISO dates, enum values, lists
    >>> load(Approval, data) == approval
    True

Rules (the contract with embedders):

* field names are the JSON names; dates are ISO 8601 ``YYYY-MM-DD`` strings and come back
  as `pendulum.Date`; enums are their values; sets are sorted lists;
* **nothing is coerced**: a number where a string is expected, ``"20"`` where a number is
  expected, ``1`` for ``true``, an unknown key — each is an error;
* every problem is reported at once by one `InvalidData` whose
  message lists every bad field with its path (``contracts[2].start: not a date:
  '2024-13-01'``).

Speed: loading first runs a converter *without* cattrs' detailed validation (fast
generated functions); only when that fails is the input structured again with detailed
validation, to collect every error with its path.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import json
import os
import re
import sys
import types
import typing
import weakref
from collections.abc import Callable, Iterable, Iterator
from enum import Enum, StrEnum
from functools import cache
from typing import Any, BinaryIO, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from iae_core._kernel.model import (
    MAX_DATE,
    MAX_SAFE_INTEGER,
    MIN_DATE,
    Constraint,
    Entity,
    FieldSpec,
    Identifier,
    Items,
    MemberOf,
    NotBlank,
    Ordered,
    Pattern,
    RequiredWhen,
    Requires,
    SameAs,
    bounds_of,
    field_specs,
    need_identifier,
)
from iae_core._kernel.text import reason_words
from iae_core.errors import (
    ErrorDetail,
    InvalidData,
    Loc,
    detail,
    json_type,
    path_of,
    show,
)

__all__ = [
    "configure_converter",
    "dump",
    "dump_json",
    "load",
    "loads",
    "make_converter",
    "write_jsonl",
]

T = TypeVar("T")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _show(value: object) -> str:
    return show(value)


class _BadValueError(ValueError):
    """A leaf error of structuring: the type of error, and the value given.

    The value is shown in the message (``not a date: "2024-13-01"``) except under a field
    marked sensitive (a NIR, the ``rqth`` flag…), where only its JSON type is.
    """

    def __init__(self, type_: str, value: object, **params: Any) -> None:
        self.type, self.value, self.params = type_, value, params
        super().__init__(type_)

    def detail(self, loc: tuple[str | int, ...], *, hide: bool) -> ErrorDetail:
        """The error at ``loc``, without the value when ``hide`` (its JSON type only)."""
        if hide:
            got = json_type(self.value, "fr"), json_type(self.value, "en")
            return detail(loc, self.type, "hidden", words={"got": got}, **self.params)
        return detail(loc, self.type, input=self.value, **self.params)


def _structure_date(value: Any, _: Any) -> pendulum.Date:
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        raise _BadValueError("not_a_date", value)
    try:
        parsed = _dt.date.fromisoformat(value)
    except ValueError:
        raise _BadValueError("not_a_date", value) from None
    return pendulum.Date(parsed.year, parsed.month, parsed.day)


_DAYS: dict[str, pendulum.Date] = {}
"""The dates `load`'s fast path has read, by their text: filled and emptied within one call
(a national extract has a few thousand distinct days; a date object is immutable)."""


def _structure_fast_date(value: Any, _: Any) -> pendulum.Date:
    """The fast path's date hook: like `_structure_date`, refusing dates out of range."""
    if type(value) is str:
        day = _DAYS.get(value)
        if day is not None:
            return day
    day = _structure_date(value, _)
    if not MIN_DATE <= day <= MAX_DATE:
        raise _BadValueError("out of range", value)
    _DAYS[value] = day
    return day


def _unstructure_date(value: _dt.date) -> str:
    return value.isoformat()


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise _BadValueError("not_a_string", value)
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise _BadValueError("not_a_boolean", value)
    return value


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise _BadValueError("not_an_integer", value)
    return value


def _structure_float(value: Any, _: Any) -> float:
    # An integer is a valid JSON number for a float field; it is kept as given so that
    # round trips are exact (20 == 20.0 anyway).
    if type(value) not in (int, float):
        raise _BadValueError("not_a_number", value)
    return value  # type: ignore[no-any-return]


@cache
def _enum_hook(enum: type[Enum]) -> Callable[[Any, Any], Enum]:
    members = {m.value: m for m in enum}
    allowed = tuple(members)

    def structure(value: Any, _: Any) -> Enum:
        if type(value) is str:
            member = members.get(value)
            if member is not None:
                return member
        raise _BadValueError("bad_enum", value, enum=enum.__name__, allowed=allowed)

    return structure


def _structure_enum(value: Any, enum: type[Enum]) -> Enum:
    return _enum_hook(enum)(value, enum)


def _unstructure_enum(value: Enum) -> Any:
    return value.value


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, Enum)


def _is_homogeneous_seq(t: Any) -> bool:
    origin = typing.get_origin(t)
    return origin in (tuple, frozenset, list)


def _seq_hook(converter: cattrs.Converter, *, detailed: bool) -> Callable[[Any], Any]:
    def factory(t: Any) -> Callable[[Any, Any], Any]:
        origin = typing.get_origin(t)
        args = typing.get_args(t)
        item_type = args[0]
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            msg = f"only homogeneous tuples are supported, not {t}"
            raise TypeError(msg)
        item_hook = converter.get_structure_hook(item_type)
        build: Callable[[Any], Any] = {tuple: tuple, frozenset: frozenset, list: list}[origin]

        unique = build is frozenset  # a JSON array for a set: no item twice

        def structure(value: Any, _: Any) -> Any:
            if type(value) is not list:
                raise _BadValueError("not_a_list", value)
            if not detailed:
                built = build([item_hook(v, item_type) for v in value])
                if unique and len(built) != len(value):
                    raise _BadValueError("duplicate", value)
                return built
            out = []
            errors: list[Exception] = []
            for i, v in enumerate(value):
                try:
                    out.append(item_hook(v, item_type))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring {t} @ index {i}", i, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            built = build(out)
            if unique and len(built) != len(value):
                raise _BadValueError("duplicate", value)
            return built

        if not detailed:  # the generated functions may write this one out (`_value_lines`)
            _FAST_SEQUENCES[structure] = (build, item_hook, item_type)
        return structure

    return factory


_FAST_SEQUENCES: weakref.WeakKeyDictionary[Callable[..., Any], tuple[Any, Any, Any]] = (
    weakref.WeakKeyDictionary()
)
"""The fast sequence hooks: how each builds its value (container, item hook, item type)."""


def _is_list_like(t: Any) -> bool:
    return typing.get_origin(t) in (tuple, list) or t in (tuple, list)


def _is_set_like(t: Any) -> bool:
    return typing.get_origin(t) is frozenset or t is frozenset


def _unstructure_seq(value: tuple[Any, ...] | list[Any]) -> list[Any]:
    return [_UNSTRUCTURE(v) for v in value]


def _unstructure_set(value: frozenset[Any]) -> list[Any]:
    items = [_UNSTRUCTURE(v) for v in value]
    return sorted(items, key=repr) if items and not isinstance(items[0], str) else sorted(items)


def _is_optional(t: Any) -> bool:
    if typing.get_origin(t) not in (typing.Union, types.UnionType):
        return False
    args = typing.get_args(t)
    return len(args) == 2 and type(None) in args


def _optional_hook(converter: cattrs.Converter) -> Callable[[Any], Any]:
    """``X | None``: the hook of ``X`` looked up once, not at every call (cattrs' default)."""

    def factory(t: Any) -> Callable[[Any, Any], Any]:
        (inner_type,) = (a for a in typing.get_args(t) if a is not type(None))
        hook: Callable[[Any, Any], Any] | None = None

        def structure(value: Any, _: Any) -> Any:
            nonlocal hook
            if value is None:
                return None
            if hook is None:  # looked up lazily: a class may refer to itself
                hook = converter.get_structure_hook(inner_type)
            return hook(value, inner_type)

        return structure

    return factory


class _Failed:
    """Stands for a field that could not be structured, while the others are validated."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unreadable>"


_FAILED = _Failed()


def _under(loc: Loc, prefixes: frozenset[str]) -> bool:
    """Whether ``loc`` is one of the fields ``prefixes`` or lies under one."""
    return bool(loc) and loc[0] in prefixes


def _detailed_class_fn(converter: cattrs.Converter, cls: Any) -> Callable[[dict[Any, Any]], Any]:
    """Structure ``cls`` collecting *every* problem, type errors and refused values alike.

    Each field is structured on its own; then the entity is built with a placeholder in
    the fields that failed, so that its own validation (ranges, empty strings, dates out
    of range, cross-field checks) still reports on the others. Problems the placeholder
    itself causes (at a failed field, or under it) are dropped.
    """
    attrs.resolve_types(cls)
    fields = [f for f in attrs.fields(cls) if f.init]
    names = {f.alias or f.name for f in fields}
    hooks: dict[str, tuple[Callable[[Any, Any], Any], Any]] = {}
    required = [f.alias or f.name for f in fields if f.default is attrs.NOTHING]
    sensitive = _sensitive_fields(cls)

    def structure(value: dict[Any, Any]) -> Any:
        problems: list[ErrorDetail] = []
        failed: set[str] = set()
        kwargs: dict[str, Any] = {}
        for f in fields:
            name = f.alias or f.name
            if name not in value:
                continue
            hook = hooks.get(name)
            if hook is None:
                hook = hooks[name] = (converter.get_structure_hook(f.type), f.type)
            try:
                kwargs[name] = hook[0](value[name], hook[1])
            except Exception as exc:
                problems.extend(_flatten(exc, (name,), hide=f.name in sensitive))
                failed.add(name)
                kwargs[name] = _FAILED
                continue
            if f.type == frozenset[str] and type(value[name]) is list:
                # the strings in the order given: the entity reports a bad one at its
                # index (`holds[0]`), which a set would have lost
                kwargs[name] = tuple(value[name])
        for name in required:
            if name not in value:
                problems.append(detail((name,), "missing"))
                failed.add(name)
                kwargs[name] = _FAILED
        extra = [k for k in value if k not in names]
        if not problems and not extra:
            return cls(**kwargs)
        try:
            cls(**kwargs)
        except InvalidData as exc:
            skip = frozenset(failed)
            problems.extend(d for d in exc.details if not _under(d.loc, skip))
        except Exception:  # a validation that cannot run on a placeholder: the rest stands
            pass
        for key in sorted(extra, key=lambda k: (type(k) is not str, _show(k))):
            if type(key) is str:
                problems.append(detail((key,), "unknown_field"))
            else:
                problems.append(detail((), "not_a_string_key", input=key))
        raise InvalidData(problems)

    return structure


def _converted_type(t: Any) -> bool:
    """Whether a field of type ``t`` gets from its hook a value its converter keeps as is.

    The entities' converters are lossless conversions *into* the field's type (a plain
    date to a `pendulum.Date`, a list to a tuple, a code to its enum member): on the
    value a strict hook produced (already a `pendulum.Date`, a tuple, a member) they
    change nothing, so the fast path skips them. Identifiers (strings) keep theirs.
    """
    if _is_optional(t):
        (t,) = (a for a in typing.get_args(t) if a is not type(None))
    return t is pendulum.Date or _is_enum(t) or typing.get_origin(t) in (tuple, frozenset)


_BUILDING: set[Any] = set()


def _fast_entity_fn(converter: cattrs.Converter, cls: Any) -> Callable[[Any, Any], Any] | None:
    """The fast path's structuring function of an entity, or ``None`` (then cattrs' own).

    A generated function that checks the keys, structures each field with its strict
    hook and builds the instance without going through ``__init__`` a second time: the
    converters that would change nothing are skipped, the others run, then
    ``__attrs_post_init__`` validates as ``__init__`` would. Any failure sends `load` to
    the detailed path, which builds through the constructors.
    """
    if not (isinstance(cls, type) and issubclass(cls, Entity)) or cls in _BUILDING:
        return None
    target: Any = cls  # an attrs class (every entity is)
    attrs.resolve_types(target)
    fields = attrs.fields(target)
    if any(not f.init or f.validator is not None for f in fields):
        return None
    # Only `load`'s own fast converter has the date hook that refuses dates out of the
    # entities' range: there, the declared checks written out below stand for the
    # entity's validation.
    trusted = converter is globals().get("_FAST")
    _BUILDING.add(cls)
    try:
        return _generate_entity_fn(converter, cls, fields, trusted=trusted)
    finally:
        _BUILDING.discard(cls)


_SCALAR_TYPES: dict[Callable[..., Any], str] = {
    _structure_str: "type(v) is not str",
    _structure_bool: "type(v) is not bool",
    _structure_int: "type(v) is not int",
    _structure_float: "type(v) is not float and type(v) is not int",
}
"""The strict scalar hooks, and the test under which each would raise (else: ``v`` as is)."""


def _str_members(t: Any) -> dict[str, Enum] | None:
    """An enum's members by value when every value is a string (then a lookup is its hook)."""
    members = {m.value: m for m in t}
    return members if all(type(k) is str for k in members) else None


def _value_lines(
    converter: cattrs.Converter, env: dict[str, Any], n: str, t: Any, indent: str
) -> list[str]:
    """Lines turning the raw value ``v`` into the field's value (type ``t``), as its hook would.

    The strict hooks of this module are written out in place (a type test, a lookup in
    an enum's members or in the day cache): the same answers and the same errors as
    calling them (a missing member raises ``KeyError``, which sends `load` to the
    detailed path as the hook's error would), without a call per value. Any other hook is
    called.
    """
    hook = converter.get_structure_hook(t)
    env[f"h{n}"], env[f"t{n}"] = hook, t
    call = f"v = h{n}(v, t{n})"
    test = _SCALAR_TYPES.get(hook)
    if test is not None:
        return [f"{indent}if {test}:", f"{indent}    {call}"]
    if hook is _structure_fast_date:
        env["days"] = _DAYS
        return [
            f"{indent}w = days.get(v) if type(v) is str else None",
            f"{indent}v = w if w is not None else h{n}(v, t{n})",
        ]
    if hook is _structure_enum and (members := _str_members(t)) is not None:
        env[f"e{n}"] = members
        return [f"{indent}v = e{n}[v] if type(v) is str else h{n}(v, t{n})"]
    sequence = _FAST_SEQUENCES.get(hook)
    if sequence is not None:
        build, item_hook, item = sequence
        env[f"b{n}"], env[f"i{n}"], env[f"j{n}"] = build, item_hook, item
        each = f"i{n}(x, j{n})"
        if item_hook is _structure_enum and (members := _str_members(item)) is not None:
            env[f"e{n}"] = members
            each = f"e{n}[x] if type(x) is str else i{n}(x, j{n})"
        built = f"b{n}([{each} for x in v])"
        if build is not list:  # an immutable empty value can be shared: no comprehension
            env[f"z{n}"] = build()
            built = f"{built} if v else z{n}"
        if build is frozenset:  # a repeated item is refused: the detailed path says where
            return [
                f"{indent}if type(v) is not list:",
                f"{indent}    {call}",
                f"{indent}else:",
                f"{indent}    w = {built}",
                f"{indent}    if len(w) != len(v):",
                f"{indent}        raise bad('duplicate', v)",
                f"{indent}    v = w",
            ]
        return [
            f"{indent}if type(v) is not list:",
            f"{indent}    {call}",
            f"{indent}else:",
            f"{indent}    v = {built}",
        ]
    return [f"{indent}{call}"]


def _slot_setter(cls: type, name: str) -> Callable[[Any, Any], None] | None:
    """The ``__set__`` of the slot holding ``name`` (as ``object.__setattr__`` would find it).

    Setting a frozen attrs instance's slot through its descriptor is what
    ``object.__setattr__`` does after looking the descriptor up; bound once here, it saves
    that lookup at every field of every entity. ``None`` when the attribute is not a plain
    slot (then ``object.__setattr__`` is used).
    """
    for klass in cls.__mro__:
        if name in klass.__dict__:
            found = klass.__dict__[name]
            if type(found) is types.MemberDescriptorType:
                return found.__set__
            return None
    return None


def _declared_test(spec: FieldSpec, env: dict[str, Any], n: str) -> str | None:
    """A test of ``v`` (already of the field's type) that holds when its declarations do.

    Written out from the field's declared constraints, as the entity's validation reads
    them. It may be stricter than the validation (a float beyond 2**53, say): a value it
    refuses goes to the detailed path, which judges it with the entity's own checks.
    """
    t, cs = spec.type, spec.constraints
    tests: list[str] = []
    if t in (int, float):
        bounds = bounds_of(cs)
        lo = max(bounds.get("minimum", -MAX_SAFE_INTEGER), -MAX_SAFE_INTEGER)
        hi = min(bounds.get("maximum", MAX_SAFE_INTEGER), MAX_SAFE_INTEGER)
        tests.append(f"{lo!r} <= v <= {hi!r}")  # NaN and the infinities fail too
        if "exclusiveMinimum" in bounds:
            tests.append(f"v > {bounds['exclusiveMinimum']!r}")
        if "exclusiveMaximum" in bounds:
            tests.append(f"v < {bounds['exclusiveMaximum']!r}")
    elif t is str:
        tests.extend(_text_tests(cs, env, f"{n}", "v"))
    elif typing.get_origin(t) in (tuple, frozenset):
        for c in cs:
            if isinstance(c, Items):
                each = _text_tests(c.constraints, env, f"{n}i", "x")
                if each:
                    tests.append(f"all({' and '.join(each)} for x in v)")
            elif hasattr(c, "min_length"):
                tests.append(f"len(v) >= {c.min_length!r}")
    return " and ".join(tests) if tests else None


def _text_tests(cs: tuple[Any, ...], env: dict[str, Any], n: str, var: str) -> list[str]:
    tests: list[str] = []
    for k, c in enumerate(cs):
        if isinstance(c, NotBlank):
            tests.append(f"{var} and not {var}.isspace()")
        elif isinstance(c, Pattern):
            env[f"p{n}_{k}"] = c.compiled.fullmatch
            tests.append(f"p{n}_{k}({var}) is not None")
        elif isinstance(c, Identifier):
            env[f"k{n}_{k}"] = _identifier_test(c)
            tests.append(f"k{n}_{k}({var})")
    return tests


def _identifier_test(c: Identifier) -> Callable[[str], bool]:
    validate, shown = c.validate, c.shown

    def valid(value: str) -> bool:
        return need_identifier([], "", value, validate, shown=shown)

    return valid


def _holds(constraint: Constraint, obj: Any) -> bool:
    problems: list[Any] = []
    constraint.check(obj, problems)
    return not problems


def _simple(path: str) -> bool:
    return "." not in path and "[]" not in path


def _each(path: str) -> tuple[str, str] | None:
    """``("renewals", "end")`` for ``renewals[].end``, else ``None``."""
    head, sep, tail = path.partition("[].")
    return (head, tail) if sep and _simple(head) and _simple(tail) else None


def _constraint_test(c: Constraint, env: dict[str, Any], k: int) -> str:
    """A test of the built entity ``o`` that holds when the constraint ``c`` does.

    The common kinds are written out; the others call the constraint's own check.
    """
    env[f"g{k}"], env["holds"] = c, _holds
    generic = f"holds(g{k}, o)"
    if isinstance(c, Ordered) and not c.at_first:
        op = "<" if c.strict else "<="
        if _simple(c.first) and _simple(c.then):
            a, b = f"o.{c.first}", f"o.{c.then}"
            return f"{a} is None or {b} is None or {a} {op} {b}"
        each = _each(c.then)
        if _simple(c.first) and each is not None:
            items, key = each
            return f"o.{c.first} is None or all(o.{c.first} {op} i.{key} for i in o.{items})"
        lists = {p.partition("[]")[0] for p in (c.first, c.then) if "[]" in p}
        if len(lists) == 1 and _simple(next(iter(lists))):
            return f"not o.{next(iter(lists))} or {generic}"
        return generic
    if isinstance(c, SameAs):
        each = _each(c.path)
        if each is not None and c.other.count(".") == 1 and "[]" not in c.other:
            items, key = each
            return f"all(i.{key} is o.{c.other} for i in o.{items})"
        return generic
    if isinstance(c, Requires) and _simple(c.field) and _simple(c.other):
        return f"o.{c.field} is None or o.{c.field} == () or o.{c.other} is not None"
    if isinstance(c, RequiredWhen) and _simple(c.field) and _simple(c.when):
        if c.min_items is not None:
            return f"o.{c.field} is not None or len(o.{c.when}) < {c.min_items!r}"
        env[f"w{k}"] = c.values
        return f"o.{c.field} is not None or o.{c.when} not in w{k}"
    if isinstance(c, MemberOf):
        return generic
    return generic


def _generate_entity_fn(
    converter: cattrs.Converter, cls: Any, fields: Any, *, trusted: bool
) -> Callable[[Any, Any], Any]:
    names = frozenset(f.alias or f.name for f in fields)
    specs = {s.name: s for s in field_specs(cls)}
    env: dict[str, Any] = {
        "cls": cls,
        "names": names,
        "new": object.__new__,
        "setattr": object.__setattr__,
        "bad": _BadValueError,
        "extra_keys": ForbiddenExtraKeysError,
    }
    lines = [
        "def structure(d, _):",
        "    if type(d) is not dict:",
        "        raise bad('not an object', d)",
        "    if not names.issuperset(d):",
        "        raise extra_keys('', cls, set(d).difference(names))",
        "    o = new(cls)",
    ]
    for i, f in enumerate(fields):
        key = f.alias or f.name
        t = f.type
        if f.default is attrs.NOTHING:
            lines.append(f"    v = d[{key!r}]")
            indent = "    "
        else:
            lines.append(f"    if {key!r} in d:")
            lines.append(f"        v = d[{key!r}]")
            indent = "        "
        if _is_optional(t):
            (inner,) = (a for a in typing.get_args(t) if a is not type(None))
            lines.append(f"{indent}if v is not None:")
            lines.extend(_value_lines(converter, env, str(i), inner, indent + "    "))
        else:
            lines.extend(_value_lines(converter, env, str(i), t, indent))
        if f.converter is not None and not _converted_type(t):
            env[f"c{i}"] = f.converter
            lines.append(f"{indent}v = c{i}(v)")
        spec = specs[f.name]
        test = _declared_test(spec, env, str(i)) if trusted else None
        if test is not None:
            guard = "v is not None and not" if spec.optional else "not"
            lines.append(f"{indent}if {guard} ({test}):")
            lines.append(f"{indent}    raise bad('declared', v)")
        if f.default is not attrs.NOTHING:
            lines.append("    else:")
            if isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
                env[f"f{i}"] = f.default.factory
                lines.append(f"        v = f{i}()")
            else:
                env[f"f{i}"] = f.default
                lines.append(f"        v = f{i}")
        slot = _slot_setter(cls, f.name)
        if slot is not None:
            env[f"s{i}"] = slot
            lines.append(f"    s{i}(o, v)")
        else:
            lines.append(f"    setattr(o, {f.name!r}, v)")
    if trusted and cls.__attrs_post_init__ is Entity.__attrs_post_init__:
        for k, constraint in enumerate(cls.CONSTRAINTS):
            lines.append(f"    if not ({_constraint_test(constraint, env, k)}):")
            lines.append("        raise bad('constraint', o)")
    else:
        lines.append("    o.__attrs_post_init__()")
    lines.append("    return o")
    exec(compile("\n".join(lines), f"<iae_core fast structure {cls.__qualname__}>", "exec"), env)
    return env["structure"]  # type: ignore[no-any-return]


def _class_hook(converter: cattrs.Converter, *, detailed: bool) -> Callable[[Any], Any]:
    def factory(cls: Any) -> Callable[[Any, Any], Any]:
        if detailed:
            detailed_fn = _detailed_class_fn(converter, cls)

            def structure_detailed(value: Any, _: Any) -> Any:
                if type(value) is not dict:
                    raise _BadValueError("not_an_object", value)
                return detailed_fn(value)

            return structure_detailed
        fast = _fast_entity_fn(converter, cls)
        if fast is not None:
            return fast
        fn = make_dict_structure_fn(
            cls,
            converter,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=detailed,
        )

        def structure(value: Any, _: Any) -> Any:
            if type(value) is not dict:
                raise _BadValueError("not_an_object", value)
            return fn(value, cls)

        return structure

    return factory


def configure_converter(converter: cattrs.Converter, *, detailed: bool | None = None) -> None:
    """Register iae_core's hooks on ``converter`` (cattrs preconf style).

    Args:
        converter: a `cattrs.Converter`.
        detailed: collect every error with its path (slower); defaults to the converter's
            own ``detailed_validation`` setting.
    """
    if detailed is None:
        detailed = bool(getattr(converter, "detailed_validation", True))
    converter.register_structure_hook(pendulum.Date, _structure_date)
    converter.register_structure_hook(_dt.date, _structure_date)
    converter.register_unstructure_hook(pendulum.Date, _unstructure_date)
    converter.register_unstructure_hook(_dt.date, _unstructure_date)
    # cattrs' defaults coerce (``str(3)``, ``float("26")``): replace them with strict ones.
    # Enums are registered on ``Enum`` *and* ``StrEnum`` so that they win over ``str``.
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    for base in (Enum, StrEnum):
        converter.register_structure_hook(base, _structure_enum)
        converter.register_unstructure_hook(base, _unstructure_enum)
    converter.register_structure_hook_factory(
        _is_homogeneous_seq, _seq_hook(converter, detailed=detailed)
    )
    converter.register_unstructure_hook_func(_is_list_like, _unstructure_seq)
    converter.register_unstructure_hook_func(_is_set_like, _unstructure_set)
    converter.register_structure_hook_factory(attrs.has, _class_hook(converter, detailed=detailed))
    converter.register_structure_hook_factory(_is_optional, _optional_hook(converter))


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """A new converter configured for iae_core's entities.

    Args:
        detailed_validation: collect every error with its path (the error path of
            `load`); ``False`` gives the fast path.
    """
    converter = cattrs.Converter(
        detailed_validation=detailed_validation,
        forbid_extra_keys=True,
        prefer_attrib_converters=False,
    )
    configure_converter(converter, detailed=detailed_validation)
    return converter


_FAST = make_converter(detailed_validation=False)
_FAST.register_structure_hook(pendulum.Date, _structure_fast_date)
_FAST.register_structure_hook(_dt.date, _structure_fast_date)
_DETAILED = make_converter(detailed_validation=True)
_UNSTRUCTURE = _FAST.unstructure


@cache
def _structure_fn(cls: Any) -> Callable[[Any, Any], Any]:  # cls: any hashable type
    return _FAST.get_structure_hook(cls)


_NOT_FAST: Any = object()  # the fast pass failed: the detailed one says why


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused (if it ran) for the block, then as it was.

    The fast passes build many small objects and no reference cycle: the collector,
    which would walk the growing heap again and again, waits until they end.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _fast_load(cls: Any, data: Any) -> Any:
    """``cls`` built by the fast pass, or `_NOT_FAST` (the caller pauses the collector)."""
    try:
        return _structure_fn(cls)(data, cls)
    except Exception:
        return _NOT_FAST
    finally:
        _DAYS.clear()


def _fast_load_consuming(cls: Any, value: Any) -> Any:
    """`_fast_load` of a value `loads` parsed itself, taking the items of a list apart.

    For a sequence type (``list[X]``, ``tuple[X, ...]``…) each parsed item is let go as
    soon as it is built, while its memory is still in the processor's cache, rather than
    the whole parsed document at the end: the same objects are freed, for less. ``value``
    is emptied, even when the fast pass fails (then the text is parsed again).
    """
    try:
        sequence = _FAST_SEQUENCES.get(_structure_fn(cls)) if type(value) is list else None
    except Exception:  # an unhashable type, say: the plain fast pass says what it can
        sequence = None
    if sequence is None:
        return _fast_load(cls, value)
    build, hook, item = sequence
    try:
        value.reverse()
        pop = value.pop
        return build([hook(pop(), item) for _ in range(len(value))])
    except Exception:
        return _NOT_FAST
    finally:
        value.clear()
        _DAYS.clear()


def _detailed_load(cls: Any, data: Any) -> Any:
    try:
        result = _DETAILED.structure(data, cls)
    except Exception as exc:
        raise InvalidData(_flatten(exc, ())) from None
    return result  # pragma: no cover - the fast path failed where the detailed one did not


def load(cls: type[T], data: Any) -> T:
    """Build a ``cls`` (any entity, or a type such as ``list[Parcours]``) from JSON-like data.

    Raises:
        InvalidData: listing every bad field with its path; never another exception.
    """
    with _collector_paused():
        result = _fast_load(cls, data)
    if result is not _NOT_FAST:
        return result  # type: ignore[no-any-return]
    return _detailed_load(cls, data)  # type: ignore[no-any-return]


def loads(cls: type[T], text: str | bytes) -> T:
    """Build a ``cls`` from JSON text: `load` after a strict parse.

    Strict means: the text is UTF-8 JSON (RFC 8259) without ``NaN`` or ``Infinity``, and
    no object has the same key twice (the standard library keeps the last one; here each
    duplicate is an error at its path, ``suspensions[0].start: duplicate key``, listed
    with every other bad field).

    Speed: valid text is parsed by msgspec's C parser (its answer is taken only when it
    is certainly the strict parser's: docs/data.md, *Speed*) and structured by `load`'s
    fast pass, with the garbage collector paused over both; anything else goes through
    the standard library's parser and the detailed pass, for the messages.

    Raises:
        InvalidData: malformed JSON (path ``""``), duplicate keys, or bad fields.
    """
    with _collector_paused():
        value = _fast_parse(text)
        result = _NOT_FAST if value is _NO_FAST_PARSE else _fast_load_consuming(cls, value)
    if result is not _NOT_FAST:
        return result  # type: ignore[no-any-return]
    if value is not _NO_FAST_PARSE:  # no key twice, only bad fields; the list was taken apart
        return _detailed_load(cls, _fast_parse(text))  # type: ignore[no-any-return]
    try:
        value, duplicates = _strict_parse(text)
    except (ValueError, RecursionError) as exc:
        raise InvalidData([json_error_detail(exc)]) from None
    if not duplicates:
        return load(cls, value)
    problems = [detail(loc, "duplicate_key") for loc in duplicates]
    try:
        load(cls, value)
    except InvalidData as exc:
        problems.extend(exc.details)
    raise InvalidData(problems)


class _Duplicates(dict[str, Any]):
    """An object of the JSON text that had a key twice (the last value is kept)."""

    __slots__ = ("twice",)
    twice: list[str]


def _reject_constant(name: str) -> Any:
    msg = f"not valid JSON: {name}"
    raise ValueError(msg)


def json_decoder() -> tuple[json.JSONDecoder, list[_Duplicates]]:
    """A strict JSON decoder, and the list it fills with the objects that had a key twice."""
    seen: list[_Duplicates] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) == len(items):
            return out
        dup = _Duplicates(out)
        counts: dict[str, int] = {}
        for key, _ in items:
            counts[key] = counts.get(key, 0) + 1
        dup.twice = [k for k, n in counts.items() if n > 1]
        seen.append(dup)
        return dup

    return json.JSONDecoder(object_pairs_hook=pairs, parse_constant=_reject_constant), seen


def duplicate_paths(value: Any, seen: list[_Duplicates]) -> tuple[Any, list[str]]:
    """``value`` and the paths of its keys given twice (``seen`` from `json_decoder`).

    The objects concerned become plain dicts again (the last value of each key kept).
    """
    value, locs = duplicate_locs(value, seen)
    return value, [path_of(loc) for loc in locs]


def duplicate_locs(value: Any, seen: list[_Duplicates]) -> tuple[Any, list[Loc]]:
    """Like `duplicate_paths`, giving locs (``("a", 0, "b")``) rather than paths."""
    if not seen:
        return value, []
    out: list[Loc] = []

    def walk(node: Any, loc: Loc) -> Any:
        if type(node) is list:
            for i, item in enumerate(node):
                node[i] = walk(item, (*loc, i))
            return node
        if isinstance(node, dict):
            if type(node) is _Duplicates:
                out.extend((*loc, k) for k in node.twice)
                node = dict(node)
            for k in node:
                node[k] = walk(node[k], (*loc, k))
        return node

    value = walk(value, ())
    seen.clear()
    return value, out


_NO_FAST_PARSE: Any = object()  # the fast parser declined: use the strict one


def _fast_parse(text: str | bytes) -> Any:
    r"""The value of ``text`` by msgspec's C parser, or `_NO_FAST_PARSE` when in any doubt.

    Accepted only when the answer is certainly the strict parser's: msgspec parsed the
    text (it refuses what RFC 8259 refuses, ``NaN`` and out-of-range numbers included),
    and **no key was given twice**. msgspec keeps the last of two equal keys, so that
    is proved by counting colons: outside strings a colon separates a key from its
    value, and inside them colons survive the parse unchanged unless written ``\u003a``
    (any ``\u003`` sends the text to the strict parser). Re-encoding the value gives
    one colon per key it kept plus those of its strings, so the text has more colons
    than the re-encoded value exactly when a member was dropped. Any other doubt (no
    msgspec, a lone surrogate, a huge number, a BOM) also declines: the strict parser
    then gives the answer and the error messages of before.
    """
    try:
        from msgspec import json as msgspec_json
    except ImportError:  # msgspec is a dependency; without it, the strict parser alone
        return _NO_FAST_PARSE
    if isinstance(text, bytes):
        if b"\\u003" in text:
            return _NO_FAST_PARSE
        colons = text.count(b":")
    else:
        if "\\u003" in text:
            return _NO_FAST_PARSE
        colons = text.count(":")
    try:
        with _collector_paused():  # the parse builds no cycle
            value = msgspec_json.decode(text)
            if msgspec_json.encode(value).count(b":") != colons:
                return _NO_FAST_PARSE
    except Exception:  # anything msgspec refuses: the strict parser says why
        return _NO_FAST_PARSE
    return value


def _parse(text: str | bytes) -> tuple[Any, list[Loc]]:
    value = _fast_parse(text)
    if value is not _NO_FAST_PARSE:
        return value, []
    return _strict_parse(text)


def _strict_parse(text: str | bytes) -> tuple[Any, list[Loc]]:
    """The standard library's parse, noting duplicate keys (slower; exact messages)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")  # JSON is UTF-8 (RFC 8259): no guessing
    text = text.rstrip("\r\n")  # a line's own newline: errors stay on its line
    decoder, seen = json_decoder()
    return duplicate_locs(decoder.decode(text.removeprefix("\ufeff")), seen)


def parse_json(text: str | bytes) -> tuple[Any, list[str]]:
    """Parse strict JSON text: the value and the paths of the keys given twice.

    Raises:
        ValueError: malformed JSON (a ``json.JSONDecodeError``), not UTF-8, ``NaN``.
        RecursionError: nested too deeply for the parser (about 1,000 levels).
    """
    value, locs = _parse(text)
    return value, [path_of(loc) for loc in locs]


def json_error(exc: BaseException, first_line: int = 1) -> str:
    """A one-line message for a parse failure of `parse_json` (in English)."""
    return json_error_detail(exc, first_line).message_en


def json_error_detail(exc: BaseException, first_line: int = 1) -> ErrorDetail:
    """The data error (type ``malformed_json``, at the document) of a parse failure."""
    if isinstance(exc, json.JSONDecodeError):
        line = exc.lineno + first_line - 1
        words = {"reason": reason_words(exc.msg)}  # the raw reason stays in params only
        return detail(
            (), "malformed_json", "at", words=words, line=line, column=exc.colno, reason=exc.msg
        )
    if isinstance(exc, UnicodeDecodeError):
        return detail((), "malformed_json", "not_utf8")
    if isinstance(exc, RecursionError):
        return detail((), "malformed_json", "too_deep")
    if "integer string conversion" in str(exc):
        digits = sys.get_int_max_str_digits() or 4300
        return detail((), "malformed_json", "too_many_digits", digits=digits)
    return detail((), "malformed_json", words={"reason": reason_words(str(exc))}, reason=str(exc))


def parse_error_text(exc: BaseException) -> str:
    """The message of a ``ValueError`` of the parser, without Python's own advice."""
    text = str(exc)
    if "integer string conversion" in text:
        return f"a number of more than {sys.get_int_max_str_digits() or 4300} digits"
    return text


def dump(obj: Any) -> Any:
    """The JSON-safe form of ``obj`` (an entity, or a list/tuple of entities).

    Entities go through generated functions (one per class, written once) that build the
    dicts directly, with the cyclic garbage collector paused as in `load`; anything else
    through the converter's hooks. The value is the same either way: field names as keys
    in declaration order, ISO 8601 dates, enum values, tuples as lists, sets as sorted
    lists.
    """
    with _dumping():
        return _dump_value(obj)


def dump_json(obj: Any) -> bytes:
    """``obj`` (an entity, or a list/tuple of entities) as compact UTF-8 JSON text.

    The same JSON value as `dump` (``json.loads(dump_json(x)) == dump(x)``: same keys in the
    same order, ISO 8601 dates, enum values, sets sorted) and `loads` reads it back
    (``loads(type(x), dump_json(x)) == x``). Generated functions (one per entity class)
    copy each entity into a `msgspec.Struct` with the same fields in the same order, which
    msgspec's C encoder writes; a list is encoded item by item into one buffer. Non-ASCII
    text is written as is (UTF-8).

        >>> dump_json(suspension)
        b'{"start":"2025-03-01","end":"2025-03-31","reason":"CONTRACT_SUSPENDED",...}'
    """
    if type(obj) is not list and type(obj) is not tuple:
        with _dumping():
            return _ENCODE(_json_value(obj))
    # A list is written item by item into one buffer: each item's records are dropped as soon
    # as they are encoded (the whole list of records is never held, which costs a third more).
    buffer = bytearray(b"[")
    encode_into = _ENCODER.encode_into
    last: Any = None
    write: Callable[[Any], Any] = _UNSTRUCTURE
    with _dumping():
        for item in obj:
            kind = type(item)
            if kind is not last:
                last = kind
                write = _json_writer(kind) or _UNSTRUCTURE
            encode_into(write(item), buffer, len(buffer))
            buffer.append(44)  # ","
    if len(buffer) == 1:
        return b"[]"
    buffer[-1] = 93  # "]"
    return bytes(buffer)


def write_jsonl(objs: Iterable[Any], out: BinaryIO | str | os.PathLike[str]) -> int:
    """Write ``objs`` as JSON Lines (one `dump_json` document a line), streaming.

    The objects are read one at a time from any iterable (a generator of a national extract
    is never held whole in memory) and written in blocks of about a megabyte; each line is
    the text `dump_json` gives for the object, followed by a newline.

    Args:
        objs: entities (or anything `dump` accepts), one a line.
        out: a binary file open for writing (left open), or a path (created or replaced).

    Returns:
        The number of lines written.
    """
    if isinstance(out, str | os.PathLike):
        with open(out, "wb") as fp:
            return write_jsonl(objs, fp)
    buffer = bytearray()
    encode_into = _ENCODER.encode_into
    lines = 0
    with _dumping():
        for obj in objs:
            encode_into(_json_value(obj), buffer, len(buffer))
            buffer.append(10)  # "\\n"
            lines += 1
            if len(buffer) >= _JSONL_BLOCK:
                out.write(buffer)
                buffer.clear()
    if buffer:
        out.write(buffer)
    return lines


_JSONL_BLOCK = 1 << 20
"""Bytes gathered before `write_jsonl` writes them out."""


def _date_hook(value: Any) -> Any:
    """The encoder's hook for what it does not encode itself: a `pendulum.Date` (an ISO text)."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    msg = f"cannot encode {type(value).__name__} as JSON"
    raise TypeError(msg)


def _json_encoder() -> Any:
    from msgspec import json as msgspec_json

    return msgspec_json.Encoder(enc_hook=_date_hook)


_ENCODER = _json_encoder()
_ENCODE: Callable[[Any], bytes] = _ENCODER.encode


def _dump_value(obj: Any) -> Any:
    """`dump`'s value of ``obj`` (the collector is paused by the caller)."""
    writer = _writer(type(obj))
    if writer is not None:
        return writer(obj)
    if type(obj) is list or type(obj) is tuple:
        out: list[Any] = []
        append = out.append
        last: Any = None
        write: Callable[[Any], Any] = _UNSTRUCTURE
        for item in obj:
            kind = type(item)
            if kind is not last:
                last = kind
                write = _writer(kind) or _UNSTRUCTURE
            append(write(item))
        return out
    return _UNSTRUCTURE(obj)


def _json_value(obj: Any) -> Any:
    """What `dump_json` encodes for ``obj``: `dump`'s value, entities as generated structs."""
    writer = _json_writer(type(obj))
    if writer is not None:
        return writer(obj)
    if type(obj) is list or type(obj) is tuple:
        return [_json_value(item) for item in obj]
    return _UNSTRUCTURE(obj)


_ISO_TEXT: dict[_dt.date, str] = {}
"""The ISO texts of the days `dump` has written, by day: filled and emptied within one call
(``isoformat`` costs about ten dictionary lookups; a national extract has a few thousand
distinct days)."""


def _iso_text(day: _dt.date) -> str:
    text = _ISO_TEXT[day] = day.isoformat()
    return text


@contextlib.contextmanager
def _dumping() -> Iterator[None]:
    """The collector paused (`_collector_paused`), and the day cache emptied at the end."""
    try:
        with _collector_paused():
            yield
    finally:
        _ISO_TEXT.clear()


_WRITERS: dict[type, Callable[[Any], Any] | None] = {}
"""The generated dump function of each entity class (``None``: the converter's hooks)."""


def _writer(cls: type) -> Callable[[Any], Any] | None:
    """The generated dump function of ``cls``, or ``None`` when it is not an entity."""
    try:
        return _WRITERS[cls]
    except KeyError:
        pass
    except TypeError:  # an unhashable type
        return None
    if not (isinstance(cls, type) and issubclass(cls, Entity) and attrs.has(cls)):
        _WRITERS[cls] = None
        return None
    _WRITERS[cls] = _late_writer(cls)  # a class that refers to itself, while generating
    writer = _generate_writer(cls)
    _WRITERS[cls] = writer
    return writer


_JSON_WRITERS: dict[type, Callable[[Any], Any] | None] = {}
"""The generated `dump_json` function of each entity class: it builds a `msgspec.Struct`
(``None``: the converter's hooks, as for `_writer`)."""


def _json_writer(cls: type) -> Callable[[Any], Any] | None:
    """The generated function giving `dump_json` the struct of a ``cls`` instance.

    The struct has `dump`'s keys in `dump`'s order and `dump`'s values, so msgspec writes
    exactly the text of `dump`'s dict, without building it; ``None`` when ``cls`` is not an
    entity (the caller then uses the converter's hooks).
    """
    try:
        return _JSON_WRITERS[cls]
    except KeyError:
        pass
    except TypeError:  # an unhashable type
        return None
    if _writer(cls) is None:
        _JSON_WRITERS[cls] = None
        return None
    _JSON_WRITERS[cls] = _late_writer(cls, _JSON_WRITERS)
    writer = _generate_writer(cls, struct=True)  # not None: `_writer` was generated
    _JSON_WRITERS[cls] = writer
    return writer


def _late_writer(
    cls: type, table: dict[type, Callable[[Any], Any] | None] = _WRITERS
) -> Callable[[Any], Any]:
    def write(value: Any) -> Any:
        return table[cls](value)  # type: ignore[misc]

    return write


def _write_expr(
    t: Any, x: str, env: dict[str, Any], n: str, writer: Callable[[type], Any] = _writer
) -> str | None:
    """An expression giving `dump`'s value of ``x`` (of type ``t``), or ``None`` if unknown.

    ``x`` is a plain name (it may be evaluated more than once); ``writer`` gives the
    function of a nested entity class (`_writer`, or `_json_writer` for `dump_json`).
    """
    if t in (str, int, float, bool):
        return x
    if t is pendulum.Date or t is _dt.date:
        env["day"], env["iso"] = _ISO_TEXT.get, _iso_text
        return f"(day({x}) or iso({x}))"
    if _is_enum(t):  # `_unstructure_enum`: the member's value
        return f"{x}._value_"
    if isinstance(t, type) and issubclass(t, Entity):
        nested = writer(t)
        if nested is None:
            return None
        env[f"w{n}"] = nested
        return f"w{n}({x})"
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _write_expr(args[0], "y", env, n + "_", writer)
        if item is None:
            return None
        if item == "y":
            return f"list({x})"
        # a comprehension is a function call (Python 3.11): an empty tuple, the usual case
        # of most collections of a parcours, skips it
        return f"([{item} for y in {x}] if {x} else [])"
    if origin is frozenset and len(args) == 1:
        item_type = args[0]
        if item_type is str:  # `_unstructure_set`: the values sorted (str order)
            return f"sorted({x})"
        if _is_enum(item_type) and all(type(m.value) is str for m in item_type):
            return f"(sorted([y._value_ for y in {x}]) if {x} else [])"
        return None
    return None


def _generate_writer(cls: Any, *, struct: bool = False) -> Callable[[Any], Any] | None:
    """A function building `dump`'s dict of a ``cls`` instance, as the converter would.

    With ``struct``, the function builds instead a `msgspec.Struct` of the same fields in
    the same order holding the same values (nested entities as structs too), for
    `dump_json`: msgspec writes a struct's keys from its class, faster than a dict's.
    ``None`` when the class has a field the converter treats otherwise (not in
    ``__init__``, a private name) — then the converter's own function is used.
    """
    attrs.resolve_types(cls)
    fields = attrs.fields(cls)
    if any(not f.init or f.name.startswith("_") for f in fields):
        return None
    env: dict[str, Any] = {"u": _UNSTRUCTURE}
    nested = _json_writer if struct else _writer
    lines = ["def write(o):"]
    items = []
    for i, f in enumerate(fields):
        t = f.type
        lines.append(f"    a{i} = o.{f.name}")
        if _is_optional(t):
            (inner,) = (a for a in typing.get_args(t) if a is not type(None))
            expr = _write_expr(inner, f"a{i}", env, str(i), nested)
            if expr is not None and expr != f"a{i}":
                expr = f"None if a{i} is None else {expr}"
        else:
            expr = _write_expr(t, f"a{i}", env, str(i), nested)
        if expr is None:  # any other type: the converter's hook for the value
            expr = f"u(a{i})"
        items.append(expr if struct else f"{f.name!r}: {expr}")
    if struct:
        # not tracked by the collector: a struct holds texts, numbers, lists and structs
        import msgspec

        env["S"] = msgspec.defstruct(cls.__name__, [f.name for f in fields], gc=False)
        lines.append("    return S(" + ", ".join(items) + ")")
    else:
        lines.append("    return {" + ", ".join(items) + "}")
    name = f"<iae_core {'dump_json' if struct else 'dump'} {cls.__qualname__}>"
    exec(compile("\n".join(lines), name, "exec"), env)
    return env["write"]  # type: ignore[no-any-return]


def _note_step(exc: BaseException) -> str | int | None:
    """The loc step a cattrs note attached to ``exc`` describes."""
    for note in getattr(exc, "__notes__", ()):
        name = getattr(note, "name", None)
        if isinstance(name, str):
            return name
        index = getattr(note, "index", None)
        if isinstance(index, int):
            return index
    return None


@cache
def _sensitive_fields(cls: type) -> frozenset[str]:
    """The fields of ``cls`` marked ``metadata={"sensitive": True}`` (a NIR, health data…)."""
    return frozenset(f.name for f in attrs.fields(cls) if f.metadata.get("sensitive"))


def _flatten(exc: BaseException, loc: Loc, *, hide: bool = False) -> list[ErrorDetail]:
    """An ``ErrorDetail`` for every leaf error; values under a sensitive field are hidden."""
    if isinstance(exc, BaseValidationError):
        cl = getattr(exc, "cl", None)
        sensitive = _sensitive_fields(cl) if isinstance(cl, type) and attrs.has(cl) else frozenset()
        out: list[ErrorDetail] = []
        for sub in exc.exceptions:
            step = _note_step(sub)
            sub_loc = loc if step is None else (*loc, step)
            out.extend(_flatten(sub, sub_loc, hide=hide or step in sensitive))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = sorted(exc.extra_fields, key=lambda k: (type(k) is not str, _show(k)))
        return [
            detail((*loc, k), "unknown_field")
            if type(k) is str
            else detail(loc, "not_a_string_key", input=k)
            for k in keys
        ]
    if isinstance(exc, InvalidData):  # entities never show sensitive values (need_identifier)
        return [d.prefixed(loc) for d in exc.details]
    if isinstance(exc, KeyError):
        return [detail(loc, "missing")]
    if isinstance(exc, _BadValueError):
        return [exc.detail(loc, hide=hide)]
    if hide:
        return [detail(loc, "invalid_value", "hidden", error=type(exc).__name__)]
    # Python's reason stays in params (for debugging), never pasted into the message
    return [detail(loc, "invalid_value", "hidden", error=type(exc).__name__, text=str(exc))]

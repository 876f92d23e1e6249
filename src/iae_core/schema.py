"""JSON Schema (draft 2020-12) of the entities, for other backends.

    >>> schema = json_schema(Contract)
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'

The schema is generated from the attrs classes themselves (``attrs.fields`` and the
resolved type hints), so it follows the JSON form of :func:`~iae_core.dump` /
:func:`~iae_core.load` exactly:

* an entity is an ``object`` with ``additionalProperties: false`` (unknown fields are an
  error), its fields without a default are ``required``, the others carry their
  ``default``; nested entities and enums are ``$ref`` to ``$defs``;
* an enum is a ``string`` with ``enum`` (the codes) and ``oneOf`` of
  ``{"const": code, "title": label}`` (the French labels);
* a date is a ``string`` with ``format: date`` (and a pattern, since validators do not
  assert formats by default);
* a tuple is an ``array``, a frozenset an ``array`` with ``uniqueItems``;
* numeric bounds and identifier shapes enforced at construction are added from a table
  kept here (:data:`CONSTRAINTS`), which the tests hold against the constructors.

What a schema cannot say is left to :func:`~iae_core.load`: checksums (SIRET, NIR),
cross-field conditions (an end on or after its start), and every rule of the law.

No dependency at run time: this module is a small walker over attrs classes.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import inspect
import re
import types
import typing
from collections.abc import Iterator
from enum import Enum
from functools import cache
from typing import Any

import attrs
import pendulum

from iae_core._registry import ENTITY_CLASSES

__all__ = [
    "CONSTRAINTS",
    "DRAFT",
    "entity_classes",
    "json_schema",
    "schema_id",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The ``$schema`` of every generated schema."""

_ID_BASE = "urn:iae-core:schema:"

_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_SIRET = {"pattern": r"^\d{14}$"}
_DEPARTMENT = {"pattern": r"^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-8]|98[4-9])$"}
_NIR = {"pattern": r"^[123478]\d{2}(0[1-9]|1[0-2]|[23]\d|4[0-2]|[5-9]\d)(\d{2}|2[AB])\d{8}$"}
_ROME = {"pattern": r"^[A-N]\d{4}$"}

CONSTRAINTS: dict[tuple[str, str], dict[str, Any]] = {
    # people.py
    ("Person", "nir"): _NIR,
    ("Structure", "siret"): _SIRET,
    ("Structure", "department"): _DEPARTMENT,
    ("Structure", "conventioned_fte"): {"minimum": 0},
    ("Company", "siret"): _SIRET,
    ("Company", "department"): _DEPARTMENT,
    ("Company", "naf"): {"pattern": r"^\d{2}\.?\d{2}[A-Z]$"},
    # eligibility.py
    ("EligibilityDiagnosis", "author_siret"): _SIRET,
    # geiq.py
    ("GeiqDiagnosis", "author_siret"): _SIRET,
    # contracts.py
    ("Contract", "weekly_hours"): {"minimum": 0, "maximum": 168},
    ("Contract", "trial_period_days"): {"minimum": 0},
    ("Placement", "hours"): {"minimum": 0},
    ("Placement", "host_siret"): _SIRET,
    ("Immersion", "host_siret"): _SIRET,
    # matching
    ("GeoPoint", "lat"): {"minimum": -90, "maximum": 90},
    ("GeoPoint", "lon"): {"minimum": -180, "maximum": 180},
    ("Candidate", "max_distance_km"): {"minimum": 0, "maximum": 20_100},
    ("Candidate", "weekly_hours_min"): {"minimum": 0, "maximum": 48},
    ("Candidate", "weekly_hours_max"): {"minimum": 0, "maximum": 48},
    ("Candidate", "rome_codes"): {"items": _ROME},
    ("Position", "rome_code"): _ROME,
    ("Position", "weekly_hours"): {"exclusiveMinimum": 0, "maximum": 48},
    ("Position", "seats"): {"minimum": 0},
    ("Position", "company_siret"): _SIRET,
    ("Weights", "distance"): {"minimum": 0},
    ("Weights", "rome"): {"minimum": 0},
    ("Weights", "hours"): {"minimum": 0},
    ("Weights", "availability"): {"minimum": 0},
    # partnerships.py
    ("Commitment", "quantity"): {"minimum": 0},
    ("PartnershipEvent", "hours"): {"minimum": 0},
    ("PartnershipEvent", "amount"): {"minimum": 0},
    ("Partnership", "members"): {"minItems": 1},
    ("Partnership", "kinds"): {"minItems": 1},
    ("Partnership", "positions"): {"items": {"minLength": 1}},
}
"""Bounds and shapes that constructors enforce, keyed by ``(class name, field name)``.

Each value is merged into the field's schema (into the non-null branch of an optional
field; ``items`` into an array's item schema). The tests check every entry against the
constructor: a value just outside is refused by both the constructor and the schema.
"""


def schema_id(cls: type) -> str:
    """The ``$id`` of ``cls``'s schema (``urn:iae-core:schema:Contract``)."""
    return _ID_BASE + cls.__name__


def entity_classes() -> tuple[type, ...]:
    """Every entity class of iae_core, sorted by name.

    The explicit table `iae_core._registry.ENTITY_CLASSES`, gathered from each area's
    `ENTITIES`.
    """
    return ENTITY_CLASSES


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an attrs class of iae_core.

    Args:
        cls: an entity class (``Contract``, ``Parcours``…) or any attrs class whose fields
            are entities, enums, dates, ``str``/``int``/``float``/``bool``, optionals,
            tuples and frozensets of those.

    Returns:
        A new dict (safe to modify): ``$schema``, ``$id``, the class's own object schema,
        and ``$defs`` for the nested classes and enums.

    Raises:
        TypeError: ``cls`` is not an attrs class, or a field has a type with no JSON form.
    """
    if not (inspect.isclass(cls) and attrs.has(cls)):
        msg = f"not an attrs class: {cls!r}"
        raise TypeError(msg)
    schema: dict[str, Any] = _copy(_build(cls))
    return schema


@cache
def _build(cls: type) -> dict[str, Any]:
    walker = _Walker()
    root = walker.object_schema(cls)
    out: dict[str, Any] = {"$schema": DRAFT, "$id": schema_id(cls), **root}
    defs = {k: v for k, v in sorted(walker.defs.items()) if k != cls.__name__}
    if defs:
        out["$defs"] = defs
    return out


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@dataclasses.dataclass
class _Walker:
    defs: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    root: str = ""

    def object_schema(self, cls: type) -> dict[str, Any]:
        self.root = self.root or cls.__name__
        hints = typing.get_type_hints(cls)
        summary, field_docs = _parse_doc(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            name = field.alias or field.name
            prop = self.type_schema(hints[field.name])
            extra = CONSTRAINTS.get((cls.__name__, field.name))
            if extra:
                _merge(prop, extra)
            if field.name in field_docs:
                prop = {"description": field_docs[field.name], **prop}
            if field.default is attrs.NOTHING:
                required.append(name)
            else:
                default = _default_value(field.default)
                if default is not _NO_DEFAULT:
                    prop["default"] = default
            properties[name] = prop
        schema: dict[str, Any] = {"title": cls.__name__}
        if summary:
            schema["description"] = summary
        schema["type"] = "object"
        schema["properties"] = properties
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name == self.root:
            return {"$ref": "#"}
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: recursion stops here
            if isinstance(cls, type) and issubclass(cls, Enum):
                self.defs[name] = _enum_schema(cls)
            else:
                self.defs[name] = self.object_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, t: Any) -> dict[str, Any]:
        if t is type(None):
            return {"type": "null"}
        origin = typing.get_origin(t)
        if origin in (typing.Union, types.UnionType):
            args = typing.get_args(t)
            non_null = [a for a in args if a is not type(None)]
            branches = [self.type_schema(a) for a in non_null]
            if len(non_null) < len(args):
                branches.append({"type": "null"})
            return branches[0] if len(branches) == 1 else {"anyOf": branches}
        if origin in (tuple, list, frozenset, set):
            args = typing.get_args(t)
            if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
                msg = f"only homogeneous tuples have a JSON form, not {t}"
                raise TypeError(msg)
            out: dict[str, Any] = {"type": "array", "items": self.type_schema(args[0])}
            if origin in (frozenset, set):
                out["uniqueItems"] = True
            return out
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if t is str:
            return {"type": "string"}
        if isinstance(t, type) and issubclass(t, Enum):
            return self.ref(t)
        if t in (pendulum.Date, _dt.date):
            return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
        if isinstance(t, type) and attrs.has(t):
            return self.ref(t)
        msg = f"no JSON Schema for type {t!r}"
        raise TypeError(msg)


def _enum_schema(enum: type[Enum]) -> dict[str, Any]:
    values = [m.value for m in enum]
    schema: dict[str, Any] = {"title": enum.__name__}
    doc = inspect.getdoc(enum)
    if doc and doc != inspect.getdoc(Enum):
        schema["description"] = doc.split("\n\n")[0].replace("\n", " ").replace("``", "`")
    schema["type"] = "string"
    schema["enum"] = values
    schema["oneOf"] = [{"const": m.value, "title": str(getattr(m, "label", m.value))} for m in enum]
    return schema


def _merge(target: dict[str, Any], extra: dict[str, Any]) -> None:
    """Merge a CONSTRAINTS entry into a field schema (into the non-null branch)."""
    if "anyOf" in target:
        for branch in target["anyOf"]:
            if branch.get("type") != "null":
                _merge(branch, extra)
        return
    for key, value in extra.items():
        if key == "items" and isinstance(value, dict):
            _merge(target["items"], value)
        else:
            target[key] = value


_NO_DEFAULT = object()


def _default_value(default: Any) -> Any:
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            return _NO_DEFAULT
        default = default.factory()
    if default is None or isinstance(default, bool | int | float | str):
        return default
    if isinstance(default, Enum):
        return default.value
    if isinstance(default, tuple | list | frozenset | set) and not default:
        return []
    return _NO_DEFAULT


_ATTR_LINE = re.compile(r"^(\s*)(\w+)(?: \([^)]*\))?: (.*)$")


def _parse_doc(cls: type) -> tuple[str, dict[str, str]]:
    """The summary paragraph and the ``Attributes:`` entries of a google-style docstring."""
    doc = inspect.getdoc(cls) or ""
    if cls.__doc__ is None:
        return "", {}
    paragraphs = doc.split("\n\n")
    summary = paragraphs[0].replace("\n", " ").replace("``", "`").strip() if paragraphs else ""
    if summary.startswith("Attributes:"):
        summary = ""
    fields: dict[str, str] = {}
    lines = iter(doc.splitlines())
    for line in lines:
        if line.strip() == "Attributes:":
            break
    current: str | None = None
    indent = -1
    for line in lines:
        if not line.strip():
            current = None
            continue
        match = _ATTR_LINE.match(line)
        if match and (indent < 0 or len(match.group(1)) == indent):
            indent = len(match.group(1))
            current = match.group(2)
            fields[current] = match.group(3).strip().replace("``", "`")
        elif current is not None and len(line) - len(line.lstrip()) > indent:
            fields[current] += " " + line.strip().replace("``", "`")
        elif len(line) - len(line.lstrip()) <= max(indent - 1, 0):
            break
    return summary, fields


def _reachable_classes(cls: type) -> Iterator[type]:
    seen: set[type] = set()
    todo = [cls]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        for hint in typing.get_type_hints(current).values():
            todo.extend(_classes_in(hint))


def _classes_in(t: Any) -> Iterator[type]:
    for arg in typing.get_args(t):
        yield from _classes_in(arg)
    if isinstance(t, type) and attrs.has(t):
        yield t

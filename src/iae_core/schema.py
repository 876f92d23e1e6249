"""JSON Schema (draft 2020-12) of the entities, for other backends.

    >>> schema = json_schema(Contract)
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'

The schema is generated from the attrs classes themselves (``attrs.fields`` and the
resolved type hints), so it follows the JSON form of `dump` /
`load` exactly:

* an entity is an ``object`` with ``additionalProperties: false`` (unknown fields are an
  error), its fields without a default are ``required``, the others carry their
  ``default``; nested entities and enums are ``$ref`` to ``$defs``;
* an enum is a ``string`` with ``enum`` (the codes) and ``oneOf`` of
  ``{"const": code, "title": label}`` (the French labels);
* a date is a ``string`` with ``format: date`` (and a pattern, since validators do not
  assert formats by default);
* a tuple is an ``array``, a frozenset an ``array`` with ``uniqueItems``;
* numeric bounds and identifier shapes enforced at construction are added from a table
  kept here (`CONSTRAINTS`), which the tests hold against the constructors.

What a schema cannot say is left to `load`: checksums (SIRET, NIR),
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

from iae_core._kernel.model import (
    MAX_SAFE_INTEGER,
    Entity,
    FieldSpec,
    Identifier,
    Items,
    MinLen,
    NotBlank,
    Pattern,
    Unique,
    bounds_of,
    field_specs,
    identifier_constraints,
)
from iae_core._services.registry import ENTITY_CLASSES

__all__ = [
    "CONSTRAINTS",
    "DRAFT",
    "ENTITY_DATE_PATTERN",
    "NOT_BLANK_PATTERN",
    "check_output_schema",
    "declared_keywords",
    "entity_classes",
    "json_schema",
    "output_schemas",
    "schema_id",
    "x_iae_constraints",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The ``$schema`` of every generated schema."""

_ID_BASE = "urn:iae-core:schema:"

_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
ENTITY_DATE_PATTERN = (
    r"^(?:(?:19|2[01])[0-9][0-9]-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:[02468][048]|[13579][26])"
    r"|21(?:0[48]|[2468][048]|[13579][26]))-02-29)$"
)
"""The ``pattern`` of a date `load` accepts: a real calendar day of the years 1900 to 2199
(`MIN_DATE`, `MAX_DATE`), leap days included (2000-02-29, not 1900-02-29 nor 2100-02-29).

It says everything ``format: date`` says, which validators do not assert by default. Every
date of an entity carries it, and so do the dates of the HTTP service's query.
"""
NOT_BLANK_PATTERN = r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
"""The ``pattern`` of required text: a character that is not white space as `load` reads it.

White space is what Python's `str.isspace` says (`load` refuses text that `strip` empties),
written out: the ``\\S`` of JSON Schema's regular expressions (ECMA-262) takes the
separators U+001C to U+001F and U+0085 for text, so a schema with it admitted ``"\\x1d"``,
which `load` refuses (found by the API fuzzer). The same in Python's and ECMA's dialects.
"""


def declared_keywords(cls: type, spec: FieldSpec) -> dict[str, Any]:
    """The JSON Schema keywords of a field's declared constraints (``items`` for its items).

    Read from the declarations on the field (`iae_core._kernel.model.declare`), the
    class's `Unique` constraints on plain items (``uniqueItems``), the entities' date range
    (a ``pattern`` for 1900-2199) and the ±2**53 limit of integers.
    """
    out: dict[str, Any] = _text_keywords(spec.constraints)
    out.update(bounds_of(spec.constraints))
    t = spec.type
    entity = isinstance(cls, type) and issubclass(cls, Entity)
    if entity and t in (int, float):  # an integer beyond 2**53 is refused, even for a float
        if "exclusiveMinimum" not in out:
            out.setdefault("minimum", -MAX_SAFE_INTEGER)
        if "exclusiveMaximum" not in out:
            out.setdefault("maximum", MAX_SAFE_INTEGER)
    if entity and t is pendulum.Date:
        out["pattern"] = ENTITY_DATE_PATTERN
    for c in spec.constraints:
        if isinstance(c, MinLen):
            out["minItems"] = c.min_length
        elif isinstance(c, Items):
            items = _text_keywords(c.constraints)
            if items:
                out["items"] = items
    if entity and typing.get_origin(t) is tuple:
        for c in getattr(cls, "CONSTRAINTS", ()):
            if isinstance(c, Unique) and c.key is None and c.items == spec.name:
                out["uniqueItems"] = True
    return out


def _text_keywords(constraints: tuple[Any, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in constraints:
        if isinstance(c, NotBlank):
            out["minLength"] = 1
            out.setdefault("pattern", NOT_BLANK_PATTERN)
        elif isinstance(c, Pattern | Identifier):
            out["pattern"] = c.regex if isinstance(c, Pattern) else c.pattern
    return out


def x_iae_constraints(cls: type) -> list[dict[str, Any]]:
    """The named constraints of an entity, as its schema lists them (``x-iae-constraints``).

    Each: its error ``type``, the ``fields`` involved and a ``description`` in French and
    English. Two kinds that no standard keyword can say are listed too: the identifiers'
    check digits (type ``bad_identifier``) and the spelling of integers (type
    ``not_an_integer``: JSON Schema counts ``2024.0`` as an integer, `load` takes ``2024``
    only, as it converts nothing that is not lossless in type).
    """
    if not (isinstance(cls, type) and issubclass(cls, Entity)):
        return []
    out = [c.to_json() for c in cls.CONSTRAINTS]
    for name, ident in identifier_constraints(cls):
        out.append(
            {
                "type": "bad_identifier",
                "fields": [name],
                "description": {
                    "fr": f"`{name}` est un {ident.name} valide (clé de contrôle)",
                    "en": f"`{name}` is a valid {ident.name} (check digits)",
                },
            }
        )
    for spec in field_specs(cls):
        if spec.type is int:
            out.append(
                {
                    "type": "not_an_integer",
                    "fields": [spec.name],
                    "description": {
                        "fr": f"`{spec.name}` s'écrit sans partie décimale (`2`, non `2.0`)",
                        "en": f"`{spec.name}` is written without a fractional part "
                        "(`2`, not `2.0`)",
                    },
                }
            )
    return out


def _constraints_table() -> dict[tuple[str, str], dict[str, Any]]:
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for cls in ENTITY_CLASSES:
        for spec in field_specs(cls):
            if spec.type is pendulum.Date:
                continue  # the date range: every date field (the tests probe it apart)
            keywords = declared_keywords(cls, spec)
            if keywords.get("minimum") == -MAX_SAFE_INTEGER:
                keywords.pop("minimum")
            if keywords.get("maximum") == MAX_SAFE_INTEGER:
                keywords.pop("maximum")
            if keywords:
                table[(cls.__name__, spec.name)] = keywords
    return table


CONSTRAINTS: dict[tuple[str, str], dict[str, Any]] = _constraints_table()
"""The declared bounds and shapes of the entities' fields, keyed by ``(class, field)``.

Derived from the declarations on the fields (`iae_core._kernel.model.declare`), never
written here: each value is what `json_schema` merges into the field's schema (into the
non-null branch of an optional field; ``items`` into an array's item schema). The tests
check every entry against the constructor: a value just outside is refused by both.
"""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("iae-core")
    except PackageNotFoundError:  # pragma: no cover - run from sources without install
        return "0+unknown"


def schema_id(cls: type | str) -> str:
    """The `$id` of a schema, with the package version: `urn:iae-core:schema:1.2.0:Contract`.

    Args:
        cls: the class, or the schema's name (`"CheckOutput"`).
    """
    name = cls if isinstance(cls, str) else cls.__name__
    return f"{_ID_BASE}{_version()}:{name}"


def entity_classes() -> tuple[type, ...]:
    """Every entity class of iae_core, sorted by name.

    The explicit table `iae_core._services.registry.ENTITY_CLASSES`, gathered from each area's
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
    outputs = _output_classes()
    if inspect.isclass(cls) and cls.__name__ in outputs and outputs[cls.__name__] is cls:
        return _copy(output_schemas()[cls.__name__])  # type: ignore[no-any-return]
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
        specs = {s.name: s for s in field_specs(cls)}
        for field in attrs.fields(cls):
            name = field.alias or field.name
            prop = self.type_schema(hints[field.name])
            extra = declared_keywords(cls, specs[field.name])
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
        named = x_iae_constraints(cls)
        if named:
            schema["x-iae-constraints"] = named
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
    # `enum` alone validates (a bad value gives one error, not one per keyword); the labels
    # are an annotation.
    schema["enum"] = values
    schema["x-labels"] = {m.value: str(getattr(m, "label", m.value)) for m in enum}
    if any(getattr(m, "label_en", None) for m in enum):
        schema["x-labels-en"] = {m.value: str(getattr(m, "label_en", "") or m.value) for m in enum}
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


# --- what comes back: findings, reports, data errors, `check --json` ------------------------


def _output_classes() -> dict[str, type]:
    from iae_core._kernel.findings import Finding, Report
    from iae_core.errors import ErrorDetail, InvalidData

    return {
        "Finding": Finding,
        "Report": Report,
        "ErrorDetail": ErrorDetail,
        "InvalidData": InvalidData,
    }


def _doc(name: str, title: str, description: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "$id": schema_id(name),
        "title": title,
        "description": description,
        **body,
    }


_LOC = {
    "type": "array",
    "items": {"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]},
    "description": 'Where: keys and indexes, `["contracts", 2, "start"]` (`[]`: the document).',
}


def _finding_body() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "code": {"type": "string", "description": "The stable rule code."},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string", "description": "The message, in the language asked."},
            "reference": {"type": "string", "description": "The legal reference."},
            "path": {"type": "string", "description": 'The field concerned (`""`: all).'},
            "params": {"type": "object", "description": "The values the rule used, by name."},
        },
        "required": ["code", "severity", "message", "reference", "path", "params"],
        "additionalProperties": False,
    }


def _error_body() -> dict[str, Any]:
    from iae_core.errors import ERROR_TYPES

    return {
        "type": "object",
        "properties": {
            "loc": _LOC,
            "type": {"enum": sorted(ERROR_TYPES), "description": "The stable type of error."},
            "msg": {"type": "string", "description": "The message, in the language asked."},
            "input": {"description": "The offending input (absent when sensitive or none)."},
        },
        "required": ["loc", "type", "msg"],
        "additionalProperties": False,
    }


@cache
def _outputs() -> dict[str, dict[str, Any]]:
    finding = _finding_body()
    error = _error_body()
    report = {
        "type": "object",
        "properties": {
            "ok": {"type": "boolean", "description": "True when no finding is an error."},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
        },
        "required": ["ok", "findings"],
        "additionalProperties": False,
        "$defs": {"Finding": finding},
    }
    invalid = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/ErrorDetail"}}
    return {
        "Finding": _doc(
            "Finding", "Finding", "One result of a rule check (`Finding.to_json`).", finding
        ),
        "Report": _doc("Report", "Report", "The findings of a check (`Report.to_json`).", report),
        "ErrorDetail": _doc(
            "ErrorDetail",
            "ErrorDetail",
            "One bad field of the input (`ErrorDetail.to_json`).",
            error,
        ),
        "InvalidData": _doc(
            "InvalidData",
            "InvalidData",
            "Every bad field of the input (`InvalidData.to_json`).",
            {**invalid, "$defs": {"ErrorDetail": error}},
        ),
        "CheckOutput": check_output_schema(),
    }


def output_schemas() -> dict[str, dict[str, Any]]:
    """The schemas of what iae_core gives back, by name.

    `Finding`, `Report`, `ErrorDetail`, `InvalidData` (the list of details) and
    `CheckOutput` (the document `iae-core check --json` writes).
    """
    return _copy(_outputs())  # type: ignore[no-any-return]


def check_output_schema() -> dict[str, Any]:
    """The JSON Schema of the document `iae-core check --json` writes."""
    finding = _finding_body()
    error = _error_body()
    invalid_item = {
        "type": "object",
        "properties": {
            "path": {"type": "string"},
            "message": {"type": "string", "description": "In English."},
            **error["properties"],
        },
        "required": ["path", "message", "loc", "type", "msg"],
        "additionalProperties": False,
    }
    count = {"type": "integer", "minimum": 0}
    record = {
        "type": "object",
        "properties": {
            "record": {"type": "string", "description": 'Where: `line 3`, `item 2`, `""`.'},
            "type": {"type": ["string", "null"], "description": "The entity recognised."},
            "status": {"enum": ["invalid", "no_rule", "errors", "findings"]},
            "message": {"type": ["string", "null"], "description": "Why the record is bad."},
            "invalid": {"type": "array", "items": invalid_item},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
        },
        "required": ["record", "type", "status", "message", "invalid", "findings"],
        "additionalProperties": False,
    }
    body = {
        "type": "object",
        "properties": {
            "on": {"type": "string", "format": "date", "pattern": _DATE_PATTERN},
            "records": {"type": "array", "items": record},
            "summary": {
                "type": "object",
                "properties": {
                    "documents": count,
                    "errors": count,
                    "warnings": count,
                    "infos": count,
                    "invalid": count,
                    "no_rule": {"type": "object", "additionalProperties": count},
                    "exit_status": {"enum": [0, 1, 2]},
                },
                "required": [
                    "documents",
                    "errors",
                    "warnings",
                    "infos",
                    "invalid",
                    "no_rule",
                    "exit_status",
                ],
                "additionalProperties": False,
            },
            "error": {"type": "string", "description": "Why the run stopped (exit status 2)."},
        },
        "required": ["on", "records", "summary"],
        "additionalProperties": False,
        "$defs": {"Finding": finding},
    }
    return _doc("CheckOutput", "CheckOutput", "The document `iae-core check --json` writes.", body)

"""The JSON form of the result types (`Report`, the plans, `Deadline`, `ExitStats`…) and its schema.

What `iae_core._kernel.plugins.Result`'s pydantic hooks delegate to (through
`iae_core._services.pydantic_hooks`):

* `result_json(value)`: the value's own `to_json()` where it has one (a `Report`, a
  `Finding`, a plan, a `Deadline`: messages in the current language, special-category
  data left out as `to_json` does), else its fields as plain JSON values (ISO dates, enum
  codes, lists, string keys);
* `result_schema(cls)`: the JSON Schema (draft 2020-12) of that form, with `$defs` for the
  nested result types. `Report`, `Finding` and `ErrorDetail` are those of
  `iae_core.schema.output_schemas`; the others are read from the attrs fields and their
  type hints, with the few fields whose JSON form is not the field's own written out here.
"""

from __future__ import annotations

import datetime as _dt
import inspect
import math
import types
import typing
from collections.abc import Mapping
from enum import Enum
from typing import Any

import attrs

from iae_core.schema import DRAFT, output_schemas, schema_id

__all__ = ["result_json", "result_schema"]

_LEFT_OUT: Mapping[str, frozenset[str]] = {
    # the lifelines fitter object: Python only
    "SurvivalCurve": frozenset({"fitter"}),
}

_DATE = {"type": "string", "format": "date"}

_OVERRIDES: Mapping[str, Mapping[str, Any]] = {
    # field -> its JSON form's schema, where `to_json` writes something else than the field
    "ApprovalPlan": {
        "prolongation_window": {
            "anyOf": [
                {
                    "type": "object",
                    "properties": {"first": _DATE, "last": _DATE},
                    "required": ["first", "last"],
                    "additionalProperties": False,
                },
                {"type": "null"},
            ],
            "description": "First and last day on which a prolongation may be requested.",
        },
    },
    "Deadline": {
        "params": {"type": "object", "description": "The values of the message."},
        "message": {"type": "string", "description": "What it means, in `lang`."},
    },
}


def _fields(cls: type) -> list[attrs.Attribute[Any]]:
    left_out = _LEFT_OUT.get(cls.__name__, frozenset())
    return [f for f in attrs.fields(cls) if f.name not in left_out]


def result_json(value: Any) -> Any:
    """The JSON form of a result: its `to_json()`, or its fields as plain JSON values."""
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    if attrs.has(type(value)):
        return {f.name: result_json(getattr(value, f.name)) for f in _fields(type(value))}
    return _plain(value)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(_plain(k)): result_json(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted((result_json(v) for v in value), key=lambda v: (type(v).__name__, str(v)))
    if isinstance(value, list | tuple):
        return [result_json(v) for v in value]
    if attrs.has(type(value)):
        return result_json(value)
    return str(value)


def result_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `result_json(x)` for `x` of the result class `cls`.

    Raises:
        TypeError: `cls` is not an attrs class, or a field has a type with no JSON form.
    """
    outputs = output_schemas()
    if cls.__name__ in ("Report", "Finding", "ErrorDetail"):
        return outputs[cls.__name__]
    if not (inspect.isclass(cls) and attrs.has(cls)):
        msg = f"not a result class: {cls!r}"
        raise TypeError(msg)
    defs: dict[str, Any] = {}
    body = _object(cls, defs)
    out: dict[str, Any] = {"$schema": DRAFT, "$id": schema_id(cls.__name__), **body}
    defs.pop(cls.__name__, None)
    if defs:
        out["$defs"] = dict(sorted(defs.items()))
    return out


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    overrides = _OVERRIDES.get(cls.__name__, {})
    properties: dict[str, Any] = {}
    for field in _fields(cls):
        name = field.alias or field.name  # a private attribute `_message` is `message`
        if name in overrides:
            properties[name] = dict(overrides[name])
        else:
            properties[name] = _type(hints[field.name], defs)
    summary = (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")
    return {
        "title": cls.__name__,
        "description": summary,
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _type(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if t is type(None):
        return {"type": "null"}
    if t is Any:
        return {}
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type(a, defs) for a in args]}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type(args[0], defs)}
        items = [_type(a, defs) for a in args]
        return {
            "type": "array",
            "prefixItems": items,
            "minItems": len(items),
            "maxItems": len(items),
        }
    if origin in (list, frozenset, set):
        return {"type": "array", "items": _type(args[0], defs)}
    if origin in (dict, Mapping, typing.Mapping) or t in (dict, Mapping):
        out: dict[str, Any] = {"type": "object"}
        if args:
            out["additionalProperties"] = _type(args[1], defs)
            key = args[0]
            if isinstance(key, type) and issubclass(key, Enum):
                out["propertyNames"] = {"enum": [m.value for m in key]}
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
        return {"type": "string", "enum": [m.value for m in t], "title": t.__name__}
    if isinstance(t, type) and issubclass(t, _dt.date):
        return dict(_DATE)
    if isinstance(t, type) and attrs.has(t):
        name = t.__name__
        if name not in defs:
            defs[name] = {}  # placeholder: recursion stops here
            defs[name] = _object(t, defs)
        return {"$ref": f"#/$defs/{name}"}
    msg = f"no JSON form for type {t!r}"
    raise TypeError(msg)

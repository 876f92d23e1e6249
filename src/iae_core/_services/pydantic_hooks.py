"""Entities as pydantic v2 types, without a dependency on pydantic.

`Entity.__get_pydantic_core_schema__` and `Entity.__get_pydantic_json_schema__` delegate
here, and only pydantic calls them: `import iae_core` never imports pydantic.

* **Validation** is iae_core's own: `load` (the one cattrs converter), with the same
  strictness (nothing coerced, unknown fields refused). Every bad field becomes one
  pydantic error line with its `loc`, its stable `type` and the French message (the
  English one is in the line's `ctx` as `message_en`). An instance of the entity is taken
  as it is in Python mode (entities are validated at construction); JSON mode takes JSON
  data only.
* **Serialisation** is `dump`: ISO dates, enum codes, sorted lists for sets.
* **JSON Schema** is `json_schema(cls)`, its nested entities and enums published as
  definitions of their own (`#/$defs/Approval` for a `TypeAdapter`,
  `#/components/schemas/Approval` in an OpenAPI document).

Several located errors from one plain validator: pydantic-core turns a
`pydantic_core.ValidationError` raised by a validator function into its line errors, each
keeping its `loc` under the location of the value being validated (tested in
`tests/api/test_pydantic.py`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic_core import CoreSchema, ValidationError

    from iae_core.errors import InvalidData

__all__ = [
    "core_schema",
    "json_schema",
    "result_core_schema",
    "result_json_schema",
    "validation_error",
]

REF_PREFIX = "iae_core."
"""The prefix of the core-schema `ref` of each entity and enum (`iae_core.Contract`)."""

HIDDEN_INPUT = None
"""The `input` of an error line whose input is sensitive (a NIR, health data)."""


def validation_error(title: str, exc: InvalidData) -> ValidationError:
    """A pydantic `ValidationError` with one line per error of `exc`.

    Args:
        title: the title of the error (the entity's name).
        exc: the data error.

    Returns:
        The error; each line has the detail's `loc` and `type`, the French message as its
        `msg`, and `ctx` with `message_en`, `message` (the French one) and, for a
        sensitive field whose `input` is then `null`, `input_hidden: true`.
    """
    from pydantic_core import InitErrorDetails, PydanticCustomError
    from pydantic_core import ValidationError as _ValidationError

    from iae_core.errors import NO_INPUT, carries_special_category

    lines: list[InitErrorDetails] = []
    for d in exc.details:
        # nothing of an input that holds a NIR or special-category data, at any depth
        hidden = d.input is NO_INPUT or carries_special_category(d.input)
        ctx: dict[str, Any] = {"message_en": d.message_en}
        if hidden:
            ctx["input_hidden"] = True
        # pydantic renders the template by replacing each `{key}` of the context in turn:
        # `{message}`, replaced last, gives the message as it is, braces and all.
        ctx["message"] = d.message
        lines.append(
            InitErrorDetails(
                type=PydanticCustomError(d.type, "{message}", ctx),
                loc=tuple(d.loc),
                input=HIDDEN_INPUT if hidden else d.input,
            )
        )
    return _ValidationError.from_exception_data(title, lines)


def _validator(cls: type) -> Callable[[Any, Any], Any]:
    from iae_core.errors import InvalidData
    from iae_core.serialization import load

    def validate(value: Any, info: Any) -> Any:
        # Python mode takes an instance as it is (validated at construction); JSON mode
        # has only JSON data.
        if info.mode == "python" and isinstance(value, cls):
            return value
        try:
            return load(cls, value)
        except InvalidData as exc:
            raise validation_error(cls.__name__, exc) from None

    validate.__name__ = validate.__qualname__ = cls.__name__  # pydantic's error titles
    return validate


def _dump(value: Any) -> Any:
    from iae_core.serialization import dump

    return dump(value)


def core_schema(cls: type, handler: GetCoreSchemaHandler) -> CoreSchema:
    """The pydantic core schema of the entity class `cls`."""
    from pydantic_core import core_schema as cs

    return cs.with_info_plain_validator_function(
        _validator(cls),
        serialization=cs.plain_serializer_function_ser_schema(_dump),
        ref=REF_PREFIX + cls.__name__,
    )


def _result_validator(cls: type) -> Callable[[Any, Any], Any]:
    def validate(value: Any, info: Any) -> Any:
        if isinstance(value, cls):
            return value
        from pydantic_core import InitErrorDetails, PydanticCustomError
        from pydantic_core import ValidationError as _ValidationError

        msg = "un {name} est un résultat d'iae_core, pas une donnée à lire"
        ctx = {"name": cls.__name__, "message_en": f"a {cls.__name__} is a result, not input"}
        line = InitErrorDetails(
            type=PydanticCustomError("not_a_result", msg, ctx),
            loc=(),
            input=HIDDEN_INPUT,  # whatever it is, it is not echoed (it could hold a NIR)
        )
        raise _ValidationError.from_exception_data(cls.__name__, [line])

    validate.__name__ = validate.__qualname__ = cls.__name__
    return validate


def _result_json(value: Any) -> Any:
    from iae_core._services.results import result_json

    return result_json(value)


def result_core_schema(cls: type, handler: GetCoreSchemaHandler) -> CoreSchema:
    """The pydantic core schema of the result class `cls` (`Report`, a plan…).

    An instance is taken as it is; it is written as its JSON form
    (`iae_core._services.results.result_json`: its `to_json()`). A result is not read
    from input: anything else is a `not_a_result` error.
    """
    from pydantic_core import core_schema as cs

    return cs.with_info_plain_validator_function(
        _result_validator(cls),
        serialization=cs.plain_serializer_function_ser_schema(_result_json),
        ref=REF_PREFIX + cls.__name__,
    )


def result_json_schema(cls: type, handler: GetJsonSchemaHandler) -> dict[str, Any]:
    """The JSON Schema of the result class `cls`'s JSON form, as a pydantic definition."""
    from iae_core._services.results import result_schema

    return _published(cls, result_schema(cls), handler)


# --- JSON Schema -----------------------------------------------------------------------------

_BUILDING = threading.local()


def json_schema(cls: type, handler: GetJsonSchemaHandler) -> dict[str, Any]:
    """`iae_core.schema.json_schema(cls)` as a pydantic definition.

    The `$schema` and `$id` keywords are left out (an `$id` inside an OpenAPI document
    would change the base of its references); each `#/$defs/Name` reference becomes a
    reference to a definition of its own, registered through `handler`.
    """
    from iae_core.schema import json_schema as iae_json_schema

    return _published(cls, iae_json_schema(cls), handler)


def _published(cls: type, schema: dict[str, Any], handler: GetJsonSchemaHandler) -> dict[str, Any]:
    schema.pop("$schema", None)
    schema.pop("$id", None)
    defs: dict[str, Any] = schema.pop("$defs", {})
    building: set[str] = _building()
    building.add(cls.__name__)
    try:
        out: dict[str, Any] = _relink(schema, cls.__name__, defs, handler)
    finally:
        building.discard(cls.__name__)
    return out


def _building() -> set[str]:
    names: set[str] | None = getattr(_BUILDING, "names", None)
    if names is None:
        names = _BUILDING.names = set()
    return names


def _relink(node: Any, root: str, defs: dict[str, Any], handler: GetJsonSchemaHandler) -> Any:
    if isinstance(node, list):
        return [_relink(v, root, defs, handler) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _relink(v, root, defs, handler) for k, v in node.items() if k != "$ref"}
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = root if ref == "#" else ref.removeprefix("#/$defs/")
        out.update(handler(_placeholder(name, root, defs)))
    return out


def _placeholder(name: str, root: str, defs: dict[str, Any]) -> CoreSchema:
    """A core schema with the `ref` of `name` whose JSON Schema is `defs[name]`, relinked.

    While `name`'s own schema is being built (a class that reaches itself), a plain
    reference to its definition instead, which pydantic fills when that build ends.
    """
    from pydantic_core import core_schema as cs

    ref = REF_PREFIX + name
    if name in _building():
        return cs.definition_reference_schema(ref)

    def js(_schema: Any, inner: GetJsonSchemaHandler) -> dict[str, Any]:
        building = _building()
        building.add(name)
        try:
            out: dict[str, Any] = _relink(defs[name], root, defs, inner)
        finally:
            building.discard(name)
        return out

    # `pydantic_js_functions`: how pydantic attaches a `__get_pydantic_json_schema__`.
    definition = cs.any_schema(ref=ref, metadata={"pydantic_js_functions": [js]})
    # A hook's handler renders the schema it is given, without registering definitions;
    # a `definitions` schema has pydantic register its definitions, then refer to one.
    return cs.definitions_schema(cs.definition_reference_schema(ref), [definition])

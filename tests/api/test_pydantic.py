"""Entities as pydantic v2 types: validation by `load`, serialisation by `dump`, schemas."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

pydantic = pytest.importorskip("pydantic")

from pydantic import BaseModel, TypeAdapter, ValidationError  # noqa: E402

import iae_core as I  # noqa: E402
from iae_core._kernel import model as _model  # noqa: E402
from iae_core.testing import strategies as S  # noqa: E402

CONTRACT: dict[str, Any] = {
    "kind": "CDDI",
    "structure_kind": "ACI",
    "start": "2026-01-05",
    "end": "2026-06-05",
    "weekly_hours": 20,
}
PERSON: dict[str, Any] = {"id": "p1", "birth_date": "1990-02-28"}
NIR = "189057511500125"  # a well-formed NIR whose key is wrong


def errors_of(call: Any) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.errors()


# --- round trips ---------------------------------------------------------------------------


def test_validate_python_loads_and_dump_python_dumps():
    ta = TypeAdapter(I.Contract)
    contract = ta.validate_python(CONTRACT)
    assert contract == I.load(I.Contract, CONTRACT)
    assert type(contract.start) is type(I.load(I.Contract, CONTRACT).start)  # pendulum.Date
    assert ta.dump_python(contract) == I.dump(contract)
    assert ta.dump_python(contract, mode="json") == I.dump(contract)


def test_an_instance_is_taken_as_it_is_in_python_mode():
    contract = I.load(I.Contract, CONTRACT)
    assert TypeAdapter(I.Contract).validate_python(contract) is contract


def test_validate_json_and_dump_json():
    ta = TypeAdapter(I.Contract)
    contract = ta.validate_json(json.dumps(CONTRACT))
    assert contract == I.load(I.Contract, CONTRACT)
    assert json.loads(ta.dump_json(contract)) == I.dump(contract)


def test_a_list_of_entities():
    ta = TypeAdapter(list[I.Person])
    people = ta.validate_json(json.dumps([PERSON, {**PERSON, "id": "p2"}]))
    assert [p.id for p in people] == ["p1", "p2"]
    assert json.loads(ta.dump_json(people)) == [I.dump(p) for p in people]


@given(st.one_of(S.parcours(), S.contracts(), S.approvals(), S.persons(), S.diagnoses()))
def test_round_trips_through_a_type_adapter_are_exact(obj: Any):
    ta = TypeAdapter(type(obj))
    assert ta.validate_json(ta.dump_json(obj)) == obj
    assert ta.validate_python(ta.dump_python(obj)) == obj


def test_inside_a_model():
    class Hiring(BaseModel):
        person: I.Person
        contracts: list[I.Contract]

    hiring = Hiring.model_validate({"person": PERSON, "contracts": [CONTRACT]})
    assert hiring.person == I.load(I.Person, PERSON)
    assert hiring.model_dump(mode="json") == {
        "person": I.dump(hiring.person),
        "contracts": [I.dump(hiring.contracts[0])],
    }
    assert Hiring.model_validate_json(hiring.model_dump_json()) == hiring


# --- errors ----------------------------------------------------------------------------------


def test_every_bad_field_is_one_error_line_with_its_loc():
    bad = {**CONTRACT, "start": "2026-13-01", "weekly_hours": "20", "colour": "blue"}
    lines = errors_of(lambda: TypeAdapter(I.Contract).validate_python(bad))
    assert [(e["loc"], e["type"]) for e in lines] == [
        (d.loc, d.type) for d in _details(I.Contract, bad)
    ]
    by_loc = {e["loc"]: e for e in lines}
    assert by_loc[("start",)]["type"] == "not_a_date"
    assert by_loc[("start",)]["input"] == "2026-13-01"
    assert by_loc[("weekly_hours",)]["type"] == "not_a_number"  # "20" is not coerced
    assert by_loc[("colour",)]["type"] == "unknown_field"
    assert len(lines) == 3


def _details(cls: type, data: Any) -> tuple[Any, ...]:
    with pytest.raises(I.InvalidData) as info:
        I.load(cls, data)
    return info.value.details


def test_messages_in_french_and_in_english():
    (line,) = errors_of(
        lambda: TypeAdapter(I.Contract).validate_python({**CONTRACT, "start": "2026-13-01"})
    )
    (d,) = _details(I.Contract, {**CONTRACT, "start": "2026-13-01"})
    assert line["msg"] == d.message == d.message_in("fr")
    assert line["ctx"]["message_en"] == d.message_en == 'not a date: "2026-13-01"'
    assert line["msg"] != line["ctx"]["message_en"]


def test_locs_are_under_the_location_of_the_entity():
    class Hiring(BaseModel):
        person: I.Person
        contracts: list[I.Contract]

    bad = {
        "person": {**PERSON, "birth_date": 3},
        "contracts": [CONTRACT, {**CONTRACT, "start": "2026-02-30"}, {**CONTRACT, "end": None}],
    }
    lines = errors_of(lambda: Hiring.model_validate_json(json.dumps(bad)))
    assert [e["loc"] for e in lines] == [
        ("person", "birth_date"),
        ("contracts", 1, "start"),
        ("contracts", 2, "end"),
    ]


def test_a_nested_entity_keeps_its_full_loc():
    data = {
        "person": PERSON,
        "structure": {
            "siret": "73282932000074",
            "kind": "ACI",
            "name": "Atelier",
            "department": "75",
        },
        "contracts": [CONTRACT, {**CONTRACT, "weekly_hours": -1}],
    }
    lines = errors_of(lambda: TypeAdapter(I.Parcours).validate_python(data))
    assert [e["loc"] for e in lines] == [d.loc for d in _details(I.Parcours, data)]
    assert ("contracts", 1, "weekly_hours") in [e["loc"] for e in lines]


def test_a_sensitive_input_is_never_in_the_error():
    lines = errors_of(lambda: TypeAdapter(I.Person).validate_python({**PERSON, "nir": NIR}))
    (line,) = lines
    assert line["loc"] == ("nir",)
    assert line["input"] is None
    assert line["ctx"]["input_hidden"] is True
    assert NIR not in json.dumps(lines, default=str)
    lines = errors_of(lambda: TypeAdapter(I.Person).validate_python({**PERSON, "rqth": "yes"}))
    assert "yes" not in json.dumps(lines, default=str)


def test_the_same_strictness_as_load():
    for data in (
        {**CONTRACT, "weekly_hours": True},
        {**CONTRACT, "start": "2026-01-05T00:00:00"},
        {**CONTRACT, "kind": "cddi"},
        [CONTRACT],
        "not an object",
    ):
        lines = errors_of(lambda data=data: TypeAdapter(I.Contract).validate_python(data))
        assert [(e["loc"], e["type"]) for e in lines] == [
            (d.loc, d.type) for d in _details(I.Contract, data)
        ]


def test_a_message_with_braces_stays_as_it_is():
    data = {**PERSON, "id": {"{message_en}": 1}}
    (line,) = errors_of(lambda: TypeAdapter(I.Person).validate_python(data))
    (d,) = _details(I.Person, data)
    assert line["msg"] == line["ctx"]["message"] == d.message
    assert line["ctx"]["message_en"] == d.message_en


# --- JSON Schema ---------------------------------------------------------------------------


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def _without_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_refs(v) for k, v in node.items() if k != "$ref"}
    if isinstance(node, list):
        return [_without_refs(v) for v in node]
    return node


@pytest.mark.parametrize("cls", [I.Contract, I.Parcours, I.Approval, I.Person])
def test_the_json_schema_is_iae_cores(cls: type):
    ours = I.json_schema(cls)
    theirs = TypeAdapter(cls).json_schema()
    assert "$id" not in theirs
    assert "$schema" not in theirs
    assert _without_refs(theirs["properties"]) == _without_refs(ours["properties"])
    assert theirs.get("required") == ours.get("required")
    assert theirs["additionalProperties"] is False
    defs = theirs.get("$defs", {})
    assert sorted(defs) == sorted(ours.get("$defs", {}))
    for name, schema in defs.items():
        assert _without_refs(schema) == _without_refs(ours["$defs"][name])
    assert {r.removeprefix("#/$defs/") for r in _refs(theirs)} <= set(defs)


@settings(max_examples=25)
@given(S.parcours())
def test_the_schema_validates_what_dump_gives(parcours: Any):
    jsonschema = pytest.importorskip("jsonschema")
    schema = _PARCOURS_SCHEMA
    jsonschema.validate(I.dump(parcours), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**I.dump(parcours), "colour": 1}, schema)


_PARCOURS_SCHEMA = TypeAdapter(I.Parcours).json_schema()


def test_the_serialization_schema_is_the_same():
    ta = TypeAdapter(I.Contract)
    assert ta.json_schema(mode="serialization") == ta.json_schema(mode="validation")


def test_a_class_that_reaches_itself():
    @attrs.frozen(kw_only=True, slots=True)
    class Node(_model.Entity):
        """A tree node (a test class)."""

        name: str
        children: tuple[Node, ...] = ()

    globals()["Node"] = Node  # its hint names itself: resolvable from the module
    try:
        ta = TypeAdapter(Node)
        schema = ta.json_schema()
        assert schema["$ref"] == "#/$defs/Node"
        assert set(schema["$defs"]) == {"Node"}
        node = schema["$defs"]["Node"]
        assert node["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
        tree = ta.validate_python({"name": "a", "children": [{"name": "b"}]})
        assert tree.children[0].name == "b"
    finally:
        del globals()["Node"]


# --- no dependency ---------------------------------------------------------------------------


def test_import_iae_core_imports_neither_pydantic_nor_fastapi():
    code = (
        "import sys, pendulum, iae_core as I\n"
        "c = I.load(I.Contract, " + repr(CONTRACT) + ")\n"
        "I.dump(c); I.json_schema(I.Parcours); I.check(c, on=pendulum.date(2026, 1, 5))\n"
        "import iae_core.schema, iae_core.serialization, iae_core.cli\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('pydantic', 'pydantic_core', 'fastapi', 'starlette', 'uvicorn', 'httpx')]\n"
        "print(bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"


@example(hours=0)
@example(hours=168)
@given(st.integers(min_value=0, max_value=168))
def test_bounds_are_those_of_the_constructor(hours: int):
    ta = TypeAdapter(I.Contract)
    assert ta.validate_python({**CONTRACT, "weekly_hours": hours}).weekly_hours == hours
    for bad in (-1, 169):
        lines = errors_of(lambda bad=bad: ta.validate_python({**CONTRACT, "weekly_hours": bad}))
        assert [e["loc"] for e in lines] == [("weekly_hours",)]

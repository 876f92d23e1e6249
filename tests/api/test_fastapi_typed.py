"""A FastAPI application of one's own, typed with iae_core entities, on a real socket."""

import json
from typing import Annotated, Any

import pytest

pytest.importorskip("fastapi")

from fastapi import Body, FastAPI
from pydantic import BaseModel

import iae_core as I

CONTRACT: dict[str, Any] = {
    "kind": "CDDI",
    "structure_kind": "ACI",
    "start": "2026-01-05",
    "end": "2026-06-05",
    "weekly_hours": 20,
}
PERSON = {"id": "p1", "birth_date": "1990-02-28"}


class Hiring(BaseModel):
    person: I.Person
    contracts: list[I.Contract]


def make_app() -> FastAPI:
    app = FastAPI()

    @app.post("/contracts")  # FastAPI reads a non-model type from the body when told so
    def echo(contract: Annotated[I.Contract, Body()]) -> I.Contract:
        assert isinstance(contract, I.Contract)
        return contract

    @app.post("/hirings", response_model=Hiring)
    def hire(hiring: Hiring) -> Hiring:
        return hiring

    return app


def test_bodies_and_responses_are_entities(serve: Any):
    with serve(make_app()) as client:
        r = client.post("/contracts", json=CONTRACT)
        assert r.status_code == 200
        assert r.json() == I.dump(I.load(I.Contract, CONTRACT))
        r = client.post("/hirings", json={"person": PERSON, "contracts": [CONTRACT]})
        assert r.status_code == 200
        assert r.json()["person"] == I.dump(I.load(I.Person, PERSON))


def test_the_default_422_has_one_line_per_bad_field(serve: Any):
    bad = {
        "person": {**PERSON, "birth_date": "1990-02-30"},
        "contracts": [CONTRACT, {**CONTRACT, "weekly_hours": "20", "colour": 1}],
    }
    with serve(make_app()) as client:
        r = client.post("/hirings", json=bad)
    assert r.status_code == 422
    lines = r.json()["detail"]
    assert [(line["loc"], line["type"]) for line in lines] == [
        (["body", "person", "birth_date"], "not_a_date"),
        (["body", "contracts", 1, "weekly_hours"], "not_a_number"),
        (["body", "contracts", 1, "colour"], "unknown_field"),
    ]
    assert lines[0]["ctx"]["message_en"] == 'not a date: "1990-02-30"'
    assert lines[0]["msg"] == lines[0]["ctx"]["message"]


def test_openapi_of_a_typed_app(serve: Any):
    with serve(make_app()) as client:
        doc = client.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    assert {"Contract", "Person", "Hiring", "ContractKind", "StructureKind"} <= set(schemas)
    ours = I.json_schema(I.Contract)
    assert set(schemas["Contract"]["properties"]) == set(ours["properties"])
    assert schemas["Contract"]["additionalProperties"] is False
    assert schemas["Contract"]["properties"]["kind"]["$ref"] == (
        "#/components/schemas/ContractKind"
    )
    body = doc["paths"]["/contracts"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/Contract"}
    text = json.dumps(doc)
    assert "#/$defs/" not in text
    assert "urn:iae-core" not in text

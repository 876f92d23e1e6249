"""The result types (`Report`, `Finding`, the plans, `Deadline`, the statistics…) are pydantic
types: taken as they are, written as their JSON form, with a JSON Schema that form meets."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Annotated, Any

import jsonschema
import pendulum
import pytest

pytest.importorskip("fastapi")

from fastapi import Body, FastAPI
from pydantic import BaseModel, TypeAdapter, ValidationError

import iae_core as I
from iae_core import planning, stats
from iae_core.demo import build_territory
from iae_core.matching import Assignment, Component, MatchScore, assign, score
from iae_core.stats import ExitStats, Tally
from iae_core.survival import SurvivalCurve, kaplan_meier
from iae_core.tables import durations_table

ON = pendulum.date(2026, 1, 5)
CONTRACT: dict[str, Any] = {
    "kind": "CDDI",
    "structure_kind": "ACI",
    "start": "2026-01-05",
    "end": "2026-02-05",  # too short: an error finding
    "weekly_hours": 20,
}
APPROVAL = I.load(I.Approval, {"number": "999992600001", "start": "2026-01-05"})
HOST = "73282932000074"
IMMERSION = I.load(I.Immersion, {"host_siret": HOST, "start": "2026-01-05", "end": "2026-01-20"})


def _samples() -> list[tuple[type, Any]]:
    contract = I.load(I.Contract, CONTRACT)
    report = I.check(contract, on=ON)
    assert not report.ok  # findings with params (dates, numbers)
    plan = planning.contract(contract, on=ON)
    territory = build_territory(seed=3, people=60)
    rates = stats.exit_rates(territory.parcours, by="kind")
    counts = stats.exit_counts(territory.parcours)
    curves = kaplan_meier(
        durations_table(territory.parcours, on=territory.on, key=b"test key"), engine="python"
    )
    match = score(territory.candidates[0], territory.positions[0])
    assignment = assign(territory.candidates[:10], territory.positions[:10])
    deadlines = planning.deadlines([APPROVAL], on=ON, within_days=800)
    retention = stats.retention(territory.parcours, on=territory.on)
    return [
        (I.Report, report),
        (I.Report, I.Report()),
        (I.Finding, report[0]),
        (planning.ContractPlan, plan),
        (planning.Closed, next(iter(plan.closed.values()))),
        (planning.ApprovalPlan, planning.approval(APPROVAL, on=ON, structure_kind="ACI")),
        (planning.PmsmpRoom, planning.pmsmp([IMMERSION], host_siret=HOST, on=ON)),
        (planning.Deadline, deadlines[0]),
        (ExitStats, rates[0]),
        (Tally, next(iter(counts.exited.values()))),
        (stats.RetentionStats, retention[0]),
        (SurvivalCurve, curves[0]),
        (MatchScore, match),
        (Component, match.components[0]),
        (Assignment, assignment),
        (I.ErrorDetail, _error()),
    ]


def _error() -> I.ErrorDetail:
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Contract, {**CONTRACT, "start": "2026-02-30"})
    return info.value.details[0]


SAMPLES = _samples()
IDS = [f"{cls.__name__}-{i}" for i, (cls, _) in enumerate(SAMPLES)]


@pytest.mark.parametrize(("cls", "value"), SAMPLES, ids=IDS)
def test_a_result_is_taken_as_it_is_and_written_as_its_json(cls: type, value: Any):
    adapter = TypeAdapter(cls)
    assert adapter.validate_python(value) is value
    written = json.loads(adapter.dump_json(value))
    to_json = getattr(value, "to_json", None)
    if to_json is not None:
        assert written == to_json()
    assert adapter.dump_python(value, mode="json") == written


@pytest.mark.parametrize(("cls", "value"), SAMPLES, ids=IDS)
def test_the_json_schema_is_met_by_the_json_form(cls: type, value: Any):
    adapter = TypeAdapter(cls)
    schema = adapter.json_schema(mode="serialization")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(adapter.dump_json(value)))
    assert schema.get("title") == cls.__name__ or "$ref" in schema


def test_the_schema_refuses_what_the_json_form_is_not():
    schema = TypeAdapter(planning.ContractPlan).json_schema(mode="serialization")
    written = json.loads(TypeAdapter(planning.ContractPlan).dump_json(SAMPLES[3][1]))
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors({**written, "colour": 1}))
    assert list(validator.iter_errors({**written, "earliest_end": 3}))
    assert list(validator.iter_errors({**written, "closed": {"x": {"code": 1}}}))


def test_a_sensitive_input_stays_out_of_the_written_error():
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Person, {"id": "p1", "birth_date": "1990-01-01", "nir": "189057511500125"})
    written = TypeAdapter(list[I.ErrorDetail]).dump_json(list(info.value.details)).decode()
    assert "nir" in written
    assert "189057511500125" not in written


def test_the_sensitive_grounds_stay_out_of_the_written_plan():
    person = I.load(I.Person, {"id": "p1", "birth_date": "1990-01-01", "rqth": True})
    plan = planning.contract(
        I.load(I.Contract, {**CONTRACT, "end": "2026-06-05"}), on=ON, person=person
    )
    assert "RQTH" in {g.value for g in plan.extensions}
    written = TypeAdapter(planning.ContractPlan).dump_json(plan).decode()
    assert "RQTH" not in written


@pytest.mark.parametrize("value", [{"ok": True, "findings": []}, None, "report", []])
def test_a_result_is_not_read_from_input(value: Any):
    with pytest.raises(ValidationError) as info:
        TypeAdapter(I.Report).validate_python(value)
    (line,) = info.value.errors()
    assert line["type"] == "not_a_result"
    assert line["ctx"]["message_en"] == "a Report is a result, not input"
    assert line["input"] is None  # never echoed


def test_what_is_given_for_a_result_is_not_echoed():
    given = {"nir": "189057511500125", "findings": []}
    with pytest.raises(ValidationError) as info:
        TypeAdapter(I.Report).validate_python(given)
    assert "189057511500125" not in str(info.value)
    assert "189057511500125" not in json.dumps(info.value.errors(include_url=False))


def test_a_result_inside_a_model():
    class Answer(BaseModel):
        report: I.Report
        plan: planning.ContractPlan | None = None

    contract = I.load(I.Contract, CONTRACT)
    answer = Answer(report=I.check(contract, on=ON))
    data = json.loads(answer.model_dump_json())
    assert data == {"report": I.check(contract, on=ON).to_json(), "plan": None}
    schema = Answer.model_json_schema(mode="serialization")
    assert {"Report", "Finding", "ContractPlan", "Closed"} <= set(schema["$defs"])


def test_a_fastapi_endpoint_returns_a_report_as_it_is(serve: Any):
    app = FastAPI()

    @app.post("/check", response_model=I.Report)
    def check(contract: Annotated[I.Contract, Body()], on: str) -> I.Report:
        return I.check(contract, on=on)

    @app.post("/plan")
    def plan(contract: Annotated[I.Contract, Body()], on: str) -> planning.ContractPlan:
        return planning.contract(contract, on=on)

    with serve(app) as client:
        r = client.post("/check", params={"on": "2026-01-05"}, json=CONTRACT)
        assert r.status_code == 200
        assert r.json() == I.check(I.load(I.Contract, CONTRACT), on=ON).to_json()
        assert r.json()["ok"] is False
        r = client.post("/plan", params={"on": "2026-01-05"}, json=CONTRACT)
        assert r.status_code == 200
        assert r.json() == planning.contract(I.load(I.Contract, CONTRACT), on=ON).to_json()
        doc = client.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    answer = doc["paths"]["/check"]["post"]["responses"]["200"]["content"]["application/json"]
    assert answer["schema"] == {"$ref": "#/components/schemas/Report"}
    assert schemas["Report"]["properties"]["findings"]["items"] == {
        "$ref": "#/components/schemas/Finding"
    }
    assert {"Finding", "ContractPlan", "Closed", "Contract"} <= set(schemas)


def test_import_iae_core_imports_no_pydantic():
    code = (
        "import sys, iae_core; iae_core.Report; iae_core.planning; print('pydantic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

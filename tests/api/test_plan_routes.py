"""`POST /plan/{Contract,Approval,Immersion}` and `POST /deadlines`: `iae_core.planning` over HTTP.

The answers are compared with the planners' own over lawful subjects
(`iae_core.testing.lawful`), on a real socket.
"""

from __future__ import annotations

import json
from typing import Any

import pendulum
import pytest

pytest.importorskip("fastapi")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core import planning
from iae_core.testing.lawful import lawful_approvals, lawful_contract_cases, lawful_parcours

ON = pendulum.date(2026, 1, 5)
CONTRACT: dict[str, Any] = {
    "kind": "CDDI",
    "structure_kind": "ACI",
    "start": "2026-01-05",
    "end": "2026-06-05",
    "weekly_hours": 20,
}
APPROVAL = {"number": "999992600001", "start": "2026-01-05"}
HOST = "73282932000074"
IMMERSIONS = [{"host_siret": HOST, "start": "2026-01-05", "end": "2026-01-20"}]
PERSON = {"id": "p1", "birth_date": "1970-02-28"}

# a session-scoped server: hypothesis may reuse it between examples
_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


def _query_value(value: Any) -> str:
    """A context value as the query carries it: ISO text, a code, or JSON text."""
    if isinstance(value, pendulum.Date):
        return value.isoformat()
    if isinstance(value, I.StructureKind):
        return value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return json.dumps([I.dump(v) for v in value])
    return json.dumps(I.dump(value))


def _query(on: pendulum.Date, **context: Any) -> dict[str, str]:
    out = {"on": on.isoformat()}
    out.update({k: _query_value(v) for k, v in context.items() if v is not None})
    return out


# --- plain cases -----------------------------------------------------------------------------


def test_plan_contract(service: Any):
    r = service.post("/plan/Contract", params={"on": "2026-01-05"}, json=CONTRACT)
    assert r.status_code == 200
    contract = I.load(I.Contract, CONTRACT)
    assert r.json() == planning.contract(contract, on=ON).to_json()
    assert r.json()["earliest_end"] == "2026-05-04"


def test_plan_contract_with_a_person_in_the_query(service: Any):
    params = {"on": "2026-01-05", "person": json.dumps(PERSON), "parcours_start": "2025-12-01"}
    r = service.post("/plan/Contract", params=params, json=CONTRACT)
    assert r.status_code == 200
    expected = planning.contract(
        I.load(I.Contract, CONTRACT),
        on=ON,
        person=I.load(I.Person, PERSON),
        parcours_start=pendulum.date(2025, 12, 1),
    )
    assert r.json() == expected.to_json()
    assert r.json() != planning.contract(I.load(I.Contract, CONTRACT), on=ON).to_json()


def test_plan_approval(service: Any):
    r = service.post(
        "/plan/Approval", params={"on": "2026-03-01", "structure_kind": "ACI"}, json=APPROVAL
    )
    assert r.status_code == 200
    expected = planning.approval(
        I.load(I.Approval, APPROVAL), on=pendulum.date(2026, 3, 1), structure_kind="ACI"
    )
    assert r.json() == expected.to_json()


def test_plan_approval_needs_its_structure_kind(service: Any):
    r = service.post("/plan/Approval", params={"on": "2026-03-01"}, json=APPROVAL)
    assert r.status_code == 422
    assert r.json()["detail"] == [
        {"loc": ["query", "structure_kind"], "type": "missing", "msg": "champ obligatoire manquant"}
    ]


def test_plan_immersion(service: Any):
    r = service.post(
        "/plan/Immersion", params={"on": "2026-03-01", "host_siret": HOST}, json=IMMERSIONS
    )
    assert r.status_code == 200
    immersions = I.load(list[I.Immersion], IMMERSIONS)
    expected = planning.pmsmp(immersions, host_siret=HOST, on=pendulum.date(2026, 3, 1))
    assert r.json() == expected.to_json()
    assert r.json()["days_left"] < planning.pmsmp([], host_siret=HOST, on=ON).days_left


def test_deadlines(service: Any):
    body = {"Contract": [CONTRACT], "Approval": [APPROVAL]}
    r = service.post("/deadlines", params={"on": "2026-01-05", "within_days": 800}, json=body)
    assert r.status_code == 200
    assert r.json() == [d.to_json() for d in _planned(body, ON, 800, "fr")]
    codes = {d["code"] for d in r.json()}
    assert {"deadline.contract_latest_end", "deadline.pass_end"} <= codes


def test_deadlines_in_english(service: Any):
    body = {"Approval": [APPROVAL]}
    r = service.post(
        "/deadlines", params={"on": "2026-01-05", "within_days": 800, "lang": "en"}, json=body
    )
    assert r.status_code == 200
    assert r.json() == [d.to_json() for d in _planned(body, ON, 800, "en")]
    assert r.json()[0]["message"].startswith("A prolongation")


def test_bad_query_and_body_come_together(service: Any):
    r = service.post(
        "/deadlines",
        params={"on": "2026-02-30", "within_days": "soon", "colour": "red"},
        json={"Contrat": [], "Approval": [{"start": "2026-01-05"}]},
    )
    assert r.status_code == 422
    locs = sorted(tuple(d["loc"]) for d in r.json()["detail"])
    assert locs == [
        ("body", "Approval", 0, "number"),
        ("body", "Contrat"),
        ("query", "colour"),
        ("query", "on"),
        ("query", "within_days"),
    ]


@pytest.mark.parametrize("within", [-1, 109_573, 10**9, 2**53])
def test_a_horizon_out_of_bounds_is_bad_query(service: Any, within: int):
    # 10**9 days was a 500 (no date that far); the OpenAPI document says 0 to 109,572
    params = {"on": "2026-01-05", "within_days": within}
    r = service.post("/deadlines", params=params, json={})
    assert r.status_code == 422
    assert [(d["loc"], d["type"]) for d in r.json()["detail"]] == [
        (["query", "within_days"], "out_of_range")
    ]


def test_the_longest_horizon_is_answered(service: Any):
    r = service.post("/deadlines", params={"on": "2026-01-05", "within_days": 109_572}, json={})
    assert r.status_code == 200


def test_an_unknown_plan_is_a_404(service: Any):
    r = service.post("/plan/Parcours", json={})
    assert r.status_code == 404
    assert "Contract, Approval, Immersion" in r.json()["detail"]


def test_the_openapi_document_has_the_plan_routes_and_their_schemas(service: Any):
    doc = service.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    for path, name in [
        ("/plan/Contract", "ContractPlan"),
        ("/plan/Approval", "ApprovalPlan"),
        ("/plan/Immersion", "PmsmpRoom"),
        ("/deadlines", "Deadline"),
    ]:
        post = doc["paths"][path]["post"]
        answer = json.dumps(post["responses"]["200"]["content"]["application/json"]["schema"])
        assert f'"#/components/schemas/{name}"' in answer
        assert name in schemas
        names = [p["name"] for p in post["parameters"]]
        assert names[:2] == ["on", "lang"]
    assert schemas["ContractPlan"]["properties"]["closed"]["additionalProperties"] == {
        "$ref": "#/components/schemas/Closed"
    }
    contract_names = [p["name"] for p in doc["paths"]["/plan/Contract"]["post"]["parameters"]]
    assert contract_names[2:] == ["person", "parcours_start", "approval", "prefect_waiver"]
    immersion = doc["paths"]["/plan/Immersion"]["post"]
    assert [p["name"] for p in immersion["parameters"]][2:] == ["host_siret"]
    body = immersion["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"type": "array", "items": {"$ref": "#/components/schemas/Immersion"}}


# --- the planners' own answers over lawful subjects --------------------------------------------


def _planned(
    body: dict[str, list[Any]], on: pendulum.Date, within: int, lang: Any
) -> list[planning.Deadline]:
    """What `POST /deadlines` answers: `planning.deadlines` over each list, merged by day."""
    found: list[planning.Deadline] = []
    for name in ("Parcours", "Contract", "Approval", "EligibilityDiagnosis", "GeiqDiagnosis"):
        items = [I.load(getattr(I, name), x) for x in body.get(name, [])]
        if items:
            found.extend(planning.deadlines(items, on=on, within_days=within, lang=lang))
    return sorted(found, key=lambda d: d.day)


@_SETTINGS
@given(case=lawful_contract_cases())
def test_plan_contract_is_the_planners(service: Any, case: Any):
    context = dict(case.context)
    r = service.post(
        "/plan/Contract", params=_query(case.on, **context), json=I.dump(case.contract)
    )
    assert r.status_code == 200, r.text
    assert r.json() == planning.contract(case.contract, on=case.on, **context).to_json()


@_SETTINGS
@given(
    approval=lawful_approvals(),
    kind=st.sampled_from([I.StructureKind.ACI, I.StructureKind.EI, I.StructureKind.ETTI]),
    days=st.integers(-30, 1200),
)
def test_plan_approval_is_the_planners(service: Any, approval: Any, kind: Any, days: int):
    on = approval.start.add(days=days)
    params = _query(on, structure_kind=kind)
    r = service.post("/plan/Approval", params=params, json=I.dump(approval))
    assert r.status_code == 200, r.text
    assert r.json() == planning.approval(approval, on=on, structure_kind=kind).to_json()


@_SETTINGS
@given(case=lawful_contract_cases(), days=st.integers(0, 200))
def test_plan_immersion_is_the_planners(service: Any, case: Any, days: int):
    immersions = case.contract.immersions
    host = immersions[0].host_siret if immersions else HOST
    on = case.contract.start.add(days=days)
    r = service.post(
        "/plan/Immersion",
        params={"on": on.isoformat(), "host_siret": host},
        json=[I.dump(m) for m in immersions],
    )
    assert r.status_code == 200, r.text
    assert r.json() == planning.pmsmp(immersions, host_siret=host, on=on).to_json()


@_SETTINGS
@given(
    parcours=st.lists(lawful_parcours(on=ON), max_size=2),
    cases=st.lists(lawful_contract_cases(on=ON), max_size=2),
    approvals=st.lists(lawful_approvals(on=ON), max_size=2),
    within=st.integers(0, 800),
    lang=st.sampled_from(["fr", "en"]),
)
def test_deadlines_are_the_planners(
    service: Any, parcours: Any, cases: Any, approvals: Any, within: int, lang: str
):
    body = {
        "Parcours": [I.dump(p) for p in parcours],
        "Contract": [I.dump(c.contract) for c in cases],
        "Approval": [I.dump(a) for a in approvals],
    }
    params = {"on": ON.isoformat(), "within_days": str(within), "lang": lang}
    r = service.post("/deadlines", params=params, json=body)
    assert r.status_code == 200, r.text
    assert r.json() == [d.to_json() for d in _planned(body, ON, within, lang)]

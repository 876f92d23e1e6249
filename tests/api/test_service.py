"""The HTTP service of `iae_core.api`, queried over a real socket on the loopback."""

from __future__ import annotations

import json
from typing import Any

import pendulum
import pytest

pytest.importorskip("fastapi")

import iae_core as I
from iae_core import params
from iae_core.schema import entity_classes, output_schemas

CONTRACT: dict[str, Any] = {
    "kind": "CDDI",
    "structure_kind": "ACI",
    "start": "2026-01-05",
    "end": "2026-02-05",
    "weekly_hours": 20,
}
GEIQ = {"author": "GEIQ", "made_on": "2025-02-03"}  # no criterion: one finding
_GEIQ = I.load(I.GeiqDiagnosis, GEIQ)
(GEIQ_FR,) = [f.message for f in I.check(_GEIQ, on=_GEIQ.made_on, lang="fr")]
(GEIQ_EN,) = [f.message for f in I.check(_GEIQ, on=_GEIQ.made_on, lang="en")]
NIR = "189057511500125"  # well-formed, wrong key


def test_health(service: Any):
    r = service.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "version": I.__version__}


# --- /check ----------------------------------------------------------------------------------


def test_check_one_document(service: Any):
    r = service.post("/check/Contract", params={"on": "2026-01-05"}, json=CONTRACT)
    assert r.status_code == 200
    body = r.json()
    expected = I.check(I.load(I.Contract, CONTRACT), on=pendulum.parse("2026-01-05").date())
    assert body["entity"] == "Contract"
    assert body["on"] == "2026-01-05"
    assert body["lang"] == "fr"
    assert body["ok"] is expected.ok is False
    assert [(f["code"], f["path"], f["message"]) for f in body["findings"]] == [
        (f.code, f.path, f.message) for f in expected
    ]
    assert body["findings"] == expected.to_json("fr")["findings"]


def test_check_a_list(service: Any):
    good = {**CONTRACT, "end": "2026-06-05"}
    r = service.post("/check/Contract", params={"on": "2026-01-05"}, json=[good, CONTRACT])
    assert r.status_code == 200
    body = r.json()
    assert body["ok"] is False
    assert [rep["ok"] for rep in body["reports"]] == [True, False]
    assert "findings" not in body


def test_check_answers_are_compact_utf8_json_of_the_same_value(service: Any):
    # the check answers are encoded by msgspec (issue 30): the standard library's value
    r = service.post("/check/Contract", params={"on": "2026-01-05"}, json=[CONTRACT] * 3)
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    body = json.loads(r.content)
    assert r.content == json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    assert "é" in r.content.decode("utf-8")  # French messages, not \u escapes


def test_findings_in_both_languages(service: Any):
    fr = service.post("/check/GeiqDiagnosis", params={"on": "2025-02-03"}, json=GEIQ).json()
    en = service.post(
        "/check/GeiqDiagnosis", params={"on": "2025-02-03", "lang": "en"}, json=GEIQ
    ).json()
    header = service.post(
        "/check/GeiqDiagnosis",
        params={"on": "2025-02-03"},
        json=GEIQ,
        headers={"Accept-Language": "de-DE, en-GB;q=0.8, fr;q=0.5"},
    ).json()
    assert [f["message"] for f in fr["findings"]] == [GEIQ_FR]
    assert [f["message"] for f in en["findings"]] == [GEIQ_EN]
    assert GEIQ_EN == "A diagnosis made by a GEIQ must retain at least one criterion."
    assert GEIQ_FR != GEIQ_EN
    assert (fr["lang"], en["lang"], header["lang"]) == ("fr", "en", "en")
    assert header["findings"] == en["findings"]
    assert [f["code"] for f in fr["findings"]] == [f["code"] for f in en["findings"]]
    assert fr["findings"][0]["params"] == en["findings"][0]["params"]


def test_the_query_lang_wins_over_the_header(service: Any):
    r = service.post(
        "/check/GeiqDiagnosis",
        params={"on": "2025-02-03", "lang": "fr"},
        json=GEIQ,
        headers={"Accept-Language": "en"},
    )
    assert r.json()["findings"][0]["message"] == GEIQ_FR


def test_context_in_the_query(service: Any):
    approval = {"number": "999992600001", "start": "2026-01-05"}
    r = service.post(
        "/check/Approval", params={"on": "2026-03-01", "structure_kind": "ACI"}, json=approval
    )
    assert r.status_code == 200, r.text
    expected = I.check(
        I.load(I.Approval, approval),
        on=pendulum.parse("2026-03-01").date(),
        structure_kind=I.StructureKind.ACI,
    )
    assert [f["code"] for f in r.json()["findings"]] == [f.code for f in expected]


def test_an_entity_in_the_context_is_json_text(service: Any):
    diagnosis = {"author": "PRESCRIBER", "made_on": "2026-01-05", "criteria": ["RSA"]}
    person = {"id": "p1", "birth_date": "1990-01-01"}
    query = {"on": "2026-01-10", "structure_kind": "ACI", "person": json.dumps(person)}
    r = service.post("/check/EligibilityDiagnosis", params=query, json=diagnosis)
    assert r.status_code == 200, r.text
    expected = I.check(
        I.load(I.EligibilityDiagnosis, diagnosis),
        on=pendulum.parse("2026-01-10").date(),
        structure_kind=I.StructureKind.ACI,
        person=I.load(I.Person, person),
    )
    assert [f["code"] for f in r.json()["findings"]] == [f.code for f in expected]


def test_an_entity_without_rules_gives_no_finding(service: Any):
    r = service.post("/check/Person", json={"id": "p1", "birth_date": "1990-01-01"})
    assert r.status_code == 200
    assert r.json()["findings"] == []
    assert r.json()["ok"] is True


def test_unknown_entity_is_a_404(service: Any):
    r = service.post("/check/Nope", json={})
    assert r.status_code == 404
    assert "Contract" in r.json()["detail"]


# --- 422 -------------------------------------------------------------------------------------


def test_the_422_lists_every_bad_field_with_its_loc(service: Any):
    bad = {**CONTRACT, "start": "2026-13-01", "weekly_hours": "20", "colour": "blue"}
    r = service.post("/check/Contract", params={"on": "2026-01-05"}, json=[CONTRACT, bad])
    assert r.status_code == 422
    with pytest.raises(I.InvalidData) as info:
        I.load(list[I.Contract], [CONTRACT, bad])
    assert r.json() == {"detail": [d.prefixed(("body",)).to_json("fr") for d in info.value.details]}
    locs = [tuple(e["loc"]) for e in r.json()["detail"]]
    assert ("body", 1, "start") in locs
    assert ("body", 1, "colour") in locs
    first = r.json()["detail"][0]
    assert set(first) <= {"loc", "type", "msg", "input"}


def test_the_422_in_english(service: Any):
    bad = {**CONTRACT, "start": "2026-13-01"}
    fr = service.post("/check/Contract", json=bad).json()["detail"]
    en = service.post("/check/Contract", params={"lang": "en"}, json=bad).json()["detail"]
    via_header = service.post("/check/Contract", json=bad, headers={"Accept-Language": "en"})
    assert fr[0]["msg"] == 'pas une date\u00a0: "2026-13-01"'
    assert en[0]["msg"] == 'not a date: "2026-13-01"'
    assert via_header.json()["detail"] == en
    assert [(e["loc"], e["type"]) for e in fr] == [(e["loc"], e["type"]) for e in en]


def test_query_and_body_errors_come_together(service: Any):
    r = service.post(
        "/check/Approval",
        params={"on": "2026-02-30", "colour": "blue", "lang": "de"},
        json={"number": "x"},
    )
    assert r.status_code == 422
    found = {(tuple(e["loc"]), e["type"]) for e in r.json()["detail"]}
    assert found >= {
        (("query", "colour"), "unknown_field"),
        (("query", "lang"), "unknown_language"),
        (("query", "on"), "not_a_date"),
        (("query", "structure_kind"), "missing"),
        (("body", "start"), "missing"),
    }


def test_unknown_context_keys_are_refused(service: Any):
    # `structure_kind` is context for an approval, not for a person
    r = service.post(
        "/check/Person",
        params={"structure_kind": "ACI"},
        json={"id": "p1", "birth_date": "1990-01-01"},
    )
    assert r.status_code == 422
    assert r.json()["detail"] == [
        {"loc": ["query", "structure_kind"], "type": "unknown_field", "msg": "champ inconnu"}
    ]


def test_a_bad_context_value(service: Any):
    query = {"structure_kind": "XYZ", "person": '{"id": 1}', "on": "2026-01-05"}
    r = service.post(
        "/check/EligibilityDiagnosis",
        params=query,
        json={"author": "PRESCRIBER", "made_on": "2026-01-05"},
    )
    assert r.status_code == 422
    locs = {tuple(e["loc"]) for e in r.json()["detail"]}
    assert ("query", "structure_kind") in locs
    assert ("query", "person", "id") in locs
    assert ("query", "person", "birth_date") in locs


def test_a_query_parameter_given_twice(service: Any):
    r = service.post("/check/Contract?on=2026-01-05&on=2026-01-06", json=CONTRACT)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["query", "on"]
    assert r.json()["detail"][0]["type"] == "duplicate_key"


def test_malformed_json_and_duplicate_keys(service: Any):
    headers = {"Content-Type": "application/json"}
    r = service.post("/check/Contract", content=b'{"kind": ', headers=headers)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body"]
    assert r.json()["detail"][0]["type"] == "malformed_json"
    text = json.dumps(CONTRACT)[:-1] + ', "kind": "CDDI"}'
    r = service.post("/check/Contract", content=text.encode(), headers=headers)
    assert r.status_code == 422
    assert r.json()["detail"][0] == {
        "loc": ["body", "kind"],
        "type": "duplicate_key",
        "msg": "clé en double",
    }


def test_a_sensitive_input_is_not_echoed(service: Any):
    person = {"id": "p1", "birth_date": "1990-01-01", "nir": NIR, "rqth": "yes"}
    r = service.post("/check/Person", json=person)
    assert r.status_code == 422
    assert NIR not in r.text
    assert "yes" not in r.text
    assert {tuple(e["loc"]) for e in r.json()["detail"]} == {("body", "nir"), ("body", "rqth")}
    assert all("input" not in e for e in r.json()["detail"])


def test_a_body_too_large(serve: Any):
    from iae_core.api import create_app

    with serve(create_app(max_body=100)) as client:
        r = client.post("/check/Contract", json=[CONTRACT] * 10)
        assert r.status_code == 413
        assert client.post("/check/Contract", json=CONTRACT).status_code == 200


# --- catalogues ------------------------------------------------------------------------------


def test_rules(service: Any):
    r = service.get("/rules")
    assert r.status_code == 200
    by_code = {rule["code"]: rule for rule in r.json()}
    assert set(by_code) == {rule.code for rule in I.rules()}
    for rule in I.rules():
        got = by_code[rule.code]
        assert got["severity"] == rule.severity.value
        assert got["reference"] == rule.reference
        assert got["title"] == {"fr": rule.title_in("fr"), "en": rule.title_in("en")}
        assert got["description"] == {
            "fr": rule.description_in("fr"),
            "en": rule.description_in("en"),
        }
        assert got["params"] == list(rule.params)
        assert got["reading"] == rule.reading
        assert got["applies_from"] == (rule.applies_from and rule.applies_from.isoformat())
        assert got["applies_until"] == (rule.applies_until and rule.applies_until.isoformat())
    assert any(rule["reading"] for rule in r.json())


def test_params(service: Any):
    r = service.get("/params")
    assert r.status_code == 200
    got = {p["name"]: p for p in r.json()}
    assert set(got) == {p.name for p in params.iter_params()}
    for p in params.iter_params():
        item = got[p.name]
        assert item["unit"] == p.unit.value
        assert item["description"] == {"fr": p.description, "en": p.description_en}
        assert item["verified_until"] == (p.verified_until and p.verified_until.isoformat())
        assert len(item["rows"]) == len(p.rows)
        for row, shown in zip(p.rows, item["rows"], strict=True):
            assert shown["start"] == (row.start and row.start.isoformat())
            assert [s["title"] for s in shown["sources"]] == [s.title for s in row.sources]
    assert json.loads(r.text) == r.json()  # plain JSON


@pytest.mark.parametrize("cls", entity_classes(), ids=lambda c: c.__name__)
def test_schemas(service: Any, cls: type):
    r = service.get(f"/schemas/{cls.__name__}")
    assert r.status_code == 200
    assert r.json() == I.json_schema(cls)


def test_unknown_schema_is_a_404(service: Any):
    assert service.get("/schemas/Nope").status_code == 404


# --- OpenAPI ---------------------------------------------------------------------------------


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        own = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return own.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


def test_openapi_lists_every_entity(service: Any):
    doc = service.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    names = {c.__name__ for c in entity_classes()}
    assert names <= set(schemas)
    assert {"StructureKind", "ContractKind", "Criterion"} <= set(schemas)
    for cls in entity_classes():
        ours = I.json_schema(cls)
        assert set(schemas[cls.__name__]["properties"]) == set(ours["properties"])
        assert schemas[cls.__name__].get("required") == ours.get("required")
        assert f"/check/{cls.__name__}" in doc["paths"]
        assert "/schemas/{entity}" in doc["paths"]
    for ref in _refs(doc):
        assert ref.startswith("#/components/schemas/")
        assert ref.removeprefix("#/components/schemas/") in schemas
    body = doc["paths"]["/check/Contract"]["post"]["requestBody"]["content"]["application/json"]
    assert {"$ref": "#/components/schemas/Contract"} in body["schema"]["anyOf"]
    names = [p["name"] for p in doc["paths"]["/check/Approval"]["post"]["parameters"]]
    assert names[:3] == ["on", "lang", "structure_kind"]
    assert set(doc["paths"]) >= {"/rules", "/params", "/health"}
    outputs = output_schemas()
    assert schemas["Finding"]["properties"] == outputs["Finding"]["properties"]
    assert schemas["ErrorDetail"]["properties"] == outputs["ErrorDetail"]["properties"]
    errors = doc["paths"]["/check/Contract"]["post"]["responses"]["422"]["content"]
    assert errors["application/json"]["schema"] == {"$ref": "#/components/schemas/DataErrors"}

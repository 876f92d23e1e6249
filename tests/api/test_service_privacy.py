"""Issue 26 over HTTP: nothing sensitive goes out, nothing hostile makes a 500.

Case 1 (special-category data echoed in a 422), case 2 (the access log), case 3 (a lone
surrogate), and the JSON errors of a missing optional package and of an internal failure.
"""

from __future__ import annotations

import json
import logging
import urllib.parse
from typing import Any

import pytest

pytest.importorskip("fastapi")

from iae_core.api import ACCESS_LOGGER, ROUTES, Route, create_app
from iae_core.errors import ERROR_TYPES, MissingDependency

NIR = "295109912611193"
PERSON = {
    "id": "p",
    "birth_date": "1990-01-01",
    "nir": NIR,
    "rqth": True,
    "under_justice_measure": True,
}
CONTRACT = {
    "kind": "CDDI",
    "structure_kind": "ACI",
    "start": "2026-01-05",
    "end": "2026-06-05",
    "weekly_hours": 20,
}


def _post(client: Any, url: str, body: Any) -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(url, content=raw, headers={"content-type": "application/json"})


def _all_typed(r: Any) -> None:
    """The body is JSON, and every error line has a type of `ERROR_TYPES`."""
    body = r.json()
    assert isinstance(body["detail"], list)
    for line in body["detail"]:
        assert line["type"] in ERROR_TYPES


# --- case 1: no echo -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/check/Person", [[PERSON]]),
        ("/check/Parcours", {"person": [PERSON]}),
        ("/check/EligibilityDiagnosis?structure_kind=ACI", [[{"criteria": ["TH"]}]]),
        (
            "/check/Parcours",
            {"diagnosis": [{"criteria": ["TH", "DETENTION_MJ"]}]},
        ),
    ],
)
def test_special_data_in_a_wrong_container_is_not_echoed(service: Any, url: str, body: Any):
    r = _post(service, url, body)
    assert r.status_code == 422
    _all_typed(r)
    for text in ("29510", "rqth", "justice", '"TH"', "DETENTION_MJ"):
        assert text not in r.text
    assert all("input" not in line for line in r.json()["detail"] if line["loc"][0] == "body")


def test_without_special_data_the_input_is_echoed(service: Any):
    plain = {"id": "p", "birth_date": "1990-01-01"}
    r = _post(service, "/check/Person", [[plain]])
    assert r.status_code == 422
    (line,) = r.json()["detail"]
    assert line["input"] == [plain]


def test_a_person_in_the_query_is_not_echoed(service: Any):
    person = urllib.parse.quote(json.dumps([PERSON]))
    r = _post(service, f"/check/Approval?structure_kind=ACI&person={person}", {})
    assert r.status_code == 422
    assert "29510" not in r.text
    assert "rqth" not in r.text


# --- case 3: nothing makes a 500 -------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b'{"kind": "\\ud800"}',
        b'{"kind": "CDDI", "x\\udc00": 1}',
        b'[{"kind": "\\udfff\\ud800"}, {"kind": 1}]',
        b'{"kind": "\\ud83d\\ude00"}',  # a pair: an ordinary character, echoed
    ],
)
def test_a_lone_surrogate_is_a_json_422(service: Any, raw: bytes):
    r = _post(service, "/check/Contract", raw)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/json"
    _all_typed(r)
    assert service.get("/health").status_code == 200  # the connection and server stand


def test_a_lone_surrogate_keeps_the_other_errors(service: Any):
    r = _post(service, "/check/Contract", b'{"kind": "\\ud800", "start": "x"}')
    paths = {tuple(line["loc"]) for line in r.json()["detail"]}
    assert ("body", "kind") in paths
    assert ("body", "start") in paths


def test_the_pair_is_echoed_whole(service: Any):
    r = _post(service, "/check/Contract", b'{"kind": "\\ud83d\\ude00"}')
    (kind,) = [line for line in r.json()["detail"] if line["loc"] == ["body", "kind"]]
    assert kind["input"] == "\U0001f600"


def _route(name: str, handler: Any) -> Route:
    def add(app: Any, settings: Any) -> None:
        app.add_api_route(f"/{name}", handler, methods=["GET"])

    return Route(name, add)


def test_an_answer_that_cannot_be_encoded_is_a_catalogued_422(serve: Any):
    async def bad_default() -> dict[str, str]:
        return {"x": "\udc80"}

    app = create_app(routes=[*ROUTES, _route("bad", bad_default)])
    with serve(app) as client:
        r = client.get("/bad")
        assert r.status_code == 422
        assert r.json()["detail"][0]["type"] == "not_unicode"
        assert client.get("/health").status_code == 200


def test_an_internal_failure_is_json(serve: Any):
    async def boom() -> None:
        raise RuntimeError(NIR)

    with serve(create_app(routes=[*ROUTES, _route("boom", boom)])) as client:
        r = client.get("/boom?lang=en")
        assert r.status_code == 500
        assert r.json()["detail"][0]["type"] == "internal_error"
        assert NIR not in r.text


# --- a missing optional package ----------------------------------------------------------------


def test_a_missing_package_is_a_catalogued_json_error(serve: Any):
    async def needs() -> None:
        raise MissingDependency("to_ical", "icalendar", "calendar")

    with serve(create_app(routes=[*ROUTES, _route("needs", needs)])) as client:
        r = client.get("/needs?lang=en")
        assert r.status_code == 501
        (line,) = r.json()["detail"]
        assert line["type"] == "missing_dependency"
        assert line["msg"] == (
            "to_ical needs the optional package icalendar: pip install 'iae-core[calendar]'"
        )
        fr = client.get("/needs?lang=fr").json()["detail"][0]["msg"]
        assert fr.startswith("to_ical a besoin du paquet facultatif icalendar")


# --- case 2: the access log --------------------------------------------------------------------


def test_the_access_log_has_the_route_only(serve: Any, caplog: pytest.LogCaptureFixture):
    person = urllib.parse.quote(json.dumps(PERSON))
    with caplog.at_level(logging.INFO, logger=ACCESS_LOGGER), serve(create_app()) as client:
        r = _post(client, f"/check/Approval?structure_kind=ACI&person={person}", {})
        assert r.status_code == 422
        client.get("/schemas/Contract")
    lines = [rec.getMessage() for rec in caplog.records if rec.name == ACCESS_LOGGER]
    assert any(line.startswith("POST /check/Approval 422 ") for line in lines)
    assert any(line.startswith("GET /schemas/{entity} 200 ") for line in lines)
    text = "\n".join(lines)
    for secret in ("29510", "rqth", "person", "structure_kind", "?", "Contract"):
        assert secret not in text.replace("/check/Approval", "")
    assert all(line.endswith(" ms") for line in lines)


def test_log_urls_writes_the_query(serve: Any, caplog: pytest.LogCaptureFixture):
    app = create_app(log_urls=True)
    with caplog.at_level(logging.INFO, logger=ACCESS_LOGGER), serve(app) as client:
        client.get("/schemas/Contract?x=1")
    lines = [rec.getMessage() for rec in caplog.records if rec.name == ACCESS_LOGGER]
    assert any(line.startswith("GET /schemas/Contract?x=1 ") for line in lines)

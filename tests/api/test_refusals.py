"""Refusals that are not about the data (404, 413, 415) are JSON with an `ERROR_TYPES` type
and a message in the language asked, as the OpenAPI document's `Message` says."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("fastapi")

from iae_core.api import create_app
from iae_core.errors import ERROR_TYPES


def _refusal(r: Any, status: int, error_type: str) -> str:
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"detail", "type"}
    assert body["type"] == error_type
    assert error_type in ERROR_TYPES
    return str(body["detail"])


def test_an_unknown_entity_or_plan_is_a_typed_404_in_the_language_asked(service: Any):
    text = _refusal(service.get("/schemas/Contrat"), 404, "unknown_entity")
    assert text.startswith("entité inconnue")  # French by default
    assert "Contract" in text
    text = _refusal(service.get("/schemas/Contrat?lang=en"), 404, "unknown_entity")
    assert text.startswith("unknown entity")
    r = service.post("/plan/Parcours", json={}, headers={"Accept-Language": "en"})
    text = _refusal(r, 404, "unknown_entity")
    assert "Contract" in text
    assert "Parcours" not in text.split(";", 1)[1]


def test_a_body_not_declared_json_is_a_typed_415(service: Any):
    r = service.post("/check/Contract", content=b"{}", headers={"Content-Type": "text/plain"})
    assert "Content-Type" in _refusal(r, 415, "not_json_media")


def test_a_body_too_large_is_a_typed_413(serve: Any):
    with serve(create_app(max_body=100)) as client:
        r = client.post("/check/Contract?lang=en", content=b"[" + b" " * 200 + b"]")
        assert "100 bytes" in _refusal(r, 413, "too_large")


def test_the_openapi_document_declares_the_refusals_type(service: Any):
    message = service.get("/openapi.json").json()["components"]["schemas"]["Message"]
    assert message["required"] == ["detail", "type"]
    assert set(message["properties"]["type"]["enum"]) <= set(ERROR_TYPES)

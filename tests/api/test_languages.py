"""Over HTTP, one language at a time: `?lang=`, else `Accept-Language`, else French (issue 25)."""

from __future__ import annotations

import re
from typing import Any

import pytest

FRENCH = {"le", "la", "les", "des", "du", "une", "est", "pas", "sur", "dans", "doit", "être"}
ENGLISH = {"the", "of", "and", "is", "not", "with", "must", "be", "from", "to"}

# A type error (`kind`) in one document, a rule violation (too short a CDDI) in the other.
BAD = {
    "kind": "NOPE",
    "structure_kind": "ACI",
    "start": "2026-01-05",
    "end": "2026-02-05",
    "weekly_hours": 20,
}
SHORT = {**BAD, "kind": "CDDI"}


def _foreign(body: Any, lang: str) -> set[str]:
    text = re.sub(r"\b[\w-]*[._][\w.-]*", " ", str(body))  # codes are not words
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    return words & (ENGLISH if lang == "fr" else FRENCH)


def _texts(body: Any) -> list[str]:
    """The texts a person reads in a response: every `msg`, `message` and `detail` string."""
    out: list[str] = []
    if isinstance(body, dict):
        for k, v in body.items():
            if k in ("msg", "message", "detail") and isinstance(v, str):
                out.append(v)
            else:
                out += _texts(v)
    elif isinstance(body, list):
        for v in body:
            out += _texts(v)
    return out


@pytest.mark.parametrize(
    ("header", "lang"),
    [({"Accept-Language": "en"}, "en"), ({"Accept-Language": "fr-FR"}, "fr"), ({}, "fr")],
)
def test_a_type_error_and_a_violation_in_one_language(
    service: Any, header: dict[str, str], lang: str
) -> None:
    bad = service.post("/check/Contract", params={"on": "2026-01-05"}, json=BAD, headers=header)
    assert bad.status_code == 422
    texts = _texts(bad.json())
    assert texts
    expected = "not a" if lang == "en" else "pas un"
    assert any(expected in t for t in texts), texts
    short = service.post(
        "/check/Contract", params={"on": "2026-01-05"}, json=SHORT, headers=header
    ).json()
    assert short["lang"] == lang
    texts += _texts(short)
    assert [f["code"] for f in short["findings"]] == ["contract.min_duration"]
    assert not set().union(*(_foreign(t, lang) for t in texts)), texts


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ({"Accept-Language": "en"}, 'unknown language: "de"; supported languages: fr, en'),
        ({}, 'langue inconnue\u00a0: "de"\u00a0; langues prises en charge\u00a0: fr, en'),
    ],
)
def test_an_unknown_language_is_refused_in_the_language_in_force(
    service: Any, header: dict[str, str], expected: str
) -> None:
    r = service.post("/check/Contract", params={"lang": "de"}, json=SHORT, headers=header)
    assert r.status_code == 422
    (line,) = [d for d in r.json()["detail"] if d["loc"] == ["query", "lang"]]
    assert line["type"] == "unknown_language"
    assert line["msg"] == expected


def test_malformed_json_never_pastes_the_parsers_reason(service: Any) -> None:
    for header, words in (
        ({}, "une valeur est attendue"),
        ({"Accept-Language": "en"}, "a value is expected"),
    ):
        r = service.post(
            "/check/Contract",
            content=b"",
            headers={**header, "Content-Type": "application/json"},
        )
        assert r.status_code == 422
        (line,) = r.json()["detail"]
        assert line["type"] == "malformed_json"
        assert words in line["msg"]
        assert "Expecting" not in line["msg"]


def test_unknown_entity_and_too_large_follow_the_language(service: Any) -> None:
    fr = service.post("/check/Nope", json={}).json()["detail"]
    en = service.post("/check/Nope", json={}, headers={"Accept-Language": "en"}).json()["detail"]
    assert fr.startswith("entité inconnue\u00a0: 'Nope'")
    assert en.startswith("unknown entity: 'Nope'")

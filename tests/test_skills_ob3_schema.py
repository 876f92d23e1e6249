"""Open Badges 3.0: iae_core's badges validate against a JSON Schema of the achievement credential.

The schema (`tests/data/ob_v3p0_achievementcredential_schema.json`) was written for these tests
from 1EdTech's published data model (`ob_v3p0/common_credentials.lines` of
1EdTech/openbadges-specification, commit 1af145f): each class's required properties, the
`IRI 1..*` types that are a string or a list containing the IRI, and the `IRI 1` types —
`IdentifierEntry`, `IdentityObject` — that are exactly one IRI, never a list.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pendulum
import pytest

import iae_core as I
from iae_core.skills import open_badge_credentials

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json").read_text(
        encoding="utf-8"
    )
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
D = pendulum.date
ACI = I.Structure(siret="73282932000074", kind="ACI", name="Jardins du Val", department="35")
SEEN = I.Evidence(observed_by="M. Martin", where="Chantier maraîchage", on=D(2026, 2, 10))


def _attestation() -> I.SkillsAttestation:
    return I.SkillsAttestation(
        person=I.Person(id="p-42", birth_date=D(1980, 2, 1)),
        structure=ACI,
        issued_on=D(2026, 3, 1),
        skills=(
            I.Skill(
                level="ACQUIRED",
                evidence=(SEEN,),
                rome_code="A1414",
                label="Récolter des légumes",
                certification="RNCP12345",
            ),
            I.Skill(level="MASTERED", evidence=(SEEN,), behavioural="TEAMWORK"),
        ),
        id="att-1",
    )


def _flat(errors):
    for e in errors:
        yield e
        yield from _flat(e.context)  # the branches of an anyOf (the issuer: a URI or a Profile)


def _errors(credential: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _flat(VALIDATOR.iter_errors(credential))
    ]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    "wallet", [None, "did:key:z6MkwalletOfThePerson"], ids=["hashed", "wallet"]
)
def test_every_badge_validates_with_and_without_a_wallet(wallet):
    creds = open_badge_credentials(
        _attestation(), issuer_id="https://a.example/i", subject_id=wallet
    )
    assert len(creds) == 2
    for c in creds:
        assert _errors(c) == []
        assert c["issuer"]["otherIdentifier"][0]["type"] == "IdentifierEntry"
        subject = c["credentialSubject"]
        if wallet is None:
            assert subject["identifier"][0]["type"] == "IdentityObject"
            assert "id" not in subject
        else:
            assert subject["id"] == wallet
            assert "identifier" not in subject


def test_the_schema_refuses_the_list_forms_a_verifier_refuses():
    (c, _) = open_badge_credentials(_attestation(), issuer_id="https://a.example/i", salt="s")
    issuer_list = copy.deepcopy(c)
    issuer_list["issuer"]["otherIdentifier"][0]["type"] = ["IdentifierEntry"]
    assert any("otherIdentifier/0/type" in e for e in _errors(issuer_list))
    subject_list = copy.deepcopy(c)
    subject_list["credentialSubject"]["identifier"][0]["type"] = ["IdentityObject"]
    assert any("identifier/0/type" in e for e in _errors(subject_list))
    nobody = copy.deepcopy(c)
    del nobody["credentialSubject"]["identifier"]
    assert _errors(nobody)  # either `id` or an `identifier` must name the subject
    wrong_context = copy.deepcopy(c)
    wrong_context["@context"] = list(reversed(c["@context"]))
    assert _errors(wrong_context)
    not_a_badge = copy.deepcopy(c)
    not_a_badge["type"] = ["VerifiableCredential"]
    assert _errors(not_a_badge)

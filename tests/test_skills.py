"""Skills attestations: the entity, Open Badges 3.0 credentials, signatures, printable page."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core.skills import (
    OB_CONTEXT,
    VC_CONTEXT,
    BadgeError,
    attestation_html,
    generate_signing_key,
    open_badge_credentials,
    sign_credential,
    verify_credential,
)

pytest.importorskip("joserfc")

D = pendulum.date
NIR = "295109912611193"
ACI = I.Structure(siret="73282932000074", kind="ACI", name="Jardins du Val", department="35")
PERSON = I.Person(id="p-42", birth_date=D(1980, 2, 1), nir=NIR, rqth=True)
ISSUER = "https://jardins-du-val.example/issuer"
SEEN = I.Evidence(
    observed_by="M. Martin, encadrant", where="Chantier maraîchage", on=D(2026, 2, 10)
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests read the data errors in English; the French default is tested in
    tests/test_i18n_catalogue.py."""
    with I.language("en"):
        yield


def attestation(**over):
    values = {
        "person": PERSON,
        "structure": ACI,
        "issued_on": D(2026, 3, 1),
        "skills": (
            I.Skill(
                level="ACQUIRED",
                evidence=(SEEN,),
                rome_code="A1414",
                label="Récolter des légumes",
                certification="RNCP12345",
            ),
            I.Skill(level="MASTERED", evidence=(SEEN,), behavioural="TEAMWORK"),
        ),
        "holder_name": "Awa <Diallo>",
        "id": "att-1",
    }
    values.update(over)
    return I.SkillsAttestation(**values)


# --- the entity --------------------------------------------------------------------------------


def test_round_trip():
    a = attestation()
    assert I.load(I.SkillsAttestation, I.dump(a)) == a
    assert a.skills[1].name == "Travail en équipe"
    assert a.skills[1].code == "TEAMWORK"


def test_a_skill_names_a_rome_code_or_a_behavioural_skill():
    with (
        I.language("en"),
        pytest.raises(I.InvalidData, match="exactly one of: rome_code, behavioural") as info,
    ):
        I.Skill(level="ACQUIRED", evidence=(SEEN,))
    assert info.value.types == ("exactly_one",)
    with (
        I.language("en"),
        pytest.raises(I.InvalidData, match="exactly one of: rome_code, behavioural"),
    ):
        I.Skill(
            level="ACQUIRED", evidence=(SEEN,), rome_code="A1414", label="x", behavioural="RIGOUR"
        )
    with I.language("en"), pytest.raises(I.InvalidData, match="label: required with rome_code"):
        I.Skill(level="ACQUIRED", evidence=(SEEN,), rome_code="A1414")
    with pytest.raises(I.InvalidData, match="rome_code"):
        I.Skill(level="ACQUIRED", evidence=(SEEN,), rome_code="Z9999", label="x")
    with (
        I.language("en"),
        pytest.raises(I.InvalidData, match=r"evidence: at least 1 item\(s\) required"),
    ):
        I.Skill(level="ACQUIRED", evidence=(), behavioural="RIGOUR")
    with pytest.raises(I.InvalidData, match="not an RNCP or RS code"):
        I.Skill(level="ACQUIRED", evidence=(SEEN,), behavioural="RIGOUR", certification="BTS")


def test_evidence_is_not_after_the_issue_day():
    late = I.Evidence(observed_by="x", where="y", on=D(2026, 3, 2))
    on_the_day = I.Evidence(observed_by="x", where="y", on=D(2026, 3, 1))
    skill = I.Skill(level="ACQUIRED", evidence=(on_the_day,), behavioural="RIGOUR")
    assert attestation(skills=(skill,)).issued_on == D(2026, 3, 1)
    late_path = r"skills\[0\]\.evidence\[0\]\.on: must be on or before issued_on"
    with I.language("en"), pytest.raises(I.InvalidData, match=late_path):
        attestation(skills=(I.Skill(level="ACQUIRED", evidence=(late,), behavioural="RIGOUR"),))
    with I.language("en"), pytest.raises(I.InvalidData, match=r"skills: at least 1 item"):
        attestation(skills=())


def test_no_rule_makes_an_attestation_mandatory():
    assert not [r for r in I.rules() if "attestation" in r.code or r.code.startswith("skills.")]


# --- Open Badges 3.0 ---------------------------------------------------------------------------


def test_credentials_follow_open_badges_3():
    creds = open_badge_credentials(attestation(), issuer_id=ISSUER, salt="s")
    assert len(creds) == 2
    c = creds[0]
    assert c["@context"] == [VC_CONTEXT, OB_CONTEXT]
    assert c["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert c["issuer"]["id"] == ISSUER
    assert c["issuer"]["otherIdentifier"][0]["identifier"] == ACI.siret
    assert c["validFrom"] == "2026-03-01T00:00:00Z"
    subject = c["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["achievementType"] == "Competency"
    rome, rncp = achievement["alignment"]
    assert (rome["targetCode"], rome["targetType"]) == ("A1414", "ext:ROME")
    assert rome["targetUrl"].endswith("/A1414")
    assert (rncp["targetCode"], rncp["targetType"]) == ("RNCP12345", "ceterms:Credential")
    levels = [lv["id"] for lv in achievement["resultDescription"][0]["rubricCriterionLevel"]]
    assert subject["result"][0]["achievedLevel"] in levels
    assert subject["result"][0]["achievedLevel"].endswith("-acquired")
    assert c["evidence"][0]["narrative"].startswith(
        "Observé par M. Martin, encadrant le 10/02/2026"
    )
    # deterministic ids
    again = open_badge_credentials(attestation(), issuer_id=ISSUER, salt="s")
    assert again == creds
    assert creds[0]["id"] != creds[1]["id"]
    assert creds[0]["id"].startswith("urn:uuid:")
    assert "alignment" not in creds[1]["credentialSubject"]["achievement"]


def test_the_badge_names_nobody():
    creds = open_badge_credentials(attestation(), issuer_id=ISSUER, salt="s")
    text = json.dumps(creds, ensure_ascii=False)
    for secret in (NIR, "1980-02-01", "Diallo", "p-42", "rqth"):
        assert secret not in text
    identity = creds[0]["credentialSubject"]["identifier"][0]
    assert identity["hashed"] is True
    assert identity["identityHash"].startswith("sha256$")
    wallet = open_badge_credentials(attestation(), issuer_id=ISSUER, subject_id="did:key:z6Mk")
    assert wallet[0]["credentialSubject"]["id"] == "did:key:z6Mk"
    assert "identifier" not in wallet[0]["credentialSubject"]


# --- signed and verified back; a tampered one refused -------------------------------------------


@pytest.fixture(scope="module")
def key():
    return generate_signing_key()


def _public(jwk):
    return {k: v for k, v in jwk.items() if k != "d"}


def test_a_signed_badge_verifies_back(key):
    cred = open_badge_credentials(attestation(), issuer_id=ISSUER)[0]
    token = sign_credential(cred, key, kid=ISSUER + "#key-1")
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header == {"alg": "Ed25519", "typ": "vc+jwt", "cty": "vc", "kid": ISSUER + "#key-1"}
    assert verify_credential(token, _public(key)) == cred
    assert "d" not in _public(key)


def test_a_tampered_badge_is_refused(key):
    cred = open_badge_credentials(attestation(), issuer_id=ISSUER)[0]
    token = sign_credential(cred, key)
    head, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["credentialSubject"]["result"][0]["achievedLevel"] = "…-can_teach"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(BadgeError, match="does not verify"):
        verify_credential(f"{head}.{forged}.{signature}", _public(key))
    with pytest.raises(BadgeError, match="does not verify"):
        verify_credential(token, _public(generate_signing_key()))  # another issuer's key
    with pytest.raises(BadgeError):
        verify_credential("not-a-token", _public(key))


def test_only_an_open_badge_is_accepted(key):
    from joserfc import jws
    from joserfc.jwk import OKPKey

    k = OKPKey.import_key(key)
    other = jws.serialize_compact(
        {"alg": "Ed25519", "typ": "vc+jwt"}, b'{"type": ["Other"]}', k, algorithms=["Ed25519"]
    )
    with pytest.raises(BadgeError, match="not an OpenBadgeCredential"):
        verify_credential(other, key)
    untyped = jws.serialize_compact({"alg": "Ed25519"}, b"{}", k, algorithms=["Ed25519"])
    with pytest.raises(BadgeError, match="not a vc\\+jwt token"):
        verify_credential(untyped, key)


@settings(max_examples=15, deadline=None)
@given(st.from_type(I.SkillsAttestation))
def test_every_attestation_exports_and_signs(key, a):
    creds = open_badge_credentials(a, issuer_id=ISSUER, salt="x")
    assert len(creds) == len(a.skills)
    for cred in creds:
        assert verify_credential(sign_credential(cred, key), key) == cred


# --- printable attestation -----------------------------------------------------------------------


def test_printable_attestation_is_escaped_and_private():
    page = attestation_html(attestation())
    assert page.startswith("<!DOCTYPE html>")
    assert "Awa &lt;Diallo&gt;" in page
    assert "<Diallo>" not in page
    assert "Récolter des légumes" in page
    assert "RNCP12345" in page
    assert "Travail en équipe" in page
    assert "Maîtrisé" in page
    assert "Fait le 01/03/2026, SIRET 73282932000074." in page
    for secret in (NIR, "1980", "p-42"):
        assert secret not in page
    english = attestation_html(attestation(holder_name=None), lang="en")
    assert "Skills attestation" in english
    assert "the holder" in english
    assert "Issued on 1 March 2026" in english

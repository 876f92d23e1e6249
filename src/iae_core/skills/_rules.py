"""What an attestation gives out: Open Badges 3.0 credentials, their signature, a page."""

from __future__ import annotations

import hashlib
import html
import json
import secrets
import uuid
from collections.abc import Mapping
from typing import Any

from iae_core._kernel.text import Lang, fmt_date
from iae_core.enums import SkillLevel
from iae_core.skills._entities import (
    SALT_BYTES,
    Skill,
    SkillsAttestation,
)

__all__ = [
    "OB_CONTEXT",
    "VC_CONTEXT",
    "BadgeError",
    "attestation_html",
    "generate_signing_key",
    "open_badge_credentials",
    "sign_credential",
    "verify_credential",
]
# --- Open Badges 3.0 ------------------------------------------------------------------------

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
"""The W3C Verifiable Credentials data model 2.0 context."""
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
"""The Open Badges 3.0 context."""
_NAMESPACE = uuid.UUID("5b0c9f2e-6f0a-4c47-9a57-7f1d1a3b2c10")
_ROME_URL = "https://candidat.francetravail.fr/metierscope/fiche-metier/{code}"
_RNCP_URL = "https://www.francecompetences.fr/recherche/{kind}/{number}/"
_LEVELS = tuple(SkillLevel)


class BadgeError(ValueError):
    """A credential that cannot be verified (bad signature, wrong type, not JSON)."""


def _urn(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '|'.join(parts))}"


def _alignments(skill: Skill) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if skill.rome_code is not None:
        out.append(
            {
                "type": ["Alignment"],
                "targetName": skill.name,
                "targetUrl": _ROME_URL.format(code=skill.rome_code),
                "targetCode": skill.rome_code,
                "targetFramework": "ROME (France Travail)",
                "targetType": "ext:ROME",
            }
        )
    if skill.certification is not None:
        kind = "rncp" if skill.certification.startswith("RNCP") else "rs"
        number = skill.certification.lstrip("RNCPS")
        out.append(
            {
                "type": ["Alignment"],
                "targetName": skill.certification,
                "targetUrl": _RNCP_URL.format(kind=kind, number=number),
                "targetCode": skill.certification,
                "targetFramework": "Répertoires de France compétences (RNCP, RS)",
                "targetType": "ceterms:Credential",
            }
        )
    return out


def open_badge_credentials(
    attestation: SkillsAttestation,
    *,
    issuer_id: str,
    subject_id: str | None = None,
    salt: str | None = None,
) -> list[dict[str, Any]]:
    """The attestation as Open Badges 3.0 credentials, one `OpenBadgeCredential` per skill.

    Each credential (W3C VC data model 2.0, contexts `VC_CONTEXT` and `OB_CONTEXT`) has the
    structure as issuer (a `Profile` with its name and SIRET), `validFrom` the issue day,
    and a `credentialSubject` of type `AchievementSubject` holding the `Achievement` (a
    `Competency`, aligned to its ROME code and to its certification target when given),
    the level observed as a `Result` against the achievement's rubric levels, and the
    observations as `evidence`. Ids are deterministic `urn:uuid:` values.

    The person is named by `subject_id` (their wallet's DID or URL) when given, else by a
    salted SHA-256 hash of their `id` (an `IdentityObject`): no name, birth date or NIR
    is put in the badge.

    Args:
        attestation: the attestation.
        issuer_id: the URI of the structure as issuer (a `https:` URL or a DID whose key
            verifies the signature).
        subject_id: the person's DID or URL, when they have a wallet.
        salt: the salt of the hashed identifier (default: a random one).

    Returns:
        The credentials, in the order of `attestation.skills`, as JSON-ready dicts.
    """
    s = attestation.structure
    issuer = {
        "id": issuer_id,
        "type": ["Profile"],
        "name": s.name,
        "otherIdentifier": [
            # `type` is one IRI, not a list: 1EdTech's model says it "MUST be the IRI
            # 'IdentifierEntry'" (Property type IRI 1, Constraint equals)
            {"type": "IdentifierEntry", "identifier": s.siret, "identifierType": "ext:SIRET"}
        ],
    }
    if subject_id is not None:
        subject_ref: dict[str, Any] = {"id": subject_id}
    else:
        pepper = salt if salt is not None else secrets.token_hex(SALT_BYTES)
        digest = hashlib.sha256((attestation.person.id + pepper).encode()).hexdigest()
        subject_ref = {
            "identifier": [
                {
                    "type": "IdentityObject",  # one IRI: "MUST be the IRI 'IdentityObject'"
                    "identityHash": f"sha256${digest}",
                    "identityType": "identifier",
                    "hashed": True,
                    "salt": pepper,
                }
            ]
        }
    issued = attestation.issued_on
    valid_from = f"{issued.isoformat()}T00:00:00Z"
    key = attestation.id or f"{attestation.person.id}|{issued.isoformat()}"
    out = []
    for i, skill in enumerate(attestation.skills):
        achievement_id = _urn("achievement", s.siret, skill.code, skill.name)
        rubric_id = f"{achievement_id}#level"
        achievement: dict[str, Any] = {
            "id": achievement_id,
            "type": ["Achievement"],
            "achievementType": "Competency",
            "name": skill.name,
            "description": (
                f"Compétence observée en situation de travail chez {s.name} : {skill.name}."
            ),
            "criteria": {
                "narrative": (
                    "Compétence observée en situation de travail et attestée par la "
                    "structure, aux niveaux : " + ", ".join(lv.label for lv in _LEVELS) + "."
                )
            },
            "inLanguage": "fr",
            "resultDescription": [
                {
                    "id": rubric_id,
                    "type": ["ResultDescription"],
                    "name": "Niveau observé",
                    "resultType": "RubricCriterionLevel",
                    "rubricCriterionLevel": [
                        {
                            "id": f"{rubric_id}-{lv.value.lower()}",
                            "type": ["RubricCriterionLevel"],
                            "name": lv.label,
                        }
                        for lv in _LEVELS
                    ],
                }
            ],
        }
        alignment = _alignments(skill)
        if alignment:
            achievement["alignment"] = alignment
        if skill.behavioural is not None:
            achievement["tag"] = ["savoir-être professionnel"]
        credential = {
            "@context": [VC_CONTEXT, OB_CONTEXT],
            "id": _urn("credential", s.siret, key, str(i), skill.code),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": issuer,
            "validFrom": valid_from,
            "name": f"{skill.name} — {s.name}",
            "credentialSubject": {
                "type": ["AchievementSubject"],
                **subject_ref,
                "achievement": achievement,
                "result": [
                    {
                        "type": ["Result"],
                        "resultDescription": rubric_id,
                        "achievedLevel": f"{rubric_id}-{skill.level.value.lower()}",
                    }
                ],
            },
            "evidence": [
                {
                    "type": ["Evidence"],
                    "name": e.where,
                    "narrative": (
                        f"Observé par {e.observed_by} le {fmt_date(e.on)}"
                        + (f" : {e.note}" if e.note else ".")
                    ),
                }
                for e in skill.evidence
            ],
        }
        out.append(credential)
    return out


def _joserfc() -> Any:
    from iae_core.errors import require

    jwk = require("joserfc.jwk", feature="signed badges", extra="badges")
    jws = require("joserfc.jws", feature="signed badges", extra="badges")
    return jwk, jws


_ALG = "Ed25519"
"""The JWS algorithm (RFC 9864's fully specified name for EdDSA over Ed25519)."""
_TYP = "vc+jwt"
"""The media type of a VC secured with JOSE (W3C VC-JOSE-COSE)."""


def generate_signing_key() -> dict[str, str]:
    """A new Ed25519 key pair as a private JWK (`kty` `OKP`, `crv` `Ed25519`, `d`, `x`).

    Keep it secret; publish its public part (without `d`) where verifiers find the
    issuer's keys (a DID document, a JWKS). Needs the `badges` extra.
    """
    jwk, _jws = _joserfc()
    key = jwk.OKPKey.generate_key("Ed25519")
    return dict(key.as_dict(private=True))


def _import_key(key: Mapping[str, Any] | Any, *, private: bool) -> Any:
    jwk, _jws = _joserfc()
    if isinstance(key, Mapping):
        data = dict(key)
        if not private:
            data.pop("d", None)
        return jwk.OKPKey.import_key(data)
    return key


def sign_credential(
    credential: Mapping[str, Any], key: Mapping[str, Any] | Any, *, kid: str | None = None
) -> str:
    """The credential signed as a compact JWS (W3C VC-JOSE-COSE, `typ` `vc+jwt`).

    The payload is the credential itself (its JSON, keys sorted); the protected header
    has `alg` `Ed25519`, `typ` `vc+jwt`, `cty` `vc` and `kid` when given (for instance
    `issuer_id + "#key-1"`). Needs the `badges` extra.

    Args:
        credential: an `OpenBadgeCredential` from `open_badge_credentials`.
        key: the issuer's private Ed25519 key, as a JWK dict or a `joserfc` key.
        kid: the key's id, for verifiers.
    """
    _jwk, jws = _joserfc()
    header: dict[str, Any] = {"alg": _ALG, "typ": _TYP, "cty": "vc"}
    if kid is not None:
        header["kid"] = kid
    payload = json.dumps(credential, sort_keys=True, ensure_ascii=False).encode()
    token: str = jws.serialize_compact(
        header, payload, _import_key(key, private=True), algorithms=[_ALG]
    )
    return token


def verify_credential(token: str, key: Mapping[str, Any] | Any) -> dict[str, Any]:
    """The credential inside a compact JWS, once its signature is verified.

    Args:
        token: a JWS from `sign_credential`.
        key: the issuer's public Ed25519 key (a JWK dict; a private one works too, its
            private part is ignored) or a `joserfc` key.

    Returns:
        The credential.

    Raises:
        BadgeError: the signature does not verify (a tampered or forged badge), the token
            is malformed, its `typ` is not `vc+jwt` or the payload is not an
            `OpenBadgeCredential`.
    """
    _jwk, jws = _joserfc()
    from joserfc.errors import JoseError

    try:
        obj = jws.deserialize_compact(token, _import_key(key, private=False), algorithms=[_ALG])
    except (JoseError, ValueError) as exc:
        msg = f"the badge does not verify: {type(exc).__name__}"
        raise BadgeError(msg) from None
    if obj.headers().get("typ") != _TYP:
        msg = f"not a {_TYP} token"
        raise BadgeError(msg)
    try:
        credential = json.loads(obj.payload)
    except ValueError:
        msg = "the payload is not JSON"
        raise BadgeError(msg) from None
    if not isinstance(credential, dict) or "OpenBadgeCredential" not in credential.get("type", ()):
        msg = "the payload is not an OpenBadgeCredential"
        raise BadgeError(msg)
    return credential


# --- printable attestation --------------------------------------------------------------------

_HTML_TEXT = {
    "fr": {
        "title": "Attestation de compétences",
        "intro": "{structure} atteste que {holder} a montré, en situation de travail, "
        "les compétences suivantes.",
        "holder": "la personne titulaire",
        "skill": "Compétence",
        "code": "Code",
        "level": "Niveau observé",
        "evidence": "Observée par, où, quand",
        "target": "Certification visée",
        "issued": "Fait le {day}, SIRET {siret}.",
        "signature": "Signature et cachet de la structure",
    },
    "en": {
        "title": "Skills attestation",
        "intro": "{structure} attests that {holder} showed, at work, the following skills.",
        "holder": "the holder",
        "skill": "Skill",
        "code": "Code",
        "level": "Level observed",
        "evidence": "Observed by, where, when",
        "target": "Certification aimed at",
        "issued": "Issued on {day}, SIRET {siret}.",
        "signature": "Signature and stamp of the structure",
    },
}

_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#111}"
    "h1{font-size:1.5rem}table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #999;padding:.4rem;text-align:left;vertical-align:top}"
    ".signature{margin-top:3rem;height:5rem;border-top:1px dashed #999}"
    "@media print{body{margin:0}a{color:inherit}}"
)


def attestation_html(attestation: SkillsAttestation, *, lang: Lang = "fr") -> str:
    """A printable attestation (one self-contained HTML page) for people without a wallet.

    It shows the structure, the holder's name when `holder_name` is given, each skill with
    its code, level, observations and certification target, the issue day and a place for
    the signature. Every text is HTML-escaped; nothing sensitive of the person (birth date,
    NIR, flags) is printed.
    """
    t = _HTML_TEXT[lang]
    e = html.escape
    s = attestation.structure
    holder = attestation.holder_name or t["holder"]
    rows = []
    for skill in attestation.skills:
        seen = "<br>".join(
            e(f"{ev.observed_by}, {ev.where}, {fmt_date(ev.on, lang)}")
            + (f" — {e(ev.note)}" if ev.note else "")
            for ev in skill.evidence
        )
        level = skill.level.label if lang == "fr" else skill.level.value.replace("_", " ").lower()
        rows.append(
            "<tr>"
            f"<td>{e(skill.name)}</td><td>{e(skill.code)}</td><td>{e(level)}</td>"
            f"<td>{seen}</td><td>{e(skill.certification or '—')}</td>"
            "</tr>"
        )
    head = "".join(f"<th>{e(t[k])}</th>" for k in ("skill", "code", "level", "evidence", "target"))
    intro = t["intro"].format(structure=e(s.name), holder=e(holder))
    issued = t["issued"].format(day=fmt_date(attestation.issued_on, lang), siret=e(s.siret))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{e(t['title'])} — {e(s.name)}</title><style>{_CSS}</style></head>"
        f"<body><h1>{e(t['title'])}</h1><p>{intro}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p>{issued}</p><div class="signature">{e(t["signature"])}</div>'
        "</body></html>\n"
    )

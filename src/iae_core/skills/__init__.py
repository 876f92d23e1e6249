"""Skills attestations: what a person showed they can do, Open Badges 3.0, a printable page.

A `SkillsAttestation` is issued by a structure to a person on a day; each `Skill` names a
ROME code (a trade, `K2204`) or a behavioural skill (`BehaviouralSkill`, the
*savoir-être professionnels*), the level observed (`SkillLevel`), the evidence (who
observed it, where, when: `Evidence`) and an optional certification target (an RNCP or RS
code), so that informal skills are recognised and can lead to a certification.

No rule makes an attestation mandatory: the legal basis of the field's "ACI staff must
have their skills recognised" is not verified yet (the 2014 reform, instruction DGEFP
2014-2 and the ACI branch agreement are the leads; see `docs/skills.md`).

Out:

* `open_badge_credentials(attestation, issuer_id=…)`: one Open Badges 3.0
  `OpenBadgeCredential` per skill (W3C Verifiable Credentials data model 2.0), the
  achievement aligned to its ROME code, the structure as issuer;
* `sign_credential` / `verify_credential`: a compact JWS (`typ` `vc+jwt`, the credential
  as payload, as in W3C VC-JOSE-COSE) signed with Ed25519, through `joserfc` (extra
  `iae-core[badges]`, imported only when signing or verifying);
* `attestation_html(attestation)`: a printable attestation for people without a wallet.

The face: the entities (`_entities`), the rules (`_rules`), and the explicit tables
`ENTITIES` and `CHECKERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core._kernel.findings import Report
from iae_core.skills._entities import (
    Evidence,
    Skill,
    SkillsAttestation,
    to_behavioural_skill,
    to_skill_level,
)
from iae_core.skills._rules import (
    OB_CONTEXT,
    VC_CONTEXT,
    BadgeError,
    attestation_html,
    generate_signing_key,
    open_badge_credentials,
    sign_credential,
    verify_credential,
)

__all__ = [
    "CHECKERS",
    "ENTITIES",
    "OB_CONTEXT",
    "VC_CONTEXT",
    "BadgeError",
    "Evidence",
    "Skill",
    "SkillsAttestation",
    "attestation_html",
    "generate_signing_key",
    "open_badge_credentials",
    "sign_credential",
    "to_behavioural_skill",
    "to_skill_level",
    "verify_credential",
]

ENTITIES: tuple[type, ...] = (Evidence, Skill, SkillsAttestation)
"""The skills entity classes."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType({})
"""No rule applies to an attestation (no text makes one mandatory, see the module's
docstring): an attestation is validated when it is built or loaded."""

BadgeError.__module__ = __name__  # shown at its public path in tracebacks and docs

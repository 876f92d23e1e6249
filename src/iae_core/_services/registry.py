"""The explicit tables of iae_core: every entity class and every checker.

Each area of law declares its own `ENTITIES` and `CHECKERS` in its face
(`iae_core.contracts`, `iae_core.approvals`…); this module gathers them with the entities
that belong to no area (people, follow-up, skills, matching), in one place a reader can
see — nothing is registered by the side effect of importing a module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core import (
    approvals,
    contracts,
    economy,
    eligibility,
    funding,
    orientation,
    parcours,
    partnerships,
    pmsmp,
)
from iae_core._kernel.findings import Report
from iae_core.followup import FollowUp, SupportAction
from iae_core.matching import Candidate, GeoPoint, Position, Weights
from iae_core.people import Company, Person, Structure
from iae_core.skills import Evidence, Skill, SkillsAttestation

__all__ = ["CHECKERS", "ENTITY_CLASSES"]

ENTITY_CLASSES: tuple[type, ...] = tuple(
    sorted(
        {
            Person,
            Structure,
            Company,
            *eligibility.ENTITIES,
            *approvals.ENTITIES,
            *contracts.ENTITIES,
            *pmsmp.ENTITIES,
            *parcours.ENTITIES,
            FollowUp,
            SupportAction,
            *partnerships.ENTITIES,
            *funding.ENTITIES,
            *economy.ENTITIES,
            *orientation.ENTITIES,
            Evidence,
            Skill,
            SkillsAttestation,
            Candidate,
            GeoPoint,
            Position,
            Weights,
        },
        key=lambda cls: cls.__name__,
    )
)
"""Every entity class of iae_core, sorted by name (what `load`, `json_schema`, the
command line and the test strategies cover)."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType(
    {
        **eligibility.CHECKERS,
        **approvals.CHECKERS,
        **contracts.CHECKERS,
        **pmsmp.CHECKERS,
        **parcours.CHECKERS,
        **partnerships.CHECKERS,
        **funding.CHECKERS,
        **economy.CHECKERS,
        **orientation.CHECKERS,
    }
)
"""Entity class → its checker (what `iae_core.check` calls)."""

"""The skills entities: `SkillsAttestation`, its `Skill` items and their `Evidence`."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    ROME,
    TEXT,
    Entity,
    ExactlyOne,
    MinLen,
    Ordered,
    Pattern,
    Requires,
    declare,
    enum_converter,
    to_tuple,
)
from iae_core.enums import BehaviouralSkill, SkillLevel
from iae_core.people import Person, Structure

__all__ = [
    "SALT_BYTES",
    "Evidence",
    "Skill",
    "SkillsAttestation",
    "to_behavioural_skill",
    "to_skill_level",
]

_CERTIFICATION = Pattern(r"^(RNCP|RS)[0-9]{1,6}$", ("un code RNCP ou RS", "an RNCP or RS code"))

_to_level = enum_converter(SkillLevel)
_to_behavioural = enum_converter(BehaviouralSkill)

SALT_BYTES = 16
"""Random bytes of the salt of a hashed badge subject (128 bits) when the caller gives none."""


def to_skill_level(value: SkillLevel | str) -> Any:
    """Converter: a `SkillLevel` code becomes the member."""
    return _to_level(value)


def to_behavioural_skill(value: BehaviouralSkill | str | None) -> Any:
    """Converter: a `BehaviouralSkill` code becomes the member, `None` stays."""
    return _to_behavioural(value)


@attrs.frozen(kw_only=True)
class Evidence(Entity):
    """Who observed a skill, where and when.

    Attributes:
        observed_by: who observed it (a supervisor, a job coach, the host's tutor).
        where: where (the work site, the host company of an immersion…).
        on: the day it was observed.
        note: what was seen, in a sentence (never health or justice data).
    """

    observed_by: str = attrs.field(metadata=declare(TEXT))
    where: str = attrs.field(metadata=declare(TEXT))
    on: pendulum.Date = attrs.field(converter=dates.to_date)
    note: str | None = attrs.field(default=None, metadata=declare(TEXT))


@attrs.frozen(kw_only=True)
class Skill(Entity):
    """One skill observed at a level, with its evidence.

    Attributes:
        level: the level observed.
        evidence: who observed it, where and when (at least one).
        rome_code: the ROME code of the trade it belongs to (`"K2204"`).
        behavioural: or a behavioural skill (exactly one of the two is given).
        label: what the person can do, in words ("Préparer des commandes"); required
            with a ROME code, the behavioural skill's label by default.
        certification: a certification it leads towards: an RNCP or RS code
            (`"RNCP12345"`, `"RS5678"`).
    """

    level: SkillLevel = attrs.field(converter=to_skill_level)
    evidence: tuple[Evidence, ...] = attrs.field(converter=to_tuple, metadata=declare(MinLen(1)))
    rome_code: str | None = attrs.field(default=None, metadata=declare(ROME))
    behavioural: BehaviouralSkill | None = attrs.field(default=None, converter=to_behavioural_skill)
    label: str | None = attrs.field(default=None, metadata=declare(TEXT))
    certification: str | None = attrs.field(default=None, metadata=declare(_CERTIFICATION))

    CONSTRAINTS = (
        ExactlyOne(("rome_code", "behavioural")),
        Requires("rome_code", "label", at_other=True),
    )

    @property
    def code(self) -> str:
        """The ROME code, or the behavioural skill's code."""
        if self.rome_code is not None:
            return self.rome_code
        return self.behavioural.value if self.behavioural is not None else ""

    @property
    def name(self) -> str:
        """The label, or the behavioural skill's French label."""
        if self.label is not None:
            return self.label
        return self.behavioural.label if self.behavioural is not None else self.code


@attrs.frozen(kw_only=True)
class SkillsAttestation(Entity):
    """A structure attests the skills a person showed.

    Attributes:
        person: who.
        structure: the structure issuing it (the SIAE).
        issued_on: the day it is issued (on or after every observation).
        skills: the skills (at least one).
        holder_name: the person's name as printed on the attestation, when wanted.
        id: the embedder's identifier of the attestation.
    """

    person: Person
    structure: Structure
    issued_on: pendulum.Date = attrs.field(converter=dates.to_date)
    skills: tuple[Skill, ...] = attrs.field(converter=to_tuple, metadata=declare(MinLen(1)))
    holder_name: str | None = attrs.field(default=None, metadata=declare(TEXT))
    id: str | None = attrs.field(default=None, metadata=declare(TEXT))

    CONSTRAINTS = (Ordered("skills[].evidence[].on", "issued_on", at_first=True),)

"""The skills entities: `SkillsAttestation`, its `Skill` items and their `Evidence`."""

from __future__ import annotations

import re
from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    Entity,
    Problems,
    enum_converter,
    need_date,
    need_enum,
    need_identifier,
    need_instance,
    need_items,
    need_optional_str,
    need_str,
    to_tuple,
)
from iae_core.enums import BehaviouralSkill, SkillLevel
from iae_core.identifiers import rome as _rome
from iae_core.people import Person, Structure

__all__ = [
    "SALT_BYTES",
    "Evidence",
    "Skill",
    "SkillsAttestation",
    "to_behavioural_skill",
    "to_skill_level",
]

_CERTIFICATION = re.compile(r"(RNCP|RS)\d{1,6}")

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

    observed_by: str
    where: str
    on: pendulum.Date = attrs.field(converter=dates.to_date)
    note: str | None = None

    def _validate(self, problems: Problems) -> None:
        need_str(problems, "observed_by", self.observed_by)
        need_str(problems, "where", self.where)
        need_date(problems, "on", self.on)
        need_optional_str(problems, "note", self.note)


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
    evidence: tuple[Evidence, ...] = attrs.field(converter=to_tuple)
    rome_code: str | None = None
    behavioural: BehaviouralSkill | None = attrs.field(default=None, converter=to_behavioural_skill)
    label: str | None = None
    certification: str | None = None

    def _validate(self, problems: Problems) -> None:
        need_enum(problems, "level", self.level, SkillLevel)
        if need_items(problems, "evidence", self.evidence, Evidence) and not self.evidence:
            problems.append(("evidence", "at least one observation is required"))
        given = (isinstance(self.rome_code, str), isinstance(self.behavioural, BehaviouralSkill))
        absent = (self.rome_code is None, self.behavioural is None)
        if absent == (True, True) or given == (True, True):  # a bad value is reported alone
            problems.append(("rome_code", "give either a ROME code or a behavioural skill"))
        if self.rome_code is not None and (
            need_identifier(problems, "rome_code", self.rome_code, _rome.validate)
            and self.label is None
        ):
            problems.append(("label", "required with a ROME code"))
        if self.behavioural is not None:
            need_enum(problems, "behavioural", self.behavioural, BehaviouralSkill)
        need_optional_str(problems, "label", self.label)
        if need_optional_str(problems, "certification", self.certification) and (
            self.certification is not None and not _CERTIFICATION.fullmatch(self.certification)
        ):
            problems.append(("certification", f"not an RNCP or RS code: {self.certification!r}"))

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
    skills: tuple[Skill, ...] = attrs.field(converter=to_tuple)
    holder_name: str | None = None
    id: str | None = None

    def _validate(self, problems: Problems) -> None:
        need_instance(problems, "person", self.person, Person)
        need_instance(problems, "structure", self.structure, Structure)
        issued = need_date(problems, "issued_on", self.issued_on)
        if need_items(problems, "skills", self.skills, Skill):
            if not self.skills:
                problems.append(("skills", "at least one skill is required"))
            for i, s in enumerate(self.skills):
                for j, e in enumerate(s.evidence):
                    if issued and e.on > self.issued_on:
                        problems.append(
                            (
                                f"skills[{i}].evidence[{j}].on",
                                f"after issued_on ({self.issued_on.isoformat()}): "
                                f"{e.on.isoformat()}",
                            )
                        )
        need_optional_str(problems, "holder_name", self.holder_name)
        need_optional_str(problems, "id", self.id)

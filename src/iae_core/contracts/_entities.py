"""The contract entities: `Contract` and what the contract rules need.

CDDI (L5132-5, L5132-11-1, L5132-15-1), ETTI missions (L5132-6), AI placements
(L5132-9), PMSMP immersions (L5135-1 and following), CDI inclusion (L5132-5-1…). The
classes only hold and validate the data; the rules live in `iae_core.contracts._rules`
and are re-exported by the face `iae_core.contracts`.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    SIRET,
    TEXT,
    Entity,
    Ge,
    Gt,
    Le,
    Ordered,
    RequiredWhen,
    Requires,
    Unique,
    Within,
    declare,
    enum_converter,
    to_contract_kind,
    to_derogation_kind,
    to_extension_ground,
    to_host_kind,
    to_optional_siret,
    to_structure_kind,
    to_tuple,
)
from iae_core.dates import DayLike, as_day
from iae_core.enums import (
    ContractKind,
    DerogationKind,
    ExtensionGround,
    HireKind,
    HostKind,
    ImmersionOutcome,
    ImmersionPurpose,
    PrescriberKind,
    StructureKind,
)

__all__ = [
    "Contract",
    "HoursDerogation",
    "Immersion",
    "ImmersionAssessment",
    "Placement",
    "PrefectWaiver",
    "Renewal",
    "ScheduleDay",
    "to_optional_structure_kind",
]


_MAX_WEEK_HOURS = 168  # the hours of a week: a data error beyond (not a legal limit)


def to_optional_structure_kind(value: StructureKind | str | None) -> Any:
    """Converter: a ``StructureKind`` code becomes the member, ``None`` stays."""
    return None if value is None else to_structure_kind(value)


@attrs.frozen(kw_only=True)
class Renewal(Entity):
    """A renewal (or extension) of a contract, which then ends on ``end``.

    Attributes:
        end: the contract's new end.
        ground: the extension ground when it takes a CDDI past its maximum length
            (`cddi.max_months`).
        training_end: for the ``TRAINING`` ground, the end of the training action.
    """

    end: pendulum.Date = attrs.field(converter=dates.to_date)
    ground: ExtensionGround | None = attrs.field(default=None, converter=to_extension_ground)
    training_end: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)


@attrs.frozen(kw_only=True)
class HoursDerogation(Entity):
    """A derogation to the CDDI's weekly minimum, from `start` to `end` inclusive.

    The minimum is the parameter `cddi.min_weekly_hours`.

    Attributes:
        kind: ``CUMUL`` (another part-time job) or ``SEVERE_DIFFICULTIES`` (ACI only).
        start: first day. end: last day (inclusive).
        other_employer_kind: for ``CUMUL``, the kind of the other employer when it is a
            structure (an SIAE, an EA…); ``None`` for an ordinary employer or when unknown.
            The other job may not be in an SIAE or an EA (D5132-10-5-3, D5132-26-12,
            D5132-43-14).
    """

    kind: DerogationKind = attrs.field(converter=to_derogation_kind)
    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)
    other_employer_kind: StructureKind | None = attrs.field(
        default=None, converter=to_optional_structure_kind
    )

    CONSTRAINTS = (Ordered("start", "end"),)


_to_purpose = enum_converter(ImmersionPurpose)
_to_prescriber = enum_converter(PrescriberKind)
_to_outcome = enum_converter(ImmersionOutcome)
_to_hire_kind = enum_converter(HireKind)


def to_immersion_purpose(value: ImmersionPurpose | str | None) -> Any:
    """Converter: an ``ImmersionPurpose`` code becomes the member, ``None`` stays."""
    return _to_purpose(value)


def to_prescriber_kind(value: PrescriberKind | str | None) -> Any:
    """Converter: a ``PrescriberKind`` code becomes the member, ``None`` stays."""
    return _to_prescriber(value)


def to_immersion_outcome(value: ImmersionOutcome | str) -> Any:
    """Converter: an ``ImmersionOutcome`` code becomes the member."""
    return _to_outcome(value)


def to_hire_kind(value: HireKind | str | None) -> Any:
    """Converter: a ``HireKind`` code becomes the member, ``None`` stays."""
    return _to_hire_kind(value)


@attrs.frozen(kw_only=True)
class ScheduleDay(Entity):
    """One day of a PMSMP schedule: the hours of presence with the host that day.

    Attributes:
        on: the day (within the agreement).
        hours: hours of presence (more than 0, at most 24).
    """

    on: pendulum.Date = attrs.field(converter=dates.to_date)
    hours: float = attrs.field(metadata=declare(Gt(0), Le(24)))


@attrs.frozen(kw_only=True)
class ImmersionAssessment(Entity):
    """How a PMSMP went, and whether the host hired the person after it.

    Attributes:
        outcome: completed, partly completed, or the person did not come.
        hired_on: the first day of a hire by the host after the immersion, if any.
        hire_kind: the contract of that hire (CDI, CDD, apprenticeship…).
        notes: a free comment (never health or justice data).
    """

    outcome: ImmersionOutcome = attrs.field(converter=to_immersion_outcome)
    hired_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    hire_kind: HireKind | None = attrs.field(default=None, converter=to_hire_kind)
    notes: str | None = attrs.field(default=None, metadata=declare(TEXT))

    CONSTRAINTS = (Requires("hire_kind", "hired_on"),)

    @property
    def hired(self) -> bool:
        """True when the host hired the person after the immersion."""
        return self.hired_on is not None


@attrs.frozen(kw_only=True)
class Immersion(Entity):
    """A PMSMP agreement during the contract.

    Attributes:
        start: first day. end: last day (inclusive).
        host_siret: SIRET of the host.
        renewal_of: when this agreement renews an earlier one with the same host, the
            ``start`` of that earlier agreement (so that order of the list never matters).
        purpose: what it is for (L5135-1): discover a trade, confirm a professional
            project, start a recruitment process; ``None`` when not recorded.
        schedule: the days of presence with their hours, when planned (each day within
            the agreement, at most once).
        prescriber: who prescribed it (L5135-2), when recorded.
        prescriber_siret: the prescriber's SIRET, when known.
        assessment: how it went and whether the host hired the person after it.
    """

    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)
    host_siret: str = attrs.field(metadata=declare(SIRET))
    renewal_of: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    purpose: ImmersionPurpose | None = attrs.field(default=None, converter=to_immersion_purpose)
    schedule: tuple[ScheduleDay, ...] = attrs.field(default=(), converter=to_tuple)
    prescriber: PrescriberKind | None = attrs.field(default=None, converter=to_prescriber_kind)
    prescriber_siret: str | None = attrs.field(
        default=None, converter=to_optional_siret, metadata=declare(SIRET)
    )
    assessment: ImmersionAssessment | None = None

    CONSTRAINTS = (
        Ordered("start", "end"),
        Within("schedule[].on", "start", "end"),
        Unique("schedule", "on"),
        Ordered("start", "assessment.hired_on"),
    )


@attrs.frozen(kw_only=True)
class Placement(Entity):
    """An AI placement (*mise à disposition*) with a host.

    Attributes:
        start: first day. end: last day (inclusive).
        hours: hours worked during the placement.
        host: who the host is; only private-law employers count towards the cap
            (`placement.cap_hours`).
        host_siret: SIRET of the host, when it has one.
    """

    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)
    hours: float = attrs.field(metadata=declare(Ge(0)))
    host: HostKind = attrs.field(converter=to_host_kind)
    host_siret: str | None = attrs.field(default=None, metadata=declare(SIRET))

    CONSTRAINTS = (Ordered("start", "end"),)


@attrs.frozen(kw_only=True)
class Contract(Entity):
    """An employment (or, in EITI, commercial) contract with a structure.

    Attributes:
        kind: contract kind.
        structure_kind: kind of the hiring structure.
        start: first day.
        end: planned last day of the initial contract (renewals move it: see ``renewals``);
            ``None`` only for a CDI inclusion.
        weekly_hours: contractual weekly hours (at most `contract.max_weekly_hours`:
            L3121-20).
        renewals: renewals and extensions, each with the contract's new end.
        derogations: derogations to the CDDI's weekly minimum.
        immersions: PMSMP agreements during the contract.
        placements: AI placements.
        trial_period_days: trial period in calendar days (0: none).
    """

    kind: ContractKind = attrs.field(converter=to_contract_kind)
    structure_kind: StructureKind = attrs.field(converter=to_structure_kind)
    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date | None = attrs.field(converter=dates.to_optional_date)
    weekly_hours: float = attrs.field(metadata=declare(Ge(0), Le(_MAX_WEEK_HOURS)))
    renewals: tuple[Renewal, ...] = attrs.field(default=(), converter=to_tuple)
    derogations: tuple[HoursDerogation, ...] = attrs.field(default=(), converter=to_tuple)
    immersions: tuple[Immersion, ...] = attrs.field(default=(), converter=to_tuple)
    placements: tuple[Placement, ...] = attrs.field(default=(), converter=to_tuple)
    trial_period_days: int = attrs.field(default=0, metadata=declare(Ge(0)))

    CONSTRAINTS = (
        Ordered("start", "end"),
        RequiredWhen("end", "kind", frozenset(ContractKind) - {ContractKind.CDI_INCLUSION}),
        Ordered("start", "renewals[].end"),
    )

    @property
    def final_end(self) -> pendulum.Date | None:
        """The end after every renewal (the latest end given), ``None`` for an open CDI."""
        if self.end is None:
            return None
        return max((r.end for r in self.renewals), default=self.end)


@attrs.frozen(kw_only=True)
class PrefectWaiver(Entity):
    """A prefect's decision letting an AI exceed the placement cap (`placement.cap_hours`).

    From `start` to `end` inclusive (`placement.prefect_waiver_max_years` at most,
    renewable: C. trav. art. L5132-9, D5132-18-1). While a waiver is in force,
    `placement.hours_cap` is not raised.
    """

    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)

    CONSTRAINTS = (Ordered("start", "end"),)

    def covers(self, day: DayLike) -> bool:
        """True when the waiver is in force on ``day``."""
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        return self.start <= day <= self.end

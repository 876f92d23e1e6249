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
    Entity,
    Problems,
    enum_converter,
    need_date,
    need_enum,
    need_identifier,
    need_instance,
    need_items,
    need_number,
    need_optional_date,
    need_optional_str,
    need_order,
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
from iae_core.identifiers import siret as _siret

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
_MAX_SAFE = 2**53  # the largest integer `need_number` accepts


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

    def _validate(self, problems: Problems) -> None:
        need_date(problems, "end", self.end)
        if self.ground is not None:
            need_enum(problems, "ground", self.ground, ExtensionGround)
        need_optional_date(problems, "training_end", self.training_end)

    def _valid_structured(self) -> bool:
        return True  # dates in range, an ExtensionGround or None: nothing else to check


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

    def _validate(self, problems: Problems) -> None:
        need_enum(problems, "kind", self.kind, DerogationKind)
        if self.other_employer_kind is not None:
            need_enum(problems, "other_employer_kind", self.other_employer_kind, StructureKind)
        if need_date(problems, "start", self.start) & need_date(problems, "end", self.end):
            need_order(problems, self.start, self.end)


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
    hours: float

    def _validate(self, problems: Problems) -> None:
        need_date(problems, "on", self.on)
        if need_number(problems, "hours", self.hours, maximum=24) and self.hours == 0:
            problems.append(("hours", "must be more than 0 (leave the day out)"))


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
    notes: str | None = None

    def _validate(self, problems: Problems) -> None:
        need_enum(problems, "outcome", self.outcome, ImmersionOutcome)
        need_optional_date(problems, "hired_on", self.hired_on)
        if self.hire_kind is not None:
            need_enum(problems, "hire_kind", self.hire_kind, HireKind)
            if self.hired_on is None:
                problems.append(("hire_kind", "given without hired_on"))
        need_optional_str(problems, "notes", self.notes)

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
    host_siret: str
    renewal_of: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    purpose: ImmersionPurpose | None = attrs.field(default=None, converter=to_immersion_purpose)
    schedule: tuple[ScheduleDay, ...] = attrs.field(default=(), converter=to_tuple)
    prescriber: PrescriberKind | None = attrs.field(default=None, converter=to_prescriber_kind)
    prescriber_siret: str | None = attrs.field(default=None, converter=to_optional_siret)
    assessment: ImmersionAssessment | None = None

    def _validate(self, problems: Problems) -> None:
        dates_ok = need_date(problems, "start", self.start) & need_date(problems, "end", self.end)
        if dates_ok:
            need_order(problems, self.start, self.end)
        need_identifier(problems, "host_siret", self.host_siret, _siret.validate)
        need_optional_date(problems, "renewal_of", self.renewal_of)
        if self.purpose is not None:
            need_enum(problems, "purpose", self.purpose, ImmersionPurpose)
        if need_items(problems, "schedule", self.schedule, ScheduleDay) and dates_ok:
            seen: set[pendulum.Date] = set()
            for i, d in enumerate(self.schedule):
                if not self.start <= d.on <= self.end:
                    problems.append(
                        (
                            f"schedule[{i}].on",
                            f"outside the agreement ({self.start.isoformat()} to "
                            f"{self.end.isoformat()}): {d.on.isoformat()}",
                        )
                    )
                elif d.on in seen:
                    problems.append((f"schedule[{i}].on", f"repeated day: {d.on.isoformat()}"))
                seen.add(d.on)
        if self.prescriber is not None:
            need_enum(problems, "prescriber", self.prescriber, PrescriberKind)
        if self.prescriber_siret is not None:
            need_identifier(problems, "prescriber_siret", self.prescriber_siret, _siret.validate)
        if self.assessment is not None:
            ok = need_instance(problems, "assessment", self.assessment, ImmersionAssessment)
            hired_on = self.assessment.hired_on if ok else None
            if hired_on is not None and dates_ok and hired_on < self.start:
                problems.append(
                    (
                        "assessment.hired_on",
                        f"must be on or after start ({self.start.isoformat()}): "
                        f"{hired_on.isoformat()}",
                    )
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
    hours: float
    host: HostKind = attrs.field(converter=to_host_kind)
    host_siret: str | None = None

    def _validate(self, problems: Problems) -> None:
        if need_date(problems, "start", self.start) & need_date(problems, "end", self.end):
            need_order(problems, self.start, self.end)
        need_number(problems, "hours", self.hours)
        need_enum(problems, "host", self.host, HostKind)
        if self.host_siret is not None:
            need_identifier(problems, "host_siret", self.host_siret, _siret.validate)


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
    weekly_hours: float
    renewals: tuple[Renewal, ...] = attrs.field(default=(), converter=to_tuple)
    derogations: tuple[HoursDerogation, ...] = attrs.field(default=(), converter=to_tuple)
    immersions: tuple[Immersion, ...] = attrs.field(default=(), converter=to_tuple)
    placements: tuple[Placement, ...] = attrs.field(default=(), converter=to_tuple)
    trial_period_days: int = 0

    def _validate(self, problems: Problems) -> None:
        need_enum(problems, "kind", self.kind, ContractKind)
        need_enum(problems, "structure_kind", self.structure_kind, StructureKind)
        ok = need_date(problems, "start", self.start)
        ok = need_optional_date(problems, "end", self.end) and ok
        if ok and self.end is not None:
            need_order(problems, self.start, self.end)
        if self.end is None and self.kind is not ContractKind.CDI_INCLUSION:
            problems.append(("end", "required: only a CDI inclusion has no end"))
        need_number(problems, "weekly_hours", self.weekly_hours, maximum=_MAX_WEEK_HOURS)
        need_number(problems, "trial_period_days", self.trial_period_days, integer=True)
        if need_items(problems, "renewals", self.renewals, Renewal) and ok:
            for i, r in enumerate(self.renewals):
                need_order(problems, self.start, r.end, end_name=f"renewals[{i}].end")
        need_items(problems, "derogations", self.derogations, HoursDerogation)
        need_items(problems, "immersions", self.immersions, Immersion)
        need_items(problems, "placements", self.placements, Placement)

    def _valid_structured(self) -> bool:
        start, end, hours = self.start, self.end, self.weekly_hours
        if end is None:
            if self.kind is not ContractKind.CDI_INCLUSION:
                return False
        elif end < start or any(r.end < start for r in self.renewals):
            return False
        return 0 <= hours <= _MAX_WEEK_HOURS and 0 <= self.trial_period_days <= _MAX_SAFE

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

    def _validate(self, problems: Problems) -> None:
        if need_date(problems, "start", self.start) & need_date(problems, "end", self.end):
            need_order(problems, self.start, self.end)

    def covers(self, day: DayLike) -> bool:
        """True when the waiver is in force on ``day``."""
        if type(day) is not pendulum.Date:
            day = as_day(day, "day")
        return self.start <= day <= self.end

"""Partnerships between structures and an ordinary company: the entities and their summary.

A `Partnership` ties one company to one structure, or to a **union** of several
structures that share one coordinator and speak to the company with one voice. It records
what the parties do together (`iae_core.enums.PartnershipKind`), what was promised
(`Commitment`: hires, immersions, insertion hours… over a period) and what happened
(`PartnershipEvent`: immersions, hires, visits, orders with hours and amount).

`partnership_summary` compares commitments with what happened over a period and gives
the immersion-to-hire conversion (a plain computation over the entities: no legal
number). The PMSMP rule across partnerships is in `iae_core.partnerships._rules`.

Open positions are referenced by id (`positions`: the ids of `iae_core.matching.Position`
objects or of the embedder's own offers), so that partnerships do not depend on the
matching module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    TEXT,
    Entity,
    Ge,
    Items,
    MemberOf,
    MinLen,
    OnlyWhen,
    Ordered,
    RequiredWhen,
    Unique,
    declare,
    enum_converter,
    enum_set_converter,
    to_tuple,
)
from iae_core.contracts._entities import ImmersionAssessment
from iae_core.enums import ImmersionOutcome, LabelledEnum, PartnershipKind
from iae_core.people import Company, Structure

__all__ = [
    "Commitment",
    "CommitmentKind",
    "CommitmentProgress",
    "EventKind",
    "Partnership",
    "PartnershipEvent",
    "PartnershipSummary",
    "partnership_summary",
]


class EventKind(LabelledEnum):
    """What happened in a partnership."""

    IMMERSION = "IMMERSION", "Immersion (PMSMP) dans l'entreprise"
    HIRE = "HIRE", "Embauche par l'entreprise"
    VISIT = "VISIT", "Visite d'entreprise"
    ORDER = "ORDER", "Commande (sous-traitance, co-traitance, mise à disposition…)"


class CommitmentKind(LabelledEnum):
    """What a party promised."""

    HIRES = "HIRES", "Embauches"
    IMMERSIONS = "IMMERSIONS", "Immersions (PMSMP)"
    INSERTION_HOURS = "INSERTION_HOURS", "Heures d'insertion"
    VISITS = "VISITS", "Visites d'entreprise"
    ORDER_AMOUNT = "ORDER_AMOUNT", "Montant des commandes (€)"


_to_event_kind = enum_converter(EventKind)
_to_commitment_kind = enum_converter(CommitmentKind)
_to_partnership_kinds = enum_set_converter(PartnershipKind)


def to_event_kind(value: EventKind | str) -> EventKind:
    """Converter: an ``EventKind`` code becomes the member."""
    return _to_event_kind(value)  # type: ignore[no-any-return]


def to_commitment_kind(value: CommitmentKind | str) -> CommitmentKind:
    """Converter: a ``CommitmentKind`` code becomes the member."""
    return _to_commitment_kind(value)  # type: ignore[no-any-return]


def to_partnership_kinds(
    value: Iterable[PartnershipKind | str],
) -> frozenset[PartnershipKind]:
    """Converter: a set, list or tuple of kinds (or codes) becomes a frozenset."""
    return _to_partnership_kinds(value)  # type: ignore[no-any-return]


@attrs.frozen(kw_only=True)
class Commitment(Entity):
    """What was promised: ``quantity`` of ``kind`` between ``start`` and ``end`` inclusive.

    Attributes:
        kind: hires, immersions, insertion hours, visits or order amount (€).
        quantity: how many (hours, euros…), at least 0.
        start: first day of the period. end: last day.
    """

    kind: CommitmentKind = attrs.field(converter=to_commitment_kind)
    quantity: float = attrs.field(metadata=declare(Ge(0)))
    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)

    CONSTRAINTS = (Ordered("start", "end"),)


@attrs.frozen(kw_only=True)
class PartnershipEvent(Entity):
    """Something that happened in a partnership.

    Attributes:
        kind: immersion, hire, visit or order.
        start: the day (first day of an immersion).
        end: last day of an immersion (required for one; ``None`` otherwise: one day).
        person_id: who (required for an immersion or a hire; the embedder's person id).
        structure_siret: the member structure concerned, when known (must be a member).
        hours: hours (of an order, or worked by a hired person on a social clause).
        amount: amount in euros (of an order).
        position_id: the open position concerned (a hire, an immersion).
        renewal_of: an immersion renewing an earlier agreement with the same host: the
            ``start`` of that agreement (a renewal is not a new agreement, D5135-3).
        assessment: for an immersion, how it went and whether the company hired the
            person after it (feeds the conversion of `partnership_summary`).
    """

    kind: EventKind = attrs.field(converter=to_event_kind)
    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    person_id: str | None = attrs.field(default=None, metadata=declare(TEXT))
    structure_siret: str | None = attrs.field(default=None, metadata=declare(TEXT))
    hours: float | None = attrs.field(default=None, metadata=declare(Ge(0)))
    amount: float | None = attrs.field(default=None, metadata=declare(Ge(0)))
    position_id: str | None = attrs.field(default=None, metadata=declare(TEXT))
    renewal_of: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    assessment: ImmersionAssessment | None = None

    CONSTRAINTS = (
        Ordered("start", "end"),
        RequiredWhen("person_id", "kind", frozenset({EventKind.IMMERSION, EventKind.HIRE})),
        RequiredWhen("end", "kind", frozenset({EventKind.IMMERSION})),
        OnlyWhen("renewal_of", "kind", frozenset({EventKind.IMMERSION})),
        OnlyWhen("assessment", "kind", frozenset({EventKind.IMMERSION})),
    )

    @property
    def last_day(self) -> pendulum.Date:
        """The last day of the event (``end``, or ``start`` for a one-day event)."""
        return self.end if self.end is not None else self.start


@attrs.frozen(kw_only=True)
class Partnership(Entity):
    """A partnership between one company and one structure or a union of structures.

    Attributes:
        id: the embedder's identifier.
        company: the ordinary company.
        members: the structures (one, or a union of several that share one coordinator).
        kinds: what they do together (at least one).
        start: first day. end: last day (``None``: open-ended).
        coordinator: SIRET of the coordinating member; required for a union of two or
            more members, and then one of them.
        positions: ids of the open positions the partnership is about.
        commitments: what was promised.
        events: what happened.
    """

    id: str = attrs.field(metadata=declare(TEXT))
    company: Company
    members: tuple[Structure, ...] = attrs.field(converter=to_tuple, metadata=declare(MinLen(1)))
    kinds: frozenset[PartnershipKind] = attrs.field(
        converter=to_partnership_kinds, metadata=declare(MinLen(1))
    )
    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    coordinator: str | None = attrs.field(default=None, metadata=declare(TEXT))
    positions: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=declare(Items(TEXT))
    )
    commitments: tuple[Commitment, ...] = attrs.field(default=(), converter=to_tuple)
    events: tuple[PartnershipEvent, ...] = attrs.field(default=(), converter=to_tuple)

    CONSTRAINTS = (
        Unique("members", "siret"),
        Ordered("start", "end"),
        RequiredWhen("coordinator", "members", min_items=2),
        MemberOf("coordinator", "members[].siret"),
        Unique("positions"),
        MemberOf("events[].structure_siret", "members[].siret"),
    )

    @property
    def is_union(self) -> bool:
        """True for a union of two or more structures."""
        return len(self.members) >= 2


# --- summary -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CommitmentProgress:
    """One commitment against what happened during the summary's period.

    Attributes:
        kind: what was promised.
        start, end: the commitment's period.
        promised: the quantity promised over the whole commitment period.
        expected: the share of ``promised`` falling in the summary period (prorated by
            days of overlap).
        achieved: what happened in the overlap of the two periods.
        ratio: ``achieved / expected`` (``None`` when nothing was expected).
    """

    kind: CommitmentKind
    start: pendulum.Date
    end: pendulum.Date
    promised: float
    expected: float
    achieved: float
    ratio: float | None


@attrs.frozen(kw_only=True)
class PartnershipSummary:
    """What happened in a partnership over a period (plain record).

    Attributes:
        partnership_id: the partnership.
        period_start, period_end: the period (inclusive).
        immersions: immersion agreements starting in the period (renewals included).
        immersion_days: days of immersion in the period.
        people_immersed: distinct people with an immersion starting in the period.
        hires: hires in the period. visits: visits in the period.
        orders: orders in the period, with their ``order_hours`` and ``order_amount``.
        insertion_hours: hours recorded on orders and hires in the period.
        converted: people immersed in the period and hired by the company on or after
            their immersion's first day (within ``conversion_window_days`` after the
            immersion's end when given).
        conversion_rate: ``converted / people_immersed`` (``None`` if nobody).
        commitments: each commitment overlapping the period, against what happened.
        completed, partly, did_not_come: immersions starting in the period by the outcome
            of their assessment (those without one are in none).
        hired_after_immersion: immersions starting in the period whose assessment
            records a hire by the company.
    """

    partnership_id: str
    period_start: pendulum.Date
    period_end: pendulum.Date
    immersions: int
    immersion_days: int
    people_immersed: int
    hires: int
    visits: int
    orders: int
    order_hours: float
    order_amount: float
    insertion_hours: float
    converted: int
    conversion_rate: float | None
    commitments: tuple[CommitmentProgress, ...]
    completed: int = 0
    partly: int = 0
    did_not_come: int = 0
    hired_after_immersion: int = 0

    def as_dict(self) -> dict[str, object]:
        """A flat row (commitments as ``<KIND>_expected`` / ``_achieved`` columns)."""
        row: dict[str, object] = {
            f.name: getattr(self, f.name)
            for f in attrs.fields(PartnershipSummary)
            if f.name != "commitments"
        }
        for c in self.commitments:
            name = c.kind.value.lower()
            row[f"{name}_expected"] = float(row.get(f"{name}_expected", 0.0)) + c.expected  # type: ignore[arg-type]
            row[f"{name}_achieved"] = float(row.get(f"{name}_achieved", 0.0)) + c.achieved  # type: ignore[arg-type]
        return row


def _overlap(
    a: pendulum.Date, b: pendulum.Date, c: pendulum.Date, d: pendulum.Date
) -> tuple[pendulum.Date, pendulum.Date] | None:
    lo, hi = max(a, c), min(b, d)
    return (lo, hi) if lo <= hi else None


def _achieved(kind: CommitmentKind, events: Iterable[PartnershipEvent]) -> float:
    if kind is CommitmentKind.HIRES:
        return float(sum(1 for e in events if e.kind is EventKind.HIRE))
    if kind is CommitmentKind.IMMERSIONS:
        return float(sum(1 for e in events if e.kind is EventKind.IMMERSION))
    if kind is CommitmentKind.VISITS:
        return float(sum(1 for e in events if e.kind is EventKind.VISIT))
    if kind is CommitmentKind.ORDER_AMOUNT:
        return float(sum(e.amount or 0 for e in events if e.kind is EventKind.ORDER))
    return float(sum(e.hours or 0 for e in events if e.kind in (EventKind.ORDER, EventKind.HIRE)))


def partnership_summary(
    partnership: Partnership,
    *,
    period: tuple[pendulum.Date, pendulum.Date],
    conversion_window_days: int | None = None,
) -> PartnershipSummary:
    """Commitments against what happened, and immersion-to-hire conversion, over ``period``.

    Events count in the period by their first day (an immersion's days are clipped to the
    period). A commitment's expected quantity is prorated by the days its period shares
    with ``period``; what it achieved is counted over those shared days (hires, immersions,
    visits; insertion hours are the hours on orders and hires; order amount the amounts
    of orders).

    Args:
        partnership: the partnership.
        period: ``(first, last)`` day, inclusive.
        conversion_window_days: when given, a hire converts an immersion only if it is
            at most this many days after the immersion's last day; ``None``: any later
            hire (even after the period).

    Immersion assessments feed the conversion: a person counts as converted when a HIRE
    event or the ``hired_on`` of an assessment of one of their immersions in the period
    (on or after its first day, within the window) shows the company hired them. A person
    whose every immersion in the period is assessed ``DID_NOT_COME`` was not immersed:
    they are out of ``people_immersed`` and of the conversion.

    Raises:
        ValueError: a period ending before it starts, a negative window.
    """
    first, last = dates.as_date(period[0]), dates.as_date(period[1])
    if last < first:
        msg = f"period ends ({last.isoformat()}) before it starts ({first.isoformat()})"
        raise ValueError(msg)
    if conversion_window_days is not None and conversion_window_days < 0:
        msg = "conversion_window_days must not be negative"
        raise ValueError(msg)
    events = partnership.events
    inside = [e for e in events if first <= e.start <= last]
    immersions = [e for e in inside if e.kind is EventKind.IMMERSION]
    immersion_days = 0
    for e in events:
        if e.kind is EventKind.IMMERSION:
            span = _overlap(e.start, e.last_day, first, last)
            if span is not None:
                immersion_days += dates.days_inclusive(*span)
    hires_by_person: dict[str, list[pendulum.Date]] = defaultdict(list)
    for e in events:
        if e.kind is EventKind.HIRE and e.person_id is not None:
            hires_by_person[e.person_id].append(e.start)
    for e in immersions:
        if e.assessment is not None and e.assessment.hired_on is not None:
            assert e.person_id is not None  # validated: an immersion has a person
            hires_by_person[e.person_id].append(e.assessment.hired_on)
    first_immersion: dict[str, PartnershipEvent] = {}
    for e in sorted(immersions, key=lambda e: e.start):
        assert e.person_id is not None  # validated: an immersion has a person
        if e.assessment is not None and e.assessment.outcome is ImmersionOutcome.DID_NOT_COME:
            continue
        first_immersion.setdefault(e.person_id, e)
    outcomes = [e.assessment.outcome for e in immersions if e.assessment is not None]
    converted = 0
    for person, imm in first_immersion.items():
        for hired in hires_by_person.get(person, ()):
            if hired < imm.start:
                continue
            if (
                conversion_window_days is not None
                and (hired - imm.last_day).in_days() > conversion_window_days
            ):
                continue
            converted += 1
            break
    orders = [e for e in inside if e.kind is EventKind.ORDER]
    progress = []
    for c in partnership.commitments:
        span = _overlap(c.start, c.end, first, last)
        if span is None:
            continue
        share = dates.days_inclusive(*span) / dates.days_inclusive(c.start, c.end)
        expected = c.quantity * share
        achieved = _achieved(c.kind, (e for e in events if span[0] <= e.start <= span[1]))
        progress.append(
            CommitmentProgress(
                kind=c.kind,
                start=c.start,
                end=c.end,
                promised=c.quantity,
                expected=expected,
                achieved=achieved,
                ratio=achieved / expected if expected else None,
            )
        )
    people = len(first_immersion)
    return PartnershipSummary(
        partnership_id=partnership.id,
        period_start=first,
        period_end=last,
        immersions=len(immersions),
        immersion_days=immersion_days,
        people_immersed=people,
        hires=sum(1 for e in inside if e.kind is EventKind.HIRE),
        visits=sum(1 for e in inside if e.kind is EventKind.VISIT),
        orders=len(orders),
        order_hours=float(sum(e.hours or 0 for e in orders)),
        order_amount=float(sum(e.amount or 0 for e in orders)),
        insertion_hours=_achieved(CommitmentKind.INSERTION_HOURS, inside),
        converted=converted,
        conversion_rate=converted / people if people else None,
        commitments=tuple(progress),
        completed=outcomes.count(ImmersionOutcome.COMPLETED),
        partly=outcomes.count(ImmersionOutcome.PARTLY),
        did_not_come=outcomes.count(ImmersionOutcome.DID_NOT_COME),
        hired_after_immersion=sum(
            1 for e in immersions if e.assessment is not None and e.assessment.hired
        ),
    )

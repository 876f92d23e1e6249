"""PASS IAE approvals: :class:`Approval`, :class:`Suspension`, :class:`Prolongation`.

R5132-1-2 to R5132-1-8; date arithmetic as the national platform computes it
(see ``docs/approvals.md``)::

    >>> a = Approval(number="999990000001", start=pendulum.date(2024, 3, 1))
    >>> a.end
    Date(2026, 2, 28)

Rule checks: :func:`check_approval` (also ``check(approval, on=…, structure_kind=…)``),
the commands :meth:`Approval.suspend` and :meth:`Approval.prolong`, and
:func:`new_approval_check` (waiting period). Rules that changed over time are dated tables:
:data:`DEFAULT_LENGTH`, :data:`PROLONGATION_WINDOW`, :data:`HEALTH_CONTEXT_ALLOWED`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pendulum

from iae_core import _approval_rules as _r
from iae_core import dates
from iae_core._approval_rules import (
    DEFAULT_LENGTH,
    HEALTH_CONTEXT_ALLOWED,
    PROLONGATION_CAPS,
    PROLONGATION_WINDOW,
    ProlongationCaps,
    ProlongationWindow,
    Span,
    default_end,
)
from iae_core._model import (
    Entity,
    Problems,
    as_structure_kind,
    need_date,
    need_enum,
    need_items,
    need_optional_date,
    need_optional_str,
    need_order,
    need_str,
    to_prolongation_reason,
    to_suspension_reason,
    to_tuple,
)
from iae_core.checks import Finding, Report, register_check
from iae_core.enums import (
    ApprovalState,
    ProlongationReason,
    Severity,
    StructureKind,
    SuspensionReason,
)
from iae_core.errors import RuleViolation

if TYPE_CHECKING:
    from iae_core.people import Person

__all__ = [
    "DEFAULT_LENGTH",
    "HEALTH_CONTEXT_ALLOWED",
    "PROLONGATION_CAPS",
    "PROLONGATION_WINDOW",
    "Approval",
    "Prolongation",
    "ProlongationCaps",
    "ProlongationWindow",
    "Span",
    "check_approval",
    "default_end",
    "new_approval_check",
]


@attrs.frozen(kw_only=True)
class Suspension(Entity):
    """A suspension of a PASS IAE, from ``start`` to ``end`` inclusive.

    Attributes:
        start: first day.
        end: last day (not before ``start``).
        reason: the ground (R5132-1-3; platform reasons).
        declared_on: the day it was declared, when known (optional). With it,
            `check_approval` judges on the stored suspension what `Approval.suspend`
            judges when it is declared: at most 365 days retroactive, and not before the
            day after the end of a suspension already ended on that day.
    """

    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)
    reason: SuspensionReason = attrs.field(converter=to_suspension_reason)
    declared_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)

    def _validate(self, problems: Problems) -> None:
        ok = need_date(problems, "start", self.start)
        ok = need_date(problems, "end", self.end) and ok
        need_enum(problems, "reason", self.reason, SuspensionReason)
        need_optional_date(problems, "declared_on", self.declared_on)
        if ok:
            need_order(problems, self.start, self.end)

    @property
    def push(self) -> int:
        """Days this suspension adds to the PASS end: ``end - start``.

        The platform's convention: an inclusive 11-day suspension pushes the end by 10 days.
        """
        return self.end.toordinal() - self.start.toordinal()

    def is_running(self, on: pendulum.Date) -> bool:
        """True when ``start <= on <= end``."""
        return self.start <= on <= self.end


@attrs.frozen(kw_only=True)
class Prolongation(Entity):
    """A prolongation of a PASS IAE: starts on the PASS's current end, ends on ``end``.

    Attributes:
        start: the PASS's end when the prolongation is declared.
        end: the PASS's new end (strictly after ``start``).
        reason: the legal ground (R5132-1-8).
        validated_by: who validated it (an authorised prescriber), when required.
        requested_on: the day it was requested, when known (optional). With it,
            `check_approval` judges the request window in force on that day (as
            `Approval.prolong` does), and the person's age and the `HEALTH_CONTEXT`
            cut-off on that day rather than on ``start``.
    """

    start: pendulum.Date = attrs.field(converter=dates.to_date)
    end: pendulum.Date = attrs.field(converter=dates.to_date)
    reason: ProlongationReason = attrs.field(converter=to_prolongation_reason)
    validated_by: str | None = None
    requested_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)

    def _validate(self, problems: Problems) -> None:
        ok = need_date(problems, "start", self.start)
        ok = need_date(problems, "end", self.end) and ok
        need_enum(problems, "reason", self.reason, ProlongationReason)
        need_optional_str(problems, "validated_by", self.validated_by)
        need_optional_date(problems, "requested_on", self.requested_on)
        if ok:
            need_order(problems, self.start, self.end, strict=True)

    @property
    def length(self) -> int:
        """Days this prolongation adds to the PASS end: ``end - start``."""
        return self.end.toordinal() - self.start.toordinal()


@attrs.frozen(kw_only=True)
class Approval(Entity):
    """A PASS IAE.

    Attributes:
        number: the 12-character number (its format is a rule, ``approval.number_format``,
            so that imported legacy numbers can still be loaded and reported on).
        start: first day.
        initial_end: the end before suspensions and prolongations; ``None`` means the
            default for the start date (start + 729 days from 2024-02-28, start + 2 years
            − 1 day before). Imported PASS keep their official end here.
        suspensions: its suspensions.
        prolongations: its prolongations, in any order.
    """

    number: str
    start: pendulum.Date = attrs.field(converter=dates.to_date)
    initial_end: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    suspensions: tuple[Suspension, ...] = attrs.field(default=(), converter=to_tuple)
    prolongations: tuple[Prolongation, ...] = attrs.field(default=(), converter=to_tuple)

    def _validate(self, problems: Problems) -> None:
        need_str(problems, "number", self.number)
        ok = need_date(problems, "start", self.start)
        ok = need_optional_date(problems, "initial_end", self.initial_end) and ok
        if ok and self.initial_end is not None:
            need_order(problems, self.start, self.initial_end, end_name="initial_end")
        need_items(problems, "suspensions", self.suspensions, Suspension)
        need_items(problems, "prolongations", self.prolongations, Prolongation)

    # --- dates ---------------------------------------------------------------------------

    @property
    def resolved_initial_end(self) -> pendulum.Date:
        """``initial_end``, or the default end for the start date when it is ``None``.

        The default is the version in force on ``start`` (:data:`DEFAULT_LENGTH`): start +
        729 days from 2024-02-28 (730 days counted inclusively), start + 2 years − 1 day
        before (R5132-1-2; platform ``get_default_end_date``).
        """
        if self.initial_end is not None:
            return self.initial_end
        return default_end(self.start)

    @property
    def end(self) -> pendulum.Date:
        """The current last day of the PASS.

        The initial end + each suspension's ``end - start`` days + each prolongation's
        ``end - start`` days (the platform's triggers).
        """
        ordinal = self.resolved_initial_end.toordinal()
        for s in self.suspensions:
            ordinal += s.end.toordinal() - s.start.toordinal()
        for p in self.prolongations:
            ordinal += p.end.toordinal() - p.start.toordinal()
        return pendulum.Date.fromordinal(ordinal)

    @property
    def prolonged_days(self) -> int:
        """Days added by all the prolongations (the cumulative usage of the caps)."""
        return sum(p.end.toordinal() - p.start.toordinal() for p in self.prolongations)

    def state(self, on: pendulum.Date) -> ApprovalState:
        """The state on ``on``.

        ``expired`` after the end, else ``suspended`` during a suspension, else ``valid``
        from the start, else ``future`` (platform ``ApprovalStatus``).
        """
        if on > self.end:
            return ApprovalState.EXPIRED
        for s in self.suspensions:
            if s.start <= on <= s.end:
                return ApprovalState.SUSPENDED
        if on >= self.start:
            return ApprovalState.VALID
        return ApprovalState.FUTURE

    def is_valid(self, on: pendulum.Date) -> bool:
        """True when ``on`` is on or before the end (a future PASS is valid, as on the platform)."""
        return on <= self.end

    def remaining_days(self, on: pendulum.Date) -> int:
        """Days left on ``on`` (platform ``remainder``).

        From max(start, on) to the end inclusive, less the part of running or future
        suspensions not yet elapsed (from max(suspension start, on) to the suspension end,
        inclusive); 0 once expired.
        """
        today = on.toordinal()
        result = self.end.toordinal() - max(self.start.toordinal(), today) + 1
        for s in self.suspensions:
            last = s.end.toordinal()
            if last >= today:
                result -= last - max(s.start.toordinal(), today) + 1
        return max(result, 0)

    @property
    def waiting_period_end(self) -> pendulum.Date:
        """Last day of the waiting period: the end + 2 calendar years.

        R5132-1-4; platform ``WAITING_PERIOD_YEARS``. See :meth:`waiting_period_end_after`
        for a PASS ended after 12 months of suspension.
        """
        return _r.WAITING_PERIOD.after(self.end)

    def waiting_period_end_after(self, suspension: Suspension) -> pendulum.Date:
        """Waiting-period end of a PASS *ended* after 12 months of ``suspension``.

        The 2 years run from that suspension's start (R5132-1-4 al. 2).

        Raises:
            ValueError: ``suspension`` is not one of this PASS's suspensions, or lasts less
                than 12 months (then the PASS could not be ended early: R5132-1-3).
        """
        if suspension not in self.suspensions:
            msg = "not a suspension of this PASS IAE"
            raise ValueError(msg)
        if suspension.end < dates.months_end(suspension.start, 12):
            msg = "a PASS IAE can be ended only after 12 consecutive months of suspension"
            raise ValueError(msg)
        return _r.WAITING_PERIOD.after(suspension.start)

    def in_waiting_period(
        self, on: pendulum.Date, *, ended_after: Suspension | None = None
    ) -> bool:
        """True when ``end < on <= waiting_period_end`` (platform ``is_in_waiting_period``).

        Args:
            on: the date.
            ended_after: the suspension after 12 months of which the PASS was ended, if it
                was (R5132-1-4 al. 2); the waiting period then runs from its start.
        """
        if ended_after is None:
            return self.end < on <= self.waiting_period_end
        return ended_after.start <= on <= self.waiting_period_end_after(ended_after)

    # --- commands ------------------------------------------------------------------------

    def suspend(
        self,
        suspension: Suspension,
        *,
        on: pendulum.Date,
        structure_kind: StructureKind,
        last_hiring_start: pendulum.Date | None = None,
    ) -> Approval:
        """This PASS with ``suspension`` added, declared on ``on`` by a ``structure_kind``.

        Checks ``suspension.*`` (R5132-1-3; platform rules): reason, at most 36 months, no
        future start, at most 365 days retroactive, not before ``last_hiring_start`` nor
        before the day after the end of the last suspension ended before ``on``, start
        within [start, end], no overlap. Before 2021-09-01 only an ``info``. ``on`` is the
        declaration date (``suspension.declared_on``, if set, is stored as given).

        Raises:
            RuleViolation: with every finding, when one is an error.
        """
        report = Report(
            suspension_check(
                self,
                suspension,
                on=on,
                structure_kind=structure_kind,
                last_hiring_start=last_hiring_start,
            )
        )
        if not report.ok:
            raise RuleViolation(report)
        return attrs.evolve(self, suspensions=(*self.suspensions, suspension))

    def prolong(
        self,
        prolongation: Prolongation,
        *,
        on: pendulum.Date,
        structure_kind: StructureKind,
        person: Person | None = None,
        cdi_inclusion: bool | None = None,
    ) -> Approval:
        """This PASS with ``prolongation`` added, requested on ``on`` by a ``structure_kind``.

        Checks ``prolongation.*`` (R5132-1-8; platform rules): starts on the current end,
        requested within the window in force on ``on``, caps per request and cumulative,
        reason allowed for the kind and date, validation, and the person's conditions when
        ``person`` (age on ``on``, RQTH) or ``cdi_inclusion`` is given. Before 2021-09-01
        only an ``info``. ``on`` is the request date (``prolongation.requested_on``, if set,
        is stored as given).

        Raises:
            RuleViolation: with every finding, when one is an error.
        """
        report = Report(
            prolongation_check(
                self,
                prolongation,
                on=on,
                structure_kind=structure_kind,
                person=person,
                cdi_inclusion=cdi_inclusion,
            )
        )
        if not report.ok:
            raise RuleViolation(report)
        return attrs.evolve(self, prolongations=(*self.prolongations, prolongation))


def suspension_check(
    approval: Approval,
    suspension: Suspension,
    *,
    on: pendulum.Date,
    structure_kind: StructureKind,
    last_hiring_start: pendulum.Date | None = None,
) -> list[Finding]:
    """Findings on a new ``suspension`` of ``approval`` declared on ``on`` (no raise).

    Paths are those the suspension will have once added (``suspensions[<n>].start``).
    """
    structure_kind = as_structure_kind(structure_kind)
    path = f"suspensions[{len(approval.suspensions)}]"
    if not _r.PASS_RULES_IN_FORCE.at(on):
        return [_r.before_decree(path, "Suspension déclarée", on)]
    out = _r.suspension_findings(
        suspension,
        path,
        approval_start=approval.start,
        current_end=approval.end,
        structure_kind=structure_kind,
        on=on,
        declared_on=on,
        last_hiring_start=last_hiring_start,
        previous=_r.last_ended(approval.suspensions, on),
    )
    for i, other in enumerate(approval.suspensions):
        if other.start <= suspension.end and suspension.start <= other.end:
            out.append(_r.overlap_finding(path, suspension, other, f"suspensions[{i}]"))
    return out


def prolongation_check(
    approval: Approval,
    prolongation: Prolongation,
    *,
    on: pendulum.Date,
    structure_kind: StructureKind,
    person: Person | None = None,
    cdi_inclusion: bool | None = None,
) -> list[Finding]:
    """Findings on a new ``prolongation`` of ``approval`` requested on ``on`` (no raise).

    Paths are those the prolongation will have once added (``prolongations[<n>].end``).
    """
    structure_kind = as_structure_kind(structure_kind)
    path = f"prolongations[{len(approval.prolongations)}]"
    if not _r.PASS_RULES_IN_FORCE.at(on):
        return [_r.before_decree(path, "Prolongation demandée", on)]
    end = approval.end
    out: list[Finding] = []
    if prolongation.start != end:
        out.append(_r.start_finding(path, prolongation.start, f"le {_r.fr(end)}"))
    window = _r.window_finding(path, on=on, approval_start=approval.start, current_end=end)
    if window is not None:
        out.append(window)
    out.extend(
        _r.prolongation_findings(
            prolongation,
            path,
            used_before=approval.prolonged_days,
            structure_kind=structure_kind,
            ref_day=on,
            person=person,
            cdi_inclusion=cdi_inclusion,
        )
    )
    return out


@register_check(Approval)
def check_approval(
    approval: Approval,
    *,
    on: pendulum.Date,
    structure_kind: StructureKind,
    last_hiring_start: pendulum.Date | None = None,
    person: Person | None = None,
    cdi_inclusion: bool | None = None,
) -> Report:
    """Check a PASS IAE as it stands on ``on`` (also ``check(approval, on=…, …)``).

    Reports ``approval.number_format``, and on each suspension and prolongation the rules
    that can be judged from the stored data (paths relative to the approval, such as
    ``suspensions[1].start``; a parcours prefixes them with ``approval.``):

    * suspensions: reason, length, start not after ``on``, start within the PASS (its end
      without that suspension's own push), overlaps; a suspension covering
      ``last_hiring_start`` (started before the last hiring and not ended by it) is a
      ``suspension.too_retroactive`` *warning*;
    * prolongations (in order of start): each starts on a possible end of the PASS at the
      time (the initial end + earlier prolongations + some of the suspensions that started
      before it) and not before the previous one ends; caps per request and cumulative;
      reason; validation; the person's conditions when ``person`` is given (age on the
      prolongation's ``requested_on``, else on its start).

    What the commands judge on the declaration date is judged on a stored item only when
    it carries that date: a suspension with ``declared_on`` gets the 365-day retroactivity
    (``suspension.too_retroactive``) and may not start before the day after the end of
    the last suspension ended on ``declared_on`` among those declared before it (with
    their own ``declared_on``); a prolongation with ``requested_on`` gets the request
    window in force on that day (``prolongation.window``, from the PASS's end at the
    time, its ``start``). Without those dates they are not judged. Items dated before
    2021-09-01 get one ``approval.before_decree`` info each and are not checked.

    Args:
        approval: the PASS IAE.
        on: the date of the check.
        structure_kind: the kind of the structure that holds the PASS's current hiring.
        last_hiring_start: start of the last hiring, when known.
        person: the holder, when known (prolongation conditions).
        cdi_inclusion: whether the holder has a CDI inclusion (``None``: unknown).
    """
    structure_kind = as_structure_kind(structure_kind)
    out = _r.number_findings(approval.number)
    end = approval.end
    start = approval.start
    suspensions = approval.suspensions
    for i, s in enumerate(suspensions):
        path = f"suspensions[{i}]"
        if s.start < _r.DECREE_2021_1128:
            out.append(_r.before_decree(path, "Suspension commençant", s.start))
            continue
        out.extend(
            _r.suspension_findings(
                s,
                path,
                approval_start=start,
                current_end=_r.shift(end, -s.push),
                structure_kind=structure_kind,
                on=on,
                declared_on=s.declared_on,
                last_hiring_start=None,
                previous=None
                if s.declared_on is None
                else _r.last_ended(
                    (o for k, o in enumerate(suspensions) if k != i),
                    s.declared_on,
                    declared_before=True,
                ),
            )
        )
        if last_hiring_start is not None and s.start < last_hiring_start <= s.end:
            out.append(
                _r.SUSPENSION_RETRO.finding(
                    f"La suspension du {_r.fr(s.start)} au {_r.fr(s.end)} couvre le début de "
                    f"la dernière embauche ({_r.fr(last_hiring_start)}) : elle aurait dû "
                    "prendre fin la veille de l'embauche.",
                    path + ".end",
                    severity=Severity.WARNING,
                )
            )
    out.extend(_r.stored_overlaps(approval.suspensions))
    if approval.prolongations:
        out.extend(_stored_prolongations(approval, structure_kind, person, cdi_inclusion))
    return Report(out)


def _stored_prolongations(
    approval: Approval,
    structure_kind: StructureKind,
    person: Person | None,
    cdi_inclusion: bool | None,
) -> list[Finding]:
    prolongations = approval.prolongations
    order = sorted(range(len(prolongations)), key=lambda i: prolongations[i].start)
    pushes = sorted((s.start.toordinal(), s.push) for s in approval.suspensions)
    base = approval.resolved_initial_end.toordinal()
    out: list[Finding] = []
    used = 0
    taken = 0  # suspensions (by start) that may have pushed the end before this one
    previous_end: pendulum.Date | None = None
    sums: set[int] | None = {0}
    total = 0
    for i in order:
        p = prolongations[i]
        path = f"prolongations[{i}]"
        length = p.length
        if p.start < _r.DECREE_2021_1128:
            out.append(_r.before_decree(path, "Prolongation commençant", p.start))
            used += length
            previous_end = p.end
            continue
        first = p.start.toordinal()
        while taken < len(pushes) and pushes[taken][0] <= first:
            d = pushes[taken][1]
            total += d
            if sums is not None and d:
                sums |= {x + d for x in sums}
                if len(sums) > 4096:
                    sums = None
            taken += 1
        offset = first - (base + used)
        fits = offset in sums if sums is not None else 0 <= offset <= total
        if not fits or (previous_end is not None and p.start < previous_end):
            expected = pendulum.Date.fromordinal(base + used)
            what = f"le {_r.fr(expected)}" + (", décalé des suspensions" if total else "")
            out.append(_r.start_finding(path, p.start, what))
        if p.requested_on is not None:
            window = _r.window_finding(
                path, on=p.requested_on, approval_start=approval.start, current_end=p.start
            )
            if window is not None:
                out.append(window)
        out.extend(
            _r.prolongation_findings(
                p,
                path,
                used_before=used,
                structure_kind=structure_kind,
                ref_day=p.start if p.requested_on is None else p.requested_on,
                person=person,
                cdi_inclusion=cdi_inclusion,
            )
        )
        used += length
        previous_end = p.end
    return out


def new_approval_check(
    previous: Approval | None,
    *,
    on: pendulum.Date,
    structure_kind: StructureKind,
    authorized_prescriber: bool = False,
    prescriber_diagnosis_valid: bool = False,
    ended_after: Suspension | None = None,
) -> Report:
    """``approval.waiting_period``: may a new PASS IAE be issued on ``on``? R5132-1-4.

    A new PASS is refused while the person is in the waiting period of ``previous``
    (``previous.end < on <= previous.end + 2 years``), unless an authorised prescriber
    sent the application (``authorized_prescriber``) or a valid diagnosis by an
    authorised prescriber exists (``prescriber_diagnosis_valid``; an employer diagnosis
    does not lift it). Never for non-SIAE structures (GEIQ, EA…), which issue no PASS.

    Args:
        previous: the person's latest PASS IAE (``None``: no finding).
        on: the date of the new PASS (the hiring start).
        structure_kind: the hiring structure's kind.
        authorized_prescriber: the application was sent by an authorised prescriber.
        prescriber_diagnosis_valid: a valid diagnosis by an authorised prescriber exists.
        ended_after: when ``previous`` was ended after 12 months of this suspension, the
            2 years run from its start (R5132-1-4 al. 2).
    """
    structure_kind = as_structure_kind(structure_kind)
    if previous is None or not structure_kind.issues_pass_iae:
        return Report()
    if authorized_prescriber or prescriber_diagnosis_valid:
        return Report()
    if not previous.in_waiting_period(on, ended_after=ended_after):
        return Report()
    last = (
        previous.waiting_period_end
        if ended_after is None
        else previous.waiting_period_end_after(ended_after)
    )
    return Report(
        [
            _r.WAITING_PERIOD_RULE.finding(
                f"Délai de carence : un nouveau PASS IAE ne peut être délivré qu'à partir du "
                f"{_r.fr(_r.shift(last, 1))}, sauf prescription par un prescripteur habilité.",
                "",
            )
        ]
    )

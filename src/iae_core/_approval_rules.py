"""PASS IAE rules: dated data, rule codes and the pure checks behind ``Approval``.

Private module: :mod:`iae_core.approvals` imports it and exposes the public names. The
functions here work on the approval's parts (dates, suspensions, prolongations) and never
import the entity classes at run time, so that the entity module can use them freely.

Sources: C. trav. art. R5132-1-2 to R5132-1-8 (décret 2021-1128 of 30 August 2021, in force
2021-09-01), and the national platform's date arithmetic (``gip-inclusion/les-emplois``,
``itou/approvals/models.py``), which computes the official dates (rules.md, *PASS IAE
rules* and *Rule versions*).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import attrs
import pendulum

from iae_core.checks import Finding, register_rule
from iae_core.enums import ProlongationReason, Severity, StructureKind, SuspensionReason
from iae_core.errors import InvalidIdentifier
from iae_core.identifiers import pass_iae
from iae_core.versions import Dated

if TYPE_CHECKING:
    from iae_core.approvals import Prolongation, Suspension
    from iae_core.people import Person

__all__ = [
    "DECREE_2021_1128",
    "DEFAULT_LENGTH",
    "HEALTH_CONTEXT_ALLOWED",
    "PROLONGATION_CAPS",
    "PROLONGATION_WINDOW",
    "ProlongationCaps",
    "ProlongationWindow",
    "Span",
]

Date = pendulum.Date
_fromordinal = pendulum.Date.fromordinal


def shift(day: Date, days: int) -> Date:
    """``day`` plus ``days`` days (fast: ordinal arithmetic, no ``Interval``)."""
    return _fromordinal(day.toordinal() + days)


def days_between(start: Date, end: Date) -> int:
    """``end - start`` in days (negative when ``end`` is before ``start``)."""
    return end.toordinal() - start.toordinal()


@attrs.frozen(slots=True)
class Span:
    """A length of time as data: ``months`` calendar months then ``days`` days.

    ``Span(months=24, days=-1).after(d)`` is "2 years from ``d``, last day"; month ends
    are clamped as pendulum does (2024-01-31 + 1 month = 2024-02-29).
    """

    months: int = 0
    days: int = 0

    def after(self, day: Date) -> Date:
        """``day`` moved by this span (months first, then days)."""
        if self.months:
            day = day.add(months=self.months)
        return shift(day, self.days) if self.days else day

    def __str__(self) -> str:
        parts = []
        if self.months:
            parts.append(f"{self.months:+d} mois")
        if self.days or not parts:
            parts.append(f"{self.days:+d} jours")
        return " ".join(parts)


@attrs.frozen(slots=True)
class ProlongationWindow:
    """When a prolongation may be requested: ``[low, high]`` around the PASS's dates.

    Attributes:
        low: offset of the first allowed request day.
        high: offset of the last allowed request day, from the PASS's current end.
        low_from: what ``low`` counts from: the PASS's current ``"end"`` or its ``"start"``.
    """

    low: Span
    high: Span
    low_from: Literal["start", "end"] = "end"

    def bounds(self, start: Date, end: Date) -> tuple[Date, Date]:
        """First and last allowed request days for a PASS from ``start`` to ``end``."""
        anchor = start if self.low_from == "start" else end
        return self.low.after(anchor), self.high.after(end)

    def __str__(self) -> str:
        return f"[{self.low_from} {self.low}, end {self.high}]"


@attrs.frozen(slots=True)
class ProlongationCaps:
    """Caps of one prolongation reason, in days (``end - start``).

    Attributes:
        per_request: the most one prolongation may add.
        cumulative: the most all the PASS's prolongations together may add when the new
            one has this reason (``None``: no cap). As on the platform, the sum counts
            every prolongation of the PASS whatever its reason.
        needs_validation: an authorised prescriber must validate it (R5132-1-8 2°).
    """

    per_request: int
    cumulative: int | None
    needs_validation: bool


# --- dated data (rules.md, *Rule versions*) -------------------------------------------------

DEFAULT_LENGTH: Dated[Span] = Dated(
    {
        None: Span(months=24, days=-1),
        pendulum.date(2024, 2, 28): Span(days=729),
    }
)
"""Default PASS length by **start date**: start + 2 years − 1 day before 2024-02-28, then
730 days counted inclusively (start + 729 days) — R5132-1-2; platform
``DEFAULT_APPROVAL_DAYS``."""

PROLONGATION_WINDOW: Dated[ProlongationWindow | None] = Dated(
    {
        None: None,
        pendulum.date(2021, 10, 25): ProlongationWindow(Span(months=-3), Span(months=3)),
        pendulum.date(2022, 11, 17): ProlongationWindow(
            Span(months=12), Span(months=3), low_from="start"
        ),
        pendulum.date(2023, 7, 27): ProlongationWindow(Span(months=-7), Span()),
        pendulum.date(2025, 10, 15): ProlongationWindow(Span(months=-12), Span()),
        pendulum.date(2026, 5, 21): ProlongationWindow(Span(months=-12), Span(months=6)),
    }
)
"""When a prolongation may be requested, by **request date**. Before 2021-10-25 no window
is known (``None``): the window is not checked."""

HEALTH_CONTEXT_ALLOWED: Dated[bool] = Dated({None: True, pendulum.date(2021, 12, 1): False})
"""Whether ``HEALTH_CONTEXT`` prolongations may be granted, by request date (until
2021-11-30)."""

PASS_RULES_IN_FORCE: Dated[bool] = Dated({None: False, pendulum.date(2021, 9, 1): True})
"""Whether the PASS IAE suspension and prolongation rules (décret 2021-1128) apply."""

DECREE_2021_1128 = pendulum.date(2021, 9, 1)
"""Entry into force of décret 2021-1128 (R5132-1-3, R5132-1-8)."""

PROLONGATION_CAPS: dict[ProlongationReason, ProlongationCaps] = {
    ProlongationReason.SENIOR_CDI: ProlongationCaps(3650, None, needs_validation=False),
    ProlongationReason.COMPLETE_TRAINING: ProlongationCaps(365, None, needs_validation=False),
    ProlongationReason.RQTH: ProlongationCaps(365, 1095, needs_validation=True),
    ProlongationReason.SENIOR: ProlongationCaps(365, 1825, needs_validation=True),
    ProlongationReason.PARTICULAR_DIFFICULTIES: ProlongationCaps(365, 1095, needs_validation=True),
    ProlongationReason.HEALTH_CONTEXT: ProlongationCaps(365, 365, needs_validation=True),
}
"""Caps per reason (R5132-1-8: 84 months for 50+, 60 months for RQTH and particular
difficulties in all; platform ``PROLONGATION_RULES``, reference-platform.md §3.5)."""

SUSPENSION_MAX = Span(months=36, days=-1)
"""A suspension ends at the latest on start + 36 months − 1 day (platform)."""

SUSPENSION_RETROACTIVITY_DAYS = 365
"""A suspension may start at most 365 days before it is declared (platform; the code calls
it temporary, target 30 — reference-platform.md §8)."""

WAITING_PERIOD = Span(months=24)
"""The waiting period: 2 calendar years after the end (R5132-1-4)."""

PARTICULAR_DIFFICULTIES_KINDS = frozenset({StructureKind.AI, StructureKind.ACI})
CONTRAT_PASSERELLE_KINDS = frozenset({StructureKind.EI, StructureKind.ACI})

# --- rule codes ------------------------------------------------------------------------------

_PLATFORM = "Plateforme de l'inclusion"

NUMBER_FORMAT = register_rule(
    "approval.number_format",
    "Numéro de PASS IAE mal formé",
    reference=f"{_PLATFORM} (numéro de PASS IAE)",
    subject="Approval",
    description="The number is not 12 letters or digits, or has the platform prefix 99999 "
    "followed by something else than 7 digits.",
)
WAITING_PERIOD_RULE = register_rule(
    "approval.waiting_period",
    "Délai de carence en cours",
    reference="C. trav. art. R5132-1-4",
    subject="Approval",
    description="A new PASS IAE while the person is in the 2-year waiting period after the "
    "previous one, without an authorised prescriber's application or valid diagnosis "
    "(SIAE only).",
)
BEFORE_DECREE = register_rule(
    "approval.before_decree",
    "Règles antérieures au décret 2021-1128 non vérifiées",
    severity=Severity.INFO,
    reference="Décret n° 2021-1128 du 30 août 2021",
    subject="Approval",
    description="A suspension or prolongation dated before 2021-09-01 (Pôle emploi "
    "agréments): out of scope, not checked.",
    applies_until=pendulum.date(2021, 8, 31),
)
SUSPENSION_REASON = register_rule(
    "suspension.reason_not_allowed",
    "Motif de suspension non autorisé",
    reference="C. trav. art. R5132-1-3 ; " + _PLATFORM,
    subject="Approval",
    description="CONTRAT_PASSERELLE outside EI and ACI (error); a legacy reason (warning).",
)
SUSPENSION_TOO_LONG = register_rule(
    "suspension.too_long",
    "Suspension trop longue",
    reference=_PLATFORM + " (suspension de 36 mois au plus)",
    subject="Approval",
    description="A suspension ending after start + 36 months − 1 day.",
)
SUSPENSION_FUTURE = register_rule(
    "suspension.future_start",
    "Suspension commençant dans le futur",
    reference=_PLATFORM,
    subject="Approval",
    description="A suspension starting after the date of the check or declaration.",
)
SUSPENSION_RETRO = register_rule(
    "suspension.too_retroactive",
    "Suspension trop rétroactive",
    reference=_PLATFORM + " (rétroactivité de 365 jours au plus)",
    subject="Approval",
    description="A suspension starting more than 365 days before its declaration, before "
    "the start of the last hiring, or (platform rule) not after the end of the last "
    "suspension already ended when it is declared: it may start at the earliest on the day "
    "after that end. Judged by Approval.suspend, and by check on a stored suspension that "
    "has its declared_on.",
)
SUSPENSION_OUTSIDE = register_rule(
    "suspension.outside_approval",
    "Suspension hors de la période du PASS IAE",
    reference=_PLATFORM,
    subject="Approval",
    description="A suspension starting before the PASS start or after its end.",
)
SUSPENSION_OVERLAP = register_rule(
    "suspension.overlap",
    "Suspensions qui se chevauchent",
    reference=_PLATFORM,
    subject="Approval",
    description="Two suspensions of the same PASS overlap.",
)
PROLONGATION_START = register_rule(
    "prolongation.start",
    "Prolongation ne commençant pas à la fin du PASS IAE",
    reference=_PLATFORM,
    subject="Approval",
    description="A prolongation must start on the PASS's current end.",
)
PROLONGATION_WINDOW_RULE = register_rule(
    "prolongation.window",
    "Prolongation demandée hors de la période autorisée",
    reference=_PLATFORM,
    subject="Approval",
    description="A prolongation requested outside the window in force on the request date "
    "(Approval.prolong; check on a stored prolongation that has its requested_on).",
)
PROLONGATION_TOO_LONG = register_rule(
    "prolongation.too_long",
    "Prolongation trop longue",
    reference="C. trav. art. R5132-1-8 ; " + _PLATFORM,
    subject="Approval",
    description="One request above 365 days (3650 for SENIOR_CDI), or all prolongations "
    "above the reason's cap (RQTH 1095, SENIOR 1825, PARTICULAR_DIFFICULTIES 1095 days).",
)
PROLONGATION_REASON = register_rule(
    "prolongation.reason_not_allowed",
    "Motif de prolongation non autorisé",
    reference="C. trav. art. R5132-1-8 ; " + _PLATFORM,
    subject="Approval",
    description="PARTICULAR_DIFFICULTIES outside AI and ACI; HEALTH_CONTEXT from 2021-12-01.",
)
PROLONGATION_VALIDATION = register_rule(
    "prolongation.validation_required",
    "Prolongation sans validation d'un prescripteur habilité",
    reference="C. trav. art. R5132-1-8",
    subject="Approval",
    description="A reason other than SENIOR_CDI and COMPLETE_TRAINING without an authorised "
    "prescriber's validation.",
)
PROLONGATION_PERSON = register_rule(
    "prolongation.person_condition",
    "Condition de la personne non remplie",
    reference="C. trav. art. R5132-1-8",
    subject="Approval",
    description="SENIOR for a person under 50, RQTH without recognition, SENIOR_CDI "
    "without a CDI inclusion (or for a person under 57).",
)

# --- helpers -------------------------------------------------------------------------------


def _fr(day: Date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@functools.lru_cache(maxsize=1 << 16)
def default_end(start: Date) -> Date:
    """The default end of a PASS starting on ``start`` (version in force on ``start``).

    Cached: a pure function of the date, called for every approval.
    """
    return DEFAULT_LENGTH.at(start).after(start)


def _age_on(birth: Date, day: Date) -> int:
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


def number_findings(number: str) -> list[Finding]:
    """``approval.number_format``: 12 letters or digits; ``99999`` + 7 digits."""
    try:
        pass_iae.validate(number)
    except InvalidIdentifier as exc:
        return [NUMBER_FORMAT.finding(f"Numéro de PASS IAE invalide : {exc.message}", "number")]
    return []


def before_decree(path: str, what: str, day: Date) -> Finding:
    """The ``info`` finding for an item dated before décret 2021-1128."""
    return BEFORE_DECREE.finding(
        f"{what} du {_fr(day)}, antérieure au 01/09/2021 (agrément Pôle emploi) : "
        "règles non vérifiées.",
        path,
    )


def suspension_findings(
    s: Suspension,
    path: str,
    *,
    approval_start: Date,
    current_end: Date,
    structure_kind: StructureKind,
    on: Date,
    declared_on: Date | None,
    last_hiring_start: Date | None,
    previous: Suspension | None = None,
) -> list[Finding]:
    """Findings on one suspension, except overlap (R5132-1-3; platform rules).

    Args:
        s: the suspension.
        path: its path (``suspensions[1]``).
        approval_start: the PASS start.
        current_end: the PASS end without this suspension's own push.
        structure_kind: the structure that declares it.
        on: the date of the check (a suspension may not start after it).
        declared_on: its declaration date, when known: the retroactivity limit counts
            from it; ``None`` skips that limit.
        last_hiring_start: start of the last hiring, when known (with ``declared_on``).
        previous: the suspension of the PASS that had ended last on ``declared_on``
            (`last_ended`), when there is one (with ``declared_on``): the new one may
            start at the earliest on the day after its end (platform ``next_min_start_at``,
            reference-platform.md §3.4). A suspension overlapping it is left to
            ``suspension.overlap``.
    """
    out: list[Finding] = []
    reason = s.reason
    if reason is SuspensionReason.CONTRAT_PASSERELLE:
        if structure_kind not in CONTRAT_PASSERELLE_KINDS:
            out.append(
                SUSPENSION_REASON.finding(
                    "Le motif « contrat passerelle » n'est ouvert qu'aux EI et aux ACI "
                    f"(structure : {structure_kind.value}).",
                    path + ".reason",
                )
            )
    elif reason.is_legacy:
        out.append(
            SUSPENSION_REASON.finding(
                f"Motif « {reason.label} » : ancien motif conservé pour l'historique, "
                "il n'est plus proposé.",
                path + ".reason",
                severity=Severity.WARNING,
            )
        )
    latest = SUSPENSION_MAX.after(s.start)
    if s.end > latest:
        out.append(
            SUSPENSION_TOO_LONG.finding(
                f"Une suspension dure 36 mois au plus : elle doit finir au plus tard le "
                f"{_fr(latest)} (fin déclarée : {_fr(s.end)}).",
                path + ".end",
            )
        )
    if s.start > on:
        out.append(
            SUSPENSION_FUTURE.finding(
                f"La suspension commence le {_fr(s.start)}, après le {_fr(on)}.",
                path + ".start",
            )
        )
    if declared_on is not None:
        earliest = shift(declared_on, -SUSPENSION_RETROACTIVITY_DAYS)
        if s.start < earliest:
            out.append(
                SUSPENSION_RETRO.finding(
                    f"Une suspension peut commencer au plus tôt 365 jours avant sa "
                    f"déclaration, soit le {_fr(earliest)} (début : {_fr(s.start)}).",
                    path + ".start",
                )
            )
        elif last_hiring_start is not None and s.start < last_hiring_start:
            out.append(
                SUSPENSION_RETRO.finding(
                    f"La suspension ne peut pas commencer avant le début de la dernière "
                    f"embauche ({_fr(last_hiring_start)}) ; début : {_fr(s.start)}.",
                    path + ".start",
                )
            )
        elif previous is not None and s.end < previous.start:
            out.append(
                SUSPENSION_RETRO.finding(
                    f"La suspension ne peut pas commencer avant le "
                    f"{_fr(shift(previous.end, 1))}, lendemain de la fin de la dernière "
                    f"suspension terminée (du {_fr(previous.start)} au {_fr(previous.end)}) ; "
                    f"début : {_fr(s.start)}.",
                    path + ".start",
                )
            )
    if s.start < approval_start or s.start > current_end:
        out.append(
            SUSPENSION_OUTSIDE.finding(
                f"La suspension doit commencer pendant le PASS IAE, du {_fr(approval_start)} "
                f"au {_fr(current_end)} (début : {_fr(s.start)}).",
                path + ".start",
            )
        )
    return out


def last_ended(
    suspensions: Iterable[Suspension], day: Date, *, declared_before: bool = False
) -> Suspension | None:
    """The suspension with the latest end among those ended before ``day`` (``end < day``).

    Platform ``next_min_start_at`` (reference-platform.md §3.4): a suspension declared on
    ``day`` may start at the earliest on the day after that end. With
    ``declared_before``, only the suspensions declared before ``day`` count (a stored
    suspension without ``declared_on`` does not: it may have been declared later).
    """
    best: Suspension | None = None
    for o in suspensions:
        if o.end >= day:
            continue
        if declared_before and (o.declared_on is None or o.declared_on >= day):
            continue
        if best is None or (o.end, o.start) > (best.end, best.start):
            best = o
    return best


def overlap_finding(path: str, s: Suspension, other: Suspension, other_path: str) -> Finding:
    """``suspension.overlap`` between ``s`` (at ``path``) and ``other``."""
    return SUSPENSION_OVERLAP.finding(
        f"La suspension du {_fr(s.start)} au {_fr(s.end)} chevauche celle du "
        f"{_fr(other.start)} au {_fr(other.end)} ({other_path}).",
        path + ".start",
    )


def stored_overlaps(suspensions: Sequence[Suspension]) -> list[Finding]:
    """Overlaps among a PASS's suspensions (sort, then a sweep: O(n log n))."""
    if len(suspensions) < 2:
        return []
    order = sorted(range(len(suspensions)), key=lambda i: suspensions[i].start)
    out: list[Finding] = []
    reach = order[0]  # index of the suspension reaching furthest so far
    for i in order[1:]:
        s, r = suspensions[i], suspensions[reach]
        if s.start <= r.end:
            out.append(overlap_finding(f"suspensions[{i}]", s, r, f"suspensions[{reach}]"))
        if s.end > r.end:
            reach = i
    return out


def prolongation_findings(
    p: Prolongation,
    path: str,
    *,
    used_before: int,
    structure_kind: StructureKind,
    ref_day: Date,
    person: Person | None,
    cdi_inclusion: bool | None,
) -> list[Finding]:
    """Findings on one prolongation: length, reason, validation, person (R5132-1-8).

    Args:
        p: the prolongation.
        path: its path (``prolongations[0]``).
        used_before: days already added by the PASS's other (earlier) prolongations.
        structure_kind: the structure that declares it.
        ref_day: the request date (a stored prolongation's ``requested_on``, else its
            start): the ``HEALTH_CONTEXT`` cut-off and the person's age are judged on it.
        person: the person, when known (``prolongation.person_condition``).
        cdi_inclusion: whether the person holds a CDI inclusion (``None``: unknown).
    """
    out: list[Finding] = []
    reason = p.reason
    caps = PROLONGATION_CAPS[reason]
    length = days_between(p.start, p.end)
    if length > caps.per_request:
        out.append(
            PROLONGATION_TOO_LONG.finding(
                f"Une prolongation « {reason.label} » ajoute au plus {caps.per_request} jours "
                f"(demandé : {length} jours).",
                path + ".end",
            )
        )
    if caps.cumulative is not None and used_before + length > caps.cumulative:
        out.append(
            PROLONGATION_TOO_LONG.finding(
                f"Les prolongations du PASS IAE dépasseraient {caps.cumulative} jours au total "
                f"pour le motif « {reason.label} » ({used_before} jours déjà accordés + "
                f"{length} demandés).",
                path + ".end",
            )
        )
    if (
        reason is ProlongationReason.PARTICULAR_DIFFICULTIES
        and structure_kind not in PARTICULAR_DIFFICULTIES_KINDS
    ):
        out.append(
            PROLONGATION_REASON.finding(
                "Le motif « difficultés particulièrement importantes » n'est ouvert qu'aux AI "
                f"et aux ACI (structure : {structure_kind.value}).",
                path + ".reason",
            )
        )
    elif reason is ProlongationReason.HEALTH_CONTEXT and not HEALTH_CONTEXT_ALLOWED.at(ref_day):
        out.append(
            PROLONGATION_REASON.finding(
                "Le motif « contexte sanitaire » n'est plus utilisable depuis le 01/12/2021.",
                path + ".reason",
            )
        )
    if caps.needs_validation and p.validated_by is None:
        out.append(
            PROLONGATION_VALIDATION.finding(
                f"Une prolongation « {reason.label} » doit être validée par un prescripteur "
                "habilité.",
                path + ".validated_by",
            )
        )
    if person is not None or cdi_inclusion is not None:
        out.extend(_person_findings(p, path, ref_day, person, cdi_inclusion))
    return out


def _person_findings(
    p: Prolongation,
    path: str,
    day: Date,
    person: Person | None,
    cdi_inclusion: bool | None,
) -> Iterable[Finding]:
    reason = p.reason
    where = path + ".reason"
    age = None if person is None else _age_on(person.birth_date, day)
    if reason is ProlongationReason.SENIOR and age is not None and age < 50:
        yield PROLONGATION_PERSON.finding(
            f"Le motif « 50 ans et plus » demande une personne de 50 ans ou plus "
            f"(âge au {_fr(day)} : {age} ans).",
            where,
        )
    elif reason is ProlongationReason.RQTH and person is not None and not person.rqth:
        yield PROLONGATION_PERSON.finding(
            "Le motif « RQTH » demande une reconnaissance de la qualité de travailleur handicapé.",
            where,
        )
    elif reason is ProlongationReason.SENIOR_CDI:
        if cdi_inclusion is False:
            yield PROLONGATION_PERSON.finding(
                "Le motif « CDI inclusion 57 ans et plus » demande un CDI inclusion.", where
            )
        elif age is not None and age < 57:
            yield PROLONGATION_PERSON.finding(
                f"Le motif « CDI inclusion 57 ans et plus » demande une personne de 57 ans "
                f"ou plus (âge au {_fr(day)} : {age} ans).",
                where,
            )


def window_finding(
    path: str, *, on: Date, approval_start: Date, current_end: Date
) -> Finding | None:
    """``prolongation.window``: the request date ``on`` against the window then in force."""
    window = PROLONGATION_WINDOW.at(on)
    if window is None:
        return None
    low, high = window.bounds(approval_start, current_end)
    if low <= on <= high:
        return None
    return PROLONGATION_WINDOW_RULE.finding(
        f"Une prolongation se demande entre le {_fr(low)} et le {_fr(high)} "
        f"(demande du {_fr(on)}).",
        path,
    )


def start_finding(path: str, start: Date, expected: str) -> Finding:
    """``prolongation.start``."""
    return PROLONGATION_START.finding(
        f"La prolongation doit commencer à la fin du PASS IAE ({expected}) ; début déclaré : "
        f"{_fr(start)}.",
        path + ".start",
    )


def possible_pushes(deltas: Sequence[int], limit: int = 4096) -> set[int] | None:
    """Every sum of a subset of ``deltas`` (``None`` when there would be over ``limit``)."""
    sums = {0}
    for d in deltas:
        if d:
            sums |= {x + d for x in sums}
            if len(sums) > limit:
                return None
    return sums


def fr(day: Date) -> str:
    """A date as French users read it (``01/03/2024``)."""
    return _fr(day)

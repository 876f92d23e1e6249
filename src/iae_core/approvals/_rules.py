"""PASS IAE rules: the rule declarations, the checkers and the commands behind `Approval`.

Private module: `iae_core.approvals` re-exports the public names. Every number and date
comes from the parameters of `iae_core/params/data/approvals.toml`; every message is a
French and English template filled from the values the finding carries.

Sources: C. trav. art. R5132-1-2 to R5132-1-8 (décret 2021-1128 of 30 August 2021, in force
2021-09-01), and the national platform's date arithmetic (`gip-inclusion/les-emplois`,
`itou/approvals/models.py`), which computes the official dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import attrs
import pendulum

from iae_core import dates, params
from iae_core._kernel.findings import NO_FINDINGS, Finding, Report, register_rule
from iae_core._kernel.model import as_structure_kind
from iae_core.approvals._entities import (
    PUSH_SUMS_LIMIT,
    Approval,
    Prolongation,
    Span,
    Suspension,
    shift,
)
from iae_core.dates import DayLike, as_day
from iae_core.enums import ProlongationReason, Severity, StructureKind, SuspensionReason
from iae_core.identifiers import pass_iae
from iae_core.versions import Dated

if TYPE_CHECKING:
    from iae_core.people import Person

__all__ = [
    "COMMANDS",
    "DECREE_2021_1128",
    "HEALTH_CONTEXT_ALLOWED",
    "PASS_RULES_IN_FORCE",
    "PROLONGATION_CAPS",
    "PROLONGATION_WINDOW",
    "ProlongationCaps",
    "ProlongationWindow",
    "caps_on",
    "check_approval",
    "last_ended",
    "new_approval_check",
    "prolongation_check",
    "prolongation_window_bounds",
    "retroactivity_earliest_start",
    "suspension_check",
    "suspension_latest_end",
]

Date = pendulum.Date

# --- parameters ----------------------------------------------------------------------------

_DECREE = params.get("pass.decree_in_force_date")
_SUSPENSION_MAX_MONTHS = params.get("suspension.max_months")
_RETROACTIVITY_DAYS = params.get("suspension.max_retroactivity_days")
_PASSERELLE_KINDS = params.get("suspension.contrat_passerelle_kinds")
_MAX_DAYS = params.get("prolongation.max_days")
_CUMULATIVE_DAYS = params.get("prolongation.cumulative_max_days")
_VALIDATION_REASONS = params.get("prolongation.validation_required_reasons")
_DIFFICULTIES_KINDS = params.get("prolongation.particular_difficulties_kinds")
_SENIOR_AGE = params.get("prolongation.senior_min_age_years")
_SENIOR_CDI_AGE = params.get("prolongation.senior_cdi_min_age_years")
_HEALTH_CONTEXT = params.get("prolongation.health_context_allowed")
_WINDOW_MONTHS = params.get("prolongation.request_window_months")
_WAITING_YEARS = params.get("pass.waiting_period_years")


@attrs.frozen(slots=True)
class ProlongationWindow:
    """When a prolongation may be requested: `[low, high]` around the PASS's dates.

    Attributes:
        low: offset of the first allowed request day.
        high: offset of the last allowed request day, from the PASS's current end.
        low_from: what `low` counts from: the PASS's current `"end"` or its `"start"`.
    """

    low: Span
    high: Span
    low_from: Literal["start", "end"] = "end"

    def bounds(self, start: Date, end: Date) -> tuple[Date, Date]:
        """First and last allowed request days for a PASS from `start` to `end`."""
        anchor = start if self.low_from == "start" else end
        return self.low.after(anchor), self.high.after(end)

    def __str__(self) -> str:
        return f"[{self.low_from} {self.low}, end {self.high}]"


@attrs.frozen(slots=True)
class ProlongationCaps:
    """Caps of one prolongation reason, in days (`end - start`).

    Attributes:
        per_request: the most one prolongation may add.
        cumulative: the most all the PASS's prolongations together may add when the new
            one has this reason (`None`: no cap). As on the platform, the sum counts
            every prolongation of the PASS whatever its reason.
        needs_validation: an authorised prescriber must validate it (R5132-1-8 2°).
    """

    per_request: int
    cumulative: int | None
    needs_validation: bool


def _window(value: dict[str, int]) -> ProlongationWindow:
    high = Span(months=value["to_end"])
    if "from_start" in value:
        return ProlongationWindow(Span(months=value["from_start"]), high, low_from="start")
    return ProlongationWindow(Span(months=value["from_end"]), high)


PROLONGATION_WINDOW: Dated[ProlongationWindow | None] = Dated(
    {None: None, **{r.start: _window(r.value) for r in _WINDOW_MONTHS.rows}}
)
"""When a prolongation may be requested, by **request date** (parameter
`prolongation.request_window_months`, one row per platform version). Before its first row
no window is known (`None`): the window is not checked."""

HEALTH_CONTEXT_ALLOWED: Dated[bool] = Dated({r.start: r.value for r in _HEALTH_CONTEXT.rows})
"""Whether `HEALTH_CONTEXT` prolongations may be granted, by request date (parameter
`prolongation.health_context_allowed`)."""

DECREE_2021_1128: Date = _DECREE.value
"""Entry into force of décret 2021-1128 (R5132-1-3, R5132-1-8; `pass.decree_in_force_date`)."""

PASS_RULES_IN_FORCE: Dated[bool] = Dated({None: False, DECREE_2021_1128: True})
"""Whether the PASS IAE suspension and prolongation rules (décret 2021-1128) apply."""


def caps_on(day: DayLike, reason: ProlongationReason) -> ProlongationCaps:
    """The caps of `reason` in force on `day`.

    From the parameters `prolongation.max_days`, `prolongation.cumulative_max_days` and
    `prolongation.validation_required_reasons`.
    """
    if type(day) is not pendulum.Date:
        day = as_day(day, "day")
    return ProlongationCaps(
        _MAX_DAYS.at(day)[reason.value],
        _CUMULATIVE_DAYS.at(day).get(reason.value),
        needs_validation=reason.value in _VALIDATION_REASONS.at(day),
    )


def _latest_caps(reason: ProlongationReason) -> ProlongationCaps:
    return ProlongationCaps(
        _MAX_DAYS.rows[-1].value[reason.value],
        _CUMULATIVE_DAYS.rows[-1].value.get(reason.value),
        needs_validation=reason.value in _VALIDATION_REASONS.rows[-1].value,
    )


PROLONGATION_CAPS: dict[ProlongationReason, ProlongationCaps] = {
    r: _latest_caps(r) for r in ProlongationReason
}
"""Caps per reason, as in the latest rows of the parameters (R5132-1-8: 84 months for 50+,
60 months for RQTH and particular difficulties in all; platform `PROLONGATION_RULES`). The
checks read the rows in force on the request date (`caps_on`)."""

# --- rule codes ------------------------------------------------------------------------------

_PLATFORM = "Plateforme de l'inclusion"
_DECREE_READING = (
    "Items dated before décret 2021-1128 came into force are Pôle emploi agréments, "
    "out of scope: reported as an info, not judged."
)

NUMBER_FORMAT = register_rule(
    "approval.number_format",
    "Numéro de PASS IAE mal formé",
    title_en="Malformed PASS IAE number",
    reference=f"{_PLATFORM} (numéro de PASS IAE)",
    subject="Approval",
    description="The number is not 12 letters or digits, or has the platform prefix 99999 "
    "followed by something else than 7 digits.",
    description_fr="Le numéro n'a pas 12 lettres ou chiffres, ou porte le préfixe 99999 de "
    "la plateforme suivi d'autre chose que 7 chiffres.",
    messages={
        "length": (
            "Numéro de PASS IAE invalide : il a {found} caractères au lieu de {length}.",
            "Invalid PASS IAE number: it has {found} characters instead of {length}.",
        ),
        "characters": (
            "Numéro de PASS IAE invalide : seuls des lettres et des chiffres sont admis.",
            "Invalid PASS IAE number: only letters and digits are allowed.",
        ),
        "platform_digits": (
            "Numéro de PASS IAE invalide : un numéro de la plateforme est {prefix} suivi de "
            "{digits} chiffres.",
            "Invalid PASS IAE number: a platform number is {prefix} followed by {digits} digits.",
        ),
    },
)
WAITING_PERIOD_RULE = register_rule(
    "approval.waiting_period",
    "Délai de carence en cours",
    title_en="Waiting period running",
    reference="C. trav. art. R5132-1-4",
    subject="Approval",
    description="A new PASS IAE while the person is in the 2-year waiting period after the "
    "previous one, without an authorised prescriber's application or valid diagnosis "
    "(SIAE only).",
    description_fr="Un nouveau PASS IAE pendant le délai de carence de deux ans qui suit le "
    "précédent, sans candidature par un prescripteur habilité ni diagnostic valide d'un "
    "prescripteur habilité (SIAE seulement).",
    params=("pass.waiting_period_years", "suspension.early_end_after_months"),
    messages={
        "default": (
            "Délai de carence : un nouveau PASS IAE ne peut être délivré qu'à partir du "
            "{earliest_new_start}, sauf prescription par un prescripteur habilité.",
            "Waiting period: a new PASS IAE can be issued only from {earliest_new_start}, "
            "unless an authorised prescriber prescribes it.",
        )
    },
)
_BEFORE = "antérieure au {rules_from} (agrément Pôle emploi) : règles non vérifiées."
_BEFORE_EN = "before {rules_from} (Pôle emploi agrément): rules not checked."
BEFORE_DECREE = register_rule(
    "approval.before_decree",
    "Règles antérieures au décret 2021-1128 non vérifiées",
    title_en="Rules before décret 2021-1128 not checked",
    severity=Severity.INFO,
    reference="Décret n° 2021-1128 du 30 août 2021",
    subject="Approval",
    description="A suspension or prolongation dated before 2021-09-01 (Pôle emploi "
    "agréments): out of scope, not checked.",
    description_fr="Une suspension ou une prolongation datée d'avant le 01/09/2021 "
    "(agréments Pôle emploi) : hors du champ, non vérifiée.",
    applies_until=shift(DECREE_2021_1128, -1),
    params=("pass.decree_in_force_date",),
    messages={
        "suspension_declared": (
            "Suspension déclarée du {day}, " + _BEFORE,
            "Suspension declared on {day}, " + _BEFORE_EN,
        ),
        "prolongation_requested": (
            "Prolongation demandée du {day}, " + _BEFORE,
            "Prolongation requested on {day}, " + _BEFORE_EN,
        ),
        "suspension_start": (
            "Suspension commençant du {day}, " + _BEFORE,
            "Suspension starting on {day}, " + _BEFORE_EN,
        ),
        "prolongation_start": (
            "Prolongation commençant du {day}, " + _BEFORE,
            "Prolongation starting on {day}, " + _BEFORE_EN,
        ),
    },
    reading=_DECREE_READING,
)
SUSPENSION_REASON = register_rule(
    "suspension.reason_not_allowed",
    "Motif de suspension non autorisé",
    title_en="Suspension reason not allowed",
    reference="C. trav. art. R5132-1-3 ; " + _PLATFORM,
    subject="Approval",
    description="CONTRAT_PASSERELLE outside EI and ACI (error); a legacy reason (warning).",
    description_fr="CONTRAT_PASSERELLE hors EI et ACI (erreur) ; un ancien motif (avertissement).",
    params=("suspension.contrat_passerelle_kinds",),
    messages={
        "kind": (
            "Le motif « contrat passerelle » n'est ouvert qu'aux EI et aux ACI "
            "(structure : {structure_kind:code}).",
            "The “contrat passerelle” reason is open to EI and ACI only "
            "(structure: {structure_kind:code}).",
        ),
        "legacy": (
            "Motif « {reason} » : ancien motif conservé pour l'historique, il n'est plus proposé.",
            "Reason {reason:code}: a former reason kept for history, no longer offered.",
        ),
    },
)
SUSPENSION_TOO_LONG = register_rule(
    "suspension.too_long",
    "Suspension trop longue",
    title_en="Suspension too long",
    reference=f"{_PLATFORM} (suspension de {_SUSPENSION_MAX_MONTHS.value} mois au plus)",
    subject="Approval",
    description="A suspension ending after start + 36 months − 1 day.",
    description_fr="Une suspension qui finit après début + 36 mois − 1 jour.",
    params=("suspension.max_months",),
    messages={
        "default": (
            "Une suspension dure {max_months} mois au plus : elle doit finir au plus tard le "
            "{latest_end} (fin déclarée : {end}).",
            "A suspension lasts at most {max_months} months: it must end on {latest_end} at "
            "the latest (declared end: {end}).",
        )
    },
    reading="A platform rule (R5132-1-3 sets no maximum length); the end is start + N "
    "months (month ends clamped) − 1 day, the platform's arithmetic.",
)
SUSPENSION_FUTURE = register_rule(
    "suspension.future_start",
    "Suspension commençant dans le futur",
    title_en="Suspension starting in the future",
    reference=_PLATFORM,
    subject="Approval",
    description="A suspension starting after the date of the check or declaration.",
    description_fr="Une suspension qui commence après la date du contrôle ou de la déclaration.",
    messages={
        "default": (
            "La suspension commence le {start}, après le {on}.",
            "The suspension starts on {start}, after {on}.",
        )
    },
)
SUSPENSION_RETRO = register_rule(
    "suspension.too_retroactive",
    "Suspension trop rétroactive",
    title_en="Suspension too retroactive",
    reference=f"{_PLATFORM} (rétroactivité de {_RETROACTIVITY_DAYS.value} jours au plus)",
    subject="Approval",
    description="A suspension starting more than 365 days before its declaration, before "
    "the start of the last hiring, or (platform rule) not after the end of the last "
    "suspension already ended when it is declared: it may start at the earliest on the day "
    "after that end. Judged by Approval.suspend, and by check on a stored suspension that "
    "has its declared_on.",
    description_fr="Une suspension qui commence plus de 365 jours avant sa déclaration, "
    "avant le début de la dernière embauche, ou (règle de la plateforme) pas après la fin "
    "de la dernière suspension déjà terminée quand elle est déclarée : elle peut commencer "
    "au plus tôt le lendemain de cette fin. Jugé par Approval.suspend, et par check sur une "
    "suspension enregistrée qui a sa date de déclaration (declared_on).",
    params=("suspension.max_retroactivity_days",),
    messages={
        "retroactivity": (
            "Une suspension peut commencer au plus tôt {max_days} jours avant sa "
            "déclaration, soit le {earliest_start} (début : {start}).",
            "A suspension may start at most {max_days} days before it is declared, that is "
            "on {earliest_start} at the earliest (start: {start}).",
        ),
        "before_hiring": (
            "La suspension ne peut pas commencer avant le début de la dernière embauche "
            "({last_hiring_start}) ; début : {start}.",
            "The suspension cannot start before the start of the last hiring "
            "({last_hiring_start}); start: {start}.",
        ),
        "after_previous": (
            "La suspension ne peut pas commencer avant le {earliest_start}, lendemain de la "
            "fin de la dernière suspension terminée (du {previous_start} au "
            "{previous_end}) ; début : {start}.",
            "The suspension cannot start before {earliest_start}, the day after the end of "
            "the last suspension already ended ({previous_start} to {previous_end}); "
            "start: {start}.",
        ),
        "covers_hiring": (
            "La suspension du {start} au {end} couvre le début de la dernière embauche "
            "({last_hiring_start}) : elle aurait dû prendre fin la veille de l'embauche.",
            "The suspension from {start} to {end} covers the start of the last hiring "
            "({last_hiring_start}): it should have ended the day before the hiring.",
        ),
    },
    reading="The platform's code calls the 365-day retroactivity a temporary value (target "
    "30 days); its regulatory basis is not verified.",
)
SUSPENSION_OUTSIDE = register_rule(
    "suspension.outside_approval",
    "Suspension hors de la période du PASS IAE",
    title_en="Suspension outside the PASS IAE",
    reference=_PLATFORM,
    subject="Approval",
    description="A suspension starting before the PASS start or after its end.",
    description_fr="Une suspension qui commence avant le début du PASS ou après sa fin.",
    messages={
        "default": (
            "La suspension doit commencer pendant le PASS IAE, du {approval_start} au "
            "{approval_end} (début : {start}).",
            "The suspension must start during the PASS IAE, from {approval_start} to "
            "{approval_end} (start: {start}).",
        )
    },
)
SUSPENSION_OVERLAP = register_rule(
    "suspension.overlap",
    "Suspensions qui se chevauchent",
    title_en="Overlapping suspensions",
    reference=_PLATFORM,
    subject="Approval",
    description="Two suspensions of the same PASS overlap.",
    description_fr="Deux suspensions du même PASS se chevauchent.",
    messages={
        "default": (
            "La suspension du {start} au {end} chevauche celle du {other_start} au "
            "{other_end} ({other_path}).",
            "The suspension from {start} to {end} overlaps the one from {other_start} to "
            "{other_end} ({other_path}).",
        )
    },
)
PROLONGATION_START = register_rule(
    "prolongation.start",
    "Prolongation ne commençant pas à la fin du PASS IAE",
    title_en="Prolongation not starting on the PASS IAE's end",
    reference=_PLATFORM,
    subject="Approval",
    description="A prolongation must start on the PASS's current end.",
    description_fr="Une prolongation doit commencer à la fin actuelle du PASS.",
    messages={
        "default": (
            "La prolongation doit commencer à la fin du PASS IAE (le {expected_start}) ; "
            "début déclaré : {start}.",
            "The prolongation must start on the PASS IAE's end ({expected_start}); declared "
            "start: {start}.",
        ),
        "shifted": (
            "La prolongation doit commencer à la fin du PASS IAE (le {expected_start}, "
            "décalé des suspensions) ; début déclaré : {start}.",
            "The prolongation must start on the PASS IAE's end ({expected_start}, shifted "
            "by the suspensions); declared start: {start}.",
        ),
    },
)
PROLONGATION_WINDOW_RULE = register_rule(
    "prolongation.window",
    "Prolongation demandée hors de la période autorisée",
    title_en="Prolongation requested outside the allowed window",
    reference=_PLATFORM,
    subject="Approval",
    description="A prolongation requested outside the window in force on the request date "
    "(Approval.prolong; check on a stored prolongation that has its requested_on).",
    description_fr="Une prolongation demandée hors de la période en vigueur à la date de "
    "la demande (Approval.prolong ; check sur une prolongation enregistrée qui a sa date de "
    "demande, requested_on).",
    params=("prolongation.request_window_months",),
    messages={
        "default": (
            "Une prolongation se demande entre le {earliest} et le {latest} "
            "(demande du {requested_on}).",
            "A prolongation is requested between {earliest} and {latest} "
            "(request of {requested_on}).",
        )
    },
    reading="The window's rows are the dates of the platform's code changes (deployment "
    "may lag by a few days); no window is judged before the first one.",
)
PROLONGATION_TOO_LONG = register_rule(
    "prolongation.too_long",
    "Prolongation trop longue",
    title_en="Prolongation too long",
    reference="C. trav. art. R5132-1-8 ; " + _PLATFORM,
    subject="Approval",
    description="One request above 365 days (3650 for SENIOR_CDI), or all prolongations "
    "above the reason's cap (RQTH 1095, SENIOR 1825, PARTICULAR_DIFFICULTIES 1095 days).",
    description_fr="Une demande de plus de 365 jours (3650 pour SENIOR_CDI), ou l'ensemble "
    "des prolongations au-delà du plafond du motif (RQTH 1095, SENIOR 1825, "
    "PARTICULAR_DIFFICULTIES 1095 jours).",
    params=("prolongation.max_days", "prolongation.cumulative_max_days"),
    messages={
        "per_request": (
            "Une prolongation « {reason} » ajoute au plus {max_days} jours "
            "(demandé : {days} jours).",
            "A {reason:code} prolongation adds at most {max_days} days (requested: {days} days).",
        ),
        "cumulative": (
            "Les prolongations du PASS IAE dépasseraient {cumulative_max_days} jours au "
            "total pour le motif « {reason} » ({used_days} jours déjà accordés + {days} "
            "demandés).",
            "The PASS IAE's prolongations would exceed {cumulative_max_days} days in all "
            "for the reason {reason:code} ({used_days} days already granted + {days} "
            "requested).",
        ),
    },
    reading="R5132-1-8 caps the whole parcours in months (84 for 50+, 60 for RQTH and "
    "particularly significant difficulties); the platform's caps in days are applied, the "
    "cumulative one counting every prolongation of the PASS whatever its reason. SENIOR_CDI: "
    "the platform's 10 years stand for « until the CDI ends ».",
)
PROLONGATION_REASON = register_rule(
    "prolongation.reason_not_allowed",
    "Motif de prolongation non autorisé",
    title_en="Prolongation reason not allowed",
    reference="C. trav. art. R5132-1-8 ; " + _PLATFORM,
    subject="Approval",
    description="PARTICULAR_DIFFICULTIES outside AI and ACI; HEALTH_CONTEXT from 2021-12-01.",
    description_fr="PARTICULAR_DIFFICULTIES hors AI et ACI ; HEALTH_CONTEXT à partir du "
    "01/12/2021.",
    params=("prolongation.particular_difficulties_kinds", "prolongation.health_context_allowed"),
    messages={
        "kind": (
            "Le motif « difficultés particulièrement importantes » n'est ouvert qu'aux AI "
            "et aux ACI (structure : {structure_kind:code}).",
            "The “particularly significant difficulties” reason is open to AI and ACI only "
            "(structure: {structure_kind:code}).",
        ),
        "health_context": (
            "Le motif « contexte sanitaire » n'est plus utilisable depuis le {closed_from}.",
            "The “health context” reason can no longer be used since {closed_from}.",
        ),
    },
)
PROLONGATION_VALIDATION = register_rule(
    "prolongation.validation_required",
    "Prolongation sans validation d'un prescripteur habilité",
    title_en="Prolongation without an authorised prescriber's validation",
    reference="C. trav. art. R5132-1-8",
    subject="Approval",
    description="A reason other than SENIOR_CDI and COMPLETE_TRAINING without an authorised "
    "prescriber's validation.",
    description_fr="Un motif autre que SENIOR_CDI et COMPLETE_TRAINING sans validation d'un "
    "prescripteur habilité.",
    params=("prolongation.validation_required_reasons",),
    messages={
        "default": (
            "Une prolongation « {reason} » doit être validée par un prescripteur habilité.",
            "A {reason:code} prolongation must be validated by an authorised prescriber.",
        )
    },
)
PROLONGATION_PERSON = register_rule(
    "prolongation.person_condition",
    "Condition de la personne non remplie",
    title_en="The person's condition is not met",
    reference="C. trav. art. R5132-1-8",
    subject="Approval",
    description="SENIOR for a person under 50, RQTH without recognition, SENIOR_CDI "
    "without a CDI inclusion (or for a person under 57).",
    description_fr="SENIOR pour une personne de moins de 50 ans, RQTH sans reconnaissance, "
    "SENIOR_CDI sans CDI inclusion (ou pour une personne de moins de 57 ans).",
    params=("prolongation.senior_min_age_years", "prolongation.senior_cdi_min_age_years"),
    messages={
        "senior_age": (
            "Le motif « {min_age} ans et plus » demande une personne de {min_age} ans ou "
            "plus (âge au {day} : {age} ans).",
            "The reason “{min_age} and over” requires a person aged {min_age} or more "
            "(age on {day}: {age}).",
        ),
        "rqth": (
            "Le motif « RQTH » demande une reconnaissance de la qualité de travailleur handicapé.",
            "The RQTH reason requires a recognition as a disabled worker.",
        ),
        "senior_cdi_contract": (
            "Le motif « CDI inclusion {min_age} ans et plus » demande un CDI inclusion.",
            "The reason “CDI inclusion, {min_age} and over” requires a CDI inclusion.",
        ),
        "senior_cdi_age": (
            "Le motif « CDI inclusion {min_age} ans et plus » demande une personne de "
            "{min_age} ans ou plus (âge au {day} : {age} ans).",
            "The reason “CDI inclusion, {min_age} and over” requires a person aged "
            "{min_age} or more (age on {day}: {age}).",
        ),
    },
    reading="The age is judged on the request date (a stored prolongation's requested_on, "
    "else its start); the « particular difficulties » of R5132-1-8 2° a and b are not "
    "judged (no data).",
)

# --- helpers -------------------------------------------------------------------------------


def number_findings(number: str) -> list[Finding]:
    """`approval.number_format`: 12 letters or digits; `99999` + 7 digits."""
    prefix = pass_iae.PLATFORM_PREFIX
    if (  # already compact and valid (what `pass_iae.problem` would say, without copying)
        isinstance(number, str)
        and len(number) == pass_iae.LENGTH
        and number.isascii()
        and number.isalnum()
        and (not number.startswith(prefix) or number[len(prefix) :].isdigit())
    ):
        return []
    problem = pass_iae.problem(number)
    if problem is None:
        return []
    return [
        NUMBER_FORMAT.emit(
            problem,
            "number",
            length=pass_iae.LENGTH,
            found=len(pass_iae.compact(number)),
            prefix=prefix,
            digits=pass_iae.LENGTH - len(prefix),
        )
    ]


def before_decree(path: str, variant: str, day: Date) -> Finding:
    """The `info` finding for an item dated before décret 2021-1128."""
    return BEFORE_DECREE.emit(variant, path, day=day, rules_from=DECREE_2021_1128)


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
        path: its path (`suspensions[1]`).
        approval_start: the PASS start.
        current_end: the PASS end without this suspension's own push.
        structure_kind: the structure that declares it.
        on: the date of the check (a suspension may not start after it).
        declared_on: its declaration date, when known: the retroactivity limit counts
            from it; `None` skips that limit.
        last_hiring_start: start of the last hiring, when known (with `declared_on`).
        previous: the suspension of the PASS that had ended last on `declared_on`
            (`last_ended`), when there is one (with `declared_on`): the new one may
            start at the earliest on the day after its end (platform `next_min_start_at`).
            A suspension overlapping it is left to `suspension.overlap`.
    """
    out: list[Finding] = []
    reason = s.reason
    day = on if declared_on is None else declared_on
    if reason is SuspensionReason.CONTRAT_PASSERELLE:
        if structure_kind.value not in _PASSERELLE_KINDS.at(day):
            out.append(
                SUSPENSION_REASON.emit("kind", path + ".reason", structure_kind=structure_kind)
            )
    elif reason.is_legacy:
        out.append(
            SUSPENSION_REASON.emit(
                "legacy", path + ".reason", severity=Severity.WARNING, reason=reason
            )
        )
    max_months = _SUSPENSION_MAX_MONTHS.at(s.start)
    latest = suspension_latest_end(s.start)
    if s.end > latest:
        out.append(
            SUSPENSION_TOO_LONG.emit(
                "default", path + ".end", max_months=max_months, latest_end=latest, end=s.end
            )
        )
    if s.start > on:
        out.append(SUSPENSION_FUTURE.emit("default", path + ".start", start=s.start, on=on))
    if declared_on is not None:
        max_days = _RETROACTIVITY_DAYS.at(declared_on)
        earliest = retroactivity_earliest_start(declared_on)
        if s.start < earliest:
            out.append(
                SUSPENSION_RETRO.emit(
                    "retroactivity",
                    path + ".start",
                    max_days=max_days,
                    earliest_start=earliest,
                    start=s.start,
                    declared_on=declared_on,
                )
            )
        elif last_hiring_start is not None and s.start < last_hiring_start:
            out.append(
                SUSPENSION_RETRO.emit(
                    "before_hiring",
                    path + ".start",
                    last_hiring_start=last_hiring_start,
                    start=s.start,
                )
            )
        elif previous is not None and s.end < previous.start:
            out.append(
                SUSPENSION_RETRO.emit(
                    "after_previous",
                    path + ".start",
                    earliest_start=shift(previous.end, 1),
                    previous_start=previous.start,
                    previous_end=previous.end,
                    start=s.start,
                )
            )
    if s.start < approval_start or s.start > current_end:
        out.append(
            SUSPENSION_OUTSIDE.emit(
                "default",
                path + ".start",
                approval_start=approval_start,
                approval_end=current_end,
                start=s.start,
            )
        )
    return out


def suspension_latest_end(start: Date) -> Date:
    """The latest end of a suspension starting on `start` (`suspension.too_long`).

    Start + `suspension.max_months` (in force on `start`) − 1 day, month ends clamped (the
    platform's arithmetic). The rule and `iae_core.planning.approval` both call it.
    """
    return dates.months_end(start, _SUSPENSION_MAX_MONTHS.at(start))


def retroactivity_earliest_start(declared_on: Date) -> Date:
    """The earliest start of a suspension declared on `declared_on` (retroactivity only).

    `declared_on` − `suspension.max_retroactivity_days` (in force on `declared_on`): the
    limit of `suspension.too_retroactive`; the rule and the planner both call it.
    """
    return shift(declared_on, -_RETROACTIVITY_DAYS.at(declared_on))


def prolongation_window_bounds(
    on: DayLike, *, approval_start: Date, current_end: Date
) -> tuple[Date, Date] | None:
    """First and last request days of a prolongation, by the window in force on `on`.

    For a PASS from `approval_start` to `current_end` (parameter
    `prolongation.request_window_months`); `None` before its first row (no window is
    judged then). The rule `prolongation.window` and the planner both call it.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    window = PROLONGATION_WINDOW.at(on)
    if window is None:
        return None
    return window.bounds(approval_start, current_end)


def last_ended(
    suspensions: Iterable[Suspension], day: DayLike, *, declared_before: bool = False
) -> Suspension | None:
    """The suspension with the latest end among those ended before `day` (`end < day`).

    Platform `next_min_start_at`: a suspension declared on `day` may start at the earliest
    on the day after that end. With `declared_before`, only the suspensions declared
    before `day` count (a stored suspension without `declared_on` does not: it may have
    been declared later).
    """
    if type(day) is not pendulum.Date:
        day = as_day(day, "day")
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
    """`suspension.overlap` between `s` (at `path`) and `other`."""
    return SUSPENSION_OVERLAP.emit(
        "default",
        path + ".start",
        start=s.start,
        end=s.end,
        other_start=other.start,
        other_end=other.end,
        other_path=other_path,
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
        path: its path (`prolongations[0]`).
        used_before: days already added by the PASS's other (earlier) prolongations.
        structure_kind: the structure that declares it.
        ref_day: the request date (a stored prolongation's `requested_on`, else its
            start): the caps, the `HEALTH_CONTEXT` cut-off and the person's age are
            judged on it.
        person: the person, when known (`prolongation.person_condition`).
        cdi_inclusion: whether the person holds a CDI inclusion (`None`: unknown).
    """
    out: list[Finding] = []
    reason = p.reason
    caps = caps_on(ref_day, reason)
    length = p.length
    if length > caps.per_request:
        out.append(
            PROLONGATION_TOO_LONG.emit(
                "per_request",
                path + ".end",
                reason=reason,
                max_days=caps.per_request,
                days=length,
            )
        )
    if caps.cumulative is not None and used_before + length > caps.cumulative:
        out.append(
            PROLONGATION_TOO_LONG.emit(
                "cumulative",
                path + ".end",
                reason=reason,
                cumulative_max_days=caps.cumulative,
                used_days=used_before,
                days=length,
            )
        )
    if (
        reason is ProlongationReason.PARTICULAR_DIFFICULTIES
        and structure_kind.value not in _DIFFICULTIES_KINDS.at(ref_day)
    ):
        out.append(
            PROLONGATION_REASON.emit("kind", path + ".reason", structure_kind=structure_kind)
        )
    elif reason is ProlongationReason.HEALTH_CONTEXT and not _HEALTH_CONTEXT.at(ref_day):
        closed_from = _HEALTH_CONTEXT.period_of(ref_day)[0]
        out.append(
            PROLONGATION_REASON.emit("health_context", path + ".reason", closed_from=closed_from)
        )
    if caps.needs_validation and p.validated_by is None:
        out.append(PROLONGATION_VALIDATION.emit("default", path + ".validated_by", reason=reason))
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
    age = None if person is None else dates.age_on(person.birth_date, day)
    senior_age = _SENIOR_AGE.at(day)
    if reason is ProlongationReason.SENIOR and age is not None and age < senior_age:
        yield PROLONGATION_PERSON.emit("senior_age", where, min_age=senior_age, day=day, age=age)
    elif reason is ProlongationReason.RQTH and person is not None and not person.rqth:
        yield PROLONGATION_PERSON.emit("rqth", where)
    elif reason is ProlongationReason.SENIOR_CDI:
        cdi_age = _SENIOR_CDI_AGE.at(day)
        if cdi_inclusion is False:
            yield PROLONGATION_PERSON.emit("senior_cdi_contract", where, min_age=cdi_age)
        elif age is not None and age < cdi_age:
            yield PROLONGATION_PERSON.emit(
                "senior_cdi_age", where, min_age=cdi_age, day=day, age=age
            )


def window_finding(
    path: str, *, on: Date, approval_start: Date, current_end: Date
) -> Finding | None:
    """`prolongation.window`: the request date `on` against the window then in force."""
    bounds = prolongation_window_bounds(on, approval_start=approval_start, current_end=current_end)
    if bounds is None:
        return None
    low, high = bounds
    if low <= on <= high:
        return None
    return PROLONGATION_WINDOW_RULE.emit(
        "default", path, earliest=low, latest=high, requested_on=on
    )


def start_finding(path: str, start: Date, expected: Date, *, shifted: bool = False) -> Finding:
    """`prolongation.start`."""
    return PROLONGATION_START.emit(
        "shifted" if shifted else "default",
        path + ".start",
        expected_start=expected,
        start=start,
    )


# --- the checkers and the commands ---------------------------------------------------------


def suspension_check(
    approval: Approval,
    suspension: Suspension,
    *,
    on: DayLike,
    structure_kind: StructureKind,
    last_hiring_start: Date | None = None,
) -> Report:
    """Findings on a new `suspension` of `approval` declared on `on` (no raise).

    What `Approval.suspend` judges. Paths are those the suspension will have once added
    (`suspensions[<n>].start`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    structure_kind = as_structure_kind(structure_kind)
    path = f"suspensions[{len(approval.suspensions)}]"
    if not PASS_RULES_IN_FORCE.at(on):
        return Report([before_decree(path, "suspension_declared", on)])
    out = suspension_findings(
        suspension,
        path,
        approval_start=approval.start,
        current_end=approval.end,
        structure_kind=structure_kind,
        on=on,
        declared_on=on,
        last_hiring_start=last_hiring_start,
        previous=last_ended(approval.suspensions, on),
    )
    for i, other in enumerate(approval.suspensions):
        if other.start <= suspension.end and suspension.start <= other.end:
            out.append(overlap_finding(path, suspension, other, f"suspensions[{i}]"))
    return Report(out)


def prolongation_check(
    approval: Approval,
    prolongation: Prolongation,
    *,
    on: DayLike,
    structure_kind: StructureKind,
    person: Person | None = None,
    cdi_inclusion: bool | None = None,
) -> Report:
    """Findings on a new `prolongation` of `approval` requested on `on` (no raise).

    What `Approval.prolong` judges. Paths are those the prolongation will have once added
    (`prolongations[<n>].end`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    structure_kind = as_structure_kind(structure_kind)
    path = f"prolongations[{len(approval.prolongations)}]"
    if not PASS_RULES_IN_FORCE.at(on):
        return Report([before_decree(path, "prolongation_requested", on)])
    end = approval.end
    out: list[Finding] = []
    if prolongation.start != end:
        out.append(start_finding(path, prolongation.start, end))
    window = window_finding(path, on=on, approval_start=approval.start, current_end=end)
    if window is not None:
        out.append(window)
    out.extend(
        prolongation_findings(
            prolongation,
            path,
            used_before=approval.prolonged_days,
            structure_kind=structure_kind,
            ref_day=on,
            person=person,
            cdi_inclusion=cdi_inclusion,
        )
    )
    return Report(out)


@attrs.frozen
class _Commands:
    """The implementation of `ApprovalCommands` bound by the face."""

    def check_suspension(
        self,
        approval: Approval,
        suspension: Suspension,
        *,
        on: Date,
        structure_kind: StructureKind,
        last_hiring_start: Date | None = None,
    ) -> Report:
        return suspension_check(
            approval,
            suspension,
            on=on,
            structure_kind=structure_kind,
            last_hiring_start=last_hiring_start,
        )

    def check_prolongation(
        self,
        approval: Approval,
        prolongation: Prolongation,
        *,
        on: Date,
        structure_kind: StructureKind,
        person: Person | None = None,
        cdi_inclusion: bool | None = None,
    ) -> Report:
        return prolongation_check(
            approval,
            prolongation,
            on=on,
            structure_kind=structure_kind,
            person=person,
            cdi_inclusion=cdi_inclusion,
        )


COMMANDS = _Commands()
"""What `Approval.suspend` and `Approval.prolong` call (bound by `iae_core.approvals`)."""


def check_approval(
    approval: Approval,
    *,
    on: DayLike,
    structure_kind: StructureKind,
    last_hiring_start: Date | None = None,
    person: Person | None = None,
    cdi_inclusion: bool | None = None,
) -> Report:
    """Check a PASS IAE as it stands on `on` (also `check(approval, on=…, …)`).

    Reports `approval.number_format`, and on each suspension and prolongation the rules
    that can be judged from the stored data (paths relative to the approval, such as
    `suspensions[1].start`; a parcours prefixes them with `approval.`):

    * suspensions: reason, length, start not after `on`, start within the PASS (its end
      without that suspension's own push), overlaps; a suspension covering
      `last_hiring_start` (started before the last hiring and not ended by it) is a
      `suspension.too_retroactive` *warning*;
    * prolongations (in order of start): each starts on a possible end of the PASS at the
      time (the initial end + earlier prolongations + some of the suspensions that started
      before it) and not before the previous one ends; caps per request and cumulative;
      reason; validation; the person's conditions when `person` is given (age on the
      prolongation's `requested_on`, else on its start).

    What the commands judge on the declaration date is judged on a stored item only when
    it carries that date: a suspension with `declared_on` gets the retroactivity limit
    (`suspension.too_retroactive`) and may not start before the day after the end of
    the last suspension ended on `declared_on` among those declared before it (with
    their own `declared_on`); a prolongation with `requested_on` gets the request
    window in force on that day (`prolongation.window`, from the PASS's end at the
    time, its `start`). Without those dates they are not judged. Items dated before
    décret 2021-1128 came into force get one `approval.before_decree` info each and are
    not checked.

    Args:
        approval: the PASS IAE.
        on: the date of the check.
        structure_kind: the kind of the structure that holds the PASS's current hiring.
        last_hiring_start: start of the last hiring, when known.
        person: the holder, when known (prolongation conditions).
        cdi_inclusion: whether the holder has a CDI inclusion (`None`: unknown).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    structure_kind = as_structure_kind(structure_kind)
    out = number_findings(approval.number)
    end = approval.end
    start = approval.start
    suspensions = approval.suspensions
    for i, s in enumerate(suspensions):
        path = f"suspensions[{i}]"
        if s.start < DECREE_2021_1128:
            out.append(before_decree(path, "suspension_start", s.start))
            continue
        out.extend(
            suspension_findings(
                s,
                path,
                approval_start=start,
                current_end=shift(end, -s.push),
                structure_kind=structure_kind,
                on=on,
                declared_on=s.declared_on,
                last_hiring_start=None,
                previous=None
                if s.declared_on is None
                else last_ended(
                    (o for k, o in enumerate(suspensions) if k != i),
                    s.declared_on,
                    declared_before=True,
                ),
            )
        )
        if last_hiring_start is not None and s.start < last_hiring_start <= s.end:
            out.append(
                SUSPENSION_RETRO.emit(
                    "covers_hiring",
                    path + ".end",
                    severity=Severity.WARNING,
                    start=s.start,
                    end=s.end,
                    last_hiring_start=last_hiring_start,
                )
            )
    out.extend(stored_overlaps(approval.suspensions))
    if approval.prolongations:
        out.extend(_stored_prolongations(approval, structure_kind, person, cdi_inclusion))
    return Report(out) if out else NO_FINDINGS


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
    previous_end: Date | None = None
    sums: set[int] | None = {0}
    total = 0
    for i in order:
        p = prolongations[i]
        path = f"prolongations[{i}]"
        length = p.length
        if p.start < DECREE_2021_1128:
            out.append(before_decree(path, "prolongation_start", p.start))
            used += length
            previous_end = p.end
            continue
        first = p.start.toordinal()
        while taken < len(pushes) and pushes[taken][0] <= first:
            d = pushes[taken][1]
            total += d
            if sums is not None and d:
                sums |= {x + d for x in sums}
                if len(sums) > PUSH_SUMS_LIMIT:
                    sums = None
            taken += 1
        offset = first - (base + used)
        fits = offset in sums if sums is not None else 0 <= offset <= total
        if not fits or (previous_end is not None and p.start < previous_end):
            expected = pendulum.Date.fromordinal(base + used)
            out.append(start_finding(path, p.start, expected, shifted=bool(total)))
        if p.requested_on is not None:
            window = window_finding(
                path, on=p.requested_on, approval_start=approval.start, current_end=p.start
            )
            if window is not None:
                out.append(window)
        out.extend(
            prolongation_findings(
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
    on: DayLike,
    structure_kind: StructureKind,
    authorized_prescriber: bool = False,
    prescriber_diagnosis_valid: bool = False,
    ended_after: Suspension | None = None,
) -> Report:
    """`approval.waiting_period`: may a new PASS IAE be issued on `on`? R5132-1-4.

    A new PASS is refused while the person is in the waiting period of `previous`
    (`previous.end < on <= previous.end + 2 years`, parameter
    `pass.waiting_period_years`), unless an authorised prescriber sent the application
    (`authorized_prescriber`) or a valid diagnosis by an authorised prescriber exists
    (`prescriber_diagnosis_valid`; an employer diagnosis does not lift it). Never for
    non-SIAE structures (GEIQ, EA…), which issue no PASS.

    Args:
        previous: the person's latest PASS IAE (`None`: no finding).
        on: the date of the new PASS (the hiring start).
        structure_kind: the hiring structure's kind.
        authorized_prescriber: the application was sent by an authorised prescriber.
        prescriber_diagnosis_valid: a valid diagnosis by an authorised prescriber exists.
        ended_after: when `previous` was ended after 12 months of this suspension, the
            2 years run from its start (R5132-1-4 al. 2).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
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
            WAITING_PERIOD_RULE.emit(
                "default",
                "",
                earliest_new_start=shift(last, 1),
                waiting_period_end=last,
                waiting_period_years=_WAITING_YEARS.at(last),
            )
        ]
    )

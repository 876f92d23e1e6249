"""The contract rules  and their checkers.

Private module: the public names are re-exported by `iae_core.contracts`
(`check_contract`, `check_cdi_inclusion_share`). Every rule is declared once below with its
code, titles, severity, legal reference, the parameters it reads (`iae_core.params`, data
file `contracts.toml` and `pmsmp.toml`) and its French and English message templates; the
checkers are pure functions over immutable values that return a `Report` and never raise
for a violated rule.

What each checker needs besides the contract (all optional):

* `person` (`iae_core.people.Person`): the *aménagement de peine* exception to the CDDI
  minimum length, the age and RQTH extension grounds, the CDI inclusion age. A rule that
  needs a fact about the person is **not checked** when no person is given, except
  `contract.min_duration`, whose exception is only granted when the person is known to be
  under a justice measure.
* `parcours_start`: when the parcours began (cumul derogation, CDI inclusion timing).
  When `None`: the approval's start if earlier than the contract, else the contract's
  start (the contract is then taken as the first of the parcours).
* `approval` (`iae_core.approvals.Approval`): only its `start` and `end`.
* `prefect_waiver`: one `iae_core.contracts.PrefectWaiver` or several.

Months are calendar months "de date à date": "N months from S"
ends on `iae_core.dates.period_end(S, N)`, the day before the same-numbered day N
months later, or the last day of that month when it has no such day; "at least N months
after S" is from `iae_core.dates.period_next(S, N)`, the day after. Every parameter is
read in its version in force on the contract's start.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Hashable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import pendulum

from iae_core import params
from iae_core._kernel.findings import NO_FINDINGS, Finding, Report, register_rule
from iae_core._kernel.model import to_contract_kind, to_structure_kind
from iae_core._kernel.text import fmt_date
from iae_core.contracts._entities import Contract, Immersion, PrefectWaiver
from iae_core.dates import DayLike, as_day, days_inclusive, period_end, period_next
from iae_core.enums import (
    ContractKind,
    DerogationKind,
    ExtensionGround,
    HostKind,
    Severity,
    StructureKind,
)
from iae_core.people import Person, Structure
from iae_core.pmsmp._entities import Agreement, Excess, renewals, same_host_excess
from iae_core.pmsmp._rules import check_immersions
from iae_core.versions import Dated

if TYPE_CHECKING:
    from iae_core.approvals import Approval

__all__ = [
    "ALLOWED_CONTRACT_KINDS",
    "APPROVAL_REQUIRED",
    "CDDI_RENEWAL_CAP",
    "CDDI_STRUCTURES",
    "CDI_INCLUSION_STRUCTURES",
    "MISSION_MAX_RENEWALS",
    "OUTSIDE_AID_CONTRACT_KINDS",
    "PMSMP_SAME_HOST",
    "cddi_max_trial_days",
    "check_cdi_inclusion_share",
    "check_contract",
    "derogations_cover_until",
    "first_uncovered_day",
    "immersions_excess",
    "mission_max_trial_days",
    "pmsmp_share_days",
    "same_host_finding",
]

_CK = ContractKind
SK = StructureKind
_RefT = TypeVar("_RefT", bound=Hashable)
_P = params.get

# --- the parameters (contracts.toml, pmsmp.toml) -----------------------------------------

_ALLOWED_KINDS = _P("contract.allowed_kinds")
_OUTSIDE_AID_KINDS = _P("contract.outside_aid_kinds")
_APPROVAL_REQUIRED = _P("contract.approval_required")
_ANY_MAX_HOURS = _P("contract.max_weekly_hours")
_CDDI_KINDS = _P("cddi.structure_kinds")
_CDDI_MIN = _P("cddi.min_months")
_CDDI_MAX = _P("cddi.max_months")
_RENEWAL_CAP = _P("cddi.renewal_cap_count")
_RENEWAL_CAP_END = _P("cddi.renewal_cap_end_date")
_CDDI_MIN_HOURS = _P("cddi.min_weekly_hours")
_CDDI_MAX_HOURS = _P("cddi.max_weekly_hours")
_EXTENSION_AGE = _P("cddi.extension_min_age_years")
_PD_KINDS = _P("cddi.particular_difficulties_structure_kinds")
_PD_STEP = _P("cddi.particular_difficulties_step_months")
_PD_MAX = _P("cddi.particular_difficulties_max_months")
_CUMUL_AFTER = _P("derogation.cumul_after_months")
_CUMUL_MAX = _P("derogation.cumul_max_months")
_CUMUL_DECISIONS = _P("derogation.cumul_max_decisions")
_CUMUL_EXCLUDED = _P("derogation.cumul_excluded_employer_kinds")
_SEVERE_KINDS = _P("derogation.severe_structure_kinds")
_SEVERE_MAX = _P("derogation.severe_max_months")
_TRIAL_PER_WEEK = _P("trial.cdd_days_per_week")
_TRIAL_SHORT_CONTRACT = _P("trial.cdd_short_contract_months")
_TRIAL_SHORT_CAP = _P("trial.cdd_short_cap_weeks")
_TRIAL_LONG_CAP = _P("trial.cdd_long_cap_months")
_MISSION_SHORT = _P("trial.mission_short_months")
_MISSION_SHORT_DAYS = _P("trial.mission_short_days")
_MISSION_MEDIUM = _P("trial.mission_medium_months")
_MISSION_MEDIUM_DAYS = _P("trial.mission_medium_days")
_MISSION_LONG_DAYS = _P("trial.mission_long_days")
_MISSION_MAX = _P("mission.max_months")
_MISSION_MAX_IN_CDI = _P("mission.max_months_in_cdi_inclusion")
_MISSION_RENEWALS = _P("mission.max_renewals")
_PLACEMENT_CAP = _P("placement.cap_hours")
_PLACEMENT_WINDOW = _P("placement.window_months")
_CDI_KINDS = _P("cdi_inclusion.structure_kinds")
_CDI_AGE = _P("cdi_inclusion.min_age_years")
_CDI_AFTER = _P("cdi_inclusion.after_months")
_CDI_SHARE = _P("cdi_inclusion.share_percent")
_CDI_SHARE_RAISED = _P("cdi_inclusion.share_raised_percent")
_PMSMP_MAX = _P("pmsmp.max_months")
_PMSMP_RENEWALS = _P("pmsmp.max_renewals")
_PMSMP_AGREEMENTS = _P("pmsmp.same_host_max_agreements")
_PMSMP_DAYS = _P("pmsmp.same_host_max_days")
_PMSMP_WINDOW = _P("pmsmp.same_host_window_months")
_PMSMP_SHARE_KINDS = _P("pmsmp.share_structure_kinds")
_PMSMP_SHARE = _P("pmsmp.share_percent")

_DAYS_PER_WEEK = _dt.timedelta(weeks=1).days


def _kinds_table(value: Mapping[str, frozenset[str]]) -> Mapping[SK, frozenset[ContractKind]]:
    return MappingProxyType(
        {to_structure_kind(k): frozenset(to_contract_kind(c) for c in v) for k, v in value.items()}
    )


def _structure_kinds(value: frozenset[str]) -> frozenset[SK]:
    return frozenset(to_structure_kind(c) for c in value)


def _approval_table() -> Mapping[SK, Dated[bool]]:
    by_kind: dict[SK, dict[pendulum.Date | None, bool]] = {}
    for row in _APPROVAL_REQUIRED.rows:
        for code, required in row.value.items():
            series = by_kind.setdefault(to_structure_kind(code), {})
            if not series or list(series.values())[-1] is not required:
                series[row.start] = required
    return MappingProxyType({sk: Dated(series) for sk, series in by_kind.items()})


# --- the public tables, built from the parameters ----------------------------------------

ALLOWED_CONTRACT_KINDS: Mapping[SK, frozenset[ContractKind]] = _kinds_table(_ALLOWED_KINDS.value)
"""Contract kinds each structure kind may use (the parameter
`contract.allowed_kinds`).

An AI's professionalisation contract is allowed outside the aid au poste
(`OUTSIDE_AID_CONTRACT_KINDS`, a `contract.kind_not_allowed` *warning*)."""

OUTSIDE_AID_CONTRACT_KINDS: Mapping[SK, frozenset[ContractKind]] = _kinds_table(
    _OUTSIDE_AID_KINDS.value
)
"""Allowed kinds that the IAE aid does not cover (`contract.outside_aid_kinds`): a
`contract.kind_not_allowed` warning for an AI's professionalisation contract (the platform
offers it to AI; the ministry's Q&R of 5 May 2022 says an AI may choose not to claim the aid
for one). ACI and EI professionalisation contracts are allowed kinds and get no warning."""

CDDI_STRUCTURES: frozenset[SK] = _structure_kinds(_CDDI_KINDS.value)
"""Kinds that hire on CDDI (`cddi.structure_kinds`: L5132-5 EI, L5132-11-1 AI,
L5132-15-1 ACI)."""

CDI_INCLUSION_STRUCTURES: frozenset[SK] = _structure_kinds(_CDI_KINDS.value)
"""Kinds that may sign a CDI inclusion (`cdi_inclusion.structure_kinds`: L5132-5-1,
L5132-6-1, L5132-14-1, L5132-15-1-1)."""

CDDI_RENEWAL_CAP: Dated[int | None] = Dated(
    {None: _RENEWAL_CAP.value, _RENEWAL_CAP_END.value: None}
)
"""Maximum number of CDDI renewals, by contract start (`None`: no cap).

Built from `cddi.renewal_cap_count` (the 2008 version of L5132-5: "two renewals within
24 months") and `cddi.renewal_cap_end_date` (the versions in force since then set no
number; L1243-13 / L1243-13-1 exclude L1242-3 contracts from the general cap). The date
the cap ended and whether the AI and ACI articles had the same cap are unverified: a
breach of the old cap is only a `warning` (see the rule's `reading`).
"""

MISSION_MAX_RENEWALS: int = _MISSION_RENEWALS.value
"""Renewals of an ETTI mission without a branch agreement (`mission.max_renewals`,
L1251-35-1). That the mission's length includes both renewals is a reading (L5132-6 keeps
every temporary-work rule but the length); a branch agreement may allow more, hence a
`warning`."""

APPROVAL_REQUIRED: Mapping[SK, Dated[bool]] = _approval_table()
"""Whether a contract starting on a date needs a PASS IAE (or agrément), by structure kind
(`contract.approval_required`; the EITI date is unverified)."""

_CT = "C. trav. art. "


def _n(p: params.Param) -> Any:
    """The current value of a parameter, for titles and descriptions."""
    return p.rows[-1].value


# --- the catalogue -----------------------------------------------------------------------

KIND_NOT_ALLOWED = register_rule(
    "contract.kind_not_allowed",
    "Type de contrat non autorisé pour ce type de structure",
    title_en="Contract kind not allowed for this structure kind",
    reference=_CT + "L5132-5, L5132-6, L5132-11-1, L5132-15-1 ; loi 2018-771 art. 83",
    subject="Contract",
    description="The contract kind is not one the structure kind may use (error); a "
    "professionalisation contract in an AI is a warning instead: allowed, outside the IAE aid "
    "au poste (DGEFP Q&R of 5 May 2022, §5.2).",
    description_fr="Le type de contrat n'est pas de ceux que ce type de structure peut "
    "conclure (erreur) ; un contrat de professionnalisation en AI est un avertissement : "
    "possible, mais hors aide au poste (Q&R DGEFP du 5 mai 2022, §5.2).",
    params=("contract.allowed_kinds", "contract.outside_aid_kinds"),
    messages={
        "default": (
            "Le type de contrat « {kind} » n'est pas autorisé pour une structure de type "
            "{structure_kind:code} ({structure_kind}).",
            "The contract kind “{kind}” is not allowed for a structure of kind "
            "{structure_kind:code} ({structure_kind}).",
        ),
        "outside_aid": (
            "Le contrat « {kind} » est possible en {structure_kind:code} mais hors aide au "
            "poste : il n'ouvre pas droit à l'aide de l'État au titre de l'IAE.",
            "A “{kind}” contract is possible in an {structure_kind:code} but outside the aid "
            "au poste: it opens no right to the State's IAE aid.",
        ),
    },
    reading="GEIQ, EA, EATT and OPCS are outside the SIAE and get no IAE-specific contract "
    "(the platform's contract kinds); an AI's professionalisation contract is read as "
    "allowed outside the aid au poste, from the ministry's Q&R of 5 May 2022.",
)
MIN_DURATION = register_rule(
    "contract.min_duration",
    f"CDDI de moins de {_n(_CDDI_MIN)} mois",
    title_en=f"CDDI shorter than {_n(_CDDI_MIN)} months",
    reference=_CT + "L5132-5, L5132-11-1, L5132-15-1",
    subject="Contract",
    description=f"CDDI (EI, AI, ACI) concluded for less than {_n(_CDDI_MIN)} months, unless "
    "the person is convicted and under an aménagement de peine.",
    description_fr=f"CDDI (EI, AI, ACI) conclu pour moins de {_n(_CDDI_MIN)} mois, sauf "
    "pour une personne condamnée bénéficiant d'un aménagement de peine.",
    params=("cddi.min_months",),
    messages={
        "default": (
            "Un CDDI doit être conclu pour {min_months} mois au moins : du {start}, il devrait "
            "finir au plus tôt le {earliest_end} (fin prévue le {end}).",
            "A CDDI must be concluded for at least {min_months} months: from {start}, it "
            "should end on {earliest_end} at the earliest (planned end {end}).",
        ),
    },
)
MAX_DURATION = register_rule(
    "contract.max_duration",
    f"CDDI au-delà de {_n(_CDDI_MAX)} mois sans prolongation admise",
    title_en=f"CDDI beyond {_n(_CDDI_MAX)} months without an admissible extension",
    reference=_CT + "L5132-5, L5132-11-1, L5132-15-1",
    subject="Contract",
    description=f"CDDI total (initial + renewals) beyond {_n(_CDDI_MAX)} months without an "
    f"extension ground; before {_n(_RENEWAL_CAP_END)}, more than {_n(_RENEWAL_CAP)} "
    "renewals (warning).",
    description_fr=f"CDDI (initial et renouvellements) au-delà de {_n(_CDDI_MAX)} mois sans "
    f"motif de prolongation ; avant le {fmt_date(_n(_RENEWAL_CAP_END))}, plus de "
    f"{_n(_RENEWAL_CAP)} renouvellements (avertissement).",
    params=(
        "cddi.max_months",
        "cddi.renewal_cap_count",
        "cddi.renewal_cap_end_date",
    ),
    messages={
        "default": (
            "Un CDDI ne peut dépasser {max_months} mois : du {start}, il doit finir au plus "
            "tard le {latest_end} (fin prévue le {end}).",
            "A CDDI may not exceed {max_months} months: from {start}, it must end on "
            "{latest_end} at the latest (planned end {end}).",
        ),
        "no_ground": (
            "Ce renouvellement porte le CDDI au-delà de {max_months} mois (limite le "
            "{latest_end}) sans motif de prolongation.",
            "This renewal takes the CDDI beyond {max_months} months (limit {latest_end}) "
            "without an extension ground.",
        ),
        "renewal_cap": (
            "Avant le {cap_end}, un CDDI ne pouvait être renouvelé que {cap} fois dans la "
            "limite de {max_months} mois (version de 2008).",
            "Before {cap_end}, a CDDI could be renewed only {cap} times within "
            "{max_months} months (2008 version).",
        ),
    },
    reading="The renewal cap of the 2008 version of L5132-5 is read as ending with the "
    "versions in force since 15/06/2021 (loi 2020-1577); it may have ended earlier, and "
    "whether the AI and ACI articles had the same cap is unverified: a breach of it is "
    "only a warning.",
)
EXTENSION_NOT_ALLOWED = register_rule(
    "contract.extension_not_allowed",
    f"Prolongation du CDDI au-delà de {_n(_CDDI_MAX)} mois non admise",
    title_en=f"CDDI extension beyond {_n(_CDDI_MAX)} months not admissible",
    reference=_CT + "L5132-5, L5132-11-1, L5132-15-1",
    subject="Contract",
    description=f"An extension past {_n(_CDDI_MAX)} months whose ground does not apply.",
    description_fr=f"Une prolongation au-delà de {_n(_CDDI_MAX)} mois dont le motif ne "
    "s'applique pas.",
    params=("cddi.max_months", "cddi.extension_min_age_years"),
    messages={
        "no_training_end": (
            "Prolongation pour formation sans date de fin de l'action de formation.",
            "Extension for training without the end date of the training action.",
        ),
        "past_training": (
            "La prolongation pour formation ne peut aller au-delà de la fin de l'action de "
            "formation ({training_end}).",
            "An extension for training may not go beyond the end of the training action "
            "({training_end}).",
        ),
        "too_young": (
            "Prolongation « {min_age} ans et plus » : le salarié a {age} ans le {day}.",
            "Extension “{min_age} and over”: the employee is {age} on {day}.",
        ),
        "not_recognised": (
            "Prolongation « RQTH » : la condition de ce motif n'est pas remplie pour ce salarié.",
            "Extension “RQTH”: the condition of this ground is not met for this employee.",
        ),
        "not_in_structure": (
            "La prolongation pour difficultés particulièrement importantes n'existe qu'en "
            "ACI et en AI, pas en {structure_kind:code}.",
            "The extension for particularly significant difficulties exists only in ACI "
            "and AI, not in {structure_kind:code}.",
        ),
    },
)
EXTENSION_TOO_LONG = register_rule(
    "contract.extension_too_long",
    "Prolongation pour difficultés particulières trop longue",
    title_en="Extension for particular difficulties too long",
    reference=_CT + "L5132-11-1, L5132-15-1",
    subject="Contract",
    description=f"Particular-difficulties extension above {_n(_PD_STEP)} months, or a CDDI "
    f"above {_n(_PD_MAX)} months.",
    description_fr=f"Prolongation pour difficultés particulières de plus de {_n(_PD_STEP)} "
    f"mois, ou CDDI de plus de {_n(_PD_MAX)} mois.",
    params=(
        "cddi.particular_difficulties_step_months",
        "cddi.particular_difficulties_max_months",
    ),
    messages={
        "step": (
            "Chaque prolongation pour difficultés particulières est d'un an au plus : à "
            "partir du {extension_start}, fin au plus tard le {latest_end}.",
            "Each extension for particular difficulties lasts at most {step_months} months: "
            "from {extension_start}, it ends on {latest_end} at the latest.",
        ),
        "total": (
            "Le CDDI prolongé pour difficultés particulières ne peut dépasser {max_months} "
            "mois (fin au plus tard le {latest_end}).",
            "A CDDI extended for particular difficulties may not exceed {max_months} months "
            "(end on {latest_end} at the latest).",
        ),
    },
)
WEEKLY_HOURS_MIN = register_rule(
    "contract.weekly_hours_min",
    f"CDDI de moins de {_n(_CDDI_MIN_HOURS)} heures par semaine sans dérogation",
    title_en=f"CDDI below {_n(_CDDI_MIN_HOURS)} hours a week without a derogation",
    reference=_CT + "L5132-5, L5132-11-1, L5132-15-1",
    subject="Contract",
    description=f"CDDI below {_n(_CDDI_MIN_HOURS)} h a week on a day no derogation covers.",
    description_fr=f"CDDI de moins de {_n(_CDDI_MIN_HOURS)} h par semaine un jour qu'aucune "
    "dérogation ne couvre.",
    params=("cddi.min_weekly_hours",),
    messages={
        "default": (
            "Durée hebdomadaire de {hours} h, sous le minimum de {min_hours} heures, sans "
            "dérogation en vigueur le {day}.",
            "Weekly hours of {hours} h, below the minimum of {min_hours} hours, with no "
            "derogation in force on {day}.",
        ),
    },
    reading="The contract has one weekly_hours: below the minimum, every day from the start "
    "to the date of the check (or the final end) must be covered by a derogation; invalid "
    "derogations still count as in force for this rule.",
)
WEEKLY_HOURS_MAX = register_rule(
    "contract.weekly_hours_max",
    "Durée hebdomadaire au-delà du maximum",
    title_en="Weekly hours above the maximum",
    reference=_CT + "L5132-5, L5132-11-1, L5132-15-1 ; L3121-20",
    subject="Contract",
    description=f"CDDI above {_n(_CDDI_MAX_HOURS)} h a week; any employment contract above "
    f"{_n(_ANY_MAX_HOURS)} h.",
    description_fr=f"CDDI de plus de {_n(_CDDI_MAX_HOURS)} h par semaine ; tout contrat de "
    f"travail au-delà de {_n(_ANY_MAX_HOURS)} h.",
    params=("cddi.max_weekly_hours", "contract.max_weekly_hours"),
    messages={
        "cddi": (
            "Durée hebdomadaire de {hours} h : un CDDI ne peut dépasser la durée légale de "
            "{max_hours} heures par semaine.",
            "Weekly hours of {hours} h: a CDDI may not exceed the legal working week of "
            "{max_hours} hours.",
        ),
        "any": (
            "Durée hebdomadaire de {hours} h : un salarié ne peut travailler plus de "
            "{max_hours} heures par semaine.",
            "Weekly hours of {hours} h: an employee may not work more than {max_hours} "
            "hours a week.",
        ),
    },
)
DEROGATION_INVALID = register_rule(
    "contract.derogation_invalid",
    "Dérogation à la durée hebdomadaire minimale non conforme",
    title_en="Derogation to the minimum weekly hours not compliant",
    reference=_CT + "D5132-10-5-3, D5132-26-12, D5132-43-14, D5132-43-5",
    subject="Contract",
    description=f"An under-{_n(_CDDI_MIN_HOURS)}-hour derogation whose conditions fail.",
    description_fr=f"Une dérogation aux {_n(_CDDI_MIN_HOURS)} heures dont les conditions ne "
    "sont pas remplies.",
    params=(
        "derogation.cumul_after_months",
        "derogation.cumul_max_months",
        "derogation.cumul_max_decisions",
        "derogation.cumul_excluded_employer_kinds",
        "derogation.severe_structure_kinds",
        "derogation.severe_max_months",
    ),
    messages={
        "cumul_too_early": (
            "La dérogation pour cumul d'emplois ne peut commencer que {after_months} mois "
            "après l'entrée en parcours, soit le {earliest_start} au plus tôt.",
            "The cumul derogation may start only {after_months} months into the parcours, "
            "on {earliest_start} at the earliest.",
        ),
        "cumul_too_long": (
            "La dérogation pour cumul d'emplois dure {max_months} mois au plus : fin au plus "
            "tard le {latest_end}.",
            "The cumul derogation lasts at most {max_months} months: it ends on "
            "{latest_end} at the latest.",
        ),
        "cumul_renewed": (
            "La dérogation pour cumul d'emplois n'est renouvelable qu'une fois.",
            "The cumul derogation may be renewed only once.",
        ),
        "cumul_other_employer": (
            "L'autre emploi à temps partiel ne peut être dans une SIAE ou une entreprise "
            "adaptée ({other_employer_kind:code}).",
            "The other part-time job may not be in an SIAE or an entreprise adaptée "
            "({other_employer_kind:code}).",
        ),
        "severe_not_in_structure": (
            "La dérogation pour difficultés particulièrement importantes n'existe qu'en ACI, "
            "pas en {structure_kind:code}.",
            "The derogation for particularly significant difficulties exists only in ACI, "
            "not in {structure_kind:code}.",
        ),
        "severe_too_long": (
            "Chaque décision de dérogation pour difficultés particulières vaut {max_months} "
            "mois au plus : fin au plus tard le {latest_end}.",
            "Each derogation decision for particular difficulties is valid for at most "
            "{max_months} months: it ends on {latest_end} at the latest.",
        ),
    },
)
TRIAL_PERIOD = register_rule(
    "contract.trial_period",
    "Période d'essai trop longue",
    title_en="Trial period too long",
    reference=_CT + "L1242-10, L1251-14",
    subject="Contract",
    description="CDDI trial period above 1 day per week (capped at "
    f"{_n(_TRIAL_SHORT_CAP)} weeks or {_n(_TRIAL_LONG_CAP)} month); ETTI mission trial "
    f"period above {_n(_MISSION_SHORT_DAYS)}, {_n(_MISSION_MEDIUM_DAYS)} or "
    f"{_n(_MISSION_LONG_DAYS)} days.",
    description_fr="Période d'essai d'un CDDI de plus d'un jour par semaine (plafonnée à "
    f"{_n(_TRIAL_SHORT_CAP)} semaines ou {_n(_TRIAL_LONG_CAP)} mois) ; période d'essai d'une "
    f"mission d'ETTI de plus de {_n(_MISSION_SHORT_DAYS)}, {_n(_MISSION_MEDIUM_DAYS)} ou "
    f"{_n(_MISSION_LONG_DAYS)} jours.",
    params=(
        "trial.cdd_days_per_week",
        "trial.cdd_short_contract_months",
        "trial.cdd_short_cap_weeks",
        "trial.cdd_long_cap_months",
        "trial.mission_short_months",
        "trial.mission_short_days",
        "trial.mission_medium_months",
        "trial.mission_medium_days",
        "trial.mission_long_days",
    ),
    messages={
        "cddi": (
            "Période d'essai de {trial_days} jours : pour ce CDDI elle ne peut dépasser "
            "{max_days} jours (un jour par semaine, {short_cap_weeks} semaines au plus "
            "jusqu'à {short_contract_months} mois de contrat, un mois au-delà).",
            "Trial period of {trial_days} days: for this CDDI it may not exceed {max_days} "
            "days (one day per week, at most {short_cap_weeks} weeks up to "
            "{short_contract_months} months of contract, one month beyond).",
        ),
        "mission": (
            "Période d'essai de {trial_days} jours : pour cette mission elle ne peut dépasser "
            "{max_days} jours.",
            "Trial period of {trial_days} days: for this mission it may not exceed "
            "{max_days} days.",
        ),
    },
    reading="Whole weeks: the contract's days counted inclusively, divided by 7, rounded "
    "down; the planned length is the initial contract's (renewals not counted).",
)
MISSION_MAX_DURATION = register_rule(
    "mission.max_duration",
    f"Mission d'insertion au-delà de {_n(_MISSION_MAX)} mois",
    title_en=f"ETTI mission beyond {_n(_MISSION_MAX)} months",
    reference=_CT + "L5132-6, L5132-6-1, L1251-35-1",
    subject="Contract",
    description=f"ETTI mission beyond {_n(_MISSION_MAX)} months renewals included "
    f"({_n(_MISSION_MAX_IN_CDI)} inside a CDI inclusion); more than "
    f"{_n(_MISSION_RENEWALS)} renewals (warning).",
    description_fr=f"Mission d'ETTI au-delà de {_n(_MISSION_MAX)} mois renouvellements "
    f"compris ({_n(_MISSION_MAX_IN_CDI)} dans un CDI inclusion) ; plus de "
    f"{_n(_MISSION_RENEWALS)} renouvellements (avertissement).",
    params=("mission.max_months", "mission.max_months_in_cdi_inclusion", "mission.max_renewals"),
    messages={
        "default": (
            "Une mission d'insertion ne peut dépasser {max_months} mois renouvellements "
            "compris : du {start}, fin au plus tard le {latest_end}.",
            "An ETTI mission may not exceed {max_months} months renewals included: from "
            "{start}, it ends on {latest_end} at the latest.",
        ),
        "renewals": (
            "Sauf accord de branche, une mission n'est renouvelable que {max_renewals} fois.",
            "Unless a branch agreement allows more, a mission may be renewed only "
            "{max_renewals} times.",
        ),
    },
    reading="L5132-6 keeps every temporary-work rule but the length, so the renewal count of "
    "L1251-35-1 is read as applying and the mission's maximum length as including both "
    "renewals: an inference not stated in one text (a warning).",
)
PLACEMENT_HOURS_CAP = register_rule(
    "placement.hours_cap",
    f"Mises à disposition au-delà de {_n(_PLACEMENT_CAP)} heures sur {_n(_PLACEMENT_WINDOW)} mois",
    title_en=f"Placements beyond {_n(_PLACEMENT_CAP)} hours over {_n(_PLACEMENT_WINDOW)} months",
    reference=_CT + "L5132-9, R5132-18",
    subject="Contract",
    description=f"AI placements with private-law employers beyond {_n(_PLACEMENT_CAP)} h over "
    f"the {_n(_PLACEMENT_WINDOW)} months from the first placement, unless a prefect waiver is "
    "in force.",
    description_fr="Mises à disposition d'une AI auprès d'employeurs de droit privé au-delà de "
    f"{_n(_PLACEMENT_CAP)} h sur les {_n(_PLACEMENT_WINDOW)} mois suivant la première, sauf "
    "dérogation du préfet en vigueur.",
    params=("placement.cap_hours", "placement.window_months"),
    messages={
        "default": (
            "Mises à disposition auprès d'employeurs : {hours} h sur les {window_months} mois "
            "suivant le {window_start} (plafond {cap_hours} h, sauf dérogation du préfet).",
            "Placements with employers: {hours} h over the {window_months} months from "
            "{window_start} (cap {cap_hours} h, unless the prefect waives it).",
        ),
    },
    reading="A window is the months from the first counted placement's start; the next "
    "counted placement after it opens a new window; a placement counts whole in the window "
    "of its start. The 16-hour threshold still written in R5132-18 1° refers to a condition "
    "the current L5132-9 1° no longer contains: it is not applied (unverified).",
)
CDI_INCLUSION_AGE = register_rule(
    "cdi_inclusion.age",
    f"CDI inclusion avec une personne de moins de {_n(_CDI_AGE)} ans",
    title_en=f"CDI inclusion with a person under {_n(_CDI_AGE)}",
    reference=_CT + "L5132-5-1, L5132-6-1, L5132-14-1, L5132-15-1-1",
    subject="Contract",
    description=f"CDI inclusion with a person under {_n(_CDI_AGE)} at hiring.",
    description_fr=f"CDI inclusion avec une personne de moins de {_n(_CDI_AGE)} ans à l'embauche.",
    params=("cdi_inclusion.min_age_years",),
    messages={
        "default": (
            "Un CDI inclusion est réservé aux personnes de {min_age} ans et plus : le salarié "
            "a {age} ans le {start}.",
            "A CDI inclusion is for people aged {min_age} and over: the employee is {age} "
            "on {start}.",
        ),
    },
)
CDI_INCLUSION_TOO_EARLY = register_rule(
    "cdi_inclusion.too_early",
    f"CDI inclusion moins de {_n(_CDI_AFTER)} mois après le début du parcours",
    title_en=f"CDI inclusion less than {_n(_CDI_AFTER)} months into the parcours",
    reference=_CT + "D5132-10-5, D5132-10-15, D5132-26-9, D5132-43-11",
    subject="Contract",
    description=f"CDI inclusion signed less than {_n(_CDI_AFTER)} months after the parcours began.",
    description_fr=f"CDI inclusion signé moins de {_n(_CDI_AFTER)} mois après le début du "
    "parcours.",
    params=("cdi_inclusion.after_months",),
    messages={
        "default": (
            "Un CDI inclusion ne peut être signé que {after_months} mois après le début du "
            "parcours ({parcours_start}), soit le {earliest_start} au plus tôt.",
            "A CDI inclusion may be signed only {after_months} months after the parcours "
            "began ({parcours_start}), on {earliest_start} at the earliest.",
        ),
    },
    reading="The contract's start is taken as its signing date.",
)
CDI_INCLUSION_SHARE = register_rule(
    "cdi_inclusion.share",
    "Part des CDI inclusion au-delà du plafond",
    title_en="Share of CDI inclusion above the cap",
    reference=_CT + "D5132-10-5-2, D5132-10-17, D5132-26-11, D5132-43-13",
    subject="Structure",
    description=f"CDI inclusion posts above {_n(_CDI_SHARE)} % of the conventioned full-time "
    f"posts ({_n(_CDI_SHARE_RAISED)} % with a prefect's decision).",
    description_fr=f"Postes en CDI inclusion au-delà de {_n(_CDI_SHARE)} % des postes "
    f"conventionnés à temps plein ({_n(_CDI_SHARE_RAISED)} % sur décision du préfet).",
    params=(
        "cdi_inclusion.share_percent",
        "cdi_inclusion.share_raised_percent",
        "cddi.max_weekly_hours",
    ),
    messages={
        "default": (
            "Le {day}, {fte:fte} ETP en CDI inclusion pour {conventioned_fte:fte} ETP "
            "conventionnés : plus de {percent} % ({max_fte:fte} ETP au plus).",
            "On {day}, {fte:fte} FTE on CDI inclusion for {conventioned_fte:fte} conventioned "
            "FTE: more than {percent}% ({max_fte:fte} FTE at most).",
        ),
    },
    reading="Posts are counted in full-time equivalents (weekly hours over the legal week, "
    "at most 1 each), as the aid counts posts; whether the texts mean headcount is "
    "unverified.",
)
PMSMP_DURATION = register_rule(
    "pmsmp.duration",
    "Durée ou renouvellement de PMSMP non conforme",
    title_en="PMSMP length or renewal not compliant",
    reference=_CT + "D5135-3",
    subject="Contract",
    description=f"One PMSMP agreement above {_n(_PMSMP_MAX)} month, renewed more than "
    f"{_n(_PMSMP_RENEWALS)} time(s), or a renewal longer than the first agreement.",
    description_fr=f"Une convention de PMSMP de plus de {_n(_PMSMP_MAX)} mois, renouvelée plus "
    f"de {_n(_PMSMP_RENEWALS)} fois, ou un renouvellement plus long que la première "
    "convention.",
    params=("pmsmp.max_months", "pmsmp.max_renewals"),
    messages={
        "too_long": (
            "Une convention de PMSMP dure un mois au plus : du {start}, fin au plus tard le "
            "{latest_end}.",
            "A PMSMP agreement lasts at most {max_months} month(s): from {start}, it ends on "
            "{latest_end} at the latest.",
        ),
        "renewed_again": (
            "Une convention de PMSMP n'est renouvelable qu'une fois.",
            "A PMSMP agreement may be renewed only once.",
        ),
        "renewal_longer": (
            "Le renouvellement ({days} jours) ne peut être plus long que la première "
            "convention ({first_days} jours).",
            "The renewal ({days} days) may not be longer than the first agreement "
            "({first_days} days).",
        ),
    },
    reading="A renewal is an agreement whose renewal_of is the start of another agreement "
    "with the same host; a renewal_of that matches none is taken as a new agreement.",
)
PMSMP_SAME_HOST = register_rule(
    "pmsmp.same_host",
    "Trop de PMSMP avec la même structure d'accueil",
    title_en="Too many PMSMP with the same host",
    reference=_CT + "D5135-3",
    subject="Contract",
    description=f"More than {_n(_PMSMP_AGREEMENTS)} agreements, or more than "
    f"{_n(_PMSMP_DAYS)} days, with the same host over {_n(_PMSMP_WINDOW)} consecutive months.",
    description_fr=f"Plus de {_n(_PMSMP_AGREEMENTS)} conventions, ou plus de "
    f"{_n(_PMSMP_DAYS)} jours, avec la même structure d'accueil sur {_n(_PMSMP_WINDOW)} mois "
    "consécutifs.",
    params=(
        "pmsmp.same_host_max_agreements",
        "pmsmp.same_host_max_days",
        "pmsmp.same_host_window_months",
    ),
    messages={
        "agreements": (
            "Plus de {max_agreements} conventions de PMSMP avec la même structure d'accueil "
            "({host}) sur {window_months} mois consécutifs : {count} conventions du "
            "{window_start} au {window_end}.",
            "More than {max_agreements} PMSMP agreements with the same host ({host}) over "
            "{window_months} consecutive months: {count} agreements from {window_start} to "
            "{window_end}.",
        ),
        "days": (
            "Plus de {max_days} jours de PMSMP avec la même structure d'accueil ({host}) sur "
            "{window_months} mois consécutifs : {count} jours du {window_start} au "
            "{window_end}.",
            "More than {max_days} days of PMSMP with the same host ({host}) over "
            "{window_months} consecutive months: {count} days from {window_start} to "
            "{window_end}.",
        ),
    },
    reading="Windows are the consecutive months from every day; an agreement counts in a "
    "window when it starts in it, renewals not counted; days count by their overlap with "
    "the window, renewals included (iae_core.pmsmp).",
)
PMSMP_SHARE = register_rule(
    "pmsmp.share",
    f"PMSMP au-delà de {_n(_PMSMP_SHARE)} % de la durée du contrat",
    title_en=f"PMSMP above {_n(_PMSMP_SHARE)}% of the contract's length",
    reference=_CT + "D5132-10-3, D5132-26-3, D5132-43-3",
    subject="Contract",
    description=f"PMSMP during one contract totalling more than {_n(_PMSMP_SHARE)} % of its "
    "length.",
    description_fr=f"PMSMP d'un même contrat totalisant plus de {_n(_PMSMP_SHARE)} % de sa durée.",
    params=("pmsmp.share_percent", "pmsmp.share_structure_kinds"),
    messages={
        "default": (
            "PMSMP sur {days} jours, plus de {percent} % des {contract_days} jours du contrat "
            "({max_days} jours au plus).",
            "PMSMP on {days} days, more than {percent}% of the contract's {contract_days} "
            "days ({max_days} days at most).",
        ),
    },
    reading="Days of PMSMP (overlaps counted once, within the contract) against the days "
    "from the contract's start to its final end.",
)
NO_APPROVAL = register_rule(
    "contract.no_approval",
    "Contrat sans PASS IAE valide à son début",
    title_en="Contract without a PASS IAE valid on its start",
    reference=_CT + "R5132-1-6, R5132-1-9",
    subject="Contract",
    description="An SIAE contract starting without a PASS IAE valid on its start date.",
    description_fr="Un contrat en SIAE qui débute sans PASS IAE valide à sa date de début.",
    params=("contract.approval_required",),
    messages={
        "missing": (
            "Aucun PASS IAE pour ce contrat qui débute le {start}.",
            "No PASS IAE for this contract starting on {start}.",
        ),
        "before": (
            "Le contrat débute le {start}, avant le début du PASS IAE ({approval_start}).",
            "The contract starts on {start}, before the PASS IAE starts ({approval_start}).",
        ),
    },
    reading="EITI contracts are read as needing a PASS IAE from the PASS IAE regime's start "
    "(décret 2021-1128): the date is unverified.",
)
OUTSIDE_APPROVAL = register_rule(
    "contract.outside_approval",
    "Contrat débutant après la fin du PASS IAE",
    title_en="Contract starting after the PASS IAE ends",
    reference="Plateforme de l'inclusion : « Le contrat doit débuter sur la période couverte "
    "par le PASS IAE »",
    subject="Contract",
    description="Contract start after the PASS IAE end.",
    description_fr="Début du contrat après la fin du PASS IAE.",
    params=("contract.approval_required",),
    messages={
        "default": (
            "Le contrat débute le {start}, après la fin du PASS IAE ({approval_end}).",
            "The contract starts on {start}, after the PASS IAE ends ({approval_end}).",
        ),
    },
)

# --- helpers -------------------------------------------------------------------------------

_CDDI_REF = {
    SK.EI: _CT + "L5132-5",
    SK.AI: _CT + "L5132-11-1",
    SK.ACI: _CT + "L5132-15-1",
}
_CUMUL_REF = {
    SK.EI: _CT + "D5132-10-5-3",
    SK.AI: _CT + "D5132-26-12",
    SK.ACI: _CT + "D5132-43-14",
}
_PMSMP_SHARE_REF = {
    SK.EI: _CT + "D5132-10-3",
    SK.AI: _CT + "D5132-26-3",
    SK.ACI: _CT + "D5132-43-3",
}
_CDI_AGE_REF = {
    SK.EI: _CT + "L5132-5-1",
    SK.ETTI: _CT + "L5132-6-1",
    SK.AI: _CT + "L5132-14-1",
    SK.ACI: _CT + "L5132-15-1-1",
}
_CDI_EARLY_REF = {
    SK.EI: _CT + "D5132-10-5",
    SK.ETTI: _CT + "D5132-10-15",
    SK.AI: _CT + "D5132-26-9",
    SK.ACI: _CT + "D5132-43-11",
}
_CDI_SHARE_REF = {
    SK.EI: _CT + "D5132-10-5-2",
    SK.ETTI: _CT + "D5132-10-17",
    SK.AI: _CT + "D5132-26-11",
    SK.ACI: _CT + "D5132-43-13",
}
_EARLIEST = pendulum.Date(1, 1, 1)


@functools.cache  # one entry per distinct (day, value) asked for
def _period_end(start: pendulum.Date, months: int) -> pendulum.Date:
    """`period_end`, remembered: a national check asks for the same few thousand starts."""
    return period_end(start, months)


def _next_day(day: pendulum.Date) -> pendulum.Date:
    return pendulum.Date.fromordinal(day.toordinal() + 1)


def _has(p: params.Param, day: pendulum.Date, kind: SK) -> bool:
    """True when the `codes` parameter `p` holds `kind` on `day`."""
    return kind in p.at(day)


def _renewal_key(item: tuple[int, Any]) -> tuple[pendulum.Date, str, pendulum.Date]:
    r = item[1]
    return (r.end, r.ground.value if r.ground is not None else "", r.training_end or _EARLIEST)


def _immersion_key(item: tuple[int, Immersion]) -> tuple[pendulum.Date, pendulum.Date, str, Any]:
    m = item[1]
    return (m.start, m.end, m.host_siret, m.renewal_of or _EARLIEST)


def _derogation_key(item: tuple[int, Any]) -> tuple[pendulum.Date, pendulum.Date, str, str]:
    d = item[1]
    other = d.other_employer_kind.value if d.other_employer_kind is not None else ""
    return (d.start, d.end, d.kind.value, other)


def _waivers(value: PrefectWaiver | Iterable[PrefectWaiver] | None) -> tuple[PrefectWaiver, ...]:
    if value is None:
        return ()
    if isinstance(value, PrefectWaiver):
        return (value,)
    return tuple(value)


# --- the contract checker ------------------------------------------------------------------


def check_contract(
    contract: Contract,
    *,
    on: DayLike,
    person: Person | None = None,
    parcours_start: pendulum.Date | None = None,
    approval: Approval | None = None,
    prefect_waiver: PrefectWaiver | Iterable[PrefectWaiver] | None = None,
    require_approval: bool = False,
    in_cdi_inclusion: bool = False,
) -> Report:
    """Check one contract against every contract rule, as of `on`.

    Paths are relative to the contract (`end`, `renewals[0].end`, `weekly_hours`,
    `immersions[2].end`, `placements[1].hours`…): a whole-parcours check prefixes them
    with `Report.prefixed` (`contracts[1].`). `check(contract, on=…, **context)` calls
    this function.

    Args:
        contract: the contract.
        on: the date of the check. Only the hours rule depends on it: the days from the
            start to `on` (or to the end, when earlier) must be covered by a derogation
            when the CDDI is below the weekly minimum. Every other rule uses the
            contract's own dates, in the version in force on its start.
        person: the employee (extension grounds, CDI inclusion age, *aménagement de
            peine*); rules needing the person are skipped without it (see module doc).
        parcours_start: first day of the parcours (default: the approval's start when
            earlier than the contract, else the contract's start).
        approval: the PASS IAE (its `start` and `end`); without it the approval rules
            are not checked unless `require_approval`.
        prefect_waiver: prefect decision(s) lifting the placement cap (R5132-18).
        require_approval: when true, a missing `approval` is a `contract.no_approval`
            (the whole-parcours check knows the parcours has no PASS).
        in_cdi_inclusion: the ETTI mission is part of a CDI inclusion (longer cap,
            L5132-6-1).

    Returns:
        The findings (empty when every rule is met).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    out: list[Finding] = []
    kind = contract.kind
    sk = contract.structure_kind
    start = contract.start
    allowed = _ALLOWED_KINDS.at(start).get(sk, frozenset())
    if kind not in allowed:
        _kind_not_allowed(contract, out)
    elif kind in _OUTSIDE_AID_KINDS.at(start).get(sk, frozenset()):
        _outside_aid(contract, out)
    if parcours_start is None:
        parcours_start = (
            approval.start if approval is not None and approval.start < start else start
        )
    cddi = kind is _CK.CDDI and _has(_CDDI_KINDS, start, sk)
    if cddi:
        _cddi_duration(contract, person, out)
        _cddi_hours(contract, on, parcours_start, out)
        _cddi_trial(contract, out)
    elif kind is _CK.MISSION and sk is SK.ETTI:
        _mission(contract, in_cdi_inclusion, out)
    elif kind is _CK.CDI_INCLUSION and _has(_CDI_KINDS, start, sk):
        _cdi_inclusion(contract, person, parcours_start, out)
    if not cddi and kind is not _CK.COMMERCIAL and contract.weekly_hours > _ANY_MAX_HOURS.at(start):
        _above_max_hours(contract, out)
    if contract.placements and sk is SK.AI:
        _placements(contract, _waivers(prefect_waiver), out)
    if contract.immersions:
        _immersions(contract, out)
        out.extend(check_immersions(contract, on=on))
    if sk.issues_pass_iae:
        _approval(contract, approval, require_approval, out)
    return Report(tuple(out)) if out else NO_FINDINGS


def _kind_not_allowed(contract: Contract, out: list[Finding]) -> None:
    """`contract.kind_not_allowed`: `contract.allowed_kinds`.

    CDDI in EI, AI, ACI (C. trav. art. L5132-5, L5132-11-1, L5132-15-1); missions in ETTI
    (L5132-6); CDD d'usage in AI (D1242-1 12°); CDI inclusion in EI, ETTI, AI, ACI
    (L5132-5-1, L5132-6-1, L5132-14-1, L5132-15-1-1); EITI: a commercial contract with a
    self-employed worker, no employment contract (loi 2018-771 art. 83, L8221-6). Outside
    the SIAE no IAE-specific contract.
    """
    out.append(
        KIND_NOT_ALLOWED.emit(
            "default", "kind", kind=contract.kind, structure_kind=contract.structure_kind
        )
    )


def _outside_aid(contract: Contract, out: list[Finding]) -> None:
    """`contract.kind_not_allowed` as a warning: `contract.outside_aid_kinds`.

    An AI may employ on a professionalisation contract (the platform offers that kind to
    AI) but outside the IAE aid au poste: the ministry's Q&R on the parcours reform (5 May
    2022 update, §5.2) says an AI may choose not to claim the aid, e.g. for
    professionalisation contracts. The PASS IAE is still required (`contract.no_approval`).
    """
    out.append(
        KIND_NOT_ALLOWED.emit(
            "outside_aid",
            "kind",
            severity=Severity.WARNING,
            reference="Q&R DGEFP réforme du parcours IAE (mise à jour du 5 mai 2022) §5.2",
            kind=contract.kind,
            structure_kind=contract.structure_kind,
        )
    )


def _above_max_hours(contract: Contract, out: list[Finding]) -> None:
    """`contract.weekly_hours_max` for any employment contract: C. trav. art. L3121-20.

    No employee may work more than `contract.max_weekly_hours` in one week (the CDDI's own
    cap is in `_cddi_hours`); EITI's commercial contract is not an employment contract.
    """
    out.append(
        WEEKLY_HOURS_MAX.emit(
            "any",
            "weekly_hours",
            reference=_CT + "L3121-20",
            hours=contract.weekly_hours,
            max_hours=_ANY_MAX_HOURS.at(contract.start),
        )
    )


def _cddi_duration(contract: Contract, person: Person | None, out: list[Finding]) -> None:
    """`contract.min_duration`, `contract.max_duration`, `contract.extension_*`.

    C. trav. art. L5132-5 (EI), L5132-11-1 (AI), L5132-15-1 (ACI), versions in force since
    2021-06-15: a CDDI is concluded for `cddi.min_months` at least (except for a person
    convicted under an *aménagement de peine*), renewable up to `cddi.max_months` in all,
    with no cap on the number of renewals (L1243-13 excludes L1242-3 contracts). Past the
    maximum only with an extension ground: training under way at the planned end (not past
    the training's end); aged `cddi.extension_min_age_years` or more; RQTH; and, in ACI and
    AI only, particularly significant difficulties (decisions of at most
    `cddi.particular_difficulties_step_months` each,
    `cddi.particular_difficulties_max_months` in all). The renewal-count cap of the 2008
    version is `CDDI_RENEWAL_CAP` (warning). The age and RQTH extensions have no cap in
    these articles (the caps of R5132-1-8 are caps of the PASS IAE, checked with the
    approval).
    """
    sk = contract.structure_kind
    ref = _CDDI_REF[sk]
    start = contract.start
    end = contract.end
    assert end is not None  # validated: only a CDI inclusion has no end
    min_months = _CDDI_MIN.at(start)
    min_end = _period_end(start, min_months)
    if end < min_end and not (person is not None and person.under_justice_measure):
        out.append(
            MIN_DURATION.emit(
                "default",
                "end",
                reference=ref,
                min_months=min_months,
                start=start,
                earliest_end=min_end,
                end=end,
            )
        )
    max_months = _CDDI_MAX.at(start)
    limit = _period_end(start, max_months)
    if end > limit:
        out.append(
            MAX_DURATION.emit(
                "default",
                "end",
                reference=ref,
                max_months=max_months,
                start=start,
                latest_end=limit,
                end=end,
            )
        )
    if not contract.renewals:
        return
    cap = CDDI_RENEWAL_CAP.at(start)
    whole_limit: pendulum.Date | None = None
    prev = end
    for rank, (i, r) in enumerate(sorted(enumerate(contract.renewals), key=_renewal_key)):
        path = f"renewals[{i}]"
        if cap is not None and rank >= cap:
            cap_end = _RENEWAL_CAP_END.at(start)
            out.append(
                MAX_DURATION.emit(
                    "renewal_cap",
                    path,
                    severity=Severity.WARNING,
                    reference=f"{ref} (version antérieure au {fmt_date(cap_end)})",
                    cap=cap,
                    cap_end=cap_end,
                    max_months=max_months,
                )
            )
        if r.end > limit:
            ext_start = _next_day(max(prev, limit))
            if r.ground is None:
                out.append(
                    MAX_DURATION.emit(
                        "no_ground",
                        path + ".end",
                        reference=ref,
                        max_months=max_months,
                        latest_end=limit,
                    )
                )
            else:
                if whole_limit is None:
                    whole_limit = _period_end(start, _PD_MAX.at(start))
                _extension(contract, r, i, ext_start, whole_limit, person, ref, out)
        if r.end > prev:
            prev = r.end


def _extension(
    contract: Contract,
    r: Any,
    i: int,
    ext_start: pendulum.Date,
    whole_limit: pendulum.Date,
    person: Person | None,
    ref: str,
    out: list[Finding],
) -> None:
    """One extension past the CDDI's maximum length (L5132-5, L5132-11-1, L5132-15-1)."""
    sk = contract.structure_kind
    start = contract.start
    path = f"renewals[{i}]"
    ground = r.ground
    if ground is ExtensionGround.TRAINING:
        if r.training_end is None:
            out.append(
                EXTENSION_NOT_ALLOWED.emit("no_training_end", path + ".training_end", reference=ref)
            )
        elif r.end > r.training_end:
            out.append(
                EXTENSION_NOT_ALLOWED.emit(
                    "past_training", path + ".end", reference=ref, training_end=r.training_end
                )
            )
    elif ground is ExtensionGround.AGE_50:
        min_age = _EXTENSION_AGE.at(start)
        if person is not None and person.age_on(ext_start) < min_age:
            out.append(
                EXTENSION_NOT_ALLOWED.emit(
                    "too_young",
                    path + ".ground",
                    reference=ref,
                    min_age=min_age,
                    age=person.age_on(ext_start),
                    day=ext_start,
                )
            )
    elif ground is ExtensionGround.RQTH:
        if person is not None and not person.rqth:
            out.append(
                EXTENSION_NOT_ALLOWED.emit("not_recognised", path + ".ground", reference=ref)
            )
    elif not _has(_PD_KINDS, start, sk):
        out.append(
            EXTENSION_NOT_ALLOWED.emit(
                "not_in_structure", path + ".ground", reference=ref, structure_kind=sk
            )
        )
    else:
        step_months = _PD_STEP.at(start)
        step_limit = _period_end(ext_start, step_months)
        if r.end > step_limit:
            out.append(
                EXTENSION_TOO_LONG.emit(
                    "step",
                    path + ".end",
                    reference=ref,
                    step_months=step_months,
                    extension_start=ext_start,
                    latest_end=step_limit,
                )
            )
        if r.end > whole_limit:
            out.append(
                EXTENSION_TOO_LONG.emit(
                    "total",
                    path + ".end",
                    reference=ref,
                    max_months=_PD_MAX.at(start),
                    latest_end=whole_limit,
                )
            )


def _cddi_hours(
    contract: Contract, on: pendulum.Date, parcours_start: pendulum.Date, out: list[Finding]
) -> None:
    """`contract.weekly_hours_min`, `weekly_hours_max` and `derogation_invalid`.

    L5132-5, L5132-11-1, L5132-15-1: at least `cddi.min_weekly_hours` a week, never above
    the legal `cddi.max_weekly_hours`. Below the minimum only under a derogation: *cumul*
    with another part-time job (EI, AI, ACI: D5132-10-5-3, D5132-26-12, D5132-43-14 —
    granted at least `derogation.cumul_after_months` into the parcours, at most
    `derogation.cumul_max_months`, renewed at most once, the other job not in an SIAE or
    EA) or, in ACI only, *very serious difficulties* (D5132-43-5 to -10: at most
    `derogation.severe_max_months` per decision).

    The contract has one `weekly_hours`: below the minimum, every day from the start to
    `on` (or the final end, when earlier; the start alone when `on` is before it) must be
    covered by a derogation. Invalid derogations still count as in force here: their
    defects are reported once, by `contract.derogation_invalid`.
    """
    sk = contract.structure_kind
    start = contract.start
    ref = _CDDI_REF[sk]
    hours = contract.weekly_hours
    max_hours = _CDDI_MAX_HOURS.at(start)
    if hours > max_hours:
        out.append(
            WEEKLY_HOURS_MAX.emit(
                "cddi",
                "weekly_hours",
                reference=ref + (", L3121-20" if hours > _ANY_MAX_HOURS.at(start) else ""),
                hours=hours,
                max_hours=max_hours,
            )
        )
    derogations = contract.derogations
    min_hours = _CDDI_MIN_HOURS.at(start)
    if hours < min_hours:
        covered_to = first_uncovered_day(contract, on)
        if covered_to is not None:
            out.append(
                WEEKLY_HOURS_MIN.emit(
                    "default",
                    "weekly_hours",
                    reference=ref,
                    hours=hours,
                    min_hours=min_hours,
                    day=covered_to,
                )
            )
    if not derogations:
        return
    cumul_rank = 0
    earliest_cumul: pendulum.Date | None = None
    for i, d in sorted(enumerate(derogations), key=_derogation_key):
        path = f"derogations[{i}]"
        if d.kind is DerogationKind.CUMUL:
            cref = _CUMUL_REF[sk]
            cumul_rank += 1
            after_months = _CUMUL_AFTER.at(start)
            if earliest_cumul is None:
                earliest_cumul = period_next(parcours_start, after_months)
            if d.start < earliest_cumul:
                out.append(
                    DEROGATION_INVALID.emit(
                        "cumul_too_early",
                        path + ".start",
                        reference=cref,
                        after_months=after_months,
                        earliest_start=earliest_cumul,
                    )
                )
            max_months = _CUMUL_MAX.at(start)
            limit = _period_end(d.start, max_months)
            if d.end > limit:
                out.append(
                    DEROGATION_INVALID.emit(
                        "cumul_too_long",
                        path + ".end",
                        reference=cref,
                        max_months=max_months,
                        latest_end=limit,
                    )
                )
            max_decisions = _CUMUL_DECISIONS.at(start)
            if cumul_rank > max_decisions:
                out.append(
                    DEROGATION_INVALID.emit(
                        "cumul_renewed", path, reference=cref, max_decisions=max_decisions
                    )
                )
            other = d.other_employer_kind
            if other is not None and _has(_CUMUL_EXCLUDED, start, other):
                out.append(
                    DEROGATION_INVALID.emit(
                        "cumul_other_employer",
                        path + ".other_employer_kind",
                        reference=cref,
                        other_employer_kind=other,
                    )
                )
        else:
            if not _has(_SEVERE_KINDS, start, sk):
                out.append(
                    DEROGATION_INVALID.emit(
                        "severe_not_in_structure",
                        path + ".kind",
                        reference=_CT + "D5132-43-5",
                        structure_kind=sk,
                    )
                )
            max_months = _SEVERE_MAX.at(start)
            limit = _period_end(d.start, max_months)
            if d.end > limit:
                out.append(
                    DEROGATION_INVALID.emit(
                        "severe_too_long",
                        path + ".end",
                        reference=_CT + "D5132-43-5",
                        max_months=max_months,
                        latest_end=limit,
                    )
                )


def first_uncovered_day(contract: Contract, on: DayLike) -> pendulum.Date | None:
    """The first day a CDDI below the weekly minimum must be covered and is not.

    The days from the contract's start to `on` (or to its final end, when earlier; the
    start alone when `on` is before it) must each be covered by a derogation (any kind,
    valid or not) when the CDDI is below `cddi.min_weekly_hours`: the rule
    `contract.weekly_hours_min`, which this function decides. `None` when every such
    day is covered.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    final_end = contract.final_end
    assert final_end is not None
    start = contract.start
    last = max(start, min(on, final_end))
    covered_to = derogations_cover_until(contract)
    return covered_to if covered_to <= last else None


def derogations_cover_until(contract: Contract) -> pendulum.Date:
    """The first day from the contract's start not covered by its derogations (any kind)."""
    covered_to = contract.start  # first day not yet covered
    for d in sorted(contract.derogations, key=lambda d: (d.start, d.end)):
        if d.start > covered_to:
            break
        if d.end >= covered_to:
            covered_to = _next_day(d.end)
    return covered_to


def pmsmp_share_days(contract: Contract) -> tuple[int, int, int] | None:
    """The `pmsmp.share` count: `(days, contract_days, max_days)`, or `None` when it does not apply.

    D5132-10-3 (EI), D5132-26-3 (AI), D5132-43-3 (ACI): the days of PMSMP (overlaps counted
    once, within the contract) against the days from the contract's start to its final
    end; at most `max_days` (`pmsmp.share_percent` of them, rounded down). `None` for a
    contract without a final end or of another structure kind (`pmsmp.share_structure_kinds`).
    """
    final_end = contract.final_end
    if final_end is None or not _has(_PMSMP_SHARE_KINDS, contract.start, contract.structure_kind):
        return None
    total = 0
    covered_to = _EARLIEST
    for _i, m in sorted(enumerate(contract.immersions), key=_immersion_key):
        s = max(m.start, covered_to, contract.start)
        e = min(m.end, final_end)
        if e >= s:
            total += days_inclusive(s, e)
            covered_to = _next_day(e)
    length = days_inclusive(contract.start, final_end)
    return total, length, length * _PMSMP_SHARE.at(contract.start) // 100


def cddi_max_trial_days(start: pendulum.Date, end: pendulum.Date) -> int:
    """Longest CDDI trial period, in calendar days, for a contract planned from start to end.

    C. trav. art. L1242-10: `trial.cdd_days_per_week` per week of the planned length
    (whole weeks: the days counted inclusively, divided by 7, rounded down), capped at
    `trial.cdd_short_cap_weeks` when the planned length is `trial.cdd_short_contract_months`
    or less, at `trial.cdd_long_cap_months` (date to date from the start) otherwise.
    """
    trial = days_inclusive(start, end) // _DAYS_PER_WEEK * _TRIAL_PER_WEEK.at(start)
    if end <= _period_end(start, _TRIAL_SHORT_CONTRACT.at(start)):
        return int(min(trial, _TRIAL_SHORT_CAP.at(start) * _DAYS_PER_WEEK))
    return int(min(trial, days_inclusive(start, _period_end(start, _TRIAL_LONG_CAP.at(start)))))


def mission_max_trial_days(start: pendulum.Date, end: pendulum.Date) -> int:
    """Longest trial period of a mission (C. trav. art. L1251-14), in days.

    `trial.mission_short_days` when the mission lasts `trial.mission_short_months` or
    less, `trial.mission_medium_days` up to `trial.mission_medium_months`,
    `trial.mission_long_days` beyond.
    """
    if end <= _period_end(start, _MISSION_SHORT.at(start)):
        return int(_MISSION_SHORT_DAYS.at(start))
    if end <= _period_end(start, _MISSION_MEDIUM.at(start)):
        return int(_MISSION_MEDIUM_DAYS.at(start))
    return int(_MISSION_LONG_DAYS.at(start))


def _cddi_trial(contract: Contract, out: list[Finding]) -> None:
    """`contract.trial_period` for a CDDI: C. trav. art. L1242-10 (see cddi_max_trial_days)."""
    if contract.trial_period_days == 0:
        return
    start = contract.start
    assert contract.end is not None
    most = cddi_max_trial_days(start, contract.end)
    if contract.trial_period_days > most:
        out.append(
            TRIAL_PERIOD.emit(
                "cddi",
                "trial_period_days",
                reference=_CT + "L1242-10",
                trial_days=contract.trial_period_days,
                max_days=most,
                short_cap_weeks=_TRIAL_SHORT_CAP.at(start),
                short_contract_months=_TRIAL_SHORT_CONTRACT.at(start),
            )
        )


def _mission(contract: Contract, in_cdi_inclusion: bool, out: list[Finding]) -> None:
    """`mission.max_duration` and the mission's `contract.trial_period`.

    C. trav. art. L5132-6: an ETTI mission may last `mission.max_months`, renewals included
    (`mission.max_months_in_cdi_inclusion` inside a CDI inclusion: L5132-6-1). The renewal
    count follows L1251-35-1 (`mission.max_renewals` without a branch agreement); that the
    maximum length includes both renewals is a reading (the rule's `reading`), so more
    renewals than `MISSION_MAX_RENEWALS` is only a warning. Trial period: L1251-14.
    """
    start = contract.start
    months = (_MISSION_MAX_IN_CDI if in_cdi_inclusion else _MISSION_MAX).at(start)
    ref = _CT + ("L5132-6-1" if in_cdi_inclusion else "L5132-6")
    end = contract.end
    assert end is not None
    limit = _period_end(start, months)
    values = {"max_months": months, "start": start, "latest_end": limit}
    if end > limit:
        out.append(MISSION_MAX_DURATION.emit("default", "end", reference=ref, **values))
    max_renewals = _MISSION_RENEWALS.at(start)
    for rank, (i, r) in enumerate(sorted(enumerate(contract.renewals), key=_renewal_key)):
        if rank >= max_renewals:
            out.append(
                MISSION_MAX_DURATION.emit(
                    "renewals",
                    f"renewals[{i}]",
                    severity=Severity.WARNING,
                    reference=_CT + "L1251-35-1, L5132-6",
                    max_renewals=max_renewals,
                )
            )
        if r.end > limit:
            out.append(
                MISSION_MAX_DURATION.emit("default", f"renewals[{i}].end", reference=ref, **values)
            )
    if contract.trial_period_days:
        most = mission_max_trial_days(start, end)
        if contract.trial_period_days > most:
            out.append(
                TRIAL_PERIOD.emit(
                    "mission",
                    "trial_period_days",
                    reference=_CT + "L1251-14",
                    trial_days=contract.trial_period_days,
                    max_days=most,
                )
            )


def _cdi_inclusion(
    contract: Contract,
    person: Person | None,
    parcours_start: pendulum.Date,
    out: list[Finding],
) -> None:
    """`cdi_inclusion.age` and `cdi_inclusion.too_early`.

    Age `cdi_inclusion.min_age_years` or more on the first day (L5132-5-1 EI, L5132-6-1
    ETTI, L5132-14-1 AI, L5132-15-1-1 ACI; not checked without a person); start at least
    `cdi_inclusion.after_months` after the parcours began (D5132-10-5, D5132-10-15,
    D5132-26-9, D5132-43-11). The contract's `start` is taken as its signing date.
    """
    sk = contract.structure_kind
    start = contract.start
    if person is not None:
        age = person.age_on(start)
        min_age = _CDI_AGE.at(start)
        if age < min_age:
            out.append(
                CDI_INCLUSION_AGE.emit(
                    "default",
                    "",
                    reference=_CDI_AGE_REF[sk],
                    min_age=min_age,
                    age=age,
                    start=start,
                )
            )
    after_months = _CDI_AFTER.at(start)
    earliest = period_next(parcours_start, after_months)
    if start < earliest:
        out.append(
            CDI_INCLUSION_TOO_EARLY.emit(
                "default",
                "start",
                reference=_CDI_EARLY_REF[sk],
                after_months=after_months,
                parcours_start=parcours_start,
                earliest_start=earliest,
            )
        )


def _placements(contract: Contract, waivers: Sequence[PrefectWaiver], out: list[Finding]) -> None:
    """`placement.hours_cap`: C. trav. art. L5132-9 2°, R5132-18 2°.

    Placements with private-law employers (`HostKind.EMPLOYER`) are capped at
    `placement.cap_hours` over the `placement.window_months` from the first placement;
    placements with private individuals and non-profit bodies do not count. A window is
    the calendar months from the first counted placement's start; the next counted
    placement starting after it opens a new window. A placement counts whole in the window
    of its start. The placement whose hours take the window's total above the cap gets the
    finding (and every later one in the window), unless a prefect waiver (D5132-18-1) is
    in force on its start; the waived hours still count in the window's total.

    The hours threshold still written in R5132-18 1° refers to a condition that the
    current L5132-9 1° no longer contains (unverified how it is applied): it is not
    applied.
    """
    counted = sorted(
        (p.start, p.end, p.hours, p.host_siret or "", i)
        for i, p in enumerate(contract.placements)
        if p.host is HostKind.EMPLOYER
    )
    window_months = _PLACEMENT_WINDOW.at(contract.start)
    cap = _PLACEMENT_CAP.at(contract.start)
    window_start = window_end = None
    total = 0.0
    for p_start, _end, hours, _siret, i in counted:
        if window_end is None or p_start > window_end:
            window_start = p_start
            window_end = _period_end(p_start, window_months)
            total = 0.0
        total += hours
        if total > cap and not any(w.covers(p_start) for w in waivers):
            assert window_start is not None
            out.append(
                PLACEMENT_HOURS_CAP.emit(
                    "default",
                    f"placements[{i}].hours",
                    hours=total,
                    window_months=window_months,
                    window_start=window_start,
                    cap_hours=cap,
                )
            )


def _immersions(contract: Contract, out: list[Finding]) -> None:
    """`pmsmp.duration`, `pmsmp.same_host`, `pmsmp.share`.

    C. trav. art. D5135-3: each agreement lasts at most `pmsmp.max_months` date to date;
    it may be renewed once, for at most the same length; with the same host, at most
    `pmsmp.same_host_max_agreements` (renewals are not new agreements) and
    `pmsmp.same_host_max_days` (renewals included) over any
    `pmsmp.same_host_window_months` consecutive months, in the reading of
    `iae_core.pmsmp.same_host_excess`. D5132-10-3 (EI), D5132-26-3 (AI), D5132-43-3
    (ACI): all PMSMP of one contract together at most `pmsmp.share_percent` of the
    contract's length (days of PMSMP, overlaps counted once, against the days from start
    to final end).

    A renewal is an agreement whose `renewal_of` is the `start` of another agreement with
    the same host; a `renewal_of` that matches none is taken as a new agreement
    (`iae_core.pmsmp.renewals`).
    """
    items = sorted(enumerate(contract.immersions), key=_immersion_key)
    seen: set[tuple[str, str]] = set()

    def add(finding: Finding) -> None:
        key = (finding.message, finding.path)
        if key not in seen:
            seen.add(key)
            out.append(finding)

    by_host: dict[str, list[tuple[int, Immersion]]] = {}
    for i, m in items:
        max_months = _PMSMP_MAX.at(m.start)
        limit = _period_end(m.start, max_months)
        if m.end > limit:
            add(
                PMSMP_DURATION.emit(
                    "too_long",
                    f"immersions[{i}].end",
                    max_months=max_months,
                    start=m.start,
                    latest_end=limit,
                )
            )
        by_host.setdefault(m.host_siret, []).append((i, m))
    for host, group in by_host.items():
        starts: dict[pendulum.Date, list[tuple[int, Immersion]]] = {}
        for i, m in group:
            starts.setdefault(m.start, []).append((i, m))
        is_renewal = dict(
            zip(
                (i for i, _m in group),
                renewals([(m.start, m.renewal_of) for _i, m in group]),
                strict=True,
            )
        )
        renewals_of: dict[pendulum.Date, int] = {}
        for i, m in group:
            if m.renewal_of is None:
                continue
            # the agreement renewed: one starting on ``renewal_of``, other than this one; when
            # several with this host start that day, the longest (then the first in order), so
            # that an ambiguous reference never makes a renewal "longer" than what it renews
            candidates = [x for x in starts.get(m.renewal_of, ()) if x[0] != i]
            if not candidates:
                continue  # a new agreement (pmsmp.renewals)
            first = max(candidates, key=lambda x: (days_inclusive(x[1].start, x[1].end), -x[0]))
            fi, fm = first
            count = renewals_of.get(fm.start, 0) + 1
            renewals_of[fm.start] = count
            max_renewals = _PMSMP_RENEWALS.at(fm.start)
            if count > max_renewals or is_renewal[fi]:
                add(
                    PMSMP_DURATION.emit(
                        "renewed_again", f"immersions[{i}]", max_renewals=max_renewals
                    )
                )
            length = days_inclusive(m.start, m.end)
            first_length = days_inclusive(fm.start, fm.end)
            if length > first_length:
                add(
                    PMSMP_DURATION.emit(
                        "renewal_longer",
                        f"immersions[{i}].end",
                        days=length,
                        first_days=first_length,
                    )
                )
        for excess in immersions_excess(group):
            out.append(same_host_finding(host, excess, f"immersions[{excess.ref}]"))
    sk = contract.structure_kind
    share = pmsmp_share_days(contract)
    if share is not None:
        total, length, _most = share
        percent = _PMSMP_SHARE.at(contract.start)
        if total * 100 > length * percent:
            out.append(
                PMSMP_SHARE.emit(
                    "default",
                    "immersions",
                    reference=_PMSMP_SHARE_REF[sk],
                    days=total,
                    percent=percent,
                    contract_days=length,
                    max_days=length * percent // 100,
                )
            )


def immersions_excess(group: Sequence[tuple[_RefT, Immersion]]) -> list[Excess[_RefT]]:
    """`iae_core.pmsmp.same_host_excess` over `(ref, immersion)` pairs with one host.

    The renewals are told by `iae_core.pmsmp.renewals` (a `renewal_of` naming another
    agreement of the group); each `Excess.ref` is the pair's `ref`.
    """
    flags = renewals([(m.start, m.renewal_of) for _ref, m in group])
    return same_host_excess(
        [
            Agreement(m.start, m.end, renewal, ref)
            for (ref, m), renewal in zip(group, flags, strict=True)
        ]
    )


def same_host_finding(host: str, excess: Excess[Any], path: str) -> Finding:
    """The `pmsmp.same_host` finding for one agreement in excess (D5135-3).

    `path` is the agreement's (`immersions[2]`, `contracts[1].immersions[0]`); the days
    excess points at its `.end`.
    """
    day = excess.window_start
    window = {
        "host": host,
        "count": excess.count,
        "window_months": _PMSMP_WINDOW.at(day),
        "window_start": excess.window_start,
        "window_end": excess.window_end,
    }
    if excess.what == "agreements":
        return PMSMP_SAME_HOST.emit(
            "agreements", path, max_agreements=_PMSMP_AGREEMENTS.at(day), **window
        )
    return PMSMP_SAME_HOST.emit("days", f"{path}.end", max_days=_PMSMP_DAYS.at(day), **window)


def _approval(
    contract: Contract,
    approval: Approval | None,
    require_approval: bool,
    out: list[Finding],
) -> None:
    """`contract.no_approval` and `contract.outside_approval`.

    R5132-1-6, R5132-1-9: an SIAE contract opens the right to aid only under a PASS IAE
    valid on its start; the platform requires the contract to start within the PASS
    ("Le contrat doit débuter sur la période couverte par le PASS IAE"). Which kinds and
    since when: `contract.approval_required` (`APPROVAL_REQUIRED`; the EITI date is
    unverified). Without an approval the rules are checked only when `require_approval`.
    """
    sk = contract.structure_kind
    start = contract.start
    if not _APPROVAL_REQUIRED.at(start).get(sk, False):
        return
    if approval is None:
        if require_approval:
            out.append(NO_APPROVAL.emit("missing", "start", start=start))
        return
    if start < approval.start:
        out.append(NO_APPROVAL.emit("before", "start", start=start, approval_start=approval.start))
        return
    approval_end = approval.end
    if start > approval_end:
        out.append(
            OUTSIDE_APPROVAL.emit("default", "start", start=start, approval_end=approval_end)
        )


# --- the structure-level check -------------------------------------------------------------


def check_cdi_inclusion_share(
    structure: Structure,
    *,
    on: DayLike,
    contracts: Iterable[Contract] = (),
    prefect_decision: bool = False,
) -> Report:
    """`cdi_inclusion.share`: CDI inclusion posts against the conventioned posts.

    D5132-10-5-2 (EI), D5132-10-17 (ETTI), D5132-26-11 (AI), D5132-43-13 (ACI): CDI
    inclusion posts may not exceed `cdi_inclusion.share_percent` of the conventioned
    full-time posts (`cdi_inclusion.share_raised_percent` with a prefect's decision). The
    CDI inclusion contracts of `contracts` running on `on` count in full-time equivalents
    (weekly hours over the legal week `cddi.max_weekly_hours`, at most 1 each), as the aid
    counts posts (prorated to their occupation; whether the texts mean headcount is
    unverified). Not checked for other kinds or when `structure.conventioned_fte` is
    unknown. `check(structure, on=…, contracts=…, prefect_decision=False)` calls this
    function.

    Args:
        structure: the structure.
        on: the day the posts are counted.
        contracts: the structure's contracts (others than CDI inclusion are ignored).
        prefect_decision: the prefect raised the share.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    sk = structure.kind
    conventioned = structure.conventioned_fte
    if conventioned is None or not _has(_CDI_KINDS, on, sk):
        return Report()
    full_time = _CDDI_MAX_HOURS.at(on)
    hours = 0.0
    for c in contracts:
        if c.kind is _CK.CDI_INCLUSION and c.start <= on:
            final_end = c.final_end
            if final_end is None or on <= final_end:
                hours += min(c.weekly_hours, full_time)
    percent = (_CDI_SHARE_RAISED if prefect_decision else _CDI_SHARE).at(on)
    if hours * 100 > percent * full_time * conventioned:
        return Report(
            (
                CDI_INCLUSION_SHARE.emit(
                    "default",
                    "",
                    reference=_CDI_SHARE_REF[sk],
                    day=on,
                    fte=hours / full_time,
                    conventioned_fte=conventioned,
                    percent=percent,
                    max_fte=conventioned * percent / 100,
                ),
            )
        )
    return Report()

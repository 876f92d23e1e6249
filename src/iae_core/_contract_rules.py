"""The contract rules (rules.md, *Contract rules*) and their checkers.

Private module: the public names are re-exported by :mod:`iae_core.contracts`
(:func:`check_contract`, :func:`check_cdi_inclusion_share`). Every rule is declared once
below with its code, French title, severity and legal reference; the checkers are pure
functions over immutable values that return a :class:`~iae_core.checks.Report` and never
raise for a violated rule.

What each checker needs besides the contract (all optional):

* ``person`` (:class:`~iae_core.people.Person`): the *aménagement de peine* exception
  to the 4-month minimum, the 50+ and RQTH extension grounds, the CDI inclusion age.
  A rule that needs a fact about the person is **not checked** when no person is given,
  except ``contract.min_duration``, whose exception is only granted when the person is
  known to be under a justice measure.
* ``parcours_start``: when the parcours began (cumul derogation, CDI inclusion timing).
  When ``None``: the approval's start if earlier than the contract, else the contract's
  start (the contract is then taken as the first of the parcours).
* ``approval`` (:class:`~iae_core.approvals.Approval`): only its ``start`` and ``end``.
* ``prefect_waiver``: one :class:`~iae_core.contracts.PrefectWaiver` or several.

Months are calendar months "de date à date" (rules.md, *Conventions*): "N months from S"
ends on `iae_core.dates.period_end(S, N)`, the day before the same-numbered day N
months later, or the last day of that month when it has no such day (a CDDI from
2025-10-31 reaches 4 months on 2026-02-28); "at least N months after S" is from
`iae_core.dates.period_next(S, N)`, the day after.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import pendulum

from iae_core.checks import Finding, Report, register_check, register_rule
from iae_core.contracts import Contract, Immersion, PrefectWaiver
from iae_core.dates import period_end, period_next
from iae_core.enums import (
    ContractKind,
    DerogationKind,
    ExtensionGround,
    HostKind,
    Severity,
    StructureKind,
)
from iae_core.people import Person, Structure
from iae_core.pmsmp import (
    SAME_HOST_MAX_AGREEMENTS,
    SAME_HOST_MAX_DAYS,
    Agreement,
    Excess,
    renewals,
    same_host_excess,
)
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
    "check_cdi_inclusion_share",
    "check_contract",
]

_CK = ContractKind
SK = StructureKind
_RefT = TypeVar("_RefT", bound=Hashable)

# --- data (tables, so that a change of the law is one row) ---------------------------------

ALLOWED_CONTRACT_KINDS: Mapping[SK, frozenset[ContractKind]] = {
    SK.ACI: frozenset({_CK.CDDI, _CK.CDI_INCLUSION, _CK.PROFESSIONALISATION, _CK.OTHER}),
    SK.EI: frozenset({_CK.CDDI, _CK.CDI_INCLUSION, _CK.PROFESSIONALISATION, _CK.OTHER}),
    SK.AI: frozenset({_CK.CDDI, _CK.CDD_USAGE, _CK.CDI_INCLUSION, _CK.PROFESSIONALISATION}),
    SK.ETTI: frozenset({_CK.MISSION, _CK.CDI_INCLUSION}),
    SK.EITI: frozenset({_CK.COMMERCIAL}),
    # Outside the SIAE (not in rules.md's table; reference-platform.md §1.3): no
    # IAE-specific contract (CDDI, CDI inclusion, EITI commercial contract, AI CDD d'usage).
    SK.GEIQ: frozenset({_CK.PROFESSIONALISATION, _CK.OTHER}),
    SK.EA: frozenset({_CK.PROFESSIONALISATION, _CK.OTHER}),
    SK.EATT: frozenset({_CK.MISSION, _CK.PROFESSIONALISATION, _CK.OTHER}),
    SK.OPCS: frozenset({_CK.PROFESSIONALISATION, _CK.OTHER}),
}
"""Contract kinds each structure kind may use (rules.md, *Structure kinds*).

An AI's professionalisation contract is allowed outside the aid au poste
(:data:`OUTSIDE_AID_CONTRACT_KINDS`, a ``contract.kind_not_allowed`` *warning*)."""

OUTSIDE_AID_CONTRACT_KINDS: Mapping[SK, frozenset[ContractKind]] = {
    SK.AI: frozenset({_CK.PROFESSIONALISATION}),
}
"""Allowed kinds that the IAE aid does not cover: a ``contract.kind_not_allowed`` warning
(rules.md, *Contract rules*) for an AI's professionalisation contract (the platform offers it
to AI; the ministry's Q&R of 5 May 2022, law.md §2 [P7], says an AI may choose not to claim
the aid for one).
ACI and EI professionalisation contracts are in rules.md's table of allowed kinds and get no
warning."""

CDDI_STRUCTURES = frozenset({SK.EI, SK.AI, SK.ACI})
"""Kinds that hire on CDDI (L5132-5 EI, L5132-11-1 AI, L5132-15-1 ACI)."""

CDI_INCLUSION_STRUCTURES = frozenset({SK.EI, SK.AI, SK.ACI, SK.ETTI})
"""Kinds that may sign a CDI inclusion (L5132-5-1, L5132-6-1, L5132-14-1, L5132-15-1-1)."""

_PARTICULAR_DIFFICULTIES_KINDS = frozenset({SK.AI, SK.ACI})
_PMSMP_SHARE_KINDS = frozenset({SK.EI, SK.AI, SK.ACI})
_NOT_FOR_CUMUL = frozenset({SK.ACI, SK.AI, SK.EI, SK.ETTI, SK.EITI, SK.EA, SK.EATT})

CDDI_RENEWAL_CAP: Dated[int | None] = Dated({None: 2, pendulum.date(2021, 6, 15): None})
"""Maximum number of CDDI renewals, by contract start (``None``: no cap).

The 2008 version of L5132-5 allowed "two renewals within 24 months" (law.md §1.2,
tricoteuses JORFARTI000001689284); the versions in force since 2021-06-15 (loi 2020-1577)
set no number, and L1243-13 / L1243-13-1 exclude L1242-3 contracts from the general cap.
UNVERIFIED: the date the cap ended (2021-06-15 is the start of the current version, the
cap may have ended earlier) and whether the AI and ACI articles had the same cap. Hence a
breach of the old cap is only a ``warning``.
"""

MISSION_MAX_RENEWALS = 2
"""Renewals of an ETTI mission without a branch agreement (L1251-35-1). Reading UNVERIFIED
(law.md §3): L5132-6 keeps every temporary-work rule but the length, so the 24 months
include both renewals; a branch agreement may allow more, hence a ``warning``."""

APPROVAL_REQUIRED: Mapping[SK, Dated[bool]] = {
    SK.ACI: Dated({None: True}),
    SK.EI: Dated({None: True}),
    SK.ETTI: Dated({None: True}),
    # Before 1 Dec 2021 AI staff placed outside the market sector or for less than 16 h a
    # week needed no approval (law.md §2; décret 2021-1128).
    SK.AI: Dated({None: False, pendulum.date(2021, 12, 1): True}),
    # EITI: UNVERIFIED date; taken as the PASS IAE regime's start (décret 2021-1128).
    SK.EITI: Dated({None: False, pendulum.date(2021, 9, 1): True}),
}
"""Whether a contract starting on a date needs a PASS IAE (or agrément), by structure kind."""

CDDI_MIN_MONTHS = 4
CDDI_MAX_MONTHS = 24
PARTICULAR_DIFFICULTIES_STEP_MONTHS = 12
PARTICULAR_DIFFICULTIES_MAX_MONTHS = 60
CDDI_MIN_HOURS = 20.0
CDDI_MAX_HOURS = 35.0
ANY_CONTRACT_MAX_HOURS = 48.0
CUMUL_AFTER_MONTHS = 4
CUMUL_MAX_MONTHS = 6
CUMUL_MAX_DECISIONS = 2  # the first and one renewal
SEVERE_MAX_MONTHS = 12
MISSION_MAX_MONTHS = 24
MISSION_MAX_MONTHS_IN_CDI = 36
PLACEMENT_CAP_HOURS = 480.0
PLACEMENT_WINDOW_MONTHS = 24
CDI_INCLUSION_MIN_AGE = 57
CDI_INCLUSION_AFTER_MONTHS = 12
CDI_INCLUSION_SHARE_PERCENT = 20
CDI_INCLUSION_SHARE_PERCENT_RAISED = 30
PMSMP_MAX_MONTHS = 1
PMSMP_SHARE_PERCENT = 25

_CT = "C. trav. art. "

# --- the catalogue -----------------------------------------------------------------------

KIND_NOT_ALLOWED = register_rule(
    "contract.kind_not_allowed",
    "Type de contrat non autorisé pour ce type de structure",
    reference=_CT + "L5132-5, L5132-6, L5132-11-1, L5132-15-1 ; loi 2018-771 art. 83",
    subject="Contract",
    description="The contract kind is not one the structure kind may use (error); a "
    "professionalisation contract in an AI is a warning instead: allowed, outside the IAE aid "
    "au poste (DGEFP Q&R of 5 May 2022, §5.2).",
)
MIN_DURATION = register_rule(
    "contract.min_duration",
    "CDDI de moins de 4 mois",
    reference=_CT + "L5132-5, L5132-11-1, L5132-15-1",
    subject="Contract",
    description="CDDI (EI, AI, ACI) concluded for less than 4 months, unless the person is "
    "convicted and under an aménagement de peine.",
)
MAX_DURATION = register_rule(
    "contract.max_duration",
    "CDDI au-delà de 24 mois sans prolongation admise",
    reference=_CT + "L5132-5, L5132-11-1, L5132-15-1",
    subject="Contract",
    description="CDDI total (initial + renewals) beyond 24 months without an extension "
    "ground; before 2021-06-15, more than two renewals (warning).",
)
EXTENSION_NOT_ALLOWED = register_rule(
    "contract.extension_not_allowed",
    "Prolongation du CDDI au-delà de 24 mois non admise",
    reference=_CT + "L5132-5, L5132-11-1, L5132-15-1",
    subject="Contract",
    description="An extension past 24 months whose ground does not apply.",
)
EXTENSION_TOO_LONG = register_rule(
    "contract.extension_too_long",
    "Prolongation pour difficultés particulières trop longue",
    reference=_CT + "L5132-11-1, L5132-15-1",
    subject="Contract",
    description="Particular-difficulties extension above 12 months, or a CDDI above 60 months.",
)
WEEKLY_HOURS_MIN = register_rule(
    "contract.weekly_hours_min",
    "CDDI de moins de 20 heures par semaine sans dérogation",
    reference=_CT + "L5132-5, L5132-11-1, L5132-15-1",
    subject="Contract",
    description="CDDI below 20 h a week on a day no derogation covers.",
)
WEEKLY_HOURS_MAX = register_rule(
    "contract.weekly_hours_max",
    "Durée hebdomadaire au-delà du maximum",
    reference=_CT + "L5132-5, L5132-11-1, L5132-15-1 ; L3121-20",
    subject="Contract",
    description="CDDI above 35 h a week; any employment contract above 48 h.",
)
DEROGATION_INVALID = register_rule(
    "contract.derogation_invalid",
    "Dérogation à la durée hebdomadaire minimale non conforme",
    reference=_CT + "D5132-10-5-3, D5132-26-12, D5132-43-14, D5132-43-5",
    subject="Contract",
    description="An under-20-hour derogation whose conditions fail.",
)
TRIAL_PERIOD = register_rule(
    "contract.trial_period",
    "Période d'essai trop longue",
    reference=_CT + "L1242-10, L1251-14",
    subject="Contract",
    description="CDDI trial period above 1 day per week (capped at 2 weeks or 1 month); "
    "ETTI mission trial period above 2, 3 or 5 days.",
)
MISSION_MAX_DURATION = register_rule(
    "mission.max_duration",
    "Mission d'insertion au-delà de 24 mois",
    reference=_CT + "L5132-6, L5132-6-1, L1251-35-1",
    subject="Contract",
    description="ETTI mission beyond 24 months renewals included (36 inside a CDI "
    "inclusion); more than 2 renewals (warning).",
)
PLACEMENT_HOURS_CAP = register_rule(
    "placement.hours_cap",
    "Mises à disposition au-delà de 480 heures sur 24 mois",
    reference=_CT + "L5132-9, R5132-18",
    subject="Contract",
    description="AI placements with private-law employers beyond 480 h over the 24 months "
    "from the first placement, unless a prefect waiver is in force.",
)
CDI_INCLUSION_AGE = register_rule(
    "cdi_inclusion.age",
    "CDI inclusion avec une personne de moins de 57 ans",
    reference=_CT + "L5132-5-1, L5132-6-1, L5132-14-1, L5132-15-1-1",
    subject="Contract",
    description="CDI inclusion with a person under 57 at hiring.",
)
CDI_INCLUSION_TOO_EARLY = register_rule(
    "cdi_inclusion.too_early",
    "CDI inclusion moins de 12 mois après le début du parcours",
    reference=_CT + "D5132-10-5, D5132-10-15, D5132-26-9, D5132-43-11",
    subject="Contract",
    description="CDI inclusion signed less than 12 months after the parcours began.",
)
CDI_INCLUSION_SHARE = register_rule(
    "cdi_inclusion.share",
    "Part des CDI inclusion au-delà du plafond",
    reference=_CT + "D5132-10-5-2, D5132-10-17, D5132-26-11, D5132-43-13",
    subject="Structure",
    description="CDI inclusion posts above 20 % of the conventioned full-time posts "
    "(30 % with a prefect's decision).",
)
PMSMP_DURATION = register_rule(
    "pmsmp.duration",
    "Durée ou renouvellement de PMSMP non conforme",
    reference=_CT + "D5135-3",
    subject="Contract",
    description="One PMSMP agreement above 1 month, renewed more than once, or a renewal "
    "longer than the first agreement.",
)
PMSMP_SAME_HOST = register_rule(
    "pmsmp.same_host",
    "Trop de PMSMP avec la même structure d'accueil",
    reference=_CT + "D5135-3",
    subject="Contract",
    description="More than 2 agreements, or more than 60 days, with the same host over 12 "
    "consecutive months.",
)
PMSMP_SHARE = register_rule(
    "pmsmp.share",
    "PMSMP au-delà de 25 % de la durée du contrat",
    reference=_CT + "D5132-10-3, D5132-26-3, D5132-43-3",
    subject="Contract",
    description="PMSMP during one contract totalling more than 25 % of its length.",
)
NO_APPROVAL = register_rule(
    "contract.no_approval",
    "Contrat sans PASS IAE valide à son début",
    reference=_CT + "R5132-1-6, R5132-1-9",
    subject="Contract",
    description="An SIAE contract starting without a PASS IAE valid on its start date.",
)
OUTSIDE_APPROVAL = register_rule(
    "contract.outside_approval",
    "Contrat débutant après la fin du PASS IAE",
    reference="Plateforme de l'inclusion : « Le contrat doit débuter sur la période couverte "
    "par le PASS IAE »",
    subject="Contract",
    description="Contract start after the PASS IAE end.",
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


def _next_day(day: pendulum.Date) -> pendulum.Date:
    return pendulum.Date.fromordinal(day.toordinal() + 1)


def _days(start: pendulum.Date, end: pendulum.Date) -> int:
    """Days from ``start`` to ``end``, both included (:func:`dates.days_inclusive`)."""
    return end.toordinal() - start.toordinal() + 1


def _fte(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _fr(day: pendulum.Date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _hours(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " h"


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


@register_check(Contract)
def check_contract(
    contract: Contract,
    *,
    on: pendulum.Date,
    person: Person | None = None,
    parcours_start: pendulum.Date | None = None,
    approval: Approval | None = None,
    prefect_waiver: PrefectWaiver | Iterable[PrefectWaiver] | None = None,
    require_approval: bool = False,
    in_cdi_inclusion: bool = False,
) -> Report:
    """Check one contract against every contract rule, as of ``on``.

    Paths are relative to the contract (``end``, ``renewals[0].end``, ``weekly_hours``,
    ``immersions[2].end``, ``placements[1].hours``…): a whole-parcours check prefixes them
    with :meth:`Report.prefixed` (``contracts[1].``). ``check(contract, on=…, **context)``
    calls this function.

    Args:
        contract: the contract.
        on: the date of the check. Only the hours rule depends on it: the days from the
            start to ``on`` (or to the end, when earlier) must be covered by a derogation
            when the CDDI is below 20 h. Every other rule uses the contract's own dates,
            in the version in force on its start.
        person: the employee (extension grounds, CDI inclusion age, *aménagement de
            peine*); rules needing the person are skipped without it (see module doc).
        parcours_start: first day of the parcours (default: the approval's start when
            earlier than the contract, else the contract's start).
        approval: the PASS IAE (its ``start`` and ``end``); without it the approval rules
            are not checked unless ``require_approval``.
        prefect_waiver: prefect decision(s) lifting the 480-hour cap (R5132-18).
        require_approval: when true, a missing ``approval`` is a ``contract.no_approval``
            (the whole-parcours check knows the parcours has no PASS).
        in_cdi_inclusion: the ETTI mission is part of a CDI inclusion (36-month cap,
            L5132-6-1).

    Returns:
        The findings (empty when every rule is met).
    """
    out: list[Finding] = []
    kind = contract.kind
    sk = contract.structure_kind
    start = contract.start
    if kind not in ALLOWED_CONTRACT_KINDS.get(sk, frozenset()):
        _kind_not_allowed(contract, out)
    elif kind in OUTSIDE_AID_CONTRACT_KINDS.get(sk, frozenset()):
        _outside_aid(contract, out)
    if parcours_start is None:
        parcours_start = (
            approval.start if approval is not None and approval.start < start else start
        )
    cddi = kind is _CK.CDDI and sk in CDDI_STRUCTURES
    if cddi:
        _cddi_duration(contract, person, out)
        _cddi_hours(contract, on, parcours_start, out)
        _cddi_trial(contract, out)
    elif kind is _CK.MISSION and sk is SK.ETTI:
        _mission(contract, in_cdi_inclusion, out)
    elif kind is _CK.CDI_INCLUSION and sk in CDI_INCLUSION_STRUCTURES:
        _cdi_inclusion(contract, person, parcours_start, out)
    if not cddi and kind is not _CK.COMMERCIAL and contract.weekly_hours > ANY_CONTRACT_MAX_HOURS:
        _above_48_hours(contract, out)
    if contract.placements and sk is SK.AI:
        _placements(contract, _waivers(prefect_waiver), out)
    if contract.immersions:
        _immersions(contract, out)
    if sk.issues_pass_iae:
        _approval(contract, approval, require_approval, out)
    return Report(tuple(out))


def _kind_not_allowed(contract: Contract, out: list[Finding]) -> None:
    """``contract.kind_not_allowed``: :data:`ALLOWED_CONTRACT_KINDS` (rules.md table).

    CDDI in EI, AI, ACI (C. trav. art. L5132-5, L5132-11-1, L5132-15-1); missions in ETTI
    (L5132-6); CDD d'usage in AI (D1242-1 12°); CDI inclusion in EI, ETTI, AI, ACI
    (L5132-5-1, L5132-6-1, L5132-14-1, L5132-15-1-1); EITI: a commercial contract with a
    self-employed worker, no employment contract (loi 2018-771 art. 83, L8221-6). Outside
    the SIAE no IAE-specific contract (reference-platform.md §1.3).
    """
    kind = contract.kind
    sk = contract.structure_kind
    out.append(
        KIND_NOT_ALLOWED.finding(
            f"Le type de contrat « {kind.label} » n'est pas autorisé pour une structure "
            f"de type {sk.value} ({sk.label}).",
            "kind",
        )
    )


def _outside_aid(contract: Contract, out: list[Finding]) -> None:
    """``contract.kind_not_allowed`` as a warning: :data:`OUTSIDE_AID_CONTRACT_KINDS`.

    An AI may employ on a professionalisation contract (the platform offers that kind to
    AI: law.md §1) but outside the IAE aid au poste: the ministry's Q&R
    on the parcours reform (5 May 2022 update, §5.2; law.md §2 [P7]) says an AI may choose
    not to claim the aid, e.g. for professionalisation contracts. The PASS IAE is still
    required (``contract.no_approval``: every AI employee since 2021-12-01).
    """
    sk = contract.structure_kind
    out.append(
        KIND_NOT_ALLOWED.finding(
            f"Le contrat « {contract.kind.label} » est possible en {sk.value} mais hors aide "
            f"au poste : il n'ouvre pas droit à l'aide de l'État au titre de l'IAE.",
            "kind",
            severity=Severity.WARNING,
            reference="Q&R DGEFP réforme du parcours IAE (mise à jour du 5 mai 2022) §5.2",
        )
    )


def _above_48_hours(contract: Contract, out: list[Finding]) -> None:
    """``contract.weekly_hours_max`` for any employment contract: C. trav. art. L3121-20.

    No employee may work more than 48 hours in one week (the CDDI's own 35-hour cap is in
    :func:`_cddi_hours`); EITI's commercial contract is not an employment contract.
    """
    out.append(
        WEEKLY_HOURS_MAX.finding(
            f"Durée hebdomadaire de {_hours(contract.weekly_hours)} : un salarié ne peut "
            f"travailler plus de 48 heures par semaine.",
            "weekly_hours",
            reference=_CT + "L3121-20",
        )
    )


def _cddi_duration(contract: Contract, person: Person | None, out: list[Finding]) -> None:
    """``contract.min_duration``, ``contract.max_duration``, ``contract.extension_*``.

    C. trav. art. L5132-5 (EI), L5132-11-1 (AI), L5132-15-1 (ACI), versions in force since
    2021-06-15: a CDDI is concluded for 4 months at least (except for a person convicted
    under an *aménagement de peine*), renewable up to 24 months in all, with no cap on the
    number of renewals (L1243-13 excludes L1242-3 contracts). Past 24 months only with an
    extension ground: training under way at the planned end (not past the training's
    end); aged 50+; RQTH; and, in ACI and AI only, particularly significant difficulties
    (decisions of at most 12 months each, 60 months in all). The renewal-count cap of the
    2008 version is :data:`CDDI_RENEWAL_CAP` (UNVERIFIED, warning). The 50+ and RQTH
    extensions have no cap in these articles (the 84- and 60-month caps of R5132-1-8 are
    caps of the PASS IAE, checked with the approval).
    """
    sk = contract.structure_kind
    ref = _CDDI_REF[sk]
    start = contract.start
    end = contract.end
    assert end is not None  # validated: only a CDI inclusion has no end
    min_end = period_end(start, CDDI_MIN_MONTHS)
    if end < min_end and not (person is not None and person.under_justice_measure):
        out.append(
            MIN_DURATION.finding(
                f"Un CDDI doit être conclu pour 4 mois au moins : du {_fr(start)}, il devrait "
                f"finir au plus tôt le {_fr(min_end)} (fin prévue le {_fr(end)}).",
                "end",
                reference=ref,
            )
        )
    limit = period_end(start, CDDI_MAX_MONTHS)
    if end > limit:
        out.append(
            MAX_DURATION.finding(
                f"Un CDDI ne peut dépasser 24 mois : du {_fr(start)}, il doit finir au plus "
                f"tard le {_fr(limit)} (fin prévue le {_fr(end)}).",
                "end",
                reference=ref,
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
            out.append(
                MAX_DURATION.finding(
                    f"Avant le 15/06/2021, un CDDI ne pouvait être renouvelé que {cap} fois "
                    f"dans la limite de 24 mois (version de 2008, à vérifier).",
                    path,
                    severity=Severity.WARNING,
                    reference=ref + " (version antérieure au 15/06/2021)",
                )
            )
        if r.end > limit:
            ext_start = _next_day(max(prev, limit))
            if r.ground is None:
                out.append(
                    MAX_DURATION.finding(
                        f"Ce renouvellement porte le CDDI au-delà de 24 mois (limite le "
                        f"{_fr(limit)}) sans motif de prolongation.",
                        path + ".end",
                        reference=ref,
                    )
                )
            else:
                if whole_limit is None:
                    whole_limit = period_end(start, PARTICULAR_DIFFICULTIES_MAX_MONTHS)
                _extension(sk, r, i, ext_start, whole_limit, person, ref, out)
        if r.end > prev:
            prev = r.end


def _extension(
    sk: SK,
    r: Any,
    i: int,
    ext_start: pendulum.Date,
    whole_limit: pendulum.Date,
    person: Person | None,
    ref: str,
    out: list[Finding],
) -> None:
    """One extension past 24 months (L5132-5, L5132-11-1, L5132-15-1)."""
    path = f"renewals[{i}]"
    ground = r.ground
    if ground is ExtensionGround.TRAINING:
        if r.training_end is None:
            out.append(
                EXTENSION_NOT_ALLOWED.finding(
                    "Prolongation pour formation sans date de fin de l'action de formation.",
                    path + ".training_end",
                    reference=ref,
                )
            )
        elif r.end > r.training_end:
            out.append(
                EXTENSION_NOT_ALLOWED.finding(
                    f"La prolongation pour formation ne peut aller au-delà de la fin de "
                    f"l'action de formation ({_fr(r.training_end)}).",
                    path + ".end",
                    reference=ref,
                )
            )
    elif ground is ExtensionGround.AGE_50:
        if person is not None and person.age_on(ext_start) < 50:
            out.append(
                EXTENSION_NOT_ALLOWED.finding(
                    f"Prolongation « 50 ans et plus » : le salarié a "
                    f"{person.age_on(ext_start)} ans le {_fr(ext_start)}.",
                    path + ".ground",
                    reference=ref,
                )
            )
    elif ground is ExtensionGround.RQTH:
        if person is not None and not person.rqth:
            out.append(
                EXTENSION_NOT_ALLOWED.finding(
                    "Prolongation « RQTH » : le salarié n'est pas reconnu travailleur handicapé.",
                    path + ".ground",
                    reference=ref,
                )
            )
    elif sk not in _PARTICULAR_DIFFICULTIES_KINDS:
        out.append(
            EXTENSION_NOT_ALLOWED.finding(
                f"La prolongation pour difficultés particulièrement importantes n'existe "
                f"qu'en ACI et en AI, pas en {sk.value}.",
                path + ".ground",
                reference=ref,
            )
        )
    else:
        step_limit = period_end(ext_start, PARTICULAR_DIFFICULTIES_STEP_MONTHS)
        if r.end > step_limit:
            out.append(
                EXTENSION_TOO_LONG.finding(
                    f"Chaque prolongation pour difficultés particulières est d'un an au plus : "
                    f"à partir du {_fr(ext_start)}, fin au plus tard le {_fr(step_limit)}.",
                    path + ".end",
                    reference=ref,
                )
            )
        if r.end > whole_limit:
            out.append(
                EXTENSION_TOO_LONG.finding(
                    f"Le CDDI prolongé pour difficultés particulières ne peut dépasser 60 mois "
                    f"(fin au plus tard le {_fr(whole_limit)}).",
                    path + ".end",
                    reference=ref,
                )
            )


def _cddi_hours(
    contract: Contract, on: pendulum.Date, parcours_start: pendulum.Date, out: list[Finding]
) -> None:
    """``contract.weekly_hours_min``, ``weekly_hours_max`` and ``derogation_invalid``.

    L5132-5, L5132-11-1, L5132-15-1: at least 20 h a week, never above the legal 35 h.
    Below 20 h only under a derogation: *cumul* with another part-time job (EI, AI, ACI:
    D5132-10-5-3, D5132-26-12, D5132-43-14 — granted at least 4 months into the parcours,
    at most 6 months, renewed at most once, the other job not in an SIAE or EA) or, in ACI
    only, *very serious difficulties* (D5132-43-5 to -10: at most 12 months per decision).

    The contract has one ``weekly_hours``: below 20 h, every day from the start to ``on``
    (or the final end, when earlier; the start alone when ``on`` is before it) must be
    covered by a derogation. Invalid derogations still count as in force here: their
    defects are reported once, by ``contract.derogation_invalid``.
    """
    sk = contract.structure_kind
    ref = _CDDI_REF[sk]
    hours = contract.weekly_hours
    if hours > CDDI_MAX_HOURS:
        out.append(
            WEEKLY_HOURS_MAX.finding(
                f"Durée hebdomadaire de {_hours(hours)} : un CDDI ne peut dépasser la durée "
                f"légale de 35 heures par semaine.",
                "weekly_hours",
                reference=ref + (", L3121-20" if hours > ANY_CONTRACT_MAX_HOURS else ""),
            )
        )
    derogations = contract.derogations
    if hours < CDDI_MIN_HOURS:
        final_end = contract.final_end
        assert final_end is not None
        last = max(contract.start, min(on, final_end))
        covered_to = contract.start  # first day not yet covered
        for d in sorted(derogations, key=lambda d: (d.start, d.end)):
            if d.start > covered_to:
                break
            if d.end >= covered_to:
                covered_to = _next_day(d.end)
            if covered_to > last:
                break
        if covered_to <= last:
            out.append(
                WEEKLY_HOURS_MIN.finding(
                    f"Durée hebdomadaire de {_hours(hours)}, sous le minimum de 20 heures, "
                    f"sans dérogation en vigueur le {_fr(covered_to)}.",
                    "weekly_hours",
                    reference=ref,
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
            if earliest_cumul is None:
                earliest_cumul = period_next(parcours_start, CUMUL_AFTER_MONTHS)
            if d.start < earliest_cumul:
                out.append(
                    DEROGATION_INVALID.finding(
                        f"La dérogation pour cumul d'emplois ne peut commencer que 4 mois après "
                        f"l'entrée en parcours, soit le {_fr(earliest_cumul)} au plus tôt.",
                        path + ".start",
                        reference=cref,
                    )
                )
            limit = period_end(d.start, CUMUL_MAX_MONTHS)
            if d.end > limit:
                out.append(
                    DEROGATION_INVALID.finding(
                        f"La dérogation pour cumul d'emplois dure 6 mois au plus : fin au plus "
                        f"tard le {_fr(limit)}.",
                        path + ".end",
                        reference=cref,
                    )
                )
            if cumul_rank > CUMUL_MAX_DECISIONS:
                out.append(
                    DEROGATION_INVALID.finding(
                        "La dérogation pour cumul d'emplois n'est renouvelable qu'une fois.",
                        path,
                        reference=cref,
                    )
                )
            if d.other_employer_kind in _NOT_FOR_CUMUL:
                assert d.other_employer_kind is not None
                out.append(
                    DEROGATION_INVALID.finding(
                        f"L'autre emploi à temps partiel ne peut être dans une SIAE ou une "
                        f"entreprise adaptée ({d.other_employer_kind.value}).",
                        path + ".other_employer_kind",
                        reference=cref,
                    )
                )
        else:
            if sk is not SK.ACI:
                out.append(
                    DEROGATION_INVALID.finding(
                        f"La dérogation pour difficultés particulièrement importantes n'existe "
                        f"qu'en ACI, pas en {sk.value}.",
                        path + ".kind",
                        reference=_CT + "D5132-43-5",
                    )
                )
            limit = period_end(d.start, SEVERE_MAX_MONTHS)
            if d.end > limit:
                out.append(
                    DEROGATION_INVALID.finding(
                        f"Chaque décision de dérogation pour difficultés particulières vaut "
                        f"12 mois au plus : fin au plus tard le {_fr(limit)}.",
                        path + ".end",
                        reference=_CT + "D5132-43-5",
                    )
                )


def cddi_max_trial_days(start: pendulum.Date, end: pendulum.Date) -> int:
    """Longest CDDI trial period, in calendar days, for a contract planned from start to end.

    C. trav. art. L1242-10: one day per week of the planned length (whole weeks: the
    days counted inclusively, divided by 7, rounded down), capped at 2 weeks when the
    planned length is 6 months or less, at 1 month (date to date from the start) otherwise.
    """
    weeks = _days(start, end) // 7
    if end <= period_end(start, 6):
        return min(weeks, 14)
    return min(weeks, _days(start, period_end(start, 1)))


def mission_max_trial_days(start: pendulum.Date, end: pendulum.Date) -> int:
    """Longest trial period of a mission (C. trav. art. L1251-14): 2, 3 or 5 days.

    2 days when the mission lasts 1 month or less, 3 days up to 2 months, 5 days beyond.
    """
    if end <= period_end(start, 1):
        return 2
    if end <= period_end(start, 2):
        return 3
    return 5


def _cddi_trial(contract: Contract, out: list[Finding]) -> None:
    """``contract.trial_period`` for a CDDI: C. trav. art. L1242-10 (see cddi_max_trial_days)."""
    if contract.trial_period_days == 0:
        return
    assert contract.end is not None
    most = cddi_max_trial_days(contract.start, contract.end)
    if contract.trial_period_days > most:
        out.append(
            TRIAL_PERIOD.finding(
                f"Période d'essai de {contract.trial_period_days} jours : pour ce CDDI elle "
                f"ne peut dépasser {most} jours (un jour par semaine, 2 semaines au plus "
                f"jusqu'à 6 mois de contrat, un mois au-delà).",
                "trial_period_days",
                reference=_CT + "L1242-10",
            )
        )


def _mission(contract: Contract, in_cdi_inclusion: bool, out: list[Finding]) -> None:
    """``mission.max_duration`` and the mission's ``contract.trial_period``.

    C. trav. art. L5132-6: an ETTI mission may last 24 months, renewals included
    (36 months inside a CDI inclusion: L5132-6-1). The renewal count follows L1251-35-1
    (two renewals without a branch agreement); that the 24 months include both renewals is
    the reading documented as UNVERIFIED in law.md §3, so more renewals than
    :data:`MISSION_MAX_RENEWALS` is only a warning. Trial period: L1251-14.
    """
    months = MISSION_MAX_MONTHS_IN_CDI if in_cdi_inclusion else MISSION_MAX_MONTHS
    ref = _CT + ("L5132-6-1" if in_cdi_inclusion else "L5132-6")
    start = contract.start
    end = contract.end
    assert end is not None
    limit = period_end(start, months)
    msg = (
        f"Une mission d'insertion ne peut dépasser {months} mois renouvellements compris : "
        f"du {_fr(start)}, fin au plus tard le {_fr(limit)}."
    )
    if end > limit:
        out.append(MISSION_MAX_DURATION.finding(msg, "end", reference=ref))
    for rank, (i, r) in enumerate(sorted(enumerate(contract.renewals), key=_renewal_key)):
        if rank >= MISSION_MAX_RENEWALS:
            out.append(
                MISSION_MAX_DURATION.finding(
                    f"Sauf accord de branche, une mission n'est renouvelable que "
                    f"{MISSION_MAX_RENEWALS} fois (lecture à vérifier).",
                    f"renewals[{i}]",
                    severity=Severity.WARNING,
                    reference=_CT + "L1251-35-1, L5132-6",
                )
            )
        if r.end > limit:
            out.append(MISSION_MAX_DURATION.finding(msg, f"renewals[{i}].end", reference=ref))
    if contract.trial_period_days:
        most = mission_max_trial_days(start, end)
        if contract.trial_period_days > most:
            out.append(
                TRIAL_PERIOD.finding(
                    f"Période d'essai de {contract.trial_period_days} jours : pour cette "
                    f"mission elle ne peut dépasser {most} jours.",
                    "trial_period_days",
                    reference=_CT + "L1251-14",
                )
            )


def _cdi_inclusion(
    contract: Contract,
    person: Person | None,
    parcours_start: pendulum.Date,
    out: list[Finding],
) -> None:
    """``cdi_inclusion.age`` and ``cdi_inclusion.too_early``.

    Age 57 or more on the first day (L5132-5-1 EI, L5132-6-1 ETTI, L5132-14-1 AI,
    L5132-15-1-1 ACI; not checked without a person); start at least 12 months after the
    parcours began (D5132-10-5, D5132-10-15, D5132-26-9, D5132-43-11). The contract's
    ``start`` is taken as its signing date.
    """
    sk = contract.structure_kind
    start = contract.start
    if person is not None:
        age = person.age_on(start)
        if age < CDI_INCLUSION_MIN_AGE:
            out.append(
                CDI_INCLUSION_AGE.finding(
                    f"Un CDI inclusion est réservé aux personnes de 57 ans et plus : le "
                    f"salarié a {age} ans le {_fr(start)}.",
                    "",
                    reference=_CDI_AGE_REF[sk],
                )
            )
    earliest = period_next(parcours_start, CDI_INCLUSION_AFTER_MONTHS)
    if start < earliest:
        out.append(
            CDI_INCLUSION_TOO_EARLY.finding(
                f"Un CDI inclusion ne peut être signé que 12 mois après le début du parcours "
                f"({_fr(parcours_start)}), soit le {_fr(earliest)} au plus tôt.",
                "start",
                reference=_CDI_EARLY_REF[sk],
            )
        )


def _placements(contract: Contract, waivers: Sequence[PrefectWaiver], out: list[Finding]) -> None:
    """``placement.hours_cap``: C. trav. art. L5132-9 2°, R5132-18 2°.

    Placements with private-law employers (``HostKind.EMPLOYER``) are capped at 480 hours
    over the 24 months from the first placement; placements with private individuals and
    non-profit bodies do not count. A window is the 24 calendar months from the first
    counted placement's start; the next counted placement starting after it opens a new
    window. A placement counts whole in the window of its start. The placement whose
    hours take the window's total above 480 gets the finding (and every later one in the
    window), unless a prefect waiver (D5132-18-1) is in force on its start; the waived
    hours still count in the window's total.

    The "16 hours" threshold still written in R5132-18 1° refers to a condition that the
    current L5132-9 1° no longer contains (law.md §2, UNVERIFIED how it is applied): it is
    not applied.
    """
    counted = sorted(
        (p.start, p.end, p.hours, p.host_siret or "", i)
        for i, p in enumerate(contract.placements)
        if p.host is HostKind.EMPLOYER
    )
    window_start = window_end = None
    total = 0.0
    for p_start, _end, hours, _siret, i in counted:
        if window_end is None or p_start > window_end:
            window_start = p_start
            window_end = period_end(p_start, PLACEMENT_WINDOW_MONTHS)
            total = 0.0
        total += hours
        if total > PLACEMENT_CAP_HOURS and not any(w.covers(p_start) for w in waivers):
            assert window_start is not None
            out.append(
                PLACEMENT_HOURS_CAP.finding(
                    f"Mises à disposition auprès d'employeurs : {_hours(total)} sur les 24 mois "
                    f"suivant le {_fr(window_start)} (plafond 480 h, sauf dérogation du préfet).",
                    f"placements[{i}].hours",
                )
            )


def _immersions(contract: Contract, out: list[Finding]) -> None:
    """``pmsmp.duration``, ``pmsmp.same_host``, ``pmsmp.share``.

    C. trav. art. D5135-3: each agreement lasts at most one month date to date; it may be
    renewed once, for at most the same length; with the same host, at most 2 agreements
    (renewals are not new agreements) and 60 days (renewals included) over any 12
    consecutive months, in the reading of :func:`iae_core.pmsmp.same_host_excess`.
    D5132-10-3 (EI), D5132-26-3 (AI), D5132-43-3 (ACI): all PMSMP of one contract together
    at most 25 % of the contract's length (days of PMSMP, overlaps counted once, against
    the days from start to final end).

    A renewal is an agreement whose ``renewal_of`` is the ``start`` of another agreement
    with the same host; a ``renewal_of`` that matches none is taken as a new agreement
    (:func:`iae_core.pmsmp.renewals`).
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
        limit = period_end(m.start, PMSMP_MAX_MONTHS)
        if m.end > limit:
            add(
                PMSMP_DURATION.finding(
                    f"Une convention de PMSMP dure un mois au plus : du {_fr(m.start)}, fin au "
                    f"plus tard le {_fr(limit)}.",
                    f"immersions[{i}].end",
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
            # the first agreement (in order) starting on ``renewal_of``, other than this one
            first = next((x for x in starts.get(m.renewal_of, ()) if x[0] != i), None)
            if first is None:
                continue  # a new agreement (pmsmp.renewals)
            fi, fm = first
            count = renewals_of.get(fm.start, 0) + 1
            renewals_of[fm.start] = count
            if count > 1 or is_renewal[fi]:
                add(
                    PMSMP_DURATION.finding(
                        "Une convention de PMSMP n'est renouvelable qu'une fois.",
                        f"immersions[{i}]",
                    )
                )
            length = _days(m.start, m.end)
            first_length = _days(fm.start, fm.end)
            if length > first_length:
                add(
                    PMSMP_DURATION.finding(
                        f"Le renouvellement ({length} jours) ne peut être plus long que la "
                        f"première convention ({first_length} jours).",
                        f"immersions[{i}].end",
                    )
                )
        for excess in _same_host_excess(group):
            out.append(_same_host_finding(host, excess, f"immersions[{excess.ref}]"))
    sk = contract.structure_kind
    final_end = contract.final_end
    if sk in _PMSMP_SHARE_KINDS and final_end is not None:
        total = 0
        covered_to = _EARLIEST
        for _i, m in items:
            s = max(m.start, covered_to, contract.start)
            e = min(m.end, final_end)
            if e >= s:
                total += _days(s, e)
                covered_to = _next_day(e)
        length = _days(contract.start, final_end)
        if total * 100 > length * PMSMP_SHARE_PERCENT:
            out.append(
                PMSMP_SHARE.finding(
                    f"PMSMP sur {total} jours, plus de 25 % des {length} jours du contrat "
                    f"({length * PMSMP_SHARE_PERCENT // 100} jours au plus).",
                    "immersions",
                    reference=_PMSMP_SHARE_REF[sk],
                )
            )


def _same_host_excess(group: Sequence[tuple[_RefT, Immersion]]) -> list[Excess[_RefT]]:
    """:func:`iae_core.pmsmp.same_host_excess` over ``(ref, immersion)`` with one host."""
    flags = renewals([(m.start, m.renewal_of) for _ref, m in group])
    return same_host_excess(
        [
            Agreement(m.start, m.end, renewal, ref)
            for (ref, m), renewal in zip(group, flags, strict=True)
        ]
    )


def _same_host_finding(host: str, excess: Excess[Any], path: str) -> Finding:
    """The ``pmsmp.same_host`` finding for one agreement in excess (D5135-3).

    ``path`` is the agreement's (``immersions[2]``, ``contracts[1].immersions[0]``); the
    days excess points at its ``.end``.
    """
    window = f"du {_fr(excess.window_start)} au {_fr(excess.window_end)}"
    if excess.what == "agreements":
        return PMSMP_SAME_HOST.finding(
            f"Plus de {SAME_HOST_MAX_AGREEMENTS} conventions de PMSMP avec la même structure "
            f"d'accueil ({host}) sur 12 mois consécutifs : {excess.count} conventions "
            f"{window}.",
            path,
        )
    return PMSMP_SAME_HOST.finding(
        f"Plus de {SAME_HOST_MAX_DAYS} jours de PMSMP avec la même structure d'accueil "
        f"({host}) sur 12 mois consécutifs : {excess.count} jours {window}.",
        f"{path}.end",
    )


def _approval(
    contract: Contract,
    approval: Approval | None,
    require_approval: bool,
    out: list[Finding],
) -> None:
    """``contract.no_approval`` and ``contract.outside_approval``.

    R5132-1-6, R5132-1-9: an SIAE contract opens the right to aid only under a PASS IAE
    valid on its start; the platform requires the contract to start within the PASS
    ("Le contrat doit débuter sur la période couverte par le PASS IAE"). Which kinds and
    since when: :data:`APPROVAL_REQUIRED` (AI from 2021-12-01; EITI date UNVERIFIED).
    Without an approval the rules are checked only when ``require_approval``.
    """
    sk = contract.structure_kind
    table = APPROVAL_REQUIRED.get(sk)
    start = contract.start
    if table is None or not table.at(start):
        return
    if approval is None:
        if require_approval:
            out.append(
                NO_APPROVAL.finding(
                    f"Aucun PASS IAE pour ce contrat qui débute le {_fr(start)}.", "start"
                )
            )
        return
    if start < approval.start:
        out.append(
            NO_APPROVAL.finding(
                f"Le contrat débute le {_fr(start)}, avant le début du PASS IAE "
                f"({_fr(approval.start)}).",
                "start",
            )
        )
        return
    approval_end = approval.end
    if start > approval_end:
        out.append(
            OUTSIDE_APPROVAL.finding(
                f"Le contrat débute le {_fr(start)}, après la fin du PASS IAE "
                f"({_fr(approval_end)}).",
                "start",
            )
        )


# --- the structure-level check -------------------------------------------------------------


def check_cdi_inclusion_share(
    structure: Structure,
    *,
    on: pendulum.Date,
    contracts: Iterable[Contract] = (),
    prefect_decision: bool = False,
) -> Report:
    """``cdi_inclusion.share``: CDI inclusion posts against the conventioned posts.

    D5132-10-5-2 (EI), D5132-10-17 (ETTI), D5132-26-11 (AI), D5132-43-13 (ACI): CDI
    inclusion posts may not exceed 20 % of the conventioned full-time posts (30 % with a
    prefect's decision). The CDI inclusion contracts of ``contracts`` running on ``on``
    count in full-time equivalents (weekly hours / 35, at most 1 each), as the aid counts
    posts (prorated to their occupation; whether the texts mean headcount is UNVERIFIED).
    Not checked for other kinds or when ``structure.conventioned_fte`` is unknown.

    Args:
        structure: the structure.
        on: the day the posts are counted.
        contracts: the structure's contracts (others than CDI inclusion are ignored).
        prefect_decision: the prefect raised the share to 30 %.
    """
    sk = structure.kind
    conventioned = structure.conventioned_fte
    if sk not in CDI_INCLUSION_STRUCTURES or conventioned is None:
        return Report()
    hours = 0.0
    for c in contracts:
        if c.kind is _CK.CDI_INCLUSION and c.start <= on:
            final_end = c.final_end
            if final_end is None or on <= final_end:
                hours += min(c.weekly_hours, CDDI_MAX_HOURS)
    percent = (
        CDI_INCLUSION_SHARE_PERCENT_RAISED if prefect_decision else CDI_INCLUSION_SHARE_PERCENT
    )
    if hours * 100 > percent * CDDI_MAX_HOURS * conventioned:
        fte = hours / CDDI_MAX_HOURS
        cap = conventioned * percent / 100
        return Report(
            (
                CDI_INCLUSION_SHARE.finding(
                    f"Le {_fr(on)}, {_fte(fte)} ETP en CDI inclusion pour {_fte(conventioned)} "
                    f"ETP conventionnés : plus de {percent} % ({_fte(cap)} ETP au plus).",
                    "",
                    reference=_CDI_SHARE_REF[sk],
                ),
            )
        )
    return Report()


@register_check(Structure)
def _check_structure(
    structure: Structure,
    *,
    on: pendulum.Date,
    contracts: Iterable[Contract] = (),
    prefect_decision: bool = False,
) -> Report:
    """``check(structure, on=…, contracts=…, prefect_decision=False)``: structure-level rules."""
    return check_cdi_inclusion_share(
        structure, on=on, contracts=contracts, prefect_decision=prefect_decision
    )

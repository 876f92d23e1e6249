"""Eligibility rules, IAE (`eligibility.*`) and GEIQ (`geiq.*`): declarations and checkers.

`assess_eligibility` judges an `EligibilityDiagnosis` used by a kind of structure on a
day (also `check(diagnosis, on=…, structure_kind=…)`); `check_geiq_diagnosis` judges a
`GeiqDiagnosis`. Every number they use is a parameter of `eligibility.toml`; every
message is a French and English template filled from the values the finding carries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pendulum

from iae_core import dates, params
from iae_core._kernel.findings import NO_FINDINGS, Finding, Report, register_rule
from iae_core._kernel.model import as_structure_kind
from iae_core.approvals import Span
from iae_core.dates import DayLike, age_on, as_day
from iae_core.eligibility._entities import (
    CriterionProof,
    EligibilityDiagnosis,
    GeiqDiagnosis,
    diagnosis_validity,
)
from iae_core.enums import (
    AuthorKind,
    Criterion,
    GeiqCriterion,
    LabelledEnum,
    Severity,
    StructureKind,
)
from iae_core.versions import Dated

if TYPE_CHECKING:
    from iae_core.approvals import Approval
    from iae_core.people import Person

__all__ = [
    "EMPLOYER_DIAGNOSIS_VALIDITY",
    "EXCLUSIVE_CRITERIA",
    "GEIQ_AUTHORS",
    "GEIQ_DIAGNOSIS_VALIDITY",
    "GEIQ_EXCLUSIVE_CRITERIA",
    "PRESCRIBER_DIAGNOSIS_VALIDITY",
    "PROOF_TOO_OLD",
    "assess_eligibility",
    "check_geiq_diagnosis",
    "is_eligible",
    "kept_by_approval",
    "proof_expiry",
]

_VALIDITY_MONTHS = params.get("eligibility.validity_months")
_VALIDITY_DAYS = params.get("eligibility.validity_days")
_LEVEL1 = params.get("eligibility.level1_criteria")
_LEVEL2 = params.get("eligibility.level2_criteria")
_LEVEL2_REQUIRED = params.get("eligibility.level2_required_count")
_SENIOR_MIN_AGE = params.get("eligibility.senior_min_age_years")
_JEUNE_BELOW_AGE = params.get("eligibility.jeune_below_age_years")
_GEIQ_VALIDITY_MONTHS = params.get("geiq.validity_months")
_GEIQ_AUTHORS = params.get("geiq.allowed_authors")
_ACCEPTED_PROOFS = params.get("eligibility.accepted_proofs")
_PROOF_MAX_AGE = {
    Criterion[p.name.rsplit(".", 1)[1]]: p
    for p in params.iter_params("eligibility")
    if p.name.startswith("eligibility.proof_max_age_months.")
}


def _validity_table(author: AuthorKind) -> Dated[Span]:
    starts = sorted(
        {r.start for r in (*_VALIDITY_MONTHS.rows, *_VALIDITY_DAYS.rows) if r.start is not None}
    )
    rows: dict[pendulum.Date | None, Span] = {}
    last: Span | None = None
    for start in (None, *starts):
        # the open first row is judged on the day before the first dated one
        day = start if start is not None else starts[0].subtract(days=1)
        months, days = diagnosis_validity(author, day)
        span = Span(months=months, days=days)
        if span != last:
            rows[start] = last = span
    return Dated(rows)


EMPLOYER_DIAGNOSIS_VALIDITY: Dated[Span] = _validity_table(AuthorKind.EMPLOYER)
"""How long an employer (SIAE) diagnosis stays valid, by the date it was **made**: 6 months
before 2025-01-13, then 92 days (platform `EMPLOYER_DIAGNOSIS_VALIDITY_TIMEDELTA`,
released on 2025-01-13); built from the parameters `eligibility.validity_months` and
`eligibility.validity_days`."""

PRESCRIBER_DIAGNOSIS_VALIDITY: Dated[Span] = _validity_table(AuthorKind.PRESCRIBER)
"""How long a prescriber diagnosis stays valid: 6 calendar months (platform
`EXPIRATION_DELAY_MONTHS`; parameter `eligibility.validity_months`)."""

GEIQ_DIAGNOSIS_VALIDITY: Dated[Span] = Dated(
    {r.start: Span(months=r.value) for r in _GEIQ_VALIDITY_MONTHS.rows}
)
"""How long a GEIQ diagnosis stays valid, whoever made it: 6 calendar months, the
platform's `EXPIRATION_DELAY_MONTHS` shared with IAE prescriber diagnoses (parameter
`geiq.validity_months`)."""

EXCLUSIVE_CRITERIA: tuple[tuple[Criterion, Criterion], ...] = (
    (Criterion.SENIOR, Criterion.JEUNE),
    (Criterion.DETLD, Criterion.DELD),
)
"""Pairs of criteria that cannot both be retained (platform form rule)."""

GEIQ_AUTHORS: frozenset[AuthorKind] = frozenset(k for k in AuthorKind if k in _GEIQ_AUTHORS.value)
"""Who may make a GEIQ diagnosis: an authorised prescriber or the GEIQ itself (parameter
`geiq.allowed_authors`)."""

_G = GeiqCriterion
GEIQ_EXCLUSIVE_CRITERIA: tuple[tuple[GeiqCriterion, GeiqCriterion], ...] = (
    (_G.QPV, _G.ZRR),
    (_G.JEUNE, _G.SENIOR),
    (_G.JEUNE, _G.DE_45),
    (_G.SENIOR, _G.ASE),
    (_G.DE_45, _G.ASE),
    (_G.REF_DA, _G.RS_PS_DA),
    # the France Travail duration is a single choice
    (_G.DELD_12, _G.DELD),
    (_G.DELD_12, _G.DETLD),
    (_G.DELD, _G.DETLD),
)
"""Pairs of GEIQ criteria that cannot both be retained (platform GEIQ form)."""
del _G

_ELIGIBILITY_KINDS = frozenset(
    {
        StructureKind.ACI,
        StructureKind.AI,
        StructureKind.EI,
        StructureKind.ETTI,
        StructureKind.EITI,
        StructureKind.GEIQ,
    }
)

# --- IAE rules -------------------------------------------------------------------------------

_PLATFORM = "Plateforme de l'inclusion"

INSUFFICIENT = register_rule(
    "eligibility.insufficient_criteria",
    "Critères d'éligibilité insuffisants",
    title_en="Not enough eligibility criteria",
    reference="C. trav. art. R5132-1-7 ; arrêté du 1er septembre 2021",
    subject="EligibilityDiagnosis",
    description="An employer diagnosis with no level-1 criterion and fewer level-2 ones than "
    "the kind needs (eligibility.level2_required_count); a GEIQ-authored diagnosis with no "
    "criterion. A prescriber diagnosis needs none.",
    description_fr="Un diagnostic employeur sans critère de niveau 1 et avec moins de critères "
    "de niveau 2 que le type de structure n'en demande (eligibility.level2_required_count) ; "
    "un diagnostic établi par un GEIQ sans aucun critère. Un diagnostic de prescripteur "
    "n'en demande aucun.",
    params=(
        "eligibility.level1_criteria",
        "eligibility.level2_criteria",
        "eligibility.level2_required_count",
    ),
    messages={
        "employer": (
            "Un diagnostic employeur en {structure_kind:code} demande un critère de niveau 1 "
            "ou {level2_needed} critères de niveau 2 ({level2_count} retenu).",
            "An employer diagnosis for an {structure_kind:code} needs one level-1 criterion "
            "or {level2_needed} level-2 criteria ({level2_count} retained).",
        ),
        "employer_many": (
            "Un diagnostic employeur en {structure_kind:code} demande un critère de niveau 1 "
            "ou {level2_needed} critères de niveau 2 ({level2_count} retenus).",
            "An employer diagnosis for an {structure_kind:code} needs one level-1 criterion "
            "or {level2_needed} level-2 criteria ({level2_count} retained).",
        ),
        "geiq_author": (
            "Un diagnostic établi par un GEIQ doit retenir au moins un critère.",
            "A diagnosis made by a GEIQ must retain at least one criterion.",
        ),
    },
    reading="The criteria and thresholds are those of the arrêté of 1 September 2021 as the "
    "platform applies them (EITI = 3 is the platform's); the arrêté of 4 September 2025 "
    "amending it was not verified.",
)
EXCLUSIVE = register_rule(
    "eligibility.exclusive_criteria",
    "Critères incompatibles",
    title_en="Incompatible criteria",
    reference=_PLATFORM,
    subject="EligibilityDiagnosis",
    description="SENIOR with JEUNE, or DETLD with DELD.",
    description_fr="SENIOR avec JEUNE, ou DETLD avec DELD.",
    messages={
        "default": (
            "Les critères « {first} » et « {second} » sont incompatibles.",
            "The criteria “{first:code}” and “{second:code}” cannot both be retained.",
        ),
    },
)
AUTHOR = register_rule(
    "eligibility.author_not_allowed",
    "Auteur du diagnostic non autorisé",
    title_en="Diagnosis author not allowed",
    reference="C. trav. art. R5132-1-1 ; " + _PLATFORM,
    subject="EligibilityDiagnosis",
    description="An orienteur as author; an employer diagnosis for a non-SIAE; an employer "
    "diagnosis used by another structure than its author; a GEIQ diagnosis used by an SIAE.",
    description_fr="Un orienteur comme auteur ; un diagnostic employeur pour une structure qui "
    "n'est pas une SIAE ; un diagnostic employeur utilisé par une autre structure que son "
    "auteur ; un diagnostic GEIQ utilisé par une SIAE.",
    messages={
        "orienter": (
            "Un orienteur (prescripteur non habilité) ne peut pas établir de diagnostic "
            "d'éligibilité.",
            "An orienteur (a prescriber without authorisation) cannot make an eligibility "
            "diagnosis.",
        ),
        "employer_not_siae": (
            "Seule une SIAE peut établir un diagnostic employeur (structure : "
            "{structure_kind:code}).",
            "Only an SIAE can make an employer diagnosis (structure: {structure_kind:code}).",
        ),
        "employer_other_siae": (
            "Un diagnostic établi par une SIAE ne peut être utilisé que par cette SIAE.",
            "A diagnosis made by an SIAE can only be used by that SIAE.",
        ),
        "geiq_for_siae": (
            "Un diagnostic GEIQ ne vaut que pour une embauche en GEIQ.",
            "A GEIQ diagnosis is only valid for a hire by a GEIQ.",
        ),
    },
)
EXPIRED = register_rule(
    "eligibility.expired",
    "Diagnostic expiré",
    title_en="Diagnosis expired",
    reference=_PLATFORM,
    subject="EligibilityDiagnosis",
    description="The diagnosis is no longer valid on the date (eligibility.validity_months, "
    "eligibility.validity_days: prescriber or GEIQ 6 months; employer 92 days from "
    "2025-01-13, 6 months before), unless linked to a running PASS.",
    description_fr="Le diagnostic n'est plus valide à la date (eligibility.validity_months, "
    "eligibility.validity_days : prescripteur ou GEIQ 6 mois ; employeur 92 jours à partir du "
    "13/01/2025, 6 mois avant), sauf s'il est lié à un PASS IAE en cours.",
    params=("eligibility.validity_months", "eligibility.validity_days"),
    messages={
        "default": (
            "Le diagnostic du {made_on} n'est plus valide depuis le {expires_on}.",
            "The diagnosis of {made_on} is no longer valid since {expires_on}.",
        ),
    },
)
INCONSISTENT = register_rule(
    "eligibility.inconsistent_criterion",
    "Critère contredit par l'âge de la personne",
    title_en="Criterion contradicted by the person's age",
    reference=_PLATFORM,
    subject="EligibilityDiagnosis",
    description="SENIOR for a person under eligibility.senior_min_age_years (50), or JEUNE for "
    "a person aged eligibility.jeune_below_age_years (26) or more, on the diagnosis date.",
    description_fr="SENIOR pour une personne de moins de eligibility.senior_min_age_years "
    "(50 ans), ou JEUNE pour une personne de eligibility.jeune_below_age_years (26 ans) ou "
    "plus, à la date du diagnostic.",
    params=("eligibility.senior_min_age_years", "eligibility.jeune_below_age_years"),
    messages={
        "senior": (
            "Critère « {criterion} » retenu pour une personne de {age} ans au {made_on}.",
            "Criterion “{criterion:code}” (from {min_age} years old) retained for a person "
            "aged {age} on {made_on}.",
        ),
        "jeune": (
            "Critère « {criterion} » retenu pour une personne de {age} ans au {made_on}.",
            "Criterion “{criterion:code}” (under {below_age}) retained for a person aged "
            "{age} on {made_on}.",
        ),
    },
)


PROOF_TOO_OLD = register_rule(
    "eligibility.proof_too_old",
    "Justificatif d'un critère trop ancien ou non prévu",
    title_en="Proof of a criterion too old or not provided for",
    severity=Severity.WARNING,
    reference="arrêté du 1er septembre 2021, annexe (arrêté du 4 septembre 2025)",
    subject="EligibilityDiagnosis",
    applies_from=_ACCEPTED_PROOFS.rows[0].start,
    description=(
        "From the arrêté of 4 September 2025, each criterion is backed by the proofs its annex "
        "lists, some dated less than a number of months before the platform's registration "
        "receipt (an RSA certificate: 3 months). Only the criteria whose annex row was read "
        "are judged (parameters eligibility.accepted_proofs, eligibility.proof_max_age_months)."
    ),
    description_fr=(
        "Depuis l'arrêté du 4 septembre 2025, chaque critère est justifié par les pièces que "
        "son annexe énumère, certaines datant de moins d'un nombre de mois avant le récépissé "
        "d'enregistrement (attestation RSA : 3 mois). Seuls les critères dont la ligne de "
        "l'annexe a été lue sont jugés."
    ),
    params=("eligibility.accepted_proofs", "eligibility.proof_max_age_months.RSA"),
    messages={
        "too_old": (
            "Justificatif « {kind} » du critère « {criterion} » daté du {dated_on} : il doit "
            "dater de moins de {months} mois, soit après le {oldest}, au diagnostic du "
            "{made_on}.",
            "Proof “{kind:code}” of criterion “{criterion:code}” dated {dated_on}: it must be "
            "less than {months} months old, i.e. after {oldest}, on the diagnosis of {made_on}.",
        ),
        "not_accepted": (
            "Justificatif « {kind} » non prévu pour le critère « {criterion} » par l'annexe "
            "de l'arrêté (diagnostic du {made_on}).",
            "Proof “{kind:code}” is not provided for criterion “{criterion:code}” by the "
            "arrêté's annex (diagnosis of {made_on}).",
        ),
    },
    reading=(
        "« Datant de moins de 3 mois avant la date de délivrance […] du récépissé » is judged "
        "on the day the diagnosis is made (iae_core does not know the receipt's day): a proof "
        "is too old when that day is on or after its date plus the months (month ends "
        "clamped: a certificate of 29 February 2024 is too old from 29 May 2024). A proof of "
        "a criterion whose annex row was not read, or of a kind without a maximum age, is not "
        "judged. A special-category criterion is never named."
    ),
)


def proof_expiry(proof: CriterionProof, made_on: pendulum.Date) -> pendulum.Date | None:
    """The first day on which `proof` is too old, for a diagnosis made on `made_on`.

    Its date plus the maximum age in months of `eligibility.proof_max_age_months.<CRITERION>`
    in force on `made_on` (month ends clamped); `None` when no maximum age is known for
    that criterion and kind, or before the arrêté of 4 September 2025.
    """
    series = _PROOF_MAX_AGE.get(proof.criterion)
    if series is None or made_on < (series.rows[0].start or made_on):
        return None
    months = series.at(made_on).get(proof.kind.value)
    return None if months is None else dates.add_months(proof.dated_on, months)


def _check_proofs(diagnosis: EligibilityDiagnosis) -> list[Finding]:
    made_on = diagnosis.made_on
    first = _ACCEPTED_PROOFS.rows[0].start
    if not diagnosis.proofs or first is None or made_on < first:
        return []
    accepted: Mapping[str, frozenset[str]] = _ACCEPTED_PROOFS.at(made_on)
    out: list[Finding] = []
    for i, proof in enumerate(diagnosis.proofs):
        allowed = accepted.get(proof.criterion.value)
        shown = _shown(proof.criterion)
        if allowed is not None and proof.kind.value not in allowed:
            out.append(
                PROOF_TOO_OLD.emit(
                    "not_accepted",
                    f"proofs[{i}].kind",
                    kind=proof.kind,
                    criterion=shown,
                    made_on=made_on,
                )
            )
            continue
        expiry = proof_expiry(proof, made_on)
        if expiry is not None and made_on >= expiry:
            months = _PROOF_MAX_AGE[proof.criterion].at(made_on)[proof.kind.value]
            out.append(
                PROOF_TOO_OLD.emit(
                    "too_old",
                    f"proofs[{i}].dated_on",
                    kind=proof.kind,
                    criterion=shown,
                    dated_on=proof.dated_on,
                    months=months,
                    oldest=made_on.subtract(months=months),
                    made_on=made_on,
                )
            )
    return out


def kept_by_approval(approval: Approval | None, on: DayLike) -> bool:
    """True when `approval` keeps an expired diagnosis valid on `on`.

    The platform keeps a diagnosis linked to a PASS IAE *considered valid* while the
    PASS's end is strictly after the day judged (`end > on`): on the PASS's last day the
    diagnosis is no longer kept, although the PASS itself is still valid that day
    (`Approval.is_valid`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    return approval is not None and approval.end > on


class _Hidden(LabelledEnum):
    # what a message shows instead of a special-category criterion (French label; the
    # English templates print the value)
    CRITERION = "special-category criterion", "critère de catégorie particulière"


def _shown(criterion: Criterion | GeiqCriterion) -> Criterion | GeiqCriterion | _Hidden:
    # a special-category criterion is never named, not even in Finding.params
    return _Hidden.CRITERION if criterion.is_sensitive else criterion


def assess_eligibility(
    diagnosis: EligibilityDiagnosis,
    *,
    structure_kind: StructureKind,
    on: DayLike,
    person: Person | None = None,
    using_structure_siret: str | None = None,
    approval: Approval | None = None,
) -> Report:
    """Check an eligibility diagnosis used by a `structure_kind` on `on`.

    Rules (paths relative to the diagnosis; a parcours prefixes them with
    `diagnosis.`):

    * `eligibility.author_not_allowed` (`author`): an orienteur; an employer diagnosis
      for a non-SIAE; an employer diagnosis used by another structure than its author
      (`using_structure_siret` differs from `author_siret`, when both are known); a
      GEIQ diagnosis used by an SIAE (R5132-1-1; platform).
    * `eligibility.insufficient_criteria` (`criteria`): an employer diagnosis with no
      level-1 criterion and fewer level-2 ones than `eligibility.level2_required_count`
      gives for `structure_kind` (R5132-1-7; arrêté of 1 Sept 2021); a GEIQ-authored
      diagnosis with no criterion (platform GEIQ rule). Prescriber diagnoses need none.
    * `eligibility.exclusive_criteria` (`criteria`): SENIOR with JEUNE, DETLD with DELD.
    * `eligibility.expired` (`made_on`): `on` is on or after `expires_on`, unless
      `approval` (the PASS linked to this diagnosis) ends strictly after `on`
      (`kept_by_approval`: not on the PASS's last day).
    * `eligibility.inconsistent_criterion` (`criteria`), when `person` is given:
      SENIOR under `eligibility.senior_min_age_years`, JEUNE aged
      `eligibility.jeune_below_age_years` or more, on `made_on`.
    * `eligibility.proof_too_old` (`proofs[i].dated_on`, `proofs[i].kind`, a warning):
      from the arrêté of 4 Sept 2025, a proof older than its criterion allows on
      `made_on`, or of a kind the annex does not provide for (`proof_expiry`).

    Kinds outside the IAE and GEIQ eligibility rules (EA, EATT, OPCS) get an empty report.
    The criteria and thresholds are those of the arrêté of 1 Sept 2021 as the platform
    applies them, judged on the diagnosis date.

    Args:
        diagnosis: the diagnosis.
        structure_kind: the kind of the structure that uses it (hires on it).
        on: the date of use (the hiring date).
        person: the person, when known (criterion consistency).
        using_structure_siret: SIRET of the structure that uses it, when known.
        approval: the PASS IAE linked to this diagnosis, if any.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    structure_kind = as_structure_kind(structure_kind)
    if structure_kind not in _ELIGIBILITY_KINDS:
        return Report()
    out: list[Finding] = []
    author = diagnosis.author
    criteria = diagnosis.criteria
    made_on = diagnosis.made_on
    is_siae = structure_kind.is_siae
    if author is AuthorKind.ORIENTER:
        out.append(AUTHOR.emit("orienter", "author"))
    elif author is AuthorKind.EMPLOYER:
        if not is_siae:
            out.append(AUTHOR.emit("employer_not_siae", "author", structure_kind=structure_kind))
        elif (
            using_structure_siret is not None
            and diagnosis.author_siret is not None
            and using_structure_siret != diagnosis.author_siret
        ):
            out.append(
                AUTHOR.emit(
                    "employer_other_siae",
                    "author",
                    author_siret=diagnosis.author_siret,
                    using_structure_siret=using_structure_siret,
                )
            )
    elif author is AuthorKind.GEIQ and is_siae:
        out.append(AUTHOR.emit("geiq_for_siae", "author", structure_kind=structure_kind))
    if author is AuthorKind.EMPLOYER and is_siae:
        required: Mapping[str, int] = _LEVEL2_REQUIRED.at(made_on)
        needed = required.get(structure_kind.value, 0)
        codes = {c.value for c in criteria}
        level2 = len(codes & _LEVEL2.at(made_on))
        if level2 < needed and not codes & _LEVEL1.at(made_on):
            out.append(
                INSUFFICIENT.emit(
                    "employer_many" if level2 > 1 else "employer",
                    "criteria",
                    structure_kind=structure_kind,
                    level2_needed=needed,
                    level2_count=level2,
                )
            )
    elif author is AuthorKind.GEIQ and not criteria:
        out.append(INSUFFICIENT.emit("geiq_author", "criteria"))
    for a, b in EXCLUSIVE_CRITERIA:
        if a in criteria and b in criteria:
            out.append(EXCLUSIVE.emit("default", "criteria", first=_shown(a), second=_shown(b)))
    if on >= diagnosis.expires_on and not kept_by_approval(approval, on):
        out.append(
            EXPIRED.emit("default", "made_on", made_on=made_on, expires_on=diagnosis.expires_on)
        )
    if person is not None:
        age = age_on(person.birth_date, made_on)
        min_age = _SENIOR_MIN_AGE.at(made_on)
        below_age = _JEUNE_BELOW_AGE.at(made_on)
        if Criterion.SENIOR in criteria and age < min_age:
            out.append(
                INCONSISTENT.emit(
                    "senior",
                    "criteria",
                    criterion=Criterion.SENIOR,
                    age=age,
                    made_on=made_on,
                    min_age=min_age,
                )
            )
        if Criterion.JEUNE in criteria and age >= below_age:
            out.append(
                INCONSISTENT.emit(
                    "jeune",
                    "criteria",
                    criterion=Criterion.JEUNE,
                    age=age,
                    made_on=made_on,
                    below_age=below_age,
                )
            )
    out.extend(_check_proofs(diagnosis))
    return Report(out) if out else NO_FINDINGS


def is_eligible(
    diagnosis: EligibilityDiagnosis,
    *,
    structure_kind: StructureKind,
    on: DayLike,
    person: Person | None = None,
    using_structure_siret: str | None = None,
    approval: Approval | None = None,
) -> bool:
    """True when `assess_eligibility` finds no error (same arguments)."""
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    return assess_eligibility(
        diagnosis,
        structure_kind=structure_kind,
        on=on,
        person=person,
        using_structure_siret=using_structure_siret,
        approval=approval,
    ).ok


# --- GEIQ rules --------------------------------------------------------------------------------

_GEIQ_PLATFORM = "Plateforme de l'inclusion (diagnostic GEIQ)"

GEIQ_AUTHOR = register_rule(
    "geiq.author_not_allowed",
    "Auteur du diagnostic GEIQ non autorisé",
    title_en="GEIQ diagnosis author not allowed",
    reference=_GEIQ_PLATFORM,
    subject="GeiqDiagnosis",
    description="A GEIQ diagnosis made by someone else than an authorised prescriber or a "
    "GEIQ (an employer, an orienteur): geiq.allowed_authors.",
    description_fr="Un diagnostic GEIQ établi par un autre auteur qu'un prescripteur habilité "
    "ou un GEIQ (un employeur, un orienteur) : geiq.allowed_authors.",
    params=("geiq.allowed_authors",),
    messages={
        "default": (
            "Un diagnostic GEIQ ne peut être établi que par un prescripteur habilité ou "
            "par le GEIQ (auteur : {author}).",
            "A GEIQ diagnosis can only be made by an authorised prescriber or by the GEIQ "
            "(author: {author:code}).",
        ),
    },
)
GEIQ_INSUFFICIENT = register_rule(
    "geiq.insufficient_criteria",
    "Diagnostic GEIQ sans critère",
    title_en="GEIQ diagnosis without a criterion",
    reference=_GEIQ_PLATFORM,
    subject="GeiqDiagnosis",
    description="A GEIQ-authored diagnosis with no criterion (a criterion ignored for want "
    "of its parent does not count). A prescriber diagnosis may have none.",
    description_fr="Un diagnostic établi par le GEIQ sans aucun critère (un critère ignoré "
    "faute de son critère parent ne compte pas). Un diagnostic de prescripteur peut n'en "
    "retenir aucun.",
    messages={
        "default": (
            "Un diagnostic établi par un GEIQ doit retenir au moins un critère.",
            "A diagnosis made by a GEIQ must retain at least one criterion.",
        ),
    },
)
GEIQ_EXCLUSIVE = register_rule(
    "geiq.exclusive_criteria",
    "Critères GEIQ incompatibles",
    title_en="Incompatible GEIQ criteria",
    reference=_GEIQ_PLATFORM,
    subject="GeiqDiagnosis",
    description="QPV with ZRR; JEUNE with SENIOR or DE_45; SENIOR or DE_45 with ASE; REF_DA "
    "with RS_PS_DA; more than one France Travail duration (DELD_12, DELD, DETLD).",
    description_fr="QPV avec ZRR ; JEUNE avec SENIOR ou DE_45 ; SENIOR ou DE_45 avec ASE ; "
    "REF_DA avec RS_PS_DA ; plus d'une durée d'inscription à France Travail (DELD_12, DELD, "
    "DETLD).",
    messages={
        "default": (
            "Les critères « {first} » et « {second} » sont incompatibles.",
            "The criteria “{first:code}” and “{second:code}” cannot both be retained.",
        ),
    },
)
GEIQ_ORPHAN = register_rule(
    "geiq.orphan_criterion",
    "Critère GEIQ sans son critère parent",
    title_en="GEIQ criterion without its parent",
    severity=Severity.WARNING,
    reference=_GEIQ_PLATFORM,
    subject="GeiqDiagnosis",
    description="A criterion retained without its parent (RSA, ASS, AAH, AUTRE_MINIMA "
    "without MINIMA; DETLD, DELD, DELD_12 without FT; JEUNE_SQ without JEUNE): the platform "
    "ignores it, and so do the allowance and geiq.insufficient_criteria.",
    description_fr="Un critère retenu sans son critère parent (RSA, ASS, AAH, AUTRE_MINIMA "
    "sans MINIMA ; DETLD, DELD, DELD_12 sans FT ; JEUNE_SQ sans JEUNE) : la plateforme "
    "l'ignore, l'aide et geiq.insufficient_criteria aussi.",
    messages={
        "default": (
            "Le critère « {criterion} » est ignoré sans le critère « {parent} ».",
            "The criterion “{criterion:code}” is ignored without the criterion “{parent:code}”.",
        ),
    },
)
GEIQ_EXPIRED = register_rule(
    "geiq.expired",
    "Diagnostic GEIQ expiré",
    title_en="GEIQ diagnosis expired",
    reference=_GEIQ_PLATFORM,
    subject="GeiqDiagnosis",
    description="The GEIQ diagnosis is no longer valid on the date (geiq.validity_months, "
    "whoever the author: 2025-02-03 → first invalid day 2025-08-03).",
    description_fr="Le diagnostic GEIQ n'est plus valide à la date (geiq.validity_months, "
    "quel que soit l'auteur : 03/02/2025 → premier jour invalide 03/08/2025).",
    params=("geiq.validity_months",),
    messages={
        "default": (
            "Le diagnostic GEIQ du {made_on} n'est plus valide depuis le {expires_on}.",
            "The GEIQ diagnosis of {made_on} is no longer valid since {expires_on}.",
        ),
    },
)


def check_geiq_diagnosis(diagnosis: GeiqDiagnosis, *, on: DayLike) -> Report:
    """Check a GEIQ diagnosis used on `on` (the hiring date).

    Rules (paths relative to the diagnosis):

    * `geiq.author_not_allowed` (`author`): not an authorised prescriber nor a GEIQ
      (`geiq.allowed_authors`);
    * `geiq.insufficient_criteria` (`criteria`): a GEIQ-authored diagnosis without any
      retained criterion;
    * `geiq.exclusive_criteria` (`criteria`): a pair of `GEIQ_EXCLUSIVE_CRITERIA`;
    * `geiq.orphan_criterion` (`criteria`, warning): a child criterion without its
      parent (ignored);
    * `geiq.expired` (`made_on`): `on` is on or after `GeiqDiagnosis.expires_on`.

    Messages never name `TH` nor `DETENTION_MJ`.

    Args:
        diagnosis: the GEIQ diagnosis.
        on: the date of use.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    out: list[Finding] = []
    author = diagnosis.author
    criteria = diagnosis.criteria
    if author.value not in _GEIQ_AUTHORS.at(diagnosis.made_on):
        out.append(GEIQ_AUTHOR.emit("default", "author", author=author))
    if author is AuthorKind.GEIQ and not diagnosis.retained_criteria:
        out.append(GEIQ_INSUFFICIENT.emit("default", "criteria"))
    for a, b in GEIQ_EXCLUSIVE_CRITERIA:
        if a in criteria and b in criteria:
            out.append(
                GEIQ_EXCLUSIVE.emit("default", "criteria", first=_shown(a), second=_shown(b))
            )
    for c in sorted(criteria - diagnosis.retained_criteria):
        assert c.parent is not None  # only a child can be left out
        out.append(
            GEIQ_ORPHAN.emit("default", "criteria", criterion=_shown(c), parent=_shown(c.parent))
        )
    if on >= diagnosis.expires_on:
        out.append(
            GEIQ_EXPIRED.emit(
                "default", "made_on", made_on=diagnosis.made_on, expires_on=diagnosis.expires_on
            )
        )
    return Report(out)

"""The vocabulary of IAE: every enum of the public API.

Each enum is a `enum.StrEnum` whose values are the stable codes used in JSON,
and each member carries a French ``label`` for end users:

```pycon
>>> StructureKind.ACI.label
"Atelier et chantier d'insertion"
>>> StructureKind("ETTI").level2_criteria_required
2

```
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

__all__ = [
    "ActionKind",
    "ActivitySupport",
    "ApprovalState",
    "AuthorKind",
    "ConsultedBody",
    "ContractKind",
    "Criterion",
    "DerogationKind",
    "ExitCategory",
    "ExitKind",
    "ExtensionGround",
    "Funder",
    "GeiqAnnex",
    "GeiqCriterion",
    "HostKind",
    "LabelledEnum",
    "OrientationBody",
    "OrientationCategory",
    "PartnershipKind",
    "ProlongationReason",
    "Severity",
    "StructureKind",
    "SuspensionReason",
]


class LabelledEnum(StrEnum):
    """A string enum whose members carry a French ``label``.

    Members are declared as ``NAME = "VALUE", "Libellé"``.
    """

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        """Build a member from its ``(value, label)`` pair."""
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def choices(cls) -> list[dict[str, str]]:
        """``[{"value": …, "label": …}]`` for every member, in declaration order."""
        return [{"value": m.value, "label": m.label} for m in cls]


class Severity(LabelledEnum):
    """How serious a finding is."""

    ERROR = "error", "Erreur : non autorisé"
    WARNING = "warning", "Avertissement : autorisé mais à justifier"
    INFO = "info", "Information"


class StructureKind(LabelledEnum):
    """Kinds of structures (codes of the national platform, uppercase)."""

    ACI = "ACI", "Atelier et chantier d'insertion"
    AI = "AI", "Association intermédiaire"
    EI = "EI", "Entreprise d'insertion"
    ETTI = "ETTI", "Entreprise de travail temporaire d'insertion"
    EITI = "EITI", "Entreprise d'insertion par le travail indépendant"
    GEIQ = "GEIQ", "Groupement d'employeurs pour l'insertion et la qualification"
    EA = "EA", "Entreprise adaptée"
    EATT = "EATT", "Entreprise adaptée de travail temporaire"
    OPCS = "OPCS", "Organisation porteuse de la clause sociale"

    @property
    def is_siae(self) -> bool:
        """True for the five SIAE kinds (ACI, AI, EI, ETTI, EITI) — C. trav. art. L5132-4."""
        return self in _SIAE

    @property
    def issues_pass_iae(self) -> bool:
        """True when hiring in this kind needs a PASS IAE (the SIAE; never GEIQ, EA, OPCS)."""
        return self in _SIAE

    @property
    def level2_criteria_required(self) -> int | None:
        """Level-2 criteria an employer diagnosis needs without a level-1 one.

        2 for AI and ETTI, 3 for ACI, EI and EITI (arrêté of 1 Sept 2021; R5132-1-7);
        ``None`` for kinds outside the IAE eligibility rules.
        """
        return _LEVEL2_REQUIRED.get(self)

    def to_data_inclusion(self) -> str:
        """The data-inclusion-schema v1 ``ReseauPorteur`` slug (``"aci"``…)."""
        return self.value.lower()


_SIAE = frozenset(
    {StructureKind.ACI, StructureKind.AI, StructureKind.EI, StructureKind.ETTI, StructureKind.EITI}
)
_LEVEL2_REQUIRED = {
    StructureKind.AI: 2,
    StructureKind.ETTI: 2,
    StructureKind.ACI: 3,
    StructureKind.EI: 3,
    StructureKind.EITI: 3,
}


class ContractKind(LabelledEnum):
    """Kinds of employment (or commercial) relation with a structure."""

    CDDI = "CDDI", "Contrat à durée déterminée d'insertion"
    MISSION = "MISSION", "Contrat de mission (ETTI)"
    CDD_USAGE = "CDD_USAGE", "CDD d'usage (mise à disposition en AI)"
    CDI_INCLUSION = "CDI_INCLUSION", "CDI inclusion (57 ans et plus)"
    COMMERCIAL = "COMMERCIAL", "Contrat commercial avec un travailleur indépendant (EITI)"
    PROFESSIONALISATION = "PROFESSIONALISATION", "Contrat de professionnalisation"
    OTHER = "OTHER", "Autre contrat"


class Criterion(LabelledEnum):
    """The 18 administrative eligibility criteria (arrêté of 1 Sept 2021, as amended)."""

    RSA = "RSA", "Bénéficiaire du RSA"
    ASS = "ASS", "Allocataire ASS"
    AAH = "AAH", "Allocataire AAH"
    DETLD = "DETLD", "Demandeur d'emploi de très longue durée (24 mois et plus)"
    CAP_BEP = "CAP_BEP", "Niveau d'étude 3 (CAP, BEP) ou infra"
    SENIOR = "SENIOR", "Senior (50 ans et plus)"
    JEUNE = "JEUNE", "Jeune (moins de 26 ans)"
    ASE = "ASE", "Aide sociale à l'enfance"
    DELD = "DELD", "Demandeur d'emploi de longue durée (12 à 24 mois)"
    TH = "TH", "Travailleur handicapé"
    PI = "PI", "Parent isolé"
    PSH_PR = "PSH_PR", "Personne sans hébergement ou hébergée ou ayant un parcours de rue"
    REF_DA = "REF_DA", "Réfugié statutaire, bénéficiaire de la protection subsidiaire"
    ZRR = "ZRR", "Résident ZRR/ZFRR"
    QPV = "QPV", "Résident QPV"
    DETENTION_MJ = "DETENTION_MJ", "Sortant de détention ou personne placée sous main de justice"
    FLE = "FLE", "Maîtrise de la langue française (FLE)"
    PM = "PM", "Problème de mobilité"

    @property
    def level(self) -> int:
        """1 for RSA, ASS, AAH and DETLD; 2 for the others."""
        return 1 if self in _LEVEL1 else 2

    @property
    def is_sensitive(self) -> bool:
        """True for special-category data: ``TH`` (health) and ``DETENTION_MJ`` (justice).

        GDPR art. 9 and 10: never in a ``repr``, a
        message or a default export, like ``Person.rqth`` and ``under_justice_measure``.
        """
        return self in _SENSITIVE_CRITERIA


_LEVEL1 = frozenset({Criterion.RSA, Criterion.ASS, Criterion.AAH, Criterion.DETLD})
_SENSITIVE_CRITERIA = frozenset({Criterion.TH, Criterion.DETENTION_MJ})


class GeiqAnnex(LabelledEnum):
    """The annex of the GEIQ criteria list a GEIQ criterion belongs to.

    As the platform stores them (the national platform's GEIQ model): ``1``, ``2``, both
    (``1+2``), or none (``0``: a sub-choice of the form). They are the publics of the
    State aid to GEIQ (C. trav. art. D6325-23; arrêté of 10 March 2022, JO 24 March 2022:
    annex 1 for the 814 € aid, annex 2 for the 1,400 € one; the arrêté's text itself was
    not read).
    """

    NONE = "0", "Hors annexe"
    ANNEX_1 = "1", "Annexe 1"
    ANNEX_2 = "2", "Annexe 2"
    BOTH = "1+2", "Annexes 1 et 2"

    @property
    def in_annex_1(self) -> bool:
        """True for annex ``1`` and ``1+2``."""
        return self in (GeiqAnnex.ANNEX_1, GeiqAnnex.BOTH)

    @property
    def in_annex_2(self) -> bool:
        """True for annex ``2`` and ``1+2``."""
        return self in (GeiqAnnex.ANNEX_2, GeiqAnnex.BOTH)


class GeiqCriterion(LabelledEnum):
    """The administrative criteria of a GEIQ diagnosis (the national platform's GEIQ model).

    Each has an `annex` and, on annex ``2`` and ``1+2`` only, a `level`
    (1 or 2); some are under a `parent` criterion (RSA under MINIMA…). Codes are the
    platform's; the labels are this library's French wording of them.
    """

    # annex 2, level 1
    RSA = "RSA", "Bénéficiaire du RSA"
    ASS = "ASS", "Allocataire ASS"
    AAH = "AAH", "Allocataire AAH"
    DETLD = "DETLD", "Demandeur d'emploi de très longue durée (24 mois et plus)"
    # annex 2, level 2
    CAP_BEP = "CAP_BEP", "Niveau d'étude 3 (CAP, BEP) ou infra"
    SENIOR = "SENIOR", "Senior (50 ans et plus)"
    JEUNE = "JEUNE", "Jeune (moins de 26 ans)"
    ASE = "ASE", "Aide sociale à l'enfance"
    DELD = "DELD", "Demandeur d'emploi de longue durée (12 à 24 mois)"
    PI = "PI", "Parent isolé"
    PSH_PR = "PSH_PR", "Personne sans hébergement ou hébergée ou ayant un parcours de rue"
    FLE = "FLE", "Maîtrise de la langue française (FLE)"
    PM = "PM", "Problème de mobilité"
    RS_PS_DA = "RS_PS_DA", "Réfugié statutaire, protégé subsidiaire ou demandeur d'asile"
    # annexes 1 and 2, level 2
    TH = "TH", "Travailleur handicapé"
    REF_DA = "REF_DA", "Réfugié statutaire, bénéficiaire de la protection subsidiaire"
    ZRR = "ZRR", "Résident ZRR/ZFRR"
    QPV = "QPV", "Résident QPV"
    DETENTION_MJ = "DETENTION_MJ", "Sortant de détention ou personne placée sous main de justice"
    # annex 1, no level
    JEUNE_SQ = "JEUNE_SQ", "Jeune de moins de 26 ans sans qualification (niveau 4 au plus)"
    MINIMA = "MINIMA", "Bénéficiaire de minima sociaux"
    SANS_TRAVAIL_12 = "SANS_TRAVAIL_12", "Sans activité professionnelle depuis plus d'un an"
    DE_45 = "DE_45", "Demandeur d'emploi de 45 ans et plus"
    RECONVERSION = "RECONVERSION", "Personne en reconversion professionnelle"
    SIAE_CUI = "SIAE_CUI", "Sortant de SIAE ou de contrat aidé (CUI)"
    # no annex, no level (sub-choices of the form)
    AUTRE_MINIMA = "AUTRE_MINIMA", "Autre minimum social"
    FT = "FT", "Inscrit à France Travail"
    DELD_12 = "DELD_12", "Demandeur d'emploi inscrit depuis moins de 12 mois"

    @property
    def annex(self) -> GeiqAnnex:
        """The annex of the criterion (the national platform's GEIQ model)."""
        return _GEIQ_ANNEX[self]

    @property
    def level(self) -> int | None:
        """1 or 2 on annex ``2`` and ``1+2`` criteria; ``None`` on the others."""
        return _GEIQ_LEVEL.get(self)

    @property
    def parent(self) -> GeiqCriterion | None:
        """The criterion this one refines, or ``None``.

        RSA, ASS, AAH and AUTRE_MINIMA are under MINIMA; DETLD, DELD and DELD_12 under FT;
        JEUNE_SQ under JEUNE. The platform's form ignores a child whose parent is not
        checked.
        """
        return _GEIQ_PARENT.get(self)

    @property
    def is_sensitive(self) -> bool:
        """True for ``TH`` (health) and ``DETENTION_MJ`` (justice), as for `Criterion`."""
        return self in (GeiqCriterion.TH, GeiqCriterion.DETENTION_MJ)


_G = GeiqCriterion
_GEIQ_LEVEL: dict[GeiqCriterion, int] = {
    **dict.fromkeys((_G.RSA, _G.ASS, _G.AAH, _G.DETLD), 1),
    **dict.fromkeys(
        (_G.CAP_BEP, _G.SENIOR, _G.JEUNE, _G.ASE, _G.DELD, _G.PI, _G.PSH_PR, _G.FLE, _G.PM),
        2,
    ),
    **dict.fromkeys((_G.RS_PS_DA, _G.TH, _G.REF_DA, _G.ZRR, _G.QPV, _G.DETENTION_MJ), 2),
}
_GEIQ_ANNEX: dict[GeiqCriterion, GeiqAnnex] = {
    **dict.fromkeys(
        (_G.RSA, _G.ASS, _G.AAH, _G.DETLD, _G.CAP_BEP, _G.SENIOR, _G.JEUNE, _G.ASE, _G.DELD),
        GeiqAnnex.ANNEX_2,
    ),
    **dict.fromkeys((_G.PI, _G.PSH_PR, _G.FLE, _G.PM, _G.RS_PS_DA), GeiqAnnex.ANNEX_2),
    **dict.fromkeys((_G.TH, _G.REF_DA, _G.ZRR, _G.QPV, _G.DETENTION_MJ), GeiqAnnex.BOTH),
    **dict.fromkeys(
        (_G.JEUNE_SQ, _G.MINIMA, _G.SANS_TRAVAIL_12, _G.DE_45, _G.RECONVERSION, _G.SIAE_CUI),
        GeiqAnnex.ANNEX_1,
    ),
    **dict.fromkeys((_G.AUTRE_MINIMA, _G.FT, _G.DELD_12), GeiqAnnex.NONE),
}
_GEIQ_PARENT: dict[GeiqCriterion, GeiqCriterion] = {
    **dict.fromkeys((_G.RSA, _G.ASS, _G.AAH, _G.AUTRE_MINIMA), _G.MINIMA),
    **dict.fromkeys((_G.DETLD, _G.DELD, _G.DELD_12), _G.FT),
    _G.JEUNE_SQ: _G.JEUNE,
}
del _G


class AuthorKind(LabelledEnum):
    """Who made an eligibility diagnosis."""

    PRESCRIBER = "PRESCRIBER", "Prescripteur habilité"
    EMPLOYER = "EMPLOYER", "Employeur (SIAE)"
    GEIQ = "GEIQ", "GEIQ"
    ORIENTER = "ORIENTER", "Orienteur (non habilité)"


class SuspensionReason(LabelledEnum):
    """Why a PASS IAE is suspended (R5132-1-3; legacy reasons kept for history)."""

    CONTRACT_SUSPENDED = "CONTRACT_SUSPENDED", "Contrat de travail suspendu depuis plus de 15 jours"
    CONTRACT_BROKEN = "CONTRACT_BROKEN", "Contrat de travail rompu"
    FINISHED_CONTRACT = "FINISHED_CONTRACT", "Contrat de travail terminé"
    APPROVAL_BETWEEN_CTA_MEMBERS = (
        "APPROVAL_BETWEEN_CTA_MEMBERS",
        "Situation faisant l'objet d'un accord entre les acteurs membres du CTA",
    )
    CONTRAT_PASSERELLE = "CONTRAT_PASSERELLE", "Création d'un contrat passerelle"
    SICKNESS = "SICKNESS", "Arrêt pour longue maladie (ancien motif)"
    MATERNITY = "MATERNITY", "Congé de maternité (ancien motif)"
    INCARCERATION = "INCARCERATION", "Incarcération (ancien motif)"
    TRIAL_OUTSIDE_IAE = "TRIAL_OUTSIDE_IAE", "Période d'essai hors IAE (ancien motif)"
    DETOXIFICATION = "DETOXIFICATION", "Cure de désintoxication (ancien motif)"
    FORCE_MAJEURE = "FORCE_MAJEURE", "Raison de force majeure (ancien motif)"

    @property
    def is_legacy(self) -> bool:
        """True for reasons kept only for history (only a warning when used)."""
        return self in _LEGACY_SUSPENSION


_LEGACY_SUSPENSION = frozenset(
    {
        SuspensionReason.SICKNESS,
        SuspensionReason.MATERNITY,
        SuspensionReason.INCARCERATION,
        SuspensionReason.TRIAL_OUTSIDE_IAE,
        SuspensionReason.DETOXIFICATION,
        SuspensionReason.FORCE_MAJEURE,
    }
)


class ProlongationReason(LabelledEnum):
    """Why a PASS IAE is prolonged (R5132-1-8)."""

    SENIOR_CDI = "SENIOR_CDI", "CDI inclusion pour une personne de 57 ans et plus"
    COMPLETE_TRAINING = "COMPLETE_TRAINING", "Fin d'une formation"
    RQTH = "RQTH", "RQTH - Reconnaissance de la qualité de travailleur handicapé"
    SENIOR = "SENIOR", "50 ans et plus"
    PARTICULAR_DIFFICULTIES = (
        "PARTICULAR_DIFFICULTIES",
        "Difficultés particulièrement importantes dont l'absence de prise en charge "
        "ferait obstacle à l'insertion professionnelle",
    )
    HEALTH_CONTEXT = "HEALTH_CONTEXT", "Contexte sanitaire"


class ApprovalState(LabelledEnum):
    """The state of a PASS IAE on a date."""

    FUTURE = "future", "Valide (non démarré)"
    VALID = "valid", "Valide"
    SUSPENDED = "suspended", "Valide (suspendu)"
    EXPIRED = "expired", "Expiré"


class ExtensionGround(LabelledEnum):
    """Grounds that allow a CDDI past 24 months (L5132-5, L5132-11-1, L5132-15-1)."""

    TRAINING = "TRAINING", "Achèvement d'une action de formation en cours"
    AGE_50 = "AGE_50", "Salarié âgé de 50 ans et plus"
    RQTH = "RQTH", "Travailleur handicapé (RQTH)"
    PARTICULAR_DIFFICULTIES = (
        "PARTICULAR_DIFFICULTIES",
        "Difficultés particulièrement importantes (ACI et AI)",
    )


class DerogationKind(LabelledEnum):
    """Derogations to the 20-hour weekly minimum of a CDDI."""

    CUMUL = "CUMUL", "Cumul avec un autre emploi à temps partiel"
    SEVERE_DIFFICULTIES = (
        "SEVERE_DIFFICULTIES",
        "Difficultés particulièrement importantes (ACI uniquement)",
    )


class HostKind(LabelledEnum):
    """Who an AI places a person with (L5132-9)."""

    EMPLOYER = "EMPLOYER", "Employeur de droit privé (compte dans les 480 heures)"
    PRIVATE_INDIVIDUAL = "PRIVATE_INDIVIDUAL", "Particulier"
    NON_PROFIT = "NON_PROFIT", "Collectivité, association ou autre personne morale non lucrative"


class ActionKind(LabelledEnum):
    """Support actions during a parcours."""

    TRAINING = "TRAINING", "Formation"
    QUALIFYING_TRAINING = "QUALIFYING_TRAINING", "Formation qualifiante"
    SOCIAL_SUPPORT = "SOCIAL_SUPPORT", "Accompagnement social"
    SKILLS_RECOGNITION = "SKILLS_RECOGNITION", "Reconnaissance des compétences (VAE, RSFP…)"
    OTHER = "OTHER", "Autre action d'accompagnement"


class ExitCategory(LabelledEnum):
    """Exit categories of the ASP and DGEFP (table ``RefCategorieSort``)."""

    SUSTAINABLE = "SUSTAINABLE", "Emploi durable"
    TRANSITION = "TRANSITION", "Emploi de transition"
    POSITIVE = "POSITIVE", "Sortie positive"
    OTHER = "OTHER", "Autre sortie"
    WITHDRAWN = "WITHDRAWN", "Retrait des sorties constatées"

    @property
    def is_dynamic(self) -> bool:
        """True for sustainable, transition and positive exits."""
        return self in _DYNAMIC


_DYNAMIC = frozenset({ExitCategory.SUSTAINABLE, ExitCategory.TRANSITION, ExitCategory.POSITIVE})


class ExitKind(LabelledEnum):
    """Why a person left a structure; ``.category`` gives the official category.

    The 6-month line: sources say "plus de 6 mois"; iae_core counts a CDD or mission of
    exactly 6 months as sustainable (documented choice). The contents
    of the withdrawn category are UNVERIFIED: the reasons below are the usual
    ones (death, long illness, moving away, incarceration, retirement).
    """

    CDI = "CDI", "CDI"
    CDD_6_MONTHS_OR_MORE = "CDD_6_MONTHS_OR_MORE", "CDD de 6 mois ou plus"
    MISSION_6_MONTHS_OR_MORE = "MISSION_6_MONTHS_OR_MORE", "Mission d'intérim de 6 mois ou plus"
    CIVIL_SERVICE = "CIVIL_SERVICE", "Stage ou titularisation dans la fonction publique"
    BUSINESS_CREATION = "BUSINESS_CREATION", "Création d'entreprise"
    CDD_UNDER_6_MONTHS = "CDD_UNDER_6_MONTHS", "CDD de moins de 6 mois"
    MISSION_UNDER_6_MONTHS = "MISSION_UNDER_6_MONTHS", "Mission d'intérim de moins de 6 mois"
    SUBSIDISED_CONTRACT = "SUBSIDISED_CONTRACT", "Contrat aidé chez un employeur ordinaire"
    QUALIFYING_TRAINING = "QUALIFYING_TRAINING", "Formation qualifiante ou pré-qualifiante"
    OTHER_SIAE = "OTHER_SIAE", "Embauche dans une autre SIAE"
    JOB_SEEKING = "JOB_SEEKING", "Au chômage, à la recherche d'un emploi"
    INACTIVE = "INACTIVE", "Inactif"
    UNKNOWN = "UNKNOWN", "Sortie sans nouvelles"
    DEATH = "DEATH", "Décès"
    LONG_ILLNESS = "LONG_ILLNESS", "Longue maladie"
    MOVED_AWAY = "MOVED_AWAY", "Déménagement"
    INCARCERATION = "INCARCERATION", "Incarcération"
    RETIREMENT = "RETIREMENT", "Départ à la retraite"

    @property
    def category(self) -> ExitCategory:
        """The official exit category of this reason."""
        return _EXIT_CATEGORY[self]


_EXIT_CATEGORY = {
    ExitKind.CDI: ExitCategory.SUSTAINABLE,
    ExitKind.CDD_6_MONTHS_OR_MORE: ExitCategory.SUSTAINABLE,
    ExitKind.MISSION_6_MONTHS_OR_MORE: ExitCategory.SUSTAINABLE,
    ExitKind.CIVIL_SERVICE: ExitCategory.SUSTAINABLE,
    ExitKind.BUSINESS_CREATION: ExitCategory.SUSTAINABLE,
    ExitKind.CDD_UNDER_6_MONTHS: ExitCategory.TRANSITION,
    ExitKind.MISSION_UNDER_6_MONTHS: ExitCategory.TRANSITION,
    ExitKind.SUBSIDISED_CONTRACT: ExitCategory.TRANSITION,
    ExitKind.QUALIFYING_TRAINING: ExitCategory.POSITIVE,
    ExitKind.OTHER_SIAE: ExitCategory.POSITIVE,
    ExitKind.JOB_SEEKING: ExitCategory.OTHER,
    ExitKind.INACTIVE: ExitCategory.OTHER,
    ExitKind.UNKNOWN: ExitCategory.OTHER,
    ExitKind.DEATH: ExitCategory.WITHDRAWN,
    ExitKind.LONG_ILLNESS: ExitCategory.WITHDRAWN,
    ExitKind.MOVED_AWAY: ExitCategory.WITHDRAWN,
    ExitKind.INCARCERATION: ExitCategory.WITHDRAWN,
    ExitKind.RETIREMENT: ExitCategory.WITHDRAWN,
}


class PartnershipKind(LabelledEnum):
    """What a structure and an ordinary company do together."""

    SUBCONTRACTING = "SUBCONTRACTING", "Sous-traitance"
    CO_CONTRACTING = "CO_CONTRACTING", "Co-traitance"
    PLACEMENT = "PLACEMENT", "Mise à disposition de personnel"
    IMMERSION_HOSTING = "IMMERSION_HOSTING", "Accueil en immersion (PMSMP)"
    RECRUITMENT = "RECRUITMENT", "Recrutement"
    SOCIAL_CLAUSE = "SOCIAL_CLAUSE", "Clause sociale d'insertion"
    SKILLS_SPONSORSHIP = "SKILLS_SPONSORSHIP", "Mécénat de compétences"
    COMPANY_VISITS = "COMPANY_VISITS", "Visites d'entreprise"


class ActivitySupport(LabelledEnum):
    """What an ACI's workshop or site (*atelier ou chantier*) produces."""

    BUILDING = "BUILDING", "Bâtiment, second œuvre"
    LINEN_CARE = "LINEN_CARE", "Entretien du linge, blanchisserie"
    RECYCLING = "RECYCLING", "Recyclage, réemploi"
    GREEN_SPACES = "GREEN_SPACES", "Espaces verts, environnement"
    MARKET_GARDENING = "MARKET_GARDENING", "Maraîchage"
    CATERING = "CATERING", "Restauration"
    OTHER = "OTHER", "Autre support"


class Funder(LabelledEnum):
    """Who pays a subsidy to an activity."""

    STATE_POST_AID = "STATE_POST_AID", "État : aide au poste d'insertion"
    DEPARTEMENT = "DEPARTEMENT", "Département"
    REGION = "REGION", "Région"
    ESF = "ESF", "Fonds social européen (FSE)"
    COMMUNES = "COMMUNES", "Communes et intercommunalités"
    OTHER = "OTHER", "Autre financeur"


class ConsultedBody(LabelledEnum):
    """The body whose opinion the prefect takes before raising an ACI's sales share."""

    CDIAE = "CDIAE", "Conseil départemental de l'insertion par l'activité économique"
    CDE_COMMISSION = (
        "CDE_COMMISSION",
        "Commission spécialisée du comité départemental pour l'emploi",
    )


class OrientationCategory(LabelledEnum):
    """The path an RSA recipient is oriented to (CASF L262-29)."""

    SOCIAL = "SOCIAL", "Sociale"
    PROFESSIONAL = "PROFESSIONAL", "Professionnelle"
    SOCIO_PROFESSIONAL = "SOCIO_PROFESSIONAL", "Socio-professionnelle"


class OrientationBody(LabelledEnum):
    """The body an RSA recipient is oriented to (the *organisme référent*)."""

    FRANCE_TRAVAIL = "FRANCE_TRAVAIL", "France Travail"
    MISSION_LOCALE = "MISSION_LOCALE", "Mission locale"
    DEPARTEMENT = "DEPARTEMENT", "Services du département"
    OTHER = "OTHER", "Autre organisme"


# --- after the contract and around it (follow-up, skills, complete immersions) -------------


class FollowUpSource(LabelledEnum):
    """Where a follow-up after the exit comes from."""

    DECLARED = "DECLARED", "Déclaration de la personne"
    EMPLOYER = "EMPLOYER", "Déclaration de l'employeur"
    ADMINISTRATIVE = "ADMINISTRATIVE", "Données administratives (DSN, France Travail…)"


class SupportKind(LabelledEnum):
    """Support actions after the exit, in the new job ("place then train")."""

    JOB_COACHING = "JOB_COACHING", "Accompagnement dans l'emploi"
    EMPLOYER_MEDIATION = "EMPLOYER_MEDIATION", "Médiation avec l'employeur"
    TRAINING = "TRAINING", "Formation en cours d'emploi"
    SOCIAL_SUPPORT = "SOCIAL_SUPPORT", "Accompagnement social"
    OTHER = "OTHER", "Autre action de suivi"


class ImmersionPurpose(LabelledEnum):
    """The purpose of a PMSMP (C. trav. art. L5135-1)."""

    DISCOVER_TRADE = "DISCOVER_TRADE", "Découvrir un métier ou un secteur d'activité"
    CONFIRM_PROJECT = "CONFIRM_PROJECT", "Confirmer un projet professionnel"
    START_RECRUITMENT = "START_RECRUITMENT", "Initier une démarche de recrutement"


class ImmersionOutcome(LabelledEnum):
    """How a PMSMP went, as assessed at its end."""

    COMPLETED = "COMPLETED", "Réalisée en entier"
    PARTLY = "PARTLY", "Réalisée en partie"
    DID_NOT_COME = "DID_NOT_COME", "La personne n'est pas venue"


class PrescriberKind(LabelledEnum):
    """Who prescribes a PMSMP (C. trav. art. L5135-2)."""

    FRANCE_TRAVAIL = "FRANCE_TRAVAIL", "France Travail"
    MISSION_LOCALE = "MISSION_LOCALE", "Mission locale"
    CAP_EMPLOI = "CAP_EMPLOI", "Cap emploi"
    SIAE = "SIAE", "Structure d'insertion par l'activité économique"
    DEPARTMENT = "DEPARTMENT", "Conseil départemental"
    DELEGATED = "DELEGATED", "Organisme ayant une délégation de prescription (D5135-7)"
    OTHER = "OTHER", "Autre prescripteur"


class HireKind(LabelledEnum):
    """The contract of a hire by an ordinary employer (after an immersion, at follow-up)."""

    CDI = "CDI", "CDI"
    CDD = "CDD", "CDD"
    INTERIM = "INTERIM", "Mission d'intérim"
    APPRENTICESHIP = "APPRENTICESHIP", "Contrat d'apprentissage"
    PROFESSIONALISATION = "PROFESSIONALISATION", "Contrat de professionnalisation"
    SUBSIDISED = "SUBSIDISED", "Contrat aidé"
    IAE = "IAE", "Contrat dans une structure d'insertion"
    OTHER = "OTHER", "Autre contrat"


class SkillLevel(LabelledEnum):
    """The level at which a skill was observed (ordered from the lowest)."""

    STARTING = "STARTING", "En cours d'acquisition"
    ACQUIRED = "ACQUIRED", "Acquis"
    MASTERED = "MASTERED", "Maîtrisé"
    CAN_TEACH = "CAN_TEACH", "Maîtrisé et transmissible"


class BehaviouralSkill(LabelledEnum):
    """Behavioural skills (*savoir-être professionnels*, as France Travail lists them)."""

    AUTONOMY = "AUTONOMY", "Autonomie"
    ADAPTABILITY = "ADAPTABILITY", "Capacité d'adaptation"
    DECISION = "DECISION", "Capacité de décision"
    CURIOSITY = "CURIOSITY", "Curiosité"
    PROPOSALS = "PROPOSALS", "Force de proposition"
    STRESS = "STRESS", "Gestion du stress"
    PERSEVERANCE = "PERSEVERANCE", "Persévérance"
    INITIATIVE = "INITIATIVE", "Prise d'initiative"
    PERSPECTIVE = "PERSPECTIVE", "Prise de recul"
    REACTIVITY = "REACTIVITY", "Réactivité"
    RIGOUR = "RIGOUR", "Rigueur"
    COMMUNICATION = "COMMUNICATION", "Sens de la communication"
    ORGANISATION = "ORGANISATION", "Sens de l'organisation"
    TEAMWORK = "TEAMWORK", "Travail en équipe"


__all__ += [
    "BehaviouralSkill",
    "FollowUpSource",
    "HireKind",
    "ImmersionOutcome",
    "ImmersionPurpose",
    "PrescriberKind",
    "SkillLevel",
    "SupportKind",
]


# --- eligibility proofs (arrêté du 4 septembre 2025) ---------------------------------------


class ProofKind(LabelledEnum):
    """The documents that back an eligibility criterion.

    The annex of the arrêté of 1 Sept 2021 as rewritten by the arrêté of 4 Sept 2025; the
    accepted ones per criterion are the parameters `eligibility.accepted_proofs`.
    """

    RSA_CERTIFICATE = "RSA_CERTIFICATE", "Attestation de bénéficiaire du RSA"
    ASS_CERTIFICATE = "ASS_CERTIFICATE", "Attestation de bénéficiaire de l'ASS"
    AAH_CERTIFICATE = "AAH_CERTIFICATE", "Attestation de bénéficiaire de l'AAH"
    TELESERVICE_CERTIFICATION = (
        "TELESERVICE_CERTIFICATION",
        "Certification du téléservice (C. trav. art. R5132-1-19)",
    )
    FT_STATUS_NOTICE = "FT_STATUS_NOTICE", "Avis de situation France Travail (Pôle emploi)"
    FT_REGISTRATION_SUMMARY = (
        "FT_REGISTRATION_SUMMARY",
        "Récapitulatif des périodes d'inscription (en cas de radiation)",
    )
    SWORN_STATEMENT = "SWORN_STATEMENT", "Attestation sur l'honneur"
    DIPLOMA = "DIPLOMA", "Diplôme"
    ID_DOCUMENT = (
        "ID_DOCUMENT",
        "Pièce d'identité (carte d'identité, passeport, permis de conduire)",
    )
    OTHER = "OTHER", "Autre justificatif"


__all__ += ["ProofKind"]

"""Eligibility diagnoses (*diagnostic d'éligibilité*) — R5132-1-1 to R5132-1-7.

The entity :class:`EligibilityDiagnosis` (with :attr:`~EligibilityDiagnosis.expires_on`
and :meth:`~EligibilityDiagnosis.is_valid`) and the ``eligibility.*`` rules:
:func:`assess_eligibility` (also ``check(diagnosis, on=…, structure_kind=…)``) and
:func:`is_eligible`::

    >>> d = EligibilityDiagnosis(author="EMPLOYER", made_on=pendulum.date(2025, 2, 3),
    ...                          criteria={"CAP_BEP", "QPV"})
    >>> d.expires_on
    Date(2025, 5, 6)
    >>> is_eligible(d, structure_kind=StructureKind.AI, on=pendulum.date(2025, 3, 1))
    True
    >>> is_eligible(d, structure_kind=StructureKind.ACI, on=pendulum.date(2025, 3, 1))
    False
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pendulum

from iae_core import dates
from iae_core._approval_rules import Span
from iae_core._model import (
    Entity,
    Problems,
    as_structure_kind,
    need_date,
    need_enum,
    need_identifier,
    to_author_kind,
    to_criteria,
)
from iae_core.checks import Finding, Report, register_check, register_rule
from iae_core.enums import AuthorKind, Criterion, GeiqCriterion, StructureKind
from iae_core.identifiers import siret as _siret
from iae_core.versions import Dated

if TYPE_CHECKING:
    from enum import Enum

    from iae_core.approvals import Approval
    from iae_core.people import Person

__all__ = [
    "EMPLOYER_DIAGNOSIS_VALIDITY",
    "EXCLUSIVE_CRITERIA",
    "PRESCRIBER_DIAGNOSIS_VALIDITY",
    "EligibilityDiagnosis",
    "assess_eligibility",
    "criteria_repr",
    "is_eligible",
    "kept_by_approval",
]

EMPLOYER_DIAGNOSIS_VALIDITY: Dated[Span] = Dated(
    {None: Span(months=6), pendulum.date(2025, 1, 13): Span(days=92)}
)
"""How long an employer (SIAE) diagnosis stays valid, by the date it was **made**: 6 months
before 2025-01-13, then 92 days (platform ``EMPLOYER_DIAGNOSIS_VALIDITY_TIMEDELTA``,
released on 2025-01-13)."""

PRESCRIBER_DIAGNOSIS_VALIDITY: Dated[Span] = Dated({None: Span(months=6)})
"""How long a prescriber or GEIQ diagnosis stays valid: 6 calendar months (platform
``EXPIRATION_DELAY_MONTHS``)."""

EXCLUSIVE_CRITERIA: tuple[tuple[Criterion, Criterion], ...] = (
    (Criterion.SENIOR, Criterion.JEUNE),
    (Criterion.DETLD, Criterion.DELD),
)
"""Pairs of criteria that cannot both be retained (platform form rule)."""

SENIOR_AGE = 50
"""``SENIOR``: 50 years old or more on the diagnosis date."""
JEUNE_AGE = 26
"""``JEUNE``: under 26 on the diagnosis date."""


SENSITIVE = {"sensitive": True}
"""Field metadata: special-category data whose values never appear in an error message
(see `iae_core.serialization`), as for `Person.rqth`."""

_HIDDEN = "special categories hidden"


def criteria_repr(value: object) -> str:
    """The ``repr`` of a criteria set: the codes, but never ``TH`` nor ``DETENTION_MJ``.

    The suffix ``special categories hidden`` is always there, so that the repr does not
    tell whether a sensitive criterion is in the set (GDPR art. 9 and 10)::

        <CAP_BEP, QPV; special categories hidden>
    """
    if not isinstance(value, frozenset):
        return f"<{_HIDDEN}>"
    shown = sorted(str(c.value) for c in value if hasattr(c, "is_sensitive") and not c.is_sensitive)
    return f"<{', '.join(shown)}; {_HIDDEN}>" if shown else f"<{_HIDDEN}>"


def need_criteria(problems: Problems, name: str, value: object, enum: type[Enum]) -> None:
    """A frozenset of members of ``enum``; the message never shows the values given.

    A criteria set may hold special-category data (``TH``, ``DETENTION_MJ``): the message
    tells what is wrong by type only (``not a set of Criterion: 1 item is not a
    Criterion (got str)``).
    """
    if not isinstance(value, frozenset):
        problems.append((name, f"not a set of {enum.__name__} (got a {type(value).__name__})"))
        return
    bad = sorted({type(v).__name__ for v in value if not isinstance(v, enum)})
    if bad:
        n = sum(1 for v in value if not isinstance(v, enum))
        items = "1 item is" if n == 1 else f"{n} items are"
        problems.append(
            (
                name,
                f"not a set of {enum.__name__}: {items} not a {enum.__name__} "
                f"(got {', '.join(bad)})",
            )
        )


def shown_label(criterion: Criterion | GeiqCriterion) -> str:
    """The label of a criterion for a message; a special-category one is never named."""
    return "critère de catégorie particulière" if criterion.is_sensitive else criterion.label


@attrs.frozen(kw_only=True)
class EligibilityDiagnosis(Entity):
    """An eligibility diagnosis.

    Attributes:
        author: who made it (an authorised prescriber, the SIAE itself, a GEIQ…).
        made_on: the date it was made.
        criteria: the administrative criteria it retains. ``TH`` and ``DETENTION_MJ`` are
            special-category data: never shown in ``repr`` (:func:`criteria_repr`), in a
            message nor in a default export (`iae_core.frames`); ``dump`` keeps them.
        author_siret: SIRET of the authoring structure (needed for employer diagnoses,
            which only their author may use).
    """

    author: AuthorKind = attrs.field(converter=to_author_kind)
    made_on: pendulum.Date = attrs.field(converter=dates.to_date)
    criteria: frozenset[Criterion] = attrs.field(
        factory=frozenset, converter=to_criteria, repr=criteria_repr, metadata=SENSITIVE
    )
    author_siret: str | None = None

    def _validate(self, problems: Problems) -> None:
        need_enum(problems, "author", self.author, AuthorKind)
        need_date(problems, "made_on", self.made_on)
        need_criteria(problems, "criteria", self.criteria, Criterion)
        if self.author_siret is not None:
            need_identifier(problems, "author_siret", self.author_siret, _siret.validate)

    @property
    def expires_on(self) -> pendulum.Date:
        """The first day on which the diagnosis is no longer valid.

        Prescriber and GEIQ diagnoses: made_on + 6 calendar months (2025-02-03 →
        2025-08-03). Employer diagnoses: made_on + 92 days when made from 2025-01-13
        (2025-02-03 → 2025-05-06), + 6 months before (:data:`EMPLOYER_DIAGNOSIS_VALIDITY`).
        An orienteur's diagnosis is given the prescriber's validity: that it may not exist
        at all is the separate finding ``eligibility.author_not_allowed``.
        """
        table = (
            EMPLOYER_DIAGNOSIS_VALIDITY
            if self.author is AuthorKind.EMPLOYER
            else PRESCRIBER_DIAGNOSIS_VALIDITY
        )
        return table.at(self.made_on).after(self.made_on)

    def is_valid(self, on: pendulum.Date) -> bool:
        """True when ``on`` is before :attr:`expires_on` (platform ``is_valid``).

        A diagnosis linked to a running PASS IAE stays *considered* valid beyond that:
        pass the approval to :func:`assess_eligibility`.
        """
        return on < self.expires_on


# --- rules ---------------------------------------------------------------------------------

_PLATFORM = "Plateforme de l'inclusion"

INSUFFICIENT = register_rule(
    "eligibility.insufficient_criteria",
    "Critères d'éligibilité insuffisants",
    reference="C. trav. art. R5132-1-7 ; arrêté du 1er septembre 2021",
    subject="EligibilityDiagnosis",
    description="An employer diagnosis with no level-1 criterion and fewer level-2 ones than "
    "the kind needs (2 for AI and ETTI, 3 for ACI, EI, EITI); a GEIQ-authored diagnosis with "
    "no criterion. A prescriber diagnosis needs none.",
)
EXCLUSIVE = register_rule(
    "eligibility.exclusive_criteria",
    "Critères incompatibles",
    reference=_PLATFORM,
    subject="EligibilityDiagnosis",
    description="SENIOR with JEUNE, or DETLD with DELD.",
)
AUTHOR = register_rule(
    "eligibility.author_not_allowed",
    "Auteur du diagnostic non autorisé",
    reference="C. trav. art. R5132-1-1 ; " + _PLATFORM,
    subject="EligibilityDiagnosis",
    description="An orienteur as author; an employer diagnosis for a non-SIAE; an employer "
    "diagnosis used by another structure than its author; a GEIQ diagnosis used by an SIAE.",
)
EXPIRED = register_rule(
    "eligibility.expired",
    "Diagnostic expiré",
    reference=_PLATFORM,
    subject="EligibilityDiagnosis",
    description="The diagnosis is no longer valid on the date (prescriber or GEIQ 6 months; "
    "employer 92 days from 2025-01-13, 6 months before), unless linked to a running PASS.",
)
INCONSISTENT = register_rule(
    "eligibility.inconsistent_criterion",
    "Critère contredit par l'âge de la personne",
    reference=_PLATFORM,
    subject="EligibilityDiagnosis",
    description="SENIOR for a person under 50, or JEUNE for a person aged 26 or more, on the "
    "diagnosis date.",
)

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


def kept_by_approval(approval: Approval | None, on: pendulum.Date) -> bool:
    """True when ``approval`` keeps an expired diagnosis valid on ``on``.

    The platform keeps a diagnosis linked to a PASS IAE *considered valid* while the
    PASS's end is strictly after the day judged (``end > on``, rules.md
    ``eligibility.expired``): on the PASS's last day the diagnosis is no longer kept,
    although the PASS itself is still valid that day (`Approval.is_valid`).
    """
    return approval is not None and approval.end > on


def _fr(day: pendulum.Date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@register_check(EligibilityDiagnosis)
def assess_eligibility(
    diagnosis: EligibilityDiagnosis,
    *,
    structure_kind: StructureKind,
    on: pendulum.Date,
    person: Person | None = None,
    using_structure_siret: str | None = None,
    approval: Approval | None = None,
) -> Report:
    """Check an eligibility diagnosis used by a ``structure_kind`` on ``on``.

    Rules (paths relative to the diagnosis; a parcours prefixes them with
    ``diagnosis.``):

    * ``eligibility.author_not_allowed`` (``author``): an orienteur; an employer diagnosis
      for a non-SIAE; an employer diagnosis used by another structure than its author
      (``using_structure_siret`` differs from ``author_siret``, when both are known); a
      GEIQ diagnosis used by an SIAE (R5132-1-1; platform).
    * ``eligibility.insufficient_criteria`` (``criteria``): an employer diagnosis with no
      level-1 criterion and fewer level-2 ones than ``structure_kind.level2_criteria_required``
      (R5132-1-7; arrêté of 1 Sept 2021); a GEIQ-authored diagnosis with no criterion
      (platform GEIQ rule, reference-platform.md §2.6). Prescriber diagnoses need none.
    * ``eligibility.exclusive_criteria`` (``criteria``): SENIOR with JEUNE, DETLD with DELD.
    * ``eligibility.expired`` (``made_on``): ``on`` is on or after :attr:`expires_on`,
      unless ``approval`` (the PASS linked to this diagnosis) ends strictly after ``on``
      (:func:`kept_by_approval`: not on the PASS's last day).
    * ``eligibility.inconsistent_criterion`` (``criteria``), when ``person`` is given:
      SENIOR under 50, JEUNE aged 26 or more, on ``made_on``.

    Kinds outside the IAE and GEIQ eligibility rules (EA, EATT, OPCS) get an empty report.
    The criteria list and thresholds are those of the arrêté of 1 Sept 2021 as the platform
    applies them; the arrêté of 4 Sept 2025 amending it was not verified (law.md §5.5).

    Args:
        diagnosis: the diagnosis.
        structure_kind: the kind of the structure that uses it (hires on it).
        on: the date of use (the hiring date).
        person: the person, when known (criterion consistency).
        using_structure_siret: SIRET of the structure that uses it, when known.
        approval: the PASS IAE linked to this diagnosis, if any.
    """
    structure_kind = as_structure_kind(structure_kind)
    if structure_kind not in _ELIGIBILITY_KINDS:
        return Report()
    out: list[Finding] = []
    author = diagnosis.author
    criteria = diagnosis.criteria
    is_siae = structure_kind.is_siae
    if author is AuthorKind.ORIENTER:
        out.append(
            AUTHOR.finding(
                "Un orienteur (prescripteur non habilité) ne peut pas établir de diagnostic "
                "d'éligibilité.",
                "author",
            )
        )
    elif author is AuthorKind.EMPLOYER:
        if not is_siae:
            out.append(
                AUTHOR.finding(
                    f"Seule une SIAE peut établir un diagnostic employeur (structure : "
                    f"{structure_kind.value}).",
                    "author",
                )
            )
        elif (
            using_structure_siret is not None
            and diagnosis.author_siret is not None
            and using_structure_siret != diagnosis.author_siret
        ):
            out.append(
                AUTHOR.finding(
                    "Un diagnostic établi par une SIAE ne peut être utilisé que par cette SIAE.",
                    "author",
                )
            )
    elif author is AuthorKind.GEIQ and is_siae:
        out.append(
            AUTHOR.finding(
                "Un diagnostic GEIQ ne vaut que pour une embauche en GEIQ.",
                "author",
            )
        )
    if author is AuthorKind.EMPLOYER and is_siae:
        needed = structure_kind.level2_criteria_required or 0
        level2 = sum(1 for c in criteria if c.level == 2)
        if level2 < needed and not any(c.level == 1 for c in criteria):
            out.append(
                INSUFFICIENT.finding(
                    f"Un diagnostic employeur en {structure_kind.value} demande un critère de "
                    f"niveau 1 ou {needed} critères de niveau 2 ({level2} retenu"
                    f"{'s' if level2 > 1 else ''}).",
                    "criteria",
                )
            )
    elif author is AuthorKind.GEIQ and not criteria:
        out.append(
            INSUFFICIENT.finding(
                "Un diagnostic établi par un GEIQ doit retenir au moins un critère.", "criteria"
            )
        )
    for a, b in EXCLUSIVE_CRITERIA:
        if a in criteria and b in criteria:
            out.append(
                EXCLUSIVE.finding(
                    f"Les critères « {shown_label(a)} » et « {shown_label(b)} » sont "
                    "incompatibles.",
                    "criteria",
                )
            )
    if on >= diagnosis.expires_on and not kept_by_approval(approval, on):
        out.append(
            EXPIRED.finding(
                f"Le diagnostic du {_fr(diagnosis.made_on)} n'est plus valide depuis le "
                f"{_fr(diagnosis.expires_on)}.",
                "made_on",
            )
        )
    if person is not None:
        age = dates.age_on(person.birth_date, diagnosis.made_on)
        if Criterion.SENIOR in criteria and age < SENIOR_AGE:
            out.append(
                INCONSISTENT.finding(
                    f"Critère « {shown_label(Criterion.SENIOR)} » retenu pour une personne de "
                    f"{age} ans au {_fr(diagnosis.made_on)}.",
                    "criteria",
                )
            )
        if Criterion.JEUNE in criteria and age >= JEUNE_AGE:
            out.append(
                INCONSISTENT.finding(
                    f"Critère « {shown_label(Criterion.JEUNE)} » retenu pour une personne de "
                    f"{age} ans au {_fr(diagnosis.made_on)}.",
                    "criteria",
                )
            )
    return Report(out)


def is_eligible(
    diagnosis: EligibilityDiagnosis,
    *,
    structure_kind: StructureKind,
    on: pendulum.Date,
    person: Person | None = None,
    using_structure_siret: str | None = None,
    approval: Approval | None = None,
) -> bool:
    """True when :func:`assess_eligibility` finds no error (same arguments)."""
    return assess_eligibility(
        diagnosis,
        structure_kind=structure_kind,
        on=on,
        person=person,
        using_structure_siret=using_structure_siret,
        approval=approval,
    ).ok

"""GEIQ eligibility diagnoses and the State allowance (reference-platform.md §2.6).

A GEIQ (*groupement d'employeurs pour l'insertion et la qualification*) hires under its own
diagnosis, not under the IAE one: its own criteria (:class:`~iae_core.enums.GeiqCriterion`,
with annexes and levels), its own exclusions, a validity of 6 months, and a State
allowance of 1,400 €, 814 € or 0 € computed from the author and the criteria (C. trav.
art. D6325-23; arrêté of 10 March 2022). The diagnosis is not mandatory for a GEIQ hire
(reference-platform.md §1.4)::

    >>> d = GeiqDiagnosis(author="GEIQ", made_on=pendulum.date(2025, 2, 3),
    ...                   criteria={"MINIMA", "QPV"})
    >>> d.expires_on, d.allowance(pendulum.date(2025, 3, 1))
    (Date(2025, 8, 3), 814)

The rules ``geiq.*`` are checked by :func:`check_geiq_diagnosis` (also
``check(diagnosis, on=…)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._model import (
    Entity,
    Problems,
    enum_set_converter,
    need_date,
    need_enum,
    need_identifier,
    to_author_kind,
)
from iae_core.checks import Finding, Report, register_check, register_rule
from iae_core.eligibility import (
    PRESCRIBER_DIAGNOSIS_VALIDITY,
    SENSITIVE,
    criteria_repr,
    need_criteria,
    shown_label,
)
from iae_core.enums import AuthorKind, GeiqCriterion, Severity
from iae_core.identifiers import siret as _siret
from iae_core.versions import Dated

__all__ = [
    "ALLOWANCE_LEVEL2_NEEDED",
    "ALLOWANCE_VERIFIED_UNTIL",
    "GEIQ_ALLOWANCES",
    "GEIQ_AUTHORS",
    "GEIQ_DIAGNOSIS_VALIDITY",
    "GEIQ_EXCLUSIVE_CRITERIA",
    "GeiqAllowanceAmounts",
    "GeiqDiagnosis",
    "check_geiq_diagnosis",
]

_G = GeiqCriterion


@attrs.frozen(kw_only=True, slots=True)
class GeiqAllowanceAmounts:
    """The three amounts (€) of the State allowance for one GEIQ diagnosis.

    Attributes:
        full: with a prescriber diagnosis, or a GEIQ one with a level-1 criterion or
            enough level-2 ones.
        annex_1: with a GEIQ diagnosis with an annex ``1`` (or ``1+2``) criterion only.
        other: otherwise.
    """

    full: int
    annex_1: int
    other: int


GEIQ_ALLOWANCES: Dated[GeiqAllowanceAmounts] = Dated(
    {
        # Platform ``geiq_allowance_amount`` (itou/eligibility/utils.py, HEAD of
        # 2026-08-21; reference-platform.md §2.6), undated there. Legal source: arrêté of
        # 10 March 2022 on the aid of C. trav. art. D6325-23 (JO 24 March 2022): 814 € per
        # accompaniment and full year for the publics of annex 1, 1,400 € for people sent
        # by an IAE prescriber or meeting annex 2 (text not read; its entry into force was
        # not verified, hence no start date).
        None: GeiqAllowanceAmounts(full=1_400, annex_1=814, other=0),
    }
)
"""The allowance amounts (€) by date (one row per arrêté)."""

ALLOWANCE_VERIFIED_UNTIL = pendulum.date(2026, 8, 21)
"""Last day the amounts of :data:`GEIQ_ALLOWANCES` were checked (the platform's code of
that day): after it, :meth:`GeiqDiagnosis.allowance` raises unless
``allow_unverified=True``."""

ALLOWANCE_LEVEL2_NEEDED = 2
"""Level-2 criteria that give the full amount to a GEIQ-authored diagnosis without a
level-1 one (platform ``geiq_allowance_amount``, reference-platform.md §2.6)."""

GEIQ_DIAGNOSIS_VALIDITY = PRESCRIBER_DIAGNOSIS_VALIDITY
"""How long a GEIQ diagnosis stays valid, whoever made it: 6 calendar months, the
platform's ``EXPIRATION_DELAY_MONTHS`` shared with IAE prescriber diagnoses
(reference-platform.md §2.3 and §2.6)."""

GEIQ_AUTHORS = frozenset({AuthorKind.PRESCRIBER, AuthorKind.GEIQ})
"""Who may make a GEIQ diagnosis: an authorised prescriber or the GEIQ itself."""

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
"""Pairs of GEIQ criteria that cannot both be retained (platform GEIQ form,
reference-platform.md §2.6)."""

_to_geiq_set = enum_set_converter(GeiqCriterion)


def to_geiq_criteria(value: Iterable[GeiqCriterion | str]) -> Any:
    """Converter: a set, list or tuple of GEIQ criteria (or codes) becomes a frozenset."""
    return _to_geiq_set(value)


@attrs.frozen(kw_only=True)
class GeiqDiagnosis(Entity):
    """A GEIQ eligibility diagnosis (reference-platform.md §2.6).

    Attributes:
        author: an authorised prescriber (``PRESCRIBER``) or the GEIQ (``GEIQ``); any
            other author is the finding ``geiq.author_not_allowed``.
        made_on: the date it was made (an update by the GEIQ is a diagnosis made on the
            day of the update: its expiry starts again from there).
        criteria: the GEIQ criteria it retains. ``TH`` and ``DETENTION_MJ`` are
            special-category data: never shown in ``repr``, in a message nor in a default
            export; ``dump`` keeps them.
        author_siret: SIRET of the authoring structure (the GEIQ, or the prescriber's
            organisation), when known.
    """

    author: AuthorKind = attrs.field(converter=to_author_kind)
    made_on: pendulum.Date = attrs.field(converter=dates.to_date)
    criteria: frozenset[GeiqCriterion] = attrs.field(
        factory=frozenset, converter=to_geiq_criteria, repr=criteria_repr, metadata=SENSITIVE
    )
    author_siret: str | None = None

    def _validate(self, problems: Problems) -> None:
        need_enum(problems, "author", self.author, AuthorKind)
        need_date(problems, "made_on", self.made_on)
        need_criteria(problems, "criteria", self.criteria, GeiqCriterion)
        if self.author_siret is not None:
            need_identifier(problems, "author_siret", self.author_siret, _siret.validate)

    @property
    def expires_on(self) -> pendulum.Date:
        """The first day on which the diagnosis is no longer valid: made_on + 6 months.

        Calendar months, month ends clamped (2025-02-03 → 2025-08-03; 2024-08-31 →
        2025-02-28), whoever the author (:data:`GEIQ_DIAGNOSIS_VALIDITY`).
        """
        return GEIQ_DIAGNOSIS_VALIDITY.at(self.made_on).after(self.made_on)

    def is_valid(self, on: pendulum.Date) -> bool:
        """True when ``on`` is before :attr:`expires_on`."""
        return on < self.expires_on

    @property
    def retained_criteria(self) -> frozenset[GeiqCriterion]:
        """The criteria that count: those whose parent (if any) is retained too.

        The platform's form ignores a child criterion whose parent is not checked (RSA
        without MINIMA, DELD without FT, JEUNE_SQ without JEUNE).
        """
        return frozenset(c for c in self.criteria if c.parent is None or c.parent in self.criteria)

    def allowance(self, on: pendulum.Date, *, allow_unverified: bool = False) -> int:
        """The State allowance (€) this diagnosis gives, with the amounts in force on ``on``.

        In the platform's order (``geiq_allowance_amount``, reference-platform.md §2.6):

        1. an authorised prescriber's diagnosis: the full amount (1,400 €), whatever the
           criteria, even none;
        2. a GEIQ's with a level-1 criterion, or at least
           :data:`ALLOWANCE_LEVEL2_NEEDED` level-2 ones (only annex ``2`` and ``1+2``
           criteria have levels): the full amount (1,400 €);
        3. otherwise, a GEIQ's with an annex ``1`` or ``1+2`` criterion: 814 €;
        4. otherwise 0 €.

        Only :attr:`retained_criteria` count. Another author (an employer, an orienteur)
        cannot make a GEIQ diagnosis: 0 €. Whether the diagnosis is still valid on ``on``
        is not judged here (:meth:`is_valid`, ``geiq.expired``).

        Args:
            on: the day whose amounts apply.
            allow_unverified: after :data:`ALLOWANCE_VERIFIED_UNTIL`, return the last
                amounts known instead of raising (they may have been revalued since).

        Raises:
            LookupError: ``on`` is after :data:`ALLOWANCE_VERIFIED_UNTIL` and
                ``allow_unverified`` is false.
        """
        on = dates.as_date(on)
        if on > ALLOWANCE_VERIFIED_UNTIL and not allow_unverified:
            msg = (
                f"GEIQ allowance amounts last verified on {ALLOWANCE_VERIFIED_UNTIL.isoformat()}"
                f" (asked for {on.isoformat()}); pass allow_unverified=True for the last "
                "known amounts"
            )
            raise LookupError(msg)
        amounts = GEIQ_ALLOWANCES.at(on)
        if self.author is AuthorKind.PRESCRIBER:
            return amounts.full
        if self.author is not AuthorKind.GEIQ:
            return amounts.other
        kept = self.retained_criteria
        level2 = sum(1 for c in kept if c.level == 2)
        if any(c.level == 1 for c in kept) or level2 >= ALLOWANCE_LEVEL2_NEEDED:
            return amounts.full
        if any(c.annex.in_annex_1 for c in kept):
            return amounts.annex_1
        return amounts.other


# --- rules ---------------------------------------------------------------------------------

_PLATFORM = "Plateforme de l'inclusion (diagnostic GEIQ)"

AUTHOR = register_rule(
    "geiq.author_not_allowed",
    "Auteur du diagnostic GEIQ non autorisé",
    reference=_PLATFORM,
    subject="GeiqDiagnosis",
    description="A GEIQ diagnosis made by someone else than an authorised prescriber or a "
    "GEIQ (an employer, an orienteur).",
)
INSUFFICIENT = register_rule(
    "geiq.insufficient_criteria",
    "Diagnostic GEIQ sans critère",
    reference=_PLATFORM,
    subject="GeiqDiagnosis",
    description="A GEIQ-authored diagnosis with no criterion (a criterion ignored for want "
    "of its parent does not count). A prescriber diagnosis may have none.",
)
EXCLUSIVE = register_rule(
    "geiq.exclusive_criteria",
    "Critères GEIQ incompatibles",
    reference=_PLATFORM,
    subject="GeiqDiagnosis",
    description="QPV with ZRR; JEUNE with SENIOR or DE_45; SENIOR or DE_45 with ASE; REF_DA "
    "with RS_PS_DA; more than one France Travail duration (DELD_12, DELD, DETLD).",
)
ORPHAN = register_rule(
    "geiq.orphan_criterion",
    "Critère GEIQ sans son critère parent",
    severity=Severity.WARNING,
    reference=_PLATFORM,
    subject="GeiqDiagnosis",
    description="A criterion retained without its parent (RSA, ASS, AAH, AUTRE_MINIMA "
    "without MINIMA; DETLD, DELD, DELD_12 without FT; JEUNE_SQ without JEUNE): the platform "
    "ignores it, and so do the allowance and geiq.insufficient_criteria.",
)
EXPIRED = register_rule(
    "geiq.expired",
    "Diagnostic GEIQ expiré",
    reference=_PLATFORM,
    subject="GeiqDiagnosis",
    description="The GEIQ diagnosis is no longer valid on the date (6 months, whoever the "
    "author: 2025-02-03 → first invalid day 2025-08-03).",
)


def _fr(day: pendulum.Date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@register_check(GeiqDiagnosis)
def check_geiq_diagnosis(diagnosis: GeiqDiagnosis, *, on: pendulum.Date) -> Report:
    """Check a GEIQ diagnosis used on ``on`` (the hiring date).

    Rules (paths relative to the diagnosis):

    * ``geiq.author_not_allowed`` (``author``): not an authorised prescriber nor a GEIQ;
    * ``geiq.insufficient_criteria`` (``criteria``): a GEIQ-authored diagnosis without any
      retained criterion;
    * ``geiq.exclusive_criteria`` (``criteria``): a pair of :data:`GEIQ_EXCLUSIVE_CRITERIA`;
    * ``geiq.orphan_criterion`` (``criteria``, warning): a child criterion without its
      parent (ignored);
    * ``geiq.expired`` (``made_on``): ``on`` is on or after :attr:`GeiqDiagnosis.expires_on`.

    Messages never name ``TH`` nor ``DETENTION_MJ``.

    Args:
        diagnosis: the GEIQ diagnosis.
        on: the date of use.
    """
    out: list[Finding] = []
    author = diagnosis.author
    criteria = diagnosis.criteria
    if author not in GEIQ_AUTHORS:
        out.append(
            AUTHOR.finding(
                "Un diagnostic GEIQ ne peut être établi que par un prescripteur habilité ou "
                f"par le GEIQ (auteur : {author.label}).",
                "author",
            )
        )
    if author is AuthorKind.GEIQ and not diagnosis.retained_criteria:
        out.append(
            INSUFFICIENT.finding(
                "Un diagnostic établi par un GEIQ doit retenir au moins un critère.", "criteria"
            )
        )
    for a, b in GEIQ_EXCLUSIVE_CRITERIA:
        if a in criteria and b in criteria:
            out.append(
                EXCLUSIVE.finding(
                    f"Les critères « {shown_label(a)} » et « {shown_label(b)} » sont "
                    "incompatibles.",
                    "criteria",
                )
            )
    for c in sorted(criteria - diagnosis.retained_criteria):
        assert c.parent is not None  # only a child can be left out
        out.append(
            ORPHAN.finding(
                f"Le critère « {shown_label(c)} » est ignoré sans le critère "
                f"« {shown_label(c.parent)} ».",
                "criteria",
            )
        )
    if on >= diagnosis.expires_on:
        out.append(
            EXPIRED.finding(
                f"Le diagnostic GEIQ du {_fr(diagnosis.made_on)} n'est plus valide depuis le "
                f"{_fr(diagnosis.expires_on)}.",
                "made_on",
            )
        )
    return Report(out)

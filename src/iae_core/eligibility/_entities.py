"""Eligibility diagnoses, IAE and GEIQ: the entities (R5132-1-1 to R5132-1-7).

`EligibilityDiagnosis` (with `expires_on` and `is_valid`) and `GeiqDiagnosis` (with
`expires_on`, `retained_criteria` and `allowance`). Their validities, the GEIQ allowance
amounts and the criteria levels are parameters (`iae_core.params`, data file
`eligibility.toml`); the rules are in `iae_core.eligibility._rules`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from iae_core import dates, params
from iae_core._kernel.model import (
    SIRET,
    Entity,
    MemberOf,
    Problems,
    declare,
    enum_converter,
    enum_set_converter,
    need_hidden_enum_set,
    to_author_kind,
    to_criteria,
    to_tuple,
)
from iae_core.dates import DayLike, as_day
from iae_core.enums import AuthorKind, Criterion, GeiqCriterion, ProofKind
from iae_core.versions import Dated

if TYPE_CHECKING:
    from enum import Enum

__all__ = [
    "ALLOWANCE_LEVEL2_NEEDED",
    "ALLOWANCE_VERIFIED_UNTIL",
    "GEIQ_ALLOWANCES",
    "SENSITIVE",
    "CriterionProof",
    "EligibilityDiagnosis",
    "GeiqAllowanceAmounts",
    "GeiqDiagnosis",
    "criteria_repr",
    "diagnosis_validity",
    "need_criteria",
    "shown_label",
    "to_geiq_criteria",
]

_VALIDITY_MONTHS = params.get("eligibility.validity_months")
_VALIDITY_DAYS = params.get("eligibility.validity_days")
_GEIQ_VALIDITY_MONTHS = params.get("geiq.validity_months")
_GEIQ_ALLOWANCE = params.get("geiq.allowance_euros")
_GEIQ_ALLOWANCE_LEVEL2 = params.get("geiq.allowance_level2_count")
_GEIQ_LEVEL1 = params.get("geiq.level1_criteria")
_GEIQ_LEVEL2 = params.get("geiq.level2_criteria")
_GEIQ_ANNEX_1 = params.get("geiq.annex_1_criteria")

_fromordinal = pendulum.Date.fromordinal

SENSITIVE = declare(sensitive=True)
"""Field metadata: special-category data whose values never appear in an error message
(see `iae_core.serialization`), as for `Person.rqth`."""

_HIDDEN = "special categories hidden"


def criteria_repr(value: object) -> str:
    """The `repr` of a criteria set: the codes, but never `TH` nor `DETENTION_MJ`.

    The suffix `special categories hidden` is always there, so that the repr does not
    tell whether a sensitive criterion is in the set (GDPR art. 9 and 10):
    `<CAP_BEP, QPV; special categories hidden>`.
    """
    if not isinstance(value, frozenset):
        return f"<{_HIDDEN}>"
    shown = sorted(str(c.value) for c in value if hasattr(c, "is_sensitive") and not c.is_sensitive)
    return f"<{', '.join(shown)}; {_HIDDEN}>" if shown else f"<{_HIDDEN}>"


def shown_label(criterion: Criterion | GeiqCriterion) -> str:
    """The label of a criterion for a message; a special-category one is never named."""
    return "critère de catégorie particulière" if criterion.is_sensitive else criterion.label


def diagnosis_validity(author: AuthorKind, made_on: pendulum.Date) -> tuple[int, int]:
    """`(months, days)` an IAE diagnosis by `author` made on `made_on` stays valid.

    One of the two is 0: the parameter `eligibility.validity_months` gives the authors
    counted in calendar months, `eligibility.validity_days` those counted in days (an
    employer diagnosis made from 2025-01-13).
    """
    months: Mapping[str, int] = _VALIDITY_MONTHS.at(made_on)
    if author in months:  # a StrEnum member hashes and compares as its value
        return months[author], 0
    days: Mapping[str, int] = _VALIDITY_DAYS.at(made_on)
    return 0, days[author.value]


def _after(day: pendulum.Date, months: int, days: int) -> pendulum.Date:
    # the platform's arithmetic: calendar months (month ends clamped), then plain days
    if months:  # pendulum's `add(months=…)`, without its duration objects
        index = day.month - 1 + months
        year, month = day.year + index // 12, index % 12 + 1
        day = pendulum.Date(year, month, min(day.day, dates.days_in_month(year, month)))
    return _fromordinal(day.toordinal() + days) if days else day


@functools.cache  # one entry per distinct (day, value) asked for
def _expiry(author: AuthorKind, made_on: pendulum.Date) -> pendulum.Date:
    """`EligibilityDiagnosis.expires_on`, remembered per author kind and day."""
    months, days = diagnosis_validity(author, made_on)
    return _after(made_on, months, days)


def need_criteria(problems: Problems, name: str, value: object, enum: type[Enum]) -> None:
    """A frozenset of members of `enum`; the message never shows the values given.

    A criteria set may hold special-category data (`TH`, `DETENTION_MJ`): the message
    tells what is wrong by type and count only (type `not_a_set`). The entities declare
    their criteria `sensitive` and are checked the same way.
    """
    need_hidden_enum_set(problems, name, value, enum)


_PROOF_CRITERION = enum_converter(Criterion)
_PROOF_KIND = enum_converter(ProofKind)


def _to_proof_criterion(value: Criterion | str) -> Any:
    """Converter: a `Criterion` code becomes the member."""
    return _PROOF_CRITERION(value)


def _to_proof_kind(value: ProofKind | str) -> Any:
    """Converter: a `ProofKind` code becomes the member."""
    return _PROOF_KIND(value)


def _proofs_repr(value: object) -> str:
    """The `repr` of a diagnosis's proofs: how many, never which criteria they back."""
    if not isinstance(value, tuple):
        return "<proofs hidden>"
    return "()" if not value else f"<{len(value)} proof(s); criteria hidden>"


@attrs.frozen(kw_only=True)
class CriterionProof(Entity):
    """The document that backs one criterion of a diagnosis (arrêté of 4 Sept 2025).

    Attributes:
        criterion: the criterion it backs (one of the diagnosis's `criteria`); a proof of
            `TH` or `DETENTION_MJ` is special-category data: its criterion is never shown.
        kind: what the document is (`ProofKind`).
        dated_on: the date of the document (an attestation's, a certification's).
    """

    criterion: Criterion = attrs.field(
        converter=_to_proof_criterion, repr=False, metadata=SENSITIVE
    )
    kind: ProofKind = attrs.field(converter=_to_proof_kind)
    dated_on: pendulum.Date = attrs.field(converter=dates.to_date)


@attrs.frozen(kw_only=True)
class EligibilityDiagnosis(Entity):
    """An eligibility diagnosis.

    Attributes:
        author: who made it (an authorised prescriber, the SIAE itself, a GEIQ…).
        made_on: the date it was made.
        criteria: the administrative criteria it retains. `TH` and `DETENTION_MJ` are
            special-category data: never shown in `repr` (`criteria_repr`), in a
            message nor in a default export (`iae_core.tables`); `dump` keeps them.
        author_siret: SIRET of the authoring structure (needed for employer diagnoses,
            which only their author may use).
        proofs: optionally, the documents that back its criteria (`CriterionProof`), each
            for one of `criteria`; the rule `eligibility.proof_too_old` judges their age on
            `made_on` (arrêté of 4 Sept 2025). Never shown in `repr` but as a count.
    """

    author: AuthorKind = attrs.field(converter=to_author_kind)
    made_on: pendulum.Date = attrs.field(converter=dates.to_date)
    criteria: frozenset[Criterion] = attrs.field(
        factory=frozenset, converter=to_criteria, repr=criteria_repr, metadata=SENSITIVE
    )
    author_siret: str | None = attrs.field(default=None, metadata=declare(SIRET))
    proofs: tuple[CriterionProof, ...] = attrs.field(
        default=(), converter=to_tuple, repr=_proofs_repr, metadata=SENSITIVE
    )

    CONSTRAINTS = (
        # a proof backs one of the diagnosis's criteria (never named: it may be TH)
        MemberOf("proofs[].criterion", "criteria"),
    )

    @property
    def expires_on(self) -> pendulum.Date:
        """The first day on which the diagnosis is no longer valid.

        Prescriber and GEIQ diagnoses: made_on + 6 calendar months (2025-02-03 →
        2025-08-03). Employer diagnoses: made_on + 92 days when made from 2025-01-13
        (2025-02-03 → 2025-05-06), + 6 months before (parameters
        `eligibility.validity_months` and `eligibility.validity_days`). An orienteur's
        diagnosis is given the prescriber's validity: that it may not exist at all is the
        separate finding `eligibility.author_not_allowed`.
        """
        return _expiry(self.author, self.made_on)

    def is_valid(self, on: DayLike) -> bool:
        """True when `on` is before `expires_on` (platform `is_valid`).

        A diagnosis linked to a running PASS IAE stays *considered* valid beyond that:
        pass the approval to `assess_eligibility`.
        """
        if type(on) is not pendulum.Date:
            on = as_day(on, "on")
        return on < self.expires_on


# --- GEIQ ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class GeiqAllowanceAmounts:
    """The three amounts (€) of the State allowance for one GEIQ diagnosis.

    Attributes:
        full: with a prescriber diagnosis, or a GEIQ one with a level-1 criterion or
            enough level-2 ones.
        annex_1: with a GEIQ diagnosis with an annex `1` (or `1+2`) criterion only.
        other: otherwise.
    """

    full: int
    annex_1: int
    other: int


GEIQ_ALLOWANCES: Dated[GeiqAllowanceAmounts] = Dated(
    {row.start: GeiqAllowanceAmounts(**row.value) for row in _GEIQ_ALLOWANCE.rows}
)
"""The allowance amounts (€) by date, built from the parameter `geiq.allowance_euros`
(C. trav. art. D6325-23; arrêté of 10 March 2022; platform `geiq_allowance_amount`)."""

_verified = _GEIQ_ALLOWANCE.verified_until
assert _verified is not None  # the data file gives it
ALLOWANCE_VERIFIED_UNTIL: pendulum.Date = _verified
"""Last day the amounts of `GEIQ_ALLOWANCES` were checked (the `verified_until` of
`geiq.allowance_euros`): after it, `GeiqDiagnosis.allowance` raises unless
`allow_unverified=True`."""
del _verified

ALLOWANCE_LEVEL2_NEEDED: int = _GEIQ_ALLOWANCE_LEVEL2.value
"""Level-2 criteria that give the full amount to a GEIQ-authored diagnosis without a
level-1 one (parameter `geiq.allowance_level2_count`; platform `geiq_allowance_amount`)."""

_to_geiq_set = enum_set_converter(GeiqCriterion)


def to_geiq_criteria(value: Iterable[GeiqCriterion | str]) -> Any:
    """Converter: a set, list or tuple of GEIQ criteria (or codes) becomes a frozenset."""
    return _to_geiq_set(value)


@attrs.frozen(kw_only=True)
class GeiqDiagnosis(Entity):
    """A GEIQ eligibility diagnosis (the platform's GEIQ diagnosis model).

    Attributes:
        author: an authorised prescriber (`PRESCRIBER`) or the GEIQ (`GEIQ`); any
            other author is the finding `geiq.author_not_allowed`.
        made_on: the date it was made (an update by the GEIQ is a diagnosis made on the
            day of the update: its expiry starts again from there).
        criteria: the GEIQ criteria it retains. `TH` and `DETENTION_MJ` are
            special-category data: never shown in `repr`, in a message nor in a default
            export; `dump` keeps them.
        author_siret: SIRET of the authoring structure (the GEIQ, or the prescriber's
            organisation), when known.
    """

    author: AuthorKind = attrs.field(converter=to_author_kind)
    made_on: pendulum.Date = attrs.field(converter=dates.to_date)
    criteria: frozenset[GeiqCriterion] = attrs.field(
        factory=frozenset, converter=to_geiq_criteria, repr=criteria_repr, metadata=SENSITIVE
    )
    author_siret: str | None = attrs.field(default=None, metadata=declare(SIRET))

    @property
    def expires_on(self) -> pendulum.Date:
        """The first day on which the diagnosis is no longer valid: made_on + 6 months.

        Calendar months, month ends clamped (2025-02-03 → 2025-08-03; 2024-08-31 →
        2025-02-28), whoever the author (parameter `geiq.validity_months`).
        """
        return _after(self.made_on, _GEIQ_VALIDITY_MONTHS.at(self.made_on), 0)

    def is_valid(self, on: DayLike) -> bool:
        """True when `on` is before `expires_on`."""
        if type(on) is not pendulum.Date:
            on = as_day(on, "on")
        return on < self.expires_on

    @property
    def retained_criteria(self) -> frozenset[GeiqCriterion]:
        """The criteria that count: those whose parent (if any) is retained too.

        The platform's form ignores a child criterion whose parent is not checked (RSA
        without MINIMA, DELD without FT, JEUNE_SQ without JEUNE).
        """
        return frozenset(c for c in self.criteria if c.parent is None or c.parent in self.criteria)

    def allowance(self, on: DayLike, *, allow_unverified: bool = False) -> int:
        """The State allowance (€) this diagnosis gives, with the amounts in force on `on`.

        In the platform's order (`geiq_allowance_amount`):

        1. an authorised prescriber's diagnosis: the full amount, whatever the criteria,
           even none;
        2. a GEIQ's with a level-1 criterion, or at least `ALLOWANCE_LEVEL2_NEEDED`
           level-2 ones (only annex `2` and `1+2` criteria have levels): the full amount;
        3. otherwise, a GEIQ's with an annex `1` or `1+2` criterion: the annex-1 amount;
        4. otherwise the other amount (none).

        The amounts are the parameter `geiq.allowance_euros`; the levels and annexes
        `geiq.level1_criteria`, `geiq.level2_criteria` and `geiq.annex_1_criteria`. Only
        `retained_criteria` count. Another author (an employer, an orienteur) cannot make
        a GEIQ diagnosis: the other amount. Whether the diagnosis is still valid on `on`
        is not judged here (`is_valid`, `geiq.expired`).

        Args:
            on: the day whose amounts apply.
            allow_unverified: after `ALLOWANCE_VERIFIED_UNTIL`, return the last amounts
                known instead of raising (they may have been revalued since).

        Raises:
            LookupError: `on` is after `ALLOWANCE_VERIFIED_UNTIL` and `allow_unverified`
                is false.
        """
        if type(on) is not pendulum.Date:
            on = as_day(on, "on")
        on = dates.as_date(on)
        found = _GEIQ_ALLOWANCE.lookup(on)
        if not found.verified and not allow_unverified:
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
        kept = {c.value for c in self.retained_criteria}
        level2 = len(kept & _GEIQ_LEVEL2.at(on))
        if kept & _GEIQ_LEVEL1.at(on) or level2 >= _GEIQ_ALLOWANCE_LEVEL2.at(on):
            return amounts.full
        if kept & _GEIQ_ANNEX_1.at(on):
            return amounts.annex_1
        return amounts.other

"""Findings, reports, the rules catalogue and the ``check`` entry point.

A rule check never raises for a violated rule: it returns a `Report`, a sequence
of `Finding` objects, each with a stable ``code``, a ``severity``, a French
``message``, the legal ``reference`` and the ``path`` of the field it concerns:

    report = check(approval, on=pendulum.date(2026, 11, 23), structure_kind=StructureKind.ACI)
    if not report.ok:
        for finding in report.errors:
            print(finding.path, finding.message)

Rules are declared once with `register_rule` (the catalogue that `rules` returns and the
docs are generated from) and produce findings with `Rule.emit`. Each area's face lists its
checkers (`CHECKERS`); `iae_core._services.registry` gathers them and `check` dispatches through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, overload

from iae_core._kernel.findings import Finding, Message, Report, Rule, register_rule, rule, rules
from iae_core._kernel.model import Entity
from iae_core._kernel.text import LANGUAGES, Lang, current_language
from iae_core._services.registry import CHECKERS
from iae_core.dates import DayLike, as_day
from iae_core.enums import StructureKind
from iae_core.errors import InvalidData, detail

if TYPE_CHECKING:
    from typing import TypeAlias

    # TRANSITION (issue 12): a top-level import once no area face imports this module (the
    # faces are below the services layer); for now only the type checker reads them.
    from iae_core.approvals import Approval, Prolongation, Suspension
    from iae_core.contracts import (
        Contract,
        HoursDerogation,
        Immersion,
        ImmersionAssessment,
        Placement,
        PrefectWaiver,
        Renewal,
        ScheduleDay,
    )
    from iae_core.economy import Activity, PrefectDecision, Subsidy, YearAccounts
    from iae_core.eligibility import EligibilityDiagnosis, GeiqDiagnosis
    from iae_core.followup import FollowUp, SupportAction
    from iae_core.orientation import EngagementContract, Orientation
    from iae_core.parcours import Action, Exit, Parcours
    from iae_core.partnerships import Commitment, Partnership, PartnershipEvent
    from iae_core.people import Company, Person, Structure
    from iae_core.skills import Evidence, Skill, SkillsAttestation

    # Every entity whose checker takes no context (or that no rule judges alone): not an
    # `Approval` nor an `EligibilityDiagnosis`, whose `structure_kind` is required.
    NoContext: TypeAlias = (
        GeiqDiagnosis
        | Immersion
        | Activity
        | Partnership
        | Person
        | Company
        | Exit
        | Action
        | Suspension
        | Prolongation
        | Renewal
        | Placement
        | HoursDerogation
        | ImmersionAssessment
        | PrefectWaiver
        | ScheduleDay
        | PrefectDecision
        | Subsidy
        | YearAccounts
        | FollowUp
        | SupportAction
        | Commitment
        | PartnershipEvent
        | Evidence
        | Skill
        | SkillsAttestation
    )

__all__ = [
    "Finding",
    "Message",
    "Report",
    "Rule",
    "check",
    "register_rule",
    "rule",
    "rules",
]


# --- the check entry point -----------------------------------------------------------------


# The overloads say, per subject, which context its checker takes: mypy flags a missing
# `structure_kind` or a misspelt keyword.
Day = DayLike


@overload
def check(
    subject: Approval,
    *,
    on: Day,
    structure_kind: StructureKind | str,
    last_hiring_start: Day | None = None,
    person: Person | None = None,
    cdi_inclusion: bool | None = None,
    lang: Lang | None = None,
) -> Report: ...
@overload
def check(
    subject: EligibilityDiagnosis,
    *,
    on: Day,
    structure_kind: StructureKind | str,
    person: Person | None = None,
    using_structure_siret: str | None = None,
    approval: Approval | None = None,
    lang: Lang | None = None,
) -> Report: ...
@overload
def check(
    subject: Contract,
    *,
    on: Day,
    person: Person | None = None,
    parcours_start: Day | None = None,
    approval: Approval | None = None,
    prefect_waiver: PrefectWaiver | Iterable[PrefectWaiver] | None = None,
    require_approval: bool = False,
    in_cdi_inclusion: bool = False,
    lang: Lang | None = None,
) -> Report: ...
@overload
def check(
    subject: Parcours,
    *,
    on: Day,
    prefect_waiver: PrefectWaiver | Iterable[PrefectWaiver] | None = None,
    lang: Lang | None = None,
) -> Report: ...
@overload
def check(
    subject: Structure,
    *,
    on: Day,
    contracts: Iterable[Contract] = (),
    prefect_decision: bool = False,
    lang: Lang | None = None,
) -> Report: ...
@overload
def check(
    subject: Orientation,
    *,
    on: Day,
    engagements: Iterable[EngagementContract] = (),
    lang: Lang | None = None,
) -> Report: ...
@overload
def check(
    subject: EngagementContract,
    *,
    on: Day,
    parcours: Iterable[Parcours] = (),
    lang: Lang | None = None,
) -> Report: ...
@overload
def check(
    subject: NoContext,
    *,
    on: Day,
    lang: Lang | None = None,
) -> Report: ...
def check(subject: object, *, on: Day, lang: Lang | None = None, **context: Any) -> Report:
    """Check any entity as of ``on`` and return its findings.

    Args:
        subject: a ``Contract``, ``Approval``, ``EligibilityDiagnosis``, ``Parcours``,
            ``Structure``… (any entity with a registered checker).
        on: the date the check is made for. Rules apply in the version in force on the
            relevant date (contract start, diagnosis date…), not today's.
        lang: the language of the messages, `"fr"` or `"en"`; by default the current
            language (`iae_core.language`), French unless set otherwise.
        **context: what the entity's checker needs besides the entity (for instance
            ``structure_kind`` for an approval); see each checker's documentation.

    Every entity can be checked; one that no rule judges alone (a ``Person``, an ``Exit``,
    a ``Suspension``… whose rules need what holds them) gives an empty report.

    Raises:
        TypeError: ``subject`` is not an iae_core entity.
        InvalidData: ``on`` is not a calendar date (a `pendulum.Date`, a `datetime.date` or
            an ISO ``YYYY-MM-DD`` text) between 1900-01-01 and 2199-12-31; rules add years
            to ``on``, so year 9999 would overflow.
    """
    on = as_day(on, "on")  # a date, or ISO text; not a datetime; 1900 to 2199
    if lang is None:
        lang = current_language()
    elif lang not in LANGUAGES:
        raise InvalidData(
            [detail("lang", "bad_enum", input=lang, enum="language", allowed=LANGUAGES)]
        )
    for cls in type(subject).__mro__:
        fn = CHECKERS.get(cls)
        if fn is not None:
            report = fn(subject, on=on, **context)
            return report if lang == "fr" else report.in_language(lang)
    if isinstance(subject, Entity):
        # No rule judges this entity alone (a Person, an Exit, a Suspension…): its rules
        # need the context of what holds it — check the Parcours or the Approval.
        return Report()
    msg = f"no checker for {type(subject).__name__}: not an iae_core entity"
    raise TypeError(msg)

"""iae_core: the rules, data model and matching of French *insertion par l'activité économique*.

Three lines::

    import iae_core, pendulum
    contract = iae_core.load(iae_core.Contract, data)
    print(iae_core.check(contract, on=pendulum.today().date()))

Entities are frozen attrs classes; rule checks return a :class:`Report` of findings and
never raise for a violated rule; bad input raises :class:`InvalidData`.
"""

from __future__ import annotations

from typing import Any

from iae_core._text import current_language, language, set_language
from iae_core.approvals import (
    Approval,
    Prolongation,
    Suspension,
    check_approval,
    new_approval_check,
)
from iae_core.checks import Finding, Report, Rule, check, rules
from iae_core.contracts import (
    Contract,
    HoursDerogation,
    Immersion,
    ImmersionAssessment,
    Placement,
    PrefectWaiver,
    Renewal,
    ScheduleDay,
    check_cdi_inclusion_share,
    check_contract,
)
from iae_core.economy import (
    Activity,
    PrefectDecision,
    Subsidy,
    YearAccounts,
    check_activity,
    cost_of_service,
    revenue_room,
)
from iae_core.eligibility import (
    EligibilityDiagnosis,
    GeiqDiagnosis,
    assess_eligibility,
    check_geiq_diagnosis,
    is_eligible,
)
from iae_core.enums import (
    ActionKind,
    ActivitySupport,
    ApprovalState,
    AuthorKind,
    BehaviouralSkill,
    ConsultedBody,
    ContractKind,
    Criterion,
    DerogationKind,
    ExitCategory,
    ExitKind,
    ExtensionGround,
    FollowUpSource,
    Funder,
    GeiqAnnex,
    GeiqCriterion,
    HireKind,
    HostKind,
    ImmersionOutcome,
    ImmersionPurpose,
    OrientationBody,
    OrientationCategory,
    PartnershipKind,
    PrescriberKind,
    ProlongationReason,
    Severity,
    SkillLevel,
    StructureKind,
    SupportKind,
    SuspensionReason,
)
from iae_core.errors import (
    ErrorDetail,
    IaeError,
    InvalidChecksum,
    InvalidComponent,
    InvalidData,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
    RuleViolation,
)
from iae_core.exits import check_exit, exit_counted, exit_kind_for
from iae_core.followup import FollowUp, SupportAction
from iae_core.funding import base_amount, departement_contribution, fte_consumed
from iae_core.orientation import Orientation, orientation_chain
from iae_core.parcours import Action, Exit, Parcours
from iae_core.partnerships import (
    Commitment,
    CommitmentKind,
    EventKind,
    Partnership,
    PartnershipEvent,
    check_pmsmp,
    partnership_summary,
)
from iae_core.people import Company, Person, Structure
from iae_core.pmsmp import check_immersion, check_immersions
from iae_core.schema import json_schema
from iae_core.serialization import dump, load, make_converter
from iae_core.skills import Evidence, Skill, SkillsAttestation

__all__ = [
    "Action",
    "ActionKind",
    "Activity",
    "ActivitySupport",
    "Approval",
    "ApprovalState",
    "AuthorKind",
    "BehaviouralSkill",
    "Commitment",
    "CommitmentKind",
    "Company",
    "ConsultedBody",
    "Contract",
    "ContractKind",
    "Criterion",
    "DerogationKind",
    "EligibilityDiagnosis",
    "ErrorDetail",
    "EventKind",
    "Evidence",
    "Exit",
    "ExitCategory",
    "ExitKind",
    "ExtensionGround",
    "Finding",
    "FollowUp",
    "FollowUpSource",
    "Funder",
    "GeiqAnnex",
    "GeiqCriterion",
    "GeiqDiagnosis",
    "HireKind",
    "HostKind",
    "HoursDerogation",
    "IaeError",
    "Immersion",
    "ImmersionAssessment",
    "ImmersionOutcome",
    "ImmersionPurpose",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidData",
    "InvalidFormat",
    "InvalidIdentifier",
    "InvalidLength",
    "Orientation",
    "OrientationBody",
    "OrientationCategory",
    "Parcours",
    "Partnership",
    "PartnershipEvent",
    "PartnershipKind",
    "Person",
    "Placement",
    "PrefectDecision",
    "PrefectWaiver",
    "PrescriberKind",
    "Prolongation",
    "ProlongationReason",
    "Renewal",
    "Report",
    "Rule",
    "RuleViolation",
    "ScheduleDay",
    "Severity",
    "Skill",
    "SkillLevel",
    "SkillsAttestation",
    "Structure",
    "StructureKind",
    "Subsidy",
    "SupportAction",
    "SupportKind",
    "Suspension",
    "SuspensionReason",
    "YearAccounts",
    "assess_eligibility",
    "base_amount",
    "check",
    "check_activity",
    "check_approval",
    "check_cdi_inclusion_share",
    "check_contract",
    "check_exit",
    "check_geiq_diagnosis",
    "check_immersion",
    "check_immersions",
    "check_pmsmp",
    "cost_of_service",
    "current_language",
    "departement_contribution",
    "dump",
    "exit_counted",
    "exit_kind_for",
    "fte_consumed",
    "is_eligible",
    "json_schema",
    "language",
    "load",
    "make_converter",
    "new_approval_check",
    "orientation_chain",
    "partnership_summary",
    "revenue_room",
    "rules",
    "set_language",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("iae-core")
    msg = f"module 'iae_core' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return [*__all__, "__version__"]

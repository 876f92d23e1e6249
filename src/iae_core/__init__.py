"""iae_core: the rules, data model and matching of French *insertion par l'activité économique*.

Three lines:

```python
import iae_core, pendulum
contract = iae_core.load(iae_core.Contract, data)
print(iae_core.check(contract, on=pendulum.today().date()))
```

Entities are frozen attrs classes; rule checks return a `Report` of findings and
never raise for a violated rule; bad input raises `InvalidData`.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

from iae_core._kernel import plugins as _plugins
from iae_core._services import pydantic_hooks as _pydantic_hooks

# The composition root: the kernel's plug-in slots are filled here, once, from above.
_plugins.install_pydantic_hooks(_pydantic_hooks)

if TYPE_CHECKING:  # the names, for type checkers; at run time they load when first used
    from iae_core._kernel.text import (
        current_language,
        language,
        set_language,
    )
    from iae_core.approvals import (
        Approval,
        Prolongation,
        Suspension,
        check_approval,
        new_approval_check,
    )
    from iae_core.checks import (
        Finding,
        Report,
        Rule,
        check,
        rules,
    )
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
        CriterionProof,
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
        ProofKind,
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
    from iae_core.exits import (
        check_exit,
        exit_counted,
        exit_kind_for,
    )
    from iae_core.followup import (
        FollowUp,
        SupportAction,
    )
    from iae_core.funding import (
        base_amount,
        departement_contribution,
        fte_consumed,
    )
    from iae_core.orientation import (
        EngagementContract,
        Orientation,
        orientation_chain,
    )
    from iae_core.parcours import (
        Action,
        Exit,
        Parcours,
    )
    from iae_core.partnerships import (
        Commitment,
        CommitmentKind,
        EventKind,
        Partnership,
        PartnershipEvent,
        check_pmsmp,
        partnership_summary,
    )
    from iae_core.people import (
        Company,
        Person,
        Structure,
    )
    from iae_core.pmsmp import (
        check_immersion,
        check_immersions,
    )
    from iae_core.schema import (
        json_schema,
    )
    from iae_core.serialization import (
        dump,
        dump_json,
        load,
        make_converter,
        write_jsonl,
    )
    from iae_core.skills import (
        Evidence,
        Skill,
        SkillsAttestation,
    )

# Where each public name lives: its module is imported when the name is first used
# (PEP 562), so that `import iae_core` stays cheap (no area, pendulum nor stdnum before
# they are needed).
_LAZY: dict[str, str] = {
    "current_language": "iae_core._kernel.text",
    "language": "iae_core._kernel.text",
    "set_language": "iae_core._kernel.text",
    "Approval": "iae_core.approvals",
    "Prolongation": "iae_core.approvals",
    "Suspension": "iae_core.approvals",
    "check_approval": "iae_core.approvals",
    "new_approval_check": "iae_core.approvals",
    "Finding": "iae_core.checks",
    "Report": "iae_core.checks",
    "Rule": "iae_core.checks",
    "check": "iae_core.checks",
    "rules": "iae_core.checks",
    "Contract": "iae_core.contracts",
    "HoursDerogation": "iae_core.contracts",
    "Immersion": "iae_core.contracts",
    "ImmersionAssessment": "iae_core.contracts",
    "Placement": "iae_core.contracts",
    "PrefectWaiver": "iae_core.contracts",
    "Renewal": "iae_core.contracts",
    "ScheduleDay": "iae_core.contracts",
    "check_cdi_inclusion_share": "iae_core.contracts",
    "check_contract": "iae_core.contracts",
    "Activity": "iae_core.economy",
    "PrefectDecision": "iae_core.economy",
    "Subsidy": "iae_core.economy",
    "YearAccounts": "iae_core.economy",
    "check_activity": "iae_core.economy",
    "cost_of_service": "iae_core.economy",
    "revenue_room": "iae_core.economy",
    "CriterionProof": "iae_core.eligibility",
    "EligibilityDiagnosis": "iae_core.eligibility",
    "GeiqDiagnosis": "iae_core.eligibility",
    "assess_eligibility": "iae_core.eligibility",
    "check_geiq_diagnosis": "iae_core.eligibility",
    "is_eligible": "iae_core.eligibility",
    "ActionKind": "iae_core.enums",
    "ActivitySupport": "iae_core.enums",
    "ApprovalState": "iae_core.enums",
    "AuthorKind": "iae_core.enums",
    "BehaviouralSkill": "iae_core.enums",
    "ConsultedBody": "iae_core.enums",
    "ContractKind": "iae_core.enums",
    "Criterion": "iae_core.enums",
    "DerogationKind": "iae_core.enums",
    "ExitCategory": "iae_core.enums",
    "ExitKind": "iae_core.enums",
    "ExtensionGround": "iae_core.enums",
    "FollowUpSource": "iae_core.enums",
    "Funder": "iae_core.enums",
    "GeiqAnnex": "iae_core.enums",
    "GeiqCriterion": "iae_core.enums",
    "HireKind": "iae_core.enums",
    "HostKind": "iae_core.enums",
    "ImmersionOutcome": "iae_core.enums",
    "ImmersionPurpose": "iae_core.enums",
    "OrientationBody": "iae_core.enums",
    "ProofKind": "iae_core.enums",
    "OrientationCategory": "iae_core.enums",
    "PartnershipKind": "iae_core.enums",
    "PrescriberKind": "iae_core.enums",
    "ProlongationReason": "iae_core.enums",
    "Severity": "iae_core.enums",
    "SkillLevel": "iae_core.enums",
    "StructureKind": "iae_core.enums",
    "SupportKind": "iae_core.enums",
    "SuspensionReason": "iae_core.enums",
    "ErrorDetail": "iae_core.errors",
    "IaeError": "iae_core.errors",
    "InvalidChecksum": "iae_core.errors",
    "InvalidComponent": "iae_core.errors",
    "InvalidData": "iae_core.errors",
    "InvalidFormat": "iae_core.errors",
    "InvalidIdentifier": "iae_core.errors",
    "InvalidLength": "iae_core.errors",
    "RuleViolation": "iae_core.errors",
    "check_exit": "iae_core.exits",
    "exit_counted": "iae_core.exits",
    "exit_kind_for": "iae_core.exits",
    "FollowUp": "iae_core.followup",
    "SupportAction": "iae_core.followup",
    "base_amount": "iae_core.funding",
    "departement_contribution": "iae_core.funding",
    "fte_consumed": "iae_core.funding",
    "EngagementContract": "iae_core.orientation",
    "Orientation": "iae_core.orientation",
    "orientation_chain": "iae_core.orientation",
    "Action": "iae_core.parcours",
    "Exit": "iae_core.parcours",
    "Parcours": "iae_core.parcours",
    "Commitment": "iae_core.partnerships",
    "CommitmentKind": "iae_core.partnerships",
    "EventKind": "iae_core.partnerships",
    "Partnership": "iae_core.partnerships",
    "PartnershipEvent": "iae_core.partnerships",
    "check_pmsmp": "iae_core.partnerships",
    "partnership_summary": "iae_core.partnerships",
    "Company": "iae_core.people",
    "Person": "iae_core.people",
    "Structure": "iae_core.people",
    "check_immersion": "iae_core.pmsmp",
    "check_immersions": "iae_core.pmsmp",
    "json_schema": "iae_core.schema",
    "dump": "iae_core.serialization",
    "dump_json": "iae_core.serialization",
    "load": "iae_core.serialization",
    "make_converter": "iae_core.serialization",
    "write_jsonl": "iae_core.serialization",
    "Evidence": "iae_core.skills",
    "Skill": "iae_core.skills",
    "SkillsAttestation": "iae_core.skills",
}

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
    "CriterionProof",
    "DerogationKind",
    "EligibilityDiagnosis",
    "EngagementContract",
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
    "ProofKind",
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
    "dump_json",
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
    "write_jsonl",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # the next use is a plain attribute
        return value
    if name == "__version__":
        from importlib.metadata import version

        return version("iae-core")
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f"{__name__}.{name}")  # a submodule: iae_core.stats
    msg = f"module 'iae_core' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return [*__all__, "__version__"]

"""Eligibility diagnoses, IAE and GEIQ (C. trav. art. R5132-1-1 to R5132-1-7; D6325-23).

The entities `EligibilityDiagnosis` (with `expires_on` and `is_valid`) and
`GeiqDiagnosis` (with `expires_on`, `retained_criteria` and `allowance`), and the rules
`eligibility.*` (`assess_eligibility`, `is_eligible`; also
`check(diagnosis, on=…, structure_kind=…)`) and `geiq.*` (`check_geiq_diagnosis`; also
`check(diagnosis, on=…)`). Every number is a parameter of the data file
`eligibility.toml` (`iae_core.params`):

```python
>>> import pendulum
>>> from iae_core.enums import StructureKind
>>> d = EligibilityDiagnosis(author="EMPLOYER", made_on=pendulum.date(2025, 2, 3),
...                          criteria={"CAP_BEP", "QPV"})
>>> d.expires_on
Date(2025, 5, 6)
>>> is_eligible(d, structure_kind=StructureKind.AI, on=pendulum.date(2025, 3, 1))
True
>>> is_eligible(d, structure_kind=StructureKind.ACI, on=pendulum.date(2025, 3, 1))
False
>>> g = GeiqDiagnosis(author="GEIQ", made_on=pendulum.date(2025, 2, 3),
...                   criteria={"MINIMA", "QPV"})
>>> g.expires_on, g.allowance(pendulum.date(2025, 3, 1))
(Date(2025, 8, 3), 814)

```

From the arrêté of 4 September 2025 a diagnosis may carry the documents that back its
criteria (`proofs`, each a `CriterionProof`); the rule `eligibility.proof_too_old` flags a
proof older than its criterion allows on the diagnosis day, or of a kind the annex does not
provide for — for the criteria whose annex row could be read (RSA, ASS, AAH, DETLD, CAP_BEP,
SENIOR; parameters `eligibility.accepted_proofs`, `eligibility.proof_max_age_months.*`).

A GEIQ hires under its own diagnosis, not under the IAE one: its own criteria
(`iae_core.enums.GeiqCriterion`, with annexes and levels), its own exclusions, a validity
of its own, and a State allowance computed from the author and the criteria (C. trav.
art. D6325-23; arrêté of 10 March 2022). The diagnosis is not mandatory for a GEIQ hire.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core._kernel.findings import Report
from iae_core.eligibility._entities import (
    ALLOWANCE_LEVEL2_NEEDED,
    ALLOWANCE_VERIFIED_UNTIL,
    GEIQ_ALLOWANCES,
    SENSITIVE,
    CriterionProof,
    EligibilityDiagnosis,
    GeiqAllowanceAmounts,
    GeiqDiagnosis,
    criteria_repr,
    need_criteria,
    shown_label,
    to_geiq_criteria,
)
from iae_core.eligibility._rules import (
    EMPLOYER_DIAGNOSIS_VALIDITY,
    EXCLUSIVE_CRITERIA,
    GEIQ_AUTHORS,
    GEIQ_DIAGNOSIS_VALIDITY,
    GEIQ_EXCLUSIVE_CRITERIA,
    PRESCRIBER_DIAGNOSIS_VALIDITY,
    PROOF_TOO_OLD,
    assess_eligibility,
    check_geiq_diagnosis,
    is_eligible,
    kept_by_approval,
    proof_expiry,
)

__all__ = [
    "ALLOWANCE_LEVEL2_NEEDED",
    "ALLOWANCE_VERIFIED_UNTIL",
    "CHECKERS",
    "EMPLOYER_DIAGNOSIS_VALIDITY",
    "ENTITIES",
    "EXCLUSIVE_CRITERIA",
    "GEIQ_ALLOWANCES",
    "GEIQ_AUTHORS",
    "GEIQ_DIAGNOSIS_VALIDITY",
    "GEIQ_EXCLUSIVE_CRITERIA",
    "PRESCRIBER_DIAGNOSIS_VALIDITY",
    "PROOF_TOO_OLD",
    "SENSITIVE",
    "CriterionProof",
    "EligibilityDiagnosis",
    "GeiqAllowanceAmounts",
    "GeiqDiagnosis",
    "assess_eligibility",
    "check_geiq_diagnosis",
    "criteria_repr",
    "is_eligible",
    "kept_by_approval",
    "need_criteria",
    "proof_expiry",
    "shown_label",
    "to_geiq_criteria",
]

ENTITIES: tuple[type, ...] = (EligibilityDiagnosis, GeiqDiagnosis, CriterionProof)
"""The entity classes of the eligibility area."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType(
    {
        EligibilityDiagnosis: assess_eligibility,
        GeiqDiagnosis: check_geiq_diagnosis,
    }
)
"""Entity class → its checker."""

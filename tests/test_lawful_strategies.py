"""The lawful strategies draw entities with no error finding on their day (many draws)."""

from __future__ import annotations

import pendulum
from hypothesis import HealthCheck, given, settings

from iae_core.approvals import Approval, check_approval
from iae_core.contracts import Contract, check_contract
from iae_core.enums import StructureKind
from iae_core.parcours import Parcours, check_parcours
from iae_core.testing.contract_strategies import ContractCase
from iae_core.testing.lawful import (
    lawful_approvals,
    lawful_contract_cases,
    lawful_contracts,
    lawful_parcours,
)

ON = pendulum.date(2026, 3, 2)
_MANY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_MANY
@given(lawful_contracts(on=ON))
def test_lawful_contracts_have_no_error(contract: Contract) -> None:
    assert check_contract(contract, on=ON).ok


@_MANY
@given(lawful_contract_cases(on=ON))
def test_lawful_contract_cases_have_no_error(case: ContractCase) -> None:
    assert case.on == ON
    assert check_contract(case.contract, on=ON, **case.context).ok


@_MANY
@given(lawful_contract_cases())
def test_lawful_contract_cases_on_their_own_day(case: ContractCase) -> None:
    assert case.check().ok


@_MANY
@given(lawful_approvals(on=ON, structure_kind=StructureKind.ACI))
def test_lawful_approvals_have_no_error(approval: Approval) -> None:
    assert check_approval(approval, on=ON, structure_kind=StructureKind.ACI).ok


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lawful_parcours(on=ON))
def test_lawful_parcours_have_no_error(parcours: Parcours) -> None:
    assert check_parcours(parcours, on=ON).ok

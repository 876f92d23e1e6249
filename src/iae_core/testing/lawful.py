"""Lawful entities on a given day: strategies drawing entities with no error finding.

Built from the structural strategies of `iae_core.testing` (the contract, approval and
parcours strategies), with the check as the final filter, so what they draw is lawful by
construction *and* by the checker on `on`:

```python
import pendulum
from hypothesis import given
from iae_core.testing.lawful import lawful_contracts

@given(lawful_contracts(on=pendulum.date(2026, 1, 5)))
def test_plan(contract): ...
```

`on=None` draws the day too (`lawful_contract_cases` keeps it, with the check's context).
"""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import strategies as st

from iae_core.approvals import Approval, check_approval, default_end
from iae_core.contracts import Contract, check_contract
from iae_core.enums import StructureKind
from iae_core.parcours import Parcours, check_parcours
from iae_core.testing import approval_strategies, contract_strategies, parcours_strategies
from iae_core.testing.contract_strategies import ContractCase

__all__ = [
    "lawful_approvals",
    "lawful_contract_cases",
    "lawful_contracts",
    "lawful_parcours",
]


_PASS_NUMBER = "999990000001"


def _kinds(value: StructureKind | None) -> st.SearchStrategy[StructureKind] | None:
    return None if value is None else st.just(value)


def lawful_contract_cases(
    *, on: pendulum.Date | None = None, structure_kind: StructureKind | None = None
) -> st.SearchStrategy[ContractCase]:
    """Contracts with their context (person, parcours start, PASS IAE) and no error on `on`.

    Args:
        on: the day of the check (default: drawn around the contract's dates).
        structure_kind: the structure kind (default: any).
    """
    cases = contract_strategies.lawful_cases(_kinds(structure_kind))
    if on is not None:
        day = on
        cases = cases.map(lambda case: attrs.evolve(case, on=day))
    return cases.filter(lambda case: case.check().ok)


def lawful_contracts(
    *, on: pendulum.Date, structure_kind: StructureKind | None = None
) -> st.SearchStrategy[Contract]:
    """Contracts with no error finding from `check_contract(contract, on=on)` (no context).

    Without a context the approval and person rules are not checked and the parcours is
    taken to start with the contract (so a CDI inclusion, which needs months of parcours,
    is never drawn): use `lawful_contract_cases` for contracts lawful in their context.
    """

    def ok(contract: Contract) -> bool:
        return check_contract(contract, on=on).ok

    cases = contract_strategies.lawful_cases(_kinds(structure_kind))
    return cases.map(lambda case: case.contract).filter(ok)


def lawful_approvals(
    *, on: pendulum.Date | None = None, structure_kind: StructureKind | None = None
) -> st.SearchStrategy[Approval]:
    """PASS IAE with no error finding from `check_approval(approval, on=…, structure_kind=…)`.

    Lawful histories of suspensions and prolongations (`approval_strategies`); `on`
    defaults to a day drawn after the history's last step.

    Args:
        on: the day of the check.
        structure_kind: the structure kind (default: an SIAE kind).
    """

    def keep(item: tuple[Approval, StructureKind, pendulum.Date]) -> bool:
        approval, kind, day = item
        return check_approval(approval, on=on or day, structure_kind=kind).ok

    drawn = approval_strategies.lawful_approvals(_kinds(structure_kind))
    return drawn.filter(keep).map(lambda item: item[0])


def _with_approval(parcours: Parcours) -> Parcours:
    """The parcours under a PASS IAE from its first contract's start, of the default length."""
    if not parcours.contracts:
        return parcours
    start = min(c.start for c in parcours.contracts)
    approval = Approval(number=_PASS_NUMBER, start=start, initial_end=default_end(start))
    return attrs.evolve(parcours, approval=approval)


def lawful_parcours(*, on: pendulum.Date) -> st.SearchStrategy[Parcours]:
    """Parcours with no error finding from `check_parcours(parcours, on=on)`.

    The parcours of `parcours_strategies.lawful_parcours`, under a PASS IAE of the
    default length from the first contract's start.
    """

    def ok(parcours: Parcours) -> bool:
        return check_parcours(parcours, on=on).ok

    return parcours_strategies.lawful_parcours().map(_with_approval).filter(ok)

"""The structure's economy: ACI activities, their accounts, sales share and cost of service.

An ACI runs one or more *ateliers et chantiers* (`Activity`), each with yearly accounts
(`YearAccounts`: charges, sales revenue, subsidies by funder) and, when the prefect raised
the ceiling, the decision (`PrefectDecision`). Rule `aci.commercial_share` (C. trav. art.
D5132-34) judges each activity and each year on its own (circulaire DGEFP 2005-41): a
structure whose total is under the ceiling may still hold an activity over it.

```python
import pendulum
from iae_core.economy import Activity, YearAccounts, check_activity, revenue_room

laundry = Activity(
    siret="73282932000074",
    name="Blanchisserie",
    support="LINEN_CARE",
    accounts=(YearAccounts(year=2025, charges=200_000.0, sales=58_000.0),),
)
print(revenue_room(laundry, 2025).room)  # 1999.99: sales must stay strictly below the ceiling
print(check_activity(laundry, on=pendulum.date(2026, 3, 1)).ok)  # True
```

Money is in euros as floats; every amount this area returns is rounded to the cent
(half up), and shares are computed exactly (in decimal) so that a share of exactly the
ceiling is judged as the text says, not as binary floating point rounds it.

The entities are in `iae_core.economy._entities`, the rules in `iae_core.economy._rules`;
this face re-exports their public names and lists them in `ENTITIES` and `CHECKERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core._kernel.findings import Report
from iae_core.economy._entities import (
    MAX_AMOUNT,
    MAX_HOURS,
    Activity,
    PrefectDecision,
    Subsidy,
    YearAccounts,
    cents,
)
from iae_core.economy._rules import (
    COMMERCIAL_SHARE,
    INSERTION_SPECIFIC_AIDS,
    PREFECT_DECISION,
    OrderImpact,
    RevenueRoom,
    ServiceCost,
    ShareRow,
    check_activities,
    check_activity,
    commercial_share,
    commercial_shares,
    cost_of_service,
    order_impact,
    revenue_room,
    sales_ceiling,
)

__all__ = [
    "CHECKERS",
    "COMMERCIAL_SHARE",
    "ENTITIES",
    "INSERTION_SPECIFIC_AIDS",
    "MAX_AMOUNT",
    "MAX_HOURS",
    "PREFECT_DECISION",
    "Activity",
    "OrderImpact",
    "PrefectDecision",
    "RevenueRoom",
    "ServiceCost",
    "ShareRow",
    "Subsidy",
    "YearAccounts",
    "cents",
    "check_activities",
    "check_activity",
    "commercial_share",
    "commercial_shares",
    "cost_of_service",
    "order_impact",
    "revenue_room",
    "sales_ceiling",
]

ENTITIES: tuple[type, ...] = (Activity, YearAccounts, Subsidy, PrefectDecision)
"""The area's entity classes."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType({Activity: check_activity})
"""Entity class → its checker."""

"""RSA orientation (CASF L262-29) and the chain a département funds.

The président du conseil départemental orients each RSA recipient towards a social,
professional or socio-professional path and a body (*organisme référent*). A département
that funds SIAE posts wants to follow what came of it: orientation → hire in an SIAE
(after how many days) → exit and its category, by département and year of orientation.

```python
import pendulum
from iae_core.orientation import Orientation, orientation_chain

o = Orientation(
    person_id="p-1",
    on=pendulum.date(2025, 2, 3),
    category="SOCIO_PROFESSIONAL",
    body="DEPARTEMENT",
    department="35",
)
rows = orientation_chain([o], [])
print(rows[0].oriented, rows[0].hired)  # 1 0
```

The body is one of a few codes (`OrientationBody`): the network specific to disabled
people (Cap emploi) is deliberately folded into `OTHER`, so that an orientation never
reveals health data.

From 1 January 2025 (loi n° 2023-1196 pour le plein emploi, décret n° 2024-1244) the body
is the *organisme référent*; the orientation is decided within six weeks of the information
on the right (CASF D262-65-2), a contract of engagement (`EngagementContract`) is signed
within a month of its notification (C. trav. D5411-14-1) with at least 15 hours of weekly
activity unless adjusted (L5411-6), and a person in social support is diagnosed jointly
after six months, twelve for particular difficulties (CASF L262-31, D262-65-2-1). The rules
`orientation.decision_deadline`, `orientation.engagement_contract`,
`orientation.weekly_activity` and `orientation.social_review` judge them from that day, with
the dated parameters of `orientation.toml`; earlier orientations are judged by none.
`orientation_chain` follows orientation → contract of engagement → SIAE hire → exit and
reads parcours (the `iae_core.parcours` face).

The face: the entities (`_entities`), the rules (`_rules`), and the explicit tables
`ENTITIES` and `CHECKERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core._kernel.findings import Report
from iae_core.orientation._entities import (
    EngagementContract,
    Orientation,
)
from iae_core.orientation._rules import (
    DECISION_DEADLINE,
    ENGAGEMENT_CONTRACT,
    REFORM_FROM,
    SOCIAL_REVIEW,
    WEEKLY_ACTIVITY,
    ChainRow,
    check_engagement,
    check_orientation,
    decision_deadline,
    engagement_deadline,
    orientation_chain,
    review_due,
    weekly_activity_hours,
)

__all__ = [
    "CHECKERS",
    "DECISION_DEADLINE",
    "ENGAGEMENT_CONTRACT",
    "ENTITIES",
    "REFORM_FROM",
    "SOCIAL_REVIEW",
    "WEEKLY_ACTIVITY",
    "ChainRow",
    "EngagementContract",
    "Orientation",
    "check_engagement",
    "check_orientation",
    "decision_deadline",
    "engagement_deadline",
    "orientation_chain",
    "review_due",
    "weekly_activity_hours",
]

ENTITIES: tuple[type, ...] = (Orientation, EngagementContract)
"""The area's entity classes."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType(
    {Orientation: check_orientation, EngagementContract: check_engagement}
)
"""Entity class → its checker (`check(orientation, on=…, engagements=…)`,
`check(engagement, on=…, parcours=…)`)."""

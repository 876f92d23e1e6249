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
people is deliberately folded into `OTHER`, so that an orientation never reveals health
data.

The area has no rule and no legal number yet: `ENTITIES` lists its entity, `CHECKERS` is
empty. `orientation_chain` reads parcours (the `iae_core.parcours` face).

The face: the entities (`_entities`), the rules (`_rules`), and the explicit tables
`ENTITIES` and `CHECKERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core._kernel.findings import Report
from iae_core.orientation._entities import (
    Orientation,
)
from iae_core.orientation._rules import (
    ChainRow,
    orientation_chain,
)

__all__ = [
    "CHECKERS",
    "ENTITIES",
    "ChainRow",
    "Orientation",
    "orientation_chain",
]

ENTITIES: tuple[type, ...] = (Orientation,)
"""The area's entity classes."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType({})
"""Entity class → its checker: none (an orientation has no rule yet)."""

"""After the exit: follow-up of the person's situation, support in the new job, retention.

The field measures itself by what happens after the parcours ("4 ans après, plus de 70 %
des personnes sont toujours en emploi") and keeps coaching people once they are placed
("place then train"). A `iae_core.parcours.Parcours` carries, after its exit:

* `FollowUp` records: on a day, the person's situation (an
  `iae_core.enums.ExitKind`, `UNKNOWN` when nobody knows), where it comes from
  (`iae_core.enums.FollowUpSource`: the person, the employer, administrative
  data) and the employer's SIRET when known;
* `SupportAction` records: in-job support actions dated after the exit.

`iae_core.stats.retention` gives, at each horizon, the
share of exits still in work among those observed there, with 95 % Wilson intervals.

How long these data may be kept is not for this library to decide: the platform keeps
its data 24 months after the parcours (`followup.platform_retention_months`, C. trav.
art. R5132-1-23); a 4-year horizon needs its own legal basis (see `docs/after-exit.md`).

The face: the entities (`_entities`), the rules (`_rules`), and the explicit tables
`ENTITIES` and `CHECKERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core._kernel.findings import Report
from iae_core.followup._entities import (
    IN_WORK,
    FollowUp,
    SupportAction,
    to_follow_up_source,
    to_support_kind,
    validate_after_exit,
)
from iae_core.followup._rules import (
    SOURCE_RANK,
    horizon_day,
    situation_at,
)

__all__ = [
    "CHECKERS",
    "ENTITIES",
    "IN_WORK",
    "SOURCE_RANK",
    "FollowUp",
    "SupportAction",
    "horizon_day",
    "situation_at",
    "to_follow_up_source",
    "to_support_kind",
    "validate_after_exit",
]

ENTITIES: tuple[type, ...] = (FollowUp, SupportAction)
"""The after-exit entity classes (parts of a `Parcours`, loadable alone)."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType({})
"""No rule applies to a follow-up alone: their order against the exit is validated with
the `Parcours` that holds them, and retention is measured by `iae_core.stats.retention`."""

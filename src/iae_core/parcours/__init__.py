"""A person's path in one structure, and how it ends: the parcours and exits area.

The face of the area: the entities (`Parcours`, `Action`, `Exit`), the whole-parcours
checker (`check_parcours`, also `iae_core.check(parcours, on=…)`) and the exits (exit
classification, counted exits, hours worked, the ``exit.*`` rules; also importable from
`iae_core.exits`).

```python
import pendulum
from iae_core.parcours import exit_kind_for

print(exit_kind_for("CDD", pendulum.date(2025, 1, 15), pendulum.date(2025, 7, 14)).value)
# CDD_6_MONTHS_OR_MORE
```
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from iae_core._kernel.findings import Report
from iae_core.parcours._entities import (
    COUNTED_EXIT_THRESHOLDS,
    SUSTAINABLE_MONTHS,
    Action,
    CountedExitThreshold,
    Exit,
    Parcours,
    exit_counted,
    exit_kind_for,
    hours_worked,
    worked_days,
    worked_periods,
)
from iae_core.parcours._rules import EXIT_BEFORE_START, EXIT_NOT_COUNTED, check_exit, check_parcours

__all__ = [
    "CHECKERS",
    "COUNTED_EXIT_THRESHOLDS",
    "ENTITIES",
    "EXIT_BEFORE_START",
    "EXIT_NOT_COUNTED",
    "SUSTAINABLE_MONTHS",
    "Action",
    "CountedExitThreshold",
    "Exit",
    "Parcours",
    "check_exit",
    "check_parcours",
    "exit_counted",
    "exit_kind_for",
    "hours_worked",
    "worked_days",
    "worked_periods",
]

ENTITIES: tuple[type, ...] = (Parcours, Action, Exit)
"""The entity classes of the area."""

CHECKERS: Mapping[type, Callable[..., Report]] = {Parcours: check_parcours}
"""Entity class → its checker (an `Action` or an `Exit` is judged within its parcours)."""

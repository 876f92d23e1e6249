"""Exits from a structure: the sustainable-job line, counted exits, the ``exit.*`` rules.

The exits are part of the parcours area (`iae_core.parcours`, where they are defined);
this module gives them their own import path, as before.

An exit (`iae_core.parcours.Exit`) has a reason (`iae_core.enums.ExitKind`) whose
``.category`` is the ASP/DGEFP category. This module adds:

* `exit_kind_for` — the exit reason of a job found at exit, classifying a CDD or a
  temporary mission by its length (parameter `exits.sustainable_min_months`);
* `worked_days`, `hours_worked` — how much a person worked in a parcours;
* `exit_counted` — whether an exit enters the rates (more than `exits.counted_min_months`
  worked in ACI and EI, more than `exits.counted_min_hours` in AI and ETTI);
* `check_exit` — the ``exit.not_counted`` (info) and ``exit.before_start`` (error)
  findings, which the whole-parcours check calls.

The sustainable-job line: the sources (the platform's forum post « Les sorties dynamiques
dans l'IAE », circulaire DGEFP 2008-21) say "plus de 6 mois"; iae_core counts a CDD or
mission of exactly that many months as sustainable (a documented choice, the parameter's
note). "N months from S" ends on `iae_core.dates.period_end(S, N)` (months "de date à
date"), so a CDD from 2025-01-15 to 2025-07-14 is exactly 6 months, and one from
2025-08-31 to 2026-02-28 too:

```pycon
>>> exit_kind_for("CDD", pendulum.date(2025, 1, 15), pendulum.date(2025, 7, 14))
<ExitKind.CDD_6_MONTHS_OR_MORE: 'CDD_6_MONTHS_OR_MORE'>
>>> exit_kind_for("CDD", pendulum.date(2025, 8, 31), pendulum.date(2026, 2, 28))
<ExitKind.CDD_6_MONTHS_OR_MORE: 'CDD_6_MONTHS_OR_MORE'>

```
"""

from __future__ import annotations

from iae_core.parcours import (
    COUNTED_EXIT_THRESHOLDS,
    EXIT_BEFORE_START,
    EXIT_NOT_COUNTED,
    SUSTAINABLE_MONTHS,
    CountedExitThreshold,
    check_exit,
    exit_counted,
    exit_kind_for,
    hours_worked,
    worked_days,
    worked_periods,
)

__all__ = [
    "COUNTED_EXIT_THRESHOLDS",
    "EXIT_BEFORE_START",
    "EXIT_NOT_COUNTED",
    "SUSTAINABLE_MONTHS",
    "CountedExitThreshold",
    "check_exit",
    "exit_counted",
    "exit_kind_for",
    "hours_worked",
    "worked_days",
    "worked_periods",
]

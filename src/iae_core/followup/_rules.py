"""How follow-ups are read: the day a horizon is reached and the situation on that day."""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from iae_core import dates
from iae_core.dates import DayLike, as_day
from iae_core.enums import ExitKind, FollowUpSource
from iae_core.followup._entities import (
    FollowUp,
)

__all__ = [
    "SOURCE_RANK",
    "horizon_day",
    "situation_at",
]
# --- retention ------------------------------------------------------------------------------


def horizon_day(exit_on: pendulum.Date, months: int) -> pendulum.Date:
    """The day `months` months after an exit.

    The last day of the `months` calendar months that follow the exit day
    (`iae_core.dates.months_end` from the next day): an exit on 15 January 2024
    reaches 6 months on 15 July 2024.
    """
    return dates.months_end(exit_on.add(days=1), months)


def situation_at(
    follow_ups: Sequence[FollowUp],
    day: DayLike,
    *,
    tolerance_days: int,
    known_on: pendulum.Date | None = None,
) -> FollowUp | None:
    """The follow-up that tells the situation on `day`, or `None`.

    Among the follow-ups at most `tolerance_days` from `day` (and not after
    `known_on` when given), a known situation is preferred to `UNKNOWN`; then the
    closest to `day`; on a tie the earlier one; on the same day, administrative data
    before the employer before the person's own declaration.
    """
    if type(day) is not pendulum.Date:
        day = as_day(day, "day")
    best: tuple[int, int, int, int] | None = None
    chosen: FollowUp | None = None
    for f in follow_ups:
        if known_on is not None and f.on > known_on:
            continue
        gap = f.on.toordinal() - day.toordinal()
        if abs(gap) > tolerance_days:
            continue
        rank = (
            1 if f.situation is ExitKind.UNKNOWN else 0,
            abs(gap),
            gap,
            SOURCE_RANK[f.source],
        )
        if best is None or rank < best:
            best, chosen = rank, f
    return chosen


SOURCE_RANK = {
    FollowUpSource.ADMINISTRATIVE: 0,
    FollowUpSource.EMPLOYER: 1,
    FollowUpSource.DECLARED: 2,
}
"""Which source wins when two follow-ups of one day disagree (lowest first)."""

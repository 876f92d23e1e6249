"""Issue 26, case 4: near the end of the supported dates a plan says "nothing past it".

`MAX_DATE` is 2199-12-31: a plan whose bound would fall after it returns that day at most,
with `set_by` (or `closed`) `planning.out_of_range`, and never raises.
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from iae_core import Immersion, planning
from iae_core.approvals import Approval

D = pendulum.date
HOST = "73282932000074"
MAX_DATE = D(2199, 12, 31)
PAST = [Immersion(start=D(2015, 11, 14), end=D(2015, 11, 14), host_siret=HOST)]


def test_the_case_of_the_issue() -> None:
    room = planning.pmsmp(PAST, host_siret=HOST, on=D(2199, 12, 31))
    assert room.max_end == MAX_DATE
    assert room.set_by["max_end"] == "planning.out_of_range"


@pytest.mark.parametrize(
    ("on", "max_end", "set_by"),
    [
        (D(2199, 11, 30), D(2199, 12, 29), "pmsmp.duration"),  # one month fits
        (D(2199, 12, 1), D(2199, 12, 31), "pmsmp.duration"),  # ends on the last day
        (D(2199, 12, 2), D(2199, 12, 31), "planning.out_of_range"),  # would end 2200-01-01
        (D(2199, 12, 30), D(2199, 12, 31), "planning.out_of_range"),
    ],
)
def test_pmsmp_on_both_sides_of_the_range_end(
    on: pendulum.Date, max_end: pendulum.Date, set_by: str
) -> None:
    for immersions in ([], PAST):
        room = planning.pmsmp(immersions, host_siret=HOST, on=on)
        assert room.max_end == max_end
        assert room.set_by["max_end"] == set_by
        # the boundary returned is a lawful agreement
        Immersion(host_siret=HOST, start=on, end=room.max_end)


def test_pmsmp_after_the_range_end_is_closed() -> None:
    room = planning.pmsmp(PAST, host_siret=HOST, on=D(2200, 1, 1))
    assert room.max_end is None
    assert room.closed["max_end"].code == "planning.out_of_range"
    assert room.to_json()["closed"]["max_end"]["code"] == "planning.out_of_range"


@given(st.dates(D(2199, 6, 1), MAX_DATE))
@example(D(2199, 12, 31))
@example(D(2199, 12, 1))
def test_pmsmp_never_raises_near_the_end(day: object) -> None:
    on = pendulum.Date(day.year, day.month, day.day)  # type: ignore[attr-defined]
    room = planning.pmsmp(PAST, host_siret=HOST, on=on)
    assert room.max_end is not None
    assert on <= room.max_end <= MAX_DATE


@pytest.mark.parametrize(
    ("start", "closed"),
    [
        (D(2197, 12, 31), False),  # the PASS ends before 2199-12-31: prolongations open
        (D(2199, 1, 5), True),  # it ends in 2201: nothing after the range
    ],
)
def test_approval_plan_near_the_end(start: pendulum.Date, closed: bool) -> None:
    a = Approval(number="999992600001", start=start)
    plan = planning.approval(a, on=D(2199, 12, 31), structure_kind="ACI")
    codes = {c.code for c in plan.closed.values()}
    assert ("planning.out_of_range" in codes) is closed

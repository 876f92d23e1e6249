"""planning.pmsmp: a new agreement ending on max_end passes, one day more fails."""

from __future__ import annotations

import json

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iae_core import Immersion, params, planning
from iae_core.contracts import check_contract
from iae_core.dates import period_end
from iae_core.testing.contract_strategies import ContractCase
from iae_core.testing.lawful import lawful_contract_cases

D = pendulum.date
ONE = pendulum.Duration(days=1)
HOST = "73282932000074"
MAX_DAYS = params.get("pmsmp.same_host_max_days").value
MAX_AGREEMENTS = params.get("pmsmp.same_host_max_agreements").value
_RULES = {"pmsmp.duration", "pmsmp.same_host"}


def _pmsmp_codes(case: ContractCase, immersions: tuple[Immersion, ...]) -> frozenset[str]:
    contract = attrs.evolve(case.contract, immersions=immersions)
    codes = check_contract(contract, on=case.on, **case.context).errors.codes
    return codes & _RULES


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lawful_contract_cases(), st.data())
def test_max_end_passes_and_one_day_more_fails(case: ContractCase, data: st.DataObject) -> None:
    ims = case.contract.immersions
    hosts = sorted({m.host_siret for m in ims}) or [HOST]
    host = data.draw(st.sampled_from(hosts))
    base = min((m.start for m in ims), default=case.contract.start)
    on = base + pendulum.Duration(days=data.draw(st.integers(-30, 400)))
    room = planning.pmsmp(ims, host_siret=host, on=on)
    assert json.loads(json.dumps(room.to_json())) == room.to_json()
    if room.max_end is None:
        assert room.closed["max_end"].code == "pmsmp.same_host"
        new = Immersion(host_siret=host, start=on, end=on)
        assert _pmsmp_codes(case, (*ims, new))
        return
    new = Immersion(host_siret=host, start=on, end=room.max_end)
    assert not _pmsmp_codes(case, (*ims, new))
    further = attrs.evolve(new, end=room.max_end + ONE)
    assert room.set_by["max_end"] in _pmsmp_codes(case, (*ims, further))
    assert room.agreements_left >= 1
    # `days_left` days from `on` always fit (the agreement may last longer: its last days
    # may fall after the busiest window, see test_an_agreement_may_outlast_days_left)
    assert (room.max_end - on).in_days() + 1 >= min(room.days_left, _one_month_days(on))


def _one_month_days(on: pendulum.Date) -> int:
    return (period_end(on, params.get("pmsmp.max_months").at(on)) - on).in_days() + 1


def test_an_agreement_may_outlast_days_left() -> None:
    # 31 days with the host in December 2021 (an agreement and its renewal). From
    # 2022-11-02, the window of 12 months from 2021-12-01 ends on 2022-11-30 and holds all
    # 31: 29 days left in it. A new agreement to 2022-12-01 (30 days, one month) counts
    # 29 days there (60 in all) and, in the window from 2021-12-02 to 2022-12-01, 30 days
    # with 30 of December's: 60 again. One month is allowed, one day more is not.
    first = Immersion(host_siret=HOST, start=D(2021, 12, 1), end=D(2021, 12, 25))
    renewal = Immersion(
        host_siret=HOST, start=D(2021, 12, 26), end=D(2021, 12, 31), renewal_of=D(2021, 12, 1)
    )
    room = planning.pmsmp([first, renewal], host_siret=HOST, on=D(2022, 11, 2))
    assert room.days_left == MAX_DAYS - 31 == 29
    assert room.max_end == D(2022, 12, 1)  # 30 days: one month, the duration's limit
    assert room.set_by["max_end"] == "pmsmp.duration"


@pytest.mark.parametrize(
    ("on", "max_end"),
    [
        (D(2025, 1, 31), D(2025, 2, 28)),  # one month from a month end
        (D(2024, 1, 31), D(2024, 2, 29)),
        (D(2024, 2, 29), D(2024, 3, 28)),  # from 29 February
        (D(2025, 2, 1), D(2025, 2, 28)),
    ],
)
def test_one_month_at_most(on: pendulum.Date, max_end: pendulum.Date) -> None:
    room = planning.pmsmp([], host_siret=HOST, on=on)
    assert room.max_end == max_end
    assert room.set_by["max_end"] == "pmsmp.duration"
    assert (room.agreements_left, room.days_left) == (MAX_AGREEMENTS, MAX_DAYS)


def test_days_limit_with_the_same_host() -> None:
    first = Immersion(host_siret=HOST, start=D(2025, 1, 6), end=D(2025, 2, 5))  # 31 days
    room = planning.pmsmp([first], host_siret=HOST, on=D(2025, 6, 2))
    assert room.days_left == MAX_DAYS - 31
    assert room.max_end == D(2025, 6, 2) + pendulum.Duration(days=MAX_DAYS - 31 - 1)
    assert room.set_by["max_end"] == "pmsmp.same_host"
    other = planning.pmsmp([first], host_siret="73282932000082", on=D(2025, 6, 2))
    assert other.days_left == MAX_DAYS


def test_no_third_agreement_in_the_window_then_after_it() -> None:
    ims = [
        Immersion(host_siret=HOST, start=D(2024, 3, 1), end=D(2024, 3, 5)),
        Immersion(host_siret=HOST, start=D(2024, 6, 3), end=D(2024, 6, 7)),
    ]
    closed = planning.pmsmp(ims, host_siret=HOST, on=D(2025, 2, 28))
    assert closed.max_end is None
    assert closed.agreements_left == 0
    # the window from 2024-03-01 ends on 2025-02-28: the next day opens again
    opened = planning.pmsmp(ims, host_siret=HOST, on=D(2025, 3, 1))
    assert opened.max_end is not None
    assert opened.agreements_left == 1


def test_a_new_agreement_on_the_day_another_starts_keeps_the_renewal_lawful():
    """Found by hypothesis: the room planned from the first agreement's start day holds a new
    agreement there; the renewal that names that day is judged against the longest
    agreement starting on it (never made "longer" by the new, shorter one)."""
    from iae_core import Contract

    host = "10000000900009"
    first = Immersion(host_siret=host, start=D(2021, 12, 1), end=D(2021, 12, 21))
    renewal = Immersion(
        host_siret=host, start=D(2021, 12, 22), end=D(2022, 1, 10), renewal_of=D(2021, 12, 1)
    )
    contract = Contract(
        kind="MISSION", structure_kind="ETTI", start=D(2021, 12, 1), end=D(2022, 5, 13),
        weekly_hours=30, immersions=[first, renewal],
    )  # fmt: skip
    on = D(2021, 12, 1)
    room = planning.pmsmp([first, renewal], host_siret=host, on=on)
    assert room.max_end is not None
    new = Immersion(host_siret=host, start=on, end=min(room.max_end, D(2021, 12, 19)))

    def codes(*ims):
        return check_contract(attrs.evolve(contract, immersions=ims), on=on).errors.codes

    assert "pmsmp.duration" not in codes(first, renewal, new)
    # the renewal longer than every agreement of that day is still refused
    longer = attrs.evolve(renewal, end=D(2022, 1, 12))  # 22 days against 21
    assert "pmsmp.duration" in codes(first, longer, new)

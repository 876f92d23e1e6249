"""PMSMP with one host (C. trav. art. D5135-3): the one implementation and its three callers.

``same_host_excess`` on both sides of each limit, against a day-by-day brute force, and
the three rules that use it (contract, parcours, partnerships) agreeing on the same data.
"""

import pendulum
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core import dates, pmsmp
from iae_core.errors import InvalidData
from iae_core.partnerships import Partnership, PartnershipEvent, check_pmsmp
from iae_core.pmsmp import Agreement, Excess, renewals, same_host_excess

D = pendulum.date
HOST = "73282932000074"
OTHER_HOST = "55208131766522"


def A(start, end, renewal=False, ref=None):
    return Agreement(start, end, renewal, ref)


def flagged(agreements):
    """``{(ref, what)}`` in excess."""
    return {(e.ref, e.what) for e in same_host_excess(agreements)}


# --- the constants, once -------------------------------------------------------------------


def test_constants_live_in_one_place():
    from iae_core import _contract_rules, partnerships

    assert (pmsmp.SAME_HOST_MAX_AGREEMENTS, pmsmp.SAME_HOST_MAX_DAYS) == (2, 60)
    assert pmsmp.SAME_HOST_WINDOW_MONTHS == 12
    assert partnerships.PMSMP_MAX_AGREEMENTS is pmsmp.SAME_HOST_MAX_AGREEMENTS
    assert partnerships.PMSMP_MAX_DAYS is pmsmp.SAME_HOST_MAX_DAYS
    assert not hasattr(_contract_rules, "PMSMP_SAME_HOST_AGREEMENTS")
    assert not hasattr(_contract_rules, "PMSMP_SAME_HOST_DAYS")


# --- 2 agreements --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "offset", "expected"),
    [
        # 12 months from 2025-03-10 end on 2026-03-09: the 3rd starting that day is the 3rd
        # of the window, the next day it is in the next window
        (D(2025, 3, 10), -1, True),
        (D(2025, 3, 10), 0, True),
        (D(2025, 3, 10), 1, False),
        # from 29 February the 12 months end on 27 February (month ends clamped)
        (D(2024, 2, 29), -1, True),
        (D(2024, 2, 29), 0, True),
        (D(2024, 2, 29), 1, False),
    ],
)
def test_third_agreement_around_twelve_months(first, offset, expected):
    last_day = dates.period_end(first, 12)
    third = last_day.add(days=offset)
    got = same_host_excess(
        [
            A(third, third.add(days=4), ref="c"),
            A(first, first.add(days=4), ref="a"),
            A(first.add(months=3), first.add(months=3, days=4), ref="b"),
        ]
    )
    if expected:
        assert got == [Excess("c", "agreements", 3, first, last_day)]
    else:
        assert got == []


def test_two_agreements_are_allowed_and_every_later_one_is_in_excess():
    two = [A(D(2024, 1, 1), D(2024, 1, 5), ref=0), A(D(2024, 2, 1), D(2024, 2, 5), ref=1)]
    assert same_host_excess(two) == []
    four = [*two, A(D(2024, 3, 1), D(2024, 3, 5), ref=2), A(D(2024, 4, 1), D(2024, 4, 5), ref=3)]
    got = same_host_excess(four)
    assert [(e.ref, e.what, e.count) for e in got] == [(2, "agreements", 4), (3, "agreements", 4)]


def test_a_renewal_is_not_an_agreement():
    items = [
        A(D(2024, 1, 1), D(2024, 1, 10), ref="a"),
        A(D(2024, 1, 11), D(2024, 1, 20), renewal=True, ref="a2"),
        A(D(2024, 6, 1), D(2024, 6, 10), ref="b"),
    ]
    assert same_host_excess(items) == []
    items[1] = A(D(2024, 1, 11), D(2024, 1, 20), ref="a2")  # not a renewal: 3 agreements
    assert flagged(items) == {("b", "agreements")}


# --- 60 days -------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "expected"), [(59, False), (60, False), (61, True)])
def test_one_agreement_of_sixty_days(days, expected):
    start = D(2025, 1, 1)
    got = same_host_excess([A(start, start.add(days=days - 1), ref="a")])
    assert got == ([Excess("a", "days", days, start, D(2025, 12, 31))] if expected else [])


@pytest.mark.parametrize(("days", "expected"), [(0, False), (1, True), (2, True)])
def test_renewal_days_count(days, expected):
    # 30 days and a 30-day renewal: 60; then one agreement of `days` days
    items = [
        A(D(2024, 3, 1), D(2024, 3, 30), ref="a"),
        A(D(2024, 3, 31), D(2024, 4, 29), renewal=True, ref="a2"),
    ]
    if days:
        items.append(A(D(2024, 9, 1), D(2024, 9, days), ref="b"))
    got = same_host_excess(items)
    assert [(e.ref, e.what, e.count) for e in got] == (
        [("b", "days", 60 + days)] if expected else []
    )


@pytest.mark.parametrize(
    # 60 days from 2024-03-01; b one day: 12 months from 2024-03-01 end on 2025-02-28
    ("b_start", "expected"),
    [(D(2025, 2, 27), True), (D(2025, 2, 28), True), (D(2025, 3, 1), False)],
)
def test_sixty_days_window_edge(b_start, expected):
    items = [
        A(D(2024, 3, 1), D(2024, 3, 30), ref="a"),
        A(D(2024, 3, 31), D(2024, 4, 29), renewal=True, ref="a2"),
        A(b_start, b_start, ref="b"),
    ]
    got = same_host_excess(items)
    if expected:
        assert got == [Excess("b", "days", 61, D(2024, 3, 1), D(2025, 2, 28))]
    else:
        assert got == []


def test_the_agreement_passing_the_sixtieth_day_and_those_after_it():
    items = [
        A(D(2024, 1, 1), D(2024, 1, 30), ref="a"),  # 30
        A(D(2024, 3, 1), D(2024, 3, 31), renewal=True, ref="b"),  # 61
        A(D(2024, 5, 1), D(2024, 5, 1), renewal=True, ref="c"),  # 62
    ]
    assert flagged(items) == {("b", "days"), ("c", "days")}
    assert flagged(items[:2]) == {("b", "days")}
    assert flagged([items[0], items[2]]) == set()


def test_days_and_agreements_both_in_excess():
    items = [
        A(D(2024, 1, 1), D(2024, 1, 31), ref="a"),
        A(D(2024, 2, 1), D(2024, 2, 29), ref="b"),
        A(D(2024, 3, 1), D(2024, 3, 5), ref="c"),
    ]
    got = same_host_excess(items)
    assert [(e.ref, e.what, e.count) for e in got] == [
        ("c", "agreements", 3),
        ("c", "days", 65),
    ]


def test_leap_day_window_is_tried():
    # Overlapping agreements (a sum, not a union). The windows around 29 February: from
    # 2024-02-28 to 2025-02-27 (366 days) 61 days; from 2024-02-29 to 2025-02-28 (366 days:
    # 29 February has no namesake in 2025, its window ends on the last day of February) 62;
    # from 2024-03-01 to 2025-02-28 60. (With the former clamping the window from 29
    # February ended on 2025-02-27.)
    items = [
        A(D(2024, 2, 10), D(2024, 3, 3), ref="a1"),
        A(D(2024, 2, 10), D(2024, 3, 3), renewal=True, ref="a2"),
        *(A(D(2025, 2, 11), D(2025, 2, 28), renewal=True, ref=f"b{k}") for k in range(3)),
    ]
    assert same_host_excess(items) == [Excess("b2", "days", 62, D(2024, 2, 29), D(2025, 2, 28))]
    assert _oracle(items) == {("b2", "days")}


def test_window_ending_on_an_agreement_end_is_tried():
    # 61 days only in the 12 months ending on the renewals' end (2024-02-11 to
    # 2025-02-10): 19 days of a, 3 x 14 of b; one day later or earlier: 60 or 59.
    items = [
        A(D(2024, 1, 1), D(2024, 2, 29), ref="a"),
        *(A(D(2025, 1, 28), D(2025, 2, 10), renewal=True, ref=f"b{k}") for k in range(3)),
    ]
    assert same_host_excess(items) == [Excess("b2", "days", 61, D(2024, 2, 11), D(2025, 2, 10))]
    assert _oracle(items) == {("b2", "days")}


# --- inputs --------------------------------------------------------------------------------


def test_order_does_not_matter_and_empty_is_fine():
    items = [A(D(2024, m, 1), D(2024, m, 10), ref=m) for m in (5, 1, 3)]
    assert flagged(items) == flagged(items[::-1]) == {(5, "agreements")}
    assert same_host_excess([]) == []


def test_end_before_start_is_invalid():
    with pytest.raises(InvalidData) as info:
        A(D(2024, 1, 2), D(2024, 1, 1))
    assert info.value.paths == ("end",)


def test_renewals_need_a_known_agreement():
    jan, feb = D(2024, 1, 1), D(2024, 2, 1)
    assert renewals([(jan, None), (feb, jan)]) == [False, True]
    assert renewals([(feb, jan)]) == [False]  # the renewed agreement is unknown
    assert renewals([(jan, jan)]) == [False]  # renewing itself
    assert renewals([(jan, None), (jan, jan)]) == [False, True]
    assert renewals([(feb, jan), (jan, None)]) == [True, False]


# --- brute force ---------------------------------------------------------------------------


def _oracle(items):
    """``{(ref, what)}`` over every day's 12-month window, from the reading's definition."""
    order = sorted(
        range(len(items)), key=lambda k: (items[k].start, items[k].end, items[k].renewal, k)
    )
    out = set()
    day = min(a.start for a in items).subtract(days=370)
    last = max(a.end for a in items)
    while day <= last:
        w_end = dates.period_end(day, 12)
        count = days = 0
        for k in order:
            a = items[k]
            overlap = (min(a.end, w_end) - max(a.start, day)).in_days() + 1
            if overlap <= 0:
                continue
            days += overlap
            if not a.renewal and a.start >= day:
                count += 1
                if count > 2:
                    out.add((a.ref, "agreements"))
            if days > 60:
                out.add((a.ref, "days"))
        day = day.add(days=1)
    return out


def _window_total(items, what, start, end):
    if what == "agreements":
        return sum(1 for a in items if not a.renewal and start <= a.start <= end)
    return sum(max(0, (min(a.end, end) - max(a.start, start)).in_days() + 1) for a in items)


@st.composite
def agreement_lists(draw, max_size=5):
    base = D(draw(st.sampled_from([2023, 2024, 2026, 2027])), 1, 1)
    base = base.add(days=draw(st.integers(0, 365)))
    out = []
    for k in range(draw(st.integers(1, max_size))):
        start = base.add(days=draw(st.integers(0, 420)))
        end = start.add(days=draw(st.integers(0, 45)))
        out.append(A(start, end, draw(st.booleans()), k))
    return out


@settings(max_examples=60)
@given(agreement_lists())
def test_matches_a_day_by_day_brute_force(items):
    got = same_host_excess(items)
    assert {(e.ref, e.what) for e in got} == _oracle(items)
    event(f"excess of {sorted({e.what for e in got})}")
    for e in got:
        assert e.window_end == dates.period_end(e.window_start, 12)
        assert e.count == _window_total(items, e.what, e.window_start, e.window_end)
        assert e.count > (2 if e.what == "agreements" else 60)
    # some window over the limit <=> some agreement in excess
    worst = max(
        _window_total(items, what, d, dates.period_end(d, 12)) - limit
        for what, limit in (("agreements", 2), ("days", 60))
        for d in {a.start for a in items} | {a.end for a in items}
    )
    if worst > 0:
        assert got


@given(agreement_lists(max_size=6), st.data())
def test_monotone_more_agreements_never_remove_an_excess(items, data):
    keep = data.draw(st.lists(st.booleans(), min_size=len(items), max_size=len(items)))
    subset = [a for a, k in zip(items, keep, strict=True) if k]
    assert flagged(subset) <= flagged(items)


# --- the three callers agree ---------------------------------------------------------------


@st.composite
def immersion_plans(draw):
    """``(start, end, renewal_of)`` with one host; a renewal names an earlier start."""
    base = D(2024, 1, 1).add(days=draw(st.integers(0, 365)))
    out = []
    for k in range(draw(st.integers(1, 5))):
        start = base.add(days=draw(st.integers(0, 400)))
        end = start.add(days=draw(st.integers(0, 40)))
        renewal_of = None
        if draw(st.booleans()):
            renewal_of = out[draw(st.integers(0, k - 1))][0] if k else D(2023, 1, 1)
        out.append((start, end, renewal_of))
    return out


def _contract(immersions):
    return I.Contract(
        kind="CDDI",
        structure_kind="ACI",
        start=D(2023, 1, 1),
        end=D(2027, 12, 31),
        weekly_hours=26,
        immersions=tuple(immersions),
    )


def _immersion(plan, host=HOST):
    start, end, renewal_of = plan
    return I.Immersion(start=start, end=end, host_siret=host, renewal_of=renewal_of)


def _key(plan, renewal, what):
    return (plan[0], plan[1], renewal, what)


@settings(max_examples=60)
@given(immersion_plans(), st.data())
def test_contract_parcours_and_partnerships_agree(plans, data):
    flags = renewals([(s, r) for s, _e, r in plans])
    expected = {
        _key(plans[e.ref], flags[e.ref], e.what)
        for e in same_host_excess(
            [
                A(s, e, flag, k)
                for k, ((s, e, _r), flag) in enumerate(zip(plans, flags, strict=True))
            ]
        )
    }

    event(f"excess of {sorted({k[3] for k in expected})}")
    # 1. one contract's immersions (plus one agreement with another host: no effect)
    immersions = [
        *map(_immersion, plans),
        _immersion((D(2024, 6, 1), D(2024, 6, 30), None), OTHER_HOST),
    ]
    contract = _contract(immersions)
    got = set()
    for f in I.check(contract, on=D(2024, 1, 1)):
        if f.code == "pmsmp.same_host":
            j = int(f.path.split("[")[1].split("]")[0])
            got.add(_key(plans[j], flags[j], "days" if f.path.endswith(".end") else "agreements"))
    assert got == expected

    # 2. partnership events (one person), across two partnerships with the same company
    company = I.Company(siret="55208131766522", name="Transports Durand", department="69")
    member = I.Structure(siret=HOST, kind="ACI", name="S", department="75")
    side = data.draw(st.lists(st.integers(0, 1), min_size=len(plans), max_size=len(plans)))
    parts = [
        Partnership(
            id=f"pa-{i}",
            company=company,
            members=(member,),
            kinds={"IMMERSION_HOSTING"},
            start=D(2023, 1, 1),
            events=tuple(
                PartnershipEvent(kind="IMMERSION", start=s, end=e, person_id="p1", renewal_of=r)
                for (s, e, r), sd in zip(plans, side, strict=True)
                if sd == i
            ),
        )
        for i in (0, 1)
    ]
    where = [[k for k, sd in enumerate(side) if sd == i] for i in (0, 1)]
    got = set()
    for f in check_pmsmp(parts, on=D(2024, 1, 1)):
        i = int(f.path[1])
        j = int(f.path.split("events[")[1].rstrip("]"))
        k = where[i][j]
        got.add(_key(plans[k], flags[k], "days" if "jours" in f.message else "agreements"))
    assert got == expected

    # 3. immersions split across two contracts of a parcours (renewals may cross them)
    contracts = [
        _contract([_immersion(p) for p, sd in zip(plans, side, strict=True) if sd == i])
        for i in (0, 1)
    ]
    parcours = I.Parcours(
        person=I.Person(id="p1", birth_date=D(1980, 1, 1)),
        structure=member,
        contracts=tuple(contracts),
    )
    got = set()
    paths = []
    for f in I.check(parcours, on=D(2024, 1, 1)):
        if f.code == "pmsmp.same_host":
            paths.append(f.path.removesuffix(".end") + ("/days" if f.path.endswith(".end") else ""))
            i = int(f.path[len("contracts[")])
            j = int(f.path.split("immersions[")[1].split("]")[0])
            k = where[i][j]
            got.add(_key(plans[k], flags[k], "days" if f.path.endswith(".end") else "agreements"))
    assert got == expected
    assert len(paths) == len(set(paths))  # no duplicate for one agreement and one limit

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core import dates
from iae_core.checks import rule
from iae_core.partnerships import (
    Commitment,
    CommitmentKind,
    Partnership,
    PartnershipEvent,
    check_pmsmp,
    partnership_summary,
)
from iae_core.testing import parcours_strategies as ps
from iae_core.testing import strategies as ist

D = pendulum.date
S1, S2, S3 = "73282932000074", "44306184100047", "35600000000048"


def _structure(siret=S1, kind="ACI"):
    return I.Structure(siret=siret, kind=kind, name="S", department="75")


COMPANY = I.Company(siret="55208131766522", name="Transports Durand", department="69")
OTHER_COMPANY = I.Company(siret="54210765113030", name="Boulangerie", department="69")


def _partnership(**kw):
    base = {
        "id": "pa-1",
        "company": COMPANY,
        "members": (_structure(),),
        "kinds": {"IMMERSION_HOSTING", "RECRUITMENT"},
        "start": D(2025, 1, 1),
    }
    base.update(kw)
    return Partnership(**base)


def _imm(start, days, person="p1", renewal_of=None):
    return PartnershipEvent(
        kind="IMMERSION",
        start=start,
        end=start.add(days=days - 1),
        person_id=person,
        renewal_of=renewal_of,
    )


# --- validation ---------------------------------------------------------------------------------


def test_valid_single_and_union():
    p = _partnership()
    assert not p.is_union
    assert p.kinds == {I.PartnershipKind.IMMERSION_HOSTING, I.PartnershipKind.RECRUITMENT}
    u = _partnership(members=(_structure(S1), _structure(S2, "EI")), coordinator=S2)
    assert u.is_union
    _partnership(coordinator=S1)  # a single member may name itself


@pytest.mark.parametrize(
    ("kw", "path"),
    [
        ({"end": D(2024, 12, 31)}, "end"),
        ({"members": ()}, "members"),
        ({"members": (_structure(S1), _structure(S2))}, "coordinator"),
        ({"members": (_structure(S1), _structure(S2)), "coordinator": S3}, "coordinator"),
        ({"coordinator": S2}, "coordinator"),
        ({"members": (_structure(S1), _structure(S1)), "coordinator": S1}, "members[1].siret"),
        ({"kinds": set()}, "kinds"),
        ({"kinds": {"NOPE"}}, "kinds"),
        ({"id": ""}, "id"),
        ({"positions": ("a", "a")}, "positions[1]"),
        (
            {"events": (PartnershipEvent(kind="VISIT", start=D(2025, 2, 1), structure_siret=S2),)},
            "events[0].structure_siret",
        ),
    ],
)
def test_always_wrong_values_are_refused(kw, path):
    with pytest.raises(I.InvalidData) as info:
        _partnership(**kw)
    assert path in info.value.paths


def test_same_day_end_is_fine():
    assert _partnership(end=D(2025, 1, 1)).end == D(2025, 1, 1)


@pytest.mark.parametrize(
    ("kw", "path"),
    [
        ({"kind": "IMMERSION", "start": D(2025, 1, 1), "person_id": "p"}, "end"),
        ({"kind": "IMMERSION", "start": D(2025, 1, 1), "end": D(2025, 1, 2)}, "person_id"),
        ({"kind": "HIRE", "start": D(2025, 1, 1)}, "person_id"),
        ({"kind": "VISIT", "start": D(2025, 1, 2), "end": D(2025, 1, 1)}, "end"),
        ({"kind": "ORDER", "start": D(2025, 1, 1), "hours": -1}, "hours"),
        ({"kind": "ORDER", "start": D(2025, 1, 1), "amount": -5}, "amount"),
        (
            {"kind": "HIRE", "start": D(2025, 1, 1), "person_id": "p", "renewal_of": D(2025, 1, 1)},
            "renewal_of",
        ),
    ],
)
def test_bad_events_are_refused(kw, path):
    with pytest.raises(I.InvalidData) as info:
        PartnershipEvent(**kw)
    assert path in info.value.paths


def test_bad_commitment_is_refused():
    with pytest.raises(I.InvalidData) as info:
        Commitment(kind="HIRES", quantity=-1, start=D(2025, 2, 1), end=D(2025, 1, 1))
    assert set(info.value.paths) == {"quantity", "end"}


@settings(max_examples=30)
@given(ps.partnerships())
def test_round_trip(p):
    assert I.load(Partnership, I.dump(p)) == p


# --- summary --------------------------------------------------------------------------------------


def test_summary_hand_computed():
    events = (
        _imm(D(2025, 1, 6), 10, "p1"),
        _imm(D(2025, 2, 3), 5, "p2"),
        _imm(D(2025, 12, 29), 10, "p3"),  # 3 days in 2025
        PartnershipEvent(kind="HIRE", start=D(2025, 3, 1), person_id="p1", hours=100),
        PartnershipEvent(kind="HIRE", start=D(2026, 1, 20), person_id="p3"),  # after the period
        PartnershipEvent(kind="HIRE", start=D(2025, 1, 1), person_id="p2"),  # before immersion
        PartnershipEvent(kind="VISIT", start=D(2025, 4, 1)),
        PartnershipEvent(kind="ORDER", start=D(2025, 5, 1), hours=300, amount=12_000),
        PartnershipEvent(kind="ORDER", start=D(2024, 5, 1), hours=999, amount=999),  # outside
    )
    commitments = (
        Commitment(kind="HIRES", quantity=4, start=D(2025, 1, 1), end=D(2026, 12, 31)),
        Commitment(kind="INSERTION_HOURS", quantity=500, start=D(2025, 1, 1), end=D(2025, 12, 31)),
        Commitment(kind="VISITS", quantity=1, start=D(2027, 1, 1), end=D(2027, 12, 31)),
    )
    p = _partnership(events=events, commitments=commitments, start=D(2024, 1, 1))
    s = partnership_summary(p, period=(D(2025, 1, 1), D(2025, 12, 31)))
    assert s.immersions == 3
    assert s.immersion_days == 10 + 5 + 3
    assert s.people_immersed == 3
    assert s.hires == 2
    assert s.visits == 1
    assert (s.orders, s.order_hours, s.order_amount) == (1, 300, 12_000)
    assert s.insertion_hours == 400
    assert s.converted == 2  # p1 (March), p3 (January 2026); not p2 (hired before)
    assert s.conversion_rate == pytest.approx(2 / 3)
    hires, hours = s.commitments  # the 2027 commitment does not overlap
    assert hires.kind is CommitmentKind.HIRES
    assert hires.expected == pytest.approx(4 * 365 / 730)
    assert hires.achieved == 2
    assert hires.ratio == pytest.approx(2 / 2)
    assert hours.expected == 500
    assert hours.achieved == 400
    row = s.as_dict()
    assert row["hires_expected"] == pytest.approx(2)
    assert row["insertion_hours_achieved"] == 400
    # a window of 30 days after the immersion's end drops the January 2026 hire
    s30 = partnership_summary(p, period=(D(2025, 1, 1), D(2025, 12, 31)), conversion_window_days=30)
    assert s30.converted == 1
    with pytest.raises(ValueError, match="before it starts"):
        partnership_summary(p, period=(D(2025, 1, 2), D(2025, 1, 1)))


def test_summary_without_events():
    s = partnership_summary(_partnership(), period=(D(2025, 1, 1), D(2025, 1, 31)))
    assert s.conversion_rate is None
    assert s.commitments == ()


@given(ps.partnerships())
def test_summary_invariants(p):
    s = partnership_summary(p, period=(D(2021, 1, 1), D(2030, 12, 31)))
    assert 0 <= s.converted <= s.people_immersed <= s.immersions
    assert s.conversion_rate is None or 0 <= s.conversion_rate <= 1
    for c in s.commitments:
        assert c.expected <= c.promised + 1e-9


# --- PMSMP across partnerships --------------------------------------------------------------------


def test_rule_is_registered_once():
    r = rule("partnership.pmsmp_same_host")
    assert r.reference == "C. trav. art. D5135-3"
    assert r.severity is I.Severity.ERROR


@pytest.mark.parametrize("kind", ["ACI", "EI", "AI", "ETTI", "EITI"])
def test_third_agreement_day_before_of_after_twelve_months(kind):
    first = D(2025, 3, 10)
    twelve_months_end = dates.period_end(first, 12)  # 2026-03-09
    base = (_imm(first, 5), _imm(D(2025, 6, 2), 5))
    for day, fires in (
        (twelve_months_end.subtract(days=1), True),
        (twelve_months_end, True),
        (twelve_months_end.add(days=1), False),
    ):
        p = _partnership(members=(_structure(kind=kind),), events=(*base, _imm(day, 5)))
        r = I.check(p, on=D(2025, 1, 1))
        assert bool(r) is fires, day
        if fires:
            assert r.codes == {"partnership.pmsmp_same_host"}
            assert r[0].path == "events[2]"
            assert "conventions" in r[0].message


def test_renewal_is_not_a_new_agreement_but_its_days_count():
    events = (
        _imm(D(2025, 1, 6), 20),
        _imm(D(2025, 1, 26), 20, renewal_of=D(2025, 1, 6)),
        _imm(D(2025, 6, 2), 20),
    )
    assert not check_pmsmp(_partnership(events=events), on=D(2025, 1, 1))  # 60 days, 2 agreements
    events = (*events[:2], _imm(D(2025, 6, 2), 21))  # 61 days
    r = check_pmsmp(_partnership(events=events), on=D(2025, 1, 1))
    assert r.codes == {"partnership.pmsmp_same_host"}
    assert "61 jours" in r[0].message


def test_one_long_agreement_over_sixty_days():
    assert not check_pmsmp(_partnership(events=(_imm(D(2025, 1, 1), 60),)), on=D(2025, 1, 1))
    r = check_pmsmp(_partnership(events=(_imm(D(2025, 1, 1), 61),)), on=D(2025, 1, 1))
    assert r.codes == {"partnership.pmsmp_same_host"}


def test_across_partnerships_with_the_same_company():
    a = _partnership(id="a", events=(_imm(D(2025, 1, 6), 5), _imm(D(2025, 2, 3), 5)))
    b = _partnership(id="b", members=(_structure(S2),), events=(_imm(D(2025, 3, 3), 5),))
    assert not check_pmsmp(a, on=D(2025, 1, 1))
    assert not check_pmsmp(b, on=D(2025, 1, 1))
    r = check_pmsmp([a, b], on=D(2025, 1, 1))
    assert [f.path for f in r] == ["[1].events[0]"]
    # another company, or another person, is another count
    c = _partnership(id="c", company=OTHER_COMPANY, events=(_imm(D(2025, 3, 3), 5),))
    assert not check_pmsmp([a, c], on=D(2025, 1, 1))
    d = _partnership(id="d", events=(_imm(D(2025, 3, 3), 5, person="p2"),))
    assert not check_pmsmp([a, d], on=D(2025, 1, 1))


def _oracle(items):
    """Brute force over every 12-month window start: (agreements > 2) or (days > 60)."""
    if not items:
        return False
    lo = min(s for s, _, _ in items).subtract(days=370)
    hi = max(e for _, e, _ in items)
    day = lo
    while day <= hi:
        w_end = dates.period_end(day, 12)
        n = sum(1 for s, _, r in items if not r and day <= s <= w_end)
        days = 0
        for s, e, _ in items:
            a, b = max(s, day), min(e, w_end)
            if a <= b:
                days += (b - a).in_days() + 1
        if n > 2 or days > 60:
            return True
        day = day.add(days=1)
    return False


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(ist.dates(D(2024, 1, 1), D(2026, 6, 30)), st.integers(1, 31), st.booleans()),
        max_size=4,
    )
)
def test_pmsmp_matches_brute_force(raw):
    # A renewal names the start of the event before it (a known agreement); the first
    # event's ``renewal_of`` names no event: it is a new agreement (pmsmp.renewals).
    events = tuple(
        _imm(s, n, renewal_of=(raw[k - 1][0] if k else D(2023, 1, 1)) if r else None)
        for k, (s, n, r) in enumerate(raw)
    )
    items = [
        (
            e.start,
            e.end,
            any(k != j and e.renewal_of == o.start for j, o in enumerate(events)),
        )
        for k, e in enumerate(events)
    ]
    r = check_pmsmp(_partnership(events=events), on=D(2024, 1, 1))
    assert bool(r) == _oracle(items)

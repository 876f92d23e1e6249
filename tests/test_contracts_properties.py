"""Contract rules: hypothesis properties (lawful contracts, limits, order, robustness)."""

import re

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core import dates
from iae_core.contracts import check_contract
from iae_core.testing.contract_strategies import (
    ContractCase,
    checkable_cases,
    lawful_cases,
    lawful_contracts,
)

CDDI_KINDS = st.sampled_from([I.StructureKind.EI, I.StructureKind.AI, I.StructureKind.ACI])


@given(lawful_cases())
def test_lawful_contract_has_no_error(case):
    report = case.check()
    assert report.ok, str(report)


@given(lawful_cases(st.sampled_from(I.StructureKind)))
def test_lawful_contract_has_no_error_through_check(case):
    assert I.check(case.contract, on=case.on, **case.context).ok


def _without_extensions(contract):
    limit = dates.period_end(contract.start, 24)
    return attrs.evolve(contract, renewals=tuple(r for r in contract.renewals if r.end <= limit))


def _with_final_end(contract, day):
    """The contract with its final end moved to ``day`` (its latest renewal, else its end)."""
    if not contract.renewals:
        return attrs.evolve(contract, end=day)
    last = max(range(len(contract.renewals)), key=lambda i: contract.renewals[i].end)
    renewals = list(contract.renewals)
    renewals[last] = I.Renewal(end=day)
    return attrs.evolve(contract, renewals=tuple(renewals))


@given(lawful_cases(CDDI_KINDS).filter(lambda c: c.contract.kind is I.ContractKind.CDDI))
def test_one_day_past_the_maximum_is_always_max_duration(case):
    contract = _without_extensions(case.contract)
    limit = dates.period_end(contract.start, 24)
    at_limit = _with_final_end(contract, limit)
    assert "contract.max_duration" not in case.check(at_limit).codes
    past = _with_final_end(contract, limit.add(days=1))
    report = case.check(past)
    assert "contract.max_duration" in report.errors.codes
    # The property is about the 24-month limit only: without its extensions the contract
    # is shorter, so other limits (the 25 % PMSMP share) may legitimately fire.
    assert "contract.max_duration" not in case.check(contract).codes


@given(
    lawful_cases(st.just(I.StructureKind.ETTI)).filter(
        lambda c: c.contract.kind is I.ContractKind.MISSION
    )
)
def test_one_day_past_the_maximum_is_always_mission_max_duration(case):
    limit = dates.period_end(case.contract.start, 24)
    assert "mission.max_duration" not in case.check(_with_final_end(case.contract, limit)).codes
    past = _with_final_end(case.contract, limit.add(days=1))
    assert "mission.max_duration" in case.check(past).errors.codes


_INDEXED = re.compile(r"^(renewals|immersions|placements|derogations)\[(\d+)\](.*)$")


def _normalised(report, contract):
    """Findings with each indexed path replaced by the item it points at."""
    out = []
    for f in report:
        m = _INDEXED.match(f.path)
        path = f.path
        if m:
            item = getattr(contract, m.group(1))[int(m.group(2))]
            path = (m.group(1), repr(item), m.group(3))
        out.append((f.code, f.severity, f.message, f.reference, repr(path)))
    return sorted(out)


@given(checkable_cases() | lawful_cases(), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_the_order_of_lists(case, rnd):
    contract = case.contract
    shuffled = {}
    for name in ("renewals", "immersions", "placements", "derogations"):
        items = list(getattr(contract, name))
        rnd.shuffle(items)
        shuffled[name] = tuple(items)
    other = attrs.evolve(contract, **shuffled)
    assert _normalised(case.check(), contract) == _normalised(case.check(other), other)


@given(checkable_cases())
def test_check_never_raises(case):
    report = case.check()
    assert all(f.code and f.message and f.reference for f in report)


_D0 = pendulum.date(2024, 1, 1)
_HOSTS = ["73282932000074", "55208131766522"]
_HOST_KINDS = st.sampled_from(
    [I.HostKind.EMPLOYER, I.HostKind.EMPLOYER, I.HostKind.PRIVATE_INDIVIDUAL, I.HostKind.NON_PROFIT]
)


@st.composite
def _placement_cases(draw):
    """AI contracts whose placements often pass 480 h (checkable_cases almost never do)."""
    placements = []
    for _ in range(draw(st.integers(1, 6))):
        start = _D0.add(days=draw(st.integers(0, 1600)))
        placements.append(
            I.Placement(
                start=start,
                end=start.add(days=draw(st.integers(0, 30))),
                hours=float(draw(st.integers(0, 300) | st.sampled_from([240, 240.5, 480]))),
                host=draw(_HOST_KINDS),
            )
        )
    contract = I.Contract(
        kind=draw(st.sampled_from(["CDD_USAGE", "CDDI"])),
        structure_kind="AI",
        start=_D0,
        end=_D0.add(days=1700),
        weekly_hours=26,
        placements=placements,
    )
    waiver = draw(
        st.none()
        | st.builds(
            lambda s, n: I.PrefectWaiver(start=_D0.add(days=s), end=_D0.add(days=s + n)),
            st.integers(0, 1600),
            st.integers(0, 400),
        )
    )
    return ContractCase(contract=contract, on=_D0, context={"prefect_waiver": waiver})


def test_placement_cases_reach_both_sides_of_the_cap():
    # the strategies below must be able to fail: the cap fires on a good share of them
    seen = set()

    @settings(max_examples=200, database=None)
    @given(_placement_cases())
    def run(case):
        seen.add("placement.hours_cap" in case.check().codes)

    run()
    assert seen == {True, False}


@given(_placement_cases(), st.floats(0.5, 500))
def test_more_employer_hours_never_remove_the_cap_finding(case, extra):
    # monotonicity: adding hours to an employer placement keeps every cap finding
    # (lawful contracts would have none to keep: this draws contracts around the cap)
    contract = case.contract
    on = contract.start
    before = {f.path for f in check_contract(contract, on=on) if f.code == "placement.hours_cap"}
    placements = [
        attrs.evolve(p, hours=p.hours + extra) if p.host is I.HostKind.EMPLOYER else p
        for p in contract.placements
    ]
    after_contract = attrs.evolve(contract, placements=tuple(placements))
    after = {
        f.path for f in check_contract(after_contract, on=on) if f.code == "placement.hours_cap"
    }
    assert before <= after


@st.composite
def _share_cases(draw):
    """Short contracts with PMSMP around 25 % of their length (overlaps, spill-overs)."""
    start = _D0.add(days=draw(st.integers(0, 30)))
    end = start.add(days=draw(st.integers(0, 200)))
    sk = draw(st.sampled_from(I.StructureKind))
    kind = {"ETTI": "MISSION", "EITI": "COMMERCIAL"}.get(sk.value, "CDDI")
    renewals = (
        [I.Renewal(end=end.add(days=draw(st.integers(1, 60))))] if draw(st.booleans()) else []
    )
    immersions = []
    for _ in range(draw(st.integers(0, 4))):
        m_start = start.add(days=draw(st.integers(-20, 220)))
        immersions.append(
            I.Immersion(
                start=m_start,
                end=m_start.add(days=draw(st.integers(0, 30))),
                host_siret=draw(st.sampled_from(_HOSTS)),
            )
        )
    contract = I.Contract(
        kind=kind,
        structure_kind=sk,
        start=start,
        end=end,
        weekly_hours=26,
        renewals=renewals,
        immersions=immersions,
    )
    return ContractCase(contract=contract, on=start)


def test_share_cases_reach_both_sides_of_the_limit():
    seen = set()

    @settings(max_examples=200, database=None)
    @given(_share_cases())
    def run(case):
        seen.add("pmsmp.share" in case.check().codes)

    run()
    assert seen == {True, False}


@given(checkable_cases() | _share_cases())
def test_pmsmp_share_matches_a_brute_force_count(case):
    contract = case.contract
    final_end = contract.final_end
    fired = "pmsmp.share" in case.check().codes
    if final_end is None or contract.structure_kind not in {
        I.StructureKind.EI,
        I.StructureKind.AI,
        I.StructureKind.ACI,
    }:
        assert not fired
        return
    days = set()
    for m in contract.immersions:
        d = max(m.start, contract.start)
        while d <= min(m.end, final_end):
            days.add(d)
            d = d.add(days=1)
    length = (final_end - contract.start).in_days() + 1
    assert fired == (len(days) > length / 4)


@given(checkable_cases() | _placement_cases())
def test_placement_cap_matches_a_brute_force_oracle(case):
    contract = case.contract
    waivers = case.context.get("prefect_waiver")
    waivers = [] if waivers is None else [waivers]
    got = {f.path for f in case.check() if f.code == "placement.hours_cap"}
    expected = set()
    if contract.structure_kind is I.StructureKind.AI:
        ps = contract.placements

        def key(j):
            p = ps[j]
            return (p.start, p.end, p.hours, p.host_siret or "", j)

        counted = sorted((j for j, p in enumerate(ps) if p.host is I.HostKind.EMPLOYER), key=key)
        for i in counted:
            # the window of i: chain of 24-month windows from the first counted placement
            ws = None
            for j in counted:
                if ws is None or ps[j].start > dates.period_end(ws, 24):
                    ws = ps[j].start
                if j == i:
                    break
            total = 0.0
            for j in counted:
                if ws <= ps[j].start <= dates.period_end(ws, 24) and key(j) <= key(i):
                    total += ps[j].hours
            if total > 480 and not any(w.start <= ps[i].start <= w.end for w in waivers):
                expected.add(f"placements[{i}].hours")
    assert got == expected


def test_contract_case_check_uses_its_context():
    c = I.Contract(
        kind="CDI_INCLUSION",
        structure_kind="EI",
        start=pendulum.date(2024, 1, 15),
        end=None,
        weekly_hours=35,
    )
    case = ContractCase(
        contract=c,
        on=pendulum.date(2024, 2, 1),
        context={"parcours_start": pendulum.date(2023, 1, 1)},
    )
    assert case.check().ok
    assert not ContractCase(contract=c, on=case.on).check().ok


@st.composite
def _same_host_immersions(draw):
    out = []
    for _ in range(draw(st.integers(1, 5))):
        start = pendulum.date(2024, 1, 1).add(days=draw(st.integers(0, 700)))
        end = start.add(days=draw(st.integers(0, 40)))
        out.append(I.Immersion(start=start, end=end, host_siret=draw(st.sampled_from(_HOSTS))))
    return out


@given(_same_host_immersions())
def test_pmsmp_same_host_matches_a_day_by_day_oracle(immersions):
    c = I.Contract(
        kind="CDDI",
        structure_kind="ACI",
        start=pendulum.date(2024, 1, 1),
        end=pendulum.date(2026, 6, 1),
        weekly_hours=26,
        immersions=immersions,
    )
    fired = "pmsmp.same_host" in check_contract(c, on=c.start).codes
    expected = False
    first = min(m.start for m in immersions).subtract(days=400)
    last = max(m.end for m in immersions)
    d = first
    while d <= last and not expected:
        w_end = dates.period_end(d, 12)
        for host in _HOSTS:
            inside = [
                m for m in immersions if m.host_siret == host and m.start <= w_end and m.end >= d
            ]
            days = sum((min(m.end, w_end) - max(m.start, d)).in_days() + 1 for m in inside)
            starting = [m for m in inside if m.start >= d]
            if len(starting) > 2 or days > 60:
                expected = True
        d = d.add(days=1)
    assert fired == expected


@pytest.mark.parametrize("kind", list(I.StructureKind))
@settings(max_examples=25)
@given(data=st.data())
def test_lawful_contract_of_each_structure_kind_has_no_error(kind, data):
    case = data.draw(lawful_cases(st.just(kind)))
    assert case.contract.structure_kind is kind
    assert case.check().ok, str(case.check())


@given(lawful_contracts(st.just(I.StructureKind.AI)))
def test_lawful_ai_contracts_stay_under_the_cap(contract):
    # lawful_contracts promises at most 480 h with employers: the cap never fires
    assert "placement.hours_cap" not in check_contract(contract, on=contract.start).codes

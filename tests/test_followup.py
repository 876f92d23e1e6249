"""Follow-up after the exit and retention: a synthetic cohort with known answers."""

from __future__ import annotations

import math

import pendulum
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core import dates, params
from iae_core.followup import IN_WORK, horizon_day, situation_at
from iae_core.stats import retention
from iae_core.stats import retention as stats_retention
from iae_core.testing import followup_strategies as fs

D = pendulum.date
ACI = I.Structure(siret="73282932000074", kind="ACI", name="Jardins du Val", department="35")
EI = I.Structure(siret="55208131766522", kind="EI", name="Recyclerie", department="69")
X = "55208131766522"
Y = "54210765113030"
ON = D(2026, 6, 30)


def _parcours(pid, exit_on, kind="CDI", ups=(), structure=ACI, support=()):
    contract = I.Contract(
        kind="CDDI",
        structure_kind=structure.kind,
        start=exit_on.subtract(months=8),
        end=exit_on,
        weekly_hours=26,
    )
    return I.Parcours(
        person=I.Person(id=pid, birth_date=D(1980, 1, 1)),
        structure=structure,
        contracts=(contract,),
        exit=I.Exit(on=exit_on, kind=kind),
        follow_ups=tuple(
            I.FollowUp(on=on, situation=sit, source=src, employer_siret=emp)
            for on, sit, src, emp in ups
        ),
        support_actions=tuple(support),
    )


E0 = D(2024, 1, 15)  # horizons: 6 -> 2024-07-15, 12 -> 2025-01-15, 24 -> 2026-01-15
COHORT = [
    # A: in work at 6, 12, 24 months; changed employer (X then Y) by 24 months
    _parcours(
        "A",
        E0,
        ups=[
            (D(2024, 7, 10), "CDI", "EMPLOYER", X),
            (D(2025, 1, 20), "CDI", "ADMINISTRATIVE", X),
            (D(2026, 1, 15), "CDI", "ADMINISTRATIVE", Y),
        ],
    ),
    # B: job seeking at 6 months, unknown at 12, nothing near 24
    _parcours(
        "B",
        E0,
        kind="CDD_UNDER_6_MONTHS",
        ups=[
            (D(2024, 7, 15), "JOB_SEEKING", "DECLARED", None),
            (D(2025, 1, 15), "UNKNOWN", "DECLARED", None),
        ],
    ),
    # C: a follow-up too far from the 6-month horizon (62 days), dead by 12 months
    _parcours(
        "C",
        E0,
        kind="JOB_SEEKING",
        ups=[
            (D(2024, 9, 15), "CDD_UNDER_6_MONTHS", "DECLARED", None),
            (D(2025, 1, 15), "DEATH", "ADMINISTRATIVE", None),
        ],
    ),
    # D: a withdrawn exit: out of the population
    _parcours("D", E0, kind="DEATH"),
    # E: left recently: every horizon is after ON (censored)
    _parcours("E", D(2026, 3, 1), ups=[(D(2026, 4, 1), "CDI", "DECLARED", X)]),
    # F: unknown and known near 6 months: the known one tells it; no employer given
    _parcours(
        "F",
        E0,
        ups=[
            (D(2024, 7, 15), "UNKNOWN", "DECLARED", None),
            (D(2024, 7, 20), "CDD_6_MONTHS_OR_MORE", "DECLARED", None),
        ],
    ),
]


def _row(rows, months):
    (row,) = [r for r in rows if r.months == months]
    return row


def test_known_answers_at_each_horizon():
    rows = retention(COHORT, on=ON)
    assert [r.months for r in rows] == [6, 12, 24, 48]
    six = _row(rows, 6)
    assert (six.exits, six.censored, six.unobserved, six.unknown, six.withdrawn) == (5, 1, 1, 0, 0)
    assert (six.observed, six.in_work, six.not_in_work) == (3, 2, 1)
    assert six.in_work_rate == pytest.approx(2 / 3)
    # Wilson 95 % interval of 2/3 (textbook value)
    assert six.in_work_low == pytest.approx(0.2077, abs=1e-4)
    assert six.in_work_high == pytest.approx(0.9385, abs=1e-4)
    assert (six.employer_known, six.changed_employer) == (1, 0)
    twelve = _row(rows, 12)
    assert (twelve.censored, twelve.unobserved, twelve.unknown, twelve.withdrawn) == (1, 1, 1, 1)
    assert (twelve.observed, twelve.in_work, twelve.in_work_rate) == (1, 1, 1.0)
    assert twelve.in_work_high == 1.0
    twenty_four = _row(rows, 24)
    assert (twenty_four.observed, twenty_four.unobserved, twenty_four.censored) == (1, 3, 1)
    assert (twenty_four.employer_known, twenty_four.changed_employer) == (1, 1)
    assert twenty_four.changed_employer_rate == 1.0
    forty_eight = _row(rows, 48)
    assert (forty_eight.exits, forty_eight.censored, forty_eight.observed) == (5, 5, 0)
    assert forty_eight.in_work_rate is None
    assert forty_eight.in_work_low is None
    assert forty_eight.in_work_high is None


def test_unknown_is_never_a_failure():
    # adding people whose situation is unknown changes no rate
    extra = [
        _parcours(f"U{i}", E0, ups=[(D(2024, 7, 15), "UNKNOWN", "DECLARED", None)])
        for i in range(5)
    ]
    base = _row(retention(COHORT, on=ON), 6)
    more = _row(retention(COHORT + extra, on=ON), 6)
    assert more.unknown == base.unknown + 5
    assert more.in_work_rate == base.in_work_rate
    assert more.observed == base.observed


def test_censored_on_both_sides_of_the_horizon():
    p = _parcours("A", E0, ups=[(D(2024, 7, 15), "CDI", "DECLARED", None)])
    horizon = horizon_day(E0, 6)
    assert horizon == D(2024, 7, 15)
    day_before = _row(retention([p], on=horizon.subtract(days=1), at_months=(6,)), 6)
    assert (day_before.censored, day_before.in_work) == (1, 0)
    on_the_day = _row(retention([p], on=horizon, at_months=(6,)), 6)
    assert (on_the_day.censored, on_the_day.in_work) == (0, 1)


@pytest.mark.parametrize(
    ("offset", "seen"),
    [(-46, False), (-45, True), (0, True), (45, True), (46, False)],
)
def test_tolerance_on_both_sides(offset, seen):
    horizon = horizon_day(E0, 12)
    p = _parcours("A", E0, ups=[(horizon.add(days=offset), "CDI", "DECLARED", None)])
    row = _row(retention([p], on=D(2030, 1, 1), at_months=(12,), tolerance_days=45), 12)
    assert row.in_work == (1 if seen else 0)
    assert row.unobserved == (0 if seen else 1)


def test_follow_ups_after_on_are_not_known_yet():
    horizon = horizon_day(E0, 6)
    p = _parcours("A", E0, ups=[(horizon.add(days=10), "CDI", "DECLARED", None)])
    known = _row(retention([p], on=horizon.add(days=10), at_months=(6,)), 6)
    not_yet = _row(retention([p], on=horizon.add(days=9), at_months=(6,)), 6)
    assert (known.in_work, not_yet.in_work, not_yet.unobserved) == (1, 0, 1)


def test_horizon_uses_the_library_month_arithmetic():
    # the month arithmetic is iae_core.dates' (months_end from the day after the exit)
    for exit_on in (D(2024, 1, 30), D(2024, 1, 31), D(2024, 2, 28), D(2024, 2, 29)):
        for months in (1, 6, 12, 48):
            assert horizon_day(exit_on, months) == dates.months_end(exit_on.add(days=1), months)
    assert horizon_day(D(2024, 1, 15), 6) == D(2024, 7, 15)
    assert horizon_day(D(2024, 3, 9), 12) == D(2025, 3, 9)


def test_situation_at_prefers_known_closest_then_source():
    day = D(2025, 1, 15)
    ups = [
        I.FollowUp(on=D(2025, 1, 15), situation="UNKNOWN", source="ADMINISTRATIVE"),
        I.FollowUp(on=D(2025, 1, 25), situation="JOB_SEEKING", source="DECLARED"),
        I.FollowUp(on=D(2025, 1, 5), situation="CDI", source="DECLARED"),
        I.FollowUp(on=D(2025, 1, 5), situation="INACTIVE", source="EMPLOYER"),
    ]
    chosen = situation_at(ups, day, tolerance_days=45)
    assert chosen is not None
    assert chosen.situation is I.ExitKind.INACTIVE
    assert situation_at(ups[:1], day, tolerance_days=45).situation is I.ExitKind.UNKNOWN
    assert situation_at(ups, day, tolerance_days=5) is ups[0]
    assert situation_at(ups, D(2026, 1, 1), tolerance_days=45) is None


def test_grouping_like_exit_rates():
    cohort = [
        *COHORT,
        _parcours("G", E0, structure=EI, ups=[(D(2024, 7, 1), "CDI", "DECLARED", X)]),
    ]
    rows = retention(cohort, on=ON, at_months=(6,), by="structure")
    assert [r.key for r in rows] == [(EI.siret,), (ACI.siret,)] or [r.key for r in rows] == sorted(
        [(EI.siret,), (ACI.siret,)]
    )
    by_key = {r.key: r for r in rows}
    assert by_key[(EI.siret,)].in_work == 1
    assert by_key[(ACI.siret,)].in_work == 2
    assert by_key[(EI.siret,)].as_dict()["structure"] == EI.siret

    def region(p):
        return "west" if p.structure.department == "35" else "east"

    named = retention(cohort, on=ON, at_months=(6,), by=("kind", region))
    assert {r.by for r in named} == {("kind", "region")}
    assert stats_retention(cohort, on=ON, at_months=(6,)) == retention(
        cohort, on=ON, at_months=(6,)
    )
    with pytest.raises(ValueError, match="unknown key"):
        retention(cohort, on=ON, by="nope")


@pytest.mark.parametrize(
    "kwargs",
    [{"at_months": (0,)}, {"at_months": (6.5,)}, {"tolerance_days": -1}, {"confidence": 1.0}],
)
def test_bad_arguments(kwargs):
    with pytest.raises(ValueError, match="must"):
        retention(COHORT, on=ON, **kwargs)


def test_in_work_situations():
    assert I.ExitKind.CDI in IN_WORK
    assert I.ExitKind.OTHER_SIAE in IN_WORK
    assert I.ExitKind.SUBSIDISED_CONTRACT in IN_WORK
    assert I.ExitKind.QUALIFYING_TRAINING not in IN_WORK
    assert I.ExitKind.UNKNOWN not in IN_WORK
    assert I.ExitKind.JOB_SEEKING not in IN_WORK


# --- the entities ------------------------------------------------------------------------------


def test_follow_ups_and_support_come_after_the_exit():
    ok = _parcours(
        "A",
        E0,
        ups=[(E0.add(days=1), "CDI", "DECLARED", None)],
        support=[I.SupportAction(kind="JOB_COACHING", start=E0.add(days=1), hours=3)],
    )
    assert I.load(I.Parcours, I.dump(ok)) == ok
    with (
        I.language("en"),
        pytest.raises(I.InvalidData, match=r"follow_ups\[0\]\.on: must be after exit\.on"),
    ):
        _parcours("A", E0, ups=[(E0, "CDI", "DECLARED", None)])
    with pytest.raises(I.InvalidData, match=r"support_actions\[0\]\.start"):
        _parcours("A", E0, support=[I.SupportAction(kind="TRAINING", start=E0)])
    with I.language("en"), pytest.raises(I.InvalidData, match="follow_ups: given without exit"):
        I.Parcours(
            person=ok.person,
            structure=ok.structure,
            follow_ups=(I.FollowUp(on=E0, situation="CDI", source="DECLARED"),),
        )


def test_existing_documents_still_load():
    data = I.dump(_parcours("A", E0))
    del data["follow_ups"], data["support_actions"]
    assert I.load(I.Parcours, data).follow_ups == ()


def test_bad_follow_up_fields_are_listed():
    with pytest.raises(I.InvalidData) as err:
        I.load(
            I.FollowUp,
            {"on": "2024-13-01", "situation": "HIRED", "source": "X", "employer_siret": "1"},
        )
    paths = {p for p, _m in err.value.errors}
    assert {"on", "situation", "source"} <= paths
    with pytest.raises(I.InvalidData, match="employer_siret"):
        I.FollowUp(on=D(2025, 1, 1), situation="CDI", source="DECLARED", employer_siret="1")


def test_sensitive_situations_stay_out_of_repr():
    up = I.FollowUp(on=D(2025, 1, 1), situation="INCARCERATION", source="ADMINISTRATIVE")
    assert "INCARCERATION" not in repr(up)
    assert "<hidden>" in repr(up)
    assert "LONG_ILLNESS" not in repr(
        I.FollowUp(on=D(2025, 1, 1), situation="LONG_ILLNESS", source="DECLARED")
    )
    assert "CDI" in repr(I.FollowUp(on=D(2025, 1, 1), situation="CDI", source="DECLARED"))


def test_retention_period_is_a_dated_parameter():
    p = params.get("followup.platform_retention_months")
    assert p.at(D(2025, 1, 1)) == p.rows[-1].value
    with pytest.raises(LookupError):
        p.at(D(2021, 8, 31))  # before décret 2021-1128
    assert "R5132-1-23" in p.reference


# --- properties --------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(fs.followed_parcours(), max_size=6), fs.dates_between())
@example([], D(2026, 1, 1))
def test_every_exit_lands_in_exactly_one_box(population, on):
    for row in retention(population, on=on):
        boxes = row.censored + row.unobserved + row.unknown + row.withdrawn + row.observed
        assert boxes == row.exits
        assert row.observed == row.in_work + row.not_in_work
        assert row.changed_employer <= row.employer_known <= row.in_work
        if row.in_work_rate is not None:
            assert row.in_work_low <= row.in_work_rate <= row.in_work_high
            assert row.in_work_low >= 0
            assert row.in_work_high <= 1
            assert not math.isnan(row.in_work_low)


@settings(max_examples=40, deadline=None)
@given(st.lists(fs.followed_parcours(), min_size=1, max_size=4), fs.dates_between())
@example([_parcours("A", E0)], D(2024, 7, 14))
def test_a_later_day_never_censors_more(population, on):
    early = retention(population, on=on)
    late = retention(population, on=on.add(months=6))
    for a, b in zip(early, late, strict=True):
        assert b.censored <= a.censored

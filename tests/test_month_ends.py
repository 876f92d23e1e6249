"""Contract, mission and PMSMP limits at month ends (issue 10 §1; rules.md, *Conventions*).

"N months from S" ends on the day before the same-numbered day N months later, or on the
last day of that month when it has no such day (``dates.period_end``). Every limit below is
tested the day before, of and after, from starts whose day is missing in the target month
(31st, 30th, 29 February) and from ordinary ones.
"""

import pendulum
import pytest

import iae_core as I
from iae_core import exits
from iae_core import funding as F

D = pendulum.date
HOST = "73282932000074"
ADULT = I.Person(id="p1", birth_date=D(1980, 1, 1))


def cddi(start, end, sk="ACI", **kw):
    return I.Contract(kind="CDDI", structure_kind=sk, start=start, end=end, weekly_hours=26.0, **kw)


def codes(c, on=None, **ctx):
    return I.check(c, on=on or c.start, **ctx).codes


def around(day):
    return day.subtract(days=1), day, day.add(days=1)


# --- CDDI: 4 months minimum ----------------------------------------------------------------


@pytest.mark.parametrize("sk", ["EI", "AI", "ACI"])
@pytest.mark.parametrize(
    ("start", "shortest"),
    [
        (D(2025, 10, 31), D(2026, 2, 28)),  # issue example: 2026-02-27 no longer passes
        (D(2023, 10, 31), D(2024, 2, 29)),  # leap year
        (D(2023, 10, 29), D(2024, 2, 28)),
        (D(2025, 10, 29), D(2026, 2, 28)),  # no 29/02/2026: last day of February
        (D(2024, 1, 31), D(2024, 5, 30)),  # 31 May exists: the day before
        (D(2025, 11, 30), D(2026, 3, 29)),
        (D(2024, 1, 15), D(2024, 5, 14)),
    ],
)
def test_min_duration_at_month_ends(sk, start, shortest):
    before, of, after = around(shortest)
    assert "contract.min_duration" in codes(cddi(start, before, sk))
    assert "contract.min_duration" not in codes(cddi(start, of, sk))
    assert "contract.min_duration" not in codes(cddi(start, after, sk))


def test_min_duration_message_gives_the_new_date():
    (f,) = [
        f
        for f in I.check(cddi(D(2025, 10, 31), D(2026, 2, 27)), on=D(2025, 10, 31))
        if f.code == "contract.min_duration"
    ]
    assert "28/02/2026" in f.message


# --- CDDI: 24 months maximum, extensions -----------------------------------------------------


@pytest.mark.parametrize("sk", ["EI", "AI", "ACI"])
@pytest.mark.parametrize(
    ("start", "last"),
    [
        (D(2024, 2, 29), D(2026, 2, 28)),  # issue example: 2026-02-28 was flagged
        (D(2023, 12, 31), D(2025, 12, 30)),
        (D(2024, 3, 31), D(2026, 3, 30)),
        (D(2023, 8, 31), D(2025, 8, 30)),
    ],
)
def test_max_duration_at_month_ends(sk, start, last):
    before, of, after = around(last)
    assert "contract.max_duration" not in codes(cddi(start, before, sk))
    assert "contract.max_duration" not in codes(cddi(start, of, sk))
    assert "contract.max_duration" in codes(cddi(start, after, sk))
    # through a renewal too
    first_end = start.add(months=6)
    assert "contract.max_duration" not in codes(
        cddi(start, first_end, sk, renewals=[I.Renewal(end=of)])
    )
    assert "contract.max_duration" in codes(
        cddi(start, first_end, sk, renewals=[I.Renewal(end=after)])
    )


@pytest.mark.parametrize("sk", ["ACI", "AI"])
def test_particular_difficulties_12_and_60_months_at_month_ends(sk):
    start = D(2024, 2, 29)  # 24 months -> 2026-02-28; the extension starts on 2026-03-01
    ext_limit = D(2027, 2, 28)  # 12 months from 2026-03-01
    for end, expected in zip(around(ext_limit), (False, False, True), strict=True):
        c = cddi(
            start,
            D(2026, 2, 28),
            sk,
            renewals=[I.Renewal(end=end, ground="PARTICULAR_DIFFICULTIES")],
        )
        assert ("contract.extension_too_long" in codes(c)) is expected, end
    # 60 months from 2024-02-29 end on 2029-02-28 (not 2029-02-27)
    steps = [D(2027, 2, 28), D(2028, 2, 29)]
    for end, expected in zip(around(D(2029, 2, 28)), (False, False, True), strict=True):
        renewals = [I.Renewal(end=e, ground="PARTICULAR_DIFFICULTIES") for e in (*steps, end)]
        c = cddi(start, D(2026, 2, 28), sk, renewals=renewals)
        got = [f for f in I.check(c, on=start) if f.code == "contract.extension_too_long"]
        assert any("60 mois" in f.message for f in got) is expected, end


# --- under-20-hour derogations -------------------------------------------------------------


def _cumul(start, end):
    return I.HoursDerogation(kind="CUMUL", start=start, end=end)


@pytest.mark.parametrize(
    ("parcours_start", "earliest"),
    [
        (D(2025, 10, 31), D(2026, 3, 1)),  # 4 months end on 2026-02-28
        (D(2023, 10, 31), D(2024, 3, 1)),  # 4 months end on 2024-02-29
        (D(2024, 1, 15), D(2024, 5, 15)),
    ],
)
def test_cumul_starts_4_months_into_the_parcours_at_month_ends(parcours_start, earliest):
    for start, expected in zip(around(earliest), (True, False, False), strict=True):
        c = cddi(
            parcours_start,
            parcours_start.add(months=18),
            derogations=[_cumul(start, start.add(days=30))],
        )
        got = [
            f
            for f in I.check(c, on=c.start, parcours_start=parcours_start)
            if f.code == "contract.derogation_invalid"
        ]
        assert bool(got) is expected, start


@pytest.mark.parametrize(
    ("start", "last"),
    [
        (D(2025, 8, 31), D(2026, 2, 28)),
        (D(2023, 8, 31), D(2024, 2, 29)),
        (D(2024, 3, 31), D(2024, 9, 30)),
    ],
)
def test_cumul_at_most_6_months_at_month_ends(start, last):
    # the contract (and parcours) began 5 months before the derogation
    for end, expected in zip(around(last), (False, False, True), strict=True):
        c = cddi(start.subtract(months=5), start.add(months=12), derogations=[_cumul(start, end)])
        got = [f for f in I.check(c, on=c.start) if f.code == "contract.derogation_invalid"]
        assert bool(got) is expected, end


def test_severe_difficulties_12_months_from_29_february():
    for end, expected in zip(around(D(2025, 2, 28)), (False, False, True), strict=True):
        d = I.HoursDerogation(kind="SEVERE_DIFFICULTIES", start=D(2024, 2, 29), end=end)
        c = I.Contract(
            kind="CDDI",
            structure_kind="ACI",
            start=D(2024, 2, 29),
            end=D(2025, 12, 31),
            weekly_hours=15.0,
            derogations=[d],
        )
        assert ("contract.derogation_invalid" in codes(c)) is expected, end


# --- ETTI missions ---------------------------------------------------------------------------


def mission(start, end, **kw):
    return I.Contract(
        kind="MISSION", structure_kind="ETTI", start=start, end=end, weekly_hours=35.0, **kw
    )


@pytest.mark.parametrize(
    ("start", "in_cdi", "last"),
    [
        (D(2024, 2, 29), False, D(2026, 2, 28)),
        (D(2023, 12, 31), False, D(2025, 12, 30)),
        (D(2024, 2, 29), True, D(2027, 2, 28)),
        (D(2023, 5, 31), True, D(2026, 5, 30)),
    ],
)
def test_mission_max_duration_at_month_ends(start, in_cdi, last):
    for end, expected in zip(around(last), (False, False, True), strict=True):
        got = codes(mission(start, end), in_cdi_inclusion=in_cdi)
        assert ("mission.max_duration" in got) is expected, end


def test_mission_trial_period_month_lines_at_month_ends():
    # one month from 2025-01-31 ends on 2025-02-28: 2 days of trial up to it, 3 after
    assert I.contracts.mission_max_trial_days(D(2025, 1, 31), D(2025, 2, 28)) == 2
    assert I.contracts.mission_max_trial_days(D(2025, 1, 31), D(2025, 3, 1)) == 3
    # two months from 2024-12-31 end on 2025-02-28
    assert I.contracts.mission_max_trial_days(D(2024, 12, 31), D(2025, 2, 28)) == 3
    assert I.contracts.mission_max_trial_days(D(2024, 12, 31), D(2025, 3, 1)) == 5


# --- AI placements: 480 h over 24 months -----------------------------------------------------


@pytest.mark.parametrize(
    ("second", "same_window"),
    [(D(2026, 2, 27), True), (D(2026, 2, 28), True), (D(2026, 3, 1), False)],
)
def test_placement_window_from_29_february(second, same_window):
    placements = [
        I.Placement(start=D(2024, 2, 29), end=D(2024, 3, 29), hours=300.0, host="EMPLOYER"),
        I.Placement(start=second, end=second.add(days=20), hours=200.0, host="EMPLOYER"),
    ]
    c = I.Contract(
        kind="CDD_USAGE",
        structure_kind="AI",
        start=D(2024, 2, 29),
        end=D(2026, 6, 30),
        weekly_hours=20.0,
        placements=placements,
    )
    assert ("placement.hours_cap" in codes(c)) is same_window


# --- CDI inclusion: 12 months after the parcours began ---------------------------------------


@pytest.mark.parametrize(
    ("parcours_start", "earliest"),
    [
        (D(2024, 2, 29), D(2025, 3, 1)),
        (D(2023, 1, 31), D(2024, 1, 31)),
        (D(2024, 3, 31), D(2025, 3, 31)),
    ],
)
def test_cdi_inclusion_12_months_at_month_ends(parcours_start, earliest):
    senior = I.Person(id="p2", birth_date=D(1960, 1, 1))
    for start, expected in zip(around(earliest), (True, False, False), strict=True):
        c = I.Contract(
            kind="CDI_INCLUSION", structure_kind="EI", start=start, end=None, weekly_hours=35.0
        )
        got = codes(c, person=senior, parcours_start=parcours_start)
        assert ("cdi_inclusion.too_early" in got) is expected, start


# --- PMSMP: one month, 12-month same-host window ---------------------------------------------


def with_immersions(*immersions):
    return cddi(D(2023, 6, 1), D(2025, 5, 31), immersions=list(immersions))


@pytest.mark.parametrize(
    ("start", "last"),
    [
        (D(2024, 3, 31), D(2024, 4, 30)),  # issue example: was 29/04
        (D(2025, 1, 31), D(2025, 2, 28)),
        (D(2024, 1, 31), D(2024, 2, 29)),  # leap year
        (D(2025, 1, 30), D(2025, 2, 28)),
        (D(2025, 1, 28), D(2025, 2, 27)),
        (D(2025, 2, 1), D(2025, 2, 28)),
        (D(2024, 2, 29), D(2024, 3, 28)),
    ],
)
def test_pmsmp_one_month_at_month_ends(start, last):
    for end, expected in zip(around(last), (False, False, True), strict=True):
        c = with_immersions(I.Immersion(start=start, end=end, host_siret=HOST))
        assert ("pmsmp.duration" in codes(c)) is expected, end


@pytest.mark.parametrize(
    ("third", "in_window"),
    [(D(2025, 2, 27), True), (D(2025, 2, 28), True), (D(2025, 3, 1), False)],
)
def test_pmsmp_same_host_window_from_29_february(third, in_window):
    c = with_immersions(
        I.Immersion(start=D(2024, 2, 29), end=D(2024, 3, 5), host_siret=HOST),
        I.Immersion(start=D(2024, 9, 2), end=D(2024, 9, 6), host_siret=HOST),
        I.Immersion(start=third, end=third.add(days=3), host_siret=HOST),
    )
    assert ("pmsmp.same_host" in codes(c)) is in_window


# --- exits and funding -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "six_months_end"),
    [
        (D(2024, 8, 31), D(2025, 2, 28)),
        (D(2023, 8, 31), D(2024, 2, 29)),
        (D(2024, 12, 31), D(2025, 6, 30)),
    ],
)
def test_exit_six_months_at_month_ends(start, six_months_end):
    before, of, after = around(six_months_end)
    assert exits.exit_kind_for("CDD", start, before) is I.ExitKind.CDD_UNDER_6_MONTHS
    assert exits.exit_kind_for("CDD", start, of) is I.ExitKind.CDD_6_MONTHS_OR_MORE
    assert exits.exit_kind_for("CDD", start, after) is I.ExitKind.CDD_6_MONTHS_OR_MORE


def test_counted_exit_three_months_from_30_november():
    # 3 months from 2024-11-30 end on 2025-02-28 (not 2025-02-27): "more than 3 months" is
    # reached on 2025-03-01
    start = D(2024, 11, 30)
    c = cddi(start, D(2025, 12, 31))

    def counted(exit_on):
        p = I.Parcours(
            person=ADULT,
            structure=I.Structure(siret=HOST, kind="ACI", name="S", department="75"),
            contracts=(c,),
            exit=I.Exit(on=exit_on, kind=I.ExitKind.CDI),
        )
        return exits.exit_counted(p)

    assert [counted(d) for d in around(D(2025, 2, 28))] == [False, False, True]


def test_cdi_inclusion_rate_first_year_from_29_february():
    before, of, after = around(D(2025, 2, 28))
    assert F.cdi_inclusion_rate(D(2024, 2, 29), of) == 1.0
    assert F.cdi_inclusion_rate(D(2024, 2, 29), before) == 1.0
    assert F.cdi_inclusion_rate(D(2024, 2, 29), after) == 0.7

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iae_core as I
from iae_core import funding as F

D = pendulum.date
EI, ETTI, AI, ACI, EITI = (I.StructureKind(k) for k in ("EI", "ETTI", "AI", "ACI", "EITI"))

# law.md §7.2, typed again here as the oracle (not read from the package's table); the
# 1 January 2024 rows: arrêté du 30 avril 2024, art. 1 (JORF n° 0108 du 11 mai 2024).
MAINLAND = [
    (D(2021, 10, 1), {EI: 10988, ETTI: 4437, AI: 1428, ACI: 21096}),
    (D(2022, 1, 1), {EI: 11087, ETTI: 4253, AI: 1441, ACI: 21286}),
    (D(2022, 5, 1), {EI: 11381, ETTI: 4366, AI: 1479, ACI: 21850}),
    (D(2022, 8, 1), {EI: 11609, ETTI: 4454, AI: 1509, ACI: 22289}),
    (D(2023, 1, 1), {EI: 11819, ETTI: 4535, AI: 1536, ACI: 22692}),
    (D(2023, 5, 1), {EI: 12081, ETTI: 4636, AI: 1570, ACI: 23196}),
    (D(2024, 1, 1), {EI: 12218, ETTI: 4688, AI: 1588, ACI: 23458}),
    (D(2024, 11, 1), {EI: 12459, ETTI: 4781, AI: 1619, ACI: 23921}),
    (D(2025, 1, 1), {EI: 13304}),
]
MAYOTTE = [
    (D(2024, 1, 1), {EI: 9223, ETTI: 3538, AI: 1198, ACI: 17708}),
    (D(2024, 11, 1), {EI: 9412, ETTI: 3610, AI: 1223, ACI: 18070}),
    (D(2025, 1, 1), {EI: 10050}),
]


def _cases(rows):
    for i, (day, amounts) in enumerate(rows):
        for kind, amount in amounts.items():
            before = None
            for _, prev in reversed(rows[:i]):
                if kind in prev:
                    before = prev[kind]
                    break
            yield pytest.param(day, kind, amount, before, id=f"{day.isoformat()}-{kind.value}")


@pytest.mark.parametrize(("day", "kind", "amount", "before"), list(_cases(MAINLAND)))
def test_mainland_row_day_before_and_day_of(day, kind, amount, before):
    assert F.base_amount(kind, day) == amount
    assert F.base_amount(kind, day.add(days=1)) == amount  # the day after
    assert F.base_amount(kind.value, day) == amount
    assert F.base_amount(kind, day, department="971") == amount  # overseas but Mayotte
    if before is None:
        with pytest.raises(LookupError):
            F.base_amount(kind, day.subtract(days=1))
    else:
        assert F.base_amount(kind, day.subtract(days=1)) == before


@pytest.mark.parametrize(("day", "kind", "amount", "before"), list(_cases(MAYOTTE)))
def test_mayotte_row_day_before_and_day_of(day, kind, amount, before):
    assert F.base_amount(kind, day, department="976") == amount
    assert F.base_amount(kind, day.add(days=1), department="976") == amount
    if before is None:
        with pytest.raises(LookupError):
            F.base_amount(kind, day.subtract(days=1), department="976")
    else:
        assert F.base_amount(kind, day.subtract(days=1), department="976") == before


@pytest.mark.parametrize(
    ("kind", "last"),
    [(EI, D(2025, 12, 31)), (ETTI, D(2024, 12, 31)), (AI, D(2024, 12, 31)), (ACI, D(2024, 12, 31))],
)
def test_unverified_amounts_raise_unless_asked(kind, last):
    known = F.base_amount(kind, last)
    with pytest.raises(LookupError, match="no arrêté found"):
        F.base_amount(kind, last.add(days=1))
    assert F.base_amount(kind, last.add(days=1), allow_unverified=True) == known
    assert F.base_amount(kind, D(2030, 1, 1), allow_unverified=True) == known


def test_eiti_amounts():
    with pytest.raises(LookupError):
        F.base_amount(EITI, D(2023, 12, 31))
    assert F.base_amount(EITI, D(2024, 1, 1)) == 6443
    assert F.base_amount(EITI, D(2024, 10, 31)) == 6443
    assert F.base_amount(EITI, D(2024, 11, 1)) == 6570
    assert F.base_amount(EITI, D(2024, 12, 31)) == 6570
    for unverified in (False, True):  # from 2025 the aid is monthly, verified or not
        with pytest.raises(LookupError, match="monthly"):
            F.base_amount(EITI, D(2025, 1, 1), allow_unverified=unverified)
    # Mayotte, same unit (per worker for 1 505 hours): arrêtés 30 Apr 2024 art. 2, 4 Dec 2024
    with pytest.raises(LookupError):
        F.base_amount(EITI, D(2023, 12, 31), department="976")
    assert F.base_amount(EITI, D(2024, 1, 1), department="976") == 4862
    assert F.base_amount(EITI, D(2024, 10, 31), department="976") == 4862
    assert F.base_amount(EITI, D(2024, 11, 1), department="976") == 4961
    assert F.base_amount(EITI, D(2024, 12, 31), department="976") == 4961
    with pytest.raises(LookupError, match="monthly"):
        F.base_amount(EITI, D(2025, 1, 1), department="976")
    assert dict(F.VERIFIED_UNTIL) == {
        EI: D(2025, 12, 31),
        ETTI: D(2024, 12, 31),
        AI: D(2024, 12, 31),
        ACI: D(2024, 12, 31),
        EITI: D(2024, 12, 31),
    }
    with pytest.raises(LookupError):
        F.eiti_monthly_amount(D(2024, 12, 31))
    assert F.eiti_monthly_amount(D(2025, 1, 1)) == 450
    assert F.eiti_monthly_amount(D(2025, 1, 1), department="976") == 340


@pytest.mark.parametrize("kind", ["GEIQ", "EA", "EATT", "OPCS"])
def test_kinds_without_aid(kind):
    with pytest.raises(LookupError):
        F.base_amount(kind, D(2024, 12, 1))
    with pytest.raises(ValueError, match="not a StructureKind"):
        F.base_amount("XYZ", D(2024, 12, 1))


# law.md §7.2, ACI column "(of which support/supervision)"; None: not given by the source
ACI_SUPPORT = [
    (D(2021, 10, 1), 1067),
    (D(2022, 1, 1), None),
    (D(2022, 5, 1), 1106),
    (D(2022, 8, 1), 1128),
    (D(2023, 1, 1), 1169),
    (D(2023, 5, 1), 1195),
    (D(2024, 1, 1), 1209),
    (D(2024, 11, 1), 1233),
]


@pytest.mark.parametrize("i", range(len(ACI_SUPPORT)))
def test_aci_support_share_day_before_and_day_of(i):
    day, amount = ACI_SUPPORT[i]
    assert F.ACI_SUPPORT_AMOUNTS.at(day) == amount
    if i == 0:
        with pytest.raises(LookupError):
            F.ACI_SUPPORT_AMOUNTS.at(day.subtract(days=1))
    else:
        assert F.ACI_SUPPORT_AMOUNTS.at(day.subtract(days=1)) == ACI_SUPPORT[i - 1][1]
    assert [d for d, _ in F.ACI_SUPPORT_AMOUNTS.rows()] == [d for d, _ in ACI_SUPPORT]


# --- modulated part ----------------------------------------------------------------------------


@pytest.mark.parametrize(("in_prison", "cap"), [(False, 0.10), (True, 0.05)])
def test_modulated_part_bounds(in_prison, cap):
    assert F.modulated_amount(10_000, 0, in_prison=in_prison) == 0
    assert F.modulated_amount(10_000, cap, in_prison=in_prison) == pytest.approx(10_000 * cap)
    with pytest.raises(ValueError, match="between 0 and"):
        F.modulated_amount(10_000, cap + 0.001, in_prison=in_prison)
    with pytest.raises(ValueError, match="between 0 and"):
        F.modulated_amount(10_000, -0.001, in_prison=in_prison)
    with pytest.raises(ValueError, match="negative"):
        F.modulated_amount(-1, 0.01)


def test_aid_per_post():
    assert F.aid_per_post("ACI", D(2024, 11, 1), modulation=0.10) == pytest.approx(23921 * 1.1)
    assert F.aid_per_post("ACI", D(2024, 11, 1), department="976") == 18070


# --- CDI inclusion -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "first_year_end"),
    [
        (D(2024, 3, 1), D(2025, 2, 28)),
        (D(2024, 2, 29), D(2025, 2, 28)),  # no 29/02/2025: the last day of February
        (D(2024, 2, 28), D(2025, 2, 27)),
        (D(2023, 3, 31), D(2024, 3, 30)),
        (D(2025, 1, 15), D(2026, 1, 14)),
    ],
)
def test_cdi_inclusion_rate_day_before_of_after(start, first_year_end):
    assert F.cdi_inclusion_rate(start, start) == 1.0
    assert F.cdi_inclusion_rate(start, first_year_end.subtract(days=1)) == 1.0
    assert F.cdi_inclusion_rate(start, first_year_end) == 1.0
    assert F.cdi_inclusion_rate(start, first_year_end.add(days=1)) == 0.7
    with pytest.raises(ValueError, match="before the CDI start"):
        F.cdi_inclusion_rate(start, start.subtract(days=1))


# --- EI part time ---------------------------------------------------------------------


def test_ei_part_time_ratio():
    assert F.ei_part_time_ratio(35) == 1.0
    assert F.ei_part_time_ratio(40) == 1.0
    assert F.ei_part_time_ratio(34.99) == pytest.approx(34.99 / 35)
    # only contracts *under* 35 h are prorated, even when the collective time is longer
    assert F.ei_part_time_ratio(35, collective_hours=39) == 1.0
    assert F.ei_part_time_ratio(34.99, collective_hours=39) == pytest.approx(34.99 / 39)
    assert F.ei_part_time_ratio(26) == pytest.approx(26 / 35)
    assert F.ei_part_time_ratio(26, collective_hours=39) == pytest.approx(26 / 39)
    assert F.ei_part_time_ratio(26, collective_hours=32) == pytest.approx(26 / 35)
    with pytest.raises(ValueError, match="negative"):
        F.ei_part_time_ratio(-1)


@given(st.floats(0, 60), st.floats(0, 60))
def test_ei_part_time_ratio_is_a_monotone_share(h, collective):
    r = F.ei_part_time_ratio(h, collective_hours=collective)
    assert 0 <= r <= 1
    assert F.ei_part_time_ratio(h + 1, collective_hours=collective) >= r


# --- FTE ------------------------------------------------------------------------------------------


def test_usual_hours_per_fte():
    assert dict(F.USUAL_HOURS_PER_FTE) == {AI: 1607, ETTI: 1600, EI: 1505, ACI: 1820, EITI: 1505}


def _parcours(kind, start, end, hours, siret="73282932000074"):
    return I.Parcours(
        person=I.Person(id="p", birth_date=D(1980, 1, 1)),
        structure=I.Structure(
            siret=siret, kind=kind, name="S", department="75", conventioned_fte=1
        ),
        contracts=(
            I.Contract(
                kind="MISSION" if kind == "ETTI" else "CDDI",
                structure_kind=kind,
                start=start,
                end=end,
                weekly_hours=hours,
            ),
        ),
    )


def test_fte_consumed_from_hours_and_parcours():
    assert F.fte_consumed(1820, kind="ACI") == 1.0
    assert F.fte_consumed(1820, kind="ACI", hours_per_fte=1607) == pytest.approx(1820 / 1607)
    p = _parcours("ACI", D(2025, 1, 1), D(2025, 1, 7), 35)  # one week: 35 h
    assert F.fte_consumed(p, kind="ACI") == pytest.approx(35 / 1820)
    assert F.fte_consumed([p, p], kind="ACI") == pytest.approx(70 / 1820)
    # the period cuts the hours
    half = F.fte_consumed(p, kind="ACI", period=(D(2025, 1, 1), D(2025, 1, 2)))
    assert half == pytest.approx(10 / 1820)
    with pytest.raises(ValueError, match="positive"):
        F.fte_consumed(10, kind="ACI", hours_per_fte=0)
    with pytest.raises(ValueError, match="negative"):
        F.fte_consumed(-1, kind="ACI")
    with pytest.raises(LookupError):
        F.fte_consumed(10, kind="GEIQ")


def test_fte_usage_against_the_convention():
    year = (D(2025, 1, 1), D(2025, 12, 31))
    full = _parcours("ACI", D(2025, 1, 1), D(2025, 12, 31), 35)
    other = _parcours("ACI", D(2025, 1, 1), D(2025, 12, 31), 35, siret="44306184100047")
    usage = F.fte_usage(full.structure, [full, other], period=year, hours_per_fte=35 * 365 / 7)
    assert usage.consumed == pytest.approx(1.0)
    assert usage.conventioned == 1
    assert usage.ratio == pytest.approx(1.0)
    assert usage.over is False
    two = F.fte_usage(full.structure, [full, full], period=year, hours_per_fte=35 * 365 / 7)
    assert two.over is True
    assert (
        F.fte_usage(full.structure, [full], period=year).as_dict()["siret"] == full.structure.siret
    )


def test_fte_usage_prorates_the_usual_hours_by_days_over_365():
    period = (D(2025, 1, 1), D(2025, 3, 14))  # 73 days = 1/5 of 365
    p = _parcours("ACI", D(2025, 1, 1), D(2025, 12, 31), 35)  # 35 h x 73 / 7 = 365 h
    usage = F.fte_usage(p.structure, [p], period=period)
    assert usage.consumed == pytest.approx(365 / (1820 / 5))
    leap = (D(2024, 1, 1), D(2024, 12, 31))  # 366 days: a little more than one year's hours
    q = _parcours("ACI", D(2024, 1, 1), D(2024, 12, 31), 35)
    assert F.fte_usage(q.structure, [q], period=leap).consumed == pytest.approx(
        (35 * 366 / 7) / (1820 * 366 / 365)
    )

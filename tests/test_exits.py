import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iae_core as I
from iae_core import exits
from iae_core.checks import rule
from iae_core.testing import parcours_strategies as ps

D = pendulum.date
SIRET = "73282932000074"

SUSTAINABLE = {"CDI", "CDD_6_MONTHS_OR_MORE", "MISSION_6_MONTHS_OR_MORE", "CIVIL_SERVICE"}
SUSTAINABLE |= {"BUSINESS_CREATION"}
EXPECTED_CATEGORY = {
    **dict.fromkeys(SUSTAINABLE, "SUSTAINABLE"),
    **dict.fromkeys(
        ["CDD_UNDER_6_MONTHS", "MISSION_UNDER_6_MONTHS", "SUBSIDISED_CONTRACT"], "TRANSITION"
    ),
    **dict.fromkeys(["QUALIFYING_TRAINING", "OTHER_SIAE"], "POSITIVE"),
    **dict.fromkeys(["JOB_SEEKING", "INACTIVE", "UNKNOWN"], "OTHER"),
    **dict.fromkeys(
        ["DEATH", "LONG_ILLNESS", "MOVED_AWAY", "INCARCERATION", "RETIREMENT"], "WITHDRAWN"
    ),
}


@pytest.mark.parametrize("kind", list(I.ExitKind))
def test_every_exit_kind_has_its_category(kind):
    assert kind.category.value == EXPECTED_CATEGORY[kind.value]
    ex = I.Exit(on=D(2025, 1, 1), kind=kind)
    assert ex.category is kind.category
    assert ex.category.is_dynamic == (
        EXPECTED_CATEGORY[kind.value] in {"SUSTAINABLE", "TRANSITION", "POSITIVE"}
    )


def test_expected_table_covers_every_kind():
    assert set(EXPECTED_CATEGORY) == {k.value for k in I.ExitKind}


# --- the 6-month line --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("job", "long_kind", "short_kind"),
    [
        ("CDD", I.ExitKind.CDD_6_MONTHS_OR_MORE, I.ExitKind.CDD_UNDER_6_MONTHS),
        ("MISSION", I.ExitKind.MISSION_6_MONTHS_OR_MORE, I.ExitKind.MISSION_UNDER_6_MONTHS),
        (
            I.ContractKind.PROFESSIONALISATION,
            I.ExitKind.CDD_6_MONTHS_OR_MORE,
            I.ExitKind.CDD_UNDER_6_MONTHS,
        ),
    ],
)
@pytest.mark.parametrize(
    ("start", "six_months_end"),
    [
        (D(2025, 1, 15), D(2025, 7, 14)),
        (D(2024, 8, 31), D(2025, 2, 28)),  # no 31 February: the last day of February
        (D(2023, 8, 31), D(2024, 2, 29)),  # leap year
        (D(2023, 8, 29), D(2024, 2, 28)),
        (D(2024, 9, 1), D(2025, 2, 28)),
        (D(2024, 3, 1), D(2024, 8, 31)),
    ],
)
def test_six_month_line_day_before_of_after(job, long_kind, short_kind, start, six_months_end):
    assert exits.exit_kind_for(job, start, six_months_end.subtract(days=1)) is short_kind
    assert exits.exit_kind_for(job, start, six_months_end) is long_kind  # exactly 6 months
    assert exits.exit_kind_for(job, start, six_months_end.add(days=1)) is long_kind
    assert short_kind.category is I.ExitCategory.TRANSITION
    assert long_kind.category is I.ExitCategory.SUSTAINABLE


def test_cdi_needs_no_dates_and_bad_input_raises():
    assert exits.exit_kind_for("CDI") is I.ExitKind.CDI
    assert exits.exit_kind_for(I.ContractKind.OTHER, D(2025, 1, 1), D(2025, 1, 31)) is (
        I.ExitKind.CDD_UNDER_6_MONTHS
    )
    with pytest.raises(ValueError, match="needs its start and end"):
        exits.exit_kind_for("CDD", D(2025, 1, 1))
    with pytest.raises(ValueError, match="before start"):
        exits.exit_kind_for("CDD", D(2025, 1, 2), D(2025, 1, 1))
    with pytest.raises(ValueError, match="not a job kind"):
        exits.exit_kind_for("CDX", D(2025, 1, 1), D(2025, 2, 1))  # type: ignore[arg-type]


@given(st.dates(), st.integers(0, 800))
def test_six_month_line_is_monotone(start, length):
    start = pendulum.Date(start.year, start.month, start.day)
    kind = exits.exit_kind_for("CDD", start, start.add(days=length))
    longer = exits.exit_kind_for("CDD", start, start.add(days=length + 1))
    if kind is I.ExitKind.CDD_6_MONTHS_OR_MORE:
        assert longer is I.ExitKind.CDD_6_MONTHS_OR_MORE
    # oracle by day counts: at least as many days as the 6 months from the start
    six_months_days = (start.add(months=6) - start).in_days()
    assert (kind is I.ExitKind.CDD_6_MONTHS_OR_MORE) == (length + 1 >= six_months_days)


# --- counted exits ---------------------------------------------------------------------------


def _structure(kind):
    return I.Structure(siret=SIRET, kind=kind, name="S", department="75")


def _parcours(kind, contracts, exit_on, exit_kind=I.ExitKind.CDI):
    return I.Parcours(
        person=I.Person(id="p1", birth_date=D(1980, 1, 1)),
        structure=_structure(kind),
        contracts=contracts,
        exit=None if exit_on is None else I.Exit(on=exit_on, kind=exit_kind),
    )


def _contract(skind, start, end, hours=26.0, ckind=None, placements=()):
    ckind = ckind or {
        "ACI": "CDDI",
        "EI": "CDDI",
        "AI": "CDDI",
        "ETTI": "MISSION",
        "EITI": "COMMERCIAL",
    }.get(skind, "OTHER")
    return I.Contract(
        kind=ckind,
        structure_kind=skind,
        start=start,
        end=end,
        weekly_hours=hours,
        placements=placements,
    )


@pytest.mark.parametrize("kind", ["ACI", "EI"])
def test_three_months_threshold_day_before_of_after(kind):
    start = D(2025, 1, 15)
    c = _contract(kind, start, D(2025, 12, 31))
    three_months_end = D(2025, 4, 14)  # 3 months from 2025-01-15 end on 2025-04-14
    # exit on the last day of 3 months: exactly 3 months, not "more than"
    assert not exits.exit_counted(_parcours(kind, (c,), three_months_end.subtract(days=1)))
    assert not exits.exit_counted(_parcours(kind, (c,), three_months_end))
    assert exits.exit_counted(_parcours(kind, (c,), three_months_end.add(days=1)))


@pytest.mark.parametrize("kind", ["ACI", "EI"])
def test_three_months_counts_days_of_several_contracts_once(kind):
    start = D(2025, 1, 1)  # 3 months = 2025-01-01..2025-03-31 = 90 days
    first = _contract(kind, start, D(2025, 1, 31))  # 31 days
    second = _contract(kind, D(2025, 6, 1), D(2025, 7, 29))  # 59 days -> 90: not more
    p = _parcours(kind, (first, second), D(2025, 7, 29))
    assert exits.worked_days(p) == 90
    assert not exits.exit_counted(p)
    p = _parcours(kind, (first, second), D(2025, 7, 30))
    second = _contract(kind, D(2025, 6, 1), D(2025, 7, 30))
    p = _parcours(kind, (first, second), D(2025, 7, 30))
    assert exits.worked_days(p) == 91
    assert exits.exit_counted(p)
    # an overlapping duplicate adds nothing
    dup = _contract(kind, D(2025, 6, 1), D(2025, 6, 30))
    p2 = _parcours(kind, (first, second, dup), D(2025, 7, 30))
    assert exits.worked_days(p2) == 91


@pytest.mark.parametrize("kind", ["ETTI", "AI"])
def test_150_hours_threshold_from_weekly_hours(kind):
    # 21 h a week: 150 h = 50 days exactly (21 * 50 / 7 = 150)
    start = D(2025, 3, 3)
    c = _contract(kind, start, D(2025, 12, 31), hours=21)
    day_150 = start.add(days=49)  # 50th day
    assert exits.hours_worked(_parcours(kind, (c,), day_150)) == pytest.approx(150)
    assert not exits.exit_counted(_parcours(kind, (c,), day_150.subtract(days=1)))
    assert not exits.exit_counted(_parcours(kind, (c,), day_150))  # exactly 150: not more
    assert exits.exit_counted(_parcours(kind, (c,), day_150.add(days=1)))


def test_ai_hours_come_from_placements():
    c = _contract(
        "AI",
        D(2025, 1, 1),
        D(2025, 12, 31),
        hours=35,
        placements=(
            I.Placement(start=D(2025, 1, 6), end=D(2025, 1, 10), hours=100, host="EMPLOYER"),
            I.Placement(start=D(2025, 2, 3), end=D(2025, 2, 7), hours=50, host="NON_PROFIT"),
        ),
    )
    p = _parcours("AI", (c,), D(2025, 3, 1))
    assert exits.hours_worked(p) == 150
    assert not exits.exit_counted(p)
    more = I.Placement(start=D(2025, 2, 10), end=D(2025, 2, 10), hours=0.5, host="EMPLOYER")
    c2 = _contract("AI", D(2025, 1, 1), D(2025, 12, 31), placements=(*c.placements, more))
    assert exits.exit_counted(_parcours("AI", (c2,), D(2025, 3, 1)))
    # a placement cut by the exit counts in proportion of its days
    p3 = _parcours("AI", (c,), D(2025, 1, 7))
    assert exits.hours_worked(p3) == pytest.approx(40)


@pytest.mark.parametrize("kind", ["EITI", "GEIQ", "EA"])
def test_kinds_without_threshold_count_every_exit(kind):
    c = _contract(kind, D(2025, 1, 1), D(2025, 1, 2), ckind="OTHER")
    assert exits.exit_counted(_parcours(kind, (c,), D(2025, 1, 2)))


def test_no_exit_or_exit_before_start_is_not_counted():
    c = _contract("ACI", D(2025, 1, 1), D(2025, 12, 31))
    assert not exits.exit_counted(_parcours("ACI", (c,), None))
    eiti = _contract("EITI", D(2025, 1, 1), D(2025, 12, 31))
    assert not exits.exit_counted(_parcours("EITI", (eiti,), D(2024, 12, 31)))
    assert not exits.exit_counted(_parcours("ACI", (), D(2024, 12, 31)))


def test_worked_periods_merge_adjacent_and_overlapping_contracts():
    a = _contract("ACI", D(2025, 1, 1), D(2025, 1, 31))
    b = _contract("ACI", D(2025, 2, 1), D(2025, 2, 28))  # the day after: one period
    c = _contract("ACI", D(2025, 3, 2), D(2025, 3, 31))  # one day's gap: a new period
    d = _contract("ACI", D(2025, 3, 10), D(2025, 3, 20))  # inside c
    p = _parcours("ACI", (c, a, d, b), D(2025, 12, 31))
    assert exits.worked_periods(p) == [
        (D(2025, 1, 1), D(2025, 2, 28)),
        (D(2025, 3, 2), D(2025, 3, 31)),
    ]
    assert exits.worked_days(p) == 59 + 30
    assert exits.worked_periods(p, until=D(2025, 1, 15)) == [(D(2025, 1, 1), D(2025, 1, 15))]


def test_open_cdi_inclusion_runs_until_the_exit():
    c = _contract("ACI", D(2025, 1, 1), None, ckind="CDI_INCLUSION")
    assert exits.worked_days(_parcours("ACI", (c,), D(2025, 1, 10))) == 10
    assert exits.worked_days(_parcours("ACI", (c,), None)) == 0
    assert exits.worked_days(_parcours("ACI", (c,), None), until=D(2025, 1, 3)) == 3


# --- the rules ---------------------------------------------------------------------------------


def test_rules_are_registered():
    assert rule("exit.not_counted").severity is I.Severity.INFO
    assert rule("exit.before_start").severity is I.Severity.ERROR
    assert {"exit.not_counted", "exit.before_start"} <= {r.code for r in I.rules()}


@pytest.mark.parametrize("kind", ["ACI", "EI"])
def test_check_exit_before_start_day_before_of(kind):
    c = _contract(kind, D(2025, 1, 15), D(2025, 12, 31))
    r = exits.check_exit(_parcours(kind, (c,), D(2025, 1, 14)), on=D(2026, 1, 1))
    assert r.codes == {"exit.before_start"}
    assert not r.ok
    assert r[0].path == "exit.on"
    r = exits.check_exit(_parcours(kind, (c,), D(2025, 1, 15)), on=D(2026, 1, 1))
    assert r.codes == {"exit.not_counted"}
    assert r.ok
    assert r[0].path == "exit"
    assert "3 mois" in r[0].message


@pytest.mark.parametrize("kind", ["ACI", "EI", "AI", "ETTI"])
def test_check_exit_not_counted_both_sides(kind):
    start = D(2025, 1, 1)
    c = _contract(kind, start, D(2025, 12, 31), hours=21)
    limit = D(2025, 3, 31) if kind in ("ACI", "EI") else start.add(days=49)
    assert exits.check_exit(_parcours(kind, (c,), limit), on=limit).codes == {"exit.not_counted"}
    assert not exits.check_exit(_parcours(kind, (c,), limit.add(days=1)), on=limit)


@pytest.mark.parametrize("kind", ["EITI", "GEIQ"])
def test_check_exit_not_counted_never_fires_without_threshold(kind):
    c = _contract(kind, D(2025, 1, 1), D(2025, 1, 1), ckind="OTHER")
    assert not exits.check_exit(_parcours(kind, (c,), D(2025, 1, 1)), on=D(2025, 1, 1))


def test_withdrawn_exit_gets_no_not_counted_info():
    c = _contract("ACI", D(2025, 1, 1), D(2025, 12, 31))
    p = _parcours("ACI", (c,), D(2025, 1, 10), I.ExitKind.DEATH)
    assert not exits.check_exit(p, on=D(2025, 2, 1))


def test_check_exit_without_exit_or_contracts_is_empty():
    c = _contract("ACI", D(2025, 1, 1), D(2025, 12, 31))
    assert not exits.check_exit(_parcours("ACI", (c,), None), on=D(2025, 2, 1))
    assert not exits.check_exit(_parcours("ACI", (), D(2025, 1, 1)), on=D(2025, 2, 1))


@given(ps.lawful_parcours())
def test_check_exit_agrees_with_exit_counted(p):
    r = exits.check_exit(p, on=D(2030, 1, 1))
    if p.exit is None:
        assert not r
        return
    if "exit.before_start" in r.codes:
        assert not exits.exit_counted(p)
    elif p.exit.category is not I.ExitCategory.WITHDRAWN:
        assert ("exit.not_counted" in r.codes) == (not exits.exit_counted(p))


@given(ps.lawful_parcours(exited=True), st.integers(1, 400))
def test_later_exit_never_uncounts(p, extra):
    """Working longer (a later exit, contracts permitting) never makes an exit uncounted."""
    if not exits.exit_counted(p):
        return
    import attrs

    later = attrs.evolve(p, exit=attrs.evolve(p.exit, on=p.exit.on.add(days=extra)))
    assert exits.worked_days(later) >= exits.worked_days(p)
    assert exits.hours_worked(later) >= exits.hours_worked(p) - 1e-9
    assert exits.exit_counted(later)


@pytest.mark.parametrize(
    "kind",
    [
        I.ContractKind.CDDI,
        I.ContractKind.MISSION,
        I.ContractKind.CDD_USAGE,
        I.ContractKind.CDI_INCLUSION,
        I.ContractKind.COMMERCIAL,
    ],
)
@pytest.mark.parametrize("months", [1, 6, 24])
def test_an_iae_contract_at_exit_is_a_hire_by_another_siae(kind, months):
    # rules.md *Exits*: POSITIVE includes "hire by another SIAE", whatever its length.
    start = D(2025, 1, 15)
    end = start.add(months=months).subtract(days=1)
    found = exits.exit_kind_for(kind, start, end)
    assert found is I.ExitKind.OTHER_SIAE
    assert found.category is I.ExitCategory.POSITIVE
    assert exits.exit_kind_for(kind) is I.ExitKind.OTHER_SIAE  # no dates needed


# --- the law as data: parameters, templates, English ------------------------------------


def test_exit_numbers_come_from_the_parameters():
    from iae_core import params

    assert exits.SUSTAINABLE_MONTHS == params.get("exits.sustainable_min_months").value == 6
    months = params.get("exits.counted_min_months").value
    hours = params.get("exits.counted_min_hours").value
    assert dict(months) == {"ACI": 3, "EI": 3}
    assert dict(hours) == {"AI": 150, "ETTI": 150}
    expected = {
        I.StructureKind.ACI: exits.CountedExitThreshold(months=3),
        I.StructureKind.EI: exits.CountedExitThreshold(months=3),
        I.StructureKind.AI: exits.CountedExitThreshold(hours=150),
        I.StructureKind.ETTI: exits.CountedExitThreshold(hours=150),
    }
    thresholds = exits.COUNTED_EXIT_THRESHOLDS
    assert thresholds == expected
    for name in (
        "exits.sustainable_min_months",
        "exits.counted_min_months",
        "exits.counted_min_hours",
        "exits.dynamic_target_ratio",
        "exits.sustainable_target_ratio",
    ):
        p = params.get(name)
        assert p.area == "parcours"
        assert all(row.sources for row in p)
        assert p.verified_until is not None


def test_rules_declare_their_parameters_titles_and_readings():
    not_counted = rule("exit.not_counted")
    assert not_counted.params == ("exits.counted_min_months", "exits.counted_min_hours")
    assert set(not_counted.messages) == {"months", "hours"}
    assert not_counted.title_en
    assert not_counted.description_fr
    assert not_counted.reading
    before = rule("exit.before_start")
    assert set(before.messages) == {"default"}
    assert before.title_en
    assert before.description_fr


def test_before_start_message_in_french_and_english_with_its_values():
    c = _contract("ACI", D(2025, 1, 15), D(2025, 12, 31))
    p = _parcours("ACI", (c,), D(2025, 1, 14))
    (f,) = exits.check_exit(p, on=D(2026, 1, 1))
    assert f.message == ("La sortie (2025-01-14) est antérieure au début du parcours (2025-01-15).")
    assert dict(f.params) == {"exit_on": D(2025, 1, 14), "start": D(2025, 1, 15)}
    (en,) = [f for f in I.check(p, on=D(2026, 1, 1), lang="en") if f.path == "exit.on"]
    assert en.code == "exit.before_start"
    assert en.message == (
        "The exit (14 January 2025) is dated before the start of the parcours (15 January 2025)."
    )


def test_not_counted_messages_in_french_and_english_with_their_values():
    c = _contract("EI", D(2025, 1, 1), D(2025, 12, 31))
    (f,) = exits.check_exit(_parcours("EI", (c,), D(2025, 3, 31)), on=D(2026, 1, 1))
    assert f.message == (
        "La sortie n'est pas comptabilisée dans les taux de sortie : il faut plus de 3 mois "
        "de travail dans la structure (EI)."
    )
    assert f.variant == "months"
    assert dict(f.params) == {
        "min_months": 3,
        "worked_days": 90,
        "structure_kind": I.StructureKind.EI,
    }
    assert f.in_language("en").message == (
        "The exit is not counted in the exit rates: it takes more than 3 months of work in "
        "the structure (EI)."
    )
    c = _contract("ETTI", D(2025, 1, 1), D(2025, 12, 31), hours=21)
    (f,) = exits.check_exit(_parcours("ETTI", (c,), D(2025, 2, 19)), on=D(2026, 1, 1))
    assert f.message == (
        "La sortie n'est pas comptabilisée dans les taux de sortie : il faut plus de 150 "
        "heures de travail dans la structure (ETTI)."
    )
    assert f.variant == "hours"
    assert f.params["min_hours"] == 150
    assert f.params["hours_worked"] == pytest.approx(150)
    assert f.in_language("en").message == (
        "The exit is not counted in the exit rates: it takes more than 150 hours of work in "
        "the structure (ETTI)."
    )

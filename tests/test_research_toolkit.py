"""The researcher's toolkit (issue 28): log-rank, competing exits, S(t) at a month, the
median's interval, the restricted mean, exit rates as of a day, cohorts by département,
retention at 48 months. Every estimator is checked against lifelines (1e-9) on the demo
territory and on a generated population over several départements."""

import importlib.util
import math
from pathlib import Path

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core as I
from iae_core import dates, demo, stats, survival, tables
from iae_core.followup import horizon_day
from iae_core.testing import parcours_strategies as ps

_spec = importlib.util.spec_from_file_location(
    "_research_population", Path(__file__).with_name("_research_population.py")
)
pop_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pop_mod)
population = pop_mod.population

D = pendulum.date
KEY = "toolkit-key"
TOL = 1e-9
DEPARTMENTS = ("13", "2A", "59", "974")


def _generated(n=500, seed=11):
    """A population over four départements (the demo's generator, départements redrawn)."""
    import random

    territory = demo.build_territory(people=n, seed=seed)
    rng = random.Random(seed)
    out = []
    for p in territory.parcours:
        s = p.structure
        moved = I.Structure(
            siret=s.siret, kind=s.kind, name=s.name, department=rng.choice(DEPARTMENTS)
        )
        out.append(I.Parcours(**{**_fields(p), "structure": moved}))
    return out


def _fields(p):
    import attrs

    return {f.name: getattr(p, f.name) for f in attrs.fields(type(p))}


@pytest.fixture(scope="module")
def populations():
    return {
        "demo": (demo.build_territory(people=600).parcours, D(2026, 5, 31)),
        "generated": (_generated(), D(2026, 1, 31)),
    }


def _durations(populations, name):
    parcours, on = populations[name]
    return tables.durations_table(parcours, on=on, key=KEY)


# --- months ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2024, 1, 1), D(2024, 1, 31), 1.0),
        (D(2024, 1, 1), D(2024, 1, 30), 30 / 31),
        (D(2024, 1, 1), D(2024, 2, 1), 1 + 1 / 29),  # 2024: February has 29 days
        (D(2024, 1, 31), D(2024, 2, 29), 1.0),  # month end clamped, leap year
        (D(2025, 1, 31), D(2025, 2, 28), 1.0),
        (D(2025, 1, 31), D(2025, 2, 27), 28 / 29),
        (D(2024, 2, 29), D(2026, 2, 28), 24.0),  # 29 February plus 24 months
        (D(2025, 3, 15), D(2025, 3, 15), 1 / 31),  # one day
        (D(2025, 3, 15), D(2025, 3, 14), 0.0),
    ],
)
def test_duration_months_by_the_library_arithmetic(start, end, months):
    assert tables.duration_months(start, end) == pytest.approx(months, abs=TOL)


@given(
    st.dates(pendulum.date(2020, 1, 1), pendulum.date(2030, 12, 31)),
    st.integers(0, 2000),
    st.integers(1, 60),
)
@example(pendulum.date(2024, 1, 31), 29, 1)  # ends on 29 February 2024
@example(pendulum.date(2024, 2, 29), 730, 24)
@example(pendulum.date(2025, 10, 31), 120, 4)
def test_duration_months_crosses_m_exactly_at_period_end(start, days, m):
    start = pendulum.Date(start.year, start.month, start.day)
    end = start.add(days=days)
    assert (tables.duration_months(start, end) <= m) == (end <= dates.period_end(start, m))


def test_duration_months_rejects_an_end_before_the_start():
    with pytest.raises(ValueError, match="before"):
        tables.duration_months(D(2025, 3, 15), D(2025, 3, 13))


def test_durations_table_has_the_exit_category_known_on_the_day():
    rows = tables.durations_table(population(), on=D(2025, 6, 30), key=KEY).records()
    assert [r["exit_category"] for r in rows] == [
        I.ExitCategory.SUSTAINABLE,
        None,  # running
        I.ExitCategory.OTHER,
        I.ExitCategory.WITHDRAWN,
        None,  # exit dated after the day: not known yet
    ]
    assert rows[0]["duration_months"] == pytest.approx(12.0)  # 2024-01-01 to 2024-12-31


# --- log-rank -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["demo", "generated"])
@pytest.mark.parametrize(
    ("by", "event"),
    [("structure_department", "exited"), ("structure_kind", "counted_exit")],
)
def test_compare_equals_lifelines(populations, name, by, event):
    lifelines = pytest.importorskip("lifelines.statistics")
    d = _durations(populations, name)
    rows = d.records()
    mine = survival.compare(d, by=by, event=event)
    theirs = lifelines.multivariate_logrank_test(
        [r["duration_days"] for r in rows],
        [str(getattr(r[by], "value", r[by])) for r in rows],
        [r[event] for r in rows],
    )
    assert mine.statistic == pytest.approx(theirs.test_statistic, abs=TOL)
    assert mine.p_value == pytest.approx(theirs.p_value, abs=TOL)
    assert mine.degrees_of_freedom == theirs.degrees_of_freedom == len(mine.groups) - 1
    assert sum(mine.n) == len(rows)
    assert sum(mine.events) == sum(r[event] for r in rows)


def test_compare_two_groups_by_hand():
    # group A: events at 1 and 3; group B: an event at 2, censored at 4. At t=1: 4 at risk,
    # 2 in A, 1 event; t=2: 3 at risk, 1 in A; t=3: 2 at risk, 1 in A.
    # O − E for A = (1 − 2/4) + (0 − 1/3) + (1 − 1/2) = 2/3; V = 1/4 + 2/9 + 1/4 = 13/18.
    rows = [
        {"g": "A", "duration_days": 1, "exited": True},
        {"g": "A", "duration_days": 3, "exited": True},
        {"g": "B", "duration_days": 2, "exited": True},
        {"g": "B", "duration_days": 4, "exited": False},
    ]
    result = survival.compare(rows, by="g")
    o_minus_e = (1 - 2 / 4) + (0 - 1 / 3) + (1 - 1 / 2)
    # hypergeometric variance n_A n_B d (n - d) / (n² (n - 1)) at each event time
    var = (2 * 2 * 1 * 3) / (16 * 3) + (1 * 2 * 1 * 2) / (9 * 2) + (1 * 1 * 1 * 1) / (4 * 1)
    assert result.statistic == pytest.approx(o_minus_e**2 / var, abs=TOL)
    assert result.statistic == pytest.approx((2 / 3) ** 2 / (13 / 18), abs=TOL)
    assert result.groups == ("A", "B")
    assert result.degrees_of_freedom == 1


def test_compare_needs_two_groups():
    pytest.importorskip("lifelines")
    with pytest.raises(ValueError, match="two groups"):
        survival.compare([{"g": "A", "duration_days": 1, "exited": True}], by="g")


# --- cumulative incidence -------------------------------------------------------------------


def _no_jitter_fit(ts, codes, code):
    from lifelines import AalenJohansenFitter

    class Fitter(AalenJohansenFitter):
        @staticmethod
        def _check_for_duplicates(durations, events):
            return False

    return Fitter().fit(ts, codes, event_of_interest=code)


@pytest.mark.parametrize("name", ["demo", "generated"])
@pytest.mark.parametrize("time", ["days", "months"])
def test_cumulative_incidence_equals_lifelines_without_jitter(populations, name, time):
    pytest.importorskip("lifelines")
    d = _durations(populations, name)
    rows = d.records()
    column = "duration_days" if time == "days" else "duration_months"
    codes = {c: i + 1 for i, c in enumerate(I.ExitCategory)}
    ts = [float(r[column]) for r in rows]
    cs = [codes[r["exit_category"]] if r["exited"] else 0 for r in rows]
    curves = survival.cumulative_incidence(d, time=time)
    assert {c.category for c in curves} == {r["exit_category"] for r in rows if r["exited"]}
    for c in curves:
        fit = _no_jitter_fit(ts, cs, codes[c.category])
        expected = list(fit.cumulative_density_.iloc[:, 0])
        assert len(c.incidence) == len(expected)
        assert c.incidence == pytest.approx(expected, abs=TOL)
        assert c.timeline == pytest.approx(list(fit.cumulative_density_.index), abs=TOL)
        for f, lo, hi in zip(c.incidence, c.lower, c.upper, strict=True):
            assert lo - TOL <= f <= hi + TOL
    # with the overall survival, the categories sum to 1 at every time
    (km,) = survival.kaplan_meier(d, by=None, time=time)
    for i, t in enumerate(km.timeline):
        total = sum(c.incidence[i] for c in curves)
        assert total + km.survival[i] == pytest.approx(1.0, abs=TOL), t


def test_cumulative_incidence_by_hand_with_tied_categories():
    # at t=2 a sustainable and an "other" exit tie: simultaneous, no jitter
    rows = [
        {"duration_days": 1, "exited": True, "exit_category": "OTHER"},
        {"duration_days": 2, "exited": True, "exit_category": "SUSTAINABLE"},
        {"duration_days": 2, "exited": True, "exit_category": "OTHER"},
        {"duration_days": 3, "exited": False, "exit_category": None},
        {"duration_days": 4, "exited": True, "exit_category": "SUSTAINABLE"},
    ]
    pytest.importorskip("lifelines")
    curves = {c.category: c for c in survival.cumulative_incidence(rows)}
    sustainable = curves[I.ExitCategory.SUSTAINABLE]
    other = curves[I.ExitCategory.OTHER]
    # S(0)=1, S(1)=4/5, S(2)=4/5·2/4=2/5, S(3)=2/5, S(4)=0
    assert sustainable.at(days=1) == 0
    assert sustainable.at(days=2) == pytest.approx(4 / 5 * 1 / 4, abs=TOL)
    assert sustainable.at(days=4) == pytest.approx(1 / 5 + 2 / 5, abs=TOL)
    assert other.at(days=2) == pytest.approx(1 / 5 + 4 / 5 * 1 / 4, abs=TOL)
    assert sustainable.at(days=4) + other.at(days=4) == pytest.approx(1.0, abs=TOL)


def test_one_minus_kaplan_meier_of_one_category_overstates_it(populations):
    pytest.importorskip("lifelines")
    d = _durations(populations, "demo")
    rows = d.records()
    naive_rows = [
        {**r, "exited": r["exit_category"] is I.ExitCategory.OTHER and r["exited"]} for r in rows
    ]
    (naive,) = survival.kaplan_meier(naive_rows, by=None, time="months")
    other = next(
        c
        for c in survival.cumulative_incidence(d, time="months")
        if c.category is I.ExitCategory.OTHER
    )
    assert 1 - naive.at(months=24) > other.at(months=24)


# --- S(t) at a month, the median's interval, the restricted mean ----------------------------


@pytest.mark.parametrize("name", ["demo", "generated"])
def test_at_median_interval_and_restricted_mean_equal_lifelines(populations, name):
    pytest.importorskip("lifelines")
    from lifelines.utils import median_survival_times, restricted_mean_survival_time

    d = _durations(populations, name)
    theirs = survival.kaplan_meier(d, by="structure_department", time="months", engine="lifelines")
    mine = survival.kaplan_meier(d, by="structure_department", time="months", engine="python")
    assert len(mine) >= 3
    for a, b in zip(mine, theirs, strict=True):
        kmf = b.fitter
        for m in (0, 0.5, 1, 3, 6, 12, 12.5, 24, 36, 48, 1000):
            assert a.at(months=m) == pytest.approx(float(kmf.predict(m)), abs=TOL)
            assert b.at(months=m) == pytest.approx(float(kmf.predict(m)), abs=TOL)
            expected = restricted_mean_survival_time(kmf, t=m)
            assert survival.restricted_mean(a, months=m) == pytest.approx(expected, abs=TOL)
            assert survival.restricted_mean(b, months=m) == pytest.approx(expected, abs=TOL)
        ci = median_survival_times(kmf.confidence_interval_)
        expected_ci = tuple(None if math.isinf(x) else float(x) for x in ci.iloc[0])
        assert a.median_interval == b.median_interval == expected_ci


def test_at_reads_the_step_on_both_sides_of_a_time():
    rows = [
        {"duration_months": 6.0, "exited": True},
        {"duration_months": 12.0, "exited": True},
        {"duration_months": 12.0, "exited": False},
        {"duration_months": 30.0, "exited": True},
    ]
    (c,) = survival.kaplan_meier(rows, by=None, time="months", engine="python")
    assert c.at(months=5.999) == 1.0
    assert c.at(months=6) == 0.75  # the event on the horizon counts at it
    assert c.at(months=11.999) == 0.75
    assert c.at(months=12) == pytest.approx(0.5)
    assert c.at(months=48) == 0.0
    assert c.timeline == (0.0, 6.0, 12.0, 30.0)
    assert c.censored == (0, 0, 1, 0)
    assert survival.restricted_mean(c, months=12) == pytest.approx(6 + 6 * 0.75)
    with pytest.raises(ValueError, match="in months"):
        c.at(days=10)
    with pytest.raises(ValueError, match="not both"):
        c.at()
    with pytest.raises(ValueError, match="at least 0"):
        c.at(months=-1)


# --- exit rates as of a day -----------------------------------------------------------------


def test_exit_rates_as_of_a_day_by_hand():
    pop = population()  # e exits on 2025-12-31
    before = stats.exit_rates(pop, on=D(2025, 12, 30))[0]
    on_the_day = stats.exit_rates(pop, on=D(2025, 12, 31))[0]
    assert (before.exits, before.running) == (3, 2)
    assert (on_the_day.exits, on_the_day.running) == (4, 1)
    # b enters on 2025-03-01: unknown the day before
    assert stats.exit_rates(pop, on=D(2025, 2, 28))[0].parcours == 4
    assert stats.exit_rates(pop, on=D(2025, 3, 1))[0].parcours == 5
    # by exit year: e's exit is not known yet, it is in the running rows
    rows = stats.exit_rates(pop, by="exit_year", on=D(2025, 12, 30))
    assert [(r.key, r.exits, r.running) for r in rows] == [((2024,), 3, 0), ((None,), 0, 2)]
    # without on: every exit, whatever its date (the population as given)
    assert stats.exit_rates(pop)[0].exits == 4


@given(
    st.lists(ps.lawful_parcours(), min_size=1, max_size=12),
    st.dates(pendulum.date(2019, 1, 1), pendulum.date(2030, 12, 31)),
)
@example([], pendulum.date(2024, 2, 29))
def test_exit_rates_on_never_counts_an_exit_after_on(population, day):
    day = pendulum.Date(day.year, day.month, day.day)
    rows = stats.exit_rates(population, on=day, by="kind")
    known = [
        p
        for p in population
        if p.exit is not None and p.exit.on <= day and (p.start is None or p.start <= day)
    ]
    assert sum(r.exits for r in rows) == len(known)
    entered = [p for p in population if p.start is None or p.start <= day]
    assert sum(r.parcours for r in rows) == len(entered)
    assert sum(r.running for r in rows) == len(entered) - len(known)
    # the counts partition: mergeable as before
    counts = stats.exit_counts(population, on=day, by="kind")
    assert counts.rates() == rows


def test_exit_rates_as_of_on_the_demo_sees_what_survival_sees(populations):
    parcours, _ = populations["demo"]
    on = D(2025, 6, 30)
    (row,) = stats.exit_rates(parcours, on=on)
    d = tables.durations_table(parcours, on=on, key=KEY)
    assert row.exits == sum(r["exited"] for r in d.records())
    assert stats.exit_rates(parcours)[0].exits > row.exits


# --- cohorts --------------------------------------------------------------------------------


def _cohort_parcours(start, exit_on=None, department="59", kind="CDI"):
    s = I.Structure(siret="73282932000074", kind="ACI", name="S", department=department)
    return I.Parcours(
        person=I.Person(id=f"p{start}{exit_on}{department}", birth_date=D(1980, 1, 1)),
        structure=s,
        contracts=(
            I.Contract(
                kind="CDDI",
                structure_kind="ACI",
                start=start,
                end=dates.period_end(start, 4),
                weekly_hours=26,
            ),
        ),
        exit=None if exit_on is None else I.Exit(on=exit_on, kind=kind),
    )


def test_cohorts_reached_on_both_sides_of_the_horizon():
    start = D(2024, 1, 31)
    horizon = dates.period_end(start, 1)  # 2024-02-29
    assert horizon == D(2024, 2, 29)
    p = _cohort_parcours(start, exit_on=horizon)
    for on, reached, exited in (
        (D(2024, 2, 28), 0, 0),
        (D(2024, 2, 29), 1, 1),
        (D(2024, 3, 1), 1, 1),
    ):
        (row,) = stats.cohorts([p], horizons=(1,), on=on).records()
        assert (row["reached"], row["exited"]) == (reached, exited), on
    # an exit the day after the horizon is not an exit by the horizon
    late = _cohort_parcours(start, exit_on=horizon.add(days=1))
    (row,) = stats.cohorts([late], horizons=(1,), on=D(2024, 6, 30)).records()
    assert (row["reached"], row["exited"], row["rate"]) == (1, 0, 0.0)


def test_cohorts_tidy_table_by_department_and_entry_year():
    pop = [
        _cohort_parcours(D(2022, 3, 1), D(2022, 8, 31), "59", "CDI"),
        _cohort_parcours(D(2022, 3, 1), D(2023, 1, 31), "59", "DEATH"),
        _cohort_parcours(D(2022, 5, 1), None, "59"),
        _cohort_parcours(D(2022, 5, 1), D(2022, 6, 30), "62", "JOB_SEEKING"),
        _cohort_parcours(D(2023, 1, 1), None, "80"),
    ]
    t = stats.cohorts(pop, horizons=(6, 12, 48), on=D(2026, 4, 30))
    assert t.name == "cohorts"
    assert t.columns[:3] == ["department", "entry_year", "horizon_months"]
    rows = t.records()
    assert [(r["department"], r["entry_year"], r["horizon_months"]) for r in rows] == [
        ("59", 2022, 6),
        ("59", 2022, 12),
        ("59", 2022, 48),
        ("62", 2022, 6),
        ("62", 2022, 12),
        ("62", 2022, 48),
        ("80", 2023, 6),
        ("80", 2023, 12),
        ("80", 2023, 48),
    ]
    six, twelve, four_years = rows[:3]
    assert (six["reached"], six["exited"], six["exited_SUSTAINABLE"]) == (3, 1, 1)
    assert (twelve["exited"], twelve["exited_WITHDRAWN"]) == (2, 1)
    # 48 months from 2022-05-01 end on 2026-04-30: reached on that day; from 2022-03-01 too
    assert four_years["reached"] == 3
    assert rows[8]["reached"] == 0  # 2023 + 48 months: not yet
    assert rows[8]["rate"] is None
    assert six["rate"] == pytest.approx(1 / 3)
    low, high = stats.wilson_interval(1, 3)
    assert (six["lower"], six["upper"]) == (low, high)
    for r in rows:
        assert r["exited"] == sum(r[f"exited_{c.value}"] for c in I.ExitCategory)


def test_cohorts_on_the_demo_cover_three_departments(populations):
    pytest.importorskip("pandas")
    parcours, on = populations["demo"]
    t = stats.cohorts(parcours, on=on)
    assert {r["department"] for r in t.records()} >= {"59", "62", "80"}
    df = t.to_pandas()
    assert str(df["reached"].dtype) == "Int64"
    for r in t.records():
        assert r["reached"] >= r["exited"] >= 0


def test_cohorts_reject_bad_horizons():
    with pytest.raises(ValueError, match="whole months"):
        stats.cohorts([], horizons=(0,), on=D(2026, 1, 1))
    with pytest.raises(ValueError, match="whole months"):
        stats.cohorts([], horizons=(6.5,), on=D(2026, 1, 1))


# --- retention at 48 months -----------------------------------------------------------------


def _retained(exit_on, ups):
    s = I.Structure(siret="73282932000074", kind="ACI", name="S", department="59")
    return I.Parcours(
        person=I.Person(id="r", birth_date=D(1980, 1, 1)),
        structure=s,
        contracts=(
            I.Contract(
                kind="CDDI",
                structure_kind="ACI",
                start=exit_on.subtract(months=8),
                end=exit_on,
                weekly_hours=26,
            ),
        ),
        exit=I.Exit(on=exit_on, kind="CDI"),
        follow_ups=tuple(
            I.FollowUp(on=on, situation=sit, source="DECLARED", employer_siret=None)
            for on, sit in ups
        ),
    )


def test_retention_at_48_months_on_both_sides_of_the_horizon():
    exit_on = D(2020, 2, 29)  # an exit on 29 February: four years later, 29 February again
    horizon = horizon_day(exit_on, 48)
    assert horizon == D(2024, 2, 29)
    assert horizon_day(D(2020, 2, 28), 48) == D(2024, 2, 28)
    p = _retained(exit_on, [(horizon, "CDI")])
    rows = {r.months: r for r in stats.retention([p], on=horizon.subtract(days=1))}
    assert set(rows) == {6, 12, 24, 48}  # 48 months is a default horizon
    assert (rows[48].censored, rows[48].in_work) == (1, 0)
    rows = {r.months: r for r in stats.retention([p], on=horizon)}
    assert (rows[48].censored, rows[48].in_work, rows[48].in_work_rate) == (0, 1, 1.0)
    rows = {r.months: r for r in stats.retention([p], on=D(2030, 1, 1), at_months=(36, 48))}
    assert rows[48].in_work == 1
    assert rows[36].unobserved == 1  # nothing near 36 months: never a failure


# --- properties against lifelines on small random samples ------------------------------------

_CATEGORIES = [None, *(c.value for c in I.ExitCategory)]


@given(
    st.lists(
        st.tuples(st.integers(1, 30), st.sampled_from(_CATEGORIES), st.sampled_from("AB")),
        min_size=2,
        max_size=40,
    )
)
@example([(1, "OTHER", "A"), (1, "SUSTAINABLE", "B")])  # two categories tied at one time
@example([(3, None, "A"), (3, "OTHER", "B"), (3, "OTHER", "A")])  # censored with events
@example([(2, "WITHDRAWN", "A"), (2, "WITHDRAWN", "B")])  # everyone ends: S reaches 0
def test_estimators_equal_lifelines_on_any_sample(data):
    pytest.importorskip("lifelines")
    from lifelines import KaplanMeierFitter
    from lifelines.statistics import multivariate_logrank_test
    from lifelines.utils import restricted_mean_survival_time

    rows = [
        {"duration_days": t, "exited": c is not None, "exit_category": c, "g": g}
        for t, c, g in data
    ]
    ts = [float(t) for t, _, _ in data]
    codes = {c.value: i + 1 for i, c in enumerate(I.ExitCategory)}
    cs = [0 if c is None else codes[c] for _, c, _ in data]
    curves = survival.cumulative_incidence(rows)
    (km,) = survival.kaplan_meier(rows, by=None, engine="python")
    for c in curves:
        fit = _no_jitter_fit(ts, cs, codes[c.category.value])
        assert c.incidence == pytest.approx(list(fit.cumulative_density_.iloc[:, 0]), abs=TOL)
    for i in range(len(km.timeline)):
        assert sum(c.incidence[i] for c in curves) + km.survival[i] == pytest.approx(1, abs=TOL)
    kmf = KaplanMeierFitter().fit(ts, [r["exited"] for r in rows])
    for t in (0, 1, 7.5, 15, 30, 31):
        assert km.at(days=t) == pytest.approx(float(kmf.predict(t)), abs=TOL)
        expected = restricted_mean_survival_time(kmf, t=t)
        assert survival.restricted_mean(km, days=t) == pytest.approx(expected, abs=TOL)
    if len({g for _, _, g in data}) == 2:
        mine = survival.compare(rows, by="g")
        theirs = multivariate_logrank_test(ts, [g for _, _, g in data], [r["exited"] for r in rows])
        if math.isnan(theirs.test_statistic):
            assert math.isnan(mine.statistic)
        else:
            assert mine.statistic == pytest.approx(theirs.test_statistic, abs=TOL)


def test_cohort_rate_is_one_minus_kaplan_meier_when_nobody_is_censored_before(populations):
    # every parcours entered at least 12 months before the day: the cohort at 12 months is
    # the whole population, and nobody is censored before 12 months
    parcours, _ = populations["demo"]
    day = D(2026, 11, 23)
    old = [p for p in parcours if p.start is not None and dates.period_end(p.start, 12) <= day]
    (row,) = stats.cohorts(old, by=(), horizons=(12,), on=day).records()
    (km,) = survival.kaplan_meier(
        tables.durations_table(old, on=day, key=KEY), by=None, time="months", engine="python"
    )
    assert row["reached"] == len(old)
    assert row["rate"] == pytest.approx(1 - km.at(months=12), abs=TOL)

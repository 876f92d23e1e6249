"""Durations and Kaplan–Meier (issue 19): hand computation, lifelines when installed."""

import importlib.util
import math
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core as I
from iae_core import survival

_spec = importlib.util.spec_from_file_location(
    "_research_population", Path(__file__).with_name("_research_population.py")
)
pop_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pop_mod)
D, KEY, ON = pop_mod.D, pop_mod.KEY, pop_mod.ON


def _durations(on=ON):
    return survival.durations_table(pop_mod.population(), on=on, key=KEY)


def test_durations_every_row():
    rows = _durations().records()
    got = [
        (
            r["structure_kind"].value,
            r["duration_days"],
            r["exited"],
            r["counted_exit"],
            r["end"],
            r["censored_on"],
        )
        for r in rows
    ]
    assert got == [
        ("ACI", 366, True, True, D(2024, 12, 31), None),
        ("EI", 122, False, False, ON, ON),  # running: censored at ON
        ("ACI", 46, True, False, D(2024, 6, 15), None),  # not counted: censored for "counted"
        ("ETTI", 243, True, False, D(2024, 9, 30), None),  # withdrawn
        ("AI", 181, False, False, ON, ON),  # exit after ON: not known yet
    ]
    assert rows[0]["entry_year"] == 2024
    assert "rqth" not in rows[0]


def test_durations_limits_of_on():
    # the day before b starts, b is left out; on its first day it lasts 1 day
    before = _durations(on=D(2025, 2, 28)).records()
    assert len(before) == 4
    first = _durations(on=D(2025, 3, 1)).records()
    assert [r["duration_days"] for r in first if r["structure_kind"] is I.StructureKind.EI] == [1]
    # e's exit on 2025-12-31: censored the day before, an event on the day
    for on, exited in ((D(2025, 12, 30), False), (D(2025, 12, 31), True), (D(2026, 1, 1), True)):
        (e,) = [r for r in _durations(on=on).records() if r["structure_kind"] is I.StructureKind.AI]
        assert e["exited"] is exited
        assert e["duration_days"] == (365 if exited else 364)


def test_kaplan_meier_by_hand():
    # exits at 46, 243, 366; censored at 122 and 181.
    # S(46) = 4/5; S(243) = 4/5 · (1 - 1/2) = 0.4; S(366) = 0
    (curve,) = survival.kaplan_meier(_durations(), by=None, engine="python")
    assert curve.timeline == (0, 46, 122, 181, 243, 366)
    assert curve.survival == pytest.approx((1, 0.8, 0.8, 0.8, 0.4, 0))
    assert curve.at_risk == (5, 5, 4, 3, 2, 1)
    assert curve.events == (0, 1, 0, 0, 1, 1)
    assert curve.median == 243
    assert curve.n == 5
    # exponential Greenwood at t = 46: V = 1/(5·4); log(-log 0.8) ± 1.96·√V / |log 0.8|
    assert curve.lower[1] == pytest.approx(0.2038, abs=1e-4)
    assert curve.upper[1] == pytest.approx(0.9692, abs=1e-4)
    (counted,) = survival.kaplan_meier(_durations(), event="counted_exit", by=None, engine="python")
    assert counted.survival == pytest.approx((1, 1, 1, 1, 1, 0))  # only a's exit is counted
    assert counted.median == 366


def test_kaplan_meier_per_group_in_enum_order():
    curves = survival.kaplan_meier(_durations(), engine="python")
    assert [c.group for c in curves] == [
        I.StructureKind.ACI,
        I.StructureKind.AI,
        I.StructureKind.EI,
        I.StructureKind.ETTI,
    ]
    aci = curves[0]
    assert aci.survival == pytest.approx((1, 0.5, 0))
    assert curves[1].median is None  # AI: censored only
    table = survival.curves_table(curves)
    assert table.records()[0] == {
        "group": "ACI",
        "event": "exited",
        "time": 0.0,
        "survival": 1.0,
        "lower": 1.0,
        "upper": 1.0,
        "at_risk": 2,
        "events": 0,
    }
    assert len(table) == sum(len(c.timeline) for c in curves)


def test_same_curve_as_lifelines():
    pytest.importorskip("lifelines")
    mine = survival.kaplan_meier(_durations(), by=None, engine="python")
    theirs = survival.kaplan_meier(_durations(), by=None, engine="lifelines")
    assert theirs[0].fitter is not None
    for a, b in zip(mine, theirs, strict=True):
        assert a.timeline == b.timeline
        assert a.survival == pytest.approx(b.survival)
        assert a.at_risk == b.at_risk
        assert a.events == b.events
        assert a.median == b.median
        for x, y, s in zip(
            a.lower + a.upper, b.lower + b.upper, a.survival + a.survival, strict=True
        ):
            if 0 < s < 1:
                assert x == pytest.approx(y)


@given(
    st.lists(st.tuples(st.integers(1, 40), st.booleans()), min_size=1, max_size=40),
    st.sampled_from([0.8, 0.95]),
)
@example([(1, True)], 0.95)
@example([(3, False), (3, True), (3, True)], 0.95)
def test_plain_estimator_equals_lifelines(data, confidence):
    lifelines = pytest.importorskip("lifelines")
    ts = [t for t, _ in data]
    es = [e for _, e in data]
    mine = survival.km_estimate(ts, es, confidence=confidence)
    kmf = lifelines.KaplanMeierFitter(alpha=1 - confidence).fit(ts, es)
    assert mine["timeline"] == [float(t) for t in kmf.survival_function_.index]
    assert mine["survival"] == pytest.approx(list(kmf.survival_function_.iloc[:, 0]))
    ci = kmf.confidence_interval_
    for s, lo, hi, llo, lhi in zip(
        mine["survival"], mine["lower"], mine["upper"], ci.iloc[:, 0], ci.iloc[:, 1], strict=True
    ):
        if 0 < s < 1 and not math.isnan(llo):
            assert lo == pytest.approx(llo)
            assert hi == pytest.approx(lhi)
        assert lo <= s <= hi


def test_engine_lifelines_needs_it(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_lifelines(name, *args, **kwargs):
        if name.startswith("lifelines"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_lifelines)
    (curve,) = survival.kaplan_meier(_durations(), by=None)  # auto: falls back
    assert curve.engine == "python"
    with pytest.raises(ImportError):
        survival.kaplan_meier(_durations(), by=None, engine="lifelines")


def test_km_estimate_rejects_ragged_input():
    with pytest.raises(ValueError, match="length"):
        survival.km_estimate([1, 2], [True])


@pytest.mark.parametrize("by", ["structure_kind", None])
def test_a_table_and_its_records_give_the_same_curves(by):
    # a Table is read column by column (no dict per row), records row by row: same curves
    table = _durations()
    records = table.records()
    for event in ("exited", "counted_exit"):
        for time in ("days", "months"):
            got = survival.kaplan_meier(table, by=by, event=event, time=time, engine="python")
            want = survival.kaplan_meier(
                iter(records), by=by, event=event, time=time, engine="python"
            )
            assert got == want
    if by is not None and importlib.util.find_spec("lifelines") is not None:
        assert survival.compare(table, by=by) == survival.compare(records, by=by)
        assert survival.cumulative_incidence(table, by=by) == survival.cumulative_incidence(
            records, by=by
        )


def test_records_missing_a_column_are_refused():
    records = [{k: v for k, v in r.items() if k != "exited"} for r in _durations().records()]
    with pytest.raises(KeyError):
        survival.kaplan_meier(records, engine="python")

import subprocess
import sys

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iae_core as I
from iae_core import stats
from iae_core.testing import parcours_strategies as ps

D = pendulum.date
SIRET_A = "73282932000074"
SIRET_B = "44306184100047"
K = I.ExitKind
START = D(2024, 1, 1)


def _parcours(kind, exit_kind, *, months=6, siret=SIRET_A, dept="75", start=START, pid="p"):
    structure = I.Structure(siret=siret, kind=kind, name="S", department=dept)
    end = start.add(months=months).subtract(days=1)
    ckind = {"ETTI": "MISSION"}.get(kind, "CDDI")
    contract = I.Contract(kind=ckind, structure_kind=kind, start=start, end=end, weekly_hours=35)
    return I.Parcours(
        person=I.Person(id=pid, birth_date=D(1980, 1, 1)),
        structure=structure,
        contracts=(contract,),
        exit=None if exit_kind is None else I.Exit(on=end, kind=exit_kind),
    )


def test_module_does_not_import_dataframe_libraries():
    code = "import sys, iae_core.stats; assert not {'pandas', 'polars'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_hand_computed_population():
    pop = [
        _parcours("ACI", K.CDI),  # sustainable
        _parcours("ACI", K.CDD_UNDER_6_MONTHS),  # transition
        _parcours("ACI", K.QUALIFYING_TRAINING),  # positive
        _parcours("ACI", K.JOB_SEEKING),  # other
        _parcours("ACI", K.JOB_SEEKING),  # other
        _parcours("ACI", K.DEATH),  # withdrawn
        _parcours("ACI", K.CDI, months=3),  # not counted: exactly 3 months
        _parcours("ACI", None),  # running
    ]
    (row,) = stats.exit_rates(pop)
    assert row.key == ()
    assert row.group == "all"
    assert row.parcours == 8
    assert row.exits == 7
    assert row.withdrawn == 1
    assert row.not_counted == 1
    assert row.counted == 5
    assert (row.sustainable, row.transition, row.positive, row.other) == (1, 1, 1, 2)
    assert row.dynamic == 3
    assert row.dynamic_rate == pytest.approx(3 / 5)
    assert row.sustainable_rate == pytest.approx(1 / 5)
    assert row.positive_rate == pytest.approx(1 / 5)
    assert row.meets_dynamic_target is True  # 60 % exactly reaches the target
    assert row.meets_sustainable_target is False  # 20 % < 25 %
    # lengths: six exits of 6 months from 2024-01-01 (182 days), one of 3 months (91 days)
    assert row.average_length_days == pytest.approx((6 * 182 + 91) / 7)


def test_withdrawn_exits_are_out_of_every_denominator():
    base = [_parcours("EI", K.CDI), _parcours("EI", K.JOB_SEEKING)]
    (before,) = stats.exit_rates(base)
    for withdrawn in (K.DEATH, K.LONG_ILLNESS, K.MOVED_AWAY, K.INCARCERATION, K.RETIREMENT):
        (after,) = stats.exit_rates([*base, _parcours("EI", withdrawn)])
        assert after.counted == before.counted == 2
        assert after.dynamic_rate == before.dynamic_rate == 0.5
        assert after.sustainable_rate == before.sustainable_rate
        assert after.withdrawn == 1
    # a withdrawn exit below the threshold is withdrawn, not "not counted"
    (short,) = stats.exit_rates([_parcours("EI", K.DEATH, months=1)])
    assert (short.withdrawn, short.not_counted, short.counted) == (1, 0, 0)
    assert short.dynamic_rate is None
    assert short.meets_dynamic_target is None


def test_grouping_by_named_keys_and_functions():
    pop = [
        _parcours("ACI", K.CDI, siret=SIRET_A, dept="75"),
        _parcours("ACI", K.JOB_SEEKING, siret=SIRET_A, dept="75"),
        _parcours("ETTI", K.CDI, siret=SIRET_B, dept="2A"),
        _parcours("ETTI", K.CDI, siret=SIRET_B, dept="2A", start=D(2025, 1, 1)),
        _parcours("ETTI", None, siret=SIRET_B, dept="2A"),
    ]
    by_kind = {r.key: r for r in stats.exit_rates(pop, by="kind")}
    assert set(by_kind) == {(I.StructureKind.ACI,), (I.StructureKind.ETTI,)}
    assert by_kind[(I.StructureKind.ACI,)].dynamic_rate == 0.5
    assert by_kind[(I.StructureKind.ETTI,)].dynamic_rate == 1.0
    assert by_kind[(I.StructureKind.ETTI,)].parcours == 3
    rows = stats.exit_rates(pop, by=("department", "year"))
    # exit rows first, the running parcours apart after them (issue 19)
    assert [r.key for r in rows] == [("2A", 2024), ("2A", 2025), ("75", 2024), ("2A", None)]
    assert [r.running for r in rows] == [0, 0, 0, 1]
    assert rows[-1].exits == 0
    assert rows[0].as_dict()["department"] == "2A"
    assert rows[0].as_dict()["year"] == 2024
    assert rows[0].group == "2A / 2024"
    by_siret = stats.exit_rates(pop, by="structure")
    assert [r.key for r in by_siret] == [(SIRET_B,), (SIRET_A,)]  # sorted: "4430…" < "7328…"
    assert by_kind[(I.StructureKind.ETTI,)].running == 1  # no exit key: running counted in

    def first_letter(p):
        return p.structure.kind.value[0]

    rows = stats.exit_rates(pop, by=first_letter)
    assert rows[0].by == ("first_letter",)
    assert {r.key for r in rows} == {("A",), ("E",)}
    with pytest.raises(ValueError, match="unknown key"):
        stats.exit_rates(pop, by="nope")


def test_period_filters_on_exit_date():
    pop = [
        _parcours("ACI", K.CDI),
        _parcours("ACI", K.CDI, start=D(2025, 1, 1)),
        _parcours("ACI", None),
    ]
    (row,) = stats.exit_rates(pop, period=(D(2024, 6, 30), D(2024, 6, 30)))
    assert row.exits == 1  # the 2024 exit is on 2024-06-30
    assert not stats.exit_rates(pop, period=(D(2024, 7, 1), D(2024, 12, 31)))


def test_sustainable_target_25_percent_exactly():
    four = [_parcours("ACI", K.CDI), *(_parcours("ACI", K.JOB_SEEKING) for _ in range(3))]
    (row,) = stats.exit_rates(four)
    assert row.sustainable_rate == 0.25
    assert row.meets_sustainable_target is True  # 25 % reaches the target
    (row,) = stats.exit_rates([*four, _parcours("ACI", K.JOB_SEEKING)])
    assert row.sustainable_rate == pytest.approx(0.2)
    assert row.meets_sustainable_target is False
    assert stats.Targets() == stats.Targets(dynamic=0.60, sustainable=0.25)


def test_average_length_counts_an_exit_on_the_first_day():
    p = _parcours("EITI", K.CDI, months=1)
    same_day = attrs.evolve(p, exit=I.Exit(on=START, kind=K.CDI))
    before = attrs.evolve(p, exit=I.Exit(on=START.subtract(days=1), kind=K.CDI))
    (row,) = stats.exit_rates([same_day])
    assert row.average_length_days == 1
    assert row.counted == 1  # EITI: no threshold
    (row,) = stats.exit_rates([same_day, before])
    assert row.average_length_days == 1  # an exit before the start has no length
    assert (row.counted, row.not_counted) == (1, 1)


def test_custom_targets():
    (row,) = stats.exit_rates(
        [_parcours("ACI", I.ExitKind.CDI)], targets=stats.Targets(dynamic=1.0, sustainable=1.0)
    )
    assert row.meets_dynamic_target
    assert row.meets_sustainable_target


SUSTAINABLE_KINDS = st.sampled_from(
    ["CDI", "CIVIL_SERVICE", "BUSINESS_CREATION", "CDD_6_MONTHS_OR_MORE"]
)


def _oracle(pop):
    """Brute-force rates from the definitions."""
    from iae_core.exits import exit_counted

    counted = [
        p
        for p in pop
        if p.exit is not None
        and p.exit.category is not I.ExitCategory.WITHDRAWN
        and exit_counted(p)
    ]
    dyn = [p for p in counted if p.exit.category.is_dynamic]
    sus = [p for p in counted if p.exit.category is I.ExitCategory.SUSTAINABLE]
    if not counted:
        return None, None
    return len(dyn) / len(counted), len(sus) / len(counted)


@given(st.lists(ps.lawful_parcours(), max_size=12))
def test_rates_match_the_oracle_and_are_shares(pop):
    (row,) = stats.exit_rates(pop) or [None]
    if row is None:
        assert pop == []
        return
    dyn, sus = _oracle(pop)
    assert row.dynamic_rate == (None if dyn is None else pytest.approx(dyn))
    assert row.sustainable_rate == (None if sus is None else pytest.approx(sus))
    for rate in (row.dynamic_rate, row.sustainable_rate, row.positive_rate):
        assert rate is None or 0 <= rate <= 1
    assert row.counted + row.withdrawn + row.not_counted == row.exits <= row.parcours
    assert row.sustainable <= row.dynamic <= row.counted


@given(
    st.lists(ps.lawful_parcours(exited=True), max_size=10),
    SUSTAINABLE_KINDS,
)
def test_adding_a_sustainable_exit_never_lowers_the_dynamic_rate(pop, kind):
    extra = _parcours("ACI", I.ExitKind(kind), months=12)
    (before,) = stats.exit_rates(pop) or [None]
    (after,) = stats.exit_rates([*pop, extra])
    assert after.counted == (before.counted if before else 0) + 1
    if before is not None and before.dynamic_rate is not None:
        assert after.dynamic_rate >= before.dynamic_rate
        assert after.sustainable_rate >= before.sustainable_rate


@given(st.lists(ps.lawful_parcours(), max_size=12))
def test_groups_partition_the_population(pop):
    rows = stats.exit_rates(pop, by=("kind", "year"))
    (total,) = stats.exit_rates(pop) or [None]
    if total is None:
        assert rows == []
        return
    for field in ("parcours", "exits", "withdrawn", "not_counted", "counted", "dynamic"):
        assert sum(getattr(r, field) for r in rows) == getattr(total, field)


def test_records_are_plain():
    (row,) = stats.exit_rates([_parcours("ACI", I.ExitKind.CDI)], by="kind")
    d = row.as_dict()
    assert d["kind"] is I.StructureKind.ACI
    assert "by" not in d
    assert "key" not in d
    assert attrs.asdict(row)["group"] == "ACI"

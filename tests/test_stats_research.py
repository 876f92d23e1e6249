"""exit_rates for research (issue 19): order, named keys, cohorts, Wilson, mergeable counts."""

import math
import pickle

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core as I
from iae_core import stats
from iae_core.testing import parcours_strategies as ps

D = pendulum.date
K = I.ExitKind
SIRET = "73282932000074"


START = D(2024, 1, 1)


def _p(kind, exit_kind, *, start=START, months=6):
    structure = I.Structure(siret=SIRET, kind=kind, name="S", department="75")
    end = start.add(months=months).subtract(days=1)
    ckind = {"ETTI": "MISSION"}.get(kind, "CDDI")
    contract = I.Contract(kind=ckind, structure_kind=kind, start=start, end=end, weekly_hours=35)
    return I.Parcours(
        person=I.Person(id="p", birth_date=D(1980, 1, 1)),
        structure=structure,
        contracts=(contract,),
        exit=None if exit_kind is None else I.Exit(on=end, kind=exit_kind),
    )


# --- Wilson -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # Newcombe (1998), Stat. Med. 17:857-872, table I, method 3 (Wilson score)
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_textbook_examples(k, n, low, high):
    lo, hi = stats.wilson_interval(k, n)
    assert round(lo, 4) == low
    assert round(hi, 4) == high


def test_wilson_by_hand_and_edges():
    # 3 of 5 at 95 %: z = 1.959964; centre (0.6 + z²/10) / (1 + z²/5)
    z = 1.959963984540054
    centre = (0.6 + z * z / 10) / (1 + z * z / 5)
    half = z * math.sqrt(0.6 * 0.4 / 5 + z * z / 100) / (1 + z * z / 5)
    assert stats.wilson_interval(3, 5) == pytest.approx((centre - half, centre + half))
    assert stats.wilson_interval(0, 0) is None
    assert stats.wilson_interval(4, 4)[1] == 1.0
    narrow = stats.wilson_interval(81, 263, confidence=0.5)
    wide = stats.wilson_interval(81, 263, confidence=0.99)
    assert wide[0] < narrow[0] < narrow[1] < wide[1]
    for bad in ((-1, 3), (4, 3)):
        with pytest.raises(ValueError, match="between 0 and n"):
            stats.wilson_interval(*bad)
    with pytest.raises(ValueError, match="confidence"):
        stats.wilson_interval(1, 2, confidence=1.0)


@given(st.integers(0, 400).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
@example((0, 1))
@example((1, 1))
@example((0, 0))
def test_wilson_contains_the_rate(kn):
    k, n = kn
    ci = stats.wilson_interval(k, n)
    if n == 0:
        assert ci is None
        return
    assert 0 <= ci[0] <= k / n <= ci[1] <= 1
    assert ci[0] < ci[1]


def test_every_rate_has_its_interval():
    pop = [_p("ACI", K.CDI), _p("ACI", K.CDD_UNDER_6_MONTHS), _p("ACI", K.JOB_SEEKING)]
    pop += [_p("ACI", K.QUALIFYING_TRAINING), _p("ACI", K.JOB_SEEKING)]
    (row,) = stats.exit_rates(pop)
    assert (row.dynamic_rate_low, row.dynamic_rate_high) == stats.wilson_interval(3, 5)
    assert (row.sustainable_rate_low, row.sustainable_rate_high) == stats.wilson_interval(1, 5)
    assert (row.positive_rate_low, row.positive_rate_high) == stats.wilson_interval(1, 5)
    (none,) = stats.exit_rates([_p("ACI", None)])
    assert none.dynamic_rate_low is None
    assert none.dynamic_rate_high is None
    d = row.as_dict()
    assert list(d)[list(d).index("positive_rate") + 1] == "dynamic_rate_low"


# --- order, names, cohorts, running apart ------------------------------------------------------


def test_groups_follow_the_enum_order_and_none_last():
    pop = [_p(k, K.CDI) for k in ("EITI", "ETTI", "EI", "AI", "ACI")]
    rows = stats.exit_rates(pop, by="kind")
    assert [r.key[0].value for r in rows] == ["ACI", "AI", "EI", "ETTI", "EITI"]
    rows = stats.exit_rates([_p("ACI", K.JOB_SEEKING), _p("ACI", K.CDI)], by="exit_kind")
    assert [r.key for r in rows] == [(K.CDI,), (K.JOB_SEEKING,)]  # declared order
    rows = stats.exit_rates([_p("ACI", K.CDI), _p("ACI", None)], by=lambda p: p.exit is None)
    assert [r.key for r in rows] == [(False,), (True,)]


def test_running_parcours_are_reported_apart():
    pop = [_p("AI", None), _p("ACI", None), _p("ACI", K.CDI), _p("AI", K.JOB_SEEKING)]
    rows = stats.exit_rates(pop, by=("kind", "year"))
    assert [(r.key, r.parcours, r.exits, r.running) for r in rows] == [
        ((I.StructureKind.ACI, 2024), 1, 1, 0),
        ((I.StructureKind.AI, 2024), 1, 1, 0),
        ((I.StructureKind.ACI, None), 1, 0, 1),
        ((I.StructureKind.AI, None), 1, 0, 1),
    ]
    assert [r.key for r in stats.exit_rates(pop, by=("kind", "year"), running=False)] == [
        (I.StructureKind.ACI, 2024),
        (I.StructureKind.AI, 2024),
    ]
    # without a key only exits have, a group holds its running parcours
    rows = stats.exit_rates(pop, by="kind")
    assert [(r.parcours, r.exits, r.running) for r in rows] == [(2, 1, 1), (2, 1, 1)]


def test_named_keys_and_lambdas():
    pop = [_p("ACI", K.CDI), _p("EI", K.CDI)]
    rows = stats.exit_rates(pop, by={"zone": lambda p: "north", "kind": "kind"})
    assert rows[0].by == ("zone", "kind")
    assert rows[0].as_dict()["zone"] == "north"
    assert rows[0].as_dict()["kind"] is I.StructureKind.ACI
    rows = stats.exit_rates(pop, by=(lambda p: 1, lambda p: 2))
    assert rows[0].by == ("key", "key_2")
    with pytest.raises(TypeError, match="a key is"):
        stats.exit_rates(pop, by=(3,))


def test_entry_and_exit_cohorts():
    late = _p("ACI", K.CDI, start=D(2024, 11, 1), months=4)  # enters 2024, exits 2025
    early = _p("ACI", K.JOB_SEEKING, start=D(2024, 1, 1), months=6)  # 2024 -> 2024
    running = _p("ACI", None, start=D(2025, 3, 1))
    by_entry = stats.exit_rates([late, early, running], by="entry_year")
    assert [(r.key, r.parcours, r.exits, r.running) for r in by_entry] == [
        ((2024,), 2, 2, 0),
        ((2025,), 1, 0, 1),
    ]
    assert by_entry[0].dynamic_rate == 0.5
    by_exit = stats.exit_rates([late, early, running], by="exit_year")
    assert [(r.key, r.dynamic_rate) for r in by_exit] == [
        ((2024,), 0.0),
        ((2025,), 1.0),
        ((None,), None),
    ]
    assert [r.key for r in by_exit] == [
        r.key for r in stats.exit_rates([late, early, running], by="year")
    ]


# --- mergeable counts --------------------------------------------------------------------------


@given(st.lists(ps.lawful_parcours(), max_size=12), st.integers(0, 12))
@example([], 0)
def test_counts_of_partitions_merge_to_the_whole(pop, cut):
    by = ("kind", "year")
    parts = [stats.exit_counts(pop[:cut], by=by), stats.exit_counts(pop[cut:], by=by)]
    parts = [pickle.loads(pickle.dumps(c)) for c in parts]
    merged = parts[0].merge(parts[1])
    assert merged.rates() == stats.exit_rates(pop, by=by)


def test_merging_different_groupings_is_refused():
    with pytest.raises(ValueError, match="cannot merge"):
        stats.exit_counts([], by="kind").merge(stats.exit_counts([], by="year"))


def test_tally_adds():
    a = stats.Tally(parcours=2, exits=1, sustainable=1, length_sum=10, length_n=1)
    b = stats.Tally(parcours=1, running=1)
    assert a + b == stats.Tally(
        parcours=3, running=1, exits=1, sustainable=1, length_sum=10, length_n=1
    )

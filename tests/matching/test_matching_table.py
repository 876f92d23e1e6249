"""The table of score components (`_score.COMPONENTS`) is the one definition of the score.

Every row is used by the three paths (the scalar `score`, the pair scorer of the
pure-Python engine, the numpy engine), and the three give the same quantised scores.
"""

import importlib
import math
import subprocess
import sys
from collections import Counter

import attrs
import pendulum
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from iae_core.matching import (
    DEFAULT_WEIGHTS,
    Candidate,
    GeoPoint,
    Position,
    Weights,
    _python,
    _score,
    score,
)
from iae_core.testing.matching_strategies import instances

LYON = GeoPoint(lat=45.7640, lon=4.8357)
VILLEURBANNE = GeoPoint(lat=45.7719, lon=4.8902)


def person(i="c", **kw):
    base = {"id": i, "location": LYON, "rome_codes": ("K2204",)}
    return Candidate(**(base | kw))


def job(i="p", **kw):
    base = {"id": i, "location": VILLEURBANNE, "rome_code": "K2204", "weekly_hours": 26}
    return Position(**(base | kw))


def q_of(value: float) -> int:
    return math.floor(value * _score.SCALE + 0.5)


def numpy_q(cands, poss, weights):
    """(candidate id, position id) -> quantised score, from the numpy engine."""
    pytest.importorskip("numpy")
    from iae_core.matching import _fast

    prefs = _fast.build_prefs(cands, poss, weights, None, by_priority=False)
    out = {}
    for c in range(prefs.n):
        for k in range(prefs.indptr[c], prefs.indptr[c + 1]):
            out[cands[c].id, poss[int(prefs.col[k])].id] = int(prefs.q[k])
    return out


def three_ways(cands, poss, weights):
    cands = sorted(cands, key=lambda c: c.id)
    poss = sorted(poss, key=lambda p: p.id)
    scalar, pair = {}, {}
    pair_q = _score.pair_scorer(weights)
    for c in cands:
        for p in poss:
            s = score(c, p, weights=weights)
            scalar[c.id, p.id] = -1 if s.blocked else q_of(s.value)
            pair[c.id, p.id] = pair_q(c, p)
            assert _score.pair_q(c, p, weights) == pair[c.id, p.id]
    return scalar, pair, numpy_q(cands, poss, weights)


weights_st = st.builds(
    Weights,
    distance=st.sampled_from([0, 0.35, 1, 2.5]),
    rome=st.sampled_from([0, 0.4, 1]),
    hours=st.sampled_from([0, 0.1, 3]),
    availability=st.sampled_from([0.15, 1, 7]),
)

EDGE = (
    [
        person("a", max_distance_km=0),
        person("b", rome_codes=(), weekly_hours_min=26, weekly_hours_max=26),
        person("c", rome_codes=("K2202", "N1103"), available_from=pendulum.date(2025, 10, 1)),
        person(
            "d", rome_codes=("K1302",), holds={"caces"}, available_from=pendulum.date(2026, 3, 1)
        ),
    ],
    [
        job("x", location=LYON, starts_on=pendulum.date(2025, 9, 1)),
        job("y", rome_code="A1203", requires={"caces"}, weekly_hours=35),
        job("z", seats=2, starts_on=pendulum.date(2025, 9, 1)),
        job("w", weekly_hours=40, rome_code="N1103"),
    ],
)


@settings(deadline=None, max_examples=150)
@given(inst=instances(max_candidates=6, max_positions=5), weights=weights_st)
@example(inst=EDGE, weights=DEFAULT_WEIGHTS)
@example(inst=EDGE, weights=Weights(distance=0, rome=0, hours=0, availability=1))
@example(inst=EDGE, weights=Weights(distance=1, rome=0.3, hours=2, availability=0.7))
@example(inst=([], []), weights=DEFAULT_WEIGHTS)
def test_scalar_pair_and_numpy_give_the_same_scores(inst, weights):
    cands, poss = inst
    scalar, pair, fast = three_ways(cands, poss, weights)
    assert scalar == pair
    seated = {p.id for p in poss if p.seats > 0}
    expected = {k: q for k, q in pair.items() if q >= 0 and k[1] in seated}
    assert fast == expected


def test_the_edge_instance_takes_every_branch():
    # The @example above means something: blocked by each constraint, and each ROME level.
    cands, poss = EDGE
    scores = [score(c, p) for c in cands for p in poss]
    assert {s.blocked_by for s in scores} == {None, "distance", "requires", "hours"}
    assert {s.components[1].value for s in scores if not s.blocked} == {1.0, 0.6, 0.3, 0.0}
    assert len({s.components[3].value for s in scores}) >= 3


def _counting(counts, key, fn):
    def wrapped(*args):
        counts[key] += 1
        return fn(*args)

    return wrapped


def test_every_row_of_the_table_is_used_by_the_three_paths(monkeypatch):
    pytest.importorskip("numpy")
    from iae_core.matching import _fast

    counts: Counter[tuple[str, str]] = Counter()
    rows = tuple(
        attrs.evolve(
            spec,
            value=_counting(counts, (spec.name, "value"), spec.value),
            vector=_counting(counts, (spec.name, "vector"), spec.vector),
            reason=_counting(counts, (spec.name, "reason"), spec.reason),
            ok=None if spec.ok is None else _counting(counts, (spec.name, "ok"), spec.ok),
        )
        for spec in _score.COMPONENTS
    )
    monkeypatch.setattr(_score, "COMPONENTS", rows)
    c, p = person(), job()
    names = [spec.name for spec in rows]
    weighted = [spec.name for spec in rows if spec.weight is not None]
    checked = [spec.name for spec in rows if spec.ok is not None]

    s = score(c, p)
    assert [comp.name for comp in s.components] == names
    assert all(counts[n, "value"] == 1 and counts[n, "reason"] >= 1 for n in names)
    assert all(counts[n, "ok"] >= 1 for n in checked)

    counts.clear()
    assert _score.pair_scorer(DEFAULT_WEIGHTS)(c, p) == q_of(s.value)
    assert all(counts[n, "value"] == 1 for n in weighted)
    assert all(counts[n, "ok"] == 1 for n in checked)

    counts.clear()
    prefs = _fast.build_prefs([c], [p], DEFAULT_WEIGHTS, None, by_priority=False)
    assert prefs.q.tolist() == [q_of(s.value)]
    assert all(counts[n, "vector"] == 1 for n in weighted)

    counts.clear()
    prefs = _python.build_prefs([c], [p], DEFAULT_WEIGHTS, None, by_priority=False)
    assert prefs.q == [q_of(s.value)]
    assert all(counts[n, "value"] == 1 for n in weighted)


def test_a_row_changed_in_the_table_reaches_the_three_paths(monkeypatch):
    """One row is the whole component: change it there and every path follows."""
    pytest.importorskip("numpy")
    flat = attrs.evolve(
        _score.COMPONENTS[1],
        value=lambda c, p, km: 0.5,
        vector=lambda pairs: 0.0 * pairs.km + 0.5,
        reason=lambda c, p, km, lang: "moyen" if lang == "fr" else "average",
    )
    cands = [person("a"), person("b", rome_codes=("K2202",))]
    poss = [job("x"), job("y", rome_code="N1103", location=LYON)]
    before = three_ways(cands, poss, DEFAULT_WEIGHTS)[0]
    monkeypatch.setattr(_score, "COMPONENTS", (_score.COMPONENTS[0], flat, *_score.COMPONENTS[2:]))
    scalar, pair, fast = three_ways(cands, poss, DEFAULT_WEIGHTS)
    assert scalar == pair == fast
    assert all(scalar[k] != before[k] for k in before)
    assert score(cands[0], poss[0]).components[1].reason == "moyen"
    assert score(cands[0], poss[0], lang="en").components[1].reason == "average"


def test_reasons_in_english_from_the_same_table():
    c = person(
        rome_codes=("K2202",),
        weekly_hours_min=20,
        weekly_hours_max=30.5,
        available_from=pendulum.date(2025, 9, 10),
    )
    p = job(requires={"permis_b"}, starts_on=pendulum.date(2025, 9, 1))
    fr, en = score(c, p), score(c, p, lang="en")
    assert [(x.name, x.value, x.weight) for x in fr.components] == [
        (x.name, x.value, x.weight) for x in en.components
    ]
    assert (fr.value, fr.blocked_by) == (en.value, en.blocked_by)
    reasons = {x.name: x.reason for x in en.components}
    assert reasons == {
        "distance": "4.3 km away, within the 25 km travel radius",
        "rome": "Related job: same group K22 (position K2204)",
        "hours": "26 h a week, within the range sought (20–30.5 h)",
        "availability": "Available 9 days after the start",
        "requires": "Missing: permis_b",
    }
    assert fr.components[2].reason == "26 h par semaine, dans la plage souhaitée (20–30,5 h)"
    assert en.explain("en").splitlines()[:2] == [
        "Score 0.000 — blocked (requires)",
        "  - distance: 0.83 × 0.35 — 4.3 km away, within the 25 km travel radius",
    ]
    assert fr.explain().splitlines()[0] == "Score 0,000 — exclu (requires)"
    with pytest.raises(ValueError, match="lang"):
        score(c, p, lang="de")


def test_every_reason_has_english_text():
    cands, poss = EDGE
    for c in cands:
        for p in poss:
            fr, en = score(c, p), score(c, p, lang="en")
            for a, b in zip(fr.components, en.components, strict=True):
                assert a.reason != b.reason, a.reason


def test_runtime_does_not_import_hypothesis():
    code = "import sys, iae_core, iae_core.matching; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("iae_core.matching.strategies")

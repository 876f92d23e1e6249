"""Theory of ``assign()`` on small instances, against brute-force oracles.

The properties of the design note *matching anchors* §6 that the assignment tests
do not already cover: rural hospitals, the candidate-pessimal end of the lattice
(position-proposing deferred acceptance), comparative statics, truncation,
strategy-proofness for candidates, cloning seats (HR = SM), relabelling and ties, and
certificates of the optimal assignment.

Stable matchings are enumerated by brute force (at most 5 candidates x 3 positions) with
the oracle of ``test_matching_assign.py``, built from the public ``score()`` only. Both
sides rank by the same score unless ``by_priority``, so the instances draw
``by_priority`` too: with priorities the two sides disagree and several stable
matchings exist.

A candidate's list can be changed alone through the public API in one way only: a
position that requires an item the candidate does not hold leaves its list, and nothing
else changes (``requires`` has weight 0 in the score). :func:`own_requirements` gives each
position an item of its own that every candidate holds; a candidate then reports any
ordered sublist of its true list by holding fewer of them. Reordering a list is not
expressible: every attribute that changes the order (place, ROME codes, hours, dates)
also changes how the positions rank the candidate.

The last tests run some of these properties with broken deferred acceptance
(first-come-first-served, position-proposing, global greedy...) on written-down
counterexamples and require each to fail there (and the real one to pass).
"""

import heapq
import importlib.util
import itertools
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iae_core.matching import Candidate, GeoPoint, Position, _python, assign, blocking_pairs
from iae_core.testing.matching_strategies import instances, positions


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_oracle = _load("matching_oracle_theory", Path(__file__).with_name("test_matching_assign.py"))
all_matchings, blocking = _oracle.all_matchings, _oracle.blocking
check_valid, oracle_prefs = _oracle.check_valid, _oracle.oracle_prefs

# The deferred acceptance under test is _python's (small instances use it with
# backend="auto" too); the numpy path is shown equal to it in the other test files.
BACKEND = "python"


def stable(cands, poss, by_priority=False, **kw):
    return assign(
        cands, poss, max_choices=None, by_priority=by_priority, backend=BACKEND, **kw
    ).as_dict()


def rank_of(order, cid, pid):
    """Rank of ``pid`` in the candidate's list (0 best); being unmatched is worst."""
    lst = order[cid]
    return len(lst) if pid is None else lst.index(pid)


def stable_matchings(cands, poss, by_priority):
    q, order, key = oracle_prefs(cands, poss, by_priority)
    found = [
        m for m in all_matchings(cands, poss, q) if not blocking(m, cands, poss, q, order, key)
    ]
    return found, q, order, key


def position_proposing(cands, poss, q, order, key):
    """Textbook position-proposing deferred acceptance with capacities (the oracle)."""
    seats = {p.id: p.seats for p in poss}
    lists = {
        p.id: sorted((c.id for c in cands if (c.id, p.id) in q), key=lambda c, p=p.id: key(p, c))
        for p in poss
    }
    nxt = dict.fromkeys(seats, 0)
    held = {p.id: set() for p in poss}
    match = {}
    busy = True
    while busy:
        busy = False
        for pid in sorted(seats):
            while len(held[pid]) < seats[pid] and nxt[pid] < len(lists[pid]):
                cid = lists[pid][nxt[pid]]
                nxt[pid] += 1
                busy = True
                mine = match.get(cid)
                if rank_of(order, cid, pid) < rank_of(order, cid, mine):
                    if mine is not None:
                        held[mine].discard(cid)
                    match[cid] = pid
                    held[pid].add(cid)
    return match


def own_tag(pid):
    return f"own:{pid}"


def own_requirements(cands, poss):
    """The same instance where each position also requires an item of its own, held by all."""
    tags = frozenset(own_tag(p.id) for p in poss)
    poss2 = [attrs.evolve(p, requires=p.requires | {own_tag(p.id)}) for p in poss]
    cands2 = [attrs.evolve(c, holds=c.holds | tags) for c in cands]
    return cands2, poss2


def reporting(cands, cid, kept, all_pids):
    """``cands`` where ``cid`` lists only ``kept`` (on an :func:`own_requirements` instance)."""
    drop = {own_tag(p) for p in all_pids if p not in kept}
    return [attrs.evolve(c, holds=c.holds - drop) if c.id == cid else c for c in cands]


def fresh_id(taken, stem):
    i = 0
    while f"{stem}{i}" in taken:
        i += 1
    return f"{stem}{i}"


# --- checks (plain functions: the last test runs them against broken DAs) --------------------


def check_rural_hospitals(inst, by_priority):
    """Property 6: every stable matching matches the same people and fills the same seats."""
    cands, poss = inst
    ours = stable(cands, poss, by_priority)
    found, _, _, _ = stable_matchings(cands, poss, by_priority)
    seats = {p.id: p.seats for p in poss}

    def filled(m):
        return {p.id: {c for c, pid in m.items() if pid == p.id} for p in poss}

    mine = filled(ours)
    for other in found:
        assert set(other) == set(ours), "the same people are matched"
        theirs = filled(other)
        for pid, held in mine.items():
            assert len(theirs[pid]) == len(held), "the same number of seats filled"
            if len(held) < seats[pid]:
                assert theirs[pid] == held, "an under-filled position gets the same people"


def check_lattice_ends(inst, by_priority):
    """Properties 4 and 5: ours is the best stable matching for every person, and
    position-proposing DA gives the worst one, which is weakly worse than ours."""
    cands, poss = inst
    ours = stable(cands, poss, by_priority)
    found, q, order, key = stable_matchings(cands, poss, by_priority)
    best = {}
    worst = {}
    for c in cands:
        ranks = [(rank_of(order, c.id, m.get(c.id)), m.get(c.id)) for m in found]
        best[c.id] = min(ranks)[1]
        worst[c.id] = max(ranks)[1]
    pessimal = {c: p for c, p in worst.items() if p is not None}
    # The pointwise worst is itself stable (the lattice), and the oracle reaches it.
    assert pessimal in found
    assert position_proposing(cands, poss, q, order, key) == pessimal
    assert ours == {c: p for c, p in best.items() if p is not None}
    for c in cands:
        assert rank_of(order, c.id, ours.get(c.id)) <= rank_of(order, c.id, pessimal.get(c.id))


def check_more_seats_help(inst, by_priority, j, new_position):
    """Property 12a: a seat more, or a new position, leaves no person worse off
    (Gale & Sotomayor 1985); a new person leaves no one better off."""
    cands, poss = inst
    before = stable(cands, poss, by_priority)
    j %= max(len(poss), 1)
    grown = [attrs.evolve(p, seats=p.seats + 1) if i == j else p for i, p in enumerate(poss)]
    added = [*poss, attrs.evolve(new_position, id=fresh_id({p.id for p in poss}, "new"))]
    for bigger in (grown, added):
        after = stable(cands, bigger, by_priority)
        _, order, _ = oracle_prefs(cands, bigger, by_priority)
        for c in cands:
            assert rank_of(order, c.id, after.get(c.id)) <= rank_of(order, c.id, before.get(c.id))
    if cands:  # the mirror image: take one person out, nobody else is worse off
        rest = cands[1:]
        after = stable(rest, poss, by_priority)
        _, order, _ = oracle_prefs(cands, poss, by_priority)
        for c in rest:
            assert rank_of(order, c.id, after.get(c.id)) <= rank_of(order, c.id, before.get(c.id))


def check_truncation(inst, by_priority):
    """Property 12b: an unmatched person stays unmatched whatever prefix of its list it
    keeps; a matched one keeping its match (and those above) changes nothing for anyone."""
    cands, poss = own_requirements(*inst)
    ours = stable(cands, poss, by_priority)
    assert ours == stable(*inst, by_priority)  # the own requirements change nothing
    _, order, _ = oracle_prefs(cands, poss, by_priority)
    pids = [p.id for p in poss]
    for c in cands:
        lst = order[c.id]
        mine = ours.get(c.id)
        for k in range(len(lst)):
            after = stable(reporting(cands, c.id, lst[:k], pids), poss, by_priority)
            if mine is None:
                assert c.id not in after, "an unmatched person stays unmatched"
            elif lst.index(mine) < k:
                assert after == ours, "truncating below one's match changes nothing"


def check_strategy_proof(inst, by_priority):
    """Property 8 (restricted to sublists, see the module docstring): nobody gets a
    position it prefers, by its true list, by listing any ordered sublist of it."""
    cands, poss = own_requirements(*inst)
    ours = stable(cands, poss, by_priority)
    _, order, _ = oracle_prefs(cands, poss, by_priority)
    pids = [p.id for p in poss]
    for c in cands:
        lst = order[c.id]
        truth = rank_of(order, c.id, ours.get(c.id))
        for size in range(len(lst)):
            for kept in itertools.combinations(lst, size):
                after = stable(reporting(cands, c.id, set(kept), pids), poss, by_priority)
                assert rank_of(order, c.id, after.get(c.id)) >= truth, (c.id, kept)


def clone_seats(poss):
    """Each position with ``s`` seats becomes ``s`` one-seat positions ``id#0``, ``id#1``…

    ``#`` sorts before the letters of the ids drawn, so ties between positions are still
    broken in the same order."""
    clones = []
    for p in poss:
        clones.extend(attrs.evolve(p, id=f"{p.id}#{i}", seats=1) for i in range(p.seats))
    return clones


def check_clones(inst, by_priority):
    """Property 13: HR equals SM on the instance with every seat cloned (Gusfield & Irving
    §1.6), for the stable and the optimal methods."""
    cands, poss = inst
    hr = stable(cands, poss, by_priority)
    sm = stable(cands, clone_seats(poss), by_priority)
    assert {c: p.split("#")[0] for c, p in sm.items()} == hr
    assert sorted(sm.values()) == sorted(set(sm.values())), "one person per clone"
    a = assign(cands, poss, method="optimal", max_choices=None, solver="python")
    b = assign(cands, clone_seats(poss), method="optimal", max_choices=None, solver="python")
    assert a.total_score == pytest.approx(b.total_score, abs=1e-9)


# --- the tests ---------------------------------------------------------------------------


@settings(deadline=None)
@given(inst=instances(), by_priority=st.booleans())
def test_rural_hospitals(inst, by_priority):
    check_rural_hospitals(inst, by_priority)


@settings(deadline=None)
@given(inst=instances(), by_priority=st.booleans())
def test_position_proposing_is_candidate_pessimal(inst, by_priority):
    check_lattice_ends(inst, by_priority)


@settings(deadline=None)
@given(
    inst=instances(),
    by_priority=st.booleans(),
    j=st.integers(0, 2),
    new_position=positions(spread=0.05),
)
def test_comparative_statics(inst, by_priority, j, new_position):
    check_more_seats_help(inst, by_priority, j, new_position)


@settings(deadline=None)
@given(inst=instances(), by_priority=st.booleans())
def test_truncation(inst, by_priority):
    check_truncation(inst, by_priority)


@settings(deadline=None)
@given(inst=instances(max_candidates=4, max_positions=3), by_priority=st.booleans())
def test_strategy_proof_for_candidates(inst, by_priority):
    check_strategy_proof(inst, by_priority)


@settings(deadline=None)
@given(inst=instances(), by_priority=st.booleans())
def test_hr_equals_sm_on_cloned_seats(inst, by_priority):
    check_clones(inst, by_priority)


@settings(deadline=None)
@given(inst=instances(), by_priority=st.booleans(), data=st.data())
def test_relabelling(inst, by_priority, data):
    """Properties 7 and 14: ids matter only through the ties they break.

    Renaming that keeps the order of the ids renames the result and changes nothing else.
    Any renaming gives an assignment that is stable for the new tie-breaking and weakly
    stable for the raw scores (no pair where both sides strictly prefer each other), and
    the same one, renamed, when no tie needs breaking.
    """
    cands, poss = inst
    ref = stable(cands, poss, by_priority)
    q, order, _ = oracle_prefs(cands, poss, by_priority)

    kept_c = {c.id: "n" + c.id for c in cands}
    kept_p = {p.id: "n" + p.id for p in poss}
    renamed = stable(
        [attrs.evolve(c, id=kept_c[c.id]) for c in cands],
        [attrs.evolve(p, id=kept_p[p.id]) for p in poss],
        by_priority,
    )
    assert renamed == {kept_c[c]: kept_p[p] for c, p in ref.items()}

    cids, pids = [c.id for c in cands], [p.id for p in poss]
    new_c = dict(zip(cids, data.draw(st.permutations(cids)), strict=True))
    new_p = dict(zip(pids, data.draw(st.permutations(pids)), strict=True))
    back_c = {v: k for k, v in new_c.items()}
    back_p = {v: k for k, v in new_p.items()}
    c2 = [attrs.evolve(c, id=new_c[c.id]) for c in cands]
    p2 = [attrs.evolve(p, id=new_p[p.id]) for p in poss]
    result = assign(c2, p2, max_choices=None, by_priority=by_priority, backend=BACKEND)
    assert blocking_pairs(result, c2, p2, max_choices=None, by_priority=by_priority) == []
    got = {back_c[c]: back_p[p] for c, p in result.pairs}
    prio = {c.id: c.priority if by_priority else 0 for c in cands}
    holders = {p.id: [c for c, pid in got.items() if pid == p.id] for p in poss}
    seats = {p.id: p.seats for p in poss}
    for (cid, pid), v in q.items():
        mine = got.get(cid)
        if mine == pid or (mine is not None and q[cid, mine] >= v):
            continue  # the person does not strictly prefer pid
        assert len(holders[pid]) == seats[pid], "weakly stable: no free seat wanted"
        assert all((prio[h], q[h, pid]) >= (prio[cid], v) for h in holders[pid])
    ties = any(len({q[c, p] for p in lst}) < len(lst) for c, lst in order.items()) or any(
        len({(prio[c], v) for (c, pp), v in q.items() if pp == p.id})
        < sum(1 for (_, pp) in q if pp == p.id)
        for p in poss
    )
    if not ties:
        assert got == ref


@settings(deadline=None)
@given(inst=instances(), by_priority=st.booleans(), j=st.integers(0, 2), data=st.data())
def test_optimal_certificates(inst, by_priority, j, data):
    """Property 11: a seat or an acceptable pair more never lowers the optimum; taking
    out a person the optimum leaves unassigned changes nothing, taking out an assigned
    one lowers it by at most that person's score."""
    cands, poss = inst

    def best(cs, ps):
        return assign(cs, ps, method="optimal", max_choices=None, solver="python").total_score

    ref = assign(cands, poss, method="optimal", max_choices=None, solver="python")
    total = ref.total_score
    if poss:
        j %= len(poss)
        grown = [attrs.evolve(p, seats=p.seats + 1) if i == j else p for i, p in enumerate(poss)]
        assert best(cands, grown) >= total
    if cands:  # a person gains an item: pairs become acceptable, no score changes
        c = data.draw(st.sampled_from(cands))
        item = data.draw(st.sampled_from(["permis_b", "caces", "haccp"]))
        more = [attrs.evolve(x, holds=x.holds | {item}) if x.id == c.id else x for x in cands]
        assert best(more, poss) >= total
    scores = dict(zip((c for c, _ in ref.pairs), ref.scores, strict=True))
    for c in cands:
        rest = [x for x in cands if x.id != c.id]
        if c.id in ref.unmatched:
            assert best(rest, poss) == pytest.approx(total, abs=1e-9)
        else:
            assert total - scores[c.id] - 1e-9 <= best(rest, poss) <= total + 1e-9


@settings(deadline=None)
@given(inst=instances())
def test_optimal_equals_the_lp_optimum(inst):
    """Property 11: the b-matching polytope is integral (total unimodularity), so the LP
    relaxation, solved by HiGHS, has the same optimum as ``assign``."""
    optimize = pytest.importorskip("scipy.optimize")
    cands, poss = inst
    q, _, _ = oracle_prefs(cands, poss)
    pairs = sorted(q)
    result = assign(cands, poss, method="optimal", max_choices=None, solver="python")
    if not pairs:
        assert result.total_score == 0
        return
    rows, bounds = [], []
    for c in cands:
        rows.append([1.0 if pc == c.id else 0.0 for pc, _ in pairs])
        bounds.append(1.0)
    for p in poss:
        rows.append([1.0 if pp == p.id else 0.0 for _, pp in pairs])
        bounds.append(float(p.seats))
    lp = optimize.linprog(
        [-float(q[pair]) for pair in pairs], A_ub=rows, b_ub=bounds, bounds=(0, 1), method="highs"
    )
    assert lp.status == 0
    assert round(result.total_score * 1e6) == round(-lp.fun)


def test_public_inputs_have_one_stable_assignment():
    """Why the public tests above cannot tell candidate- from position-proposing DA.

    Both sides rank by the same score (positions by ``priority`` first, the same for
    all of them), ties broken by id: a cycle c1 > p1 > c2 > p2 > c1 of preferences would
    need q(c1,p1) >= q(c1,p2) >= q(c2,p2) >= q(c2,p1) >= q(c1,p1), all equal, and then
    the ids contradict. Acyclic preferences have one stable matching, so on inputs of the
    public API every stable mechanism is the same; the engine tests below draw arbitrary
    preferences for the lattice, strategy-proofness and truncation properties.
    """

    @settings(deadline=None, max_examples=50)
    @given(inst=instances(), by_priority=st.booleans())
    def one(inst, by_priority):
        found, _, _, _ = stable_matchings(*inst, by_priority)
        assert len(found) == 1

    one()


# --- the engine on arbitrary strict preferences -------------------------------------------
# A market: seats per position, each candidate's ordered list of positions, and each
# position's strict order of the candidates. Deferred acceptance runs on the ``Prefs`` it
# gets from ``assign``, built here directly.


@st.composite
def markets(draw, max_n=5, max_m=3):
    n = draw(st.integers(0, max_n))
    m = draw(st.integers(1, max_m))
    seats = draw(st.lists(st.integers(1, 2), min_size=m, max_size=m))
    lists = [draw(st.lists(st.integers(0, m - 1), unique=True, max_size=m)) for _ in range(n)]
    orders = [draw(st.permutations(range(n))) for _ in range(m)]
    return seats, lists, orders


def to_prefs(market, lists=None):
    seats, true_lists, orders = market
    lists = true_lists if lists is None else lists
    pos_rank = [{c: r for r, c in enumerate(order)} for order in orders]
    indptr, col, owner = [0], [], []
    for c, lst in enumerate(lists):
        col.extend(lst)
        owner.extend([c] * len(lst))
        indptr.append(len(col))
    by_position = sorted(range(len(col)), key=lambda k: (col[k], pos_rank[col[k]][owner[k]]))
    prank = [0] * len(col)
    for r, k in enumerate(by_position):
        prank[k] = r
    return _python.Prefs(
        n=len(lists),
        m=len(seats),
        seats=list(seats),
        indptr=indptr,
        col=col,
        q=[0] * len(col),
        prank=prank,
    )


def run_python(prefs):
    return _python.deferred_acceptance(prefs)


def run_numpy(prefs, tail=None):
    pytest.importorskip("numpy")
    from iae_core.matching import _fast

    arrays = _fast.to_arrays(prefs)
    old = _fast.TAIL
    _fast.TAIL = old if tail is None else tail
    try:
        return _fast.deferred_acceptance(arrays).tolist()
    finally:
        _fast.TAIL = old


ENGINES = {
    "python": run_python,
    "numpy-tail": run_numpy,
    "numpy-rounds": lambda prefs: run_numpy(prefs, tail=1),
}


def da(engine, market, lists=None):
    """Candidate -> position of deferred acceptance, on ``lists`` instead of the true ones."""
    prefs = to_prefs(market, lists)
    return {c: prefs.col[k] for c, k in enumerate(ENGINES[engine](prefs)) if k >= 0}


def true_rank(market, c, p):
    """Rank by the true list: 0 best, then unmatched, then a position it does not want."""
    lst = market[1][c]
    if p is None:
        return len(lst)
    return lst.index(p) if p in lst else len(lst) + 1


def market_stable_matchings(market):
    seats, lists, orders = market
    pos_rank = [{c: r for r, c in enumerate(order)} for order in orders]
    out = []
    for choice in itertools.product(*[[None, *lst] for lst in lists]):
        held = [[c for c, p in enumerate(choice) if p == j] for j in range(len(seats))]
        if any(len(h) > s for h, s in zip(held, seats, strict=True)):
            continue
        ok = True
        for c, lst in enumerate(lists):
            for p in lst:
                if p == choice[c]:
                    break
                if len(held[p]) < seats[p] or any(pos_rank[p][c] < pos_rank[p][h] for h in held[p]):
                    ok = False
        if ok:
            out.append({c: p for c, p in enumerate(choice) if p is not None})
    return out


def market_position_proposing(market):
    """Textbook position-proposing DA on a market (the oracle of the pessimal end)."""
    seats, lists, orders = market
    nxt = [0] * len(seats)
    held = [0] * len(seats)
    match = {}
    busy = True
    while busy:
        busy = False
        for p, order in enumerate(orders):
            while held[p] < seats[p] and nxt[p] < len(order):
                c = order[nxt[p]]
                nxt[p] += 1
                busy = True
                if p in lists[c] and true_rank(market, c, p) < true_rank(market, c, match.get(c)):
                    if c in match:
                        held[match[c]] -= 1
                    match[c] = p
                    held[p] += 1
    return match


def engine_lattice_and_rural_hospitals(market, engine):
    """Properties 3-6 on arbitrary preferences."""
    seats, lists, _ = market
    ours = da(engine, market)
    found = market_stable_matchings(market)
    assert ours in found, "stable"
    n = len(lists)
    best = {
        c: min((m.get(c) for m in found), key=lambda p, c=c: true_rank(market, c, p))
        for c in range(n)
    }
    worst = {
        c: max((m.get(c) for m in found), key=lambda p, c=c: true_rank(market, c, p))
        for c in range(n)
    }
    assert ours == {c: p for c, p in best.items() if p is not None}, "candidate-optimal"
    pessimal = {c: p for c, p in worst.items() if p is not None}
    assert pessimal in found
    assert market_position_proposing(market) == pessimal
    for other in found:
        assert set(other) == set(ours), "rural hospitals: the same people are matched"
        for p, s in enumerate(seats):
            mine = {c for c, q in ours.items() if q == p}
            theirs = {c for c, q in other.items() if q == p}
            assert len(mine) == len(theirs)
            if len(mine) < s:
                assert mine == theirs


def engine_strategy_proof(market, engine):
    """Property 8: no candidate gains, by its true list, with any other ordered list."""
    seats, lists, _ = market
    ours = da(engine, market)
    every_list = [
        list(p) for k in range(len(seats) + 1) for p in itertools.permutations(range(len(seats)), k)
    ]
    for c in range(len(lists)):
        truth = true_rank(market, c, ours.get(c))
        for lie in every_list:
            got = da(engine, market, [lie if i == c else lst for i, lst in enumerate(lists)])
            assert true_rank(market, c, got.get(c)) >= truth, (c, lie)


def engine_truncation(market, engine):
    """Property 12b: an unmatched candidate stays unmatched whatever prefix it keeps; a
    matched one cutting its list below its match changes nothing for anyone."""
    _, lists, _ = market
    ours = da(engine, market)
    for c, lst in enumerate(lists):
        for k in range(len(lst)):
            got = da(engine, market, [lst[:k] if i == c else x for i, x in enumerate(lists)])
            if c not in ours:
                assert c not in got
            elif lst.index(ours[c]) < k:
                assert got == ours


def engine_comparative_statics(market, engine):
    """Property 12a: a seat more helps every candidate weakly; a candidate less too."""
    seats, lists, orders = market
    ours = da(engine, market)
    for p in range(len(seats)):
        more = ([s + (i == p) for i, s in enumerate(seats)], lists, orders)
        got = da(engine, more)
        for c in range(len(lists)):
            assert true_rank(market, c, got.get(c)) <= true_rank(market, c, ours.get(c))
    if lists:  # the last candidate leaves
        last = len(lists) - 1
        fewer = (seats, lists[:last], [[c for c in o if c != last] for o in orders])
        got = da(engine, fewer)
        for c in range(last):
            assert true_rank(market, c, got.get(c)) <= true_rank(market, c, ours.get(c))


@pytest.mark.parametrize("engine", list(ENGINES))
@settings(deadline=None)
@given(market=markets())
def test_engine_lattice_and_rural_hospitals(market, engine):
    engine_lattice_and_rural_hospitals(market, engine)


@pytest.mark.parametrize("engine", list(ENGINES))
@settings(deadline=None, max_examples=60)
@given(market=markets(max_n=4))
def test_engine_strategy_proof(market, engine):
    engine_strategy_proof(market, engine)


@pytest.mark.parametrize("engine", list(ENGINES))
@settings(deadline=None)
@given(market=markets())
def test_engine_truncation_and_comparative_statics(market, engine):
    engine_truncation(market, engine)
    engine_comparative_statics(market, engine)


# --- the properties can fail: broken deferred acceptance ----------------------------------


def fcfs(prefs):
    """First come, first served: each person in id order takes its best free seat."""
    left = list(prefs.seats)
    match = [-1] * prefs.n
    for c in range(prefs.n):
        for k in range(prefs.indptr[c], prefs.indptr[c + 1]):
            if left[prefs.col[k]] > 0:
                left[prefs.col[k]] -= 1
                match[c] = k
                break
    return match


def greedy(prefs):
    """The pairs by decreasing score, taken when both are free (ignores priorities)."""
    owner = [c for c in range(prefs.n) for _ in range(prefs.indptr[c], prefs.indptr[c + 1])]
    left = list(prefs.seats)
    match = [-1] * prefs.n
    for k in sorted(range(len(prefs.col)), key=lambda k: (-prefs.q[k], owner[k], prefs.col[k])):
        c, p = owner[k], prefs.col[k]
        if match[c] < 0 and left[p] > 0:
            left[p] -= 1
            match[c] = k
    return match


def positions_propose(prefs):
    """Position-proposing deferred acceptance: stable, but the worst for the people."""
    owner = [c for c in range(prefs.n) for _ in range(prefs.indptr[c], prefs.indptr[c + 1])]
    lists = [
        sorted(
            (k for k in range(len(prefs.col)) if prefs.col[k] == p), key=lambda k: prefs.prank[k]
        )
        for p in range(prefs.m)
    ]
    nxt = [0] * prefs.m
    held = [0] * prefs.m
    match = [-1] * prefs.n
    busy = True
    while busy:
        busy = False
        for p in range(prefs.m):
            while held[p] < prefs.seats[p] and nxt[p] < len(lists[p]):
                k = lists[p][nxt[p]]
                nxt[p] += 1
                busy = True
                c = owner[k]
                if match[c] < 0 or k < match[c]:  # a lower entry is higher in c's list
                    if match[c] >= 0:
                        held[prefs.col[match[c]]] -= 1
                    match[c] = k
                    held[p] += 1
    return match


def no_refree(prefs):
    """Deferred acceptance that forgets to let a displaced candidate propose again."""
    held = [[] for _ in range(prefs.m)]
    match = [-1] * prefs.n
    for c in range(prefs.n):
        for k in range(prefs.indptr[c], prefs.indptr[c + 1]):
            p, r = prefs.col[k], prefs.prank[k]
            if len(held[p]) < prefs.seats[p]:
                heapq.heappush(held[p], (-r, c))
                match[c] = k
                break
            if -held[p][0][0] > r:
                _, out = heapq.heapreplace(held[p], (-r, c))
                match[c] = k
                match[out] = -1
                break
    return match


def reversed_lists(prefs):
    """Deferred acceptance where candidates propose from the bottom of their lists."""
    perm = [
        k for c in range(prefs.n) for k in range(prefs.indptr[c + 1] - 1, prefs.indptr[c] - 1, -1)
    ]
    flipped = attrs.evolve(
        prefs, col=[prefs.col[k] for k in perm], prank=[prefs.prank[k] for k in perm]
    )
    return [perm[k] if k >= 0 else -1 for k in REAL_DA(flipped)]


def overrun(prefs):
    """Off by one: a candidate at the end of its list proposes once more, into the next list."""
    indptr, col, prank, seats = prefs.indptr, prefs.col, prefs.prank, prefs.seats
    nxt = list(indptr[:-1])
    held = [[] for _ in range(prefs.m)]
    match = [-1] * prefs.n
    free = list(range(prefs.n - 1, -1, -1))
    while free:
        c = free.pop()
        k, end = nxt[c], min(indptr[c + 1] + 1, len(col))
        while k < end:
            p, r = col[k], prank[k]
            k += 1
            if len(held[p]) < seats[p]:
                heapq.heappush(held[p], (-r, c))
                match[c] = k - 1
                break
            if -held[p][0][0] > r:
                _, out = heapq.heapreplace(held[p], (-r, c))
                match[c] = k - 1
                match[out] = -1
                free.append(out)
                break
        nxt[c] = k
    return match


REAL_DA = _python.deferred_acceptance
MUTANTS = {
    "fcfs": fcfs,
    "greedy": greedy,
    "positions_propose": positions_propose,
    "no_refree": no_refree,
    "reversed_lists": reversed_lists,
    "overrun": overrun,
}
PUBLIC = {"rural_hospitals": check_rural_hospitals, "lattice": check_lattice_ends}
ENGINE = {
    "lattice": engine_lattice_and_rural_hospitals,
    "strategy_proof": engine_strategy_proof,
    "truncation": engine_truncation,
    "statics": engine_comparative_statics,
}


def _fails(check, args):
    # A broken DA may also make the check itself crash (a match index outside the
    # candidate's list): the property test would then error out, which catches it too.
    # The correct DA never does (the property tests above run the same checks).
    try:
        check(*args)
    except Exception:
        return True
    return False


# Counterexamples, written down (found once by hypothesis and shrunk), so that these
# meta-tests cannot pass or fail by chance: each broken DA fails its check on its
# example, and the real DA passes the same check on the same example.
_HERE = GeoPoint(lat=45.75, lon=4.875)


def _c(cid, **kw):
    base = {"id": cid, "location": _HERE, "max_distance_km": 0.0, "weekly_hours_max": 26.0}
    return Candidate(**(base | kw))


def _p(pid, seats=1):
    return Position(id=pid, location=_HERE, rome_code="K2204", weekly_hours=20.0, seats=seats)


PUBLIC_EXAMPLES = {
    ("fcfs", "rural_hospitals"): ([_c("a"), _c("b", priority=1)], [_p("x", 0), _p("xx")]),
    ("greedy", "rural_hospitals"): ([_c("a"), _c("b"), _c("aa", priority=1)], [_p("x")]),
    ("no_refree", "rural_hospitals"): (
        [_c("a"), _c("aa", rome_codes=("K2204",))],
        [_p("x"), _p("xx")],
    ),
    ("fcfs", "lattice"): (
        [_c("b"), _c("c"), _c("aa"), _c("a", weekly_hours_max=30.0)],
        [_p("x")],
    ),
    ("reversed_lists", "lattice"): ([_c("a")], [_p("x"), _p("xx")]),
}

# Markets: (seats per position, each candidate's list, each position's order).
ENGINE_EXAMPLES = {
    ("positions_propose", "lattice"): ([1, 1], [[0, 1], [1, 0]], [[1, 0], [0, 1]]),
    ("positions_propose", "strategy_proof"): ([1, 1], [[1, 0], [0, 1]], [[0, 1], [1, 0]]),
    ("overrun", "truncation"): ([1], [[0], [0]], [[1, 0]]),
    ("fcfs", "lattice"): ([1], [[], [0], [0]], [[0, 2, 1]]),
    ("greedy", "statics"): ([1, 1], [[0], [1, 0]], [[0, 1], [0, 1]]),
    ("no_refree", "statics"): (
        [1, 1, 1],
        [[2], [2, 0], [2]],
        [[0, 1, 2], [0, 1, 2], [0, 2, 1]],
    ),
    ("reversed_lists", "strategy_proof"): ([1, 1], [[0, 1]], [[0], [0]]),
}


@pytest.mark.parametrize(("mutant", "check"), list(PUBLIC_EXAMPLES))
def test_public_properties_catch_a_broken_da(monkeypatch, mutant, check):
    args = (PUBLIC_EXAMPLES[mutant, check], True)
    assert not _fails(PUBLIC[check], args)
    monkeypatch.setattr(_python, "deferred_acceptance", MUTANTS[mutant])
    assert _fails(PUBLIC[check], args)


@pytest.mark.parametrize(("mutant", "check"), list(ENGINE_EXAMPLES))
def test_engine_properties_catch_a_broken_da(monkeypatch, mutant, check):
    args = (ENGINE_EXAMPLES[mutant, check], "python")
    assert not _fails(ENGINE[check], args)
    monkeypatch.setattr(_python, "deferred_acceptance", MUTANTS[mutant])
    assert _fails(ENGINE[check], args)

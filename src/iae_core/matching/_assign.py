"""Public operations: `rank`, `assign`, `blocking_pairs`."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from iae_core.errors import ErrorDetail, InvalidData, MissingDependency, detail
from iae_core.matching import _python
from iae_core.matching._grid import GridIndex, choose_cell_km
from iae_core.matching._model import (
    DEFAULT_WEIGHTS,
    Assignment,
    Candidate,
    MatchScore,
    Position,
    Weights,
)
from iae_core.matching._score import SCALE, pair_scorer, score

__all__ = ["Assignment", "assign", "blocking_pairs", "rank"]

Method = Literal["stable", "optimal"]
Backend = Literal["auto", "python", "numpy"]
Solver = Literal["auto", "ortools", "scipy", "python"]

AUTO_NUMPY_FROM = 2_000
"""With ``backend="auto"``, numpy is used from this many candidates + positions."""


def rank(
    candidate: Candidate,
    positions: Iterable[Position],
    *,
    limit: int | None = 10,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[tuple[Position, MatchScore]]:
    """The best positions for one person, best first, blocked ones left out.

    Positions are ordered by score (compared to the millionth), then by id. Positions
    with no seat left are kept: the ranking is about fit, not availability.

    Args:
        candidate: the person.
        positions: the positions to consider.
        limit: how many to return (``None``: all that are not blocked).
        weights: weights of the score components.

    Returns:
        ``(position, score)`` pairs.
    """
    pool = list(positions)
    index = GridIndex([p.location for p in pool], choose_cell_km([candidate.max_distance_km]))
    found: list[tuple[int, str, int]] = []
    pair_q = pair_scorer(weights)
    for j in index.near(candidate.location, candidate.max_distance_km):
        q = pair_q(candidate, pool[j])
        if q >= 0:
            found.append((-q, pool[j].id, j))
    found.sort()
    if limit is not None:
        found = found[:limit]
    return [(pool[j], score(candidate, pool[j], weights=weights)) for _, _, j in found]


def _canonical(
    candidates: Iterable[Candidate], positions: Iterable[Position]
) -> tuple[list[Candidate], list[Position]]:
    cands = sorted(candidates, key=lambda c: c.id)
    poss = sorted(positions, key=lambda p: p.id)
    problems: list[ErrorDetail] = []
    for name, ids in (("candidates", [c.id for c in cands]), ("positions", [p.id for p in poss])):
        problems.extend(
            detail(name, "duplicate", input=a) for a, b in itertools.pairwise(ids) if a == b
        )
    if problems:
        raise InvalidData(problems)
    return cands, poss


def _numpy_available() -> bool:
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def _use_numpy(backend: Backend, size: int) -> bool:
    choice: str = backend
    if choice == "python":
        return False
    if choice == "numpy":
        if not _numpy_available():
            raise MissingDependency("backend='numpy'", "numpy", "matching")
        return True
    if choice != "auto":
        msg = f"backend must be 'auto', 'python' or 'numpy', not {backend!r}"
        raise ValueError(msg)
    return size >= AUTO_NUMPY_FROM and _numpy_available()


def _scipy_available() -> bool:
    try:
        import scipy.sparse.csgraph  # noqa: F401
    except ImportError:
        return False
    return True


def _choose_solver(solver: Solver, fast: bool, *, optimal: bool) -> str:
    """The solver of ``method="optimal"`` (checked before the lists are built)."""
    from iae_core.matching import _ortools

    choice: str = solver
    if choice not in ("auto", "ortools", "scipy", "python"):
        msg = f"solver must be 'auto', 'ortools', 'scipy' or 'python', not {solver!r}"
        raise ValueError(msg)
    if not optimal:
        return choice
    if choice == "ortools":
        if not _ortools.available():
            raise MissingDependency("solver='ortools'", "ortools", "solver")
        return choice
    if choice == "scipy":
        if not (_numpy_available() and _scipy_available()):
            raise MissingDependency("solver='scipy'", "scipy", "matching")
        return choice
    if choice == "python":
        return choice
    if _ortools.available():
        return "ortools"
    return "scipy" if fast else "python"


def _max_weight(chosen: str, prefs: _python.Prefs, fast: bool) -> Any:
    """Run the chosen solver; the match comes back as an array if ``fast``, else a list."""
    if chosen == "python":
        if not fast:
            return _python.max_weight(prefs)
        import numpy as np

        from iae_core.matching import _fast

        return np.asarray(_python.max_weight(_fast.to_lists(prefs)), dtype=np.int64)
    if chosen == "ortools":
        from iae_core.matching import _ortools

        match = _ortools.max_weight(prefs)
    else:
        from iae_core.matching import _fast

        if fast:
            return _fast.max_weight(prefs)
        match = _fast.max_weight(_fast.to_arrays(prefs))
    return match if fast else match.tolist()


def _prefs(
    cands: Sequence[Candidate],
    poss: Sequence[Position],
    weights: Weights,
    max_choices: int | None,
    *,
    by_priority: bool,
    fast: bool,
) -> _python.Prefs:
    if fast:
        from iae_core.matching import _fast

        return _fast.build_prefs(cands, poss, weights, max_choices, by_priority=by_priority)
    return _python.build_prefs(cands, poss, weights, max_choices, by_priority=by_priority)


def assign(
    candidates: Iterable[Candidate],
    positions: Iterable[Position],
    *,
    method: Method = "stable",
    max_choices: int | None = 50,
    by_priority: bool = False,
    weights: Weights = DEFAULT_WEIGHTS,
    backend: Backend = "auto",
    solver: Solver = "auto",
) -> Assignment:
    """Assign people to positions: at most one position each, within the seats.

    Each person lists the positions in reach that no hard constraint blocks and that have
    a seat, best score first (ties: position id), keeping the ``max_choices`` best. Each
    position ranks the people who listed it by score (ties: candidate id), or by
    ``priority`` first when ``by_priority``. Results do not depend on the input order.

    * ``"stable"``: candidate-proposing deferred acceptance (Gale–Shapley with
      capacities). No person and position would both rather be together: there is no
      listed pair where the person prefers the position to their own (or has none) and
      the position has a free seat or holds someone it ranks lower. Among stable
      assignments, it is the best one for every person.
    * ``"optimal"``: the largest total score under the seats (min-cost flow; exact on
      the scores rounded to the millionth). It may leave blocking pairs: see
      `Assignment.blocking`. Among several assignments with the same largest
      total, the one returned is fixed for a given set of inputs (it does not depend on
      their order) but may differ from one ``solver`` to another.

    Solvers of ``"optimal"`` (all exact, same total score):

    * ``"ortools"``: OR-Tools' min-cost flow (C++), the fastest at scale (50,000 people
      x 10,000 positions in about a second); the ``solver`` extra,
      ``pip install "iae-core[solver]"``;
    * ``"scipy"``: scipy's sparse assignment (LAPJVsp) per connected component, with
      seats replicated; the ``matching`` extra; about 15 times slower than OR-Tools at
      50,000 x 10,000;
    * ``"python"``: successive shortest paths in plain Python, no dependency; for small
      territories (a few thousand listed pairs);
    * ``"auto"``: OR-Tools when installed, else scipy when the lists are built with
      numpy (see ``backend``), else plain Python.

    Args:
        candidates: the people.
        positions: the positions (``seats`` is the capacity).
        method: ``"stable"`` or ``"optimal"``.
        max_choices: how many positions each person lists (``None``: all in reach).
        by_priority: positions rank people by ``priority`` first, then by score.
        weights: weights of the score components.
        backend: how the lists are built and ``"stable"`` is run: ``"python"`` (no
            dependency), ``"numpy"`` (numpy and scipy, the ``matching`` extra; needed at
            scale) or ``"auto"`` (numpy when installed, from 2,000 candidates +
            positions).
        solver: the solver of ``"optimal"`` (ignored for ``"stable"``): ``"auto"``,
            ``"ortools"``, ``"scipy"`` or ``"python"``, see above.

    Returns:
        The assignment.

    Raises:
        InvalidData: two candidates or two positions share an id.
        ValueError: an unknown method, backend or solver, or ``max_choices`` below 1.
        ImportError: ``backend="numpy"`` or ``solver="scipy"`` without numpy and scipy
            installed; ``solver="ortools"`` without OR-Tools (``pip install
            "iae-core[solver]"``).
    """
    if method not in ("stable", "optimal"):
        msg = f"method must be 'stable' or 'optimal', not {method!r}"
        raise ValueError(msg)
    if max_choices is not None and (isinstance(max_choices, bool) or max_choices < 1):
        msg = f"max_choices must be at least 1 or None, not {max_choices!r}"
        raise ValueError(msg)
    cands, poss = _canonical(candidates, positions)
    fast = _use_numpy(backend, len(cands) + len(poss))
    chosen = _choose_solver(solver, fast, optimal=method == "optimal")
    prefs = _prefs(cands, poss, weights, max_choices, by_priority=by_priority, fast=fast)
    if fast:
        from iae_core.matching import _fast

        match = (
            _fast.deferred_acceptance(prefs)
            if method == "stable"
            else _max_weight(chosen, prefs, fast)
        )
        return _fast.result(method, cands, poss, prefs, match)
    match_list = (
        _python.deferred_acceptance(prefs)
        if method == "stable"
        else _max_weight(chosen, prefs, fast)
    )
    return _result(method, cands, poss, prefs, match_list)


def _result(
    method: str,
    cands: Sequence[Candidate],
    poss: Sequence[Position],
    prefs: _python.Prefs,
    match: Sequence[int],
) -> Assignment:
    pairs: list[tuple[str, str]] = []
    scores: list[float] = []
    unmatched: list[str] = []
    left = [max(p.seats, 0) for p in poss]
    total = 0
    for c, k in enumerate(match):
        if k < 0:
            unmatched.append(cands[c].id)
            continue
        p = prefs.col[k]
        pairs.append((cands[c].id, poss[p].id))
        scores.append(prefs.q[k] / SCALE)
        total += prefs.q[k]
        left[p] -= 1
    return Assignment(
        method=method,
        pairs=tuple(pairs),
        scores=tuple(scores),
        unmatched=tuple(unmatched),
        open_seats={poss[p].id: s for p, s in enumerate(left) if s > 0},
        total_score=total / SCALE,
        blocking=len(_python.blocking_entries(prefs, match)),
    )


def blocking_pairs(
    assignment: Assignment,
    candidates: Iterable[Candidate],
    positions: Iterable[Position],
    *,
    max_choices: int | None = 50,
    by_priority: bool = False,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[tuple[str, str]]:
    """The pairs that block ``assignment``, in O(number of listed pairs).

    A listed pair blocks when the person prefers the position to their own (or has none)
    and the position has a free seat or ranks the person above someone it holds. Use the
    same ``max_choices``, ``by_priority`` and ``weights`` as for `assign`.

    Args:
        assignment: an assignment of these candidates and positions.
        candidates: the people.
        positions: the positions.
        max_choices: as given to `assign`.
        by_priority: as given to `assign`.
        weights: as given to `assign`.

    Returns:
        ``(candidate id, position id)`` pairs, sorted.
    """
    cands, poss = _canonical(candidates, positions)
    prefs = _python.build_prefs(cands, poss, weights, max_choices, by_priority=by_priority)
    where = {c.id: i for i, c in enumerate(cands)}
    pos_index = {p.id: j for j, p in enumerate(poss)}
    match = [-1] * len(cands)
    for cid, pid in assignment.pairs:
        c, p = where[cid], pos_index[pid]
        for k in range(prefs.indptr[c], prefs.indptr[c + 1]):
            if prefs.col[k] == p:
                match[c] = k
                break
        else:
            msg = f"pair ({cid!r}, {pid!r}) is not in the person's list"
            raise ValueError(msg)
    out = [
        (cands[_owner(prefs.indptr, k)].id, poss[prefs.col[k]].id)
        for k in _python.blocking_entries(prefs, match)
    ]
    return sorted(out)


def _owner(indptr: Sequence[int], k: int) -> int:
    return bisect.bisect_right(indptr, k) - 1

"""Exit statistics: dynamic, sustainable and positive exit rates, grouped by any key.

Pure Python, no dependency, plain records out (:class:`ExitStats`; ``.as_dict()`` for a
row, or :func:`iae_core.frames.to_pandas` for a frame)::

    >>> rows = exit_rates(all_parcours, by=("department", "year"))
    >>> [(r.key, r.dynamic_rate, r.meets_dynamic_target) for r in rows]

Definitions (rules.md *Exits*, law.md §8):

* an exit is **withdrawn** when its category is ``WITHDRAWN``: it is out of every
  denominator and numerator;
* a non-withdrawn exit is **not counted** when the threshold of
  :func:`iae_core.exits.exit_counted` is not met (3 months ACI/EI, 150 hours AI/ETTI), or
  when it is dated before the first contract;
* the **counted** exits are the rest; they are the denominator of every rate;
* dynamic rate = (sustainable + transition + positive) / counted; sustainable rate =
  sustainable / counted; positive rate = positive / counted (the "positive" category
  only: qualifying training, another SIAE);
* targets (circulaire DGEFP 2008-21, annexe 4; parameters `exits.dynamic_target_ratio`
  and `exits.sustainable_target_ratio`): dynamic ≥ 60 %, sustainable ≥ 25 %. The
  circular says "dont 25 % en emploi durable"; iae_core reads 25 % *of counted exits*
  (not of dynamic exits), and lets you pass other :class:`Targets`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

import attrs
import pendulum

from iae_core import _retention, params
from iae_core._retention import RetentionStats
from iae_core.enums import ExitCategory
from iae_core.exits import exit_counted
from iae_core.parcours import Parcours

__all__ = ["KEYS", "ExitStats", "Targets", "exit_rates"]


@attrs.frozen(kw_only=True)
class Targets:
    """Exit-rate targets (circulaire DGEFP 2008-21, annexe 4: 60 % and 25 %).

    Attributes:
        dynamic: minimum dynamic exit rate (default: `exits.dynamic_target_ratio`).
        sustainable: minimum sustainable exit rate, a share of counted exits (default:
            `exits.sustainable_target_ratio`).
    """

    dynamic: float = params.get("exits.dynamic_target_ratio").value
    sustainable: float = params.get("exits.sustainable_target_ratio").value


def _structure(p: Parcours) -> Hashable:
    return p.structure.siret


def _kind(p: Parcours) -> Hashable:
    return p.structure.kind


def _department(p: Parcours) -> Hashable:
    return p.structure.department


def _year(p: Parcours) -> Hashable:
    return None if p.exit is None else p.exit.on.year


def _exit_kind(p: Parcours) -> Hashable:
    return None if p.exit is None else p.exit.kind


def _category(p: Parcours) -> Hashable:
    return None if p.exit is None else p.exit.category


KEYS: dict[str, Callable[[Parcours], Hashable]] = {
    "structure": _structure,
    "kind": _kind,
    "department": _department,
    "year": _year,
    "exit_kind": _exit_kind,
    "category": _category,
}
"""Named grouping keys: ``structure`` (SIRET), ``kind`` (structure kind), ``department``,
``year`` (of the exit; ``None`` while running), ``exit_kind``, ``category``."""

Key = str | Callable[[Parcours], Hashable]


@attrs.frozen(kw_only=True)
class ExitStats:
    """Exit figures of one group of parcours.

    Attributes:
        by: names of the grouping keys (a callable key is named by its ``__name__``).
        key: the group's values, one per name in ``by`` (``()`` for the whole population).
        group: the key as a label (values joined by ``" / "``; ``"all"`` for ``()``).
        parcours: parcours in the group (with or without an exit).
        exits: parcours with an exit.
        withdrawn: withdrawn exits (out of every rate).
        not_counted: non-withdrawn exits below the threshold (out of every rate).
        counted: exits entering the rates (the denominator).
        sustainable, transition, positive, other: counted exits per category.
        dynamic: sustainable + transition + positive.
        dynamic_rate, sustainable_rate, positive_rate: shares of ``counted``; ``None`` when
            nothing is counted.
        average_length_days: mean parcours length of the exits (first contract's start to
            exit, both days included; exits before the start left out); ``None`` if none.
        meets_dynamic_target, meets_sustainable_target: the rate reaches the target
            (``None`` without a rate).
    """

    by: tuple[str, ...]
    key: tuple[Any, ...]
    group: str
    parcours: int
    exits: int
    withdrawn: int
    not_counted: int
    counted: int
    sustainable: int
    transition: int
    positive: int
    other: int
    dynamic: int
    dynamic_rate: float | None
    sustainable_rate: float | None
    positive_rate: float | None
    average_length_days: float | None
    meets_dynamic_target: bool | None
    meets_sustainable_target: bool | None

    def as_dict(self) -> dict[str, Any]:
        """A flat row: each grouping key under its name, then every figure."""
        row: dict[str, Any] = dict(zip(self.by, self.key, strict=True))
        for f in attrs.fields(ExitStats):
            if f.name not in ("by", "key", "group") or (f.name == "group" and not self.by):
                row[f.name] = getattr(self, f.name)
        return row


# Per-parcours classification codes (computed once per parcours).
_NO_EXIT, _WITHDRAWN, _NOT_COUNTED = -1, -2, -3
_CATEGORY_INDEX = {
    ExitCategory.SUSTAINABLE: 0,
    ExitCategory.TRANSITION: 1,
    ExitCategory.POSITIVE: 2,
    ExitCategory.OTHER: 3,
}


class _Acc:
    __slots__ = (
        "by_cat",
        "exits",
        "length_n",
        "length_sum",
        "not_counted",
        "parcours",
        "withdrawn",
    )

    def __init__(self) -> None:
        self.parcours = 0
        self.exits = 0
        self.withdrawn = 0
        self.not_counted = 0
        self.by_cat = [0, 0, 0, 0]
        self.length_sum = 0
        self.length_n = 0


def _classify(p: Parcours) -> tuple[int, int | None]:
    """(classification, length in days) of one parcours."""
    ex = p.exit
    if ex is None:
        return _NO_EXIT, None
    start = p.start
    length = None
    if start is not None and ex.on >= start:
        length = ex.on.toordinal() - start.toordinal() + 1
    category = ex.kind.category
    if category is ExitCategory.WITHDRAWN:
        return _WITHDRAWN, length
    if not exit_counted(p):
        return _NOT_COUNTED, length
    return _CATEGORY_INDEX[category], length


def _key_name(k: Key) -> str:
    if isinstance(k, str):
        return k
    return getattr(k, "__name__", "key")


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _reaches(rate: float | None, target: float) -> bool | None:
    return None if rate is None else rate >= target


def exit_rates(
    parcours: Iterable[Parcours],
    *,
    by: Key | Sequence[Key] = (),
    period: tuple[pendulum.Date, pendulum.Date] | None = None,
    targets: Targets | None = None,
) -> list[ExitStats]:
    """Exit rates and counts of a population of parcours, grouped by ``by``.

    Args:
        parcours: the population (any iterable; read once).
        by: one key or a sequence of keys: a name of :data:`KEYS` (``"structure"``,
            ``"kind"``, ``"department"``, ``"year"``, ``"exit_kind"``, ``"category"``)
            or a function of a parcours returning a hashable value. ``()``: one group.
        period: ``(first, last)`` day, inclusive: keep only parcours whose exit falls in
            it (parcours without an exit are then left out).
        targets: the targets to flag (default :class:`Targets`: 60 % and 25 %).

    Returns:
        One :class:`ExitStats` per group, sorted by key (``None`` values first).

    Raises:
        ValueError: an unknown key name.
    """
    keys = (by,) if isinstance(by, str) or callable(by) else tuple(by)
    fns: list[Callable[[Parcours], Hashable]] = []
    for k in keys:
        if isinstance(k, str):
            if k not in KEYS:
                msg = f"unknown key {k!r}; expected one of {sorted(KEYS)} or a function"
                raise ValueError(msg)
            fns.append(KEYS[k])
        else:
            fns.append(k)
    names = tuple(_key_name(k) for k in keys)
    goal = targets or Targets()

    groups: dict[tuple[Any, ...], _Acc] = {}
    for p in parcours:
        if period is not None and (p.exit is None or not period[0] <= p.exit.on <= period[1]):
            continue
        key = tuple(f(p) for f in fns)
        acc = groups.get(key)
        if acc is None:
            acc = groups[key] = _Acc()
        acc.parcours += 1
        code, length = _classify(p)
        if code == _NO_EXIT:
            continue
        acc.exits += 1
        if length is not None:
            acc.length_sum += length
            acc.length_n += 1
        if code == _WITHDRAWN:
            acc.withdrawn += 1
        elif code == _NOT_COUNTED:
            acc.not_counted += 1
        else:
            acc.by_cat[code] += 1

    out = []
    for key in sorted(groups, key=_sort_key):
        acc = groups[key]
        s, t, pos, other = acc.by_cat
        counted = s + t + pos + other
        dynamic = s + t + pos
        dynamic_rate = _ratio(dynamic, counted)
        sustainable_rate = _ratio(s, counted)
        out.append(
            ExitStats(
                by=names,
                key=key,
                group=" / ".join(str(getattr(v, "value", v)) for v in key) if key else "all",
                parcours=acc.parcours,
                exits=acc.exits,
                withdrawn=acc.withdrawn,
                not_counted=acc.not_counted,
                counted=counted,
                sustainable=s,
                transition=t,
                positive=pos,
                other=other,
                dynamic=dynamic,
                dynamic_rate=dynamic_rate,
                sustainable_rate=sustainable_rate,
                positive_rate=_ratio(pos, counted),
                average_length_days=(acc.length_sum / acc.length_n if acc.length_n else None),
                meets_dynamic_target=_reaches(dynamic_rate, goal.dynamic),
                meets_sustainable_target=_reaches(sustainable_rate, goal.sustainable),
            )
        )
    return out


def _sort_key(key: tuple[Any, ...]) -> tuple[tuple[int, str], ...]:
    return tuple((0, "") if v is None else (1, str(v)) for v in key)


def retention(
    parcours: Iterable[Parcours],
    *,
    on: pendulum.Date,
    at_months: Sequence[int] = (6, 12, 24, 48),
    by: Key | Sequence[Key] = (),
    tolerance_days: int = 45,
    confidence: float = 0.95,
) -> list[RetentionStats]:
    """Share of exits still in work at each horizon after the exit.

    Grouped like `exit_rates`. Unknown situations are kept apart and never counted as
    failures; a horizon after `on` is censored; 95 % Wilson intervals; the share who
    changed employer. The whole method is in `docs/after-exit.md`.

    Returns:
        One `RetentionStats` per group and horizon, sorted by key then horizon.
    """
    return _retention.retention(
        parcours,
        on=on,
        at_months=at_months,
        by=by,
        tolerance_days=tolerance_days,
        confidence=confidence,
        named_keys=KEYS,
        sort_key=_sort_key,
    )


__all__ += ["RetentionStats", "retention"]

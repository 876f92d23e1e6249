"""Exit statistics: dynamic, sustainable and positive exit rates, grouped by any key.

Pure Python, no dependency, plain records out (`ExitStats`; ``.as_dict()`` for a
row, or `iae_core.tables.to_pandas` for a frame):

```pycon
>>> rows = exit_rates(all_parcours, by=("department", "year"))
>>> [(r.key, r.dynamic_rate, r.meets_dynamic_target) for r in rows]

```

Definitions (the exits section of the rules catalogue):

* an exit is **withdrawn** when its category is ``WITHDRAWN``: it is out of every
  denominator and numerator;
* a non-withdrawn exit is **not counted** when the threshold of
  `iae_core.exits.exit_counted` is not met (3 months ACI/EI, 150 hours AI/ETTI), or
  when it is dated before the first contract;
* the **counted** exits are the rest; they are the denominator of every rate;
* dynamic rate = (sustainable + transition + positive) / counted; sustainable rate =
  sustainable / counted; positive rate = positive / counted (the "positive" category
  only: qualifying training, another SIAE);
* targets (circulaire DGEFP 2008-21, annexe 4; parameters `exits.dynamic_target_ratio`
  and `exits.sustainable_target_ratio`): dynamic ≥ 60 %, sustainable ≥ 25 %. The
  circular says "dont 25 % en emploi durable"; iae_core reads 25 % *of counted exits*
  (not of dynamic exits), and lets you pass other `Targets`;
* every rate has its Wilson score interval (`wilson_interval`, 95 % by default).

For partitions (Dask, Spark), `exit_counts` gives the counts of each partition,
`ExitCounts.merge` adds them and `ExitCounts.rates` gives exactly the rows of
`exit_rates` on the whole population.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from iae_core import params
from iae_core._kernel.plugins import Result
from iae_core._services import retention as _retention
from iae_core._services.intervals import wilson_interval
from iae_core._services.retention import RetentionStats
from iae_core.dates import DayLike, as_day
from iae_core.enums import ExitCategory
from iae_core.exits import exit_counted
from iae_core.parcours import Parcours

if TYPE_CHECKING:
    from iae_core.tables import Table

__all__ = [
    "EXIT_KEYS",
    "KEYS",
    "ExitCounts",
    "ExitStats",
    "Tally",
    "Targets",
    "as_of",
    "cohorts",
    "exit_counts",
    "exit_rates",
    "sort_value",
    "wilson_interval",
]


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


def _entry_year(p: Parcours) -> Hashable:
    start = p.start
    return None if start is None else start.year


def _exit_kind(p: Parcours) -> Hashable:
    return None if p.exit is None else p.exit.kind


def _category(p: Parcours) -> Hashable:
    return None if p.exit is None else p.exit.category


KEYS: dict[str, Callable[[Parcours], Hashable]] = {
    "structure": _structure,
    "kind": _kind,
    "department": _department,
    "year": _year,
    "exit_year": _year,
    "entry_year": _entry_year,
    "exit_kind": _exit_kind,
    "category": _category,
}
"""Named grouping keys: ``structure`` (SIRET), ``kind`` (structure kind), ``department``,
``year`` or ``exit_year`` (of the exit: the exit cohort; ``None`` while running),
``entry_year`` (of the first contract's start: the entry cohort), ``exit_kind``,
``category``."""

EXIT_KEYS = frozenset({"year", "exit_year", "exit_kind", "category"})
"""Named keys that only exits have: with one of them in ``by``, running parcours are
reported in rows of their own, after every exit row."""

Key = str | Callable[[Parcours], Hashable]
By = Key | Sequence[Key] | Mapping[str, Key]


@attrs.frozen(kw_only=True)
class ExitStats(Result):
    """Exit figures of one group of parcours.

    Attributes:
        by: names of the grouping keys (a named key of ``by={"zone": fn}`` by its name, a
            function by its ``__name__``; a lambda is named ``key``, ``key_2``…).
        key: the group's values, one per name in ``by`` (``()`` for the whole population).
        group: the key as a label (values joined by ``" / "``; ``"all"`` for ``()``).
        parcours: parcours in the group (with or without an exit).
        running: parcours of the group without an exit. When ``by`` has a key only exits
            have (`EXIT_KEYS`), running parcours are in rows of their own
            (``running == parcours``, ``exits == 0``) and exit rows have ``running == 0``.
        exits: parcours with an exit.
        withdrawn: withdrawn exits (out of every rate).
        not_counted: non-withdrawn exits below the threshold (out of every rate).
        counted: exits entering the rates (the denominator).
        sustainable, transition, positive, other: counted exits per category.
        dynamic: sustainable + transition + positive.
        dynamic_rate, sustainable_rate, positive_rate: shares of ``counted``; ``None`` when
            nothing is counted.
        dynamic_rate_low, dynamic_rate_high: the Wilson score interval of the dynamic rate
            (95 % unless asked otherwise; `wilson_interval`); ``None`` without a rate.
        sustainable_rate_low, sustainable_rate_high: the same for the sustainable rate.
        positive_rate_low, positive_rate_high: the same for the positive rate.
        average_length_days: mean parcours length of the exits (first contract's start to
            exit, both days included; exits before the start left out); ``None`` if none.
        meets_dynamic_target, meets_sustainable_target: the rate reaches the target
            (``None`` without a rate).
    """

    by: tuple[str, ...]
    key: tuple[Any, ...]
    group: str
    parcours: int
    running: int = 0
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
    dynamic_rate_low: float | None = None
    dynamic_rate_high: float | None = None
    sustainable_rate_low: float | None = None
    sustainable_rate_high: float | None = None
    positive_rate_low: float | None = None
    positive_rate_high: float | None = None
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


@attrs.frozen(kw_only=True)
class Tally(Result):
    """The counts of one group, before any rate: what partitions add up.

    Attributes:
        parcours, running, exits, withdrawn, not_counted: as in `ExitStats`.
        sustainable, transition, positive, other: counted exits per category.
        length_sum, length_n: sum and number of the exit lengths in days (for the mean).
    """

    parcours: int = 0
    running: int = 0
    exits: int = 0
    withdrawn: int = 0
    not_counted: int = 0
    sustainable: int = 0
    transition: int = 0
    positive: int = 0
    other: int = 0
    length_sum: int = 0
    length_n: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in attrs.fields(Tally)}
        )


class _Acc:
    __slots__ = (
        "by_cat",
        "exits",
        "length_n",
        "length_sum",
        "not_counted",
        "parcours",
        "running",
        "withdrawn",
    )

    def __init__(self) -> None:
        self.parcours = 0
        self.running = 0
        self.exits = 0
        self.withdrawn = 0
        self.not_counted = 0
        self.by_cat = [0, 0, 0, 0]
        self.length_sum = 0
        self.length_n = 0

    def tally(self) -> Tally:
        s, t, pos, other = self.by_cat
        return Tally(
            parcours=self.parcours,
            running=self.running,
            exits=self.exits,
            withdrawn=self.withdrawn,
            not_counted=self.not_counted,
            sustainable=s,
            transition=t,
            positive=pos,
            other=other,
            length_sum=self.length_sum,
            length_n=self.length_n,
        )


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


def _key_name(k: Key, taken: set[str]) -> str:
    if isinstance(k, str):
        name = k
    else:
        name = getattr(k, "__name__", "key")
        if not name.isidentifier():  # "<lambda>", a partial's repr…
            name = "key"
    base, n = name, 1
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    taken.add(name)
    return name


def _resolve(by: By) -> tuple[tuple[str, ...], list[Callable[[Parcours], Hashable]], bool]:
    """(names, functions, whether a key only exits have is used) of a ``by`` argument."""
    if isinstance(by, str) or callable(by):
        items: list[tuple[str | None, Key]] = [(None, by)]
    elif isinstance(by, Mapping):
        items = [(str(name), k) for name, k in by.items()]
    else:
        items = [(None, k) for k in by]
    names: list[str] = []
    fns: list[Callable[[Parcours], Hashable]] = []
    taken: set[str] = set()
    exit_only = False
    for given, k in items:
        k_any: Any = k
        if isinstance(k, str):
            if k not in KEYS:
                msg = f"unknown key {k!r}; expected one of {sorted(KEYS)} or a function"
                raise ValueError(msg)
            fns.append(KEYS[k])
            exit_only = exit_only or k in EXIT_KEYS
        elif callable(k_any):
            fns.append(k_any)
        else:
            msg = f"a key is a name of KEYS or a function of a parcours, not {k_any!r}"
            raise TypeError(msg)
        names.append(_key_name(k, taken) if given is None else given)
        if given is not None:
            taken.add(given)
    return tuple(names), fns, exit_only


@attrs.frozen(kw_only=True)
class ExitCounts:
    """Per-group counts of a population: mergeable across partitions, then turned into rates.

    ``exit_counts(part, by=...)`` on each partition (a process, a Dask or Spark task),
    ``.merge()`` of the results, then ``.rates()`` gives exactly `exit_rates` of the
    whole population. Every value is plain and picklable.

    Attributes:
        by: names of the grouping keys.
        exited: counts per group key (with every parcours of the group, unless
            ``running_apart``).
        running: counts of running parcours per group key, when ``running_apart``.
        running_apart: ``by`` has a key only exits have (`EXIT_KEYS`).
    """

    by: tuple[str, ...]
    exited: dict[tuple[Any, ...], Tally]
    running: dict[tuple[Any, ...], Tally] = attrs.field(factory=dict)
    running_apart: bool = False

    def merge(self, *others: ExitCounts) -> ExitCounts:
        """The counts of the union of the populations (same ``by`` required).

        Raises:
            ValueError: the counts were grouped by different keys.
        """
        exited = dict(self.exited)
        running = dict(self.running)
        for o in others:
            if o.by != self.by or o.running_apart != self.running_apart:
                msg = f"cannot merge counts grouped by {o.by} into counts grouped by {self.by}"
                raise ValueError(msg)
            for mine, theirs in ((exited, o.exited), (running, o.running)):
                for k, t in theirs.items():
                    mine[k] = mine[k] + t if k in mine else t
        return ExitCounts(
            by=self.by, exited=exited, running=running, running_apart=self.running_apart
        )

    def rates(
        self,
        *,
        targets: Targets | None = None,
        confidence: float = 0.95,
        running: bool = True,
    ) -> list[ExitStats]:
        """The `ExitStats` rows of these counts (see `exit_rates`)."""
        goal = targets or Targets()
        out = [
            _stats(self.by, k, self.exited[k], goal, confidence)
            for k in sorted(self.exited, key=_sort_key)
        ]
        if running:
            out.extend(
                _stats(self.by, k, self.running[k], goal, confidence)
                for k in sorted(self.running, key=_sort_key)
            )
        return out


def as_of(parcours: Iterable[Parcours], on: DayLike) -> Iterator[Parcours]:
    """The parcours as they are known on `on`.

    A parcours whose first contract starts after `on` is not known yet: it is left out
    (a parcours without a contract is kept). An exit dated after `on` is not known yet:
    the parcours is running on `on`, so it comes without its exit.
    """
    day = on if type(on) is pendulum.Date else as_day(on, "on")  # read now, not when iterated
    return _as_of(parcours, day)


def _as_of(parcours: Iterable[Parcours], on: pendulum.Date) -> Iterator[Parcours]:
    last = on.toordinal()
    for p in parcours:
        start = p.start
        if start is not None and start.toordinal() > last:
            continue
        if p.exit is not None and p.exit.on.toordinal() > last:
            yield attrs.evolve(p, exit=None)
        else:
            yield p


def exit_counts(
    parcours: Iterable[Parcours],
    *,
    by: By = (),
    period: tuple[pendulum.Date, pendulum.Date] | None = None,
    on: DayLike | None = None,
) -> ExitCounts:
    """The per-group counts behind `exit_rates` (arguments as there).

    Raises:
        ValueError: an unknown key name.
    """
    if on is not None and type(on) is not pendulum.Date:
        on = as_day(on, "on")
    names, fns, exit_only = _resolve(by)
    groups: dict[tuple[Any, ...], _Acc] = {}
    running: dict[tuple[Any, ...], _Acc] = {}
    if on is not None:
        parcours = as_of(parcours, on)
    for p in parcours:
        if period is not None and (p.exit is None or not period[0] <= p.exit.on <= period[1]):
            continue
        key = tuple(f(p) for f in fns)
        code, length = _classify(p)
        into = running if exit_only and code == _NO_EXIT else groups
        acc = into.get(key)
        if acc is None:
            acc = into[key] = _Acc()
        acc.parcours += 1
        if code == _NO_EXIT:
            acc.running += 1
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
    return ExitCounts(
        by=names,
        exited={k: a.tally() for k, a in groups.items()},
        running={k: a.tally() for k, a in running.items()},
        running_apart=exit_only,
    )


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _reaches(rate: float | None, target: float) -> bool | None:
    return None if rate is None else rate >= target


def _bounds(num: int, den: int, confidence: float) -> tuple[float | None, float | None]:
    ci = wilson_interval(num, den, confidence=confidence)
    return (None, None) if ci is None else ci


def _stats(
    names: tuple[str, ...], key: tuple[Any, ...], t: Tally, goal: Targets, confidence: float
) -> ExitStats:
    counted = t.sustainable + t.transition + t.positive + t.other
    dynamic = t.sustainable + t.transition + t.positive
    dynamic_rate = _ratio(dynamic, counted)
    sustainable_rate = _ratio(t.sustainable, counted)
    d_low, d_high = _bounds(dynamic, counted, confidence)
    s_low, s_high = _bounds(t.sustainable, counted, confidence)
    p_low, p_high = _bounds(t.positive, counted, confidence)
    return ExitStats(
        by=names,
        key=key,
        group=" / ".join(str(getattr(v, "value", v)) for v in key) if key else "all",
        parcours=t.parcours,
        running=t.running,
        exits=t.exits,
        withdrawn=t.withdrawn,
        not_counted=t.not_counted,
        counted=counted,
        sustainable=t.sustainable,
        transition=t.transition,
        positive=t.positive,
        other=t.other,
        dynamic=dynamic,
        dynamic_rate=dynamic_rate,
        sustainable_rate=sustainable_rate,
        positive_rate=_ratio(t.positive, counted),
        dynamic_rate_low=d_low,
        dynamic_rate_high=d_high,
        sustainable_rate_low=s_low,
        sustainable_rate_high=s_high,
        positive_rate_low=p_low,
        positive_rate_high=p_high,
        average_length_days=(t.length_sum / t.length_n if t.length_n else None),
        meets_dynamic_target=_reaches(dynamic_rate, goal.dynamic),
        meets_sustainable_target=_reaches(sustainable_rate, goal.sustainable),
    )


def exit_rates(
    parcours: Iterable[Parcours],
    *,
    by: By = (),
    period: tuple[pendulum.Date, pendulum.Date] | None = None,
    targets: Targets | None = None,
    confidence: float = 0.95,
    running: bool = True,
    on: DayLike | None = None,
) -> list[ExitStats]:
    """Exit rates and counts of a population of parcours, grouped by ``by``.

    Args:
        parcours: the population (any iterable; read once).
        by: one key, a sequence of keys, or a mapping ``{name: key}`` naming them
            (``by={"zone": fn}`` gives a ``zone`` column). A key is a name of `KEYS`
            (``"structure"``, ``"kind"``, ``"department"``, ``"year"`` / ``"exit_year"``,
            ``"entry_year"``, ``"exit_kind"``, ``"category"``) or a function of a parcours
            returning a hashable value. ``()``: one group.
        period: ``(first, last)`` day, inclusive: keep only parcours whose exit falls in
            it (parcours without an exit are then left out).
        targets: the targets to flag (default `Targets`: 60 % and 25 %).
        confidence: the coverage of the Wilson intervals (default 95 %).
        running: with a key only exits have (`EXIT_KEYS`), keep the rows of
            running parcours (after the exit rows); ``False`` leaves them out.
        on: count only what is known on this day (`as_of`): an exit dated after it
            is not known yet, so its parcours is running; a parcours entering after it
            is left out. ``None`` (the default): every exit in the data, whatever its
            date (the population as given).

    Returns:
        One `ExitStats` per group, sorted by key: enum values in their declared
        order (ACI, AI, EI, ETTI, EITI…), numbers and strings in their natural order,
        ``None`` last. With a key only exits have, the rows of running parcours come
        after every exit row.

    Raises:
        ValueError: an unknown key name.
    """
    if on is not None and type(on) is not pendulum.Date:
        on = as_day(on, "on")
    counts = exit_counts(parcours, by=by, period=period, on=on)
    return counts.rates(targets=targets, confidence=confidence, running=running)


@cache
def _enum_order(cls: type[Enum]) -> dict[Any, int]:
    return {m: i for i, m in enumerate(cls)}


def sort_value(v: Any) -> tuple[Any, ...]:
    """The sort key of one group value (the order of `exit_rates`' rows).

    Enum members come first, in their declared order, then numbers, then strings; `None`
    last.
    """
    if v is None:
        return (2,)
    if isinstance(v, Enum):
        return (0, _enum_order(type(v))[v])
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return (1, 0, v)
    if isinstance(v, str):
        return (1, 1, v)
    return (1, 2, str(v))


def _sort_key(key: tuple[Any, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple(sort_value(v) for v in key)


def retention(
    parcours: Iterable[Parcours],
    *,
    on: DayLike,
    at_months: Sequence[int] = (6, 12, 24, 48),
    by: Key | Sequence[Key] = (),
    tolerance_days: int = 45,
    confidence: float = 0.95,
) -> list[RetentionStats]:
    """Share of exits still in work at each horizon after the exit.

    Grouped like `exit_rates`. Unknown situations are kept apart and never counted as
    failures; a horizon after `on` is censored; 95 % Wilson intervals; the share who
    changed employer. The whole method is in `docs/after-exit.md`.

    Horizons are any whole number of months; the defaults go to 48 months, the four years
    of the field's reference figure ("4 years later, more than 70 % are still in work"):
    `at_months=(6, 12, 24, 36, 48)` adds three years. The 48-month horizon of an exit on
    29 February 2020 is 29 February 2024 (`iae_core.followup.horizon_day`); on the day
    before it is censored, from that day it is read from the follow-ups within
    `tolerance_days` of it.

    Returns:
        One `RetentionStats` per group and horizon, sorted by key then horizon.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
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


def cohorts(
    parcours: Iterable[Parcours],
    *,
    by: By = ("department", "entry_year"),
    horizons: Sequence[int] = (6, 12, 24, 36, 48),
    on: DayLike,
    confidence: float = 0.95,
) -> Table:
    """Entry cohorts followed to each horizon: who had exited `m` months after entering.

    For each group of `by` (by default the structure's département and the entry year)
    and each horizon `m`, among the parcours that entered by `on`:

    * **reached**: the parcours whose horizon — the last day of their first `m` months,
      `iae_core.dates.period_end(start, m)` (a parcours entering on 15 January reaches 6
      months on 14 July) — falls on or before `on`. The others have not been followed
      that long yet: they are out of that horizon's row, never counted as still running;
    * **exited**: of those, the parcours with an exit dated on or before their horizon
      (exits of every category, withdrawn included), and `exited_<CATEGORY>` for each exit
      category of `iae_core.enums.ExitCategory`;
    * **rate** = exited / reached, with its Wilson interval `lower`, `upper` (`None`
      when nothing reached the horizon).

    Parcours without a contract (no entry) are left out. Exits after `on` cannot be
    read yet, but a reached horizon is on or before `on`, so they never count.

    Args:
        parcours: the population.
        by: grouping keys, as `exit_rates` (names of `KEYS` or functions).
        horizons: whole months after the entry (at least 1).
        on: the day of observation.
        confidence: the coverage of the intervals.

    Returns:
        A tidy `iae_core.tables.Table` named `"cohorts"`, one row per group and horizon
        (groups sorted as `exit_rates`, then horizons in the order given): the group
        columns, `horizon_months`, `reached`, `exited`, `exited_SUSTAINABLE`,
        `exited_TRANSITION`, `exited_POSITIVE`, `exited_OTHER`, `exited_WITHDRAWN`,
        `rate`, `lower`, `upper`. `.to_pandas()`, `.to_polars()`, `.records()`.

    Raises:
        ValueError: an unknown key name, or a horizon that is not a whole number of
            months of at least 1.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    from iae_core import dates
    from iae_core.tables import Table

    months = tuple(horizons)
    if any(type(m) is not int or m < 1 for m in months):
        msg = f"horizons must be whole months of at least 1: {months!r}"
        raise ValueError(msg)
    names, fns, _ = _resolve(by)
    categories = list(ExitCategory)
    last = on.toordinal()
    # per group: per horizon [reached, exited, per category...]
    groups: dict[tuple[Any, ...], list[list[int]]] = {}
    for p in parcours:
        start = p.start
        if start is None or start.toordinal() > last:
            continue
        key = tuple(f(p) for f in fns)
        accs = groups.get(key)
        if accs is None:
            accs = groups[key] = [[0] * (2 + len(categories)) for _ in months]
        ex = p.exit
        for acc, m in zip(accs, months, strict=True):
            horizon = dates.period_end(start, m).toordinal()
            if horizon > last:
                continue
            acc[0] += 1
            if ex is not None and ex.on.toordinal() <= horizon:
                acc[1] += 1
                acc[2 + categories.index(ex.kind.category)] += 1
    columns: dict[str, list[Any]] = {n: [] for n in names}
    figures = ["horizon_months", "reached", "exited", *(f"exited_{c.value}" for c in categories)]
    for name in [*figures, "rate", "lower", "upper"]:
        columns[name] = []
    for key in sorted(groups, key=_sort_key):
        for acc, m in zip(groups[key], months, strict=True):
            for n, v in zip(names, key, strict=True):
                columns[n].append(v)
            for name, v in zip(figures, [m, *acc], strict=True):
                columns[name].append(v)
            columns["rate"].append(_ratio(acc[1], acc[0]))
            low, high = _bounds(acc[1], acc[0], confidence)
            columns["lower"].append(low)
            columns["upper"].append(high)
    kinds: dict[str, Any] = {n: _column_kind(columns[n]) for n in names}
    kinds.update(dict.fromkeys(figures, "int"))
    kinds.update(dict.fromkeys(("rate", "lower", "upper"), "float"))
    return Table(name="cohorts", kinds=kinds, data=columns)


def _column_kind(values: Sequence[Any]) -> Any:
    """The `Table` kind of a group column: its enum, `int`, `str`, or `object`."""
    present = [v for v in values if v is not None]
    types = {type(v) for v in present}
    if len(types) != 1:
        return "object" if types else "str"
    (tp,) = types
    if issubclass(tp, Enum):
        return tp
    if tp is bool:
        return "bool"
    return {int: "int", float: "float", str: "str"}.get(tp, "object")

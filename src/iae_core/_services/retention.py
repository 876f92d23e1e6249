"""Retention after the exit (`iae_core.stats.retention`): the computation.

Services layer: it reads parcours (`iae_core.parcours`) and their follow-ups
(`iae_core.followup`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.plugins import Result
from iae_core._services.intervals import wilson_interval
from iae_core.enums import ExitCategory, ExitKind
from iae_core.followup import SOURCE_RANK, FollowUp, horizon_day, situation_at
from iae_core.parcours import Parcours

__all__ = ["RetentionStats", "retention"]


def _interval(count: int, total: int, confidence: float) -> tuple[float | None, float | None]:
    """`wilson_interval`, as `(None, None)` when there is nothing to estimate."""
    found = wilson_interval(count, total, confidence=confidence)
    return (None, None) if found is None else found


@attrs.frozen(kw_only=True)
class RetentionStats(Result):
    """Retention of one group of exits at one horizon.

    Attributes:
        by: names of the grouping keys. key: the group's values. group: the key as a label.
        months: the horizon, in months after the exit.
        exits: exits of the group (withdrawn exits such as a death are left out).
        censored: exits whose horizon is after `on` (not yet reached: never a failure).
        unobserved: horizon reached, no follow-up near it.
        unknown: horizon reached, the follow-ups near it say `UNKNOWN`.
        withdrawn: the situation near the horizon is a withdrawal (death, retirement…).
        observed: exits with a known situation at the horizon (the denominator).
        in_work: observed in work (`IN_WORK`). not_in_work: observed, not in work.
        in_work_rate: `in_work / observed` (`None` when nothing is observed), with
            in_work_low, in_work_high: its Wilson interval.
        employer_known: in work with the employer's SIRET known at the horizon.
        changed_employer: of those, with another employer than the first one known after
            the exit. changed_employer_rate, changed_employer_low, changed_employer_high:
            the share of `employer_known` and its Wilson interval.
        confidence: the confidence level of the intervals.
    """

    by: tuple[str, ...]
    key: tuple[Any, ...]
    group: str
    months: int
    exits: int
    censored: int
    unobserved: int
    unknown: int
    withdrawn: int
    observed: int
    in_work: int
    not_in_work: int
    in_work_rate: float | None
    in_work_low: float | None
    in_work_high: float | None
    employer_known: int
    changed_employer: int
    changed_employer_rate: float | None
    changed_employer_low: float | None
    changed_employer_high: float | None
    confidence: float

    def as_dict(self) -> dict[str, Any]:
        """A flat row: each grouping key under its name, then every figure."""
        row: dict[str, Any] = dict(zip(self.by, self.key, strict=True))
        for f in attrs.fields(RetentionStats):
            if f.name not in ("by", "key", "group") or (f.name == "group" and not self.by):
                row[f.name] = getattr(self, f.name)
        return row


class _Acc:
    __slots__ = (
        "censored",
        "changed",
        "employer_known",
        "exits",
        "in_work",
        "not_in_work",
        "unknown",
        "unobserved",
        "withdrawn",
    )

    def __init__(self) -> None:
        self.exits = self.censored = self.unobserved = self.unknown = self.withdrawn = 0
        self.in_work = self.not_in_work = self.employer_known = self.changed = 0


def _first_employer(
    follow_ups: Sequence[FollowUp], until: pendulum.Date, known_on: pendulum.Date
) -> str | None:
    known = [
        f
        for f in follow_ups
        if f.in_work and f.employer_siret is not None and f.on <= until and f.on <= known_on
    ]
    return min(known, key=lambda f: (f.on, SOURCE_RANK[f.source])).employer_siret if known else None


Key = str | Callable[["Parcours"], Hashable]


def retention(
    parcours: Iterable[Parcours],
    *,
    on: pendulum.Date,
    at_months: Sequence[int] = (6, 12, 24, 48),
    by: Key | Sequence[Key] = (),
    tolerance_days: int = 45,
    confidence: float = 0.95,
    named_keys: Mapping[str, Callable[[Parcours], Hashable]],
    sort_key: Callable[[tuple[Any, ...]], Any],
) -> list[RetentionStats]:
    """Share of exits still in work at each horizon after the exit, grouped by `by`.

    For each exit (withdrawn exits left out) and horizon `m` (`horizon_day`):

    * a horizon after `on` is **censored** (not reached yet, never a failure);
    * otherwise the follow-up closest to the horizon within `tolerance_days`
      (`situation_at`; follow-ups after `on` are not known yet) tells the
      situation: **in work** (`IN_WORK`), **not in work**, **withdrawn** (death,
      retirement…: out of the denominator), **unknown** (only `UNKNOWN` near the
      horizon) or **unobserved** (no follow-up near it). Unknown and unobserved exits are
      shown apart and are never counted as failures: the rate is `in_work / observed`.
    * Of those in work with a known employer, **changed employer** when the employer at
      the horizon differs from the first employer known after the exit.

    Args:
        parcours: the population (any iterable; read once).
        on: the day the figures are computed for (the data known then).
        at_months: the horizons, in months after the exit.
        by: grouping keys as in `iae_core.stats.exit_rates` (`"structure"`,
            `"kind"`, `"department"`, `"year"`, `"exit_kind"`, `"category"` or
            a function of a parcours).
        tolerance_days: how far from the horizon a follow-up may be and still tell it.
        confidence: the level of the Wilson intervals (0.95: 95 %).
        named_keys: the named grouping keys (`iae_core.keys`).
        sort_key: how groups are ordered (as `iae_core.stats.exit_rates` orders them).

    Returns:
        One `RetentionStats` per group and horizon, sorted by key then horizon.

    Raises:
        ValueError: an unknown key name, a horizon below 1, a negative tolerance or a
            confidence outside (0, 1).
    """
    on = dates.as_date(on)
    horizons = tuple(at_months)
    if any(type(m) is not int or m < 1 for m in horizons):
        msg = f"at_months must be whole months of at least 1: {horizons!r}"
        raise ValueError(msg)
    if tolerance_days < 0:
        msg = "tolerance_days must not be negative"
        raise ValueError(msg)
    if not 0 < confidence < 1:
        msg = f"confidence must be between 0 and 1: {confidence!r}"
        raise ValueError(msg)
    keys = (by,) if isinstance(by, str) or callable(by) else tuple(by)
    fns: list[Callable[[Parcours], Hashable]] = []
    for k in keys:
        if isinstance(k, str):
            if k not in named_keys:
                msg = f"unknown key {k!r}; expected one of {sorted(named_keys)} or a function"
                raise ValueError(msg)
            fns.append(named_keys[k])
        else:
            fns.append(k)
    names = tuple(k if isinstance(k, str) else getattr(k, "__name__", "key") for k in keys)

    groups: dict[tuple[Any, ...], list[_Acc]] = {}
    for p in parcours:
        ex = p.exit
        if ex is None or ex.category is ExitCategory.WITHDRAWN:
            continue
        key = tuple(f(p) for f in fns)
        accs = groups.get(key)
        if accs is None:
            accs = groups[key] = [_Acc() for _ in horizons]
        follow_ups = p.follow_ups
        for acc, months in zip(accs, horizons, strict=True):
            acc.exits += 1
            day = horizon_day(ex.on, months)
            if day > on:
                acc.censored += 1
                continue
            seen = situation_at(follow_ups, day, tolerance_days=tolerance_days, known_on=on)
            if seen is None:
                acc.unobserved += 1
            elif seen.situation is ExitKind.UNKNOWN:
                acc.unknown += 1
            elif seen.situation.category is ExitCategory.WITHDRAWN:
                acc.withdrawn += 1
            elif seen.in_work:
                acc.in_work += 1
                if seen.employer_siret is not None:
                    acc.employer_known += 1
                    first = _first_employer(follow_ups, seen.on, on)
                    if first is not None and first != seen.employer_siret:
                        acc.changed += 1
            else:
                acc.not_in_work += 1

    out = []
    for key in sorted(groups, key=sort_key):
        label = " / ".join(str(getattr(v, "value", v)) for v in key) if key else "all"
        for acc, months in zip(groups[key], horizons, strict=True):
            observed = acc.in_work + acc.not_in_work
            low, high = _interval(acc.in_work, observed, confidence)
            c_low, c_high = _interval(acc.changed, acc.employer_known, confidence)
            out.append(
                RetentionStats(
                    by=names,
                    key=key,
                    group=label,
                    months=months,
                    exits=acc.exits,
                    censored=acc.censored,
                    unobserved=acc.unobserved,
                    unknown=acc.unknown,
                    withdrawn=acc.withdrawn,
                    observed=observed,
                    in_work=acc.in_work,
                    not_in_work=acc.not_in_work,
                    in_work_rate=acc.in_work / observed if observed else None,
                    in_work_low=low,
                    in_work_high=high,
                    employer_known=acc.employer_known,
                    changed_employer=acc.changed,
                    changed_employer_rate=(
                        acc.changed / acc.employer_known if acc.employer_known else None
                    ),
                    changed_employer_low=c_low,
                    changed_employer_high=c_high,
                    confidence=confidence,
                )
            )
    return out

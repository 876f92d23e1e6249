"""Durations for survival analysis: time to exit, censored at a date; Kaplan–Meier curves.

`durations_table` gives one row per parcours that has started by `on`: its
duration in days, whether it ended by an exit (`exited`) and by a *counted* exit
(`counted_exit`), and where it is censored. `kaplan_meier` estimates a survival
curve — the share of parcours still running after `t` days — per group, with lifelines
when it is installed (extra `survival`; the fitter is kept on the curve) and with a
plain-Python estimator otherwise (the same figures). `curves_table` is the long
frame of the curves, for plotting (`iae_core.plots.survival_curves`).

For publication: `compare` (the log-rank test between groups, lifelines'
`multivariate_logrank_test`), `cumulative_incidence` (how parcours end when the exit
categories compete: the Aalen–Johansen estimator, lifelines' `AalenJohansenFitter` with
tied times kept simultaneous), `SurvivalCurve.at` (S(t) at a month), the interval of the
median (`SurvivalCurve.median_interval`) and `restricted_mean` (the mean time without the
event up to a horizon, lifelines' `restricted_mean_survival_time`). Curves are in days by
default, in months with `time="months"` (months counted from the entry with
`iae_core.dates.period_end`, the `duration_months` column of the durations table).
`compare` and `cumulative_incidence` need lifelines (extra `survival`); the Kaplan–Meier
curve and the restricted mean also have a plain-Python path, tested equal.

Reading of the data (iae_core's choices, not legal rules):

* the origin is the first contract's start; the duration counts both ends, as
  `ExitStats.average_length_days` (an exit on the first day lasts 1 day);
* a parcours running on `on` — no exit, or an exit dated after `on` — is censored at
  `on`: its duration runs to `on` and `censored_on` is `on`;
* for the time to a counted exit, an exit that is withdrawn or not counted ends the
  observation without the event: the parcours is censored at its exit date;
* parcours without a contract, starting after `on` or with an exit dated before their
  start are left out (they have no duration).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from statistics import NormalDist
from typing import Any, Literal

import attrs

from iae_core._kernel.plugins import Result
from iae_core.stats import sort_value
from iae_core.tables import Table, durations_table

__all__ = [
    "IncidenceCurve",
    "LogRank",
    "SurvivalCurve",
    "compare",
    "cumulative_incidence",
    "curves_table",
    "durations_table",
    "kaplan_meier",
    "km_estimate",
    "restricted_mean",
]

Event = Literal["exited", "counted_exit"]
Time = Literal["days", "months"]
_TIME_COLUMN = {"days": "duration_days", "months": "duration_months"}


@attrs.frozen(kw_only=True)
class SurvivalCurve(Result):
    """A Kaplan–Meier survival curve of one group.

    Attributes:
        group: the group's value (`None`: the whole population).
        event: the event column the curve is of (`"exited"`, `"counted_exit"`).
        timeline: the times (days), from 0, one per distinct duration.
        survival: S(t), the estimated share still without the event after t days.
        lower, upper: the pointwise confidence interval of S(t) (exponential Greenwood,
            as lifelines).
        at_risk: how many were still observed just before t.
        events: how many had the event at t.
        n: the group's size.
        median: the first time at which S(t) ≤ 0.5 (`None`: never reached).
        engine: `"lifelines"` or `"python"`.
        fitter: the lifelines `KaplanMeierFitter` (`None` with the plain estimator).
    """

    group: Any
    event: str
    timeline: tuple[float, ...]
    survival: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    at_risk: tuple[int, ...]
    events: tuple[int, ...]
    n: int
    median: float | None
    engine: str
    fitter: Any = attrs.field(default=None, eq=False, repr=False)
    unit: str = "days"

    @property
    def censored(self) -> tuple[int, ...]:
        """How many were censored at each time (left the observation without the event)."""
        nxt = (*self.at_risk[1:], 0)
        return tuple(n - d - m for n, d, m in zip(self.at_risk, self.events, nxt, strict=True))

    def at(self, months: float | None = None, *, days: float | None = None) -> float:
        """S(t): the share still without the event after `months` (or `days`).

        Months are those of the curve's time scale (`kaplan_meier(..., time="months")`:
        counted from each entry with `iae_core.dates.period_end`), so `at(months=12)` is
        the share whose event had not happened by the end of their first 12 months. S is
        a step function, right-continuous: an event on the twelfth month's last day
        counts at 12. Past the last time, the last value.

        Args:
            months: the time, on a curve in months.
            days: the time, on a curve in days.

        Raises:
            ValueError: neither or both given, a negative time, or a time in a unit the
                curve is not in.
        """
        t = _time_arg(self, months, days)
        value = 1.0
        for x, s in zip(self.timeline, self.survival, strict=True):
            if x > t:
                break
            value = s
        return value

    @property
    def median_interval(self) -> tuple[float | None, float | None]:
        """The confidence interval of the median: where the interval's bounds reach 0.5.

        `(first time the lower bound is ≤ 0.5, first time the upper bound is)`, as
        lifelines' `median_survival_times(fitter.confidence_interval_)`; `None` for a
        bound that never reaches it.
        """
        if self.fitter is not None:
            from lifelines.utils import median_survival_times

            ci = median_survival_times(self.fitter.confidence_interval_)
            bounds = [float(x) for x in ci.iloc[0]]
            lo, hi = (None if math.isinf(b) else b for b in bounds)
            return lo, hi

        def first(bound: Sequence[float]) -> float | None:
            for t, b, s in zip(self.timeline, bound, self.survival, strict=True):
                if s > 0 and b <= 0.5:  # lifelines has no interval where S = 0
                    return t
            return None

        return first(self.lower), first(self.upper)


def _time_arg(curve: SurvivalCurve, months: float | None, days: float | None) -> float:
    return _time_of(curve.unit, months, days)


def _time_of(curve_unit: str, months: float | None, days: float | None) -> float:
    """The time asked for, checked against the unit of the curve it is read on."""
    if months is not None and days is None:
        unit, t = "months", months
    elif days is not None and months is None:
        unit, t = "days", days
    else:
        msg = "give the time in months= or in days=, not both"
        raise ValueError(msg)
    if unit != curve_unit:
        msg = (
            f'the curve is in {curve_unit}; read it in {curve_unit}= or build it with time="{unit}"'
        )
        raise ValueError(msg)
    if t < 0:
        msg = f"a time is at least 0, not {t}"
        raise ValueError(msg)
    return float(t)


def restricted_mean(
    curve: SurvivalCurve, months: float | None = None, *, days: float | None = None
) -> float:
    """The restricted mean time without the event: the area under S(t) from 0 to the horizon.

    The mean number of months (days) of the first `months` (`days`) spent without the
    event: `∫₀ᵗ S(u) du` of the step curve, exactly as lifelines'
    `restricted_mean_survival_time(fitter, t=...)` (which is used when the curve was
    fitted by lifelines).

    Args:
        curve: a Kaplan–Meier curve.
        months: the horizon, on a curve in months (`kaplan_meier(..., time="months")`).
        days: the horizon, on a curve in days.

    Returns:
        The restricted mean, in the curve's unit.

    Raises:
        ValueError: as `SurvivalCurve.at`.
    """
    t = _time_arg(curve, months, days)
    if curve.fitter is not None:
        from lifelines.utils import restricted_mean_survival_time

        return float(restricted_mean_survival_time(curve.fitter, t=t))
    area, previous, value = 0.0, 0.0, 1.0
    for x, s in zip(curve.timeline, curve.survival, strict=True):
        if x > t:
            break
        area += (x - previous) * value
        previous, value = x, s
    return area + (t - previous) * value


def km_estimate(
    durations: Sequence[float], observed: Sequence[bool], *, confidence: float = 0.95
) -> dict[str, list[float]]:
    """The Kaplan–Meier estimator in plain Python.

    `S(t) = ∏_{tᵢ ≤ t} (1 − dᵢ / nᵢ)` over the distinct times `tᵢ`, with `dᵢ`
    events at `tᵢ` and `nᵢ` still observed just before it; the interval is the
    exponential Greenwood one: `exp(−exp(log(−log S) ± z·√V / |log S|))` with
    `V = Σ dᵢ / (nᵢ (nᵢ − dᵢ))`.

    Args:
        durations: each subject's time (event or censoring).
        observed: whether its event was observed (else censored then).
        confidence: the interval's coverage.

    Returns:
        Columns `timeline` (from 0), `survival`, `lower`, `upper`, `at_risk`,
        `events`.
    """
    if len(durations) != len(observed):
        msg = "durations and observed differ in length"
        raise ValueError(msg)
    z = NormalDist().inv_cdf((1 + confidence) / 2)
    deaths: dict[float, int] = {}
    leaving: dict[float, int] = {}
    for t, e in zip(durations, observed, strict=True):
        leaving[t] = leaving.get(t, 0) + 1
        if e:
            deaths[t] = deaths.get(t, 0) + 1
    out: dict[str, list[float]] = {
        k: [] for k in ("timeline", "survival", "lower", "upper", "at_risk", "events")
    }
    n = len(durations)
    s, v = 1.0, 0.0
    for t in sorted({0.0, *leaving}):
        d = deaths.get(t, 0)
        if d:
            s *= 1 - d / n
            v = v + d / (n * (n - d)) if n > d else math.inf
        if 0 < s < 1:
            ls = math.log(s)
            half = z * math.sqrt(v) / abs(ls)
            lo = math.exp(-math.exp(math.log(-ls) + half))
            hi = math.exp(-math.exp(math.log(-ls) - half))
        else:
            lo = hi = s
        for name, value in (
            ("timeline", float(t)),
            ("survival", s),
            ("lower", lo),
            ("upper", hi),
            ("at_risk", n),
            ("events", d),
        ):
            out[name].append(value)
        n -= leaving.get(t, 0)
    return out


def _lifelines_available() -> bool:
    try:
        import lifelines  # noqa: F401
    except ImportError:
        return False
    return True


def _columns_of(
    data: Table | Iterable[Mapping[str, Any]], names: Sequence[str | None]
) -> list[Sequence[Any]]:
    """The columns `names` of `data` (`None`: a column of `None`), without a dict per row.

    A `Table`'s own column lists are read as they are; records are read once, column by
    column (a missing column raises `KeyError`, as reading the record would).
    """
    if isinstance(data, Table):
        n = len(data)
        return [[None] * n if name is None else data.data[name] for name in names]
    rows = data if isinstance(data, Sequence) else list(data)
    return [[None] * len(rows) if name is None else [r[name] for r in rows] for name in names]


def kaplan_meier(
    data: Table | Iterable[Mapping[str, Any]],
    *,
    event: Event = "exited",
    by: str | None = "structure_kind",
    confidence: float = 0.95,
    engine: Literal["auto", "lifelines", "python"] = "auto",
    time: Time = "days",
) -> list[SurvivalCurve]:
    """Kaplan–Meier curves of the time to `event`, one per value of `by`.

    Args:
        data: a `durations_table` (or its records).
        event: `"exited"` (time to exit) or `"counted_exit"` (time to a counted exit).
        by: the column whose values are the groups (`None`: one curve).
        confidence: the coverage of the pointwise intervals.
        engine: `"lifelines"` (extra `survival`), `"python"` (`km_estimate`)
            or `"auto"` (lifelines when installed).
        time: the time scale: `"days"` (`duration_days`) or `"months"`
            (`duration_months`: months from the entry, `iae_core.dates.period_end`).

    Returns:
        One `SurvivalCurve` per group, groups in the enum's declared order.

    Raises:
        ImportError: `engine="lifelines"` without lifelines.
    """
    use_lifelines = engine == "lifelines" or (engine == "auto" and _lifelines_available())
    column = _time_column(time)
    groups: dict[Any, tuple[list[float], list[bool]]] = {}
    keys, times, events = _columns_of(data, (by, column, event))
    for g, t, e in zip(keys, times, events, strict=True):
        ts, es = groups.setdefault(g, ([], []))
        # a number as it is (an int of the table is shared; a float made of it would not be)
        ts.append(t if type(t) is int or type(t) is float else float(t))
        es.append(bool(e))
    curves = []
    for g in sorted(groups, key=sort_value):
        ts, es = groups[g]
        if use_lifelines:
            curve = _lifelines_curve(g, event, ts, es, confidence)
        else:
            est = km_estimate(ts, es, confidence=confidence)
            curve = _curve(g, event, est, len(ts), "python", None)
        curves.append(attrs.evolve(curve, unit=time))
    return curves


def _time_column(time: str) -> str:
    if time not in _TIME_COLUMN:
        msg = f"time is 'days' or 'months', not {time!r}"
        raise ValueError(msg)
    return _TIME_COLUMN[time]


def _median(timeline: Sequence[float], survival: Sequence[float]) -> float | None:
    return next((t for t, s in zip(timeline, survival, strict=True) if s <= 0.5), None)


def _curve(
    group: Any, event: str, est: Mapping[str, Sequence[float]], n: int, engine: str, fitter: Any
) -> SurvivalCurve:
    return SurvivalCurve(
        group=group,
        event=event,
        timeline=tuple(float(t) for t in est["timeline"]),
        survival=tuple(float(s) for s in est["survival"]),
        lower=tuple(float(x) for x in est["lower"]),
        upper=tuple(float(x) for x in est["upper"]),
        at_risk=tuple(int(x) for x in est["at_risk"]),
        events=tuple(int(x) for x in est["events"]),
        n=n,
        median=_median(est["timeline"], est["survival"]),
        engine=engine,
        fitter=fitter,
    )


def _lifelines_curve(
    group: Any, event: str, ts: list[float], es: list[bool], confidence: float
) -> SurvivalCurve:
    from lifelines import KaplanMeierFitter

    label = "all" if group is None else str(getattr(group, "value", group))
    kmf = KaplanMeierFitter(alpha=1 - confidence, label=label)
    kmf.fit(ts, event_observed=es)
    sf = kmf.survival_function_.iloc[:, 0]
    ci = kmf.confidence_interval_survival_function_
    table = kmf.event_table
    survival = [float(x) for x in sf.to_numpy()]
    lower = [float(x) for x in ci.iloc[:, 0].to_numpy()]
    upper = [float(x) for x in ci.iloc[:, 1].to_numpy()]
    for i, s in enumerate(survival):  # lifelines leaves no interval at S = 1 or 0
        if s in (0.0, 1.0) or math.isnan(lower[i]):
            lower[i] = upper[i] = s
    est: dict[str, list[float]] = {
        "timeline": [float(t) for t in sf.index],
        "survival": survival,
        "lower": lower,
        "upper": upper,
        "at_risk": [float(x) for x in table["at_risk"].to_numpy()],
        "events": [float(x) for x in table["observed"].to_numpy()],
    }
    return _curve(group, event, est, len(ts), "lifelines", kmf)


def curves_table(curves: Iterable[SurvivalCurve]) -> Table:
    """The long table of curves: one row per (group, time), for plotting or export.

    Columns: `group` (the value's code as a string; `"all"` for one curve),
    `event`, `time`, `survival`, `lower`, `upper`, `at_risk`, `events`.
    """
    kinds: dict[str, Any] = {
        "group": "str",
        "event": "str",
        "time": "float",
        "survival": "float",
        "lower": "float",
        "upper": "float",
        "at_risk": "int",
        "events": "int",
    }
    data: dict[str, list[Any]] = {name: [] for name in kinds}
    for c in curves:
        label = "all" if c.group is None else str(getattr(c.group, "value", c.group))
        size = len(c.timeline)
        data["group"] += [label] * size
        data["event"] += [c.event] * size
        data["time"] += list(c.timeline)
        data["survival"] += list(c.survival)
        data["lower"] += list(c.lower)
        data["upper"] += list(c.upper)
        data["at_risk"] += list(c.at_risk)
        data["events"] += list(c.events)
    return Table(name="survival_curves", kinds=kinds, data=data)


@attrs.frozen(kw_only=True)
class LogRank:
    """The log-rank test of equal survival between groups (`compare`).

    Attributes:
        statistic: the χ² statistic.
        p_value: its p-value (`degrees_of_freedom` degrees of freedom).
        degrees_of_freedom: the number of groups minus one.
        groups: the groups compared, in the order of `kaplan_meier`'s curves.
        n: each group's size, in the same order.
        events: each group's number of events, in the same order.
        event: the event compared (`"exited"`, `"counted_exit"`).
    """

    statistic: float
    p_value: float
    degrees_of_freedom: int
    groups: tuple[Any, ...]
    n: tuple[int, ...]
    events: tuple[int, ...]
    event: str


def _need_lifelines(what: str) -> None:
    if not _lifelines_available():
        msg = f"{what} needs lifelines: pip install 'iae-core[survival]'"
        raise ImportError(msg)


def compare(
    durations: Table | Iterable[Mapping[str, Any]],
    *,
    by: str = "structure_kind",
    event: Event = "exited",
    time: Time = "days",
) -> LogRank:
    """The log-rank test between the groups of `by`: do their times to `event` differ?

    lifelines' `multivariate_logrank_test` (extra `survival`) on the durations, the groups
    and the events; with two groups it is the usual two-sample log-rank test.

    Args:
        durations: a `durations_table` (or its records).
        by: the column whose values are the groups (at least two).
        event: `"exited"` or `"counted_exit"`.
        time: `"days"` or `"months"` (ties differ between the two scales, so the
            statistic may too).

    Returns:
        A `LogRank` result.

    Raises:
        ImportError: lifelines is not installed.
        ValueError: fewer than two groups.
    """
    _need_lifelines("survival.compare")
    from lifelines.statistics import multivariate_logrank_test

    column = _time_column(time)
    keys, times, happened = _columns_of(durations, (by, column, event))
    groups = sorted(set(keys), key=sort_value)
    if len(groups) < 2:
        msg = f"a log-rank test needs at least two groups of {by}, not {len(groups)}"
        raise ValueError(msg)
    index = {g: i for i, g in enumerate(groups)}
    result = multivariate_logrank_test(
        [float(t) for t in times],
        [index[g] for g in keys],
        [bool(e) for e in happened],
    )
    n = [0] * len(groups)
    d = [0] * len(groups)
    for g, e in zip(keys, happened, strict=True):
        n[index[g]] += 1
        d[index[g]] += bool(e)
    return LogRank(
        statistic=float(result.test_statistic),
        p_value=float(result.p_value),
        degrees_of_freedom=int(result.degrees_of_freedom),
        groups=tuple(groups),
        n=tuple(n),
        events=tuple(d),
        event=event,
    )


@attrs.frozen(kw_only=True)
class IncidenceCurve:
    """The cumulative incidence of one exit category in one group (`cumulative_incidence`).

    Attributes:
        group: the group's value (`None`: the whole population).
        category: the exit category (`iae_core.enums.ExitCategory`).
        timeline: the times, from 0 (the unit is `unit`).
        incidence: F(t), the estimated share that ended by an exit of this category by t
            (Aalen–Johansen: the other categories compete, they are not censored).
        lower, upper: its pointwise confidence interval (lifelines: Greenwood-type
            variance, log(−log) transform); equal to F where F is 0 or 1.
        at_risk: how many were still observed just before t.
        events: exits of this category at t.
        n: the group's size.
        unit: `"days"` or `"months"`.
        engine: `"lifelines"`.
    """

    group: Any
    category: Any
    timeline: tuple[float, ...]
    incidence: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    at_risk: tuple[int, ...]
    events: tuple[int, ...]
    n: int
    unit: str
    engine: str = "lifelines"

    def at(self, months: float | None = None, *, days: float | None = None) -> float:
        """F(t) at `months` (or `days`), read as `SurvivalCurve.at` reads S(t)."""
        t = _time_of(self.unit, months, days)
        value = 0.0
        for x, f in zip(self.timeline, self.incidence, strict=True):
            if x > t:
                break
            value = f
        return value


def _aalen_johansen(
    ts: list[float], codes: list[int], code: int, confidence: float
) -> tuple[list[float], ...]:
    """The Aalen–Johansen fit of one category by lifelines, tied times left simultaneous."""
    from lifelines import AalenJohansenFitter

    class _NoJitter(AalenJohansenFitter):  # type: ignore[misc]
        # lifelines jitters tied times of different categories apart at random; the
        # estimator itself handles ties (simultaneous events), so the jitter is turned off.
        @staticmethod
        def _check_for_duplicates(durations: Any, events: Any) -> bool:
            return False

    ajf = _NoJitter(alpha=1 - confidence)
    ajf.fit(ts, codes, event_of_interest=code)
    f = [float(x) for x in ajf.cumulative_density_.iloc[:, 0].to_numpy()]
    ci = ajf.confidence_interval_
    a = [float(x) for x in ci.iloc[:, 0].to_numpy()]
    b = [float(x) for x in ci.iloc[:, 1].to_numpy()]
    lower, upper = [], []
    for fi, ai, bi in zip(f, a, b, strict=True):
        if math.isnan(ai) or math.isnan(bi) or fi in (0.0, 1.0):
            lower.append(fi)
            upper.append(fi)
        else:
            lower.append(min(ai, bi))
            upper.append(max(ai, bi))
    table = ajf.event_table
    return (
        [float(t) for t in ajf.cumulative_density_.index],
        f,
        lower,
        upper,
        [float(x) for x in table["at_risk"].to_numpy()],
        [float(x) for x in table[ajf.label_cmprisk].to_numpy()],
    )


def cumulative_incidence(
    durations: Table | Iterable[Mapping[str, Any]],
    *,
    by: str | None = None,
    time: Time = "days",
    confidence: float = 0.95,
) -> list[IncidenceCurve]:
    """How parcours end: the cumulative incidence of each exit category, the others competing.

    An exit of one category (sustainable, transition, positive, other, withdrawn) ends the
    parcours and prevents the others: treating them as censoring (one minus a Kaplan–Meier
    curve of one category) overstates each. The Aalen–Johansen estimator
    `F_k(t) = Σ_{tᵢ ≤ t} S(tᵢ₋) d_{k,i} / nᵢ` (S the Kaplan–Meier curve of any exit) does not:
    at every time the categories and the overall survival sum to 1. Tied times of different
    categories are simultaneous events (lifelines' `AalenJohansenFitter`, whose random
    jitter of tied times is turned off; extra `survival`). Parcours running on the
    durations' day are censored.

    Args:
        durations: a `durations_table` (or its records: `exit_category` and the duration).
        by: the column whose values are the groups (`None`: the whole population).
        time: `"days"` or `"months"`.
        confidence: the coverage of the pointwise intervals.

    Returns:
        One `IncidenceCurve` per group and exit category present in it, groups as
        `kaplan_meier`'s, categories in their declared order.

    Raises:
        ImportError: lifelines is not installed.
    """
    _need_lifelines("survival.cumulative_incidence")
    from iae_core.enums import ExitCategory

    column = _time_column(time)
    codes = {c: i + 1 for i, c in enumerate(ExitCategory)}
    groups: dict[Any, tuple[list[float], list[int]]] = {}
    keys, times, categories, exited = _columns_of(
        durations, (by, column, "exit_category", "exited")
    )
    for g, t, c, e in zip(keys, times, categories, exited, strict=True):
        ts, cs = groups.setdefault(g, ([], []))
        ts.append(float(t))
        category = c if e else None
        cs.append(0 if category is None else codes[ExitCategory[str(category)]])
    out = []
    for g in sorted(groups, key=sort_value):
        ts, cs = groups[g]
        for category in ExitCategory:
            if codes[category] not in cs:
                continue
            timeline, f, lower, upper, at_risk, events = _aalen_johansen(
                ts, cs, codes[category], confidence
            )
            out.append(
                IncidenceCurve(
                    group=g,
                    category=category,
                    timeline=tuple(timeline),
                    incidence=tuple(f),
                    lower=tuple(lower),
                    upper=tuple(upper),
                    at_risk=tuple(int(x) for x in at_risk),
                    events=tuple(int(x) for x in events),
                    n=len(ts),
                    unit=time,
                )
            )
    return out

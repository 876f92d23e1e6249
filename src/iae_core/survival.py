"""Durations for survival analysis: time to exit, censored at a date; Kaplan–Meier curves.

`durations_table` gives one row per parcours that has started by `on`: its
duration in days, whether it ended by an exit (`exited`) and by a *counted* exit
(`counted_exit`), and where it is censored. `kaplan_meier` estimates a survival
curve — the share of parcours still running after `t` days — per group, with lifelines
when it is installed (extra `survival`; the fitter is kept on the curve) and with a
plain-Python estimator otherwise (the same figures). `curves_table` is the long
frame of the curves, for plotting (`iae_core.plots.survival_curves`).

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

__all__ = ["SurvivalCurve", "curves_table", "durations_table", "kaplan_meier", "km_estimate"]

Event = Literal["exited", "counted_exit"]


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
            ("timeline", t),
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


def _rows_of(data: Table | Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    if isinstance(data, Table):
        return list(data.records())
    return list(data)


def kaplan_meier(
    data: Table | Iterable[Mapping[str, Any]],
    *,
    event: Event = "exited",
    by: str | None = "structure_kind",
    confidence: float = 0.95,
    engine: Literal["auto", "lifelines", "python"] = "auto",
) -> list[SurvivalCurve]:
    """Kaplan–Meier curves of the time to `event`, one per value of `by`.

    Args:
        data: a `durations_table` (or its records).
        event: `"exited"` (time to exit) or `"counted_exit"` (time to a counted exit).
        by: the column whose values are the groups (`None`: one curve).
        confidence: the coverage of the pointwise intervals.
        engine: `"lifelines"` (extra `survival`), `"python"` (`km_estimate`)
            or `"auto"` (lifelines when installed).

    Returns:
        One `SurvivalCurve` per group, groups in the enum's declared order.

    Raises:
        ImportError: `engine="lifelines"` without lifelines.
    """
    use_lifelines = engine == "lifelines" or (engine == "auto" and _lifelines_available())
    groups: dict[Any, tuple[list[float], list[bool]]] = {}
    for r in _rows_of(data):
        g = None if by is None else r[by]
        ts, es = groups.setdefault(g, ([], []))
        ts.append(float(r["duration_days"]))
        es.append(bool(r[event]))
    curves = []
    for g in sorted(groups, key=sort_value):
        ts, es = groups[g]
        if use_lifelines:
            curves.append(_lifelines_curve(g, event, ts, es, confidence))
        else:
            est = km_estimate(ts, es, confidence=confidence)
            curves.append(_curve(g, event, est, len(ts), "python", None))
    return curves


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

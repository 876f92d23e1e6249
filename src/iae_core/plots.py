"""Figures of a study (extra `plots`: matplotlib).

Each function returns a `matplotlib.figure.Figure` built without `pyplot` (no GUI,
no global state): show it in a notebook, or `fig.savefig("rates.png")`. Every figure
takes `lang="fr"` or `lang="en"` (default: the current language, French unless
`iae_core.language(...)` says otherwise) for its title, axes and legend, and its title
says which population it covers and how many.

* `exit_rates_by_kind` — dynamic and sustainable exit rates (%) per structure kind,
  with their Wilson intervals and the number of counted exits under each pair of bars,
  against the targets (`iae_core.stats.Targets`);
* `length_by_kind` — the distribution of parcours lengths (days) per kind, of exited
  parcours only;
* `survival_curves` — Kaplan–Meier curves (`iae_core.survival.kaplan_meier`), in months
  or days, with censoring marks and a table of the numbers at risk;
* `cumulative_incidence` — how parcours end: the cumulative incidence of each exit
  category, stacked (`iae_core.survival.cumulative_incidence`);
* `cohorts_by_department` — the exit rate of entry cohorts at a horizon, one bar per
  département (`iae_core.stats.cohorts`);
* `assignment_map` — a territory's people and positions, with the assignment drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from iae_core._kernel import text as _text
from iae_core.matching import Assignment, Candidate, Position
from iae_core.parcours import Parcours
from iae_core.stats import ExitStats, Targets, exit_rates, sort_value, wilson_interval
from iae_core.survival import IncidenceCurve, SurvivalCurve
from iae_core.tables import Table

__all__ = [
    "assignment_map",
    "cohorts_by_department",
    "cumulative_incidence",
    "exit_rates_by_kind",
    "length_by_kind",
    "survival_curves",
]


def _lang(lang: str | None) -> _text.Lang:
    """`lang`, or the language in force; an unknown one is refused in the language in force."""
    return _text.current_language() if lang is None else _text.need_language(lang)


def _w(key: str, lang: _text.Lang, **values: Any) -> str:
    """The words `plots.<key>` of the one catalogue (`iae_core._kernel.text.WORDS`)."""
    return _text.say("plots." + key.replace(" ", "_"), lang, **values)


def _count(n: int, lang: _text.Lang) -> str:
    return _text.fmt_number(n, "fr" if lang == "fr" else "en", digits=0, group=True)


def _category_label(category: Any, lang: _text.Lang) -> str:
    code = str(getattr(category, "value", category))
    key = "plots.category." + code
    return _text.say(key, lang) if key in _text.WORDS else code


def _figure(width: float = 7.0, height: float = 4.0) -> Any:
    from iae_core.errors import require

    figure = require("matplotlib.figure", feature="iae_core.plots", extra="plots")
    return figure.Figure(figsize=(width, height), layout="constrained")


def _label(value: Any, lang: _text.Lang) -> str:
    return _w("all", lang) if value is None else str(getattr(value, "value", value))


def exit_rates_by_kind(
    data: Iterable[Parcours] | Sequence[ExitStats],
    *,
    targets: Targets | None = None,
    lang: _text.Lang | None = None,
) -> Any:
    """Bars of the dynamic and sustainable rates (%) per structure kind, against the targets.

    Args:
        data: parcours (rated with `exit_rates(..., by="kind")`) or the rows of such a
            call (rated as of a day with `exit_rates(..., by="kind", on=day)`).
        targets: the horizontal target lines (default `iae_core.stats.Targets`).
        lang: `"fr"` or `"en"` (default: the current language).

    Returns:
        A `Figure` with one axes: two bars per kind (in % of counted exits) with their
        95 % Wilson intervals, the number of counted exits under each pair (`n = …`), a
        dashed line per target; the title gives the counted exits in all.
    """
    lang = _lang(lang)
    items = list(data)
    rows: list[ExitStats]
    if items and all(isinstance(r, ExitStats) for r in items):
        rows = [r for r in items if isinstance(r, ExitStats) and r.counted]
    else:
        parcours = [p for p in items if isinstance(p, Parcours)]
        rows = [r for r in exit_rates(parcours, by="kind") if r.counted]
    goal = targets or Targets()
    fig = _figure()
    ax = fig.add_subplot()
    width = 0.38
    xs = list(range(len(rows)))
    for offset, name, colour in (
        (-width / 2, "dynamic", "tab:blue"),
        (width / 2, "sustainable", "tab:green"),
    ):
        rates = [100 * (getattr(r, f"{name}_rate") or 0.0) for r in rows]
        lows = [
            rate - 100 * (getattr(r, f"{name}_rate_low") or 0.0)
            for r, rate in zip(rows, rates, strict=True)
        ]
        highs = [
            100 * (getattr(r, f"{name}_rate_high") or 0.0) - rate
            for r, rate in zip(rows, rates, strict=True)
        ]
        ax.bar(
            [x + offset for x in xs],
            rates,
            width,
            yerr=[lows, highs],
            capsize=3,
            color=colour,
            label=_w(f"{name} rate", lang),
        )
        target = 100 * getattr(goal, name)
        ax.axhline(
            target, color=colour, linestyle="--", linewidth=1, label=_w(f"{name} target", lang)
        )
    for x, r in zip(xs, rows, strict=True):
        ax.annotate(
            _w("n", lang, n=_count(r.counted, lang)),
            (x, 0),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize="small",
            color="white",
            fontweight="bold",
        )
    ax.set_xticks(xs, [_label(r.key[0], lang) if r.key else r.group for r in rows])
    ax.set_ylim(0, 100)
    ax.set_ylabel(_w("rates y", lang))
    total = sum(r.counted for r in rows)
    ax.set_title(_w("rates title", lang, n=_count(total, lang)), fontsize="medium")
    ax.legend(loc="upper right", fontsize="small")
    return fig


def length_by_kind(data: Iterable[Parcours] | Table, *, lang: _text.Lang | None = None) -> Any:
    """Box plots of the parcours lengths (days) per structure kind, of exited parcours only.

    Args:
        data: parcours, or a `iae_core.tables.parcours_table` (its
            `duration_days` and `structure_kind` columns).
        lang: `"fr"` or `"en"` (default: the current language).

    Returns:
        A `Figure` with one axes and one box per kind with exits; the title says it covers
        exited parcours only, and how many (running parcours have no length yet: for them
        see `survival_curves`).
    """
    lang = _lang(lang)
    groups: dict[Any, list[int]] = {}
    if isinstance(data, Table):
        for kind, days in zip(data.data["structure_kind"], data.data["duration_days"], strict=True):
            if days is not None:
                groups.setdefault(kind, []).append(days)
    else:
        for p in data:
            start, ex = p.start, p.exit
            if ex is not None and start is not None and ex.on >= start:
                days = ex.on.toordinal() - start.toordinal() + 1
                groups.setdefault(p.structure.kind, []).append(days)
    kinds = sorted(groups, key=sort_value)
    fig = _figure()
    ax = fig.add_subplot()
    if kinds:
        ax.boxplot([groups[k] for k in kinds], tick_labels=[_label(k, lang) for k in kinds])
    ax.set_ylabel(_w("length y", lang))
    n = sum(len(v) for v in groups.values())
    ax.set_title(_w("length title", lang, n=_count(n, lang)), fontsize="medium")
    return fig


def _at_risk_at(curve: SurvivalCurve, x: float) -> int:
    """How many of the curve's group were still observed just before `x`."""
    for t, n in zip(curve.timeline, curve.at_risk, strict=True):
        if t >= x:
            return n
    return 0


def survival_curves(
    curves: Iterable[SurvivalCurve],
    *,
    intervals: bool = True,
    at_risk: bool = True,
    lang: _text.Lang | None = None,
) -> Any:
    """Kaplan–Meier curves as steps, one per group, with censoring marks and numbers at risk.

    Args:
        curves: from `iae_core.survival.kaplan_meier` (in months with `time="months"`,
            the usual reading; in days otherwise).
        intervals: shade the pointwise confidence intervals.
        at_risk: add the table of the numbers still at risk under the curves, one row per
            group, at each tick of the time axis.
        lang: `"fr"` or `"en"` (default: the current language).

    Returns:
        A `Figure` whose first axes holds one line per curve and a `+` where parcours were
        censored (running on the day of observation), and, with `at_risk`, a second axes
        with the table.
    """
    lang = _lang(lang)
    items = list(curves)
    fig = _figure(7.0, 4.0 + (0.25 * len(items) + 0.4 if at_risk else 0.0))
    if at_risk:
        grid = fig.add_gridspec(2, 1, height_ratios=[4, 0.35 * len(items) + 0.5])
        ax = fig.add_subplot(grid[0])
        table_ax = fig.add_subplot(grid[1], sharex=ax)
    else:
        ax = fig.add_subplot()
    event = "exited"
    unit = "days"
    for c in items:
        event, unit = c.event, c.unit
        (line,) = ax.step(c.timeline, c.survival, where="post", label=_label(c.group, lang))
        if intervals:
            ax.fill_between(
                c.timeline, c.lower, c.upper, step="post", alpha=0.2, color=line.get_color()
            )
        marks = [(t, s) for t, s, k in zip(c.timeline, c.survival, c.censored, strict=True) if k]
        if marks:
            ax.plot(
                [t for t, _ in marks],
                [s for _, s in marks],
                linestyle="none",
                marker="+",
                markersize=6,
                color=line.get_color(),
            )
    ax.set_ylim(0, 1.02)
    ax.set_ylabel(_w("survival y", lang))
    ax.set_xlim(left=0)
    n = sum(c.n for c in items)
    ax.set_title(
        _w("survival title", lang, event=_w(event, lang), n=_count(n, lang)), fontsize="medium"
    )
    if items:
        ax.legend(loc="upper right", fontsize="small")
    xlabel = _w("months x" if unit == "months" else "days x", lang)
    if not at_risk:
        ax.set_xlabel(xlabel)
        return fig
    if unit == "months":
        last = max((c.timeline[-1] for c in items), default=12.0)
        step = 6 if last <= 60 else 12
        ticks = [float(x) for x in range(0, int(last) + step, step)]
        ax.set_xticks(ticks)
    ticks = [t for t in ax.get_xticks() if t >= 0]
    table_ax.set_xlabel(xlabel)
    table_ax.set_yticks(range(len(items)), [_label(c.group, lang) for c in items][::-1])
    table_ax.set_ylim(-0.6, len(items) - 0.4)
    for row, c in enumerate(items[::-1]):
        for t in ticks:
            table_ax.text(t, row, str(_at_risk_at(c, t)), ha="center", va="center", fontsize=7)
    table_ax.set_title(_w("at risk", lang), fontsize="small", loc="left")
    table_ax.tick_params(axis="y", length=0, labelsize="small", pad=14)
    for side in ("top", "right", "left"):
        table_ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelbottom=False)
    return fig


def cumulative_incidence(
    curves: Iterable[IncidenceCurve], *, lang: _text.Lang | None = None
) -> Any:
    """The cumulative incidence of each exit category, stacked, one panel per group.

    Args:
        curves: from `iae_core.survival.cumulative_incidence`.
        lang: `"fr"` or `"en"` (default: the current language).

    Returns:
        A `Figure` with one axes per group: the categories' incidences stacked in their
        declared order (their sum is the share of parcours ended by then), the rest being
        the parcours still running; the title gives the number of parcours.
    """
    lang = _lang(lang)
    groups: dict[Any, list[IncidenceCurve]] = {}
    for c in curves:
        groups.setdefault(c.group, []).append(c)
    keys = list(groups)
    fig = _figure(7.0, 3.6 * max(1, len(keys)))
    for key in keys or [None]:
        ax = fig.add_subplot(max(1, len(keys)), 1, (keys.index(key) + 1) if keys else 1)
        members = groups.get(key, [])
        if not members:
            continue
        times = sorted({t for c in members for t in c.timeline})
        layers = [[c.at(**{c.unit: t}) for t in times] for c in members]
        labels = [_category_label(c.category, lang) for c in members]
        ax.stackplot(times, *layers, labels=labels, step="post", alpha=0.85)
        ended = [sum(v) for v in zip(*layers, strict=True)]
        ax.step(times, ended, where="post", color="black", linewidth=0.8)
        ax.set_ylim(0, 1)
        ax.set_xlim(left=0)
        unit = members[0].unit
        ax.set_xlabel(_w("months x" if unit == "months" else "days x", lang))
        ax.set_ylabel(_w("incidence y", lang))
        separator = " : " if lang == "fr" else ": "
        group = "" if key is None else f"{_label(key, lang)}{separator}"
        ax.set_title(
            _w("incidence title", lang, group=group, n=_count(members[0].n, lang)),
            fontsize="medium",
        )
        ax.legend(loc="upper left", fontsize="small")
    return fig


def cohorts_by_department(
    table: Table,
    *,
    horizon: int = 12,
    column: str = "department",
    lang: _text.Lang | None = None,
) -> Any:
    """Bars of the share of entry cohorts exited by a horizon, one per département.

    The rows of `iae_core.stats.cohorts` at `horizon` are summed per département (over
    entry years or any other group column), the rate and its Wilson interval recomputed.

    Args:
        table: from `iae_core.stats.cohorts` (with a `department` column).
        horizon: the horizon in months (one of the table's `horizon_months`).
        column: the table's column of départements.
        lang: `"fr"` or `"en"` (default: the current language).

    Returns:
        A `Figure` with one axes: a bar (%) per département with its interval and the
        number of parcours that reached the horizon (`n = …`); the title gives that
        number in all.

    Raises:
        ValueError: the table has no row at `horizon`, or no `column`.
    """
    lang = _lang(lang)
    if column not in table.data:
        msg = _w("no_column", lang, column=repr(column))
        raise ValueError(msg)
    sums: dict[Any, list[int]] = {}
    seen = False
    for row in table.records():
        if row["horizon_months"] != horizon:
            continue
        seen = True
        acc = sums.setdefault(row[column], [0, 0])
        acc[0] += row["reached"]
        acc[1] += row["exited"]
    if not seen:
        msg = _w("no_horizon", lang, horizon=horizon)
        raise ValueError(msg)
    departments = [d for d in sorted(sums, key=sort_value) if sums[d][0]]
    fig = _figure()
    ax = fig.add_subplot()
    xs = list(range(len(departments)))
    rates, lows, highs = [], [], []
    for d in departments:
        reached, exited = sums[d]
        rate = 100 * exited / reached
        low, high = wilson_interval(exited, reached) or (0.0, 0.0)
        rates.append(rate)
        lows.append(rate - 100 * low)
        highs.append(100 * high - rate)
    ax.bar(xs, rates, 0.6, yerr=[lows, highs], capsize=3, color="tab:purple")
    for x, d in zip(xs, departments, strict=True):
        ax.annotate(
            _w("n", lang, n=_count(sums[d][0], lang)),
            (x, 0),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize="small",
            color="white",
            fontweight="bold",
        )
    ax.set_xticks(xs, [_label(d, lang) for d in departments])
    ax.set_ylim(0, 100)
    ax.set_xlabel(_w("cohort x", lang))
    ax.set_ylabel(_w("cohort y", lang))
    total = sum(sums[d][0] for d in departments)
    ax.set_title(_w("cohort title", lang, h=horizon, n=_count(total, lang)), fontsize="medium")
    return fig


def assignment_map(
    candidates: Iterable[Candidate],
    positions: Iterable[Position],
    assignment: Assignment,
    *,
    lang: _text.Lang | None = None,
) -> Any:
    """A map of people and positions, each person joined to the position assigned.

    Longitude and latitude are drawn as they are (an equirectangular view, with the
    latitude's scale set so that a kilometre is as long both ways): enough for a
    département, not a projection for a country.

    Args:
        candidates: the people (`iae_core.matching.Candidate`), drawn as dots: filled
            when placed, hollow when not.
        positions: the positions (`iae_core.matching.Position`), drawn as squares sized
            by their seats.
        assignment: what `iae_core.matching.assign` returned for them.
        lang: `"fr"` or `"en"` (default: the current language).

    Returns:
        A `Figure` with one axes: the people, the positions, a line per pair.
    """
    import math

    lang = _lang(lang)
    people = {c.id: c for c in candidates}
    places = {p.id: p for p in positions}
    placed = {cid for cid, _ in assignment.pairs}
    fig = _figure(7.0, 6.0)
    ax = fig.add_subplot()
    for cid, pid in assignment.pairs:
        c, p = people.get(cid), places.get(pid)
        if c is not None and p is not None:
            ax.plot(
                [c.location.lon, p.location.lon],
                [c.location.lat, p.location.lat],
                color="tab:green",
                linewidth=0.8,
                alpha=0.7,
                zorder=1,
            )
    done = [c for c in people.values() if c.id in placed]
    left = [c for c in people.values() if c.id not in placed]
    ax.scatter(
        [c.location.lon for c in done],
        [c.location.lat for c in done],
        s=14,
        color="tab:green",
        label=_w("placed", lang, n=len(done)),
        zorder=2,
    )
    ax.scatter(
        [c.location.lon for c in left],
        [c.location.lat for c in left],
        s=14,
        facecolors="none",
        edgecolors="tab:gray",
        label=_w("not placed", lang, n=len(left)),
        zorder=2,
    )
    ax.scatter(
        [p.location.lon for p in places.values()],
        [p.location.lat for p in places.values()],
        s=[18 + 12 * p.seats for p in places.values()],
        marker="s",
        color="tab:orange",
        edgecolors="black",
        linewidths=0.5,
        label=_w("positions", lang, n=len(places)),
        zorder=3,
    )
    lats = [c.location.lat for c in people.values()] + [p.location.lat for p in places.values()]
    if lats:
        middle = (min(lats) + max(lats)) / 2
        ax.set_aspect(1 / max(math.cos(math.radians(middle)), 0.1))
    ax.set_xlabel(_w("longitude", lang))
    ax.set_ylabel(_w("latitude", lang))
    ax.set_title(_w("map title", lang, n=len(assignment.pairs), total=len(people)))
    ax.legend(loc="upper right", fontsize="small")
    return fig

"""Figures of a study (extra `plots`: matplotlib).

Each function returns a `matplotlib.figure.Figure` built without `pyplot` (no GUI,
no global state): show it in a notebook, or `fig.savefig("rates.png")`.

* `exit_rates_by_kind` — dynamic and sustainable exit rates per structure kind,
  with their Wilson intervals, against the targets (`iae_core.stats.Targets`);
* `length_by_kind` — the distribution of parcours lengths (days) per kind;
* `survival_curves` — Kaplan–Meier curves (`iae_core.survival.kaplan_meier`);
* `assignment_map` — a territory's people and positions, with the assignment drawn.

Every title, axis and legend is in French by default, in English with `lang="en"` (or
inside `iae_core.language("en")`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from iae_core._kernel.text import WORDS, Lang, current_language, say
from iae_core.matching import Assignment, Candidate, Position
from iae_core.parcours import Parcours
from iae_core.stats import ExitStats, Targets, exit_rates, sort_value
from iae_core.survival import SurvivalCurve
from iae_core.tables import Table

__all__ = ["assignment_map", "exit_rates_by_kind", "length_by_kind", "survival_curves"]


def _figure(width: float = 7.0, height: float = 4.0) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _label(value: Any, lang: Lang) -> str:
    return say("plots.all", lang) if value is None else str(getattr(value, "value", value))


def _lang(lang: Lang | None) -> Lang:
    return current_language() if lang is None else lang


def exit_rates_by_kind(
    data: Iterable[Parcours] | Sequence[ExitStats],
    *,
    targets: Targets | None = None,
    lang: Lang | None = None,
) -> Any:
    """Bars of the dynamic and sustainable rates per structure kind, against the targets.

    Args:
        data: parcours (rated with `exit_rates(..., by="kind")`) or the rows of such a
            call.
        targets: the horizontal target lines (default `iae_core.stats.Targets`).
        lang: the language of the words (default: the language in force).

    Returns:
        A `Figure` with one axes: two bars per kind with their 95 % Wilson intervals,
        and a dashed line per target.
    """
    items = list(data)
    rows: list[ExitStats]
    if items and all(isinstance(r, ExitStats) for r in items):
        rows = [r for r in items if isinstance(r, ExitStats) and r.counted]
    else:
        parcours = [p for p in items if isinstance(p, Parcours)]
        rows = [r for r in exit_rates(parcours, by="kind") if r.counted]
    goal = targets or Targets()
    lang = _lang(lang)
    fig = _figure()
    ax = fig.add_subplot()
    width = 0.38
    xs = list(range(len(rows)))
    for offset, name, colour in (
        (-width / 2, "dynamic", "tab:blue"),
        (width / 2, "sustainable", "tab:green"),
    ):
        rates = [getattr(r, f"{name}_rate") or 0.0 for r in rows]
        lows = [
            rate - (getattr(r, f"{name}_rate_low") or 0.0)
            for r, rate in zip(rows, rates, strict=True)
        ]
        highs = [
            (getattr(r, f"{name}_rate_high") or 0.0) - rate
            for r, rate in zip(rows, rates, strict=True)
        ]
        ax.bar(
            [x + offset for x in xs],
            rates,
            width,
            yerr=[lows, highs],
            capsize=3,
            color=colour,
            label=say("plots.rate", lang, name=say(f"plots.exit.{name}", lang)),
        )
        target = getattr(goal, name)
        ax.axhline(
            target,
            color=colour,
            linestyle="--",
            linewidth=1,
            label=say("plots.target", lang, name=say(f"plots.exit.{name}", lang)),
        )
    ax.set_xticks(xs, [_label(r.key[0], lang) if r.key else r.group for r in rows])
    ax.set_ylim(0, 1)
    ax.set_ylabel(say("plots.exit.ylabel", lang))
    ax.set_title(say("plots.exit.title", lang))
    ax.legend(loc="upper right", fontsize="small")
    return fig


def length_by_kind(data: Iterable[Parcours] | Table, *, lang: Lang | None = None) -> Any:
    """Box plots of the parcours lengths (days, exited parcours) per structure kind.

    Args:
        data: parcours, or a `iae_core.tables.parcours_table` (its
            `duration_days` and `structure_kind` columns).
        lang: the language of the words (default: the language in force).

    Returns:
        A `Figure` with one axes and one box per kind with exits.
    """
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
    lang = _lang(lang)
    fig = _figure()
    ax = fig.add_subplot()
    if kinds:
        ax.boxplot([groups[k] for k in kinds], tick_labels=[_label(k, lang) for k in kinds])
    ax.set_ylabel(say("plots.length.ylabel", lang))
    ax.set_title(say("plots.length.title", lang))
    return fig


def survival_curves(
    curves: Iterable[SurvivalCurve], *, intervals: bool = True, lang: Lang | None = None
) -> Any:
    """Kaplan–Meier curves as steps, one per group, with their intervals as bands.

    Args:
        curves: from `iae_core.survival.kaplan_meier`.
        intervals: shade the pointwise confidence intervals.
        lang: the language of the words (default: the language in force).

    Returns:
        A `Figure` with one axes and one line per curve.
    """
    lang = _lang(lang)
    fig = _figure()
    ax = fig.add_subplot()
    event = "exit"
    for c in curves:
        event = c.event.replace("_", " ")
        (line,) = ax.step(c.timeline, c.survival, where="post", label=_label(c.group, lang))
        if intervals:
            ax.fill_between(
                c.timeline, c.lower, c.upper, step="post", alpha=0.2, color=line.get_color()
            )
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(say("plots.survival.xlabel", lang))
    ax.set_ylabel(say("plots.survival.ylabel", lang))
    key = "plots.survival.exit" if event in ("exit", "exited") else f"plots.survival.{event}"
    shown = say(key, lang) if key in WORDS else event
    ax.set_title(say("plots.survival.title", lang, event=shown))
    ax.legend(loc="upper right", fontsize="small")
    return fig


def assignment_map(
    candidates: Iterable[Candidate],
    positions: Iterable[Position],
    assignment: Assignment,
    *,
    lang: Lang | None = None,
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
        lang: the language of the words (default: the language in force).

    Returns:
        A `Figure` with one axes: the people, the positions, a line per pair.
    """
    import math

    people = {c.id: c for c in candidates}
    places = {p.id: p for p in positions}
    placed = {cid for cid, _ in assignment.pairs}
    lang = _lang(lang)
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
        label=say("plots.map.placed", lang, n=len(done)),
        zorder=2,
    )
    ax.scatter(
        [c.location.lon for c in left],
        [c.location.lat for c in left],
        s=14,
        facecolors="none",
        edgecolors="tab:gray",
        label=say("plots.map.not_placed", lang, n=len(left)),
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
        label=say("plots.map.positions", lang, n=len(places)),
        zorder=3,
    )
    lats = [c.location.lat for c in people.values()] + [p.location.lat for p in places.values()]
    if lats:
        middle = (min(lats) + max(lats)) / 2
        ax.set_aspect(1 / max(math.cos(math.radians(middle)), 0.1))
    ax.set_xlabel(say("plots.map.xlabel", lang))
    ax.set_ylabel(say("plots.map.ylabel", lang))
    ax.set_title(say("plots.map.title", lang, n=len(assignment.pairs)))
    ax.legend(loc="upper right", fontsize="small")
    return fig

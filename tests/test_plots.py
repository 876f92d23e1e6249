"""Figures (issue 19): each returns a matplotlib Figure with axes and lines; saved as PNG."""

import importlib.util
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from iae_core import plots, stats, survival, tables

_spec = importlib.util.spec_from_file_location(
    "_research_population", Path(__file__).with_name("_research_population.py")
)
pop_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pop_mod)


def _saved(fig, tmp_path, name):
    path = tmp_path / f"{name}.png"
    fig.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_exit_rates_by_kind(tmp_path):
    pop = pop_mod.population()
    fig = plots.exit_rates_by_kind(pop)
    (ax,) = fig.axes
    # two bars (dynamic, sustainable) per kind with counted exits: ACI (a) and AI (e)
    heights = sorted(round(p.get_height(), 6) for p in ax.patches)
    rated = [r for r in stats.exit_rates(pop, by="kind") if r.counted]
    assert heights == sorted(x for r in rated for x in (r.dynamic_rate, r.sustainable_rate))
    targets = sorted(line.get_ydata()[0] for line in ax.get_lines() if line.get_linestyle() == "--")
    assert targets == [stats.Targets().sustainable, stats.Targets().dynamic]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["ACI", "AI"]
    same = plots.exit_rates_by_kind(stats.exit_rates(pop, by="kind"))
    assert len(same.axes[0].patches) == len(ax.patches)
    _saved(fig, tmp_path, "rates")


def test_length_by_kind(tmp_path):
    pop = pop_mod.population()
    fig = plots.length_by_kind(pop)
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_xticklabels()] == ["ACI", "AI", "ETTI"]
    from_table = plots.length_by_kind(tables.parcours_table(pop, key=pop_mod.KEY))
    assert [t.get_text() for t in from_table.axes[0].get_xticklabels()] == ["ACI", "AI", "ETTI"]
    _saved(fig, tmp_path, "length")


def test_survival_curves(tmp_path):
    durations = survival.durations_table(pop_mod.population(), on=pop_mod.ON, key=pop_mod.KEY)
    curves = survival.kaplan_meier(durations, engine="python")
    fig = plots.survival_curves(curves)
    (ax,) = fig.axes
    assert len(ax.get_lines()) == len(curves) == 4
    assert list(ax.get_lines()[0].get_ydata()) == pytest.approx(list(curves[0].survival))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["ACI", "AI", "EI", "ETTI"]
    _saved(fig, tmp_path, "survival")

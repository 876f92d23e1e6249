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
    fig = plots.exit_rates_by_kind(pop, lang="en")
    (ax,) = fig.axes
    # two bars (dynamic, sustainable) per kind with counted exits, in %: ACI (a) and AI (e)
    heights = sorted(round(p.get_height(), 6) for p in ax.patches)
    rated = [r for r in stats.exit_rates(pop, by="kind") if r.counted]
    assert heights == sorted(
        round(100 * x, 6) for r in rated for x in (r.dynamic_rate, r.sustainable_rate)
    )
    assert ax.get_ylim() == (0, 100)
    targets = sorted(line.get_ydata()[0] for line in ax.get_lines() if line.get_linestyle() == "--")
    assert targets == [100 * stats.Targets().sustainable, 100 * stats.Targets().dynamic]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["ACI", "AI"]
    # n per pair of bars, and the population in the title
    assert [t.get_text() for t in ax.texts] == [f"n = {r.counted}" for r in rated]
    assert "2 counted exits" in ax.get_title()
    same = plots.exit_rates_by_kind(stats.exit_rates(pop, by="kind"))
    assert len(same.axes[0].patches) == len(ax.patches)
    _saved(fig, tmp_path, "rates")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ("sorties comptabilisées", "taux de sorties dynamiques")),
        ("en", ("counted exits", "dynamic exit rate")),
    ],
)
def test_every_figure_speaks_both_languages(lang, words):
    pop = pop_mod.population()
    fig = plots.exit_rates_by_kind(pop, lang=lang)
    ax = fig.axes[0]
    assert words[0] in ax.get_title()
    assert words[1] in [t.get_text() for t in ax.get_legend().get_texts()]
    durations = survival.durations_table(pop, on=pop_mod.ON, key=pop_mod.KEY)
    figures = [
        plots.length_by_kind(pop, lang=lang),
        plots.survival_curves(survival.kaplan_meier(durations, time="months"), lang=lang),
        plots.cumulative_incidence(survival.cumulative_incidence(durations), lang=lang),
        plots.cohorts_by_department(
            stats.cohorts(pop, horizons=(6,), on=pop_mod.ON), horizon=6, lang=lang
        ),
    ]
    for f in figures:
        title = f.axes[0].get_title()
        assert "parcours" in title
        assert (
            " : " in title or "entrés" in title or "sortis" in title or "commencés" in title
        ) == (lang == "fr")
    with pytest.raises(ValueError, match="lang"):
        plots.length_by_kind(pop, lang="de")


def test_length_by_kind(tmp_path):
    pop = pop_mod.population()
    fig = plots.length_by_kind(pop, lang="en")
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_xticklabels()] == ["ACI", "AI", "ETTI"]
    assert "exited parcours only (n = 4;" in ax.get_title()
    from_table = plots.length_by_kind(tables.parcours_table(pop, key=pop_mod.KEY))
    assert [t.get_text() for t in from_table.axes[0].get_xticklabels()] == ["ACI", "AI", "ETTI"]
    assert "parcours sortis uniquement" in from_table.axes[0].get_title()
    _saved(fig, tmp_path, "length")


def test_survival_curves(tmp_path):
    durations = survival.durations_table(pop_mod.population(), on=pop_mod.ON, key=pop_mod.KEY)
    curves = survival.kaplan_meier(durations, engine="python", time="months")
    fig = plots.survival_curves(curves, lang="en")
    ax, table_ax = fig.axes
    steps = [line for line in ax.get_lines() if line.get_marker() in ("None", None, "")]
    marks = [line for line in ax.get_lines() if line.get_marker() == "+"]
    assert len(steps) == len(curves) == 4
    assert list(steps[0].get_ydata()) == pytest.approx(list(curves[0].survival))
    # b (EI) and e (AI) are running on ON: one censoring mark each
    assert len(marks) == 2
    assert sum(len(m.get_xdata()) for m in marks) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["ACI", "AI", "EI", "ETTI"]
    assert table_ax.get_xlabel() == "months since the entry"
    assert "5 parcours started" in ax.get_title()
    # the at-risk table: at 0 months every group's size
    at_zero = [t for t in table_ax.texts if t.get_position()[0] == 0]
    assert sorted(int(t.get_text()) for t in at_zero) == sorted(c.n for c in curves)
    plain = plots.survival_curves(curves, at_risk=False, intervals=False)
    assert len(plain.axes) == 1
    assert plain.axes[0].get_xlabel() == "mois depuis l'entrée"
    _saved(fig, tmp_path, "survival")


def test_cumulative_incidence_stacked(tmp_path):
    pytest.importorskip("lifelines")
    durations = survival.durations_table(pop_mod.population(), on=pop_mod.ON, key=pop_mod.KEY)
    curves = survival.cumulative_incidence(durations, time="months")
    fig = plots.cumulative_incidence(curves, lang="en")
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "sustainable employment",
        "other exit",
        "withdrawn",
    ]
    ended = ax.get_lines()[-1].get_ydata()
    assert ended[-1] == pytest.approx(sum(c.incidence[-1] for c in curves))
    by_kind = plots.cumulative_incidence(
        survival.cumulative_incidence(durations, by="structure_kind")
    )
    assert len(by_kind.axes) == 2  # ACI and ETTI: the groups with an exit known on ON
    _saved(fig, tmp_path, "incidence")


def test_cohorts_by_department(tmp_path):
    pop = pop_mod.population()
    table = stats.cohorts(pop, horizons=(6, 12), on=pop_mod.ON)
    fig = plots.cohorts_by_department(table, horizon=6, lang="en")
    (ax,) = fig.axes
    rows = [r for r in table.records() if r["horizon_months"] == 6]  # entry years summed
    reached = sum(r["reached"] for r in rows)
    exited = sum(r["exited"] for r in rows)
    assert [p.get_height() for p in ax.patches] == pytest.approx([100 * exited / reached])
    assert [t.get_text() for t in ax.texts] == [f"n = {reached}"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["75"]
    assert "within 6 months" in ax.get_title()
    with pytest.raises(ValueError, match="24 months"):
        plots.cohorts_by_department(table, horizon=24, lang="en")
    _saved(fig, tmp_path, "cohorts")


def test_every_word_of_the_figures_in_french_and_english():
    from iae_core._kernel.text import WORDS

    figures = {k: dict(zip(("fr", "en"), v, strict=True)) for k, v in WORDS.items()}
    figures = {k: v for k, v in figures.items() if k.startswith("plots.")}
    assert len(figures) > 30  # the figures' words are in the one catalogue
    for key, words in figures.items():
        assert all(w.strip() for w in words.values()), key
        # the same fields to fill in both languages
        fields = [sorted(__import__("string").Formatter().parse(w)) for w in words.values()]
        names = [{f[1] for f in parsed if f[1]} for parsed in fields]
        assert names[0] == names[1], key

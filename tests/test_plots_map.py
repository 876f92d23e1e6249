"""plots.assignment_map draws people, positions and one line per pair."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("matplotlib")

from iae_core import demo, matching, plots


def test_assignment_map_draws_every_pair_and_every_point():
    territory = demo.build_territory(seed=3, people=150)
    result = matching.assign(territory.candidates, territory.positions, method="stable")
    assert result.pairs  # the territory places somebody: a line to draw
    figure = plots.assignment_map(territory.candidates, territory.positions, result)
    (ax,) = figure.axes
    assert len(ax.lines) == len(result.pairs)
    placed, left, places = ax.collections
    assert len(placed.get_offsets()) == len(result.pairs)
    assert len(left.get_offsets()) == len(territory.candidates) - len(result.pairs)
    assert len(places.get_offsets()) == len(territory.positions)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == f"placées ({len(result.pairs)})"  # French by default
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_assignment_map_with_nobody_placed():
    territory = demo.build_territory(seed=3, people=60)
    empty = matching.assign(territory.candidates, [], method="stable")
    figure = plots.assignment_map(territory.candidates, [], empty)
    (ax,) = figure.axes
    assert not ax.lines

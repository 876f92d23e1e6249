"""The parcours area's face: its tables and the names it re-exports."""

from __future__ import annotations

import iae_core as I
from iae_core import exits, parcours
from iae_core._services import registry as _registry
from iae_core.parcours import _entities, _rules


def test_face_tables():
    entities = parcours.ENTITIES
    assert entities == (I.Parcours, I.Action, I.Exit)
    assert dict(parcours.CHECKERS) == {I.Parcours: parcours.check_parcours}
    assert _registry.CHECKERS[I.Parcours] is parcours.check_parcours


def test_face_reexports_the_entities_the_checker_and_the_exit_rules():
    assert parcours.Parcours is _entities.Parcours is I.Parcours
    assert parcours.check_parcours is _rules.check_parcours
    for name in (
        "COUNTED_EXIT_THRESHOLDS",
        "SUSTAINABLE_MONTHS",
        "CountedExitThreshold",
        "check_exit",
        "exit_counted",
        "exit_kind_for",
        "hours_worked",
        "worked_days",
        "worked_periods",
    ):
        assert getattr(parcours, name) is getattr(exits, name), name
    assert parcours.__all__ == sorted(parcours.__all__, key=lambda n: (not n.isupper(), n))
    assert {"Action", "Exit", "Parcours"} <= set(parcours.__all__)

"""st.from_type and st.builds reach every entity and pendulum.Date; dir() lists strategies."""

from __future__ import annotations

import dataclasses

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core.schema import entity_classes
from iae_core.testing import strategies as ist
from iae_core.testing.registry import entity_strategies, register_type_strategies

FEW = settings(max_examples=5, database=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("cls", entity_classes(), ids=lambda c: c.__name__)
def test_from_type_draws_every_entity(cls):
    @FEW
    @given(st.from_type(cls))
    def draws(value):
        assert type(value) is cls

    draws()


def test_every_entity_has_a_strategy_in_the_registry():
    assert set(entity_classes()) <= set(entity_strategies())


def test_from_type_draws_pendulum_dates():
    @FEW
    @given(st.from_type(pendulum.Date))
    def draws(day):
        assert isinstance(day, pendulum.Date)
        assert ist.MIN_DATE <= day <= ist.MAX_DATE

    draws()


@dataclasses.dataclass(frozen=True)
class Hiring:
    """An embedder's own type, built by st.builds from its annotations."""

    contract: I.Contract
    approval: I.Approval | None
    parcours: I.Parcours
    decided_on: pendulum.Date


def test_builds_an_embedders_class_with_entity_and_date_fields():
    @FEW
    @given(st.builds(Hiring))
    def draws(hiring):
        assert type(hiring.contract) is I.Contract
        assert hiring.approval is None or type(hiring.approval) is I.Approval
        assert type(hiring.parcours) is I.Parcours
        assert isinstance(hiring.decided_on, pendulum.Date)

    draws()


def test_register_type_strategies_registers_all_of_them_again():
    register_type_strategies()
    for cls in (*entity_classes(), pendulum.Date):
        assert not st.from_type(cls).is_empty


def test_dir_of_the_strategies_module_shows_only_strategies():
    names = dir(ist)
    assert names == sorted(names)
    assert "contracts" in names
    assert "dates" in names
    for hidden in ("pendulum", "st", "Any", "Contract", "MIN_DATE", "ENTITY_STRATEGIES"):
        assert hidden not in names
    for name in names:
        assert isinstance(getattr(ist, name)(), st.SearchStrategy), name
    # what the module hides from dir() is still there for who imports it by name
    assert pendulum.date(2015, 1, 1) == ist.MIN_DATE
    assert callable(ist.register_type_strategies)

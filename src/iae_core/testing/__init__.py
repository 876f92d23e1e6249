"""Public hypothesis strategies for iae_core's entities (extra ``iae-core[testing]``).

    from hypothesis import given
    from iae_core.testing import strategies as ist

    @given(ist.contracts())
    def test_my_backend_accepts_any_contract(contract): ...

Installing iae_core also registers ``st.from_type(Entity)`` for every entity, and for
``pendulum.Date``, through hypothesis's entry point, so ``st.from_type(iae_core.Contract)``
and ``st.builds`` of a class of yours with such fields work out of the box. Those
strategies are derived from the entities' declarations (`iae_core.testing.derived`); what
the law adds is in `iae_core.testing.lawful` and the ``lawful_*`` strategies.
"""

from __future__ import annotations

__all__ = ["strategies"]


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every entity type (called by hypothesis's entry point).

    Each is derived from the entity's declarations (`iae_core.testing.derived`): no
    entity is registered by hand.
    """
    # Called while hypothesis itself is being imported (and possibly while our strategy
    # modules are): register *deferred* strategies that resolve on first draw.
    import importlib

    import pendulum
    from hypothesis import strategies as st

    from iae_core.schema import entity_classes

    def later(cls: type) -> st.SearchStrategy[object]:
        def resolve() -> st.SearchStrategy[object]:
            derived = importlib.import_module("iae_core.testing.derived")
            return derived.from_declarations(cls)  # type: ignore[no-any-return]

        return st.deferred(resolve)

    for cls in entity_classes():
        st.register_type_strategy(cls, later(cls))

    def dates() -> st.SearchStrategy[object]:
        return importlib.import_module("iae_core.testing.strategies").dates()  # type: ignore[no-any-return]

    # pendulum.Date is a datetime.date subclass that hypothesis cannot build on its own.
    st.register_type_strategy(pendulum.Date, st.deferred(dates))


def __getattr__(name: str) -> object:
    if name == "strategies":
        import importlib

        return importlib.import_module("iae_core.testing.strategies")
    msg = f"module 'iae_core.testing' has no attribute {name!r}"
    raise AttributeError(msg)

"""One registry of hypothesis strategies for every entity of iae_core.

    >>> from iae_core.testing.registry import entity_strategies
    >>> strategy = entity_strategies()[iae_core.Contract]()

Every entity's strategy is derived from its declarations
(`iae_core.testing.derived.from_declarations`), with no entity registered by hand, so
that a test can be run over *every* entity and hypothesis's ``st.from_type`` knows them
all (see `iae_core.testing._hypothesis_setup_hook`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

__all__ = ["entity_strategies", "register_type_strategies"]


def entity_strategies() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    """Entity type -> a function returning a strategy of valid instances."""
    from iae_core.schema import entity_classes
    from iae_core.testing.derived import from_declarations

    return {cls: functools.partial(from_declarations, cls) for cls in entity_classes()}


def register_type_strategies() -> None:
    """Make `st.from_type` draw every entity, and `pendulum.Date`, with these strategies.

    Installing iae_core already does this through hypothesis's entry point; call it when
    plugins are disabled (`HYPOTHESIS_NO_PLUGINS`). Then `st.builds` of your own classes
    (a dataclass with a `contract: iae_core.Contract` or a `pendulum.Date` field) works
    too.
    """
    import pendulum

    from iae_core.testing.strategies import dates

    st.register_type_strategy(pendulum.Date, dates())
    for cls, factory in entity_strategies().items():
        st.register_type_strategy(cls, factory())

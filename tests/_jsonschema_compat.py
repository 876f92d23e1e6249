"""hypothesis-jsonschema on the hypothesis installed here: a shim, for the tests only.

hypothesis-jsonschema 0.23.1 (its latest release) draws the properties of an object with
hypothesis' private collection helper the old way::

    elements = cu.many(data, min_size=…, max_size=…, average_size=…)
    while elements.more():
        …
        elements.reject()  # this property does not count

Since hypothesis 6.1xx, `hypothesis.internal.conjecture.utils.many` is a context manager
iterated with ``for _ in elements`` and has no ``more()``: every object schema fails with
``AttributeError: 'many' object has no attribute 'more'``.

`install()` gives hypothesis-jsonschema's module a `cu` whose ``many`` offers the old
protocol over the new one: the same `ConjectureData`, the same min, max and average sizes,
the same spans (so shrinking works as before). Everything else of `cu` is hypothesis' own.
Nothing of iae_core uses it; remove the shim when hypothesis-jsonschema catches up
(`needed()` says whether it still has to be installed).

`from_entity_schema(schema)` is `hypothesis_jsonschema.from_schema` for iae_core's entity
schemas, with two work-arounds of hypothesis-jsonschema's own limits, neither changing
which documents can be drawn:

* **`$id` left out.** Its reference resolver (jsonschema's deprecated `RefResolver`) joins
  a `$ref` to the document's `$id` with `urllib.parse.urljoin`, which cannot resolve a
  fragment against a URN (`urn:iae-core:schema:…`): a `$ref` inside a `$defs` entry
  (`YearAccounts` → `Subsidy` → `Funder`) is then an empty remote URI, refused
  (`_RefResolutionError`) for 11 entities. `$id` names the schema; it does not constrain.
* **The days drawn within the pattern.** For ``format: date`` it draws days of the
  years 1 to 9999 and keeps those the `pattern` admits (1900 to 2199): 3 % pass, and 24
  entities with a date fail hypothesis' `filter_too_much` health check. The days are drawn
  from 1900-01-01 to 2199-12-31 instead: exactly what ``format`` and ``pattern`` together
  admit.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning
from hypothesis.internal.conjecture import utils as _cu

__all__ = ["from_entity_schema", "install", "needed"]


class _OldMany:
    """The pre-6.1xx ``many``: ``more()`` and ``reject()`` over the new context manager."""

    def __init__(
        self, data: Any, min_size: int, max_size: float, average_size: float, **kwargs: Any
    ) -> None:
        self._many = _cu.many(
            data, min_size=min_size, max_size=max_size, average_size=average_size, **kwargs
        )
        self._many.__enter__()
        self._elements = iter(self._many)
        self._open = True

    @property
    def count(self) -> int:
        """How many elements are kept so far."""
        return int(self._many.count)

    def more(self) -> bool:
        """Should another element be drawn? (False closes the collection.)"""
        if not self._open:
            return False
        try:
            next(self._elements)
        except StopIteration:
            self._open = False
            self._many.__exit__(None, None, None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        """The current element does not count (once per element, as before)."""
        if self._open and not self._many._rejected:
            self._many.reject(why)


class _CompatUtils:
    """hypothesis' `conjecture.utils`, with the old `many`."""

    @staticmethod
    def many(
        data: Any, min_size: int, max_size: float, average_size: float, **kwargs: Any
    ) -> _OldMany:
        return _OldMany(data, min_size, max_size, average_size, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(_cu, name)


def needed() -> bool:
    """Whether hypothesis' `many` lacks the ``more()`` hypothesis-jsonschema calls."""
    return not hasattr(_cu.many, "more")


_BUILT: dict[tuple[int, ...], tuple[Any, st.SearchStrategy[Any]]] = {}


def _built_once(build: Any) -> Any:
    """`merged_as_strategies`, each strategy built once per property schema (same objects)."""

    def merged_as_strategies(schemas: list[Any], **kwargs: Any) -> st.SearchStrategy[Any]:
        key = (*map(id, schemas), *map(id, kwargs.values()))
        found = _BUILT.get(key)
        if found is None:  # the inputs are kept, so that their ids stay theirs
            found = _BUILT[key] = ((list(schemas), kwargs), build(schemas, **kwargs))
        return found[1]

    merged_as_strategies.built_once = True  # type: ignore[attr-defined]
    return merged_as_strategies


def install() -> None:
    """Give hypothesis-jsonschema the old `many` protocol (a no-op when not needed).

    And build the strategy of each object property once: hypothesis-jsonschema rebuilds it
    (resolving and canonicalising the property's schema) at every draw of the object,
    which made 85 % of the time of drawing a `Parcours`. Strategies are immutable, and
    the property schemas are the same objects from one draw to the next.
    """
    from hypothesis_jsonschema import _from_schema

    if needed() and not isinstance(_from_schema.cu, _CompatUtils):
        _from_schema.cu = _CompatUtils()  # type: ignore[assignment]
    if not getattr(_from_schema.merged_as_strategies, "built_once", False):
        _from_schema.merged_as_strategies = _built_once(_from_schema.merged_as_strategies)


_DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)).map(dt.date.isoformat)


def from_entity_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Documents valid against an entity's schema, by hypothesis-jsonschema."""
    install()
    from hypothesis_jsonschema import from_schema

    drawable = {k: v for k, v in schema.items() if k != "$id"}
    with warnings.catch_warnings():  # "Overriding standard format 'date'": on purpose
        warnings.simplefilter("ignore", HypothesisWarning)
        return from_schema(drawable, custom_formats={"date": _DAYS})

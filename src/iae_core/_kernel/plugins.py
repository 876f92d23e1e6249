"""Plug-in slots of the kernel, filled from above once (the composition root).

The kernel must not reach up to a higher layer, even by name. Where it needs a service
(the entities' pydantic hooks need `load`, `dump` and `json_schema`), it declares the slot
here, with the protocol the service answers, and the package's face (`iae_core/__init__.py`)
fills it once when `iae_core` is imported. This module imports nothing of iae_core, so
filling the slot costs nothing at import time.
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["PydanticHooks", "Result", "install_pydantic_hooks", "pydantic_hooks"]


class PydanticHooks(Protocol):
    """What the entities' pydantic hooks delegate to."""

    def core_schema(self, cls: type, handler: Any) -> Any:
        """The pydantic core schema of `cls`."""

    def json_schema(self, cls: type, handler: Any) -> Any:
        """The JSON Schema of `cls` for pydantic."""

    def result_core_schema(self, cls: type, handler: Any) -> Any:
        """The pydantic core schema of the result class `cls` (a `Report`, a plan…)."""

    def result_json_schema(self, cls: type, handler: Any) -> Any:
        """The JSON Schema of the result class `cls` for pydantic (its JSON form)."""


_SLOT: list[PydanticHooks] = []


def install_pydantic_hooks(hooks: PydanticHooks) -> None:
    """Fill the pydantic slot (done once by `iae_core/__init__.py`)."""
    _SLOT[:] = [hooks]


def pydantic_hooks() -> PydanticHooks:
    """The hooks installed by the package's face.

    Raises:
        RuntimeError: nothing filled the slot (cannot happen once `iae_core` is imported,
            which importing any of its modules does first).
    """
    if not _SLOT:  # pragma: no cover - the package's face always fills it
        msg = "iae_core's pydantic hooks are not installed"
        raise RuntimeError(msg)
    return _SLOT[0]


class Result:
    """Base of the result types (`Report`, `Finding`, the plans…): pydantic types too.

    A FastAPI endpoint can declare one as its `response_model` (or return type) and return
    it as it is: pydantic takes the instance and writes its JSON form (`to_json()`), and the
    OpenAPI document shows its schema. Like the entities' hooks, these only delegate to the
    slot filled by the package's face; pydantic calls them, `import iae_core` never imports
    pydantic.
    """

    __slots__ = ()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """The pydantic core schema: the instance as it is, written as its JSON form."""
        return pydantic_hooks().result_core_schema(cls, handler)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> Any:
        """The JSON Schema of the result's JSON form."""
        return pydantic_hooks().result_json_schema(cls, handler)

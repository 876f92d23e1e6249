"""Plug-in slots of the kernel, filled from above once (the composition root).

The kernel must not reach up to a higher layer, even by name. Where it needs a service
(the entities' pydantic hooks need `load`, `dump` and `json_schema`), it declares the slot
here, with the protocol the service answers, and the package's face (`iae_core/__init__.py`)
fills it once when `iae_core` is imported. This module imports nothing of iae_core, so
filling the slot costs nothing at import time.
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["PydanticHooks", "install_pydantic_hooks", "pydantic_hooks"]


class PydanticHooks(Protocol):
    """What the entities' pydantic hooks delegate to."""

    def core_schema(self, cls: type, handler: Any) -> Any:
        """The pydantic core schema of `cls`."""

    def json_schema(self, cls: type, handler: Any) -> Any:
        """The JSON Schema of `cls` for pydantic."""


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

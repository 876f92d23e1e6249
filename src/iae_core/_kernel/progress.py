"""Progress reporting seam: the bars of the running command, or bars that draw nothing.

Library code that runs for long (the demo's territory, a big check) reports through
`current()`; only the command line (`iae_core.cli`) puts real bars in place (with rich, on
a terminal), through `activate` and `deactivate`. Nothing here imports rich.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from contextlib import AbstractContextManager, nullcontext
from contextvars import ContextVar, Token
from typing import Any, TypeVar

__all__ = ["Bars", "activate", "current", "deactivate"]

T = TypeVar("T")


class Bars:
    """A set of progress bars (one per step), or nothing when they are not shown."""

    def __init__(self, progress: Any | None) -> None:
        self._progress = progress

    def track(
        self, items: Iterable[T], label: str, *, total: int | None = None, unit: str = ""
    ) -> Iterator[T]:
        """Yield `items`, advancing a bar labelled `label` (with an ETA when sized)."""
        if self._progress is None:
            yield from items
            return
        if total is None and isinstance(items, Sized):
            total = len(items)
        task = self._progress.add_task(label, total=total, unit=unit)
        for item in items:
            yield item
            self._progress.advance(task)
        self._progress.update(task, completed=total if total is not None else None)

    def step(self, label: str) -> AbstractContextManager[Any]:
        """A step without a count (a bar that runs until the step ends)."""
        if self._progress is None:
            return nullcontext()
        return _Step(self._progress, label)

    def task(self, label: str, *, total: int | None) -> _Task:
        """A bar in bytes advanced by hand (`update(done)`), e.g. the bytes of a file read."""
        if self._progress is None:
            return _Task(None, None)
        return _Task(self._progress, self._progress.add_task(label, total=total, unit="bytes"))


class _Task:
    def __init__(self, progress: Any | None, task: Any) -> None:
        self._progress, self._task = progress, task

    def update(self, done: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=done)

    def finish(self) -> None:
        if self._progress is not None:
            total = self._progress.tasks[self._task].total
            if total is not None:
                self._progress.update(self._task, completed=total)


class _Step:
    def __init__(self, progress: Any, label: str) -> None:
        self._progress, self._label = progress, label

    def __enter__(self) -> None:
        self._task = self._progress.add_task(self._label, total=None, unit="")

    def __exit__(self, *exc: object) -> None:
        self._progress.update(self._task, total=1, completed=1)


_NONE = Bars(None)
_CURRENT: ContextVar[Bars] = ContextVar("iae_core_progress", default=_NONE)


def current() -> Bars:
    """The bars of the innermost `with bars(...)` running, or bars that draw nothing."""
    return _CURRENT.get()


def activate(bars: Bars) -> Token[Bars]:
    """Make `bars` the current bars (until `deactivate` with the token returned)."""
    return _CURRENT.set(bars)


def deactivate(token: Token[Bars]) -> None:
    """Put back the bars that were current before `activate` gave `token`."""
    _CURRENT.reset(token)

"""Progress bars for the long steps of the command line (extra `progress`: rich).

Bars are drawn on standard error, and only when it is a terminal: never in a pipe, a file
or a `--json` run (the callers pass `enabled=False` then), so that what a program reads is
never mixed with them. Without rich installed there are no bars at all.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sized
from contextlib import AbstractContextManager, nullcontext
from contextvars import ContextVar
from typing import IO, Any, TypeVar

__all__ = ["Bars", "ByteCounter", "bars", "current", "shown"]

T = TypeVar("T")


def shown(stream: IO[str] | None = None, *, enabled: bool = True) -> bool:
    """Whether bars would be drawn on `stream` (standard error by default)."""
    if not enabled:
        return False
    target = stream if stream is not None else sys.stderr
    isatty = getattr(target, "isatty", None)
    try:
        if not (callable(isatty) and isatty()):
            return False
    except ValueError:  # a closed stream
        return False
    try:
        import rich.progress  # noqa: F401
    except ImportError:
        return False
    return True


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


class _Live:
    def __init__(self, stream: IO[str] | None, enabled: bool) -> None:
        self._stream, self._enabled = stream, enabled
        self._progress: Any | None = None
        self._token: Any = None

    def __enter__(self) -> Bars:
        live = self._start()
        self._token = _CURRENT.set(live)
        return live

    def _start(self) -> Bars:
        if not shown(self._stream, enabled=self._enabled):
            return Bars(None)
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(file=self._stream if self._stream is not None else sys.stderr)
        self._progress = Progress(
            TextColumn("{task.description:<24}"),
            BarColumn(bar_width=24),
            _count_column(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._progress.start()
        return Bars(self._progress)

    def __exit__(self, *exc: object) -> None:
        _CURRENT.reset(self._token)
        if self._progress is not None:
            self._progress.stop()


def _count_column() -> Any:
    """`done/total` for a count, a percentage and the size read for bytes."""
    from rich.filesize import decimal
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Count(ProgressColumn):
        def render(self, task: Any) -> Text:
            done, total = int(task.completed), task.total
            if task.fields.get("unit") == "bytes":
                size = decimal(done)
                return Text(f"{size} ({task.percentage:.0f} %)" if total else size)
            return Text(f"{done}/{int(total)}" if total is not None else f"{done}")

    return Count()


def bars(*, enabled: bool = True, stream: IO[str] | None = None) -> AbstractContextManager[Bars]:
    """Progress bars on `stream` (standard error) if it is a terminal and `enabled`.

    Use as `with bars(enabled=not as_json) as b: for x in b.track(items, "Checks"): ...`.
    """
    return _Live(stream, enabled)


class ByteCounter:
    """A binary stream that counts the bytes read from it (for a bar in bytes)."""

    def __init__(self, stream: IO[bytes], on_read: Any, *, every: int = 1 << 16) -> None:
        self._stream, self._on_read, self._every = stream, on_read, every
        self.done = self._told = 0

    def _count(self, data: bytes) -> bytes:
        self.done += len(data)
        if self.done - self._told >= self._every or not data:
            self._told = self.done
            self._on_read(self.done)
        return data

    def read(self, size: int = -1) -> bytes:
        """Read like the stream does."""
        return self._count(self._stream.read(size))

    def read1(self, size: int = -1) -> bytes:
        """Read like the stream does (one call of the raw stream at most)."""
        reader = getattr(self._stream, "read1", self._stream.read)
        return self._count(reader(size))

    def readline(self, size: int = -1) -> bytes:
        """Read a line like the stream does."""
        return self._count(self._stream.readline(size))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

"""Progress bars for the long steps of the command line (extra `progress`: rich).

Bars are drawn on standard error, and only when it is a terminal: never in a pipe, a file
or a `--json` run (the callers pass `enabled=False` then), so that what a program reads is
never mixed with them. Without rich installed there are no bars at all.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from typing import IO, Any

from iae_core._kernel.progress import Bars, activate, current, deactivate

__all__ = ["Bars", "ByteCounter", "bars", "current", "shown"]


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


class _Live:
    def __init__(self, stream: IO[str] | None, enabled: bool) -> None:
        self._stream, self._enabled = stream, enabled
        self._progress: Any | None = None
        self._token: Any = None

    def __enter__(self) -> Bars:
        live = self._start()
        self._token = activate(live)
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
        deactivate(self._token)
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

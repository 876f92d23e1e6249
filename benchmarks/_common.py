"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed(fn: Callable[[], T], *, repeat: int = 1) -> tuple[float, T]:
    """Best wall time (seconds) of ``repeat`` runs of ``fn``, and its last result."""
    best = float("inf")
    result: T
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def machine() -> str:
    """A one-line description of this machine."""
    import os

    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{python}, {platform.machine()}, {os.cpu_count()} cores"

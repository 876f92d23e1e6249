"""Paths of fields in findings and data errors (`contracts[1].end`)."""

from __future__ import annotations

__all__ = ["join_path"]


def join_path(prefix: str, path: str) -> str:
    """Join two finding/data paths: `join_path("contracts[1]", "end")` is `contracts[1].end`."""
    if not prefix:
        return path
    if not path:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"

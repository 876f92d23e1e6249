"""Kept for existing imports: entity exports now live in `iae_core.tables`.

`to_records`, `to_pandas`, `to_polars`, `pseudonym`, `SENSITIVE_COLUMNS` and
`SENSITIVE_CRITERIA` are the very objects of `iae_core.tables` (one export path, one
pseudonymisation, one dtype mapping through Arrow); import them from there in new code.
This module holds no logic of its own.
"""

from __future__ import annotations

from iae_core.tables import (
    SENSITIVE_COLUMNS,
    SENSITIVE_CRITERIA,
    pseudonym,
    to_pandas,
    to_polars,
    to_records,
)

__all__ = [
    "SENSITIVE_COLUMNS",
    "SENSITIVE_CRITERIA",
    "pseudonym",
    "to_pandas",
    "to_polars",
    "to_records",
]

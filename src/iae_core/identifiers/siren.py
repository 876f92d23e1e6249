"""SIREN: the 9-digit identifier of a French company (Luhn check digit).

>>> validate("552 008 443")
'552008443'
>>> format("552008443")
'552 008 443'
"""

from __future__ import annotations

from collections.abc import Callable

from iae_core.identifiers._common import clean, from_stdnum, validity_check

__all__ = ["compact", "format", "is_valid", "validate"]


def _stdnum_validate() -> Callable[[str], str]:
    from stdnum.fr import siren  # imported when first needed (stdnum's import is not free)

    return siren.validate


def compact(number: str) -> str:
    """Remove spaces, dots and dashes."""
    return clean(number)


def validate(number: str) -> str:
    """Return the compact SIREN, or raise an ``InvalidIdentifier`` subclass."""
    return from_stdnum(_stdnum_validate(), compact(number))


is_valid = validity_check(validate)
"""True when `validate` accepts a number (a non-string is invalid too)."""


def format(number: str) -> str:
    """Group as ``552 008 443``."""
    n = compact(number)
    return f"{n[:3]} {n[3:6]} {n[6:]}"

"""SIRET: SIREN + 5-digit establishment number (NIC), Luhn-checked (La Poste excepted).

>>> validate("732 829 320 00074")
'73282932000074'
>>> format("73282932000074")
'732 829 320 00074'
"""

from __future__ import annotations

from collections.abc import Callable

from iae_core.identifiers._common import clean, from_stdnum, validity_check

__all__ = ["compact", "format", "is_valid", "siren", "validate"]


def _stdnum_validate() -> Callable[[str], str]:
    from stdnum.fr import siret  # imported when first needed (stdnum's import is not free)

    return siret.validate


def compact(number: str) -> str:
    """Remove spaces, dots and dashes."""
    return clean(number)


def validate(number: str) -> str:
    """Return the compact SIRET, or raise an ``InvalidIdentifier`` subclass."""
    return from_stdnum(_stdnum_validate(), compact(number))


is_valid = validity_check(validate)
"""True when `validate` accepts a number (a non-string is invalid too)."""


def siren(number: str) -> str:
    """The SIREN part (first 9 digits)."""
    return compact(number)[:9]


def format(number: str) -> str:
    """Group as ``732 829 320 00074``."""
    n = compact(number)
    return f"{n[:3]} {n[3:6]} {n[6:9]} {n[9:]}"

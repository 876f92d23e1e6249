"""SIREN: the 9-digit identifier of a French company (Luhn check digit).

>>> validate("552 008 443")
'552008443'
>>> format("552008443")
'552 008 443'
"""

from __future__ import annotations

from stdnum.fr import siren as _siren

from iae_core.errors import InvalidIdentifier
from iae_core.identifiers._common import clean, from_stdnum

__all__ = ["compact", "format", "is_valid", "validate"]


def compact(number: str) -> str:
    """Remove spaces, dots and dashes."""
    return clean(number)


def validate(number: str) -> str:
    """Return the compact SIREN, or raise an ``InvalidIdentifier`` subclass."""
    return from_stdnum(_siren.validate, compact(number))


def is_valid(number: str) -> bool:
    """True when `validate` accepts ``number``."""
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def format(number: str) -> str:
    """Group as ``552 008 443``."""
    n = compact(number)
    return f"{n[:3]} {n[3:6]} {n[6:]}"

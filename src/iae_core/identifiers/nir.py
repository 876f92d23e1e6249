"""NIR (numéro de sécurité sociale): 13 characters + a 2-digit key.

python-stdnum checks the format, Corsica (``2A``/``2B``) and the key, but accepts any
first digit and any month. This module also requires the first digit in
{1, 2, 3, 4, 7, 8} (7 and 8: temporary numbers, NIA) and the month in 01–12, 20–42 or
50–99 (unknown or pseudo months, as the national platform accepts).

    >>> validate("2 95 10 99 126 111 93")
    '295109912611193'
    >>> format("295109912611193")
    '2 95 10 99 126 111 93'
"""

from __future__ import annotations

from collections.abc import Callable

from iae_core.errors import InvalidComponent
from iae_core.identifiers._common import clean, from_stdnum, validity_check

__all__ = ["compact", "format", "is_valid", "validate"]

_LENGTH = 15
_MODULUS = 97


def _stdnum_validate() -> Callable[[str], str]:
    from stdnum.fr import nir  # imported when first needed (stdnum's import is not free)

    return nir.validate


_SEX_DIGITS = frozenset("123478")


def compact(number: str) -> str:
    """Remove spaces, dots and dashes; upper-case ``2a``/``2b``."""
    return clean(number).upper()


def _month_ok(month: int) -> bool:
    return 1 <= month <= 12 or 20 <= month <= 42 or 50 <= month <= 99


def validate(number: str) -> str:
    """Return the compact NIR, or raise an ``InvalidIdentifier`` subclass."""
    if type(number) is str and len(number) == _LENGTH and number.isdigit() and number.isascii():
        # The common case, without stdnum: 15 digits whose key is right (stdnum's own
        # computation: 97 - the first 13 digits modulo 97); anything else goes through it.
        if int(number[13:]) == _MODULUS - int(number[:13]) % _MODULUS:
            n = number
        else:
            n = from_stdnum(_stdnum_validate(), number)
    else:
        n = from_stdnum(_stdnum_validate(), compact(number))
    if n[0] not in _SEX_DIGITS:
        msg = "The first digit of a NIR must be 1, 2, 3, 4, 7 or 8."
        raise InvalidComponent(msg, fr="Le premier chiffre d'un NIR est 1, 2, 3, 4, 7 ou 8.")
    if not _month_ok(int(n[3:5])):
        msg = "The month of birth of a NIR must be 01-12, 20-42 or 50-99."
        fr = "Le mois de naissance d'un NIR est entre 01 et 12, 20 et 42 ou 50 et 99."
        raise InvalidComponent(msg, fr=fr)
    return n


is_valid = validity_check(validate)
"""True when `validate` accepts a number (a non-string is invalid too)."""


def format(number: str) -> str:
    """Group as ``2 95 10 99 126 111 93``."""
    n = compact(number)
    return " ".join((n[0], n[1:3], n[3:5], n[5:7], n[7:10], n[10:13], n[13:]))

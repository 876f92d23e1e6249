"""PASS IAE numbers: 12 characters.

Numbers issued by the national platform are ``99999`` followed by 7 digits and shown
``99999 00 00001``. Other 12-character numbers are legacy France Travail *agréments*
(letters and digits), accepted as they are.

    >>> validate("99999 00 00001")
    '999990000001'
    >>> format("999990000001")
    '99999 00 00001'
    >>> is_platform_number("999990000001")
    True
"""

from __future__ import annotations

from iae_core.errors import InvalidFormat, InvalidIdentifier, InvalidLength
from iae_core.identifiers._common import clean

__all__ = ["PLATFORM_PREFIX", "compact", "format", "is_platform_number", "is_valid", "validate"]

PLATFORM_PREFIX = "99999"
"""Prefix of the numbers issued by the national platform."""

LENGTH = 12


def compact(number: str) -> str:
    """Remove spaces and dashes; upper-case letters."""
    return clean(number, " -").upper()


def validate(number: str) -> str:
    """Return the compact number, or raise ``InvalidLength`` / ``InvalidFormat``."""
    n = compact(number)
    if len(n) != LENGTH:
        msg = f"A PASS IAE number has {LENGTH} characters, not {len(n)}."
        fr = f"Un numéro de PASS IAE a {LENGTH} caractères, pas {len(n)}."
        raise InvalidLength(msg, fr=fr)
    if not n.isascii() or not n.isalnum():
        msg = "A PASS IAE number has only letters and digits."
        raise InvalidFormat(msg, fr="Un numéro de PASS IAE n'a que des lettres et des chiffres.")
    if n.startswith(PLATFORM_PREFIX) and not n[len(PLATFORM_PREFIX) :].isdigit():
        msg = f"A platform PASS IAE number is {PLATFORM_PREFIX} followed by 7 digits."
        fr = f"Un numéro de PASS IAE de la plateforme est {PLATFORM_PREFIX} suivi de 7 chiffres."
        raise InvalidFormat(msg, fr=fr)
    return n


def is_valid(number: str) -> bool:
    """True when `validate` accepts ``number``."""
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def is_platform_number(number: str) -> bool:
    """True for a valid number issued by the national platform (``99999…``)."""
    return is_valid(number) and compact(number).startswith(PLATFORM_PREFIX)


def format(number: str) -> str:
    """Group as ``99999 00 00001``."""
    n = compact(number)
    return f"{n[:5]} {n[5:7]} {n[7:]}"

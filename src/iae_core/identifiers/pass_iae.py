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

from iae_core.errors import InvalidFormat, InvalidLength
from iae_core.identifiers._common import clean, validity_check

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
        raise InvalidLength(msg)
    if not n.isascii() or not n.isalnum():
        msg = "A PASS IAE number has only letters and digits."
        raise InvalidFormat(msg)
    if n.startswith(PLATFORM_PREFIX) and not n[len(PLATFORM_PREFIX) :].isdigit():
        msg = f"A platform PASS IAE number is {PLATFORM_PREFIX} followed by 7 digits."
        raise InvalidFormat(msg)
    return n


is_valid = validity_check(validate)
"""True when `validate` accepts a number (a non-string is invalid too)."""


def is_platform_number(number: str) -> bool:
    """True for a valid number issued by the national platform (``99999…``)."""
    return is_valid(number) and compact(number).startswith(PLATFORM_PREFIX)


def format(number: str) -> str:
    """Group as ``99999 00 00001``."""
    n = compact(number)
    return f"{n[:5]} {n[5:7]} {n[7:]}"

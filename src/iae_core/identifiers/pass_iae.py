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

__all__ = [
    "LENGTH",
    "PLATFORM_PREFIX",
    "compact",
    "format",
    "is_platform_number",
    "is_valid",
    "problem",
    "validate",
]

PLATFORM_PREFIX = "99999"
"""Prefix of the numbers issued by the national platform."""

LENGTH = 12
"""Characters of a PASS IAE number."""


def compact(number: str) -> str:
    """Remove spaces and dashes; upper-case letters."""
    return clean(number, " -").upper()


def problem(number: str) -> str | None:
    """Why ``number`` is not valid, or ``None`` when it is.

    One of ``"length"`` (not 12 characters once compacted), ``"characters"`` (not only
    ASCII letters and digits) or ``"platform_digits"`` (the platform prefix followed by
    something else than digits).
    """
    n = compact(number)
    if len(n) != LENGTH:
        return "length"
    if not n.isascii() or not n.isalnum():
        return "characters"
    if n.startswith(PLATFORM_PREFIX) and not n[len(PLATFORM_PREFIX) :].isdigit():
        return "platform_digits"
    return None


def validate(number: str) -> str:
    """Return the compact number, or raise ``InvalidLength`` / ``InvalidFormat``."""
    n = compact(number)
    found = problem(n)
    if found == "length":
        msg = f"A PASS IAE number has {LENGTH} characters, not {len(n)}."
        fr = f"Un numéro de PASS IAE a {LENGTH} caractères, pas {len(n)}."
        raise InvalidLength(msg, fr=fr)
    if found == "characters":
        msg = "A PASS IAE number has only letters and digits."
        raise InvalidFormat(msg, fr="Un numéro de PASS IAE n'a que des lettres et des chiffres.")
    if found == "platform_digits":
        digits = LENGTH - len(PLATFORM_PREFIX)
        msg = f"A platform PASS IAE number is {PLATFORM_PREFIX} followed by {digits} digits."
        fr = (
            f"Un numéro de PASS IAE de la plateforme est {PLATFORM_PREFIX} suivi de "
            f"{digits} chiffres."
        )
        raise InvalidFormat(msg, fr=fr)
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

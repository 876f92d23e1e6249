"""ROME codes (Répertoire opérationnel des métiers et des emplois, v3 and v4).

A letter A–N (the *grand domaine*), then 4 digits. Only the format is checked: no
referential is bundled (embedders supply one).

    >>> validate(" k2204 ")
    'K2204'
    >>> group("K2204"), domain("K2204")
    ('K22', 'K')
"""

from __future__ import annotations

import re

from iae_core.errors import InvalidFormat, InvalidLength
from iae_core.identifiers._common import clean, validity_check

__all__ = ["compact", "domain", "format", "group", "is_valid", "validate"]

_RE = re.compile(r"[A-N][0-9]{4}")  # ASCII digits only (`\d` matches every Unicode digit)


def compact(number: str) -> str:
    """Strip blanks and upper-case."""
    return clean(number, " ").upper()


def validate(number: str) -> str:
    """Return the compact code, or raise ``InvalidLength`` / ``InvalidFormat``."""
    n = compact(number)
    if len(n) != 5:
        msg = "A ROME code has 5 characters."
        raise InvalidLength(msg, fr="Un code ROME a 5 caractères.")
    if not _RE.fullmatch(n):
        msg = "A ROME code is a letter A-N followed by 4 digits."
        raise InvalidFormat(msg, fr="Un code ROME est une lettre de A à N suivie de 4 chiffres.")
    return n


is_valid = validity_check(validate)
"""True when `validate` accepts a number (a non-string is invalid too)."""


def format(number: str) -> str:
    """The code itself, upper-cased."""
    return compact(number)


def group(number: str) -> str:
    """The 3-character group (``K22``)."""
    return compact(number)[:3]


def domain(number: str) -> str:
    """The *grand domaine* letter (``K``)."""
    return compact(number)[:1]

"""Exceptions raised by iae_core.

Two families, following attrs and python-stdnum: every exception subclasses the
built-in a caller would catch anyway.

* :class:`InvalidData` (a :class:`ValueError`) — *bad input*: malformed data, a value
  that can never be right (an end before a start, a SIRET with a bad checksum).
  It lists **every** bad field with its path, e.g.
  ``contracts[2].start: not a date: '2024-13-01'``.
* :class:`RuleViolation` — raised only by *commands* (``Approval.suspend``,
  ``Approval.prolong``) that refuse to build a state the law forbids. Rule *checks*
  never raise: they return a :class:`~iae_core.checks.Report`.

Identifier modules raise :class:`InvalidIdentifier` subclasses (stdnum style).
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from iae_core._paths import join_path as join_path  # re-exported for older imports

if TYPE_CHECKING:
    from iae_core._findings import Report

__all__ = [
    "IaeError",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidData",
    "InvalidFormat",
    "InvalidIdentifier",
    "InvalidLength",
    "RuleViolation",
]


class IaeError(Exception):
    """Base class of every exception raised by iae_core."""


class InvalidData(IaeError, ValueError):  # noqa: N818 - public name fixed by the API contract
    """Bad input: lists every bad field with its path.

    Attributes:
        errors: one ``(path, message)`` pair per problem, in the order found. The path
            is ``""`` for the document itself, else dotted/indexed like
            ``suspensions[0].end``.
    """

    errors: tuple[tuple[str, str], ...]

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        self.errors = tuple(errors)
        if not self.errors:
            msg = "InvalidData needs at least one error"
            raise ValueError(msg)
        super().__init__(self._render())

    def _render(self) -> str:
        lines = [f"{p}: {m}" if p else m for p, m in self.errors]
        if len(lines) == 1:
            return lines[0]
        return f"{len(lines)} invalid fields:\n" + "\n".join(f"  {line}" for line in lines)

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of the bad fields, in order."""
        return tuple(p for p, _ in self.errors)

    def prefixed(self, prefix: str) -> InvalidData:
        """The same errors with every path put under ``prefix``."""
        return InvalidData((join_path(prefix, p), m) for p, m in self.errors)

    def __reduce__(self) -> tuple[type[InvalidData], tuple[tuple[tuple[str, str], ...]]]:
        return (type(self), (self.errors,))


SHOWN_CHARS = 60
"""The longest a value is shown in an error message (longer ones end with ``...``)."""
_SHOWN_DIGITS = 40


def _digits(value: int) -> int:
    """How many decimal digits ``value`` has, without converting it to a string."""
    magnitude = abs(value)
    if magnitude < 10**_SHOWN_DIGITS:
        return len(str(magnitude))
    estimate = math.floor(math.log10(magnitude))  # exact up to float rounding, corrected:
    while 10**estimate > magnitude:
        estimate -= 1
    while 10 ** (estimate + 1) <= magnitude:
        estimate += 1
    return estimate + 1


class _Repr(reprlib.Repr):
    """``repr`` bounded in size and time, whatever the value.

    A string of 200 MB, an integer of 5,000 digits that ``str`` refuses, a list nested a
    thousand deep: each is shown in a few dozen characters.
    """

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxstring = self.maxother = self.maxlong = SHOWN_CHARS
        self.maxlist = self.maxtuple = self.maxdict = self.maxset = self.maxfrozenset = 6

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() <= 128:
            return repr(x)
        return f"<an integer of {_digits(x)} digits>"

    def repr_instance(self, x: object, level: int) -> str:
        try:
            return super().repr_instance(x, level)
        except Exception:
            return f"<a {type(x).__name__}>"


_REPR = _Repr()


def show(value: object) -> str:
    """``value`` as error messages show it: its ``repr``, cut to 60 characters.

    Never fails and never costs more than the first few items of a container: a huge
    integer is shown as its number of digits (``<an integer of 5001 digits>``), since
    Python refuses to convert integers of more than 4,300 digits to text.
    """
    try:
        text = _REPR.repr(value)
    except Exception:
        text = f"<a {type(value).__name__}>"
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."


class InvalidIdentifier(IaeError, ValueError):  # noqa: N818 - stdnum naming
    """An identifier (SIRET, SIREN, NIR, PASS IAE number, ROME code) is not valid."""

    message = "The identifier is not valid."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or type(self).message
        super().__init__(self.message)


class InvalidFormat(InvalidIdentifier):
    """The identifier has characters or a shape it cannot have."""

    message = "The identifier has an invalid format."


class InvalidLength(InvalidFormat):
    """The identifier has the wrong length."""

    message = "The identifier has an invalid length."


class InvalidChecksum(InvalidIdentifier):
    """The identifier's check digits do not match."""

    message = "The identifier's checksum or check digit is invalid."


class InvalidComponent(InvalidIdentifier):
    """A part of the identifier (a month, a sex digit…) is out of range."""

    message = "One of the parts of the identifier is invalid."


class RuleViolation(IaeError):  # noqa: N818 - public name fixed by the API contract
    """A command was refused because it would break one or more rules.

    Attributes:
        report: every finding that caused the refusal (not just the first).
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        codes = ", ".join(sorted(report.codes))
        super().__init__(f"refused: {codes}\n{report}")

    def __reduce__(self) -> tuple[type[RuleViolation], tuple[Report]]:
        return (type(self), (self.report,))

"""Helpers shared by the identifier modules."""

from __future__ import annotations

from collections.abc import Callable

from iae_core import errors

__all__ = ["clean", "from_stdnum", "validity_check"]


def clean(number: object, strip: str = " -./") -> str:
    """Remove separators and surrounding blanks; refuse non-strings."""
    if not isinstance(number, str):
        name = type(number).__name__
        raise errors.InvalidFormat(
            f"not a string: {name}", fr=f"pas une chaîne de caractères\u00a0: {name}"
        )
    out = number.strip()
    for ch in strip:
        out = out.replace(ch, "")
    return out


def from_stdnum(call: Callable[[str], str], number: str) -> str:
    """Run a stdnum validator, translating its exceptions to ours."""
    from stdnum.exceptions import (
        InvalidChecksum,
        InvalidComponent,
        InvalidFormat,
        InvalidLength,
        ValidationError,
    )

    try:
        return call(number)
    except InvalidLength as exc:
        raise errors.InvalidLength from exc
    except InvalidChecksum as exc:
        raise errors.InvalidChecksum from exc
    except InvalidComponent as exc:
        raise errors.InvalidComponent from exc
    except InvalidFormat as exc:
        raise errors.InvalidFormat from exc
    except ValidationError as exc:  # pragma: no cover - every stdnum error is one of the above
        raise errors.InvalidIdentifier from exc


def validity_check(validate: Callable[[str], str]) -> Callable[[str], bool]:
    """The `is_valid` of an identifier module, built from its `validate`.

    Args:
        validate: the module's `validate` (returns the compact form or raises an
            `InvalidIdentifier` subclass).

    Returns:
        A function telling whether `validate` accepts a number (never raises for an
        invalid one, a non-string included).
    """

    def is_valid(number: str) -> bool:
        try:
            validate(number)
        except errors.InvalidIdentifier:
            return False
        return True

    is_valid.__module__ = validate.__module__
    is_valid.__qualname__ = "is_valid"
    is_valid.__doc__ = "True when `validate` accepts `number`."
    return is_valid

"""Words and numbers for people: French (default) and English formatting in one place.

Every message, title and docs table formats its dates, hours, amounts and shares here, so
that French typography (decimal comma, narrow no-break spaces, `05/01/2026`) is written
once. Message templates are `str.format` strings whose fields take a format spec naming
the kind of value:

```python
import pendulum
from iae_core._kernel.text import render

values = {"hours": 20.5, "end": pendulum.date(2026, 1, 5)}
print(render("CDDI de {hours:h} par semaine, jusqu'au {end}.", values))
# CDDI de 20,5 h par semaine, jusqu'au 05/01/2026.
```

Specs: none (dates, numbers, enums by label, text as is), `h` (hours), `eur` (euros),
`pct` (a percentage given as 25 for 25 %), `fte` (a full-time-equivalent count), `n` (a
number with thousands separators), `code` (an enum's code rather than its label).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import string
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any, Literal

__all__ = [
    "LANGUAGES",
    "Lang",
    "current_language",
    "fmt",
    "fmt_date",
    "fmt_number",
    "fmt_spec",
    "language",
    "render",
    "reset_language",
    "set_language",
]

Lang = Literal["fr", "en"]
LANGUAGES: tuple[Lang, ...] = ("fr", "en")

_LANGUAGE: contextvars.ContextVar[Lang] = contextvars.ContextVar("iae_core_language", default="fr")


def current_language() -> Lang:
    """The language of messages in the current context (`"fr"` unless set otherwise)."""
    return _LANGUAGE.get()


def _need_language(lang: object) -> Lang:
    if lang == "fr" or lang == "en":
        return lang
    msg = f"not a language (fr, en): {lang!r}"
    raise ValueError(msg)


def set_language(lang: Lang) -> contextvars.Token[Lang]:
    """Make `lang` the default language of messages in the current context.

    It applies to `check` and to data errors (`ErrorDetail.to_json`) when no `lang` is
    given. Returns a token for `reset_language`; prefer the `language` context manager.

    Raises:
        ValueError: `lang` is neither `"fr"` nor `"en"`.
    """
    return _LANGUAGE.set(_need_language(lang))


def reset_language(token: contextvars.Token[Lang]) -> None:
    """Undo the `set_language` that returned `token`."""
    _LANGUAGE.reset(token)


@contextlib.contextmanager
def language(lang: Lang) -> Iterator[Lang]:
    """Context manager: messages in `lang` inside the block (each thread/task its own).

    ```python
    import iae_core

    with iae_core.language("en"):
        print(iae_core.current_language())
    # en
    ```
    """
    token = set_language(lang)
    try:
        yield lang
    finally:
        _LANGUAGE.reset(token)


NNBSP = "\u202f"
"""Narrow no-break space: French thousands separator and space before `%`."""
NBSP = "\u00a0"
"""No-break space: between a number and `€` or `h` in French."""

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def fmt_date(day: _dt.date, lang: Lang = "fr") -> str:
    """`05/01/2026` in French, `5 January 2026` in English."""
    if lang == "fr":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def fmt_number(value: float, lang: Lang = "fr", *, digits: int = 2, group: bool = False) -> str:
    """A number with at most `digits` decimals, trailing zeros dropped.

    French uses a decimal comma (`20,5`) and, with `group`, narrow no-break spaces
    between thousands (`13 304`); English a decimal point and commas (`13,304`).
    """
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}" if group else str(value)
    else:
        text = f"{value:,.{digits}f}" if group else f"{value:.{digits}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if lang == "fr":
        return text.replace(",", NNBSP).replace(".", ",")
    return text


def fmt_spec(value: float, spec: str, lang: Lang = "fr") -> str:
    """A number by a Python format spec, with a decimal comma in French.

    Trailing zeros are kept: `fmt_spec(0.5, ".2f")` is `0,50`, `fmt_spec(20.5, "g")` is
    `20,5` (`20.5` in English). The `fmt` spec branch does the same for any value.
    """
    text = format(value, spec)
    return text.replace(".", ",") if lang == "fr" else text


def fmt(value: Any, spec: str = "", lang: Lang = "fr") -> str:
    """One value as a person reads it, by its format spec (see the module docs)."""
    if spec == "h":
        return f"{fmt_number(value, lang)}{NBSP if lang == 'fr' else ' '}h"
    if spec == "eur":
        amount = fmt_number(value, lang, group=True)
        return f"{amount}{NBSP}€" if lang == "fr" else f"€{amount}"
    if spec == "pct":
        return (
            f"{fmt_number(value, lang)}{NNBSP}%" if lang == "fr" else f"{fmt_number(value, lang)}%"
        )
    if spec == "fte":
        return fmt_number(value, lang)
    if spec == "n":
        return fmt_number(value, lang, group=True)
    if spec == "code":
        return str(value.value) if isinstance(value, Enum) else str(value)
    if spec:
        text = format(value, spec)
        return text.replace(".", ",") if lang == "fr" else text
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return fmt_date(value, lang)
    if isinstance(value, bool):
        return ("oui" if value else "non") if lang == "fr" else ("yes" if value else "no")
    if isinstance(value, int | float):
        return fmt_number(value, lang)
    if isinstance(value, Enum):
        if lang == "en":
            label_en = getattr(value, "label_en", None)
            return str(label_en) if label_en else str(value.value)
        return str(getattr(value, "label", value.value))
    return str(value)


class _Formatter(string.Formatter):
    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        return fmt(value, format_spec, self.lang)


_FORMATTERS = {lang: _Formatter(lang) for lang in LANGUAGES}


def render(template: str, values: Mapping[str, Any], lang: Lang = "fr") -> str:
    """`template` with its fields filled from `values`, formatted for `lang`."""
    return _FORMATTERS[lang].vformat(template, (), values)

"""Exceptions raised by iae_core, and the structured form of data errors.

Two families, following attrs and python-stdnum: every exception subclasses the
built-in a caller would catch anyway.

* `InvalidData` (a `ValueError`): *bad input*, malformed data, a value that can never be
  right (an end before a start, a SIRET with a bad checksum). It lists **every** bad field
  with its path, e.g. `contracts[2].start: not a date: "2024-13-01"`, and gives each as an
  `ErrorDetail` (`InvalidData.details`): its `loc`, a stable `type`, a French and an English
  message, and the offending input (unless the field is sensitive).
* `RuleViolation`: raised only by *commands* (`Approval.suspend`, `Approval.prolong`) that
  refuse to build a state the law forbids. Rule *checks* never raise: they return a
  `Report`.

Identifier modules raise `InvalidIdentifier` subclasses, which are also
`stdnum.exceptions.ValidationError` subclasses (code written for python-stdnum catches them).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
import reprlib
from collections.abc import Iterable, Mapping
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs
from stdnum import exceptions as _stdnum

from iae_core._kernel.paths import join_path as join_path  # re-exported for older imports
from iae_core._kernel.plugins import Result
from iae_core._kernel.text import NBSP, Lang, current_language, fmt_date, say

if TYPE_CHECKING:
    from iae_core._kernel.findings import Report

__all__ = [
    "ERROR_TYPES",
    "NO_INPUT",
    "ErrorDetail",
    "ErrorType",
    "IaeError",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidData",
    "InvalidFormat",
    "InvalidIdentifier",
    "InvalidLength",
    "MissingDependency",
    "RuleViolation",
    "carries_special_category",
]

Loc = tuple[str | int, ...]


class IaeError(Exception):
    """Base class of every exception raised by iae_core."""


# --- showing values ------------------------------------------------------------------------

SHOWN_CHARS = 60
"""The longest a value is shown in an error message (longer ones end with `...`)."""
_SHOWN_DIGITS = 40


def _digits(value: int) -> int:
    """How many decimal digits `value` has, without converting it to a string."""
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
    """Values the JSON way (`null`, `true`, `"x"`), bounded in size and time.

    A string of 200 MB, an integer of 5,000 digits that `str` refuses, a list nested a
    thousand deep: each is shown in a few dozen characters. Values that are not JSON
    (a date, a tuple) are shown as Python shows them.
    """

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang
        self.maxlevel = 3
        self.maxstring = self.maxother = self.maxlong = SHOWN_CHARS
        self.maxlist = self.maxtuple = self.maxdict = self.maxset = self.maxfrozenset = 6

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() <= 128:
            return repr(x)
        return say("errors.big_integer", self.lang, digits=_digits(x))

    def repr_float(self, x: float, level: int) -> str:
        return json.dumps(x)  # NaN, Infinity, -Infinity as JavaScript writes them

    def repr_bool(self, x: bool, level: int) -> str:
        return "true" if x else "false"

    def repr_NoneType(self, x: None, level: int) -> str:  # noqa: N802 - reprlib's dispatch name
        return "null"

    def repr_str(self, x: str, level: int) -> str:
        return json.dumps(x[: SHOWN_CHARS + 1], ensure_ascii=False)

    def repr_instance(self, x: object, level: int) -> str:
        try:
            return super().repr_instance(x, level)
        except Exception:
            return say("errors.a_value_of", self.lang, kind=type(x).__name__)


_REPRS: dict[str, _Repr] = {"fr": _Repr("fr"), "en": _Repr("en")}


def show(value: object, lang: Lang = "en") -> str:
    """`value` as error messages show it: the JSON way, cut to 60 characters.

    `None` is `null`, `True` is `true`, a string is in double quotes (`"x"`); a value that
    JSON has not (a date, a tuple) is shown as Python shows it. Never fails and never costs
    more than the first few items of a container: a huge integer is shown as its number of
    digits (`<an integer of 5001 digits>`, in French `<un entier de 5001 chiffres>`), since
    Python refuses to convert integers of more than 4,300 digits to text.

    Args:
        value: any value.
        lang: the language of the words a value may be shown with (`"en"` or `"fr"`).
    """
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()  # as the JSON input wrote it (`2025-03-11`)
    shower = _REPRS["fr" if lang == "fr" else "en"]
    try:
        text = shower.repr(value)
    except Exception:
        text = say("errors.a_value_of", shower.lang, kind=type(value).__name__)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."


def json_value(value: Any, lang: Lang = "en") -> Any:
    """`value` as JSON data: dates as ISO text, enums as their codes, tuples as lists.

    Bounded: a long string, a huge integer, a big or deep container, or a value JSON has
    no form for becomes its text as error messages show it (`show`, in `lang`).
    """
    return _json_input(value, lang)


def _json_input(value: Any, lang: Lang, depth: int = 0) -> Any:
    if value is None or isinstance(value, bool | str):
        return value if not isinstance(value, str) or len(value) <= 1000 else show(value, lang)
    if isinstance(value, int):
        return value if value.bit_length() <= 53 else show(value, lang)
    if isinstance(value, float):
        return value if math.isfinite(value) else show(value, lang)
    if isinstance(value, Enum):
        return _json_input(value.value, lang, depth)
    if hasattr(value, "isoformat") and not isinstance(value, type):
        try:
            return str(value.isoformat())
        except Exception:
            return show(value, lang)
    if depth < 3 and isinstance(value, list | tuple | frozenset) and len(value) <= 20:
        if isinstance(value, frozenset):
            return sorted((_json_input(v, lang, depth + 1) for v in value), key=show)
        return [_json_input(v, lang, depth + 1) for v in value]
    if (
        depth < 3
        and isinstance(value, dict)
        and len(value) <= 20
        and all(type(k) is str for k in value)
    ):
        return {k: _json_input(v, lang, depth + 1) for k, v in value.items()}
    return show(value, lang)


# --- special categories in an input ---------------------------------------------------------

SPECIAL_KEYS: Final = frozenset({"nir", "rqth", "under_justice_measure"})
"""Object keys whose value is a NIR or special-category data (GDPR art. 9 and 10)."""

SPECIAL_CODES: Final = frozenset(
    {"TH", "DETENTION_MJ", "RQTH", "INCARCERATION", "LONG_ILLNESS", "DETOXIFICATION"}
)
"""Codes that tell health or justice data: the criteria `TH` and `DETENTION_MJ`, the ground
`RQTH`, the exits and suspensions `INCARCERATION`, `LONG_ILLNESS`, `DETOXIFICATION`."""

_NIR_LIKE = re.compile(r"(?<![0-9])[1-478]\d{4}(?:\d{2}|2[ABab])\d{6}(?:\d{2})?(?![0-9])")
_NIR_SEPARATORS = re.compile(r"[\s.\-_/]")
_SCANNED_CHARS = 4096  # no more of a string is ever shown or echoed (`json_value`: 1000)
_SCANNED_NODES = 2000  # beyond this, an input is taken as sensitive (hidden: never wrong)


def _text_is_special(text: str) -> bool:
    head = text[:_SCANNED_CHARS]
    if head.strip().upper() in SPECIAL_CODES:
        return True
    return _NIR_LIKE.search(_NIR_SEPARATORS.sub("", head)) is not None


def carries_special_category(value: object) -> bool:
    """Whether `value` holds, at any depth, a NIR or special-category data.

    True for an object (a dict, an entity) with a key `nir`, `rqth` or
    `under_justice_measure`; a code of `SPECIAL_CODES` (`TH`, `DETENTION_MJ`…) as a value or
    a key; a string or an integer that holds something shaped like a NIR (13 or 15
    characters, spaces allowed, Corsica's `2A`/`2B` too); an entity with a field marked
    `metadata={"sensitive": True}` whose value is set. The walk is bounded: an input too big
    to walk is taken as sensitive. An error whose input carries one is built without it
    (`NO_INPUT`), and its message shows no part of it.
    """
    stack: list[object] = [value]
    seen = 0
    while stack:
        seen += 1
        if seen > _SCANNED_NODES:
            return True
        item = stack.pop()
        if item is None or isinstance(item, bool | float):
            continue
        if isinstance(item, Enum):
            item = item.value
        if isinstance(item, str):
            if _text_is_special(item):
                return True
        elif isinstance(item, int):
            if item.bit_length() <= 64 and _text_is_special(str(item)):
                return True
        elif isinstance(item, Mapping):
            for k, v in item.items():
                if isinstance(k, str) and k.lower() in SPECIAL_KEYS:
                    return True
                stack.append(k)
                stack.append(v)
                if len(stack) > _SCANNED_NODES:
                    return True
        elif isinstance(item, list | tuple | set | frozenset):
            if len(item) + len(stack) > _SCANNED_NODES:
                return True
            stack.extend(item)
        elif attrs.has(type(item)):
            for f in attrs.fields(type(item)):  # type: ignore[arg-type]  # attrs.has, checked
                v = getattr(item, f.name, None)
                if f.metadata.get("sensitive") and v not in (None, False, frozenset(), ()):
                    return True
                stack.append(v)
    return False


# --- error types ---------------------------------------------------------------------------


def _tr(fr: str, en: str) -> tuple[str, str]:
    return (fr, en)


_COLON = f"{NBSP}:"  # French typography: a no-break space before a colon


def _fr(text: str) -> str:
    return text.replace(" :", _COLON).replace(" ;", f"{NBSP};")


@attrs.frozen(kw_only=True, slots=True)
class ErrorType:
    """One stable `type` of data error, with its message templates.

    Attributes:
        type: the stable code (`"not_a_date"`).
        description: what it means, in English (for the docs).
        messages: the `(French, English)` templates by variant (`"default"`, `"hidden"`
            for a sensitive field whose input is not shown…). Templates are `str.format`
            strings; `{input}` is the offending input shown the JSON way.
    """

    type: str
    description: str
    messages: Mapping[str, tuple[str, str]]


def _type(code: str, description: str, **variants: tuple[str, str]) -> ErrorType:
    return ErrorType(
        type=code,
        description=description,
        messages={k: (_fr(fr), en) for k, (fr, en) in variants.items()},
    )


_GOT = "(reçu : {got})", "(got {got})"


def _hidden(fr: str, en: str) -> tuple[str, str]:
    return (f"{fr} {_GOT[0]}", f"{en} {_GOT[1]}")


ERROR_TYPES: Final[Mapping[str, ErrorType]] = MappingProxyType(
    {
        t.type: t
        for t in (
            _type(
                "missing",
                "A required field is missing.",
                default=_tr("champ obligatoire manquant", "required field missing"),
            ),
            _type(
                "unknown_field",
                "The data has a field the entity does not have (nothing is ignored).",
                default=_tr("champ inconnu", "unknown field"),
            ),
            _type(
                "not_a_string_key",
                "An object has a key that is not a string.",
                default=_tr(
                    "clé qui n'est pas une chaîne de caractères : {input}",
                    "not a string key: {input}",
                ),
            ),
            _type(
                "duplicate_key",
                "An object of the JSON text has the same key twice.",
                default=_tr("clé en double", "duplicate key"),
            ),
            _type(
                "malformed_json",
                "The text is not strict JSON (RFC 8259, UTF-8, no NaN).",
                at=_tr(
                    "JSON mal formé ligne {line}, colonne {column} : {reason}",
                    "malformed JSON at line {line}, column {column}: {reason}",
                ),
                not_utf8=_tr("texte qui n'est pas en UTF-8", "not UTF-8 text"),
                too_deep=_tr(
                    "JSON mal formé : imbrication trop profonde",
                    "malformed JSON: nested too deeply",
                ),
                too_many_digits=_tr(
                    "JSON mal formé : un nombre de plus de {digits} chiffres",
                    "malformed JSON: a number of more than {digits} digits",
                ),
                default=_tr("JSON mal formé : {reason}", "malformed JSON: {reason}"),
            ),
            _type(
                "not_an_object",
                "An object (a JSON `{...}`) was expected.",
                default=_tr("pas un objet : {input}", "not an object: {input}"),
                hidden=_hidden("pas un objet", "not an object"),
            ),
            _type(
                "not_a_list",
                "A list (a JSON array) was expected.",
                default=_tr("pas une liste : {input}", "not a list: {input}"),
                hidden=_hidden("pas une liste", "not a list"),
            ),
            _type(
                "not_a_date",
                "A calendar date was expected (`YYYY-MM-DD` in JSON, a date in Python, "
                "never a datetime).",
                default=_tr("pas une date : {input}", "not a date: {input}"),
                hidden=_hidden("pas une date", "not a date"),
            ),
            _type(
                "not_a_string",
                "A string was expected.",
                default=_tr("pas une chaîne de caractères : {input}", "not a string: {input}"),
                hidden=_hidden("pas une chaîne de caractères", "not a string"),
            ),
            _type(
                "empty_string",
                "A string that must not be empty (or blank) is.",
                default=_tr("chaîne vide", "empty string"),
            ),
            _type(
                "not_a_boolean",
                "`true` or `false` was expected (never 0 or 1).",
                default=_tr("pas un booléen : {input}", "not a boolean: {input}"),
                hidden=_hidden("pas un booléen", "not a boolean"),
            ),
            _type(
                "not_an_integer",
                "An integer was expected.",
                default=_tr("pas un nombre entier : {input}", "not an integer: {input}"),
                hidden=_hidden("pas un nombre entier", "not an integer"),
            ),
            _type(
                "not_a_number",
                "A number was expected (never a string of digits, never a boolean).",
                default=_tr("pas un nombre : {input}", "not a number: {input}"),
                hidden=_hidden("pas un nombre", "not a number"),
                not_finite=_tr("pas un nombre fini : {input}", "not a finite number: {input}"),
            ),
            _type(
                "bad_enum",
                "The value is not one of the codes allowed (`params`: `enum`, `allowed`).",
                default=_tr(
                    "pas un {enum} ({allowed}) : {input}", "not a {enum} ({allowed}): {input}"
                ),
                short=_tr("pas un {enum} : {input}", "not a {enum}: {input}"),
                hidden=_hidden("pas un {enum} ({allowed})", "not a {enum} ({allowed})"),
            ),
            _type(
                "unknown_language",
                "The language asked is not one of those supported (`params`: `supported`).",
                default=_tr(
                    "langue inconnue : {input} ; langues prises en charge : {supported}",
                    "unknown language: {input}; supported languages: {supported}",
                ),
            ),
            _type(
                "not_a_set",
                "A set (a JSON array without repeats) of codes was expected.",
                default=_tr(
                    "pas un ensemble de {expected} : {input}", "not a set of {expected}: {input}"
                ),
                hidden=_hidden("pas un ensemble de {expected}", "not a set of {expected}"),
                hidden_items=_tr(
                    "pas un ensemble de {expected} : {count} élément(s) d'un autre type ({kinds})",
                    "not a set of {expected}: {count} item(s) of another kind ({kinds})",
                ),
            ),
            _type(
                "wrong_type",
                "A value of another kind was expected (`params`: `expected`).",
                default=_tr("pas un {expected} : {input}", "not a {expected}: {input}"),
            ),
            _type(
                "out_of_range",
                "A number or a date is beyond its bounds (`params`: `minimum`, `maximum`).",
                at_least=_tr(
                    "doit être au moins {minimum} : {input}", "must be at least {minimum}: {input}"
                ),
                at_most=_tr(
                    "doit être au plus {maximum} : {input}", "must be at most {maximum}: {input}"
                ),
                above=_tr(
                    "doit être supérieur à {minimum} : {input}", "must be above {minimum}: {input}"
                ),
                date=_tr(
                    "hors limites (du {minimum} au {maximum}) : {day}",
                    "out of range ({minimum} to {maximum}): {day}",
                ),
                more_than=_tr(
                    "doit être plus de {minimum} : {input}", "must be more than {minimum}: {input}"
                ),
                less_than=_tr(
                    "doit être moins de {maximum} : {input}", "must be less than {maximum}: {input}"
                ),
                safe_integer=_tr(
                    "hors limites (au plus 2**53 en valeur absolue) : {input}",
                    "out of range (at most 2**53 in size): {input}",
                ),
            ),
            _type(
                "bad_order",
                "A date is before the one it must follow (`params`: `start_name`, `start`).",
                on_or_after=_tr(
                    "doit être le {start} ou après ({start_name}) : {end}",
                    "must be on or after {start_name} ({start}): {end}",
                ),
                after=_tr(
                    "doit être après le {start} ({start_name}) : {end}",
                    "must be after {start_name} ({start}): {end}",
                ),
                on_or_before=_tr(
                    "doit être le {end} ou avant ({end_name}) : {start}",
                    "must be on or before {end_name} ({end}): {start}",
                ),
                at_least_field=_tr(
                    "doit être au moins {start_name} ({start}) : {end}",
                    "must be at least {start_name} ({start}): {end}",
                ),
                at_most_field=_tr(
                    "doit être au plus {end_name} ({end}) : {start}",
                    "must be at most {end_name} ({end}): {start}",
                ),
            ),
            _type(
                "bad_identifier",
                "A SIRET, SIREN, NIR, PASS IAE number or ROME code is not valid (`params`: "
                "`reason`: `format`, `length`, `checksum`, `component`).",
                default=_tr("{reason} : {input}", "{reason} {input}"),
                hidden=_tr("{reason}", "{reason}"),
                not_compact=_tr(
                    "pas sous forme compacte : {input}", "not in compact form: {input}"
                ),
                not_compact_hidden=_tr("pas sous forme compacte", "not in compact form"),
            ),
            _type(
                "not_unicode",
                "A string holds text that is not Unicode (a lone surrogate such as `\\ud800`): "
                "it can be neither read nor written back.",
                default=_tr(
                    "texte qui n'est pas de l'Unicode (un demi-caractère isolé)",
                    "text that is not Unicode (a lone surrogate)",
                ),
            ),
            _type(
                "missing_dependency",
                "A feature needs an optional package that is not installed (`params`: "
                "`feature`, `package`, `extra`).",
                default=_tr(
                    "{feature} a besoin du paquet facultatif {package} : "
                    "pip install 'iae-core[{extra}]'",
                    "{feature} needs the optional package {package}: "
                    "pip install 'iae-core[{extra}]'",
                ),
            ),
            _type(
                "unknown_entity",
                "The path of a request names no entity (or no plan) the service has "
                "(`params`: `name`, `known`).",
                default=_tr(
                    "entité inconnue : {name} ; entités connues : {known}",
                    "unknown entity: {name}; known entities: {known}",
                ),
            ),
            _type(
                "too_large",
                "The request body is larger than the service reads (`params`: `n`, in bytes).",
                default=_tr(
                    "corps de requête de plus de {n} octets",
                    "request body larger than {n} bytes",
                ),
            ),
            _type(
                "not_json_media",
                "The request body is not declared JSON (its Content-Type).",
                default=_tr(
                    "le corps doit être du JSON (Content-Type : application/json)",
                    "the body must be JSON (Content-Type: application/json)",
                ),
            ),
            _type(
                "internal_error",
                "The service failed on an input it should have answered; nothing of the input "
                "is sent back.",
                default=_tr(
                    "erreur interne : la réponse n'a pas pu être produite",
                    "internal error: the answer could not be produced",
                ),
            ),
            _type(
                "invalid_value",
                "A value could not be read (`params`: `error`, the Python exception).",
                default=_tr(
                    "valeur non valide ({error} : {text})", "invalid value ({error}: {text})"
                ),
                hidden=_tr("valeur non valide ({error})", "invalid value ({error})"),
            ),
            _type(
                "bad_format",
                "A code does not have its shape (a department, a NAF code…; `params`: none, "
                "the message names the code).",
                default=_tr("pas {what} : {input}", "not {what}: {input}"),
            ),
            _type(
                "too_few_items",
                "A list has fewer items than required (`params`: `minimum`).",
                default=_tr(
                    "au moins {minimum} élément(s) requis", "at least {minimum} item(s) required"
                ),
            ),
            _type(
                "outside_period",
                "A date is outside the period of the entity that holds it (`params`: `start`, "
                "`end`, `day`).",
                default=_tr(
                    "hors de la période (du {start} au {end}) : {day}",
                    "outside the period ({start} to {end}): {day}",
                ),
            ),
            _type(
                "duplicate",
                "An item is repeated where each must be distinct (`params`: none).",
                default=_tr("en double : {input}", "duplicate: {input}"),
                hidden=_hidden("en double", "duplicate"),
            ),
            _type(
                "requires",
                "A field is given without another it needs (`params`: `other`, or `field`).",
                default=_tr("donné sans {other}", "given without {other}"),
                missing=_tr("obligatoire avec {field}", "required with {field}"),
            ),
            _type(
                "required_for",
                "A field is missing that another field's value makes required (`params`: "
                "`when`, `value` or `count`).",
                default=_tr(
                    "obligatoire quand {when} vaut {value}", "required when {when} is {value}"
                ),
                count=_tr(
                    "obligatoire quand {when} a au moins {count} éléments",
                    "required when {when} has at least {count} items",
                ),
            ),
            _type(
                "not_allowed",
                "A field is given that another field's value excludes (`params`: `when`, "
                "`value`, `allowed`).",
                default=_tr(
                    "seulement quand {when} vaut {allowed} (ici {value})",
                    "only when {when} is {allowed} (here {value})",
                ),
            ),
            _type(
                "exactly_one",
                "Exactly one of several fields must be given (`params`: `names`, `given`).",
                default=_tr("donner exactement un de : {names}", "give exactly one of: {names}"),
            ),
            _type(
                "all_zero",
                "Numbers that must not all be 0 are (`params`: `names`).",
                default=_tr("ne doivent pas tous valoir 0 : {names}", "must not all be 0: {names}"),
            ),
            _type(
                "not_a_member",
                "A value must be one of the values of another field (`params`: `among`).",
                default=_tr("pas l'un des {among} : {input}", "not one of {among}: {input}"),
            ),
            _type(
                "mismatch",
                "A value must equal another field's (`params`: `other`, `expected`).",
                default=_tr(
                    "différent de {other} ({expected}) : {input}",
                    "differs from {other} ({expected}): {input}",
                ),
            ),
            _type(
                "ambiguous_type",
                "`iae-core check` cannot tell a document's entity type from its keys "
                "(`params`: `candidates`, the types that could be meant).",
                default=_tr(
                    "type d'entité impossible à déterminer ; préciser --type, l'un de : "
                    "{candidates}",
                    "cannot tell the entity type; give --type, one of: {candidates}",
                ),
            ),
            _type(
                "not_plannable",
                "`planning.deadlines` was given something it cannot plan (`params`: `kind`, "
                "the type given).",
                default=_tr(
                    "impossible de planifier un {kind} : donner des parcours, contrats, PASS "
                    "IAE, diagnostics, orientations ou contrats d'engagement",
                    "cannot plan a {kind}: give parcours, contracts, approvals, diagnoses, "
                    "orientations or contracts of engagement",
                ),
            ),
            _type(
                "calendar_character",
                "A text written into an iCalendar file (`planning.to_ical`) holds a character "
                "no calendar may carry: a control character other than the tab, or a lone "
                "surrogate (`params`: `code`, the character as `U+XXXX`).",
                default=_tr(
                    "caractère interdit dans un calendrier (contrôle ou demi-caractère isolé, "
                    "{code})",
                    "character not allowed in a calendar (a control or a lone surrogate, {code})",
                ),
            ),
            _type(
                "custom",
                "An error stated by code outside iae_core as a `(path, message)` pair, its "
                "message in one language; iae_core itself never gives it.",
                default=_tr("{text}", "{text}"),
            ),
        )
    }
)
"""Every type of data error, by code (the list in docs/data.md)."""


_JSON_TYPES = {
    "null": ("null", "null"),
    "boolean": ("un booléen", "a boolean"),
    "number": ("un nombre", "a number"),
    "string": ("une chaîne", "a string"),
    "list": ("une liste", "a list"),
    "object": ("un objet", "an object"),
}


def json_type(value: object, lang: Lang = "en") -> str:
    """The JSON type of `value` in words (`"a string"`), for a hidden input."""
    if value is None:
        key = "null"
    elif isinstance(value, bool):
        key = "boolean"
    elif isinstance(value, int | float):
        key = "number"
    elif isinstance(value, str):
        key = "string"
    elif isinstance(value, list | tuple):
        key = "list"
    elif isinstance(value, dict):
        key = "object"
    else:
        name = type(value).__name__
        return f"un {name}" if lang == "fr" else f"a {name}"
    fr, en = _JSON_TYPES[key]
    return fr if lang == "fr" else en


def _word(value: Any, lang: Lang) -> str:
    """A parameter as error messages write it: dates ISO in English, 05/01/2026 in French."""
    if isinstance(value, Enum):
        return str(value.value)
    if hasattr(value, "isoformat") and hasattr(value, "day"):
        return fmt_date(value, lang)
    if isinstance(value, bool):
        return ("oui" if value else "non") if lang == "fr" else ("yes" if value else "no")
    if isinstance(value, float):
        return str(value).replace(".", ",") if lang == "fr" else str(value)
    if isinstance(value, tuple | list | frozenset):
        return ", ".join(_word(v, lang) for v in value)
    return str(value)


class _NoInput:
    """The type of `NO_INPUT`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_INPUT"

    def __reduce__(self) -> str:
        return "NO_INPUT"


NO_INPUT: Final = _NoInput()
"""`ErrorDetail.input` when there is no input to show (a missing field) or the field is
sensitive (a NIR, health or justice data)."""

_PATH_STEP = re.compile(r"\[(\d+)\]|([^.\[]+)")


def loc_of(path: str) -> Loc:
    """The `loc` of a dotted/indexed path: `"contracts[2].end"` is `("contracts", 2, "end")`."""
    if not path:
        return ()
    return tuple(int(i) if i else k for i, k in _PATH_STEP.findall(path))


def path_of(loc: Iterable[str | int]) -> str:
    """The path of a `loc`: `("contracts", 2, "end")` is `"contracts[2].end"`."""
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out = f"{out}.{step}" if out else step
    return out


def _to_loc(value: Iterable[str | int]) -> Loc:
    return value if type(value) is tuple else tuple(value)


@attrs.frozen(kw_only=True, slots=True)
class ErrorDetail(Result):
    """One bad field of an `InvalidData`, as data.

    Attributes:
        loc: where, as keys and indexes: `("contracts", 2, "start")` (`()`: the document).
        type: the stable type of error (`"not_a_date"`; the list is `ERROR_TYPES`).
        message: the message in French.
        message_en: the message in English.
        input: the offending input, or `NO_INPUT` when there is none (a missing field)
            or the field is sensitive.
        params: the values the message was built from (bounds, codes allowed…).
        variant: which of the type's templates the messages come from.
    """

    loc: Loc = attrs.field(converter=_to_loc)
    type: str
    message: str
    message_en: str
    input: Any = attrs.field(default=NO_INPUT, hash=False)
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=dict, hash=False)
    variant: str = attrs.field(default="default", eq=False)

    @property
    def path(self) -> str:
        """The loc as a path: `contracts[2].start`."""
        return path_of(self.loc)

    def message_in(self, lang: Lang | None = None) -> str:
        """The message in `lang` (default: the current language, `iae_core.language`)."""
        if lang is None:
            lang = current_language()
        return self.message_en if lang == "en" else self.message

    def prefixed(self, prefix: Iterable[str | int]) -> ErrorDetail:
        """The same detail under `prefix` (a loc)."""
        prefix = _to_loc(prefix)
        return self if not prefix else attrs.evolve(self, loc=prefix + self.loc)

    def to_json(self, lang: Lang | None = None) -> dict[str, Any]:
        """`{"loc": [...], "type": ..., "msg": ..., "input": ...}` (`input` when shown)."""
        out: dict[str, Any] = {
            "loc": list(self.loc),
            "type": self.type,
            "msg": self.message_in(lang),
        }
        if self.input is not NO_INPUT and not carries_special_category(self.input):
            out["input"] = _json_input(self.input, lang or current_language())
        return out


def detail(
    loc: str | Iterable[str | int],
    type: str,
    variant: str = "default",
    *,
    input: Any = NO_INPUT,
    words: Mapping[str, tuple[str, str]] | None = None,
    **params: Any,
) -> ErrorDetail:
    """An `ErrorDetail` of `type`, its messages rendered from the templates of `variant`.

    Args:
        loc: a loc, or a path (`"contracts[2].end"`).
        type: one of `ERROR_TYPES`.
        variant: the template.
        input: the offending input (`NO_INPUT`: none or hidden).
        words: values that differ by language, `{"name": (french, english)}` (not kept
            in `params`).
        **params: the values the templates use, kept as `ErrorDetail.params`.
    """
    messages = ERROR_TYPES[type].messages
    got: tuple[str, str] | None = None
    if input is not NO_INPUT and carries_special_category(input):
        # the input is left out, and no part of it is in the message: its JSON type only
        got = json_type(input, "fr"), json_type(input, "en")
        input = NO_INPUT
        hidden = "hidden" if variant == "default" else f"{variant}_hidden"
        variant = hidden if hidden in messages else variant
    if isinstance(params.get("text"), str) and carries_special_category(params["text"]):
        params = {**params, "text": "…"}
        variant = "hidden" if "hidden" in messages else variant
    fr_template, en_template = messages[variant]
    shown_fr = show(input, "fr") if input is not NO_INPUT else ""
    shown_en = show(input, "en") if input is not NO_INPUT else ""
    fr_values = {k: _word(v, "fr") for k, v in params.items()}
    en_values = {k: _word(v, "en") for k, v in params.items()}
    for k, (fr, en) in (words or {}).items():
        fr_values[k], en_values[k] = fr, en
    fr_values["input"], en_values["input"] = shown_fr, shown_en
    if got is not None:
        fr_values["input"], en_values["input"] = got
        fr_values.setdefault("got", got[0])
        en_values.setdefault("got", got[1])
    return ErrorDetail(
        loc=loc_of(loc) if isinstance(loc, str) else tuple(loc),
        type=type,
        message=fr_template.format_map(fr_values),
        message_en=en_template.format_map(en_values),
        input=input,
        params=params,
        variant=variant,
    )


def _as_detail(item: ErrorDetail | tuple[str, str]) -> ErrorDetail:
    if type(item) is ErrorDetail:
        return item
    path, message = item  # type: ignore[misc]
    return ErrorDetail(loc=loc_of(path), type="custom", message=message, message_en=message)


class InvalidData(IaeError, ValueError):  # noqa: N818 - public name fixed by the API contract
    """Bad input: lists every bad field with its path.

    Attributes:
        details: one `ErrorDetail` per problem, in the order found: its `loc`, `type`,
            messages in French and English, and the input (unless sensitive).
        errors: one `(path, message)` pair per problem, the message in English. The path
            is `""` for the document itself, else dotted/indexed like
            `suspensions[0].end`.
    """

    details: tuple[ErrorDetail, ...]

    def __init__(self, errors: Iterable[ErrorDetail | tuple[str, str]]) -> None:
        self.details = tuple(_as_detail(e) for e in errors)
        if not self.details:
            msg = "InvalidData needs at least one error"
            raise ValueError(msg)
        super().__init__(self._render())

    @property
    def errors(self) -> tuple[tuple[str, str], ...]:
        """One `(path, English message)` pair per problem, in order."""
        return tuple((d.path, d.message_en) for d in self.details)

    def _render(self, lang: Lang = "en") -> str:
        lines = []
        for d in self.details:
            message = d.message_in(lang)
            # French typography for a French message (not for one given in English only)
            french = lang == "fr" and message != d.message_en
            lines.append(f"{d.path}{_COLON if french else ':'} {message}" if d.path else message)
        if len(lines) == 1:
            return lines[0]
        head = say("invalid_data.many", lang, n=len(lines))
        return head + "\n" + "\n".join(f"  {line}" for line in lines)

    def __str__(self) -> str:
        """Every bad field with its path, in the language in force (`iae_core.language`)."""
        return self._render(current_language())

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of the bad fields, in order."""
        return tuple(d.path for d in self.details)

    @property
    def types(self) -> tuple[str, ...]:
        """The types of the errors, in order (`"not_a_date"`…)."""
        return tuple(d.type for d in self.details)

    def messages(self, lang: Lang | None = None) -> tuple[tuple[str, str], ...]:
        """`(path, message)` pairs in `lang` (default: the current language)."""
        return tuple((d.path, d.message_in(lang)) for d in self.details)

    def prefixed(self, prefix: str | Iterable[str | int]) -> InvalidData:
        """The same errors with every path put under `prefix` (a path or a loc)."""
        loc = loc_of(prefix) if isinstance(prefix, str) else tuple(prefix)
        return InvalidData(d.prefixed(loc) for d in self.details)

    def to_json(self, lang: Lang | None = None) -> list[dict[str, Any]]:
        """Every detail as JSON (`ErrorDetail.to_json`), in `lang` (default: current)."""
        return [d.to_json(lang) for d in self.details]

    def __reduce__(self) -> tuple[type[InvalidData], tuple[tuple[ErrorDetail, ...]]]:
        return (type(self), (self.details,))


# --- identifiers ---------------------------------------------------------------------------


class InvalidIdentifier(IaeError, _stdnum.ValidationError):  # noqa: N818 - stdnum naming
    """An identifier (SIRET, SIREN, NIR, PASS IAE number, ROME code) is not valid.

    A `stdnum.exceptions.ValidationError` (and so a `ValueError`) too.

    Attributes:
        message: the message in English.
        message_fr: the message in French.
        reason: `format`, `length`, `checksum`, `component`, or `unspecified` when a
            validator raised this base class itself.
    """

    message = "The identifier is not valid."
    message_fr = "L'identifiant n'est pas valide."
    reason = "unspecified"

    def __init__(self, message: str | None = None, *, fr: str | None = None) -> None:
        cls = type(self)
        self.message = message or cls.message
        self.message_fr = fr or (cls.message_fr if message is None else self.message)
        super().__init__(self.message)

    def message_in(self, lang: Lang | None = None) -> str:
        """The message in `lang` (default: the current language, `iae_core.language`)."""
        if lang is None:
            lang = current_language()
        return self.message if lang == "en" else self.message_fr

    def __reduce__(self) -> Any:
        return (_rebuild_identifier, (type(self), self.message, self.message_fr))


def _rebuild_identifier(cls: type[InvalidIdentifier], message: str, fr: str) -> InvalidIdentifier:
    return cls(message, fr=fr)


class InvalidFormat(InvalidIdentifier, _stdnum.InvalidFormat):
    """The identifier has characters or a shape it cannot have."""

    message = "The identifier has an invalid format."
    message_fr = "L'identifiant a un format non valide."
    reason = "format"


class InvalidLength(InvalidFormat, _stdnum.InvalidLength):
    """The identifier has the wrong length."""

    message = "The identifier has an invalid length."
    message_fr = "L'identifiant n'a pas la bonne longueur."
    reason = "length"


class InvalidChecksum(InvalidIdentifier, _stdnum.InvalidChecksum):
    """The identifier's check digits do not match."""

    message = "The identifier's checksum or check digit is invalid."
    message_fr = "La clé de contrôle de l'identifiant est fausse."
    reason = "checksum"


class InvalidComponent(InvalidIdentifier, _stdnum.InvalidComponent):
    """A part of the identifier (a month, a sex digit…) is out of range."""

    message = "One of the parts of the identifier is invalid."
    message_fr = "Une partie de l'identifiant n'est pas valide."
    reason = "component"


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


# --- optional dependencies -------------------------------------------------------------------


class MissingDependency(IaeError, ImportError):  # noqa: N818 - named like stdnum's errors
    """A feature needs an optional package that is not installed.

    An `ImportError` (code that caught the plain one still works) whose message names the
    extra to install, in French and English (the type `missing_dependency` of
    `ERROR_TYPES`): `to_ical needs the optional package icalendar: pip install
    'iae-core[calendar]'`. The command line prints that one line and exits with status 2;
    the HTTP service answers it as a JSON error (status 501).

    Attributes:
        feature: what needs the package (`"to_ical"`).
        package: the package missing (also `ImportError.name`).
        extra: the extra of iae-core that installs it (`"calendar"`).
    """

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.feature, self.package, self.extra = feature, package, extra
        super().__init__(self.detail().message_en, name=package)

    def detail(self) -> ErrorDetail:
        """The error as an `ErrorDetail` (type `missing_dependency`, at the root)."""
        return detail(
            (),
            "missing_dependency",
            feature=self.feature,
            package=self.package,
            extra=self.extra,
        )

    def message_in(self, lang: Lang | None = None) -> str:
        """The message in `lang` (default: the current language, `iae_core.language`)."""
        return self.detail().message_in(lang)

    def __reduce__(self) -> Any:
        return (type(self), (self.feature, self.package, self.extra))


def require(module: str, *, feature: str, extra: str, package: str | None = None) -> Any:
    """Import `module`, or raise `MissingDependency` naming `extra`.

    Args:
        module: the module to import (`"icalendar"`, `"joserfc.jws"`).
        feature: what needs it, for the message (`"to_ical"`).
        extra: the extra of iae-core that installs it.
        package: the package's name when not the module's first part.

    Returns:
        The module.
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependency(feature, package or module.split(".")[0], extra) from exc

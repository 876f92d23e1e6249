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
import functools
import string
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any, Literal

__all__ = [
    "LANGUAGES",
    "WORDS",
    "Lang",
    "current_language",
    "fmt",
    "fmt_currency",
    "fmt_date",
    "fmt_number",
    "fmt_percent",
    "fmt_spec",
    "language",
    "need_language",
    "reason_key",
    "reason_words",
    "render",
    "reset_language",
    "say",
    "set_language",
]

Lang = Literal["fr", "en"]
LANGUAGES: tuple[Lang, ...] = ("fr", "en")

_LANGUAGE: contextvars.ContextVar[Lang] = contextvars.ContextVar("iae_core_language", default="fr")


def current_language() -> Lang:
    """The language of messages in the current context (`"fr"` unless set otherwise)."""
    return _LANGUAGE.get()


def need_language(lang: object, in_force: Lang | None = None) -> Lang:
    """`lang` if it is one of `LANGUAGES`, else a `ValueError` in the language in force.

    The message lists the supported languages, in `in_force` (default: the current
    language): `langue inconnue « de » ; langues prises en charge : fr, en`.
    """
    if lang == "fr" or lang == "en":
        return lang
    shown = str(lang)[:20] if isinstance(lang, str) else type(lang).__name__
    msg = say("language.unknown", in_force, lang=shown, supported=", ".join(LANGUAGES))
    raise ValueError(msg)


def set_language(lang: Lang) -> contextvars.Token[Lang]:
    """Make `lang` the default language of messages in the current context.

    It applies to `check` and to data errors (`ErrorDetail.to_json`) when no `lang` is
    given. Returns a token for `reset_language`; prefer the `language` context manager.

    Raises:
        ValueError: `lang` is neither `"fr"` nor `"en"`.
    """
    return _LANGUAGE.set(need_language(lang))


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
"""Narrow no-break space: French thousands separator."""
NBSP = "\u00a0"
"""No-break space: between a number and `€`, `%` or `h` in French."""

_LOCALES: dict[Lang, str] = {"fr": "fr_FR", "en": "en"}
"""The Babel (CLDR) locale of each language."""
_DATE_PATTERNS: dict[Lang, str] = {"fr": "dd/MM/y", "en": "d MMMM y"}
"""The one date format of each language: `05/01/2026`, `5 January 2026`."""


@functools.cache
def _babel_locale(lang: Lang) -> Any:
    from babel import Locale  # lazy: Babel costs as much import time as iae_core itself

    return Locale.parse(_LOCALES[lang])


@functools.lru_cache(maxsize=4096)
def _date_text(day: _dt.date, lang: Lang) -> str:
    from babel.dates import format_date

    return str(format_date(day, _DATE_PATTERNS[lang], locale=_babel_locale(lang)))


def fmt_date(day: _dt.date, lang: Lang = "fr") -> str:
    """`05/01/2026` in French, `5 January 2026` in English (Babel, CLDR data)."""
    return _date_text(_dt.date(day.year, day.month, day.day), lang)


@functools.lru_cache(maxsize=8192)
def _number_text(value: float, lang: Lang, digits: int, group: bool) -> str:
    from babel.numbers import format_decimal

    pattern = (
        ("#,##0." if group else "0.") + "#" * digits if digits else ("#,##0" if group else "0")
    )
    text = str(format_decimal(value, format=pattern, locale=_babel_locale(lang)))
    return "0" if text in ("-0", "") else text


def fmt_number(value: float, lang: Lang = "fr", *, digits: int = 2, group: bool = False) -> str:
    """A number with at most `digits` decimals, trailing zeros dropped (Babel's `format_decimal`).

    French uses a decimal comma (`20,5`) and, with `group`, narrow no-break spaces
    between thousands (`13 304`); English a decimal point and commas (`13,304`).
    """
    return _number_text(value, lang, digits, group)


@functools.lru_cache(maxsize=4096)
def _percent_text(value: float, lang: Lang, digits: int) -> str:
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    locale = _babel_locale(lang)
    text = str(format_percent(value, format=pattern, locale=locale))
    if lang == "fr":  # CLDR's French pattern puts a no-break space before `%`
        text = text.replace("%", f"{NBSP}%")
    return text


def fmt_percent(value: float, lang: Lang = "fr", *, digits: int = 1) -> str:
    """A share (0.636) as a percentage: `63,6 %` in French, `63.6%` in English (Babel)."""
    return _percent_text(value, lang, digits)


@functools.lru_cache(maxsize=4096)
def _currency_text(value: float, lang: Lang) -> str:
    from babel.numbers import format_currency

    cents = "" if float(value).is_integer() else ".00"
    pattern = f"#,##0{cents}{NBSP}¤" if lang == "fr" else f"¤#,##0{cents}"
    text = format_currency(
        value, "EUR", format=pattern, currency_digits=False, locale=_babel_locale(lang)
    )
    return str(text)


def fmt_currency(value: float, lang: Lang = "fr") -> str:
    """An amount in euros: `1 234,50 €` in French, `€1,234.50` in English (Babel).

    Whole amounts are shown without cents (`12 000 €`).
    """
    return _currency_text(value, lang)


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
        return fmt_currency(value, lang)
    if spec == "pct":
        return fmt_percent(value / 100, lang, digits=2)
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
        return say("yes" if value else "no", lang)
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


# --- the catalogue ---------------------------------------------------------------------------
#
# Every word a person reads outside the rules' own templates (`register_rule`) and the data
# errors' (`iae_core.errors.ERROR_TYPES`) is here, keyed, in French and English: the command
# line (its help and argparse's own words too), the demo, the plots, the HTTP service, and
# the foreign reasons (Python's json, msgspec, pydantic) mapped to words of ours. Templates
# are `render` templates (`{n}`, `{day}`…); `tests/test_i18n_catalogue.py` proves that every
# entry has both languages and that no literal meant for people escapes the catalogue.

WORDS: dict[str, tuple[str, str]] = {
    # language
    "language.unknown": (
        "langue inconnue : {lang} ; langues prises en charge : {supported}",
        "unknown language: {lang}; supported languages: {supported}",
    ),
    # values shown in error messages (`iae_core.errors.show`)
    "errors.big_integer": ("<un entier de {digits} chiffres>", "<an integer of {digits} digits>"),
    "errors.a_value_of": ("<une valeur de type {kind}>", "<a {kind}>"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    "none": ("aucun", "none"),
    # foreign reasons (json, msgspec, pydantic, Python) mapped to ours
    "reason.expecting_value": ("une valeur est attendue", "a value is expected"),
    "reason.expecting_name": (
        "un nom de champ entre guillemets est attendu",
        "a field name in double quotes is expected",
    ),
    "reason.expecting_comma": ("une virgule est attendue", "a comma is expected"),
    "reason.expecting_colon": ("deux-points sont attendus", "a colon is expected"),
    "reason.extra_data": (
        "du texte suit la fin du document",
        "text follows the end of the document",
    ),
    "reason.unterminated_string": ("chaîne non terminée", "unterminated string"),
    "reason.control_character": (
        "caractère de contrôle dans une chaîne",
        "control character in a string",
    ),
    "reason.bad_escape": ("séquence d'échappement invalide", "invalid escape sequence"),
    "reason.truncated": ("texte tronqué", "truncated text"),
    "reason.not_a_number": (
        "NaN ou Infinity n'est pas du JSON strict",
        "NaN or Infinity is not strict JSON",
    ),
    "reason.too_many_digits": (
        "un nombre de plus de {digits} chiffres",
        "a number of more than {digits} digits",
    ),
    "reason.other": ("texte JSON invalide", "invalid JSON text"),
    # InvalidData as text
    "invalid_data.many": ("{n} champs invalides :", "{n} invalid fields:"),
    # the command line: argparse's own words (keyed by argparse's English text)
    "argparse.usage: ": ("utilisation : ", "usage: "),
    "argparse.options": ("options", "options"),
    "argparse.positional arguments": ("arguments positionnels", "positional arguments"),
    "argparse.show this help message and exit": (
        "afficher cette aide et quitter",
        "show this help message and exit",
    ),
    "argparse.show program's version number and exit": (
        "afficher la version du programme et quitter",
        "show program's version number and exit",
    ),
    "argparse.%(prog)s: error: %(message)s\n": (
        "%(prog)s : erreur : %(message)s\n",
        "%(prog)s: error: %(message)s\n",
    ),
    "argparse.argument %(argument_name)s: %(message)s": (
        "argument %(argument_name)s : %(message)s",
        "argument %(argument_name)s: %(message)s",
    ),
    "argparse.the following arguments are required: %s": (
        "arguments obligatoires manquants : %s",
        "the following arguments are required: %s",
    ),
    "argparse.invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (au choix : %(choices)s)",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "argparse.invalid %(type)s value: %(value)r": (
        "valeur %(type)s invalide : %(value)r",
        "invalid %(type)s value: %(value)r",
    ),
    "argparse.unrecognized arguments: %s": (
        "arguments non reconnus : %s",
        "unrecognized arguments: %s",
    ),
    "argparse.expected one argument": ("un argument est attendu", "expected one argument"),
    "argparse.expected at most one argument": (
        "au plus un argument est attendu",
        "expected at most one argument",
    ),
    "argparse.expected at least one argument": (
        "au moins un argument est attendu",
        "expected at least one argument",
    ),
    "argparse.ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "argparse.not allowed with argument %s": (
        "interdit avec l'argument %s",
        "not allowed with argument %s",
    ),
    "argparse.ignored explicit argument %r": (
        "argument explicite ignoré : %r",
        "ignored explicit argument %r",
    ),
    "argparse.one of the arguments %s is required": (
        "l'un des arguments %s est obligatoire",
        "one of the arguments %s is required",
    ),
    "argparse.unexpected option string: %s": (
        "option inattendue : %s",
        "unexpected option string: %s",
    ),
    "argparse.expected %s argument": ("%s argument attendu", "expected %s argument"),
    "argparse.expected %s arguments": ("%s arguments attendus", "expected %s arguments"),
    # the command line: help
    "cli.description": (
        "iae_core en ligne de commande : demo, check, plan, schema, rules, serve.",
        "iae_core from the command line: demo, check, plan, schema, rules, serve.",
    ),
    "cli.lang": (
        "langue des textes : fr (par défaut, ou la variable IAE_CORE_LANG) ou en",
        "language of the text: fr (default, or the variable IAE_CORE_LANG) or en",
    ),
    "cli.json": ("sortie lisible par une machine", "machine-readable output"),
    "cli.demo": (
        "lancer le travail principal sur un territoire synthétique fourni",
        "run the main job on a bundled synthetic territory",
    ),
    "cli.demo.seed": ("graine aléatoire (par défaut 1)", "random seed (default 1)"),
    "cli.demo.size": (
        "nombre de personnes en parcours (par défaut 2000)",
        "number of people in parcours (default 2000)",
    ),
    "cli.schema": (
        "écrire les schémas JSON (draft 2020-12) des entités et des sorties",
        "write the JSON Schemas (draft 2020-12) of the entities and of the outputs",
    ),
    "cli.schema.description": (
        "Afficher les schémas JSON des entités et de ce qui est renvoyé (Finding, Report, "
        "ErrorDetail, InvalidData, CheckOutput), ou écrire un fichier par schéma.",
        "Print the JSON Schemas of the entities and of what comes back (Finding, Report, "
        "ErrorDetail, InvalidData, CheckOutput), or write one file per schema.",
    ),
    "cli.schema.out": (
        "dossier où écrire <Entity>.schema.json (par défaut : affichage)",
        "directory to write <Entity>.schema.json into (default: print)",
    ),
    "cli.schema.type": (
        "seulement ce schéma (répétable)",
        "only this schema (repeatable)",
    ),
    "cli.schema.unknown": (
        "type(s) inconnu(s) {names} ; types connus : {known}",
        "unknown type(s) {names}; known types: {known}",
    ),
    "cli.cannot_write": (
        "impossible d'écrire dans {path} : {reason}",
        "cannot write to {path}: {reason}",
    ),
    "cli.rules": ("lister le catalogue des règles", "list the rules catalogue"),
    "cli.rules.description": (
        "Les règles que vérifie iae_core : code, gravité, titres, référence juridique, "
        "paramètres lus et lecture des textes lorsqu'elle n'est pas vérifiée.",
        "The rules iae_core checks: code, severity, titles, legal reference, parameters "
        "read and the reading of the texts when unverified.",
    ),
    "cli.rules.area": (
        "seulement les règles de ce domaine (préfixe du code ; répétable)",
        "only the rules of this area (code prefix; repeatable)",
    ),
    "cli.rules.unknown": (
        "domaine(s) inconnu(s) {names} ; domaines connus : {known}",
        "unknown area(s) {names}; known areas: {known}",
    ),
    "cli.rules.params": ("paramètres : {names}", "parameters: {names}"),
    "cli.rules.reading": (
        "lecture (non vérifiée) : {reading}",
        "reading (not verified): {reading}",
    ),
    "cli.rules.count": ("{n} règles", "{n} rules"),
    "cli.serve": (
        "lancer le service HTTP (l'extra api) avec uvicorn",
        "run the HTTP service (the api extra) with uvicorn",
    ),
    "cli.serve.description": (
        "Lancer le service HTTP d'iae_core.api avec uvicorn (Ctrl-C l'arrête).",
        "Run the HTTP service of iae_core.api with uvicorn (Ctrl-C stops it).",
    ),
    "cli.serve.host": ("adresse d'écoute (127.0.0.1)", "address to listen on (127.0.0.1)"),
    "cli.serve.port": ("port d'écoute (8000)", "port to listen on (8000)"),
    "cli.serve.log_level": ("niveau de journal d'uvicorn (info)", "uvicorn's log level (info)"),
    "cli.not_a_port": ("pas un port (0 à 65535) : {text}", "not a port (0 to 65535): {text}"),
    "cli.not_a_date": ("pas une date (AAAA-MM-JJ) : {text}", "not a date (YYYY-MM-DD): {text}"),
    "cli.not_a_size": (
        "pas une taille (octets, ou avec K, M, G) : {text}",
        "not a size (bytes, or with K, M, G): {text}",
    ),
    "cli.file": (
        "un document JSON, une liste d'entités ou du JSON Lines ; - pour l'entrée standard",
        "a JSON document, a list of entities or JSON Lines; - for stdin",
    ),
    "cli.type": (
        "type d'entité de chaque document (par défaut : déduit des clés)",
        "entity type of every document (default: told from the keys)",
    ),
    "cli.on": (
        "vérifier à cette date (par défaut : aujourd'hui à Paris)",
        "check as of this date (default: today in Europe/Paris)",
    ),
    "cli.structure_kind": (
        "type de structure pour les vérifications qui en ont besoin (un PASS IAE, "
        "un diagnostic) : {kinds}",
        "structure kind for the checkers that need one (an approval, a diagnosis): {kinds}",
    ),
    "cli.max_record_size": (
        "plus grand enregistrement lu (une ligne, un élément de liste, un document), "
        "par exemple 64M ou 1G (par défaut : {size})",
        "largest record (a line, a list item, a document) read, e.g. 64M or 1G (default: {size})",
    ),
    "cli.check": (
        "vérifier des documents JSON d'entités (sortie 0 : bon, 1 : erreurs, 2 : entrée invalide)",
        "check JSON documents of entities (exit 0 ok, 1 errors, 2 bad input)",
    ),
    "cli.check.description": (
        "Vérifier des documents JSON d'entités : un document, une liste ou du JSON Lines "
        "(lu ligne à ligne). Code de sortie : 0 aucune erreur, 1 erreurs trouvées, "
        "2 entrée invalide.",
        "Check JSON documents of entities: one document, a list, or JSON Lines (read line "
        "by line). Exit status: 0 no error, 1 errors found, 2 bad input.",
    ),
    "cli.plan": (
        "les échéances de documents JSON d'entités (sortie 0 : bon, 2 : entrée invalide)",
        "the deadlines of JSON documents of entities (exit 0 ok, 2 bad input)",
    ),
    "cli.plan.description": (
        "Lister les échéances (fin de PASS, fenêtres de demande…) de documents JSON "
        "d'entités, dans une période.",
        "List the deadlines (PASS ends, request windows…) of JSON documents of entities "
        "within a period.",
    ),
    "cli.plan.type": ("type d'entité de chaque document", "entity type of every document"),
    "cli.plan.on": (
        "premier jour examiné (par défaut : aujourd'hui à Paris)",
        "first day looked at (default: today in Europe/Paris)",
    ),
    "cli.plan.within": (
        "jours examinés après --on (par défaut {n})",
        "days looked at after --on (default {n})",
    ),
    "cli.plan.max_record_size": (
        "plus grand enregistrement lu (par défaut : {size})",
        "largest record read (default: {size})",
    ),
    "cli.plan.ical": (
        "écrire aussi les échéances en iCalendar",
        "also write the deadlines as iCalendar",
    ),
    "cli.plan.within_negative": (
        "--within doit valoir 0 ou plus",
        "--within must be 0 or more",
    ),
    "cli.plan.none": ("aucune échéance pour {name}", "no deadline for {name}"),
    "cli.plan.summary.one": (
        "{documents} document planifié : {deadlines} échéance(s) du {first} au {last}",
        "{documents} document planned: {deadlines} deadline(s) from {first} to {last}",
    ),
    "cli.plan.summary.many": (
        "{documents} documents planifiés : {deadlines} échéance(s) du {first} au {last}",
        "{documents} documents planned: {deadlines} deadline(s) from {first} to {last}",
    ),
    # the command line: check's output
    "cli.bad_input": ("entrée invalide : {message}", "bad input: {message}"),
    "cli.at": ("{where} : {message}", "{where}: {message}"),
    "cli.line": ("ligne {n}", "line {n}"),
    "cli.item": ("élément [{n}]", "item [{n}]"),
    "cli.the_document": ("le document", "the document"),
    "cli.documents": ("{n} documents", "{n} documents"),
    "cli.no_rule": ("aucune règle ne s'applique à {name}", "no rule applies to {name}"),
    "cli.summary.one": (
        "{documents} document vérifié : {errors} erreur(s), {warnings} "
        "avertissement(s), {infos} information(s)",
        "{documents} document checked: {errors} error(s), {warnings} warning(s), {infos} info(s)",
    ),
    "cli.summary.many": (
        "{documents} documents vérifiés : {errors} erreur(s), {warnings} "
        "avertissement(s), {infos} information(s)",
        "{documents} documents checked: {errors} error(s), {warnings} warning(s), {infos} info(s)",
    ),
    "cli.summary.invalid": ("{n} entrée(s) invalide(s)", "{n} bad input"),
    "cli.invalid_entity": ("{name} invalide", "invalid {name}"),
    "cli.not_an_entity": (
        "un objet JSON (une entité) est attendu, reçu : {got}",
        "expected a JSON object (an entity), got {got}",
    ),
    "cli.internal_error": (
        "erreur interne pendant la vérification ({name}) ; merci de la signaler",
        "internal error while checking ({name}); please report it",
    ),
    "cli.empty_input": (
        "entrée vide : un document JSON ou du JSON Lines est attendu",
        "empty input: expected a JSON document or JSON Lines",
    ),
    "cli.malformed_at": (
        "JSON mal formé ligne {line}, colonne {column} : {reason}",
        "malformed JSON at line {line}, column {column}: {reason}",
    ),
    "cli.malformed_column": (
        "JSON mal formé colonne {column} : {reason}",
        "malformed JSON at column {column}: {reason}",
    ),
    "cli.malformed": ("JSON mal formé : {reason}", "malformed JSON: {reason}"),
    "cli.needs_context.or_key": (
        "(ou une clé « {key} » dans l'enregistrement)",
        '(or a "{key}" key in the record)',
    ),
    "cli.document": ("(document)", "(document)"),
    "cli.too_deep": (
        "JSON mal formé : imbrication trop profonde",
        "malformed JSON: nested too deeply",
    ),
    "cli.not_utf8": ("texte qui n'est pas en UTF-8", "not UTF-8 text"),
    "cli.line_too_long": (
        "la ligne {n} dépasse {size}, la limite d'un enregistrement (à relever avec "
        "--max-record-size)",
        "line {n} is longer than {size}, the limit on one record (raise it with --max-record-size)",
    ),
    "cli.record_too_large": (
        "{what} ligne {line} dépasse {size}, la limite d'un enregistrement (à relever avec "
        "--max-record-size, ou écrire du JSON Lines)",
        "{what} at line {line} is larger than {size}, the limit on one record (raise it "
        "with --max-record-size, or write JSON Lines)",
    ),
    "cli.cannot_read": ("impossible de lire {name} : {reason}", "cannot read {name}: {reason}"),
    "cli.unknown_type": (
        "type inconnu {name} ; types connus : {known}",
        "unknown type {name}; known types: {known}",
    ),
    "cli.untold_type": (
        "impossible de déduire le type d'entité des clés ({keys}) ; utiliser --type, "
        "parmi : {known}",
        "cannot tell the entity type from the keys ({keys}); use --type, one of: {known}",
    ),
    "cli.ambiguous_type": (
        "type d'entité ambigu, candidats : {names} ; utiliser --type",
        "ambiguous entity type, candidates: {names}; use --type",
    ),
    "cli.needs_context": (
        "vérifier un document de type {name} demande {options}",
        "checking a document of type {name} needs {options}",
    ),
    "cli.size.mib": ("{n} Mio", "{n} MiB"),
    "cli.size.bytes": ("{n} octets", "{n} bytes"),
    "cli.progress.checking": ("Vérification", "Checking"),
    "cli.progress.planning": ("Planification", "Planning"),
    # the HTTP service
    "api.invalid_value": ("valeur non valide", "invalid value"),
    # the demo
    "demo.progress.building": ("Génération du territoire", "Building the territory"),
    "demo.progress.matching": ("Mise en relation", "Matching"),
    "demo.progress.checking": ("Contrôle des parcours", "Checking the parcours"),
    "demo.header": (
        "Territoire synthétique (graine {seed}), au {day}",
        "Synthetic territory (seed {seed}), on {day}",
    ),
    "demo.population": (
        "  {n} structures ({kinds}), {people} personnes en parcours, {exits} sorties",
        "  {n} structures ({kinds}), {people} people in parcours, {exits} exits",
    ),
    "demo.findings": (
        "Constats : {errors} erreurs, {warnings} avertissements ({with_errors} parcours "
        "sur {checked} en erreur)",
        "Findings: {errors} errors, {warnings} warnings ({with_errors} parcours of "
        "{checked} in error)",
    ),
    "demo.deadlines": (
        "Échéances des {days} prochains jours : {n}",
        "Deadlines of the next {days} days: {n}",
    ),
    "demo.deadlines.more": ("  … et {n} autres", "  … and {n} more"),
    "demo.exits": ("Sorties par type de structure :", "Exits by structure kind:"),
    "demo.exits.kind": ("type", "kind"),
    "demo.exits.exits": ("sorties", "exits"),
    "demo.exits.counted": ("retenues", "counted"),
    "demo.exits.dynamic": ("dynamiques", "dynamic"),
    "demo.exits.sustainable": ("durables", "lasting"),
    "demo.matching": (
        "Mise en relation (affectation stable) : {matched} personnes placées sur "
        "{candidates} en recherche ; {open} places encore ouvertes sur {seats} "
        "({positions} postes)",
        "Matching (stable assignment): {matched} people placed of {candidates} looking; "
        "{open} seats still open of {seats} ({positions} positions)",
    ),
    "demo.pair": (
        "  {candidate} → {position} (score {score})",
        "  {candidate} → {position} (score {score})",
    ),
    "demo.component.distance": ("distance", "distance"),
    "demo.component.rome": ("métier", "occupation"),
    "demo.component.hours": ("horaires", "hours"),
    "demo.component.availability": ("disponibilité", "availability"),
    "demo.component.requires": ("prérequis", "requirements"),
    "demo.economy": (
        "Économie des ACI ({year}) : {n} ateliers et chantiers, {breaches} au-delà du "
        "plafond de recettes, {close} proches du plafond",
        "ACI economy ({year}): {n} workshops and sites, {breaches} beyond the sales "
        "ceiling, {close} close to it",
    ),
    "demo.economy.share.compliant": (
        "{share} (plafond {ceiling}), conforme, encore {room} de recettes possibles",
        "{share} (ceiling {ceiling}), compliant, {room} more sales possible",
    ),
    "demo.economy.share.breach": (
        "{share} (plafond {ceiling}), la part doit rester strictement sous le plafond : "
        "{excess} de recettes en trop",
        "{share} (ceiling {ceiling}), the share must stay strictly under the ceiling: "
        "{excess} of sales too many",
    ),
    "demo.economy.departement": (
        "Participation du département ({rate} du RSA, D5132-41) : {fte} ETP d'anciens "
        "bénéficiaires du RSA, {amount}",
        "Département's share ({rate} of the RSA, D5132-41): {fte} FTE of former RSA "
        "recipients, {amount}",
    ),
    "demo.economy.orientation": (
        "Orientations RSA → embauche en SIAE : {oriented} orientées, {hired} embauchées",
        "RSA orientations → hired in an SIAE: {oriented} oriented, {hired} hired",
    ),
    "plots.no_column": ("la table n'a pas de colonne {column}", "the table has no column {column}"),
    "plots.no_horizon": (
        "aucune ligne de la table à {horizon} mois",
        "no row of the table at {horizon} months",
    ),
    "cli.serve.log_urls": (
        "écrire le chemin et la chaîne de requête de chaque requête dans le journal d'accès "
        "(sinon : la route seulement) ; une requête peut contenir des données personnelles "
        "(un NIR, la RQTH) : voir docs/backend.md",
        "write each request's path and query string in the access log (off: the route "
        "only); a query may hold personal data (a NIR, the RQTH flag): see docs/backend.md",
    ),
    "cli.plan.ical_refused": (
        "entrée invalide : impossible d'écrire {name}",
        "bad input: cannot write {name}",
    ),
    # the figures of iae_core.plots (`plots._w`)
    "plots.dynamic_rate": (
        "taux de sorties dynamiques",
        "dynamic exit rate",
    ),
    "plots.sustainable_rate": (
        "taux de sorties durables",
        "sustainable exit rate",
    ),
    "plots.dynamic_target": (
        "objectif dynamique",
        "dynamic target",
    ),
    "plots.sustainable_target": (
        "objectif durable",
        "sustainable target",
    ),
    "plots.rates_y": (
        "% des sorties comptabilisées",
        "% of counted exits",
    ),
    "plots.rates_title": (
        "Taux de sortie par type de structure\n{n} sorties comptabilisées (IC de Wilson à 95 %)",
        "Exit rates by structure kind\n{n} counted exits (95 % Wilson intervals)",
    ),
    "plots.n": (
        "n = {n}",
        "n = {n}",
    ),
    "plots.length_y": (
        "jours du premier contrat à la sortie",
        "days from the first contract to the exit",
    ),
    "plots.length_title": (
        "Durée des parcours par type de structure\nparcours sortis uniquement (n = {n} ; "
        "les parcours en cours ne sont pas comptés)",
        "Parcours length by structure kind\nexited parcours only (n = {n}; running "
        "parcours are not counted)",
    ),
    "plots.months_x": (
        "mois depuis l'entrée",
        "months since the entry",
    ),
    "plots.days_x": (
        "jours depuis l'entrée",
        "days since the entry",
    ),
    "plots.survival_y": (
        "part sans l'événement",
        "share without the event",
    ),
    "plots.exited": (
        "la sortie",
        "exit",
    ),
    "plots.counted_exit": (
        "une sortie comptabilisée",
        "a counted exit",
    ),
    "plots.survival_title": (
        "Temps jusqu'à {event} (Kaplan–Meier)\n{n} parcours commencés, les parcours en "
        "cours censurés (+)",
        "Time to {event} (Kaplan–Meier)\n{n} parcours started, running parcours censored (+)",
    ),
    "plots.at_risk": (
        "à risque",
        "at risk",
    ),
    "plots.incidence_y": (
        "part des parcours sortis, par catégorie",
        "share of parcours ended, by category",
    ),
    "plots.running": (
        "en cours",
        "running",
    ),
    "plots.incidence_title": (
        "Comment les parcours se terminent (Aalen–Johansen, sorties "
        "concurrentes)\n{group}{n} parcours commencés",
        "How parcours end (Aalen–Johansen, competing exits)\n{group}{n} parcours started",
    ),
    "plots.cohort_y": (
        "% sortis au terme",
        "% exited by the horizon",
    ),
    "plots.cohort_x": (
        "département",
        "département",
    ),
    "plots.cohort_title": (
        "Sorties dans les {h} mois suivant l'entrée, par département\n{n} parcours entrés "
        "depuis au moins {h} mois (IC de Wilson à 95 %)",
        "Exits within {h} months of the entry, by département\n{n} parcours entered at "
        "least {h} months ago (95 % Wilson intervals)",
    ),
    "plots.longitude": (
        "longitude",
        "longitude",
    ),
    "plots.latitude": (
        "latitude",
        "latitude",
    ),
    "plots.placed": (
        "placées ({n})",
        "placed ({n})",
    ),
    "plots.not_placed": (
        "non placées ({n})",
        "not placed ({n})",
    ),
    "plots.positions": (
        "postes ({n})",
        "positions ({n})",
    ),
    "plots.map_title": (
        "Affectation : {n} personnes placées sur {total} candidates",
        "Assignment: {n} people placed of {total} candidates",
    ),
    "plots.category.SUSTAINABLE": (
        "Emploi durable",
        "sustainable employment",
    ),
    "plots.category.TRANSITION": (
        "Emploi de transition",
        "transition employment",
    ),
    "plots.category.POSITIVE": (
        "Sortie positive",
        "positive exit",
    ),
    "plots.category.OTHER": (
        "Autre sortie",
        "other exit",
    ),
    "plots.category.WITHDRAWN": (
        "Retrait des sorties constatées",
        "withdrawn",
    ),
    # the plots
    "plots.all": ("tous", "all"),
    "plots.rate": ("taux {name}", "{name} rate"),
    "plots.target": ("objectif {name}", "{name} target"),
    "plots.exit.dynamic": ("dynamique", "dynamic"),
    "plots.exit.sustainable": ("durable", "lasting"),
    "plots.exit.ylabel": ("part des sorties retenues", "share of counted exits"),
    "plots.exit.title": (
        "Taux de sortie par type de structure (intervalles de Wilson à 95 %)",
        "Exit rates by structure kind (95% Wilson intervals)",
    ),
    "plots.length.ylabel": (
        "jours du premier contrat à la sortie",
        "days from the first contract to the exit",
    ),
    "plots.length.title": (
        "Durée des parcours par type de structure",
        "Parcours length by structure kind",
    ),
    "plots.survival.xlabel": ("jours depuis le premier contrat", "days since the first contract"),
    "plots.survival.ylabel": ("part sans l'événement", "share without the event"),
    "plots.survival.title": (
        "Délai avant {event} (Kaplan–Meier)",
        "Time to {event} (Kaplan–Meier)",
    ),
    "plots.survival.exit": ("la sortie", "exit"),
    "plots.map.placed": ("placées ({n})", "placed ({n})"),
    "plots.map.not_placed": ("non placées ({n})", "not placed ({n})"),
    "plots.map.positions": ("postes ({n})", "positions ({n})"),
    "plots.map.xlabel": ("longitude", "longitude"),
    "plots.map.ylabel": ("latitude", "latitude"),
    "plots.map.title": ("Affectation : {n} personnes placées", "Assignment: {n} people placed"),
}
"""The catalogue: `key -> (French, English)` templates (see `say`).

French templates are written with plain spaces; a no-break space is put before `:` and `;`
here, once, as French typography wants (`entrée invalide : …`)."""

WORDS.update(
    {
        key: (fr.replace(" :", f"{NBSP}:").replace(" ;", f"{NBSP};"), en)
        for key, (fr, en) in WORDS.items()
    }
)


def say(key: str, lang: Lang | None = None, /, **values: Any) -> str:
    """The catalogue's text `key` in `lang` (default: the language in force), filled.

    ```python
    from iae_core._kernel.text import say

    print(say("cli.rules.count", "en", n=12))
    # 12 rules
    ```
    """
    fr, en = WORDS[key]
    lang = current_language() if lang is None else lang
    template = en if lang == "en" else fr
    return render(template, values, lang) if values else template


_JSON_REASONS: tuple[tuple[str, str], ...] = (
    ("Expecting value", "reason.expecting_value"),
    ("Expecting property name", "reason.expecting_name"),
    ("Expecting ',' delimiter", "reason.expecting_comma"),
    ("Expecting ':' delimiter", "reason.expecting_colon"),
    ("Extra data", "reason.extra_data"),
    ("trailing characters", "reason.extra_data"),
    ("Unterminated string", "reason.unterminated_string"),
    ("Invalid control character", "reason.control_character"),
    ("Invalid \\escape", "reason.bad_escape"),
    ("Invalid \\uXXXX escape", "reason.bad_escape"),
    ("truncated", "reason.truncated"),
    ("NaN", "reason.not_a_number"),
    ("Infinity", "reason.not_a_number"),
    ("invalid character", "reason.expecting_value"),
    ("Input data was", "reason.truncated"),
)


def reason_key(raw: str) -> str:
    """The catalogue key of a foreign reason (Python's json, msgspec…); `reason.other` else.

    The raw reason is never shown to a person: callers keep it in `params` for debugging.
    """
    for needle, key in _JSON_REASONS:
        if needle in raw:
            return key
    return "reason.other"


def reason_words(raw: str) -> tuple[str, str]:
    """A foreign reason as `(French, English)` words of the catalogue (see `reason_key`)."""
    return WORDS[reason_key(raw)]

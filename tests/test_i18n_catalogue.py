# ruff: noqa: SIM905, PT018 - stop-lists read best as prose; paired asserts on one text
"""One catalogue of words, two languages, one at a time (issue 25).

* every entry of the catalogue (`iae_core._kernel.text.WORDS`) has both languages, with the
  same fields;
* no literal meant for people escapes it in the modules that print or build text for people
  (an AST scan of the command line, the demo, the plots, the HTTP service);
* what a person reads in one language holds no common word of the other (a stop-list of each
  language's common words): the catalogue, every rule's and error type's templates, every
  command's help and summary, the demo and every plot.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import string
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core as I
from iae_core._kernel.text import (
    WORDS,
    fmt_currency,
    fmt_date,
    fmt_number,
    fmt_percent,
    reason_key,
    say,
)
from iae_core.checks import rules
from iae_core.cli import main
from iae_core.errors import ERROR_TYPES

SRC = Path(I.__file__).resolve().parent

# Common words of each language that the other never uses (a word that both share, like
# "options", "distance" or "document", is left out on purpose).
FRENCH = frozenset(
    "le la les des du une est pas sur dans avec pour aucun aucune jours doit être entre "
    "sont ou et au aux ne qui que par sans cette ce ces son sa ses leur plus moins".split()
)
ENGLISH = frozenset(
    "the of and is not with for days must be between are or to no which that by without "
    "this these its their more less from has have".split()
)
OTHER = {"fr": ENGLISH, "en": FRENCH}
# French domain terms the English text keeps (see docs/glossary.md).
DOMAIN = re.compile(r"aide? au poste|CDD d'usage|sortie dynamique|mise en situation", re.IGNORECASE)


def _words(text: str) -> set[str]:
    text = re.sub(r"\{[^{}]*\}|%\([a-z_]+\)[sr]|%[sr]", " ", text)  # fields are not words
    text = DOMAIN.sub(" ", text)
    text = re.sub(r"[\w-]*[._][\w.-]*", " ", text)  # nor codes (exit.not_counted, IAE_CORE_LANG)
    return {w.lower() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)}


def _foreign(text: str, lang: str) -> set[str]:
    return _words(text) & OTHER[lang]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# --- the catalogue -----------------------------------------------------------------------------


def test_every_entry_has_both_languages_with_the_same_fields() -> None:
    offenders = []
    for key, pair in WORDS.items():
        if len(pair) != 2 or not all(isinstance(t, str) and t.strip() for t in pair):
            offenders.append(f"{key}: not two texts")
            continue
        fr, en = pair
        if _fields(fr) != _fields(en):
            offenders.append(f"{key}: fields {_fields(fr)} != {_fields(en)}")
        if re.findall(r"%\(\w+\)\w|%\w", fr) != re.findall(r"%\(\w+\)\w|%\w", en):
            offenders.append(f"{key}: argparse fields differ")
    assert not offenders, "\n".join(offenders)


def test_no_entry_holds_a_word_of_the_other_language() -> None:
    offenders = [
        f"{key}[{lang}]: {sorted(_foreign(text, lang))}"
        for key, (fr, en) in WORDS.items()
        for lang, text in (("fr", fr), ("en", en))
        if _foreign(text, lang)
    ]
    assert not offenders, "\n".join(offenders)


def test_the_stop_lists_find_the_other_language() -> None:
    assert _foreign("1 document(s) checked: 2 error(s)", "fr") == set()  # no stop word…
    assert _foreign("must be more than 0 (leave the day out)", "fr") == {
        "must",
        "be",
        "more",
        "the",
    }
    assert _foreign("JSON mal formé : pas une date", "en") == {"pas", "une"}
    assert _foreign("{the} %(prog)s", "fr") == set()  # fields are not words
    assert _foreign("exit.not_counted IAE_CORE_LANG", "fr") == set()  # nor codes


def test_every_rule_and_error_type_speaks_one_language_at_a_time() -> None:
    offenders = []
    for r in rules():
        for variant, m in r.messages.items():
            for lang, text in (("fr", m.fr), ("en", m.en)):
                if _foreign(text, lang):
                    offenders.append(f"{r.code}[{variant}][{lang}]: {sorted(_foreign(text, lang))}")
    for t in ERROR_TYPES.values():
        for variant, (fr, en) in t.messages.items():
            for lang, text in (("fr", fr), ("en", en)):
                if _foreign(text, lang):
                    offenders.append(f"{t.type}[{variant}][{lang}]: {sorted(_foreign(text, lang))}")
    assert not offenders, "\n".join(offenders)


# --- no literal escapes the catalogue ---------------------------------------------------------

# The modules that print or build text for people (their docstrings are not scanned).
SCANNED = ("cli/__init__.py", "cli/_check.py", "cli/_plan.py", "demo.py", "plots.py", "api/_app.py")
# Calls and keywords whose text a person reads.
SHOWN_CALLS = {
    "print",
    "write",
    "set_title",
    "set_xlabel",
    "set_ylabel",
    "ArgumentTypeError",
    "track",
    "step",
    "task",
}
SHOWN_KEYWORDS = {"help", "description", "label", "detail"}
SHOWN_NAMES = {"msg", "message", "text", "head"}
# Machine words that are the same in both languages (codes, formats, units of the trade).
# The OpenAPI description is for developers (the API's docs, in English like the site).
EXEMPT = {
    ("api/_app.py", "Rules data model and matching for French over HTTP"),
    ("cli/_check.py", "records"),  # a key of the JSON output, not a word
}
MACHINE = re.compile(r"^(json|iae|core|api|pip|fr|en|siae|rsa|aci|cddi|yyyy|mm|dd|ical)$")


def _literal_words(node: ast.AST) -> list[str]:
    parts: list[str] = []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts.append(node.value)
    elif isinstance(node, ast.JoinedStr):
        parts += [v.value for v in node.values if isinstance(v, ast.Constant)]
    elif isinstance(node, ast.BinOp):
        return _literal_words(node.left) + _literal_words(node.right)
    words = [w for p in parts for w in re.findall(r"[^\W\d_]{3,}", p)]
    return [w for w in words if not MACHINE.match(w.lower())]


def _escapes(source: str) -> list[tuple[int, list[str]]]:
    out = []
    for node in ast.walk(ast.parse(source)):
        shown: list[ast.AST] = []
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in SHOWN_CALLS:
                shown += node.args
            shown += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                name = getattr(target, "id", getattr(target, "attr", ""))
                if name in SHOWN_NAMES:
                    shown.append(node.value)
        for value in shown:
            words = _literal_words(value)
            if words:
                out.append((getattr(value, "lineno", 0), words))
    return out


def test_no_literal_for_people_escapes_the_catalogue() -> None:
    offenders = [
        f"{name}:{line}: {words}"
        for name in SCANNED
        for line, words in _escapes((SRC / name).read_text(encoding="utf-8"))
        if (name, " ".join(words)) not in EXEMPT
    ]
    assert not offenders, f"{len(offenders)} literals outside the catalogue:\n" + "\n".join(
        offenders
    )


def test_the_scan_finds_a_literal() -> None:
    assert _escapes('print(f"bad input: {x}")') == [(1, ["bad", "input"])]
    assert _escapes('p.add_argument("--x", help="a help text")') == [(1, ["help", "text"])]
    assert _escapes('msg = "pas une date"') == [(1, ["pas", "une", "date"])]
    assert _escapes('print(say("cli.json"))') == []


# --- formatting (Babel) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "fr", "en"),
    [
        (dt.date(2026, 1, 5), "05/01/2026", "5 January 2026"),
        (dt.date(2024, 2, 28), "28/02/2024", "28 February 2024"),
        (dt.date(2024, 2, 29), "29/02/2024", "29 February 2024"),
        (dt.date(2024, 3, 1), "01/03/2024", "1 March 2024"),
        (dt.date(2026, 12, 31), "31/12/2026", "31 December 2026"),
    ],
)
def test_one_date_format_per_language(day: dt.date, fr: str, en: str) -> None:
    assert fmt_date(day, "fr") == fr
    assert fmt_date(day, "en") == en
    assert fmt_date(pendulum.Date(day.year, day.month, day.day), "en") == en


def test_numbers_percentages_and_euros() -> None:
    assert fmt_number(20.5, "fr") == "20,5"
    assert fmt_number(20.5, "en") == "20.5"
    assert fmt_number(13304, "fr", group=True) == "13\u202f304"
    assert fmt_number(13304, "en", group=True) == "13,304"
    assert fmt_number(-0.001, "fr") == "0"
    assert fmt_percent(0.636, "fr") == "63,6\u00a0%"
    assert fmt_percent(0.636, "en") == "63.6%"
    assert fmt_currency(1234.5, "fr") == "1\u202f234,50\u00a0€"
    assert fmt_currency(1234.5, "en") == "€1,234.50"
    assert fmt_currency(12000, "fr") == "12\u202f000\u00a0€"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
@example(0.0)
@example(-0.004)
@example(0.005)
@example(1234567.891)
def test_a_number_reads_back_in_both_languages(value: float) -> None:
    fr = fmt_number(value, "fr", group=True).replace("\u202f", "").replace(",", ".")
    en = fmt_number(value, "en", group=True).replace(",", "")
    assert fr == en
    assert abs(float(en) - value) <= 0.005 + 1e-9 * abs(value)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Expecting value", "reason.expecting_value"),
        ("Expecting ',' delimiter", "reason.expecting_comma"),
        ("Extra data", "reason.extra_data"),
        ("Unterminated string starting at", "reason.unterminated_string"),
        ("JSON is malformed: trailing characters (byte 3)", "reason.extra_data"),
        ("something nobody wrote", "reason.other"),
    ],
)
def test_foreign_reasons_are_catalogued(raw: str, key: str) -> None:
    assert reason_key(raw) == key


def test_a_json_reason_is_never_pasted_but_kept_in_params() -> None:
    from iae_core.serialization import loads

    with pytest.raises(I.InvalidData) as caught:
        loads(I.Contract, b"")
    (d,) = caught.value.details
    assert d.params["reason"] == "Expecting value"
    assert "Expecting" not in d.message and "Expecting" not in d.message_en
    assert str(caught.value) == "JSON mal formé ligne 1, colonne 1\u00a0: une valeur est attendue"
    with I.language("en"):
        assert str(caught.value) == "malformed JSON at line 1, column 1: a value is expected"


def test_str_of_invalid_data_follows_the_language_in_force() -> None:
    with pytest.raises(I.InvalidData) as caught:
        I.load(I.Contract, {"kind": "CDDI", "start": "x"})
    fr = str(caught.value).replace("\u00a0", " ")
    with I.language("en"):
        en = str(caught.value)
    assert fr.startswith("4 champs invalides :") and "pas une date" in fr
    assert en.startswith("4 invalid fields:") and "not a date" in en
    assert not _foreign(fr, "fr") and not _foreign(en, "en")


# --- the command line ---------------------------------------------------------------------------

COMMANDS = ("demo", "check", "plan", "schema", "rules", "serve")
BAD_AND_VIOLATING = [
    {
        "kind": "NOPE",
        "structure_kind": "ACI",
        "start": "2026-01-05",
        "end": "2026-02-05",
        "weekly_hours": 20,
    },
    {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": "2026-01-05",
        "end": "2026-02-05",
        "weekly_hours": 20,
    },
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run the command line: its status and its text, no-break spaces read as spaces."""
    status = main(list(argv))
    out = capsys.readouterr()
    return status, (out.out + out.err).replace("\u00a0", " ")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_is_in_one_language(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str | None,
    lang: str,
) -> None:
    monkeypatch.delenv("IAE_CORE_LANG", raising=False)
    argv = [command] if command else []
    status, text = _run(capsys, *argv, "--help", "--lang", lang)
    assert status == 0
    assert ("utilisation :" in text) is (lang == "fr")
    assert ("usage:" in text) is (lang == "en")
    assert not _foreign(text, lang), sorted(_foreign(text, lang))


def test_the_environment_chooses_the_language_and_lang_wins(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IAE_CORE_LANG", "en")
    assert "usage:" in _run(capsys, "--help")[1]
    assert "utilisation :" in _run(capsys, "rules", "--help", "--lang", "fr")[1]
    monkeypatch.delenv("IAE_CORE_LANG")
    assert "utilisation :" in _run(capsys, "--help")[1]


def test_an_unknown_language_is_refused_in_the_language_in_force(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IAE_CORE_LANG", raising=False)
    status, text = _run(capsys, "rules", "--lang", "de")
    assert status == 2
    assert "choix invalide : 'de' (au choix : 'fr', 'en')" in text
    monkeypatch.setenv("IAE_CORE_LANG", "en")
    status, text = _run(capsys, "rules", "--lang", "de")
    assert "invalid choice: 'de' (choose from 'fr', 'en')" in text
    monkeypatch.setenv("IAE_CORE_LANG", "de")
    status, text = _run(capsys, "rules")
    assert status == 2
    assert text.strip() == "langue inconnue : de ; langues prises en charge : fr, en"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_speaks_one_language(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    lang: str,
) -> None:
    monkeypatch.delenv("IAE_CORE_LANG", raising=False)
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in BAD_AND_VIOLATING) + "\n")
    status, text = _run(capsys, "check", str(path), "--on", "2026-01-05", "--lang", lang)
    assert status == 2
    if lang == "fr":
        assert "entrée invalide : ligne 1 : Contract invalide" in text
        assert "2 documents vérifiés : 1 erreur(s)" in text
    else:
        assert "bad input: line 1: invalid Contract" in text
        assert "2 documents checked: 1 error(s)" in text
    assert "contract.min_duration" in text
    assert not _foreign(text, lang), sorted(_foreign(text, lang))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_malformed_json_speaks_one_language(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    lang: str,
) -> None:
    monkeypatch.delenv("IAE_CORE_LANG", raising=False)
    path = tmp_path / "in.json"
    path.write_text("[1 2]")
    status, text = _run(capsys, "check", str(path), "--lang", lang)
    assert status == 2
    assert "Expecting" not in text and "delimiter" not in text
    expected = "une virgule est attendue" if lang == "fr" else "a comma is expected"
    assert expected in text
    assert not _foreign(text, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rules_and_plan_speak_one_language(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    lang: str,
) -> None:
    monkeypatch.delenv("IAE_CORE_LANG", raising=False)
    status, text = _run(capsys, "rules", "--lang", lang)
    assert status == 0
    assert text.rstrip().endswith(say("cli.rules.count", lang, n=len(rules())))
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"number": "999991234567", "start": "2024-01-01"}))
    status, text = _run(
        capsys, "plan", str(path), "--on", "2025-12-01", "--within", "60", "--lang", lang
    )
    assert status == 0
    assert ("31/12/2025" in text) is (lang == "fr")
    assert ("31 December 2025" in text) is (lang == "en")
    assert not _foreign(text, lang), sorted(_foreign(text, lang))


# --- the demo and the plots ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_demo_reads_as_one_text(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    status, text = _run(capsys, "demo", "--size", "60", "--lang", lang)
    assert status == 0
    head = text.splitlines()[0]
    assert head.endswith("23/11/2026" if lang == "fr" else "23 November 2026")
    assert "2026-11-23" not in text
    assert not _foreign(text, lang), sorted(_foreign(text, lang))
    if lang == "fr":
        assert re.search(r"\d,\d %", text) and "0." not in text.replace("n°", "")
    else:
        assert re.search(r"\d\.\d%", text)


def _figure_texts(fig: Any) -> list[str]:
    out = []
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            out += [t.get_text() for t in legend.get_texts()]
    return [t for t in out if t]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_plot_speaks_one_language(lang: str) -> None:
    pytest.importorskip("matplotlib")
    from iae_core import plots
    from iae_core.demo import build_territory
    from iae_core.matching import assign
    from iae_core.survival import durations_table, kaplan_meier

    territory = build_territory(seed=1, people=60)
    parcours = territory.parcours
    durations = durations_table(parcours, on=territory.on, key=b"i18n-test-key-32-bytes-long-ok!!")
    assignment = assign(territory.candidates, territory.positions, method="stable")
    figures = [
        plots.exit_rates_by_kind(parcours, lang=lang),  # type: ignore[arg-type]
        plots.length_by_kind(parcours, lang=lang),  # type: ignore[arg-type]
        plots.survival_curves(kaplan_meier(durations, engine="python"), lang=lang),  # type: ignore[arg-type]
        plots.assignment_map(
            territory.candidates,
            territory.positions,
            assignment,
            lang=lang,  # type: ignore[arg-type]
        ),
    ]
    texts = [t for fig in figures for t in _figure_texts(fig)]
    assert texts
    bad = [t for t in texts if _foreign(t, lang)]
    assert not bad, bad
    with I.language(lang):  # type: ignore[arg-type]
        default = _figure_texts(plots.length_by_kind(parcours))
    assert default == _figure_texts(figures[1])

"""Two languages: every rule, data error and identifier error speaks French and English.

The tests list every offender at once (rather than stopping at the first), so that whoever
converts an area sees what is left.
"""

from __future__ import annotations

import ast
import re
import string
import threading
from pathlib import Path

import pendulum
import pytest

import iae_core as I
from iae_core import errors
from iae_core.checks import rules
from iae_core.errors import ERROR_TYPES, InvalidData, detail
from iae_core.identifiers import nir, pass_iae, rome, siren, siret

SRC = Path(I.__file__).resolve().parent
FORBIDDEN = re.compile(r"lecture à vérifier|à vérifier|unverified", re.IGNORECASE)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# --- rules ---------------------------------------------------------------------------------


def test_every_rule_has_both_languages() -> None:
    offenders = []
    for r in rules():
        missing = [
            what
            for what, ok in (
                ("title_en", r.title_en),
                ("description (en)", r.description),
                ("description_fr", r.description_fr),
                ("messages", r.messages),
            )
            if not ok
        ]
        for variant, m in r.messages.items():
            if not m.fr.strip():
                missing.append(f"messages[{variant!r}].fr")
            if not m.en.strip():
                missing.append(f"messages[{variant!r}].en")
        if missing:
            offenders.append(f"{r.code}: no {', '.join(missing)}")
    assert not offenders, f"{len(offenders)} rules lack a language:\n" + "\n".join(offenders)


def _emitted_variants() -> dict[str, set[str]]:
    """`NAME.emit("variant", ...)` calls in the sources, by the rule variable's name."""
    out: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "emit"
                and isinstance(node.func.value, ast.Name)
            ):
                continue
            first = node.args[0] if node.args else None
            variant = "default"
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                variant = first.value
            elif first is not None:
                continue  # a variant chosen at run time: the area's own tests cover it
            out.setdefault(f"{path.relative_to(SRC)}:{node.func.value.id}", set()).add(variant)
    return out


def _rule_variables() -> dict[str, str]:
    """`NAME = register_rule("code", ...)` in the sources: `file:NAME` -> code."""
    out: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", getattr(node.value.func, "attr", ""))
                in ("register_rule", "_rule", "rule_")
                and node.value.args
                and isinstance(node.value.args[0], ast.Constant)
            ):
                out[f"{path.relative_to(SRC)}:{node.targets[0].id}"] = node.value.args[0].value
    return out


def test_every_emitted_variant_has_its_templates() -> None:
    codes = _rule_variables()
    known = {r.code: r for r in rules()}
    offenders = []
    for where, variants in sorted(_emitted_variants().items()):
        code = codes.get(where)
        if code is None or code not in known:
            continue  # not a module-level rule (a helper's parameter): checked at run time
        missing = sorted(v for v in variants if v not in known[code].messages)
        if missing:
            offenders.append(f"{code} ({where}): no template for {', '.join(missing)}")
    assert not offenders, "\n".join(offenders)


def test_findings_are_built_from_templates() -> None:
    """No finding is built from a message given as text (`Rule.finding`) in the areas."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "_findings.py":
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.finding\(", line):
                offenders.append(f"{path.relative_to(SRC)}:{i}: {line.strip()}")
    assert not offenders, f"{len(offenders)} findings without a template:\n" + "\n".join(offenders)


def test_no_message_says_the_reading_is_unverified() -> None:
    offenders = [
        f"{r.code}[{variant}]"
        for r in rules()
        for variant, m in r.messages.items()
        if FORBIDDEN.search(m.fr) or FORBIDDEN.search(m.en)
    ]
    offenders += [
        f"error type {t.type}[{variant}]"
        for t in ERROR_TYPES.values()
        for variant, (fr, en) in t.messages.items()
        if FORBIDDEN.search(fr) or FORBIDDEN.search(en)
    ]
    assert not offenders, offenders


def test_the_check_finds_the_phrase() -> None:
    assert FORBIDDEN.search("Durée (lecture à vérifier).")
    assert FORBIDDEN.search("reading UNVERIFIED")
    assert not FORBIDDEN.search("Le contrat doit durer 4 mois.")


# --- data errors -----------------------------------------------------------------------------


def test_every_error_type_has_both_languages() -> None:
    offenders = []
    for t in ERROR_TYPES.values():
        if not t.description or ("default" not in t.messages and len(t.messages) == 0):
            offenders.append(f"{t.type}: no description or template")
        for variant, (fr, en) in t.messages.items():
            if not fr.strip() or not en.strip():
                offenders.append(f"{t.type}[{variant}]: a template is empty")
            elif _fields(fr) != _fields(en):
                offenders.append(f"{t.type}[{variant}]: {_fields(fr)} != {_fields(en)}")
            elif fr == en and _fields(fr) != {fr.strip("{}")}:
                offenders.append(f"{t.type}[{variant}]: the same text in both languages")
    assert not offenders, offenders


@pytest.mark.parametrize("error_type", sorted(ERROR_TYPES))
def test_each_template_renders(error_type: str) -> None:
    values = {
        "input": "x",
        "got": "a string",
        "enum": "StructureKind",
        "allowed": ("ACI", "AI"),
        "expected": "Contract",
        "minimum": 0,
        "maximum": 168,
        "day": pendulum.date(2200, 1, 1),
        "start_name": "start",
        "start": pendulum.date(2026, 1, 5),
        "end": pendulum.date(2026, 1, 4),
        "reason": "checksum",
        "line": 1,
        "column": 2,
        "digits": 4300,
        "error": "TypeError",
        "text": "boom",
        "end_name": "end",
        "what": "a department code",
        "other": "hired_on",
        "field": "rome_code",
        "when": "kind",
        "value": "CDDI",
        "count": 2,
        "names": ("distance", "rome"),
        "among": "members[].siret",
        "kinds": ("int",),
        "feature": "to_ical",
        "package": "icalendar",
        "extra": "calendar",
        "supported": "fr, en",
        "candidates": ("Contract", "Approval"),
        "n": 1048576,
        "name": "'Contrat'",
        "known": "Approval, Contract",
        "code": "U+0007",
        "kind": "Person",
    }
    for variant, (fr, en) in ERROR_TYPES[error_type].messages.items():
        params = {k: v for k, v in values.items() if k in _fields(fr) | _fields(en)}
        params.pop("input", None)
        words = {
            k: (str(params.pop(k)), str(v)) for k, v in list(params.items()) if k in ("got", "what")
        }
        d = detail(("a", 0), error_type, variant, input="x", words=words, **params)
        assert d.message, variant
        assert d.message_en, variant
        assert "{" not in d.message.replace("{}", "") or error_type == "custom"
        assert "{" not in d.message_en.replace("{}", "") or error_type == "custom"


def test_french_messages_use_french_typography() -> None:
    with pytest.raises(InvalidData) as info:
        I.load(
            I.Approval,
            {
                "number": "999990000001",
                "start": "2026-01-05",
                "suspensions": [{"start": "2026-02-05", "end": "2026-02-04", "reason": "SICKNESS"}],
            },
        )
    (d,) = info.value.details
    assert d.type == "bad_order"
    assert d.message == "doit être le 05/02/2026 ou après (start)\u00a0: 04/02/2026"
    # one date format per language, in data errors too (issue 25)
    assert d.message_en == "must be on or after start (5 February 2026): 4 February 2026"


def test_messages_follow_the_language_of_the_context() -> None:
    d = detail("start", "not_a_date", input="2024-13-01")
    assert d.to_json()["msg"] == 'pas une date\u00a0: "2024-13-01"'
    with I.language("en"):
        assert I.current_language() == "en"
        assert d.to_json()["msg"] == 'not a date: "2024-13-01"'
        assert d.to_json("fr")["msg"].startswith("pas une date")
    assert I.current_language() == "fr"


def test_the_language_is_per_thread() -> None:
    seen: list[str] = []
    with I.language("en"):
        worker = threading.Thread(target=lambda: seen.append(I.current_language()))
        worker.start()
        worker.join()
    assert seen == ["fr"]


def test_set_language_refuses_other_languages_in_the_language_in_force() -> None:
    with pytest.raises(ValueError, match="de") as caught:
        I.set_language("de")  # type: ignore[arg-type]
    assert (
        str(caught.value)
        == "langue inconnue\u00a0: de\u00a0; langues prises en charge\u00a0: fr, en"
    )
    with I.language("en"), pytest.raises(ValueError, match=r"^unknown language: de; supported"):
        I.set_language("de")  # type: ignore[arg-type]


def test_check_uses_the_language_of_the_context() -> None:
    approval = I.Approval(number="999990000001", start=pendulum.date(2020, 1, 1))
    on = pendulum.date(2026, 1, 5)
    fr = I.check(approval, on=on, structure_kind=I.StructureKind.ACI)
    with I.language("en"):
        en = I.check(approval, on=on, structure_kind=I.StructureKind.ACI)
    assert en == fr.in_language("en")
    assert I.check(approval, on=on, structure_kind=I.StructureKind.ACI, lang="en") == en


# --- identifier errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "number"),
    [
        (siret, "73282932000075"),
        (siret, "7328293200007"),
        (siret, "7328293200007A"),
        (siren, "732829321"),
        (nir, "595109912611193"),
        (nir, "295139912611193"),
        (nir, "29510991261119"),
        (pass_iae, "99999000000"),
        (pass_iae, "99999000000!"),
        (rome, "Z1234"),
        (rome, "A123"),
        (rome, 12345),
    ],
)
def test_identifier_errors_have_both_languages(module: object, number: object) -> None:
    with pytest.raises(errors.InvalidIdentifier) as info:
        module.validate(number)  # type: ignore[attr-defined]
    exc = info.value
    assert exc.message_in("en") == exc.message == str(exc)
    assert exc.message_in("fr")
    assert exc.message_in("fr") != exc.message
    with I.language("en"):
        assert exc.message_in() == exc.message
    assert exc.message_in() == exc.message_fr


def test_every_identifier_error_class_has_both_languages() -> None:
    classes = [errors.InvalidIdentifier, *_subclasses(errors.InvalidIdentifier)]
    for cls in classes:
        assert cls.message, cls
        assert cls.message_fr, cls
        assert cls.message != cls.message_fr, cls
        assert cls.reason


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out

"""``iae-core check`` and ``iae-core schema``: exit statuses, inputs, outputs, streaming."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import jsonschema
import pendulum
import pytest

import iae_core as I
from iae_core import checks
from iae_core.cli import _check as _cli_check
from iae_core.cli import main
from iae_core.enums import Severity, StructureKind
from iae_core.schema import check_output_schema

# the command line in English; the French default and `--lang`: tests/test_i18n_catalogue.py
pytestmark = pytest.mark.usefixtures("english_cli")


SIRET = "73282932000074"
PERSON = {"id": "p1", "birth_date": "1980-02-01"}
STRUCTURE = {"siret": SIRET, "kind": "ACI", "name": "Atelier", "department": "75"}
EXIT_OK = {"on": "2024-03-01", "kind": "CDI"}
EXIT_OLD = {"on": "2019-12-31", "kind": "CDI"}  # the fake rule below flags exits before 2020


def _contract(**over: Any) -> dict[str, Any]:
    base = {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": "2024-01-01",
        "end": "2024-06-30",
        "weekly_hours": 26,
    }
    return {**base, **over}


FAKE_RULE = checks.Rule(
    code="test.old_exit",
    title="Sortie ancienne",
    severity=Severity.ERROR,
    reference="Test art. 1",
)


def fake_exit_checker(exit_: I.Exit, *, on: pendulum.Date) -> I.Report:
    findings = []
    if exit_.on < pendulum.date(2020, 1, 1):
        findings.append(FAKE_RULE.finding("Sortie avant 2020", "on"))
        findings.append(FAKE_RULE.finding("Vérifier la date", "on", severity=Severity.WARNING))
    if exit_.on > on:
        findings.append(FAKE_RULE.finding("Sortie future", "", severity=Severity.WARNING))
    return I.Report(findings)


@pytest.fixture(autouse=True)
def fake_checkers(monkeypatch):
    """Deterministic checkers: Exit gets a fake rule, Person and Structure have none."""
    table = dict(_cli_check.CHECKERS)  # the same table for the CLI and for check()
    monkeypatch.setattr(_cli_check, "CHECKERS", table)
    monkeypatch.setattr(checks, "CHECKERS", table)
    monkeypatch.setitem(_cli_check.CHECKERS, I.Exit, fake_exit_checker)
    for cls in (I.Person, I.Structure):
        monkeypatch.delitem(_cli_check.CHECKERS, cls, raising=False)
    _cli_check._context_for.cache_clear()
    yield
    _cli_check._context_for.cache_clear()


def run(capsys, tmp_path, content: str | bytes, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "input.json"
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    status = main(["check", str(path), "--on", "2024-06-01", *args])
    out, err = capsys.readouterr()
    return status, out, err


def lines(*docs: Any) -> str:
    return "".join(json.dumps(d) + "\n" for d in docs)


# --- exit statuses -----------------------------------------------------------------------------


def test_exit_0_when_no_rule_applies(capsys, tmp_path):
    status, out, err = run(capsys, tmp_path, json.dumps(PERSON))
    assert status == 0, err
    assert "no rule applies to Person" in out
    assert "1 document checked: 0 error(s)" in out
    assert err == ""


def test_exit_0_with_a_clean_document(capsys, tmp_path):
    status, out, _ = run(capsys, tmp_path, json.dumps(EXIT_OK))
    assert status == 0
    assert "1 document checked: 0 error(s), 0 warning(s)" in out


def test_exit_0_with_warnings_only(capsys, tmp_path):
    status, out, _ = run(capsys, tmp_path, json.dumps({"on": "2024-07-01", "kind": "CDI"}))
    assert status == 0
    assert "warning test.old_exit: Sortie future (Test art. 1)" in out


def test_exit_1_when_errors_are_found_grouped_by_path(capsys, tmp_path):
    status, out, err = run(capsys, tmp_path, json.dumps(EXIT_OLD))
    assert status == 1, err
    assert out.splitlines()[:3] == [
        "on",
        "  error   test.old_exit: Sortie avant 2020 (Test art. 1)",
        "  warning test.old_exit: Vérifier la date (Test art. 1)",
    ]
    assert "1 document checked: 1 error(s), 1 warning(s)" in out


def test_exit_2_on_malformed_json(capsys, tmp_path):
    status, _, err = run(capsys, tmp_path, '{\n  "on": "2024-03-01",\n  "kind": CDI\n}\n')
    assert status == 2
    assert "bad input: malformed JSON at line 3, column 11" in err
    assert "Traceback" not in err


def test_exit_2_on_a_wrong_type_deep_inside(capsys, tmp_path):
    doc = {
        "person": PERSON,
        "structure": STRUCTURE,
        "contracts": [_contract(), _contract(start=20240101)],
    }
    status, _, err = run(capsys, tmp_path, json.dumps(doc, indent=2))
    assert status == 2
    assert "bad input: invalid Parcours" in err
    assert "  contracts[1].start: not a date: 20240101" in err


def test_exit_2_on_an_empty_file(capsys, tmp_path):
    for content in ("", "\n\n   \n"):
        status, _, err = run(capsys, tmp_path, content)
        assert status == 2
        assert "bad input: empty input" in err


def test_an_empty_list_is_zero_documents(capsys, tmp_path):
    status, out, _ = run(capsys, tmp_path, "[]")
    assert status == 0
    assert "0 documents checked" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("42", "expected a JSON object (an entity), got a number"),
        ('"x"', "expected a JSON object (an entity), got a string"),
        ("null", "expected a JSON object (an entity), got null"),
        ('{"on": NaN, "kind": "CDI"}', "NaN or Infinity is not strict JSON"),
        ("[" * 100_000, "malformed JSON"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        ('{"zzz": 1}', "cannot tell the entity type from the keys (zzz); use --type"),
    ],
)
def test_exit_2_on_bad_documents(capsys, tmp_path, content, message):
    status, _, err = run(capsys, tmp_path, content)
    assert status == 2
    assert message in err
    assert "Traceback" not in err


def test_no_traceback_from_the_installed_command(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(lines(EXIT_OK) + "{oops\n" + lines({"on": "2024-13-01", "kind": "CDI"}))
    done = subprocess.run(
        [sys.executable, "-m", "iae_core", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "bad input: line 2: malformed JSON" in done.stderr
    assert '  line 3: on: not a date: "2024-13-01"' in done.stderr


def test_missing_file_and_bad_options_exit_2(capsys, tmp_path):
    assert main(["check", str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    path = tmp_path / "x.json"
    path.write_text(json.dumps(EXIT_OK))
    assert main(["check", str(path), "--on", "2024-02-30"]) == 2
    assert "not a date" in capsys.readouterr().err
    assert main(["check", str(path), "--type", "Nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown type 'Nope'; known types: Action, " in err
    assert ", Approval, " in err


# --- documents, lists, JSON Lines ----------------------------------------------------------------


def test_a_list_gives_indexed_paths(capsys, tmp_path):
    status, out, _ = run(capsys, tmp_path, json.dumps([EXIT_OK, EXIT_OLD, PERSON]))
    assert status == 1
    assert "[1].on\n  error   test.old_exit" in out
    assert "3 documents checked: 1 error(s), 1 warning(s)" in out


def test_json_lines_give_line_paths_and_go_on_after_bad_lines(capsys, tmp_path):
    content = lines(EXIT_OK) + "\n" + lines(EXIT_OLD) + "not json\n" + lines(PERSON, [1, 2])
    status, out, err = run(capsys, tmp_path, content)
    assert status == 2  # bad input wins over errors
    assert "line 3: on\n  error   test.old_exit: Sortie avant 2020" in out
    assert "bad input: line 4: malformed JSON at column 1" in err
    assert "bad input: line 6: expected a JSON object (an entity), got a list" in err
    assert "5 documents checked: 1 error(s), 1 warning(s), 0 info(s), 2 bad input" in out


def test_a_one_line_document_is_not_json_lines(capsys, tmp_path):
    status, out, _ = run(capsys, tmp_path, json.dumps(EXIT_OLD) + "\n\n")
    assert status == 1
    assert out.startswith("on\n")


def test_stdin(capsys, monkeypatch):
    raw = io.BytesIO(lines(EXIT_OK, EXIT_OLD).encode())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    assert main(["check", "-", "--on", "2024-06-01"]) == 1
    assert "line 2: on" in capsys.readouterr().out


def test_json_output(capsys, tmp_path):
    content = lines(EXIT_OK, EXIT_OLD, PERSON, {"on": "2024-13-01", "kind": "CDI"})
    status, out, _ = run(capsys, tmp_path, content, "--json")
    assert status == 2
    doc = json.loads(out)
    assert doc["on"] == "2024-06-01"
    assert doc["summary"] == {
        "documents": 4,
        "errors": 1,
        "warnings": 1,
        "infos": 0,
        "invalid": 1,
        "no_rule": {"Person": 1},
        "exit_status": 2,
    }
    by_record = {r["record"]: r for r in doc["records"]}
    assert set(by_record) == {"line 2", "line 3", "line 4"}
    assert by_record["line 2"]["status"] == "errors"
    assert by_record["line 2"]["findings"][0] == {
        "path": "on",
        "code": "test.old_exit",
        "severity": "error",
        "message": "Sortie avant 2020",
        "reference": "Test art. 1",
        "params": {},
    }
    assert by_record["line 3"]["status"] == "no_rule"
    assert by_record["line 4"]["status"] == "invalid"
    assert by_record["line 4"]["invalid"] == [
        {
            "path": "on",
            "message": 'not a date: "2024-13-01"',
            "loc": ["on"],
            "type": "not_a_date",
            "msg": 'not a date: "2024-13-01"',
            "input": "2024-13-01",
        }
    ]
    jsonschema.Draft202012Validator(check_output_schema()).validate(doc)


def test_json_output_in_english(capsys, tmp_path):
    content = lines({"on": "2024-13-01", "kind": "CDI"})
    _, out, _ = run(capsys, tmp_path, content, "--json", "--lang", "en")
    doc = json.loads(out)
    (invalid,) = doc["records"][0]["invalid"]
    assert invalid["msg"] == invalid["message"] == 'not a date: "2024-13-01"'
    jsonschema.Draft202012Validator(check_output_schema()).validate(doc)


def test_json_output_on_fatal_input_is_still_a_document(capsys, tmp_path):
    status, out, err = run(capsys, tmp_path, "", "--json")
    assert status == 2
    doc = json.loads(out)
    assert doc["summary"]["exit_status"] == 2
    assert doc["error"].startswith("empty input")
    assert "bad input: empty input" in err


def test_json_output_exit_1(capsys, tmp_path):
    status, out, _ = run(capsys, tmp_path, json.dumps(EXIT_OLD), "--json")
    assert status == 1
    assert json.loads(out)["summary"]["exit_status"] == 1


# --- entity types --------------------------------------------------------------------------------


def test_type_is_told_from_keys():
    assert _cli_check.detect_type(EXIT_OK) is I.Exit
    assert _cli_check.detect_type(PERSON) is I.Person
    assert _cli_check.detect_type(_contract()) is I.Contract
    # a required field missing: still the only entity with these keys
    assert _cli_check.detect_type({"kind": "CDDI", "structure_kind": "ACI"}) is I.Contract
    # every required field and a typo: the entity is still told
    assert _cli_check.detect_type({**EXIT_OK, "knd": "x"}) is I.Exit


def test_ambiguous_keys_are_settled_by_loading():
    suspension = {"start": "2024-01-01", "end": "2024-02-01", "reason": "CONTRACT_BROKEN"}
    prolongation = {"start": "2024-01-01", "end": "2024-02-01", "reason": "RQTH"}
    assert _cli_check.detect_type(suspension) is I.Suspension
    assert _cli_check.detect_type(prolongation) is I.Prolongation
    with pytest.raises(_cli_check.BadInputError, match="ambiguous entity type, candidates: "):
        _cli_check.detect_type({**suspension, "reason": "nothing"})


def test_forced_type(capsys, tmp_path):
    status, _, err = run(capsys, tmp_path, json.dumps(EXIT_OK), "--type", "person")
    assert status == 2
    assert "bad input: invalid Person" in err
    assert "  birth_date: required field missing" in err


def test_context_is_passed_only_to_checkers_that_take_it(capsys, tmp_path, monkeypatch):
    seen: list[Any] = []

    def needs_kind(person: I.Person, *, on: pendulum.Date, structure_kind: StructureKind):
        seen.append(structure_kind)
        return I.Report()

    monkeypatch.setitem(_cli_check.CHECKERS, I.Person, needs_kind)
    status, _, err = run(capsys, tmp_path, json.dumps(PERSON))
    assert status == 2
    assert "checking a document of type Person needs --structure-kind" in err
    status, _, _ = run(capsys, tmp_path, json.dumps(PERSON), "--structure-kind", "ETTI")
    assert status == 0
    assert seen == [StructureKind.ETTI]
    # the Exit checker does not take it: not passed
    status, _, _ = run(capsys, tmp_path, json.dumps(EXIT_OK), "--structure-kind", "ETTI")
    assert status == 0


def test_default_date_is_today_in_paris(capsys, tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(EXIT_OK))
    assert main(["check", str(path), "--json"]) == 0
    today = pendulum.today("Europe/Paris").date().isoformat()
    assert json.loads(capsys.readouterr().out)["on"] == today


def test_real_checkers_run_when_registered(capsys, tmp_path):
    from iae_core._services.registry import CHECKERS

    assert CHECKERS.get(I.Contract) is not None  # registered on import of iae_core
    long_cddi = _contract(end="2031-12-31")  # seven years: far past any CDDI limit
    status, out, _ = run(capsys, tmp_path, json.dumps(long_cddi))
    assert status == 1
    assert "error" in out


# --- streaming -----------------------------------------------------------------------------------


class LazyLines:
    """A binary stream of JSON Lines that fails if read more than 2 lines ahead of checking."""

    def __init__(self, count: int, checked: list[int]) -> None:
        self.count = count
        self.checked = checked
        self.produced = 0

    def __iter__(self) -> Iterator[bytes]:
        for i in range(self.count):
            assert self.produced - len(self.checked) <= 2, "read ahead: not streamed"
            self.produced += 1
            doc = EXIT_OLD if i % 1000 == 999 else EXIT_OK
            yield (json.dumps(doc) + "\n").encode()

    def readline(self, limit: int = -1) -> bytes:
        if not hasattr(self, "_lines"):
            self._lines = iter(self)
        return next(self._lines, b"")

    def read(self, *args: Any) -> bytes:  # pragma: no cover - must not be called
        raise AssertionError("the whole input was read")

    def close(self) -> None:
        pass


def test_a_huge_file_is_streamed_line_by_line(capsys, monkeypatch):
    checked: list[int] = []
    original = _cli_check.check_record

    def counting(*args: Any, **kwargs: Any) -> Any:
        checked.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(_cli_check, "check_record", counting)
    stream = LazyLines(20_000, checked)
    monkeypatch.setattr(_cli_check, "_open", lambda name: stream)
    status = main(["check", "huge.jsonl", "--on", "2024-06-01", "--json"])
    out = capsys.readouterr().out
    assert status == 1
    doc = json.loads(out)
    assert doc["summary"]["documents"] == 20_000
    assert doc["summary"]["errors"] == 20
    assert doc["records"][0]["record"] == "line 1000"
    assert len(checked) == 20_000


def test_a_big_file_on_disk(capsys, tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w") as f:
        for i in range(30_000):
            f.write(json.dumps(EXIT_OLD if i == 29_999 else EXIT_OK) + "\n")
    assert main(["check", str(path), "--on", "2024-06-01"]) == 1
    out = capsys.readouterr().out
    assert "line 30000: on\n" in out
    assert "30000 documents checked: 1 error(s)" in out


# --- schema command ------------------------------------------------------------------------------


def test_schema_writes_one_file_per_entity(capsys, tmp_path):
    assert main(["schema", "--out", str(tmp_path / "schemas")]) == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert "Contract.schema.json" in written
    assert "Parcours.schema.json" in written
    for name in written:
        schema = json.loads((tmp_path / "schemas" / name).read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"].endswith(":" + name.removesuffix(".schema.json"))
    assert len(capsys.readouterr().out.splitlines()) == len(written)


def test_schema_prints(capsys):
    assert main(["schema", "--type", "exit"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Exit"
    assert main(["schema"]) == 0
    assert "Parcours" in json.loads(capsys.readouterr().out)
    assert main(["schema", "--type", "Nope"]) == 2
    assert "unknown type(s) nope" in capsys.readouterr().err


def test_schema_out_not_writable(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["schema", "--out", str(blocker)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_usage_error_is_exit_2(capsys):
    assert main(["check"]) == 2
    assert main(["--help"]) == 0
    capsys.readouterr()


# --- hostile input and privacy ----------------------------------------------------------------

NIR = "295109912611193"


def _parcours_doc(**person: Any) -> dict[str, Any]:
    return {
        "person": {**PERSON, "nir": NIR, "rqth": True, **person},
        "structure": STRUCTURE,
        "contracts": [_contract(end="2031-12-31")],
    }


@pytest.mark.parametrize("as_json", [False, True])
def test_a_nir_never_appears_in_any_output(capsys, tmp_path, as_json):
    docs = [
        _parcours_doc(),  # valid, with findings
        _parcours_doc(birth_date="1980-13-01"),  # a valid NIR, another bad field
        _parcours_doc(nir=NIR[:-1] + "4"),  # an invalid NIR
        _parcours_doc(nir=int(NIR)),
        _parcours_doc(rqth="SECRET-RQTH"),
        {**PERSON, "nir": NIR, "typo": 1},
    ]
    status, out, err = run(capsys, tmp_path, lines(*docs), *(["--json"] if as_json else []))
    assert status == 2
    assert "Traceback" not in err
    for nir in (NIR, NIR[:-1] + "4"):
        assert nir not in out + err
    assert "SECRET-RQTH" not in out + err
    if as_json:
        json.loads(out)


@pytest.mark.parametrize(
    "content",
    [
        '{"id": "p", "birth_date": "1990-01-01", "\\ud800x": 1}',
        '{"id": "p\\ud800", "birth_date": "1990-01-01", "x": 1}',
        '{"id": "p", "birth_date": "1990-01-01", "nir": 1e400}',
        '{"id": "p", "birth_date": "1990-01-01", "nir": NaN}',
        '{"id": "p", "birth_date": "1990-01-01", "rqth": 1}',
        '{"1": 2, "id": "p", "birth_date": "9999-12-31"}',
        '{"on": "9999-12-31", "kind": "CDI"}',
        '{"on": "0001-01-01", "kind": "CDI"}',
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 5000 + "1" + "}" * 5000,
        "\xff\xfe",
        '"just a string"',
        json.dumps(
            {
                "person": {"id": "p", "birth_date": "9999-12-31"},
                "structure": STRUCTURE,
                "approval": {"number": "999990000001", "start": "9999-12-01"},
                "exit": {"on": "9999-12-31", "kind": "CDI"},
            }
        ),
        json.dumps(
            {
                **_contract(start="0001-01-01", end="9999-12-31"),
                "trial_period_days": 10**30,
            }
        ),
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_bad_input_never_gives_a_traceback(capsys, tmp_path, content, as_json):
    status, out, err = run(capsys, tmp_path, content, *(["--json"] if as_json else []))
    assert status == 2, (out, err)
    assert "Traceback" not in out + err
    assert "bad input" in err
    if as_json:
        assert json.loads(out)["summary"]["exit_status"] == 2


def test_a_bug_in_a_checker_is_reported_without_a_traceback(capsys, tmp_path, monkeypatch):
    def broken(exit_: I.Exit, *, on: pendulum.Date) -> I.Report:
        msg = f"boom {NIR}"
        raise RuntimeError(msg)

    monkeypatch.setitem(_cli_check.CHECKERS, I.Exit, broken)
    status, out, err = run(capsys, tmp_path, json.dumps(EXIT_OK))
    assert status == 2
    assert "internal error while checking (RuntimeError)" in err
    assert NIR not in out + err  # the exception's message is not shown


@pytest.mark.parametrize("on", ["9999-12-31", "1899-12-31", "2024-02-30"])
def test_on_out_of_range_is_a_usage_error(capsys, tmp_path, on):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(EXIT_OK))
    assert main(["check", str(path), "--on", on]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "candidates"),
    [
        ("{}", None),  # nothing to tell: every type --type accepts
        ('{"distance": 0.5}', None),  # Weights has no required field: never guessed
        ('{"notes": "x"}', None),  # optional fields only (ImmersionAssessment)
    ],
)
def test_no_guess_into_success(capsys, tmp_path, content, candidates):
    status, out, err = run(capsys, tmp_path, content, "--json")
    assert status == 2
    (record,) = json.loads(out)["records"]
    (problem,) = record["invalid"]
    assert problem["type"] == "ambiguous_type"
    names = _cli_check.type_names()
    assert all(name in problem["message"] for name in (candidates or names))
    assert "Weights" in err


def test_a_guess_rests_on_a_required_field():
    assert _cli_check.detect_type({"on": "2024-01-01", "kind": "CDI"}) is I.Exit
    with pytest.raises(_cli_check.AmbiguousTypeError) as info:
        _cli_check.detect_type({})
    assert info.value.candidates == tuple(_cli_check.type_names())

"""Command line conventions: --version, rules, completion, a record's own structure kind,
progress bars on a terminal only."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pendulum
import pytest

import iae_core as I
from iae_core import checks
from iae_core.cli import _check as _cli_check
from iae_core.cli import _progress, main
from iae_core.enums import StructureKind

# the command line in English; the French default and `--lang`: tests/test_i18n_catalogue.py
pytestmark = pytest.mark.usefixtures("english_cli")


SRC = Path(__file__).resolve().parents[1] / "src"
APPROVAL = {"number": "999991234567", "start": "2024-01-01"}


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, **extra}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    return env


# --- --version, rules ---------------------------------------------------------------------------


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"iae-core {I.__version__}"


def test_rules_lists_the_whole_catalogue(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    catalogue = I.rules()
    assert out.rstrip().endswith(f"{len(catalogue)} rules")
    for r in catalogue:
        assert f"{r.code}  [{r.severity.value}]  {r.reference}" in out
        assert r.title_in("en") in out


def test_rules_json_has_every_field(capsys):
    assert main(["rules", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in rows] == [r.code for r in I.rules()]
    by_code = {r["code"]: r for r in rows}
    for r in I.rules():
        row = by_code[r.code]
        assert row["severity"] == r.severity.value
        assert (row["title"], row["title_en"]) == (r.title, r.title_en)
        assert row["reference"] == r.reference
        assert row["params"] == list(r.params)
        assert row["reading"] == r.reading
        assert row["area"] == r.code.split(".")[0]


def test_rules_by_area(capsys):
    assert main(["rules", "--json", "--area", "pmsmp", "--area", "geiq"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["area"] for r in rows} == {"pmsmp", "geiq"}
    assert len(rows) == sum(1 for r in I.rules() if r.code.split(".")[0] in {"pmsmp", "geiq"})


def test_rules_unknown_area_is_a_usage_error(capsys):
    assert main(["rules", "--area", "nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown area(s) nope" in err
    assert "pmsmp" in err


# --- completion ---------------------------------------------------------------------------------


def test_shell_completion_completes_commands_and_options(tmp_path):
    pytest.importorskip("argcomplete")
    answers = {}
    for line in ("iae-core ru", "iae-core check --struc"):
        out = tmp_path / "completion.txt"
        env = _env(
            _ARGCOMPLETE="1",
            _ARGCOMPLETE_IFS="\v",
            COMP_LINE=line,
            COMP_POINT=str(len(line)),
            _ARGCOMPLETE_STDOUT_FILENAME=str(out),
        )
        done = subprocess.run(
            [sys.executable, "-m", "iae_core"], env=env, capture_output=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        answers[line] = out.read_text().split("\v")
    assert [a.strip() for a in answers["iae-core ru"]] == ["rules"]
    assert [a.strip() for a in answers["iae-core check --struc"]] == ["--structure-kind"]


# --- check: the structure kind of each record ---------------------------------------------------


@pytest.fixture
def seen(monkeypatch):
    """The structure kind each Approval is checked for (a spy instead of check_approval)."""
    kinds: list[StructureKind] = []

    def spy(approval, *, on: pendulum.Date, structure_kind: StructureKind):
        kinds.append(structure_kind)
        return I.Report([])

    table = dict(_cli_check.CHECKERS)  # the same table for the CLI and for check()
    table[I.Approval] = spy
    monkeypatch.setattr(_cli_check, "CHECKERS", table)
    monkeypatch.setattr(checks, "CHECKERS", table)
    _cli_check._context_for.cache_clear()
    yield kinds
    _cli_check._context_for.cache_clear()


def _check(capsys, tmp_path, docs: list[dict[str, Any]], *args: str) -> tuple[int, str, str]:
    path = tmp_path / "input.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    status = main(["check", str(path), "--on", "2024-06-01", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_each_record_may_carry_its_structure_kind(capsys, tmp_path, seen):
    docs = [{**APPROVAL, "structure_kind": "EI"}, APPROVAL, {**APPROVAL, "structure_kind": "AI"}]
    status, out, err = _check(capsys, tmp_path, docs, "--structure-kind", "ACI")
    assert status == 0, err
    assert seen == [StructureKind.EI, StructureKind.ACI, StructureKind.AI]
    assert "3 documents checked" in out


def test_a_records_kind_without_the_option(capsys, tmp_path, seen):
    status, _, err = _check(capsys, tmp_path, [{**APPROVAL, "structure_kind": "ETTI"}, APPROVAL])
    assert status == 2
    assert seen == [StructureKind.ETTI]
    assert 'needs --structure-kind (or a "structure_kind" key in the record)' in err


def test_a_records_kind_with_the_type_forced(capsys, tmp_path, seen):
    doc = {**APPROVAL, "structure_kind": "EITI"}
    status, _, err = _check(capsys, tmp_path, [doc], "--type", "approval")
    assert status == 0, err
    assert seen == [StructureKind.EITI]


def test_a_bad_structure_kind_in_a_record_is_bad_input(capsys, tmp_path, seen):
    status, _, err = _check(capsys, tmp_path, [{**APPROVAL, "structure_kind": "aci"}])
    assert status == 2
    assert seen == []
    assert "invalid Approval" in err
    assert "structure_kind: not a StructureKind" in err


def test_a_bad_kind_is_listed_with_the_entitys_bad_fields(capsys, tmp_path, seen):
    doc = {**APPROVAL, "start": "2024-13-01", "structure_kind": "XX"}
    status, _, err = _check(capsys, tmp_path, [doc], "--structure-kind", "ACI")
    assert status == 2
    assert "structure_kind: not a StructureKind" in err
    assert "start: not a date" in err


def test_a_real_approval_is_checked_for_the_records_kind(capsys, tmp_path):
    doc = {**APPROVAL, "structure_kind": "ACI"}
    status, out, err = _check(capsys, tmp_path, [doc], "--json")
    assert status in (0, 1), err
    summary = json.loads(out)["summary"]
    assert summary["documents"] == 1
    assert summary["invalid"] == 0


def test_a_contracts_own_structure_kind_field_is_left_alone(capsys, tmp_path):
    contract = {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": "2024-01-01",
        "end": "2024-06-30",
        "weekly_hours": 26,
    }
    status, out, err = _check(capsys, tmp_path, [contract], "--json")
    body = json.loads(out)
    assert body["summary"]["invalid"] == 0, err
    assert all(r["type"] == "Contract" for r in body["records"])
    assert status in (0, 1)


def test_an_entity_whose_check_takes_no_kind_keeps_the_key_as_unknown(capsys, tmp_path):
    person = {"id": "p1", "birth_date": "1980-02-01", "structure_kind": "ACI"}
    status, _, err = _check(capsys, tmp_path, [person], "--type", "Person")
    assert status == 2
    assert "structure_kind" in err


# --- progress bars ------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bars_only_on_a_terminal():
    pytest.importorskip("rich")
    assert _progress.shown(_Terminal())
    assert not _progress.shown(io.StringIO())
    assert not _progress.shown(_Terminal(), enabled=False)


def test_bars_draw_on_a_terminal_with_an_eta():
    pytest.importorskip("rich")
    screen = _Terminal()
    with _progress.bars(stream=screen) as bars:
        assert _progress.current() is bars
        assert list(bars.track(range(5), "Counting")) == [0, 1, 2, 3, 4]
        with bars.step("One step"):
            pass
    assert _progress.current() is not bars
    text = screen.getvalue()
    assert "Counting" in text
    assert "5/5" in text
    assert "ETA" in text
    assert "One step" in text


def test_no_bars_in_a_pipe():
    pipe = io.StringIO()
    with _progress.bars(stream=pipe) as bars:
        assert list(bars.track([1, 2], "Counting")) == [1, 2]
        with bars.step("One step"):
            pass
        bars.task("Reading", total=10).update(5)
    assert pipe.getvalue() == ""


def test_check_and_demo_draw_no_bar_with_json_even_on_a_terminal(capsys, monkeypatch, tmp_path):
    pytest.importorskip("rich")
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"on": "2024-03-01", "kind": "CDI"}), encoding="utf-8")
    main(["check", str(path), "--on", "2024-06-01", "--json"])
    json.loads(capsys.readouterr().out)  # pure JSON
    assert main(["demo", "--size", "60", "--json"]) == 0
    json.loads(capsys.readouterr().out)
    assert screen.getvalue() == ""


def test_check_draws_a_bar_in_bytes_on_a_terminal(capsys, monkeypatch, tmp_path):
    pytest.importorskip("rich")
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    path = tmp_path / "input.jsonl"
    path.write_text(json.dumps({"on": "2024-03-01", "kind": "CDI"}) + "\n", encoding="utf-8")
    main(["check", str(path), "--on", "2024-06-01"])
    assert "Checking" in screen.getvalue()
    assert "(100 %)" in screen.getvalue()
    assert "1 document checked" in capsys.readouterr().out


def test_demo_prints_the_same_with_bars_on_a_terminal(capsys, monkeypatch):
    pytest.importorskip("rich")
    assert main(["demo", "--size", "60"]) == 0
    plain = capsys.readouterr().out
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert main(["demo", "--size", "60"]) == 0
    assert capsys.readouterr().out == plain
    for step in ("Building the territory", "Checking the parcours", "Matching"):
        assert step in screen.getvalue()

"""iae-core plan FILE: same input and exit codes as check; text, JSON and iCalendar."""

from __future__ import annotations

import json

import pytest

from iae_core.cli import main

# the command line in English; the French default and `--lang`: tests/test_i18n_catalogue.py
pytestmark = pytest.mark.usefixtures("english_cli")


APPROVAL = '{"number": "999990000001", "start": "2024-03-01"}'


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(APPROVAL + "\n", encoding="utf-8")
    return path


def test_text(jsonl, capsys):
    argv = ["plan", str(jsonl), "--on", "2026-02-01", "--within", "30"]
    assert main([*argv, "--lang", "fr"]) == 0
    out = capsys.readouterr().out.replace("\u00a0", " ")
    assert "28/02/2026  deadline.pass_end  999990000001" in out
    assert "Le PASS IAE 999990000001 prend fin le 28/02/2026." in out
    assert out.endswith("1 document planifié : 2 échéance(s) du 01/02/2026 au 03/03/2026\n")
    assert main(argv) == 0  # in English (IAE_CORE_LANG=en): one date format, no French
    out = capsys.readouterr().out
    assert "28 February 2026  deadline.pass_end  999990000001" in out
    assert "prend fin" not in out
    assert out.endswith("1 document planned: 2 deadline(s) from 1 February 2026 to 3 March 2026\n")


def test_json_and_ical(jsonl, tmp_path, capsys):
    ics = tmp_path / "out.ics"
    args = ["plan", str(jsonl), "--on", "2026-02-01", "--json", "--ical", str(ics)]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data["deadlines"]] == [
        "deadline.pass_end",
        "deadline.prolongation_window_closes",
    ]
    assert data["summary"]["exit_status"] == 0
    pytest.importorskip("icalendar")
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_bad_input_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text(APPROVAL + "\n{not json\n", encoding="utf-8")
    assert main(["plan", str(path), "--on", "2026-02-01"]) == 2
    assert "bad input: line 2" in capsys.readouterr().err
    assert main(["plan", str(tmp_path / "missing.json")]) == 2
    assert main(["plan", str(path), "--on", "2026-02-30"]) == 2


def test_a_type_without_deadlines(tmp_path, capsys):
    path = tmp_path / "person.json"
    path.write_text('{"id": "p", "birth_date": "1980-01-01"}', encoding="utf-8")
    assert main(["plan", str(path), "--on", "2026-02-01", "--type", "Person"]) == 0
    assert "no deadline for Person" in capsys.readouterr().out

"""Issue 26, case 8: a missing optional package is one clear message naming the extra.

Python raises `MissingDependency` (an `ImportError`) whose message, in French and English,
names the extra; the command line prints that one line and exits 2; the service answers
it as a catalogued JSON error (tests/api/test_service_privacy.py).
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pendulum
import pytest

from iae_core import cli, planning
from iae_core.errors import ERROR_TYPES, MissingDependency, require

APPROVAL = '{"number": "999992600001", "start": "2026-01-05"}'


def test_the_error_is_an_import_error_naming_the_extra() -> None:
    exc = MissingDependency("to_ical", "icalendar", "calendar")
    assert isinstance(exc, ImportError)
    assert exc.name == "icalendar"
    assert str(exc) == (
        "to_ical needs the optional package icalendar: pip install 'iae-core[calendar]'"
    )
    assert exc.message_in("fr") == (
        "to_ical a besoin du paquet facultatif icalendar\u00a0: pip install 'iae-core[calendar]'"
    )
    assert exc.detail().type == "missing_dependency" in ERROR_TYPES
    again = pickle.loads(pickle.dumps(exc))
    assert (again.feature, again.package, again.extra) == ("to_ical", "icalendar", "calendar")


def test_require_imports_or_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    assert require("json", feature="f", extra="e") is sys.modules["json"]
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(MissingDependency, match=r"pip install 'iae-core\[calendar\]'") as err:
        require("icalendar", feature="to_ical", extra="calendar")
    assert isinstance(err.value.__cause__, ImportError)


def test_to_ical_without_icalendar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(ImportError, match=r"iae-core\[calendar\]"):
        planning.to_ical([], stamp=pendulum.datetime(2026, 1, 1))


def test_plan_ical_without_icalendar_is_one_line_and_status_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = tmp_path / "a.json"
    doc.write_text(APPROVAL)
    out = tmp_path / "out.ics"
    args = ["plan", str(doc), "--type", "Approval", "--on", "2026-06-01", "--ical", str(out)]
    monkeypatch.setitem(sys.modules, "icalendar", None)
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert err == (
        "to_ical needs the optional package icalendar: pip install 'iae-core[calendar]'\n"
    )
    assert "Traceback" not in err
    assert not out.exists()


def test_plan_ical_with_icalendar_writes_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("icalendar")
    doc = tmp_path / "a.json"
    doc.write_text(APPROVAL)
    out = tmp_path / "out.ics"
    args = ["plan", str(doc), "--type", "Approval", "--on", "2026-06-01", "--ical", str(out)]
    assert cli.main(args) == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("module", "call", "extra"),
    [
        ("pyarrow", lambda: _table().to_arrow(), "pandas"),
        ("pandas", lambda: _table().to_pandas(), "pandas"),
        ("polars", lambda: _table().to_polars(), "polars"),
        ("matplotlib", lambda: _figure(), "plots"),
    ],
)
def test_other_extras_name_themselves(
    monkeypatch: pytest.MonkeyPatch, module: str, call: object, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.setitem(sys.modules, f"{module}.figure", None)
    with pytest.raises(MissingDependency, match=rf"iae-core\[{extra}\]"):
        call()  # type: ignore[operator]


def _table() -> object:
    from iae_core import tables

    return tables.contracts_table([], key=b"k" * 32)


def _figure() -> object:
    from iae_core import plots

    return plots.exit_rates_by_kind([])

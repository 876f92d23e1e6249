"""The parameters: the shipped files are valid, and the format refuses bad edits."""

from __future__ import annotations

import pendulum
import pytest

from iae_core import params
from iae_core.params._load import ParamFileError, parse

D = pendulum.date


def test_every_shipped_param_is_sourced_dated_and_typed() -> None:
    found = list(params.iter_params())
    assert found, "no parameter shipped"
    for p in found:
        assert p.rows, p.name
        assert p.description.strip(), p.name
        assert p.description_en.strip(), p.name
        assert all(r.sources and all(s.title.strip() for s in r.sources) for r in p.rows), p.name
        starts = [r.start for r in p.rows if r.start is not None]
        assert starts == sorted(set(starts)), p.name
        assert all(r.start is not None for r in p.rows[1:]), p.name
        assert isinstance(p.unit, params.Unit)


def test_names_are_unique_and_sorted() -> None:
    names = [p.name for p in params.iter_params()]
    assert names == sorted(set(names))


def test_get_unknown_name() -> None:
    with pytest.raises(KeyError, match="no parameter"):
        params.get("no.such.param")


_GOOD = """
[a.b]
unit = "months"
fr = "x"
en = "y"
verified_until = 2025-12-31
[[a.b.rows]]
value = 4
sources = [{ title = "T1" }]
[[a.b.rows]]
start = 2024-01-01
value = 6
sources = [{ title = "T2", url = "https://example.org/t2" }]
"""


def test_at_before_on_and_after_each_row_start() -> None:
    p = parse([("area", _GOOD)])["a.b"]
    assert p.at(D(2023, 12, 31)) == 4
    assert p.at(D(2024, 1, 1)) == 6
    assert p.at(D(2024, 1, 2)) == 6
    assert p.period_of(D(2023, 12, 31)) == (None, D(2023, 12, 31))
    assert p.period_of(D(2024, 1, 1)) == (D(2024, 1, 1), None)
    assert p.area == "area"


def test_verified_until_is_a_flag_not_an_error() -> None:
    p = parse([("area", _GOOD)])["a.b"]
    assert p.lookup(D(2025, 12, 31)).verified
    late = p.lookup(D(2026, 1, 1))
    assert not late.verified
    assert late.value == 6  # the last value is still returned


def test_a_series_without_open_row_refuses_days_before_it() -> None:
    text = _GOOD.replace("value = 4\n", "start = 2020-01-01\nvalue = 4\n")
    p = parse([("area", text)])["a.b"]
    assert p.at(D(2020, 1, 1)) == 4
    with pytest.raises(LookupError):
        p.at(D(2019, 12, 31))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('sources = [{ title = "T1" }]', "sources = []"), "at least one source"),
        (("start = 2024-01-01", "start = 2019-01-01\n"), None),  # fine: still increasing
        (('unit = "months"', 'unit = "parsecs"'), "unit must be one of"),
        (("value = 4", 'value = "four"'), "not a value of unit"),
        (("value = 4", "value = 4.5"), "not a value of unit"),
        (('fr = "x"', 'fr = ""'), "non-empty 'fr'"),
        (('url = "https://example.org/t2"', 'url = "ftp://x"'), "https://"),
        (("verified_until = 2025-12-31", 'verified_until = "soon"'), "not a date"),
    ],
)
def test_bad_edits_are_refused(edit: tuple[str, str], message: str | None) -> None:
    text = _GOOD.replace(*edit)
    if message is None:
        parse([("area", text)])
        return
    with pytest.raises(ParamFileError, match=message):
        parse([("area", text)])


def test_starts_must_increase() -> None:
    text = _GOOD + '[[a.b.rows]]\nstart = 2024-01-01\nvalue = 7\nsources = [{ title = "T" }]\n'
    with pytest.raises(ParamFileError, match="must increase"):
        parse([("area", text)])


def test_a_name_defined_in_two_files_is_refused() -> None:
    with pytest.raises(ParamFileError, match="defined twice"):
        parse([("one", _GOOD), ("two", _GOOD)])


def test_tables_and_codes() -> None:
    text = """
[k.amount]
unit = "euros"
fr = "x"
en = "y"
[[k.amount.rows]]
value = { EI = 13304, ACI = 23921.5 }
sources = [{ title = "arrêté" }]
[k.codes]
unit = "codes"
fr = "x"
en = "y"
[[k.codes.rows]]
value = ["A", "B"]
sources = [{ title = "arrêté" }]
"""
    got = parse([("k", text)])
    assert got["k.amount"].value["EI"] == 13304
    assert got["k.codes"].value == frozenset({"A", "B"})
    with pytest.raises(TypeError):
        got["k.amount"].value["EI"] = 1  # type: ignore[index]

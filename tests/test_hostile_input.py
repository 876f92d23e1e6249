"""Hostile input to `load`: every bad field listed, huge integers named (issue 11)."""

import json
import typing

import attrs
import pendulum
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core.errors import show
from iae_core.matching import GeoPoint
from iae_core.serialization import loads
from iae_core.testing.registry import entity_strategies

STRATEGIES = sorted(entity_strategies().items(), key=lambda kv: kv[0].__name__)
HUGE = 10**5000


def under(path, prefix):
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def _inner(t):
    if typing.get_origin(t) in (typing.Union, __import__("types").UnionType):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        return args[0] if len(args) == 1 else t
    return t


def positions(obj, dumped, path=""):
    """``(path, parent dict, key, field type, required)`` for every field, nested ones too."""
    cls = type(obj)
    attrs.resolve_types(cls)
    for f in attrs.fields(cls):
        if not f.init or f.name not in dumped:
            continue
        p = f"{path}.{f.name}" if path else f.name
        yield p, dumped, f.name, _inner(f.type), f.default is attrs.NOTHING
        value = getattr(obj, f.name)
        if attrs.has(type(value)):
            yield from positions(value, dumped[f.name], p)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from positions(item, dumped[f.name][i], f"{p}[{i}]")


def faults_for(t, required):
    """Values (or deletion) that are always wrong for a field of type ``t``."""
    out = [("type", "x" if t is bool else True)]
    if t is pendulum.Date:
        out += [("value", "1899-12-31"), ("value", "2200-01-01")]
    if t in (int, float):
        out.append(("value", HUGE))
    if required:
        out.append(("missing", None))
    return out


@st.composite
def two_faults(draw, factory):
    """A valid dump with two faults at two independent places, and the paths they hit."""
    obj = draw(factory())
    dumped = I.dump(obj)
    places = list(positions(obj, dumped))
    unknown = ("", dumped, "__unknown__", None, False)
    places.append(unknown)
    first = draw(st.sampled_from(places))
    rest = [p for p in places if not (under(p[0], first[0]) or under(first[0], p[0]))]
    if first[0] == "":
        rest = [p for p in places if p[0] != ""]
    second = draw(st.sampled_from(rest or [unknown]))
    hit = []
    for path, parent, key, t, required in (first, second):
        if path == "":
            if "__unknown__" not in dumped:
                dumped["__unknown__"] = 1
            hit.append("__unknown__")
            continue
        kind, value = draw(st.sampled_from(faults_for(t, required)))
        if kind == "missing":
            del parent[key]
        else:
            parent[key] = value
        hit.append(path)
    return dumped, hit


@pytest.mark.parametrize(("cls", "factory"), STRATEGIES, ids=lambda v: getattr(v, "__name__", ""))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_both_bad_fields_are_listed(cls, factory, data):
    dumped, hit = data.draw(two_faults(factory), label="document")
    with pytest.raises(I.InvalidData) as info:
        I.load(cls, dumped)
    for path in hit:
        assert any(under(p, path) for p in info.value.paths), (path, info.value.errors)


# The issue's own cases (explicit: they must be tried whatever hypothesis draws).
APPROVAL = {"number": "XXXXX2412345", "start": "2024-01-01"}
CONTRACT = {
    "id": "c1",
    "kind": "CDDI",
    "employer_siret": "73282932000074",
    "start": "2024-01-01",
    "weekly_hours": 26,
}


@pytest.mark.parametrize(
    ("cls", "data", "paths"),
    [
        (I.Person, {"id": 3, "birth_date": "9999-12-31"}, {"id", "birth_date"}),
        (I.Contract, {**CONTRACT, "weekly_hours": -1, "zzz": 1}, {"weekly_hours", "zzz"}),
        (
            I.Approval,
            {
                **APPROVAL,
                "number": "",
                "suspensions": [{"start": "2024-02-01", "end": "1899-12-31", "reason": "SICKNESS"}],
            },
            {"number", "suspensions[0].end"},
        ),
    ],
    ids=["type-and-range", "range-and-unknown-key", "empty-and-nested"],
)
def test_issue_cases_list_both_fields(cls, data, paths):
    with pytest.raises(I.InvalidData) as info:
        I.load(cls, data)
    assert paths <= set(info.value.paths), info.value.errors


def test_placeholder_problems_are_not_reported():
    # A wrong type is reported once, not again by the entity's validation.
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Person, {"id": 3, "birth_date": True})
    assert info.value.paths == ("id", "birth_date")


# --- huge integers (point 1) -------------------------------------------------------------


@given(
    exponent=st.integers(4300, 20_000),
    sign=st.sampled_from([1, -1]),
    field=st.sampled_from(["lat", "lon"]),
)
@example(exponent=5000, sign=1, field="lat")
@settings(max_examples=20)
def test_a_huge_integer_keeps_its_path(exponent, sign, field):
    data = {"lat": 10, "lon": 0, field: sign * 10**exponent}
    with pytest.raises(I.InvalidData) as info:
        I.load(GeoPoint, data)
    assert info.value.paths == (field,)
    (message,) = (m for _, m in info.value.errors)
    assert f"<an integer of {exponent + 1} digits>" in message  # `errors` is in English
    assert len(message) < 120
    (french,) = (m for _, m in info.value.messages("fr"))
    assert f"<un entier de {exponent + 1} chiffres>" in french  # one language per message
    assert "digits" not in french


@pytest.mark.parametrize(("cls", "factory"), STRATEGIES, ids=lambda v: getattr(v, "__name__", ""))
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_a_huge_integer_is_named_at_every_number_field(cls, factory, data):
    obj = data.draw(factory())
    dumped = I.dump(obj)
    numbers = [p for p in positions(obj, dumped) if p[3] in (int, float)]
    if not numbers:
        return
    path, parent, key, _, _ = data.draw(st.sampled_from(numbers))
    parent[key] = HUGE
    with pytest.raises(I.InvalidData) as info:
        I.load(cls, dumped)
    assert path in info.value.paths
    assert "chiffres>" in str(info.value)  # French by default, the value's words too


@pytest.mark.parametrize(
    "value",
    [HUGE, -HUGE, [HUGE] * 1000, {"k": HUGE}, "x" * 10**6, [[[[[[1]]]]]], 2**129],
    ids=["huge", "negative", "list", "dict", "long-string", "nested", "2**129"],
)
def test_show_is_bounded_and_never_fails(value):
    text = show(value)
    assert len(text) <= 60


def test_show_keeps_small_values_exact():
    assert show("2024-13-01") == '"2024-13-01"'
    assert show(None) == "null"
    assert show(True) == "true"
    assert show([1.5, None, {"a": False}]) == '[1.5, null, {"a": false}]'
    assert show(2**53 + 1) == repr(2**53 + 1)
    assert show(10**4300) == "<an integer of 4301 digits>"
    assert show(10**4300 - 1) == "<an integer of 4300 digits>"
    assert show(10**4300, "fr") == "<un entier de 4301 chiffres>"


# --- duplicate keys in JSON text ----------------------------------------------------------


def test_loads_refuses_duplicate_keys_with_their_path():
    text = '{"lat": 1, "lon": 2, "lat": 3}'
    with pytest.raises(I.InvalidData) as info:
        loads(GeoPoint, text)
    assert info.value.errors == (("lat", "duplicate key"),)
    assert json.loads(text) == {"lat": 3, "lon": 2}  # what the standard library would keep


def test_loads_reports_duplicates_in_nested_objects():
    text = json.dumps(APPROVAL)[:-1] + (
        ', "suspensions": [{"start": "2024-02-01", "start": "2024-02-02", '
        '"end": "2024-03-01", "reason": "SICKNESS"}]}'
    )
    with pytest.raises(I.InvalidData) as info:
        loads(I.Approval, text)
    assert info.value.paths == ("suspensions[0].start",)


def test_loads_round_trips():
    point = GeoPoint(lat=45.5, lon=2.25)
    assert loads(GeoPoint, json.dumps(I.dump(point))) == point


@pytest.mark.parametrize(
    ("text", "path"),
    [("{", ""), ('{"lat": NaN, "lon": 0}', ""), (b"\xff", ""), ("[" * 100_000, "")],
    ids=["truncated", "nan", "not-utf8", "deep"],
)
def test_loads_refuses_malformed_text_as_invalid_data(text, path):
    with pytest.raises(I.InvalidData) as info:
        loads(GeoPoint, text)
    assert info.value.paths == (path,)


# --- the docs page runs as written, and identifiers are compacted as it says ----------


def test_data_page_examples():
    import doctest
    from pathlib import Path

    page = Path(__file__).resolve().parent.parent / "docs" / "data.md"
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted >= 10
    assert result.failed == 0


STRUCTURE = {"siret": "73282932000074", "kind": "ACI", "name": "Atelier", "department": "75"}


@pytest.mark.parametrize("given", ["732 829 320 00074", "732.829.320.00074", "73282932000074"])
def test_a_siret_is_compacted_the_stdnum_way(given):
    s = I.load(I.Structure, {**STRUCTURE, "siret": given})
    assert s.siret == "73282932000074"
    assert I.dump(s)["siret"] == "73282932000074"


@pytest.mark.parametrize("given", ["732 829 320 0007A", "7328293200007", "73282932000075", ""])
def test_anything_but_separators_in_a_siret_is_refused(given):
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Structure, {**STRUCTURE, "siret": given})
    assert info.value.paths == ("siret",)

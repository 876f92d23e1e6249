import json

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iae_core as I
from iae_core.schema import entity_classes
from iae_core.testing import strategies as ist
from iae_core.testing.registry import entity_strategies

ENTITY_STRATEGIES = sorted(entity_strategies().items(), key=lambda kv: kv[0].__name__)


def test_every_entity_has_a_strategy():
    assert set(entity_classes()) <= set(entity_strategies())


@pytest.mark.parametrize("cls", sorted(entity_classes(), key=lambda c: c.__name__), ids=str)
def test_from_type_builds_every_entity(cls):
    @given(st.from_type(cls))
    def inner(x):
        assert type(x) is cls

    inner()


@pytest.mark.parametrize(
    ("cls", "factory"), ENTITY_STRATEGIES, ids=lambda v: getattr(v, "__name__", "")
)
@given(data=st.data())
def test_round_trip_is_exact_and_json_safe(cls, factory, data):
    x = data.draw(factory())
    dumped = I.dump(x)
    text = json.dumps(dumped)
    back = I.load(cls, json.loads(text))
    assert back == x
    assert I.dump(back) == dumped


def _dates_in(obj):
    import attrs

    for f in attrs.fields(type(obj)):
        v = getattr(obj, f.name)
        if isinstance(v, pendulum.Date):
            yield v
        elif attrs.has(type(v)):
            yield from _dates_in(v)
        elif isinstance(v, tuple):
            for item in v:
                if attrs.has(type(item)):
                    yield from _dates_in(item)


@given(ist.parcours())
def test_dates_stay_pendulum_dates(p):
    back = I.load(I.Parcours, I.dump(p))
    found = list(_dates_in(back))
    assert found  # a parcours always has the person's birth date
    assert all(type(d) is pendulum.Date for d in found)


@pytest.mark.parametrize("cls", [c for c, _ in ENTITY_STRATEGIES], ids=lambda c: c.__name__)
@given(value=ist.json_values())
def test_arbitrary_json_raises_only_invalid_data(cls, value):
    try:
        I.load(cls, value)
    except I.InvalidData as exc:
        errors, text = exc.errors, str(exc)
    else:
        return
    assert errors
    assert text


@pytest.mark.parametrize("value", [None, [], 3, "x", 1.5, True])
def test_wrong_shape_is_invalid_data(value):
    with pytest.raises(I.InvalidData, match="not an object"):
        I.load(I.Approval, value)


def test_every_bad_field_is_listed_with_its_path():
    bad = {
        "number": 3,
        "start": "2024-13-01",
        "suspensions": [
            {"start": "2024-01-02", "end": "2024-01-01", "reason": "NOPE"},
            "x",
        ],
        "unexpected": 1,
    }
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Approval, bad)
    assert info.value.paths == (
        "number",
        "start",
        "suspensions[0].reason",
        "suspensions[1]",
        "unexpected",
    )
    text = str(info.value)
    assert "start: not a date: '2024-13-01'" in text
    assert "unexpected: unknown field" in text


def test_constructor_errors_are_prefixed_with_their_path():
    data = {
        "number": "999990000001",
        "start": "2024-01-01",
        "suspensions": [{"start": "2024-02-02", "end": "2024-02-01", "reason": "SICKNESS"}],
    }
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Approval, data)
    assert info.value.paths == ("suspensions[0].end",)


def test_missing_required_fields():
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Suspension, {})
    assert set(info.value.paths) == {"start", "end", "reason"}
    assert "required field missing" in str(info.value)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weekly_hours", "26", "not a number"),
        ("weekly_hours", True, "not a number"),
        ("trial_period_days", 1.0, "not an integer"),
        ("trial_period_days", True, "not an integer"),
        ("kind", "cddi", "not a ContractKind"),
        ("start", "2024-1-1", "not a date"),
        ("start", "2024-01-01T00:00:00", "not a date"),
        ("start", 20240101, "not a date"),
        ("renewals", {}, "not a list"),
        ("renewals", "abc", "not a list"),
    ],
)
def test_nothing_is_coerced(field, value, message):
    data = {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": "2024-01-01",
        "end": "2024-06-30",
        "weekly_hours": 26,
    }
    data[field] = value
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Contract, data)
    assert info.value.paths == (field,)
    assert message in str(info.value)


def test_nested_list_paths():
    ok = {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": "2024-01-01",
        "end": "2024-06-30",
        "weekly_hours": 26,
    }
    with pytest.raises(I.InvalidData) as info:
        I.load(list[I.Contract], [ok, {**ok, "renewals": [{"end": "nope"}]}])
    assert info.value.paths == ("[1].renewals[0].end",)


def test_sets_dump_sorted():
    d = I.EligibilityDiagnosis(
        author=I.AuthorKind.PRESCRIBER,
        made_on=pendulum.date(2024, 1, 1),
        criteria=frozenset({I.Criterion.QPV, I.Criterion.AAH, I.Criterion.RSA}),
    )
    assert I.dump(d)["criteria"] == ["AAH", "QPV", "RSA"]


def test_invalid_data_is_a_value_error_and_pickles():
    import pickle

    exc = I.InvalidData([("a", "b"), ("c", "d")])
    assert isinstance(exc, ValueError)
    again = pickle.loads(pickle.dumps(exc))
    assert again.errors == exc.errors

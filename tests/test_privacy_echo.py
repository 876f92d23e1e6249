"""Issue 26, case 1: an error never echoes a NIR or special-category data, at any depth.

The `input` of an error is left out (`NO_INPUT`) and its message shows no part of it when
the input holds, anywhere inside, a key `nir`/`rqth`/`under_justice_measure`, a code such as
`TH` or `DETENTION_MJ`, or something shaped like a NIR. The same wrong-typed input without
any of them is still shown (the other side of the limit).
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core as I
from iae_core.errors import (
    NO_INPUT,
    SPECIAL_CODES,
    SPECIAL_KEYS,
    InvalidData,
    carries_special_category,
    detail,
)
from iae_core.serialization import load, loads

NIR = "295109912611193"
PERSON = {
    "id": "p",
    "birth_date": "1990-01-01",
    "nir": NIR,
    "rqth": True,
    "under_justice_measure": True,
}
PLAIN_PERSON = {"id": "p", "birth_date": "1990-01-01"}


def _leaks(exc: InvalidData, *fragments: str) -> list[str]:
    """Every fragment found in the messages (both languages) or the JSON of `exc`."""
    text = json.dumps([exc.to_json("fr"), exc.to_json("en"), str(exc)], ensure_ascii=False)
    return [f for f in fragments if f in text]


# --- the detector, both sides ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        {"nir": None},
        {"rqth": False},  # the key alone tells a special category is at stake
        {"Under_Justice_Measure": 1},
        [[{"a": [{"nir": 1}]}]],
        ["TH"],
        ("DETENTION_MJ",),
        {"criteria": {"x": [" th "]}},
        {"RQTH": 3},  # a key
        NIR,
        "2 95 10 99 126 111 93",  # written with spaces
        "1 84 12 2A 123 456",  # Corsica, without the key: 13 characters
        "born 2951099126111 here",  # inside a text
        295109912611193,  # as a number
        I.Person(id="p", birth_date=pendulum.date(1990, 1, 1), rqth=True),
        frozenset({I.Criterion.TH}),
        I.Criterion.DETENTION_MJ,
    ],
)
def test_special_inputs_are_found(value: Any) -> None:
    assert carries_special_category(value)


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        1.5,
        "",
        "THE",  # a code only when it is the whole text
        "MATHS",
        [PLAIN_PERSON],
        {"criteria": ["QPV", "RSA"]},
        "73282932000074",  # a SIRET: 14 digits, not a NIR
        "999992600001",  # a PASS IAE number: 12 digits
        "2024-01-01",
        12345678901234,  # 14 digits
        I.Person(id="p", birth_date=pendulum.date(1990, 1, 1)),  # nothing sensitive set
        frozenset({I.Criterion.QPV}),
    ],
)
def test_ordinary_inputs_are_not(value: Any) -> None:
    assert not carries_special_category(value)


def test_an_input_too_big_to_walk_is_taken_as_sensitive() -> None:
    assert carries_special_category([[0] * 10] * 1000)
    assert not carries_special_category([0] * 100)


def test_the_codes_are_the_sensitive_members_of_the_vocabulary() -> None:
    sensitive = {c.value for c in I.Criterion if c.is_sensitive}
    assert sensitive <= SPECIAL_CODES
    assert {"nir", "rqth", "under_justice_measure"} == SPECIAL_KEYS
    assert {f.name for f in attrs.fields(I.Person) if f.metadata.get("sensitive")} == set(
        SPECIAL_KEYS
    )


# --- the errors ------------------------------------------------------------------------------


def test_a_person_in_a_wrong_container_is_not_echoed() -> None:
    with pytest.raises(InvalidData) as err:
        load(list[I.Person], [[PERSON]])
    (d,) = err.value.details
    assert d.loc == (0,)
    assert d.type == "not_an_object"
    assert d.input is NO_INPUT
    assert "input" not in d.to_json()
    assert d.message_en == "not an object (got a list)"
    assert d.message == "pas un objet (reçu\u00a0: une liste)"
    assert not _leaks(err.value, "29510", "rqth", "true", "justice")


def test_the_same_container_without_special_data_is_echoed() -> None:
    with pytest.raises(InvalidData) as err:
        load(list[I.Person], [[PLAIN_PERSON]])
    (d,) = err.value.details
    assert d.input == [PLAIN_PERSON]
    assert d.to_json()["input"] == [PLAIN_PERSON]
    assert "1990-01-01" in d.message_en


def test_a_person_under_a_parcours_is_not_echoed() -> None:
    with pytest.raises(InvalidData) as err:
        loads(I.Parcours, json.dumps({"person": [PERSON]}))
    assert "person" in err.value.paths
    assert all(d.input is NO_INPUT for d in err.value.details)
    assert not _leaks(err.value, "29510", "rqth")


def test_sensitive_criteria_in_a_wrong_container_are_not_echoed() -> None:
    with pytest.raises(InvalidData) as err:
        load(I.Parcours, {"diagnosis": [{"criteria": ["TH", "DETENTION_MJ"]}]})
    (d,) = [d for d in err.value.details if d.path == "diagnosis"]
    assert d.input is NO_INPUT
    assert not _leaks(err.value, '"TH"', "DETENTION_MJ")
    with pytest.raises(InvalidData) as err:
        load(I.Parcours, {"diagnosis": [{"criteria": ["QPV"]}]})
    (d,) = [d for d in err.value.details if d.path == "diagnosis"]
    assert d.input == [{"criteria": ["QPV"]}]


def test_a_nir_given_where_a_boolean_is_expected_is_not_echoed() -> None:
    with pytest.raises(InvalidData) as err:
        load(I.Contract, {"kind": NIR})
    (d,) = [d for d in err.value.details if d.path == "kind"]
    assert d.type == "bad_enum"
    assert d.input is NO_INPUT
    assert not _leaks(err.value, "29510")
    with pytest.raises(InvalidData) as err:
        load(I.Contract, {"kind": "CDDX"})
    (d,) = [d for d in err.value.details if d.path == "kind"]
    assert d.input == "CDDX"


def test_a_message_whose_text_holds_a_nir_is_hidden() -> None:
    d = detail("x", "invalid_value", error="ValueError", text=f"bad {NIR}")
    assert NIR[:5] not in d.message_en
    assert d.variant == "hidden"
    shown = detail("x", "invalid_value", error="ValueError", text="bad 12")
    assert "bad 12" in shown.message_en


def test_an_error_detail_built_by_hand_does_not_echo_in_json() -> None:
    d = I.ErrorDetail(loc=("x",), type="invalid", message="m", message_en="m", input=[PERSON])
    assert "input" not in d.to_json()
    plain = I.ErrorDetail(loc=("x",), type="invalid", message="m", message_en="m", input=[1])
    assert plain.to_json()["input"] == [1]


def test_pydantic_lines_leave_the_input_out() -> None:
    pydantic = pytest.importorskip("pydantic")
    with pytest.raises(pydantic.ValidationError) as err:
        pydantic.TypeAdapter(list[I.Person]).validate_python([[PERSON]])
    (line,) = err.value.errors()
    assert line["input"] is None
    assert line["ctx"]["input_hidden"] is True
    assert "29510" not in str(err.value)


_JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.text(max_size=8))
_JSON = st.recursive(
    _JSON_LEAF,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)


def _bury(value: Any, secret: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value, {"k": secret}] if depth % 2 else {"a": value, "b": [secret]}
    return value


@given(
    _JSON,
    st.sampled_from([NIR, {"nir": "x"}, {"rqth": True}, "TH", "DETENTION_MJ", 1840512345678]),
    st.integers(0, 4),
)
@example([], {"under_justice_measure": True}, 0)
@example({"criteria": []}, "TH", 3)
def test_buried_special_data_is_never_echoed(value: Any, secret: Any, depth: int) -> None:
    buried = _bury(value, secret, depth) if depth else [value, secret]
    for target in (I.Person, I.Contract, I.Parcours):
        with pytest.raises(InvalidData) as err:
            load(target, [buried])
        for d in err.value.details:
            assert d.input is NO_INPUT
            assert "input" not in d.to_json()
        assert not _leaks(err.value, "29510", "18405", "rqth", "justice", '"TH"', "DETENTION")

"""Structured data errors: `InvalidData.details`, `ErrorDetail.to_json`, stdnum classes."""

from __future__ import annotations

import json
import pickle

import pendulum
import pytest
import stdnum.exceptions

import iae_core as I
from iae_core import errors
from iae_core.errors import NO_INPUT, ErrorDetail, InvalidData, loc_of, path_of
from iae_core.serialization import loads

BAD_APPROVAL = {
    "number": 3,
    "start": "2024-13-01",
    "suspensions": [{"start": "2024-01-02", "end": "2024-01-01", "reason": "NOPE"}, "x"],
    "zz": 1,
}


def _details(cls: type, data: object) -> tuple[ErrorDetail, ...]:
    with pytest.raises(InvalidData) as info:
        I.load(cls, data)
    return info.value.details


def test_each_bad_field_is_a_detail_with_loc_type_and_input() -> None:
    got = [(d.loc, d.type, d.input) for d in _details(I.Approval, BAD_APPROVAL)]
    assert got == [
        (("number",), "not_a_string", 3),
        (("start",), "not_a_date", "2024-13-01"),
        (("suspensions", 0, "reason"), "bad_enum", "NOPE"),
        (("suspensions", 0, "end"), "bad_order", pendulum.date(2024, 1, 1)),
        (("suspensions", 1), "not_an_object", "x"),
        (("zz",), "unknown_field", NO_INPUT),
    ]


def test_the_pairs_stay_english_the_text_follows_the_language() -> None:
    with pytest.raises(InvalidData) as info:
        I.load(I.Approval, BAD_APPROVAL)
    exc = info.value
    assert exc.errors[0] == ("number", "not a string: 3")
    assert exc.errors[1] == ("start", 'not a date: "2024-13-01"')
    assert exc.paths == tuple(d.path for d in exc.details)
    assert str(exc).splitlines()[0] == "6 champs invalides\u00a0:"  # French by default
    with I.language("en"):
        assert str(exc).splitlines()[0] == "6 invalid fields:"
    assert exc.types[:2] == ("not_a_string", "not_a_date")


def test_to_json() -> None:
    with pytest.raises(InvalidData) as info:
        I.load(I.Approval, BAD_APPROVAL)
    out = info.value.to_json()
    json.dumps(out)  # JSON-safe
    assert out[1] == {
        "loc": ["start"],
        "type": "not_a_date",
        "msg": 'pas une date\u00a0: "2024-13-01"',
        "input": "2024-13-01",
    }
    assert out[3]["input"] == "2024-01-01"  # a date given as a date comes back as ISO text
    assert "input" not in out[5]  # an unknown field's value is not repeated
    assert info.value.to_json("en")[1]["msg"] == 'not a date: "2024-13-01"'
    enum = out[2]
    assert enum["type"] == "bad_enum"
    assert enum["msg"].startswith("pas un SuspensionReason (CONTRACT_SUSPENDED, ")


def test_values_are_quoted_the_json_way() -> None:
    with pytest.raises(InvalidData) as info:
        I.load(I.Contract, {"kind": "CDDI", "structure_kind": None, "start": True, "end": None})
    with I.language("en"):
        text = str(info.value)
    assert "structure_kind: not a StructureKind (" in text
    assert "): null" in text
    assert "start: not a date: true" in text


def test_a_sensitive_field_never_shows_its_input() -> None:
    details = _details(I.Person, {"id": "p", "birth_date": "1990-01-01", "nir": 12, "rqth": "yes"})
    hidden = {d.path: d for d in details if d.path in ("nir", "rqth")}
    assert set(hidden) == {"nir", "rqth"}
    for d in hidden.values():
        assert d.input is NO_INPUT
        assert "input" not in d.to_json()
        assert "12" not in d.message + d.message_en
        assert "yes" not in d.message + d.message_en
    assert hidden["nir"].message_en == "not a string (got a number)"
    assert hidden["nir"].message == "pas une chaîne de caractères (reçu\u00a0: un nombre)"


def test_an_invalid_nir_is_not_quoted() -> None:
    with pytest.raises(InvalidData) as info:
        I.Person(id="p", birth_date=pendulum.date(1990, 1, 1), nir="295109912611194")
    (d,) = info.value.details
    assert d.type == "bad_identifier"
    assert d.input is NO_INPUT
    assert d.params == {"reason": "checksum"}
    assert "2951099" not in d.message + d.message_en


def test_an_identifier_error_is_a_detail_with_both_languages() -> None:
    details = _details(
        I.Structure, {"siret": "73282932000075", "kind": "ACI", "name": "A", "department": "75"}
    )
    (d,) = details
    assert (d.loc, d.type, d.input) == (("siret",), "bad_identifier", "73282932000075")
    assert d.message_en == (
        'The identifier\'s checksum or check digit is invalid. "73282932000075"'
    )
    assert d.message.startswith("La clé de contrôle de l'identifiant est fausse.")


def test_missing_fields_and_numbers() -> None:
    details = _details(
        I.Contract,
        {"kind": "CDDI", "structure_kind": "ACI", "end": "2026-06-01", "weekly_hours": -1},
    )
    by_type = {d.type: d for d in details}
    assert by_type["missing"].loc == ("start",)
    assert by_type["missing"].input is NO_INPUT
    assert by_type["out_of_range"].params == {"minimum": 0}
    assert by_type["out_of_range"].message_en == "must be at least 0: -1"
    assert by_type["out_of_range"].message == "doit être au moins 0\u00a0: -1"


def test_constructor_errors_have_details_too() -> None:
    with pytest.raises(InvalidData) as info:
        I.Approval(number="999990000001", start="2026-01-05")  # type: ignore[arg-type]
    (d,) = info.value.details
    assert (d.loc, d.type, d.input) == (("start",), "not_a_date", "2026-01-05")


def test_json_text_errors() -> None:
    with pytest.raises(InvalidData) as info:
        loads(I.Approval, '{"number": "999990000001", "start": "2026-01-05", "start": 1')
    (d,) = info.value.details
    assert d.type == "malformed_json"
    assert d.loc == ()
    with pytest.raises(InvalidData) as info:
        loads(I.Approval, '{"number": "999990000001", "start": "2026-01-05", "start": "x"}')
    assert [(d.loc, d.type) for d in info.value.details] == [
        (("start",), "duplicate_key"),
        (("start",), "not_a_date"),
    ]


def test_a_key_with_a_dot_keeps_its_loc() -> None:
    (d,) = _details(I.Approval, {"number": "999990000001", "start": "2026-01-05", "a.b[0]": 1})
    assert d.loc == ("a.b[0]",)
    assert d.path == "a.b[0]"


def test_checks_arguments_are_details() -> None:
    approval = I.Approval(number="999990000001", start=pendulum.date(2026, 1, 5))
    with pytest.raises(InvalidData) as info:
        I.check(approval, on="05/01/2026", structure_kind="ACI")  # ISO text only
    assert info.value.details[0].type == "not_a_date"
    assert info.value.details[0].loc == ("on",)
    with pytest.raises(InvalidData) as info:
        I.check(approval, on=pendulum.date(2200, 1, 1), structure_kind="ACI")
    (d,) = info.value.details
    assert d.type == "out_of_range"
    assert d.message_en == "out of range (1 January 1900 to 31 December 2199): 1 January 2200"
    assert d.message == "hors limites (du 01/01/1900 au 31/12/2199)\u00a0: 01/01/2200"


def test_older_pairs_still_build_an_invalid_data() -> None:
    exc = InvalidData([("contracts[2].end", "some message")])
    (d,) = exc.details
    assert (d.loc, d.type, d.message, d.message_en) == (
        ("contracts", 2, "end"),
        "custom",
        "some message",
        "some message",
    )
    assert exc.prefixed("parcours").errors == (("parcours.contracts[2].end", "some message"),)
    assert exc.prefixed(("p", 1)).details[0].loc == ("p", 1, "contracts", 2, "end")
    with pytest.raises(ValueError, match="at least one"):
        InvalidData([])


def test_invalid_data_pickles_with_its_details() -> None:
    with pytest.raises(InvalidData) as info:
        I.load(I.Approval, BAD_APPROVAL)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.details == info.value.details
    assert str(again) == str(info.value)
    assert pickle.loads(pickle.dumps(NO_INPUT)) is NO_INPUT


@pytest.mark.parametrize(
    ("path", "loc"),
    [
        ("", ()),
        ("start", ("start",)),
        ("contracts[2].end", ("contracts", 2, "end")),
        ("a[0][1].b", ("a", 0, 1, "b")),
        ("[3]", (3,)),
    ],
)
def test_loc_and_path(path: str, loc: tuple[str | int, ...]) -> None:
    assert loc_of(path) == loc
    assert path_of(loc) == path


# --- identifiers are python-stdnum errors too -------------------------------------------------


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (errors.InvalidIdentifier, stdnum.exceptions.ValidationError),
        (errors.InvalidFormat, stdnum.exceptions.InvalidFormat),
        (errors.InvalidLength, stdnum.exceptions.InvalidLength),
        (errors.InvalidLength, stdnum.exceptions.InvalidFormat),
        (errors.InvalidChecksum, stdnum.exceptions.InvalidChecksum),
        (errors.InvalidComponent, stdnum.exceptions.InvalidComponent),
    ],
)
def test_identifier_errors_are_stdnum_errors(ours: type, theirs: type) -> None:
    assert issubclass(ours, theirs)
    assert issubclass(ours, ValueError)
    assert issubclass(ours, errors.IaeError)


def test_code_written_for_stdnum_catches_ours() -> None:
    from iae_core.identifiers import siret

    with pytest.raises(stdnum.exceptions.InvalidChecksum) as info:
        siret.validate("73282932000075")
    assert str(info.value) == "The identifier's checksum or check digit is invalid."
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is type(info.value)
    assert again.message_fr == info.value.message_fr

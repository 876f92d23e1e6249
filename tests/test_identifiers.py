import pytest
from hypothesis import given

from iae_core import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from iae_core.identifiers import nir, pass_iae, rome, siren, siret
from iae_core.testing import strategies as ist


def test_siret():
    assert siret.validate("732 829 320 00074") == "73282932000074"
    assert siret.format("73282932000074") == "732 829 320 00074"
    assert siret.siren("73282932000074") == "732829320"
    with pytest.raises(InvalidChecksum):
        siret.validate("73282932000075")
    with pytest.raises(InvalidLength):
        siret.validate("7328293200007")
    with pytest.raises(InvalidFormat):
        siret.validate(73282932000074)  # type: ignore[arg-type]
    assert not siret.is_valid("abc")


def test_siren():
    assert siren.validate("552 008 443") == "552008443"
    assert siren.format("552008443") == "552 008 443"
    with pytest.raises(InvalidChecksum):
        siren.validate("552008442")


def test_nir_stdnum_gaps_are_closed():
    assert nir.validate("2 95 10 99 126 111 93") == "295109912611193"
    assert nir.format("295109912611193") == "2 95 10 99 126 111 93"
    # sex digit 9 with a correct key: stdnum accepts it, we do not
    body = "995109912611"
    bad_sex = body + "1" + f"{97 - int(body + '1') % 97:02d}"
    assert len(bad_sex) == 15
    with pytest.raises(InvalidComponent):
        nir.validate(bad_sex)
    # month 13 with a correct key
    body = "1851375123456"
    with pytest.raises(InvalidComponent):
        nir.validate(body + f"{97 - int(body) % 97:02d}")
    # months 12, 20, 42, 50, 99 are allowed; 19, 43, 49 are not
    for month, ok in [
        (12, True),
        (13, False),
        (19, False),
        (20, True),
        (42, True),
        (43, False),
        (49, False),
        (50, True),
        (99, True),
    ]:
        body = f"185{month:02d}75123456"
        number = body + f"{97 - int(body) % 97:02d}"
        assert nir.is_valid(number) is ok, month
    with pytest.raises(InvalidChecksum):
        nir.validate("295109912611194")


@given(ist.nirs())
def test_generated_nirs_are_valid(number):
    assert nir.validate(number) == number


@given(ist.sirets())
def test_generated_sirets_are_valid(number):
    assert siret.validate(number) == number


def test_pass_iae():
    assert pass_iae.validate("99999 00 00001") == "999990000001"
    assert pass_iae.format("999990000001") == "99999 00 00001"
    assert pass_iae.is_platform_number("999990000001")
    assert pass_iae.is_valid("123451234567")
    assert not pass_iae.is_platform_number("123451234567")
    with pytest.raises(InvalidLength):
        pass_iae.validate("99999000001")
    with pytest.raises(InvalidFormat):
        pass_iae.validate("99999A000001")
    with pytest.raises(InvalidFormat):
        pass_iae.validate("12345-12345!")


def test_rome():
    assert rome.validate(" k2204 ") == "K2204"
    assert rome.group("K2204") == "K22"
    assert rome.domain("K2204") == "K"
    assert rome.is_valid("N4105")
    assert not rome.is_valid("O1234")
    assert not rome.is_valid("K220")
    with pytest.raises(InvalidFormat):
        rome.validate("KK204")


@pytest.mark.parametrize("module", [nir, pass_iae, rome, siren, siret])
def test_is_valid_is_built_from_validate(module):
    good = {
        nir: "2 95 10 99 126 111 93",
        pass_iae: "99999 00 00001",
        rome: "K2204",
        siren: "552 008 443",
        siret: "732 829 320 00074",
    }[module]
    assert module.is_valid(good) is True
    assert module.is_valid(good + "9") is False
    assert module.is_valid(12345) is False  # a non-string is invalid, not an error
    assert module.is_valid.__module__ == module.__name__
    assert module.is_valid.__name__ == "is_valid"
    assert module.is_valid.__doc__


@pytest.mark.parametrize("code", ["A١٢٣٤", "A１２３４"])
def test_a_rome_code_has_ascii_digits_only(code):
    from iae_core.identifiers import rome

    assert code[1:].isdigit()  # Python's digits, not ROME's
    assert not rome.is_valid(code)


@pytest.mark.parametrize(
    ("cls", "field", "good", "bad"),
    [
        ("Structure", "department", "59", "5٩"),
        ("Company", "naf", "8899B", "88٩9B"),
    ],
)
def test_declared_patterns_read_ascii_digits_as_their_json_schema_does(cls, field, good, bad):
    import iae_core as I
    from iae_core.schema import json_schema

    entity = getattr(I, cls)
    pattern = json_schema(entity)["properties"][field]
    assert "pattern" in str(pattern)
    base = {"siret": "73282932000074", "name": "x", "department": "59"}
    if cls == "Structure":
        base |= {"kind": "ACI"}
    assert getattr(I.load(entity, {**base, field: good}), field) == good
    with pytest.raises(I.InvalidData) as caught:
        I.load(entity, {**base, field: bad})
    assert caught.value.paths == (field,)
    assert caught.value.types == ("bad_format",)

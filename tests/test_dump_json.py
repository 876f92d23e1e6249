"""`dump_json`, `write_jsonl` and `dump`'s generated writers (issue 30).

The contract: `dump_json(x)` is the JSON text of `dump(x)` (same keys in the same order,
ISO dates, enum values, sets sorted), `loads` reads it back to ``x``, and `dump` gives what
the converter's hooks give (the path `dump` took before its generated writers).
"""

import gc
import io
import json

import attrs
import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core as I
from iae_core import serialization
from iae_core._kernel.model import Entity
from iae_core.testing.registry import entity_strategies

ENTITY_STRATEGIES = sorted(entity_strategies().items(), key=lambda kv: kv[0].__name__)
CONVERTER = serialization.make_converter(detailed_validation=False)
D = pendulum.date


def _pairs(text):
    """The JSON value of ``text`` with every object as its list of (key, value) pairs."""
    return json.loads(text, object_pairs_hook=list)


def _as_pairs(value):
    """``value`` (from `dump`) with every dict as its list of (key, value) pairs, in order."""
    if isinstance(value, dict):
        return [(k, _as_pairs(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_as_pairs(v) for v in value]
    return value


def _parcours():
    """A parcours with a set of several criteria, a NIR, the RQTH flag, non-ASCII text."""
    person = I.Person(id="p-1", birth_date=D(1990, 2, 28), nir="190027505612386", rqth=True)
    structure = I.Structure(
        siret="10000000900009", kind=I.StructureKind.ACI, name="Atelier Éole", department="2A"
    )
    diagnosis = I.EligibilityDiagnosis(
        author=I.AuthorKind.PRESCRIBER,
        made_on=D(2024, 2, 29),
        criteria=frozenset({I.Criterion.RSA, I.Criterion.QPV, I.Criterion.AAH, I.Criterion.DELD}),
    )
    contract = I.Contract(
        kind=I.ContractKind.CDDI,
        structure_kind=I.StructureKind.ACI,
        start=D(2024, 3, 1),
        end=D(2024, 8, 31),
        weekly_hours=26.5,
    )
    return I.Parcours(
        person=person, structure=structure, diagnosis=diagnosis, contracts=(contract,)
    )


@pytest.fixture(scope="module")
def parcours():
    return _parcours()


@pytest.mark.parametrize(
    ("cls", "factory"), ENTITY_STRATEGIES, ids=lambda v: getattr(v, "__name__", "")
)
@given(data=st.data())
def test_dump_json_round_trips_and_is_dumps_value(cls, factory, data):
    x = data.draw(factory())
    text = I.dump_json(x)
    assert type(text) is bytes
    assert serialization.loads(cls, text) == x
    assert json.loads(text) == I.dump(x)
    assert _pairs(text) == _as_pairs(I.dump(x))  # the same keys in the same order
    assert I.dump(x) == CONVERTER.unstructure(x)  # the generated writer is the hooks' value


@given(st.lists(st.sampled_from([_parcours()]), max_size=3))
@example([])
@example([_parcours(), _parcours()])
def test_lists_of_entities_round_trip(items):
    text = I.dump_json(items)
    assert serialization.loads(list[I.Parcours], text) == items
    assert json.loads(text) == I.dump(items) == CONVERTER.unstructure(items)


def test_dump_json_is_the_compact_text_of_dump(parcours):
    text = I.dump_json(parcours)
    assert text == json.dumps(I.dump(parcours), separators=(",", ":"), ensure_ascii=False).encode()
    assert "Atelier Éole".encode() in text  # UTF-8, not \\u escapes
    assert b'"criteria":["AAH","DELD","QPV","RSA"]' in text  # the set sorted
    assert b'"made_on":"2024-02-29"' in text


def test_sensitive_fields_are_dumped_as_dump_does(parcours):
    # `dump` is the explicit full export (what `load` reads back): the NIR and the flags are
    # in it, and `dump_json` writes exactly what `dump` gives, neither more nor less.
    person = json.loads(I.dump_json(parcours.person))
    assert person == I.dump(parcours.person)
    assert person["nir"] == "190027505612386"
    assert person["rqth"] is True


def test_tuples_and_mixed_lists(parcours):
    assert I.dump((parcours.person, parcours.person)) == [I.dump(parcours.person)] * 2
    mixed = [parcours.person, "x", parcours.structure, 3]
    assert I.dump(mixed) == CONVERTER.unstructure(mixed)
    assert json.loads(I.dump_json(mixed)) == I.dump(mixed)
    assert I.dump([]) == []
    assert I.dump_json([]) == b"[]"


@pytest.mark.parametrize("shape", [list, tuple])
@pytest.mark.parametrize("size", [0, 1, 3])
def test_a_list_is_written_item_by_item_as_the_compact_text_of_dump(parcours, shape, size):
    # `dump_json` encodes a list's items one at a time into one buffer: the text is still
    # exactly the compact JSON of `dump` of the whole list, brackets and commas included.
    items = shape([parcours, parcours.person, [parcours.structure], "x", 3][: size + (size > 1)])
    text = I.dump_json(items)
    compact = json.dumps(I.dump(items), separators=(",", ":"), ensure_ascii=False).encode()
    assert text == compact
    assert type(text) is bytes


def test_a_failing_item_leaves_no_trace(parcours):
    with pytest.raises(TypeError):
        I.dump_json([parcours, object()])
    assert serialization._ISO_TEXT == {}
    assert gc.isenabled()


@attrs.frozen(kw_only=True)
class _WithHidden(Entity):
    day: pendulum.Date
    shown: int = 1
    hidden: int = attrs.field(init=False, default=2)


@attrs.frozen(kw_only=True)
class _Holder(Entity):
    inner: tuple[_WithHidden, ...]
    day: pendulum.Date | None = None


def test_an_entity_the_writers_cannot_generate_goes_through_the_hooks():
    # a field outside `__init__` (as a private one) is the converter's to write: no
    # generated function, neither dict nor struct, and the holder's struct nests its value
    assert serialization._writer(_WithHidden) is None
    assert serialization._json_writer(_WithHidden) is None
    assert serialization._json_writer(_Holder) is not None
    x = _Holder(inner=(_WithHidden(day=D(2024, 2, 29)),), day=D(2025, 3, 1))
    text = I.dump_json([x, x.inner[0]])
    assert json.loads(text) == I.dump([x, x.inner[0]]) == CONVERTER.unstructure([x, x.inner[0]])
    assert text == json.dumps(I.dump([x, x.inner[0]]), separators=(",", ":")).encode()


@attrs.frozen(kw_only=True)
class _Tree(Entity):
    name: str
    children: "tuple[_Tree, ...]" = ()


def test_an_entity_holding_its_own_class_is_written_whole():
    # the generated function of a class is asked for while that class is being generated
    tree = _Tree(name="a", children=(_Tree(name="b", children=(_Tree(name="c"),)),))
    text = I.dump_json(tree)
    assert text == b'{"name":"a","children":[{"name":"b","children":[{"name":"c","children":[]}]}]}'
    assert json.loads(text) == I.dump(tree) == CONVERTER.unstructure(tree)
    assert serialization.loads(_Tree, text) == tree


def test_the_struct_of_an_entity_has_its_fields_in_order(parcours):
    struct = serialization._json_writer(type(parcours.person))(parcours.person)
    assert struct.__struct_fields__ == tuple(f.name for f in attrs.fields(type(parcours.person)))
    assert gc.is_tracked(struct) is False  # holds no cycle: never the collector's work


def test_empty_collections_are_empty_lists(parcours):
    # the generated writers skip the comprehension of an empty tuple: still a new `[]` each
    dumped = I.dump([parcours, parcours])
    assert dumped[0]["actions"] == []
    assert dumped[0]["actions"] is not dumped[1]["actions"]
    assert dumped == CONVERTER.unstructure([parcours, parcours])


def test_dates_are_text_in_dump_and_cached_only_within_a_call(parcours):
    dumped = I.dump(parcours)
    assert dumped["person"]["birth_date"] == "1990-02-28"
    assert type(dumped["diagnosis"]["made_on"]) is str
    assert serialization._ISO_TEXT == {}  # emptied at the end of the call


def test_plain_dates_outside_entities_are_iso_text():
    assert I.dump_json([D(2024, 12, 31)]) == b'["2024-12-31"]'


def test_what_json_cannot_hold_is_a_type_error():
    with pytest.raises(TypeError):
        I.dump_json(object())


@pytest.mark.parametrize("enabled", [True, False])
def test_dump_pauses_the_collector_and_restores_it(parcours, monkeypatch, enabled):
    seen = []

    def spying(real):
        def spy(obj):
            seen.append(gc.isenabled())
            return real(obj)

        return spy

    monkeypatch.setattr(serialization, "_dump_value", spying(serialization._dump_value))
    monkeypatch.setattr(serialization, "_json_value", spying(serialization._json_value))
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        I.dump(parcours)
        I.dump_json(parcours)
        I.write_jsonl([parcours], io.BytesIO())
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False, False, False]


def test_write_jsonl_writes_one_document_a_line(parcours, tmp_path):
    items = [parcours, parcours.person, parcours.structure]
    out = io.BytesIO()
    assert I.write_jsonl(items, out) == 3
    lines = out.getvalue().split(b"\n")
    assert lines[-1] == b""  # every line ends with a newline
    assert lines[:-1] == [I.dump_json(x) for x in items]
    path = tmp_path / "out.jsonl"
    assert I.write_jsonl(iter(items), path) == 3
    assert path.read_bytes() == out.getvalue()
    assert I.write_jsonl(items, str(path)) == 3
    out = io.BytesIO()
    assert I.write_jsonl([], out) == 0
    assert out.getvalue() == b""


def test_write_jsonl_streams_in_blocks(parcours, monkeypatch):
    monkeypatch.setattr(serialization, "_JSONL_BLOCK", 64)
    writes = []

    class Sink:
        def write(self, data):
            writes.append(bytes(data))

    pulled = []

    def generate():
        for i in range(5):
            pulled.append((i, len(writes)))
            yield parcours

    assert I.write_jsonl(generate(), Sink()) == 5
    assert len(writes) == 5  # each line is over 64 bytes: one block each
    assert pulled == [(i, i) for i in range(5)]  # an item is read after the previous is out
    assert b"".join(writes) == b"".join(I.dump_json(parcours) + b"\n" for _ in range(5))

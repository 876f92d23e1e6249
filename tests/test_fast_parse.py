"""The fast JSON path of `loads` and `parse_json` (issue 15): msgspec's parser, taken only
when its answer is the strict parser's; and `load`'s fast pass against the detailed one."""

import json
import sys

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core import serialization as S
from iae_core.errors import InvalidData
from iae_core.serialization import loads, parse_json
from iae_core.testing.registry import entity_strategies

STRATEGIES = sorted(entity_strategies().items(), key=lambda kv: kv[0].__name__)


def strict(text):
    """The oracle: the standard library's parser with duplicate keys noted (or the error)."""
    try:
        value, dups = S._strict_parse(text)
    except (ValueError, RecursionError) as exc:
        return ("error", type(exc).__name__)
    return ("ok", repr(value), tuple(dups))


def fast(text):
    value = S._fast_parse(text)
    return None if value is S._NO_FAST_PARSE else repr(value)


def agrees(text):
    """The fast parser declines, or gives exactly the strict value of a text with no key twice."""
    got = fast(text)
    if got is None:
        return True
    want = strict(text)
    return want[0] == "ok" and want[1] == got and want[2] == ()


# --- generated JSON texts, duplicates and escaped colons included --------------------------

KEYS = st.sampled_from(["a", "b", "a:b", ":", "é", "start", "end", ""])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
    st.sampled_from(["a:b", "::", "x\\u003ay"]),
)
NUMBER_TEXTS = st.from_regex(
    r"-?(0|[1-9][0-9]{0,25})(\.[0-9]{1,25})?([eE][+-]?[0-9]{1,3})?", fullmatch=True
)


def _string(s, escape_colons):
    out = json.dumps(s, ensure_ascii=False)
    return out.replace(":", "\\u003a") if escape_colons else out


@st.composite
def json_texts(draw, depth=3):
    """JSON text written member by member: keys may repeat, colons may be escaped."""
    escape = draw(st.booleans())
    space = draw(st.sampled_from(["", " ", "\n  "]))
    kind = draw(st.sampled_from(["scalar", "number", "list", "object"] if depth else ["scalar"]))
    if kind == "scalar":
        value = draw(SCALARS)
        return _string(value, escape) if isinstance(value, str) else json.dumps(value)
    if kind == "number":
        return draw(NUMBER_TEXTS)
    items = draw(st.lists(json_texts(depth=depth - 1), max_size=4))
    if kind == "list":
        return "[" + ("," + space).join(items) + "]"
    keys = draw(st.lists(KEYS, min_size=len(items), max_size=len(items)))
    members = [f"{_string(k, escape)}:{space}{v}" for k, v in zip(keys, items, strict=True)]
    return "{" + ("," + space).join(members) + "}"


@given(json_texts())
@example('{"a": 1, "a": 2}')  # the plain duplicate
@example('{"a": {"x": "1:2", "y": 3}, "a": 4}')  # the dropped value had colons
@example('{"a": 1, "a": 2, "b": "\\u003a"}')  # an escaped colon would hide one dropped key
@example('{"a": 1, "b": {"c": 2, "c": 3}}')  # nested
@example('[{"k": 1}, {"k": 1, "k": 1}]')  # the same value twice is still twice
@example('{"a:b": 1, "a:b": 2}')
@example('{"\\u00e9": 1, "\\u00e9": 2}')  # the same key written two ways
@example('{"é": 1, "\\u00e9": 2}')
@example("[1e400]")
@example("[-1e400]")
@example("[" + "9" * 4301 + "]")
@example('["\\ud800"]')  # a lone surrogate: the standard library keeps it
@example("[NaN]")
@example("\ufeff[1]")
@example("[0.1000000000000000055511151231257827, 2.2250738585072011e-308, 4.9e-324]")
@example("[1, 2]\n")
@example('{"a": 1}\r\n')
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_the_fast_parser_is_taken_only_when_it_gives_the_strict_answer(text):
    assert agrees(text)
    assert agrees(text.encode("utf-8", "surrogatepass"))


@given(json_texts())
@example('{"a": 1, "a": 2}')
@example('{"a": 1, "b": {"c": 2, "c": 3}}')
def test_every_duplicate_is_still_found(text):
    want = strict(text)
    if want[0] == "ok" and want[2]:
        assert fast(text) is None
        assert parse_json(text)[1]  # and reported


def test_valid_text_takes_the_fast_parser():
    text = json.dumps({"a": [1, 2.5, "x:y", None, True], "é": {"b": "2024-02-29"}})
    assert fast(text) == repr(json.loads(text))
    assert fast(text.encode()) == repr(json.loads(text))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('{"a": 1, "a": 2}', "a key twice"),
        ('{"a": "\\u003a"}', "an escaped colon"),
        ("[NaN]", "not JSON"),
        ("\ufeff[1]", "a byte order mark"),
        ('["\\ud800"]', "a lone surrogate"),
        ("[" + "1" * 5000 + "]", "a huge number"),
        (b'["\xff"]', "not UTF-8"),
    ],
)
def test_the_fast_parser_declines(text, why):
    assert fast(text) is None, why


def test_without_msgspec_loads_gives_the_same_answers(monkeypatch):
    person = {"id": "p1", "birth_date": "1980-02-29"}
    good = json.dumps(person)
    assert fast(good) is not None
    monkeypatch.setitem(sys.modules, "msgspec", None)  # `import msgspec` now fails
    assert fast(good) is None
    assert loads(I.Person, good) == I.load(I.Person, person)
    with pytest.raises(InvalidData) as info:
        loads(I.Person, '{"id": "p1", "id": "p2", "birth_date": "1980-01-01"}')
    assert info.value.errors == (("id", "duplicate key"),)


# --- loads: the same answers on the fast and the strict paths -------------------------------


def _both(cls, text, monkeypatch):
    """``loads`` of ``text``, with the fast parser and without it: (result or errors) twice."""

    def run():
        try:
            return ("ok", loads(cls, text))
        except InvalidData as exc:
            return ("error", exc.to_json())

    first = run()
    with monkeypatch.context() as m:
        m.setattr(S, "_fast_parse", lambda text: S._NO_FAST_PARSE)
        second = run()
    return first, second


@pytest.mark.parametrize(
    "text",
    [
        '{"id": "p1", "birth_date": "1980-02-29"}',
        '{"id": "p1", "birth_date": "1980-02-30"}',  # a bad field: the detailed pass
        '{"id": "p1", "birth_date": "1980-01-01", "x": 1}',  # an unknown field
        '{"id": "p1", "id": "p2", "birth_date": "1980-13-01"}',  # a duplicate and a bad date
        '{"id": "p1", "birth_date": 19800101}',
        '{"id": "p1", "birth_date": "1980-01-01"',  # malformed
        "[1]",
    ],
)
def test_loads_answers_alike_with_and_without_the_fast_parser(text, monkeypatch):
    first, second = _both(I.Person, text, monkeypatch)
    assert first == second


@pytest.mark.parametrize(("cls", "factory"), STRATEGIES, ids=lambda v: getattr(v, "__name__", ""))
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_entity_loads_from_its_json_text_by_the_fast_parser(cls, factory, data):
    value = data.draw(factory())
    text = json.dumps(I.dump(value))
    assert loads(cls, text) == value
    assert S._fast_parse(text) is not S._NO_FAST_PARSE or "\\u003" in text


# --- load: the fast pass builds what the detailed pass builds -------------------------------


@pytest.mark.parametrize(("cls", "factory"), STRATEGIES, ids=lambda v: getattr(v, "__name__", ""))
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_fast_pass_builds_what_the_detailed_pass_builds(cls, factory, data):
    raw = I.dump(data.draw(factory()))
    built = S._fast_load(cls, raw)
    assert built is not S._NOT_FAST  # valid data never needs the detailed pass
    detailed = S._detailed_load(cls, raw)
    assert built == detailed
    assert typed(built) == typed(detailed)  # the same types too (a member, not its code)


def typed(value):
    """``value`` with the type of every part beside it (sets sorted by their parts' repr)."""
    if attrs.has(type(value)):
        return (
            type(value),
            [(f.name, typed(getattr(value, f.name))) for f in attrs.fields(type(value))],
        )
    if isinstance(value, (tuple, list)):
        return (type(value), [typed(v) for v in value])
    if isinstance(value, frozenset):
        return (type(value), sorted((typed(v) for v in value), key=repr))
    return (type(value), value)


def test_the_fast_pass_refuses_a_string_subclass_as_the_detailed_pass_does():
    class Text(str):
        pass

    data = {"id": "p1", "birth_date": Text("1980-01-01")}
    assert S._fast_load(I.Person, data) is S._NOT_FAST
    with pytest.raises(InvalidData):
        I.load(I.Person, data)


def test_a_converter_s_own_hooks_are_called_not_written_out():
    """The generated functions write out only this module's hooks: another one is called."""
    seen = []
    converter = S.make_converter(detailed_validation=False)

    def upper(value, _):
        seen.append(value)
        return value.upper()

    def first_only(value, _):
        seen.append(value)
        return (S._FAST.structure(value[0], I.Renewal),)

    converter.register_structure_hook(str, upper)
    converter.register_structure_hook_func(lambda t: t == tuple[I.Renewal, ...], first_only)
    got = converter.structure(I.dump(_contract_with_two_renewals()), I.Contract)
    assert len(got.renewals) == 1  # the converter's own hook of the renewals ran
    assert [[r["end"] for r in v] for v in seen if isinstance(v, list)] == [
        ["2024-12-31", "2025-06-30"]
    ]
    person = converter.structure({"id": "p1", "birth_date": "1980-01-01"}, I.Person)
    assert person.id == "P1"


def _contract_with_two_renewals():
    return I.load(
        I.Contract,
        {
            "kind": "CDDI",
            "structure_kind": "ACI",
            "start": "2024-01-01",
            "end": "2024-06-30",
            "weekly_hours": 26,
            "renewals": [{"end": "2024-12-31"}, {"end": "2025-06-30"}],
        },
    )


@pytest.mark.parametrize("cls", [list[I.Person], tuple[I.Person, ...], frozenset[I.Person]])
def test_a_list_taken_apart_by_the_fast_pass_still_reports_every_bad_item(cls):
    people = [{"id": f"p{i}", "birth_date": "1980-01-01"} for i in range(5)]
    people[2] = {"id": "p2", "birth_date": "1980-02-30"}
    people[4] = {"id": "", "birth_date": "1980-01-01", "x": 1}
    with pytest.raises(InvalidData) as info:
        loads(cls, json.dumps(people))
    assert [path for path, _ in info.value.errors] == ["[2].birth_date", "[4].id", "[4].x"]
    good = json.dumps(people[:2])
    assert loads(cls, good) == cls.__origin__(I.load(I.Person, p) for p in people[:2])
    assert type(loads(cls, good)) is cls.__origin__
    given_list = [dict(p) for p in people[:2]]
    I.load(cls, given_list)
    assert given_list == people[:2]  # `load` never takes the caller's list apart

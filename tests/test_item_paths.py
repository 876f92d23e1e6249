"""Issue 26, case 7: a bad string of a set of strings is reported at its item.

`Candidate.holds` and `Position.requires`: an empty, blank or non-string item is reported
at `holds[i]` (its place in the list given), through `load` and through the constructor.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from iae_core.errors import InvalidData
from iae_core.matching import Candidate, GeoPoint, Position
from iae_core.serialization import load

HERE = {"lat": 48.85, "lon": 2.35}
BASE: dict[str, dict[str, Any]] = {
    "holds": {"id": "c", "location": HERE},
    "requires": {"id": "p", "location": HERE, "rome_code": "K2204", "weekly_hours": 20},
}
CLASSES = {"holds": Candidate, "requires": Position}


@pytest.mark.parametrize("field", ["holds", "requires"])
@pytest.mark.parametrize(
    ("items", "found"),
    [
        ([""], {"[0]": "empty_string"}),
        (["permis_b", ""], {"[1]": "empty_string"}),
        (["  ", "x", "\t"], {"[0]": "empty_string", "[2]": "empty_string"}),
        (["x", 3], {"[1]": "not_a_string"}),
    ],
)
def test_a_bad_item_is_reported_at_its_index(
    field: str, items: list[Any], found: dict[str, str]
) -> None:
    expected = {f"{field}{k}": v for k, v in found.items()}
    with pytest.raises(InvalidData) as err:
        load(CLASSES[field], {**BASE[field], field: items})
    assert dict(zip(err.value.paths, err.value.types, strict=True)) == expected
    kwargs = {**BASE[field], "location": GeoPoint(**HERE), field: items}
    with pytest.raises(InvalidData) as err:
        CLASSES[field](**kwargs)
    assert dict(zip(err.value.paths, err.value.types, strict=True)) == expected


@pytest.mark.parametrize("field", ["holds", "requires"])
def test_good_items_make_a_set(field: str) -> None:
    obj = load(CLASSES[field], {**BASE[field], field: ["b", "a"]})
    assert getattr(obj, field) == frozenset({"a", "b"})
    with pytest.raises(InvalidData) as err:  # a set has no repeats (its schema: uniqueItems)
        load(CLASSES[field], {**BASE[field], field: ["b", "a", "b"]})
    assert err.value.paths == (field,)
    obj = CLASSES[field](**{**BASE[field], "location": GeoPoint(**HERE), field: ("a",)})
    assert getattr(obj, field) == frozenset({"a"})


def test_not_a_list_is_reported_at_the_field() -> None:
    with pytest.raises(InvalidData) as err:
        Candidate(id="c", location=GeoPoint(**HERE), holds="permis_b")  # type: ignore[arg-type]
    assert err.value.paths == ("holds",)
    assert err.value.types == ("not_a_set",)


@given(st.lists(st.sampled_from(["a", "b", "", " ", "c", "\t"]), max_size=6, unique=True))
@example(["", "a"])
@example(["a", ""])
def test_the_paths_are_the_indexes_of_the_blank_items(items: list[str]) -> None:
    bad = [f"holds[{i}]" for i, v in enumerate(items) if not v.strip()]
    if not bad:
        load(Candidate, {**BASE["holds"], "holds": items})
        return
    with pytest.raises(InvalidData) as err:
        load(Candidate, {**BASE["holds"], "holds": items})
    assert list(err.value.paths) == bad

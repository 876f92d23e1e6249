"""Strategies derived from the declarations: every entity, every constraint kind exercised."""

from __future__ import annotations

import contextlib
from typing import Any, ClassVar

import attrs
import pendulum
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

import iae_core as I
from iae_core._kernel import model
from iae_core.schema import entity_classes
from iae_core.serialization import dump, load
from iae_core.testing import derived
from iae_core.testing.derived import DECLARED_DATES, NotDerivableError, from_declarations
from iae_core.testing.registry import entity_strategies

CLASSES = entity_classes()
ids = [c.__name__ for c in CLASSES]


def _fields(x: object) -> dict[str, Any]:
    return {f.name: getattr(x, f.name) for f in attrs.fields(type(x))}


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_the_whole_declared_date_range_is_drawn_and_loads_back(cls):
    @settings(max_examples=8)
    @given(from_declarations(cls, window=DECLARED_DATES))
    def draws(x):
        assert load(cls, dump(x)) == x

    draws()


def test_the_registry_and_from_type_use_the_derivation():
    for cls in CLASSES:
        assert entity_strategies()[cls]() is from_declarations(cls)  # one cached strategy


def test_every_declared_constraint_kind_has_a_derivation():
    declared = {type(c) for cls in CLASSES for c in cls.CONSTRAINTS}
    kinds = {
        k
        for k in vars(model).values()
        if isinstance(k, type) and issubclass(k, model.Constraint) and k is not model.Constraint
    }
    assert declared <= kinds == set(derived._REPAIRS)


def _facets(c: model.Constraint, v: dict[str, Any]) -> set[str]:
    """The cases of ``c`` that the values ``v`` exercise."""
    get = derived._get
    if isinstance(c, model.Ordered):
        return {"both"} if get(v, c.first) and get(v, c.then) else set()
    if isinstance(c, model.Within | model.MemberOf | model.SameAs):
        return {"some"} if get(v, c.path) else set()
    if isinstance(c, model.Unique):
        return {"several"} if len(v[c.items]) >= 2 else set()
    if isinstance(c, model.Requires | model.OnlyWhen):
        return {"given"} if derived._given(v[c.field]) else set()
    if isinstance(c, model.RequiredWhen):
        when = v[c.when]
        applies = len(when) >= c.min_items if c.min_items is not None else when in c.values
        return {"applies"} if applies else set()
    if isinstance(c, model.ExactlyOne):
        return {n for n in c.names if v[n] is not None}
    if isinstance(c, model.NotAllZero):
        return {"a zero"} if any(v[n] == 0 for n in c.names) else set()
    raise AssertionError(c)


FACET = {
    model.Ordered: "both",
    model.Within: "some",
    model.MemberOf: "some",
    model.SameAs: "some",
    model.Unique: "several",
    model.Requires: "given",
    model.OnlyWhen: "given",
    model.RequiredWhen: "applies",
    model.NotAllZero: "a zero",
}


def _wanted(c: model.Constraint) -> set[str]:
    return set(c.names) if isinstance(c, model.ExactlyOne) else {FACET[type(c)]}


def _wants(cls: type) -> dict[str, set[object]]:
    """Each optional field: absent and present; each constraint: the cases to exercise."""
    out: dict[str, set[object]] = {
        s.name: {True, False} for s in model.field_specs(cls) if s.optional
    }
    out.update({f"{i}": set(_wanted(c)) for i, c in enumerate(cls.CONSTRAINTS)})
    return out


def _seen(cls: type, x: object) -> dict[str, set[object]]:
    v = _fields(x)
    out: dict[str, set[object]] = {
        s.name: {v[s.name] is None} for s in model.field_specs(cls) if s.optional
    }
    out.update({f"{i}": _facets(c, v) for i, c in enumerate(cls.CONSTRAINTS)})
    return out


@pytest.mark.parametrize("cls", CLASSES, ids=ids)
def test_from_type_draws_valid_entities_exercising_every_declaration(cls, monkeypatch):
    """Valid by construction (no draw rejected), loaded back from JSON; each optional field
    drawn absent and present; each constraint's case happens."""
    rejected = []
    reject = derived.reject
    monkeypatch.setattr(derived, "reject", lambda: rejected.append(1) or reject())
    missing = _wants(cls)

    def note(x: object) -> bool:
        for key, facets in _seen(cls, x).items():
            missing[key] -= facets
        return not any(missing.values())

    @settings(max_examples=40, database=None)
    @given(st.from_type(cls))  # health checks on (filter_too_much…)
    def draws(x):
        assert type(x) is cls
        assert load(cls, dump(x)) == x
        cls(**_fields(x))  # constructs again: valid
        note(x)

    draws()
    assert not rejected  # the repairs satisfied every constraint: nothing filtered
    if any(missing.values()):  # a rare case: searched for, up to 400 more draws
        few = settings(max_examples=400, phases=[Phase.generate], database=None)
        with contextlib.suppress(NoSuchExample):
            find(st.from_type(cls), note, settings=few)
    assert not any(missing.values()), f"{cls.__name__}: never drawn: {missing}"


# --- declared gaps and overrides -----------------------------------------------------------


@attrs.frozen(kw_only=True)
class Odd(model.Entity):
    """An entity with a field type the derivation does not know."""

    ratio: complex


class Custom(model.Constraint):
    """A constraint kind the derivation does not know."""


@attrs.frozen(kw_only=True)
class Strange(model.Entity):
    """An entity with a constraint kind the derivation does not know."""

    on: pendulum.Date
    CONSTRAINTS: ClassVar[tuple[model.Constraint, ...]] = (Custom(),)


def test_what_cannot_be_derived_is_named_not_filtered():
    with pytest.raises(NotDerivableError, match=r"Odd\.ratio"):
        from_declarations(Odd)
    with pytest.raises(NotDerivableError, match="Custom"):
        from_declarations(Strange)


def test_an_override_replaces_a_field_and_the_repairs_still_apply():
    with pytest.raises(TypeError, match="no field nope"):
        from_declarations(I.Contract, nope=st.none())

    @settings(max_examples=15)
    @given(from_declarations(I.Contract, kind=st.just(I.ContractKind.CDDI)))
    def draws(contract):
        assert contract.kind is I.ContractKind.CDDI
        assert contract.end is not None  # RequiredWhen: drawn for a CDDI
        assert contract.end >= contract.start  # Ordered

    draws()


_FORMER = [
    ("strategies", "structures", "Structure"),
    ("strategies", "immersions", "Immersion"),
    ("strategies", "placements", "Placement"),
    ("followup_strategies", "follow_ups", "FollowUp"),
    ("economy_strategies", "orientations", "Orientation"),
    ("parcours_strategies", "commitments", "Commitment"),
    ("contract_strategies", "prefect_waivers", "PrefectWaiver"),
]


@pytest.mark.parametrize(("module", "name", "cls_name"), _FORMER)
def test_the_replaced_strategy_functions_still_draw_with_a_deprecation(module, name, cls_name):
    import importlib

    import pendulum

    mod = importlib.import_module(f"iae_core.testing.{module}")
    lo, hi = pendulum.date(2024, 1, 1), pendulum.date(2024, 3, 31)
    with pytest.warns(DeprecationWarning, match=rf"{name}\(\) is deprecated.*{cls_name}"):
        strategy = getattr(mod, name)(lo, hi)

    @settings(max_examples=10, deadline=None)
    @given(strategy)
    def drawn(x):
        assert type(x).__name__ == cls_name
        for field in attrs.fields(type(x)):
            value = getattr(x, field.name)
            if isinstance(value, pendulum.Date):
                assert lo <= value <= hi, field.name

    drawn()


def test_a_name_no_module_had_is_an_attribute_error():
    from iae_core.testing import strategies as S

    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        S.nothing  # noqa: B018

"""Strategies derived from the declarations: valid entities with no per-entity code.

`from_declarations(cls)` reads each field's type and declared constraints, and the
class's cross-field `CONSTRAINTS`, which it satisfies by construction (the drawn values
are repaired, not filtered). docs/testing.md says how each kind is derived.

```python
from hypothesis import given
from iae_core import Contract
from iae_core.testing.derived import from_declarations

@given(from_declarations(Contract))
def test_my_backend_stores_any_contract(contract): ...
```
"""

from __future__ import annotations

import datetime as _dt
import math
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any, TypeVar

import attrs
import pendulum
from hypothesis import reject
from hypothesis import strategies as st

from iae_core._kernel.model import (
    MAX_SAFE_INTEGER,
    Constraint,
    ExactlyOne,
    Identifier,
    Items,
    MemberOf,
    NotAllZero,
    NotBlank,
    OnlyWhen,
    Ordered,
    Pattern,
    RequiredWhen,
    Requires,
    SameAs,
    Unique,
    Within,
    bounds_of,
    field_specs,
)
from iae_core.dates import MAX_DATE as DECLARED_MAX
from iae_core.dates import MIN_DATE as DECLARED_MIN
from iae_core.errors import InvalidData

__all__ = [
    "DECLARED_DATES",
    "WINDOW",
    "NotDerivableError",
    "from_declarations",
    "nirs",
    "rome_codes",
    "sirens",
    "sirets",
]

T = TypeVar("T")
Window = tuple[pendulum.Date, pendulum.Date]

WINDOW: Window = (pendulum.date(2015, 1, 1), pendulum.date(2035, 12, 31))
"""The dates drawn by default: a realistic window inside the declared range."""
DECLARED_DATES: Window = (DECLARED_MIN, DECLARED_MAX)
"""The whole declared range of dates (1900-2199), for ``window=DECLARED_DATES``."""


class NotDerivableError(TypeError):
    """A field type or constraint kind the derivation does not know (a declared gap)."""


def from_declarations(
    cls: type[T],
    *,
    window: Window = WINDOW,
    max_items: int = 3,
    **overrides: st.SearchStrategy[Any],
) -> st.SearchStrategy[T]:
    """Valid instances of the entity ``cls``, derived from its declarations alone.

    Args:
        cls: an entity class (`iae_core.schema.entity_classes()`).
        window: the dates drawn, inclusive (default `WINDOW`; `DECLARED_DATES` for the
            whole supported range).
        max_items: the most items of a list or set field (fewer in nested entities).
        **overrides: a strategy for some of ``cls``'s own fields, drawn instead of the
            derived one (the cross-field repairs still apply after).

    Raises:
        NotDerivableError: a field type or constraint kind with no derivation.
    """
    if not overrides:
        return _derived(typing.cast(Any, cls), window, max_items)
    names = {s.name for s in field_specs(cls)}
    unknown = sorted(set(overrides) - names)
    if unknown:
        msg = f"{cls.__name__} has no field {', '.join(unknown)}"
        raise TypeError(msg)
    return _build(cls, window, max_items, tuple(sorted(overrides.items())))


@cache
def _derived(cls: Any, window: Window, max_items: int) -> st.SearchStrategy[Any]:
    return _build(cls, window, max_items, ())


def _build(
    cls: type[T],
    window: Window,
    max_items: int,
    overrides: tuple[tuple[str, st.SearchStrategy[Any]], ...],
) -> st.SearchStrategy[T]:
    given = dict(overrides)
    present: dict[str, st.SearchStrategy[Any]] = {}
    drawn: dict[str, st.SearchStrategy[Any]] = {}
    for spec in field_specs(cls):
        where = f"{cls.__name__}.{spec.name}"
        if spec.name in given:
            drawn[spec.name] = given[spec.name]  # present: for a repair that needs a value
            present[spec.name] = given[spec.name].filter(lambda v: v is not None)
            continue
        present[spec.name] = _value(spec.type, spec.constraints, window, max_items, where)
        drawn[spec.name] = st.none() | present[spec.name] if spec.optional else present[spec.name]
    constraints: tuple[Constraint, ...] = getattr(cls, "CONSTRAINTS", ())
    for c in constraints:  # a repair draws the fields it names: they are the entity's own
        named = c.other if isinstance(c, Requires) else getattr(c, "field", "")
        if type(c) not in _REPAIRS or not {named, *getattr(c, "names", ())} <= {"", *present}:
            msg = f"{cls.__name__}: no derivation for the constraint {c!r}"
            raise NotDerivableError(msg)

    @st.composite
    def build(draw: st.DrawFn) -> T:
        values = {name: draw(s) for name, s in drawn.items()}
        try:
            for _ in range(4):  # repairs until none changes anything
                changed = False
                for c in constraints:
                    changed = _REPAIRS[type(c)](c, values, draw, present) or changed
                if not changed:
                    break
            return cls(**values)
        except InvalidData:  # a repair broke a nested entity: rare
            reject()

    return build()


# --- field values -----------------------------------------------------------------------


def _value(
    t: Any, constraints: tuple[Any, ...], window: Window, max_items: int, where: str
) -> st.SearchStrategy[Any]:
    bounds = bounds_of(constraints)
    if t is pendulum.Date:
        lo, hi = window
        return st.integers(0, hi.toordinal() - lo.toordinal()).map(lambda d: lo.add(days=d))
    if isinstance(t, type) and issubclass(t, Enum):
        return st.sampled_from(list(t))
    if t is bool:
        return st.booleans()
    if t in (int, float):
        return _number(t, bounds)
    if t is str:
        return _text(constraints, where)
    origin = typing.get_origin(t)
    if origin in (tuple, frozenset):
        item_constraints = next((c.constraints for c in constraints if isinstance(c, Items)), ())
        least = next((c.min_length for c in constraints if hasattr(c, "min_length")), 0)
        most = next((c.max_length for c in constraints if hasattr(c, "max_length")), None)
        size = max(least, min(max_items, most if most is not None else max_items))
        deeper = max(1, max_items - 1)
        item = _value(typing.get_args(t)[0], item_constraints, window, deeper, f"{where}[]")
        if origin is frozenset:
            return st.frozensets(item, min_size=least, max_size=size)
        return st.lists(item, min_size=least, max_size=size).map(tuple)
    if isinstance(t, type) and attrs.has(t):
        return _derived(t, window, max(1, max_items - 1))
    msg = f"{where}: no derivation for the type {t!r}"
    raise NotDerivableError(msg)


def _number(t: type, bounds: dict[str, Any]) -> st.SearchStrategy[Any]:
    lo, hi = bounds.get("minimum"), bounds.get("maximum")
    xlo, xhi = bounds.get("exclusiveMinimum"), bounds.get("exclusiveMaximum")
    ilo = max(-MAX_SAFE_INTEGER, math.ceil(lo) if lo is not None else -MAX_SAFE_INTEGER)
    ihi = min(MAX_SAFE_INTEGER, math.floor(hi) if hi is not None else MAX_SAFE_INTEGER)
    if xlo is not None:
        ilo = max(ilo, math.floor(xlo) + 1)
    if xhi is not None:
        ihi = min(ihi, math.ceil(xhi) - 1)
    integers = st.integers(ilo, ihi)
    if t is int:
        return integers
    floats = st.floats(  # within ±2**53 too, as the schemas and the fast path of `load` say
        min_value=max(
            -MAX_SAFE_INTEGER, next(b for b in (xlo, lo, -MAX_SAFE_INTEGER) if b is not None)
        ),
        max_value=min(
            MAX_SAFE_INTEGER, next(b for b in (xhi, hi, MAX_SAFE_INTEGER) if b is not None)
        ),
        exclude_min=xlo is not None,
        exclude_max=xhi is not None,
        allow_nan=False,
        allow_infinity=False,
    )
    return floats | integers if ilo <= ihi else floats  # a float field takes an int too


def _text(constraints: tuple[Any, ...], where: str) -> st.SearchStrategy[str]:
    ident = next((c for c in constraints if isinstance(c, Identifier)), None)
    if ident is not None:
        return _identifier(ident)
    patterns = [c for c in constraints if isinstance(c, Pattern)]
    least = next((c.min_length for c in constraints if hasattr(c, "min_length")), 0)
    most = next((c.max_length for c in constraints if hasattr(c, "max_length")), 20)
    if patterns:
        text = st.from_regex(patterns[0].regex, fullmatch=True)
        for p in patterns[1:]:
            text = text.filter(p.compiled.fullmatch)
        return text
    text = st.text(min_size=least, max_size=most)
    odd = [c for c in constraints if not isinstance(c, NotBlank) and not hasattr(c, "min_length")]
    if odd:
        raise NotDerivableError(f"{where}: no derivation for the constraint {odd[0]!r}")
    return text.filter(str.strip) if any(isinstance(c, NotBlank) for c in constraints) else text


def _identifier(ident: Identifier) -> st.SearchStrategy[str]:
    """Valid identifiers: check digits computed, not filtered for."""
    known = {"SIRET": sirets, "NIR": nirs, "ROME": rome_codes}
    if ident.name not in known:
        msg = f"no derivation for the identifier {ident.name} (its check digits)"
        raise NotDerivableError(msg)
    return known[ident.name]()


def _luhn_complete(digits: str) -> str:
    """Append the Luhn check digit to ``digits``."""
    from stdnum import luhn

    return digits + str(luhn.calc_check_digit(digits))


def sirens() -> st.SearchStrategy[str]:
    """Valid SIREN numbers (9 digits, Luhn)."""
    return st.from_regex(r"[1-9][0-9]{7}", fullmatch=True).map(_luhn_complete)


def sirets() -> st.SearchStrategy[str]:
    """Valid SIRET numbers (a valid SIREN + NIC with a Luhn key over the 14 digits)."""
    return st.builds(
        lambda siren, nic: _luhn_complete(siren + nic),
        sirens(),
        st.from_regex(r"[0-9]{4}", fullmatch=True),
    )


def nirs() -> st.SearchStrategy[str]:
    """Valid NIR numbers (sex digit, month ranges and key all valid)."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        sex = draw(st.sampled_from("1278"))
        year = draw(st.integers(0, 99))
        month = draw(st.one_of(st.integers(1, 12), st.integers(20, 42), st.integers(50, 99)))
        dept = draw(st.sampled_from([f"{d:02d}" for d in range(1, 96) if d != 20]))
        rest = draw(st.integers(1, 999)), draw(st.integers(1, 999))
        body = f"{sex}{year:02d}{month:02d}{dept}{rest[0]:03d}{rest[1]:03d}"
        key = 97 - int(body) % 97
        return f"{body}{key:02d}"

    return build()


def rome_codes() -> st.SearchStrategy[str]:
    """ROME codes (``[A-N]`` + 4 digits)."""
    return st.from_regex(r"[A-N][0-9]{4}", fullmatch=True)


# --- cross-field constraints, satisfied by construction ---------------------------------
#
# Each repair changes `values` (the drawn keyword arguments) in place so that its
# constraint holds, and says whether it changed anything. A path is `a`, `a.b`, `a[].b`.

Draw = st.DrawFn
Present = dict[str, st.SearchStrategy[Any]]


def _get(values: dict[str, Any], path: str) -> list[Any]:
    """The values at ``path`` that are given (not ``None``)."""
    nodes: list[Any] = [values]
    for step in path.split("."):
        key = step.removesuffix("[]")
        found = [n.get(key) if isinstance(n, dict) else getattr(n, key, None) for n in nodes]
        nodes = [x for v in found if v is not None for x in (v if step != key else (v,))]
    return nodes


def _map(values: dict[str, Any], path: str, fn: Callable[[Any], Any]) -> None:
    """Replace each value at ``path`` (not ``None``) by ``fn(value)``, rebuilding entities."""

    def walk(node: Any, steps: list[str]) -> Any:
        if not steps:
            return fn(node)
        key = steps[0].removesuffix("[]")
        value = node[key] if isinstance(node, dict) else getattr(node, key)
        if value is None:
            return node
        many = steps[0] != key
        new = tuple(walk(v, steps[1:]) for v in value) if many else walk(value, steps[1:])
        if isinstance(node, dict):
            node[key] = new
            return node
        return node if new == value else attrs.evolve(node, **{key: new})

    walk(values, path.split("."))


def _step(value: Any, sign: int) -> Any:
    if type(value) is pendulum.Date:
        return value.add(days=sign)
    if isinstance(value, int):
        return value + sign
    return math.nextafter(value, math.inf * sign)


def _ordered(c: Ordered, values: dict[str, Any], draw: Draw, present: Present) -> bool:
    firsts, thens = _get(values, c.first), _get(values, c.then)
    if not firsts or not thens:
        return False
    low, high = max(firsts), min(thens)
    if high > low or (high == low and not c.strict):
        return False
    # move an own field when there is one (no nested entity rebuilt), else the single side
    if ("." in c.then or "[]" in c.then) and "[]" not in c.first:
        at = _step(high, -1) if c.strict else high
        _map(values, c.first, lambda v: min(v, at))
    else:
        at = _step(low, 1) if c.strict else low
        _map(values, c.then, lambda v: max(v, at))
    return True


def _within(c: Within, values: dict[str, Any], draw: Draw, present: Present) -> bool:
    (start, *_), (end, *_) = _get(values, c.start) or [None], _get(values, c.end) or [None]
    if start is None or end is None or end < start:
        return False
    if all(start <= day <= end for day in _get(values, c.path)):
        return False
    span = end.toordinal() - start.toordinal() + 1
    _map(values, c.path, lambda day: start.add(days=(day.toordinal() - start.toordinal()) % span))
    return True


def _unique(c: Unique, values: dict[str, Any], draw: Draw, present: Present) -> bool:
    items = values.get(c.items)
    if not isinstance(items, tuple):
        return False
    seen: set[Any] = set()
    kept = []
    for item in items:
        key = item if c.key is None else getattr(item, c.key)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    values[c.items] = tuple(kept)
    return len(kept) != len(items)


def _given(value: Any) -> bool:
    return value is not None and value != () and value != frozenset()


def _requires(c: Requires, values: dict[str, Any], draw: Draw, present: Present) -> bool:
    if not _given(values.get(c.field)) or _get(values, c.other):
        return False
    values[c.other] = draw(present[c.other])
    return True


def _required_when(c: RequiredWhen, values: dict[str, Any], draw: Draw, present: Present) -> bool:
    if values.get(c.field) is not None:
        return False
    when = values.get(c.when)
    applies = len(when or ()) >= c.min_items if c.min_items is not None else when in c.values
    if applies:
        values[c.field] = draw(present[c.field])
    return bool(applies)


def _only_when(c: OnlyWhen, values: dict[str, Any], draw: Draw, present: Present) -> bool:
    if values.get(c.field) is None or values.get(c.when) in c.values:
        return False
    if draw(st.booleans()):  # the field dropped, or `when` given a value allowing it
        values[c.field] = None
    else:
        values[c.when] = draw(st.sampled_from(sorted(c.values, key=str)))
    return True


def _exactly_one(c: ExactlyOne, values: dict[str, Any], draw: Draw, present: Present) -> bool:
    if sum(values.get(n) is not None for n in c.names) == 1:
        return False
    chosen = draw(st.sampled_from(c.names))
    for name in c.names:
        values[name] = None
    values[chosen] = draw(present[chosen])
    return True


def _not_all_zero(c: NotAllZero, values: dict[str, Any], draw: Draw, present: Present) -> bool:
    if any(values.get(n) != 0 for n in c.names):
        return False
    name = draw(st.sampled_from(c.names))
    values[name] = draw(present[name].filter(lambda v: v != 0))
    return True


def _member_of(c: MemberOf, values: dict[str, Any], draw: Draw, present: Present) -> bool:
    known: set[Any] = set()
    for v in _get(values, c.among):
        known.update(v if isinstance(v, frozenset | tuple) else (v,))
    if all(v in known for v in _get(values, c.path)):
        return False
    among = values.get(c.among)
    if isinstance(among, frozenset):  # a set of codes: it gains the values
        values[c.among] = among | set(_get(values, c.path))
    elif known:
        choices = sorted(known, key=str)
        _map(values, c.path, lambda v: v if v in known else draw(st.sampled_from(choices)))
    else:
        _map(values, c.path, lambda v: None)
    return True


def _same_as(c: SameAs, values: dict[str, Any], draw: Draw, present: Present) -> bool:
    expected = _get(values, c.other)
    if not expected or all(v == expected[0] for v in _get(values, c.path)):
        return False
    _map(values, c.path, lambda v: expected[0])
    return True


_REPAIRS: dict[type, Callable[[Any, dict[str, Any], Draw, Present], bool]] = {
    Ordered: _ordered,
    Within: _within,
    Unique: _unique,
    Requires: _requires,
    RequiredWhen: _required_when,
    OnlyWhen: _only_when,
    ExactlyOne: _exactly_one,
    NotAllZero: _not_all_zero,
    MemberOf: _member_of,
    SameAs: _same_as,
}
"""Constraint kind -> its repair (a kind missing here is a declared gap: `NotDerivableError`)."""


# --- the strategy functions the derivation replaced (deprecated, kept working) -----------

_FORMER: dict[str, dict[str, str]] = {
    "strategies": {
        "structures": "Structure",
        "companies": "Company",
        "hours_derogations": "HoursDerogation",
        "immersions": "Immersion",
        "placements": "Placement",
        "actions": "Action",
    },
    "followup_strategies": {
        "follow_ups": "FollowUp",
        "support_actions": "SupportAction",
        "immersion_assessments": "ImmersionAssessment",
        "evidence": "Evidence",
        "skills": "Skill",
        "skills_attestations": "SkillsAttestation",
    },
    "economy_strategies": {
        "orientations": "Orientation",
        "engagement_contracts": "EngagementContract",
    },
    "parcours_strategies": {"commitments": "Commitment", "partnership_events": "PartnershipEvent"},
    "contract_strategies": {"prefect_waivers": "PrefectWaiver"},
}
"""Strategy functions that only restated declarations, by module: the entity each drew."""


def former(module: str, name: str) -> Callable[..., st.SearchStrategy[Any]]:
    """A strategy function the derivation replaced, kept working with a `DeprecationWarning`.

    Its arguments keep their meaning: two dates (`min_value`/`max_value`, `start`/`end`,
    given by position or by name) narrow the dates drawn, and `kinds` fixes the kind.

    Raises:
        AttributeError: `module` (`"strategies"`, …) never had `name`.
    """
    import warnings

    from iae_core.schema import entity_classes

    cls_name = _FORMER.get(module.rsplit(".", 1)[-1], {}).get(name)
    if cls_name is None:
        msg = f"module {module!r} has no attribute {name!r}"
        raise AttributeError(msg)
    (cls,) = (c for c in entity_classes() if c.__name__ == cls_name)

    def strategy(*window: pendulum.Date, **named: Any) -> st.SearchStrategy[Any]:
        warnings.warn(
            f"{module}.{name}() is deprecated: use st.from_type({cls_name}) or "
            f"from_declarations({cls_name}, window=..., field=strategy)",
            DeprecationWarning,
            stacklevel=2,
        )
        given = [*window, *named.values()]
        kinds = named.get(
            "kinds", next((a for a in window if isinstance(a, st.SearchStrategy)), None)
        )
        bounds = [pendulum.date(a.year, a.month, a.day) for a in given if isinstance(a, _dt.date)]
        span = (bounds[0], bounds[1] if len(bounds) > 1 else WINDOW[1]) if bounds else WINDOW
        fixed = {} if kinds is None else {"kind": kinds}
        return from_declarations(cls, window=(span[0], max(span)), **fixed)

    strategy.__name__ = strategy.__qualname__ = name
    strategy.__doc__ = f"Deprecated: `from_declarations({cls_name})`, or `st.from_type`."
    return strategy

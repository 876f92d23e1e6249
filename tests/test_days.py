"""Every public function taking a day (`on=`, `day=`) takes a `pendulum.Date`, a
`datetime.date` or an ISO `YYYY-MM-DD` text, and refuses anything else with `InvalidData`
naming the argument (`iae_core.dates.as_day`)."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core as I
from iae_core import params, planning
from iae_core._services.registry import CHECKERS
from iae_core.dates import MAX_DATE, MIN_DATE, as_day

DAY_NAMES = ("on", "day")

# `Rule.applies_on` (the rules catalogue, in the kernel's findings module) keeps a
# `pendulum.Date`: `errors` refers to the findings (`RuleViolation` holds a `Report`), so the
# findings cannot refer to `dates.as_day`, which raises `InvalidData`, without a cycle.
LEFT_OUT = {"iae_core._kernel.findings.Rule.applies_on"}


def _public_modules() -> Iterator[str]:
    yield "iae_core"
    for m in pkgutil.walk_packages(I.__path__, "iae_core."):
        parts = m.name.split(".")[1:]
        if any(p.startswith("_") for p in parts) or parts[0] in ("testing", "cli", "api"):
            continue
        yield m.name


def _entry_points() -> list[tuple[str, Callable[..., Any], str, bool]]:
    """(name, function, day argument, is a method) for every public function taking a day."""
    seen: set[Any] = set()
    out = []

    def consider(fn: Any, method: bool) -> None:
        if not inspect.isfunction(fn) or fn in seen or not fn.__module__.startswith("iae_core"):
            return
        seen.add(fn)
        for name in inspect.signature(fn).parameters:
            qualname = f"{fn.__module__}.{fn.__qualname__}"
            if name in DAY_NAMES and qualname not in LEFT_OUT:
                out.append((f"{fn.__module__}.{fn.__qualname__}", fn, name, method))

    for module_name in _public_modules():
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if inspect.isfunction(obj):
                consider(obj, method=False)
            elif inspect.isclass(obj) and obj.__module__.startswith("iae_core"):
                for key, value in vars(obj).items():
                    if key.startswith("_"):
                        continue
                    if isinstance(value, staticmethod):
                        consider(value.__func__, method=False)
                    elif isinstance(value, classmethod):
                        consider(value.__func__, method=True)
                    else:
                        consider(value, method=True)
    for fn in CHECKERS.values():
        consider(fn, method=False)
    return sorted(out, key=lambda t: t[0])


ENTRY_POINTS = _entry_points()


def _call(fn: Callable[..., Any], arg: str, method: bool, value: Any) -> Any:
    """`fn` with `value` as its day and `None` for every other required argument."""
    sig = inspect.signature(fn)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for i, (name, p) in enumerate(sig.parameters.items()):
        if method and i == 0:
            args.append(None)  # self: the day is read first
            continue
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if name == arg:
            given_value = value
        elif p.default is p.empty:
            given_value = None
        else:
            continue
        if p.kind is p.POSITIONAL_ONLY:
            args.append(given_value)
        else:
            kwargs[name] = given_value
    return fn(*args, **kwargs)


def test_the_entry_points_are_found():
    names = {name for name, *_ in ENTRY_POINTS}
    for expected in (
        "iae_core.checks.check",
        "iae_core.planning._contract.contract",
        "iae_core.planning._approval.approval",
        "iae_core.planning._pmsmp.pmsmp",
        "iae_core.planning._deadlines.deadlines",
        "iae_core.approvals._entities.Approval.state",
        "iae_core.people.Person.age_on",
        "iae_core.eligibility._rules.is_eligible",
        "iae_core.params._param.Param.at",
        "iae_core.stats.retention",
        "iae_core.funding._rules.base_amount",
    ):
        assert expected in names
    assert len(ENTRY_POINTS) > 40


@pytest.mark.parametrize(
    "bad",
    [20260105, None, "2026-1-05", "2026-02-30", "05/01/2026", "2026-01-05T00:00", b"2026-01-05"],
    ids=repr,
)
@pytest.mark.parametrize(
    ("fn", "arg", "method"), [t[1:] for t in ENTRY_POINTS], ids=[t[0] for t in ENTRY_POINTS]
)
def test_every_entry_point_refuses_what_is_not_a_day(fn: Any, arg: str, method: bool, bad: Any):
    if bad is None and inspect.signature(fn).parameters[arg].default is None:
        # an optional day (`exit_rates(..., on=None)`): None means "not as of a day"
        assert arg not in _bad_paths(fn, arg, method, bad)
        return
    with pytest.raises(I.InvalidData) as info:
        _call(fn, arg, method, bad)
    assert info.value.paths == (arg,)
    assert info.value.details[0].type == "not_a_date"


@pytest.mark.parametrize("day", ["2026-01-05", dt.date(2026, 1, 5), pendulum.date(2026, 1, 5)])
@pytest.mark.parametrize(
    ("fn", "arg", "method"), [t[1:] for t in ENTRY_POINTS], ids=[t[0] for t in ENTRY_POINTS]
)
def test_every_entry_point_takes_the_day_as_text_or_a_date(
    fn: Any, arg: str, method: bool, day: Any
):
    # the other arguments are `None`: what fails afterwards is not about the day
    assert arg not in _bad_paths(fn, arg, method, day)


def _bad_paths(fn: Any, arg: str, method: bool, day: Any) -> tuple[str, ...]:
    try:
        _call(fn, arg, method, day)
    except I.InvalidData as exc:
        return exc.paths
    except (AttributeError, TypeError, LookupError, ValueError):
        return ()
    return ()


def test_a_datetime_is_not_a_day():
    with pytest.raises(I.InvalidData) as info:
        as_day(dt.datetime(2026, 1, 5, 12), "on")
    assert info.value.paths == ("on",)
    with pytest.raises(I.InvalidData):
        as_day(pendulum.datetime(2026, 1, 5), "on")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("1899-12-31", False),
        ("1900-01-01", True),
        ("2199-12-31", True),
        ("2200-01-01", False),
        ("2024-02-29", True),
        ("2025-02-29", False),
        ("2026-04-30", True),
        ("2026-04-31", False),
        ("2026-12-31", True),
        ("2026-13-01", False),
    ],
)
def test_the_limits_of_a_day_as_text(text: str, ok: bool):
    if ok:
        assert as_day(text) == pendulum.parse(text).date()
    else:
        with pytest.raises(I.InvalidData) as info:
            as_day(text, "day")
        assert info.value.paths == ("day",)


@given(st.dates(min_value=MIN_DATE, max_value=MAX_DATE))
@example(dt.date(2024, 2, 29))
@example(dt.date(1900, 1, 1))
@example(dt.date(2199, 12, 31))
def test_the_three_forms_of_a_day_are_the_same_day(day: dt.date):
    expected = pendulum.Date(day.year, day.month, day.day)
    for form in (day, expected, day.isoformat()):
        got = as_day(form)
        assert got == expected
        assert type(got) is pendulum.Date


# --- the same answers, whatever the form -------------------------------------------------------

APPROVAL = I.Approval(number="999990000001", start=pendulum.date(2024, 3, 1))
CONTRACT = I.load(
    I.Contract,
    {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": "2026-01-05",
        "end": "2026-06-05",
        "weekly_hours": 20,
    },
)


@pytest.mark.parametrize("text", ["2026-02-28", "2026-03-01", "2024-02-29", "2026-11-23"])
def test_text_and_date_give_the_same_answers(text: str):
    day = pendulum.parse(text).date()
    assert I.check(APPROVAL, on=text, structure_kind="ACI") == I.check(
        APPROVAL, on=day, structure_kind="ACI"
    )
    assert I.check(CONTRACT, on=text) == I.check(CONTRACT, on=day)
    assert planning.contract(CONTRACT, on=text) == planning.contract(CONTRACT, on=day)
    assert planning.approval(APPROVAL, on=text, structure_kind="ACI") == planning.approval(
        APPROVAL, on=day, structure_kind="ACI"
    )
    assert planning.deadlines([APPROVAL], on=text) == planning.deadlines([APPROVAL], on=day)
    assert APPROVAL.state(text) is APPROVAL.state(day)
    assert APPROVAL.remaining_days(text) == APPROVAL.remaining_days(day)
    assert params.get("cddi.min_months").at(text) == params.get("cddi.min_months").at(day)
    person = I.Person(id="p", birth_date=pendulum.date(1976, 2, 29))
    assert person.age_on(text) == person.age_on(day)

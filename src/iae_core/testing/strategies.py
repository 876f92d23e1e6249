"""Hypothesis strategies: valid entities by construction, and arbitrary JSON.

Every strategy returns values that construct without error (a generated SIRET has a valid
Luhn key, dates are ordered, hours are in range). They are public so that embedders'
tests can use them. The entities' strategies are derived from their declarations
(`iae_core.testing.derived.from_declarations`); the arguments here narrow the dates or
fix a field. See docs/testing.md.
"""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import strategies as st

from iae_core._kernel.model import DEPARTMENT
from iae_core.approvals import Approval, Prolongation, Suspension
from iae_core.contracts import Contract, Renewal
from iae_core.eligibility import EligibilityDiagnosis
from iae_core.enums import ContractKind, StructureKind
from iae_core.parcours import Exit, Parcours
from iae_core.people import Person
from iae_core.testing.derived import (
    WINDOW,
    former,
    from_declarations,
    nirs,
    rome_codes,
    sirens,
    sirets,
)

__all__ = [
    "approvals",
    "contracts",
    "dates",
    "departments",
    "diagnoses",
    "exits",
    "json_values",
    "nirs",
    "parcours",
    "pass_numbers",
    "periods",
    "persons",
    "prolongations",
    "register_type_strategies",
    "renewals",
    "rome_codes",
    "sirens",
    "sirets",
    "suspensions",
]

MIN_DATE, MAX_DATE = WINDOW  # the dates drawn by default (`derived.WINDOW`)


def dates(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[pendulum.Date]:
    """Calendar dates as `pendulum.Date`, between the bounds (inclusive)."""
    span = (max_value - min_value).in_days()
    return st.integers(0, span).map(lambda d: min_value.add(days=d))


def periods(
    min_value: pendulum.Date = MIN_DATE,
    max_value: pendulum.Date = MAX_DATE,
    *,
    max_days: int = 3 * 365,
    min_days: int = 0,
) -> st.SearchStrategy[tuple[pendulum.Date, pendulum.Date]]:
    """``(start, end)`` with ``start <= end`` and ``min_days <= end - start <= max_days``."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[pendulum.Date, pendulum.Date]:
        start = draw(dates(min_value, max_value.subtract(days=min_days)))
        room = min(max_days, (max_value - start).in_days())
        length = draw(st.integers(min_days, max(min_days, room)))
        return start, start.add(days=length)

    return build()


def pass_numbers(*, legacy: bool = False) -> st.SearchStrategy[str]:
    """Valid PASS IAE numbers: platform ``99999`` + 7 digits (or legacy 12 characters)."""
    platform = st.from_regex(r"99999[0-9]{7}", fullmatch=True)
    if not legacy:
        return platform
    return st.one_of(platform, st.from_regex(r"[0-8][0-9]{4}[0-9]{2}[0-9A-Z]{5}", fullmatch=True))


def departments() -> st.SearchStrategy[str]:
    """Department codes (what `DEPARTMENT` declares)."""
    return st.from_regex(DEPARTMENT.regex, fullmatch=True)


BIRTH_MIN = pendulum.date(1950, 1, 1)
BIRTH_MAX = pendulum.date(2008, 12, 31)

# The entities' strategies below are derived from their declarations
# (`iae_core.testing.derived`); the arguments only narrow the dates or fix a field.


def _fixed(**fields: st.SearchStrategy[Any] | None) -> dict[str, Any]:
    return {name: s for name, s in fields.items() if s is not None}


def persons(
    *, birth_min: pendulum.Date = BIRTH_MIN, birth_max: pendulum.Date = BIRTH_MAX
) -> st.SearchStrategy[Person]:
    """People (with or without a NIR), born between the bounds."""
    return from_declarations(Person, window=(birth_min, birth_max))


def diagnoses() -> st.SearchStrategy[EligibilityDiagnosis]:
    """Eligibility diagnoses (any author, any criteria, proofs of those criteria)."""
    return from_declarations(EligibilityDiagnosis)


def suspensions(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[Suspension]:
    """Suspensions (start <= end), with or without a declaration date (``declared_on``)."""
    return from_declarations(Suspension, window=(min_value, max_value))


def prolongations(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[Prolongation]:
    """Prolongations (start < end), with or without a request date (``requested_on``)."""
    return from_declarations(Prolongation, window=(min_value, max_value))


def approvals() -> st.SearchStrategy[Approval]:
    """PASS IAE (a valid number) with suspensions and prolongations (not necessarily lawful)."""
    return from_declarations(Approval, number=pass_numbers(legacy=True))


def renewals(after: pendulum.Date = MIN_DATE) -> st.SearchStrategy[Renewal]:
    """Renewals ending after ``after``."""
    return from_declarations(Renewal, window=(after, MAX_DATE))


def contracts(
    kinds: st.SearchStrategy[ContractKind] | None = None,
    structure_kinds: st.SearchStrategy[StructureKind] | None = None,
) -> st.SearchStrategy[Contract]:
    """Contracts of any kind, with renewals, derogations, immersions and placements."""
    return from_declarations(Contract, **_fixed(kind=kinds, structure_kind=structure_kinds))


def exits() -> st.SearchStrategy[Exit]:
    """Exits."""
    return from_declarations(Exit)


def parcours() -> st.SearchStrategy[Parcours]:
    """Parcours with any parts (not necessarily lawful); contracts are of its structure's kind."""
    return from_declarations(Parcours)


def json_values(max_leaves: int = 20) -> st.SearchStrategy[Any]:
    """Arbitrary JSON documents (None, booleans, numbers, strings, lists, objects)."""
    leaves = (
        st.none()
        | st.booleans()
        | st.integers(-(10**6), 10**6)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=12)
        | dates().map(lambda d: d.isoformat())
    )
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=10), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


def register_type_strategies() -> None:
    """Make `st.from_type` draw every entity and `pendulum.Date` (`iae_core.testing.registry`)."""
    from iae_core.schema import entity_classes

    st.register_type_strategy(pendulum.Date, dates())
    for cls in entity_classes():
        st.register_type_strategy(cls, from_declarations(cls))


_STRATEGIES = frozenset(__all__) - {"register_type_strategies"}


def __getattr__(name: str) -> object:
    """The strategy functions the derivation replaced (deprecated; `derived.former`)."""
    return former(__name__, name)


def __dir__() -> list[str]:
    """Only the strategies (what `from ... import *` and a completing shell should offer)."""
    return sorted(_STRATEGIES)

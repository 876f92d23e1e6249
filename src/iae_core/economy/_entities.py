"""The structure's economy, its entities: ACI activities and their yearly accounts.

An ACI runs one or more *ateliers et chantiers* (`Activity`), each with yearly accounts
(`YearAccounts`: charges, sales revenue, subsidies by funder) and, when the prefect raised
the ceiling, the decision (`PrefectDecision`). The rules judging them are in
`iae_core.economy._rules`; the area's face is `iae_core.economy`.

Money is in euros as floats; `cents` rounds to the cent (half up) from the decimal a
person wrote (`exact_decimal`), so that shares are computed exactly.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    MAX_DATE,
    MIN_DATE,
    SIRET,
    TEXT,
    Entity,
    Ge,
    Le,
    Problems,
    Unique,
    declare,
    enum_converter,
    need_number,
    to_siret,
    to_tuple,
)
from iae_core.enums import ActivitySupport, ConsultedBody, Funder

__all__ = [
    "MAX_AMOUNT",
    "MAX_HOURS",
    "Activity",
    "PrefectDecision",
    "Subsidy",
    "YearAccounts",
    "cents",
    "exact_decimal",
    "need_money",
    "to_consulted_body",
    "to_funder",
    "to_support",
]

_CENT = Decimal("0.01")

MAX_AMOUNT = 1_000_000_000_000
"""The largest amount of money taken (€, 10**12: a thousand billion): not a legal number,
the bound under which every sum and share is exact to the cent in a float (a larger one
is refused as `out_of_range`, never turned into `inf` or `NaN`)."""

MAX_HOURS = 1_000_000_000
"""The largest number of hours taken (10**9), for the same reason as `MAX_AMOUNT`."""


def need_money(
    problems: Problems, name: str, value: object, *, maximum: float = MAX_AMOUNT
) -> bool:
    """A finite amount of money (or of hours), 0 or more and at most `maximum`.

    NaN and infinities are `not_a_number` (`not_finite`); a negative amount or one beyond
    `maximum` is `out_of_range`; a bool or a string is `not_a_number`. Each problem is added
    to `problems` at `name` (a path: `aids.REGION`, `aids[2].amount`).
    """
    return need_number(problems, name, value, minimum=0, maximum=maximum)


def exact_decimal(value: float) -> Decimal:
    """The decimal a person wrote (`repr` of the float), not its binary expansion."""
    return Decimal(repr(float(value)))


def cents(value: float | Decimal) -> float:
    """`value` rounded to the cent, half up (`2.345` → `2.35`)."""
    d = value if isinstance(value, Decimal) else exact_decimal(value)
    return float(d.quantize(_CENT, rounding=ROUND_HALF_UP))


_FUNDER = enum_converter(Funder)
_SUPPORT = enum_converter(ActivitySupport)
_BODY = enum_converter(ConsultedBody)


def to_funder(value: Funder | str) -> Any:
    """Converter: a `Funder` code becomes the member."""
    return _FUNDER(value)


def to_support(value: ActivitySupport | str) -> Any:
    """Converter: an `ActivitySupport` code becomes the member."""
    return _SUPPORT(value)


def to_consulted_body(value: ConsultedBody | str) -> Any:
    """Converter: a `ConsultedBody` code becomes the member."""
    return _BODY(value)


@attrs.frozen(kw_only=True)
class Subsidy(Entity):
    """One funder's subsidy to an activity for a year.

    Attributes:
        funder: who pays it.
        amount: euros for the year (0 or more).
    """

    funder: Funder = attrs.field(converter=to_funder)
    amount: float = attrs.field(metadata=declare(Ge(0), Le(MAX_AMOUNT)))


@attrs.frozen(kw_only=True)
class PrefectDecision(Entity):
    """The prefect's decision raising an activity's sales share (C. trav. art. D5132-34).

    Attributes:
        decided_on: the day of the decision.
        ceiling_percent: the share of charges sales may reach (50 means 50 %).
        consulted: the body whose favourable opinion was taken (the CDIAE until
            30 June 2024, the specialised commission of the comité départemental pour
            l'emploi from 1 July 2024: décret 2024-560).
    """

    decided_on: pendulum.Date = attrs.field(converter=dates.to_date)
    ceiling_percent: float = attrs.field(metadata=declare(Ge(0), Le(100)))
    consulted: ConsultedBody = attrs.field(converter=to_consulted_body)


@attrs.frozen(kw_only=True)
class YearAccounts(Entity):
    """An activity's accounts for one calendar year.

    Attributes:
        year: the year (1900–2199).
        charges: the activity's charges for the year (€).
        sales: its sales revenue (*recettes tirées de la commercialisation*, €).
        subsidies: the subsidies it received, at most one per funder.
        prefect_decision: the prefect's decision raising the share for this year, if any.
    """

    year: int = attrs.field(metadata=declare(Ge(MIN_DATE.year), Le(MAX_DATE.year)))
    charges: float = attrs.field(metadata=declare(Ge(0), Le(MAX_AMOUNT)))
    sales: float = attrs.field(metadata=declare(Ge(0), Le(MAX_AMOUNT)))
    subsidies: tuple[Subsidy, ...] = attrs.field(default=(), converter=to_tuple)
    prefect_decision: PrefectDecision | None = None

    CONSTRAINTS = (Unique("subsidies", "funder"),)

    def subsidy(self, funder: Funder) -> float:
        """The amount of `funder`'s subsidy (0 when none)."""
        return sum((s.amount for s in self.subsidies if s.funder is funder), 0.0)

    @property
    def subsidies_total(self) -> float:
        """All subsidies of the year, rounded to the cent."""
        return cents(sum((exact_decimal(s.amount) for s in self.subsidies), Decimal(0)))


@attrs.frozen(kw_only=True)
class Activity(Entity):
    """One ACI workshop or site (*atelier ou chantier d'insertion*) and its accounts.

    Attributes:
        siret: the structure's SIRET (compact, checksum-valid).
        name: the activity's name.
        support: what it produces.
        accounts: its yearly accounts, at most one per year.
        id: the embedder's identifier of the activity, if any.
    """

    siret: str = attrs.field(converter=to_siret, metadata=declare(SIRET))
    name: str = attrs.field(metadata=declare(TEXT))
    support: ActivitySupport = attrs.field(converter=to_support)
    accounts: tuple[YearAccounts, ...] = attrs.field(default=(), converter=to_tuple)
    id: str | None = attrs.field(default=None, metadata=declare(TEXT))

    CONSTRAINTS = (Unique("accounts", "year"),)

    def year(self, year: int) -> YearAccounts | None:
        """The accounts of `year`, if any."""
        return next((a for a in self.accounts if a.year == year), None)

"""Funding: the *aide au poste d'insertion* per full-time post, and the département's share.

The aid is paid per full-time post (*poste occupé à temps plein*), up to the posts of the
structure's convention, reduced in proportion to how much each post is occupied. It is a
**base amount** (*montant socle*, set by arrêté, by kind and date) plus a **modulated
part** of the base, up to `MODULATION_MAX` (`MODULATION_MAX_PRISON` in prisons), set by
the prefect (C. trav. art. R5132-7/-8 EI, R5132-10-12/-13 ETTI, R5132-23/-24 AI,
R5132-37/-38 ACI):

```python
import pendulum
from iae_core import params
from iae_core.enums import StructureKind
from iae_core.funding import base_amount

day = pendulum.date(2025, 3, 1)
assert base_amount(StructureKind.EI, day) == params.get("funding.base_amount.EI").at(day)
```

Amounts are dated parameters (`funding.base_amount.<KIND>`,
`funding.mayotte_base_amount.<KIND>`, each row with its arrêté), also shown as the tables
`BASE_AMOUNTS` and `MAYOTTE_BASE_AMOUNTS`: a new arrêté is one more row in
`params/data/funding.toml`. Past a series' `verified_until` (no later arrêté was found),
or before its first row, `base_amount` raises `LookupError` instead of guessing, unless
`allow_unverified=True` asks for the last known amount.

One full-time post's annual hours are not fixed by any text: they are a parameter of
`fte_consumed`, with the usual values in `USUAL_HOURS_PER_FTE`
(`funding.usual_hours_per_fte`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

import pendulum

from iae_core import dates, params
from iae_core.dates import DayLike, as_day
from iae_core.enums import StructureKind
from iae_core.exits import hours_worked
from iae_core.funding._entities import FteUsage, FundingSummary
from iae_core.parcours import Parcours
from iae_core.people import Structure
from iae_core.versions import Dated

__all__ = [
    "ACI_SUPPORT_AMOUNTS",
    "BASE_AMOUNTS",
    "CDI_INCLUSION_RATES",
    "EITI_BASE_AMOUNTS",
    "EITI_MONTHLY_AMOUNTS",
    "MAYOTTE_BASE_AMOUNTS",
    "MAYOTTE_EITI_BASE_AMOUNTS",
    "MAYOTTE_EITI_MONTHLY_AMOUNTS",
    "MODULATION_MAX",
    "MODULATION_MAX_PRISON",
    "USUAL_HOURS_PER_FTE",
    "VERIFIED_UNTIL",
    "aid_per_post",
    "base_amount",
    "cdi_inclusion_rate",
    "departement_contribution",
    "departement_monthly_contribution",
    "ei_part_time_ratio",
    "eiti_monthly_amount",
    "fte_consumed",
    "fte_usage",
    "modulated_amount",
    "rsa_amount",
    "yearly_summary",
]

_EI, _ETTI, _AI, _ACI, _EITI = (
    StructureKind.EI,
    StructureKind.ETTI,
    StructureKind.AI,
    StructureKind.ACI,
    StructureKind.EITI,
)
_POST_KINDS = (_EI, _ETTI, _AI, _ACI)
_KINDS = {m.value: m for m in StructureKind}

_BASE = {k: params.get(f"funding.base_amount.{k.value}") for k in _POST_KINDS}
_MAYOTTE_BASE = {k: params.get(f"funding.mayotte_base_amount.{k.value}") for k in _POST_KINDS}
_ACI_SUPPORT = params.get("funding.aci_support_amount")
_EITI_BASE = params.get("funding.eiti_base_amount")
_MAYOTTE_EITI_BASE = params.get("funding.mayotte_eiti_base_amount")
_EITI_MONTHLY = params.get("funding.eiti_monthly_amount")
_MAYOTTE_EITI_MONTHLY = params.get("funding.mayotte_eiti_monthly_amount")
_MODULATION_MAX = params.get("funding.modulation_max_percent")
_MODULATION_MAX_PRISON = params.get("funding.modulation_max_prison_percent")
_CDI_FIRST = params.get("funding.cdi_inclusion_first_year_percent")
_CDI_LATER = params.get("funding.cdi_inclusion_later_percent")
_CDI_FIRST_MONTHS = params.get("funding.cdi_inclusion_first_year_months")
_EI_REFERENCE_HOURS = params.get("funding.ei_part_time_reference_weekly_hours")
_USUAL_HOURS = params.get("funding.usual_hours_per_fte")
_YEAR_DAYS = params.get("funding.usual_hours_year_days")


def _starts(*series: params.Param) -> list[pendulum.Date]:
    """Every row start of `series`, sorted, without repeats."""
    return sorted({r.start for p in series for r in p.rows if r.start is not None})


def _by_kind(series: Mapping[StructureKind, params.Param]) -> Dated[Mapping[StructureKind, int]]:
    """One row per start of any kind's series: each kind's amount in force on that day."""
    return Dated(
        {
            day: MappingProxyType({k: int(p.at(day)) for k, p in series.items()})
            for day in _starts(*series.values())
        }
    )


def _dated(series: params.Param) -> Dated[int]:
    return Dated({r.start: int(r.value) for r in series.rows})


BASE_AMOUNTS: Dated[Mapping[StructureKind, int]] = _by_kind(_BASE)
"""Base amount (€) per full-time post, mainland France and overseas departments except
Mayotte, by first day in force: built from the parameters `funding.base_amount.<KIND>`
(EI, ETTI, AI, ACI), each row with its arrêté. EITI are not in this table (see
`base_amount`)."""

MAYOTTE_BASE_AMOUNTS: Dated[Mapping[StructureKind, int]] = _by_kind(_MAYOTTE_BASE)
"""Base amount (€) per full-time post in Mayotte (department 976): the parameters
`funding.mayotte_base_amount.<KIND>`."""

VERIFIED_UNTIL: Mapping[StructureKind, pendulum.Date] = MappingProxyType(
    {
        **{k: p.verified_until for k, p in _BASE.items() if p.verified_until is not None},
        **({_EITI: _EITI_BASE.verified_until} if _EITI_BASE.verified_until else {}),
    }
)
"""Last day each kind's amount is backed by an arrêté read (the `verified_until` of
`funding.base_amount.<KIND>` and `funding.eiti_base_amount`): after it, `base_amount`
raises unless `allow_unverified=True`."""

EITI_BASE_AMOUNTS: Dated[int] = _dated(_EITI_BASE)
"""EITI aid (€) per self-employed worker for a year's hours, until 31 Dec 2024
(`funding.eiti_base_amount`)."""

MAYOTTE_EITI_BASE_AMOUNTS: Dated[int] = _dated(_MAYOTTE_EITI_BASE)
"""EITI aid (€) per self-employed worker for a year's hours in Mayotte, 1 Jan to 31 Dec 2024
(`funding.mayotte_eiti_base_amount`)."""

EITI_MONTHLY_AMOUNTS: Dated[int] = _dated(_EITI_MONTHLY)
"""EITI flat aid (€) per worker and month from 1 Jan 2025 (`funding.eiti_monthly_amount`)."""

MAYOTTE_EITI_MONTHLY_AMOUNTS: Dated[int] = _dated(_MAYOTTE_EITI_MONTHLY)
"""EITI flat aid (€) per worker and month in Mayotte from 1 Jan 2025
(`funding.mayotte_eiti_monthly_amount`)."""

_EITI_MONTHLY_FROM = _starts(_EITI_MONTHLY)[0]

ACI_SUPPORT_AMOUNTS: Dated[int | None] = Dated(
    {
        day: (int(_ACI_SUPPORT.at(day)) if _ACI_SUPPORT.row_at(day).start == day else None)
        for day in _starts(_BASE[_ACI])
    }
)
"""The support and supervision share (€) of the ACI base amount, one row per ACI base
amount row (`funding.aci_support_amount`); `None` where the source of that base amount
gives no share."""

MODULATION_MAX: float = _MODULATION_MAX.value / 100
"""Maximum modulated part, as a share of the base (`funding.modulation_max_percent`,
arrêtés 6 Mar 2014, 18 Feb 2015)."""

MODULATION_MAX_PRISON: float = _MODULATION_MAX_PRISON.value / 100
"""Modulated part of structures inside prisons, read as a maximum
(`funding.modulation_max_prison_percent`)."""

MAYOTTE = "976"

USUAL_HOURS_PER_FTE: Mapping[StructureKind, float] = MappingProxyType(
    {_KINDS[code]: float(h) for code, h in _USUAL_HOURS.value.items()}
)
"""Usual annual hours of one full-time post — **usual, not legal**
(`funding.usual_hours_per_fte`).

No regulatory text defines them; the ASP keeps the reference values. These are the
figures of a 2014 DGEFP meeting (IRIS Q&R): AI paid placement hours, ETTI mission hours,
EI hours of actual work, ACI 35 h × 52; EITI the hours of the arrêtés until 2024.
UNVERIFIED as still current: pass your own.
"""


def _kind(kind: StructureKind | str) -> StructureKind:
    if isinstance(kind, StructureKind):
        return kind
    if kind not in _KINDS:
        msg = f"not a StructureKind: {kind!r}"
        raise ValueError(msg)
    return _KINDS[kind]


def base_amount(
    kind: StructureKind | str,
    on: DayLike,
    *,
    department: str | None = None,
    allow_unverified: bool = False,
) -> int:
    """The base amount (€) per full-time post of ``kind`` in force on ``on``.

    Args:
        kind: ``EI``, ``ETTI``, ``AI``, ``ACI`` (or ``EITI`` until 31 Dec 2024, per worker
            for the hours of `funding.eiti_base_amount`).
        on: the day (the aid of a period uses the amount in force each day).
        department: the structure's department; ``"976"`` selects the Mayotte amounts.
        allow_unverified: after `VERIFIED_UNTIL`, return the last amount found
            instead of raising (no later arrêté was found: it may have been revalued).

    Raises:
        LookupError: no amount known for that kind and day (before 1 Oct 2021; Mayotte
            before 1 Jan 2024; EITI before 1 Jan 2024; after `VERIFIED_UNTIL` without
            ``allow_unverified``; EITI from 1 Jan 2025, paid monthly: see
            `eiti_monthly_amount`; kinds without aid: GEIQ, EA…).

    Sources: R5132-8, R5132-10-13, R5132-24, R5132-38; the arrêtés are the sources of the
    rows of `funding.base_amount.<KIND>` and `funding.mayotte_base_amount.<KIND>`.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    k = _kind(kind)
    if k not in VERIFIED_UNTIL:
        msg = f"no aide au poste d'insertion for {k.value}"
        raise LookupError(msg)
    if k is _EITI and on >= _EITI_MONTHLY_FROM:
        msg = "EITI aid is monthly from 2025-01-01: use eiti_monthly_amount()"
        raise LookupError(msg)
    mayotte = department == MAYOTTE
    if k is _EITI:
        series = _MAYOTTE_EITI_BASE if mayotte else _EITI_BASE
    else:
        series = (_MAYOTTE_BASE if mayotte else _BASE)[k]
    if not series.is_verified_on(on) and not allow_unverified:
        msg = (
            f"no arrêté found for the {k.value} amount on {on.isoformat()} (last verified "
            f"{series.verified_until}); pass allow_unverified=True for the last "
            "known amount"
        )
        raise LookupError(msg)
    if k is _EITI:
        return (MAYOTTE_EITI_BASE_AMOUNTS if mayotte else EITI_BASE_AMOUNTS).at(on)
    return (MAYOTTE_BASE_AMOUNTS if mayotte else BASE_AMOUNTS).at(on)[k]


def eiti_monthly_amount(on: DayLike, *, department: str | None = None) -> int:
    """EITI flat aid (€) per worker and month from 1 Jan 2025 (its own amount in Mayotte).

    Paid for the first months, then for more months, degressive when turnover is below
    the monthly RSA, up to a maximum (décret 2018-1198 as amended 30 Dec 2024). Revalued
    each 1 January: later amounts were not found (UNVERIFIED), so the 2025 amount
    (`funding.eiti_monthly_amount`, `funding.mayotte_eiti_monthly_amount`) is returned
    for later years.

    Raises:
        LookupError: before 1 Jan 2025 (see `base_amount`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    table = MAYOTTE_EITI_MONTHLY_AMOUNTS if department == MAYOTTE else EITI_MONTHLY_AMOUNTS
    return table.at(dates.as_date(on))


def modulated_amount(base: float, rate: float, *, in_prison: bool = False) -> float:
    """The modulated part: ``base × rate``, the rate between 0 and `MODULATION_MAX`.

    In prisons the cap is `MODULATION_MAX_PRISON`. Arrêtés 6 Mar 2014 and 18 Feb 2015
    art. 1 2° (`funding.modulation_max_percent`).

    Raises:
        ValueError: a rate outside [0, cap], a negative base.
    """
    cap = MODULATION_MAX_PRISON if in_prison else MODULATION_MAX
    if not 0 <= rate <= cap:
        msg = f"modulation rate must be between 0 and {cap:.0%}: {rate!r}"
        raise ValueError(msg)
    if base < 0:
        msg = f"base amount must not be negative: {base!r}"
        raise ValueError(msg)
    return base * rate


def aid_per_post(
    kind: StructureKind | str,
    on: DayLike,
    *,
    modulation: float = 0.0,
    department: str | None = None,
    in_prison: bool = False,
    allow_unverified: bool = False,
) -> float:
    """Base amount plus modulated part for one full-time post (€ per year).

    See `base_amount` and `modulated_amount` (same arguments and errors).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    base = base_amount(kind, on, department=department, allow_unverified=allow_unverified)
    return base + modulated_amount(base, modulation, in_prison=in_prison)


CDI_INCLUSION_RATES: tuple[float, float] = (_CDI_FIRST.value / 100, _CDI_LATER.value / 100)
"""Share of the base paid for a CDI inclusion post: first year, then from the second
year (`funding.cdi_inclusion_first_year_percent`, `funding.cdi_inclusion_later_percent`;
R5132-8-2, R5132-10-13-2, R5132-24-2, R5132-39-1)."""


def cdi_inclusion_rate(cdi_start: pendulum.Date, on: DayLike) -> float:
    """Share of the base amount paid on ``on`` for a CDI inclusion hired on ``cdi_start``.

    The first-year share during the first year (``cdi_start`` to ``dates.period_end``
    of `funding.cdi_inclusion_first_year_months` months, "de date à date": from
    2024-02-29 to 2025-02-28), the later share from the second year
    (`CDI_INCLUSION_RATES`; R5132-8-2, R5132-10-13-2, R5132-24-2, R5132-39-1).

    Raises:
        ValueError: ``on`` before ``cdi_start``.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    cdi_start, on = dates.as_date(cdi_start), dates.as_date(on)
    if on < cdi_start:
        msg = f"{on.isoformat()} is before the CDI start {cdi_start.isoformat()}"
        raise ValueError(msg)
    first, later = CDI_INCLUSION_RATES
    return first if on <= dates.period_end(cdi_start, _CDI_FIRST_MONTHS.value) else later


LEGAL_WEEKLY_HOURS: float = float(_EI_REFERENCE_HOURS.value)
"""The weekly hours of R5132-10 (`funding.ei_part_time_reference_weekly_hours`)."""


def ei_part_time_ratio(weekly_hours: float, *, collective_hours: float | None = None) -> float:
    """The EI part-time proration of the aid for one post (R5132-10).

    A contract under `LEGAL_WEEKLY_HOURS` a week gets the aid times ``weekly_hours`` over
    the collective working time when that is at least those hours, else over them; at
    least those hours: 1.

    Args:
        weekly_hours: the contract's weekly hours.
        collective_hours: the structure's collective weekly working time (``None``:
            `LEGAL_WEEKLY_HOURS`).

    Raises:
        ValueError: negative hours.
    """
    if weekly_hours < 0 or (collective_hours is not None and collective_hours < 0):
        msg = "hours must not be negative"
        raise ValueError(msg)
    if weekly_hours >= LEGAL_WEEKLY_HOURS:
        return 1.0
    reference = max(collective_hours or LEGAL_WEEKLY_HOURS, LEGAL_WEEKLY_HOURS)
    return weekly_hours / reference


def _hours_per_fte(kind: StructureKind | str, hours_per_fte: float | None) -> float:
    if hours_per_fte is None:
        k = _kind(kind)
        if k not in USUAL_HOURS_PER_FTE:
            msg = f"no usual hours per full-time post for {k.value}: pass hours_per_fte"
            raise LookupError(msg)
        return USUAL_HOURS_PER_FTE[k]
    if hours_per_fte <= 0:
        msg = f"hours_per_fte must be positive: {hours_per_fte!r}"
        raise ValueError(msg)
    return hours_per_fte


def fte_consumed(
    parcours_or_hours: Parcours | Iterable[Parcours] | float,
    *,
    kind: StructureKind | str,
    hours_per_fte: float | None = None,
    period: tuple[pendulum.Date, pendulum.Date] | None = None,
) -> float:
    """Full-time posts consumed: hours worked ÷ hours of one full-time post.

    Args:
        parcours_or_hours: a number of hours, a parcours, or several parcours. Hours of a
            parcours are approximated from its contracts
            (`iae_core.exits.hours_worked`).
        kind: the structure kind (chooses the usual hours per post).
        hours_per_fte: annual hours of one full-time post; ``None``: the usual value of
            `USUAL_HOURS_PER_FTE` (not a legal value). For a period shorter than a
            year, pass the hours of that period (e.g. the annual hours / 12 for a month).
        period: ``(first, last)`` day, inclusive: count only the hours worked in it.

    Raises:
        ValueError: negative hours, a non-positive ``hours_per_fte``.
        LookupError: no usual value for ``kind`` and none given.
    """
    per_fte = _hours_per_fte(kind, hours_per_fte)
    if isinstance(parcours_or_hours, int | float):
        if parcours_or_hours < 0:
            msg = f"hours must not be negative: {parcours_or_hours!r}"
            raise ValueError(msg)
        return float(parcours_or_hours) / per_fte
    items = (parcours_or_hours,) if isinstance(parcours_or_hours, Parcours) else parcours_or_hours
    start, until = period if period is not None else (None, None)
    total = sum(hours_worked(p, start=start, until=until) for p in items)
    return total / per_fte


def fte_usage(
    structure: Structure,
    parcours: Iterable[Parcours],
    *,
    period: tuple[pendulum.Date, pendulum.Date],
    hours_per_fte: float | None = None,
) -> FteUsage:
    """Posts consumed by ``structure``'s parcours over ``period`` against its convention.

    ``hours_per_fte`` is the hours of one full-time post *over the period* (``None``: the
    usual annual value prorated by the period's days over `funding.usual_hours_year_days`).
    """
    if hours_per_fte is None:
        days = dates.days_inclusive(period[0], period[1])
        hours_per_fte = _hours_per_fte(structure.kind, None) * days / _YEAR_DAYS.value
    mine = (p for p in parcours if p.structure.siret == structure.siret)
    consumed = fte_consumed(mine, kind=structure.kind, hours_per_fte=hours_per_fte, period=period)
    conv = structure.conventioned_fte
    ratio = consumed / conv if conv else None
    return FteUsage(
        siret=structure.siret,
        consumed=consumed,
        conventioned=conv,
        ratio=ratio,
        over=None if conv is None else consumed > conv,
    )


# --- département co-funding of ACI posts (L5132-3-1, D5132-41) -----------------------------

_RSA_AMOUNT = params.get("rsa.single_person_amount")
_DEPARTEMENT_SHARE = params.get("economy.departement_rsa_share_percent")


def rsa_amount(on: DayLike, *, allow_unverified: bool = False) -> float:
    """The monthly RSA flat amount for a single person in force on `on` (€).

    Revalued each 1 April (CASF L262-3); the dated table is the parameter
    `rsa.single_person_amount`, each row with its décret. Mayotte has its own amounts,
    not in the table.

    Raises:
        LookupError: before the table's first row, or after its `verified_until` without
            `allow_unverified` (no later décret was read: it may have been revalued).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    found = _RSA_AMOUNT.lookup(on)
    if not found.verified and not allow_unverified:
        msg = (
            f"no décret read for the RSA amount on {on.isoformat()} (last verified "
            f"{_RSA_AMOUNT.verified_until}); pass allow_unverified=True for the last known "
            "amount"
        )
        raise LookupError(msg)
    return float(found.value)


def departement_monthly_contribution(
    month: pendulum.Date,
    fte: float = 1.0,
    *,
    rate_percent: float | None = None,
    department: str | None = None,
    allow_unverified: bool = False,
) -> float:
    """The département's share for one month of ACI posts held by former RSA recipients.

    `rate_percent` of the single-person RSA amount in force on the first day of `month`,
    per full-time post, times `fte` (L5132-3-1, D5132-41): the rate of
    `economy.departement_rsa_share_percent` unless the annual agreement (*convention
    annuelle d'objectifs et de moyens*) sets another rate.
    Rounded to the cent.

    Args:
        month: any day of the month.
        fte: full-time posts held that month by people who received the RSA before
            their hire (0 or more).
        rate_percent: the agreed rate (`None`: the rate of D5132-41).
        department: the structure's département; `"976"` (Mayotte) is refused: its RSA
            amounts are not in the table.
        allow_unverified: see `rsa_amount`.

    Raises:
        ValueError: negative `fte` or rate.
        LookupError: Mayotte; a month without a known amount or rate.
    """
    if fte < 0 or (rate_percent is not None and rate_percent < 0):
        msg = "fte and rate must not be negative"
        raise ValueError(msg)
    if department == MAYOTTE:
        msg = "the Mayotte RSA amounts are not in the table"
        raise LookupError(msg)
    first = dates.as_date(month).start_of("month")
    rate = _DEPARTEMENT_SHARE.at(first) if rate_percent is None else rate_percent
    amount = rsa_amount(first, allow_unverified=allow_unverified)
    value = Decimal(repr(float(amount))) * Decimal(repr(float(rate))) / 100
    value *= Decimal(repr(float(fte)))
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _months_of(year: int) -> list[pendulum.Date]:
    """The first day of each month of `year`."""
    out = [pendulum.date(year, 1, 1)]
    while (nxt := out[-1].add(months=1)).year == year:
        out.append(nxt)
    return out


def departement_contribution(
    fte: float | Mapping[pendulum.Date, float],
    *,
    year: int | None = None,
    rate_percent: float | None = None,
    department: str | None = None,
    allow_unverified: bool = False,
) -> float:
    """The département's share for a year (or any set of months), to the cent.

    Args:
        fte: either full-time posts held by former RSA recipients every month of `year`,
            or a mapping from a day of each month to the posts held that month.
        year: the year, when `fte` is a single number.
        rate_percent: the agreed rate (`None`: the rate of D5132-41).
        department: the structure's département (see
            `departement_monthly_contribution`).
        allow_unverified: see `rsa_amount`.

    The months straddling a 1 April revaluation each use their own amount; each month is
    rounded to the cent, then summed.

    Raises:
        ValueError: a single number without `year`; see
            `departement_monthly_contribution`.
    """
    if isinstance(fte, Mapping):
        months = dict(fte)
    else:
        if year is None:
            msg = "give the year when fte is a single number"
            raise ValueError(msg)
        months = dict.fromkeys(_months_of(year), float(fte))
    total = Decimal(0)
    for month, posts in months.items():
        one = departement_monthly_contribution(
            month,
            posts,
            rate_percent=rate_percent,
            department=department,
            allow_unverified=allow_unverified,
        )
        total += Decimal(repr(one))
    return float(total)


def yearly_summary(
    structure: Structure,
    *,
    year: int,
    fte: float,
    rsa_fte: float = 0.0,
    modulation: float = 0.0,
    departement_rate_percent: float | None = None,
    allow_unverified: bool = False,
) -> FundingSummary:
    """The State's aid per post and the département's share, side by side, for `year`.

    Args:
        structure: the structure (its kind chooses the aid; only an ACI gets the
            département's share of D5132-41).
        year: the year.
        fte: full-time posts held on average each month.
        rsa_fte: of those, posts held by former RSA recipients.
        modulation: the modulated part's rate (see `modulated_amount`).
        departement_rate_percent: the rate the annual agreement sets, if not the one of
            D5132-41.
        allow_unverified: see `base_amount` and `rsa_amount`.

    Raises:
        ValueError: `rsa_fte` above `fte`, negative posts.
        LookupError: see `base_amount` and `departement_monthly_contribution`.
    """
    if fte < 0 or rsa_fte < 0 or rsa_fte > fte:
        msg = f"posts must be 0 or more and rsa_fte at most fte: {fte!r}, {rsa_fte!r}"
        raise ValueError(msg)
    aid = Decimal(0)
    months = _months_of(year)
    for first in months:
        annual = aid_per_post(
            structure.kind,
            first,
            modulation=modulation,
            department=structure.department,
            allow_unverified=allow_unverified,
        )
        aid += Decimal(repr(float(annual))) * Decimal(repr(float(fte))) / len(months)
    aid_total = float(aid.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    dept = 0.0
    if structure.kind is _ACI and rsa_fte > 0:
        dept = departement_contribution(
            rsa_fte,
            year=year,
            rate_percent=departement_rate_percent,
            department=structure.department,
            allow_unverified=allow_unverified,
        )
    total = Decimal(repr(aid_total)) + Decimal(repr(dept))
    return FundingSummary(
        siret=structure.siret,
        year=year,
        fte=fte,
        aid_per_post=aid_total,
        rsa_fte=rsa_fte,
        departement_contribution=dept,
        total=float(total),
    )

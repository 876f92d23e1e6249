"""The structure's economy, its rules: the ACI sales share and the cost of service.

Rule `aci.commercial_share` (C. trav. art. D5132-34) judges each activity and each year
on its own (circulaire DGEFP 2005-41): a structure whose total is under the ceiling may
still hold an activity over it. Rule `aci.prefect_decision` checks the prefect's decision
raising the ceiling. The ceilings are the parameters `economy.aci_sales_share_max_percent`
and `economy.aci_sales_share_prefect_max_percent`, the opinion body
`economy.prefect_opinion_body`.

Every amount returned is rounded to the cent (half up), and shares are computed exactly
(in decimal) so that a share of exactly the ceiling is judged as the text says, not as
binary floating point rounds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

import attrs
import pendulum

from iae_core import dates, params
from iae_core._kernel.findings import Report, register_rule
from iae_core._kernel.model import Problems
from iae_core.dates import DayLike, as_day
from iae_core.economy._entities import (
    MAX_HOURS,
    Activity,
    PrefectDecision,
    Subsidy,
    YearAccounts,
    cents,
    need_money,
    to_consulted_body,
    to_funder,
)
from iae_core.economy._entities import exact_decimal as _dec
from iae_core.enums import Funder, Severity
from iae_core.errors import InvalidData, detail

__all__ = [
    "COMMERCIAL_SHARE",
    "INSERTION_SPECIFIC_AIDS",
    "PREFECT_DECISION",
    "OrderImpact",
    "RevenueRoom",
    "ServiceCost",
    "ShareRow",
    "check_activities",
    "check_activity",
    "commercial_share",
    "commercial_shares",
    "cost_of_service",
    "order_impact",
    "revenue_room",
    "sales_ceiling",
]

_SHARE_MAX = params.get("economy.aci_sales_share_max_percent")
_PREFECT_MAX = params.get("economy.aci_sales_share_prefect_max_percent")
_OPINION_BODY = params.get("economy.prefect_opinion_body")

_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)


def _year_end(year: int) -> pendulum.Date:
    return pendulum.date(year + 1, 1, 1).subtract(days=1)


# --- the sales share ----------------------------------------------------------------------

COMMERCIAL_SHARE = register_rule(
    "aci.commercial_share",
    "Part des recettes commerciales d'un atelier ou chantier d'insertion",
    title_en="Sales share of an ACI activity",
    severity=Severity.ERROR,
    reference="C. trav. art. D5132-34",
    subject="Activity",
    description=(
        "An ACI activity's sales revenue must cover strictly less than the base share of "
        "its charges; a prefect's decision may raise the share, within a legal limit. "
        "Judged per activity and per year (circulaire DGEFP 2005-41), never on the "
        "structure's total."
    ),
    description_fr=(
        "Les recettes tirées de la commercialisation d'un atelier ou chantier ne peuvent "
        "couvrir qu'une part des charges inférieure au plafond, que le préfet peut relever "
        "dans une limite légale. Apprécié par atelier et par année."
    ),
    params=(
        "economy.aci_sales_share_max_percent",
        "economy.aci_sales_share_prefect_max_percent",
    ),
    messages={
        "default": (
            "« {activity} », {year} : les recettes commerciales ({sales:eur}) couvrent "
            "{share:pct} des charges ({charges:eur}), alors que cette part doit rester "
            "strictement inférieure à {ceiling:pct} : il faut {excess:eur} de recettes en "
            "moins, pour ne pas dépasser {max_sales:eur}.",
            "“{activity}”, {year}: sales revenue ({sales:eur}) covers {share:pct} of the "
            "charges ({charges:eur}), but that share must stay strictly below {ceiling:pct}: "
            "revenue must come down by {excess:eur}, to at most {max_sales:eur}.",
        ),
        "at_ceiling": (
            "« {activity} », {year} : les recettes commerciales ({sales:eur}) couvrent "
            "exactement {ceiling:pct} des charges ({charges:eur}), alors que cette part doit "
            "rester strictement inférieure à {ceiling:pct} : il faut {excess:eur} de "
            "recettes en moins, pour ne pas dépasser {max_sales:eur}.",
            "“{activity}”, {year}: sales revenue ({sales:eur}) covers exactly {ceiling:pct} "
            "of the charges ({charges:eur}), but that share must stay strictly below "
            "{ceiling:pct}: revenue must come down by {excess:eur}, to at most "
            "{max_sales:eur}.",
        ),
        "with_decision": (
            "« {activity} », {year} : les recettes commerciales ({sales:eur}) couvrent "
            "{share:pct} des charges ({charges:eur}), au-delà du plafond de {ceiling:pct} "
            "fixé par la décision du préfet du {decided_on} : il faut {excess:eur} de "
            "recettes en moins, pour ne pas dépasser {max_sales:eur}.",
            "“{activity}”, {year}: sales revenue ({sales:eur}) covers {share:pct} of the "
            "charges ({charges:eur}), above the {ceiling:pct} ceiling of the prefect's "
            "decision of {decided_on}: revenue must come down by {excess:eur}, to at most "
            "{max_sales:eur}.",
        ),
        "within": (
            "« {activity} », {year} : les recettes commerciales couvrent {share:pct} des "
            "charges (plafond {ceiling:pct}) ; marge restante : {room:eur}.",
            "“{activity}”, {year}: sales revenue covers {share:pct} of the charges "
            "(ceiling {ceiling:pct}); room left: {room:eur}.",
        ),
        "no_charges": (
            "« {activity} », {year} : des recettes commerciales ({sales:eur}) sans aucune "
            "charge déclarée : la part ne peut pas être calculée.",
            "“{activity}”, {year}: sales revenue ({sales:eur}) with no charges declared: "
            "the share cannot be computed.",
        ),
    },
    reading=(
        "Exactly the base share is a breach (« une part inférieure à »). With a prefect's "
        "decision, « dans la limite de 50 % » is read as: the share may reach the decided "
        "ceiling, itself at most 50 % (unverified); a decided ceiling above the limit counts "
        "as the limit, one not above the base share is ignored. The year is judged with the "
        "values in force on its 31 December."
    ),
)

PREFECT_DECISION = register_rule(
    "aci.prefect_decision",
    "Décision du préfet relevant la part des recettes commerciales",
    title_en="Prefect's decision raising the sales share",
    severity=Severity.ERROR,
    reference="C. trav. art. D5132-34 ; décret n° 2024-560",
    subject="Activity",
    description=(
        "The prefect's decision must follow the favourable opinion of the body in force on "
        "its date (the CDIAE until 30 June 2024, the specialised commission of the comité "
        "départemental pour l'emploi from 1 July 2024), and its ceiling is bounded."
    ),
    description_fr=(
        "La décision du préfet suit l'avis de l'instance en vigueur à sa date (CDIAE puis, à "
        "partir du 1er juillet 2024, commission spécialisée du comité départemental pour "
        "l'emploi) ; son plafond est borné."
    ),
    params=("economy.prefect_opinion_body", "economy.aci_sales_share_prefect_max_percent"),
    messages={
        "body": (
            "Décision du préfet du {decided_on} : l'avis pris est celui de « {consulted} », "
            "alors qu'à cette date la décision suit l'avis de « {expected} ».",
            "Prefect's decision of {decided_on}: the opinion taken is that of “{consulted}”, "
            "while on that date the decision follows the opinion of “{expected}”.",
        ),
        "above_limit": (
            "Décision du préfet du {decided_on} : le plafond de {ceiling:pct} dépasse la "
            "limite de {limit:pct} ; seule la limite est retenue.",
            "Prefect's decision of {decided_on}: the {ceiling:pct} ceiling is above the "
            "{limit:pct} limit; only the limit is applied.",
        ),
        "not_a_raise": (
            "Décision du préfet du {decided_on} : un plafond de {ceiling:pct} ne relève pas "
            "la part de base ({base:pct}) ; la décision est ignorée.",
            "Prefect's decision of {decided_on}: a {ceiling:pct} ceiling does not raise the "
            "base share ({base:pct}); the decision is ignored.",
        ),
    },
)


@attrs.frozen(kw_only=True)
class _Ceiling:
    percent: Decimal
    inclusive: bool
    decision: PrefectDecision | None


def _ceiling(accounts: YearAccounts) -> _Ceiling:
    day = _year_end(accounts.year)
    base = _dec(_SHARE_MAX.at(day))
    d = accounts.prefect_decision
    if d is None or _dec(d.ceiling_percent) <= base:
        return _Ceiling(percent=base, inclusive=False, decision=None)
    limit = _dec(_PREFECT_MAX.at(day))
    return _Ceiling(percent=min(_dec(d.ceiling_percent), limit), inclusive=True, decision=d)


def sales_ceiling(accounts: YearAccounts) -> tuple[float, bool]:
    """`(ceiling in percent, inclusive)` that applies to `accounts`.

    Without a prefect's decision: the base share, not inclusive (sales must stay strictly
    below it). With a decision raising it: the decided ceiling, at most the legal limit,
    inclusive (the reading of « dans la limite de »: see the rule's `reading`).
    """
    c = _ceiling(accounts)
    return float(c.percent), c.inclusive


def commercial_share(accounts: YearAccounts) -> float | None:
    """Sales revenue ÷ charges, in percent (`None` when there are no charges)."""
    if accounts.charges == 0:
        return None
    return float(_dec(accounts.sales) * _HUNDRED / _dec(accounts.charges))


def _max_sales(charges: Decimal, c: _Ceiling) -> Decimal:
    """The largest amount to the cent the ceiling allows."""
    exact = charges * c.percent / _HUNDRED
    if c.inclusive:
        return exact.quantize(_CENT, rounding=ROUND_FLOOR)
    # strictly below: the largest cent under `exact`
    top = exact.quantize(_CENT, rounding=ROUND_CEILING)
    return max(top - _CENT, Decimal(0)) if charges > 0 else Decimal(0)


def _within(sales: Decimal, charges: Decimal, c: _Ceiling) -> bool:
    lhs, rhs = sales * _HUNDRED, c.percent * charges
    return lhs <= rhs if c.inclusive else lhs < rhs


@attrs.frozen(kw_only=True)
class RevenueRoom:
    """How much more sales revenue an activity's year allows.

    Attributes:
        year: the year.
        charges: the year's charges (€).
        sales: the sales revenue so far (€).
        ceiling_percent: the ceiling that applies (see `sales_ceiling`).
        inclusive: whether sales may reach the ceiling exactly.
        max_sales: the largest revenue, to the cent, the ceiling allows (€).
        room: `max_sales - sales` (€; negative when the year is over the ceiling).
        compliant: whether the sales are within the ceiling (`True` without charges:
            the share cannot be computed).
    """

    year: int
    charges: float
    sales: float
    ceiling_percent: float
    inclusive: bool
    max_sales: float
    room: float
    compliant: bool


def revenue_room(activity: Activity, year: int) -> RevenueRoom:
    """How much more sales revenue `activity` may make in `year` (a planner's question).

    The room is computed against the year's charges as declared: more charges raise it.
    A sale of exactly `room` more keeps the year within the ceiling; one cent more breaks
    it.

    Raises:
        LookupError: `activity` has no accounts for `year`.
    """
    acc = activity.year(year)
    if acc is None:
        msg = f"no accounts for {year} in activity {activity.name!r}"
        raise LookupError(msg)
    c = _ceiling(acc)
    charges, sales = _dec(acc.charges), _dec(acc.sales)
    top = _max_sales(charges, c)
    return RevenueRoom(
        year=year,
        charges=acc.charges,
        sales=acc.sales,
        ceiling_percent=float(c.percent),
        inclusive=c.inclusive,
        max_sales=float(top),
        room=float(top - sales),
        compliant=charges == 0 or _within(sales, charges, c),
    )


def _check_decision(d: PrefectDecision, path: str, base: float) -> Report:
    out = []
    expected = sorted(_OPINION_BODY.at(d.decided_on))
    if d.consulted.value not in expected:
        out.append(
            PREFECT_DECISION.emit(
                "body",
                f"{path}.consulted",
                decided_on=d.decided_on,
                consulted=d.consulted,
                expected=to_consulted_body(expected[0]),
            )
        )
    limit = _PREFECT_MAX.at(_year_end(d.decided_on.year))
    if d.ceiling_percent > limit:
        out.append(
            PREFECT_DECISION.emit(
                "above_limit",
                f"{path}.ceiling_percent",
                severity=Severity.WARNING,
                decided_on=d.decided_on,
                ceiling=d.ceiling_percent,
                limit=limit,
            )
        )
    elif d.ceiling_percent <= base:
        out.append(
            PREFECT_DECISION.emit(
                "not_a_raise",
                f"{path}.ceiling_percent",
                severity=Severity.WARNING,
                decided_on=d.decided_on,
                ceiling=d.ceiling_percent,
                base=base,
            )
        )
    return Report(out)


def check_activity(activity: Activity, *, on: DayLike, **_: Any) -> Report:
    """Check an ACI activity's sales share, year by year, as of `on`.

    Years before `on`'s year are judged (an error when over the ceiling, an info with the
    room left otherwise); the year of `on`, still running, gives a warning when its sales
    already break the ceiling and an info otherwise; later years are not judged. Each
    prefect's decision is checked too (`aci.prefect_decision`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    on = dates.as_date(on)
    out: list[Any] = []
    for i, acc in enumerate(activity.accounts):
        if acc.year > on.year:
            continue
        path = f"accounts[{i}]"
        running = acc.year == on.year
        base = _SHARE_MAX.at(_year_end(acc.year))
        if acc.prefect_decision is not None:
            out.extend(_check_decision(acc.prefect_decision, f"{path}.prefect_decision", base))
        room = revenue_room(activity, acc.year)
        share = commercial_share(acc)
        common: dict[str, Any] = {"activity": activity.name, "year": acc.year}
        if share is None:
            if acc.sales > 0:
                out.append(
                    COMMERCIAL_SHARE.emit(
                        "no_charges",
                        f"{path}.charges",
                        severity=Severity.WARNING,
                        sales=acc.sales,
                        **common,
                    )
                )
            continue
        c = _ceiling(acc)
        values: dict[str, Any] = {
            **common,
            "share": round(share, 2),
            "ceiling": room.ceiling_percent,
            "sales": acc.sales,
            "charges": acc.charges,
            "max_sales": room.max_sales,
            "room": room.room,
        }
        if room.compliant:
            out.append(
                COMMERCIAL_SHARE.emit("within", f"{path}.sales", severity=Severity.INFO, **values)
            )
            continue
        if c.decision is not None:
            variant = "with_decision"
        elif _dec(acc.sales) * _HUNDRED == c.percent * _dec(acc.charges):
            variant = "at_ceiling"  # exactly the base share: a breach, said plainly
        else:
            variant = "default"
        extra: dict[str, Any] = {} if c.decision is None else {"decided_on": c.decision.decided_on}
        out.append(
            COMMERCIAL_SHARE.emit(
                variant,
                f"{path}.sales",
                severity=Severity.WARNING if running else None,
                excess=cents(-room.room),
                **values,
                **extra,
            )
        )
    return Report(out)


def check_activities(activities: Iterable[Activity], *, on: DayLike) -> Report:
    """`check_activity` over several activities, paths prefixed `activities[i]`."""
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    out = Report()
    for i, a in enumerate(activities):
        out += check_activity(a, on=on).prefixed(f"activities[{i}]")
    return out


@attrs.frozen(kw_only=True)
class ShareRow:
    """One line of a structure's sales shares for a year.

    Attributes:
        siret: the structure.
        activity: the activity's name (`None` on the structure's total line).
        year: the year.
        charges: charges (€).
        sales: sales revenue (€).
        share_percent: sales ÷ charges in percent, to 0.01 (`None` without charges).
        ceiling_percent: the ceiling (`None` on the total line: the law sets none).
        compliant: within the ceiling (`None` on the total line).
        room: revenue room left (€; `None` on the total line).
    """

    siret: str
    activity: str | None
    year: int
    charges: float
    sales: float
    share_percent: float | None
    ceiling_percent: float | None
    compliant: bool | None
    room: float | None

    def as_dict(self) -> dict[str, object]:
        """A flat row."""
        return attrs.asdict(self)


def commercial_shares(activities: Iterable[Activity], year: int) -> list[ShareRow]:
    """Each activity's share in `year`, then one total line per structure.

    The total line shows what a structure-level view would say; only the activity lines
    are judged (circulaire DGEFP 2005-41), so a compliant total may hide a breach.
    """
    rows: list[ShareRow] = []
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    for a in activities:
        acc = a.year(year)
        if acc is None:
            continue
        room = revenue_room(a, year)
        share = commercial_share(acc)
        rows.append(
            ShareRow(
                siret=a.siret,
                activity=a.name,
                year=year,
                charges=acc.charges,
                sales=acc.sales,
                share_percent=None if share is None else round(share, 2),
                ceiling_percent=room.ceiling_percent,
                compliant=room.compliant,
                room=room.room,
            )
        )
        c, s = totals.get(a.siret, (Decimal(0), Decimal(0)))
        totals[a.siret] = (c + _dec(acc.charges), s + _dec(acc.sales))
    for siret, (c, s) in totals.items():
        rows.append(
            ShareRow(
                siret=siret,
                activity=None,
                year=year,
                charges=float(c),
                sales=float(s),
                share_percent=None if c == 0 else round(float(s * _HUNDRED / c), 2),
                ceiling_percent=None,
                compliant=None,
                room=None,
            )
        )
    return rows


# --- the cost of a service ----------------------------------------------------------------

INSERTION_SPECIFIC_AIDS: frozenset[Funder] = frozenset({Funder.STATE_POST_AID, Funder.DEPARTEMENT})
"""The aids taken as compensating the cost of insertion (lower productivity, support),
not production: the State's aid per post and the département's share for former RSA
recipients. An assumption of the calculation (no text defines it), which callers may
change with `cost_of_service(..., insertion_specific=...)`."""

_COMPONENTS = (
    "insertion_payroll",
    "supervision",
    "support",
    "materials",
    "depreciation",
    "overhead",
)


@attrs.frozen(kw_only=True)
class ServiceCost:
    """The full cost of an hour of an activity's work, and what aids bring it down to.

    Attributes:
        hours: the hours of work the costs are for (e.g. a year of the activity).
        components: each cost (€) by name: insertion payroll, technical supervision,
            socio-professional support, materials, depreciation, overhead share.
        full_cost: their sum (€).
        full_cost_per_hour: `full_cost / hours` (€).
        aids: each public aid (€) by funder.
        aids_per_hour: each aid per hour (€).
        net_cost: full cost minus every aid (€).
        net_cost_per_hour: per hour (€).
        insertion_specific: the funders whose aid counts as insertion-specific.
        cost_net_of_insertion_aid: full cost minus the insertion-specific aids only (€):
            the cost to compare a price with (fair competition).
        cost_net_of_insertion_aid_per_hour: per hour (€).
    """

    hours: float
    components: Mapping[str, float]
    full_cost: float
    full_cost_per_hour: float
    aids: Mapping[Funder, float]
    aids_per_hour: Mapping[Funder, float]
    net_cost: float
    net_cost_per_hour: float
    insertion_specific: frozenset[Funder]
    cost_net_of_insertion_aid: float
    cost_net_of_insertion_aid_per_hour: float

    def lines(self) -> list[tuple[str, float, float]]:
        """`(label, amount, per hour)` lines a structure can show a buyer, in order."""
        h = _dec(self.hours)
        out = [(name, a, cents(_dec(a) / h)) for name, a in self.components.items()]
        out.append(("full_cost", self.full_cost, self.full_cost_per_hour))
        out.extend((f"aid:{f.value}", -a, -self.aids_per_hour[f]) for f, a in self.aids.items())
        out.append(("net_cost", self.net_cost, self.net_cost_per_hour))
        out.append(
            (
                "cost_net_of_insertion_aid",
                self.cost_net_of_insertion_aid,
                self.cost_net_of_insertion_aid_per_hour,
            )
        )
        return out


def _aids(
    aids: Mapping[Funder, float] | Iterable[Subsidy], problems: Problems
) -> dict[Funder, float]:
    """The aids by funder; each bad one added to `problems` (`aids.REGION`, `aids[2]`)."""
    out: dict[Funder, float] = {}
    if isinstance(aids, Mapping):
        items = [(f"aids.{getattr(f, 'value', f)}", f, a) for f, a in aids.items()]
    else:
        items = [
            (f"aids[{i}]", getattr(s, "funder", s), getattr(s, "amount", None))
            for i, s in enumerate(aids)
        ]
    for where, funder, amount in items:
        f = to_funder(funder)
        if not isinstance(f, Funder):
            problems.append(
                detail(
                    where,
                    "bad_enum",
                    input=funder,
                    enum="Funder",
                    allowed=", ".join(m.value for m in Funder),
                )
            )
            continue
        if need_money(problems, where if isinstance(aids, Mapping) else f"{where}.amount", amount):
            out[f] = out.get(f, 0.0) + amount
    return out


def cost_of_service(
    *,
    hours: float,
    insertion_payroll: float,
    supervision: float = 0.0,
    support: float = 0.0,
    materials: float = 0.0,
    depreciation: float = 0.0,
    overhead: float = 0.0,
    aids: Mapping[Funder, float] | Iterable[Subsidy] = (),
    insertion_specific: frozenset[Funder] = INSERTION_SPECIFIC_AIDS,
) -> ServiceCost:
    """The full cost of an hour of an activity's work, before and after each aid.

    Args:
        hours: the hours of production the costs cover (more than 0).
        insertion_payroll: pay and employer charges of the employees in insertion (€).
        supervision: technical supervisors (*encadrement technique*, €).
        support: socio-professional support (*accompagnement socio-professionnel*, €).
        materials: materials and supplies (€).
        depreciation: depreciation of equipment and vehicles (€).
        overhead: the activity's share of the structure's overhead (€).
        aids: the public aids, by funder (a mapping or `Subsidy` items).
        insertion_specific: the funders whose aid is counted as compensating insertion
            (default `INSERTION_SPECIFIC_AIDS`, an assumption: see there).

    Every amount is rounded to the cent; per-hour amounts are the rounded amount divided
    by the hours, rounded to the cent.

    Raises:
        InvalidData: (a `ValueError`) every bad input with its path: hours not above 0,
            an amount that is not a finite number (NaN, infinity), negative, or above
            `MAX_AMOUNT` (hours: `MAX_HOURS`), an aid of an unknown funder (`aids.X`).
    """
    problems: Problems = []
    if need_money(problems, "hours", hours, maximum=MAX_HOURS) and not hours > 0:
        problems.append(detail("hours", "out_of_range", "above", input=hours, minimum=0))
    given = {
        "insertion_payroll": insertion_payroll,
        "supervision": supervision,
        "support": support,
        "materials": materials,
        "depreciation": depreciation,
        "overhead": overhead,
    }
    for name, amount in given.items():
        need_money(problems, name, amount)
    found = _aids(aids, problems)
    if problems:
        raise InvalidData(problems)
    components = {name: cents(given[name]) for name in _COMPONENTS}
    full = sum((_dec(v) for v in components.values()), Decimal(0))
    aid = {f: cents(a) for f, a in found.items()}
    aid_total = sum((_dec(v) for v in aid.values()), Decimal(0))
    insertion = sum((_dec(v) for f, v in aid.items() if f in insertion_specific), Decimal(0))
    h = _dec(hours)
    return ServiceCost(
        hours=hours,
        components=components,
        full_cost=cents(full),
        full_cost_per_hour=cents(full / h),
        aids=aid,
        aids_per_hour={f: cents(_dec(a) / h) for f, a in aid.items()},
        net_cost=cents(full - aid_total),
        net_cost_per_hour=cents((full - aid_total) / h),
        insertion_specific=frozenset(insertion_specific),
        cost_net_of_insertion_aid=cents(full - insertion),
        cost_net_of_insertion_aid_per_hour=cents((full - insertion) / h),
    )


@attrs.frozen(kw_only=True)
class OrderImpact:
    """What a proposed order means: its price against cost, and for the sales share.

    Attributes:
        hours: the order's hours of work.
        price: the price proposed (€, excluding VAT).
        full_cost: the order's full cost (€): hours × full cost per hour.
        cost_net_of_insertion_aid: hours × cost net of insertion-specific aid per hour (€).
        price_gap: `price - cost_net_of_insertion_aid` (€): below 0, the price does not
            cover what an ordinary firm would also bear (the fair-competition question).
        covers_cost_net_of_insertion_aid: `price_gap >= 0`.
        share_before: the activity's share in the year before the order (%, `None`
            without charges).
        share_after: with the order's price added to sales and `added_charges` to charges.
        ceiling_percent: the ceiling that applies to the year.
        compliant_after: whether the year stays within the ceiling with the order.
        room_after: revenue room left after the order (€).
    """

    hours: float
    price: float
    full_cost: float
    cost_net_of_insertion_aid: float
    price_gap: float
    covers_cost_net_of_insertion_aid: bool
    share_before: float | None
    share_after: float | None
    ceiling_percent: float
    compliant_after: bool
    room_after: float


def order_impact(
    cost: ServiceCost,
    *,
    activity: Activity,
    year: int,
    hours: float,
    price: float,
    added_charges: float = 0.0,
) -> OrderImpact:
    """A proposed order, judged against the cost of service and the year's sales share.

    Args:
        cost: the activity's cost of service (`cost_of_service`).
        activity: the activity that would do the order (its accounts for `year`).
        year: the year the order's revenue falls in.
        hours: the order's hours of work.
        price: its price (€, excluding VAT).
        added_charges: charges the order adds to the year (€). Default 0: the order is
            produced within the hours and charges already budgeted (an assumption; pass
            the order's extra materials or hours otherwise).

    Raises:
        LookupError: no accounts for `year`.
        InvalidData: (a `ValueError`) hours, price or charges that are not finite numbers,
            negative, or above `MAX_AMOUNT` (hours: `MAX_HOURS`), each with its name.
    """
    problems: Problems = []
    need_money(problems, "hours", hours, maximum=MAX_HOURS)
    need_money(problems, "price", price)
    need_money(problems, "added_charges", added_charges)
    if problems:
        raise InvalidData(problems)
    acc = activity.year(year)
    if acc is None:
        msg = f"no accounts for {year} in activity {activity.name!r}"
        raise LookupError(msg)
    h = _dec(hours)
    full = h * _dec(cost.full_cost_per_hour)
    net = h * _dec(cost.cost_net_of_insertion_aid_per_hour)
    gap = _dec(price) - net.quantize(_CENT, rounding=ROUND_HALF_UP)
    after = attrs.evolve(
        acc,
        sales=float(_dec(acc.sales) + _dec(price)),
        charges=float(_dec(acc.charges) + _dec(added_charges)),
    )
    moved = attrs.evolve(activity, accounts=(after,))
    room = revenue_room(moved, year)
    before_share, after_share = commercial_share(acc), commercial_share(after)
    return OrderImpact(
        hours=hours,
        price=cents(price),
        full_cost=cents(full),
        cost_net_of_insertion_aid=cents(net),
        price_gap=cents(gap),
        covers_cost_net_of_insertion_aid=gap >= 0,
        share_before=None if before_share is None else round(before_share, 2),
        share_after=None if after_share is None else round(after_share, 2),
        ceiling_percent=room.ceiling_percent,
        compliant_after=room.compliant,
        room_after=room.room,
    )

"""The contract planner: `planning.contract(contract, on=…, …) -> ContractPlan`.

Every limit is read from the same parameters as the contract rules (`contracts.toml`,
`pmsmp.toml`), in their version in force on the contract's start (on `on` for a CDI
inclusion to come), and where a rule's computation is more than one parameter it is the
rule's own public function (`cddi_max_trial_days`, `mission_max_trial_days`,
`derogations_cover_until`, `first_uncovered_day`, `pmsmp_share_days`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from iae_core import params
from iae_core._kernel.plugins import Result
from iae_core.contracts import (
    Contract,
    PrefectWaiver,
    cddi_max_trial_days,
    derogations_cover_until,
    first_uncovered_day,
    mission_max_trial_days,
    pmsmp_share_days,
)
from iae_core.dates import DayLike, as_day, period_end, period_next
from iae_core.enums import ContractKind, ExtensionGround, HostKind, StructureKind
from iae_core.people import Person
from iae_core.planning._common import (
    NOT_APPLICABLE,
    UNKNOWN,
    Closed,
    birthday,
    next_day,
    plain,
    previous_day,
)

if TYPE_CHECKING:
    from iae_core.approvals import Approval

__all__ = ["ContractPlan", "contract"]

_P = params.get
_CDDI_KINDS = _P("cddi.structure_kinds")
_CDDI_MIN = _P("cddi.min_months")
_CDDI_MAX = _P("cddi.max_months")
_CDDI_MIN_HOURS = _P("cddi.min_weekly_hours")
_CDDI_MAX_HOURS = _P("cddi.max_weekly_hours")
_ANY_MAX_HOURS = _P("contract.max_weekly_hours")
_EXTENSION_AGE = _P("cddi.extension_min_age_years")
_PD_KINDS = _P("cddi.particular_difficulties_structure_kinds")
_PD_STEP = _P("cddi.particular_difficulties_step_months")
_PD_MAX = _P("cddi.particular_difficulties_max_months")
_MISSION_MAX = _P("mission.max_months")
_PLACEMENT_CAP = _P("placement.cap_hours")
_PLACEMENT_WINDOW = _P("placement.window_months")
_CDI_KINDS = _P("cdi_inclusion.structure_kinds")
_CDI_AGE = _P("cdi_inclusion.min_age_years")
_CDI_AFTER = _P("cdi_inclusion.after_months")

_SENSITIVE_GROUNDS = frozenset({ExtensionGround.RQTH})
"""Grounds whose presence tells special-category data (health): hidden from repr and from
the default `to_json`."""


def _extensions_repr(value: Mapping[ExtensionGround, pendulum.Date | None]) -> str:
    shown = {g.value: v for g, v in value.items() if g not in _SENSITIVE_GROUNDS}
    return f"<{shown!r}{', …' if len(shown) < len(value) else ''}>"


def _closed_repr(value: Mapping[str, Closed]) -> str:
    hidden = {f"extensions.{g.value}" for g in _SENSITIVE_GROUNDS}
    return repr({k: v for k, v in value.items() if k not in hidden})


@attrs.frozen(kw_only=True, slots=True)
class ContractPlan(Result):
    """The lawful boundaries of one contract as of `on` (`planning.contract`).

    Every date is a `pendulum.Date` or `None`; `None` (or a ground absent from
    `extensions`) means the option is closed or no rule sets that limit, and
    `closed[field]` says why (`closed["extensions.AGE_50"]` for a ground).
    `set_by[field]` is the rule code that sets each boundary returned: the subject moved
    exactly to it passes every contract rule, one day (or half an hour) further fails
    that rule.

    Attributes:
        on: the day the plan is made for.
        earliest_end: earliest lawful end of the initial contract (`Contract.end`): the
            CDDI minimum (`cddi.min_months`), raised if the trial period or the PMSMP share
            needs a longer contract. `None` where no minimum applies.
        latest_end: latest lawful final end (the initial end, or the last renewal's),
            renewals included, without an extension past the cap (`cddi.max_months`,
            `mission.max_months`); lowered when an hours derogation must cover it.
        extensions: ground → the latest end one more extension on that ground allows
            (`None`: the contract rules set no limit, as for age and RQTH); only the
            grounds open to this person and structure.
        weekly_hours: `(min, max)` weekly hours allowed on `on`, derogations counted.
        trial_days_max: longest trial period (days) for the contract's planned end.
        pmsmp_days_left: PMSMP days still allowed by the share of the contract's length.
        placement_hours_left: AI: hours of placement with private-law employers still
            allowed in the window containing `on` (the full cap when none is open).
        placement_window_end: AI: last day of the placement window containing `on`.
        cdi_inclusion_from: first day a CDI inclusion may be signed with this person in
            this structure (it may be before `on`).
        closed: field → why it is `None` (or a ground is absent).
        set_by: field → the rule code that sets the boundary returned
            (`weekly_hours.min` and `weekly_hours.max` for the two hours bounds).
    """

    on: pendulum.Date
    earliest_end: pendulum.Date | None
    latest_end: pendulum.Date | None
    extensions: Mapping[ExtensionGround, pendulum.Date | None] = attrs.field(repr=_extensions_repr)
    weekly_hours: tuple[float, float] | None
    trial_days_max: int | None
    pmsmp_days_left: int | None
    placement_hours_left: float | None
    placement_window_end: pendulum.Date | None
    cdi_inclusion_from: pendulum.Date | None
    closed: Mapping[str, Closed] = attrs.field(repr=_closed_repr)
    set_by: Mapping[str, str] = attrs.field(repr=_closed_repr)

    def to_json(self, *, sensitive: bool = False) -> dict[str, Any]:
        """Plain values (ISO dates, lists, string keys), like `Finding.params`.

        Args:
            sensitive: include the grounds that tell special-category data (RQTH) in
                `extensions` and `closed`; off by default.
        """
        hidden = set() if sensitive else {g.value for g in _SENSITIVE_GROUNDS}
        out: dict[str, Any] = {}
        for field in attrs.fields(ContractPlan):
            value = getattr(self, field.name)
            if field.name == "extensions":
                value = {g: v for g, v in value.items() if g.value not in hidden}
            elif field.name in ("closed", "set_by"):
                value = {
                    k: v for k, v in value.items() if k.removeprefix("extensions.") not in hidden
                }
            out[field.name] = plain(value)
        return out


def _waivers(value: PrefectWaiver | Iterable[PrefectWaiver] | None) -> tuple[PrefectWaiver, ...]:
    if value is None:
        return ()
    if isinstance(value, PrefectWaiver):
        return (value,)
    return tuple(value)


def contract(
    contract: Contract,
    *,
    on: DayLike,
    person: Person | None = None,
    parcours_start: pendulum.Date | None = None,
    approval: Approval | None = None,
    prefect_waiver: PrefectWaiver | Iterable[PrefectWaiver] | None = None,
) -> ContractPlan:
    """The lawful boundaries of `contract` as of `on`, with the context of `check_contract`.

    Args:
        contract: the contract (its current terms).
        on: the day the plan is made for (hours derogations, placement window).
        person: the employee (minimum-length exception, age and RQTH grounds, CDI
            inclusion age); without it the options needing a fact about the person are
            closed (`planning.unknown`).
        parcours_start: first day of the parcours (default as in `check_contract`: the
            approval's start when earlier than the contract's, else the contract's).
        approval: the PASS IAE (only its start, for the default parcours start).
        prefect_waiver: prefect decision(s) lifting the placement cap.

    Returns:
        The plan: see `ContractPlan`.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    closed: dict[str, Closed] = {}
    set_by: dict[str, str] = {}
    start = contract.start
    sk = contract.structure_kind
    kind = contract.kind
    if parcours_start is None:
        parcours_start = (
            approval.start if approval is not None and approval.start < start else start
        )
    cddi = kind is ContractKind.CDDI and sk.value in _CDDI_KINDS.at(start)
    mission = kind is ContractKind.MISSION and sk is StructureKind.ETTI

    earliest_end = _earliest_end(contract, person, cddi, closed, set_by)
    latest_end = _latest_end(contract, on, cddi, mission, closed, set_by)
    extensions = _extensions(contract, person, cddi, closed, on)
    weekly_hours = _weekly_hours(contract, on, cddi, closed, set_by)

    trial_days_max: int | None = None
    assert contract.end is not None or kind is ContractKind.CDI_INCLUSION
    if cddi and contract.end is not None:
        trial_days_max = cddi_max_trial_days(start, contract.end)
        set_by["trial_days_max"] = "contract.trial_period"
    elif mission and contract.end is not None:
        trial_days_max = mission_max_trial_days(start, contract.end)
        set_by["trial_days_max"] = "contract.trial_period"
    else:
        closed["trial_days_max"] = Closed(
            code=NOT_APPLICABLE, reason="no trial-period rule for this contract kind"
        )

    share = pmsmp_share_days(contract)
    pmsmp_days_left: int | None = None
    if share is None:
        closed["pmsmp_days_left"] = Closed(
            code=NOT_APPLICABLE,
            reason="the PMSMP share applies to EI, AI and ACI contracts with an end",
        )
    else:
        days, _length, most = share
        pmsmp_days_left = max(most - days, 0)
        set_by["pmsmp_days_left"] = "pmsmp.share"

    hours_left, window_end = _placement(contract, on, _waivers(prefect_waiver), closed, set_by)
    cdi_from = _cdi_inclusion_from(contract, on, person, parcours_start, closed, set_by)
    return ContractPlan(
        on=on,
        earliest_end=earliest_end,
        latest_end=latest_end,
        extensions=MappingProxyType(extensions),
        weekly_hours=weekly_hours,
        trial_days_max=trial_days_max,
        pmsmp_days_left=pmsmp_days_left,
        placement_hours_left=hours_left,
        placement_window_end=window_end,
        cdi_inclusion_from=cdi_from,
        closed=MappingProxyType(closed),
        set_by=MappingProxyType(set_by),
    )


def _earliest_end(
    contract: Contract,
    person: Person | None,
    cddi: bool,
    closed: dict[str, Closed],
    set_by: dict[str, str],
) -> pendulum.Date | None:
    """`contract.min_duration`, raised for `contract.trial_period` and `pmsmp.share`."""
    if not cddi:
        closed["earliest_end"] = Closed(
            code=NOT_APPLICABLE, reason="no minimum length for this contract kind"
        )
        return None
    if person is not None and person.under_justice_measure:
        closed["earliest_end"] = Closed(
            code=NOT_APPLICABLE, reason="no minimum length for this person"
        )
        return None
    start = contract.start
    assert contract.end is not None
    end = period_end(start, _CDDI_MIN.at(start))
    code = "contract.min_duration"
    # The trial period allowed grows with the planned end (L1242-10): the first end
    # allowing the contract's trial period.
    while (
        contract.trial_period_days
        and end < contract.end
        and cddi_max_trial_days(start, end) < contract.trial_period_days
    ):
        end = next_day(end)
        code = "contract.trial_period"
    # Without renewals the end is the final end: the PMSMP share must still hold.
    if not contract.renewals and contract.immersions:
        while end < contract.end and not _share_ok(attrs.evolve(contract, end=end)):
            end = next_day(end)
            code = "pmsmp.share"
    set_by["earliest_end"] = code
    return end


def _share_ok(contract: Contract) -> bool:
    share = pmsmp_share_days(contract)
    return share is None or share[0] <= share[2]


def _latest_end(
    contract: Contract,
    on: pendulum.Date,
    cddi: bool,
    mission: bool,
    closed: dict[str, Closed],
    set_by: dict[str, str],
) -> pendulum.Date | None:
    """`contract.max_duration` / `mission.max_duration`, lowered by `weekly_hours_min`."""
    start = contract.start
    if cddi:
        limit = period_end(start, _CDDI_MAX.at(start))
        code = "contract.max_duration"
        if contract.weekly_hours < _CDDI_MIN_HOURS.at(start):
            covered_to = derogations_cover_until(contract)
            if covered_to <= on and previous_day(covered_to) < limit:
                # every day to min(on, final end) must be covered
                limit = previous_day(covered_to)
                code = "contract.weekly_hours_min"
        set_by["latest_end"] = code
        return limit
    if mission:
        set_by["latest_end"] = "mission.max_duration"
        return period_end(start, _MISSION_MAX.at(start))
    closed["latest_end"] = Closed(
        code=NOT_APPLICABLE, reason="the contract rules set no maximum length for this kind"
    )
    return None


def _hours_bound(contract: Contract, on: pendulum.Date) -> pendulum.Date | None:
    """The last day a CDDI below the weekly minimum may run, its derogations counted.

    `contract.weekly_hours_min` wants every day from the start to `min(on, final end)`
    covered by a derogation: when the coverage stops on or before `on`, the contract (and
    any extension of it) must end before the first uncovered day. `None`: no such bound.
    """
    if contract.weekly_hours >= _CDDI_MIN_HOURS.at(contract.start):
        return None
    covered_to = derogations_cover_until(contract)
    return previous_day(covered_to) if covered_to <= on else None


def _extensions(
    contract: Contract,
    person: Person | None,
    cddi: bool,
    closed: dict[str, Closed],
    on: pendulum.Date,
) -> dict[ExtensionGround, pendulum.Date | None]:
    """The latest end one more extension allows, by ground (`contract.extension_*`).

    Each is lowered to the last day the hours derogations cover when the contract is below
    the weekly minimum (`contract.weekly_hours_min`), and closed when that day comes before
    an extension would start.
    """
    out: dict[ExtensionGround, pendulum.Date | None] = {}

    def close(ground: ExtensionGround, code: str, reason: str) -> None:
        closed[f"extensions.{ground.value}"] = Closed(code=code, reason=reason)

    if not cddi:
        for ground in ExtensionGround:
            close(ground, NOT_APPLICABLE, "only a CDDI is extended past its maximum length")
        return out
    start = contract.start
    sk = contract.structure_kind
    assert contract.final_end is not None
    limit = period_end(start, _CDDI_MAX.at(start))
    prev = max(contract.final_end, limit)
    ext_start = next_day(prev)
    # training: up to the end of the training action a renewal records
    training_ends = [r.training_end for r in contract.renewals if r.training_end is not None]
    training_end = max(training_ends, default=None)
    if training_end is None:
        close(ExtensionGround.TRAINING, UNKNOWN, "no renewal records a training action's end")
    elif training_end < ext_start:
        close(
            ExtensionGround.TRAINING,
            "contract.extension_not_allowed",
            "the training action recorded ends before an extension would start",
        )
    else:
        out[ExtensionGround.TRAINING] = training_end
    # age: no limit in the contract rules
    min_age = _EXTENSION_AGE.at(start)
    if person is None:
        close(ExtensionGround.AGE_50, UNKNOWN, "the person is not known")
        close(ExtensionGround.RQTH, UNKNOWN, "the person is not known")
    else:
        if person.age_on(ext_start) >= min_age:
            out[ExtensionGround.AGE_50] = None
        else:
            close(
                ExtensionGround.AGE_50,
                "contract.extension_not_allowed",
                f"the person is under {min_age} on {ext_start.isoformat()}, when an "
                "extension would start",
            )
        if person.rqth:
            out[ExtensionGround.RQTH] = None
        else:
            close(ExtensionGround.RQTH, "contract.extension_not_allowed", "not open")
    # particular difficulties: ACI and AI, one step at a time, a total cap
    pd = ExtensionGround.PARTICULAR_DIFFICULTIES
    if sk.value not in _PD_KINDS.at(start):
        close(pd, "contract.extension_not_allowed", f"not open in {sk.value}")
    else:
        whole = period_end(start, _PD_MAX.at(start))
        step = period_end(ext_start, _PD_STEP.at(start))
        latest = min(step, whole)
        if latest < ext_start:
            close(pd, "contract.extension_too_long", "the total length is reached")
        else:
            out[pd] = latest
    bound = _hours_bound(contract, on)
    if bound is not None:
        for ground, latest_end in list(out.items()):
            if bound < ext_start:
                del out[ground]
                close(
                    ground,
                    "contract.weekly_hours_min",
                    "the hours derogations end before an extension would start",
                )
            elif latest_end is None or bound < latest_end:
                out[ground] = bound
    return out


def _weekly_hours(
    contract: Contract,
    on: pendulum.Date,
    cddi: bool,
    closed: dict[str, Closed],
    set_by: dict[str, str],
) -> tuple[float, float] | None:
    """`contract.weekly_hours_min` and `contract.weekly_hours_max` on `on`."""
    start = contract.start
    if cddi:
        maximum = float(_CDDI_MAX_HOURS.at(start))
        set_by["weekly_hours.max"] = "contract.weekly_hours_max"
        if first_uncovered_day(contract, on) is None:
            return 0.0, maximum
        set_by["weekly_hours.min"] = "contract.weekly_hours_min"
        return float(_CDDI_MIN_HOURS.at(start)), maximum
    if contract.kind is ContractKind.COMMERCIAL:
        closed["weekly_hours"] = Closed(
            code=NOT_APPLICABLE, reason="a commercial contract has no working-time rule"
        )
        return None
    set_by["weekly_hours.max"] = "contract.weekly_hours_max"
    return 0.0, float(_ANY_MAX_HOURS.at(start))


def _placement(
    contract: Contract,
    on: pendulum.Date,
    waivers: tuple[PrefectWaiver, ...],
    closed: dict[str, Closed],
    set_by: dict[str, str],
) -> tuple[float | None, pendulum.Date | None]:
    """`placement.hours_cap`: the hours left in the window containing `on`."""
    if contract.structure_kind is not StructureKind.AI:
        reason = Closed(code=NOT_APPLICABLE, reason="placements are an AI's")
        closed["placement_hours_left"] = closed["placement_window_end"] = reason
        return None, None
    if any(w.covers(on) for w in waivers):
        closed["placement_hours_left"] = Closed(
            code=NOT_APPLICABLE, reason="a prefect waiver lifts the cap on this day"
        )
    counted = sorted((p.start, p.hours) for p in contract.placements if p.host is HostKind.EMPLOYER)
    months = _PLACEMENT_WINDOW.at(contract.start)
    cap = float(_PLACEMENT_CAP.at(contract.start))
    windows: list[tuple[pendulum.Date, pendulum.Date, float]] = []
    for p_start, hours in counted:
        if not windows or p_start > windows[-1][1]:
            windows.append((p_start, period_end(p_start, months), 0.0))
        ws, we, total = windows[-1]
        windows[-1] = (ws, we, total + hours)
    current = next((w for w in windows if w[0] <= on <= w[1]), None)
    window_end: pendulum.Date | None
    if current is None:
        # a new window opens with a placement starting on `on`: later placements in it count
        window_end = None
        closed["placement_window_end"] = Closed(
            code=NOT_APPLICABLE,
            reason="no window is open on this day: a new one opens with the next placement",
        )
        new_end = period_end(on, months)
        used = sum(h for s, h in counted if on <= s <= new_end)
    else:
        window_end = current[1]
        used = current[2]
        set_by["placement_window_end"] = "placement.hours_cap"
    if "placement_hours_left" in closed:
        return None, window_end
    set_by["placement_hours_left"] = "placement.hours_cap"
    return max(cap - used, 0.0), window_end


def _cdi_inclusion_from(
    contract: Contract,
    on: pendulum.Date,
    person: Person | None,
    parcours_start: pendulum.Date,
    closed: dict[str, Closed],
    set_by: dict[str, str],
) -> pendulum.Date | None:
    """`cdi_inclusion.too_early` and `cdi_inclusion.age`: the first day both are met."""
    sk = contract.structure_kind
    if sk.value not in _CDI_KINDS.at(on):
        closed["cdi_inclusion_from"] = Closed(
            code=NOT_APPLICABLE, reason=f"no CDI inclusion in {sk.value}"
        )
        return None
    if person is None:
        closed["cdi_inclusion_from"] = Closed(code=UNKNOWN, reason="the person is not known")
        return None
    after = period_next(parcours_start, _CDI_AFTER.at(on))
    aged = birthday(person.birth_date, _CDI_AGE.at(on))
    if aged > after:
        set_by["cdi_inclusion_from"] = "cdi_inclusion.age"
        return aged
    set_by["cdi_inclusion_from"] = "cdi_inclusion.too_early"
    return after

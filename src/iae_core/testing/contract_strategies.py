"""Hypothesis strategies for the contract rules: *lawful* contracts with their context.

A lawful contract is one that `iae_core.contracts.check_contract` finds no error in
(warnings allowed) when given its context: the person, the parcours start, the PASS IAE.
`lawful_cases` draws a `ContractCase` (contract + ``on`` + context) for any
structure kind; `lawful_contracts` only the contracts. `checkable_cases`
draws arbitrary (often unlawful) contracts with an arbitrary context, for robustness
properties:

```python
@given(lawful_cases(st.just(StructureKind.ACI)))
def test_no_error(case):
    assert case.check().ok
```
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st

from iae_core import dates as _dates
from iae_core import params
from iae_core.approvals import Approval
from iae_core.checks import Report
from iae_core.contracts import (
    Contract,
    HoursDerogation,
    Immersion,
    Placement,
    PrefectWaiver,
    Renewal,
    cddi_max_trial_days,
    check_contract,
    mission_max_trial_days,
)
from iae_core.enums import ContractKind, DerogationKind, ExtensionGround, HostKind, StructureKind
from iae_core.people import Person
from iae_core.testing.derived import former, from_declarations
from iae_core.testing.strategies import MAX_DATE, approvals, contracts, dates, persons, sirets

__all__ = [
    "ContractCase",
    "checkable_cases",
    "lawful_cases",
    "lawful_contracts",
]

LAWFUL_FROM = pendulum.date(2021, 12, 1)
LAWFUL_UNTIL = pendulum.date(2032, 12, 31)
_CK = ContractKind
_SK = StructureKind
_ONE = pendulum.Duration(days=1)


def _value(name: str) -> Any:
    """The value of a parameter that has a single row (`iae_core.params`)."""
    return params.get(name).value


_CDDI_MIN_MONTHS = _value("cddi.min_months")
_CDDI_MAX_MONTHS = _value("cddi.max_months")
_CDDI_MIN_HOURS = float(_value("cddi.min_weekly_hours"))
_CDDI_MAX_HOURS = float(_value("cddi.max_weekly_hours"))
_ANY_MAX_HOURS = float(_value("contract.max_weekly_hours"))
_EXTENSION_AGE = _value("cddi.extension_min_age_years")
_PD_STEP_MONTHS = _value("cddi.particular_difficulties_step_months")
_CUMUL_AFTER_MONTHS = _value("derogation.cumul_after_months")
_CUMUL_MAX_MONTHS = _value("derogation.cumul_max_months")
_CUMUL_DECISIONS = _value("derogation.cumul_max_decisions")
_SEVERE_MAX_MONTHS = _value("derogation.severe_max_months")
_MISSION_MAX_MONTHS = _value("mission.max_months")
_MISSION_RENEWALS = _value("mission.max_renewals")
_PLACEMENT_CAP = float(_value("placement.cap_hours"))
_WAIVER_MAX_YEARS = _value("placement.prefect_waiver_max_years")
_CDI_AGE = _value("cdi_inclusion.min_age_years")
_CDI_AFTER_MONTHS = _value("cdi_inclusion.after_months")
_PMSMP_SHARE_PERCENT = _value("pmsmp.share_percent")
_PMSMP_MOST_DAYS = 28 * _value("pmsmp.max_months")
"""The days of the shortest `pmsmp.max_months` (February has 28 days)."""

_KINDS_BY_STRUCTURE: Mapping[StructureKind, tuple[ContractKind, ...]] = {
    _SK.ACI: (_CK.CDDI, _CK.CDDI, _CK.CDI_INCLUSION, _CK.PROFESSIONALISATION, _CK.OTHER),
    _SK.EI: (_CK.CDDI, _CK.CDDI, _CK.CDI_INCLUSION, _CK.PROFESSIONALISATION, _CK.OTHER),
    _SK.AI: (_CK.CDDI, _CK.CDD_USAGE, _CK.CDI_INCLUSION, _CK.PROFESSIONALISATION),
    _SK.ETTI: (_CK.MISSION, _CK.MISSION, _CK.CDI_INCLUSION),
    _SK.EITI: (_CK.COMMERCIAL,),
    _SK.GEIQ: (_CK.PROFESSIONALISATION, _CK.OTHER),
    _SK.EA: (_CK.PROFESSIONALISATION, _CK.OTHER),
    _SK.EATT: (_CK.MISSION, _CK.OTHER),
    _SK.OPCS: (_CK.PROFESSIONALISATION, _CK.OTHER),
}


@attrs.frozen(kw_only=True)
class ContractCase:
    """A contract with what its check needs.

    Attributes:
        contract: the contract.
        on: the date of the check.
        context: keyword arguments of `iae_core.contracts.check_contract`
            (``person``, ``parcours_start``, ``approval``, ``prefect_waiver``).
    """

    contract: Contract
    on: pendulum.Date
    context: Mapping[str, Any] = attrs.field(factory=dict)

    def check(self, contract: Contract | None = None) -> Report:
        """Check ``contract`` (default: this case's) with this case's ``on`` and context."""
        return check_contract(contract or self.contract, on=self.on, **self.context)


def _offsets(draw: st.DrawFn, low: int, high: int, count: int) -> list[int]:
    """Up to ``count`` distinct sorted integers in [low, high]."""
    if high < low:
        return []
    return sorted(draw(st.sets(st.integers(low, high), max_size=count)))


def _hours(low: float, high: float) -> st.SearchStrategy[float]:
    return st.integers(int(-(-low // 1)), int(high)).map(float) | st.floats(
        low, high, allow_nan=False
    )


def _immersions(
    draw: st.DrawFn, start: pendulum.Date, end: pendulum.Date, budget: int
) -> list[Immersion]:
    """Lawful PMSMP: distinct hosts (or one renewal), each short enough, ≤ ``budget`` days."""
    out: list[Immersion] = []
    used: set[str] = set()
    cursor = start
    for _ in range(draw(st.integers(0, 3))):
        room = (end - cursor).in_days() + 1
        most = min(_PMSMP_MOST_DAYS, budget, room)
        if most < 1:
            break
        offset = draw(st.integers(0, max(0, room - most)))
        length = draw(st.integers(1, most))
        first = cursor.add(days=offset)
        last = first.add(days=length - 1)
        host = draw(sirets().filter(lambda siret: siret not in used))
        used.add(host)
        out.append(Immersion(start=first, end=last, host_siret=host))
        budget -= length
        cursor = last + _ONE
        if draw(st.booleans()) and budget >= 1 and cursor <= end:
            room = (end - cursor).in_days() + 1
            again = min(length, budget, room)
            if again >= 1:
                length2 = draw(st.integers(1, again))
                last2 = cursor.add(days=length2 - 1)
                out.append(Immersion(start=cursor, end=last2, host_siret=host, renewal_of=first))
                budget -= length2
                cursor = last2 + _ONE
    return out


def _placements(draw: st.DrawFn, start: pendulum.Date, end: pendulum.Date) -> list[Placement]:
    """AI placements: those with employers total at most the cap (`placement.cap_hours`)."""
    out: list[Placement] = []
    employer_budget = _PLACEMENT_CAP
    span = (end - start).in_days()
    for _ in range(draw(st.integers(0, 4))):
        first = start.add(days=draw(st.integers(0, span)))
        last = first.add(days=draw(st.integers(0, min(60, (end - first).in_days()))))
        host = draw(st.sampled_from(HostKind))
        if host is HostKind.EMPLOYER:
            hours = float(draw(st.integers(0, int(employer_budget))))
            employer_budget -= hours
        else:
            hours = float(draw(st.integers(0, 1000)))
        siret = draw(st.none() | sirets())
        out.append(Placement(start=first, end=last, hours=hours, host=host, host_siret=siret))
    return out


def _shuffled(draw: st.DrawFn, items: list[Any]) -> tuple[Any, ...]:
    return tuple(draw(st.permutations(items))) if items else ()


@st.composite
def _lawful_case(draw: st.DrawFn, structure_kind: StructureKind) -> ContractCase:
    kind = draw(st.sampled_from(_KINDS_BY_STRUCTURE[structure_kind]))
    cdi = kind is _CK.CDI_INCLUSION
    parcours_start = draw(dates(LAWFUL_FROM, LAWFUL_UNTIL))
    earliest = _dates.period_next(parcours_start, _CDI_AFTER_MONTHS) if cdi else parcours_start
    start = earliest.add(days=draw(st.integers(0, 400)))
    person_kw: dict[str, Any] = {}
    if cdi:
        born_by = start.subtract(years=_CDI_AGE)
        person_kw["birth_date"] = draw(dates(born_by.subtract(years=8), born_by))
    else:
        person_kw["birth_date"] = draw(dates(start.subtract(years=64), start.subtract(years=18)))
    person_kw["rqth"] = draw(st.booleans())
    renewals: list[Renewal] = []
    derogations: list[HoursDerogation] = []
    weekly_hours = draw(_hours(0, _ANY_MAX_HOURS))
    trial = 0
    end: pendulum.Date | None
    if kind is _CK.CDDI:
        limit = _dates.period_end(start, _CDDI_MAX_MONTHS)
        min_end = _dates.period_end(start, _CDDI_MIN_MONTHS)
        end = min_end.add(days=draw(st.integers(0, (limit - min_end).in_days())))
        for offset in _offsets(draw, 1, (limit - end).in_days(), 3):
            renewals.append(Renewal(end=end.add(days=offset)))
        ext_start = limit + _ONE
        grounds = [ExtensionGround.TRAINING, ExtensionGround.AGE_50, ExtensionGround.RQTH]
        if structure_kind in (_SK.ACI, _SK.AI):
            grounds.append(ExtensionGround.PARTICULAR_DIFFICULTIES)
        ground = draw(st.none() | st.sampled_from(grounds))
        if ground is not None:
            step_end = _dates.period_end(ext_start, _PD_STEP_MONTHS)
            ext_end = ext_start.add(days=draw(st.integers(0, (step_end - ext_start).in_days())))
            training_end = None
            if ground is ExtensionGround.TRAINING:
                training_end = ext_end.add(days=draw(st.integers(0, 90)))
            elif ground is ExtensionGround.AGE_50:
                born_by = ext_start.subtract(years=_EXTENSION_AGE)
                person_kw["birth_date"] = draw(dates(born_by.subtract(years=14), born_by))
            elif ground is ExtensionGround.RQTH:
                person_kw["rqth"] = True
            renewals.append(Renewal(end=ext_end, ground=ground, training_end=training_end))
        weekly_hours = draw(_hours(_CDDI_MIN_HOURS, _CDDI_MAX_HOURS))
        cddi_end = max([end, *(r.end for r in renewals)])
        if structure_kind is _SK.ACI and draw(st.booleans()):
            # below the minimum, covered from start to final end by the longest decisions
            weekly_hours = draw(_hours(0, _CDDI_MIN_HOURS - 0.5))
            cursor = start
            while cursor <= cddi_end:
                last = _dates.period_end(cursor, _SEVERE_MAX_MONTHS)
                derogations.append(
                    HoursDerogation(kind=DerogationKind.SEVERE_DIFFICULTIES, start=cursor, end=last)
                )
                cursor = last + _ONE
        elif draw(st.booleans()):
            first = _dates.period_next(parcours_start, _CUMUL_AFTER_MONTHS).add(
                days=draw(st.integers(0, 200))
            )
            for _ in range(draw(st.integers(1, _CUMUL_DECISIONS))):
                last = _dates.period_end(first, _CUMUL_MAX_MONTHS).subtract(
                    days=draw(st.integers(0, 60))
                )
                other = draw(st.sampled_from([None, _SK.GEIQ, _SK.OPCS]))
                derogations.append(
                    HoursDerogation(
                        kind=DerogationKind.CUMUL, start=first, end=last, other_employer_kind=other
                    )
                )
                first = last + _ONE
        trial = draw(st.integers(0, cddi_max_trial_days(start, end)))
    elif kind is _CK.MISSION:
        limit = _dates.period_end(start, _MISSION_MAX_MONTHS)
        end = start.add(days=draw(st.integers(0, (limit - start).in_days())))
        for offset in _offsets(draw, 1, (limit - end).in_days(), _MISSION_RENEWALS):
            renewals.append(Renewal(end=end.add(days=offset)))
        trial = draw(st.integers(0, mission_max_trial_days(start, end)))
    elif cdi:
        end = None if draw(st.booleans()) else start.add(days=draw(st.integers(0, 3000)))
    elif kind is _CK.COMMERCIAL:
        weekly_hours = draw(_hours(0, 70))
        end = start.add(days=draw(st.integers(0, 1200)))
    else:
        end = start.add(days=draw(st.integers(0, 1200)))
    final_end = max([*(r.end for r in renewals), end]) if end is not None else None
    horizon = final_end if final_end is not None else start.add(days=1500)
    length = (horizon - start).in_days() + 1
    immersions = _immersions(draw, start, horizon, length * _PMSMP_SHARE_PERCENT // 100)
    placements = _placements(draw, start, horizon) if structure_kind is _SK.AI else []
    contract = Contract(
        kind=kind,
        structure_kind=structure_kind,
        start=start,
        end=end,
        weekly_hours=weekly_hours,
        renewals=_shuffled(draw, renewals),
        derogations=_shuffled(draw, derogations),
        immersions=_shuffled(draw, immersions),
        placements=_shuffled(draw, placements),
        trial_period_days=trial,
    )
    person = Person(id="p", **person_kw)
    approval = Approval(
        number="999990000001",
        start=parcours_start,
        initial_end=start.add(days=draw(st.integers(0, 800))),
    )
    on = draw(dates(start.subtract(days=30), horizon.add(days=400)))
    return ContractCase(
        contract=contract,
        on=on,
        context={"person": person, "parcours_start": parcours_start, "approval": approval},
    )


def lawful_cases(
    structure_kinds: st.SearchStrategy[StructureKind] | None = None,
) -> st.SearchStrategy[ContractCase]:
    """Lawful contracts of the structure kinds drawn (default: any kind), with context.

    CDDI in EI, AI and ACI (`cddi.min_months` to `cddi.max_months`, renewals, sometimes
    one admissible extension past the maximum, `cddi.min_weekly_hours` to
    `cddi.max_weekly_hours` or an ACI derogation chain, cumul derogations, a trial period
    within L1242-10), ETTI missions (within `mission.max_months` and
    `mission.max_renewals`), CDI inclusion (`cdi_inclusion.min_age_years`,
    `cdi_inclusion.after_months` into the parcours), AI placements (within
    `placement.cap_hours` with employers), PMSMP within every limit; starts from
    `LAWFUL_FROM`, under a PASS IAE covering the start.
    """
    kinds = structure_kinds if structure_kinds is not None else st.sampled_from(StructureKind)
    return kinds.flatmap(_lawful_case)


def lawful_contracts(
    structure_kinds: st.SearchStrategy[StructureKind] | None = None,
) -> st.SearchStrategy[Contract]:
    """The contracts of `lawful_cases` (lawful with their case's context)."""
    return lawful_cases(structure_kinds).map(lambda case: case.contract)


def checkable_cases() -> st.SearchStrategy[ContractCase]:
    """Arbitrary contracts (often unlawful) with an arbitrary, possibly empty, context."""

    @st.composite
    def build(draw: st.DrawFn) -> ContractCase:
        contract = draw(contracts())
        context: dict[str, Any] = {
            "person": draw(st.none() | persons()),
            "parcours_start": draw(st.none() | dates()),
            "approval": draw(st.none() | approvals()),
            "prefect_waiver": draw(st.none() | from_declarations(PrefectWaiver)),
            "require_approval": draw(st.booleans()),
            "in_cdi_inclusion": draw(st.booleans()),
        }
        return ContractCase(contract=contract, on=draw(dates(max_value=MAX_DATE)), context=context)

    return build()


def __getattr__(name: str) -> object:
    """The strategy functions the derivation replaced (deprecated; `derived.former`)."""
    return former(__name__, name)

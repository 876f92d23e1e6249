"""Deadlines: `deadlines(subjects, *, on, within_days=90) -> list[Deadline]`.

Every date in `[on, on + within_days]` at which something falls due or opens, over any mix
of parcours, contracts, approvals and diagnoses. The dates are those the checks judge: the
approval limits come from `iae_core.approvals` (`prolongation_window_bounds`,
`PROLONGATION_WINDOW`, `Approval.end`, `Approval.waiting_period_end`), the diagnosis
expiry from the diagnosis (`expires_on`), and the contract limits from the parameters the
contract rules read (`cddi.max_months`, `placement.window_months`, `placement.cap_hours`,
`cdi_inclusion.after_months`, `cdi_inclusion.min_age_years`), with the same month
arithmetic (`dates.period_end`, `dates.period_next`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from iae_core import _text, dates, params
from iae_core import approvals as _ap
from iae_core.contracts import Contract
from iae_core.eligibility import EligibilityDiagnosis, GeiqDiagnosis
from iae_core.enums import ContractKind, HostKind, StructureKind
from iae_core.errors import InvalidData
from iae_core.parcours import Parcours
from iae_core.people import Person

__all__ = ["CODES", "DEFAULT_WITHIN_DAYS", "Deadline", "deadlines"]

Date = pendulum.Date
Lang = _text.Lang

DEFAULT_WITHIN_DAYS = 90
"""How many days ahead `deadlines` looks by default (not law: a planning horizon)."""

_CDDI_KINDS = params.get("cddi.structure_kinds")
_CDDI_MAX = params.get("cddi.max_months")
_PLACEMENT_WINDOW = params.get("placement.window_months")
_PLACEMENT_CAP = params.get("placement.cap_hours")
_CDI_KINDS = params.get("cdi_inclusion.structure_kinds")
_CDI_AGE = params.get("cdi_inclusion.min_age_years")
_CDI_AFTER = params.get("cdi_inclusion.after_months")

_CT = "C. trav. art. "
_PLATFORM = "Plateforme de l'inclusion"

_TEMPLATES: Mapping[str, tuple[str, str, str]] = {
    # code -> (French template, English template, reference)
    "deadline.pass_end": (
        "Le PASS IAE {number} prend fin le {day}.",
        "PASS IAE {number} ends on {day}.",
        _CT + "R5132-1-2",
    ),
    "deadline.diagnosis_expiry": (
        "Dernier jour de validité du diagnostic d'éligibilité : le {day}.",
        "Last valid day of the eligibility diagnosis: {day}.",
        _CT + "R5132-1-1",
    ),
    "deadline.contract_latest_end": (
        "Le CDDI commencé le {start} atteint sa durée maximale de {max_months} mois le {day}.",
        "The CDDI that started on {start} reaches its maximum length of {max_months} months "
        "on {day}.",
        _CT + "L5132-5, L5132-11-1, L5132-15-1",
    ),
    "deadline.prolongation_window_opens": (
        "La prolongation du PASS IAE {number} peut être demandée à partir du {day} "
        "(jusqu'au {last}).",
        "A prolongation of PASS IAE {number} may be requested from {day} (until {last}).",
        _PLATFORM,
    ),
    "deadline.prolongation_window_closes": (
        "Dernier jour pour demander la prolongation du PASS IAE {number} : le {day}.",
        "Last day to request a prolongation of PASS IAE {number}: {day}.",
        _PLATFORM,
    ),
    "deadline.placement_window_end": (
        "Fin de la période de {window_months} mois des mises à disposition commencée le "
        "{window_start} : le {day} ({hours:h} comptées, plafond {cap_hours:h}).",
        "End of the {window_months}-month placement window that started on {window_start}: "
        "{day} ({hours:h} counted, cap {cap_hours:h}).",
        _CT + "L5132-9, R5132-18",
    ),
    "deadline.waiting_period_end": (
        "Fin du délai de carence du PASS IAE {number} le {day} : un nouveau PASS IAE peut "
        "être délivré à partir du {next_day}.",
        "The waiting period of PASS IAE {number} ends on {day}: a new PASS IAE can be "
        "issued from {next_day}.",
        _CT + "R5132-1-4",
    ),
    "deadline.cdi_inclusion_possible": (
        "Un CDI inclusion peut être signé à partir du {day} ({min_age} ans et plus, "
        "{after_months} mois après le début du parcours le {parcours_start}).",
        "A CDI inclusion may be signed from {day} (aged {min_age} or more, {after_months} "
        "months after the parcours started on {parcours_start}).",
        _CT + "L5132-5-1, L5132-6-1, L5132-14-1, L5132-15-1-1",
    ),
}

CODES: tuple[str, ...] = tuple(sorted(_TEMPLATES))
"""Every deadline code."""


@attrs.frozen(kw_only=True, slots=True)
class Deadline:
    """A date at which something falls due or opens.

    Attributes:
        day: the date.
        code: what falls due (`deadline.pass_end`, `deadline.diagnosis_expiry`…; see
            `CODES`).
        subject: the id of what it concerns: the PASS number, the person's id (a
            parcours), or the position in the input (`"3"`).
        path: where in the subject, as in findings (`approval`, `contracts[1]`, `""`).
        message: what it means, in the language asked for.
        reference: the legal text (or the platform) that sets it.
        params: the values the message is built from (dates, counts), as in findings.
    """

    day: Date
    code: str
    subject: str
    path: str
    message: str
    reference: str
    params: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    def in_language(self, lang: Lang) -> Deadline:
        """This deadline with its message in `lang` (`"fr"` or `"en"`)."""
        return attrs.evolve(self, message=_message(self.code, self.params, lang))

    def to_json(self) -> dict[str, Any]:
        """Plain values: ISO dates, strings, numbers."""
        return {
            "day": self.day.isoformat(),
            "code": self.code,
            "subject": self.subject,
            "path": self.path,
            "message": self.message,
            "reference": self.reference,
            "params": {k: _plain(v) for k, v in self.params.items()},
        }


def _plain(value: Any) -> Any:
    if isinstance(value, Date):
        return value.isoformat()
    return value


def _message(code: str, values: Mapping[str, Any], lang: Lang) -> str:
    fr, en, _ = _TEMPLATES[code]
    return _text.render(en if lang == "en" else fr, values, lang)


def _shift(day: Date, days: int) -> Date:
    return Date.fromordinal(day.toordinal() + days)


@attrs.frozen(slots=True)
class _Span:
    lo: Date
    hi: Date
    lang: Lang

    def emit(self, day: Date, code: str, subject: str, path: str, **values: Any) -> Deadline | None:
        if not self.lo <= day <= self.hi:
            return None
        values = {"day": day, **values}
        return Deadline(
            day=day,
            code=code,
            subject=subject,
            path=path,
            message=_message(code, values, self.lang),
            reference=_TEMPLATES[code][2],
            params=MappingProxyType(values),
        )


# --- approvals -----------------------------------------------------------------------------


def window_runs(a: _ap.Approval) -> list[tuple[Date, Date]]:
    """The runs of request days on which a prolongation of `a`'s current end may be asked.

    Each version of `PROLONGATION_WINDOW` gives the days of its own period that lie in its
    window (`prolongation_window_bounds`); adjacent runs are merged.
    """
    runs: list[tuple[Date, Date]] = []
    end = a.end
    rows = list(_ap.PROLONGATION_WINDOW.rows())
    for i, (first, window) in enumerate(rows):
        if first is None or window is None:
            continue
        last = _shift(rows[i + 1][0], -1) if i + 1 < len(rows) else None  # type: ignore[arg-type]
        bounds = _ap.prolongation_window_bounds(first, approval_start=a.start, current_end=end)
        assert bounds is not None
        lo = max(bounds[0], first)
        hi = bounds[1] if last is None else min(bounds[1], last)
        if lo > hi:
            continue
        if runs and runs[-1][1].toordinal() + 1 >= lo.toordinal():
            runs[-1] = (runs[-1][0], max(runs[-1][1], hi))
        else:
            runs.append((lo, hi))
    return runs


def _approval(a: _ap.Approval, span: _Span, subject: str, path: str) -> Iterator[Deadline | None]:
    number = a.number
    end = a.end
    yield span.emit(end, "deadline.pass_end", subject, path, number=number)
    for lo, hi in window_runs(a):
        yield span.emit(
            lo, "deadline.prolongation_window_opens", subject, path, number=number, last=hi
        )
        yield span.emit(hi, "deadline.prolongation_window_closes", subject, path, number=number)
    waiting = a.waiting_period_end
    yield span.emit(
        waiting,
        "deadline.waiting_period_end",
        subject,
        path,
        number=number,
        next_day=_shift(waiting, 1),
    )


# --- diagnoses -----------------------------------------------------------------------------


def _diagnosis(
    d: EligibilityDiagnosis | GeiqDiagnosis, span: _Span, subject: str, path: str
) -> Iterator[Deadline | None]:
    yield span.emit(
        _shift(d.expires_on, -1),
        "deadline.diagnosis_expiry",
        subject,
        path,
        expires_on=d.expires_on,
    )


# --- contracts -----------------------------------------------------------------------------


def cddi_latest_end(contract: Contract) -> Date | None:
    """The last day of a CDDI's maximum length (`contract.max_duration`), else `None`.

    `dates.period_end(start, cddi.max_months)`, the version in force on the start, for a
    CDDI in a structure of `cddi.structure_kinds`; extensions on a legal ground may go
    past it.
    """
    start = contract.start
    if contract.kind is not ContractKind.CDDI:
        return None
    if contract.structure_kind.value not in _CDDI_KINDS.at(start):
        return None
    return dates.period_end(start, _CDDI_MAX.at(start))


def placement_windows(contract: Contract) -> list[tuple[Date, Date, float]]:
    """The AI placement windows of `contract`: `(first day, last day, hours counted)`.

    As `placement.hours_cap` counts them: placements with a private-law employer, a window
    of `placement.window_months` from the first one's start, the next placement starting
    after it opening a new one.
    """
    if contract.structure_kind is not StructureKind.AI or not contract.placements:
        return []
    counted = sorted((p.start, p.hours) for p in contract.placements if p.host is HostKind.EMPLOYER)
    months = _PLACEMENT_WINDOW.at(contract.start)
    out: list[tuple[Date, Date, float]] = []
    for p_start, hours in counted:
        if not out or p_start > out[-1][1]:
            out.append((p_start, dates.period_end(p_start, months), 0.0))
        first, last, total = out[-1]
        out[-1] = (first, last, total + hours)
    return out


def _contract(
    contract: Contract, span: _Span, subject: str, path: str
) -> Iterator[Deadline | None]:
    ends = [r.end for r in contract.renewals]
    if contract.end is not None:
        ends.append(contract.end)
    if ends and max(ends) < span.lo:
        return
    latest = cddi_latest_end(contract)
    if latest is not None:
        yield span.emit(
            latest,
            "deadline.contract_latest_end",
            subject,
            path,
            start=contract.start,
            max_months=_CDDI_MAX.at(contract.start),
        )
    windows = placement_windows(contract)
    if windows:
        months = _PLACEMENT_WINDOW.at(contract.start)
        cap = _PLACEMENT_CAP.at(contract.start)
        for first, last, hours in windows:
            yield span.emit(
                last,
                "deadline.placement_window_end",
                subject,
                path,
                window_start=first,
                window_months=months,
                hours=hours,
                cap_hours=cap,
            )


def cdi_inclusion_earliest(person: Person, parcours_start: Date) -> Date:
    """The first day a CDI inclusion may start (`cdi_inclusion.age`, `cdi_inclusion.too_early`).

    The later of `dates.period_next(parcours_start, cdi_inclusion.after_months)` and the
    day the person reaches `cdi_inclusion.min_age_years` (`dates.age_on`: a birthday on
    29 February falls on 1 March), each parameter read on that day.
    """
    day = dates.period_next(parcours_start, _CDI_AFTER.at(parcours_start))
    for _ in range(len(_CDI_AGE.rows) + len(_CDI_AFTER.rows) + 1):  # versions may shift it
        after = dates.period_next(parcours_start, _CDI_AFTER.at(day))
        aged = _birthday(person.birth_date, _CDI_AGE.at(day))
        new = max(after, aged)
        if new == day:
            break
        day = new
    return day


def _birthday(birth: Date, age: int) -> Date:
    """The first day on which a person born on `birth` is `age` (by `dates.age_on`)."""
    day = birth.add(years=age)
    while dates.age_on(birth, day) < age:
        day = _shift(day, 1)
    while dates.age_on(birth, _shift(day, -1)) >= age:
        day = _shift(day, -1)
    return day


def _parcours(p: Parcours, span: _Span) -> Iterator[Deadline | None]:
    subject = p.person.id
    if p.approval is not None:
        yield from _approval(p.approval, span, subject, "approval")
    if p.diagnosis is not None:
        yield from _diagnosis(p.diagnosis, span, subject, "diagnosis")
    exited = p.exit is not None and p.exit.on < span.lo
    if exited:
        return
    for i, c in enumerate(p.contracts):
        yield from _contract(c, span, subject, f"contracts[{i}]")
    kind = p.structure.kind
    starts = [c.start for c in p.contracts]
    if p.approval is not None:
        starts.append(p.approval.start)
    if (
        starts
        and kind.value in _CDI_KINDS.at(span.lo)
        and not any(c.kind is ContractKind.CDI_INCLUSION for c in p.contracts)
    ):
        parcours_start = min(starts)
        day = cdi_inclusion_earliest(p.person, parcours_start)
        yield span.emit(
            day,
            "deadline.cdi_inclusion_possible",
            subject,
            "",
            min_age=_CDI_AGE.at(day),
            after_months=_CDI_AFTER.at(day),
            parcours_start=parcours_start,
        )


def deadlines(
    subjects: Iterable[Any],
    *,
    on: Date,
    within_days: int = DEFAULT_WITHIN_DAYS,
    lang: Lang = "fr",
) -> list[Deadline]:
    """Every deadline in `[on, on + within_days]`, sorted by day (then input order).

    Args:
        subjects: parcours, contracts, approvals and diagnoses, in any mix.
        on: the first day looked at.
        within_days: how many days after `on` (the last day is `on + within_days`).
        lang: the messages' language (`"fr"`, default, or `"en"`).

    Returns:
        The deadlines (`Deadline`), earliest first.

    Raises:
        InvalidData: a subject of another type, or a negative `within_days`.
    """
    if within_days < 0:
        raise InvalidData([("within_days", f"must be 0 or more, got {within_days}")])
    span = _Span(on, _shift(on, within_days), lang)
    out: list[tuple[int, int, Deadline]] = []
    for index, x in enumerate(subjects):
        items: Iterable[Deadline | None]
        if isinstance(x, Parcours):
            items = _parcours(x, span)
        elif isinstance(x, _ap.Approval):
            items = _approval(x, span, x.number, "")
        elif isinstance(x, EligibilityDiagnosis | GeiqDiagnosis):
            items = _diagnosis(x, span, str(index), "")
        elif isinstance(x, Contract):
            items = _contract(x, span, str(index), "")
        else:
            what = (
                f"cannot plan a {type(x).__name__}: give parcours, contracts, approvals or "
                "diagnoses"
            )
            raise InvalidData([(f"[{index}]", what)])
        out.extend((d.day.toordinal(), index, d) for d in items if d is not None)
    out.sort(key=lambda t: (t[0], t[1]))
    return [d for _, _, d in out]

"""Deadlines: `deadlines(subjects, *, on, within_days=90) -> list[Deadline]`.

Every date in `[on, on + within_days]` at which something falls due or opens, over any mix
of parcours, contracts, approvals, diagnoses, RSA orientations and contracts of engagement
(the 2025 delays of `iae_core.orientation`: `engagement_deadline`, `review_due`). The
dates are those the checks judge: the
approval limits come from `iae_core.approvals` (`prolongation_window_bounds`,
`PROLONGATION_WINDOW`, `Approval.end`, `Approval.waiting_period_end`), the diagnosis
expiry from the diagnosis (`expires_on`), and the contract limits from the contract
planner (`iae_core.planning.contract`: `latest_end`, `placement_window_end`,
`cdi_inclusion_from`), which reads the contract rules' parameters and computations.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from iae_core import approvals as _ap
from iae_core import dates, params
from iae_core._kernel import text as _text
from iae_core._kernel.plugins import Result
from iae_core.contracts import Contract
from iae_core.dates import MAX_DATE, MIN_DATE, DayLike, as_day
from iae_core.eligibility import EligibilityDiagnosis, GeiqDiagnosis
from iae_core.enums import ContractKind, HostKind, StructureKind
from iae_core.errors import InvalidData, detail
from iae_core.orientation import EngagementContract, Orientation, engagement_deadline, review_due
from iae_core.parcours import Parcours
from iae_core.people import Person
from iae_core.planning._contract import contract as plan_contract

__all__ = ["CODES", "DEFAULT_WITHIN_DAYS", "Deadline", "deadlines"]

Date = pendulum.Date
Lang = _text.Lang

DEFAULT_WITHIN_DAYS = 90
"""How many days ahead `deadlines` looks by default (not law: a planning horizon)."""

_PLACEMENT_WINDOW = params.get("placement.window_months")
_CDDI_MAX = params.get("cddi.max_months")
_MISSION_MAX = params.get("mission.max_months")
_MAX_MONTHS = (_CDDI_MAX, _MISSION_MAX)
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
        "Le contrat {kind:code} commencé le {start} atteint sa date de fin au plus tard le {day}.",
        "The {kind:code} contract that started on {start} reaches its latest end on {day}.",
        _CT + "L5132-5, L5132-6, L5132-11-1, L5132-15-1",
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
        "Fin de la période de {window_months} mois des mises à disposition en cours : le {day}.",
        "End of the current {window_months}-month placement window: {day}.",
        _CT + "L5132-9, R5132-18",
    ),
    "deadline.waiting_period_end": (
        "Fin du délai de carence du PASS IAE {number} le {day} : un nouveau PASS IAE peut "
        "être délivré à partir du {next_day}.",
        "The waiting period of PASS IAE {number} ends on {day}: a new PASS IAE can be "
        "issued from {next_day}.",
        _CT + "R5132-1-4",
    ),
    "deadline.engagement_contract": (
        "Dernier jour pour signer le contrat d'engagement après l'orientation notifiée le "
        "{notified_on} : le {day}.",
        "Last day to sign the contract of engagement after the orientation notified on "
        "{notified_on}: {day}.",
        _CT + "L5411-6, D5411-14-1",
    ),
    "deadline.social_review": (
        "Diagnostic conjoint France Travail et référent attendu le {day} (contrat "
        "d'engagement du {from_day}).",
        "Joint diagnosis by France Travail and the referent due on {day} (contract of "
        "engagement of {from_day}).",
        "CASF art. L262-31, D262-65-2-1",
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
class Deadline(Result):
    """A date at which something falls due or opens.

    Attributes:
        day: the date.
        code: what falls due (`deadline.pass_end`, `deadline.diagnosis_expiry`…; see
            `CODES`).
        subject: the id of what it concerns: the PASS number, the person's id (a
            parcours), or the position in the input (`"3"`).
        path: where in the subject, as in findings (`approval`, `contracts[1]`, `""`).
        message: what it means, in `lang` (rendered from the code's template and `params`
            when first read, unless given).
        reference: the legal text (or the platform) that sets it.
        params: the values the message is built from (dates, counts), as in findings.
        lang: the message's language (`"fr"` or `"en"`).
    """

    day: Date
    code: str
    subject: str
    path: str
    _message: str | None = attrs.field(default=None, eq=False, repr=False)
    reference: str
    params: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    lang: Lang = "fr"

    @property
    def message(self) -> str:
        """What it means, in `lang`: rendered once, when first read."""
        text = self._message
        if text is None:
            text = _message(self.code, self.params, self.lang)
            object.__setattr__(self, "_message", text)  # a cache: the value never changes
        return text

    def in_language(self, lang: Lang) -> Deadline:
        """This deadline with its message in `lang` (`"fr"` or `"en"`)."""
        return attrs.evolve(self, message=None, lang=lang)

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
            "lang": self.lang,
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
    """The days looked at, the language, and what one call has computed.

    The memo holds pure functions of dates, asked again for many subjects (a national
    extract has few distinct days).
    """

    lo: Date
    hi: Date
    lang: Lang
    memo: dict[Any, Any] = attrs.field(factory=dict)

    def emit(self, day: Date, code: str, subject: str, path: str, **values: Any) -> Deadline | None:
        """The deadline at `day` if it falls in the span; its message is rendered when read."""
        if not self.lo <= day <= self.hi:
            return None
        values = {"day": day, **values}
        return Deadline(
            day=day,
            code=code,
            subject=subject,
            path=path,
            reference=_TEMPLATES[code][2],
            params=MappingProxyType(values),
            lang=self.lang,
        )


# --- approvals -----------------------------------------------------------------------------


_WINDOW_ROWS: tuple[tuple[Date, Date | None], ...] = tuple(
    (first, None if i + 1 == len(_rows) else _shift(_rows[i + 1], -1))
    for _rows in [[d for d, w in _ap.PROLONGATION_WINDOW.rows() if d is not None]]
    for i, first in enumerate(_rows)
)


def window_runs(
    a: _ap.Approval, *, lo: Date | None = None, hi: Date | None = None
) -> list[tuple[Date, Date]]:
    """The runs of request days on which a prolongation of `a`'s current end may be asked.

    Each version of `PROLONGATION_WINDOW` gives the days of its own period that lie in its
    window (`prolongation_window_bounds`); adjacent runs are merged. With `lo` and `hi`,
    only the versions in force on some day of `[lo - 1, hi + 1]` are looked at (enough to
    tell which runs open or close in `[lo, hi]`).
    """
    runs: list[tuple[Date, Date]] = []
    end = a.end
    for first, last in _WINDOW_ROWS:
        if hi is not None and first.toordinal() > hi.toordinal() + 1:
            break
        if lo is not None and last is not None and last.toordinal() + 1 < lo.toordinal():
            continue
        bounds = _ap.prolongation_window_bounds(first, approval_start=a.start, current_end=end)
        assert bounds is not None
        first_day = max(bounds[0], first)
        last_day = bounds[1] if last is None else min(bounds[1], last)
        if first_day > last_day:
            continue
        if runs and runs[-1][1].toordinal() + 1 >= first_day.toordinal():
            runs[-1] = (runs[-1][0], max(runs[-1][1], last_day))
        else:
            runs.append((first_day, last_day))
    return runs


def _approval(a: _ap.Approval, span: _Span, subject: str, path: str) -> Iterator[Deadline | None]:
    number = a.number
    end = a.end
    yield span.emit(end, "deadline.pass_end", subject, path, number=number)
    memo = span.memo
    key = ("window", a.start, end)  # the runs depend only on the start and the end
    runs = memo.get(key)
    if runs is None:
        runs = memo[key] = window_runs(a, lo=span.lo, hi=span.hi)
    for lo, hi in runs:
        yield span.emit(
            lo, "deadline.prolongation_window_opens", subject, path, number=number, last=hi
        )
        yield span.emit(hi, "deadline.prolongation_window_closes", subject, path, number=number)
    waiting_key = ("waiting", end)  # the waiting period's end depends only on the end
    waiting = memo.get(waiting_key)
    if waiting is None:
        waiting = memo[waiting_key] = a.waiting_period_end
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


def _contract(
    contract: Contract,
    span: _Span,
    subject: str,
    path: str,
    *,
    person: Person | None = None,
    parcours_start: Date | None = None,
    cdi_inclusion: bool = False,
) -> Iterator[Deadline | None]:
    ends = [r.end for r in contract.renewals]
    if contract.end is not None:
        ends.append(contract.end)
    if ends and max(ends) < span.lo:
        return
    start = contract.start
    if cdi_inclusion and (
        person is None or dates.age_on(person.birth_date, span.hi) < _CDI_AGE.at(span.hi)
    ):
        cdi_inclusion = False  # not of age by the span's last day: no CDI inclusion in it
    # the planner's latest end is the maximum length's end, or (hours rule) a day before
    # `on`: only the former can fall in the span
    key = ("latest", start)  # the maximum lengths' ends depend only on the start
    latest_may_fall = span.memo.get(key)
    if latest_may_fall is None:
        latest_may_fall = span.memo[key] = any(
            span.lo <= dates.period_end(start, m.at(start)) <= span.hi for m in _MAX_MONTHS
        )
    window_may_fall = contract.structure_kind is StructureKind.AI and any(
        p.host is HostKind.EMPLOYER
        and p.start <= span.lo
        and dates.period_end(p.start, _PLACEMENT_WINDOW.at(start)) >= span.lo
        for p in contract.placements
    )
    if not (cdi_inclusion or latest_may_fall or window_may_fall):
        return  # none of its dates can fall in the span: no need to plan it
    plan = plan_contract(contract, on=span.lo, person=person, parcours_start=parcours_start)
    if plan.latest_end is not None:
        yield span.emit(
            plan.latest_end,
            "deadline.contract_latest_end",
            subject,
            path,
            kind=contract.kind,
            start=contract.start,
            rule=plan.set_by.get("latest_end", ""),
        )
    if plan.placement_window_end is not None:
        yield span.emit(
            plan.placement_window_end,
            "deadline.placement_window_end",
            subject,
            path,
            window_months=_PLACEMENT_WINDOW.at(contract.start),
        )
    if cdi_inclusion and plan.cdi_inclusion_from is not None:
        day = plan.cdi_inclusion_from
        yield span.emit(
            day,
            "deadline.cdi_inclusion_possible",
            subject,
            "",
            min_age=_CDI_AGE.at(span.lo),
            after_months=_CDI_AFTER.at(span.lo),
            parcours_start=parcours_start,
        )


def _parcours(p: Parcours, span: _Span) -> Iterator[Deadline | None]:
    subject = p.person.id
    if p.approval is not None:
        yield from _approval(p.approval, span, subject, "approval")
    if p.diagnosis is not None:
        yield from _diagnosis(p.diagnosis, span, subject, "diagnosis")
    if p.exit is not None and p.exit.on < span.lo:
        return
    starts = [c.start for c in p.contracts]
    if p.approval is not None:
        starts.append(p.approval.start)
    parcours_start = min(starts, default=None)
    last = max(range(len(p.contracts)), key=lambda i: p.contracts[i].start, default=None)
    open_cdi = not any(c.kind is ContractKind.CDI_INCLUSION for c in p.contracts)
    for i, c in enumerate(p.contracts):
        yield from _contract(
            c,
            span,
            subject,
            f"contracts[{i}]",
            person=p.person,
            parcours_start=parcours_start,
            cdi_inclusion=open_cdi and i == last,
        )


# --- RSA orientation (2025) --------------------------------------------------------------


def _orientation(
    o: Orientation, span: _Span, subject: str, signed: Iterable[Date]
) -> Iterator[Deadline | None]:
    last = engagement_deadline(o)
    if last is None or any(day >= o.on for day in signed):
        return  # before 2025, or a contract of engagement already among the subjects
    yield span.emit(last, "deadline.engagement_contract", subject, "", notified_on=o.notified)


def _engagement(c: EngagementContract, span: _Span, subject: str) -> Iterator[Deadline | None]:
    due = review_due(c)
    if due is None or c.reviewed_on is not None:
        return
    yield span.emit(due, "deadline.social_review", subject, "", from_day=c.review_from)


MAX_WITHIN_DAYS = (MAX_DATE - MIN_DATE).days
"""The widest window `deadlines` accepts: the days from the first to the last supported date
(1900-01-01 to 2199-12-31, 109,572). A wider one would reach past any date iae_core reads."""


def deadlines(
    subjects: Iterable[Any],
    *,
    on: DayLike,
    within_days: int = DEFAULT_WITHIN_DAYS,
    lang: Lang = "fr",
) -> list[Deadline]:
    """Every deadline in `[on, on + within_days]`, sorted by day (then input order).

    Args:
        subjects: parcours, contracts, approvals, diagnoses, RSA orientations and
            contracts of engagement, in any mix (an orientation's contract deadline is
            left out when a contract of engagement of the person signed on or after it is
            among the subjects).
        on: the first day looked at.
        within_days: how many days after `on` (the last day is `on + within_days`).
        lang: the messages' language (`"fr"`, default, or `"en"`).

    Returns:
        The deadlines (`Deadline`), earliest first.

    Raises:
        InvalidData: a subject of another type (`not_plannable`), or a `within_days` below 0
            or above `MAX_WITHIN_DAYS` (`out_of_range`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    if within_days < 0 or within_days > MAX_WITHIN_DAYS:
        problem = (
            detail("within_days", "out_of_range", "at_least", input=within_days, minimum=0)
            if within_days < 0
            else detail(
                "within_days", "out_of_range", "at_most", input=within_days, maximum=MAX_WITHIN_DAYS
            )
        )
        raise InvalidData([problem])
    span = _Span(on, _shift(on, within_days), lang)
    # the cyclic collector paused (as `load` does): many small objects, no reference cycle
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _deadlines(subjects, span)
    finally:
        if collecting:
            gc.enable()


def _deadlines(subjects: Iterable[Any], span: _Span) -> list[Deadline]:
    out: list[tuple[int, int, Deadline]] = []
    subjects = list(subjects)
    signed: dict[str, list[Date]] = {}
    for x in subjects:
        if isinstance(x, EngagementContract):
            signed.setdefault(x.person_id, []).append(x.signed_on)
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
        elif isinstance(x, Orientation):
            items = _orientation(x, span, x.person_id, signed.get(x.person_id, ()))
        elif isinstance(x, EngagementContract):
            items = _engagement(x, span, x.person_id)
        else:
            raise InvalidData([detail((index,), "not_plannable", kind=type(x).__name__)])
        out.extend((d.day.toordinal(), index, d) for d in items if d is not None)
    out.sort(key=lambda t: (t[0], t[1]))
    return [d for _, _, d in out]

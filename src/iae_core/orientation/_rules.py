"""The RSA orientation rules of 2025 and the chain a département follows.

From 1 January 2025 (loi n° 2023-1196 pour le plein emploi, décret n° 2024-1244): the
orientation decided within six weeks (CASF D262-65-2, rule `orientation.decision_deadline`),
the contract of engagement signed within a month of its notification (C. trav. D5411-14-1,
`orientation.engagement_contract`) with at least 15 hours of weekly activity unless adjusted
(C. trav. L5411-6, `orientation.weekly_activity`), and the joint diagnosis of a person in
social support after six months, twelve for particular difficulties (CASF L262-31,
D262-65-2-1, `orientation.social_review`). Every delay and number is a dated parameter
(`orientation.toml`) whose first row starts on 1 January 2025: an orientation or a contract
before that day is judged by none of these rules (the texts before the reform set no delay
that was read).

The chain: orientation → contract of engagement → hire in an SIAE → exit
(`orientation_chain`).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from iae_core import dates, params
from iae_core._kernel.findings import Report, register_rule
from iae_core.dates import DayLike, as_day
from iae_core.enums import ExitCategory, Severity
from iae_core.orientation._entities import (
    EngagementContract,
    Orientation,
)
from iae_core.parcours import Parcours

__all__ = [
    "DECISION_DEADLINE",
    "ENGAGEMENT_CONTRACT",
    "REFORM_FROM",
    "SOCIAL_REVIEW",
    "WEEKLY_ACTIVITY",
    "ChainRow",
    "check_engagement",
    "check_orientation",
    "decision_deadline",
    "engagement_deadline",
    "orientation_chain",
    "review_due",
    "weekly_activity_hours",
]

_DECISION_WEEKS = params.get("orientation.decision_deadline_weeks")
_CONTRACT_MONTHS = params.get("orientation.engagement_contract_deadline_months")
_MIN_HOURS = params.get("orientation.weekly_activity_min_hours")
_REVIEW_MONTHS = params.get("orientation.social_review_months")
_REVIEW_EXTENDED_MONTHS = params.get("orientation.social_review_extended_months")

REFORM_FROM: pendulum.Date = min(
    r.start
    for p in (_DECISION_WEEKS, _CONTRACT_MONTHS, _MIN_HOURS, _REVIEW_MONTHS)
    for r in p.rows
    if r.start is not None
)
"""The first day of the 2025 rules (the parameters' first row): 1 January 2025."""


def _in_force(p: params.Param, day: pendulum.Date) -> Any:
    """The value of `p` on `day`, `None` before its first row (the rule does not apply)."""
    first = p.rows[0].start
    if first is not None and day < first:
        return None
    return p.at(day)


def decision_deadline(o: Orientation) -> pendulum.Date | None:
    """The last day to orient, six weeks after the information was received (D262-65-2).

    A delay in weeks expires on the same weekday of its last week (C. proc. civ. art. 641):
    `informed_on` plus 42 days. `None` when `informed_on` is not recorded or is before
    1 January 2025.
    """
    if o.informed_on is None:
        return None
    weeks = _in_force(_DECISION_WEEKS, o.informed_on)
    return None if weeks is None else o.informed_on.add(weeks=weeks)


def engagement_deadline(o: Orientation) -> pendulum.Date | None:
    """The last day to sign the contract of engagement, a month after the notification.

    A delay in months expires on the same-numbered day of its last month, or that month's
    last day (C. proc. civ. art. 641): notified on 31 January, it expires on 28 February
    (29 in a leap year). `None` for a notification before 1 January 2025
    (D5411-14-1).
    """
    months = _in_force(_CONTRACT_MONTHS, o.notified)
    return None if months is None else dates.add_months(o.notified, months)


def review_due(c: EngagementContract) -> pendulum.Date | None:
    """The day the joint diagnosis of a person in social support falls due (L262-31).

    Six months after the contract's signature or last revision, twelve when
    `review_extended` (D262-65-2-1), counted as `engagement_deadline` counts. `None` when
    the person is not in social support, or the delay started before 1 January 2025.
    """
    if not c.social_support:
        return None
    months = _in_force(
        _REVIEW_EXTENDED_MONTHS if c.review_extended else _REVIEW_MONTHS, c.review_from
    )
    return None if months is None else dates.add_months(c.review_from, months)


def weekly_activity_hours(
    c: EngagementContract, on: DayLike, parcours: Iterable[Parcours] = ()
) -> tuple[float, float]:
    """`(hours the contract sets, weekly hours of the person's SIAE contracts on on)`.

    The SIAE contracts are those of `parcours` for `c.person_id` in a structure that is an
    SIAE, in force on `on` (started, not ended, no exit before `on`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    siae = 0.0
    for p in parcours:
        if p.person.id != c.person_id or not p.structure.kind.is_siae:
            continue
        if p.exit is not None and p.exit.on < on:
            continue
        for k in p.contracts:
            end = k.end
            if k.renewals:
                end = max([r.end for r in k.renewals] + ([] if end is None else [end]))
            if k.start <= on and (end is None or on <= end):
                siae += float(k.weekly_hours)
    return float(c.weekly_activity_hours), siae


# --- the rules ----------------------------------------------------------------------------

_REF_DECISION = "CASF art. D262-65-2"
_REF_CONTRACT = "C. trav. art. L5411-6, D5411-14-1"
_REF_HOURS = "C. trav. art. L5411-6"
_REF_REVIEW = "CASF art. L262-31, D262-65-2-1"

DECISION_DEADLINE = register_rule(
    "orientation.decision_deadline",
    "Orientation décidée après le délai de six semaines",
    title_en="Orientation decided after the six-week delay",
    severity=Severity.WARNING,
    reference=_REF_DECISION,
    subject="Orientation",
    applies_from=REFORM_FROM,
    description=(
        "From 1 January 2025 the président du conseil départemental orients an RSA recipient "
        "within six weeks of receiving the information on the opening or transfer of the "
        "right; failing that, France Travail orients them."
    ),
    description_fr=(
        "À partir du 1er janvier 2025, le président du conseil départemental oriente le "
        "bénéficiaire du RSA dans les six semaines de la réception de l'information sur "
        "l'ouverture ou le transfert du droit ; à défaut, France Travail l'oriente."
    ),
    params=("orientation.decision_deadline_weeks",),
    messages={
        "default": (
            "Orientation décidée le {decided_on}, {days_late} jour(s) après le délai de "
            "{weeks} semaines ouvert le {informed_on} (dernier jour : {deadline}) : à défaut "
            "de décision du département dans ce délai, France Travail oriente la personne.",
            "Orientation decided on {decided_on}, {days_late} day(s) after the {weeks}-week "
            "delay that opened on {informed_on} (last day: {deadline}): failing the "
            "département's decision within it, France Travail orients the person.",
        )
    },
    reading=(
        "Six weeks expire on the same weekday of the sixth week (C. proc. civ. art. 641): the "
        "decision may be taken on that day. Judged only when `informed_on` is recorded and on "
        "or after 1 January 2025."
    ),
)
"""``orientation.decision_deadline`` (warning): the orientation came after six weeks."""

ENGAGEMENT_CONTRACT = register_rule(
    "orientation.engagement_contract",
    "Contrat d'engagement signé après le délai d'un mois",
    title_en="Contract of engagement signed after the one-month delay",
    severity=Severity.WARNING,
    reference=_REF_CONTRACT,
    subject="Orientation",
    applies_from=REFORM_FROM,
    description=(
        "From 1 January 2025 the contract of engagement is drawn up and signed within a month "
        "of the orientation decision's notification; a new orientation decision opens a new "
        "month."
    ),
    description_fr=(
        "À partir du 1er janvier 2025, le contrat d'engagement est élaboré et signé dans le "
        "mois qui suit la notification de la décision d'orientation ; une nouvelle décision "
        "d'orientation ouvre un nouveau délai."
    ),
    params=("orientation.engagement_contract_deadline_months",),
    messages={
        "missing": (
            "Aucun contrat d'engagement signé depuis l'orientation notifiée le {notified_on} : "
            "le délai d'un mois a pris fin le {deadline}.",
            "No contract of engagement signed since the orientation notified on "
            "{notified_on}: the one-month delay ended on {deadline}.",
        ),
        "late": (
            "Contrat d'engagement signé le {signed_on}, {days_late} jour(s) après la fin du "
            "délai d'un mois suivant la notification de l'orientation le {notified_on} "
            "(dernier jour : {deadline}).",
            "Contract of engagement signed on {signed_on}, {days_late} day(s) after the end of "
            "the one-month delay that followed the orientation's notification on "
            "{notified_on} (last day: {deadline}).",
        ),
    },
    reading=(
        "The month expires on the same-numbered day of the next month, or its last day "
        "(C. proc. civ. art. 641). The contract that counts is the person's first one signed "
        "on or after the orientation decision; check the latest orientation decision (a new "
        "one opens a new month). Without `notified_on` the decision's day is used."
    ),
)
"""``orientation.engagement_contract`` (warning): no contract, or one signed late."""

WEEKLY_ACTIVITY = register_rule(
    "orientation.weekly_activity",
    "Durée hebdomadaire d'activité du contrat d'engagement inférieure au minimum",
    title_en="Weekly activity of the contract of engagement under the minimum",
    severity=Severity.WARNING,
    reference=_REF_HOURS,
    subject="EngagementContract",
    applies_from=REFORM_FROM,
    description=(
        "A contract of engagement sets at least 15 hours of activity a week, unless it "
        "adjusts them to the person's situation. Hours worked under an SIAE contract in "
        "force count toward them (a reading: the texts read are silent)."
    ),
    description_fr=(
        "Le contrat d'engagement prévoit au moins quinze heures d'activité par semaine, sauf "
        "ajustement à la situation de la personne. Les heures d'un contrat en SIAE en cours "
        "sont comptées (lecture : les textes lus sont muets)."
    ),
    params=("orientation.weekly_activity_min_hours",),
    messages={
        "default": (
            "Contrat d'engagement du {signed_on} : {total:h} d'activité par semaine "
            "({hours:h} prévues au contrat, {siae_hours:h} de contrat en SIAE au {on}), "
            "pour un minimum de {minimum:h}, sauf ajustement prévu au contrat.",
            "Contract of engagement of {signed_on}: {total:h} of activity a week "
            "({hours:h} set by the contract, {siae_hours:h} of SIAE contract on {on}), "
            "for a minimum of {minimum:h}, unless the contract adjusts it.",
        )
    },
    reading=(
        "L5411-6 as quoted lists training, support and job-search actions; neither it nor "
        "its décrets, as read, say whether hours worked under an employment contract count. "
        "L5132-3 (2025) has the contract of engagement take the IAE parcours into account: "
        "iae_core adds the weekly hours of the person's SIAE contracts in force on the day "
        "checked (parcours given as context) to the hours the contract sets. A contract that "
        "adjusts the hours (`hours_adjusted`) is not judged, and the message never says why."
    ),
)
"""``orientation.weekly_activity`` (warning): fewer than 15 hours, not adjusted."""

SOCIAL_REVIEW = register_rule(
    "orientation.social_review",
    "Diagnostic conjoint d'une personne en accompagnement social non réalisé à l'échéance",
    title_en="Joint diagnosis of a person in social support not made when due",
    severity=Severity.WARNING,
    reference=_REF_REVIEW,
    subject="EngagementContract",
    applies_from=REFORM_FROM,
    description=(
        "When a recipient in social support cannot yet look for work six months after the "
        "contract of engagement's signature or revision (twelve for particular "
        "difficulties), France Travail and the referent diagnose their situation jointly."
    ),
    description_fr=(
        "Six mois après la signature ou la révision du contrat d'engagement (douze en cas de "
        "difficultés particulières), la situation du bénéficiaire en accompagnement à "
        "vocation d'insertion sociale fait l'objet d'un diagnostic conjoint."
    ),
    params=("orientation.social_review_months", "orientation.social_review_extended_months"),
    messages={
        "overdue": (
            "Diagnostic conjoint attendu le {due} (contrat d'engagement du {from_day}) et "
            "pas encore réalisé au {on}.",
            "Joint diagnosis due on {due} (contract of engagement of {from_day}), not yet "
            "made on {on}.",
        ),
        "late": (
            "Diagnostic conjoint réalisé le {reviewed_on}, après son échéance du {due} "
            "(contrat d'engagement du {from_day}).",
            "Joint diagnosis made on {reviewed_on}, after it fell due on {due} (contract of "
            "engagement of {from_day}).",
        ),
    },
    reading=(
        "The diagnosis is due when the delay expires (the same-numbered day, C. proc. civ. "
        "art. 641) and is read as due whatever the person's situation then (the text makes it "
        "depend on their not being able to look for work, which iae_core does not know). "
        "The message gives the due day, never whether the delay was extended nor why."
    ),
)
"""``orientation.social_review`` (warning): the joint diagnosis is overdue or was late."""


def check_orientation(
    o: Orientation,
    *,
    on: DayLike,
    engagements: Iterable[EngagementContract] = (),
    **_: Any,
) -> Report:
    """Check an orientation as of `on`: its decision's delay and its contract of engagement.

    Args:
        o: the orientation.
        on: the day the check is made for.
        engagements: the person's contracts of engagement (others' are ignored); their
            positions give the paths (`engagements[i].signed_on`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    on = dates.as_date(on)
    out = []
    deadline = decision_deadline(o)
    if deadline is not None and o.on > deadline:
        weeks = _DECISION_WEEKS.at(o.informed_on or o.on)
        out.append(
            DECISION_DEADLINE.emit(
                "default",
                "on",
                decided_on=o.on,
                informed_on=o.informed_on,
                deadline=deadline,
                weeks=weeks,
                days_late=(o.on - deadline).days,
            )
        )
    month_end = engagement_deadline(o)
    if month_end is not None:
        signed = [
            (c.signed_on, i)
            for i, c in enumerate(engagements)
            if c.person_id == o.person_id and c.signed_on >= o.on
        ]
        if signed:
            day, i = min(signed)
            if day > month_end:
                out.append(
                    ENGAGEMENT_CONTRACT.emit(
                        "late",
                        f"engagements[{i}].signed_on",
                        signed_on=day,
                        notified_on=o.notified,
                        deadline=month_end,
                        days_late=(day - month_end).days,
                    )
                )
        elif on > month_end:
            out.append(
                ENGAGEMENT_CONTRACT.emit("missing", "", notified_on=o.notified, deadline=month_end)
            )
    return Report(out)


def check_engagement(
    c: EngagementContract,
    *,
    on: DayLike,
    parcours: Iterable[Parcours] = (),
    **_: Any,
) -> Report:
    """Check a contract of engagement as of `on`: its weekly activity and the review.

    Args:
        c: the contract of engagement.
        on: the day the check is made for.
        parcours: the person's parcours: the weekly hours of their SIAE contracts in force
            on `on` count toward the activity (see the rule's `reading`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    on = dates.as_date(on)
    out = []
    minimum = _in_force(_MIN_HOURS, c.signed_on)
    if minimum is not None and not c.hours_adjusted and c.signed_on <= on:
        hours, siae = weekly_activity_hours(c, on, parcours)
        if hours + siae < minimum:
            out.append(
                WEEKLY_ACTIVITY.emit(
                    "default",
                    "weekly_activity_hours",
                    signed_on=c.signed_on,
                    on=on,
                    hours=hours,
                    siae_hours=siae,
                    total=hours + siae,
                    minimum=minimum,
                )
            )
    due = review_due(c)
    if due is not None:
        if c.reviewed_on is None and on > due:
            out.append(
                SOCIAL_REVIEW.emit("overdue", "reviewed_on", due=due, from_day=c.review_from, on=on)
            )
        elif c.reviewed_on is not None and c.reviewed_on > due:
            out.append(
                SOCIAL_REVIEW.emit(
                    "late",
                    "reviewed_on",
                    due=due,
                    from_day=c.review_from,
                    reviewed_on=c.reviewed_on,
                )
            )
    return Report(out)


@attrs.frozen(kw_only=True)
class ChainRow:
    """One département and year of orientation, followed to hire and exit.

    Attributes:
        department: the département that oriented.
        year: the year of orientation.
        oriented: people oriented that year (one per person: their first orientation
            of the year).
        engaged: of those, people who signed a contract of engagement on or after the
            orientation (from 2025; `engagements` given to `orientation_chain`).
        engaged_in_time: of those, people who signed it by the month's deadline
            (`engagement_deadline`; only orientations notified from 1 January 2025).
        median_engagement_delay_days: median days from orientation to the contract of
            engagement (`None` when nobody signed one).
        hired: of those oriented, people hired in an SIAE on or after the orientation.
        hire_rate: `hired / oriented`.
        median_delay_days: median days from orientation to the first contract's start
            (`None` when nobody was hired).
        exited: of those hired, people whose parcours has an exit.
        exits_by_category: exits by `ExitCategory` code.
        dynamic_exits: exits in the sustainable, transition or positive categories.
    """

    department: str
    year: int
    oriented: int
    hired: int
    engaged: int = 0
    engaged_in_time: int = 0
    median_engagement_delay_days: float | None = None
    hire_rate: float | None
    median_delay_days: float | None
    exited: int
    exits_by_category: dict[str, int]
    dynamic_exits: int

    def as_dict(self) -> dict[str, object]:
        """A flat row (exit categories as `exits_<CODE>` columns)."""
        row: dict[str, object] = {
            k: v for k, v in attrs.asdict(self).items() if k != "exits_by_category"
        }
        for c in ExitCategory:
            row[f"exits_{c.value}"] = self.exits_by_category.get(c.value, 0)
        return row


def _first_hire(o: Orientation, parcours: list[Parcours]) -> Parcours | None:
    best: Parcours | None = None
    for p in parcours:
        start = p.start
        if start is None or start < o.on or not p.structure.kind.is_siae:
            continue
        if best is None or (best.start is not None and start < best.start):
            best = p
    return best


def orientation_chain(
    orientations: Iterable[Orientation],
    parcours: Iterable[Parcours],
    engagements: Iterable[EngagementContract] = (),
) -> list[ChainRow]:
    """Follow each orientation to its contract of engagement, the first SIAE hire, the exit.

    Orientation → contract of engagement (from 2025) → hire in an SIAE → exit. A person
    is counted once per département and year (their first orientation that year); the
    contract of engagement is their first one signed on or after that orientation, the hire
    their first parcours in an SIAE starting on or after it (matched on `Person.id`; a
    hire does not need a contract of engagement, which the texts before 2025 did not
    know); the hire's exit, when there is one, gives the category. Rows are sorted by
    département and year.
    """
    by_person: dict[str, list[Parcours]] = {}
    for p in parcours:
        by_person.setdefault(p.person.id, []).append(p)
    signed_by_person: dict[str, list[pendulum.Date]] = {}
    for c in engagements:
        signed_by_person.setdefault(c.person_id, []).append(c.signed_on)
    first: dict[tuple[str, int, str], Orientation] = {}
    for o in orientations:
        key = (o.department, o.on.year, o.person_id)
        if key not in first or o.on < first[key].on:
            first[key] = o
    groups: dict[tuple[str, int], list[Orientation]] = {}
    for (dep, year, _), o in first.items():
        groups.setdefault((dep, year), []).append(o)
    rows = []
    for (dep, year), items in sorted(groups.items()):
        delays: list[int] = []
        engagement_delays: list[int] = []
        in_time = 0
        exits: dict[str, int] = {}
        exited = dynamic = 0
        for o in items:
            signed = [d for d in signed_by_person.get(o.person_id, []) if d >= o.on]
            if signed:
                first_signed = min(signed)
                engagement_delays.append((first_signed - o.on).days)
                month_end = engagement_deadline(o)
                in_time += month_end is not None and first_signed <= month_end
            hire = _first_hire(o, by_person.get(o.person_id, []))
            if hire is None or hire.start is None:
                continue
            delays.append((hire.start - o.on).days)
            if hire.exit is not None:
                exited += 1
                cat = hire.exit.category
                exits[cat.value] = exits.get(cat.value, 0) + 1
                dynamic += cat.is_dynamic
        rows.append(
            ChainRow(
                department=dep,
                year=year,
                oriented=len(items),
                engaged=len(engagement_delays),
                engaged_in_time=in_time,
                median_engagement_delay_days=(
                    float(statistics.median(engagement_delays)) if engagement_delays else None
                ),
                hired=len(delays),
                hire_rate=len(delays) / len(items),
                median_delay_days=float(statistics.median(delays)) if delays else None,
                exited=exited,
                exits_by_category=exits,
                dynamic_exits=dynamic,
            )
        )
    return rows

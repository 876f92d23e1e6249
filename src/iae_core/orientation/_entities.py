"""The RSA orientation entities: `Orientation` and `EngagementContract`.

`Orientation`: CASF L262-29; from 1 January 2025 the `EngagementContract` that follows it
(C. trav. L5411-6).
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from iae_core import dates
from iae_core._kernel.model import (
    Entity,
    Problems,
    enum_converter,
    need_bool,
    need_date,
    need_enum,
    need_number,
    need_optional_date,
    need_str,
)
from iae_core.enums import OrientationBody, OrientationCategory
from iae_core.people import is_department

__all__ = [
    "EngagementContract",
    "Orientation",
]

_SENSITIVE = {"sensitive": True}
"""Field metadata: never in ``repr``, an error message or a default export (the grounds of
an adjustment or an extension include health and disability)."""


def _hidden_flag(_value: object) -> str:
    return "<hidden>"


_CATEGORY = enum_converter(OrientationCategory)
_BODY = enum_converter(OrientationBody)


def _to_category(value: OrientationCategory | str) -> Any:
    """Converter: an `OrientationCategory` code becomes the member."""
    return _CATEGORY(value)


def _to_body(value: OrientationBody | str) -> Any:
    """Converter: an `OrientationBody` code becomes the member."""
    return _BODY(value)


@attrs.frozen(kw_only=True)
class Orientation(Entity):
    """An RSA recipient's orientation (CASF L262-29).

    From 1 January 2025 (loi n° 2023-1196 pour le plein emploi) every recipient is
    registered with France Travail, and the président du conseil départemental orients
    them to an *organisme référent* (C. trav. L5411-5-1 IV: France Travail, a mission
    locale, Cap emploi — folded into `OTHER` —, the département or another body) within
    six weeks of receiving the information on the right's opening or transfer (CASF
    D262-65-2); a *contrat d'engagement* follows within a month of the decision's
    notification (C. trav. D5411-14-1). See `EngagementContract`.

    Attributes:
        person_id: the person's identifier (`Person.id`).
        on: the day of the orientation decision.
        category: social, professional or socio-professional.
        body: the body the person is oriented to: from 2025 the *organisme référent*.
        department: the département that decided it (`"35"`, `"2A"`, `"974"`).
        informed_on: the day the département's services received the information on the
            opening of the RSA right, or its transfer into the département (D262-65-2: the
            six weeks run from it); `None` when not recorded (the delay is then not judged).
        notified_on: the day the decision was notified to the person (D5411-14-1: the month
            of the contract of engagement runs from it); `None`: the decision's day is used.
    """

    person_id: str
    on: pendulum.Date = attrs.field(converter=dates.to_date)
    category: OrientationCategory = attrs.field(converter=_to_category)
    body: OrientationBody = attrs.field(converter=_to_body)
    department: str
    informed_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    notified_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)

    def _validate(self, problems: Problems) -> None:
        need_str(problems, "person_id", self.person_id)
        on_ok = need_date(problems, "on", self.on)
        need_enum(problems, "category", self.category, OrientationCategory)
        need_enum(problems, "body", self.body, OrientationBody)
        if not is_department(self.department):
            problems.append(("department", f"not a department code: {self.department!r}"))
        informed, notified = self.informed_on, self.notified_on
        informed_ok = need_optional_date(problems, "informed_on", informed)
        if informed_ok and on_ok and informed is not None and informed > self.on:
            problems.append(("informed_on", "after the orientation decision (on)"))
        notified_ok = need_optional_date(problems, "notified_on", notified)
        if notified_ok and on_ok and notified is not None and notified < self.on:
            problems.append(("notified_on", "before the orientation decision (on)"))

    @property
    def notified(self) -> pendulum.Date:
        """The day the decision was notified (`notified_on`, else the decision's day)."""
        return self.on if self.notified_on is None else self.notified_on


@attrs.frozen(kw_only=True)
class EngagementContract(Entity):
    """A *contrat d'engagement* (C. trav. L5411-6), from 1 January 2025.

    Signed by the person and their *organisme référent* after the orientation: it sets
    the action plan and a weekly activity of at least 15 hours, which it may lower for the
    person's situation. For a person in social support (*accompagnement à vocation
    d'insertion sociale*), the situation is diagnosed jointly six months after its
    signature or revision, twelve for particular difficulties (CASF L262-31,
    D262-65-2-1).

    Attributes:
        person_id: the person's identifier (`Person.id`).
        signed_on: the day it was signed.
        body: the *organisme référent* that signed it.
        weekly_activity_hours: the weekly hours of activity it sets (training, support,
            job search, immersions…), besides work under an employment contract.
        hours_adjusted: it sets fewer hours for the person's situation (L5411-6); never
            shown (the reasons include health and disability).
        social_support: the person is in social support (the L262-31 review applies).
        review_extended: the review delay is twelve months (D262-65-2-1); never shown.
        revised_on: the day of its last revision (the review delay runs from it).
        reviewed_on: the day of the joint diagnosis, once made.
    """

    person_id: str
    signed_on: pendulum.Date = attrs.field(converter=dates.to_date)
    body: OrientationBody = attrs.field(converter=_to_body)
    weekly_activity_hours: float
    hours_adjusted: bool = attrs.field(default=False, repr=_hidden_flag, metadata=_SENSITIVE)
    social_support: bool = False
    review_extended: bool = attrs.field(default=False, repr=_hidden_flag, metadata=_SENSITIVE)
    revised_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    reviewed_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)

    def _validate(self, problems: Problems) -> None:
        need_str(problems, "person_id", self.person_id)
        signed_ok = need_date(problems, "signed_on", self.signed_on)
        need_enum(problems, "body", self.body, OrientationBody)
        need_number(
            problems, "weekly_activity_hours", self.weekly_activity_hours, minimum=0, maximum=168
        )
        # the sensitive flags: the message never shows the value given
        flags: tuple[tuple[str, object], ...] = (
            ("hours_adjusted", self.hours_adjusted),
            ("review_extended", self.review_extended),
        )
        for name, value in flags:
            if not isinstance(value, bool):
                problems.append((name, f"not a boolean (got a {type(value).__name__})"))
        need_bool(problems, "social_support", self.social_support)
        for name, day in (("revised_on", self.revised_on), ("reviewed_on", self.reviewed_on)):
            day_ok = need_optional_date(problems, name, day)
            if day_ok and signed_ok and day is not None and day < self.signed_on:
                problems.append((name, "before the contract was signed (signed_on)"))

    @property
    def review_from(self) -> pendulum.Date:
        """The day the review delay runs from: the last revision, else the signature."""
        return self.signed_on if self.revised_on is None else self.revised_on

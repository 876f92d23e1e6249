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
    DEPARTMENT,
    TEXT,
    Entity,
    Ge,
    Le,
    Ordered,
    declare,
    enum_converter,
)
from iae_core.enums import OrientationBody, OrientationCategory

__all__ = [
    "EngagementContract",
    "Orientation",
]


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

    person_id: str = attrs.field(metadata=declare(TEXT))
    on: pendulum.Date = attrs.field(converter=dates.to_date)
    category: OrientationCategory = attrs.field(converter=_to_category)
    body: OrientationBody = attrs.field(converter=_to_body)
    department: str = attrs.field(metadata=declare(DEPARTMENT))
    informed_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    notified_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)

    CONSTRAINTS = (
        # the département is informed of the RSA right before it decides; it notifies after
        Ordered("informed_on", "on", at_first=True),
        Ordered("on", "notified_on"),
    )

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

    person_id: str = attrs.field(metadata=declare(TEXT))
    signed_on: pendulum.Date = attrs.field(converter=dates.to_date)
    body: OrientationBody = attrs.field(converter=_to_body)
    weekly_activity_hours: float = attrs.field(metadata=declare(Ge(0), Le(168)))
    # never in `repr`, a message or a default export: its grounds include health and disability
    hours_adjusted: bool = attrs.field(
        default=False, repr=_hidden_flag, metadata=declare(sensitive=True)
    )
    social_support: bool = False
    review_extended: bool = attrs.field(
        default=False, repr=_hidden_flag, metadata=declare(sensitive=True)
    )
    revised_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)
    reviewed_on: pendulum.Date | None = attrs.field(default=None, converter=dates.to_optional_date)

    CONSTRAINTS = (
        Ordered("signed_on", "revised_on"),
        Ordered("signed_on", "reviewed_on"),
    )

    @property
    def review_from(self) -> pendulum.Date:
        """The day the review delay runs from: the last revision, else the signature."""
        return self.signed_on if self.revised_on is None else self.revised_on
